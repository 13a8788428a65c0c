// models::precopy::PowervmPolicy: PowerVM LPM's stop rule. IBM publishes only its shape —
// passes continue "until enough pages are clean, or a timeout is reached" (lpm-protocol.md
// §2.4, §9.4; precopy-models.md §8) — so every number below is a documented assumption.
#pragma once

#include <limits>

#include "models/precopy/stop_policy.hpp"

namespace models::precopy {

struct PowervmPolicyConfig {
  // Stop when the remaining dirty set is at most this fraction of the touched pages
  // [assumption: 1 %; "enough pages clean"] …
  double max_remaining_fraction = 0.01;
  // … or at most this many bytes on the wire [assumption: off].
  double max_remaining_bytes = 0;
  // Stop when the dirty set has not shrunk by at least min_shrink (relative) for this many
  // consecutive passes [assumption: 3 passes, 5 %].
  int no_progress_passes = 3;
  double min_shrink = 0.05;
  int max_passes = 30;  // [assumption, echoing Xen's 30]
  sim::Duration max_time = sim::Duration::max();  // pre-copy timeout [assumption: none]
};

class PowervmPolicy final : public StopPolicy {
 public:
  explicit PowervmPolicy(PowervmPolicyConfig config = {}) : config_(config) {}
  std::string_view name() const override { return "powervm"; }
  StopDecision decide(const StopContext& context) override;

 private:
  PowervmPolicyConfig config_;
  int stalled_passes_ = 0;
};

}  // namespace models::precopy
