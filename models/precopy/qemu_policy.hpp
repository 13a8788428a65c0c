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
// passes and the bandwidth window the loop's measuring period: the PrecopyLoop asks the policy.
#pragma once

#include "models/precopy/auto_converge.hpp"
#include "models/precopy/stop_policy.hpp"
#include "sim/time.hpp"

namespace models::precopy {

struct QemuPolicyConfig {
  sim::Duration downtime_limit = 300_ms;  // §4.2 (≤ 2.3: 30 ms)
  // §4.2 max-bandwidth: 128 MiB/s (MAX_THROTTLE); libvirt sets it unlimited (unset).
  std::optional<sim::BytesPerSecond> max_bandwidth = sim::BytesPerSecond(128.0 * 1024 * 1024);
  sim::Duration bandwidth_window = kBufferDelay;       // §4.1 BUFFER_DELAY
  std::optional<sim::BytesPerSecond> avail_switchover_bandwidth;  // §4.1; unset: the measured one
  bool auto_converge = false;                          // §4.3: capability off by default
  AutoConvergeConfig throttle;                         // §4.2: QEMU's cpu-throttle parameters
};

class QemuPolicy final : public StopPolicy {
 public:
  explicit QemuPolicy(QemuPolicyConfig config = {}) : config_(config) {}
  std::string_view name() const override { return "qemu"; }
  StopDecision decide(const StopContext& context) override;
  double sync_threshold_bytes(sim::BytesPerSecond window_bandwidth) const override;
  double throttle() const { return throttle_.fraction(); }  // of the vCPUs' time taken
  std::optional<sim::BytesPerSecond> live_rate_limit() const override { return config_.max_bandwidth; }
  sim::Duration bandwidth_window() const override { return config_.bandwidth_window; }

 private:
  sim::BytesPerSecond bandwidth(sim::BytesPerSecond window) const;

  QemuPolicyConfig config_;
  AutoConvergeThrottle throttle_;
};

}  // namespace models::precopy
