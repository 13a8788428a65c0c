// ScenarioSpec: a scenario file fully read, validated and with every default filled in — the
// loader's output and the run's input. Plain data; defaults are the member initialisers of the
// spec_*.hpp structs and nowhere else (ARCHITECTURE §6).
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "app/scenario/spec_action.hpp"
#include "app/scenario/spec_fault.hpp"
#include "app/scenario/spec_hmc.hpp"
#include "app/scenario/spec_network.hpp"
#include "app/scenario/spec_system.hpp"

namespace app::scenario {

struct OutputsSpec {
  std::string report;  // report JSON path; "" = none
  std::string trace;   // trace path; "" = none
  TraceFormat trace_format = TraceFormat::jsonl;
  std::string html;    // HTML report path; "" = none
};

struct SimulationSpec {
  std::uint64_t seed = 1;
  sim::Duration end_time = sim::Duration::from_ns(86'400'000'000'000);  // 24 h
  MemoryRepresentation memory_representation = MemoryRepresentation::expected;
  OutputsSpec outputs;
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
