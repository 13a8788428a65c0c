// Helpers shared by the FlowNetwork suites: an outcome with the time it arrived, and instants
// counted from time zero.
#pragma once

#include <cstdint>

#include "models/network/flow_network.hpp"

namespace flow_test {

struct Ended {
  std::uint64_t flow;
  models::network::FlowOutcome outcome;
  std::int64_t at_ns;
  friend bool operator==(const Ended&, const Ended&) = default;
};

inline sim::Time at(sim::Duration d) { return sim::Time::zero() + d; }

}  // namespace flow_test
