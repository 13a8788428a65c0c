// models::memory::ExpectedPageState: the expected-value representation. Pages are grouped in
// classes (count nᵢ, write rate λᵢ) held in Eigen arrays; over an exposure E a not-yet-dirty
// page of class i becomes dirty with probability 1 − e^(−λᵢE) (precopy-models.md §3), so
// counts are fractional. Sequential writers (constant, trace) sweep their span S (class 0, §3
// scan writers) with a cursor; where in the span their pages are pending and dirty is kept in
// rank order (SpanProfile), because those sets are adjacent arcs, not independent draws.
// Never-written pages are tracked per class as zero pages (send_untouched). The top block (MemoryConfig::top_block) is a pool of its own: data
// no class writes, which the scan meets at the end of its first lap, after the other pages
// pending then and before those dirtied behind it. For terabyte LPARs and sweeps; built by
// make_page_state().
#pragma once

#include <Eigen/Core>

#include "models/memory/page_state.hpp"
#include "models/memory/span_profile.hpp"

namespace models::memory {

class ExpectedPageState final : public PageState {
 public:
  ExpectedPageState(const MemoryConfig& config, Workload& workload);

  void advance(sim::Time now) override;
  double dirty_pages() const override { return dirty_.sum() + top_dirty_; }
  double pending_pages() const override { return pending_.sum() + top_pending_; }
  double pending_zero_pages() const override { return zero_pending_.sum(); }
  double remaining_pages() const override;
  void sync() override;
  Chunk take(double max_pages) override;
  void deliver(const Chunk&) override {}
  void freeze() override { phase_ = PagePhase::frozen; }
  void begin_postcopy(double touch_factor) override;
  double take_faults() override;
  double page_writes() const override { return writes_; }
  bool fluid() const override { return true; }
  PagePhase phase() const override { return phase_; }
  void check_complete() const override;

 private:
  Chunk take_spread(double max_pages);  // from the classes, in proportion to their pending pages
  Chunk take_ahead(double max_pages);   // the same from the pages ahead of the first lap's scan
  void dirty_for(double exposure);
  void fault_for(double exposure);
  // Per class, the expected pages both pending and dirty.
  Eigen::ArrayXd overlap() const;
  // Moves the sequential cursor `pages` on (wrapping at the span); returns where it was.
  double sweep(double pages);
  // Class 0's pending density in the span: the profile's shape, scaled to pending_[0].
  double span_scale() const;

  Workload& workload_;
  PagePhase phase_ = PagePhase::precopy;
  Eigen::ArrayXd pages_;    // nᵢ (sequential: one class of the S touched pages)
  Eigen::ArrayXd rate_;     // λᵢ, writes/s per page at multiplier 1
  Eigen::ArrayXd dirty_;    // written since the last sync
  Eigen::ArrayXd pending_;  // to send / missing at the destination
  // Never-written pages are only sent (as zero pages) with send_untouched; without it the zero_
  // arrays would hold zeros for ever, so they stay empty (a sum of none is 0, and every update
  // of them below is skipped or on empty arrays): four fewer per-class passes per advance and
  // three fewer arrays per partition, the same numbers (issue 18: dirty_for was the evacuation's
  // largest source of last-level cache misses).
  bool tracks_zero_pages_ = false;
  Eigen::ArrayXd zero_dirty_;    // of dirty_, pages never written (send_untouched, before the first sync)
  Eigen::ArrayXd zero_pending_;  // of pending_, pages never written
  double top_dirty_ = 0;    // the top block before the first sync, then pending until taken
  double top_pending_ = 0;
  // The first lap of the scan, from the first sync until it has passed the top block. Syncs
  // before its end (QEMU's early sync in pass 1) add pages on both sides of the scan: those
  // ahead of it are met in this lap, with the never-written pages still there; the others wait
  // for the next one. Held per class, because what is ahead is mostly the first sync's set.
  bool first_lap_ = false;
  double scan_ = 0;               // of the spread addresses, the fraction the first lap has passed
  Eigen::ArrayXd ahead_;          // of pending_, the pages the first lap still meets below the block
  Eigen::ArrayXd zero_ahead_;     // of zero_pending_, those ahead
  bool synced_ = false;
  bool sequential_ = false;      // class 0 is the cursor's span
  double cursor_ = 0;            // the cursor's rank in the span (as in exact mode)
  SpanProfile span_pending_;     // the shape of class 0's pending pages along the span
  SpanProfile span_dirty_;       // class 0's dirty pages (0/1) along the span
  double total_pages_ = 0;
  double writes_ = 0;
  double faults_ = 0;
  double touch_factor_ = 1;
  sim::Time last_advance_ = sim::Time::zero();
  bool started_ = false;
};

}  // namespace models::memory
