// Engine benchmarks: the hold model (ns-3's classic scheduler benchmark) and PHOLD.
#include <benchmark/benchmark.h>

#include "sim/engine.hpp"
#include "sim/phold.hpp"

namespace {

// Hold model: a queue kept at a constant size n; each step pops the earliest event, which
// schedules one more after an exponential delay. Measures queue cost at size n.
void BM_Engine_Hold(benchmark::State& state) {
  const auto n = static_cast<std::size_t>(state.range(0));
  sim::Engine engine(1);
  struct HoldModel {
    sim::Engine* engine;
    sim::RngStream rng;
    std::uint64_t remaining = 0;  // events left in this batch; the last one stops the engine
    void hold() {
      engine->schedule_in(sim::ceil_seconds(sim::exponential(rng, 1.0)), [this] { on_event(); });
    }
    void on_event() {
      hold();
      if (--remaining == 0) engine->stop();
    }
  };
  HoldModel model{&engine, engine.rng("hold", "delays")};
  for (std::size_t i = 0; i < n; ++i) model.hold();
  constexpr std::uint64_t kBatch = 100'000;
  for (auto _ : state) {
    model.remaining = kBatch;
    engine.run();
  }
  state.SetItemsProcessed(static_cast<std::int64_t>(engine.events_executed()));
  state.counters["queue_size"] = static_cast<double>(engine.pending_events());
}
BENCHMARK(BM_Engine_Hold)->RangeMultiplier(8)->Range(64, 1 << 20)->Unit(benchmark::kMillisecond);

// PHOLD headline: N=1000 LPs, M=10 initial events each, mean delay 1 s, 1M committed events.
void BM_Engine_Phold(benchmark::State& state) {
  const auto lps = static_cast<std::uint32_t>(state.range(0));
  const auto per_lp = static_cast<std::uint32_t>(state.range(1));
  constexpr std::uint64_t kEvents = 1'000'000;
  std::uint64_t total = 0;
  for (auto _ : state) {
    state.PauseTiming();
    sim::Engine engine(1);
    sim::Phold phold(engine, {.lps = lps, .initial_events_per_lp = per_lp, .max_events = kEvents});
    phold.start();
    state.ResumeTiming();
    engine.run();
    total += phold.events_processed();
  }
  state.SetItemsProcessed(static_cast<std::int64_t>(total));
}
BENCHMARK(BM_Engine_Phold)->Args({1000, 10})->Args({100, 10})->Args({10000, 10})->Unit(benchmark::kMillisecond);

}  // namespace
