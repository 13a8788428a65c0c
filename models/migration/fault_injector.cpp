#include "models/migration/fault_injector.hpp"

#include "sim/check.hpp"

namespace models::migration {

namespace {
// A partition target is "system/name" or its bare name (World::find_vios states the rule).
std::string partition_name(const std::string& target) {
  const auto slash = target.find('/');
  return slash == std::string::npos ? target : target.substr(slash + 1);
}
}  // namespace

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
    if (!plans_[i].at) continue;
    ++timed_pending_;
    engine.schedule_at(std::max(*plans_[i].at, engine.now()), [this, i] {
      fire(i);
      --timed_pending_;
      if (after_) after_();
    });
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

void FaultInjector::repair_in(sim::Duration after, std::function<void()> repair) {
  ++repairs_pending_;
  hmc_.world().engine().schedule_in(after, [this, repair = std::move(repair)] {
    repair();
    --repairs_pending_;
    if (after_) after_();
  });
}

// A VIOS crash, or a reboot when it is repaired: mappings survive in the ODM, the MSP role comes
// back with it, and migrations that waited for its MSP may be admitted (§6, vios.hpp).
void FaultInjector::crash_vios(power::Vios& vios, std::optional<sim::Duration> repair_after) {
  vios.crash();
  hmc_.msp_failed(vios);
  if (!repair_after) return;
  repair_in(*repair_after, [this, &vios] {
    vios.restart();
    fired_.push_back({hmc_.world().engine().now(), "vios_restart", vios.name(), "repaired"});
    hmc_.vios_restarted(vios);
  });
}

void FaultInjector::fire(std::size_t plan) {
  const FaultPlan& p = plans_[plan];
  done_[plan] = true;
  World& world = hmc_.world();
  sim::Engine& engine = world.engine();
  fired_.push_back({engine.now(), to_string(p.kind), p.target, {}});
  if (engine.tracer()) engine.trace("fault.fired", p.target, {{"fault", to_string(p.kind)}});
  switch (p.kind) {
    case FaultKind::link_down:
      set_link(p.target, false, "link_down");
      if (p.repair_after) repair_in(*p.repair_after, [this, target = p.target] { set_link(target, true, "link repair"); });
      break;
    case FaultKind::link_up: set_link(p.target, true, "link_up"); break;
    case FaultKind::msp_crash:
    case FaultKind::vios_crash: {
      power::Vios* vios = world.find_vios(p.target);
      SIM_CHECK(vios != nullptr, "faults", "no VIOS " + p.target);
      fired_.back().target = vios->name();  // the naming rule: "system/vios"
      crash_vios(*vios, p.repair_after);
      break;
    }
    case FaultKind::system_failure: {
      power::ManagedSystem* s = world.system(p.target);
      SIM_CHECK(s != nullptr, "faults", "no system " + p.target);
      fail_system(*s);
      break;
    }
    case FaultKind::os_refuses_suspend: hmc_.set_os_refuses_suspend(partition_name(p.target), true); break;
    case FaultKind::hmc_stop:
    case FaultKind::hmc_recover: {
      MigrationRequest r;
      r.operation = p.kind == FaultKind::hmc_stop ? MigrlparOperation::stop : MigrlparOperation::recover;
      r.lpar = partition_name(p.target);
      r.force = true;
      fired_.back().detail = hmc_.submit(r) ? "accepted" : "refused";
      break;
    }
    case FaultKind::hmc_disconnect:
      hmc_.set_connected(false);
      if (p.repair_after) repair_in(*p.repair_after, [this] { hmc_.set_connected(true); });
      break;
  }
}

}  // namespace models::migration
