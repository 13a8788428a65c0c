#include "synthetic_report.hpp"

#include <string>

namespace test_report {
namespace {

using models::migration::FaultRecord;
using models::migration::MigrationOutcome;
using models::migration::MigrationRecord;
using models::migration::PhaseRecord;
using models::migration::ValidationMessage;
using models::precopy::PassStats;
using sim::Time;

constexpr double page = 4096;

Time at_ns(std::int64_t ns) { return Time::from_ns(ns); }
Time at_ms(std::int64_t ms) { return Time::from_ns(ms * 1'000'000); }

PassStats pass(int index, Time start, Time end, double sent, double dirtied, bool stop) {
  PassStats p;
  p.index = index;
  p.start = start;
  p.end = end;
  p.pages_sent = sent;
  p.wire_bytes = sent * page;
  p.pages_dirtied = dirtied;
  p.page_writes = dirtied * 3;
  p.remaining_pages = dirtied;
  p.effective_bandwidth = sim::BytesPerSecond(p.wire_bytes / (end - start).seconds());
  p.dirty_rate = dirtied / (end - start).seconds();
  p.decision.stop = stop;
  p.decision.rule = stop ? "remaining-below-threshold" : "continue";
  p.decision.remaining_bytes = dirtied * page;
  p.decision.threshold_bytes = stop ? 4'194'304 : 0;
  p.decision.bandwidth = sim::BytesPerSecond(stop ? 2.5e9 : 0);
  p.decision.expected_downtime = sim::Duration::from_ns(stop ? 983'040 : 0);
  return p;
}

MigrationRecord completed_db01() {
  MigrationRecord m;
  m.lpar = "db01";
  m.lpar_id = 3;
  m.source = "sysA";
  m.destination = "sysB";
  m.source_msp = "vios1";
  m.dest_msp = "vios2";
  m.outcome = MigrationOutcome::completed;
  m.requested = at_ms(0);
  m.started = at_ms(0);
  m.ended = at_ms(31'000);
  m.memory = sim::Bytes(64LL << 30);
  m.passes = {pass(1, at_ms(5'000), at_ms(25'000), 12'000'000, 800'000, false),
              pass(2, at_ms(25'000), at_ms(26'500), 800'000, 60'000, false),
              pass(3, at_ms(26'500), at_ns(26'625'000'000), 60'000, 5'000, false),
              pass(4, at_ns(26'625'000'000), at_ns(26'640'123'456), 5'000, 600, true)};
  m.stop = models::precopy::StopReport{at_ns(26'640'123'456), 4, 600, 600 * page,
                                       m.passes.back().decision};
  m.phases = {{"validation", at_ms(0), at_ms(2'000), "14 checks passed"},
              {"preparation", at_ms(2'000), at_ms(5'000), "drmgr check 1s; pre 2s"},
              {"precopy", at_ms(5'000), at_ns(26'640'123'456), "4 passes"},
              {"suspend", at_ns(26'640'123'456), at_ms(26'900), "1 join attempt"},
              {"stop_and_copy", at_ms(26'800), at_ms(27'450), "suspended → resumed"},
              {"resume", at_ms(27'400), at_ms(27'500), ""},
              {"postcopy", at_ms(27'500), at_ms(29'000), "600 pages pushed"},
              {"completion", at_ms(29'000), at_ms(31'000), "source resources freed"}};
  m.bytes_sent = (12'000'000 + 800'000 + 60'000 + 5'000 + 600) * page + 16'777'216;
  m.remote_faults = 42;
  m.fault_stall = sim::Duration::from_ns(21'000'000);
  m.blackout = sim::Duration::from_ns(650'000'000);
  m.postcopy_window = sim::Duration::from_ns(1'500'000'000);
  m.validation = {{"LPMSIM-V031", ValidationMessage::Severity::warning,
                   "No redundant MSP pair; the migration uses a single stream", true}};
  m.post_requisites = {"Add the partition back to its partition workload group"};
  return m;
}

MigrationRecord rolled_back_web02() {
  MigrationRecord m;
  m.lpar = "web02";
  m.lpar_id = 5;
  m.source = "sysA";
  m.destination = "sysC";
  m.source_msp = "vios1";
  m.dest_msp = "vios1";
  m.outcome = MigrationOutcome::rolled_back;
  m.outcome_detail = "link lnk-a-c down during pass 2, \"stream aborted\"";
  m.requested = at_ms(0);
  m.started = at_ms(3'000);
  m.ended = at_ms(22'000);
  m.memory = sim::Bytes(16LL << 30);
  m.passes = {pass(1, at_ms(6'000), at_ms(15'000), 4'000'000, 300'000, false)};
  m.phases = {{"queued", at_ms(0), at_ms(3'000), "waiting for vios1 (concurrency_lvl 1)"},
              {"validation", at_ms(3'000), at_ms(4'000), ""},
              {"preparation", at_ms(4'000), at_ms(6'000), ""},
              {"precopy", at_ms(6'000), at_ms(20'000), "aborted in pass 2"},
              {"rollback", at_ms(20'000), at_ms(22'000), "destination shell removed"}};
  m.bytes_sent = 4'000'000 * page + 1'000'000'000.5;
  return m;
}

MigrationRecord rejected_app03() {
  MigrationRecord m;
  m.lpar = "app03";
  m.lpar_id = 7;
  m.source = "sysB";
  m.destination = "sysA";
  m.outcome = MigrationOutcome::rejected;
  m.outcome_detail = "validation failed";
  m.requested = at_ms(1'000);
  m.started = at_ms(1'000);
  m.ended = at_ms(1'500);
  m.memory = sim::Bytes(8LL << 30);
  m.phases = {{"validation", at_ms(1'000), at_ms(1'500), "2 errors"}};
  m.validation = {{"HSCLA319", ValidationMessage::Severity::error,
                   "The migrating partition's virtual SCSI adapter 4 cannot be hosted by the "
                   "existing Virtual I/O "
                   "Server (VIOS) partitions on the destination managed system.",
                   false},
                  {"LPMSIM-V017", ValidationMessage::Severity::error,
                   "Destination sysA has 6 GiB of free memory, the partition needs 8 GiB", false},
                  {"LPMSIM-V030", ValidationMessage::Severity::warning,
                   "No redundant VIOS path on the destination", false}};
  return m;
}

}  // namespace

app::report::RunReport synthetic_report() {
  app::report::RunReport r;
  r.scenario_file = "scenarios/synthetic.json";
  r.seed = 42;
  r.version = "0.1.0";
  r.end = at_ms(31'000);
  r.events_executed = 12'345;
  r.scenario = {{"name", "synthetic"}, {"seed", 42}, {"hmc", {{"max_active_migrations", 16}}}};
  r.migrations = {completed_db01(), rolled_back_web02(), rejected_app03()};
  r.faults = {FaultRecord{at_ms(20'000), "link_down", "lnk-a-c", "cable pulled"}};
  r.link_samples = {{at_ms(0), "lnk-a-b", sim::BytesPerSecond(0), 0.0},
                    {at_ms(5'000), "lnk-a-b", sim::BytesPerSecond(2.4576e9), 0.78643},
                    {at_ms(6'000), "lnk-a-c", sim::BytesPerSecond(1.8e9), 0.576},
                    {at_ms(20'000), "lnk-a-c", sim::BytesPerSecond(0), 0.0},
                    {at_ms(27'500), "lnk-a-b", sim::BytesPerSecond(1.0e8), 0.032},
                    {at_ms(29'000), "lnk-a-b", sim::BytesPerSecond(0), 0.0}};
  r.msp_samples = {{at_ms(0), "sysA", "vios1", 1},
                   {at_ms(3'000), "sysA", "vios1", 2},
                   {at_ms(22'000), "sysA", "vios1", 1},
                   {at_ms(31'000), "sysA", "vios1", 0}};
  r.hmc_queue = {{at_ms(0), 1}, {at_ms(3'000), 0}};
  return r;
}

app::report::RunReport fleet_report(std::size_t n) {
  app::report::RunReport r = synthetic_report();
  r.scenario_file = "scenarios/fleet.json";
  r.migrations.clear();
  r.link_samples.clear();
  r.msp_samples.clear();
  for (std::size_t i = 0; i < n; ++i) {
    MigrationRecord m = i % 13 == 5   ? rolled_back_web02()
                        : i % 17 == 9 ? rejected_app03()
                                      : completed_db01();
    auto shift = sim::Duration::from_ns(static_cast<std::int64_t>(i / 8) * 33'000'000'000LL +
                                        static_cast<std::int64_t>(i % 8) * 1'250'000'000LL);
    m.lpar = "lpar" + std::to_string(i + 1);
    m.lpar_id = static_cast<int>(i) + 10;
    m.source = "sys" + std::to_string(i % 5 + 1);
    m.destination = "sys" + std::to_string((i + 2) % 5 + 1);
    m.requested += shift;
    if (m.started) *m.started += shift;
    m.ended += shift;
    for (auto& p : m.phases) p.start += shift, p.end += shift;
    for (auto& p : m.passes) p.start += shift, p.end += shift;
    r.migrations.push_back(m);
  }
  for (int t = 0; t < 40; ++t) {
    for (int k = 0; k < 4; ++k) {
      double u = 0.5 + 0.45 * ((t * 7 + k * 3) % 10) / 10.0;
      r.link_samples.push_back(
          {at_ms(t * 4'500), "lnk-" + std::to_string(k + 1), sim::BytesPerSecond(u * 3.125e9), u});
    }
  }
  r.end = r.migrations.empty() ? r.end : r.migrations.back().ended;
  return r;
}

}  // namespace test_report
