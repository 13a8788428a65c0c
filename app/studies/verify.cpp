// Fault-space exploration (issue 7): plan enumeration from a baseline run, one Simulation per
// plan on a thread pool, results kept in plan order so the output never depends on --jobs.
#include "app/studies/verify.hpp"

#include <atomic>
#include <mutex>
#include <fmt/core.h>
#include <thread>

#include "app/studies/simulation.hpp"
#include "sim/check.hpp"

namespace app::studies {

namespace mm = models::migration;
using namespace sim::literals;

namespace {

// What the baseline says about one migration: its actors and its timings.
struct Subject {
  std::string lpar, source, destination, source_msp, dest_msp, source_vios, dest_vios;
  std::vector<mm::MspPairRecord> pairs;  // every MSP pair set up (a redundant one after the primary)
  bool inactive = false;                 // configuration only: no MSPs, no stream (§4.1)
  std::vector<std::string> msp_links;
  std::vector<sim::Duration> pass_durations;
  std::optional<sim::Duration> postcopy;
};

std::string first_non_msp_vios(const mm::World& w, const std::string& system, const std::string& msp) {
  for (models::power::Vios* v : w.vios_on(system)) {
    if (v->msp() == nullptr) return system + "/" + v->partition().name();
  }
  if (msp.empty() && !w.vios_on(system).empty()) return system + "/" + w.vios_on(system).front()->partition().name();
  return system + "/" + msp;
}

std::vector<std::string> path_links(const mm::World& w, const Subject& s) {
  std::vector<std::string> out;
  const auto* a = w.vios(s.source, s.source_msp);
  const auto* b = w.vios(s.destination, s.dest_msp);
  if (a == nullptr || b == nullptr || a->msp() == nullptr || b->msp() == nullptr) return out;
  const auto& topo = w.network()->topology();
  const auto na = topo.find_node(a->msp()->ip_interface());
  const auto nb = topo.find_node(b->msp()->ip_interface());
  if (!na || !nb) return out;
  const auto path = topo.shortest_path(*na, *nb);
  if (path) {
    for (const auto& hop : path->hops) out.push_back(topo.link(hop.link).name);
  }
  return out;
}

std::vector<Subject> baseline(const scenario::ScenarioSpec& spec, const std::filesystem::path& dir) {
  RunOptions options;
  options.time_series = false;
  Simulation sim(spec, dir, options);
  const auto report = sim.run();
  std::vector<Subject> out;
  for (const auto& r : report.migrations) {
    if (r.operation != "m" || !r.started) continue;
    const bool inactive = r.migration_type == "inactive";
    if (!inactive && r.source_msp.empty()) continue;
    Subject s{r.lpar, r.source, r.destination, r.source_msp, r.dest_msp, {}, {}, r.msp_pairs, inactive, {}, {}, r.postcopy_window};
    if (inactive) {
      s.source_vios = first_non_msp_vios(sim.world(), r.source, "");
      s.dest_vios = first_non_msp_vios(sim.world(), r.destination, "");
      out.push_back(std::move(s));
      continue;
    }
    s.source_vios = first_non_msp_vios(sim.world(), r.source, r.source_msp);
    s.dest_vios = first_non_msp_vios(sim.world(), r.destination, r.dest_msp);
    s.msp_links = path_links(sim.world(), s);
    for (const auto& p : r.passes) s.pass_durations.push_back(p.duration());
    out.push_back(std::move(s));
  }
  return out;
}

struct Point {
  std::string label;
  mm::ProtocolPoint at;
  sim::Duration delay = sim::Duration::zero();
};

// In protocol (time) order, so that the first violating plan has the earliest point.
std::vector<Point> points_of(const Subject& s) {
  using S = mm::MigrationState;
  auto state = [&](S st) { return Point{std::string(mm::to_string(st)), {s.lpar, st, 0}, {}}; };
  if (s.inactive) return {state(S::validating), state(S::preparing), state(S::completing)};
  std::vector<Point> out{state(S::validating), state(S::preparing), state(S::precopy)};
  for (std::size_t k = 0; k < s.pass_durations.size(); ++k) {
    const int pass = static_cast<int>(k) + 1;
    mm::ProtocolPoint before = k == 0 ? mm::ProtocolPoint{s.lpar, S::precopy, 0} : mm::ProtocolPoint{s.lpar, S::precopy, pass - 1};
    out.push_back({"mid pass " + std::to_string(pass), before, s.pass_durations[k] / 2});
    out.push_back({"pass " + std::to_string(pass) + " end", {s.lpar, S::precopy, pass}, {}});
  }
  out.push_back(state(S::suspending));
  out.push_back(state(S::suspended));
  out.push_back(state(S::resumed));
  if (s.postcopy && *s.postcopy > sim::Duration::zero())
    out.push_back({"mid post-copy", {s.lpar, S::resumed, 0}, *s.postcopy / 2});
  out.push_back(state(S::completing));
  return out;
}

struct Kind {
  std::string label;
  mm::FaultKind kind;
  std::string target;
  std::optional<sim::Duration> repair_after;
};

std::vector<Kind> kinds_of(const Subject& s) {
  using K = mm::FaultKind;
  std::vector<Kind> out;
  if (s.inactive) {  // no stream to lose: the servers, a destination VIOS, the operator, the HMC
    return {{"vios_crash destination", K::vios_crash, s.dest_vios, {}},
            {"system_failure destination", K::system_failure, s.destination, {}},
            {"system_failure source", K::system_failure, s.source, {}},
            {"hmc_stop (-o s)", K::hmc_stop, s.lpar, {}},
            {"hmc_disconnect for 60s", K::hmc_disconnect, "hmc", 60_s}};
  }
  // Every link of the MSP path: a fault on the far side must be seen as surely as on the near.
  for (const std::string& link : s.msp_links) {
    out.push_back({"link_down " + link, K::link_down, link, {}});
    out.push_back({"link_down " + link + " for 30s", K::link_down, link, 30_s});
  }
  out.push_back({"msp_crash source", K::msp_crash, s.source + "/" + s.source_msp, {}});
  out.push_back({"msp_crash destination", K::msp_crash, s.destination + "/" + s.dest_msp, {}});
  // Repairable: the VIOS reboots and its MSP serves again (a VIOS maintenance reboot).
  out.push_back({"msp_crash source, reboot 60s", K::msp_crash, s.source + "/" + s.source_msp, 60_s});
  // Redundant pairs: losing an MSP of the second pair must fail over, not fail.
  for (std::size_t i = 1; i < s.pairs.size(); ++i) {
    out.push_back({"msp_crash source pair " + std::to_string(i + 1), K::msp_crash, s.pairs[i].source_msp, {}});
    out.push_back({"msp_crash destination pair " + std::to_string(i + 1), K::msp_crash, s.pairs[i].dest_msp, {}});
  }
  out.push_back({"vios_crash source", K::vios_crash, s.source_vios, {}});
  out.push_back({"vios_crash destination", K::vios_crash, s.dest_vios, {}});
  out.push_back({"vios_crash destination, reboot 60s", K::vios_crash, s.dest_vios, 60_s});
  out.push_back({"system_failure destination", K::system_failure, s.destination, {}});
  out.push_back({"system_failure source", K::system_failure, s.source, {}});
  out.push_back({"os_refuses_suspend", K::os_refuses_suspend, s.lpar, {}});
  out.push_back({"hmc_stop (-o s)", K::hmc_stop, s.lpar, {}});
  out.push_back({"hmc_disconnect for 60s", K::hmc_disconnect, "hmc", 60_s});
  return out;
}

std::vector<PlannedFault> single_faults(const std::vector<Subject>& subjects, std::size_t& kinds, std::size_t& points) {
  std::vector<PlannedFault> out;
  for (const Subject& s : subjects) {
    const auto ks = kinds_of(s);
    const auto ps = points_of(s);
    kinds = std::max(kinds, ks.size());
    points = std::max(points, ps.size());
    const std::string who = subjects.size() > 1 ? s.lpar + " " : "";
    for (const Point& p : ps) {
      for (const Kind& k : ks) {
        mm::FaultPlan f{k.kind, k.target, std::nullopt, p.at, p.delay, k.repair_after};
        out.push_back({f, k.label, who + p.label, s.lpar});
      }
    }
  }
  return out;
}

std::string outcome_of(const mm::Migration& m) {
  const std::string state(mm::to_string(m.state()));
  return m.state() == mm::MigrationState::recovered ? "Failed→Recovered" : state;
}

struct PlanRun {
  PlanResult result;
  std::map<std::pair<mm::MigrationState, mm::MigrationState>, std::int64_t> transitions;
};

PlanRun run_plan(const scenario::ScenarioSpec& spec, const std::filesystem::path& dir,
                 std::vector<PlannedFault> faults, const VerifyOptions& options) {
  PlanRun out;
  sim::TeeTracer tee;
  RunOptions run_options;
  run_options.extra_tracer = &tee;
  run_options.time_series = false;
  run_options.check_invariants = false;  // the full checker below reports the exact invariant
  Simulation sim(spec, dir, run_options);
  sim.hmc().set_mutant(options.mutant);
  mm::InvariantChecker checker(sim.hmc(), options.trace_tail);
  std::vector<mm::FaultPlan> plans;
  for (const auto& f : faults) plans.push_back(f.plan);
  mm::FaultInjector injector(sim.hmc(), plans);
  tee.add(&checker);
  tee.add(&injector);
  injector.arm();
  try {
    (void)sim.run();
    // The operator's `migrlpar -o r` for every migration left failed (§6).
    bool recovering = false;
    for (const auto& m : sim.hmc().migrations()) {
      if (!checker.violations().empty() || m->state() != mm::MigrationState::failed) continue;
      mm::MigrationRequest r;
      r.operation = mm::MigrlparOperation::recover;
      r.lpar = m->request().lpar;
      r.force = true;
      recovering = sim.hmc().submit(r) || recovering;
    }
    if (recovering) sim.engine().run();
    checker.finish(sim.engine().now() >= sim::Time::zero() + spec.simulation.end_time);
  } catch (const sim::CheckFailed& e) {
    checker.add(0, e.component(), e.what());
  }
  for (const auto& m : sim.hmc().migrations()) out.result.outcomes.push_back(outcome_of(*m));
  if (!checker.violations().empty()) out.result.violation = checker.violations().front();
  out.result.faults = std::move(faults);
  out.transitions = checker.transitions();
  return out;
}

// Plan 0 is fault-free; then single faults; then pairs (i < j) and so on up to `depth`.
std::vector<std::vector<PlannedFault>> all_plans(const std::vector<PlannedFault>& singles, int depth) {
  std::vector<std::vector<PlannedFault>> out{{}};
  std::vector<std::vector<std::size_t>> level{{}};
  for (int d = 1; d <= depth; ++d) {
    std::vector<std::vector<std::size_t>> next;
    for (const auto& combo : level) {
      for (std::size_t i = combo.empty() ? 0 : combo.back() + 1; i < singles.size(); ++i) {
        auto c = combo;
        c.push_back(i);
        std::vector<PlannedFault> plan;
        for (const std::size_t k : c) plan.push_back(singles[k]);
        out.push_back(std::move(plan));
        next.push_back(std::move(c));
      }
    }
    level = std::move(next);
  }
  return out;
}

}  // namespace

std::size_t VerifyResult::violations() const {
  std::size_t n = 0;
  for (const auto& p : plans) n += p.violation ? 1 : 0;
  return n;
}

const PlanResult* VerifyResult::counterexample() const {
  for (const auto& p : plans) {
    if (p.violation) return &p;
  }
  return nullptr;
}

VerifyResult verify_scenario(const scenario::ScenarioSpec& spec, const std::filesystem::path& scenario_dir,
                             const VerifyOptions& options) {
  VerifyResult result;
  result.depth = options.depth;
  result.mutant = options.mutant;
  const std::vector<Subject> subjects = baseline(spec, scenario_dir);
  result.migrations = subjects.size();
  const auto singles = single_faults(subjects, result.fault_kinds, result.points);
  double count = 0, combinations = 1;  // Σ C(n, d) for d ≤ depth
  for (int d = 0; d <= options.depth; ++d) {
    count += combinations;
    combinations = combinations * static_cast<double>(singles.size() - std::min<std::size_t>(singles.size(), static_cast<std::size_t>(d))) / (d + 1);
  }
  if (count > kMaxVerifyPlans)
    throw VerifyBoundError(fmt::format("--depth {} would explore {:.4g} plans ({} single faults); at most {:.0f} — "
                                       "use a smaller --depth",
                                       options.depth, count, singles.size(), kMaxVerifyPlans));
  const auto plans = all_plans(singles, options.depth);
  std::vector<PlanRun> runs(plans.size());
  std::atomic<std::size_t> next{0};
  std::size_t done = 0;
  std::mutex progress_mutex;
  auto worker = [&] {
    for (std::size_t i = next++; i < plans.size(); i = next++) {
      runs[i] = run_plan(spec, scenario_dir, plans[i], options);
      if (!options.progress) continue;
      const std::lock_guard lock(progress_mutex);
      options.progress(++done, plans.size());
    }
  };
  unsigned jobs = options.jobs != 0 ? options.jobs : std::max(1U, std::thread::hardware_concurrency());
  jobs = static_cast<unsigned>(std::min<std::size_t>(jobs, plans.size()));
  std::vector<std::thread> pool;
  for (unsigned t = 1; t < jobs; ++t) pool.emplace_back(worker);
  worker();
  for (auto& t : pool) t.join();
  for (auto& r : runs) {
    for (const auto& [edge, n] : r.transitions) result.transitions[edge] += n;
    result.plans.push_back(std::move(r.result));
  }
  return result;
}

}  // namespace app::studies
