// Exact mode (bitmaps, sampled writes), averaged over 200 seeds, agrees with the expected mode
// (Eigen page classes) on pages per pass and downtime within 2 % (ARCHITECTURE §4).
#include <doctest/doctest.h>

#include <vector>

#include "models/precopy/powervm_policy.hpp"
#include "rig.hpp"

using namespace models;
using namespace sim::literals;

namespace {
constexpr int kSeeds = 200;
constexpr int kPasses = 5;

struct Summary {
  std::vector<double> pages_per_pass = std::vector<double>(kPasses, 0.0);
  double downtime = 0;
};

Summary run(memory::Representation rep, std::uint64_t seed, sim::Bytes size, sim::Bytes page,
            const memory::WorkloadConfig& w) {
  memory::MemoryConfig m;
  m.memory = size;
  m.page_size = page;
  m.touched_fraction = 0.9;
  m.representation = rep;
  precopy::PowervmPolicyConfig pc;
  pc.max_remaining_fraction = 0;  // a fixed pass count: no threshold crossing to blur means
  pc.max_remaining_bytes = 0_B;
  pc.no_progress_passes = 0;
  pc.max_passes = kPasses;
  precopy::PowervmPolicy policy(pc);
  precopy::PrecopyConfig cfg;
  cfg.switchover = precopy::SwitchoverMode::pure_precopy;
  cfg.state_bytes = 0_B;
  // Pass 1 lasts about a second whatever the size.
  rig::Rig r(seed, m, w, rig::link(size.as_double()), policy, cfg);
  const rig::Outcome& out = r.run();
  REQUIRE(out.passes.size() == kPasses);
  Summary s;
  for (int i = 0; i < kPasses; ++i) s.pages_per_pass[static_cast<std::size_t>(i)] = out.passes[static_cast<std::size_t>(i)].pages_sent;
  s.downtime = out.blackout->transfer_time().seconds();
  return s;
}

void check_agreement(sim::Bytes size, sim::Bytes page, const memory::WorkloadConfig& w) {
  const Summary expected = run(memory::Representation::expected, 0, size, page, w);
  Summary mean;
  for (int seed = 1; seed <= kSeeds; ++seed) {
    const Summary s = run(memory::Representation::exact, static_cast<std::uint64_t>(seed), size, page, w);
    for (int i = 0; i < kPasses; ++i) mean.pages_per_pass[static_cast<std::size_t>(i)] += s.pages_per_pass[static_cast<std::size_t>(i)] / kSeeds;
    mean.downtime += s.downtime / kSeeds;
  }
  for (int i = 0; i < kPasses; ++i) {
    CAPTURE(i + 1);
    CAPTURE(mean.pages_per_pass[static_cast<std::size_t>(i)]);
    CAPTURE(expected.pages_per_pass[static_cast<std::size_t>(i)]);
    CHECK(rig::rel_close(mean.pages_per_pass[static_cast<std::size_t>(i)], expected.pages_per_pass[static_cast<std::size_t>(i)], 0.02));
  }
  CAPTURE(mean.downtime);
  CAPTURE(expected.downtime);
  CHECK(rig::rel_close(mean.downtime, expected.downtime, 0.02));
  // The dynamics must be non-trivial: passes shrink, but later passes still carry pages.
  CHECK(expected.pages_per_pass[1] < 0.5 * expected.pages_per_pass[0]);
  CHECK(expected.pages_per_pass[kPasses - 1] > 20);
}

memory::WorkloadConfig hot_cold(double pages) {
  auto w = rig::workload(memory::WorkloadKind::hot_cold, 0.6 * pages);  // writes/s
  w.hot_fraction = 0.1;
  w.hot_write_share = 0.9;
  return w;
}

memory::WorkloadConfig zipf(double pages) {
  auto w = rig::workload(memory::WorkloadKind::zipf, 0.6 * pages);
  w.zipf_exponent = 1.0;
  w.working_set_fraction = 0.5;
  return w;
}
}  // namespace

// The unit build checks the 64 MiB LPAR; LPMSIM_AGREEMENT_FULL (label slow) adds more sizes.
TEST_CASE("hot/cold: mean of 200 exact runs = expected mode within 2 %") {
  SUBCASE("64 MiB, 4 KiB pages") { check_agreement(64_MiB, 4_KiB, hot_cold(16384)); }
#ifdef LPMSIM_AGREEMENT_FULL
  SUBCASE("256 MiB, 4 KiB pages") { check_agreement(256_MiB, 4_KiB, hot_cold(65536)); }
  SUBCASE("512 MiB, 64 KiB pages") { check_agreement(512_MiB, 64_KiB, hot_cold(8192)); }
#endif
}

TEST_CASE("zipf: mean of 200 exact runs = expected mode within 2 %") {
  SUBCASE("64 MiB, 4 KiB pages") { check_agreement(64_MiB, 4_KiB, zipf(16384)); }
#ifdef LPMSIM_AGREEMENT_FULL
  SUBCASE("256 MiB, 4 KiB pages") { check_agreement(256_MiB, 4_KiB, zipf(65536)); }
  SUBCASE("512 MiB, 64 KiB pages") { check_agreement(512_MiB, 64_KiB, zipf(8192)); }
#endif
}
