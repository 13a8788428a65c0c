// A synthetic data centre as a ScenarioSpec, for the scenario and sweep benchmarks: `systems`
// POWER10 servers with `msp_pairs` VIOS/MSPs each on 25 Gbit/s links to one core switch,
// `lpars_per_system` partitions with mixed workloads, and the first `evacuate` servers emptied
// round-robin onto the others at t = 0 (expected memory mode).
#pragma once

#include <string>

#include "app/scenario/spec.hpp"
#include "sim/quantity.hpp"

namespace bench {

inline app::scenario::ScenarioSpec datacenter(int systems, int msp_pairs, int lpars_per_system, int evacuate) {
  namespace sc = app::scenario;
  sc::ScenarioSpec spec;
  spec.description = "synthetic data centre";
  spec.simulation.memory_representation = sc::MemoryRepresentation::expected;
  spec.network.nodes.push_back({"core", sc::NodeKind::switch_node});
  for (int s = 0; s < systems; ++s) {
    sc::ManagedSystemSpec sys;
    sys.name = "sys" + std::to_string(s);
    sys.memory = sim::parse_bytes("4TiB");
    sys.processors = 128;
    for (int v = 0; v < msp_pairs; ++v) {
      sc::ViosSpec vios;
      vios.id = v + 1;
      vios.name = "vios" + std::to_string(v + 1);
      vios.processors = 4;
      sc::MspSpec msp;
      msp.interface = sys.name + "/" + vios.name + "/en0";
      vios.msp = msp;
      sys.vios.push_back(vios);
      spec.network.nodes.push_back({msp.interface, sc::NodeKind::msp_interface});
      spec.network.links.push_back({sys.name + "-" + vios.name, msp.interface, "core", sim::parse_rate("25Gbit/s")});
    }
    for (int l = 0; l < lpars_per_system; ++l) {
      sc::LparSpec lpar;
      lpar.id = 10 + l;
      lpar.name = sys.name + "-lp" + std::to_string(l);
      const auto memory = sim::Bytes((16LL << 30) * (1 + l % 4));
      lpar.memory = {memory, memory, memory};
      lpar.processors.desired = 1.0;
      lpar.processors.virtual_processors = 2;
      lpar.workload.touched_fraction = 0.6 + 0.1 * (l % 4);
      const double rate = 5'000.0 * (1 + l % 7);
      switch (l % 3) {
        case 0: lpar.workload.dirty = sc::HotColdDirtySpec{0.05, {rate * 0.9, {}}, {rate * 0.1, {}}}; break;
        case 1: lpar.workload.dirty = sc::UniformDirtySpec{{rate, {}}, 0.3}; break;
        default: lpar.workload.dirty = sc::ZipfDirtySpec{{rate, {}}, 1.1}; break;
      }
      sys.lpars.push_back(lpar);
    }
    spec.managed_systems.push_back(std::move(sys));
  }
  int next_destination = evacuate;
  for (int s = 0; s < evacuate; ++s) {
    for (const auto& lpar : spec.managed_systems[static_cast<std::size_t>(s)].lpars) {
      sc::ActionSpec a;
      a.migrlpar.operation = sc::MigrlparOperation::m;
      a.migrlpar.managed_system = "sys" + std::to_string(s);
      a.migrlpar.target_managed_system = "sys" + std::to_string(next_destination);
      a.migrlpar.lpar_names = {lpar.name};
      spec.actions.push_back(a);
      next_destination = next_destination + 1 < systems ? next_destination + 1 : evacuate;
    }
  }
  return spec;
}

}  // namespace bench
