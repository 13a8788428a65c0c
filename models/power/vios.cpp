#include "models/power/vios.hpp"

#include <algorithm>
#include <string>
#include <utility>

#include "sim/check.hpp"

namespace models::power {

std::string_view kind_name(VirtualDeviceKind k) {
  switch (k) {
    case VirtualDeviceKind::vscsi: return "vscsi";
    case VirtualDeviceKind::vfc: return "vfc";
    case VirtualDeviceKind::vnic: return "vnic";
  }
  return "unknown";
}

std::string_view state_name(VirtualDeviceState s) {
  switch (s) {
    case VirtualDeviceState::available: return "Available";
    case VirtualDeviceState::locked: return "Locked";
    case VirtualDeviceState::defined: return "Defined";
  }
  return "Unknown";
}

Vios::Vios(sim::Engine& engine, std::string system_name, ViosConfig config)
    : engine_(engine),
      component_(std::move(system_name) + "/" + config.partition.name),
      config_(std::move(config)),
      partition_(engine, config_.partition) {
  SIM_CHECK(config_.partition.is_vios, component_, "a Vios partition must have is_vios set");
  SIM_CHECK(config_.max_virtual_slots > kFirstUserSlot, component_, "max_virtual_slots leaves no user slot");
  if (config_.msp) msp_.emplace(engine, component_, config_.msp_config);
}

Outcome Vios::refuse_if_down() const {
  if (operating_) return Outcome::success();
  return Outcome::refused("VIOS " + component_ + " is not operating");
}

std::optional<int> Vios::free_slot(std::optional<int> preferred) const {
  if (preferred && *preferred >= kFirstUserSlot && *preferred < config_.max_virtual_slots && !adapter_at(*preferred)) {
    return preferred;
  }
  for (int slot = kFirstUserSlot; slot < config_.max_virtual_slots; ++slot) {
    if (!adapter_at(slot)) return slot;
  }
  return std::nullopt;
}

const ServerAdapter* Vios::adapter_at(int slot) const {
  const auto it = std::find_if(adapters_.begin(), adapters_.end(), [&](const ServerAdapter& a) { return a.slot == slot; });
  return it == adapters_.end() ? nullptr : &*it;
}

Outcome Vios::define_server_adapter(ServerAdapter adapter) {
  if (auto down = refuse_if_down(); !down) return down;
  if (adapter.slot < kFirstUserSlot || adapter.slot >= config_.max_virtual_slots) {
    return Outcome::refused("slot " + std::to_string(adapter.slot) + " is not a usable virtual slot on " + component_ +
                            " (" + std::to_string(kFirstUserSlot) + "-" + std::to_string(config_.max_virtual_slots - 1) +
                            ")");
  }
  if (const ServerAdapter* used = adapter_at(adapter.slot)) {
    return Outcome::refused("slot " + std::to_string(adapter.slot) + " on " + component_ + " is already used by " +
                            used->client);
  }
  if (engine_.tracer())
    engine_.trace("vios.slot", component_,
                  {{"event", "defined"}, {"slot", adapter.slot}, {"adapter", std::string(kind_name(adapter.kind))},
                   {"client", adapter.client}, {"client_slot", adapter.client_slot}});
  const auto pos = std::lower_bound(adapters_.begin(), adapters_.end(), adapter.slot,
                                    [](const ServerAdapter& a, int slot) { return a.slot < slot; });
  adapters_.insert(pos, std::move(adapter));
  return Outcome::success();
}

Outcome Vios::remove_server_adapter(int slot) {
  if (auto down = refuse_if_down(); !down) return down;
  const ServerAdapter* a = adapter_at(slot);
  if (!a) return Outcome::refused("no server adapter in slot " + std::to_string(slot) + " on " + component_);
  const auto live = std::count_if(devices_.begin(), devices_.end(), [&](const VirtualDevice& d) { return d.server_slot == slot; });
  if (live > 0) {
    return Outcome::refused("slot " + std::to_string(slot) + " on " + component_ + " still has " +
                            std::to_string(live) + " devices of " + a->client);
  }
  if (engine_.tracer())
    engine_.trace("vios.slot", component_, {{"event", "removed"}, {"slot", slot}, {"client", a->client}});
  adapters_.erase(adapters_.begin() + (a - adapters_.data()));
  return Outcome::success();
}

bool Vios::sees_lun(std::string_view lun) const {
  return std::find(config_.visible_luns.begin(), config_.visible_luns.end(), lun) != config_.visible_luns.end();
}

const FcPort* Vios::fc_port(std::string_view name) const {
  for (const FcPort& p : config_.fc_ports) {
    if (p.name == name) return &p;
  }
  return nullptr;
}

int Vios::npiv_clients(std::string_view port) const {
  return static_cast<int>(std::count_if(devices_.begin(), devices_.end(), [&](const VirtualDevice& d) {
    return d.kind == VirtualDeviceKind::vfc && d.backing == port;
  }));
}

bool Vios::bridges_vlan(std::string_view vswitch, int vlan) const {
  for (const Sea& sea : config_.seas) {
    if (sea.vswitch == vswitch &&
        std::find(sea.bridged_vlans.begin(), sea.bridged_vlans.end(), vlan) != sea.bridged_vlans.end()) {
      return true;
    }
  }
  return false;
}

Outcome Vios::check_adapter(std::string_view client, int slot, VirtualDeviceKind kind) const {
  const ServerAdapter* a = adapter_at(slot);
  if (!a || a->client != client || a->kind != kind) {
    return Outcome::refused("no " + std::string(kind_name(kind)) + " server adapter for " + std::string(client) +
                            " in slot " + std::to_string(slot) + " on " + component_);
  }
  return Outcome::success();
}

Outcome Vios::add_device(VirtualDeviceKind kind, std::string_view client, int slot, std::string_view backing) {
  for (const VirtualDevice& d : devices_) {
    if (d.kind == kind && d.client == client && d.server_slot == slot && d.backing == backing) {
      return Outcome::refused(std::string(backing) + " is already mapped to " + std::string(client) + " in slot " +
                              std::to_string(slot) + " on " + component_);
    }
  }
  devices_.push_back(VirtualDevice{kind, std::string(client), slot, std::string(backing), VirtualDeviceState::available});
  if (engine_.tracer())
    engine_.trace("vios.device", component_,
                  {{"event", "mapped"}, {"adapter", std::string(kind_name(kind))}, {"client", std::string(client)},
                   {"slot", slot}, {"backing", std::string(backing)}});
  return Outcome::success();
}

Outcome Vios::map_vscsi(std::string_view client, int server_slot, std::string_view lun) {
  if (auto down = refuse_if_down(); !down) return down;
  if (auto ok = check_adapter(client, server_slot, VirtualDeviceKind::vscsi); !ok) return ok;
  if (!sees_lun(lun)) return Outcome::refused(component_ + " cannot see LUN " + std::string(lun));
  return add_device(VirtualDeviceKind::vscsi, client, server_slot, lun);
}

Outcome Vios::map_vfc(std::string_view client, int server_slot, std::string_view port) {
  if (auto down = refuse_if_down(); !down) return down;
  if (auto ok = check_adapter(client, server_slot, VirtualDeviceKind::vfc); !ok) return ok;
  const FcPort* p = fc_port(port);
  if (!p) return Outcome::refused("no FC port " + std::string(port) + " on " + component_);
  if (!p->npiv_capable) return Outcome::refused(std::string(port) + " on " + component_ + " is not NPIV capable");
  const int in_use = npiv_clients(port);
  if (in_use >= p->max_npiv_clients) {
    return Outcome::refused(std::string(port) + " on " + component_ + " has no free NPIV port (" +
                            std::to_string(in_use) + " of " + std::to_string(p->max_npiv_clients) + " in use)");
  }
  return add_device(VirtualDeviceKind::vfc, client, server_slot, port);
}

Outcome Vios::map_vnic(std::string_view client, int server_slot, std::string_view sriov_port) {
  if (auto down = refuse_if_down(); !down) return down;
  if (auto ok = check_adapter(client, server_slot, VirtualDeviceKind::vnic); !ok) return ok;
  if (std::find(config_.sriov_ports.begin(), config_.sriov_ports.end(), sriov_port) == config_.sriov_ports.end()) {
    return Outcome::refused("no SR-IOV port " + std::string(sriov_port) + " on " + component_);
  }
  return add_device(VirtualDeviceKind::vnic, client, server_slot, sriov_port);
}

std::vector<const VirtualDevice*> Vios::devices_of(std::string_view client) const {
  std::vector<const VirtualDevice*> out;
  for (const VirtualDevice& d : devices_) {
    if (d.client == client) out.push_back(&d);
  }
  return out;
}

void Vios::set_device_state(VirtualDevice& d, VirtualDeviceState to) {
  if (engine_.tracer())
    engine_.trace("vios.device", component_,
                  {{"event", "state"}, {"adapter", std::string(kind_name(d.kind))}, {"client", d.client},
                   {"slot", d.server_slot}, {"backing", d.backing}, {"from", std::string(state_name(d.state))},
                   {"to", std::string(state_name(to))}});
  d.state = to;
}

// All or nothing: a client whose devices are in mixed states is a protocol bug of the caller, but
// it is refused (not SIM_CHECKed) so that fault-injection runs can report it as an outcome.
Outcome Vios::check_client(std::string_view client, VirtualDeviceState from, std::string_view op) const {
  if (auto down = refuse_if_down(); !down) return down;
  bool any = false;
  for (const VirtualDevice& d : devices_) {
    if (d.client != client) continue;
    any = true;
    if (d.state != from) {
      return Outcome::refused("cannot " + std::string(op) + " " + std::string(client) + " on " + component_ + ": " +
                              std::string(kind_name(d.kind)) + " device in slot " + std::to_string(d.server_slot) +
                              " (" + d.backing + ") is " + std::string(state_name(d.state)));
    }
  }
  if (!any) return Outcome::refused("no virtual devices of " + std::string(client) + " on " + component_);
  return Outcome::success();
}

Outcome Vios::move_client(std::string_view client, VirtualDeviceState from, VirtualDeviceState to, std::string_view op) {
  if (auto ok = check_client(client, from, op); !ok) return ok;
  for (VirtualDevice& d : devices_) {
    if (d.client == client) set_device_state(d, to);
  }
  return Outcome::success();
}

Outcome Vios::lock_client(std::string_view client) {
  return move_client(client, VirtualDeviceState::available, VirtualDeviceState::locked, "lock");
}

Outcome Vios::unlock_client(std::string_view client) {
  return move_client(client, VirtualDeviceState::locked, VirtualDeviceState::available, "unlock");
}

Outcome Vios::unconfigure_client(std::string_view client) {
  return move_client(client, VirtualDeviceState::available, VirtualDeviceState::defined, "unconfigure");
}

Outcome Vios::configure_client(std::string_view client) {
  return move_client(client, VirtualDeviceState::defined, VirtualDeviceState::available, "configure");
}

Outcome Vios::undefine_client(std::string_view client) {
  if (auto ok = check_client(client, VirtualDeviceState::defined, "undefine"); !ok) return ok;
  if (engine_.tracer())
    engine_.trace("vios.device", component_, {{"event", "undefined"}, {"client", std::string(client)}});
  std::erase_if(devices_, [&](const VirtualDevice& d) { return d.client == client; });
  return Outcome::success();
}

void Vios::crash() {
  if (!operating_) return;
  operating_ = false;
  if (engine_.tracer()) engine_.trace("vios.state", component_, {{"operating", false}});
  if (msp_) msp_->set_operating(false);
}

void Vios::restart() {
  if (operating_) return;
  operating_ = true;
  if (engine_.tracer()) engine_.trace("vios.state", component_, {{"operating", true}});
  for (VirtualDevice& d : devices_) {
    if (d.state == VirtualDeviceState::locked) set_device_state(d, VirtualDeviceState::available);
  }
  if (msp_) msp_->set_operating(true);
}

}  // namespace models::power
