#include "app/cli/scenario_input.hpp"

#include <fmt/core.h>

#include <filesystem>

#include "app/scenario/loader.hpp"
#include "app/studies/scenario_patch.hpp"
#include "app/studies/sweep_grid.hpp"

namespace app::cli {

std::optional<scenario::ScenarioSpec> load_scenario_or_report(const std::string& file, bool print) {
  try {
    return scenario::load_scenario_file(file);
  } catch (const scenario::ScenarioError& e) {
    if (print)
      for (const auto& d : e.diagnostics()) fmt::print(stderr, "{}\n", d.format());
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
