// Issue 16: the protocol's missing paths on the small world — a failed blackout resumes the
// partition on the source (blackout measured to the instant it runs again), a partition stranded
// by its source server is reported so, redundant MSP pairs carry the stream on after one fails,
// a VIOS reboots after its repair time, and fault targets follow one naming rule.
#include <doctest/doctest.h>

#include <algorithm>

#include "protocol_world.hpp"

using namespace protocol_test;

namespace {

mm::FaultPlan at_point(mm::FaultKind kind, std::string target, mm::MigrationState state, int pass = 0,
                       sim::Duration delay = sim::Duration::zero()) {
  mm::FaultPlan p;
  p.kind = kind;
  p.target = std::move(target);
  p.point = mm::ProtocolPoint{"db01", state, pass};
  p.delay = delay;
  return p;
}

mm::MemoryProfile busy() {
  mm::MemoryProfile p;
  p.memory.representation = models::memory::Representation::expected;
  p.memory.touched_fraction = 0.9;
  p.workload.kind = models::memory::WorkloadKind::hot_cold;
  p.workload.rate = 30'000;
  return p;
}

struct Run {
  ProtocolWorld w;
  std::unique_ptr<mm::FaultInjector> faults;
  mp::Lpar* lpar = nullptr;

  explicit Run(std::vector<mm::FaultPlan> plans, bool redundant = false) {
    if (redundant) w.add_second_msp_pair();
    lpar = &w.add_lpar("db01", sim::parse_bytes("16GiB"));
    w.make_hmc({}, {{"db01", busy()}});
    faults = std::make_unique<mm::FaultInjector>(*w.hmc, std::move(plans));
    w.tee.add(faults.get());
    faults->arm();
    w.hmc->submit(w.migrate("db01"));
    w.engine.run();
    w.hmc->close_records(w.engine.now());
  }
  const mm::MigrationRecord& record() const { return w.hmc->migrations().front()->record(); }
  const mm::PhaseRecord* phase(const std::string& name) const {
    for (const auto& p : record().phases) {
      if (p.name == name) return &p;
    }
    return nullptr;
  }
};

void check_tokens_returned(ProtocolWorld& w) {
  for (const auto& s : w.world.systems()) CHECK(s->migrations_in_progress(mp::MigrationKind::active) == 0);
  for (const auto& v : w.world.all_vios()) CHECK(v.vios->msp()->active_migrations() == 0);
}

}  // namespace

TEST_CASE("issue 16: a failure between suspend and resume resumes the partition on the source") {
  struct Case {
    const char* name;
    mm::FaultPlan fault;
    const char* detail;
  };
  const std::vector<Case> cases{
      {"link down on the MSP path", at_point(mm::FaultKind::link_down, "switch-b", mm::MigrationState::suspended),
       "resumed on the source after a failed blackout: migration stream lost during the blackout: no path between "
       "the MSPs"},
      {"destination MSP crash", at_point(mm::FaultKind::msp_crash, "sysB/vios1", mm::MigrationState::suspended),
       "resumed on the source after a failed blackout: migration stream lost during the blackout: mover service "
       "partition sysB/vios1 failed"},
      {"destination server failure", at_point(mm::FaultKind::system_failure, "sysB", mm::MigrationState::suspended),
       "resumed on the source after a failed blackout: destination system sysB failed during the blackout"},
  };
  for (const auto& c : cases) {
    SUBCASE(c.name) {
      Run r({c.fault});
      const auto& rec = r.record();
      CHECK(rec.outcome == mm::MigrationOutcome::rolled_back);
      CHECK(rec.outcome_detail == std::string(c.detail));
      CHECK(r.lpar->executing_on() == "sysA");
      CHECK(r.lpar->state() == mp::LparState::running);
      // The blackout runs from the suspend to the instant the source runs the partition again.
      REQUIRE(rec.blackout.has_value());
      const auto* suspend = r.phase("suspend");
      const auto* back = r.phase("resume on source");
      REQUIRE(suspend != nullptr);
      REQUIRE(back != nullptr);
      CHECK(*rec.blackout == back->end - suspend->end);
      CHECK(back->end - back->start == mm::ProtocolSettings{}.resume_on_source);
      CHECK_FALSE(rec.stranded);
      CHECK(r.w.world.system("sysB")->hypervisor().find("db01") == nullptr);
      check_tokens_returned(r.w);
    }
  }
}

TEST_CASE("issue 16: a partition frozen when its source server fails is stranded, its blackout to the end") {
  Run r({at_point(mm::FaultKind::system_failure, "sysA", mm::MigrationState::suspended)});
  const auto& rec = r.record();
  CHECK(rec.outcome == mm::MigrationOutcome::failed);
  CHECK(rec.recoverable);
  CHECK(rec.stranded);
  REQUIRE(rec.blackout.has_value());
  const auto* suspend = r.phase("suspend");
  REQUIRE(suspend != nullptr);
  CHECK(*rec.blackout == r.w.engine.now() - suspend->end);
  CHECK(r.lpar->executing_on().empty());
}

TEST_CASE("issue 16: redundant MSP pairs carry the stream on when one pair fails") {
  SUBCASE("both pairs carry data without a fault") {
    Run r({}, true);
    const auto& rec = r.record();
    CHECK(rec.outcome == mm::MigrationOutcome::completed);
    REQUIRE(rec.msp_pairs.size() == 2);
    CHECK(rec.msp_pairs[0].source_msp == "sysA/vios1");
    CHECK(rec.msp_pairs[1].source_msp == "sysA/vios2");
    CHECK(rec.msp_pairs[0].bytes > 0);
    CHECK(rec.msp_pairs[1].bytes > 0);
    CHECK(rec.msp_pairs[0].bytes + rec.msp_pairs[1].bytes == doctest::Approx(rec.bytes_sent));
    check_tokens_returned(r.w);
  }
  SUBCASE("an MSP of the second pair crashes after pre-copy pass 1: the first pair finishes the migration") {
    Run r({at_point(mm::FaultKind::msp_crash, "sysA/vios2", mm::MigrationState::precopy, 1)}, true);
    const auto& rec = r.record();
    CHECK(rec.outcome == mm::MigrationOutcome::completed);
    CHECK(r.lpar->executing_on() == "sysB");
    REQUIRE(rec.msp_pairs.size() == 2);
    CHECK_FALSE(rec.msp_pairs[0].failed_at.has_value());
    REQUIRE(rec.msp_pairs[1].failed_at.has_value());
    CHECK(rec.msp_pairs[1].failure == "mover service partition sysA/vios2 failed");
    CHECK(rec.msp_pairs[1].bytes > 0);
    CHECK(rec.msp_pairs[0].bytes > rec.msp_pairs[1].bytes);
    CHECK(std::count_if(r.w.trace.records().begin(), r.w.trace.records().end(),
                        [](const sim::TraceRecord& t) { return t.kind == "migration.msp_failover"; }) == 1);
    check_tokens_returned(r.w);
  }
  SUBCASE("the link of the first pair goes down during the blackout: the second pair finishes it") {
    Run r({at_point(mm::FaultKind::link_down, "a-switch", mm::MigrationState::suspended)}, true);
    const auto& rec = r.record();
    CHECK(rec.outcome == mm::MigrationOutcome::completed);
    REQUIRE(rec.msp_pairs.size() == 2);
    CHECK(rec.msp_pairs[0].failed_at.has_value());
    CHECK(rec.msp_pairs[0].failure == "its stream broke");
  }
  SUBCASE("both pairs lost during pre-copy: rolled back") {
    Run r({at_point(mm::FaultKind::msp_crash, "sysA/vios2", mm::MigrationState::precopy, 0, 1_s),
           at_point(mm::FaultKind::msp_crash, "sysB/vios1", mm::MigrationState::precopy, 1)},
          true);
    CHECK(r.record().outcome == mm::MigrationOutcome::rolled_back);
    CHECK(r.lpar->executing_on() == "sysA");
    check_tokens_returned(r.w);
  }
}

TEST_CASE("issue 16: a VIOS crash with a repair time is a reboot; targets follow the naming rule") {
  SUBCASE("the MSP is back after repair_after and serves the next migration") {
    auto crash = at_point(mm::FaultKind::msp_crash, "sysA/vios1", mm::MigrationState::precopy, 0, 1_s);
    crash.repair_after = 5_min;
    Run r({crash});
    CHECK(r.record().outcome == mm::MigrationOutcome::rolled_back);
    const auto* vios = r.w.world.find_vios("sysA/vios1");
    REQUIRE(vios != nullptr);
    CHECK(vios->operating());
    CHECK(vios->msp()->operating());
    REQUIRE(r.faults->fired().size() == 2);
    CHECK(r.faults->fired()[0].target == "sysA/vios1");
    CHECK(r.faults->fired()[1].kind == "vios_restart");
    CHECK(r.faults->fired()[1].at - r.faults->fired()[0].at == 5_min);
    r.w.hmc->submit(r.w.migrate("db01"));
    r.w.engine.run();
    CHECK(r.w.hmc->migrations().back()->record().outcome == mm::MigrationOutcome::completed);
  }
  SUBCASE("a bare VIOS name resolves only when no other system has a VIOS of that name") {
    ProtocolWorld w;
    CHECK(w.world.find_vios("vios1") == nullptr);  // sysA/vios1 and sysB/vios1
    CHECK(w.world.find_vios("sysB/vios1") == w.world.vios("sysB", "vios1"));
    CHECK(w.world.find_vios("sysC/vios1") == nullptr);
  }
  SUBCASE("HMC connection loss with repair: HMC-driven steps wait, the migration completes") {
    mm::FaultPlan lost;
    lost.kind = mm::FaultKind::hmc_disconnect;
    lost.target = "hmc";
    lost.point = mm::ProtocolPoint{"db01", mm::MigrationState::preparing, 0};
    lost.repair_after = 60_s;
    Run r({lost});
    CHECK(r.record().outcome == mm::MigrationOutcome::completed);
    const auto* prep = r.phase("preparation");
    REQUIRE(prep != nullptr);
    CHECK(prep->end - prep->start >= 60_s);
  }
}

TEST_CASE("issue 16: inactive partition mobility moves a Not Activated partition as configuration only") {
  ProtocolWorld w;
  mp::LparConfig c;
  c.id = 30;
  c.name = "batch01";
  c.state = mp::LparState::not_activated;
  c.memory_min = c.memory_desired = c.memory_max = sim::parse_bytes("32GiB");
  c.processors.virtual_procs = 4;
  auto& lpar = w.world.add_lpar("sysA", c);
  w.make_hmc();
  const auto before = w.free_lmbs();
  w.hmc->submit(w.migrate("batch01"));
  w.engine.run();
  const auto& m = *w.hmc->migrations().front();
  const auto& rec = m.record();
  CHECK(m.inactive());
  CHECK(rec.outcome == mm::MigrationOutcome::completed);
  CHECK(rec.migration_type == "inactive");
  CHECK(rec.msp_pairs.empty());
  CHECK(rec.bytes_sent == 0);
  CHECK_FALSE(rec.blackout.has_value());
  CHECK(rec.passes.empty());
  std::vector<std::string> names;
  for (const auto& p : rec.phases) names.push_back(p.name);
  CHECK(names == std::vector<std::string>{"validation", "mapping", "preparation", "profile transfer", "completion"});
  const mm::ProtocolSettings s;
  CHECK(rec.phases[3].end - rec.phases[3].start == s.inactive_profile_transfer);
  CHECK(rec.phases[2].end - rec.phases[2].start == s.shell_creation);  // no adapters, no MSP set-up
  CHECK(lpar.state() == mp::LparState::not_activated);
  CHECK(lpar.executing_on().empty());
  CHECK(w.world.system("sysA")->hypervisor().find("batch01") == nullptr);
  CHECK(w.world.system("sysB")->hypervisor().find("batch01") != nullptr);
  CHECK(w.world.home_of(lpar)->name() == "sysB");
  const auto after = w.free_lmbs();
  CHECK(after.first == before.first + 128);
  CHECK(after.second == before.second - 128);
  // It showed "Migrating - Not Activated" meanwhile (§4.2) and used the inactive limit only.
  bool shown = false;
  for (const auto& r : w.trace.records()) {
    for (const auto& f : r.fields) {
      if (r.kind == "lpar.state" && f.key == "to" && std::get<std::string>(f.value) == "Migrating - Not Activated") shown = true;
    }
  }
  CHECK(shown);
  for (const auto& sys : w.world.systems()) CHECK(sys->migrations_in_progress(mp::MigrationKind::inactive) == 0);
  for (const auto& v : w.world.all_vios()) CHECK(v.vios->msp()->active_migrations() == 0);
}

TEST_CASE("issue 16: migrlpar -o s must name the source managed system") {
  ProtocolWorld w;
  w.add_lpar("db01", sim::parse_bytes("16GiB"));
  w.make_hmc({}, {{"db01", busy()}});
  w.hmc->submit(w.migrate("db01"));
  w.engine.run_until(sim::Time::zero() + 18_s);  // pre-copy started at 17 s
  auto stop = w.migrate("db01");
  stop.operation = mm::MigrlparOperation::stop;
  stop.source_system = "sysB";  // -o s -m sysB: the destination
  CHECK_FALSE(w.hmc->submit(stop));
  stop.source_system = "sysA";
  CHECK(w.hmc->submit(stop));
  w.engine.run();
  CHECK(w.hmc->migrations().front()->record().outcome == mm::MigrationOutcome::rolled_back);
}
