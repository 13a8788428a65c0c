// Evacuation planning: which destination each LPAR of a managed system goes to, in which order,
// over which MSP pair and at which concurrency, so that the system is empty fastest with every
// LPAR's blackout, post-copy stall and post-copy window under the bounds. Destinations are chosen
// by running the HMC's validation (`migrlpar -o v`: storage, VLANs, memory, processors,
// processor mode, …) for every LPAR against every candidate system, then filling the systems
// that pass while tracking their free memory and processors. Candidate plans (orders: as listed,
// smallest dirty rate first, largest / smallest memory first, shortest predicted single-migration
// time first; each at several concurrency limits) are simulated, MSP pairs pinned round robin
// so an HMC given the printed commands reproduces the timing. Used by `lpmsim plan-evacuation`.
//   auto plan = app::studies::plan_evacuation(spec, "scenarios", {.system = "sysA"});
//   for (const auto& l : plan.left_behind()) std::cout << l.lpar << ": " << l.reason << "\n";
#pragma once

#include <filesystem>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "app/scenario/spec.hpp"
#include "sim/time.hpp"

namespace app::studies {

struct EvacuationOptions {
  std::string system;                     // the system to empty
  std::vector<std::string> destinations;  // empty = every other managed system that can host
  std::optional<sim::Duration> max_blackout;  // suspend → resume, per LPAR
  std::optional<sim::Duration> max_stall;     // total post-copy fault stall, per LPAR
  std::optional<sim::Duration> max_postcopy;  // resume → last page in (post-copy window), per LPAR
  std::vector<int> concurrency{1, 2, 4, 8};   // migrations per MSP pair (and cfg_msp_lpm_ops)
  std::function<void(std::size_t done, std::size_t total)> progress;  // after each simulation
};

// The HMC's validation of one LPAR against one candidate destination, at the start.
struct DestinationCheck {
  std::string destination;
  std::vector<std::string> errors;  // "HSCLA319 The migrating partition's …" (warnings omitted)
  bool ok() const { return errors.empty(); }
};

struct LparPlacement {
  std::string lpar;
  double memory_bytes = 0;
  double dirty_pages_per_s = 0;          // total page writes (0 when the model has no single rate)
  std::string destination;               // "" when no destination can take it
  std::vector<DestinationCheck> checks;  // every candidate destination, in scenario order
  std::string reason;                    // why no destination, when destination is empty
};

struct PlannedMigration {
  std::string lpar;
  std::string destination;
  std::string source_msp, dest_msp;  // VIOS partition names, pinned in the command
  std::string command;               // the migrlpar command line
  double start_s = 0, end_s = 0;     // request → admitted (end of queueing), → ended
  double blackout_s = 0, stall_s = 0, postcopy_s = 0;
  std::string outcome;               // models::migration::to_string of the outcome
  std::string verdict;               // report::verdict's label, e.g. "Not converged"
  std::string why;                   // for an LPAR that did not move: the first error or cause
  std::vector<std::string> over;     // bounds exceeded, e.g. "blackout 120.3ms > 100ms"
  bool completed = false;
  // What it cost (models::migration::MigrationCost): mover CPU on both MSPs, energy added on
  // both systems, the partition's CPU-seconds lost to throttling plus post-copy stall.
  double msp_cpu_s = 0, energy_j = 0, app_impact_cpu_s = 0;
};

struct EvacuationCandidate {
  std::string order;  // e.g. "largest-memory-first"
  int concurrency = 1;
  double makespan_s = 0;  // first request → last migration ended
  double max_blackout_s = 0, max_stall_s = 0, max_postcopy_s = 0;
  int not_completed = 0;
  int over_bound = 0;
  std::vector<PlannedMigration> migrations;  // in request order
  double msp_cpu_s = 0, energy_j = 0, app_impact_cpu_s = 0;  // sums over the migrations
  bool feasible() const { return not_completed == 0 && over_bound == 0; }
};

struct LeftBehind {
  std::string lpar;
  std::string reason;
};

struct EvacuationPlan {
  std::string system;
  std::vector<LparPlacement> placements;        // every running LPAR of the system, as listed
  std::vector<LeftBehind> not_running;          // partitions not activated: not moved live
  EvacuationCandidate best;
  std::vector<EvacuationCandidate> candidates;  // every plan evaluated, in evaluation order
  scenario::ScenarioSpec best_scenario;         // the scenario with the best plan as its actions

  // Every partition the best plan leaves on the system, with why; empty() = the system is empty.
  std::vector<LeftBehind> left_behind() const;
};

// Throws std::invalid_argument for an unknown system, a destination that is not another managed
// system, or a system without running LPARs.
EvacuationPlan plan_evacuation(const scenario::ScenarioSpec& spec,
                               const std::filesystem::path& scenario_dir,
                               const EvacuationOptions& options);

}  // namespace app::studies
