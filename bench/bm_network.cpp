// Network benchmarks: FlowNetwork churn (flows starting and ending, each change a max-min
// recomputation over ~1 000 live flows) and the MaxMinSolver kernel alone on the same load.
// Target (issue 4): one recomputation for 1 000 flows in ≤ 50 µs.
#include <benchmark/benchmark.h>

#include <cstdint>
#include <string>
#include <vector>

#include "models/network/flow_network.hpp"
#include "sim/engine.hpp"
#include "sim/random.hpp"

namespace {

using namespace sim::literals;
namespace net = models::network;

// A leaf–spine fabric of exactly 100 links: 2 spines × 8 leaves (16 links of 100 Gbit/s) and
// 84 MSP interfaces spread over the leaves (84 links of 25 Gbit/s). Paths are 2 or 4 hops.
struct Fabric {
  net::Topology topology;
  std::vector<net::NodeId> hosts;
};

Fabric make_fabric() {
  Fabric f;
  std::vector<net::NodeId> spines, leaves;
  for (int s = 0; s < 2; ++s) spines.push_back(f.topology.add_node("spine" + std::to_string(s), net::NodeKind::network_switch));
  for (int l = 0; l < 8; ++l) {
    leaves.push_back(f.topology.add_node("leaf" + std::to_string(l), net::NodeKind::network_switch));
    for (int s = 0; s < 2; ++s)  // the second spine is 1 µs slower, so paths split by leaf pair
      f.topology.add_link(leaves.back(), spines[s], net::symmetric_link(100_Gbps, sim::Duration::from_ns(5'000 + 1'000 * s), 9000));
  }
  for (int h = 0; h < 84; ++h) {
    f.hosts.push_back(f.topology.add_node("msp" + std::to_string(h), net::NodeKind::msp_interface));
    f.topology.add_link(f.hosts.back(), leaves[h % 8], net::symmetric_link(25_Gbps, 10_us, 9000));
  }
  return f;
}

// Keeps `concurrent` flows alive: each completion starts a replacement between random hosts,
// with a random size (64 MiB – 1 GiB) and, for a third of the flows, a random MSP cap.
struct Churn {
  sim::Engine& engine;
  net::FlowNetwork& network;
  const std::vector<net::NodeId>& hosts;
  sim::RngStream rng;
  std::uint64_t completions_left = 0;

  void start_one() {
    const auto src = rng.uniform_below(hosts.size());
    auto dst = rng.uniform_below(hosts.size() - 1);
    if (dst >= src) ++dst;
    const sim::Bytes size(static_cast<std::int64_t>(sim::uniform(rng, 64.0, 1024.0) * 1048576.0));
    const sim::BytesPerSecond cap = rng.uniform_below(3) == 0 ? sim::BytesPerSecond(sim::uniform(rng, 2e8, 2e9)) : net::kUncapped;
    network.start_flow(hosts[src], hosts[dst], size, cap, [this](net::FlowId, net::FlowOutcome) { on_done(); });
  }
  void on_done() {
    start_one();
    if (--completions_left == 0) engine.stop();
  }
};

void BM_FlowNetwork_Churn(benchmark::State& state) {
  const auto concurrent = static_cast<std::size_t>(state.range(0));
  sim::Engine engine(1);
  Fabric fabric = make_fabric();
  const std::vector<net::NodeId> hosts = fabric.hosts;
  net::FlowNetwork network(engine, std::move(fabric.topology));
  Churn churn{engine, network, hosts, engine.rng("bench", "churn")};
  for (std::size_t i = 0; i < concurrent; ++i) churn.start_one();
  churn.completions_left = concurrent;  // warm-up: let the first flows connect and settle
  engine.run();
  const std::uint64_t before = network.recomputations();
  for (auto _ : state) {
    churn.completions_left = 1000;
    engine.run();
  }
  const auto recomputations = static_cast<std::int64_t>(network.recomputations() - before);
  state.SetItemsProcessed(recomputations);
  state.counters["live_flows"] = static_cast<double>(network.transferring_flow_count());
  state.counters["rounds"] = static_cast<double>(network.solver().rounds());
  // Seconds per recomputation (CPU time / count); the console shows it with a "s" unit prefix.
  state.counters["per_recompute"] = benchmark::Counter(static_cast<double>(recomputations),
                                                       benchmark::Counter::kIsRate | benchmark::Counter::kInvert);
}
BENCHMARK(BM_FlowNetwork_Churn)->Arg(1000)->Arg(100)->Unit(benchmark::kMillisecond);

// The solver alone on a snapshot of the churn load: 1 000 flows over the fabric's 200 resources.
struct SolverLoad {
  std::vector<double> capacity;
  std::vector<std::vector<std::uint32_t>> routes;
  std::vector<double> caps;
};

SolverLoad make_solver_load(std::size_t flows) {
  Fabric fabric = make_fabric();
  sim::RngStream rng = sim::RngStream::derive(1, "bench", "solver");
  SolverLoad load;
  load.capacity.resize(2 * fabric.topology.link_count());
  for (std::uint32_t l = 0; l < fabric.topology.link_count(); ++l) {
    load.capacity[2 * l] = fabric.topology.link(net::LinkId{l}).config.bandwidth.value();
    load.capacity[2 * l + 1] = fabric.topology.link(net::LinkId{l}).config.reverse().value();
  }
  for (std::size_t i = 0; i < flows; ++i) {
    const auto src = rng.uniform_below(fabric.hosts.size());
    auto dst = rng.uniform_below(fabric.hosts.size() - 1);
    if (dst >= src) ++dst;
    const auto& path = fabric.topology.shortest_path(fabric.hosts[src], fabric.hosts[dst]);
    std::vector<std::uint32_t> r;
    for (const auto& hop : path->hops) r.push_back(2 * hop.link.index + (hop.direction == net::Direction::forward ? 0 : 1));
    load.routes.push_back(std::move(r));
    load.caps.push_back(rng.uniform_below(3) == 0 ? sim::uniform(rng, 2e8, 2e9) : net::kNoCap);
  }
  return load;
}

// What FlowNetwork does per change: one flow leaves, one arrives, solve.
void BM_FlowNetwork_MaxMinSolve(benchmark::State& state) {
  const auto flows = static_cast<std::size_t>(state.range(0));
  const SolverLoad load = make_solver_load(flows);
  net::MaxMinSolver solver;
  solver.reset(load.capacity);
  std::vector<std::uint32_t> slot(flows);
  for (std::size_t i = 0; i < flows; ++i) slot[i] = solver.add_flow(load.routes[i], load.caps[i]);
  std::size_t next = 0;
  for (auto _ : state) {
    solver.remove_flow(slot[next]);
    slot[next] = solver.add_flow(load.routes[next], load.caps[next]);
    next = (next + 1) % flows;
    solver.solve();
    benchmark::DoNotOptimize(solver.rates().data());
  }
  state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations()));
  state.counters["rounds"] = static_cast<double>(solver.rounds());
}
BENCHMARK(BM_FlowNetwork_MaxMinSolve)->Arg(1000)->Arg(100)->Unit(benchmark::kMicrosecond);

// Baseline: the problem rebuilt from scratch for every solve.
void BM_FlowNetwork_MaxMinSolveRebuild(benchmark::State& state) {
  const auto flows = static_cast<std::size_t>(state.range(0));
  const SolverLoad load = make_solver_load(flows);
  net::MaxMinSolver solver;
  for (auto _ : state) {
    solver.reset(load.capacity);
    for (std::size_t i = 0; i < flows; ++i) solver.add_flow(load.routes[i], load.caps[i]);
    solver.solve();
    benchmark::DoNotOptimize(solver.rates().data());
  }
  state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations()));
}
BENCHMARK(BM_FlowNetwork_MaxMinSolveRebuild)->Arg(1000)->Unit(benchmark::kMicrosecond);

}  // namespace
