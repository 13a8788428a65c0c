// sim::Phold: the classic PHOLD synthetic workload (Fujimoto 1990) — the engine's own model for
// benchmarks, determinism tests and the placeholder main job. N logical processes each start
// with M events; every event at an LP schedules one new event after an exponential delay at a
// uniformly chosen LP. Each LP draws from its own named random stream (delays by the ziggurat).
//   sim::Engine e(1); sim::Phold p(e, {.lps = 1000, .initial_events_per_lp = 10});
//   p.start(); e.run_until(sim::Time::zero() + 100_s);
#pragma once

#include <cstdint>
#include <vector>

#include "sim/engine.hpp"

namespace sim {

struct PholdConfig {
  std::uint32_t lps = 1000;
  std::uint32_t initial_events_per_lp = 10;
  Duration mean_delay = Duration::from_ns(1'000'000'000);
  std::uint64_t max_events = 0;  // stop the engine after this many events; 0 = no limit
  bool trace_events = false;     // emit a "phold.event" record per event (for determinism tests)
};

class Phold {
 public:
  Phold(Engine& engine, PholdConfig config);
  void start();
  std::uint64_t events_processed() const { return processed_; }
  const std::vector<std::uint64_t>& events_per_lp() const { return per_lp_; }

 private:
  void on_event(std::uint32_t lp);
  Duration draw_delay(std::uint32_t lp);

  Engine& engine_;
  PholdConfig config_;
  std::vector<RngStream> rng_;
  std::vector<std::uint64_t> per_lp_;
  std::uint64_t processed_ = 0;
};

}  // namespace sim
