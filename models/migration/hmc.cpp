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
  h.queued = [this](Migration& m) { queue_.push_back(&m); };
  h.finished = [this](Migration& m) {
    release(m);
    std::erase(queue_, &m);
    for (auto& o : finished_observers_) o(m);
    admit_queued();
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
  engine.trace("hmc.request", "hmc",
               {{"operation", static_cast<std::int64_t>(request.operation)}, {"lpar", request.lpar}});
  if (request.operation == MigrlparOperation::stop || request.operation == MigrlparOperation::recover) {
    Migration* m = latest(request.lpar);
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

int Hmc::active_on_pair(const MspPair& pair) const {
  int n = 0;
  for (const auto& m : migrations_) {
    if (m->holds_tokens() && !m->preflight().msp_pairs.empty() &&
        m->preflight().msp_pairs.front().source == pair.source && m->preflight().msp_pairs.front().destination == pair.destination)
      ++n;
  }
  return n;
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
  return slowest <= limits_.slow_link_bits_per_second;
}

// All or nothing: both systems' counters, both MSPs, and the slow-link limit of the pair (§5.2).
bool Hmc::try_admit(Migration& m) {
  power::ManagedSystem* src = world_.system(m.request().source_system);
  power::ManagedSystem* dst = world_.system(m.request().destination_system);
  const MspPair& pair = m.preflight().msp_pairs.front();
  const int on_pair = active_on_pair(pair);
  if (on_pair >= limits_.max_per_pair) return false;
  if (slow_pair(pair) && on_pair >= limits_.max_per_pair_on_slow_links) return false;
  if (!src->begin_migration(power::MigrationKind::active)) return false;
  if (!dst->begin_migration(power::MigrationKind::active)) {
    src->end_migration(power::MigrationKind::active);
    return false;
  }
  if (settings_.mutant == Mutant::ignore_msp_limit) {  // MUTANT (verify self-test): no MSP tokens
    m.set_holds_tokens(true);
    return true;
  }
  if (!pair.source->msp()->admit(m.id())) {
    src->end_migration(power::MigrationKind::active);
    dst->end_migration(power::MigrationKind::active);
    return false;
  }
  if (!pair.destination->msp()->admit(m.id())) {
    pair.source->msp()->release(m.id());
    src->end_migration(power::MigrationKind::active);
    dst->end_migration(power::MigrationKind::active);
    return false;
  }
  m.set_holds_tokens(true);
  world_.engine().trace("hmc.admit", "hmc", {{"migration", m.id()}});
  return true;
}

void Hmc::release(Migration& m) {
  if (!m.holds_tokens()) return;
  const MspPair& pair = m.preflight().msp_pairs.front();
  if (settings_.mutant != Mutant::ignore_msp_limit) {  // MUTANT check: it took no MSP tokens
    pair.source->msp()->release(m.id());
    pair.destination->msp()->release(m.id());
  }
  world_.system(m.request().source_system)->end_migration(power::MigrationKind::active);
  world_.system(m.request().destination_system)->end_migration(power::MigrationKind::active);
  m.set_holds_tokens(false);
}

// FIFO order; a request that still does not fit keeps its place while later ones that fit go
// ahead, so one blocked pair does not stall migrations over another (documented in README).
void Hmc::admit_queued() {
  std::vector<Migration*> waiting = queue_;
  for (Migration* m : waiting) {
    if (m->state() != MigrationState::queued) continue;
    if (!try_admit(*m)) continue;
    std::erase(queue_, m);
    m->admitted();
  }
}

void Hmc::system_failed(power::ManagedSystem& system) {
  for (const auto& m : migrations_) m->on_system_failed(system);
}

void Hmc::network_changed() {
  for (const auto& m : migrations_) {
    if (m->stream_reachable()) continue;
    m->on_stream_lost("no path between the MSPs");
  }
}

void Hmc::msp_failed(const power::Vios& vios) {
  for (const auto& m : migrations_) {
    const auto& pairs = m->preflight().msp_pairs;
    if (pairs.empty()) continue;
    if (pairs.front().source == &vios || pairs.front().destination == &vios)
      m->on_stream_lost("mover service partition " + vios.name() + " failed");
  }
}

void Hmc::set_connected(bool connected) {
  connected_ = connected;
  world_.engine().trace("hmc.connection", "hmc", {{"connected", connected}});
  for (const auto& m : migrations_) m->set_hmc_connected(connected);
}

void Hmc::set_os_refuses_suspend(const std::string& lpar, bool refuses) {
  os_refuses_[lpar] = refuses;
  for (const auto& m : migrations_) {
    if (m->request().lpar == lpar) m->set_os_refuses_suspend(refuses);
  }
}

}  // namespace models::migration
