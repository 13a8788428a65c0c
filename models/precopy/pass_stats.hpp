// Plain result structs of the pre-copy core, for the run report and the protocol: one
// PassStats per pre-copy pass, the stop decision and the numbers behind it, and the reports
// of the stop, the suspend, the blackout transfer and the post-copy tail. Page counts are
// doubles because the expected mode's pages are fractional.
#pragma once

#include <string>

#include "sim/quantity.hpp"
#include "sim/time.hpp"

namespace models::precopy {

// What a stop policy concluded at the end of a pass (a dirty-bitmap sync).
struct StopDecision {
  bool stop = false;
  std::string rule = "continue";  // e.g. "remaining-below-threshold", "max-iterations"
  double remaining_bytes = 0;     // wire bytes the destination would still lack
  double threshold_bytes = 0;     // the bound the rule compared with (0 when none applies)
  sim::BytesPerSecond bandwidth{0};  // the bandwidth the policy used (0 when none)
  sim::Duration expected_downtime = sim::Duration::zero();  // remaining / bandwidth, if known
  double throttle = 0;            // workload throttle in [0, 1) from now on (QEMU auto-converge)
};

// What the management layer above the stop policy (convergence_policy.hpp) concluded at a pass
// end; `policy` is empty when no layer runs (PowerVM's default).
struct ConvergenceNote {
  std::string policy;
  std::string action = "continue";  // "continue", "stop", "abort"
  std::string rule;                 // "downtime-ramp", "completion-timeout", "stall"
  std::string then;                 // for timeouts and stalls: abort, postcopy, force_stop_and_copy
  sim::Duration allowed_downtime = sim::Duration::zero();   // the ramp's current step (0: off)
  sim::Duration expected_downtime = sim::Duration::zero();  // remaining ÷ bandwidth
  double throttle = 0;                                      // auto-converge's throttle from now on
  std::string overruled;  // the stop policy's stop rule the layer overruled (owns_stop), if any
};

struct PassStats {
  int index = 0;  // 1 = the full first pass
  sim::Time start;
  sim::Time end;
  double pages_sent = 0;
  double wire_bytes = 0;
  double pages_dirtied = 0;    // distinct pages dirtied during the pass (bitmap at its end)
  double page_writes = 0;      // write events during the pass
  double remaining_pages = 0;  // left over ∪ dirtied: what the next pass (or the stop) must send
  sim::BytesPerSecond effective_bandwidth{0};  // wire bytes / duration
  double dirty_rate = 0;       // pages_dirtied / duration, pages/s (QEMU's dirty-pages-rate)
  double throttle = 0;         // workload throttle in effect during the pass
  StopDecision decision;
  ConvergenceNote convergence;
  sim::Duration duration() const { return end - start; }
};

struct StopReport {
  sim::Time at;
  int passes = 0;
  double remaining_pages = 0;
  double remaining_wire_bytes = 0;
  StopDecision decision;
};

struct SuspendReport {
  sim::Time at;
  double dirtied_since_stop = 0;  // pages dirtied between the decision and the suspend
  double remaining_pages = 0;     // what the blackout and/or post-copy must deliver
};

struct BlackoutReport {
  sim::Time start;
  sim::Time end;
  sim::Bytes state_bytes{0};  // CPU and device state
  double pages_sent = 0;      // dirty pages sent while suspended (all of them in pure pre-copy)
  double wire_bytes = 0;      // state + pages
  double pages_left = 0;      // left for the post-copy tail
  double wire_bytes_taken = 0;  // handed to the channel so far (paces the switchover rate)
  sim::Duration transfer_time() const { return end - start; }
};

struct PostcopyReport {
  sim::Time start;
  sim::Time end;
  double pages_pushed = 0;   // background push
  double demand_faults = 0;  // touches of missing pages, each fetched on demand
  sim::Duration stall = sim::Duration::zero();  // total fault stall: faults × (RTT + page time)
  sim::Duration window() const { return end - start; }
};

}  // namespace models::precopy
