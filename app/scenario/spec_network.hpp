// The LPM network of a scenario file: nodes and links are named in the file (links refer to
// nodes by name) and each link carries the network model's own LinkConfig; background traffic
// is an offered flow on a named link. Bound key by key in spec_tables.cpp.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "models/network/topology.hpp"
#include "sim/quantity.hpp"
#include "sim/time.hpp"

namespace app::scenario {

struct NodeSpec {
  std::string name;
  models::network::NodeKind kind = models::network::NodeKind::network_switch;
};

struct LinkSpec {
  std::string name;
  std::string a;
  std::string b;
  models::network::LinkConfig config;
};

// Other traffic on a link that competes with migrations (a constant-rate flow).
struct BackgroundTrafficSpec {
  std::string link;
  sim::BytesPerSecond rate;
  sim::Duration start = sim::Duration::zero();
  std::optional<sim::Duration> stop;  // absent: until the end of the simulation
};

struct NetworkSpec {
  std::vector<NodeSpec> nodes;
  std::vector<LinkSpec> links;
  std::vector<BackgroundTrafficSpec> background_traffic;
};

}  // namespace app::scenario
