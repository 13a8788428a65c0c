// `lpmsim validate FILE… [--syntax-only]`: loads each scenario and prints every diagnostic, then
// runs the HMC's validation (`migrlpar -o v`) of every requested migration against the estate as
// the file describes it (before any migration moves), printing each error and warning with its
// code as `lpmsim run` reports them. Exit 0 all valid; 1 a requested migration would be
// rejected; 2 a file is not a valid scenario.
#include <fmt/core.h>

#include <algorithm>

#include "app/cli/command.hpp"
#include "app/cli/heap_prefault.hpp"
#include "app/scenario/loader.hpp"
#include "app/studies/simulation.hpp"
#include "models/migration/validation.hpp"

namespace app::cli {

namespace {

namespace mm = models::migration;

struct Counts {
  std::size_t requests = 0, rejected = 0;
};

// `-o m` and `-o v` requests only: stop and recover have nothing to validate.
Counts hmc_validation(const std::string& file, const scenario::ScenarioSpec& spec) {
  studies::RunOptions options;
  options.time_series = false;
  studies::Simulation simulation(spec, std::filesystem::path(file).parent_path(), options);
  Counts n;
  for (const auto& timed : simulation.built().requests) {
    const auto& r = timed.request;
    if (r.operation != mm::MigrlparOperation::migrate &&
        r.operation != mm::MigrlparOperation::validate)
      continue;
    ++n.requests;
    const auto result = mm::validate(simulation.world(), r);
    const bool ok = result.ok();
    n.rejected += ok ? 0 : 1;
    for (const auto& m : result.messages)
      if (!m.overridden)  // a warning the request accepted ("if possible") is not news
        fmt::print(ok ? stdout : stderr, "{}: migrlpar -o v -m {} -t {} -p {}: {} {}\n", file,
                 r.source_system, r.destination_system, r.lpar,
                 m.severity == mm::ValidationMessage::Severity::error ? "error" : "warning",
                 mm::hmc_line(m));
  }
  return n;
}

int run_validate(const std::vector<std::string>& files, bool syntax_only) {
  const HeapPrefault prefault;  // a third of a large scenario's load was first-touch page faults
  int code = 0;
  for (const auto& file : files) {
    try {
      const auto spec = scenario::load_scenario_file(file);
      std::size_t lpars = 0;
      for (const auto& system : spec.managed_systems) lpars += system.lpars.size();
      if (syntax_only) {
        fmt::print("{}: valid ({} systems, {} LPARs; HMC validation not run)\n", file,
                   spec.managed_systems.size(), lpars);
        continue;
      }
      const Counts n = hmc_validation(file, spec);
      if (n.rejected == 0) {
        fmt::print("{}: valid ({} systems, {} LPARs, {} migrations requested, each passes the "
                   "HMC's validation)\n",
                   file, spec.managed_systems.size(), lpars, n.requests);
      } else {
        code = std::max(code, 1);
        fmt::print(stderr,
                   "{}: the file is valid, but {} of {} requested migrations would be rejected by "
                   "the HMC's validation (errors above)\n",
                   file, n.rejected, n.requests);
      }
    } catch (const scenario::ScenarioError& e) {
      code = 2;
      for (const auto& d : e.diagnostics()) fmt::print(stderr, "{}\n", d.format());
      fmt::print(stderr, "{}: invalid ({} problem{})\n", file, e.diagnostics().size(),
                 e.diagnostics().size() == 1 ? "" : "s");
    }
  }
  return code;
}

}  // namespace

CommandAction register_validate_command(CLI::App& app) {
  auto* cmd = app.add_subcommand(
      "validate",
      "Check scenario files and run the HMC's validation (-o v) of every requested migration");
  auto files = std::make_shared<std::vector<std::string>>();
  auto syntax_only = std::make_shared<bool>(false);
  cmd->add_option("files", *files, "scenario files (JSON)")->required();
  cmd->add_flag("--syntax-only", *syntax_only,
                "only check the files (keys, types, units, references); skip the HMC validation");
  cmd->footer(
      "Exit codes: 0 every file is valid and every requested migration passes the HMC's "
      "validation; 1 a requested migration would be rejected (each error printed with its code); "
      "2 a file is not a valid scenario; 3 internal error (a bug).");
  return [cmd, files, syntax_only]() {
    return cmd->parsed() ? run_validate(*files, *syntax_only) : -1;
  };
}

}  // namespace app::cli
