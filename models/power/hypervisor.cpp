#include "models/power/hypervisor.hpp"

#include <cstdio>
#include <string>

#include "models/power/managed_system.hpp"
#include "sim/check.hpp"

namespace models::power {

namespace {

// States in which a partition's processors run code on its server (placement makes it execute).
bool executes(LparState s) {
  switch (s) {
    case LparState::starting:
    case LparState::open_firmware:
    case LparState::running:
    case LparState::shutting_down:
    case LparState::suspending:
    case LparState::migrating_running:
      return true;
    default:
      return false;
  }
}

std::string units_text(std::int64_t hundredths) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%lld.%02lld", static_cast<long long>(hundredths / 100),
                static_cast<long long>(hundredths % 100));
  return buf;
}

}  // namespace

Hypervisor::Hypervisor(sim::Engine& engine, ManagedSystem& system) : engine_(engine), system_(system) {}

std::string Hypervisor::component() const { return system_.name() + "/hypervisor"; }

void Hypervisor::trace(std::string_view event, const PartitionEntry& e) const {
  if (engine_.tracer())
    engine_.trace("hypervisor.partition", component(),
                  {{"event", std::string(event)}, {"id", e.id}, {"lpar", e.lpar->name()},
                   {"lmbs", e.lmbs}, {"proc_units", e.processors.in_hundredths()},
                   {"free_lmbs", system_.memory_.free()}, {"reserved_lmbs", system_.memory_.reserved()}});
}

Outcome Hypervisor::refuse_if_down() const {
  if (system_.operating()) return Outcome::success();
  return Outcome::refused(system_.name() + " is not operating");
}

PartitionEntry* Hypervisor::entry(int id) {
  const auto it = table_.find(id);
  return it == table_.end() ? nullptr : &it->second;
}

const PartitionEntry* Hypervisor::find(int id) const {
  const auto it = table_.find(id);
  return it == table_.end() ? nullptr : &it->second;
}

const PartitionEntry* Hypervisor::find(std::string_view name) const {
  const auto it = id_by_name_.find(name);
  return it == id_by_name_.end() ? nullptr : find(it->second);
}

std::vector<const PartitionEntry*> Hypervisor::partitions() const {
  std::vector<const PartitionEntry*> out;
  out.reserve(table_.size());
  for (const auto& [id, e] : table_) out.push_back(&e);
  return out;
}

// Memory first, then processors; a processor shortfall gives the memory back so that a refusal
// leaves the accounts exactly as they were.
Outcome Hypervisor::reserve_resources(const Lpar& lpar, std::int64_t lmbs, ProcessingUnits procs, bool as_shell) {
  ResourceAccount& mem = system_.memory_;
  ResourceAccount& cpu = system_.processors_;
  const bool got_mem = as_shell ? mem.try_reserve(lmbs) : mem.try_allocate(lmbs);
  if (!got_mem) {
    return Outcome::refused("not enough memory on " + system_.name() + " for " + lpar.name() + ": need " +
                            std::to_string(lmbs) + " LMBs, " + std::to_string(mem.free()) + " free");
  }
  const bool got_cpu = as_shell ? cpu.try_reserve(procs.in_hundredths()) : cpu.try_allocate(procs.in_hundredths());
  if (!got_cpu) {
    if (as_shell) {
      mem.release(lmbs);
    } else {
      mem.deallocate(lmbs);
    }
    return Outcome::refused("not enough processors on " + system_.name() + " for " + lpar.name() + ": need " +
                            units_text(procs.in_hundredths()) + " processing units, " +
                            units_text(cpu.free()) + " free");
  }
  return Outcome::success();
}

Outcome Hypervisor::add_partition(Lpar& lpar) {
  if (auto down = refuse_if_down(); !down) return down;
  if (find(lpar.id())) {
    return Outcome::refused("partition id " + std::to_string(lpar.id()) + " already exists on " + system_.name());
  }
  if (find(lpar.name())) {
    return Outcome::refused("partition name " + lpar.name() + " already exists on " + system_.name());
  }
  const std::int64_t lmbs = system_.lmbs_for(lpar.config().memory_desired);
  if (auto got = reserve_resources(lpar, lmbs, lpar.processor_capacity(), false); !got) return got;
  PartitionEntry& e = table_[lpar.id()];
  e = PartitionEntry{lpar.id(), &lpar, lmbs, lpar.processor_capacity(), PartitionEntryState::committed};
  id_by_name_.emplace(lpar.name(), lpar.id());
  if (engine_.tracer()) trace("added", e);
  if (executes(lpar.state())) {
    SIM_CHECK(lpar.executing_on().empty(), component(), lpar.name() + " already executes on " + lpar.executing_on());
    lpar.set_executing_on(system_.name());
  }
  return Outcome::success();
}

Outcome Hypervisor::remove_partition(int id) {
  PartitionEntry* e = entry(id);
  if (!e || e->state != PartitionEntryState::committed) {
    return Outcome::refused("no partition " + std::to_string(id) + " on " + system_.name());
  }
  if (e->lpar->executing_on() == system_.name()) {
    return Outcome::refused(e->lpar->name() + " still executes on " + system_.name());
  }
  if (e->dirty_tracker) (void)stop_dirty_tracking(id);
  system_.memory_.deallocate(e->lmbs);
  system_.processors_.deallocate(e->processors.in_hundredths());
  if (engine_.tracer()) trace("removed", *e);
  id_by_name_.erase(e->lpar->name());
  table_.erase(id);
  return Outcome::success();
}

int Hypervisor::choose_id(const Lpar& lpar) const {
  if (!find(lpar.id())) return lpar.id();
  int id = 1;
  while (find(id)) ++id;
  return id;
}

ShellReservation Hypervisor::reserve_shell(Lpar& lpar, std::optional<int> requested_id) {
  if (auto down = refuse_if_down(); !down) return {down, 0};
  if (requested_id && find(*requested_id)) {
    return {Outcome::refused("partition id " + std::to_string(*requested_id) + " already exists on " +
                             system_.name()),
            0};
  }
  if (find(lpar.name())) {
    return {Outcome::refused("partition name " + lpar.name() + " already exists on " + system_.name()), 0};
  }
  const int id = requested_id ? *requested_id : choose_id(lpar);
  SIM_CHECK(id > 0, component(), "partition ids are positive");
  const std::int64_t lmbs = system_.lmbs_for(lpar.config().memory_desired);
  if (auto got = reserve_resources(lpar, lmbs, lpar.processor_capacity(), true); !got) return {got, 0};
  PartitionEntry& e = table_[id];
  e = PartitionEntry{id, &lpar, lmbs, lpar.processor_capacity(), PartitionEntryState::reserved};
  id_by_name_.emplace(lpar.name(), id);
  if (engine_.tracer()) trace("shell_reserved", e);
  return {Outcome::success(), id};
}

void Hypervisor::commit_shell(int id) {
  PartitionEntry* e = entry(id);
  SIM_CHECK(e && e->state == PartitionEntryState::reserved, component(), "commit of a shell that is not reserved");
  system_.memory_.commit(e->lmbs);
  system_.processors_.commit(e->processors.in_hundredths());
  e->state = PartitionEntryState::committed;
  if (engine_.tracer()) trace("shell_committed", *e);
}

void Hypervisor::release_shell(int id) {
  PartitionEntry* e = entry(id);
  SIM_CHECK(e && e->state == PartitionEntryState::reserved, component(), "release of a shell that is not reserved");
  system_.memory_.release(e->lmbs);
  system_.processors_.release(e->processors.in_hundredths());
  if (engine_.tracer()) trace("shell_released", *e);
  id_by_name_.erase(e->lpar->name());
  table_.erase(id);
}

Outcome Hypervisor::suspend(int id) {
  if (auto down = refuse_if_down(); !down) return down;
  PartitionEntry* e = entry(id);
  if (!e || e->state != PartitionEntryState::committed) {
    return Outcome::refused("no partition " + std::to_string(id) + " on " + system_.name());
  }
  if (e->lpar->executing_on() != system_.name()) {
    return Outcome::refused(e->lpar->name() + " does not execute on " + system_.name());
  }
  e->lpar->set_executing_on({});
  if (engine_.tracer())
    engine_.trace("hypervisor.execution", component(), {{"event", "suspended"}, {"lpar", e->lpar->name()}});
  return Outcome::success();
}

// Invariant 1 (ARCHITECTURE §4): a partition executes on at most one server. Resuming one that
// runs elsewhere can only come from a protocol bug, hence a SIM_CHECK rather than a refusal.
Outcome Hypervisor::resume(int id) {
  if (auto down = refuse_if_down(); !down) return down;
  PartitionEntry* e = entry(id);
  if (!e || e->state != PartitionEntryState::committed) {
    return Outcome::refused("no partition " + std::to_string(id) + " on " + system_.name());
  }
  const std::string& where = e->lpar->executing_on();
  if (where == system_.name()) return Outcome::refused(e->lpar->name() + " already executes on " + where);
  SIM_CHECK_AT(engine_.now(), where.empty(), component(),
               e->lpar->name() + " resumed here while executing on " + where);
  e->lpar->set_executing_on(system_.name());
  if (engine_.tracer())
    engine_.trace("hypervisor.execution", component(), {{"event", "resumed"}, {"lpar", e->lpar->name()}});
  return Outcome::success();
}

// Dirty-page tracking covers pre-copy on the source (§2.4); one tracker per partition at a time.
Outcome Hypervisor::start_dirty_tracking(int id, DirtyTracker& tracker) {
  if (auto down = refuse_if_down(); !down) return down;
  PartitionEntry* e = entry(id);
  if (!e || e->state != PartitionEntryState::committed) {
    return Outcome::refused("no partition " + std::to_string(id) + " on " + system_.name());
  }
  if (e->dirty_tracker) return Outcome::refused("dirty-page tracking already active for " + e->lpar->name());
  e->dirty_tracker = &tracker;
  tracker.start_tracking(*e->lpar);
  if (engine_.tracer())
    engine_.trace("hypervisor.dirty_tracking", component(), {{"event", "start"}, {"lpar", e->lpar->name()}});
  return Outcome::success();
}

Outcome Hypervisor::stop_dirty_tracking(int id) {
  PartitionEntry* e = entry(id);
  if (!e || !e->dirty_tracker) {
    return Outcome::refused("no dirty-page tracking for partition " + std::to_string(id) + " on " + system_.name());
  }
  DirtyTracker* tracker = e->dirty_tracker;
  e->dirty_tracker = nullptr;
  tracker->stop_tracking(*e->lpar);
  if (engine_.tracer())
    engine_.trace("hypervisor.dirty_tracking", component(), {{"event", "stop"}, {"lpar", e->lpar->name()}});
  return Outcome::success();
}

Outcome Hypervisor::set_demand_page_server(int id, DemandPageServer* server) {
  PartitionEntry* e = entry(id);
  if (!e || e->state != PartitionEntryState::committed) {
    return Outcome::refused("no partition " + std::to_string(id) + " on " + system_.name());
  }
  e->page_server = server;
  if (engine_.tracer())
    engine_.trace("hypervisor.demand_paging", component(),
                  {{"event", server ? "serve" : "stop"}, {"lpar", e->lpar->name()}});
  return Outcome::success();
}

// The source keeps the partition's pages until the stream is Completed (§2.7 [INF]), so a request
// can only fail because the server is down or the partition was already cleaned up here.
Outcome Hypervisor::request_page(int id, std::uint64_t page_index) {
  if (auto down = refuse_if_down(); !down) return down;
  PartitionEntry* e = entry(id);
  if (!e || e->state != PartitionEntryState::committed) {
    return Outcome::refused("no partition " + std::to_string(id) + " on " + system_.name());
  }
  if (!e->page_server) {
    return Outcome::refused("no demand-paging server for " + e->lpar->name() + " on " + system_.name());
  }
  ++e->page_requests;
  e->page_server->on_page_request(*e->lpar, page_index);
  return Outcome::success();
}

}  // namespace models::power
