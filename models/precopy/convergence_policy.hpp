// models::precopy::ConvergencePolicy: the management layer above the stop policy (issue 20). Real
// stacks do not leave a non-converging pre-copy to the hypervisor: OpenStack Nova raises the
// allowed downtime in steps and acts after a completion timeout, KubeVirt aborts a migration
// whose remaining data stops falling and acts after its own completion timeout, libvirt/QEMU
// throttle the guest (auto-converge). At each pass end (dirty sync), after the StopPolicy, the
// layer may stop the pre-copy (ramp reached, or timeout → post-copy / stop-and-copy), abort it
// (the migration rolls back) or throttle the partition. PowerVM's own behaviour — the HMC leaves
// it to the stop policy and its migration timeout — is the default `powervm`, which adds nothing.
//   ConvergencePolicy layer(convergence_preset(ConvergencePolicyKind::nova), 64_GiB);
//   loop.set_convergence(&layer);
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "models/precopy/auto_converge.hpp"
#include "models/precopy/pass_stats.hpp"
#include "models/precopy/stop_policy.hpp"
#include "sim/time.hpp"

namespace models::precopy {

// What the layer does when a timeout or stall detection fires.
enum class ConvergenceAction {
  abort,                // give up: the migration rolls back, the partition stays on the source
  postcopy,             // stop now and resume on the destination, the rest follows (hybrid)
  force_stop_and_copy,  // stop now and send everything while suspended (Nova/KubeVirt "pause")
};
const char* to_string(ConvergenceAction action);

// Which preset the settings came from (reported; `custom` when the scenario changed any value).
enum class ConvergencePolicyKind { powervm, nova, kubevirt, auto_converge, custom };
const char* to_string(ConvergencePolicyKind kind);

struct ConvergenceConfig {
  ConvergencePolicyKind policy = ConvergencePolicyKind::powervm;
  // Downtime ramp (Nova nova/virt/libvirt/migration.py downtime_steps): the allowed downtime
  // starts at max/steps and rises linearly to max over `steps` steps, one every
  // step_delay_per_gib × GiB of memory; the pre-copy stops once remaining ÷ bandwidth is within
  // it. 0 = off. Nova: live_migration_downtime 500 ms (min 100), _steps 10 (min 3), _delay 75 s.
  sim::Duration ramp_max_downtime = sim::Duration::zero();
  std::int64_t ramp_steps = 10;
  sim::Duration ramp_step_delay_per_gib = sim::Duration::from_ns(75'000'000'000);
  // Stall detection (KubeVirt progressTimeout, pkg/virt-config/virt-config.go: 150 s): the
  // remaining data has not reached a new low for this long. 0 = off. KubeVirt aborts.
  sim::Duration stall_timeout = sim::Duration::zero();
  ConvergenceAction stall_action = ConvergenceAction::abort;
  // How often the layer reads the remaining data for its stall watermark, on a grid from the
  // pre-copy start; 0 = once per pass, after the sync. KubeVirt's monitor loop polls libvirt's
  // job info every 400 ms (live-migration-source.go monitorSleepPeriodMS), and QEMU's remaining
  // (migration_dirty_pages × page size) falls while a pass sends and jumps up at each sync, so
  // what it sees as a pass's low is the remaining at the last poll before the sync — not the
  // post-sync value, whose smooth approach to a plateau would be a new low at every pass.
  sim::Duration monitor_interval = sim::Duration::zero();
  // Completion timeout per GiB of memory, from the start of pre-copy. 0 = off. Nova
  // live_migration_completion_timeout 800 s/GiB, action live_migration_timeout_action = abort
  // (force_complete: post-copy if permitted, else pause); KubeVirt completionTimeoutPerGiB
  // 150 s/GiB, abort unless allowPostCopy (then post-copy).
  sim::Duration completion_timeout_per_gib = sim::Duration::zero();
  ConvergenceAction completion_action = ConvergenceAction::abort;
  // Nova's per-GiB values apply to at least 2 GiB ("lower bound of a minimum of 2 GiB").
  double min_gib = 2;
  // Throttle the partition as QEMU auto-converge does (Nova live_migration_permit_auto_converge,
  // KubeVirt allowAutoConverge: both default off).
  bool auto_converge = false;
  AutoConvergeConfig throttle;
  // The layer alone decides when the pre-copy stops; the stop policy's stops are overruled
  // (traced). This is the stack Nova, KubeVirt and libvirt run: they drive QEMU, whose only stop
  // rule is the downtime limit they set — the ramp's (KubeVirt and plain auto-converge leave
  // QEMU's 300 ms, a one-step ramp), which must then be on. Off: the layer acts only before the
  // stop policy does.
  bool owns_stop = false;

  bool active() const {
    return ramp_max_downtime > sim::Duration::zero() || stall_timeout > sim::Duration::zero() ||
           completion_timeout_per_gib > sim::Duration::zero() || auto_converge;
  }
};

// The documented defaults of each management layer (sources in ConvergenceConfig's comments).
ConvergenceConfig convergence_preset(ConvergencePolicyKind kind);

// The layer's verdict at one pass end.
struct ConvergenceVerdict {
  enum class Kind { none, stop, abort } kind = Kind::none;
  std::string rule;  // "downtime-ramp", "completion-timeout", "stall", empty when none
  // For a stop: postcopy forces the hybrid switchover, force_stop_and_copy the pure one; unset
  // (a ramp stop) keeps the configured mode.
  std::optional<ConvergenceAction> action;
  double throttle = 0;                       // auto-converge's throttle from now on, in [0, 1)
};

class ConvergencePolicy {
 public:
  // `memory_bytes`: the partition's memory, which scales Nova's and KubeVirt's per-GiB values.
  ConvergencePolicy(ConvergenceConfig config, double memory_bytes);
  const ConvergenceConfig& config() const { return config_; }
  std::string_view name() const { return to_string(config_.policy); }

  // Called at each pass end, after the stop policy decided; records what it concluded in
  // `note` (the pass's ConvergenceNote) and returns what the loop must do.
  ConvergenceVerdict review(const StopContext& context, const StopDecision& decision, ConvergenceNote& note);

  // Allowed downtime of the ramp `elapsed` after pre-copy started (zero when the ramp is off).
  sim::Duration allowed_downtime(sim::Duration elapsed) const;
  sim::Duration completion_timeout() const;

 private:
  ConvergenceConfig config_;
  double gib_;
  AutoConvergeThrottle throttle_;
  // The lowest remaining bytes the layer saw during the pass that just ended, and when
  // (`monitor_interval`); nullopt when no poll fell in the pass.
  struct Sample {
    double remaining;
    sim::Duration at;
  };
  std::optional<Sample> pass_low(const StopContext& context) const;

  double watermark_ = -1;  // lowest remaining bytes seen (KubeVirt progressWatermark)
  sim::Duration last_progress_ = sim::Duration::zero();
};

}  // namespace models::precopy
