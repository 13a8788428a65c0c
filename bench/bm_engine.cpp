// Engine benchmarks: the hold model (ns-3's classic scheduler benchmark) and PHOLD.
#include <benchmark/benchmark.h>

#include <chrono>
#include <cmath>
#include <functional>
#include <queue>
#include <random>
#include <vector>

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

// The floor PHOLD is measured against: a bare std::priority_queue of (time, sequence, lp) with
// one std::mt19937_64 and std::exponential_distribution — no handlers, no cancellation, no
// per-LP streams. Returns the events processed.
std::uint64_t bare_heap_phold(std::uint32_t lps, std::uint32_t per_lp, std::uint64_t max_events) {
  struct Event {
    std::int64_t at;
    std::uint64_t seq;
    std::uint32_t lp;
    bool operator>(const Event& o) const { return at != o.at ? at > o.at : seq > o.seq; }
  };
  std::priority_queue<Event, std::vector<Event>, std::greater<>> queue;
  std::mt19937_64 rng(1);
  std::exponential_distribution<double> delay(1.0);  // mean 1 s
  std::uniform_int_distribution<std::uint32_t> pick(0, lps - 1);
  std::uint64_t seq = 0;
  const auto draw = [&] { return static_cast<std::int64_t>(std::ceil(delay(rng) * 1e9)); };
  for (std::uint32_t lp = 0; lp < lps; ++lp) {
    for (std::uint32_t k = 0; k < per_lp; ++k) queue.push({draw(), seq++, lp});
  }
  std::uint64_t processed = 0;
  std::uint64_t checksum = 0;
  while (processed < max_events) {
    const Event e = queue.top();
    queue.pop();
    ++processed;
    checksum += e.lp;
    queue.push({e.at + draw(), seq++, pick(rng)});
  }
  benchmark::DoNotOptimize(checksum);
  return processed;
}

// PHOLD on the engine and on the bare heap in the same iteration, so that their ratio is taken on
// the same machine state (the 2-core VM is shared and noisy): counters engine_ns_per_event,
// bare_ns_per_event and engine_over_bare (issue 18 asks ≥ 2× the bare heap, i.e. ≤ 0.5).
void BM_Engine_PholdVsBareHeap(benchmark::State& state) {
  const auto lps = static_cast<std::uint32_t>(state.range(0));
  const auto per_lp = static_cast<std::uint32_t>(state.range(1));
  constexpr std::uint64_t kEvents = 1'000'000;
  using Clock = std::chrono::steady_clock;
  double engine_ns = 0, bare_ns = 0;
  std::uint64_t engine_events = 0, bare_events = 0;
  for (auto _ : state) {
    sim::Engine engine(1);
    sim::Phold phold(engine, {.lps = lps, .initial_events_per_lp = per_lp, .max_events = kEvents});
    phold.start();
    const auto t0 = Clock::now();
    engine.run();
    const auto t1 = Clock::now();
    bare_events += bare_heap_phold(lps, per_lp, kEvents);
    const auto t2 = Clock::now();
    engine_events += phold.events_processed();
    engine_ns += std::chrono::duration<double, std::nano>(t1 - t0).count();
    bare_ns += std::chrono::duration<double, std::nano>(t2 - t1).count();
  }
  state.SetItemsProcessed(static_cast<std::int64_t>(engine_events + bare_events));
  state.counters["engine_ns_per_event"] = engine_ns / static_cast<double>(engine_events);
  state.counters["bare_ns_per_event"] = bare_ns / static_cast<double>(bare_events);
  state.counters["engine_over_bare"] = (engine_ns / static_cast<double>(engine_events)) /
                                       (bare_ns / static_cast<double>(bare_events));
}
BENCHMARK(BM_Engine_PholdVsBareHeap)->Args({1000, 10})->Unit(benchmark::kMillisecond);

}  // namespace
