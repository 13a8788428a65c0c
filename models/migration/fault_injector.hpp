// models::migration::FaultInjector: scheduled failures of the modelled world (lpm-protocol.md §6,
// ARCHITECTURE §4): a link down (and back up), an MSP or VIOS crash, a server failure, an OS that
// refuses to suspend, an operator stop, the HMC losing its connection — each at a simulated time
// or at a protocol point of a named partition's migration (entering a state, or the end of
// pre-copy pass n). It acts through the World and the Hmc, and keeps a FaultRecord per fault.
// It watches pre-copy pass ends through the trace, so it is attached as a Tracer (in a tee).
//   FaultInjector faults(hmc, {{.kind = FaultKind::link_down, .target = "lpm-link", .at = t0 + 30_s}});
//   faults.arm();
#pragma once

#include <functional>
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
  msp_crash,           // target: an MSP's VIOS, "system/vios" or a unique bare name (World::find_vios);
                       // rebooted after repair_after if given
  vios_crash,          // target: a VIOS, named as for msp_crash
  system_failure,      // target: managed system
  os_refuses_suspend,  // target: partition
  hmc_stop,            // target: partition (migrlpar -o s)
  hmc_recover,         // target: partition (migrlpar -o r)
  hmc_disconnect,      // target: "hmc"; reconnects after repair_after if given
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
  // True when no timed fault is still to fire and no repair is still to happen: the scenario's
  // fault timeline is over (a run does not end before it). `after` is called whenever that may
  // have changed (a timed fault fired, a repair happened).
  bool quiet() const { return timed_pending_ == 0 && repairs_pending_ == 0; }
  void set_after_fault(std::function<void()> after) { after_ = std::move(after); }
  // sim::Tracer: watches "precopy.pass" records for pass-end points.
  void record(const sim::TraceRecord& r) override;

 private:
  void on_state(Migration& m);
  void fire_after(std::size_t plan, sim::Duration delay);
  void fire(std::size_t plan);
  void fail_system(power::ManagedSystem& system);
  void crash_vios(power::Vios& vios, std::optional<sim::Duration> repair_after);
  void repair_in(sim::Duration after, std::function<void()> repair);
  void set_link(const std::string& name, bool up, const std::string& kind);

  Hmc& hmc_;
  std::vector<FaultPlan> plans_;
  std::vector<bool> done_;
  std::vector<FaultRecord> fired_;
  std::size_t timed_pending_ = 0;
  std::size_t repairs_pending_ = 0;
  std::function<void()> after_;
};

}  // namespace models::migration
