#include "app/cli/scenario_input.hpp"

#include <fmt/core.h>

#include "app/scenario/loader.hpp"

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

}  // namespace app::cli
