// issue 20: verify covers the convergence policies — the management layer above the stop policy
// stops, aborts (rolls back), forces post-copy or stop-and-copy and throttles, and every fault at
// every protocol point still keeps every invariant. The quickstart's 64 GiB partition, each layer
// owning the stop decision so that it, not the stop policy, ends the pre-copy.
#include <doctest/doctest.h>

#include <string>

#include "app/scenario/loader.hpp"
#include "app/studies/verify.hpp"

namespace {
namespace st = app::studies;
namespace pc = models::precopy;
using namespace sim::literals;

pc::ConvergenceConfig owning(pc::ConvergenceConfig c) {
  c.owns_stop = true;
  return c;
}

// A completion timeout of 6.4 s for the 64 GiB partition: it fires at the end of pass 1 (~22 s),
// before QEMU's 300 ms downtime limit (a one-step ramp, the rule of a layer owning the stop).
pc::ConvergenceConfig timeout(pc::ConvergenceAction action) {
  pc::ConvergenceConfig c = pc::convergence_preset(pc::ConvergencePolicyKind::custom);
  c.ramp_max_downtime = 300_ms;
  c.ramp_steps = 1;
  c.ramp_step_delay_per_gib = 0_s;
  c.completion_timeout_per_gib = 100_ms;
  c.completion_action = action;
  return owning(c);
}

// Nova's ramp with steps every 0.1 s per GiB (6.4 s for 64 GiB) instead of 75 s: Nova's own
// 80 min per step would make thousands of passes, and as many protocol points to explore.
pc::ConvergenceConfig quick_nova() {
  pc::ConvergenceConfig c = pc::convergence_preset(pc::ConvergencePolicyKind::nova);
  c.ramp_step_delay_per_gib = 100_ms;
  return owning(c);
}

// Above the stop policy: no new low of the remaining data for 0.5 s → post-copy. With the flat
// workload below the remaining data is the whole working set after every pass, so the stall
// fires at the end of pass 3, one pass before PowerVM's own no-progress rule would.
pc::ConvergenceConfig stall() {
  pc::ConvergenceConfig c = pc::convergence_preset(pc::ConvergencePolicyKind::custom);
  c.stall_timeout = 500_ms;
  c.stall_action = pc::ConvergenceAction::postcopy;
  return c;
}

// The quickstart's partition dirtying 10^6 distinct pages/s in a working set of 2 % of its
// touched memory (~1 GiB): saturated again within every pass after the first.
app::scenario::ScenarioSpec flat(app::scenario::ScenarioSpec spec) {
  app::scenario::ConstantDirtySpec d;
  d.dirty_rate = {1e6, app::scenario::DirtyRate::Unit::pages_per_second};
  d.working_set_fraction = 0.02;
  spec.managed_systems.front().lpars.front().workload.dirty = d;
  return spec;
}
}  // namespace

TEST_CASE("issue 20: verify finds no violation under any convergence policy") {
  const auto base = app::scenario::load_scenario_file("scenarios/quickstart.json");
  struct Variant {
    const char* name;
    pc::ConvergenceConfig layer;
    const char* baseline;  // the fault-free outcome
    bool flat = false;     // the flat workload instead of the quickstart's
  };
  const Variant variants[] = {
      {"nova", quick_nova(), "Completed"},
      {"kubevirt", owning(pc::convergence_preset(pc::ConvergencePolicyKind::kubevirt)), "Completed"},
      {"auto_converge", owning(pc::convergence_preset(pc::ConvergencePolicyKind::auto_converge)), "Completed"},
      {"timeout → abort", timeout(pc::ConvergenceAction::abort), "RolledBack"},
      {"timeout → postcopy", timeout(pc::ConvergenceAction::postcopy), "Completed"},
      {"timeout → stop-and-copy", timeout(pc::ConvergenceAction::force_stop_and_copy), "Completed"},
      {"stall", stall(), "Completed", true},
  };
  for (const auto& v : variants) {
    CAPTURE(v.name);
    auto spec = v.flat ? flat(base) : base;
    spec.hmc.settings.convergence = v.layer;
    const st::VerifyResult r = st::verify_scenario(spec, "scenarios", {.depth = 1, .jobs = 2});
    REQUIRE_FALSE(r.plans.empty());
    REQUIRE(r.plans.front().faults.empty());
    REQUIRE(r.plans.front().outcomes.size() == 1);
    CHECK(r.plans.front().outcomes.front() == v.baseline);
    CHECK(r.plans.size() == 1 + r.fault_kinds * r.points);
    CHECK(r.violations() == 0);
  }
}
