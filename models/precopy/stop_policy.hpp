// models::precopy::StopPolicy: decides, at each end of pass (dirty-bitmap sync), whether the
// pre-copy loop stops and the partition may suspend. One small class per engine modelled:
// PowervmPolicy, XenPolicy, QemuPolicy, SimgridPolicy (precopy-models.md §9.3).
//   QemuPolicy qemu({.downtime_limit = 300_ms, .auto_converge = true});
//   PrecopyLoop loop(engine, "db01", pages, workload, channel, qemu, {});
#pragma once

#include <optional>
#include <string_view>
#include <vector>

#include "models/precopy/pass_stats.hpp"

namespace models::precopy {

using namespace sim::literals;

// QEMU measures bandwidth over windows of at least BUFFER_DELAY (precopy-models.md §4.1).
inline constexpr sim::Duration kBufferDelay = 100_ms;

struct StopContext {
  sim::Time now;
  sim::Duration elapsed;                // since the pre-copy started
  const std::vector<PassStats>* passes;  // finished passes; back() just ended (no decision yet)
  double remaining_pages = 0;           // pending ∪ dirty now
  double wire_bytes_per_page = 0;
  double page_bytes = 0;                // tracking page size: pending counts every page at it
  double memory_pages = 0;              // all pages of the partition
  double touched_pages = 0;
  double total_pages_sent = 0;          // over all passes so far
  sim::BytesPerSecond window_bandwidth{0};  // bytes/s over the last ≥ 100 ms window (QEMU)
  const PassStats& last() const { return passes->back(); }
  // What the engine counts as still dirty: every page at page size, zero pages included (QEMU's
  // migration_dirty_pages × TARGET_PAGE_SIZE, fidelity/README.md).
  double remaining_bytes() const { return remaining_pages * page_bytes; }
};

class StopPolicy {
 public:
  virtual ~StopPolicy() = default;
  virtual std::string_view name() const = 0;
  // Called once per pass end, in order; may keep state (counters, throttle).
  virtual StopDecision decide(const StopContext& context) = 0;
  // Pending bytes below which the current pass ends early with a sync (QEMU syncs when its
  // pending estimate falls below bandwidth × downtime-limit, §4.1). 0: passes run to empty.
  virtual double sync_threshold_bytes(sim::BytesPerSecond window_bandwidth) const {
    (void)window_bandwidth;
    return 0;
  }
  // Rate limit of the live passes, lifted for the blackout (QEMU max-bandwidth); unset: none.
  virtual std::optional<sim::BytesPerSecond> live_rate_limit() const { return std::nullopt; }
  // The period over which the loop measures the bandwidth it hands to decide().
  virtual sim::Duration bandwidth_window() const { return kBufferDelay; }
};

}  // namespace models::precopy
