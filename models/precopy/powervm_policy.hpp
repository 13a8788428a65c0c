// models::precopy::PowervmPolicy: PowerVM LPM's stop rule. IBM publishes only its shape —
// passes continue "until enough pages are clean, or a timeout is reached" (lpm-protocol.md
// §2.4, §9.4; precopy-models.md §8) — so every number below is a documented assumption.
#pragma once

#include <optional>

#include "models/precopy/stop_policy.hpp"

namespace models::precopy {

struct PowervmPolicyConfig {
  // Stop when the remaining dirty set is at most this many bytes on the wire. assumption: 64 MiB —
  // "enough pages clean" is unpublished (§2.4, §10); in the hybrid mode what remains is the
  // post-copy tail, whose cost grows with its bytes, not with the partition's size (§2.6) …
  sim::Bytes max_remaining_bytes = 64_MiB;
  // … or at most this fraction of the touched pages ("a high percentage copied", S36) [off].
  double max_remaining_fraction = 0;
  // Stop when the dirty set has not shrunk by at least min_shrink (relative) for this many
  // consecutive passes [assumption: 3 passes, 5 %].
  int no_progress_passes = 3;
  double min_shrink = 0.05;
  int max_passes = 30;  // [assumption, echoing Xen's 30]
  // "… or a timeout is reached" (§2.4, precopy-models §8); value unpublished, assumption: 1 h.
  // Unset: no time limit.
  std::optional<sim::Duration> max_time = 1_h;
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
