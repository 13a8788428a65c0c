// PHOLD on SimGrid 3.32 raw kernel timers (simgrid::kernel::timer::Timer::set), for comparison with
// lpmsim's BM_Engine_Phold/1000/10 (bench/bm_engine.cpp, sim/phold.cpp). Same workload: N=1000
// LPs, M=10 initial events each, every event schedules one new event after an Exp(mean 1 s) delay
// at a uniformly chosen LP; stop after 1 000 000 committed events. No actors: the s4u engine's main
// loop advances the clock to the next timer and fires it (EngineImpl::run -> solve -> execute_all),
// which is the cheapest event path SimGrid offers, so this is an upper bound on SimGrid's speed.
// One std::mt19937_64 for all LPs (like the bare-heap floor in bm_engine.cpp), not per-LP streams.
//   g++ -std=c++17 -O3 -DNDEBUG phold_simgrid.cpp -o phold_simgrid -lsimgrid
//   ./phold_simgrid platform.xml [lps] [events_per_lp] [max_events]
#include <simgrid/kernel/Timer.hpp>
#include <simgrid/s4u/Engine.hpp>
#include <simgrid/version.h>

#include <chrono>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <random>
#include <vector>

namespace {

using Clock = std::chrono::steady_clock;
using simgrid::kernel::timer::Timer;

struct Phold {
  std::uint32_t lps = 1000;
  std::uint32_t per_lp = 10;
  std::uint64_t max_events = 1'000'000;
  std::mt19937_64 rng{1};
  std::exponential_distribution<double> delay{1.0};  // mean 1 s
  std::uniform_int_distribution<std::uint32_t> pick;
  std::vector<std::uint64_t> per_lp_count;
  std::uint64_t processed = 0;
  double last_event_date = 0;
  Clock::time_point stopped_at;

  void schedule(double date, std::uint32_t lp) {
    Timer::set(date, [this, lp] { on_event(lp); });
  }
  void start() {
    pick = std::uniform_int_distribution<std::uint32_t>(0, lps - 1);
    per_lp_count.assign(lps, 0);
    for (std::uint32_t lp = 0; lp < lps; ++lp)
      for (std::uint32_t k = 0; k < per_lp; ++k) schedule(delay(rng), lp);
  }
  void on_event(std::uint32_t lp) {
    ++processed;
    ++per_lp_count[lp];
    const double now = simgrid::s4u::Engine::get_clock();
    const std::uint32_t dest = pick(rng);
    schedule(now + delay(rng), dest);
    if (processed >= max_events) {
      stopped_at = Clock::now();
      last_event_date = now;
      stop();
    }
  }
  // SimGrid's run() returns once no timer, action or actor is left: drop the pending timers (the
  // one being fired was already popped by Timer::execute_all, which deletes it after this call).
  static void stop() {
    auto& heap = simgrid::kernel::timer::kernel_timers();
    std::vector<Timer*> pending;
    pending.reserve(heap.size());
    for (auto const& [date, timer] : heap) pending.push_back(timer);
    for (Timer* t : pending) t->remove();
  }
};

}  // namespace

int main(int argc, char** argv) {
  simgrid::s4u::Engine engine(&argc, argv);  // consumes --cfg=/--log= options
  if (argc < 2) {
    std::fprintf(stderr, "usage: %s platform.xml [lps] [events_per_lp] [max_events]\n", argv[0]);
    return 1;
  }
  engine.load_platform(argv[1]);
  Phold phold;
  if (argc > 2) phold.lps = static_cast<std::uint32_t>(std::strtoul(argv[2], nullptr, 10));
  if (argc > 3) phold.per_lp = static_cast<std::uint32_t>(std::strtoul(argv[3], nullptr, 10));
  if (argc > 4) phold.max_events = std::strtoull(argv[4], nullptr, 10);
  phold.start();  // not timed, as in BM_Engine_Phold (setup is under PauseTiming)

  const auto t0 = Clock::now();
  engine.run();
  const auto t1 = Clock::now();

  const double secs = std::chrono::duration<double>(phold.stopped_at - t0).count();
  const double secs_with_teardown = std::chrono::duration<double>(t1 - t0).count();
  std::printf("simgrid %d.%d.%d raw kernel timers PHOLD lps=%u events_per_lp=%u\n", SIMGRID_VERSION_MAJOR,
              SIMGRID_VERSION_MINOR, SIMGRID_VERSION_PATCH, phold.lps, phold.per_lp);
  std::printf("events=%llu sim_time=%.3f s\n", static_cast<unsigned long long>(phold.processed),
              phold.last_event_date);
  std::printf("wall=%.4f s (incl. dropping pending timers: %.4f s)\n", secs, secs_with_teardown);
  std::printf("events_per_s=%.0f\n", static_cast<double>(phold.processed) / secs);
  return phold.processed == phold.max_events ? 0 : 2;
}
