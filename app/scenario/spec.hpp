// ScenarioSpec: a scenario file fully read, validated and with every default filled in — the
// loader's output and the run's input. Settings are the models' own …Config structs, whose
// member initialisers are the only defaults (docs/ARCHITECTURE.md); the structs here hold what
// exists in files alone (names, references, actions, faults, outputs).
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "app/scenario/spec_action.hpp"
#include "app/scenario/spec_enums.hpp"
#include "app/scenario/spec_fault.hpp"
#include "app/scenario/spec_network.hpp"
#include "app/scenario/spec_system.hpp"
#include "models/migration/hmc.hpp"
#include "models/migration/migration_settings.hpp"

namespace app::scenario {

using namespace sim::literals;

struct OutputsSpec {
  std::string report;  // report JSON path; "" = none
  std::string trace;   // trace path; "" = none
  TraceFormat trace_format = TraceFormat::jsonl;
  std::string html;    // HTML report path; "" = none
};

struct SimulationSpec {
  std::uint64_t seed = 1;
  sim::Duration end_time = 24_h;
  models::memory::Representation memory_representation = models::memory::MemoryConfig{}.representation;
  // The wall clock at simulated time 0, for workloads on the day clock (PhaseClock::day).
  TimeOfDay start_of_day;
  // Run-to-run variation (hmc.run_variation): a single run is the median migration unless asked;
  // a sweep over seeds varies each run, so that its intervals mean something (issue 17).
  RunVariationMode variation = RunVariationMode::automatic;
  OutputsSpec outputs;
};

// The file's `hmc` object: the HMC's own limits and every migration's settings.
struct HmcSpec {
  models::migration::HmcLimits limits;
  models::migration::MigrationSettings settings;
};

struct ScenarioSpec {
  std::string description;
  std::vector<ManagedSystemSpec> managed_systems;
  NetworkSpec network;
  HmcSpec hmc;
  std::vector<ActionSpec> actions;
  std::vector<FaultSpec> faults;
  SimulationSpec simulation;
};

}  // namespace app::scenario
