// Stop policies behave as the systems they model (precopy-models.md §1.3, §4.1–§4.3, §5, §8):
// non-convergence ends at each engine's limit, QEMU's auto-converge converges by throttling,
// zero dirtying means one pass and a state-only blackout, and every decision is traced.
#include <doctest/doctest.h>

#include <algorithm>
#include <set>

#include "models/precopy/powervm_policy.hpp"
#include "models/precopy/qemu_policy.hpp"
#include "models/precopy/simgrid_policy.hpp"
#include "models/precopy/xen_policy.hpp"
#include "rig.hpp"

using namespace models;
using namespace sim::literals;

namespace {
using rig::kMem;
using rig::kPages;

// A threshold relative to the partition (1 % of touched pages) instead of the default 64 MiB,
// which would stop these 64 MiB partitions after one pass.
precopy::PowervmPolicyConfig one_percent_rule() {
  precopy::PowervmPolicyConfig c;
  c.max_remaining_bytes = 0_B;
  c.max_remaining_fraction = 0.01;
  return c;
}

memory::MemoryConfig mem(memory::Representation rep) {
  memory::MemoryConfig m;
  m.memory = 64_MiB;
  m.representation = rep;
  return m;
}

precopy::PrecopyConfig pure_precopy(sim::Bytes state = 0_B) {
  precopy::PrecopyConfig c;
  c.switchover = precopy::SwitchoverMode::pure_precopy;
  c.state_bytes = state;
  return c;
}

// Distinct pages dirtied at twice the link rate: pre-copy cannot converge (§2, λ ≥ 1).
memory::WorkloadConfig too_fast() { return rig::workload(memory::WorkloadKind::constant, 2 * kPages); }
}  // namespace

TEST_CASE("dirtying faster than the link: Xen stops at its limits (§1.3)") {
  for (auto rep : {memory::Representation::exact, memory::Representation::expected}) {
    CAPTURE(static_cast<int>(rep));
    SUBCASE("classic: total sent > 3 × memory after the 4th full round") {
      precopy::XenPolicy policy;
      rig::Rig r(1, mem(rep), too_fast(), rig::link(kMem), policy, pure_precopy());
      const rig::Outcome& out = r.run();
      REQUIRE(out.passes.size() == 4);
      CHECK(out.passes.back().decision.rule == "max-factor");
      for (const auto& p : out.passes) CHECK(p.pages_sent == doctest::Approx(kPages));
      CHECK(out.blackout->pages_sent == doctest::Approx(kPages));  // the whole memory, suspended
    }
    SUBCASE("classic without the factor cap: 29 live rounds (DEF_MAX_ITERS), the 30th suspended") {
      precopy::XenPolicyConfig c;
      c.max_factor = 1e9;
      precopy::XenPolicy policy(c);
      rig::Rig r(1, mem(rep), too_fast(), rig::link(kMem), policy, pure_precopy());
      const rig::Outcome& out = r.run();
      CHECK(out.passes.size() == 29);
      CHECK(out.passes.back().decision.rule == "max-iterations");
    }
    SUBCASE("migration v2: 5 iterations (SPP_MAX_ITERATIONS)") {
      precopy::XenPolicy policy(precopy::XenPolicyConfig::migration_v2());
      rig::Rig r(1, mem(rep), too_fast(), rig::link(kMem), policy, pure_precopy());
      const rig::Outcome& out = r.run();
      CHECK(out.passes.size() == 5);
      CHECK(out.passes.back().decision.rule == "max-iterations");
    }
  }
}

TEST_CASE("dirtying faster than the link: PowerVM stops on no progress, or at the pass limit") {
  SUBCASE("no progress for 3 passes") {
    precopy::PowervmPolicy policy(one_percent_rule());
    rig::Rig r(1, mem(memory::Representation::expected), too_fast(), rig::link(kMem), policy, pure_precopy());
    const rig::Outcome& out = r.run();
    CHECK(out.passes.size() == 4);
    CHECK(out.passes.back().decision.rule == "no-progress");
  }
  SUBCASE("pass limit") {
    precopy::PowervmPolicyConfig c = one_percent_rule();
    c.no_progress_passes = 0;
    c.max_passes = 12;
    precopy::PowervmPolicy policy(c);
    rig::Rig r(1, mem(memory::Representation::exact), too_fast(), rig::link(kMem), policy, pure_precopy());
    const rig::Outcome& out = r.run();
    CHECK(out.passes.size() == 12);
    CHECK(out.passes.back().decision.rule == "max-passes");
  }
  SUBCASE("pre-copy timeout") {
    precopy::PowervmPolicyConfig c = one_percent_rule();
    c.no_progress_passes = 0;
    c.max_time = 5500_ms;  // each pass takes 1 s
    precopy::PowervmPolicy policy(c);
    rig::Rig r(1, mem(memory::Representation::expected), too_fast(), rig::link(kMem), policy, pure_precopy());
    const rig::Outcome& out = r.run();
    CHECK(out.passes.size() == 6);
    CHECK(out.passes.back().decision.rule == "timeout");
  }
}

TEST_CASE("QEMU without auto-converge never switches over (§4.1: no round cap, no 3×M cap)") {
  precopy::QemuPolicyConfig c;
  c.max_bandwidth.reset();  // libvirt's unlimited: the link alone paces the passes
  precopy::QemuPolicy policy(c);
  rig::Rig r(1, mem(memory::Representation::expected), too_fast(), rig::link(kMem), policy, pure_precopy());
  const rig::Outcome& out = r.run(sim::Time::zero() + 120_s);
  CHECK(!out.stop);
  CHECK(r.loop->state() == precopy::PrecopyState::copying);
  CHECK(out.passes.size() >= 100);
  CHECK(policy.throttle() == 0);
  r.loop->abort();  // what libvirt/Nova would do
  CHECK(r.loop->state() == precopy::PrecopyState::aborted);
}

TEST_CASE("QEMU auto-converge: throttle 20 %, then +10 % every second high period, until it converges") {
  for (auto rep : {memory::Representation::exact, memory::Representation::expected}) {
    CAPTURE(static_cast<int>(rep));
    precopy::QemuPolicyConfig c;
    c.auto_converge = true;
    c.max_bandwidth.reset();
    precopy::QemuPolicy policy(c);
    rig::Rig r(1, mem(rep), too_fast(), rig::link(kMem), policy, pure_precopy());
    const rig::Outcome& out = r.run(sim::Time::zero() + 600_s);
    REQUIRE(out.stop);
    CHECK(out.stop->decision.rule == "expected-downtime-below-limit");
    // Levels seen: 0, 20, 30, … in steps of 10; the dirty set only shrinks once the throttled
    // rate (1 − p)·D is at most the link rate B = D/2.
    std::vector<double> levels;
    for (const auto& p : out.passes)
      if (levels.empty() || p.throttle != levels.back()) levels.push_back(p.throttle);
    REQUIRE(levels.size() >= 5);
    CHECK(levels[0] == 0);
    CHECK(levels[1] == doctest::Approx(0.20));
    for (std::size_t i = 2; i < levels.size(); ++i) CHECK(levels[i] - levels[i - 1] == doctest::Approx(0.10));
    CHECK(levels.back() >= 0.5);
    // Each step needs two high evaluation periods of ≥ 1 s (passes last 1 s here).
    for (std::size_t i = 1; i < out.passes.size(); ++i)
      if (out.passes[i].throttle > out.passes[i - 1].throttle && out.passes[i - 1].throttle > 0)
        CHECK(out.passes[i - 1].throttle == out.passes[i - 2].throttle);
    // The stop-and-copy respects the 300 ms downtime limit at the measured bandwidth.
    CHECK(out.blackout->transfer_time() <= 300_ms);
  }
}

TEST_CASE("QEMU max-bandwidth limits the live passes only; the stop-and-copy runs at link speed") {
  precopy::QemuPolicy policy;  // max-bandwidth 128 MiB/s: QEMU's MAX_THROTTLE
  precopy::PrecopyConfig cfg = pure_precopy();
  const auto idle = rig::workload(memory::WorkloadKind::constant, 0);
  rig::Rig r(1, mem(memory::Representation::exact), idle, rig::link(4 * 128.0 * 1024 * 1024), policy, cfg);
  const rig::Outcome& out = r.run();
  REQUIRE(out.passes.size() == 1);
  // Pass 1 stops early at pending < bandwidth × 300 ms: the window measured the 128 MiB/s limit.
  const double limit = 128.0 * 1024 * 1024;
  const double left = out.blackout->pages_sent * 4096;
  const double measured = out.passes[0].decision.bandwidth.value();
  CHECK(measured == doctest::Approx(limit).epsilon(0.1));  // 100 ms windows of a paced stream
  CHECK(left > 0);
  CHECK(left < measured * 0.3);
  CHECK(out.passes[0].duration().seconds() == doctest::Approx((kMem - left) / limit).epsilon(0.01));
  CHECK(out.blackout->transfer_time().seconds() == doctest::Approx(left / (4 * limit)).epsilon(1e-6));
}

TEST_CASE("zero dirty rate: one pass, blackout = state transfer only") {
  const auto idle = rig::workload(memory::WorkloadKind::uniform, 0);
  for (auto rep : {memory::Representation::exact, memory::Representation::expected}) {
    for (auto mode : {precopy::SwitchoverMode::pure_precopy, precopy::SwitchoverMode::hybrid}) {
      CAPTURE(static_cast<int>(rep));
      CAPTURE(static_cast<int>(mode));
      precopy::PowervmPolicy policy;
      precopy::PrecopyConfig cfg;
      cfg.switchover = mode;
      cfg.state_bytes = 8_MiB;
      rig::Rig r(1, mem(rep), idle, rig::link(kMem), policy, cfg);
      const rig::Outcome& out = r.run();
      REQUIRE(out.passes.size() == 1);
      CHECK(out.passes[0].pages_sent == kPages);
      CHECK(out.passes[0].remaining_pages == 0);
      CHECK(out.passes[0].decision.rule == "remaining-below-threshold");
      CHECK(out.blackout->pages_sent == 0);
      CHECK(out.blackout->transfer_time() == sim::transfer_time(8_MiB, sim::BytesPerSecond(kMem)));
      if (mode == precopy::SwitchoverMode::hybrid) {
        REQUIRE(out.postcopy);
        CHECK(out.postcopy->demand_faults == 0);
        CHECK(out.postcopy->pages_pushed == 0);
        CHECK(out.postcopy->window() == sim::Duration::zero());
      }
    }
  }
  SUBCASE("xen v2 and simgrid: one pass too") {
    precopy::XenPolicy xen(precopy::XenPolicyConfig::migration_v2());
    precopy::SimgridPolicy simgrid;
    for (precopy::StopPolicy* p : std::initializer_list<precopy::StopPolicy*>{&xen, &simgrid}) {
      rig::Rig r(1, mem(memory::Representation::exact), idle, rig::link(kMem), *p, pure_precopy());
      CHECK(r.run().passes.size() == 1);
    }
  }
  SUBCASE("classic Xen judges what a round sent: a second, empty live round, then suspend") {
    precopy::XenPolicy xen;
    rig::Rig r(1, mem(memory::Representation::exact), idle, rig::link(kMem), xen, pure_precopy());
    const rig::Outcome& out = r.run();
    REQUIRE(out.passes.size() == 2);
    CHECK(out.passes[1].pages_sent == 0);
    CHECK(out.passes[1].duration() == sim::Duration::zero());
    CHECK(out.passes[1].decision.rule == "sent-below-target");
  }
}

TEST_CASE("untouched pages are never sent") {
  precopy::PowervmPolicy policy;
  memory::MemoryConfig m = mem(memory::Representation::exact);
  m.touched_fraction = 0.25;
  rig::Rig r(1, m, rig::workload(memory::WorkloadKind::uniform, 0), rig::link(kMem), policy, pure_precopy());
  const rig::Outcome& out = r.run();
  CHECK(out.passes[0].pages_sent == kPages / 4);
  CHECK(out.passes[0].duration() == sim::transfer_time(16_MiB, sim::BytesPerSecond(kMem)));
}

TEST_CASE("every pass and every decision is traced with the numbers behind it") {
  precopy::PowervmPolicyConfig c;
  c.max_remaining_fraction = 0;
  c.max_remaining_bytes = 0_B;
  c.no_progress_passes = 0;
  c.max_passes = 3;
  precopy::PowervmPolicy policy(c);
  rig::Rig r(1, mem(memory::Representation::expected), rig::workload(memory::WorkloadKind::constant, kPages / 4),
             rig::link(kMem), policy, pure_precopy());
  sim::MemoryTraceSink sink;
  r.engine.set_tracer(&sink);
  r.run();
  std::vector<std::string> decisions;
  for (const auto& rec : sink.records())
    if (rec.kind == "precopy.decision") decisions.push_back(sim::to_json_line(rec));
  REQUIRE(decisions.size() == 3);
  CHECK(decisions[0] ==
        R"({"t":1000000000,"kind":"precopy.decision","component":"lpar/test","pass":1,"policy":"powervm",)"
        R"("stop":false,"rule":"continue","remaining_bytes":16777216,"threshold_bytes":0,"bandwidth":0,)"
        R"("expected_downtime":0,"throttle":0})");
  CHECK(decisions[2].find(R"("stop":true,"rule":"max-passes")") != std::string::npos);
}

TEST_CASE("determinism: same seed → byte-identical trace; another seed → a different one") {
  const auto trace_of = [](std::uint64_t seed) {
    precopy::PowervmPolicy policy(one_percent_rule());
    auto w = rig::workload(memory::WorkloadKind::hot_cold, 20000);
    rig::Rig r(seed, mem(memory::Representation::exact), w, rig::link(kMem, 1_ms), policy, precopy::PrecopyConfig{});
    sim::MemoryTraceSink sink;
    r.engine.set_tracer(&sink);
    r.run();
    std::string all;
    for (const auto& rec : sink.records()) all += sim::to_json_line(rec) + "\n";
    return all;
  };
  const std::string a = trace_of(5);
  CHECK(a.find("postcopy.state") != std::string::npos);
  CHECK(a == trace_of(5));
  CHECK(a != trace_of(6));
}
