#include "models/precopy/qemu_policy.hpp"

#include <algorithm>

namespace models::precopy {

sim::BytesPerSecond QemuPolicy::bandwidth(sim::BytesPerSecond window) const {
  return config_.avail_switchover_bandwidth.value_or(window);
}

double QemuPolicy::sync_threshold_bytes(sim::BytesPerSecond window_bandwidth) const {
  // migration_update_counters(): threshold_size = bandwidth × downtime_limit.
  return bandwidth(window_bandwidth).value() * config_.downtime_limit.seconds();
}

StopDecision QemuPolicy::decide(const StopContext& context) {
  throttle_.evaluate(context, config_.throttle, config_.auto_converge);
  StopDecision d;
  d.bandwidth = bandwidth(context.window_bandwidth);
  d.remaining_bytes = context.remaining_bytes();
  d.threshold_bytes = sync_threshold_bytes(context.window_bandwidth);
  // expected-downtime = dirty bytes at the last sync / bandwidth (query-migrate, §4.1).
  if (d.bandwidth.value() > 0) d.expected_downtime = sim::ceil_seconds(d.remaining_bytes / d.bandwidth.value());
  // migration_iteration_run(): !pending_size || pending_size < threshold_size → migration_completion().
  if (d.remaining_bytes <= 0 || d.remaining_bytes < d.threshold_bytes) d.rule = "expected-downtime-below-limit";
  d.stop = d.rule != "continue";
  d.throttle = throttle();
  return d;
}

}  // namespace models::precopy
