#include "models/network/flow_network.hpp"

#include <algorithm>
#include <unordered_set>
#include <utility>

#include "sim/check.hpp"

namespace models::network {

std::string_view to_string(FlowOutcome o) {
  switch (o) {
    case FlowOutcome::completed: return "completed";
    case FlowOutcome::failed_link_down: return "failed_link_down";
    case FlowOutcome::no_route: return "no_route";
    case FlowOutcome::cancelled: return "cancelled";
  }
  return "?";
}

std::string_view to_string(FlowState s) {
  switch (s) {
    case FlowState::connecting: return "connecting";
    case FlowState::transferring: return "transferring";
  }
  return "?";
}

FlowNetwork::FlowNetwork(sim::Engine& engine, Topology topology, FlowNetworkConfig config)
    : engine_(engine), topology_(std::move(topology)), config_(std::move(config)) {
  capacity_.assign(2 * topology_.link_count(), 0.0);
  loads_.assign(2 * topology_.link_count(), 0.0);
  load_stale_.assign(topology_.link_count(), 0);
  full_duplex_resource_.assign(2 * topology_.link_count(), 0);
  for (std::uint32_t l = 0; l < topology_.link_count(); ++l) {
    const bool full = topology_.link(LinkId{l}).config.duplex != Duplex::half;
    full_duplex_resource_[2 * l] = full_duplex_resource_[2 * l + 1] = full ? 1 : 0;
  }
  solver_.reset(capacity_);
  for (std::uint32_t l = 0; l < topology_.link_count(); ++l) refresh_capacity(LinkId{l});
}

FlowNetwork::~FlowNetwork() {
  flows_.for_each([this](std::uint64_t, Flow& f) { engine_.cancel(f.connect_event); });
  engine_.cancel(completion_event_);
  engine_.cancel(recompute_event_);
}

// Each link offers two solver resources: one per direction when full duplex; when half duplex
// both directions draw on the first and the second stays empty.
std::uint32_t FlowNetwork::resource(LinkUse use) const {
  const bool half = topology_.link(use.link).config.duplex == Duplex::half;
  return 2 * use.link.index + (half || use.direction == Direction::forward ? 0 : 1);
}

void FlowNetwork::refresh_capacity(LinkId link) {
  const Link& l = topology_.link(link);
  const bool up = l.config.up;
  const bool half = l.config.duplex == Duplex::half;
  capacity_[2 * link.index] = up ? l.config.bandwidth.value() : 0.0;
  capacity_[2 * link.index + 1] = up && !half ? l.config.reverse().value() : 0.0;
  solver_.set_capacity(2 * link.index, capacity_[2 * link.index]);
  solver_.set_capacity(2 * link.index + 1, capacity_[2 * link.index + 1]);
}

void FlowNetwork::leave_solver(Flow& f) {
  if (!f.in_solver) return;
  solver_.remove_flow(f.slot);
  slots_[f.slot] = SlotState{};
  f.in_solver = false;
}

FlowId FlowNetwork::start_flow(NodeId source, NodeId destination, sim::Bytes size, sim::BytesPerSecond cap,
                               OnDone on_done, CapGroupId group) {
  CapGroup& g = open_group(group, "start_flow");
  const FlowId id = start_flow(source, destination, size, cap, std::move(on_done));
  flows_.find(id.value)->group = group;
  ++g.open_flows;
  return id;
}

CapGroupId FlowNetwork::add_cap_group(sim::BytesPerSecond cap) {
  SIM_CHECK_AT(engine_.now(), cap.value() >= 0.0, config_.name, "negative group cap");
  CapGroupId id;
  if (!free_groups_.empty()) {
    id.value = free_groups_.back();
    free_groups_.pop_back();
  } else {
    id.value = static_cast<std::uint32_t>(groups_.size());
    groups_.push_back({.resource = solver_.add_resource(cap.value())});
  }
  CapGroup& g = groups_[id.value];
  g.used = true;
  g.cap = cap.value();
  g.weight = 1.0;
  g.open_flows = 0;
  refresh_group_capacity(g);
  return id;
}

void FlowNetwork::set_group_cap(CapGroupId group, sim::BytesPerSecond cap) {
  SIM_CHECK_AT(engine_.now(), cap.value() >= 0.0, config_.name, "negative group cap");
  CapGroup& g = open_group(group, "set_group_cap");
  if (g.cap == cap.value()) return;
  g.cap = cap.value();
  refresh_group_capacity(g);
  if (!solver_.flows_on(g.resource).empty()) recompute();
}

void FlowNetwork::remove_cap_group(CapGroupId group) {
  CapGroup& g = open_group(group, "remove_cap_group");
  SIM_CHECK_AT(engine_.now(), g.open_flows == 0, config_.name, "removing a cap group that still has open flows");
  g.used = false;
  free_groups_.push_back(group.value);
}

FlowNetwork::CapGroup& FlowNetwork::open_group(CapGroupId group, const char* what) {
  SIM_CHECK_AT(engine_.now(), group.value < groups_.size() && groups_[group.value].used, config_.name,
               std::string(what) + ": cap group " + std::to_string(group.value) + " does not exist");
  return groups_[group.value];
}

void FlowNetwork::refresh_group_capacity(CapGroup& g) {
  solver_.set_capacity(g.resource, g.cap * g.weight);
}

FlowId FlowNetwork::start_flow(NodeId source, NodeId destination, sim::Bytes size, sim::BytesPerSecond cap,
                               OnDone on_done) {
  SIM_CHECK_AT(engine_.now(), source != destination, config_.name, "a flow needs two distinct nodes");
  SIM_CHECK_AT(engine_.now(), size.count() >= 0, config_.name, "negative flow size");
  SIM_CHECK_AT(engine_.now(), cap.value() >= 0.0, config_.name, "negative flow cap");
  const FlowId id{next_id_++};
  Flow f;
  f.id = id;
  f.source = source;
  f.destination = destination;
  f.size = size;
  f.cap = cap;
  f.on_done = std::move(on_done);
  f.route = cached_route(source, destination);
  // A no-route flow still goes through an event, so its callback never runs inside start_flow.
  const sim::Duration delay = f.route != nullptr ? f.route->path.latency : sim::Duration::zero();
  f.connect_event = engine_.schedule_in(delay, [this, v = id.value] { on_connected(v); });
  const Flow& stored = flows_.insert(id.value, std::move(f));
  trace_flow(stored, "started");
  return id;
}

// Paths change only when a link changes state, so Dijkstra runs once per (source, destination)
// between link changes; migrations start many flows between the same two MSPs.
const FlowNetwork::Route* FlowNetwork::cached_route(NodeId source, NodeId destination) {
  if (routes_from_.size() <= source.index) routes_from_.resize(source.index + 1);
  RoutesFrom& known = routes_from_[source.index];
  for (const auto& [to, route] : known) {
    if (to == destination.index) return route;
  }
  const Route* route = nullptr;
  if (const auto& path = topology_.shortest_path(source, destination)) {
    auto r = std::make_unique<Route>();
    r->path = *path;
    for (const LinkUse& hop : r->path.hops) r->resources.push_back(resource(hop));
    r->weight = wire_bytes_per_payload_byte(r->path.mtu, config_.overhead);
    route = route_store_.emplace_back(std::move(r)).get();
  }
  known.emplace_back(destination.index, route);
  return route;
}

// After a link change: the cached routes are forgotten (paths may differ now) and the routes no
// open flow uses are freed.
void FlowNetwork::retire_routes() {
  routes_from_.clear();
  std::unordered_set<const Route*> in_use;
  flows_.for_each([&](std::uint64_t, const Flow& f) {
    if (f.route != nullptr) in_use.insert(f.route);
  });
  std::erase_if(route_store_, [&](const std::unique_ptr<Route>& r) { return !in_use.contains(r.get()); });
}

void FlowNetwork::on_connected(std::uint64_t id) {
  // Flows started together connect together, in id order, one event each: the one a few ids on is
  // asked for now (at data-centre scale each flow is a miss by the time it connects; the first
  // write to it was 57 % of this function's samples at 30 000 LPARs).
  flows_.prefetch(id + kConnectAhead);
  Flow& f = open_flow(FlowId{id}, "on_connected");
  f.connect_event = {};
  if (f.route == nullptr) {
    std::vector<std::uint64_t> ids{id};
    finish(ids, FlowOutcome::no_route);
    return;
  }
  f.state = FlowState::transferring;
  const sim::Time finish_at = f.size.count() == 0 ? engine_.now() : sim::Time::max();
  if (f.group) {
    CapGroup& g = groups_[f.group->value];
    if (g.weight != f.route->weight) {
      g.weight = f.route->weight;
      refresh_group_capacity(g);
    }
    route_and_group_.assign(f.route->resources.begin(), f.route->resources.end());
    route_and_group_.push_back(g.resource);
    f.slot = solver_.add_flow(route_and_group_, f.cap.value(), f.route->weight);
  } else {
    f.slot = solver_.add_flow({f.route->resources.data(), f.route->resources.size()}, f.cap.value(), f.route->weight);
  }
  f.in_solver = true;
  if (slot_flow_.size() <= f.slot) {
    slot_flow_.resize(f.slot + 1, nullptr);
    slots_.resize(f.slot + 1);
  }
  slot_flow_[f.slot] = &f;
  slots_[f.slot] = SlotState{.id = f.id.value,
                             .rate = 0.0,
                             .anchor_bytes = f.size.as_double(),
                             .anchor = engine_.now(),
                             .finish_at = finish_at};
  ++transferring_count_;
  if (finish_at != sim::Time::max()) push_finish(finish_at, f.id.value, f.slot);
  trace_flow(f, "transferring");
  if (finish_at == engine_.now()) return recompute();  // an empty flow: its completion is due now
  recompute_soon();
}

// Flows of equal latency started together (a batch of chunks after a completion, the parts of a
// redundant chunk) connect at one instant: one solve for all of them instead of one per flow. The
// due flows still leave the solver at each connection, as recompute() would have done, so slots are
// handed out as before; rates solved at the end of the instant are those the last of the per-flow
// solves would have given, and the intermediate ones would have held for no time at all.
void FlowNetwork::recompute_soon() {
  release_due_flows();
  if (!engine_.is_pending(recompute_event_))
    recompute_event_ = engine_.schedule_in(sim::Duration::zero(), [this] { recompute(); });
}

void FlowNetwork::on_completion_due() {
  completion_event_ = {};
  completion_at_ = sim::Time::max();
  take_due();
  std::vector<std::uint64_t> done;
  done.swap(due_now_);
  std::sort(done.begin(), done.end());
  done.erase(std::unique(done.begin(), done.end()), done.end());  // a flow re-keyed back to a time
  for (std::size_t i = 0; i < done.size(); ++i) {
    prefetch_leaving(done, i);
    stop_transferring(*flows_.find(done[i]));
  }
  recompute();
  finish(done, FlowOutcome::completed);
  done.clear();  // keep the buffer for the next completion (malloc was 14 % at 10 000 LPARs)
  if (due_now_.empty()) due_now_.swap(done);
}

bool FlowNetwork::cancel_flow(FlowId id) {
  Flow* open = flows_.find(id.value);
  if (open == nullptr) return false;
  Flow& f = *open;
  engine_.cancel(f.connect_event);
  if (f.state == FlowState::transferring) {
    stop_transferring(f);
    recompute();
  }
  std::vector<std::uint64_t> ids{id.value};
  finish(ids, FlowOutcome::cancelled);
  return true;
}

void FlowNetwork::set_cap(FlowId id, sim::BytesPerSecond cap) {
  SIM_CHECK_AT(engine_.now(), cap.value() >= 0.0, config_.name, "negative flow cap");
  Flow& f = open_flow(id, "set_cap");
  f.cap = cap;
  if (f.in_solver) {
    solver_.set_cap(f.slot, cap.value());
    recompute();
  }
}

void FlowNetwork::set_link_up(LinkId link, bool up) {
  if (topology_.is_up(link) == up) return;
  topology_.set_link_up(link, up);
  refresh_capacity(link);
  retire_routes();
  if (engine_.tracer()) {
    engine_.trace("network.link", config_.name,
                  {{"link", topology_.link(link).name}, {"state", std::string(up ? "up" : "down")}});
  }
  std::vector<std::uint64_t> failed;
  if (!up) {
    flows_.for_each([&](std::uint64_t id, Flow& f) {
      const bool crosses =
          f.route && std::any_of(f.route->path.hops.begin(), f.route->path.hops.end(),
                                 [link](const LinkUse& h) { return h.link == link; });
      if (!crosses) return;
      failed.push_back(id);
      engine_.cancel(f.connect_event);
      if (f.state == FlowState::transferring) stop_transferring(f);
    });
  }
  recompute();
  finish(failed, FlowOutcome::failed_link_down);
}

// A transferring flow leaves the solver and the completion order (it ends or fails).
void FlowNetwork::stop_transferring(Flow& f) {
  // Its heap entries are dropped lazily (its slot is freed); a flow already taken as due (out of
  // the solver) and ended another way (cancelled, its link down) must not complete as well.
  if (!f.in_solver) std::erase(due_now_, f.id.value);
  leave_solver(f);
  --transferring_count_;
}

// Removes the flows (ascending ids, already stopped transferring) and then runs their callbacks
// in that order, so a callback sees every one of them ended and may start new flows freely.
void FlowNetwork::finish(std::vector<std::uint64_t>& ids, FlowOutcome outcome) {
  // Every flow leaves before any callback runs (a callback may start or cancel flows).
  const auto close = [&](std::uint64_t id) {
    SIM_CHECK_AT(engine_.now(), flows_.contains(id), config_.name, "finishing an unknown flow");
    Flow f = flows_.erase(id);
    trace_flow(f, "ended", to_string(outcome));
    if (f.group) --groups_[f.group->value].open_flows;
    return std::move(f.on_done);
  };
  if (ids.size() == 1) {  // the usual case, without a vector of callbacks
    const std::uint64_t id = ids.front();
    OnDone cb = close(id);
    if (cb) cb(FlowId{id}, outcome);
    return;
  }
  std::vector<std::pair<FlowId, OnDone>> callbacks;
  callbacks.reserve(ids.size());
  for (std::size_t i = 0; i < ids.size(); ++i) {
    if (i + 4 < ids.size()) __builtin_prefetch(flows_.find(ids[i + 4]));  // entries are scattered
    callbacks.emplace_back(FlowId{ids[i]}, close(ids[i]));
  }
  for (auto& [id, cb] : callbacks) {
    if (cb) cb(id, outcome);
  }
}

}  // namespace models::network

namespace models::network {

// Max-min rates for every transferring flow, then only the flows whose rate changed move their
// anchor and completion time. Flows due to finish at this very instant (finish_at ≤ now) have
// moved all their bytes — the completion time is rounded up — and take no capacity; their
// completion event is already due.
// Only the components the change touched are re-solved (MaxMinSolver::solve), so only their flows
// can change rate and only their links' loads.
void FlowNetwork::recompute() {
  engine_.cancel(recompute_event_);
  recompute_event_ = {};
  ++recomputations_;
  release_due_flows();
  solver_.solve();
  // The changed slots are scattered over slots_: ask for a few ahead so their misses overlap.
  const std::span<const std::uint32_t> changed = solver_.changed_flows();
  for (std::size_t i = 0; i < changed.size(); ++i) {
    if (i + kPrefetchAhead < changed.size()) __builtin_prefetch(&slots_[changed[i + kPrefetchAhead]]);
    apply_rate(changed[i], solver_.rate(changed[i]));
  }
  schedule_next_completion();
  changed_links_.clear();
  for (const std::uint32_t r : solver_.solved_resources()) {
    if (r >= link_resources()) break;  // ascending: the cap groups' resources come after the links'
    const LinkId link{r / 2};
    if (!changed_links_.empty() && changed_links_.back() == link) continue;
    changed_links_.push_back(link);
    load_stale_[link.index] = 1;
  }
  constexpr std::size_t kFewLinks = 64;  // below this, summing each changed link is as cheap
  sum_loads_by_slot_ = topology_.link_count() >= kFewLinks && 2 * changed_links_.size() >= topology_.link_count();
  for (const Observer& observe : observers_) observe(*this);
}

namespace {
// Min-heap order for std::push_heap/pop_heap (which build max-heaps): later entries compare less.
// A function object, not a function: passed as a function pointer the comparison was an indirect
// call per step of every heap operation (perf: 1.6 % of a 10 000-LPAR evacuation on its own).
struct Later {
  template <typename Entry>
  bool operator()(const Entry& a, const Entry& b) const {
    return a.at != b.at ? b.at < a.at : b.id < a.id;
  }
};
}  // namespace

bool FlowNetwork::finish_entry_valid(const FinishEntry& e) const {
  return slots_[e.slot].id == e.id && slots_[e.slot].heap_at == e.at;
}

void FlowNetwork::push_finish(sim::Time at, std::uint64_t id, std::uint32_t slot) {
  // Stale entries are dropped when they reach the top; should they pile up (rates changing far
  // ahead of completions), the heap is rebuilt from the valid ones.
  if (finish_heap_.size() > 4 * transferring_count_ + 64) {
    std::erase_if(finish_heap_, [this](const FinishEntry& e) { return !finish_entry_valid(e); });
    std::make_heap(finish_heap_.begin(), finish_heap_.end(), Later{});
  }
  finish_heap_.push_back({at, id, slot});
  std::push_heap(finish_heap_.begin(), finish_heap_.end(), Later{});
  slots_[slot].heap_at = at;
}

FlowNetwork::FinishEntry FlowNetwork::pop_finish() {
  const FinishEntry e = finish_heap_.front();
  std::pop_heap(finish_heap_.begin(), finish_heap_.end(), Later{});
  finish_heap_.pop_back();
  return e;
}

// A valid entry before its flow's finish (the rate fell since it was pushed) goes back at the
// real finish, or leaves the heap when the flow has none.
void FlowNetwork::rekey(const FinishEntry& early) {
  SlotState& s = slots_[early.slot];
  if (s.finish_at != sim::Time::max()) push_finish(s.finish_at, early.id, early.slot);
  else s.heap_at = sim::Time::max();
}

// Moves the flows due by now (valid heap entries with finish_at ≤ now) to due_now_; returns the
// index of the first one added.
std::size_t FlowNetwork::take_due() {
  const std::size_t first_new = due_now_.size();
  const sim::Time now = engine_.now();
  while (!finish_heap_.empty() && finish_heap_.front().at <= now) {
    const FinishEntry e = pop_finish();
    if (!finish_entry_valid(e)) continue;
    SlotState& s = slots_[e.slot];
    if (s.finish_at != e.at) {
      rekey(e);  // later than now, so not popped again here
      continue;
    }
    s.heap_at = sim::Time::max();
    due_now_.push_back(e.id);
  }
  return first_new;
}

void FlowNetwork::release_due_flows() {
  for (std::size_t i = take_due(); i < due_now_.size(); ++i) {
    prefetch_leaving(due_now_, i);
    leave_solver(*flows_.find(due_now_[i]));
  }
}

// Flows about to leave the solver, taken in order from `ids` (the one at `i` is next), are
// scattered (entries are reused), and so are their solver slots and rows: they are asked for in
// stages, each once what it is found from has arrived (the flow 16 ahead, its slot's entries 8
// ahead, its rows 4 ahead, the rows' members 2 ahead), so that the misses of a completion
// instant's thousands of flows overlap instead of following each other.
void FlowNetwork::prefetch_leaving(const std::vector<std::uint64_t>& ids, std::size_t i) const {
  const std::size_t n = ids.size();
  const auto slot_of = [&](std::size_t ahead) -> std::optional<std::uint32_t> {
    if (i + ahead >= n) return std::nullopt;
    const Flow& f = *flows_.find(ids[i + ahead]);
    return f.in_solver ? std::optional(f.slot) : std::nullopt;
  };
  if (i + 2 * kPrefetchAhead < n) flows_.prefetch(ids[i + 2 * kPrefetchAhead]);
  if (const auto slot = slot_of(kPrefetchAhead)) {
    solver_.prefetch_slot(*slot);
    __builtin_prefetch(&slots_[*slot]);
  }
  if (const auto slot = slot_of(kPrefetchAhead / 2)) solver_.prefetch_rows(*slot);
  if (const auto slot = slot_of(kPrefetchAhead / 4)) solver_.prefetch_members(*slot);
}

// Called only for the flows whose rate the solve changed (MaxMinSolver::changed_flows, whose last
// rate is the one mirrored here): most flows of a re-solved component keep theirs (capped, or on a
// link that did not change), and visiting their fluid state only to find that out was a cache
// miss per flow per solve at 100 000 LPARs.
void FlowNetwork::apply_rate(std::uint32_t slot, double rate) {
  SlotState& s = slots_[slot];
  const sim::Time now = engine_.now();
  const double moved = sim::bytes_in(now - s.anchor, sim::BytesPerSecond(s.rate));
  s.anchor_bytes = std::max(s.anchor_bytes - moved, 0.0);
  s.anchor = now;
  s.rate = rate;
  const sim::Time finish_at = rate > 0.0 ? now + sim::ceil_seconds(s.anchor_bytes / rate) : sim::Time::max();
  if (finish_at == s.finish_at) return;
  s.finish_at = finish_at;
  if (finish_at < s.heap_at) push_finish(finish_at, s.id, slot);  // later: the early entry stays
}

double FlowNetwork::remaining_at_now(const Flow& f) const {
  if (f.state != FlowState::transferring) return f.size.as_double();
  if (!f.in_solver) return 0.0;  // due: all its bytes have moved
  const SlotState& s = slots_[f.slot];
  const double moved = sim::bytes_in(engine_.now() - s.anchor, sim::BytesPerSecond(s.rate));
  return std::max(s.anchor_bytes - moved, 0.0);
}

double FlowNetwork::current_rate(const Flow& f) const { return f.in_solver ? slots_[f.slot].rate : 0.0; }

// One engine event for the whole network, at the earliest completion: simultaneous completions
// are then handled together, in id order, with one recomputation.
void FlowNetwork::schedule_next_completion() {
  // The top must be a flow's real finish: drop stale entries and re-key early ones until it is.
  while (!finish_heap_.empty()) {
    const FinishEntry& top = finish_heap_.front();
    if (finish_entry_valid(top) && slots_[top.slot].finish_at == top.at) break;
    const FinishEntry e = pop_finish();
    if (finish_entry_valid(e)) rekey(e);
  }
  const sim::Time next = !due_now_.empty()        ? engine_.now()
                         : finish_heap_.empty() ? sim::Time::max()
                                                : finish_heap_.front().at;
  if (next == completion_at_) return;
  engine_.cancel(completion_event_);
  completion_event_ = {};
  completion_at_ = next;
  if (next != sim::Time::max()) completion_event_ = engine_.schedule_at(next, [this] { on_completion_due(); });
}

FlowNetwork::Flow& FlowNetwork::open_flow(FlowId id, const char* what) {
  Flow* f = flows_.find(id.value);
  SIM_CHECK_AT(engine_.now(), f != nullptr, config_.name,
               std::string(what) + ": flow " + std::to_string(id.value) + " is not open");
  return *f;
}

const FlowNetwork::Flow& FlowNetwork::open_flow(FlowId id, const char* what) const {
  return const_cast<FlowNetwork*>(this)->open_flow(id, what);
}

std::optional<FlowInfo> FlowNetwork::flow(FlowId id) const {
  const Flow* open = flows_.find(id.value);
  if (open == nullptr) return std::nullopt;
  const Flow& f = *open;
  return FlowInfo{.id = f.id,
                  .source = f.source,
                  .destination = f.destination,
                  .state = f.state,
                  .size = f.size,
                  .cap = f.cap,
                  .rate = sim::BytesPerSecond(current_rate(f)),
                  .bytes_remaining = remaining_at_now(f)};
}

const Path& FlowNetwork::path(FlowId id) const {
  static const Path no_route;
  const Flow& f = open_flow(id, "path");
  return f.route ? f.route->path : no_route;
}
sim::BytesPerSecond FlowNetwork::rate(FlowId id) const {
  return sim::BytesPerSecond(current_rate(open_flow(id, "rate")));
}
double FlowNetwork::bytes_remaining(FlowId id) const { return remaining_at_now(open_flow(id, "bytes_remaining")); }

std::vector<FlowId> FlowNetwork::open_flows() const {
  std::vector<FlowId> ids;
  ids.reserve(flows_.size());
  flows_.for_each([&ids](std::uint64_t id, const Flow&) { ids.push_back(FlowId{id}); });
  return ids;
}

void FlowNetwork::sum_loads_by_slot() const {
  sum_loads_by_slot_ = false;
  const std::size_t resources = full_duplex_resource_.size();
  load_sums_.assign(resources, 0.0);
  const std::size_t slots = solver_.slot_count();
  for (std::uint32_t slot = 0; slot < slots; ++slot) {
    const std::span<const std::uint32_t> uses = solver_.uses(slot);
    if (uses.empty()) continue;
    const double used = solver_.rate(slot) * solver_.weight(slot);
    for (const std::uint32_t r : uses) {
      if (r < resources) load_sums_[r] += used;
    }
  }
  // Only the stale links take the sums: the others keep the loads they were last given.
  for (std::size_t l = 0; l < load_stale_.size(); ++l) {
    if (!load_stale_[l] || !full_duplex_resource_[2 * l]) continue;
    loads_[2 * l] = load_sums_[2 * l];
    loads_[2 * l + 1] = load_sums_[2 * l + 1];
    load_stale_[l] = 0;
  }
}

LinkLoad FlowNetwork::link_load(LinkId link) const {
  const Link& l = topology_.link(link);
  if (load_stale_[link.index] && sum_loads_by_slot_) sum_loads_by_slot();
  if (load_stale_[link.index]) {
    // Full duplex: resource 2l carries a → b, 2l + 1 b → a. Half duplex: both directions share
    // resource 2l, so each flow's hop says which way it goes. Summed in slot order (deterministic),
    // from the solver's flat per-slot arrays (a transferring flow's rate is the solver's, which
    // apply_rate copies): reaching each flow's map node was a cache miss per flow on a rack uplink
    // (link_load was 9 % of a 40 000-LPAR evacuation).
    double forward = 0.0, reverse = 0.0;
    if (l.config.duplex == Duplex::half) {
      for (const std::uint32_t slot : solver_.flows_on(2 * link.index)) {
        const Flow& f = *slot_flow_[slot];
        const auto hop = std::find_if(f.route->path.hops.begin(), f.route->path.hops.end(),
                                      [link](const LinkUse& h) { return h.link == link; });
        (hop->direction == Direction::reverse ? reverse : forward) += solver_.rate(slot) * solver_.weight(slot);
      }
    } else {
      forward = solver_.load_on(2 * link.index);
      reverse = solver_.load_on(2 * link.index + 1);
    }
    loads_[2 * link.index] = forward;
    loads_[2 * link.index + 1] = reverse;
    load_stale_[link.index] = 0;
  }
  LinkLoad load;
  load.forward = sim::BytesPerSecond(loads_[2 * link.index]);
  load.reverse = sim::BytesPerSecond(loads_[2 * link.index + 1]);
  const auto share = [](double used, double capacity) { return capacity > 0.0 ? used / capacity : 0.0; };
  if (l.config.duplex == Duplex::half) {
    load.forward_utilisation = load.reverse_utilisation =
        share(load.forward.value() + load.reverse.value(), capacity_[2 * link.index]);
  } else {
    load.forward_utilisation = share(load.forward.value(), capacity_[2 * link.index]);
    load.reverse_utilisation = share(load.reverse.value(), capacity_[2 * link.index + 1]);
  }
  return load;
}

void FlowNetwork::trace_flow(const Flow& f, std::string_view event, std::string_view detail) const {
  if (!engine_.tracer()) return;
  std::vector<sim::TraceField> fields{{"flow", f.id.value},
                                      {"event", std::string(event)},
                                      {"from", topology_.name(f.source)},
                                      {"to", topology_.name(f.destination)},
                                      {"bytes", f.size.count()}};
  if (!detail.empty()) fields.emplace_back("outcome", std::string(detail));
  engine_.trace("network.flow", config_.name, std::move(fields));
}

}  // namespace models::network
