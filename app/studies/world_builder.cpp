// Systems, VIOSes, partitions and the network of a scenario, as model objects.
#include "app/studies/world_builder.hpp"

#include <cctype>

#include "app/studies/settings_builder.hpp"
#include "sim/check.hpp"

namespace app::studies {

namespace mp = models::power;
namespace sc = app::scenario;

namespace {

// The scenario's enums list the same values in the same order as the models' (checked here).
static_assert(static_cast<int>(sc::ProcessorGeneration::power11) == static_cast<int>(mp::ProcessorGeneration::power11));
static_assert(static_cast<int>(sc::CompatibilityMode::power11) == static_cast<int>(mp::CompatMode::power11));
static_assert(static_cast<int>(sc::OsType::ibmi) == static_cast<int>(mp::OsType::ibmi));

mp::CompatMode compat(sc::CompatibilityMode m) { return static_cast<mp::CompatMode>(static_cast<int>(m)); }

// "FW1050.10" → 1050: the release the firmware-pair matrix compares (§5.1).
int firmware_release(const std::string& level) {
  int release = 0;
  for (const char c : level) {
    if (std::isdigit(static_cast<unsigned char>(c))) release = release * 10 + (c - '0');
    else if (release > 0) break;
  }
  return release;
}

mp::ManagedSystemConfig system_config(const sc::ManagedSystemSpec& s) {
  mp::ManagedSystemConfig c;
  c.name = s.name;
  c.machine_type_model = s.machine_type_model;
  c.generation = static_cast<mp::ProcessorGeneration>(static_cast<int>(s.processor_generation));
  for (const auto m : s.compatibility_modes) c.compat_modes.push_back(compat(m));
  c.firmware_level = s.firmware_level;
  c.firmware_release = firmware_release(s.firmware_level);
  c.edition = s.powervm_edition == sc::PowerVmEdition::enterprise ? mp::PowerVmEdition::enterprise
                                                                   : mp::PowerVmEdition::standard;
  c.active_lpm_capable = s.active_lpm_capable;
  c.inactive_lpm_capable = s.inactive_lpm_capable;
  c.installed_memory = s.memory;
  c.lmb_size = s.lmb_size;
  c.installed_processors = static_cast<int>(s.processors);
  c.max_active_migrations = static_cast<int>(s.max_active_migrations);
  c.max_inactive_migrations = static_cast<int>(s.max_inactive_migrations);
  c.power = s.power;
  return c;
}

mp::ViosConfig vios_config(const sc::ViosSpec& v) {
  mp::ViosConfig c;
  c.partition.id = static_cast<int>(v.id);
  c.partition.name = v.name;
  c.partition.is_vios = true;
  c.partition.memory_min = c.partition.memory_desired = c.partition.memory_max = v.memory;
  c.partition.processors.entitlement = mp::ProcessingUnits::hundredths(static_cast<std::int64_t>(v.processors * 100 + 0.5));
  c.partition.processors.virtual_procs = std::max(1, static_cast<int>(v.processors + 0.999));
  c.partition.rmc_active = v.rmc_active;
  c.max_virtual_slots = static_cast<int>(v.max_virtual_slots);
  c.visible_luns = v.luns;
  for (const auto& port : v.fc_ports) c.fc_ports.push_back({.name = port, .reachable_luns = v.luns});
  for (const auto& sea : v.seas) {
    mp::Sea s;
    s.name = sea.name;
    for (const auto vlan : sea.vlans) s.bridged_vlans.push_back(static_cast<int>(vlan));
    c.seas.push_back(std::move(s));
  }
  if (v.msp) {
    c.msp = true;
    c.msp_config.ip_interface = v.msp->interface;
    c.msp_config.cfg_msp_lpm_ops = static_cast<int>(v.msp->cfg_msp_lpm_ops);
    c.msp_config.concurrency_lvl = static_cast<int>(v.msp->concurrency_lvl);
    c.msp_config.cpu_capacity = c.partition.processors.entitlement;
    c.msp_config.rate_per_cpu = v.msp->throughput_per_cpu;
  }
  return c;
}

void add_adapters(const sc::LparSpec& l, mp::LparConfig& c) {
  for (const auto& a : l.virtual_adapters) {
    const int slot = static_cast<int>(a.client_slot);
    const int server_slot = static_cast<int>(a.vios_slot.value_or(0));
    const std::vector<std::string> luns = a.luns.value_or(std::vector<std::string>{});
    switch (a.type) {
      case sc::VirtualAdapterType::vscsi: c.vscsi.push_back({slot, a.vios.value_or(""), server_slot, luns}); break;
      case sc::VirtualAdapterType::vfc: {
        mp::VfcClientAdapter f{slot, a.vios.value_or(""), server_slot, {}, luns};
        const auto wwpns = a.wwpns.value_or(std::vector<std::string>{});
        for (std::size_t i = 0; i < 2 && i < wwpns.size(); ++i) f.wwpns[i] = wwpns[i];
        c.vfc.push_back(std::move(f));
        break;
      }
      case sc::VirtualAdapterType::veth: {
        mp::VethClientAdapter e;
        e.client_slot = slot;
        if (a.vswitch) e.vswitch = *a.vswitch;
        if (a.vlan) e.port_vlan_id = static_cast<int>(*a.vlan);
        for (const auto v : a.additional_vlans.value_or(std::vector<std::int64_t>{})) e.tagged_vlans.push_back(static_cast<int>(v));
        c.veth.push_back(std::move(e));
        break;
      }
      case sc::VirtualAdapterType::vnic:
        c.vnic.push_back({slot, a.vios.value_or(""), server_slot, a.physical_port.value_or("")});
        break;
    }
  }
  for (const auto& p : l.physical_adapters) {
    mp::PhysicalIoKind kind = mp::PhysicalIoKind::dedicated_adapter;
    if (p.type == sc::PhysicalAdapterType::lhea) kind = mp::PhysicalIoKind::lhea_port;
    if (p.type == sc::PhysicalAdapterType::sriov_logical_port) kind = mp::PhysicalIoKind::sriov_logical_port;
    c.physical_io.push_back({kind, p.location});
  }
}

mp::LparConfig lpar_config(const sc::LparSpec& l) {
  mp::LparConfig c;
  c.id = static_cast<int>(l.id);
  c.name = l.name;
  c.os = static_cast<mp::OsType>(static_cast<int>(l.os));
  c.state = l.state == sc::LparStateSpec::running ? mp::LparState::running : mp::LparState::not_activated;
  c.memory_min = l.memory.min;
  c.memory_desired = l.memory.desired;
  c.memory_max = l.memory.max;
  if (l.processors.mode == sc::ProcessorMode::dedicated) {
    c.processors.mode = mp::ProcessorMode::dedicated;
    c.processors.dedicated_procs = static_cast<int>(l.processors.desired + 0.5);
  } else {
    c.processors.entitlement = mp::ProcessingUnits::hundredths(static_cast<std::int64_t>(l.processors.desired * 100 + 0.5));
    c.processors.virtual_procs = static_cast<int>(l.processors.virtual_processors);
  }
  c.current_compat_mode = compat(l.current_compatibility_mode);
  c.preferred_compat_mode = compat(l.preferred_compatibility_mode);
  c.page_size = l.page_size;
  c.huge_pages_16g = static_cast<int>(l.huge_pages);
  c.bsr_arrays = static_cast<int>(l.bsr_arrays);
  c.redundant_error_path_reporting = l.redundant_error_path_reporting;
  c.rmc_active = l.rmc_active;
  c.restricted_io = l.restricted_io;
  add_adapters(l, c);
  return c;
}

// The source side exists before any migration: each client adapter's server adapter and its
// mapping on the hosting VIOS (what the destination must re-create, §2.1 step 4).
void define_existing_mappings(models::migration::World& world, const std::string& system, const mp::Lpar& lpar) {
  const auto& c = lpar.config();
  auto define = [&](const std::string& vios_name, int slot, mp::VirtualDeviceKind kind, int client_slot,
                    const std::vector<std::string>& backings) {
    mp::Vios* vios = world.vios(system, vios_name);
    SIM_CHECK(vios != nullptr, lpar.name(), "adapter on unknown VIOS " + vios_name);
    const int server_slot = slot > 0 ? slot : vios->free_slot().value_or(0);
    (void)vios->define_server_adapter({server_slot, kind, lpar.name(), client_slot});
    for (const auto& b : backings) {
      if (kind == mp::VirtualDeviceKind::vscsi) (void)vios->map_vscsi(lpar.name(), server_slot, b);
      if (kind == mp::VirtualDeviceKind::vfc) (void)vios->map_vfc(lpar.name(), server_slot, b);
      if (kind == mp::VirtualDeviceKind::vnic) (void)vios->map_vnic(lpar.name(), server_slot, b);
    }
  };
  for (const auto& a : c.vscsi) define(a.server_vios, a.server_slot, mp::VirtualDeviceKind::vscsi, a.client_slot, a.lun_ids);
  for (const auto& a : c.vfc) {
    mp::Vios* vios = world.vios(system, a.server_vios);
    const std::string port = vios != nullptr && !vios->config().fc_ports.empty() ? vios->config().fc_ports.front().name : "";
    define(a.server_vios, a.server_slot, mp::VirtualDeviceKind::vfc, a.client_slot, {port});
  }
  for (const auto& a : c.vnic) define(a.server_vios, a.server_slot, mp::VirtualDeviceKind::vnic, a.client_slot, {a.backing_port});
}

void build_network(const sc::NetworkSpec& n, models::migration::World& world) {
  models::network::Topology t;
  for (const auto& node : n.nodes) {
    t.add_node(node.name, node.kind == sc::NodeKind::msp_interface ? models::network::NodeKind::msp_interface
                                                                   : models::network::NodeKind::network_switch);
  }
  for (const auto& link : n.links) {
    const auto duplex = link.duplex == sc::Duplex::full ? models::network::Duplex::full : models::network::Duplex::half;
    t.add_link(*t.find_node(link.a), *t.find_node(link.b),
               models::network::symmetric_link(link.bandwidth, link.latency, static_cast<std::int32_t>(link.mtu), duplex),
               link.name);
  }
  world.set_network(std::move(t));
}

}  // namespace

BuiltScenario build_world(const sc::ScenarioSpec& spec, models::migration::World& world,
                          const std::filesystem::path& scenario_dir) {
  for (const auto& s : spec.managed_systems) world.add_system(system_config(s));
  for (const auto& s : spec.managed_systems) {
    for (const auto& v : s.vios) world.add_vios(s.name, vios_config(v));
  }
  for (const auto& s : spec.managed_systems) {
    for (const auto& l : s.lpars) define_existing_mappings(world, s.name, world.add_lpar(s.name, lpar_config(l)));
  }
  build_network(spec.network, world);
  return build_settings(spec, world, scenario_dir);
}

}  // namespace app::studies
