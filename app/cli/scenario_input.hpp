// The scenario file every lpmsim subcommand starts from: loaded and checked against the resource
// bounds (resource_limits.hpp), or every diagnostic printed on stderr (file:line: /pointer: what
// was expected) and nothing returned — the command exits 2.
//   auto spec = load_scenario_or_report(a.file);  if (!spec) return 2;
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "app/scenario/diagnostic.hpp"
#include "app/scenario/spec.hpp"

namespace app::cli {

struct ScenarioUse {
  bool print = true;             // false: stay silent (MPI ranks other than 0 would repeat rank 0)
  bool verify_versions = false;  // verify keeps a version per page in exact mode
};

std::optional<scenario::ScenarioSpec> load_scenario_or_report(const std::string& file, ScenarioUse use = {});

// Prints a ScenarioError's diagnostics, with the line of each pointer looked up in `file` when
// the diagnostic has none (checks made after loading).
void print_diagnostics(const scenario::ScenarioError& e, const std::string& file);

// The same, then patched by `--set /pointer=value` options (app/studies/scenario_patch.hpp); a bad
// --set is reported like a bad file.
std::optional<scenario::ScenarioSpec> load_scenario_or_report(const std::string& file,
                                                              const std::vector<std::string>& sets);

}  // namespace app::cli
