// models::power::Lpar: one logical partition — identity, OS, HMC state, memory and processor
// settings, compatibility modes, the attributes the mobility checks read (§3.4), its virtual and
// physical I/O, and where it currently executes. Built from an LparConfig by the scenario loader
// or a test; placed on a ManagedSystem through its Hypervisor; driven by the Hmc/Migration.
//   models::power::Lpar db01(engine, {.id = 3, .name = "db01", .memory_desired = 64_GiB, ...});
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "models/power/compat_mode.hpp"
#include "models/power/lpar_state.hpp"
#include "models/power/outcome.hpp"
#include "models/power/processing_units.hpp"
#include "models/power/virtual_adapters.hpp"
#include "sim/engine.hpp"
#include "sim/quantity.hpp"

namespace models::power {

enum class OsType { aix, linux, ibmi };
// Scenario spelling: "aix", "linux", "ibmi".
std::string_view os_name(OsType os);

enum class ProcessorMode { dedicated, shared };

struct LparProcessors {
  ProcessorMode mode = ProcessorMode::shared;
  int dedicated_procs = 1;                                      // dedicated: whole cores
  ProcessingUnits entitlement = ProcessingUnits::hundredths(100);  // shared: entitled capacity
  int virtual_procs = 1;                                        // shared: virtual processors

  // What the partition takes from the server: whole cores if dedicated, else the entitlement.
  ProcessingUnits capacity() const {
    return mode == ProcessorMode::dedicated ? ProcessingUnits::cores(dedicated_procs) : entitlement;
  }
};

struct LparConfig {
  int id = 0;
  std::string name;
  OsType os = OsType::aix;
  LparState state = LparState::running;
  sim::Bytes memory_min{0};
  sim::Bytes memory_desired{0};  // what an active partition holds (rounded up to LMBs on placement)
  sim::Bytes memory_max{0};
  LparProcessors processors;
  CompatMode current_compat_mode = CompatMode::default_mode;
  CompatMode preferred_compat_mode = CompatMode::default_mode;
  // Dirty-tracking/transfer granularity; unpublished, 4 KiB default with 64 KiB plausible (§2.4).
  sim::Bytes page_size{4096};
  int huge_pages_16g = 0;   // > 0 blocks active migration (§3.4, §7)
  int bsr_arrays = 0;       // > 0 blocks active migration (§3.4)
  bool redundant_error_path_reporting = false;  // must be off (§3.4)
  std::vector<VscsiClientAdapter> vscsi;
  std::vector<VfcClientAdapter> vfc;
  std::vector<VethClientAdapter> veth;
  std::vector<VnicClientAdapter> vnic;
  std::vector<PhysicalIo> physical_io;  // any entry blocks active migration (§3.4)
  bool is_vios = false;
  bool rmc_active = true;             // AIX/Linux need RMC for active migration (§3.4)
  bool dlpar_capable = true;          // DLPAR memory + processor capability (§3.4)
  bool restricted_io = false;         // IBM i must be in restricted I/O mode (§3.4)
  bool virtual_optical = false;       // an attached virtual optical device blocks (§3.4)
  std::string workload_group;         // empty = not in a partition workload group (§2.8)
};

class Lpar {
 public:
  Lpar(sim::Engine& engine, LparConfig config);
  Lpar(const Lpar&) = delete;
  Lpar& operator=(const Lpar&) = delete;

  int id() const { return config_.id; }
  const std::string& name() const { return config_.name; }
  OsType os() const { return config_.os; }
  LparState state() const { return config_.state; }
  const LparConfig& config() const { return config_; }

  // Moves to `to` when is_legal_transition(state(), to); traced as "lpar.state". Refused otherwise
  // with "illegal state change for db01: Running → Resuming".
  Outcome change_state(LparState to);
  // The destination may give the partition a new id (§2.3: the id is kept only if free there).
  void renumber(int new_id);

  // The managed system the partition executes on; empty while it executes nowhere (not active,
  // or in the blackout between suspend and resume — invariant 1 of ARCHITECTURE §4).
  const std::string& executing_on() const { return executing_on_; }

  bool has_physical_io() const { return !config_.physical_io.empty(); }
  ProcessingUnits processor_capacity() const { return config_.processors.capacity(); }

 private:
  friend class Hypervisor;  // the only one that moves execution (suspend / resume / placement)
  void set_executing_on(std::string system);

  sim::Engine& engine_;
  LparConfig config_;
  std::string executing_on_;
};

}  // namespace models::power
