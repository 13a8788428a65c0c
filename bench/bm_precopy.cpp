// Pre-copy core benchmarks (issue 5): one 1 TiB LPAR with 4 KiB pages, a hot/cold workload of
// 100k page writes/s (1 % hot pages take 90 % of the writes), over a 25 Gbit/s fixed-rate link,
// PowerVM policy defaults, hybrid switchover with the post-copy tail — a whole migration.
// Targets: exact mode ≤ 5 s wall and ≤ 256 MiB peak RSS; expected mode ≤ 50 µs per migration.
#include <benchmark/benchmark.h>

#include <memory>

#include "models/memory/page_state.hpp"
#include "models/precopy/fixed_rate_channel.hpp"
#include "models/precopy/postcopy_tail.hpp"
#include "models/precopy/powervm_policy.hpp"
#include "models/precopy/precopy_loop.hpp"
#include "sim/engine.hpp"

namespace {

using namespace models;
using namespace sim::literals;

struct Result {
  double pages_sent = 0;
  int passes = 0;
  double postcopy_faults = 0;
};

Result migrate_1tib(memory::Representation rep, std::uint64_t seed) {
  sim::Engine engine(seed);
  memory::MemoryConfig m;
  m.memory = 1_TiB;
  m.representation = rep;
  memory::WorkloadConfig wc;
  wc.kind = memory::WorkloadKind::hot_cold;
  wc.rate = 100'000;
  wc.hot_fraction = 0.01;
  wc.hot_write_share = 0.9;
  memory::Workload workload(wc, m.pages(), m.touched_pages());
  auto pages = memory::make_page_state(m, workload, engine.rng("lpar/big", "dirty"));
  precopy::FixedRateChannelConfig link;
  link.rate = 25_Gbps;
  link.latency = 50_us;
  precopy::FixedRateChannel channel(engine, link);
  precopy::PowervmPolicy policy;
  precopy::PrecopyLoop loop(engine, "lpar/big", *pages, workload, channel, policy, {});
  std::unique_ptr<precopy::PostcopyTail> tail;
  Result result;
  precopy::PrecopyHooks hooks;
  hooks.on_stop_decided = [&](const precopy::StopReport&) {
    loop.suspend();
    loop.run_blackout([&](const precopy::BlackoutReport&) {
      tail = std::make_unique<precopy::PostcopyTail>(engine, "lpar/big", *pages, channel, precopy::PostcopyConfig{},
                                                     loop.config().chunk);
      tail->start([&](const precopy::PostcopyReport& r) { result.postcopy_faults = r.demand_faults; });
    });
  };
  loop.start(hooks);
  engine.run();
  pages->check_complete();
  result.pages_sent = loop.total_pages_sent();
  result.passes = static_cast<int>(loop.passes().size());
  return result;
}

void BM_Precopy_Exact1TiB(benchmark::State& state) {
  Result r;
  for (auto _ : state) {
    r = migrate_1tib(memory::Representation::exact, 1);
    benchmark::DoNotOptimize(r);
  }
  state.counters["passes"] = r.passes;
  state.counters["faults"] = r.postcopy_faults;
  state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations() * r.pages_sent));
}
BENCHMARK(BM_Precopy_Exact1TiB)->Unit(benchmark::kSecond)->Iterations(1);

void BM_Precopy_Expected1TiB(benchmark::State& state) {
  Result r;
  for (auto _ : state) {
    r = migrate_1tib(memory::Representation::expected, 1);
    benchmark::DoNotOptimize(r);
  }
  state.counters["passes"] = r.passes;
  state.SetItemsProcessed(state.iterations());  // migrations
}
BENCHMARK(BM_Precopy_Expected1TiB)->Unit(benchmark::kMicrosecond);

}  // namespace
