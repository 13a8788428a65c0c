// models::power::Msp: the mover-service-partition role of a VIOS (`msp=1`, §1). Admits
// migrations under `cfg_msp_lpm_ops`, the VASI adapter's `max_vasi_ops` and a VIOS-wide cap on
// LPM threads, and turns its CPU capacity into a per-migration throughput cap that the network
// model applies to the migration's flows. Owned by the Vios it belongs to; used by the Hmc.
//
// Throughput model [INF, anchored on §5.3, §5.4, §9.3]:
// - threads per migration = 6 − concurrency_lvl (level 1 → 5 threads … level 5 → 1): lower
//   levels give a migration more sender/receiver threads (§5.3 "lower = more resources");
// - the VIOS caps all LPM threads at max_lpm_threads (default 16 = 8 migrations × 2 threads at
//   the default level 4), so levels below 4 admit fewer migrations (§5.3);
// - each thread uses at most one CPU; the MSP's CPU capacity C is shared evenly by all active
//   threads, and one CPU moves rate_per_cpu (default 1.25 GB/s = 10 Gbit/s: §5.4 S18 sized 4
//   dedicated CPUs per VIOS for 40 GbE; the POWER6-era "1 GbE ≈ 80 MB/s with about one CPU" is a
//   1 GbE link bound, not a CPU bound). Cap per migration = t · min(1, C / (n · t)) · rate_per_cpu
//   with n migrations of t threads: one migration on a 1-CPU MSP at level 4 gets 1.25 GB/s.
#pragma once

#include <functional>
#include <map>
#include <string>
#include <string_view>

#include "models/power/outcome.hpp"
#include "models/power/processing_units.hpp"
#include "models/power/vasi_adapter.hpp"
#include "sim/engine.hpp"
#include "sim/quantity.hpp"

namespace models::power {

struct MspConfig {
  int cfg_msp_lpm_ops = 8;   // §5.3: default 8, range 1–8 (4 advised for one 1 Gb adapter)
  int concurrency_lvl = 4;   // §5.3: default 4 from VIOS 2.2.4.0, range 1–5
  ProcessingUnits cpu_capacity = ProcessingUnits::cores(1);  // CPU the mover can use
  sim::BytesPerSecond rate_per_cpu{1.25e9};                  // §5.4 S18: 40 GbE ÷ 4 CPUs, see above
  int max_lpm_threads = 16;                                  // [INF], see above
  std::string ip_interface;  // the MSP interface's node name in the network topology
};

class Msp {
 public:
  // `name` is the VIOS component, e.g. "sysA/vios1". The config must be in range (SIM_CHECK).
  Msp(sim::Engine& engine, std::string name, MspConfig config);
  Msp(const Msp&) = delete;
  Msp& operator=(const Msp&) = delete;

  const std::string& name() const { return name_; }
  const MspConfig& config() const { return config_; }
  const std::string& ip_interface() const { return config_.ip_interface; }
  const VasiAdapter& vasi() const { return vasi_; }

  // Takes one LPM operation, one VASI operation and threads_per_migration() threads for
  // `migration` (a stable name). Refused, with nothing taken, beyond any limit or while down.
  Outcome admit(std::string_view migration);
  // Whether admit(migration) would succeed now; takes nothing (the Hmc's admission index).
  bool can_admit(std::string_view migration) const;
  // Gives them back; releasing a migration that holds nothing is a bug (SIM_CHECK).
  void release(std::string_view migration);
  bool holds(std::string_view migration) const { return admitted_.find(migration) != admitted_.end(); }

  int active_migrations() const { return static_cast<int>(admitted_.size()); }
  int threads_per_migration() const { return 6 - config_.concurrency_lvl; }
  int threads_in_use() const { return active_migrations() * threads_per_migration(); }

  // The cap of each migration when `migrations` ≥ 1 run on this MSP (formula above).
  sim::BytesPerSecond cap_with(int migrations) const;
  // The cap of each current migration (of a single one when none runs).
  sim::BytesPerSecond per_migration_cap() const { return cap_with(active_migrations() > 0 ? active_migrations() : 1); }
  // Called with the new per-migration cap after every admit/release, so that the flows of the
  // migrations still running can be re-capped.
  void set_cap_listener(std::function<void(sim::BytesPerSecond)> listener) { cap_listener_ = std::move(listener); }

  // The owning VIOS stops/starts the MSP when it crashes/restarts; admissions are refused while down.
  void set_operating(bool operating);
  bool operating() const { return operating_; }

 private:
  void cap_changed();

  sim::Engine& engine_;
  std::string name_;
  MspConfig config_;
  VasiAdapter vasi_;
  std::map<std::string, int, std::less<>> admitted_;  // migration → threads held
  std::function<void(sim::BytesPerSecond)> cap_listener_;
  bool operating_ = true;
};

}  // namespace models::power
