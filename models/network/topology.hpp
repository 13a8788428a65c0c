// models::network::Topology: the LPM network as a Boost.Graph — MSP interfaces, switches and
// hosts joined by links with a bandwidth per direction, a latency, an MTU, a duplex mode and an
// up/down state. Answers shortest paths (Dijkstra on latency) as directed link-uses; FlowNetwork
// shares the links' capacity among flows along those paths.
//   Topology t;
//   auto a = t.add_node("sysA/msp1", NodeKind::msp_interface), b = t.add_node("sysB/msp1", …);
//   t.add_link(a, b, symmetric_link(10_Gbps, 50_us));  auto p = t.shortest_path(a, b);
#pragma once

#include <cstdint>
#include <limits>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

#include <boost/graph/adjacency_list.hpp>

#include "sim/quantity.hpp"
#include "sim/string_index.hpp"
#include "sim/time.hpp"

namespace models::network {

using namespace sim::literals;


enum class NodeKind { msp_interface, network_switch, host };
enum class Duplex { full, half };  // full: a capacity per direction; half: one shared capacity
enum class Direction : std::uint8_t { forward, reverse };  // forward = from the link's a to b

std::string_view to_string(NodeKind k);

struct NodeId {
  std::uint32_t index = 0;
  friend auto operator<=>(const NodeId&, const NodeId&) = default;
};
struct LinkId {
  std::uint32_t index = 0;
  friend auto operator<=>(const LinkId&, const LinkId&) = default;
};

inline constexpr std::int32_t kStandardMtu = 1500;  // Ethernet; 9000 with jumbo frames (§5.4)

struct LinkConfig {
  sim::BytesPerSecond bandwidth;  // a → b, and b → a unless bandwidth_reverse; half duplex: shared
  std::optional<sim::BytesPerSecond> bandwidth_reverse;  // b → a when it differs (full duplex only)
  sim::Duration latency = 50_us;  // one way; assumption: 50 µs, a switched LAN
  std::int32_t mtu = kStandardMtu;  // IP MTU in bytes
  Duplex duplex = Duplex::full;
  bool up = true;

  sim::BytesPerSecond reverse() const { return bandwidth_reverse.value_or(bandwidth); }
};

// The same bandwidth both ways: the common case (a 10 GbE port and its cable).
LinkConfig symmetric_link(sim::BytesPerSecond bandwidth, sim::Duration latency, std::int32_t mtu = kStandardMtu,
                          Duplex duplex = Duplex::full);

struct Link {
  NodeId a;
  NodeId b;
  std::string name;
  LinkConfig config;
};

// One traversal of one link in one direction: the unit that consumes capacity.
struct LinkUse {
  LinkId link;
  Direction direction = Direction::forward;
  friend bool operator==(const LinkUse&, const LinkUse&) = default;
};

struct Path {
  NodeId source;
  NodeId destination;
  std::vector<LinkUse> hops;  // in order from source to destination; empty when source == destination
  sim::Duration latency;      // one way: the sum of the hops' latencies
  std::int32_t mtu = 0;       // path MTU: the smallest MTU on the path (0 for an empty path)
  sim::Duration round_trip_time() const { return latency * 2; }
};

class Topology {
 public:
  Topology() = default;

  // Names are stable identifiers ("sysA/vios1/en0"); a duplicate name fails a SIM_CHECK.
  NodeId add_node(std::string name, NodeKind kind);
  // Joins two distinct nodes; parallel links are allowed (link aggregation, dual MSP pairs).
  // An empty name becomes "<a>--<b>", suffixed "#2", "#3", … for parallel links.
  LinkId add_link(NodeId a, NodeId b, const LinkConfig& config, std::string name = {});

  std::size_t node_count() const { return nodes_.size(); }
  std::size_t link_count() const { return links_.size(); }
  std::optional<NodeId> find_node(std::string_view name) const;
  std::optional<LinkId> find_link(std::string_view name) const;
  const std::string& name(NodeId n) const { return node(n).name; }
  NodeKind kind(NodeId n) const { return node(n).kind; }
  const Link& link(LinkId l) const;

  // Changes a link's state; FlowNetwork::set_link_up also fails the flows crossing it.
  void set_link_up(LinkId l, bool up);
  bool is_up(LinkId l) const { return link(l).config.up; }
  // Raw capacity (bytes/s on the wire) available to traffic using the link this way.
  sim::BytesPerSecond capacity(LinkUse use) const;
  NodeId from(LinkUse use) const;
  NodeId to(LinkUse use) const;

  // Lowest-latency path over links that are up (Boost's dijkstra_shortest_paths). Ties go to
  // fewer hops; remaining ties are settled by Boost's visiting order, which depends only on the
  // order nodes and links were added — so the choice is deterministic. nullopt: no path is up.
  // Memoised per (source, destination) until a link changes state or the graph grows: protocol
  // code asks for the same MSP-to-MSP path on every demand-paging chunk. The cache makes this
  // const method not thread-safe — a Topology belongs to one engine, hence one thread.
  // The reference stays valid until a link changes state or the graph grows, i.e. while
  // paths_generation() is unchanged (callers on a hot path may keep what they derived from it).
  const std::optional<Path>& shortest_path(NodeId source, NodeId destination) const;
  std::uint64_t paths_generation() const { return paths_generation_; }
  // Twice the one-way latency: what one demand-paging request and its page cost in latency.
  static sim::Duration round_trip_time(const Path& p) { return p.round_trip_time(); }

 private:
  struct Node {
    std::string name;
    NodeKind kind;
  };
  struct EdgeData {
    std::uint32_t link = 0;
  };
  using Graph = boost::adjacency_list<boost::vecS, boost::vecS, boost::undirectedS, boost::no_property, EdgeData>;

  struct LinkIsUp;
  const Node& node(NodeId n) const;
  std::optional<Path> search_path(NodeId source, NodeId destination) const;
  Path path_back(NodeId source, NodeId destination) const;
  void index_forest() const;
  std::optional<Path> forest_path(NodeId source, NodeId destination) const;
  void add_latency_and_mtu(Path& path) const;
  void forget_paths();  // the memo, when a link changes state or the graph grows  // from the last search's predecessors

  Graph graph_;
  std::vector<Node> nodes_;
  std::vector<Link> links_;
  sim::StringIndex<NodeId> node_by_name_;
  sim::StringIndex<LinkId> link_by_name_;
  mutable std::unordered_map<std::uint64_t, std::optional<Path>> paths_;  // source << 32 | destination
  std::uint64_t paths_generation_ = 0;
  // Dijkstra's per-node state, kept between searches and reset only where a search went: a
  // search stops once its destination is settled, so in a data centre it visits a few racks'
  // worth of nodes instead of initialising and walking all of them (issue 18: one full search
  // per MSP pair made path finding quadratic in the number of servers).
  struct SearchCost {  // default-constructed: not reached (infinite), as every clean entry is
    std::int64_t latency_ns = std::numeric_limits<std::int64_t>::max();
    std::int64_t hops = std::numeric_limits<std::int64_t>::max();
    friend auto operator<=>(const SearchCost&, const SearchCost&) = default;
  };
  mutable std::vector<SearchCost> search_distance_;
  mutable std::vector<Graph::edge_descriptor> search_via_;
  mutable std::vector<boost::default_color_type> search_color_;
  mutable std::vector<std::size_t> search_touched_;
  // When the links that are up form a forest — no cycle, no parallel links: MSP interfaces on rack
  // switches under one core, the data-centre LAN — every reachable pair has exactly one path, the
  // one Dijkstra would return, and it is read off the tree in O(hops): a search from an MSP would
  // otherwise settle every rack behind the core before reaching its partner (issue 18: a search
  // per MSP pair made path finding quadratic in the number of servers). Rebuilt lazily per
  // paths_generation_; `is_forest` false sends every query to the search.
  struct Forest {
    std::uint64_t generation = std::numeric_limits<std::uint64_t>::max();
    bool is_forest = false;
    std::vector<std::uint32_t> tree;        // node → the index of its tree (its root's node)
    std::vector<std::uint32_t> depth;       // node → hops from its tree's root
    std::vector<std::uint32_t> up_link;     // node → the link to its parent (roots: unused)
  };
  mutable Forest forest_;
};

}  // namespace models::network
