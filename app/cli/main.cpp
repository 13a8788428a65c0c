// The lpmsim executable: argument parsing and exit codes, nothing else (ARCHITECTURE §5).
// Exit codes: 0 success; 1 the simulated world failed as the user asked to be told; 2 bad input;
// 3 internal error (a bug).
#include <CLI/CLI.hpp>
#include <cstdio>
#include <exception>
#include <vector>

#include "app/cli/command.hpp"
#include "app/version.hpp"
#include "sim/check.hpp"

int main(int argc, char** argv) {
  CLI::App app{"lpmsim — a deterministic discrete-event simulator of PowerVM Live Partition Mobility"};
  app.set_version_flag("--version", "lpmsim " + std::string(app::version()));
  app.require_subcommand(1);

  // Each registration returns an action that answers -1 when its subcommand was not chosen.
  std::vector<app::cli::CommandAction> commands{
      app::cli::register_phold_command(app),
      app::cli::register_validate_command(app),
      app::cli::register_run_command(app),
      app::cli::register_sweep_command(app),
      app::cli::register_calibrate_command(app),
      app::cli::register_plan_command(app),
      app::cli::register_verify_command(app),
      app::cli::register_import_hmc_command(app),
      app::cli::register_export_hmc_command(app),
  };

  // Every --help ends with the exit codes; a command with its own meaning of 1 says so itself.
  const std::string exit_codes =
      "Exit codes: 0 success; 1 the simulated world failed in a way you asked to be told about "
      "(e.g. --fail-on); 2 bad input (file, line, JSON pointer named); 3 internal error (a bug).";
  app.footer(exit_codes);
  for (CLI::App* sub : app.get_subcommands([](CLI::App*) { return true; }))
    if (sub->get_footer().empty()) sub->footer(exit_codes);

  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    const int code = app.exit(e);
    return code == 0 ? 0 : 2;
  }
  try {
    for (const auto& command : commands) {
      const int code = command();
      if (code >= 0) return code;
    }
  } catch (const sim::CheckFailed& e) {
    std::fprintf(stderr, "lpmsim: %s\n", e.what());
    return 3;
  } catch (const std::exception& e) {
    std::fprintf(stderr, "lpmsim: internal error: %s\n", e.what());
    return 3;
  }
  return 3;
}
