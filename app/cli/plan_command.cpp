// `lpmsim plan-evacuation FILE --system NAME [--max-blackout D] [--max-stall D] [--max-postcopy D]
// [--destinations A,B] [--format text|markdown] [--save-scenario OUT.json]`: chooses each LPAR's
// destination by the HMC's validation, simulates candidate orders × concurrency limits and prints
// the fastest plan that keeps every bound, as migrlpar commands with pinned MSPs, predicted times
// and a timeline; names every LPAR left behind with its reason.
#include <fmt/core.h>

#include <fstream>
#include <iostream>

#include "app/cli/command.hpp"
#include "app/cli/scenario_input.hpp"
#include "app/cli/terminal_progress.hpp"
#include "app/report/output_file.hpp"
#include "app/scenario/loader.hpp"
#include "app/scenario/diagnostic.hpp"
#include "app/scenario/quantity_text.hpp"
#include "app/studies/evacuation_report.hpp"

namespace app::cli {

namespace {

// Every candidate order is simulated once per limit: limits stay in a range that means something
// for an evacuation and keeps the number of simulations bounded.
constexpr int kMaxConcurrency = 64;

struct PlanArgs {
  std::string file;
  std::string system;
  std::string max_blackout, max_stall, max_postcopy;
  std::vector<std::string> destinations;
  std::vector<int> concurrency{1, 2, 4, 8};
  std::string format = "text";
  std::string save_scenario;
  std::vector<std::string> set;
};

std::optional<sim::Duration> bound(const std::string& option, const std::string& text) {
  if (text.empty()) return std::nullopt;
  std::string problem;
  auto d = scenario::QuantityText<sim::Duration>::parse(text, problem);
  if (!d) throw std::invalid_argument(option + ": expected a duration like 500ms: " + problem);
  return d;
}

void save(const studies::EvacuationPlan& plan, const std::string& path) {
  report::write_output_file(path, scenario::to_json(plan.best_scenario).dump(2) + "\n");  // atomic, checked
}

int plan(const PlanArgs& a) {
  const auto loaded = load_scenario_or_report(a.file, a.set);
  if (!loaded) return 2;
  report::OutputSet files;
  files.add_input("the scenario file", a.file);
  files.add_output("--save-scenario", a.save_scenario);
  files.check();
  for (const int c : a.concurrency)
    if (c < 1 || c > kMaxConcurrency)
      throw std::invalid_argument(fmt::format("--concurrency: expected limits in [1, {}]; found {}", kMaxConcurrency, c));
  for (const auto& d : a.destinations)
    if (d == a.system)
      throw std::invalid_argument("--destinations: \"" + scenario::printable(d, 60) + "\"" +
                                  " is the system being emptied (--system); name other systems");
  studies::PlanContext ctx{a.file, loaded->simulation.seed, {}};
  auto& o = ctx.options;
  o.system = a.system;
  o.destinations = a.destinations;
  o.max_blackout = bound("--max-blackout", a.max_blackout);
  o.max_stall = bound("--max-stall", a.max_stall);
  o.max_postcopy = bound("--max-postcopy", a.max_postcopy);
  o.concurrency = a.concurrency;
  TerminalProgress progress("plan-evacuation " + a.system, "simulations");
  o.progress = progress.callback();
  studies::EvacuationPlan result;
  try {
    result = studies::plan_evacuation(*loaded, std::filesystem::path(a.file).parent_path(), o);
  } catch (const scenario::ScenarioError& e) {
    // What only building the world finds (e.g. a workload it cannot simulate) is bad input.
    for (const auto& d : e.diagnostics()) fmt::print(stderr, "{}\n", d.format());
    return 2;
  }
  progress.clear();
  if (a.format == "markdown")
    studies::write_plan_markdown(result, ctx, std::cout);
  else
    studies::write_plan_text(result, ctx, std::cout);
  if (!a.save_scenario.empty()) save(result, a.save_scenario);
  return result.best.feasible() && result.left_behind().empty() ? 0 : 1;
}

}  // namespace

CommandAction register_plan_command(CLI::App& app) {
  auto* cmd = app.add_subcommand(
      "plan-evacuation",
      "Plan the migrations that empty a system: destinations by HMC validation, order, "
      "concurrency, pinned MSPs");
  auto a = std::make_shared<PlanArgs>();
  cmd->add_option("file", a->file, "scenario file (JSON)")->required()->check(CLI::ExistingFile);
  cmd->add_option("--system", a->system, "the managed system to empty")->required();
  cmd->add_option("--max-blackout", a->max_blackout,
                  "bound on every LPAR's blackout (suspend → resume), e.g. 100ms");
  cmd->add_option("--max-stall", a->max_stall,
                  "bound on every LPAR's post-copy stall (time its vCPUs wait for pages still on "
                  "the source), e.g. 2s");
  cmd->add_option("--max-postcopy", a->max_postcopy,
                  "bound on every LPAR's post-copy window (resume → last page in), e.g. 10s");
  cmd->add_option("--destinations", a->destinations,
                  "candidate destination systems (default: every other system); each LPAR goes "
                  "to one that passes the HMC's validation")
      ->delimiter(',');
  cmd->add_option("--concurrency", a->concurrency, "migrations per MSP pair to try (1-8)")
      ->delimiter(',')
      ->capture_default_str();
  cmd->add_option("--set", a->set,
                  "what-if: /json/pointer=value patches the scenario first (\"*\" = every element, "
                  "e.g. /network/links/*/bandwidth=25Gbit/s); repeatable");
  cmd->add_option("--format", a->format, "text (console) or markdown (a change ticket)")
      ->check(CLI::IsMember({"text", "markdown"}))
      ->capture_default_str();
  cmd->add_option("--save-scenario", a->save_scenario,
                  "write the scenario with the chosen plan as its actions (run it with lpmsim run)");
  cmd->footer(
      "Exit codes: 0 a plan empties the system within every bound; 1 no plan does (LPARs left "
      "behind or over a bound, all named); 2 bad input; 3 internal error (a bug).");
  return [cmd, a]() {
    if (!cmd->parsed()) return -1;
    return exit_2_on<std::invalid_argument>("plan-evacuation", [&] { return plan(*a); });
  };
}

}  // namespace app::cli
