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
  for (const std::uint32_t r : resources) {
    SIM_CHECK(r < capacity_.size(), kComponent, "flow uses unknown resource " + std::to_string(r));
    flow_resources_.push_back(r);
  }
  flow_begin_.push_back(static_cast<std::uint32_t>(flow_resources_.size()));
  cap_.push_back(cap);
  weight_.push_back(weight);
  return static_cast<std::uint32_t>(cap_.size() - 1);
}

// Counting sort of the flow→resource rows into resource→flow rows, flows ascending in each.
void MaxMinSolver::build_resource_index() {
  const std::size_t resources = capacity_.size();
  resource_begin_.assign(resources + 1, 0);
  for (const std::uint32_t r : flow_resources_) ++resource_begin_[r + 1];
  for (std::size_t r = 0; r < resources; ++r) resource_begin_[r + 1] += resource_begin_[r];
  resource_flows_.resize(flow_resources_.size());
  // live_ doubles as the fill cursor here; it is rebuilt below.
  std::vector<std::uint32_t>& cursor = live_;
  cursor.assign(resource_begin_.begin(), resource_begin_.end() - 1);
  for (std::uint32_t f = 0; f + 1 < flow_begin_.size(); ++f) {
    for (std::uint32_t i = flow_begin_[f]; i < flow_begin_[f + 1]; ++i) resource_flows_[cursor[flow_resources_[i]]++] = f;
  }
  remaining_.assign(capacity_.begin(), capacity_.end());
  unfrozen_count_.resize(resources);
  unfrozen_weight_.assign(resources, 0.0);
  share_.resize(resources);
  live_.clear();
  for (std::uint32_t r = 0; r < resources; ++r) {
    const std::uint32_t n = resource_begin_[r + 1] - resource_begin_[r];
    unfrozen_count_[r] = n;
    for (std::uint32_t i = resource_begin_[r]; i < resource_begin_[r + 1]; ++i) unfrozen_weight_[r] += weight_[resource_flows_[i]];
    share_[r] = n > 0 ? remaining_[r] / unfrozen_weight_[r] : kInf;
    if (n > 0) live_.push_back(r);
  }
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
    const double level = lowest_share();
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
  }
}

double MaxMinSolver::lowest_share() const {
  double level = kInf;
  for (const std::uint32_t r : live_) level = std::min(level, share_[r]);
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
  for (const std::uint32_t r : live_) {
    if (share_[r] != level) continue;
    for (std::uint32_t i = resource_begin_[r]; i < resource_begin_[r + 1]; ++i) {
      const std::uint32_t f = resource_flows_[i];
      if (!frozen_[f]) freeze(f, level);
    }
  }
  std::erase_if(live_, [this](std::uint32_t r) { return unfrozen_count_[r] == 0; });
}

void MaxMinSolver::freeze(std::uint32_t f, double rate) {
  frozen_[f] = 1;
  rate_[f] = rate;
  --unfrozen_;
  const double w = weight_[f];
  for (std::uint32_t i = flow_begin_[f]; i < flow_begin_[f + 1]; ++i) {
    const std::uint32_t r = flow_resources_[i];
    remaining_[r] -= rate * w;
    if (--unfrozen_count_[r] == 0) {
      unfrozen_weight_[r] = 0.0;
      share_[r] = kInf;
      continue;
    }
    unfrozen_weight_[r] -= w;
    // Rounding may leave a saturated resource a hair below zero; a share is never negative.
    share_[r] = std::max(remaining_[r], 0.0) / unfrozen_weight_[r];
  }
}

}  // namespace models::network
