// models::migration::FaultInjector: scheduled failures of the modelled world (lpm-protocol.md §6,
// ARCHITECTURE §4): a link down (and back up), an MSP or VIOS crash, a server failure, an OS that
// refuses to suspend, an operator stop, the HMC losing its connection — each at a simulated time
// or at a protocol point of a named partition's migration (entering a state, or the end of
// pre-copy pass n). It acts through the World and the Hmc, and keeps a FaultRecord per fault.
// It watches pre-copy pass ends through the trace, so it is attached as a Tracer (in a tee).
//   FaultInjector faults(hmc, {{.kind = FaultKind::link_down, .target = "lpm-link", .at = t0 + 30_s}});
//   faults.arm();
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "models/migration/hmc.hpp"
#include "models/migration/migration_record.hpp"
#include "sim/tracer.hpp"

namespace models::migration {

enum class FaultKind {
  link_down,           // target: link name; repaired (up again) after repair_after if given
  link_up,             // target: link name
  msp_crash,           // target: "system/vios" of an MSP
  vios_crash,          // target: "system/vios"
  system_failure,      // target: managed system
  os_refuses_suspend,  // target: partition
  hmc_stop,            // target: partition (migrlpar -o s)
  hmc_recover,         // target: partition (migrlpar -o r)
  hmc_disconnect,      // target: ignored; reconnects after repair_after if given
};
const char* to_string(FaultKind kind);

struct ProtocolPoint {
  std::string lpar;
  MigrationState state = MigrationState::precopy;  // fire when the migration enters it …
  int pass = 0;  // … or, with state precopy and pass > 0, when pre-copy pass `pass` ends
};

struct FaultPlan {
  FaultKind kind = FaultKind::link_down;
  std::string target;
  std::optional<sim::Time> at;
  std::optional<ProtocolPoint> point;
  sim::Duration delay = sim::Duration::zero();  // after the point (e.g. half a pass)
  std::optional<sim::Duration> repair_after;
};

class FaultInjector final : public sim::Tracer {
 public:
  FaultInjector(Hmc& hmc, std::vector<FaultPlan> plans);
  // Schedules the timed faults and starts watching for protocol points.
  void arm();
  const std::vector<FaultRecord>& fired() const { return fired_; }
  // sim::Tracer: watches "precopy.pass" records for pass-end points.
  void record(const sim::TraceRecord& r) override;

 private:
  void on_state(Migration& m);
  void fire_after(std::size_t plan, sim::Duration delay);
  void fire(std::size_t plan);
  void fail_system(power::ManagedSystem& system);
  void set_link(const std::string& name, bool up, const std::string& kind);

  Hmc& hmc_;
  std::vector<FaultPlan> plans_;
  std::vector<bool> done_;
  std::vector<FaultRecord> fired_;
};

}  // namespace models::migration
