// lpmsim verify throughput: the quickstart's depth-1 fault space (one Simulation per plan, with
// the InvariantChecker attached), on one thread and on all cores. Items = plans explored.
// Run from the repository root (the scenario is read from scenarios/).
#include <benchmark/benchmark.h>

#include <filesystem>

#include "app/scenario/loader.hpp"
#include "app/studies/verify.hpp"

namespace {

void run_verify(benchmark::State& state, unsigned jobs) {
  if (!std::filesystem::exists("scenarios/quickstart.json")) {
    state.SkipWithError("run from the repository root");
    return;
  }
  const auto spec = app::scenario::load_scenario_file("scenarios/quickstart.json");
  std::size_t plans = 0;
  for (auto _ : state) {
    const auto r = app::studies::verify_scenario(spec, "scenarios", {.depth = 1, .jobs = jobs});
    if (r.violations() != 0) state.SkipWithError("verify found a violation");
    plans += r.plans.size();
    benchmark::DoNotOptimize(plans);
  }
  state.SetItemsProcessed(static_cast<std::int64_t>(plans));
}

void BM_Verify_Quickstart(benchmark::State& state) { run_verify(state, 0); }
void BM_Verify_QuickstartOneThread(benchmark::State& state) { run_verify(state, 1); }

}  // namespace

BENCHMARK(BM_Verify_Quickstart)->Unit(benchmark::kMillisecond)->UseRealTime();
BENCHMARK(BM_Verify_QuickstartOneThread)->Unit(benchmark::kMillisecond)->UseRealTime();
