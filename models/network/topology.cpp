#include "models/network/topology.hpp"

#include <algorithm>
#include <functional>
#include <limits>

#include <boost/graph/dijkstra_shortest_paths.hpp>
#include <boost/graph/filtered_graph.hpp>
#include <boost/graph/visitors.hpp>
#include <boost/property_map/function_property_map.hpp>

#include "sim/check.hpp"

namespace models::network {

namespace {

constexpr const char* kTopologyComponent = "network/topology";

// Dijkstra's distance: latency first, hop count second. Lexicographic order and component-wise
// sum keep Dijkstra correct (non-negative, monotone) while making equal-latency ties prefer
// the shorter path, which is what a routing table would hold.
struct Cost {
  std::int64_t latency_ns = 0;
  std::int64_t hops = 0;
  friend auto operator<=>(const Cost&, const Cost&) = default;
};
struct CostPlus {
  Cost operator()(Cost a, Cost b) const { return {a.latency_ns + b.latency_ns, a.hops + b.hops}; }
};

}  // namespace

// filtered_graph's edge filter; default-constructible, as Boost's filter iterators require.
struct Topology::LinkIsUp {
  const Topology* topology = nullptr;
  bool operator()(const Graph::edge_descriptor& e) const {
    return topology->links_[topology->graph_[e].link].config.up;
  }
};

std::string_view to_string(NodeKind k) {
  switch (k) {
    case NodeKind::msp_interface: return "msp_interface";
    case NodeKind::network_switch: return "switch";
    case NodeKind::host: return "host";
  }
  return "?";
}

LinkConfig symmetric_link(sim::BytesPerSecond bandwidth, sim::Duration latency, std::int32_t mtu, Duplex duplex) {
  return LinkConfig{.bandwidth = bandwidth,
                    .bandwidth_reverse = std::nullopt,
                    .latency = latency,
                    .mtu = mtu,
                    .duplex = duplex,
                    .up = true};
}

NodeId Topology::add_node(std::string name, NodeKind kind) {
  SIM_CHECK(!name.empty(), kTopologyComponent, "a node needs a name");
  SIM_CHECK(!node_by_name_.contains(name), kTopologyComponent, "duplicate node name '" + name + "'");
  const auto v = boost::add_vertex(graph_);
  const NodeId id{static_cast<std::uint32_t>(v)};
  SIM_CHECK(id.index == nodes_.size(), kTopologyComponent, "graph and node table out of step");
  node_by_name_.emplace(name, id);
  nodes_.push_back(Node{std::move(name), kind});
  paths_.clear();
  return id;
}

LinkId Topology::add_link(NodeId a, NodeId b, const LinkConfig& config, std::string name) {
  const std::string& an = node(a).name;
  const std::string& bn = node(b).name;
  SIM_CHECK(a != b, kTopologyComponent, "link from '" + an + "' to itself");
  SIM_CHECK(config.latency >= sim::Duration::zero(), kTopologyComponent, "negative link latency");
  SIM_CHECK(config.mtu > 0, kTopologyComponent, "MTU must be positive");
  SIM_CHECK(config.bandwidth.value() > 0.0 && config.reverse().value() > 0.0, kTopologyComponent,
            "link bandwidth must be positive");
  SIM_CHECK(config.duplex == Duplex::full || config.bandwidth == config.reverse(), kTopologyComponent,
            "a half-duplex link has one shared bandwidth");
  if (name.empty()) {
    name = an + "--" + bn;
    for (int k = 2; link_by_name_.contains(name); ++k) name = an + "--" + bn + "#" + std::to_string(k);
  }
  SIM_CHECK(!link_by_name_.contains(name), kTopologyComponent, "duplicate link name '" + name + "'");
  const LinkId id{static_cast<std::uint32_t>(links_.size())};
  boost::add_edge(a.index, b.index, EdgeData{id.index}, graph_);
  link_by_name_.emplace(name, id);
  links_.push_back(Link{a, b, std::move(name), config});
  paths_.clear();
  return id;
}

std::optional<NodeId> Topology::find_node(std::string_view name) const {
  const auto it = node_by_name_.find(name);
  if (it == node_by_name_.end()) return std::nullopt;
  return it->second;
}

std::optional<LinkId> Topology::find_link(std::string_view name) const {
  const auto it = link_by_name_.find(name);
  if (it == link_by_name_.end()) return std::nullopt;
  return it->second;
}

const Topology::Node& Topology::node(NodeId n) const {
  SIM_CHECK(n.index < nodes_.size(), kTopologyComponent, "unknown node id " + std::to_string(n.index));
  return nodes_[n.index];
}

const Link& Topology::link(LinkId l) const {
  SIM_CHECK(l.index < links_.size(), kTopologyComponent, "unknown link id " + std::to_string(l.index));
  return links_[l.index];
}

void Topology::set_link_up(LinkId l, bool up) {
  link(l);  // checks the id
  if (links_[l.index].config.up != up) paths_.clear();
  links_[l.index].config.up = up;
}

sim::BytesPerSecond Topology::capacity(LinkUse use) const {
  const LinkConfig& c = link(use.link).config;
  return use.direction == Direction::forward ? c.bandwidth : c.reverse();
}

NodeId Topology::from(LinkUse use) const {
  const Link& l = link(use.link);
  return use.direction == Direction::forward ? l.a : l.b;
}

NodeId Topology::to(LinkUse use) const {
  const Link& l = link(use.link);
  return use.direction == Direction::forward ? l.b : l.a;
}

std::optional<Path> Topology::shortest_path(NodeId source, NodeId destination) const {
  node(source);
  node(destination);
  const auto key = std::pair{source.index, destination.index};
  auto it = paths_.find(key);
  if (it == paths_.end()) it = paths_.emplace(key, search_path(source, destination)).first;
  return it->second;
}

std::optional<Path> Topology::search_path(NodeId source, NodeId destination) const {
  using Edge = Graph::edge_descriptor;
  // Down links are invisible to the search rather than weighted "infinite", so a path over a
  // down link can never be returned.
  const boost::filtered_graph<Graph, LinkIsUp, boost::keep_all> up_graph(graph_, LinkIsUp{this}, boost::keep_all());

  const std::size_t n = nodes_.size();
  std::vector<Cost> distance(n);
  std::vector<Edge> via(n);
  const auto index = boost::get(boost::vertex_index, graph_);
  const auto weight = boost::make_function_property_map<Edge, Cost>(
      [this](const Edge& e) { return Cost{links_[graph_[e].link].config.latency.ns(), 1}; });
  const auto via_map = boost::make_iterator_property_map(via.begin(), index);
  constexpr auto kMax = std::numeric_limits<std::int64_t>::max();
  boost::dijkstra_shortest_paths(
      up_graph, source.index,
      boost::weight_map(weight)
          .distance_map(boost::make_iterator_property_map(distance.begin(), index))
          .distance_compare(std::less<Cost>())
          .distance_combine(CostPlus())
          .distance_inf(Cost{kMax, kMax})
          .distance_zero(Cost{})
          .visitor(boost::make_dijkstra_visitor(boost::record_edge_predecessors(via_map, boost::on_edge_relaxed()))));

  if (distance[destination.index].latency_ns == kMax) return std::nullopt;
  Path path{.source = source, .destination = destination, .hops = {}, .latency = sim::Duration::zero(), .mtu = 0};
  for (std::size_t v = destination.index; v != source.index;) {
    const Edge e = via[v];
    const std::uint32_t l = graph_[e].link;
    const std::size_t from = boost::source(e, graph_);
    path.hops.push_back(LinkUse{LinkId{l}, from == links_[l].a.index ? Direction::forward : Direction::reverse});
    v = from;
  }
  std::reverse(path.hops.begin(), path.hops.end());
  for (const LinkUse& h : path.hops) {
    const LinkConfig& c = links_[h.link.index].config;
    path.latency += c.latency;
    path.mtu = path.mtu == 0 ? c.mtu : std::min(path.mtu, c.mtu);
  }
  return path;
}

}  // namespace models::network
