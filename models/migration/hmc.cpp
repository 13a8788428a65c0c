#include "models/migration/hmc.hpp"

#include <algorithm>
#include <limits>

#include "sim/check.hpp"

namespace models::migration {

Hmc::Hmc(World& world, MigrationSettings settings, HmcLimits limits, std::map<std::string, MemoryProfile> profiles,
         Validator validator)
    : world_(world),
      settings_(std::move(settings)),
      limits_(limits),
      profiles_(std::move(profiles)),
      validator_(std::move(validator)) {}

Migration::Hooks Hmc::hooks() {
  Migration::Hooks h;
  h.validate = [this](Migration& m) { return validator_(world_, m.request()); };
  h.admit = [this](Migration& m) { return try_admit(m); };
  h.queued = [this](Migration& m) { enqueue(m); };
  h.finished = [this](Migration& m) {
    std::vector<const void*> freed;
    release(m, freed);
    if (const auto it = tickets_.find(&m); it != tickets_.end()) {
      if (it->second.queued_at != 0) queued_.erase(it->second.queued_at);  // dropped from waiting_ when met
      tickets_.erase(it);
    }
    for (auto& o : finished_observers_) o(m);
    admit_queued(freed);
  };
  h.state_changed = [this](Migration& m, MigrationState from) {
    for (auto& o : state_observers_) o(m, from);
  };
  return h;
}

Migration* Hmc::latest(const std::string& lpar) const {
  for (auto it = migrations_.rbegin(); it != migrations_.rend(); ++it) {
    if ((*it)->request().lpar == lpar) return it->get();
  }
  return nullptr;
}

bool Hmc::submit(const MigrationRequest& request) {
  sim::Engine& engine = world_.engine();
  if (engine.tracer())
    engine.trace("hmc.request", "hmc",
                 {{"operation", static_cast<std::int64_t>(request.operation)}, {"lpar", request.lpar}});
  if (request.operation == MigrlparOperation::stop || request.operation == MigrlparOperation::recover) {
    Migration* m = latest(request.lpar);
    // §4.3: `-o s` must name the source managed system (-m), on the HMC managing the source.
    if (request.operation == MigrlparOperation::stop && m != nullptr && !request.source_system.empty() &&
        request.source_system != m->request().source_system) {
      if (engine.tracer())
        engine.trace("hmc.refused", "hmc",
                     {{"lpar", request.lpar},
                      {"reason", "migrlpar -o s must name the source managed system " + m->request().source_system +
                                     ", not " + request.source_system}});
      return false;
    }
    const bool done = m != nullptr && (request.operation == MigrlparOperation::stop ? m->stop() : m->recover(request.force));
    if (!done) engine.trace("hmc.refused", "hmc", {{"lpar", request.lpar}, {"reason", "no migration in a state that allows it"}});
    return done;
  }
  const int n = ++sequence_[request.lpar];
  const std::string id = request.lpar + "#" + std::to_string(n);
  const auto profile = profiles_.find(request.lpar);
  migrations_.push_back(std::make_unique<Migration>(world_, id, request, settings_,
                                                    profile != profiles_.end() ? profile->second : MemoryProfile{},
                                                    hooks()));
  Migration& m = *migrations_.back();
  if (const auto refuses = os_refuses_.find(request.lpar); refuses != os_refuses_.end())
    m.set_os_refuses_suspend(refuses->second);
  m.set_hmc_connected(connected_);
  m.start();
  return true;
}

bool Hmc::slow_pair(const MspPair& pair) const {
  const network::FlowNetwork* net = world_.network();
  if (net == nullptr) return false;
  const auto a = net->topology().find_node(pair.source->msp()->ip_interface());
  const auto b = net->topology().find_node(pair.destination->msp()->ip_interface());
  if (!a || !b) return false;
  const auto path = net->topology().shortest_path(*a, *b);
  if (!path) return false;
  double slowest = std::numeric_limits<double>::infinity();
  for (const auto& hop : path->hops) slowest = std::min(slowest, net->topology().capacity(hop).bits_per_second());
  return slowest <= limits_.slow_link_bandwidth.bits_per_second();
}

Hmc::Ticket& Hmc::ticket(Migration& m) {
  const auto [it, inserted] = tickets_.try_emplace(&m);
  Ticket& t = it->second;
  if (inserted) {
    t.kind = m.kind();
    t.source = world_.system(m.request().source_system);
    t.destination = world_.system(m.request().destination_system);
    if (t.kind == power::MigrationKind::inactive) {
      // Inactive migrations wait on the systems' inactive counters, which active ones never free.
      t.source_inactive = &inactive_keys_[t.source];
      t.destination_inactive = &inactive_keys_[t.destination];
    } else {
      t.pairs = m.preflight().msp_pairs;
      const MspPair& primary = t.pairs.front();
      t.on_pair = &active_on_pair_[{primary.source, primary.destination}];
    }
  }
  return t;
}

namespace {
// A refusal that no release of a resource ends (an MSP down, a pair whose path is slow now): such
// requests are re-tried after every release, as all queued requests once were.
const int kAnyReleaseTag = 0;
const void* const kAnyRelease = &kAnyReleaseTag;

// The MSP of `pair` that refuses `migration`, or nullptr when both can take it.
power::Msp* refusing_msp(const MspPair& pair, const std::string& migration) {
  for (power::Vios* v : {pair.source, pair.destination}) {
    if (!v->msp()->can_admit(migration)) return v->msp();
  }
  return nullptr;
}
}  // namespace

// The resource that refuses `m` now, or nullptr when everything fits: both systems' counters
// (active and inactive counted separately, §3.1), and for an active migration the pair limits of
// its primary pair (the pair first, §5.2) and the MSPs of every pair it must set up. A redundant
// pair (§5.4, S9) blocks only when redundancy is required (--redundantmsps 1); "if possible" (2)
// drops a pair whose MSPs have no operation left. Takes nothing.
const void* Hmc::blocker(const Migration& m, const Ticket& t) const {
  if (t.kind == power::MigrationKind::inactive) {
    const auto kind = power::MigrationKind::inactive;
    if (t.source->migrations_in_progress(kind) >= t.source->migrations_supported(kind)) return t.source_inactive;
    if (t.destination->migrations_in_progress(kind) >= t.destination->migrations_supported(kind))
      return t.destination_inactive;
    return nullptr;
  }
  if (*t.on_pair >= limits_.max_per_pair) return t.on_pair;
  if (*t.on_pair >= limits_.max_per_pair_on_slow_links && slow_pair(t.pairs.front())) return kAnyRelease;
  const auto kind = power::MigrationKind::active;
  if (t.source->migrations_in_progress(kind) >= t.source->migrations_supported(kind)) return t.source;
  if (t.destination->migrations_in_progress(kind) >= t.destination->migrations_supported(kind)) return t.destination;
  if (settings_.mutant == Mutant::ignore_msp_limit) return nullptr;  // MUTANT (verify self-test): no MSP tokens
  for (std::size_t i = 0; i < t.pairs.size(); ++i) {
    if (i > 0 && m.request().redundant_msps == Requirement::if_possible) break;
    if (const power::Msp* msp = refusing_msp(t.pairs[i], m.id())) return msp->operating() ? msp : kAnyRelease;
  }
  return nullptr;
}

// All or nothing: checked first, then taken, so a refusal leaves no trace. An active migration
// takes an LPM operation on both MSPs of every pair it sets up; the pairs it got are its own.
bool Hmc::try_admit(Migration& m) {
  Ticket& t = ticket(m);
  if (blocker(m, t) != nullptr) return false;
  const bool systems = t.source->begin_migration(t.kind).ok() && t.destination->begin_migration(t.kind).ok();
  SIM_CHECK(systems, m.id(), "a system refused a migration its counters allowed");
  if (t.kind == power::MigrationKind::active) {
    std::vector<MspPair> taken;
    for (const MspPair& pair : t.pairs) {
      if (settings_.mutant != Mutant::ignore_msp_limit) {
        if (refusing_msp(pair, m.id()) != nullptr) continue;  // an optional redundant pair (blocker)
        const bool msps = pair.source->msp()->admit(m.id()).ok() && pair.destination->msp()->admit(m.id()).ok();
        SIM_CHECK(msps, m.id(), "an MSP refused a migration it said it could admit");
      }
      taken.push_back(pair);
    }
    SIM_CHECK(!taken.empty() && taken.front().source == t.pairs.front().source, m.id(), "primary MSP pair not taken");
    m.use_msp_pairs(std::move(taken));
    ++*t.on_pair;
  }
  m.set_holds_tokens(true);
  if (world_.engine().tracer())
    world_.engine().trace("hmc.admit", "hmc",
                          {{"migration", m.id()}, {"msp_pairs", static_cast<std::int64_t>(m.msp_pairs().size())}});
  return true;
}

void Hmc::enqueue(Migration& m) {
  Ticket& t = ticket(m);
  t.queued_at = next_queue_position_++;
  queued_.emplace(t.queued_at, &m);
  const void* waits_for = blocker(m, t);
  waiting_[waits_for != nullptr ? waits_for : kAnyRelease].push_back(&m);
}

// Gives back what try_admit took; `freed` gets the resources requests may be waiting on.
void Hmc::release(Migration& m, std::vector<const void*>& freed) {
  if (!m.holds_tokens()) return;
  Ticket& t = ticket(m);
  if (t.kind == power::MigrationKind::active) {
    if (settings_.mutant != Mutant::ignore_msp_limit) {  // MUTANT check: it took no MSP tokens
      for (const MspPair& pair : m.msp_pairs()) {
        for (power::Vios* v : {pair.source, pair.destination}) {
          if (v->msp()->holds(m.id())) v->msp()->release(m.id());
          freed.push_back(v->msp());
        }
      }
    }
    --*t.on_pair;
    freed.insert(freed.end(), {t.on_pair, t.source, t.destination});
  } else {
    freed.insert(freed.end(), {t.source_inactive, t.destination_inactive});
  }
  t.source->end_migration(t.kind);
  t.destination->end_migration(t.kind);
  m.set_holds_tokens(false);
}

// FIFO order; a request that still does not fit keeps its place while later ones that fit go
// ahead, so one blocked pair does not stall migrations over another (documented in README).
// Only the requests waiting on a freed resource can fit now (admissions only take), so only they
// are re-tried, in FIFO order; one that still does not fit waits on what refuses it now. A
// migration that ends inside admitted() calls this again: its candidates join the pass under way.
void Hmc::admit_queued(const std::vector<const void*>& freed) {
  const auto collect = [this](const void* key) {
    const auto it = waiting_.find(key);
    if (it == waiting_.end()) return;
    for (Migration* m : it->second) {
      const auto t = tickets_.find(m);
      if (t != tickets_.end() && t->second.queued_at != 0) retry_.emplace(t->second.queued_at, m);
    }
    waiting_.erase(it);
  };
  for (const void* key : freed) collect(key);
  collect(kAnyRelease);
  if (admitting_) return;
  admitting_ = true;
  while (!retry_.empty()) {
    Migration* m = retry_.begin()->second;
    retry_.erase(retry_.begin());
    const auto it = tickets_.find(m);
    if (it == tickets_.end() || it->second.queued_at == 0 || m->state() != MigrationState::queued) continue;
    Ticket& t = it->second;
    if (const void* waits_for = blocker(*m, t); waits_for != nullptr) {
      waiting_[waits_for].push_back(m);
      continue;
    }
    try_admit(*m);
    queued_.erase(t.queued_at);
    t.queued_at = 0;
    m->admitted();
  }
  admitting_ = false;
}

void Hmc::system_failed(power::ManagedSystem& system) {
  for (const auto& m : migrations_) m->on_system_failed(system);
}

void Hmc::network_changed() {
  for (const auto& m : migrations_) m->on_network_changed();
}

void Hmc::msp_failed(const power::Vios& vios) {
  for (const auto& m : migrations_) m->on_msp_failed(vios);
}

// A rebooted VIOS serves again: migrations waiting for its MSP may be admitted now.
void Hmc::vios_restarted(const power::Vios& vios) {
  if (world_.engine().tracer()) world_.engine().trace("hmc.vios_restarted", "hmc", {{"vios", vios.name()}});
  admit_queued({vios.msp()});
}

void Hmc::close_records(sim::Time end) {
  for (const auto& m : migrations_) m->close_record(end);
}

void Hmc::set_connected(bool connected) {
  connected_ = connected;
  if (world_.engine().tracer()) world_.engine().trace("hmc.connection", "hmc", {{"connected", connected}});
  for (const auto& m : migrations_) m->set_hmc_connected(connected);
}

void Hmc::set_os_refuses_suspend(const std::string& lpar, bool refuses) {
  os_refuses_[lpar] = refuses;
  for (const auto& m : migrations_) {
    if (m->request().lpar == lpar) m->set_os_refuses_suspend(refuses);
  }
}

}  // namespace models::migration
