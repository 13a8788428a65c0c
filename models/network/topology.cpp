#include "models/network/topology.hpp"

#include <algorithm>
#include <functional>
#include <limits>

#include <boost/graph/dijkstra_shortest_paths.hpp>
#include <boost/graph/filtered_graph.hpp>
#include <boost/range/iterator_range.hpp>
#include <boost/graph/visitors.hpp>
#include <boost/property_map/function_property_map.hpp>

#include "sim/check.hpp"

namespace models::network {

namespace {

constexpr const char* kTopologyComponent = "network/topology";

// Dijkstra's distance (Topology::SearchCost): latency first, hop count second. Lexicographic
// order and component-wise sum keep Dijkstra correct (non-negative, monotone) while making
// equal-latency ties prefer the shorter path, which is what a routing table would hold.
struct CostPlus {
  template <typename Cost>
  Cost operator()(Cost a, Cost b) const { return {a.latency_ns + b.latency_ns, a.hops + b.hops}; }
};

// Ends a search when its destination leaves the queue: its distance and predecessor are final
// then (every edge adds a hop, so nothing settled later can improve on it), and so are those of
// the path back to the source — the path is the one a full search would give.
struct DestinationSettled {};
struct StopAtDestination {
  using event_filter = boost::on_examine_vertex;
  std::size_t destination;
  template <typename Vertex, typename G>
  void operator()(Vertex v, const G&) const {
    if (v == destination) throw DestinationSettled{};
  }
};
// Lists the nodes a search reached, so that only they are reset after it.
struct RecordReached {
  using event_filter = boost::on_discover_vertex;
  std::vector<std::size_t>* reached;
  template <typename Vertex, typename G>
  void operator()(Vertex v, const G&) const { reached->push_back(v); }
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
  forget_paths();
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
  forget_paths();
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
  if (links_[l.index].config.up != up) forget_paths();
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

void Topology::forget_paths() {
  paths_.clear();
  ++paths_generation_;
}

const std::optional<Path>& Topology::shortest_path(NodeId source, NodeId destination) const {
  node(source);
  node(destination);
  const std::uint64_t key = std::uint64_t{source.index} << 32 | destination.index;
  auto it = paths_.find(key);
  if (it == paths_.end()) {
    if (forest_.generation != paths_generation_) index_forest();
    it = paths_.emplace(key, forest_.is_forest ? forest_path(source, destination) : search_path(source, destination))
             .first;
  }
  return it->second;
}

// A breadth-first walk over the links that are up, from each unvisited node in index order. A
// link that reaches an already visited node (other than through the link just taken) closes a
// cycle — a parallel link does too — and then the topology is not a forest.
void Topology::index_forest() const {
  const std::size_t n = nodes_.size();
  constexpr auto kUnvisited = std::numeric_limits<std::uint32_t>::max();
  forest_.generation = paths_generation_;
  forest_.is_forest = true;
  forest_.tree.assign(n, kUnvisited);
  forest_.depth.assign(n, 0);
  forest_.up_link.assign(n, kUnvisited);
  std::vector<std::uint32_t> queue;
  for (std::uint32_t root = 0; root < n && forest_.is_forest; ++root) {
    if (forest_.tree[root] != kUnvisited) continue;
    forest_.tree[root] = root;
    queue.assign(1, root);
    for (std::size_t head = 0; head < queue.size() && forest_.is_forest; ++head) {
      const std::uint32_t v = queue[head];
      for (const auto& e : boost::make_iterator_range(boost::out_edges(v, graph_))) {
        const std::uint32_t l = graph_[e].link;
        if (!links_[l].config.up || l == forest_.up_link[v]) continue;
        const auto w = static_cast<std::uint32_t>(boost::target(e, graph_));
        if (forest_.tree[w] != kUnvisited) {
          forest_.is_forest = false;
          break;
        }
        forest_.tree[w] = root;
        forest_.depth[w] = forest_.depth[v] + 1;
        forest_.up_link[w] = l;
        queue.push_back(w);
      }
    }
  }
}

// The unique path: both ends climb towards their common ancestor, the deeper one first.
std::optional<Path> Topology::forest_path(NodeId source, NodeId destination) const {
  if (forest_.tree[source.index] != forest_.tree[destination.index]) return std::nullopt;  // not connected
  const auto climb = [this](std::uint32_t& v, std::vector<LinkUse>& hops) {
    const std::uint32_t l = forest_.up_link[v];
    const std::uint32_t parent = links_[l].a.index == v ? links_[l].b.index : links_[l].a.index;
    hops.push_back(LinkUse{LinkId{l}, links_[l].a.index == v ? Direction::forward : Direction::reverse});
    v = parent;
  };
  std::vector<LinkUse> up;    // from the source towards the ancestor, as travelled
  std::vector<LinkUse> down;  // from the destination towards the ancestor, reversed below
  std::uint32_t s = source.index, d = destination.index;
  while (forest_.depth[s] > forest_.depth[d]) climb(s, up);
  while (forest_.depth[d] > forest_.depth[s]) climb(d, down);
  while (s != d) {
    climb(s, up);
    climb(d, down);
  }
  Path path{.source = source, .destination = destination, .hops = std::move(up), .latency = sim::Duration::zero(), .mtu = 0};
  for (auto it = down.rbegin(); it != down.rend(); ++it)  // travelled the other way
    path.hops.push_back(LinkUse{it->link, it->direction == Direction::forward ? Direction::reverse : Direction::forward});
  add_latency_and_mtu(path);
  return path;
}

std::optional<Path> Topology::search_path(NodeId source, NodeId destination) const {
  using Edge = Graph::edge_descriptor;
  using Vertex = Graph::vertex_descriptor;
  // Down links are invisible to the search rather than weighted "infinite", so a path over a
  // down link can never be returned.
  const boost::filtered_graph<Graph, LinkIsUp, boost::keep_all> up_graph(graph_, LinkIsUp{this}, boost::keep_all());

  const std::size_t n = nodes_.size();
  if (search_distance_.size() != n) {  // the graph grew: every entry starts clean
    search_distance_.assign(n, SearchCost{});
    search_via_.assign(n, Edge{});
    search_color_.assign(n, boost::white_color);
  }
  const auto index = boost::get(boost::vertex_index, graph_);
  const auto weight = boost::make_function_property_map<Edge, SearchCost>(
      [this](const Edge& e) { return SearchCost{links_[graph_[e].link].config.latency.ns(), 1}; });
  const auto distance = boost::make_iterator_property_map(search_distance_.begin(), index);
  const auto via_map = boost::make_iterator_property_map(search_via_.begin(), index);
  const auto color = boost::make_iterator_property_map(search_color_.begin(), index);
  search_touched_.clear();
  search_touched_.push_back(source.index);
  search_distance_[source.index] = SearchCost{0, 0};
  try {
    boost::dijkstra_shortest_paths_no_init(
        up_graph, static_cast<Vertex>(source.index), boost::dummy_property_map(), distance, weight, index,
        std::less<SearchCost>(), CostPlus(), SearchCost{0, 0},
        boost::make_dijkstra_visitor(std::make_pair(
            boost::record_edge_predecessors(via_map, boost::on_edge_relaxed()),
            std::make_pair(RecordReached{&search_touched_}, StopAtDestination{destination.index}))),
        color);
  } catch (const DestinationSettled&) {
  }
  std::optional<Path> result;
  if (search_distance_[destination.index] != SearchCost{}) result = path_back(source, destination);  // reached
  for (const std::size_t v : search_touched_) {  // clean again for the next search
    search_distance_[v] = SearchCost{};
    search_color_[v] = boost::white_color;
  }
  return result;
}

Path Topology::path_back(NodeId source, NodeId destination) const {
  using Edge = Graph::edge_descriptor;
  const std::vector<Edge>& via = search_via_;
  Path path{.source = source, .destination = destination, .hops = {}, .latency = sim::Duration::zero(), .mtu = 0};
  for (std::size_t v = destination.index; v != source.index;) {
    const Edge e = via[v];
    const std::uint32_t l = graph_[e].link;
    const std::size_t from = boost::source(e, graph_);
    path.hops.push_back(LinkUse{LinkId{l}, from == links_[l].a.index ? Direction::forward : Direction::reverse});
    v = from;
  }
  std::reverse(path.hops.begin(), path.hops.end());
  add_latency_and_mtu(path);
  return path;
}

void Topology::add_latency_and_mtu(Path& path) const {
  for (const LinkUse& h : path.hops) {
    const LinkConfig& c = links_[h.link.index].config;
    path.latency += c.latency;
    path.mtu = path.mtu == 0 ? c.mtu : std::min(path.mtu, c.mtu);
  }
}

}  // namespace models::network
