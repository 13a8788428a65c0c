// Spec structs of the LPM network: nodes (MSP interfaces, switches), links and optional
// background traffic. Defaults are the member initialisers (ARCHITECTURE §6).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "app/scenario/spec_enums.hpp"
#include "sim/quantity.hpp"
#include "sim/time.hpp"

namespace app::scenario {

struct NodeSpec {
  std::string name;
  NodeKind kind = NodeKind::switch_node;
};

struct LinkSpec {
  std::string name;
  std::string a;
  std::string b;
  sim::BytesPerSecond bandwidth;
  sim::Duration latency = sim::Duration::from_ns(50'000);
  std::int64_t mtu = 1500;
  Duplex duplex = Duplex::full;
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
