// Whole-scenario benchmarks: a 1 000-LPAR data centre evacuating 10 servers (expected mode).
#include <benchmark/benchmark.h>

#include "app/studies/simulation.hpp"
#include "datacenter.hpp"

namespace {

void BM_Scenario_Evacuation(benchmark::State& state) {
  const auto spec = bench::datacenter(50, 4, 20, 10);
  std::uint64_t events = 0;
  double simulated = 0;
  std::size_t completed = 0;
  for (auto _ : state) {
    app::studies::RunOptions options;
    options.time_series = false;
    app::studies::Simulation simulation(spec, ".", options);
    const auto report = simulation.run();
    events += report.events_executed;
    simulated += report.end.seconds();
    completed = 0;
    for (const auto& m : report.migrations) completed += m.outcome == models::migration::MigrationOutcome::completed;
  }
  state.SetItemsProcessed(static_cast<std::int64_t>(events));
  state.counters["events_per_s"] = benchmark::Counter(static_cast<double>(events), benchmark::Counter::kIsRate);
  state.counters["sim_s_per_wall_s"] = benchmark::Counter(simulated, benchmark::Counter::kIsRate);
  state.counters["completed"] = static_cast<double>(completed);
}
BENCHMARK(BM_Scenario_Evacuation)->Unit(benchmark::kMillisecond);

}  // namespace
