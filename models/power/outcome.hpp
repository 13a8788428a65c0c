// models::power::Outcome: the result of an operation the modelled world may refuse (memory short,
// slot taken, VIOS down). Refusals are outcomes, never exceptions (STYLE "Errors"); bugs are
// SIM_CHECKs. Used by every class of models/power and by the Hmc that drives them.
//   Outcome o = hypervisor.reserve_shell(lpar).outcome;
//   if (!o) report(o.reason());  // "not enough memory on sysB: need 257 LMBs, 100 free"
#pragma once

#include <string>
#include <utility>

namespace models::power {

class [[nodiscard]] Outcome {
 public:
  static Outcome success() { return Outcome(true, {}); }
  static Outcome refused(std::string reason) { return Outcome(false, std::move(reason)); }

  bool ok() const { return ok_; }
  explicit operator bool() const { return ok_; }
  // Empty when ok(); otherwise one sentence naming the entity and the shortfall.
  const std::string& reason() const { return reason_; }

 private:
  Outcome(bool ok, std::string reason) : ok_(ok), reason_(std::move(reason)) {}
  bool ok_;
  std::string reason_;
};

}  // namespace models::power
