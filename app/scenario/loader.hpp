// The scenario loader: JSON text → a fully validated ScenarioSpec with every default filled in,
// or a ScenarioError carrying every problem found (file, line, JSON pointer, message, "did you
// mean"). Also echoes a spec back as JSON and publishes the format's JSON Schema. The only JSON
// reader of lpmsim (ARCHITECTURE §1).
//   auto spec = app::scenario::load_scenario_file("scenarios/quickstart.json");
//   auto effective = app::scenario::to_json(spec);   // for the run report
#pragma once

#include <filesystem>
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>

#include "app/scenario/diagnostic.hpp"
#include "app/scenario/spec.hpp"

namespace app::scenario {

// Reads and validates a scenario file. Throws ScenarioError (never anything else for bad input).
ScenarioSpec load_scenario_file(const std::filesystem::path& path);

// Same for text already in memory; `file` names it in diagnostics; relative paths inside the
// scenario (trace files) resolve against `base_dir`.
ScenarioSpec load_scenario_text(std::string_view text, const std::string& file,
                                 const std::filesystem::path& base_dir = ".");

// Parses JSON from an untrusted file that is not a scenario (a sweep grid, measurements): the
// nesting limit, syntax errors with line and column and without echoing the text, and duplicate
// keys refused, all as ScenarioError. `positions` (if given) receives where each value sits.
nlohmann::json parse_json_text(std::string_view text, const std::string& file);

// The effective spec (all defaults filled in), in the file format; loading it gives `spec` back.
nlohmann::ordered_json to_json(const ScenarioSpec& spec);

// The JSON Schema (draft 2020-12) of scenario files, generated from the loader's own tables.
nlohmann::ordered_json scenario_schema();

// The key reference of scenarios/README.md (Markdown), generated from the same tables.
std::string scenario_reference_markdown();

}  // namespace app::scenario
