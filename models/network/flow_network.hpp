// models::network::FlowNetwork: data transfers as fluid flows over a Topology. A flow of N bytes
// first pays its path's one-way latency, then moves at a rate that is recomputed — max-min fair
// with per-flow caps (MaxMinSolver) — whenever a flow starts or ends, a cap changes or a link
// goes down or up. Used by the migration model for memory pages, state and demand paging.
//   sim::Engine engine; FlowNetwork net(engine, std::move(topology));
//   net.start_flow(src, dst, 1_GiB, kUncapped, [](FlowId, FlowOutcome o) { … });
//   engine.run();  // the callback fires with FlowOutcome::completed
#pragma once

#include <cstdint>
#include <functional>
#include <limits>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <boost/container/small_vector.hpp>

#include "models/network/id_table.hpp"
#include "models/network/max_min_solver.hpp"
#include "models/network/protocol_efficiency.hpp"
#include "models/network/topology.hpp"
#include "sim/engine.hpp"
#include "sim/handler.hpp"
#include "sim/quantity.hpp"

namespace models::network {

// How a flow ended; passed to its callback exactly once. Modelled failures, never exceptions.
enum class FlowOutcome { completed, failed_link_down, no_route, cancelled };
// connecting: paying the path latency; transferring: moving bytes. Ended flows are forgotten.
enum class FlowState { connecting, transferring };
std::string_view to_string(FlowOutcome o);
std::string_view to_string(FlowState s);

// Flows are numbered 1, 2, 3, … in order of start_flow; ids are never reused.
struct FlowId {
  std::uint64_t value = 0;
  friend auto operator<=>(const FlowId&, const FlowId&) = default;
};

inline constexpr sim::BytesPerSecond kUncapped{std::numeric_limits<double>::infinity()};

// A cap shared by a group of flows: their payload rates *together* stay at or below it, however
// many of them are open (e.g. what one mover can push for one migration, whatever number of
// chunks it has in flight). Inside the group the flows share max-min fairly, like on a link.
struct CapGroupId {
  std::uint32_t value = 0;
  friend auto operator<=>(const CapGroupId&, const CapGroupId&) = default;
};

struct FlowNetworkConfig {
  std::string name = "network";  // trace component
  ProtocolOverhead overhead{};   // per packet; ProtocolOverhead::none() for textbook rates
};

struct FlowInfo {
  FlowId id;
  NodeId source;
  NodeId destination;
  FlowState state = FlowState::connecting;
  sim::Bytes size;
  sim::BytesPerSecond cap;
  sim::BytesPerSecond rate;  // payload bytes/s now; 0 while connecting
  double bytes_remaining = 0.0;  // payload bytes, fractional in a fluid model
};

// Traffic on one link now, in wire bytes/s (payload plus protocol overhead).
struct LinkLoad {
  sim::BytesPerSecond forward;  // a → b
  sim::BytesPerSecond reverse;  // b → a
  // Share of the capacity in use per direction; a half-duplex link reports its one shared
  // capacity's use (both directions summed) for both.
  double forward_utilisation = 0.0;
  double reverse_utilisation = 0.0;
};

class FlowNetwork {
 public:
  // Inline storage for a channel's answer (its `this` and a guard): one per flow, the hot path of
  // a data-centre run, where std::function sent each capture to malloc (issue 18).
  using OnDone = sim::InlineFunction<void(FlowId, FlowOutcome), 32>;
  using Observer = std::function<void(const FlowNetwork&)>;

  FlowNetwork(sim::Engine& engine, Topology topology, FlowNetworkConfig config = {});
  ~FlowNetwork();  // cancels the events it still has pending
  FlowNetwork(const FlowNetwork&) = delete;
  FlowNetwork& operator=(const FlowNetwork&) = delete;

  const Topology& topology() const { return topology_; }

  // Starts moving `size` payload bytes from `source` to `destination` (distinct nodes) over the
  // current shortest path, at most `cap` payload bytes/s (kUncapped for none). `on_done` fires
  // once: completed; failed_link_down if a link of the path goes down first; no_route (at the
  // current instant, from an event) if no path is up; cancelled from cancel_flow.
  FlowId start_flow(NodeId source, NodeId destination, sim::Bytes size, sim::BytesPerSecond cap, OnDone on_done);
  // The same, the flow also counted against `group`'s shared cap.
  FlowId start_flow(NodeId source, NodeId destination, sim::Bytes size, sim::BytesPerSecond cap, OnDone on_done,
                    CapGroupId group);
  // A shared cap (payload bytes/s ≥ 0, kUncapped for none) for the flows started in it.
  CapGroupId add_cap_group(sim::BytesPerSecond cap);
  // Changes a group's cap from now on (its transferring flows are re-rated at once).
  void set_group_cap(CapGroupId group, sim::BytesPerSecond cap);
  // Forgets a group; no open flow may be in it. Its id may be handed out again.
  void remove_cap_group(CapGroupId group);
  // Ends an open flow now with FlowOutcome::cancelled (its callback runs before this returns);
  // false if the flow has already ended.
  bool cancel_flow(FlowId id);
  // Changes an open flow's cap (payload bytes/s ≥ 0; kUncapped for none) from now on.
  void set_cap(FlowId id, sim::BytesPerSecond cap);
  // Takes a link down or up. Down fails exactly the open flows whose path crosses it (callbacks
  // in id order, after the survivors' rates are updated); up only lets later flows use it.
  void set_link_up(LinkId link, bool up);
  // Called after every rate recomputation, in order of registration; may query, not mutate.
  void add_observer(Observer observer) { observers_.push_back(std::move(observer)); }
  // The links whose load the last recomputation may have changed (those of the flows it re-solved),
  // ascending; every other link's load is as before it.
  const std::vector<LinkId>& changed_links() const { return changed_links_; }

  bool is_open(FlowId id) const { return flows_.contains(id.value); }
  std::optional<FlowInfo> flow(FlowId id) const;
  // The path an open flow was routed over (fixed at start_flow; empty for a no_route flow).
  const Path& path(FlowId id) const;
  sim::BytesPerSecond rate(FlowId id) const;
  double bytes_remaining(FlowId id) const;
  std::vector<FlowId> open_flows() const;  // ascending id
  std::size_t open_flow_count() const { return flows_.size(); }
  std::size_t transferring_flow_count() const { return transferring_count_; }
  LinkLoad link_load(LinkId link) const;
  std::uint64_t recomputations() const { return recomputations_; }
  const MaxMinSolver& solver() const { return solver_; }

 private:
  // A path with what every flow over it needs, built once per (source, destination) between
  // link changes and shared by the flows (no per-flow copies of hops and resources).
  // What a connecting flow reads (weight and resources, inline) fills the first cache line.
  struct alignas(64) Route {
    double weight = 1.0;
    boost::container::small_vector<std::uint32_t, 6> resources;  // solver resources of the path's hops
    Path path;
  };
  // Two cache lines: what a connection, a completion and a stop read comes first; the event and
  // the callback, which only the start, a cancellation and the end touch, fill the second.
  struct alignas(64) Flow {
    FlowId id;
    NodeId source;
    NodeId destination;
    const Route* route = nullptr;  // owned by route_store_; null for a no_route flow
    sim::Bytes size;
    sim::BytesPerSecond cap;
    std::uint32_t slot = 0;  // in solver_, while in_solver
    std::optional<CapGroupId> group;
    FlowState state = FlowState::connecting;
    bool in_solver = false;  // transferring and not yet finished
    // A transferring flow out of the solver has moved all its bytes (it is due, in due_now_);
    // in the solver its fluid state is slots_[slot].
    sim::EventId connect_event;
    OnDone on_done;
  };
  // A shared cap is one more solver resource that the group's flows use besides their links. The
  // solver counts wire bytes (rate × weight) on resources, so the resource's capacity is the cap
  // times the weight of the group's flows (set when one connects; a group's flows share a path).
  struct CapGroup {
    double cap = 0.0;  // payload bytes/s
    std::uint32_t resource = 0;
    double weight = 1.0;
    std::size_t open_flows = 0;
    bool used = false;
  };

  // The fluid state of the flow in a solver slot: `anchor_bytes` remained at `anchor` and `rate`
  // has held since, so the remainder is exact at any instant without touching flows whose rate
  // did not change. Kept by slot in one flat array rather than in the Flow (a map node): a
  // recomputation re-rates many flows, and reaching each Flow was a cache miss (most of
  // recompute()'s time in the 10 000-LPAR profile).
  struct SlotState {
    std::uint64_t id = 0;  // the flow in the slot; 0 when free
    double rate = 0.0;     // payload bytes/s
    double anchor_bytes = 0.0;
    sim::Time anchor;
    sim::Time finish_at = sim::Time::max();
    // The time of the flow's current entry on finish_heap_ (max: none). Never after finish_at:
    // a rate change that moves the finish later keeps the earlier entry, re-keyed when it reaches
    // the top; only a finish earlier than it is pushed.
    sim::Time heap_at = sim::Time::max();
  };
  // A flow's completion time as pushed on finish_heap_ (which see).
  struct FinishEntry {
    sim::Time at;
    std::uint64_t id;
    std::uint32_t slot;  // the flow's solver slot when pushed
  };

  // How many ids ahead on_connected asks for the flow that will connect then.
  static constexpr std::uint64_t kConnectAhead = 4;

  Flow& open_flow(FlowId id, const char* what);
  const Flow& open_flow(FlowId id, const char* what) const;
  std::uint32_t resource(LinkUse use) const;
  const Route* cached_route(NodeId source, NodeId destination);
  void retire_routes();
  void refresh_capacity(LinkId link);
  void leave_solver(Flow& f);
  void on_connected(std::uint64_t id);
  void on_completion_due();
  void recompute();
  void recompute_soon();
  void release_due_flows();
  // Inlined: a call that only prefetches is deleted by GCC 12 (see IdTable::prefetch).
  [[gnu::always_inline]] inline void prefetch_leaving(const std::vector<std::uint64_t>& ids, std::size_t i) const;
  std::size_t take_due();
  bool finish_entry_valid(const FinishEntry& e) const;
  void push_finish(sim::Time at, std::uint64_t id, std::uint32_t slot);
  FinishEntry pop_finish();
  void rekey(const FinishEntry& early);
  void apply_rate(std::uint32_t slot, double rate);
  void stop_transferring(Flow& f);
  double remaining_at_now(const Flow& f) const;
  double current_rate(const Flow& f) const;
  void schedule_next_completion();
  void finish(std::vector<std::uint64_t>& ids, FlowOutcome outcome);
  void trace_flow(const Flow& f, std::string_view event, std::string_view detail = {}) const;
  CapGroup& open_group(CapGroupId group, const char* what);
  void refresh_group_capacity(CapGroup& g);
  std::uint32_t link_resources() const { return 2 * topology_.link_count(); }

  sim::Engine& engine_;
  Topology topology_;
  FlowNetworkConfig config_;
  IdTable<Flow> flows_;  // every open flow, by id (stable addresses)
  // Transferring flows by completion time (those with a finite one), then id: the next completion
  // and the flows due now without a walk over all flows. A binary min-heap with lazy updates: each
  // flow has one current entry, at SlotState::heap_at ≤ its finish_at. A rate change that brings
  // the finish earlier pushes a new current entry (the old one is dropped when it reaches the
  // top); one that moves it later pushes nothing, and the early entry is re-keyed to the real
  // finish when it reaches the top — on a shared uplink every chunk boundary slows and then
  // speeds up all its flows, and pushing each change was 5 % of a data-centre run. An entry is
  // valid while its flow holds the same solver slot with that heap_at (slots_: checked without
  // touching flows_); a flow leaves the solver once it is due, by which time it is in due_now_.
  // A re-keyed std::set was 18 % of the 10 000-LPAR evacuation (a node allocation and two tree
  // walks per rate change).
  std::vector<FinishEntry> finish_heap_;
  // Flows taken off the heap because their finish_at ≤ now, not yet completed (this instant only).
  std::vector<std::uint64_t> due_now_;
  std::size_t transferring_count_ = 0;
  std::vector<Flow*> slot_flow_;         // solver slot → its flow; points into flows_ (stable addresses)
  std::vector<SlotState> slots_;         // solver slot → its flow's fluid state
  std::vector<double> capacity_;         // per resource (2 per link), wire bytes/s; 0 when down
  // The routes found so far, by source node: (destination, route; null when no path was up). An
  // MSP sends to one or two partners, so a short inline list per source is one cache line to
  // read per flow; a hash map keyed by the pair was three dependent misses (bucket, node, key)
  // for every flow of a data centre's tens of thousands of MSP pairs. Cleared on link changes.
  using RoutesFrom = boost::container::small_vector<std::pair<std::uint32_t, const Route*>, 2>;
  std::vector<RoutesFrom> routes_from_;
  // Every route a flow may still use. Flows hold plain pointers: a shared_ptr's count was a
  // cache miss on the route at each flow's start and end (4 % of a 30 000-LPAR evacuation).
  // A link change forgets the cached routes and frees those no open flow still uses, so link
  // flaps do not pile them up.
  std::vector<std::unique_ptr<Route>> route_store_;
  MaxMinSolver solver_;
  sim::EventId completion_event_;
  sim::EventId recompute_event_;  // pending merged recomputation of flows connected this instant
  sim::Time completion_at_ = sim::Time::max();
  std::uint64_t next_id_ = 1;
  std::uint64_t recomputations_ = 0;
  std::vector<Observer> observers_;
  std::vector<CapGroup> groups_;            // by CapGroupId; unused entries are reused
  std::vector<std::uint32_t> free_groups_;  // ids of unused entries, most recently freed last
  std::vector<std::uint32_t> route_and_group_;  // scratch: a grouped flow's solver resources
  std::vector<LinkId> changed_links_;
  // Per link direction, wire bytes/s; a link's pair is re-summed (in flow id order, as a sum over
  // all flows would add them) when a recomputation changed it.
  mutable std::vector<double> loads_;
  mutable std::vector<std::uint8_t> load_stale_;  // per link
  // When a recomputation changed most links (a data centre whose saturated uplinks couple every
  // flow), the next link_load sums every full-duplex link at once, in one pass over the solver's
  // slots in ascending order — the additions, in the order, of load_on's walk over each link's
  // scattered members (which was 3.9 % of a 100 000-LPAR evacuation).
  mutable bool sum_loads_by_slot_ = false;
  std::vector<std::uint8_t> full_duplex_resource_;  // per link resource: summed by slot
  mutable std::vector<double> load_sums_;            // scratch of sum_loads_by_slot
  void sum_loads_by_slot() const;
  struct LoadTerm {
    std::uint64_t flow;
    bool reverse;
    double load;
  };
  mutable std::vector<LoadTerm> load_terms_;  // scratch of link_load
};

}  // namespace models::network
