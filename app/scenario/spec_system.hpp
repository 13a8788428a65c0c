// The Power world of a scenario file: managed systems with their LPARs and VIOS partitions, each
// the power model's own config struct, plus what only the file states — adapters that name their
// hosting VIOS, physical adapters, the workload. Bound key by key in spec_tables.cpp.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "app/scenario/spec_enums.hpp"
#include "app/scenario/spec_workload.hpp"
#include "models/power/lpar.hpp"
#include "models/power/managed_system.hpp"
#include "models/power/vios.hpp"
#include "sim/quantity.hpp"

namespace app::scenario {

// A client virtual adapter. Which keys apply depends on the type (see scenarios/README.md);
// keys of other types stay absent (std::nullopt).
struct VirtualAdapterSpec {
  VirtualAdapterType type = VirtualAdapterType::vscsi;
  std::int64_t client_slot = 0;
  std::optional<std::string> vios;          // hosting VIOS (vscsi, vfc, vnic)
  std::optional<std::int64_t> vios_slot;    // server adapter slot on that VIOS
  std::optional<std::vector<std::string>> wwpns;  // vfc: the pair (active, mobility)
  std::optional<std::vector<std::string>> luns;   // vscsi/vfc: backing LUN ids
  std::optional<std::string> physical_port; // vfc: FC port ("fcs0"); vnic: backing port
  std::optional<std::int64_t> vlan;         // veth: port VLAN id; vnic: VLAN
  std::optional<std::vector<std::int64_t>> additional_vlans;  // veth
  std::optional<std::string> vswitch;       // veth: virtual switch
};

struct PhysicalAdapterSpec {
  std::string location;
  PhysicalAdapterType type = PhysicalAdapterType::other;
};

// A client partition: the power model's LparConfig (bound key by key), and what the file states
// by name — its adapters' hosting VIOS and slots — and its workload.
struct LparSpec {
  models::power::LparConfig config;
  // Client slots must lie below it (checked by the loader only; the model does not use it).
  // assumption: 32, a common HMC profile value.
  std::int64_t max_virtual_slots = 32;
  std::vector<VirtualAdapterSpec> virtual_adapters;
  std::vector<PhysicalAdapterSpec> physical_adapters;  // any: blocks active migration
  WorkloadSpec workload;
};

// A VIOS: the power model's ViosConfig; `fc_ports` names its NPIV ports, which reach the LUNs
// the VIOS sees (`luns`).
struct ViosSpec {
  models::power::ViosConfig config;
  std::vector<std::string> fc_ports;
};

struct ManagedSystemSpec {
  models::power::ManagedSystemConfig config;
  std::vector<LparSpec> lpars;
  std::vector<ViosSpec> vios;
};

}  // namespace app::scenario
