// `lpmsim validate FILE…`: loads each scenario and prints every diagnostic (like `migrlpar -o v`
// for a whole file). Exit 0 when all files are valid, 2 otherwise.
#include <fmt/core.h>

#include "app/cli/command.hpp"
#include "app/scenario/loader.hpp"

namespace app::cli {

namespace {
int run_validate(const std::vector<std::string>& files) {
  bool all_valid = true;
  for (const auto& file : files) {
    try {
      const auto spec = scenario::load_scenario_file(file);
      std::size_t lpars = 0;
      for (const auto& system : spec.managed_systems) lpars += system.lpars.size();
      std::size_t migrations = 0;
      for (const auto& action : spec.actions) {
        const auto& m = action.migrlpar;
        if (m.operation != scenario::MigrlparOperation::m) continue;
        migrations += m.lpar_names.size() + m.lpar_ids.size();
        for (const auto& system : spec.managed_systems)
          if (m.all && system.name == m.managed_system) migrations += system.lpars.size();
      }
      fmt::print("{}: valid ({} systems, {} LPARs, {} migrations requested)\n", file, spec.managed_systems.size(),
                 lpars, migrations);
    } catch (const scenario::ScenarioError& e) {
      all_valid = false;
      for (const auto& d : e.diagnostics()) fmt::print(stderr, "{}\n", d.format());
      fmt::print(stderr, "{}: invalid ({} problem{})\n", file, e.diagnostics().size(), e.diagnostics().size() == 1 ? "" : "s");
    }
  }
  return all_valid ? 0 : 2;
}
}  // namespace

CommandAction register_validate_command(CLI::App& app) {
  auto* cmd = app.add_subcommand("validate", "Check scenario files and print every problem found (exit 2 if any)");
  auto files = std::make_shared<std::vector<std::string>>();
  cmd->add_option("files", *files, "scenario files (JSON)")->required();
  return [cmd, files]() { return cmd->parsed() ? run_validate(*files) : -1; };
}

}  // namespace app::cli
