// No page is ever lost (ARCHITECTURE §4 invariant 2): in exact mode with versions, after the
// migration completes every page's latest version is at the destination — in pure pre-copy and
// through the post-copy tail, where pages are pushed while demand faults fetch them.
#include <doctest/doctest.h>

#include "models/memory/exact_page_state.hpp"
#include "models/precopy/powervm_policy.hpp"
#include "models/precopy/qemu_policy.hpp"
#include "rig.hpp"
#include "sim/check.hpp"

using namespace models;
using namespace sim::literals;

namespace {
memory::MemoryConfig verified(sim::Bytes size) {
  memory::MemoryConfig m;
  m.memory = size;
  m.touched_fraction = 0.8;
  m.representation = memory::Representation::exact;  // versions are kept in exact mode only
  m.verify_versions = true;
  return m;
}

std::vector<memory::WorkloadConfig> workloads(double pages) {
  auto hot = rig::workload(memory::WorkloadKind::hot_cold, 2 * pages);
  auto zipf = rig::workload(memory::WorkloadKind::zipf, 2 * pages);
  auto seq = rig::workload(memory::WorkloadKind::constant, 0.3 * pages);
  auto phased = rig::workload(memory::WorkloadKind::uniform, pages);
  phased.phases = {{200_ms, 0.1}, {100_ms, 5.0}};
  auto trace = rig::workload(memory::WorkloadKind::trace, 0);
  trace.trace = {{0_s, 0.2 * pages}, {300_ms, 0.6 * pages}, {700_ms, 0.1 * pages}};
  return {hot, zipf, seq, phased, trace};
}
}  // namespace

TEST_CASE("exact mode with versions: every page's last version reaches the destination") {
  const double pages = 8192;  // 32 MiB
  for (auto mode : {precopy::SwitchoverMode::pure_precopy, precopy::SwitchoverMode::hybrid}) {
    for (const auto& w : workloads(pages)) {
      for (std::uint64_t seed : {1, 2, 3}) {
        CAPTURE(static_cast<int>(mode));
        CAPTURE(static_cast<int>(w.kind));
        CAPTURE(seed);
        precopy::PowervmPolicyConfig c;
        c.max_passes = 4;
        c.max_remaining_bytes = 0_B;  // 1 % of touched pages: the default 64 MiB ends a 32 MiB copy in one pass
        c.max_remaining_fraction = 0.01;
        precopy::PowervmPolicy policy(c);
        precopy::PrecopyConfig cfg;
        cfg.switchover = mode;
        rig::Rig r(seed, verified(32_MiB), w, rig::link(pages * 4096, 1_ms), policy, cfg);
        const rig::Outcome& out = r.run();
        REQUIRE(out.blackout);
        CHECK(out.passes.size() >= 2);
        if (mode == precopy::SwitchoverMode::hybrid) {
          REQUIRE(out.postcopy);
          CHECK(out.blackout->pages_sent == 0);
          CHECK(out.postcopy->pages_pushed + out.postcopy->demand_faults >= out.blackout->pages_left);
        } else {
          CHECK(out.blackout->pages_left == 0);
        }
        CHECK_NOTHROW(r.pages->check_complete());
      }
    }
  }
}

TEST_CASE("post-copy tail: demand faults stall RTT + page time each, pushes finish the rest") {
  precopy::PowervmPolicy policy(rig::two_passes_then_stop());
  precopy::PrecopyConfig cfg;  // hybrid by default (PowerVM)
  const auto w = rig::faulting_workload();
  const double rate = 8192.0 * 4096;  // 32 MiB/s
  rig::Rig r(7, verified(32_MiB), w, rig::link(rate, 2_ms), policy, cfg);
  const rig::Outcome& out = r.run();
  REQUIRE(out.postcopy);
  CHECK(out.blackout->pages_left > 100);
  CHECK(out.postcopy->demand_faults > 10);
  // A page faulted while its push chunk is in flight is counted by both.
  CHECK(out.postcopy->pages_pushed <= out.blackout->pages_left);
  CHECK(out.postcopy->demand_faults <= out.blackout->pages_left);
  CHECK(out.postcopy->pages_pushed + out.postcopy->demand_faults >= out.blackout->pages_left);
  const double per_fault = 0.004 + 4096 / rate;
  CHECK(out.postcopy->stall.seconds() == doctest::Approx(out.postcopy->demand_faults * per_fault).epsilon(1e-9));
  CHECK_NOTHROW(r.pages->check_complete());
}

TEST_CASE("the version check catches a lost update") {
  // A page written after its chunk was taken, with the re-send skipped, must be reported.
  memory::MemoryConfig m = verified(1_MiB);
  m.touched_fraction = 1.0;
  memory::Workload w(rig::workload(memory::WorkloadKind::constant, 1000), m.pages(), m.touched_pages());
  memory::ExactPageState pages(m, w, sim::RngStream(1));
  pages.advance(sim::Time::zero());
  pages.sync();
  const memory::Chunk all = pages.take(1e9);
  CHECK(all.pages == 256);
  pages.advance(sim::Time::zero() + 10_ms);  // 10 pages written while the chunk is in flight
  pages.deliver(all);
  pages.freeze();
  CHECK(pages.dirty_pages() == 10);
  // Forgetting the final sync/transfer loses those 10 updates.
  CHECK_THROWS_AS(pages.check_complete(), sim::CheckFailed);
  pages.sync();
  pages.deliver(pages.take(1e9));
  CHECK_NOTHROW(pages.check_complete());
}

TEST_CASE("QEMU's early sync carries leftovers into the next pass without losing them") {
  precopy::QemuPolicyConfig qc;
  qc.auto_converge = true;
  qc.max_bandwidth.reset();
  precopy::QemuPolicy policy(qc);
  precopy::PrecopyConfig cfg;
  cfg.switchover = precopy::SwitchoverMode::pure_precopy;
  rig::Rig r(3, verified(16_MiB), rig::workload(memory::WorkloadKind::uniform, 20000), rig::link(4096.0 * 4096),
             policy, cfg);
  const rig::Outcome& out = r.run(sim::Time::zero() + 600_s);
  REQUIRE(out.blackout);
  CHECK_NOTHROW(r.pages->check_complete());
}
