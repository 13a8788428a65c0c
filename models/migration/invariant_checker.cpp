// The checks follow ARCHITECTURE §4 literally. They read only the World and the migrations'
// public state, so a protocol bug shows up as a violation here rather than being assumed away.
#include "models/migration/invariant_checker.hpp"

#include <algorithm>

#include "models/power/lpar_state.hpp"
#include "models/power/vasi_stream.hpp"

namespace models::migration {

namespace {
using S = MigrationState;

std::string field(const sim::TraceRecord& r, const std::string& key) {
  for (const auto& f : r.fields) {
    if (f.key == key) {
      if (const auto* s = std::get_if<std::string>(&f.value)) return *s;
    }
  }
  return {};
}

bool is_vasi_name(const std::string& name) {
  for (int v = 0; v <= 6; ++v) {
    if (power::vasi_state_name(static_cast<power::VasiState>(v)) == name) return true;
  }
  return false;
}

bool legal_vasi(const std::string& from, const std::string& to) {
  for (int a = 0; a <= 6; ++a) {
    for (int b = 0; b <= 6; ++b) {
      const auto va = static_cast<power::VasiState>(a);
      const auto vb = static_cast<power::VasiState>(b);
      if (power::vasi_state_name(va) == from && power::vasi_state_name(vb) == to)
        return power::is_legal_transition(va, vb);
    }
  }
  return false;
}

bool one_of(S s, std::initializer_list<S> set) { return std::find(set.begin(), set.end(), s) != set.end(); }
}  // namespace

const char* invariant_name(int invariant) {
  switch (invariant) {
    case 1: return "single execution";
    case 2: return "no lost update";
    case 3: return "resources balance";
    case 4: return "concurrency limits";
    case 5: return "legal outcome";
    case 6: return "VASI and partition states";
    default: return "model check";
  }
}

InvariantChecker::InvariantChecker(Hmc& hmc, std::size_t tail_size, Level level)
    : hmc_(hmc), tail_size_(tail_size), level_(level) {
  hmc_.on_state_change([this](Migration& m, MigrationState from) { on_state_change(m, from); });
  hmc_.on_finished([this](Migration& m) { on_finished(m); });
}

void InvariantChecker::add(int invariant, const std::string& migration, const std::string& message) {
  sim::Engine& engine = hmc_.world().engine();
  violations_.push_back({engine.now(), invariant, invariant_name(invariant), migration, message,
                         std::vector<sim::TraceRecord>(tail_.begin(), tail_.end())});
  engine.stop();  // the first violation ends the run: later events would only blur the trace
}

void InvariantChecker::record(const sim::TraceRecord& r) {
  if (tail_size_ > 0) {
    if (tail_.size() == tail_size_) tail_.pop_front();
    tail_.push_back(r);
  }
  if (r.kind == "precopy.blackout") {
    tracks_[r.component].blackout_done = true;
  } else if (r.kind == "vasi.state") {
    const std::string from = field(r, "from");
    const std::string to = field(r, "to");
    if (!is_vasi_name(from) || !is_vasi_name(to) || !legal_vasi(from, to))
      add(6, r.component, "illegal VASI transition " + from + " -> " + to);
  } else if (r.kind == "lpar.state") {
    const std::string to = field(r, "to");
    if (!power::lpar_state_from_name(to)) add(6, r.component, "partition state '" + to + "' is not an HMC state name");
  } else if (r.kind == "lpar.executing") {
    const std::string from = field(r, "from");
    const std::string to = field(r, "to");
    if (!from.empty() && !to.empty())
      add(1, r.component, r.component + " moved from " + from + " to " + to + " without a blackout");
    if (!to.empty()) last_executed_on_[r.component] = to;
  }
}

void InvariantChecker::on_state_change(Migration& m, MigrationState from) {
  ++transitions_[{from, m.state()}];
  if (!violations_.empty()) return;
  if (!is_legal_transition(from, m.state()))
    return add(6, m.id(), "illegal migration transition " + std::string(to_string(from)) + " -> " +
                              std::string(to_string(m.state())));
  if (m.state() == S::validating) {
    note_places(m);
    tracks_[m.id()].footprint = footprint(m.request().lpar);
  }
  if (level_ == Level::full && m.state() == S::resumed && !tracks_[m.id()].blackout_done)
    return add(2, m.id(), "resumed on " + m.record().destination +
                              " before the blackout transfer ended: the destination runs on stale state");
  check_execution(m);
  check_source_held(m);
  if (m.state() == S::rolled_back) check_rolled_back(m);
  if (m.state() == S::completed) check_completed(m);
  if (m.state() == S::recovered) check_single_place(m);
  if (violations_.empty() && level_ == Level::full) check_world();
}

void InvariantChecker::on_finished(Migration& m) {
  if (!violations_.empty()) return;
  if (m.state() == S::failed && !m.record().recoverable)
    add(5, m.id(), "failed without recovery possible: " + m.record().outcome_detail);
}

// Invariant 1: executing on the source before the suspend point, nowhere in the blackout, on the
// destination after resume (a failed server runs nothing: then nowhere is right too).
void InvariantChecker::check_execution(Migration& m) {
  const std::string& on = m.lpar().executing_on();
  const power::ManagedSystem* src = hmc_.world().system(m.record().source);
  const power::ManagedSystem* dst = hmc_.world().system(m.record().destination);
  const S s = m.state();
  std::string expected;
  if (m.inactive()) {  // a Not Activated partition executes nowhere, before, during and after (§4.1)
    if (!on.empty()) add(1, m.id(), m.lpar().name() + " was moved inactive but executes on '" + on + "'");
    return;
  }
  if (one_of(s, {S::preparing, S::precopy, S::suspending, S::stopping, S::rolled_back}) && src->operating())
    expected = src->name();
  else if (one_of(s, {S::resumed, S::completing, S::completed}) && dst != nullptr && dst->operating())
    expected = dst->name();
  else if (s != S::suspended)
    return;
  if (on != expected)
    add(1, m.id(), m.lpar().name() + " executes on '" + on + "' in state " + std::string(to_string(s)) +
                       ", expected '" + expected + "'");
}

// Invariant 3: the source keeps the partition (memory, processors, definition) until completion.
void InvariantChecker::check_source_held(Migration& m) {
  if (!one_of(m.state(), {S::precopy, S::suspending, S::suspended, S::resumed, S::completing, S::failed, S::stopping}))
    return;
  const power::ManagedSystem* src = hmc_.world().system(m.record().source);
  if (src->hypervisor().find(m.lpar().name()) == nullptr)
    add(3, m.id(), m.record().source + " freed " + m.lpar().name() + " in state " + std::string(to_string(m.state())) +
                       ", before the migration completed");
}

// Invariant 3: a rollback leaves the partition's resources exactly as they were.
void InvariantChecker::check_rolled_back(Migration& m) {
  const auto lines = [](const std::vector<Holding>& holdings) {
    std::vector<std::string> out;
    for (const Holding& h : holdings) out.push_back(h.line());
    return out;
  };
  const std::vector<std::string> now = lines(footprint(m.request().lpar));
  std::vector<std::string> before = lines(tracks_[m.id()].footprint);
  std::erase_if(before, [&](const std::string& line) { return down_vios(line); });
  if (now == before) return;
  std::string diff;
  for (const auto& line : before) {
    if (std::find(now.begin(), now.end(), line) == now.end()) diff += " missing [" + line + "]";
  }
  for (const auto& line : now) {
    if (std::find(before.begin(), before.end(), line) == before.end()) diff += " left behind [" + line + "]";
  }
  add(3, m.id(), "rolled back but resources differ:" + diff);
}

bool InvariantChecker::down_vios(const std::string& line) const {
  for (const PlacedVios& p : hmc_.world().all_vios()) {
    if (!p.vios->operating() && line.rfind(p.system + "/" + p.vios->partition().name() + " ", 0) == 0) return true;
  }
  return false;
}

// Invariants 1 and 3: the source freed everything once; the partition lives on the destination.
void InvariantChecker::check_completed(Migration& m) {
  const std::string& source = m.record().source;
  for (const Holding& h : footprint(m.request().lpar)) {
    if (h.on_system(source)) return add(3, m.id(), "completed but the source still holds [" + h.line() + "]");
  }
  check_single_place(m);
}

// After completion or `-o r`: defined in exactly one place, running there or nowhere.
void InvariantChecker::check_single_place(Migration& m) {
  const World& w = hmc_.world();
  std::vector<std::string> defined, defined_up;
  // A failed server's partition table is unreachable until it is restored (the HMC then deletes
  // a stale definition [INF]): a second definition there does not count, a sole one does.
  for (const power::ManagedSystem* s : places(m.lpar().name())) {
    if (s->hypervisor().find(m.lpar().name()) == nullptr) continue;
    defined.push_back(s->name());
    if (s->operating()) defined_up.push_back(s->name());
  }
  if (!defined_up.empty()) {
    defined = defined_up;
  } else if (defined.size() > 1) {
    // Every copy is on a failed server: the one that counts is where the partition last ran,
    // the others are stale and deleted when their server is restored, as above.
    const auto last = last_executed_on_.find(m.lpar().name());
    if (last != last_executed_on_.end() && std::find(defined.begin(), defined.end(), last->second) != defined.end())
      defined = {last->second};
  }
  if (defined.size() != 1) {
    std::string where;
    for (const auto& d : defined) where += " " + d;
    return add(1, m.id(), m.lpar().name() + " is defined on " + std::to_string(defined.size()) +
                              " systems after " + std::string(to_string(m.state())) + ":" + where);
  }
  const std::string& on = m.lpar().executing_on();
  if (!on.empty() && on != defined.front())
    return add(1, m.id(), m.lpar().name() + " is defined on " + defined.front() + " but executes on " + on);
  const power::ManagedSystem* home = w.home_of(m.lpar());
  if (home == nullptr || home->name() != defined.front())
    add(1, m.id(), "the HMC places " + m.lpar().name() + " on " + (home ? home->name() : "nothing") +
                       " but it is defined on " + defined.front());
}

// Invariants 3 and 4 over the whole world.
void InvariantChecker::check_world() {
  const World& w = hmc_.world();
  for (const auto& s : w.systems()) {
    std::int64_t used = s->hypervisor_lmbs();
    std::int64_t reserved = 0;
    for (const power::PartitionEntry* e : s->hypervisor().partitions())
      (e->state == power::PartitionEntryState::committed ? used : reserved) += e->lmbs;
    if (used != s->memory().used() || reserved != s->memory().reserved())
      return add(3, s->name(), s->name() + " memory accounts " + std::to_string(s->memory().used()) + " used / " +
                                   std::to_string(s->memory().reserved()) + " reserved LMBs but its partitions hold " +
                                   std::to_string(used) + " / " + std::to_string(reserved));
    for (const auto kind : {power::MigrationKind::active, power::MigrationKind::inactive}) {
      if (s->migrations_in_progress(kind) > s->migrations_supported(kind))
        return add(4, s->name(), s->name() + " runs " + std::to_string(s->migrations_in_progress(kind)) + " of " +
                                     std::to_string(s->migrations_supported(kind)) + " supported " +
                                     (kind == power::MigrationKind::active ? "active" : "inactive") + " migrations");
    }
  }
  check_msp_tokens();
}

// Invariants 3 and 4 for the MSPs. The admitted migrations are counted from the HMC's side, not
// taken from the MSP's own bookkeeping, so that an admission that forgets to take a token (one
// migration is enough to see it) is a token imbalance rather than an invisible under-count.
void InvariantChecker::check_msp_tokens() {
  std::map<const power::Vios*, int> per_msp;
  for (const auto& m : hmc_.migrations()) {
    if (!m->holds_tokens()) continue;
    for (const MspPair& pair : m->msp_pairs()) {
      for (const power::Vios* v : {pair.source, pair.destination}) {
        ++per_msp[v];
        if (v->msp() != nullptr && !v->msp()->holds(m->id()))
          return add(3, m->id(), m->id() + " was admitted but MSP " + v->name() +
                                     " holds no LPM operation for it (cfg_msp_lpm_ops not accounted)");
      }
    }
  }
  for (const PlacedVios& p : hmc_.world().all_vios()) {
    const power::Msp* msp = p.vios->msp();
    if (msp == nullptr) continue;
    const int n = per_msp[p.vios.get()];
    if (n != msp->active_migrations())
      return add(3, p.vios->name(), "MSP " + p.vios->name() + " holds " + std::to_string(msp->active_migrations()) +
                                        " LPM operations but the HMC has " + std::to_string(n) + " admitted migrations on it");
    if (n > msp->config().cfg_msp_lpm_ops)
      return add(4, p.vios->name(), "MSP " + p.vios->name() + " serves " + std::to_string(n) +
                                        " migrations, cfg_msp_lpm_ops = " + std::to_string(msp->config().cfg_msp_lpm_ops));
  }
}

void InvariantChecker::finish(bool end_time_reached) {
  if (!violations_.empty()) return;
  check_world();
  for (const auto& m : hmc_.migrations()) {
    if (!violations_.empty()) return;
    if (is_terminal(m->state())) continue;
    if (m->state() == S::failed && m->record().recoverable) continue;
    if (!end_time_reached)
      add(5, m->id(), "still " + std::string(to_string(m->state())) + " when the run ended (a hang)");
  }
}

// The partition's resources, in World order: its state, its entries ("sysA 256 LMBs 200 cpu
// committed"), server adapters ("sysA/sysA-vios1 slot 20 vscsi client 2") and devices
// ("sysA/sysA-vios1 device vscsi slot 20 lun available") — footprint.hpp.
std::vector<Holding> InvariantChecker::footprint(const std::string& lpar) const {
  std::vector<Holding> out;
  const World& w = hmc_.world();
  if (const power::Lpar* l = w.lpar(lpar)) out.push_back(Holding::state(l->state()));
  const std::vector<const power::ManagedSystem*> systems = places(lpar);
  for (const power::ManagedSystem* s : systems) {
    const power::PartitionEntry* e = s->hypervisor().find(lpar);
    if (e == nullptr) continue;
    out.push_back(Holding::entry(s->name(), *e));
  }
  const auto visit_vios = [&](const std::string& system, const power::Vios& vios) {
    // A crashed VIOS's devices are undefined until it restarts (a reboot drops migration locks
    // and reconfigures devices): it cannot give back or lose anything meanwhile [INF].
    if (!vios.operating()) return;
    const std::string& name = vios.partition().name();
    for (const auto& a : vios.adapters()) {
      if (a.client == lpar) out.push_back(Holding::slot(system, name, a));
    }
    for (const power::VirtualDevice* d : vios.devices_of(lpar)) out.push_back(Holding::device(system, name, *d));
  };
  if (level_ == Level::full || !places_.contains(lpar)) {
    for (const PlacedVios& p : w.all_vios()) visit_vios(p.system, *p.vios);
  } else {
    for (const power::ManagedSystem* s : systems) {
      for (const power::Vios* v : w.vios_on(s->name())) visit_vios(s->name(), *v);
    }
  }
  return out;
}

std::vector<const power::ManagedSystem*> InvariantChecker::places(const std::string& lpar) const {
  std::vector<const power::ManagedSystem*> out;
  const World& w = hmc_.world();
  const auto it = places_.find(lpar);
  if (level_ == Level::full || it == places_.end()) {  // a partition seen by no validation: everywhere
    for (const auto& s : w.systems()) out.push_back(s.get());
    return out;
  }
  for (const std::size_t i : it->second) out.push_back(w.systems()[i].get());
  return out;
}

void InvariantChecker::note_places(const Migration& m) {
  const World& w = hmc_.world();
  if (system_position_.size() != w.systems().size()) {
    system_position_.clear();
    for (std::size_t i = 0; i < w.systems().size(); ++i) system_position_.emplace(w.systems()[i]->name(), i);
  }
  std::vector<std::size_t>& at = places_[m.request().lpar];
  const power::Lpar* lpar = w.lpar(m.request().lpar);
  const power::ManagedSystem* home = lpar != nullptr ? w.home_of(*lpar) : nullptr;
  for (const std::string* name : {home != nullptr ? &home->name() : nullptr, &m.request().source_system,
                                  &m.request().destination_system}) {
    if (name == nullptr) continue;
    const auto it = system_position_.find(*name);
    if (it == system_position_.end()) continue;
    const auto pos = std::lower_bound(at.begin(), at.end(), it->second);
    if (pos == at.end() || *pos != it->second) at.insert(pos, it->second);
  }
}

}  // namespace models::migration
