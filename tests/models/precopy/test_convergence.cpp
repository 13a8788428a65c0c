// The management layer above the stop policy (issue 20): each convergence policy's decisions
// pinned on a small case — a 64 MiB partition dirtying every page twice as fast as a 64 MiB/s
// link, under a stop policy that never stops by itself, so that every stop, abort and throttle
// below is the layer's. Pass k ends at exactly k seconds (each pass sends the whole memory).
#include <doctest/doctest.h>

#include "models/precopy/convergence_policy.hpp"
#include "models/precopy/powervm_policy.hpp"
#include "rig.hpp"

using namespace models;
using namespace sim::literals;

namespace {
using rig::kMem;
using rig::kPages;
constexpr double kPerGib = 16;  // GiB⁻¹ of the 64 MiB partition: per-GiB values × 1/16

precopy::PowervmPolicyConfig never_stops() {
  precopy::PowervmPolicyConfig c;
  c.max_remaining_bytes = sim::Bytes(0);
  c.no_progress_passes = 0;
  c.max_passes = 1000;
  return c;
}

memory::MemoryConfig mem() {
  memory::MemoryConfig m;
  m.memory = 64_MiB;
  m.representation = memory::Representation::expected;
  return m;
}

precopy::PrecopyConfig mode(precopy::SwitchoverMode switchover) {
  precopy::PrecopyConfig c;
  c.switchover = switchover;
  c.state_bytes = 0_B;
  return c;
}

// A layer of its own values, with no 2 GiB floor.
precopy::ConvergenceConfig custom() {
  precopy::ConvergenceConfig c = precopy::convergence_preset(precopy::ConvergencePolicyKind::custom);
  c.min_gib = 0;
  return c;
}

struct Case {
  precopy::PowervmPolicy policy{never_stops()};
  precopy::ConvergencePolicy layer;
  rig::Rig rig;
  std::string aborted;
  Case(precopy::ConvergenceConfig c, precopy::SwitchoverMode m = precopy::SwitchoverMode::hybrid)
      : layer(c, kMem),
        rig(1, mem(), rig::workload(memory::WorkloadKind::constant, 2 * kPages), rig::link(kMem), policy, mode(m)) {
    rig.loop->set_convergence(&layer);
  }
  rig::Outcome& run() { return rig.run(sim::Time::zero() + 60_s); }
};
}  // namespace

TEST_CASE("issue 20: the downtime ramp follows Nova's downtime_steps") {
  // nova/virt/libvirt/migration.py's own example: 10 steps, 30 s per GiB, 3 GiB, 400 ms.
  precopy::ConvergenceConfig c = custom();
  c.ramp_max_downtime = 400_ms;
  c.ramp_steps = 10;
  c.ramp_step_delay_per_gib = 30_s;
  precopy::ConvergencePolicy nova(c, 3.0 * 1024 * 1024 * 1024);
  CHECK(nova.allowed_downtime(0_s) == 40_ms);
  CHECK(nova.allowed_downtime(89_s) == 40_ms);
  CHECK(nova.allowed_downtime(90_s) == 76_ms);
  CHECK(nova.allowed_downtime(450_s) == 220_ms);
  CHECK(nova.allowed_downtime(900_s) == 400_ms);
  CHECK(nova.allowed_downtime(5000_s) == 400_ms);
}

TEST_CASE("issue 20: the presets carry their sources' defaults") {
  const auto nova = precopy::convergence_preset(precopy::ConvergencePolicyKind::nova);
  CHECK(nova.ramp_max_downtime == 500_ms);
  CHECK(nova.ramp_steps == 10);
  CHECK(nova.ramp_step_delay_per_gib == 75_s);
  CHECK(nova.completion_timeout_per_gib == 800_s);
  CHECK(nova.completion_action == precopy::ConvergenceAction::abort);
  CHECK(nova.min_gib == 2);
  const auto kubevirt = precopy::convergence_preset(precopy::ConvergencePolicyKind::kubevirt);
  CHECK(kubevirt.stall_timeout == 150_s);
  CHECK(kubevirt.completion_timeout_per_gib == 150_s);
  CHECK(kubevirt.stall_action == precopy::ConvergenceAction::abort);
  CHECK_FALSE(kubevirt.auto_converge);
  CHECK(precopy::convergence_preset(precopy::ConvergencePolicyKind::auto_converge).auto_converge);
  CHECK_FALSE(precopy::convergence_preset(precopy::ConvergencePolicyKind::powervm).active());
  // 64 MiB under Nova counts as 2 GiB: 1600 s to the completion timeout.
  CHECK(precopy::ConvergencePolicy(nova, kMem).completion_timeout() == 1600_s);
}

TEST_CASE("issue 20: downtime ramp — stops once the expected downtime is within the step reached") {
  precopy::ConvergenceConfig c = custom();
  c.ramp_max_downtime = 2_s;  // steps 0.5, 0.875, 1.25, … s, one every 2 s
  c.ramp_steps = 4;
  c.ramp_step_delay_per_gib = sim::Duration::from_ns(static_cast<std::int64_t>(2e9 * kPerGib));
  Case k(c);
  const auto& out = k.run();
  // Every page is dirty after each 1 s pass: 64 MiB at 64 MiB/s = 1 s expected downtime, within
  // the third step (1.25 s) reached at 4 s.
  REQUIRE(out.passes.size() == 4);
  CHECK(out.passes[0].convergence.allowed_downtime == 500_ms);
  CHECK(out.passes[2].convergence.allowed_downtime == 875_ms);
  CHECK(out.passes[2].convergence.action == "continue");
  CHECK(out.passes[3].convergence.allowed_downtime == 1250_ms);
  CHECK(out.passes[3].convergence.expected_downtime.seconds() == doctest::Approx(1.0));
  CHECK(out.passes[3].convergence.action == "stop");
  CHECK(out.passes[3].decision.rule == "custom:downtime-ramp");
  CHECK(out.stop.has_value());
  CHECK(k.rig.loop->switchover() == precopy::SwitchoverMode::hybrid);  // the configured mode
}

TEST_CASE("issue 20: completion timeout — each action") {
  precopy::ConvergenceConfig c = custom();
  c.completion_timeout_per_gib = sim::Duration::from_ns(static_cast<std::int64_t>(2.5e9 * kPerGib));  // 2.5 s
  SUBCASE("postcopy: a pure pre-copy resumes on the destination and leaves the pages to post-copy") {
    c.completion_action = precopy::ConvergenceAction::postcopy;
    Case k(c, precopy::SwitchoverMode::pure_precopy);
    const auto& out = k.run();
    REQUIRE(out.passes.size() == 3);
    CHECK(out.passes[2].decision.rule == "custom:completion-timeout");
    CHECK(out.passes[2].convergence.then == "postcopy");
    REQUIRE(out.blackout.has_value());
    CHECK(out.blackout->pages_sent == 0);
    CHECK(out.blackout->pages_left > 0.9 * kPages);
    CHECK(out.postcopy.has_value());
  }
  SUBCASE("force_stop_and_copy: a hybrid migration sends everything while suspended") {
    c.completion_action = precopy::ConvergenceAction::force_stop_and_copy;
    Case k(c, precopy::SwitchoverMode::hybrid);
    const auto& out = k.run();
    REQUIRE(out.passes.size() == 3);
    REQUIRE(out.blackout.has_value());
    CHECK(out.blackout->pages_left == 0);
    CHECK(out.blackout->pages_sent > 0.9 * kPages);
    CHECK(out.blackout->transfer_time() > 900_ms);  // the whole memory at 64 MiB/s, suspended
  }
  SUBCASE("abort: the loop stops copying and asks the protocol to roll back") {
    c.completion_action = precopy::ConvergenceAction::abort;
    Case k(c);
    precopy::PrecopyHooks hooks;
    hooks.on_stop_decided = [](const precopy::StopReport&) { FAIL("no stop after an abort"); };
    hooks.on_abort_requested = [&k](const std::string& why) { k.aborted = why; };
    k.rig.loop->start(hooks);
    k.rig.engine.run_until(sim::Time::zero() + 60_s);
    CHECK(k.rig.loop->state() == precopy::PrecopyState::aborted);
    CHECK(k.rig.loop->passes().size() == 3);
    CHECK(k.aborted == "custom management layer: completion-timeout → abort");
    CHECK(k.rig.loop->passes().back().convergence.action == "abort");
  }
}

TEST_CASE("issue 20: stall detection — no new low of the remaining data for the window") {
  precopy::ConvergenceConfig c = custom();
  c.stall_timeout = 2_s;
  c.stall_action = precopy::ConvergenceAction::abort;
  Case k(c);
  precopy::PrecopyHooks hooks;
  hooks.on_abort_requested = [&k](const std::string& why) { k.aborted = why; };
  k.rig.loop->start(hooks);
  k.rig.engine.run_until(sim::Time::zero() + 60_s);
  // The remaining data is the whole memory after every pass: its low was set at 1 s; at 3 s
  // 2 s have passed (not more), at 4 s 3 s have.
  CHECK(k.rig.loop->passes().size() == 4);
  CHECK(k.aborted == "custom management layer: stall → abort");
}

TEST_CASE("issue 20: KubeVirt's watermark polls the remaining data every 400 ms") {
  // Each pass sends the whole 64 MiB in 1 s and the sync finds it all dirty again: after the
  // sync the remaining is always the whole memory, but a poll sees it falling. Polls fall at
  // 0.4 s steps: the last one before the sync at 1 s is at 0.8 s (12.8 MiB still to send), at 2 s
  // exactly (0 — a new low, the last), at 2.8 s (12.8 MiB), at 4 s (0, not lower). With a 2 s
  // window the stall fires at the first pass end more than 2 s after 2 s: 5 s.
  precopy::ConvergenceConfig c = custom();
  c.stall_timeout = 2_s;
  c.stall_action = precopy::ConvergenceAction::abort;
  c.monitor_interval = 400_ms;
  Case k(c);
  precopy::PrecopyHooks hooks;
  hooks.on_abort_requested = [&k](const std::string& why) { k.aborted = why; };
  k.rig.loop->start(hooks);
  k.rig.engine.run_until(sim::Time::zero() + 60_s);
  CHECK(k.rig.loop->passes().size() == 5);
  CHECK(k.aborted == "custom management layer: stall → abort");
  CHECK(precopy::convergence_preset(precopy::ConvergencePolicyKind::kubevirt).monitor_interval == 400_ms);
  CHECK(precopy::convergence_preset(precopy::ConvergencePolicyKind::nova).monitor_interval == 0_s);
}

TEST_CASE("issue 20: auto-converge throttles under any stop policy, as QEMU's cpu-throttle") {
  precopy::ConvergenceConfig c = custom();
  c.auto_converge = true;
  Case k(c);
  const auto& passes = k.rig.run(sim::Time::zero() + 8500_ms).passes;
  REQUIRE(passes.size() >= 8);
  // Dirtied > 50 % of sent at two evaluations (passes 1 and 2) → 20 %, then +10 % every two.
  CHECK(passes[0].throttle == 0);
  CHECK(passes[1].throttle == 0);
  CHECK(passes[1].convergence.throttle == doctest::Approx(0.2));
  CHECK(passes[2].throttle == doctest::Approx(0.2));
  CHECK(passes[4].throttle == doctest::Approx(0.3));
  CHECK(passes[6].throttle == doctest::Approx(0.4));
  CHECK(passes[7].decision.throttle == doctest::Approx(0.5));
  CHECK(passes[1].convergence.action == "continue");
}

TEST_CASE("issue 20: without a layer (PowerVM's default) no pass carries a convergence note") {
  precopy::PowervmPolicyConfig pc = never_stops();
  pc.max_passes = 3;
  precopy::PowervmPolicy policy(pc);
  rig::Rig r(1, mem(), rig::workload(memory::WorkloadKind::constant, 2 * kPages), rig::link(kMem), policy,
             mode(precopy::SwitchoverMode::hybrid));
  const auto& out = r.run();
  REQUIRE(out.passes.size() == 3);
  for (const auto& p : out.passes) CHECK(p.convergence.policy.empty());
  CHECK(out.passes.back().decision.rule == "max-passes");
}
