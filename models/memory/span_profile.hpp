// models::memory::SpanProfile: a piecewise-constant density over a sequential writer's span, in
// rank order, where rank S wraps to rank 0 (a circle).
//
// Why the expected mode needs it: a sequential writer dirties the arc of ranks its cursor swept
// since the last sync, and what a sync leaves pending is the arcs of earlier intervals, thinned by
// the scan. The two sets are adjacent arcs, not independent draws, so the pages that are both
// pending and dirty again are those of the cursor's arc that wrapped onto older pending arcs —
// none until the cursor has gone round. The independence rule of the page classes
// (pending·dirty/n) counts overlap where there is none, under-counts what is left, and ends
// pre-copy syncs early (4 % short of exact mode on QEMU's 5 000 pages/s sequential writers).
//
// The scan walks addresses, and the exact mode spreads consecutive ranks over them (an affine
// bijection), so a chunk takes the same share of every arc: sending scales the whole profile and
// leaves its shape alone. Arcs are added at syncs and overwritten as the cursor laps, so a profile
// holds about as many segments as the syncs in one lap.
#pragma once

#include <vector>

namespace models::memory {

class SpanProfile {
 public:
  explicit SpanProfile(double span = 0);

  double span() const { return span_; }
  // ∫ density over the whole span, and over the arc [from, from + length) (wrapping; length is
  // capped at the span).
  double mass() const;
  double mass(double from, double length) const;
  // Density `value` over the arc [from, from + length).
  void paint(double from, double length, double value);
  // ∫ this · other over the span.
  double overlap(const SpanProfile& other) const;
  // Every density times `factor`.
  void scale(double factor);
  // Pending ∪ dirty when `dirty` is 0/1: density 1 where `dirty` is 1, this density elsewhere.
  void merge_indicator(const SpanProfile& dirty);
  std::size_t segments() const { return begin_.size(); }

 private:
  void paint_linear(double lo, double hi, double value);
  double mass_linear(double lo, double hi) const;
  double end_of(std::size_t i) const { return i + 1 < begin_.size() ? begin_[i + 1] : span_; }
  void coalesce();

  double span_;
  std::vector<double> begin_;  // segment i covers [begin_[i], begin_[i+1]) (the last one to span_)
  std::vector<double> value_;  // its density
};

}  // namespace models::memory
