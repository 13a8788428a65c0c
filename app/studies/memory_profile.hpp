// A partition's memory profile (models::migration::MemoryProfile) from the scenario file's
// workload object, and the reader of a `trace` dirty model's file. Used by build_world.
#pragma once

#include <filesystem>
#include <string>
#include <vector>

#include "app/scenario/spec.hpp"
#include "models/migration/migration_settings.hpp"

namespace app::studies {

// `page` is the dirty-tracking granularity (byte rates become page rates); `pointer` is the
// workload's JSON pointer for diagnostics. Throws ScenarioError for what only building finds.
models::migration::MemoryProfile memory_profile(const scenario::WorkloadSpec& workload, sim::Bytes page,
                                                const scenario::SimulationSpec& simulation,
                                                const std::filesystem::path& scenario_dir, const std::string& pointer);

// A `trace` dirty model's file: "<seconds> <pages/s>" per line, '#' comments (workload.hpp).
// `file` is as written in the scenario, checked against the trust boundary relative to
// `scenario_dir` (app/scenario/dirty_trace.hpp). Throws ScenarioError naming file, line, field.
std::vector<models::memory::TraceSample> read_dirty_trace(const std::filesystem::path& scenario_dir,
                                                          const std::string& file, const std::string& pointer);

}  // namespace app::studies
