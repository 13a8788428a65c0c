// Evacuation planning: candidate orders × concurrency limits, each one simulated.
#include "app/studies/evacuation_plan.hpp"

#include <fmt/core.h>

#include <algorithm>
#include <map>
#include <stdexcept>

#include "app/studies/simulation.hpp"

namespace app::studies {

namespace {

struct Lpar {
  std::string name;
  double memory = 0;
  double dirty = 0;  // pages/s, total writes (0 when the model gives no single rate)
};

double pages_per_second(const scenario::DirtyRate& r) {
  return r.unit == scenario::DirtyRate::Unit::pages_per_second ? r.value : r.value / 4096;
}

double dirty_rate(const scenario::WorkloadSpec& w) {
  if (const auto* c = std::get_if<scenario::ConstantDirtySpec>(&w.dirty))
    return pages_per_second(c->dirty_rate);
  if (const auto* u = std::get_if<scenario::UniformDirtySpec>(&w.dirty))
    return pages_per_second(u->write_rate);
  if (const auto* h = std::get_if<scenario::HotColdDirtySpec>(&w.dirty))
    return pages_per_second(h->hot_write_rate) + pages_per_second(h->cold_write_rate);
  if (const auto* z = std::get_if<scenario::ZipfDirtySpec>(&w.dirty))
    return pages_per_second(z->write_rate);
  return 0;
}

EvacuationCandidate simulate(const scenario::ScenarioSpec& base, const std::filesystem::path& dir,
                             const EvacuationOptions& o, const std::vector<Lpar>& order,
                             const std::string& name, int concurrency) {
  scenario::ScenarioSpec spec = base;
  spec.actions.clear();
  // The HMC limit per MSP pair and each MSP's own cap (cfg_msp_lpm_ops) both bound concurrency.
  spec.hmc.limits.max_per_msp_pair = concurrency;
  for (auto& system : spec.managed_systems)
    for (auto& vios : system.vios)
      if (vios.msp) vios.msp->cfg_msp_lpm_ops = concurrency;
  EvacuationCandidate c{name, concurrency, 0, 0, 0, 0, {}};
  for (std::size_t i = 0; i < order.size(); ++i) {
    scenario::ActionSpec a;
    a.migrlpar.operation = scenario::MigrlparOperation::m;
    a.migrlpar.managed_system = o.system;
    a.migrlpar.target_managed_system = o.destinations[i % o.destinations.size()];
    a.migrlpar.lpar_names = {order[i].name};
    spec.actions.push_back(a);
    c.migrations.push_back(
        PlannedMigration{order[i].name, *a.migrlpar.target_managed_system,
                         fmt::format("migrlpar -o m -m {} -t {} -p {}", o.system,
                                     *a.migrlpar.target_managed_system, order[i].name),
                         0, 0, 0, "pending", false, false});
  }
  RunOptions options;
  options.time_series = false;
  Simulation simulation(spec, dir, options);
  const auto report = simulation.run();
  for (std::size_t i = 0; i < report.migrations.size() && i < c.migrations.size(); ++i) {
    const auto& r = report.migrations[i];
    auto& m = c.migrations[i];
    m.start_s = r.started.seconds();
    m.end_s = r.ended.seconds();
    m.blackout_s = r.blackout ? r.blackout->seconds() : 0;
    m.outcome = models::migration::to_string(r.outcome);
    m.completed = r.outcome == models::migration::MigrationOutcome::completed;
    m.over_bound = o.max_blackout && r.blackout && *r.blackout > *o.max_blackout;
    c.makespan_s = std::max(c.makespan_s, m.end_s);
    c.max_blackout_s = std::max(c.max_blackout_s, m.blackout_s);
    c.not_completed += r.outcome == models::migration::MigrationOutcome::completed ? 0 : 1;
    c.over_bound += m.over_bound ? 1 : 0;
  }
  return c;
}

bool better(const EvacuationCandidate& a, const EvacuationCandidate& b) {
  if (a.feasible() != b.feasible()) return a.feasible();
  if (a.not_completed + a.over_bound != b.not_completed + b.over_bound)
    return a.not_completed + a.over_bound < b.not_completed + b.over_bound;
  return a.makespan_s < b.makespan_s;  // ties: the earlier candidate stays (stable)
}

}  // namespace

EvacuationPlan plan_evacuation(const scenario::ScenarioSpec& spec, const std::filesystem::path& dir,
                               const EvacuationOptions& options) {
  EvacuationOptions o = options;
  std::vector<Lpar> lpars;
  bool found = false;
  for (const auto& s : spec.managed_systems) {
    if (s.name != o.system) {
      if (options.destinations.empty()) o.destinations.push_back(s.name);
      continue;
    }
    found = true;
    for (const auto& l : s.lpars)
      if (l.state == scenario::LparStateSpec::running)
        lpars.push_back(Lpar{l.name, l.memory.desired.as_double(), dirty_rate(l.workload)});
  }
  if (!found) throw std::invalid_argument(fmt::format("no managed system named {}", o.system));
  if (lpars.empty())
    throw std::invalid_argument(fmt::format("{} has no running LPAR to evacuate", o.system));
  if (o.destinations.empty()) throw std::invalid_argument("no destination system");
  // Greedy key: each LPAR's predicted time when migrated alone.
  std::map<std::string, double> alone;
  for (const auto& l : lpars) alone[l.name] = simulate(spec, dir, o, {l}, "alone", 1).makespan_s;
  std::vector<std::pair<std::string, std::vector<Lpar>>> orders{{"as-listed", lpars}};
  const auto sorted = [&](const char* name, auto less) {
    auto v = lpars;
    std::stable_sort(v.begin(), v.end(), less);
    orders.emplace_back(name, v);
  };
  sorted("smallest-dirty-rate-first",
         [](const Lpar& a, const Lpar& b) { return a.dirty < b.dirty; });
  sorted("largest-memory-first", [](const Lpar& a, const Lpar& b) { return a.memory > b.memory; });
  sorted("smallest-memory-first", [](const Lpar& a, const Lpar& b) { return a.memory < b.memory; });
  sorted("shortest-predicted-first",
         [&](const Lpar& a, const Lpar& b) { return alone[a.name] < alone[b.name]; });
  EvacuationPlan plan;
  for (const auto& [name, order] : orders)
    for (int c : o.concurrency) plan.candidates.push_back(simulate(spec, dir, o, order, name, c));
  plan.best = plan.candidates.front();
  for (const auto& c : plan.candidates)
    if (better(c, plan.best)) plan.best = c;
  return plan;
}

}  // namespace app::studies
