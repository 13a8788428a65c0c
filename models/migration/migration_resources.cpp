// What a migration takes and gives back in the World: the destination shell and its adapters at
// preparation (§2.3), the source's devices, adapters and memory at completion (§2.7), and all of
// it again on a rollback — ARCHITECTURE §4 invariant 3 (resources balance on every server).
#include <cmath>

#include "models/migration/migration.hpp"
#include "models/migration/validation.hpp"
#include "sim/check.hpp"

namespace models::migration {

namespace {
power::Outcome map_device(power::Vios& vios, const PlannedAdapter& p) {
  switch (p.adapter.kind) {
    case power::VirtualDeviceKind::vscsi: return vios.map_vscsi(p.adapter.client, p.adapter.slot, p.backing);
    case power::VirtualDeviceKind::vfc: return vios.map_vfc(p.adapter.client, p.adapter.slot, p.backing);
    case power::VirtualDeviceKind::vnic: return vios.map_vnic(p.adapter.client, p.adapter.slot, p.backing);
  }
  return power::Outcome::refused("unknown adapter kind");
}

// The source VIOSes holding server adapters for `client`, in World order.
std::vector<power::Vios*> serving(const World& world, const std::string& system, const std::string& client) {
  std::vector<power::Vios*> out;
  for (power::Vios* v : world.vios_on(system)) {
    for (const auto& a : v->adapters()) {
      if (a.client == client) {
        out.push_back(v);
        break;
      }
    }
  }
  return out;
}

int adapters_of(const power::Vios& vios, const std::string& client) {
  int n = 0;
  for (const auto& a : vios.adapters()) n += a.client == client ? 1 : 0;
  return n;
}
}  // namespace

power::Outcome Migration::take_destination_resources() {
  if (destination_ == nullptr || !destination_->operating())
    return power::Outcome::refused("destination system " + request_.destination_system + " is not operating");
  const power::ShellReservation shell = destination_->hypervisor().reserve_shell(lpar_, request_.dest_lpar_id);
  if (!shell.outcome) return shell.outcome;
  dest_id_ = shell.id;
  record_.held_twice_from = engine_.now();  // the partition's memory is now reserved on both systems
  // §2.1 steps 4–5: the HMC applies the mappings at preparation, choosing the destination slots
  // from what is free then. Validation's plan is only a recommendation: a request that waited in
  // the queue may find its recommended slots taken by partitions that share its client slot
  // numbers and moved first (issue 17), and the HMC then takes other free slots.
  const MappingPlan plan = plan_mappings(world_, lpar_, source_, *destination_, request_);
  if (!plan.complete()) return power::Outcome::refused(plan.failures.front().text);  // rollback frees the shell
  preflight_.adapters = planned_adapters(plan, lpar_.name());
  dest_adapters_defined_ = true;
  for (const PlannedAdapter& p : preflight_.adapters) {
    power::Outcome o = p.vios->define_server_adapter(p.adapter);
    if (o && !p.backing.empty()) o = map_device(*p.vios, p);
    if (!o) return o;  // the rollback removes what was defined so far
  }
  // The migration manager holds the source devices while the partition moves [INF].
  for (power::Vios* v : serving(world_, source_.name(), lpar_.name())) (void)v->lock_client(lpar_.name());
  return power::Outcome::success();
}

void Migration::release_destination_resources() {
  if (dest_adapters_defined_) {
    for (const PlannedAdapter& p : preflight_.adapters) {
      (void)p.vios->unconfigure_client(lpar_.name());
      (void)p.vios->undefine_client(lpar_.name());
      if (const auto* a = p.vios->adapter_at(p.adapter.slot); a != nullptr && a->client == lpar_.name())
        (void)p.vios->remove_server_adapter(p.adapter.slot);
    }
    dest_adapters_defined_ = false;
  }
  if (dest_id_ && destination_ != nullptr) {
    const auto* e = destination_->hypervisor().find(*dest_id_);
    if (e != nullptr && e->state == power::PartitionEntryState::reserved) destination_->hypervisor().release_shell(*dest_id_);
    // Committed at resume but never run there (the destination refused to resume it).
    else if (e != nullptr && lpar_.executing_on() != destination_->name())
      (void)destination_->hypervisor().remove_partition(*dest_id_);
    dest_id_.reset();
    end_double_hold();
  }
  for (power::Vios* v : serving(world_, source_.name(), lpar_.name())) (void)v->unlock_client(lpar_.name());
}

// §2.7: source VIOSes unlock, unconfigure and undefine the partition's devices, the HMC removes
// the slots, the source hypervisor frees memory and processors; profiles now live on the destination.
void Migration::clean_source() {
  for (power::Vios* v : serving(world_, source_.name(), lpar_.name())) {
    (void)v->unlock_client(lpar_.name());
    (void)v->unconfigure_client(lpar_.name());
    (void)v->undefine_client(lpar_.name());
    std::vector<int> slots;
    for (const auto& a : v->adapters()) {
      if (a.client == lpar_.name()) slots.push_back(a.slot);
    }
    for (const int slot : slots) (void)v->remove_server_adapter(slot);
  }
  if (source_.hypervisor().find(source_id_) != nullptr) {
    const power::Outcome removed = source_.hypervisor().remove_partition(source_id_);
    SIM_CHECK_AT(engine_.now(), removed.ok(), id_, "source cleanup: " + removed.reason());
  }
  end_double_hold();
  world_.set_home(lpar_, destination_->name());
  if (dest_id_ && *dest_id_ != lpar_.id()) lpar_.renumber(*dest_id_);
}

void Migration::end_double_hold() {
  if (record_.held_twice_from && !record_.held_twice_until) record_.held_twice_until = engine_.now();
}

sim::Duration Migration::preparation_time() const {
  const auto& p = settings_.protocol;
  if (bare_hypervisor()) return sim::Duration::zero();  // no shell partition, no VIOS mappings
  sim::Duration os_check = p.os_check_aix;
  if (lpar_.os() == power::OsType::linux) os_check = p.os_check_linux;
  if (lpar_.os() == power::OsType::ibmi) os_check = p.os_check_ibmi;
  return sim::scaled(p.shell_creation + p.vios_adapter_define * static_cast<std::int64_t>(preflight_.adapters.size()) +
                         p.msp_setup + os_check,
                     variation_.preparation);
}

sim::Duration Migration::completion_time() const {
  const auto& p = settings_.protocol;
  if (bare_hypervisor()) return sim::Duration::zero();  // no HMC profile update or VIOS cleanup
  std::int64_t adapters = 0;
  for (const power::Vios* v : serving(world_, source_.name(), lpar_.name())) adapters += adapters_of(*v, lpar_.name());
  const double gib = lpar_.config().memory_desired.as_double() / static_cast<double>(1LL << 30);
  return sim::scaled(p.vios_cleanup_per_adapter * adapters + p.profile_update +
                         sim::ceil_seconds(p.memory_reclaim_per_gib.seconds() * gib),
                     variation_.completion);
}

}  // namespace models::migration
