// SIM_CHECK: invariant failures inside the engine or models — bugs, not bad input and not
// modelled faults. Throws sim::CheckFailed carrying the simulated time (when known) and the
// component; the CLI reports it and exits 3.
//   SIM_CHECK(free >= 0, "sysA/hypervisor", "free memory went negative");
//   SIM_CHECK_AT(engine.now(), pending_ == 0, "flow-network", "flows left at end");
#pragma once

#include <optional>
#include <stdexcept>
#include <string>

#include "sim/time.hpp"

namespace sim {

class CheckFailed : public std::logic_error {
 public:
  CheckFailed(std::optional<Time> at, std::string component, std::string what, std::string condition,
              const char* file, int line);
  const std::optional<Time>& at() const { return at_; }
  const std::string& component() const { return component_; }

 private:
  std::optional<Time> at_;
  std::string component_;
};

[[noreturn]] void check_failed(std::optional<Time> at, std::string component, std::string what,
                               const char* condition, const char* file, int line);

}  // namespace sim

#define SIM_CHECK(cond, component, what) \
  ((cond) ? (void)0 : ::sim::check_failed(std::nullopt, (component), (what), #cond, __FILE__, __LINE__))
#define SIM_CHECK_AT(time, cond, component, what) \
  ((cond) ? (void)0 : ::sim::check_failed((time), (component), (what), #cond, __FILE__, __LINE__))
