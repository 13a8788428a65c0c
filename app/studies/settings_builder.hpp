// The non-structural half of building a scenario: HMC settings and stop policy, each partition's
// memory profile (workload), the operator's requests and the fault plans. Used by build_world.
#pragma once

#include "app/studies/world_builder.hpp"

namespace app::studies {

BuiltScenario build_settings(const scenario::ScenarioSpec& spec, const models::migration::World& world,
                             const std::filesystem::path& scenario_dir);

// A `trace` dirty model's file: "<seconds> <pages/s>" per line, '#' comments (workload.hpp).
// `file` is as written in the scenario, checked against the trust boundary relative to
// `scenario_dir` (app/scenario/dirty_trace.hpp). Throws ScenarioError naming file, line, field.
std::vector<models::memory::TraceSample> read_dirty_trace(const std::filesystem::path& scenario_dir,
                                                          const std::string& file, const std::string& pointer);

}  // namespace app::studies
