// `lpmsim plan-evacuation FILE --system NAME [--max-blackout D] [--destinations A,B]`: simulates
// candidate orders × concurrency limits and prints the fastest plan that keeps every blackout
// under the bound, as migrlpar commands with predicted times and a timeline; names the LPARs
// that do not converge or exceed the bound. Exit 0; 1 when no plan meets the bound; 2 bad input.
#include <fmt/core.h>
#include <fmt/ranges.h>

#include "app/cli/command.hpp"
#include "app/cli/scenario_input.hpp"
#include "app/scenario/loader.hpp"
#include "app/scenario/quantity_text.hpp"
#include "app/studies/evacuation_plan.hpp"

namespace app::cli {

namespace {

struct PlanArgs {
  std::string file;
  std::string system;
  std::string max_blackout;
  std::vector<std::string> destinations;
  std::vector<int> concurrency{1, 2, 4, 8};
};

void print_plan(const studies::EvacuationPlan& plan, const PlanArgs& a) {
  fmt::print("{} candidate plans simulated (orders × concurrency {})\n", plan.candidates.size(),
             fmt::format("{}", fmt::join(a.concurrency, "/")));
  for (const auto& c : plan.candidates)
    fmt::print("  {:<26} concurrency {:>2}  makespan {:>9.1f}s  max blackout {:>8.4f}s{}\n",
               c.order, c.concurrency, c.makespan_s, c.max_blackout_s,
               c.feasible() ? ""
                            : fmt::format("  ({} not completed, {} over bound)", c.not_completed,
                                          c.over_bound));
  const auto& b = plan.best;
  fmt::print(
      "\nplan: {} with at most {} concurrent migration(s) per MSP pair; system empty after "
      "{:.1f}s{}\n",
      b.order, b.concurrency, b.makespan_s, b.feasible() ? "" : " — NO plan meets every bound");
  fmt::print("# lpmsim: set the HMC/MSP concurrency to {} and run in this order:\n", b.concurrency);
  const double scale = b.makespan_s > 0 ? 40.0 / b.makespan_s : 0;
  for (const auto& m : b.migrations) {
    const auto from = static_cast<int>(m.start_s * scale),
               to = std::max(from + 1, static_cast<int>(m.end_s * scale));
    fmt::print("{:<52} # {:>8.1f}s → {:>8.1f}s  blackout {:>7.1f}ms  |{}{}{}|{}\n", m.command,
               m.start_s, m.end_s, 1000 * m.blackout_s,
               std::string(static_cast<std::size_t>(from), ' '),
               std::string(static_cast<std::size_t>(to - from), '#'),
               std::string(static_cast<std::size_t>(std::max(0, 40 - to)), ' '),
               !m.completed   ? " " + m.outcome + " (does not converge/complete)"
               : m.over_bound ? " EXCEEDS the blackout bound"
                              : "");
  }
}

int plan(const PlanArgs& a) {
  const auto loaded = load_scenario_or_report(a.file);
  if (!loaded) return 2;
  const scenario::ScenarioSpec& spec = *loaded;
  studies::EvacuationOptions o{a.system, a.destinations, std::nullopt, a.concurrency};
  if (!a.max_blackout.empty()) {
    std::string problem;
    o.max_blackout = scenario::QuantityText<sim::Duration>::parse(a.max_blackout, problem);
    if (!o.max_blackout)
      throw std::invalid_argument("--max-blackout: expected a duration like 500ms: " + problem);
  }
  const auto result =
      studies::plan_evacuation(spec, std::filesystem::path(a.file).parent_path(), o);
  print_plan(result, a);
  return result.best.feasible() ? 0 : 1;
}

}  // namespace

CommandAction register_plan_command(CLI::App& app) {
  auto* cmd = app.add_subcommand(
      "plan-evacuation", "Find the fastest migration order/concurrency that empties a system");
  auto a = std::make_shared<PlanArgs>();
  cmd->add_option("file", a->file, "scenario file (JSON)")->required()->check(CLI::ExistingFile);
  cmd->add_option("--system", a->system, "the managed system to empty")->required();
  cmd->add_option("--max-blackout", a->max_blackout, "bound on every LPAR's blackout, e.g. 2s");
  cmd->add_option("--destinations", a->destinations,
                  "destination systems (default: all others), round robin")
      ->delimiter(',');
  cmd->add_option("--concurrency", a->concurrency, "concurrency limits to try")
      ->delimiter(',')
      ->capture_default_str();
  return [cmd, a]() {
    if (!cmd->parsed()) return -1;
    return exit_2_on<std::invalid_argument>("plan-evacuation", [&] { return plan(*a); });
  };
}

}  // namespace app::cli
