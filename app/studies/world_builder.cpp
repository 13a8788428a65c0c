// Systems, VIOSes, partitions and the network of a scenario, as model objects.
#include "app/studies/world_builder.hpp"

#include <string_view>
#include <unordered_map>

#include "app/studies/memory_profile.hpp"
#include "sim/check.hpp"

namespace app::studies {

namespace mm = models::migration;
namespace mp = models::power;
namespace sc = app::scenario;

namespace {

// The VIOS's FC ports reach the LUNs it sees (the file names the ports; the SAN zoning is not
// modelled apart from storage visibility).
mp::ViosConfig vios_config(const sc::ViosSpec& v) {
  mp::ViosConfig c = v.config;
  for (const auto& port : v.fc_ports) c.fc_ports.push_back({.name = port, .reachable_luns = c.visible_luns});
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
  mp::LparConfig c = l.config;
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
  for (const auto& node : n.nodes) t.add_node(node.name, node.kind);
  for (const auto& link : n.links) t.add_link(*t.find_node(link.a), *t.find_node(link.b), link.config, link.name);
  world.set_network(std::move(t));
}

// The scenario's systems by name (names are unique: the loader checked), so that resolving a
// request does not scan every system — a data centre has one request per partition (issue 18).
using SystemsByName = std::unordered_map<std::string_view, const sc::ManagedSystemSpec*>;

SystemsByName systems_by_name(const sc::ScenarioSpec& spec) {
  SystemsByName index;
  index.reserve(spec.managed_systems.size());
  for (const auto& s : spec.managed_systems) index.emplace(s.config.name, &s);
  return index;
}

const sc::ManagedSystemSpec* system_named(const SystemsByName& systems, const std::string& name) {
  const auto it = systems.find(name);
  return it == systems.end() ? nullptr : it->second;
}

// `-i source_msp_id` / `dest_msp_id` name the MSP by its VIOS partition id (the loader checked
// that it exists and is an MSP); the model selects MSPs by VIOS name.
std::optional<std::string> msp_by_id(const SystemsByName& systems, const std::string& system, std::optional<std::int64_t> id) {
  if (!id) return std::nullopt;
  if (const auto* s = system_named(systems, system)) {
    for (const auto& v : s->vios) {
      if (v.config.partition.id == *id) return v.config.partition.name;
    }
  }
  return std::nullopt;
}

mm::MigrationRequest request(const SystemsByName& systems, const sc::MigrlparSpec& m, const std::string& lpar) {
  mm::MigrationRequest r;
  r.operation = m.operation;
  r.source_system = m.managed_system;
  r.destination_system = m.target_managed_system.value_or("");
  r.lpar = lpar;
  if (m.dest_lpar_id) r.dest_lpar_id = static_cast<int>(*m.dest_lpar_id);
  r.dest_profile = m.profile_name;
  r.source_msp = m.source_msp_name ? m.source_msp_name : msp_by_id(systems, m.managed_system, m.source_msp_id);
  r.dest_msp = m.dest_msp_name ? m.dest_msp_name : msp_by_id(systems, r.destination_system, m.dest_msp_id);
  r.redundant_msps = static_cast<mm::Requirement>(m.redundant_msps);
  r.npiv_disk_validation = m.npiv_validation == sc::NpivValidation::portdisk;
  r.force = m.force;
  return r;
}

// -p names, --id numbers and --all become one request per partition, in the order given
// (--all: the source system's partitions in id order).
std::vector<std::string> partitions_named(const sc::MigrlparSpec& m, const SystemsByName& systems) {
  std::vector<std::string> names = m.lpar_names;
  const auto* s = system_named(systems, m.managed_system);
  if (!s) return names;
  for (const auto id : m.lpar_ids) {
    for (const auto& l : s->lpars) {
      if (l.config.id == id) names.push_back(l.config.name);
    }
  }
  if (m.all) {
    std::vector<const models::power::LparConfig*> sorted;
    for (const auto& l : s->lpars) sorted.push_back(&l.config);
    std::sort(sorted.begin(), sorted.end(), [](auto* a, auto* b) { return a->id < b->id; });
    for (const auto* l : sorted) names.push_back(l->name);
  }
  return names;
}

mm::FaultPlan fault_plan(const sc::FaultSpec& f) {
  mm::FaultPlan p;
  p.kind = f.kind;
  p.target = f.target;
  if (f.at) p.at = sim::Time::zero() + *f.at;
  if (f.at_point) {
    p.point = mm::ProtocolPoint{f.at_point->lpar, f.at_point->point, 0};
    if (f.at_point->point == mm::MigrationState::precopy) p.point->pass = static_cast<int>(f.at_point->pass);
  }
  p.repair_after = f.repair_after;
  return p;
}

}  // namespace

BuiltScenario build_world(const sc::ScenarioSpec& spec, models::migration::World& world,
                          const std::filesystem::path& scenario_dir) {
  for (const auto& s : spec.managed_systems) world.add_system(s.config);
  for (const auto& s : spec.managed_systems) {
    for (const auto& v : s.vios) world.add_vios(s.config.name, vios_config(v));
  }
  for (const auto& s : spec.managed_systems) {
    for (const auto& l : s.lpars) define_existing_mappings(world, s.config.name, world.add_lpar(s.config.name, lpar_config(l)));
  }
  build_network(spec.network, world);
  BuiltScenario b;
  const sim::Bytes page = spec.hmc.settings.precopy.page_stream.page_size;
  for (std::size_t si = 0; si < spec.managed_systems.size(); ++si) {
    for (std::size_t li = 0; li < spec.managed_systems[si].lpars.size(); ++li) {
      const auto& l = spec.managed_systems[si].lpars[li];
      const std::string pointer = "/managed_systems/" + std::to_string(si) + "/lpars/" + std::to_string(li) + "/workload";
      b.profiles[l.config.name] =
          memory_profile(l.workload, page, spec.simulation, scenario_dir, pointer);
    }
  }
  const SystemsByName systems = systems_by_name(spec);
  for (const auto& a : spec.actions) {
    for (const auto& name : partitions_named(a.migrlpar, systems)) {
      b.requests.push_back({a.at, request(systems, a.migrlpar, name)});
      b.requests.back().request.convergence = a.convergence;
    }
  }
  for (const auto& f : spec.faults) b.faults.push_back(fault_plan(f));
  for (const auto& t : spec.network.background_traffic) b.background.push_back({t.link, t.rate, t.start, t.stop});
  return b;
}

}  // namespace app::studies
