#include "models/network/max_min_solver.hpp"

#include <algorithm>
#include <functional>
#include <string>

#include "sim/check.hpp"

namespace models::network {

namespace {
constexpr const char* kComponent = "network/max-min";
constexpr double kInf = std::numeric_limits<double>::infinity();
}  // namespace

void MaxMinSolver::reset(std::span<const double> capacities) {
  capacity_.assign(capacities.begin(), capacities.end());
  flow_begin_.assign(1, 0);
  flow_resources_.clear();
  cap_.clear();
  weight_.clear();
  rate_.clear();
}

std::uint32_t MaxMinSolver::add_flow(std::span<const std::uint32_t> resources, double cap, double weight) {
  SIM_CHECK(cap >= 0.0, kComponent, "negative flow cap");
  SIM_CHECK(weight > 0.0 && weight < kInf, kComponent, "flow weight must be positive and finite");
  flow_resources_.insert(flow_resources_.end(), resources.begin(), resources.end());
  flow_begin_.push_back(static_cast<std::uint32_t>(flow_resources_.size()));
  cap_.push_back(cap);
  weight_.push_back(weight);
  return static_cast<std::uint32_t>(cap_.size() - 1);
}

// Counting sort of the flow→resource rows into resource→flow rows (flows ascending in each row),
// and the initial count, weight and share of every resource.
void MaxMinSolver::build_resource_index() {
  const std::size_t resources = capacity_.size();
  const std::size_t flows = cap_.size();
  resource_begin_.assign(resources + 1, 0);
  unfrozen_weight_.assign(resources, 0.0);
  // Raw pointers and hoisted bounds: every array here is uint32/double, so through vectors the
  // compiler must assume each store may alias the next load (the profile showed it reloading).
  const std::uint32_t* row = flow_begin_.data();
  const std::uint32_t* uses = flow_resources_.data();
  std::uint32_t* count = resource_begin_.data() + 1;
  double* weight_sum = unfrozen_weight_.data();
  for (std::uint32_t f = 0; f < flows; ++f) {
    const double w = weight_[f];
    for (std::uint32_t i = row[f], end = row[f + 1]; i < end; ++i) {
      const std::uint32_t r = uses[i];
      SIM_CHECK(r < resources, kComponent, "flow uses unknown resource " + std::to_string(r));
      ++count[r];
      weight_sum[r] += w;
    }
  }
  unfrozen_count_.resize(resources);
  leaves_ = 1;
  while (leaves_ < resources) leaves_ *= 2;
  min_tree_.assign(2 * leaves_, kInf);
  for (std::uint32_t r = 0; r < resources; ++r) {
    unfrozen_count_[r] = resource_begin_[r + 1];
    min_tree_[leaves_ + r] = unfrozen_count_[r] > 0 ? capacity_[r] / unfrozen_weight_[r] : kInf;
    resource_begin_[r + 1] += resource_begin_[r];
  }
  for (std::size_t i = leaves_ - 1; i >= 1; --i) min_tree_[i] = std::min(min_tree_[2 * i], min_tree_[2 * i + 1]);
  resource_flows_.resize(flow_resources_.size());
  cursor_.assign(resource_begin_.begin(), resource_begin_.end() - 1);
  std::uint32_t* cursor = cursor_.data();
  std::uint32_t* members = resource_flows_.data();
  for (std::uint32_t f = 0; f < flows; ++f) {
    for (std::uint32_t i = row[f], end = row[f + 1]; i < end; ++i) members[cursor[uses[i]]++] = f;
  }
  remaining_.assign(capacity_.begin(), capacity_.end());
  touched_.assign(resources, 0);
  touched_list_.clear();
}

void MaxMinSolver::solve() {
  const std::size_t flows = cap_.size();
  build_resource_index();
  rate_.assign(flows, 0.0);
  frozen_.assign(flows, 0);
  unfrozen_ = flows;
  rounds_ = 0;
  caps_heap_.clear();
  for (std::uint32_t f = 0; f < flows; ++f) {
    if (cap_[f] < kInf) caps_heap_.emplace_back(cap_[f], f);
  }
  std::make_heap(caps_heap_.begin(), caps_heap_.end(), std::greater<>());

  // Progressive filling: all rising flows share one water level. Each round raises it to the
  // next event — the lowest cap among rising flows, or the lowest fair share left on a resource
  // — and freezes the flows that event stops. Shares never fall as flows freeze (a frozen flow
  // took at most the level), so the level only rises and the result is the max-min allocation.
  while (unfrozen_ > 0) {
    ++rounds_;
    const double level = find_bottlenecks();
    while (!caps_heap_.empty() && frozen_[caps_heap_.front().second]) {
      std::pop_heap(caps_heap_.begin(), caps_heap_.end(), std::greater<>());
      caps_heap_.pop_back();
    }
    if (!caps_heap_.empty() && caps_heap_.front().first <= level) {
      freeze_capped_below(level);
    } else if (level == kInf) {
      // Only flows that touch no resource and have no cap are left: nothing limits them.
      for (std::uint32_t f = 0; f < flows; ++f) {
        if (!frozen_[f]) freeze(f, kInf);
      }
    } else {
      freeze_bottlenecks(level);
    }
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
      bottlenecks_.push_back(static_cast<std::uint32_t>(i - leaves_));
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
  while (!caps_heap_.empty() && caps_heap_.front().first <= level) {
    const auto [cap, f] = caps_heap_.front();
    std::pop_heap(caps_heap_.begin(), caps_heap_.end(), std::greater<>());
    caps_heap_.pop_back();
    if (!frozen_[f]) freeze(f, cap);
  }
}

// Every resource whose fair share equals the level is saturated: its rising flows stop there.
void MaxMinSolver::freeze_bottlenecks(double level) {
  for (const std::uint32_t r : bottlenecks_) {
    for (std::uint32_t i = resource_begin_[r]; i < resource_begin_[r + 1]; ++i) {
      const std::uint32_t f = resource_flows_[i];
      if (!frozen_[f]) freeze(f, level);
    }
  }
}

// Shares are recomputed once per round for the resources whose flows froze, not once per flow.
void MaxMinSolver::freeze(std::uint32_t f, double rate) {
  frozen_[f] = 1;
  rate_[f] = rate;
  --unfrozen_;
  const double w = weight_[f];
  const double used = rate * w;
  const std::uint32_t* uses = flow_resources_.data();
  double* remaining = remaining_.data();
  double* weight_sum = unfrozen_weight_.data();
  std::uint32_t* count = unfrozen_count_.data();
  std::uint32_t* touched = touched_.data();
  for (std::uint32_t i = flow_begin_[f], end = flow_begin_[f + 1]; i < end; ++i) {
    const std::uint32_t r = uses[i];
    remaining[r] -= used;
    weight_sum[r] -= w;
    --count[r];
    if (!touched[r]) {
      touched[r] = 1;
      touched_list_.push_back(r);
    }
  }
}

void MaxMinSolver::refresh_touched_shares() {
  for (const std::uint32_t r : touched_list_) {
    touched_[r] = 0;
    // Rounding may leave a saturated resource a hair below zero; a share is never negative.
    std::size_t i = leaves_ + r;
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
