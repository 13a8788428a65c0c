#include "models/migration/flow_channel.hpp"

#include <algorithm>
#include <cmath>

#include "sim/check.hpp"

namespace models::migration {

namespace {
network::NodeId node_of(const network::FlowNetwork& net, const power::Msp& msp) {
  const auto node = net.topology().find_node(msp.ip_interface());
  SIM_CHECK(node.has_value(), msp.name(), "MSP interface " + msp.ip_interface() + " is not a network node");
  return *node;
}
}  // namespace

FlowChannel::FlowChannel(sim::Engine& engine, network::FlowNetwork& network, power::Msp& source,
                         power::Msp& destination, std::string migration)
    : engine_(engine),
      network_(network),
      source_(source),
      destination_(destination),
      migration_(std::move(migration)),
      from_(node_of(network, source)),
      to_(node_of(network, destination)),
      stream_cap_(network.add_cap_group(cap())) {}

FlowChannel::~FlowChannel() {
  lifeline_.end();
  for (const Chunk& c : in_flight_) network_.cancel_flow(c.flow);
  network_.remove_cap_group(stream_cap_);
}

sim::BytesPerSecond FlowChannel::cap() const {
  return std::min(source_.per_migration_cap(), destination_.per_migration_cap());
}

bool FlowChannel::reachable() const { return network_.topology().shortest_path(from_, to_).has_value(); }

// Asked at every post-copy fault count: kept until the topology's paths change.
sim::Duration FlowChannel::round_trip() const {
  const network::Topology& topology = network_.topology();
  if (round_trip_generation_ != topology.paths_generation()) {
    const auto& path = topology.shortest_path(from_, to_);
    round_trip_ = path ? path->round_trip_time() : sim::Duration::zero();
    round_trip_generation_ = topology.paths_generation();
  }
  return round_trip_;
}

void FlowChannel::send(sim::Bytes wire_bytes, precopy::ChunkDone on_done) {
  (void)send_tracked(wire_bytes, std::move(on_done));
}

double FlowChannel::settle_arrived(network::FlowId chunk) {
  const auto info = network_.flow(chunk);
  if (!info) return 0.0;
  const double arrived = std::floor(info->size.as_double() - info->bytes_remaining);
  const auto it = in_flight(chunk);
  if (it != in_flight_.end() && it->route != kNoRoute) count_on_links(it->route, arrived);
  delivered_ += arrived;
  return arrived;
}

FlowChannel::InFlight::iterator FlowChannel::in_flight(network::FlowId flow) {
  return std::find_if(in_flight_.begin(), in_flight_.end(), [flow](const Chunk& c) { return c.flow == flow; });
}

std::optional<network::FlowId> FlowChannel::send_tracked(sim::Bytes wire_bytes, precopy::ChunkDone on_done) {
  if (broken_) {
    // A broken stream answers from an event, never inside send() (ChunkChannel contract).
    engine_.schedule_in(sim::Duration::zero(), [done = std::move(on_done)]() mutable { done(false); });
    return std::nullopt;
  }
  auto finish = [this, alive = lifeline_.watch()](network::FlowId id, network::FlowOutcome outcome) {
    if (!alive.alive()) return;
    const auto it = in_flight(id);
    SIM_CHECK(it != in_flight_.end(), migration_, "an answer for a chunk not in flight");
    Chunk chunk = std::move(*it);
    in_flight_.erase(it);
    const bool ok = outcome == network::FlowOutcome::completed && !broken_;
    if (ok) {
      delivered_ += chunk.bytes.as_double();
      if (chunk.route != kNoRoute) count_on_links(chunk.route, chunk.bytes.as_double());
      const double seconds = (engine_.now() - chunk.started).seconds();
      if (seconds > 0) last_rate_ = sim::BytesPerSecond(chunk.bytes.as_double() / seconds);
    }
    chunk.done(ok);
  };
  // The movers' cap follows the number of migrations they carry (it was fixed at the last send).
  network_.set_group_cap(stream_cap_, cap());
  const network::FlowId id = network_.start_flow(from_, to_, wire_bytes, network::kUncapped, std::move(finish), stream_cap_);
  const bool open = network_.is_open(id);
  if (open) {
    const std::vector<network::LinkUse>& path = network_.path(id).hops;
    const bool same_route = !routes_.empty() && routes_.back().size() == path.size() &&
                            std::equal(path.begin(), path.end(), routes_.back().begin(),
                                       [](const network::LinkUse& hop, network::LinkId l) { return hop.link == l; });
    if (!same_route) {
      std::vector<network::LinkId>& hops = routes_.emplace_back();
      for (const network::LinkUse& hop : path) hops.push_back(hop.link);
    }
  }
  const std::uint32_t route = open ? static_cast<std::uint32_t>(routes_.size() - 1) : kNoRoute;
  in_flight_.push_back({id, engine_.now(), wire_bytes, route, std::move(on_done)});
  if (!open) return std::nullopt;
  return id;
}

void FlowChannel::count_on_links(std::uint32_t route, double bytes) {
  // Chunks of one route come one after the other: its links' places in link_bytes_ are kept.
  if (route != counted_route_) {
    counted_at_.clear();
    for (const network::LinkId l : routes_[route]) {
      auto it = std::find_if(link_bytes_.begin(), link_bytes_.end(), [l](const auto& b) { return b.first == l; });
      if (it == link_bytes_.end()) it = link_bytes_.insert(link_bytes_.end(), {l, 0.0});
      counted_at_.push_back(static_cast<std::uint32_t>(it - link_bytes_.begin()));
    }
    counted_route_ = route;
  }
  for (const std::uint32_t i : counted_at_) link_bytes_[i].second += bytes;
}

std::vector<LinkBytes> FlowChannel::link_bytes() const {
  std::vector<LinkBytes> out;
  for (const auto& [link, bytes] : link_bytes_) out.push_back({network_.topology().link(link).name, bytes});
  return out;
}

void FlowChannel::break_stream() {
  broken_ = true;
  std::vector<network::FlowId> flows;
  for (const Chunk& c : in_flight_) flows.push_back(c.flow);
  for (const network::FlowId id : flows) network_.cancel_flow(id);
}

}  // namespace models::migration
