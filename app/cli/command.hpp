// How the lpmsim executable is put together: each subcommand lives in its own file and
// registers itself on the CLI11 app, returning the action to run when it was chosen.
// The action returns the process exit code (0 ok, 1 world failure asked for, 2 bad input, 3 bug).
#pragma once

#include <CLI/CLI.hpp>
#include <cstdio>
#include <fmt/core.h>
#include <functional>

namespace app::cli {

using CommandAction = std::function<int()>;

// Runs a command's body; a bad-input error of type `Error` (a path that cannot be written, a
// malformed grid or measurement file) is printed as "lpmsim COMMAND: what" and exits 2.
template <class Error, class Body>
int exit_2_on(const char* command, Body&& body) {
  try {
    return body();
  } catch (const Error& e) {
    fmt::print(stderr, "lpmsim {}: {}\n", command, e.what());
    return 2;
  }
}

CommandAction register_phold_command(CLI::App& app);
CommandAction register_validate_command(CLI::App& app);
CommandAction register_run_command(CLI::App& app);
CommandAction register_sweep_command(CLI::App& app);
CommandAction register_calibrate_command(CLI::App& app);
CommandAction register_plan_command(CLI::App& app);
CommandAction register_verify_command(CLI::App& app);
CommandAction register_import_hmc_command(CLI::App& app);
CommandAction register_export_hmc_command(CLI::App& app);
CommandAction register_compare_command(CLI::App& app);
CommandAction register_compare_policies_command(CLI::App& app);

}  // namespace app::cli
