// models::migration::World: every modelled object of one simulation — managed systems (with their
// hypervisors), client partitions, VIOS partitions (some of them MSPs) and the network — owned in
// one place, with lookups by the names a scenario uses. Built by the scenario builder or directly
// by tests; read by Validation and the Hmc. Iteration orders are insertion orders (deterministic);
// name lookups go through indices (O(log n)), as a data centre has thousands of each.
//   World w(engine);
//   auto& a = w.add_system({.name = "sysA", ...});
//   w.add_vios("sysA", vios_config);  w.add_lpar("sysA", lpar_config);
//   w.set_network(std::move(topology));
#pragma once

#include <cstddef>
#include <functional>
#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "models/network/flow_network.hpp"
#include "models/power/lpar.hpp"
#include "models/power/managed_system.hpp"
#include "sim/string_index.hpp"
#include "models/power/vios.hpp"
#include "sim/engine.hpp"

namespace models::migration {

// A VIOS together with the managed system it lives on.
struct PlacedVios {
  std::string system;
  std::unique_ptr<power::Vios> vios;
};

class World {
 public:
  explicit World(sim::Engine& engine) : engine_(engine) {}
  World(const World&) = delete;
  World& operator=(const World&) = delete;

  sim::Engine& engine() const { return engine_; }

  power::ManagedSystem& add_system(power::ManagedSystemConfig config);
  // Creates the VIOS partition on `system` and places it in that hypervisor (SIM_CHECK on refusal:
  // the scenario loader has already checked that it fits).
  power::Vios& add_vios(const std::string& system, power::ViosConfig config);
  power::Lpar& add_lpar(const std::string& system, power::LparConfig config);
  void set_network(network::Topology topology, network::FlowNetworkConfig config = {});

  power::ManagedSystem* system(std::string_view name) const;
  power::Lpar* lpar(std::string_view name) const;  // the first of that name (or a VIOS partition)
  // The partition of that name whose home is `system` (names are unique per system), or nullptr.
  power::Lpar* lpar_on(std::string_view system, std::string_view name) const;
  // The system the partition is defined on now (a migrated partition moves), or nullptr.
  power::ManagedSystem* home_of(const power::Lpar& lpar) const;
  power::Vios* vios(std::string_view system, std::string_view vios_name) const;  // "vios1" or "sysA/vios1"
  // The naming rule of fault targets and reports: a VIOS (or MSP) is "system/name", or its bare
  // name when no other managed system has a VIOS of that name; nullptr when none or ambiguous.
  power::Vios* find_vios(std::string_view target) const;
  std::vector<power::Vios*> vios_on(std::string_view system) const;
  std::vector<power::Vios*> msps_on(std::string_view system) const;  // VIOSes with an Msp, in order
  network::FlowNetwork* network() const { return network_.get(); }

  const std::vector<std::unique_ptr<power::ManagedSystem>>& systems() const { return systems_; }
  const std::vector<std::unique_ptr<power::Lpar>>& lpars() const { return lpars_; }
  const std::vector<PlacedVios>& all_vios() const { return vios_; }

  // Moves the partition's home (for lookups) after a completed migration.
  void set_home(const power::Lpar& lpar, const std::string& system);

 private:
  sim::Engine& engine_;
  std::vector<std::unique_ptr<power::ManagedSystem>> systems_;
  std::vector<std::unique_ptr<power::Lpar>> lpars_;
  std::vector<std::string> lpar_home_;  // parallel to lpars_
  std::vector<PlacedVios> vios_;
  std::unique_ptr<network::FlowNetwork> network_;
  // Name → position in the vectors above; VIOS positions per system in insertion order. Partition
  // names are unique per system only: a name maps to its holders in insertion order.
  sim::StringIndex<std::size_t> system_index_;
  std::multimap<std::string, std::size_t, std::less<>> lpar_index_;
  std::multimap<std::string, std::size_t, std::less<>> vios_partition_index_;
  sim::StringIndex<std::vector<std::size_t>> vios_index_;
};

}  // namespace models::migration
