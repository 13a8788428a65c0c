#include "models/migration/fault_injector.hpp"

#include "sim/check.hpp"

namespace models::migration {

const char* to_string(FaultKind kind) {
  switch (kind) {
    case FaultKind::link_down: return "link_down";
    case FaultKind::link_up: return "link_up";
    case FaultKind::msp_crash: return "msp_crash";
    case FaultKind::vios_crash: return "vios_crash";
    case FaultKind::system_failure: return "system_failure";
    case FaultKind::os_refuses_suspend: return "os_refuses_suspend";
    case FaultKind::hmc_stop: return "hmc_stop";
    case FaultKind::hmc_recover: return "hmc_recover";
    case FaultKind::hmc_disconnect: return "hmc_disconnect";
  }
  return "unknown";
}

FaultInjector::FaultInjector(Hmc& hmc, std::vector<FaultPlan> plans)
    : hmc_(hmc), plans_(std::move(plans)), done_(plans_.size(), false) {}

void FaultInjector::arm() {
  sim::Engine& engine = hmc_.world().engine();
  for (std::size_t i = 0; i < plans_.size(); ++i) {
    if (plans_[i].at) engine.schedule_at(std::max(*plans_[i].at, engine.now()), [this, i] { fire(i); });
  }
  hmc_.on_state_change([this](Migration& m, MigrationState) { on_state(m); });
}

void FaultInjector::on_state(Migration& m) {
  for (std::size_t i = 0; i < plans_.size(); ++i) {
    const auto& p = plans_[i].point;
    if (done_[i] || !p || p->pass > 0) continue;
    if (p->lpar == m.request().lpar && p->state == m.state()) fire_after(i, plans_[i].delay);
  }
}

void FaultInjector::record(const sim::TraceRecord& r) {
  if (r.kind != "precopy.pass") return;
  std::int64_t pass = 0;
  for (const auto& f : r.fields) {
    if (f.key == "pass" || f.key == "index") pass = std::get<std::int64_t>(f.value);
  }
  for (std::size_t i = 0; i < plans_.size(); ++i) {
    const auto& p = plans_[i].point;
    if (done_[i] || !p || p->pass <= 0 || p->pass != pass) continue;
    const std::string prefix = p->lpar + "#";
    if (r.component.rfind(prefix, 0) == 0) fire_after(i, plans_[i].delay);
  }
}

void FaultInjector::fire_after(std::size_t plan, sim::Duration delay) {
  done_[plan] = true;  // a point fires once, for the first migration that reaches it
  hmc_.world().engine().schedule_in(delay, [this, plan] { fire(plan); });
}

void FaultInjector::set_link(const std::string& name, bool up, const std::string& kind) {
  network::FlowNetwork* net = hmc_.world().network();
  SIM_CHECK(net != nullptr, "faults", "no network for " + kind);
  const auto link = net->topology().find_link(name);
  SIM_CHECK(link.has_value(), "faults", "no link " + name);
  net->set_link_up(*link, up);
  if (!up) hmc_.network_changed();
}

// A server that fails takes its running partitions down with it (invariant 1: they execute
// nowhere) before the HMC hears of it.
void FaultInjector::fail_system(power::ManagedSystem& system) {
  for (const power::PartitionEntry* e : system.hypervisor().partitions()) {
    if (e->state != power::PartitionEntryState::committed || e->lpar->executing_on() != system.name()) continue;
    (void)system.hypervisor().suspend(e->id);
    (void)e->lpar->change_state(power::LparState::not_available);
  }
  system.fail();
  hmc_.system_failed(system);
}

void FaultInjector::fire(std::size_t plan) {
  const FaultPlan& p = plans_[plan];
  done_[plan] = true;
  World& world = hmc_.world();
  sim::Engine& engine = world.engine();
  fired_.push_back({engine.now(), to_string(p.kind), p.target, {}});
  engine.trace("fault.fired", p.target, {{"kind", to_string(p.kind)}});
  switch (p.kind) {
    case FaultKind::link_down:
      set_link(p.target, false, "link_down");
      if (p.repair_after)
        engine.schedule_in(*p.repair_after, [this, target = p.target] { set_link(target, true, "link repair"); });
      break;
    case FaultKind::link_up: set_link(p.target, true, "link_up"); break;
    case FaultKind::msp_crash:
    case FaultKind::vios_crash: {
      // "sysA/vios1", or the VIOS partition's name alone (unique in a scenario, as files give it).
      const auto slash = p.target.find('/');
      power::Vios* vios = nullptr;
      if (slash != std::string::npos) vios = world.vios(p.target.substr(0, slash), p.target.substr(slash + 1));
      for (const auto& placed : world.all_vios())
        if (vios == nullptr && placed.vios->partition().name() == p.target) vios = placed.vios.get();
      SIM_CHECK(vios != nullptr, "faults", "no VIOS " + p.target);
      vios->crash();
      if (vios->msp() != nullptr) vios->msp()->set_operating(false);
      hmc_.msp_failed(*vios);
      break;
    }
    case FaultKind::system_failure: {
      power::ManagedSystem* s = world.system(p.target);
      SIM_CHECK(s != nullptr, "faults", "no system " + p.target);
      fail_system(*s);
      break;
    }
    case FaultKind::os_refuses_suspend: hmc_.set_os_refuses_suspend(p.target, true); break;
    case FaultKind::hmc_stop:
    case FaultKind::hmc_recover: {
      MigrationRequest r;
      r.operation = p.kind == FaultKind::hmc_stop ? MigrlparOperation::stop : MigrlparOperation::recover;
      r.lpar = p.target;
      r.force = true;
      fired_.back().detail = hmc_.submit(r) ? "accepted" : "refused";
      break;
    }
    case FaultKind::hmc_disconnect:
      hmc_.set_connected(false);
      if (p.repair_after) engine.schedule_in(*p.repair_after, [this] { hmc_.set_connected(true); });
      break;
  }
}

}  // namespace models::migration
