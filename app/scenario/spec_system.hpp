// Spec structs of the Power world in a scenario file: managed systems with their LPARs (memory,
// processors, adapters, workload) and VIOS partitions (slots, storage, SEAs, the MSP role).
// Every default of the scenario format is a member initialiser here (ARCHITECTURE §6).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "models/power/power_model.hpp"
#include "app/scenario/spec_enums.hpp"
#include "app/scenario/spec_workload.hpp"
#include "sim/quantity.hpp"

namespace app::scenario {

struct LparMemorySpec {
  sim::Bytes min;
  sim::Bytes desired;
  sim::Bytes max;
};

struct ProcessorSpec {
  ProcessorMode mode = ProcessorMode::shared;
  double desired = 1.0;  // processing units (shared) or whole processors (dedicated)
  std::int64_t virtual_processors = 1;  // shared only
};

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

struct LparSpec {
  std::int64_t id = 0;
  std::string name;
  OsType os = OsType::aix;
  LparStateSpec state = LparStateSpec::running;
  LparMemorySpec memory;
  ProcessorSpec processors;
  CompatibilityMode current_compatibility_mode = CompatibilityMode::default_mode;
  CompatibilityMode preferred_compatibility_mode = CompatibilityMode::default_mode;
  sim::Bytes page_size = sim::Bytes(4096);
  std::int64_t huge_pages = 0;  // 16 GB pages: block active migration
  std::int64_t bsr_arrays = 0;  // BSR arrays: block active migration
  bool rmc_active = true;
  bool restricted_io = false;  // IBM i restricted I/O mode (lpm-protocol.md §3.4)
  bool redundant_error_path_reporting = false;
  std::int64_t max_virtual_slots = 32;
  std::vector<VirtualAdapterSpec> virtual_adapters;
  std::vector<PhysicalAdapterSpec> physical_adapters;  // any: blocks active migration
  WorkloadSpec workload;
};

struct SeaSpec {
  std::string name;
  std::vector<std::int64_t> vlans;
};

// The MSP role of a VIOS (msp=1) and its vioslpm0 tunables (lpm-protocol.md §5.3).
struct MspSpec {
  std::string interface;                 // network node of the MSP's IP interface
  std::int64_t cfg_msp_lpm_ops = 8;
  std::int64_t concurrency_lvl = 4;
  sim::BytesPerSecond throughput_per_cpu = sim::BytesPerSecond(1.25e9);  // [INF] 10 Gbit/s per CPU
};

struct ViosSpec {
  std::int64_t id = 0;
  std::string name;
  sim::Bytes memory = sim::Bytes(8LL << 30);
  double processors = 1.0;  // entitled capacity: bounds the MSP's throughput
  std::int64_t max_virtual_slots = 200;
  bool rmc_active = true;
  std::vector<std::string> fc_ports;
  std::vector<std::string> luns;  // storage visible to this VIOS
  std::vector<SeaSpec> seas;
  std::optional<MspSpec> msp;     // present ⇔ the VIOS is a mover service partition
};

struct ManagedSystemSpec {
  std::string name;
  std::string machine_type_model = "9105-42A";
  ProcessorGeneration processor_generation = ProcessorGeneration::power10;
  std::vector<CompatibilityMode> compatibility_modes;
  sim::Bytes memory;
  std::int64_t processors = 0;
  sim::Bytes lmb_size = sim::Bytes(256LL << 20);
  std::string firmware_level = "FW1050";
  PowerVmEdition powervm_edition = PowerVmEdition::enterprise;
  bool active_lpm_capable = true;
  bool inactive_lpm_capable = true;
  std::int64_t max_active_migrations = 16;
  std::int64_t max_inactive_migrations = 16;
  models::power::PowerModelConfig power;  // bound directly: defaults and sources in the model
  std::vector<LparSpec> lpars;
  std::vector<ViosSpec> vios;
};

}  // namespace app::scenario
