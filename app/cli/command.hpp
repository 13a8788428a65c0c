// How the lpmsim executable is put together: each subcommand lives in its own file and
// registers itself on the CLI11 app, returning the action to run when it was chosen.
// The action returns the process exit code (0 ok, 1 world failure asked for, 2 bad input, 3 bug).
#pragma once

#include <CLI/CLI.hpp>
#include <functional>

namespace app::cli {

using CommandAction = std::function<int()>;

CommandAction register_phold_command(CLI::App& app);
CommandAction register_validate_command(CLI::App& app);
CommandAction register_run_command(CLI::App& app);
CommandAction register_sweep_command(CLI::App& app);
CommandAction register_calibrate_command(CLI::App& app);
CommandAction register_plan_command(CLI::App& app);
CommandAction register_verify_command(CLI::App& app);

}  // namespace app::cli
