// models::memory::Workload: how a partition dirties its memory over simulated time. Used by the
// page states (exact and expected) to dirty pages between chunk completions, and by the
// pre-copy loop (QEMU auto-converge throttles it). Pages are addressed by *rank* (0 = most
// written); the page state maps ranks to addresses. precopy-models.md §3 is the science.
//   Workload w(WorkloadConfig{.kind = WorkloadKind::hot_cold, .rate = 1e5}, pages, touched);
//   double e = w.exposure(t0, t1);  // seconds of full-rate dirtying in [t0, t1)
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <vector>

#include "sim/time.hpp"

namespace models::memory {

// constant: a sequential writer dirtying *distinct* pages at `rate` pages/s, sweeping its working
//   set S in order and wrapping (min(D t, S), precopy-models.md §3 "scan writers"; the closed-
//   form model's assumption, §2); S = working_set_fraction of memory, at most the touched pages.
// uniform: `rate` page writes/s spread uniformly over the writable working set (Poisson per
//   page, so re-writes of dirty pages saturate: N(t) = W (1 − e^(−r t)), §3).
// hot_cold: a hot set (hot_fraction of pages) receives hot_write_share of `rate`, the rest of
//   memory the remainder (§3 two-class model).
// zipf: rank-k page of the working set gets rate · k^−s / H(W,s) (§3 Zipf popularity).
// trace: a sequential writer like `constant` whose rate (distinct pages dirtied per second)
//   follows recorded samples. The scenario loader reads the file; this model takes numbers.
//   File format (one sample per line, '#' starts a comment, blank lines ignored):
//       <seconds since migration start> <distinct pages dirtied per second>
//       0     120000
//       30.5  450000      # batch peak
//       95    80000
//   Times strictly increasing, rates ≥ 0; a sample's rate holds until the next sample, the first
//   rate applies before the first sample and the last one forever (with `repeat`, the last
//   sample's time ends a cycle and the trace starts again).
// phases: not a kind of its own — any kind with a non-empty `phases` list (piecewise-constant
//   multiplier of the rate over time, e.g. a batch job's peaks).
enum class WorkloadKind { constant, uniform, hot_cold, zipf, trace };

struct Phase {
  sim::Duration length;   // > 0
  double multiplier = 1;  // ≥ 0, scales `rate`
};

struct TraceSample {
  sim::Duration at;  // since migration start
  double pages_per_second = 0;
};

// Every default below is an assumption (no published number), except where a section is cited.
struct WorkloadConfig {
  WorkloadKind kind = WorkloadKind::uniform;
  // constant: distinct pages dirtied/s (D). uniform, hot_cold, zipf: page writes/s (Σ r_i).
  double rate = 0;
  // constant/uniform/zipf: fraction of memory pages that are ever written (ranks below it).
  double working_set_fraction = 1.0;
  double hot_fraction = 0.05;     // hot_cold: fraction of memory pages in the hot set
  double hot_write_share = 0.9;   // hot_cold: share of the writes that hit the hot set
  double zipf_exponent = 1.0;     // zipf: s (0.8–1.2 typical, §3)
  std::vector<Phase> phases;      // optional piecewise multiplier of `rate`
  // Cycle the phases, or the trace with its last sample as the end of a cycle; otherwise the last
  // phase or sample holds forever (a batch job's day repeats only when said so: assumption).
  bool repeat = false;
  // Where the profile's time 0 (phases, trace) lies on the simulation clock; absent: at the
  // migration's start, so that every start time sees the same profile. A workload on the
  // simulation clock (a batch job quiet from 02:00) sets it (issue 17).
  std::optional<sim::Time> profile_zero;
  std::vector<TraceSample> trace; // trace: samples, see above
};

// A run of consecutive ranks whose pages share one write rate (writes/s at multiplier 1).
struct PageClass {
  std::int64_t first_rank = 0;
  std::int64_t pages = 0;
  double rate_per_page = 0;
  bool operator==(const PageClass&) const = default;
};

class Workload {
 public:
  // total_pages: pages of the partition's memory; touched_pages: ranks [0, touched) hold data.
  Workload(WorkloadConfig config, std::int64_t total_pages, std::int64_t touched_pages);

  const WorkloadConfig& config() const { return config_; }
  // True for constant/trace: a cursor dirtying distinct pages, not a Poisson writer per page.
  bool sequential() const { return sequential_; }
  std::int64_t total_pages() const { return total_pages_; }
  std::int64_t touched_pages() const { return touched_pages_; }
  // Poisson kinds: classes covering ranks [0, total_pages) in order (zero-rate ones included).
  // Zipf ranks are binned (ratio ≤ 1.02 per bin, mean rate per bin) for the expected mode.
  const std::vector<PageClass>& classes() const { return *classes_; }
  // Sum of all per-page rates (writes/s at multiplier 1); sequential: the base page rate.
  double total_rate() const { return total_rate_; }
  // Sequential kinds: the pages the cursor cycles over, ranks [0, span): constant's working set
  // (within the touched pages), trace's touched pages.
  std::int64_t sequential_span() const { return span_; }

  // The time the profile (phases, trace) counts from: set at migration start to
  // config().profile_zero, else to the start itself.
  void set_origin(sim::Time origin) { origin_ = origin; }
  // Throttle in [0, 1): the workload runs at (1 − throttle) of its rate (QEMU auto-converge,
  // precopy-models.md §4.3). Callers advance the page state to now() before changing it.
  void set_throttle(double throttle);
  double throttle() const { return throttle_; }
  // ∫ multiplier(t) · (1 − throttle) dt over [from, to), in seconds: multiply by a rate to get
  // writes (Poisson) or distinct pages (sequential).
  double exposure(sim::Time from, sim::Time to) const;

 private:
  void build_profile();
  void build_classes();
  double integral_from_origin(double seconds) const;
  double integral_within(double seconds) const;

  WorkloadConfig config_;
  std::int64_t total_pages_;
  std::int64_t touched_pages_;
  bool sequential_ = false;
  std::int64_t span_ = 0;
  std::shared_ptr<const std::vector<PageClass>> classes_;  // shared by alike Zipf workloads
  double total_rate_ = 0;
  sim::Time origin_ = sim::Time::zero();
  double throttle_ = 0;
  // Piecewise-constant multiplier: segment k starts at starts_[k] s with multipliers_[k];
  // prefix_[k] = integral up to starts_[k]. cycle_ > 0 repeats the profile with that period.
  std::vector<double> starts_;
  std::vector<double> multipliers_;
  std::vector<double> prefix_;
  double cycle_ = 0;
};

}  // namespace models::memory
