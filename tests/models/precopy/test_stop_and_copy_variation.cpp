// One run's factors on the stop-and-copy (issue 17, models::migration::RunVariation): the speed
// scales a switchover_rate both ways, stretches a path-paced transfer only when below 1 (no
// stream outruns its path), and the fixed switchover_cost scales on its own.
#include <doctest/doctest.h>

#include "models/precopy/powervm_policy.hpp"
#include "rig.hpp"

using namespace models;
using namespace sim::literals;

namespace {
using rig::kMem;

sim::Duration blackout(precopy::StopAndCopyVariation v, std::optional<sim::BytesPerSecond> rate,
                       sim::Duration cost = {}) {
  memory::MemoryConfig m;
  m.memory = 64_MiB;
  precopy::PowervmPolicy policy;
  precopy::PrecopyConfig cfg;
  cfg.state_bytes = 8_MiB;
  cfg.switchover_rate = rate;
  cfg.switchover_cost = cost;
  rig::Rig r(1, m, rig::workload(memory::WorkloadKind::uniform, 0), rig::link(kMem), policy, cfg);
  r.loop->set_stop_and_copy_variation(v);
  const rig::Outcome& out = r.run();
  REQUIRE(out.blackout);
  return out.blackout->transfer_time();
}
}  // namespace

TEST_CASE("issue 17: the stop-and-copy speed and switchover cost of one run") {
  const sim::Duration path = blackout({}, std::nullopt);  // 8 MiB at 64 MiB/s
  CHECK(path == sim::transfer_time(8_MiB, sim::BytesPerSecond(kMem)));
  SUBCASE("at the path's rate: slower runs are held, faster ones are not") {
    CHECK(blackout({0.5, 1}, std::nullopt) == path * 2);
    CHECK(blackout({2.0, 1}, std::nullopt) == path);
  }
  SUBCASE("with a switchover_rate: the rate is scaled both ways") {
    const sim::BytesPerSecond quarter(kMem / 4);
    const sim::Duration paced = blackout({}, quarter);
    CHECK(paced == 500_ms);
    CHECK(blackout({2.0, 1}, quarter) == 250_ms);
    CHECK(blackout({0.5, 1}, quarter) == 1_s);
  }
  SUBCASE("the fixed cost scales by its own factor") {
    CHECK(blackout({1, 1.5}, std::nullopt, 10_ms) == path + 15_ms);
    CHECK(blackout({1, 1}, std::nullopt, 10_ms) == path + 10_ms);
  }
}
