// Synthetic data centres as ScenarioSpecs, for the scenario and sweep benchmarks and for
// `lpmsim_datacenter`, which writes one to a file for `lpmsim run`:
// - datacenter(): `systems` POWER10 servers with `msp_pairs` VIOS/MSPs each on 25 Gbit/s links to
//   one core switch, the first `evacuate` servers emptied round-robin onto the others;
// - evacuation(N) (issue 18): N LPARs on ⌈N/20⌉ source servers of ≤ 20 LPARs, each server with 2
//   VIOS as MSPs on 25 Gbit/s links to its rack switch, racks joined by 100 Gbit/s links to one
//   core; every LPAR migrates at t = 0 to its server's partner in the next rack.
// Both in expected memory mode, with mixed workloads (hot/cold, uniform, Zipf).
#pragma once

#include <algorithm>
#include <string>
#include <string_view>

#include "app/scenario/spec.hpp"
#include "sim/quantity.hpp"

namespace bench {

// A link of `rate` both ways with the model's default latency and MTU.
inline models::network::LinkConfig link_of(std::string_view rate) {
  models::network::LinkConfig link;
  link.bandwidth = sim::parse_rate(rate);
  return link;
}

// The l-th partition of a server: 16–64 GiB, 60–90 % touched, 5 k–35 k page writes/s.
inline app::scenario::LparSpec mixed_lpar(const std::string& system, int l) {
  namespace sc = app::scenario;
  sc::LparSpec lpar;
  lpar.config.id = 10 + l;
  lpar.config.name = system + "-lp" + std::to_string(l);
  const auto memory = sim::Bytes((16LL << 30) * (1 + l % 4));
  lpar.config.memory_min = lpar.config.memory_desired = lpar.config.memory_max = memory;
  lpar.config.processors.virtual_procs = 2;
  lpar.workload.content.touched_fraction = 0.6 + 0.1 * (l % 4);
  const double rate = 5'000.0 * (1 + l % 7);
  switch (l % 3) {
    case 0: lpar.workload.dirty = sc::HotColdDirtySpec{0.05, {rate * 0.9, {}}, {rate * 0.1, {}}}; break;
    case 1: lpar.workload.dirty = sc::UniformDirtySpec{{rate, {}}, 0.3}; break;
    default: lpar.workload.dirty = sc::ZipfDirtySpec{{rate, {}}, 1.1}; break;
  }
  return lpar;
}

// A VIOS of 4 processors acting as an MSP on a 25 Gbit/s link `link` from `interface` to
// `network_switch`.
inline app::scenario::ViosSpec msp_vios(int id, const std::string& name, const std::string& interface,
                                        const std::string& link, const std::string& network_switch,
                                        app::scenario::NetworkSpec& network) {
  app::scenario::ViosSpec vios;
  auto& partition = vios.config.partition;
  partition.id = id;
  partition.name = name;
  partition.processors.entitlement = models::power::ProcessingUnits::cores(4);
  partition.processors.virtual_procs = 4;
  vios.config.msp = true;
  vios.config.msp_config.ip_interface = interface;
  vios.config.msp_config.cpu_capacity = partition.processors.entitlement;
  network.nodes.push_back({interface, models::network::NodeKind::msp_interface});
  network.links.push_back({link, interface, network_switch, link_of("25Gbit/s")});
  return vios;
}

// A POWER10 server with two VIOS/MSPs (ids 1, 2) on 25 Gbit/s links to `rack_switch`, large
// enough for `lpars` mixed partitions (4 TiB and 128 cores, more beyond 80 partitions).
inline app::scenario::ManagedSystemSpec rack_server(const std::string& name, const std::string& rack_switch,
                                                    app::scenario::NetworkSpec& network, int lpars = 20) {
  namespace pw = models::power;
  app::scenario::ManagedSystemSpec sys;
  sys.config.name = name;
  sys.config.installed_memory = sim::Bytes(std::max<std::int64_t>(4LL << 40, (64LL << 30) * lpars));
  sys.config.installed_processors = std::max(128, 2 * lpars);
  sys.config.compat_modes = {pw::CompatMode::power8, pw::CompatMode::power9_base, pw::CompatMode::power9,
                             pw::CompatMode::power10};
  for (int v = 1; v <= 2; ++v) {
    const std::string vios = name + "-vios" + std::to_string(v);
    sys.vios.push_back(msp_vios(v, vios, vios + "-en0", vios, rack_switch, network));
  }
  return sys;
}

// Issue 18's evacuation of `lpars` partitions. Racks hold `sources_per_rack` source servers
// ("src<i>", `per_source` LPARs each, the last one the remainder) and as many empty spare servers
// ("spare<i>"); source i migrates all its LPARs to spare i of the next rack (rack r → r + 1,
// the last rack → rack 0, a single rack onto itself), so every migration crosses two rack links
// and the core, and each server's 20 requests queue behind the concurrency limits.
inline app::scenario::ScenarioSpec evacuation(int lpars, int per_source = 20, int sources_per_rack = 4) {
  namespace sc = app::scenario;
  const int sources = (lpars + per_source - 1) / per_source;
  const int racks = (sources + sources_per_rack - 1) / sources_per_rack;
  sc::ScenarioSpec spec;
  spec.description = "data-centre evacuation: " + std::to_string(lpars) + " LPARs on " + std::to_string(sources) +
                     " servers in " + std::to_string(racks) + " racks, every LPAR migrating to the next rack";
  spec.simulation.memory_representation = models::memory::Representation::expected;
  spec.network.nodes.push_back({"core", models::network::NodeKind::network_switch});
  for (int r = 0; r < racks; ++r) {
    const std::string rack = "rack" + std::to_string(r);
    spec.network.nodes.push_back({rack, models::network::NodeKind::network_switch});
    spec.network.links.push_back({rack + "-core", rack, "core", link_of("100Gbit/s")});
  }
  for (int i = 0; i < sources; ++i) {
    const int rack = i / sources_per_rack;
    auto src = rack_server("src" + std::to_string(i), "rack" + std::to_string(rack), spec.network, per_source);
    const int count = std::min(per_source, lpars - i * per_source);
    for (int l = 0; l < count; ++l) src.lpars.push_back(mixed_lpar(src.config.name, l));
    spec.managed_systems.push_back(std::move(src));
  }
  for (int i = 0; i < sources; ++i) {
    const int rack = (i / sources_per_rack + 1) % racks;
    spec.managed_systems.push_back(
        rack_server("spare" + std::to_string(i), "rack" + std::to_string(rack), spec.network, per_source));
  }
  for (int i = 0; i < sources; ++i) {
    for (const auto& lpar : spec.managed_systems[static_cast<std::size_t>(i)].lpars) {
      sc::ActionSpec a;
      a.migrlpar.operation = models::migration::MigrlparOperation::migrate;
      a.migrlpar.managed_system = "src" + std::to_string(i);
      a.migrlpar.target_managed_system = "spare" + std::to_string(i);
      a.migrlpar.lpar_names = {lpar.config.name};
      spec.actions.push_back(a);
    }
  }
  return spec;
}

inline app::scenario::ScenarioSpec datacenter(int systems, int msp_pairs, int lpars_per_system, int evacuate) {
  namespace sc = app::scenario;
  sc::ScenarioSpec spec;
  spec.description = "synthetic data centre";
  spec.simulation.memory_representation = models::memory::Representation::expected;
  spec.network.nodes.push_back({"core", models::network::NodeKind::network_switch});
  for (int s = 0; s < systems; ++s) {
    sc::ManagedSystemSpec sys;
    const std::string system = "sys" + std::to_string(s);
    sys.config.name = system;
    sys.config.installed_memory = sim::parse_bytes("4TiB");
    sys.config.installed_processors = 128;
    for (int v = 0; v < msp_pairs; ++v) {
      const std::string vios = "vios" + std::to_string(v + 1);
      sys.vios.push_back(msp_vios(v + 1, vios, system + "/" + vios + "/en0", system + "-" + vios, "core", spec.network));
    }
    for (int l = 0; l < lpars_per_system; ++l) sys.lpars.push_back(mixed_lpar(system, l));
    spec.managed_systems.push_back(std::move(sys));
  }
  int next_destination = evacuate;
  for (int s = 0; s < evacuate; ++s) {
    for (const auto& lpar : spec.managed_systems[static_cast<std::size_t>(s)].lpars) {
      sc::ActionSpec a;
      a.migrlpar.operation = models::migration::MigrlparOperation::migrate;
      a.migrlpar.managed_system = "sys" + std::to_string(s);
      a.migrlpar.target_managed_system = "sys" + std::to_string(next_destination);
      a.migrlpar.lpar_names = {lpar.config.name};
      spec.actions.push_back(a);
      next_destination = next_destination + 1 < systems ? next_destination + 1 : evacuate;
    }
  }
  return spec;
}

}  // namespace bench
