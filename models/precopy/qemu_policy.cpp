#include "models/precopy/qemu_policy.hpp"

#include <algorithm>

namespace models::precopy {

sim::BytesPerSecond QemuPolicy::bandwidth(sim::BytesPerSecond window) const {
  return config_.avail_switchover_bandwidth.value() > 0 ? config_.avail_switchover_bandwidth : window;
}

double QemuPolicy::sync_threshold_bytes(sim::BytesPerSecond window_bandwidth) const {
  // migration_update_counters(): threshold_size = bandwidth × downtime_limit.
  return bandwidth(window_bandwidth).value() * config_.downtime_limit.seconds();
}

void QemuPolicy::evaluate_throttle(const StopContext& context) {
  // migration_bitmap_sync() accumulates num_dirty_pages_period over syncs and calls
  // migration_trigger_throttle() once more than a second has passed since the last period.
  const PassStats& pass = context.last();
  dirty_bytes_period_ += pass.pages_dirtied * context.page_bytes;  // × TARGET_PAGE_SIZE
  xfer_bytes_period_ += pass.wire_bytes;
  if (!evaluated_once_) {
    evaluated_once_ = true;
    last_evaluation_ = pass.start;  // the setup sync opens the first period
  }
  if (context.now - last_evaluation_ < config_.evaluation_period) return;
  const double threshold = xfer_bytes_period_ * config_.throttle_trigger_threshold / 100.0;
  if (config_.auto_converge && dirty_bytes_period_ > threshold && ++dirty_rate_high_cnt_ >= 2) {
    dirty_rate_high_cnt_ = 0;
    if (throttle_ == 0) {  // mig_throttle_guest_down()
      throttle_ = config_.cpu_throttle_initial;
    } else {
      double increment = config_.cpu_throttle_increment;
      if (config_.cpu_throttle_tailslow) {
        const double cpu_now = 100 - throttle_;
        const double cpu_ideal = cpu_now * (threshold / dirty_bytes_period_);
        increment = std::min(cpu_now - cpu_ideal, increment);
      }
      throttle_ = std::min(throttle_ + increment, config_.max_cpu_throttle);
    }
  }
  last_evaluation_ = context.now;
  dirty_bytes_period_ = 0;
  xfer_bytes_period_ = 0;
}

StopDecision QemuPolicy::decide(const StopContext& context) {
  evaluate_throttle(context);
  StopDecision d;
  d.bandwidth = bandwidth(context.window_bandwidth);
  d.remaining_bytes = context.remaining_bytes();
  d.threshold_bytes = sync_threshold_bytes(context.window_bandwidth);
  // expected-downtime = dirty bytes at the last sync / bandwidth (query-migrate, §4.1).
  if (d.bandwidth.value() > 0) d.expected_downtime = sim::ceil_seconds(d.remaining_bytes / d.bandwidth.value());
  // migration_iteration_run(): !pending_size || pending_size < threshold_size → migration_completion().
  if (d.remaining_bytes <= 0 || d.remaining_bytes < d.threshold_bytes) d.rule = "expected-downtime-below-limit";
  d.stop = d.rule != "continue";
  d.throttle = throttle_ / 100.0;
  return d;
}

}  // namespace models::precopy
