// What a migration leaves behind for reports: plain structs filled by models::migration::Migration
// and the Hmc, read by app/report (JSON report, lslparmigr-style text, CSV, Perfetto, HTML).
// No behaviour, no JSON: the report layer decides how to print them.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "models/precopy/pass_stats.hpp"
#include "sim/quantity.hpp"
#include "sim/time.hpp"

namespace models::migration {

// The HMC's verdict on one check (lpm-protocol.md §3, §3.5). `code` is "HSCLA319" where IBM's
// code is known, otherwise an "LPMSIM-V…" code of ours.
struct ValidationMessage {
  enum class Severity { error, warning };
  std::string code;
  Severity severity = Severity::error;
  std::string text;
  bool overridden = false;  // a warning the request chose to accept (e.g. --redundantvios 2)
};

// One timed step of active partition mobility (lpm-protocol.md §2.1). Names are fixed:
// "validation", "preparation", "precopy", "suspend", "stop_and_copy", "resume", "postcopy",
// "completion", plus "queued" (waiting for admission) and "rollback" / "recovery" on failure paths.
struct PhaseRecord {
  std::string name;
  sim::Time start;
  sim::Time end;
  std::string detail;  // e.g. "drmgr pre 5s; 3 join attempts"
};

// The end of the story (ARCHITECTURE §4, invariant 5).
enum class MigrationOutcome {
  pending,      // still running when the simulation ended
  completed,    // running on the destination, source cleaned up
  rolled_back,  // stopped or aborted before the suspend point: running on the source
  failed,       // an unrecoverable fault; `migrlpar -o r` is needed (recoverable = true)
  recovered,    // failed, then resolved by `migrlpar -o r`
  rejected,     // validation refused it; nothing changed
  validated,    // `-o v` only: validation passed, nothing changed
};
const char* to_string(MigrationOutcome outcome);

// One MSP pair a migration set up (the primary first, then a redundant one, §5.4, S9): the bytes
// it delivered, and when and why it failed if it did (the stream then went on over the others).
struct MspPairRecord {
  std::string source_msp;  // VIOS component, "sysA/sysA-vios1"
  std::string dest_msp;
  double bytes = 0;
  std::optional<sim::Time> failed_at;
  std::string failure;
};

// Bytes this migration's stream delivered across one network link (every hop of its path).
struct LinkBytes {
  std::string link;
  double bytes = 0;
};

// What one migration cost (issue 20; migration_cost.hpp computes it at the end of the migration).
struct MigrationCost {
  // Mover CPU: bytes each MSP moved ÷ its per-CPU throughput (MspConfig::rate_per_cpu), i.e.
  // the time integral of the stream's rate over what one CPU moves: transfer time × CPUs busy.
  double source_msp_cpu_seconds = 0;
  double dest_msp_cpu_seconds = 0;
  std::vector<LinkBytes> link_bytes;  // in order of first use (source MSP → destination MSP)
  // The partition's memory reserved on the destination while the source still holds it: from
  // the shell's reservation to the source's cleanup (or the destination's release on a rollback).
  sim::Bytes memory_held_twice{0};
  sim::Duration held_twice = sim::Duration::zero();
  // Energy the migration adds (power_model.hpp): each side's mover CPU-seconds × its dynamic
  // joules per core-second, plus the destination's copy of the memory while it is held twice.
  double source_energy_joules = 0;
  double dest_energy_joules = 0;
  // Application impact: the partition's CPU-seconds taken away by throttling (throttle × its
  // processing capacity × time throttled) and the vCPU time stalled on post-copy demand faults.
  double throttled_cpu_seconds = 0;
  sim::Duration postcopy_stall = sim::Duration::zero();

  double msp_cpu_seconds() const { return source_msp_cpu_seconds + dest_msp_cpu_seconds; }
  double energy_joules() const { return source_energy_joules + dest_energy_joules; }
  double app_impact_cpu_seconds() const { return throttled_cpu_seconds + postcopy_stall.seconds(); }
};

struct MigrationRecord {
  std::string lpar;
  int lpar_id = 0;
  std::string source;
  std::string destination;
  std::string source_msp;  // empty for inactive migration / rejected requests
  std::string dest_msp;
  std::string operation = "m";  // migrlpar -o m|v
  // "active" (a running partition, §2) or "inactive" (a Not Activated one: configuration only, §4.1).
  std::string migration_type = "active";
  MigrationOutcome outcome = MigrationOutcome::pending;
  std::string outcome_detail;  // why it rolled back / failed, in words
  bool recoverable = false;    // failed and `-o r` can resolve it
  sim::Time requested;
  std::optional<sim::Time> started;  // admitted (end of queueing); none when it never started (rejected, -o v)
  sim::Time ended;
  sim::Bytes memory{0};
  double bytes_sent = 0;  // on the wire, all passes + blackout + post-copy
  double remote_faults = 0;
  sim::Duration fault_stall = sim::Duration::zero();
  std::vector<MspPairRecord> msp_pairs;          // every pair set up; empty for inactive migration
  // Suspend → running again (on the destination, or on the source after a failed blackout).
  std::optional<sim::Duration> blackout;
  // Frozen and never running again before the run ended (its server failed, or it crashed on the
  // destination): the blackout then runs to the end of the run, and max_blackout counts it.
  bool stranded = false;
  std::optional<sim::Duration> postcopy_window;  // resume → VASI Completed
  std::vector<PhaseRecord> phases;
  std::vector<precopy::PassStats> passes;
  std::optional<precopy::StopReport> stop;
  std::vector<ValidationMessage> validation;
  std::vector<std::string> post_requisites;  // reminders for the user (§2.8)
  // The destination shell's reservation and the end of the double hold (source cleaned up or
  // destination released); unset when the migration never reserved a shell.
  std::optional<sim::Time> held_twice_from;
  std::optional<sim::Time> held_twice_until;
  MigrationCost cost;

  sim::Duration total() const { return ended - requested; }
};

// A modelled fault as it happened (for reports and the verify table).
struct FaultRecord {
  sim::Time at;
  std::string kind;    // "link_down", "msp_crash", "os_refuses_suspend", …
  std::string target;  // the entity hit
  std::string detail;
};

}  // namespace models::migration
