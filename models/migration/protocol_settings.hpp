// Every duration of the HMC-driven protocol that is not a data transfer, with its default and
// where the default comes from. IBM publishes almost none of these (lpm-protocol.md §5.5, §5.6,
// §10): where the domain document has a number it is cited, everything else is marked
// [assumption] and is a setting a scenario overrides (hmc.timings in the scenario file).
// Used by Migration; filled by the scenario loader; echoed in the report.
#pragma once

#include "sim/quantity.hpp"
#include "sim/time.hpp"

namespace models::migration {

using namespace sim::literals;

// Whose fixed costs apply (issue 13). powervm: the HMC/VIOS steps below (validation,
// preparation, the OS's suspend handshake over VASI, completion). bare_hypervisor: a hypervisor
// migrating its own guest (QEMU/KVM): no HMC or VIOS step, the vCPUs stop after
// bare_suspend_latency and run on the destination after bare_resume_latency.
enum class Platform { powervm, bare_hypervisor };

struct ProtocolSettings {
  Platform platform = Platform::powervm;          // the product modelled (lpm-protocol.md)
  sim::Duration bare_suspend_latency = 0_s;       // QEMU: vm_stop_force_state in the migration thread [assumption: 0]
  sim::Duration bare_resume_latency = 0_s;        // QEMU: the destination runs once the stream ends [assumption: 0]
  // --- validation (§2.2, §3): read-only checks by the HMC over RMC -----------------------------
  sim::Duration validation_base = 20_s;           // [assumption] "tens of seconds to minutes" of setup (§5.5)
  sim::Duration validation_per_adapter = 1_s;     // [assumption] per client virtual adapter
  sim::Duration npiv_disk_validation = 10_s;      // [assumption] per vFC with --npivval portdisk (§3.3: "known cause of slow LPM")

  // --- preparation (§2.3) -----------------------------------------------------------------------
  sim::Duration shell_creation = 10_s;            // [assumption] destination partition shell; part of §5.5's setup
  sim::Duration vios_adapter_define = 1_s;        // [assumption] per server adapter + mapping on the destination VIOS
  sim::Duration msp_setup = 2_s;                  // [assumption] MSP pair TCP connections, VASI stream Enabled
  sim::Duration os_check_linux = 1_s;             // [assumption] `drmgr -p check` over RMC (does nothing today, S7)
  sim::Duration os_check_aix = 2_s;               // [assumption] DLPAR script checkmigrate phase
  sim::Duration os_check_ibmi = 2_s;              // [assumption] QIBM_QWC_SUSPEND exit point programs

  // --- suspend (§2.5, §5.6) ----------------------------------------------------------------------
  sim::Duration linux_pre_sleep = 5_s;            // `drmgr -p pre` sleeps 5 s before giving the stream id (S7, §5.6)
  sim::Duration linux_vasi_poll = 1_s;            // the kernel polls H_VASI_STATE every 1 s until Suspending (S6)
  sim::Duration cpu_join = 5_ms;                  // [assumption] stop_machine + H_JOIN of all CPUs
  sim::Duration cpu_join_per_vcpu = 1_ms;         // [assumption]
  int suspend_attempts = 5;                       // Linux: up to 5 join/suspend attempts (S6)
  sim::Duration first_retry_gap = 1_ms;           // 1, 10, 100, 1000 ms: ×10 each time (S6)
  sim::Duration aix_suspend_latency = 200_ms;     // [assumption] AIX quiesce to suspended
  sim::Duration ibmi_suspend_latency = 500_ms;    // [assumption] IBM i quiesce to suspended

  // --- redundant MSP pairs (§5.4, §6, S9) --------------------------------------------------------
  // From the failure of one MSP pair (its TCP connection broken) to its chunks flowing again on
  // the surviving pair: the MSP notices, PHYP switches the VASI stream (H_VASI_SIGNAL Failover, §2.9).
  sim::Duration msp_failover = 2_s;               // [assumption] not published; a TCP retransmission timeout or two

  // --- resume (§2.6) -----------------------------------------------------------------------------
  sim::Duration hypervisor_resume = 50_ms;        // [assumption] "tens of ms" (precopy-models.md §9.4)
  // The source hypervisor resumes a partition whose blackout failed before Resumed (§6 [INF]:
  // "the platform must resume it on the source"), once it hears the stream or destination is lost.
  sim::Duration resume_on_source = 50_ms;         // [assumption] as hypervisor_resume
  sim::Duration linux_vasi_completed_poll = 500_ms;  // kernel polls until Completed every 500 ms (S6)

  // --- completion (§2.7) -------------------------------------------------------------------------
  sim::Duration vios_cleanup_per_adapter = 1_s;   // [assumption] unlock + unconfigure + undefine on a source VIOS
  sim::Duration profile_update = 5_s;             // [assumption] HMC removes the slots from the source VIOS profiles (§2.7)
  sim::Duration memory_reclaim_per_gib = 10_ms;   // [assumption] source hypervisor frees the LMBs

  // --- inactive migration (§4.1): no MSPs, no VASI stream, no memory copy ----------------------
  // The HMC moves the partition's profiles and NVRAM to the destination and re-creates its
  // configuration there; preparation and completion use the per-adapter costs above.
  sim::Duration inactive_profile_transfer = 10_s; // [assumption] all profiles + NVRAM through the HMC

  // --- stop, abort, recover (§6) -----------------------------------------------------------------
  sim::Duration rollback_cleanup = 5_s;           // [assumption] remove the shell and destination mappings
  sim::Duration recover = 30_s;                   // [assumption] `migrlpar -o r`

  // --- timeouts (§5.6) ---------------------------------------------------------------------------
  // A migration still before the suspend point this long after its request is stopped and
  // rolled back like `-o s`; past the suspend point it is left to finish (it cannot go back).
  sim::Duration migration_timeout = 7200_s;       // pypowervm's Migrate job: 4 × 1800 s (S24)
  // Suspending → Suspended must take at most this, or the migration rolls back to the source.
  sim::Duration suspend_timeout = 60_s;           // [assumption] well above Linux's 5 join attempts (≈ 1.1 s)
};

}  // namespace models::migration
