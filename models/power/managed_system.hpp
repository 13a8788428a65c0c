// models::power::ManagedSystem: one server (CEC) — machine type/model, processor generation and
// the compatibility modes it supports, firmware, PowerVM edition / LPM capability, memory in
// LMBs and processors in hundredths with free/reserved/used accounting, the migration
// concurrency counters of §5.2, and its Hypervisor. Built from a config by the scenario loader
// or a test; the Hmc reads it for validation (§3.2) and admission (§3.1).
//   models::power::ManagedSystem sys(engine, {.name = "sysA", .installed_memory = 1_TiB, ...});
//   sys.hypervisor().add_partition(db01);
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "models/power/compat_mode.hpp"
#include "models/power/hypervisor.hpp"
#include "models/power/outcome.hpp"
#include "models/power/power_model.hpp"
#include "models/power/processing_units.hpp"
#include "models/power/resource_account.hpp"
#include "sim/engine.hpp"
#include "sim/quantity.hpp"

namespace models::power {

// LPM needs PowerVM Enterprise Edition on both servers (§3.2).
enum class PowerVmEdition { standard, enterprise };
// Active and inactive migrations are counted separately (§2.2, §3.1).
enum class MigrationKind { active, inactive };

struct ManagedSystemConfig {
  std::string name;
  std::string machine_type_model = "9105-42A";  // assumption: a Power10 (the default generation)
  ProcessorGeneration generation = ProcessorGeneration::power10;
  std::vector<CompatMode> compat_modes;  // lpar_proc_compat_modes
  std::string firmware_level = "FW1050";  // as shown, e.g. "FW1050.10"; §5.1: the newest Power10 level listed
  int firmware_release = 0;               // 1050 — what the §5.1 pair matrix compares; 0: parsed from firmware_level
  PowerVmEdition edition = PowerVmEdition::enterprise;
  bool active_lpm_capable = true;
  bool inactive_lpm_capable = true;
  sim::Bytes installed_memory{0};
  // §7: 16–256 MiB (POWER8/9), 128/256 MiB and 1/2/4 GiB (Power10 FW1050+); same on both ends.
  sim::Bytes lmb_size{256LL << 20};
  // Memory the hypervisor keeps for itself (HPTs, firmware). Real PHYP usage grows with the
  // partitions' maximum memory; we take it as a fixed amount rounded up to LMBs [INF].
  sim::Bytes hypervisor_reserved{0};
  // Cores available to partitions. One account covers dedicated cores and the shared pool: a
  // dedicated partition takes whole cores out of the pool, a shared one its entitlement, so the
  // pool is whatever dedicated partitions leave [simplification: one shared pool, no VP limits].
  int installed_processors = 0;
  // §5.2: 4 per system at any level, 8 and 16 on newer FW/HMC/VIOS; the default system is a
  // Power10 on FW1050, so the newest tier. Inactive: assumption, the same (§5.2 has no figure).
  int max_active_migrations = 16;
  int max_inactive_migrations = 16;
  PowerModelConfig power;  // what the system draws (power_model.hpp): migration energy
};

class ManagedSystem {
 public:
  ManagedSystem(sim::Engine& engine, ManagedSystemConfig config);
  ManagedSystem(const ManagedSystem&) = delete;
  ManagedSystem& operator=(const ManagedSystem&) = delete;

  const std::string& name() const { return config_.name; }
  const ManagedSystemConfig& config() const { return config_; }
  sim::Engine& engine() const { return engine_; }
  bool supports_compat_mode(CompatMode mode) const;
  // Enterprise Edition and the capability flag for that kind of migration (§3.1, §3.2).
  bool lpm_capable(MigrationKind kind) const;

  sim::Bytes lmb_size() const { return config_.lmb_size; }
  // Whole LMBs needed to hold `size` (rounded up; memory is given in LMBs, §7).
  std::int64_t lmbs_for(sim::Bytes size) const;
  // Memory accounting in LMBs; the hypervisor's own reserve is part of used().
  const ResourceAccount& memory() const { return memory_; }
  std::int64_t hypervisor_lmbs() const { return hypervisor_lmbs_; }
  sim::Bytes free_memory() const { return config_.lmb_size * memory_.free(); }
  // Processor accounting in hundredths of a core.
  const ResourceAccount& processors() const { return processors_; }

  // Concurrency counters (§5.2). begin_migration refuses when the supported count is reached:
  // "sysA already runs 4 of 4 supported active migrations".
  Outcome begin_migration(MigrationKind kind);
  void end_migration(MigrationKind kind);
  int migrations_in_progress(MigrationKind kind) const;
  int migrations_supported(MigrationKind kind) const;

  // A failed server (a modelled fault) refuses every hypervisor request until restored.
  bool operating() const { return operating_; }
  void fail();
  void restore();

  Hypervisor& hypervisor() { return hypervisor_; }
  const Hypervisor& hypervisor() const { return hypervisor_; }

 private:
  friend class Hypervisor;  // moves units between the buckets of the two accounts

  sim::Engine& engine_;
  ManagedSystemConfig config_;
  std::int64_t hypervisor_lmbs_;
  ResourceAccount memory_;
  ResourceAccount processors_;
  int active_migrations_ = 0;
  int inactive_migrations_ = 0;
  bool operating_ = true;
  Hypervisor hypervisor_;
};

}  // namespace models::power
