#include "app/cli/scenario_input.hpp"

#include <fmt/core.h>

#include <filesystem>

#include "app/cli/resource_limits.hpp"
#include "app/scenario/input_file.hpp"
#include "app/scenario/json_positions.hpp"
#include "app/scenario/loader.hpp"
#include "app/studies/scenario_patch.hpp"
#include "app/studies/sweep_grid.hpp"

namespace app::cli {

void print_diagnostics(const scenario::ScenarioError& e, const std::string& file) {
  std::string text;  // outlives `positions`, which reads it
  std::optional<scenario::JsonPositions> positions;
  for (auto d : e.diagnostics()) {
    if (d.line == 0 && d.file == file && !d.pointer.empty()) {
      if (!positions) {
        try {
          text = scenario::read_input_file(file, scenario::input_policy().scenario_bytes, "scenario file");
        } catch (const scenario::ScenarioError&) {
          text.clear();
        }
        positions.emplace(text);
      }
      d.line = positions->line_of(d.pointer);
    }
    fmt::print(stderr, "{}\n", d.format());
  }
}

std::optional<scenario::ScenarioSpec> load_scenario_or_report(const std::string& file, ScenarioUse use) {
  try {
    auto spec = scenario::load_scenario_file(file);
    check_estimate(studies::estimate_run(spec, use.verify_versions), file);
    return spec;
  } catch (const scenario::ScenarioError& e) {
    if (use.print) print_diagnostics(e, file);
    return std::nullopt;
  }
}

std::optional<scenario::ScenarioSpec> load_scenario_or_report(const std::string& file,
                                                              const std::vector<std::string>& sets) {
  auto spec = load_scenario_or_report(file);
  if (!spec || sets.empty()) return spec;
  try {
    return studies::patch_scenario(*spec, file, std::filesystem::path(file).parent_path(), sets);
  } catch (const scenario::ScenarioError& e) {
    for (const auto& d : e.diagnostics()) fmt::print(stderr, "{} (after --set)\n", d.format());
  } catch (const studies::SweepGridError& e) {
    fmt::print(stderr, "lpmsim: {}\n", e.what());
  }
  return std::nullopt;
}

}  // namespace app::cli
