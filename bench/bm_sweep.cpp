// Sweep benchmarks: variants per second of the quickstart in expected mode — seeds only (one
// validated spec reused, the engine dominates), a bandwidth axis varying fastest (every variant
// re-patches and re-validates the scenario JSON), and 1 vs 2 threads.
#include <benchmark/benchmark.h>

#include <numeric>

#include "app/scenario/loader.hpp"
#include "app/studies/sweep.hpp"

namespace {

app::studies::Sweep quickstart(bool bandwidth_axis) {
  app::studies::SweepGrid grid;
  if (bandwidth_axis) grid.add_axis({"/network/links/0/bandwidth", {"10Gbit/s", "25Gbit/s"}});
  std::vector<nlohmann::json> seeds;
  for (int s = 1; s <= 512; ++s) seeds.emplace_back(s);
  grid.add_axis({"/simulation/seed", seeds});
  if (bandwidth_axis) {  // bandwidth fastest: no two consecutive variants share a spec
    app::studies::SweepGrid g;
    g.add_axis({"/simulation/seed", seeds});
    g.add_axis({"/network/links/0/bandwidth", {"10Gbit/s", "25Gbit/s"}});
    grid = g;
  }
  const auto spec = app::scenario::load_scenario_file("scenarios/quickstart.json");
  return app::studies::Sweep(app::scenario::to_json(spec), "scenarios", "scenarios/quickstart.json",
                             grid);
}

void run(benchmark::State& state, bool bandwidth_axis) {
  const auto sweep = quickstart(bandwidth_axis);
  std::vector<std::size_t> all(sweep.size());
  std::iota(all.begin(), all.end(), std::size_t{0});
  const int threads = static_cast<int>(state.range(0));
  for (auto _ : state) benchmark::DoNotOptimize(sweep.run_batch(all, threads));
  state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations()) *
                          static_cast<std::int64_t>(all.size()));
}

void BM_Sweep_Expected(benchmark::State& state) { run(state, false); }
void BM_Sweep_ExpectedRevalidate(benchmark::State& state) { run(state, true); }

BENCHMARK(BM_Sweep_Expected)->Arg(1)->Arg(2)->Unit(benchmark::kMillisecond)->UseRealTime();
BENCHMARK(BM_Sweep_ExpectedRevalidate)
    ->Arg(1)
    ->Arg(2)
    ->Unit(benchmark::kMillisecond)
    ->UseRealTime();

}  // namespace
