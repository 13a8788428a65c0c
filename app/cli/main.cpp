// The lpmsim executable: argument parsing and exit codes, nothing else (ARCHITECTURE §5).
// Exit codes: 0 success; 1 the simulated world failed as the user asked to be told; 2 bad input;
// 3 internal error (a bug). Whatever a scenario holds, it gets exit 2 with a message: refusals of
// the input (ScenarioError), outputs that cannot be written, and the library and allocation
// failures that input can cause are caught here; only sim::CheckFailed and the rest are exit 3.
#include <CLI/CLI.hpp>
#include <cstdio>
#include <exception>
#include <filesystem>
#include <iostream>
#include <new>
#include <nlohmann/json.hpp>
#include <vector>

#include "app/cli/command.hpp"
#include "app/cli/huge_pages.hpp"
#include "app/cli/resource_limits.hpp"
#include "app/report/output_file.hpp"
#include "app/scenario/diagnostic.hpp"
#include "app/scenario/input_file.hpp"
#include "app/version.hpp"
#include "sim/check.hpp"

namespace {

int bad_input(const std::string& command, const std::string& what) {
  std::fprintf(stderr, "lpmsim %s: %s\n", command.c_str(), app::scenario::printable(what, 2000).c_str());
  return 2;
}

// Runs the chosen command and turns every failure into its exit code.
int run_command(const std::vector<app::cli::CommandAction>& commands, const std::string& name) {
  try {
    for (const auto& command : commands) {
      const int code = command();
      if (code >= 0) return code;
    }
  } catch (const app::scenario::ScenarioError& e) {
    for (const auto& d : e.diagnostics()) std::fprintf(stderr, "%s\n", d.format().c_str());
    return 2;
  } catch (const app::report::OutputError& e) {
    return bad_input(name, e.what());
  } catch (const std::bad_alloc&) {
    return bad_input(name, "out of memory: the input needs more memory than this process may use (" +
                               app::cli::format_memory(app::cli::max_memory()) +
                               ", --max-memory); nothing was written");
  } catch (const std::filesystem::filesystem_error& e) {
    return bad_input(name, e.what());
  } catch (const nlohmann::json::exception& e) {
    return bad_input(name, std::string("bad input: ") + e.what());
  } catch (const sim::CheckFailed& e) {
    std::fprintf(stderr, "lpmsim: %s\n", e.what());
    return 3;
  } catch (const std::exception& e) {
    std::fprintf(stderr, "lpmsim: internal error: %s\n", e.what());
    return 3;
  }
  return 3;
}

}  // namespace

int main(int argc, char** argv) {
  app::cli::restart_with_huge_pages(argv);
  CLI::App app{"lpmsim — a deterministic discrete-event simulator of PowerVM Live Partition Mobility"};
  app.set_version_flag("--version", "lpmsim " + std::string(app::version()));
  app.require_subcommand(1);
  app.fallthrough();  // the options below may follow the subcommand
  std::vector<std::string> allowed;
  app.add_option("--allow-path", allowed,
                 "a folder whose files a scenario may read (trace files) besides its own (repeatable)")
      ->check(CLI::ExistingDirectory);
  std::string max_memory;
  app.add_option("--max-memory", max_memory,
                 "refuse inputs whose estimated memory exceeds this, e.g. 4GiB (default: half of RAM)");
  std::string max_input;
  app.add_option("--max-input-size", max_input,
                 "largest input file read, e.g. 256MiB (default: 16MiB for scenario and grid files, "
                 "64MiB for trace and measurement files)");

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
      app::cli::register_compare_command(app),
      app::cli::register_compare_policies_command(app),
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
  const std::string name = app.get_subcommands().empty() ? "" : app.get_subcommands().front()->get_name();
  if (!max_memory.empty()) {
    std::string problem;
    if (!app::cli::set_max_memory(max_memory, problem)) return bad_input(name, "--max-memory: " + problem);
  }
  app::scenario::InputPolicy policy;
  for (const auto& dir : allowed) policy.allowed_dirs.emplace_back(dir);
  if (!max_input.empty()) {
    std::string problem;
    const auto bytes = app::cli::positive_size(max_input, problem);
    if (!bytes) return bad_input(name, "--max-input-size: " + problem);
    policy.scenario_bytes = policy.data_bytes = *bytes;
  }
  app::scenario::set_input_policy(std::move(policy));
  const int code = run_command(commands, name);
  // The summary on standard output is an output too: a failed write (a full disk, a closed pipe)
  // is not success.
  std::cout.flush();
  if (!std::cout || std::fflush(stdout) != 0 || std::ferror(stdout) != 0) {
    std::fprintf(stderr, "lpmsim %s: cannot write standard output\n", name.c_str());
    return code == 0 ? 2 : code;
  }
  return code;
}
