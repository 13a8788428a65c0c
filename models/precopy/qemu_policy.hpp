// models::precopy::QemuPolicy: QEMU/KVM's switchover rule and auto-converge, with QEMU's
// defaults (precopy-models.md §4.1–§4.3, migration/options.c, migration/ram.c):
// - the pass ends early (a dirty sync) once pending < bandwidth × downtime-limit, the
//   bandwidth measured over the last ≥ 100 ms window (BUFFER_DELAY) or avail-switchover-
//   bandwidth when set; after the sync, switch over if still pending < threshold. No pass cap,
//   no 3×M cap: a non-converging VM migrates until someone aborts (§4.1);
// - auto-converge, evaluated at a sync once ≥ 1 s has passed since the last evaluation: if the
//   bytes dirtied in the period exceed throttle-trigger-threshold % of the bytes sent, twice
//   (dirty_rate_high_cnt ≥ 2, reset after acting), throttle: first cpu-throttle-initial, then
//   + cpu-throttle-increment, capped at max-cpu-throttle (optionally tailslow). The workload
//   then dirties at (1 − throttle) of its rate (§4.3).
// max-bandwidth (128 MiB/s default, lifted for the stop-and-copy) is a rate limit of the live
// passes: set PrecopyConfig::live_rate_limit.
#pragma once

#include "models/precopy/auto_converge.hpp"
#include "models/precopy/stop_policy.hpp"
#include "sim/time.hpp"

namespace models::precopy {

struct QemuPolicyConfig {
  sim::Duration downtime_limit = sim::Duration::from_ns(300'000'000);  // 300 ms (≤ 2.3: 30 ms)
  sim::BytesPerSecond avail_switchover_bandwidth{0};  // 0 = use the measured bandwidth
  bool auto_converge = false;                         // capability off by default
  double throttle_trigger_threshold = 50;             // %
  double cpu_throttle_initial = 20;                   // %
  double cpu_throttle_increment = 10;                 // %
  double max_cpu_throttle = 99;                       // %
  bool cpu_throttle_tailslow = false;
  sim::Duration evaluation_period = sim::Duration::from_ns(1'000'000'000);  // ≥ 1 s between
};

class QemuPolicy final : public StopPolicy {
 public:
  explicit QemuPolicy(QemuPolicyConfig config = {}) : config_(config) {}
  std::string_view name() const override { return "qemu"; }
  StopDecision decide(const StopContext& context) override;
  double sync_threshold_bytes(sim::BytesPerSecond window_bandwidth) const override;
  double throttle_percent() const { return throttle_.percent(); }

 private:
  sim::BytesPerSecond bandwidth(sim::BytesPerSecond window) const;

  QemuPolicyConfig config_;
  AutoConvergeThrottle throttle_;
};

}  // namespace models::precopy
