#include "models/network/max_min_solver.hpp"

#include <algorithm>
#include <bit>
#include <functional>
#include <string>

#include "sim/check.hpp"

namespace models::network {

namespace {
constexpr const char* kSolverComponent = "network/max-min";
constexpr double kInf = std::numeric_limits<double>::infinity();
}  // namespace

void MaxMinSolver::reset(std::span<const double> capacities) {
  capacity_.assign(capacities.begin(), capacities.end());
  members_.assign(capacity_.size(), {});
  uses_.clear();
  use_count_.clear();
  cap_.clear();
  weight_.clear();
  in_use_.clear();
  free_slots_.clear();
  cap_order_.clear();
  rate_.clear();
  live_flows_ = 0;
  dirty_resources_.clear();
  dirty_slots_.clear();
  slot_bits_.clear();
  frozen_.clear();
  component_resources_.clear();
  component_slots_.clear();
  const std::size_t resources = capacity_.size();
  resource_bits_.assign((resources + 63) / 64, 0);
  leaf_of_.assign(resources, 0);
  remaining_.assign(resources, 0.0);
  unfrozen_count_.assign(resources, 0);
  unfrozen_weight_.assign(resources, 0.0);
  touched_.assign(resources, 0);
  touched_list_.clear();
}

// A flow's change reaches every flow of its component through its resources; a flow without
// resources is a component of its own.
void MaxMinSolver::mark_dirty(std::uint32_t slot) {
  if (use_count_[slot] == 0) {
    dirty_slots_.push_back(slot);
    return;
  }
  for (const std::uint32_t r : uses(slot)) dirty_resources_.push_back(r);
}

std::uint32_t MaxMinSolver::add_flow(std::span<const std::uint32_t> resources, double cap, double weight) {
  SIM_CHECK(cap >= 0.0, kSolverComponent, "negative flow cap");
  SIM_CHECK(weight > 0.0 && weight < kInf, kSolverComponent, "flow weight must be positive and finite");
  for (const std::uint32_t r : resources)
    SIM_CHECK(r < capacity_.size(), kSolverComponent, "flow uses unknown resource " + std::to_string(r));
  std::uint32_t slot;
  if (free_slots_.empty()) {
    slot = static_cast<std::uint32_t>(cap_.size());
    uses_.resize(uses_.size() + stride_);
    use_count_.push_back(0);
    cap_.push_back(cap);
    weight_.push_back(weight);
    in_use_.push_back(1);
    rate_.push_back(0.0);
    if (slot_bits_.size() * 64 < cap_.size()) slot_bits_.push_back(0);
    frozen_.push_back(1);
  } else {
    slot = free_slots_.back();
    free_slots_.pop_back();
    cap_[slot] = cap;
    weight_[slot] = weight;
    in_use_[slot] = 1;
  }
  if (resources.size() > stride_) widen(resources.size());
  std::copy(resources.begin(), resources.end(), uses_.begin() + static_cast<std::ptrdiff_t>(slot * stride_));
  use_count_[slot] = static_cast<std::uint32_t>(resources.size());
  for (const std::uint32_t r : resources) {
    MemberRow& row = members_[r];
    row.insert(std::upper_bound(row.begin(), row.end(), slot), slot);
  }
  mark_dirty(slot);
  ++live_flows_;
  return slot;
}

// Re-lays the flat per-slot resource lists out with a wider stride (a path longer than any so far).
void MaxMinSolver::widen(std::size_t needed) {
  const std::size_t stride = std::max(needed, 2 * stride_);
  std::vector<std::uint32_t> wider(cap_.size() * stride);
  for (std::size_t f = 0; f < cap_.size(); ++f)
    std::copy_n(uses_.begin() + static_cast<std::ptrdiff_t>(f * stride_), use_count_[f],
                wider.begin() + static_cast<std::ptrdiff_t>(f * stride));
  uses_ = std::move(wider);
  stride_ = stride;
}

void MaxMinSolver::remove_flow(std::uint32_t slot) {
  SIM_CHECK(slot < in_use_.size() && in_use_[slot], kSolverComponent, "removing a free slot");
  mark_dirty(slot);
  for (const std::uint32_t r : uses(slot)) {
    MemberRow& row = members_[r];
    row.erase(std::lower_bound(row.begin(), row.end(), slot));
  }
  use_count_[slot] = 0;
  in_use_[slot] = 0;
  rate_[slot] = 0.0;
  free_slots_.push_back(slot);
  --live_flows_;
}

void MaxMinSolver::set_cap(std::uint32_t slot, double cap) {
  SIM_CHECK(slot < in_use_.size() && in_use_[slot], kSolverComponent, "capping a free slot");
  SIM_CHECK(cap >= 0.0, kSolverComponent, "negative flow cap");
  cap_[slot] = cap;
  mark_dirty(slot);
}

void MaxMinSolver::set_capacity(std::uint32_t resource, double capacity) {
  SIM_CHECK(resource < capacity_.size() && capacity >= 0.0, kSolverComponent, "bad resource capacity");
  capacity_[resource] = capacity;
  dirty_resources_.push_back(resource);
}

std::uint32_t MaxMinSolver::add_resource(double capacity) {
  SIM_CHECK(capacity >= 0.0, kSolverComponent, "bad resource capacity");
  const auto r = static_cast<std::uint32_t>(capacity_.size());
  capacity_.push_back(capacity);
  members_.emplace_back();
  if (resource_bits_.size() * 64 < capacity_.size()) resource_bits_.push_back(0);
  leaf_of_.push_back(0);
  remaining_.push_back(0.0);
  unfrozen_count_.push_back(0);
  unfrozen_weight_.push_back(0.0);
  touched_.push_back(0);
  return r;
}

// The components touched since the last solve: a walk from the changed resources over
// resource → its flows → their resources, marking what it visits in two bitmaps (one bit per
// resource and per slot: at 100 000 LPARs 30 KB and 11 KB, which stay in cache, where the
// per-entry stamps they replace were misses of their own, 4 bytes per entry among 240 000
// resources, on every step of the walk).
void MaxMinSolver::collect_components() {
  component_resources_.clear();
  component_slots_.clear();
  std::uint64_t* resource_bits = resource_bits_.data();
  std::uint64_t* slot_bits = slot_bits_.data();
  const auto first_visit = [](std::uint64_t* bits, std::uint32_t i) {
    const std::uint64_t bit = std::uint64_t{1} << (i % 64);
    if (bits[i / 64] & bit) return false;
    bits[i / 64] |= bit;
    return true;
  };
  for (const std::uint32_t f : dirty_slots_) {
    if (in_use_[f] && use_count_[f] == 0 && first_visit(slot_bits, f)) component_slots_.push_back(f);
  }
  // Breadth first, over two queues: component_resources_ (each resource's row gives flows) and
  // component_slots_ (each flow's resources give resources). Which flows and resources a walk
  // finds does not depend on its order, and neither does the solve (resources are sorted below;
  // flows are frozen by resource or by cap then slot). At data-centre scale every row and
  // resource list the walk reads is a miss to memory; a depth-first walk waited for them one at
  // a time, while a queue is known ahead, so they are asked for a few entries early (kPrefetchAhead) and
  // their misses overlap.
  for (const std::uint32_t r : dirty_resources_) {
    if (first_visit(resource_bits, r)) component_resources_.push_back(r);
  }
  std::size_t next_resource = 0;
  std::size_t next_slot = component_slots_.size();  // the resourceless flows above have no uses
  while (next_resource < component_resources_.size()) {
    for (; next_resource < component_resources_.size(); ++next_resource) {
      const std::size_t known = component_resources_.size();
      // The row 16 ahead, its members (a separate block for a busy link's row) 8 ahead.
      if (next_resource + 2 * kPrefetchAhead < known) __builtin_prefetch(&members_[component_resources_[next_resource + 2 * kPrefetchAhead]]);
      if (next_resource + kPrefetchAhead < known) __builtin_prefetch(members_[component_resources_[next_resource + kPrefetchAhead]].data());
      for (const std::uint32_t f : members_[component_resources_[next_resource]]) {
        if (!first_visit(slot_bits, f)) continue;
        component_slots_.push_back(f);
        __builtin_prefetch(uses_.data() + f * stride_);
      }
    }
    for (; next_slot < component_slots_.size(); ++next_slot) {
      for (const std::uint32_t r : uses(component_slots_[next_slot])) {
        if (first_visit(resource_bits, r)) component_resources_.push_back(r);
      }
    }
  }
  dirty_resources_.clear();
  dirty_slots_.clear();
  // The slot marks are cleared for the next solve (word by word for a few slots, at once for many).
  if (component_slots_.size() * 16 < cap_.size()) {
    for (const std::uint32_t f : component_slots_) slot_bits[f / 64] = 0;
  } else {
    std::fill(slot_bits_.begin(), slot_bits_.end(), 0);
  }
  // Resources in ascending order: the bottlenecks of a round are found, and their flows frozen,
  // in that order. The flows need none (a round freezes them by resource, or by cap then slot).
  in_ascending_order(component_resources_);
}

// Ascending order, which makes the solve deterministic. A data-centre core link joins most flows
// in one component, re-solved at every change: then reading the bitmap the walk marked is far
// cheaper than sorting (perf: the sorts were 8 % of a 10 000-LPAR evacuation), and cheaper than a
// pass over every resource's stamp (2.7 % of the instructions at 1 000 LPARs). Leaves the bitmap
// clear for the next solve.
void MaxMinSolver::in_ascending_order(std::vector<std::uint32_t>& resources) {
  const std::size_t k = resources.size();
  if (k * 16 < capacity_.size()) {
    for (const std::uint32_t r : resources) resource_bits_[r / 64] = 0;
    std::sort(resources.begin(), resources.end());
    return;
  }
  resources.clear();
  for (std::size_t w = 0; w < resource_bits_.size(); ++w) {
    std::uint64_t bits = resource_bits_[w];
    resource_bits_[w] = 0;
    while (bits != 0) {
      resources.push_back(static_cast<std::uint32_t>(w * 64 + static_cast<std::size_t>(std::countr_zero(bits))));
      bits &= bits - 1;
    }
  }
}

// Per-solve state of the components from the persistent problem: counts, weights and shares per
// resource, the capped flows in cap order.
void MaxMinSolver::prepare() {
  const std::size_t resources = component_resources_.size();
  leaves_ = 1;
  while (leaves_ < resources) leaves_ *= 2;
  // Every node is written below (leaves, padding, then the inner nodes from them): no fill first.
  // At 100 000 LPARs the tree is 2 MiB, and filling it before each solve doubled its writes.
  if (min_tree_.size() < 2 * leaves_) min_tree_.resize(2 * leaves_);
  std::fill(min_tree_.begin() + static_cast<std::ptrdiff_t>(leaves_ + resources),
            min_tree_.begin() + static_cast<std::ptrdiff_t>(2 * leaves_), kInf);
  const double* weight = weight_.data();
  // Rows and their flows' weights are misses at data-centre scale: rows are asked for 16
  // resources ahead, their weights 8 ahead (by then the row is in cache).
  for (std::uint32_t i = 0; i < resources; ++i) {
    if (i + 2 * kPrefetchAhead < resources) __builtin_prefetch(&members_[component_resources_[i + 2 * kPrefetchAhead]]);
    if (i + kPrefetchAhead < resources) {
      for (const std::uint32_t f : members_[component_resources_[i + kPrefetchAhead]]) __builtin_prefetch(weight + f);
    }
    const std::uint32_t r = component_resources_[i];
    const MemberRow& row = members_[r];
    double sum = 0.0;
    for (const std::uint32_t f : row) sum += weight[f];
    leaf_of_[r] = static_cast<std::uint32_t>(leaves_ + i);
    remaining_[r] = capacity_[r];
    unfrozen_count_[r] = static_cast<std::uint32_t>(row.size());
    unfrozen_weight_[r] = sum;
    min_tree_[leaves_ + i] = row.empty() ? kInf : capacity_[r] / sum;
  }
  for (std::size_t i = leaves_ - 1; i >= 1; --i) min_tree_[i] = std::min(min_tree_[2 * i], min_tree_[2 * i + 1]);
  touched_list_.clear();
  cap_order_.clear();
  // A flow keeps its rate until it freezes again (every flow of the components does), so that
  // freeze() can tell which rates changed.
  changed_.clear();
  const std::size_t slots = component_slots_.size();
  for (std::size_t i = 0; i < slots; ++i) {
    if (i + kPrefetchAhead < slots) {
      __builtin_prefetch(&frozen_[component_slots_[i + kPrefetchAhead]], 1);
      __builtin_prefetch(&cap_[component_slots_[i + kPrefetchAhead]]);
    }
    const std::uint32_t f = component_slots_[i];
    frozen_[f] = 0;
    if (cap_[f] < kInf) cap_order_.emplace_back(cap_[f], f);
  }
  std::sort(cap_order_.begin(), cap_order_.end());
  next_cap_ = 0;
  unfrozen_ = component_slots_.size();
  rounds_ = 0;
}

void MaxMinSolver::solve_all() {
  for (std::uint32_t f = 0; f < in_use_.size(); ++f) {
    if (in_use_[f]) mark_dirty(f);
  }
  solve();
}

void MaxMinSolver::solve() {
  collect_components();
  prepare();
  // Progressive filling: all rising flows share one water level. Each round raises it to the
  // next event — the lowest cap among rising flows, or the lowest fair share left on a resource
  // — and freezes the flows that event stops. Shares never fall as flows freeze (a frozen flow
  // took at most the level), so the level only rises and the result is the max-min allocation.
  // Components do not interact: each sees the same rounds it would see solved alone.
  while (unfrozen_ > 0) {
    ++rounds_;
    const double level = find_bottlenecks();
    while (next_cap_ < cap_order_.size() && frozen_[cap_order_[next_cap_].second]) ++next_cap_;
    if (next_cap_ < cap_order_.size() && cap_order_[next_cap_].first <= level) {
      freeze_capped_below(level);
    } else if (level == kInf) {
      // Only flows that touch no resource and have no cap are left: nothing limits them.
      for (const std::uint32_t f : component_slots_) {
        if (!frozen_[f]) freeze(f, kInf);
      }
    } else {
      freeze_bottlenecks(level);
    }
    account_frozen();
    refresh_touched_shares();
  }
}

// The level is the tree's root; the bottlenecks are the leaves equal to it, found by descending
// only into subtrees whose minimum is the level (in ascending resource order). The set is taken
// before any flow freezes, from shares all computed at this level.
double MaxMinSolver::find_bottlenecks() {
  const double level = min_tree_[1];
  bottlenecks_.clear();
  if (level == kInf) return level;
  std::size_t stack[64];
  std::size_t depth = 0;
  stack[depth++] = 1;
  while (depth > 0) {
    const std::size_t i = stack[--depth];
    if (min_tree_[i] != level) continue;
    if (i >= leaves_) {
      bottlenecks_.push_back(component_resources_[i - leaves_]);
      continue;
    }
    stack[depth++] = 2 * i + 1;  // right pushed first so the left subtree is visited first
    stack[depth++] = 2 * i;
  }
  return level;
}

// A rising flow whose cap is at or below the level gets exactly its cap: it can never reach the
// level, and what it leaves unused goes to the others in later rounds.
void MaxMinSolver::freeze_capped_below(double level) {
  for (; next_cap_ < cap_order_.size() && cap_order_[next_cap_].first <= level; ++next_cap_) {
    const auto [cap, f] = cap_order_[next_cap_];
    if (!frozen_[f]) freeze(f, cap);
  }
}

// Every resource whose fair share equals the level is saturated: its rising flows stop there.
void MaxMinSolver::freeze_bottlenecks(double level) {
  for (const std::uint32_t r : bottlenecks_) {
    const MemberRow& row = members_[r];
    for (const std::uint32_t f : row) {
      __builtin_prefetch(&frozen_[f]);
      __builtin_prefetch(&rate_[f]);
    }
    for (const std::uint32_t f : row) {
      if (!frozen_[f]) freeze(f, level);
    }
  }
}

// A round first settles which flows it freezes, in order, then takes their rates from their
// resources (account_frozen), in the same order.
void MaxMinSolver::freeze(std::uint32_t f, double rate) {
  frozen_[f] = 1;
  if (!(rate_[f] == rate)) changed_.push_back(f);  // NaN counts as changed
  rate_[f] = rate;
  --unfrozen_;
  freezing_.push_back(f);
}

// Shares are recomputed once per round for the resources whose flows froze, not once per flow.
// A round that froze every flow still rising was the last: no share is read after it, so its
// flows' resources are left as they are (in a data-centre evacuation most solves are that one
// round, and this bookkeeping was 5 % of the run's instructions).
void MaxMinSolver::account_frozen() {
  if (unfrozen_ == 0) {
    freezing_.clear();
    return;
  }
  // Raw pointers: every array here is uint32/double, so through vectors the compiler must assume
  // each store may alias the next load (the profile showed it reloading).
  double* remaining = remaining_.data();
  double* weight_sum = unfrozen_weight_.data();
  std::uint32_t* count = unfrozen_count_.data();
  std::uint32_t* touched = touched_.data();
  const std::size_t n = freezing_.size();
  for (std::size_t i = 0; i < n; ++i) {
    if (i + kPrefetchAhead < n) {
      __builtin_prefetch(uses_.data() + freezing_[i + kPrefetchAhead] * stride_);
      __builtin_prefetch(&weight_[freezing_[i + kPrefetchAhead]]);
    }
    const std::uint32_t f = freezing_[i];
    const double w = weight_[f];
    const double used = rate_[f] * w;
    for (const std::uint32_t r : uses(f)) {
      remaining[r] -= used;
      weight_sum[r] -= w;
      --count[r];
      if (!touched[r]) {
        touched[r] = 1;
        touched_list_.push_back(r);
      }
    }
  }
  freezing_.clear();
}

void MaxMinSolver::refresh_touched_shares() {
  for (const std::uint32_t r : touched_list_) {
    touched_[r] = 0;
    // Rounding may leave a saturated resource a hair below zero; a share is never negative.
    std::size_t i = leaf_of_[r];
    min_tree_[i] = unfrozen_count_[r] > 0 ? std::max(remaining_[r], 0.0) / unfrozen_weight_[r] : kInf;
    for (i /= 2; i >= 1; i /= 2) {
      const double m = std::min(min_tree_[2 * i], min_tree_[2 * i + 1]);
      if (min_tree_[i] == m) break;  // unchanged here, so unchanged above
      min_tree_[i] = m;
    }
  }
  touched_list_.clear();
}

}  // namespace models::network
