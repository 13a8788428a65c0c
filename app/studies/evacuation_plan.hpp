// Evacuation planning: the order and concurrency of migrations that empties a managed system
// fastest with every LPAR's blackout under a bound, found by simulating candidate plans (orders:
// as listed, smallest dirty rate first, largest / smallest memory first, shortest predicted
// single-migration time first; each at several concurrency limits). Used by
// `lpmsim plan-evacuation`.
//   auto plan = app::studies::plan_evacuation(spec, "scenarios", {.system = "sysA"});
#pragma once

#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "app/scenario/spec.hpp"
#include "sim/time.hpp"

namespace app::studies {

struct EvacuationOptions {
  std::string system;                     // the system to empty
  std::vector<std::string> destinations;  // "" = every other managed system, round robin
  std::optional<sim::Duration> max_blackout;
  std::vector<int> concurrency{1, 2, 4, 8};  // HMC limit per MSP pair to try
};

struct PlannedMigration {
  std::string lpar;
  std::string destination;
  std::string command;  // the migrlpar command line
  double start_s = 0, end_s = 0, blackout_s = 0;
  std::string outcome;  // models::migration::to_string of the outcome
  bool over_bound = false;
  bool completed = false;
};

struct EvacuationCandidate {
  std::string order;  // e.g. "largest-memory-first"
  int concurrency = 1;
  double makespan_s = 0;  // first request → last migration ended
  double max_blackout_s = 0;
  int not_completed = 0;
  int over_bound = 0;
  std::vector<PlannedMigration> migrations;  // in request order
  bool feasible() const { return not_completed == 0 && over_bound == 0; }
};

struct EvacuationPlan {
  EvacuationCandidate best;
  std::vector<EvacuationCandidate> candidates;  // every plan evaluated, in evaluation order
};

// Throws std::invalid_argument for an unknown system or one without running LPARs.
EvacuationPlan plan_evacuation(const scenario::ScenarioSpec& spec,
                               const std::filesystem::path& scenario_dir,
                               const EvacuationOptions& options);

}  // namespace app::studies
