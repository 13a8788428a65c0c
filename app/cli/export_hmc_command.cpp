// `lpmsim export-hmc FILE`: prints, for every migration the scenario requests, the `migrlpar -o v`
// command (MSP pair and adapter mappings as lpmsim's validation chooses them) that checks the same
// move on the real HMC, each followed by lpmsim's own verdict as a comment. Exit 0; 2 bad input.
#include <fmt/core.h>

#include "app/cli/command.hpp"
#include "app/cli/scenario_input.hpp"
#include "app/hmc_import/migrlpar_export.hpp"

namespace app::cli {

namespace {

int export_hmc(const std::string& file) {
  const auto spec = load_scenario_or_report(file);
  if (!spec)
    return 2;
  const auto commands =
      hmc_import::export_migrlpar(*spec, std::filesystem::path(file).parent_path());
  fmt::print("# {}: {} migration(s) to validate on the HMC (run each; none of them moves a "
             "partition)\n",
             file, commands.size());
  for (const auto& c : commands)
    fmt::print("{}\n#   {}\n", c.command, c.verdict);
  return 0;
}

} // namespace

CommandAction register_export_hmc_command(CLI::App& app) {
  auto* cmd = app.add_subcommand(
      "export-hmc",
      "Print the migrlpar -o v commands that validate a scenario's migrations on the HMC");
  auto file = std::make_shared<std::string>();
  cmd->add_option("file", *file, "scenario file (JSON)")->required()->check(CLI::ExistingFile);
  return [cmd, file]() { return cmd->parsed() ? export_hmc(*file) : -1; };
}

} // namespace app::cli
