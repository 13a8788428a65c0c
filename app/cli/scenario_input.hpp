// The scenario file every lpmsim subcommand starts from: loaded, or every diagnostic printed on
// stderr (file:line: /pointer: what was expected) and nothing returned — the command exits 2.
//   auto spec = load_scenario_or_report(a.file);  if (!spec) return 2;
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "app/scenario/spec.hpp"

namespace app::cli {

// `print` false: stay silent (e.g. MPI ranks other than 0, which would repeat rank 0's lines).
std::optional<scenario::ScenarioSpec> load_scenario_or_report(const std::string& file, bool print = true);

// The same, then patched by `--set /pointer=value` options (app/studies/scenario_patch.hpp); a bad
// --set is reported like a bad file.
std::optional<scenario::ScenarioSpec> load_scenario_or_report(const std::string& file,
                                                              const std::vector<std::string>& sets);

}  // namespace app::cli
