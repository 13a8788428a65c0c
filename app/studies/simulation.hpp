// app::studies::Simulation: one run of one scenario — its own Engine, World, Hmc and
// FaultInjector, the operator's requests scheduled at their times, samplers for the report's
// time series, and the RunReport at the end. The main job of `lpmsim run`, and the unit of work
// of sweeps and verify (each variant is one Simulation; they share nothing, so they run on any
// number of threads with the same results).
//   app::studies::Simulation s(spec, "scenarios");
//   app::report::RunReport r = s.run();
#pragma once

#include <filesystem>
#include <functional>
#include <iosfwd>
#include <memory>
#include <optional>
#include <unordered_map>

#include "app/report/run_report.hpp"
#include "app/scenario/spec.hpp"
#include "app/studies/link_series.hpp"
#include "app/studies/world_builder.hpp"
#include "models/migration/invariant_checker.hpp"
#include "sim/engine.hpp"

namespace app::studies {

using namespace sim::literals;

struct RunOptions {
  std::optional<std::uint64_t> seed;        // overrides the scenario's
  // The run is a variant of a sweep over /simulation/seed: simulation.variation auto means on.
  bool seed_sweep = false;
  std::ostream* jsonl_trace = nullptr;     // every trace record as JSON Lines
  sim::Tracer* extra_tracer = nullptr;     // e.g. an invariant checker or a fingerprint sink
  bool time_series = true;                 // link / MSP / queue samples for charts
  // What limited each migration (RunReport::bottlenecks); a sweep's rows never show it.
  bool bottlenecks = true;
  // Link throughput is kept as one time-weighted mean per link per interval of this length
  // (app/studies/link_series.hpp); zero keeps every change point. 1 s: finer than any chart of a
  // migration needs, and a report then grows with simulated time × links, not with events.
  sim::Duration series_resolution = sim::Duration::from_ns(1'000'000'000);
  // The cheap protocol invariants after every migration transition, the world's balance at the
  // end; a violation is a model bug and run() throws sim::CheckFailed naming it. verify turns
  // this off because it attaches the full checker itself.
  bool check_invariants = true;
  // Called every `progress_every` of simulated time with the current time (progress lines).
  std::function<void(sim::Time)> progress;
  sim::Duration progress_every = 60_s;
};

// simulation.variation for one run: on, off, or (auto) on only in a sweep over seeds.
bool varies(scenario::RunVariationMode mode, bool seed_sweep);

class Simulation {
 public:
  Simulation(const scenario::ScenarioSpec& spec, const std::filesystem::path& scenario_dir, RunOptions options = {});
  // The simulation keeps a reference to its spec (reports and samplers read it during run()), so a
  // temporary spec would dangle: refused at compile time (ASan found one in a test).
  Simulation(scenario::ScenarioSpec&& spec, const std::filesystem::path& scenario_dir, RunOptions options = {}) = delete;
  ~Simulation();
  Simulation(const Simulation&) = delete;
  Simulation& operator=(const Simulation&) = delete;

  // Runs until every request has been made and every migration has ended (or failed and awaits
  // an operator), or the scenario's end time. Returns the report without the effective scenario
  // JSON (the caller adds it: only app/scenario writes JSON specs).
  report::RunReport run();

  sim::Engine& engine() { return engine_; }
  models::migration::World& world() { return *world_; }
  models::migration::Hmc& hmc() { return *hmc_; }
  const BuiltScenario& built() const { return built_; }
  // Whether this run's migrations vary (simulation.variation resolved for this study).
  bool run_variation() const { return hmc_->settings().variation.enabled; }

 private:
  void schedule_requests();
  void start_background();
  void attach_samplers();
  void sample_links(sim::Time at);
  void sample_link(sim::Time at, models::network::LinkId id);
  void sample_msps_and_queue(sim::Time at, const models::migration::Migration* m);
  void sample_msp(sim::Time at, std::size_t position);
  void stop_when_idle();

  const scenario::ScenarioSpec& spec_;
  RunOptions options_;
  sim::Engine engine_;
  std::unique_ptr<models::migration::World> world_;
  BuiltScenario built_;
  std::unique_ptr<models::migration::Hmc> hmc_;
  std::unique_ptr<models::migration::FaultInjector> faults_;
  std::unique_ptr<models::migration::InvariantChecker> invariants_;
  std::unique_ptr<sim::JsonLinesTraceSink> jsonl_;
  sim::TeeTracer tee_;
  std::size_t requests_made_ = 0;
  // Migrations in an end state or failed-and-waiting (stop_when_idle), kept by the state observer:
  // a failed migration leaves that set again when `-o r` recovers it (verify recovers after run()).
  std::size_t idle_migrations_ = 0;
  report::RunReport report_;
  std::unique_ptr<LinkSeries> link_series_;  // made at the first sample
  std::vector<int> last_msp_active_;                      // per World VIOS position
  std::unordered_map<const models::power::Vios*, std::size_t> vios_position_;
  int last_queue_ = -1;
};

}  // namespace app::studies
