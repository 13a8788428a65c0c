// Whole-scenario benchmarks: issue 18's data-centre evacuation at 1 000, 10 000 and 100 000 LPARs
// with the report on (time series sampled, report JSON written to a byte counter), and the older
// 1 000-LPAR data centre evacuating 10 servers without time series (expected mode).
#include <benchmark/benchmark.h>
#include <sys/resource.h>

#include <ostream>
#include <streambuf>

#include "app/report/report_json.hpp"
#include "app/scenario/loader.hpp"
#include "app/studies/simulation.hpp"
#include "datacenter.hpp"

namespace {

// An ostream that only counts what is written: the report's size without the disk.
class CountingBuffer : public std::streambuf {
 public:
  std::size_t bytes() const { return bytes_; }

 protected:
  int_type overflow(int_type c) override {
    if (c != traits_type::eof()) ++bytes_;
    return c;
  }
  std::streamsize xsputn(const char*, std::streamsize n) override {
    bytes_ += static_cast<std::size_t>(n);
    return n;
  }

 private:
  std::size_t bytes_ = 0;
};

double peak_rss_mib() {
  rusage usage{};
  getrusage(RUSAGE_SELF, &usage);
  return static_cast<double>(usage.ru_maxrss) / 1024.0;  // ru_maxrss is in KiB on Linux
}

void count_outcomes(const app::report::RunReport& report, benchmark::State& state) {
  std::size_t completed = 0;
  for (const auto& m : report.migrations) completed += m.outcome == models::migration::MigrationOutcome::completed;
  state.counters["migrations"] = static_cast<double>(report.migrations.size());
  state.counters["completed"] = static_cast<double>(completed);
}

// What `lpmsim run` does after loading: simulate with time series, add the effective scenario,
// write report.json (here to a counter). Peak RSS is the process's, so run one size per process
// (--benchmark_filter=BM_Scenario_Evacuation/10000) for a clean figure.
void BM_Scenario_Evacuation(benchmark::State& state) {
  const auto spec = bench::evacuation(static_cast<int>(state.range(0)));
  std::uint64_t events = 0;
  double simulated = 0;
  std::size_t report_bytes = 0;
  for (auto _ : state) {
    app::studies::Simulation simulation(spec, ".");
    auto report = simulation.run();
    report.scenario = nlohmann::json::parse(app::scenario::to_json(spec).dump());
    CountingBuffer counter;
    std::ostream out(&counter);
    app::report::write_report_json(report, out);
    report_bytes = counter.bytes();
    events += report.events_executed;
    simulated += report.end.seconds();
    count_outcomes(report, state);
  }
  state.SetItemsProcessed(static_cast<std::int64_t>(events));
  state.counters["events_per_s"] = benchmark::Counter(static_cast<double>(events), benchmark::Counter::kIsRate);
  state.counters["sim_s_per_wall_s"] = benchmark::Counter(simulated, benchmark::Counter::kIsRate);
  state.counters["report_MiB"] = static_cast<double>(report_bytes) / (1 << 20);
  state.counters["peak_rss_MiB"] = peak_rss_mib();
}
BENCHMARK(BM_Scenario_Evacuation)->Arg(1'000)->Arg(10'000)->Arg(100'000)->Iterations(1)->Unit(benchmark::kMillisecond);

// The benchmark before issue 18: 50 servers × 4 MSP pairs, 10 servers (200 LPARs) evacuated.
void BM_Scenario_TenServers(benchmark::State& state) {
  const auto spec = bench::datacenter(50, 4, 20, 10);
  std::uint64_t events = 0;
  double simulated = 0;
  for (auto _ : state) {
    app::studies::RunOptions options;
    options.time_series = false;
    app::studies::Simulation simulation(spec, ".", options);
    const auto report = simulation.run();
    events += report.events_executed;
    simulated += report.end.seconds();
    count_outcomes(report, state);
  }
  state.SetItemsProcessed(static_cast<std::int64_t>(events));
  state.counters["events_per_s"] = benchmark::Counter(static_cast<double>(events), benchmark::Counter::kIsRate);
  state.counters["sim_s_per_wall_s"] = benchmark::Counter(simulated, benchmark::Counter::kIsRate);
}
BENCHMARK(BM_Scenario_TenServers)->Unit(benchmark::kMillisecond);

}  // namespace
