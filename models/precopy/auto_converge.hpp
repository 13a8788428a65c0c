// models::precopy::AutoConvergeThrottle: QEMU's auto-converge decision (migration/ram.c,
// migration_trigger_throttle and mig_throttle_guest_down; precopy-models.md §4.3), one copy for
// both users: QemuPolicy (QEMU's own capability) and ConvergencePolicy (the auto_converge
// action of the convergence layer). At a dirty sync, once `evaluation_period` has passed since
// the last evaluation: if the bytes dirtied in the period exceed `trigger_threshold` of the
// bytes sent, twice in a row, the throttle rises — first to `initial`, then by `increment`
// (tail-slow: by no more than what would bring the dirty rate down to the threshold), capped at
// `max`. Fractions (QEMU states them in %), one AutoConvergeConfig for both users.
//   AutoConvergeThrottle t;  t.evaluate(context, config, /*act=*/true);  workload throttle = t.fraction()
#pragma once

#include <algorithm>

#include "models/precopy/pass_stats.hpp"
#include "models/precopy/stop_policy.hpp"
#include "sim/time.hpp"

namespace models::precopy {

// QEMU's cpu-throttle parameters and their defaults (migration/options.c; precopy-models.md §4.2).
struct AutoConvergeConfig {
  double trigger_threshold = 0.5;  // throttle-trigger-threshold 50 % of the bytes sent
  double initial = 0.2;            // cpu-throttle-initial 20 %
  double increment = 0.1;          // cpu-throttle-increment 10 %
  double max = 0.99;               // max-cpu-throttle 99 %
  bool tailslow = false;           // cpu-throttle-tailslow, off (§4.3)
  sim::Duration evaluation_period = 1_s;  // ram.c: ≥ 1 s between evaluations (§4.3)
  friend bool operator==(const AutoConvergeConfig&, const AutoConvergeConfig&) = default;
};

class AutoConvergeThrottle {
 public:
  // At a pass end (a dirty sync). With `act` false the periods are still measured, but the
  // throttle never rises (QEMU with the capability off).
  void evaluate(const StopContext& context, const AutoConvergeConfig& rule, bool act) {
    // migration_bitmap_sync() accumulates num_dirty_pages_period over syncs and calls
    // migration_trigger_throttle() once more than a period has passed since the last one.
    const PassStats& pass = context.last();
    dirty_bytes_period_ += pass.pages_dirtied * context.page_bytes;  // × TARGET_PAGE_SIZE
    xfer_bytes_period_ += pass.wire_bytes;
    if (!evaluated_once_) {
      evaluated_once_ = true;
      last_evaluation_ = pass.start;  // the setup sync opens the first period
    }
    if (context.now - last_evaluation_ < rule.evaluation_period) return;
    const double threshold = xfer_bytes_period_ * rule.trigger_threshold;
    if (act && dirty_bytes_period_ > threshold && ++dirty_rate_high_cnt_ >= 2) {
      dirty_rate_high_cnt_ = 0;
      if (fraction_ == 0) {  // mig_throttle_guest_down()
        fraction_ = rule.initial;
      } else {
        double increment = rule.increment;
        if (rule.tailslow) {
          const double cpu_now = 1 - fraction_;
          const double cpu_ideal = cpu_now * (threshold / dirty_bytes_period_);
          increment = std::min(cpu_now - cpu_ideal, increment);
        }
        fraction_ = std::min(fraction_ + increment, rule.max);
      }
    }
    last_evaluation_ = context.now;
    dirty_bytes_period_ = 0;
    xfer_bytes_period_ = 0;
  }
  // The share of the vCPUs' time taken, in [0, max].
  double fraction() const { return fraction_; }

 private:
  double fraction_ = 0;
  int dirty_rate_high_cnt_ = 0;
  bool evaluated_once_ = false;
  sim::Time last_evaluation_;
  double dirty_bytes_period_ = 0;
  double xfer_bytes_period_ = 0;
};

}  // namespace models::precopy
