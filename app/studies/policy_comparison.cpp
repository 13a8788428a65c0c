#include "app/studies/policy_comparison.hpp"

#include <fmt/format.h>

#include <ostream>
#include <stdexcept>

#include "app/report/csv_tables.hpp"
#include "app/report/report_format.hpp"
#include "app/report/verdict.hpp"
#include "app/studies/simulation.hpp"

namespace app::studies {

namespace {

namespace mm = models::migration;
namespace pc = models::precopy;

pc::ConvergencePolicyKind policy_kind(const std::string& name) {
  constexpr pc::ConvergencePolicyKind kinds[] = {pc::ConvergencePolicyKind::powervm, pc::ConvergencePolicyKind::nova,
                                                 pc::ConvergencePolicyKind::kubevirt,
                                                 pc::ConvergencePolicyKind::auto_converge};
  std::string known;
  for (const auto k : kinds) {
    if (name == pc::to_string(k)) return k;
    known += std::string(known.empty() ? "" : ", ") + pc::to_string(k);
  }
  throw std::invalid_argument("--policies: unknown policy \"" + name + "\" (expected one of " + known + ")");
}

std::string ended_by(const mm::MigrationRecord& r, sim::Time end) {
  if (r.outcome == mm::MigrationOutcome::pending) return "still migrating at " + report::human_duration(end.since_start());
  if (r.outcome == mm::MigrationOutcome::completed && r.stop) return r.stop->decision.rule;
  return r.outcome_detail;
}

PolicyOutcome outcome_of(const std::string& policy, const mm::MigrationRecord& r, sim::Time end) {
  PolicyOutcome o;
  o.policy = policy;
  o.lpar = r.lpar;
  o.outcome = report::verdict(r).label;  // the words of the console, report and HTML
  o.ended_by = ended_by(r, end);
  o.total_s = (r.outcome == mm::MigrationOutcome::pending ? end - r.requested : r.total()).seconds();
  if (r.blackout) o.blackout_s = r.blackout->seconds();
  o.postcopy_s = r.postcopy_window ? r.postcopy_window->seconds() : 0;
  o.stall_s = r.cost.postcopy_stall.seconds();
  o.throttled_cpu_s = r.cost.throttled_cpu_seconds;
  o.app_impact_cpu_s = r.cost.app_impact_cpu_seconds();
  o.bytes_sent = r.bytes_sent;
  o.msp_cpu_s = r.cost.msp_cpu_seconds();
  o.energy_j = r.cost.energy_joules();
  o.passes = static_cast<int>(r.passes.size());
  return o;
}

}  // namespace

PolicyComparison compare_policies(const scenario::ScenarioSpec& spec, const std::filesystem::path& dir,
                                  const std::vector<std::string>& policies, PolicyRunOptions options) {
  PolicyComparison c;
  c.policies = policies;
  std::vector<pc::ConvergenceConfig> layers;
  for (const auto& name : policies) {
    pc::ConvergenceConfig layer = pc::convergence_preset(policy_kind(name));
    layer.owns_stop = options.layer_decides && layer.active();
    layers.push_back(layer);
  }
  std::vector<std::vector<PolicyOutcome>> per_policy;
  for (std::size_t i = 0; i < policies.size(); ++i) {
    scenario::ScenarioSpec variant = spec;
    variant.hmc.settings.convergence = layers[i];
    for (auto& a : variant.actions) a.convergence.reset();
    RunOptions run;
    run.time_series = false;
    Simulation simulation(variant, dir, run);
    const report::RunReport r = simulation.run();
    std::vector<PolicyOutcome> rows;
    for (const auto& m : r.migrations)
      if (m.operation == "m") rows.push_back(outcome_of(policies[i], m, r.end));
    per_policy.push_back(std::move(rows));
  }
  // Group by migration: the runs make the same requests in the same order.
  const std::size_t migrations = per_policy.empty() ? 0 : per_policy.front().size();
  for (std::size_t m = 0; m < migrations; ++m)
    for (const auto& rows : per_policy)
      if (m < rows.size()) c.rows.push_back(rows[m]);
  return c;
}

void write_policy_table(const PolicyComparison& c, std::ostream& out) {
  std::string lpar;
  for (const auto& r : c.rows) {
    if (r.lpar != lpar) {
      lpar = r.lpar;
      out << fmt::format("\n{}\n  {:<14} {:<14} {:>11} {:>9} {:>10} {:>10} {:>10} {:>10} {:>9} {:>7}  {}\n", lpar,
                         "policy", "outcome", "total", "blackout", "post-copy", "stall", "throttled", "app impact",
                         "data sent", "passes", "ended by");
      out << fmt::format("  {:<14} {:<14} {:>11} {:>9} {:>10} {:>10} {:>10} {:>10} {:>9} {:>7}\n", "", "", "", "", "",
                         "", "CPU-s", "CPU-s", "", "");
    }
    out << fmt::format("  {:<14} {:<14} {:>11} {:>9} {:>10} {:>10} {:>10.1f} {:>10.1f} {:>9} {:>7}  {}\n", r.policy,
                       r.outcome, report::human_duration(sim::ceil_seconds(r.total_s)),
                       r.blackout_s ? report::human_duration(sim::ceil_seconds(*r.blackout_s)) : "-",
                       report::human_duration(sim::ceil_seconds(r.postcopy_s)),
                       report::human_duration(sim::ceil_seconds(r.stall_s)), r.throttled_cpu_s, r.app_impact_cpu_s,
                       r.outcome == "Pending" ? "-" : report::human_bytes(r.bytes_sent),
                       r.outcome == "Pending" ? "-" : std::to_string(r.passes), r.ended_by);
  }
}

void write_policy_csv(const PolicyComparison& c, std::ostream& out) {
  out << "lpar,policy,outcome,ended_by,total_s,blackout_s,postcopy_s,stall_s,throttled_cpu_s,app_impact_cpu_s,"
         "bytes_sent,msp_cpu_s,energy_j,passes\n";
  for (const auto& r : c.rows)
    out << fmt::format("{},{},{},{},{},{},{},{},{},{},{},{},{},{}\n", report::csv_field(r.lpar), r.policy, r.outcome,
                       report::csv_field(r.ended_by), report::exact_number(r.total_s),
                       r.blackout_s ? report::exact_number(*r.blackout_s) : "", report::exact_number(r.postcopy_s),
                       report::exact_number(r.stall_s), report::exact_number(r.throttled_cpu_s),
                       report::exact_number(r.app_impact_cpu_s), report::exact_number(r.bytes_sent),
                       report::exact_number(r.msp_cpu_s), report::exact_number(r.energy_j), r.passes);
}

}  // namespace app::studies
