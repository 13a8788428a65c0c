// models::network::MaxMinSolver: max-min fair rates with per-flow caps, by progressive filling
// (Bertsekas & Gallager, Data Networks §6.5.2). The numeric kernel of FlowNetwork, kept apart so
// it can be tested on textbook cases and benchmarked alone. Flat arrays, reused between solves:
// the problem persists between solves (flows are added and removed), and after warm-up neither
// a solve nor a flow change allocates. Rates and capacities are plain doubles in bytes/s
// here because this is an inner loop over arrays; FlowNetwork wraps them in sim::BytesPerSecond.
// A flow's weight is the capacity it consumes per unit of its rate (wire bytes per payload byte),
// so rates are fair in payload while capacity is counted on the wire. A solve is incremental:
// max-min fairness decomposes over connected components (flows linked by shared resources), so
// only the components a change touched since the last solve are re-solved — the same arithmetic
// in the same order as a solve of everything, so the rates are bit-identical (issue 18).
//   MaxMinSolver s; s.reset(std::vector<double>{3e9});
//   for (int i = 0; i < 3; ++i) s.add_flow(std::vector<std::uint32_t>{0}, kNoCap);
//   s.solve();  // s.rate(0) == s.rate(1) == s.rate(2) == 1e9
#pragma once

#include <cstddef>
#include <cstdint>
#include <limits>
#include <span>
#include <utility>
#include <vector>

#include <boost/container/small_vector.hpp>

namespace models::network {

inline constexpr double kNoCap = std::numeric_limits<double>::infinity();
// How many entries ahead the solver's and the network's loops over scattered slots and resources
// ask for the memory they will read (their misses then overlap; issue 18, measured at 8).
inline constexpr std::size_t kPrefetchAhead = 8;

class MaxMinSolver {
 public:
  // Starts a new problem: resource r has capacity capacities[r] ≥ 0 (bytes/s). Drops all flows.
  void reset(std::span<const double> capacities);
  // Adds a flow that consumes rate × weight on each listed resource, its rate capped at `cap` ≥ 0
  // (kNoCap for none); weight > 0. Returns its slot: 0, 1, 2, … after a reset, then the most
  // recently freed slot first. The flow stays in the problem until remove_flow.
  std::uint32_t add_flow(std::span<const std::uint32_t> resources, double cap, double weight = 1.0);
  void remove_flow(std::uint32_t slot);
  // Ask for what remove_flow(slot) will read, in three stages for a caller about to remove many
  // scattered flows (each stage reads what the one before asked for): the slot's entries, then its
  // resources' member rows, then the rows' members. Always inlined: GCC 12 deletes an out-of-line
  // call that has no effect but a prefetch (see IdTable::prefetch).
  [[gnu::always_inline]] void prefetch_slot(std::uint32_t slot) const {
    __builtin_prefetch(uses_.data() + slot * stride_);
    __builtin_prefetch(&use_count_[slot]);
    __builtin_prefetch(&in_use_[slot]);
    __builtin_prefetch(&rate_[slot]);
  }
  [[gnu::always_inline]] void prefetch_rows(std::uint32_t slot) const {
    for (const std::uint32_t r : uses(slot)) __builtin_prefetch(&members_[r]);
  }
  [[gnu::always_inline]] void prefetch_members(std::uint32_t slot) const {
    for (const std::uint32_t r : uses(slot)) __builtin_prefetch(members_[r].data());
  }
  void set_cap(std::uint32_t slot, double cap);
  void set_capacity(std::uint32_t resource, double capacity);
  // Appends a resource (capacity ≥ 0) after those of reset(); returns its index. Flows may use it
  // like any other; it lives until the next reset (callers recycle unused ones).
  std::uint32_t add_resource(double capacity);
  // Computes the max-min fair allocation of the flows present, re-solving only the components
  // changed since the last solve (the others keep their rates). A flow with no resources and no
  // cap gets +inf.
  void solve();
  // The same allocation with every component re-solved (the baseline for tests and benchmarks).
  void solve_all();
  // The flows (in the order the walk found them) and the resources (ascending) the last solve
  // re-solved: only their rates can have changed.
  std::span<const std::uint32_t> solved_flows() const { return component_slots_; }
  std::span<const std::uint32_t> solved_resources() const { return component_resources_; }
  // Of those flows, the ones whose rate the last solve changed, in the order it froze them (a
  // data-centre solve re-rates few of the flows it re-solves; a caller that mirrors rates need
  // not visit the others).
  std::span<const std::uint32_t> changed_flows() const { return changed_; }
  // Slots of the flows using `resource`, ascending.
  std::span<const std::uint32_t> flows_on(std::uint32_t resource) const {
    return {members_[resource].data(), members_[resource].size()};
  }

  // Σ rate × weight over the flows using `resource`, summed in slot order: the capacity the last
  // solve gives out on it.
  double load_on(std::uint32_t resource) const {
    // A rack uplink carries hundreds of flows in scattered slots: their rates and weights are
    // asked for a few members ahead so the misses overlap.
    const MemberRow& row = members_[resource];
    double sum = 0.0;
    for (std::size_t i = 0; i < row.size(); ++i) {
      if (i + kPrefetchAhead < row.size()) {
        __builtin_prefetch(&rate_[row[i + kPrefetchAhead]]);
        __builtin_prefetch(&weight_[row[i + kPrefetchAhead]]);
      }
      sum += rate_[row[i]] * weight_[row[i]];
    }
    return sum;
  }
  std::size_t flow_count() const { return live_flows_; }
  // Slots 0 … slot_count() - 1 exist; a free one uses no resource and has rate 0.
  std::size_t slot_count() const { return cap_.size(); }
  // The resources the flow in `slot` uses (none for a free slot).
  std::span<const std::uint32_t> uses(std::uint32_t slot) const {
    return {uses_.data() + slot * stride_, use_count_[slot]};
  }
  double weight(std::uint32_t slot) const { return weight_[slot]; }
  // Rate of the flow in `slot` after the last solve; 0 for a free slot.
  double rate(std::uint32_t slot) const { return rate_[slot]; }
  std::span<const double> rates() const { return rate_; }
  // Bottleneck rounds the last solve took (each freezes ≥ 1 flow): a cost measure for benchmarks.
  std::size_t rounds() const { return rounds_; }

 private:
  void mark_dirty(std::uint32_t slot);
  void collect_components();
  // `resources`, all marked in resource_bits_, sorted ascending; clears their marks.
  void in_ascending_order(std::vector<std::uint32_t>& resources);
  void prepare();
  void widen(std::size_t needed);
  void freeze(std::uint32_t slot, double rate);
  void account_frozen();
  double find_bottlenecks();
  void freeze_capped_below(double level);
  void freeze_bottlenecks(double level);
  void refresh_touched_shares();

  // The problem persists between solves, so a recomputation after one flow starts or ends does
  // not rebuild it: resources with capacities and member rows, flows in reusable slots.
  std::vector<double> capacity_;
  // Per resource: the slots using it, ascending. Most resources (an MSP's link, a stream's cap)
  // carry a few flows: their rows live inline, in the same cache lines as the row's size, instead
  // of behind a pointer to a separate allocation (row inserts and removals were 11 % of a
  // 10 000-LPAR evacuation, most of it cache misses on the rows).
  using MemberRow = boost::container::small_vector<std::uint32_t, 6>;
  std::vector<MemberRow> members_;
  // Per slot, the resources it uses: flat, stride_ entries per slot, use_count_ of them valid
  // (one contiguous array rather than a vector per flow: freeze() walks it for every flow).
  std::vector<std::uint32_t> uses_;
  std::vector<std::uint32_t> use_count_;
  std::size_t stride_ = 4;
  std::vector<double> cap_;
  std::vector<double> weight_;
  std::vector<std::uint32_t> in_use_;
  std::vector<std::uint32_t> free_slots_;
  std::size_t live_flows_ = 0;
  // What changed since the last solve: resources whose flows or capacity changed, and flows
  // without resources whose cap changed (they form a component of their own).
  std::vector<std::uint32_t> dirty_resources_;
  std::vector<std::uint32_t> dirty_slots_;
  // The components to solve, found by a walk that marks what it visits: one bit per resource and
  // per slot, all clear between solves.
  std::vector<std::uint64_t> resource_bits_;  // also read back for the ascending order
  std::vector<std::uint64_t> slot_bits_;
  std::vector<std::uint32_t> component_resources_;  // ascending
  std::vector<std::uint32_t> component_slots_;      // in the order the walk found them
  std::vector<std::uint32_t> leaf_of_;              // resource → its leaf in min_tree_ (this solve)
  // Solve state, sized once and reused; only the entries of the components being solved are set.
  std::vector<double> remaining_;              // capacity not yet given to frozen flows
  std::vector<std::uint32_t> unfrozen_count_;  // flows still rising on the resource
  std::vector<double> unfrozen_weight_;        // their summed weights
  // A min segment tree over the component resources' shares — remaining_ / unfrozen_weight_, the
  // level that saturates the resource, +inf when no flow on it is rising. The i-th component
  // resource (ascending) is leaf min_tree_[leaves_ + i].
  std::vector<double> min_tree_;
  std::size_t leaves_ = 1;
  std::vector<std::uint32_t> bottlenecks_;  // resources whose share is the current level
  std::vector<std::uint32_t> touched_;      // resource had a flow frozen this round
  std::vector<std::uint32_t> touched_list_;
  std::vector<std::uint32_t> freezing_;  // the flows this round froze, in freezing order
  std::vector<std::uint32_t> changed_;   // the flows this solve gave a new rate, in freezing order
  // (cap, slot) of every capped flow being solved, ascending: a solve walks it with next_cap_.
  std::vector<std::pair<double, std::uint32_t>> cap_order_;
  std::size_t next_cap_ = 0;
  std::vector<std::uint32_t> frozen_;  // not uint8: a char store aliases every array
  std::vector<double> rate_;
  std::size_t unfrozen_ = 0;
  std::size_t rounds_ = 0;
};

}  // namespace models::network
