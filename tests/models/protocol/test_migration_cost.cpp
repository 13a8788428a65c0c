// What a migration costs (issue 20): the identities the cost figures must satisfy on a small
// world — bytes on each link of the path = bytes sent; mover CPU-seconds = transfer time × CPUs
// busy; memory held twice from the shell's reservation to the source's cleanup; energy = CPU
// part + memory part, inside the power model's bounds; application impact = throttled
// CPU-seconds + post-copy stall.
#include <doctest/doctest.h>

#include "models/migration/migration_cost.hpp"
#include "protocol_world.hpp"

using namespace protocol_test;

namespace {

mm::MemoryProfile profile(models::memory::WorkloadKind kind, double writes_per_second) {
  mm::MemoryProfile p;
  p.memory.representation = models::memory::Representation::expected;
  p.memory.touched_fraction = 0.9;
  p.workload.kind = kind;
  p.workload.rate = writes_per_second;
  return p;
}

const mm::PhaseRecord& phase_of(const mm::MigrationRecord& r, const std::string& name) {
  for (const auto& p : r.phases) {
    if (p.name == name) return p;
  }
  FAIL("no phase " << name);
  return r.phases.front();
}

constexpr double kRatePerCpu = 1.25e9;  // protocol_world: 10 Gbit/s per MSP CPU
constexpr double kGiB = 1024.0 * 1024 * 1024;

}  // namespace

TEST_CASE("issue 20: a completed migration's cost adds up") {
  ProtocolWorld w;
  w.add_lpar("db01", sim::parse_bytes("8GiB"));
  w.make_hmc({}, {{"db01", profile(models::memory::WorkloadKind::hot_cold, 20'000)}});
  w.hmc->submit(w.migrate("db01"));
  w.engine.run();
  const auto& r = w.hmc->migrations().front()->record();
  REQUIRE(r.outcome == mm::MigrationOutcome::completed);
  const mm::MigrationCost& c = r.cost;

  SUBCASE("bytes on each link of the path equal the bytes sent") {
    REQUIRE(c.link_bytes.size() == 2);
    CHECK(c.link_bytes[0].link == "a-switch");
    CHECK(c.link_bytes[1].link == "switch-b");
    for (const auto& l : c.link_bytes) CHECK(l.bytes == doctest::Approx(r.bytes_sent).epsilon(1e-12));
    CHECK(r.bytes_sent > 0.9 * 8 * kGiB);
  }
  SUBCASE("mover CPU-seconds are the bytes moved over what one CPU moves") {
    CHECK(c.source_msp_cpu_seconds == doctest::Approx(r.bytes_sent / kRatePerCpu));
    CHECK(c.dest_msp_cpu_seconds == doctest::Approx(r.bytes_sent / kRatePerCpu));
  }
  SUBCASE("memory is held twice from the shell's reservation to the source's cleanup") {
    CHECK(c.memory_held_twice == sim::parse_bytes("8GiB"));
    CHECK(c.held_twice == phase_of(r, "completion").end - phase_of(r, "preparation").start);
  }
  SUBCASE("energy is the CPU part plus the memory part, within the model's bounds") {
    const auto& power = w.world.system("sysA")->config().power;
    const double per_core = (power.busy_watts - power.idle_watts) / 32;
    CHECK(c.source_energy_joules == doctest::Approx(c.source_msp_cpu_seconds * per_core));
    CHECK(c.dest_energy_joules ==
          doctest::Approx(c.dest_msp_cpu_seconds * per_core + 8 * c.held_twice.seconds() * power.memory_watts_per_gib));
    // No side can add more than every core busy for the whole migration, plus the memory term.
    const double t = r.total().seconds();
    CHECK(c.source_energy_joules > 0);
    CHECK(c.source_energy_joules <= (power.busy_watts - power.idle_watts) * t);
    CHECK(c.dest_energy_joules <= (power.busy_watts - power.idle_watts) * t + 8 * t * power.memory_watts_per_gib);
  }
  SUBCASE("without throttling the application loses only its post-copy stall") {
    CHECK(c.throttled_cpu_seconds == 0);
    CHECK(c.postcopy_stall == r.fault_stall);
    CHECK(c.app_impact_cpu_seconds() == doctest::Approx(r.fault_stall.seconds()));
  }
}

TEST_CASE("issue 20: mover CPU-seconds = transfer time × CPUs busy for an idle partition") {
  // An idle partition is copied in one pass at the movers' cap: level 4 gives 2 threads, the
  // 4-CPU MSP lets both run, so 2 CPUs × 10 Gbit/s = 2.5 GB/s over the 25 Gbit/s link: 2 CPUs busy.
  ProtocolWorld w;
  w.add_lpar("idle01", sim::parse_bytes("4GiB"));
  w.make_hmc({}, {{"idle01", profile(models::memory::WorkloadKind::constant, 0)}});
  w.hmc->submit(w.migrate("idle01"));
  w.engine.run();
  const auto& r = w.hmc->migrations().front()->record();
  REQUIRE(r.outcome == mm::MigrationOutcome::completed);
  REQUIRE(r.passes.size() == 1);
  const auto& pass = r.passes.front();
  const double cpus_busy = pass.effective_bandwidth.value() / kRatePerCpu;
  CHECK(cpus_busy == doctest::Approx(2.0).epsilon(0.01));
  const double state = 16.0 * 1024 * 1024;  // the blackout's device state (PrecopyConfig default)
  CHECK(r.bytes_sent == doctest::Approx(pass.wire_bytes + state));
  CHECK(r.cost.source_msp_cpu_seconds ==
        doctest::Approx(pass.duration().seconds() * cpus_busy + state / kRatePerCpu).epsilon(1e-9));
}

TEST_CASE("issue 20: a rolled-back migration held the memory twice until the destination let go") {
  ProtocolWorld w;
  w.add_lpar("db01", sim::parse_bytes("64GiB"));
  w.make_hmc({}, {{"db01", profile(models::memory::WorkloadKind::hot_cold, 50'000)}});
  w.hmc->submit(w.migrate("db01"));
  w.engine.run_until(sim::Time::zero() + 42_s);
  auto stop = w.migrate("db01");
  stop.operation = mm::MigrlparOperation::stop;
  REQUIRE(w.hmc->submit(stop));
  w.engine.run();
  const auto& r = w.hmc->migrations().front()->record();
  REQUIRE(r.outcome == mm::MigrationOutcome::rolled_back);
  REQUIRE(r.held_twice_from.has_value());
  REQUIRE(r.held_twice_until.has_value());
  CHECK(*r.held_twice_from == phase_of(r, "preparation").start);
  CHECK(*r.held_twice_until <= r.ended);
  CHECK(r.cost.held_twice == *r.held_twice_until - *r.held_twice_from);
  for (const auto& l : r.cost.link_bytes) CHECK(l.bytes == doctest::Approx(r.bytes_sent).epsilon(1e-12));
  CHECK(r.cost.postcopy_stall == sim::Duration::zero());
}

TEST_CASE("issue 20: throttled CPU-seconds integrate the throttle over the passes and up to the suspend") {
  mm::MigrationRecord r;
  models::precopy::PassStats p1, p2;
  p1.start = sim::Time::zero();
  p1.end = sim::Time::zero() + 10_s;
  p1.throttle = 0;
  p2.start = p1.end;
  p2.end = p1.end + 4_s;
  p2.throttle = 0.2;
  p2.decision.throttle = 0.3;  // from the stop decision until the partition suspends
  r.passes = {p1, p2};
  r.phases.push_back({"precopy", sim::Time::zero(), p2.end, {}});
  r.phases.push_back({"suspend", p2.end, p2.end + 2_s, {}});
  // 0.2 × 4 s + 0.3 × 2 s = 1.4 s of a 2.5-core partition.
  CHECK(mm::throttled_cpu_seconds(r, 2.5) == doctest::Approx(3.5));
}

TEST_CASE("issue 20: with redundant MSP pairs each pair's path carries its share of the bytes") {
  ProtocolWorld w;
  w.add_second_msp_pair();
  w.add_lpar("db01", sim::parse_bytes("8GiB"));
  w.make_hmc({}, {{"db01", profile(models::memory::WorkloadKind::hot_cold, 20'000)}});
  w.hmc->submit(w.migrate("db01"));
  w.engine.run();
  const auto& r = w.hmc->migrations().front()->record();
  REQUIRE(r.outcome == mm::MigrationOutcome::completed);
  REQUIRE(r.msp_pairs.size() == 2);
  double on[4] = {0, 0, 0, 0};
  const char* names[4] = {"a-switch", "switch-b", "a2-switch", "switch-b2"};
  for (const auto& l : r.cost.link_bytes)
    for (int i = 0; i < 4; ++i)
      if (l.link == names[i]) on[i] = l.bytes;
  CHECK(on[0] == doctest::Approx(r.msp_pairs[0].bytes));
  CHECK(on[1] == doctest::Approx(r.msp_pairs[0].bytes));
  CHECK(on[2] == doctest::Approx(r.msp_pairs[1].bytes));
  CHECK(on[3] == doctest::Approx(r.msp_pairs[1].bytes));
  CHECK(on[0] + on[2] == doctest::Approx(r.bytes_sent));
  CHECK(on[2] > 0);  // both pairs carried part of the stream
  CHECK(r.cost.source_msp_cpu_seconds == doctest::Approx(r.bytes_sent / kRatePerCpu));
}
