// models::precopy::SimgridPolicy: SimGrid's VmLiveMigration rule (precopy-models.md §5.2):
// bandwidth = bytes of the last stage/round ÷ its duration, threshold = bandwidth ×
// max_downtime; iterate while remaining > threshold; a global timeout forces stage 3.
#pragma once

#include "models/precopy/stop_policy.hpp"
#include "sim/time.hpp"

namespace models::precopy {

struct SimgridPolicyConfig {
  sim::Duration max_downtime = 30_ms;   // SimGrid default (§5.1)
  sim::Duration timeout = 10'000'000_s;  // SimGrid's global timeout, 1e7 s (§5.2)
};

class SimgridPolicy final : public StopPolicy {
 public:
  explicit SimgridPolicy(SimgridPolicyConfig config = {}) : config_(config) {}
  std::string_view name() const override { return "simgrid"; }
  StopDecision decide(const StopContext& context) override;

 private:
  SimgridPolicyConfig config_;
  sim::BytesPerSecond bandwidth_{0};
};

}  // namespace models::precopy
