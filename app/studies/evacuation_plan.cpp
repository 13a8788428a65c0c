// Evacuation planning: placement by validation, then candidate orders × concurrency limits, each
// one simulated with its MSP pairs pinned.
#include "app/studies/evacuation_plan.hpp"

#include <fmt/core.h>

#include <algorithm>
#include <map>
#include <optional>
#include <stdexcept>

#include "app/report/report_format.hpp"
#include "app/report/verdict.hpp"
#include "app/studies/evacuation_placement.hpp"
#include "app/studies/simulation.hpp"

namespace app::studies {

namespace {

namespace mm = models::migration;

std::string bound_text(sim::Duration d) { return report::human_duration(d); }

// The MSP pair for each migration: source MSPs in turn over the whole plan, destination MSPs in
// turn per destination, so that concurrent migrations spread over every MSP (§5.4) and an HMC
// given the same `-i source_msp_name=…,dest_msp_name=…` reproduces the simulated timing.
struct MspRoundRobin {
  const std::map<std::string, std::vector<std::string>>& msps;
  std::size_t source_turn = 0;
  std::map<std::string, std::size_t> dest_turn;
  std::pair<std::string, std::string> next(const std::string& source, const std::string& dest) {
    const auto& s = msps.at(source);
    const auto& d = msps.at(dest);
    std::pair<std::string, std::string> pair;
    if (!s.empty()) pair.first = s[source_turn++ % s.size()];
    if (!d.empty()) pair.second = d[dest_turn[dest]++ % d.size()];
    return pair;
  }
};

std::string why_not_moved(const mm::MigrationRecord& r) {
  for (const auto& v : r.validation)
    if (v.severity == mm::ValidationMessage::Severity::error)
      return "rejected: " + v.code + " " + v.text;
  std::string why = mm::to_string(r.outcome);
  return r.outcome_detail.empty() ? why : why + ": " + r.outcome_detail;
}

void judge(const mm::MigrationRecord& r, const EvacuationOptions& o, PlannedMigration& m) {
  m.start_s = r.started.value_or(r.requested).seconds();
  m.end_s = r.ended.seconds();
  m.blackout_s = r.blackout ? r.blackout->seconds() : 0;
  m.stall_s = r.fault_stall.seconds();
  m.postcopy_s = r.postcopy_window ? r.postcopy_window->seconds() : 0;
  m.outcome = mm::to_string(r.outcome);
  m.verdict = report::verdict(r).label;
  m.completed = r.outcome == mm::MigrationOutcome::completed;
  m.msp_cpu_s = r.cost.msp_cpu_seconds();
  m.energy_j = r.cost.energy_joules();
  m.app_impact_cpu_s = r.cost.app_impact_cpu_seconds();
  if (!m.completed) m.why = why_not_moved(r);
  if (o.max_blackout && r.blackout && *r.blackout > *o.max_blackout)
    m.over.push_back("blackout " + report::human_seconds(m.blackout_s) + " > " + bound_text(*o.max_blackout));
  if (o.max_stall && r.fault_stall > *o.max_stall)
    m.over.push_back("post-copy stall " + report::human_seconds(m.stall_s) + " > " + bound_text(*o.max_stall));
  if (o.max_postcopy && r.postcopy_window && *r.postcopy_window > *o.max_postcopy)
    m.over.push_back("post-copy " + report::human_seconds(m.postcopy_s) + " > " + bound_text(*o.max_postcopy));
}

struct Evaluation {
  EvacuationCandidate candidate;
  scenario::ScenarioSpec spec;
};

Evaluation simulate(const scenario::ScenarioSpec& base, const std::filesystem::path& dir,
                    const EvacuationOptions& o, const Placement& placement,
                    const std::vector<const LparPlacement*>& order, const std::string& name,
                    int concurrency) {
  Evaluation e{{name, concurrency, 0, 0, 0, 0, 0, 0, {}}, base};
  scenario::ScenarioSpec& spec = e.spec;
  spec.actions.clear();
  // The HMC limit per MSP pair and each MSP's own cap (cfg_msp_lpm_ops) both bound concurrency.
  spec.hmc.limits.max_per_pair = concurrency;
  for (auto& system : spec.managed_systems)
    for (auto& vios : system.vios)
      if (vios.config.msp) vios.config.msp_config.cfg_msp_lpm_ops = concurrency;
  MspRoundRobin pairs{placement.msps, 0, {}};
  auto& c = e.candidate;
  for (const LparPlacement* l : order) {
    scenario::ActionSpec a;
    a.migrlpar.operation = models::migration::MigrlparOperation::migrate;
    a.migrlpar.managed_system = o.system;
    a.migrlpar.target_managed_system = l->destination;
    a.migrlpar.lpar_names = {l->lpar};
    const auto [source_msp, dest_msp] = pairs.next(o.system, l->destination);
    std::string pin;
    if (!source_msp.empty() && !dest_msp.empty()) {
      a.migrlpar.source_msp_name = source_msp;
      a.migrlpar.dest_msp_name = dest_msp;
      pin = fmt::format(" -i \"source_msp_name={},dest_msp_name={}\"", source_msp, dest_msp);
    }
    spec.actions.push_back(a);
    PlannedMigration m;
    m.lpar = l->lpar;
    m.destination = l->destination;
    m.source_msp = source_msp;
    m.dest_msp = dest_msp;
    m.command = fmt::format("migrlpar -o m -m {} -t {} -p {}{}", o.system, l->destination, l->lpar, pin);
    m.outcome = "pending";
    c.migrations.push_back(std::move(m));
  }
  RunOptions options;
  options.time_series = false;
  Simulation simulation(spec, dir, options);
  const auto report = simulation.run();
  for (std::size_t i = 0; i < report.migrations.size() && i < c.migrations.size(); ++i) {
    auto& m = c.migrations[i];
    judge(report.migrations[i], o, m);
    c.makespan_s = std::max(c.makespan_s, m.end_s);
    c.max_blackout_s = std::max(c.max_blackout_s, m.blackout_s);
    c.max_stall_s = std::max(c.max_stall_s, m.stall_s);
    c.max_postcopy_s = std::max(c.max_postcopy_s, m.postcopy_s);
    c.not_completed += m.completed ? 0 : 1;
    c.over_bound += m.over.empty() ? 0 : 1;
    c.msp_cpu_s += m.msp_cpu_s;
    c.energy_j += m.energy_j;
    c.app_impact_cpu_s += m.app_impact_cpu_s;
  }
  return e;
}

bool better(const EvacuationCandidate& a, const EvacuationCandidate& b) {
  if (a.feasible() != b.feasible()) return a.feasible();
  if (a.not_completed + a.over_bound != b.not_completed + b.over_bound)
    return a.not_completed + a.over_bound < b.not_completed + b.over_bound;
  return a.makespan_s < b.makespan_s;  // ties: the earlier candidate stays (stable)
}

}  // namespace

std::vector<LeftBehind> EvacuationPlan::left_behind() const {
  std::vector<LeftBehind> out;
  for (const auto& p : placements)
    if (p.destination.empty()) out.push_back({p.lpar, p.reason});
  for (const auto& m : best.migrations)
    if (!m.completed) out.push_back({m.lpar, m.why});
  for (const auto& n : not_running) out.push_back(n);
  return out;
}

EvacuationPlan plan_evacuation(const scenario::ScenarioSpec& spec, const std::filesystem::path& dir,
                               const EvacuationOptions& options) {
  if (options.concurrency.empty() ||
      std::any_of(options.concurrency.begin(), options.concurrency.end(),
                  [](int c) { return c < 1 || c > 8; }))
    throw std::invalid_argument("--concurrency: expected limits from 1 to 8 (cfg_msp_lpm_ops)");
  const Placement placement = place_lpars(spec, dir, options.system, options.destinations);
  EvacuationPlan plan;
  plan.system = options.system;
  plan.placements = placement.lpars;
  plan.not_running = placement.not_running;
  std::vector<const LparPlacement*> movable;
  for (const auto& p : plan.placements)
    if (!p.destination.empty()) movable.push_back(&p);
  if (movable.empty()) {
    plan.best_scenario = spec;
    plan.best_scenario.actions.clear();
    return plan;
  }
  const std::size_t total = movable.size() + 5 * options.concurrency.size();
  std::size_t done = 0;
  const auto tick = [&] {
    if (options.progress) options.progress(++done, total);
  };
  // Greedy key: each LPAR's predicted time when migrated alone.
  std::map<std::string, double> alone;
  for (const auto* l : movable) {
    alone[l->lpar] = simulate(spec, dir, options, placement, {l}, "alone", 1).candidate.makespan_s;
    tick();
  }
  std::vector<std::pair<std::string, std::vector<const LparPlacement*>>> orders{{"as-listed", movable}};
  const auto sorted = [&](const char* name, auto less) {
    auto v = movable;
    std::stable_sort(v.begin(), v.end(), less);
    orders.emplace_back(name, v);
  };
  using P = const LparPlacement*;
  sorted("smallest-dirty-rate-first",
         [](P a, P b) { return a->dirty_pages_per_s < b->dirty_pages_per_s; });
  sorted("largest-memory-first", [](P a, P b) { return a->memory_bytes > b->memory_bytes; });
  sorted("smallest-memory-first", [](P a, P b) { return a->memory_bytes < b->memory_bytes; });
  sorted("shortest-predicted-first", [&](P a, P b) { return alone[a->lpar] < alone[b->lpar]; });
  std::optional<Evaluation> best;
  for (const auto& [name, order] : orders)
    for (int c : options.concurrency) {
      Evaluation e = simulate(spec, dir, options, placement, order, name, c);
      tick();
      plan.candidates.push_back(e.candidate);
      if (!best || better(e.candidate, best->candidate)) best = std::move(e);
    }
  plan.best = best->candidate;
  plan.best_scenario = std::move(best->spec);
  return plan;
}

}  // namespace app::studies
