#include "app/report/perfetto_trace.hpp"

#include <algorithm>
#include <map>
#include <string>
#include <vector>

#include "app/report/report_format.hpp"
#include "app/report/trace_event_writer.hpp"

namespace app::report {
namespace {

using Json = nlohmann::ordered_json;
using models::migration::MigrationOutcome;
using models::migration::MigrationRecord;

constexpr int systems_pid = 1;
constexpr int msps_pid = 2;
constexpr int migrations_pid = 3;
constexpr int network_pid = 4;
constexpr int hmc_pid = 5;
constexpr int lanes_per_track = 1000;  // track k's lanes are tids k*1000 … k*1000+999

struct Slice {
  sim::Time start;
  sim::Time end;
  std::string name;
  std::string category;
  Json args;
};

// One logical track: lane 0 carries its name, extra lanes exist only when slices overlap.
void write_track(TraceEventWriter& w, int pid, int track, const std::string& name,
                 std::vector<Slice> slices, bool nest) {
  std::stable_sort(slices.begin(), slices.end(), [](const Slice& a, const Slice& b) {
    return a.start != b.start ? a.start < b.start : a.end > b.end;
  });
  NestingLanes lanes(nest);
  std::vector<int> lane_of;
  for (const auto& s : slices) lane_of.push_back(lanes.place(s.start, s.end));
  int base = track * lanes_per_track;
  for (int k = 0; k < std::max(1, lanes.lanes()); ++k) {
    w.thread(pid, base + k, k == 0 ? name : name + " (" + std::to_string(k + 1) + ")", base + k);
  }
  for (std::size_t i = 0; i < slices.size(); ++i) {
    const auto& s = slices[i];
    w.complete({pid, base + lane_of[i]}, s.name, s.category, s.start, s.end, s.args);
  }
}

bool never_ran(const MigrationRecord& m) {
  return m.outcome == MigrationOutcome::rejected || m.outcome == MigrationOutcome::validated;
}

Slice stream_slice(const MigrationRecord& m, const std::string& name) {
  const sim::Time start = m.started.value_or(m.requested);
  sim::Time end = std::max(start, m.ended);
  return {start, end, name, "migration",
          Json{{"outcome", outcome_key(m.outcome)}, {"total", sim::format_duration(m.total())}}};
}

// Systems and MSPs come from the migrations (and MSP samples), in name order.
void write_system_and_msp_tracks(TraceEventWriter& w, const RunReport& r) {
  std::map<std::string, std::vector<Slice>> systems;
  std::map<std::string, std::vector<Slice>> msps;
  for (const auto& m : r.migrations) {
    systems[m.source];
    systems[m.destination];
    if (never_ran(m)) continue;
    systems[m.source].push_back(stream_slice(m, m.lpar + " → " + m.destination));
    systems[m.destination].push_back(stream_slice(m, m.lpar + " ← " + m.source));
    if (!m.source_msp.empty())
      msps[m.source + "/" + m.source_msp].push_back(
          stream_slice(m, m.lpar + " → " + m.destination));
    if (!m.dest_msp.empty())
      msps[m.destination + "/" + m.dest_msp].push_back(stream_slice(m, m.lpar + " ← " + m.source));
  }
  for (const auto& s : r.msp_samples) msps[s.system + "/" + s.msp];
  int track = 1;
  for (auto& [name, slices] : systems)
    write_track(w, systems_pid, track++, name, std::move(slices), false);
  track = 1;
  for (auto& [name, slices] : msps)
    write_track(w, msps_pid, track++, name, std::move(slices), false);
  for (const auto& s : r.msp_samples) {
    w.counter(msps_pid, s.system + "/" + s.msp + " active migrations", s.at, "active", s.active);
  }
}

Json pass_args(const models::precopy::PassStats& p) {
  return Json{{"pages_sent", p.pages_sent},
              {"wire_bytes", p.wire_bytes},
              {"pages_dirtied", p.pages_dirtied},
              {"remaining_pages", p.remaining_pages},
              {"bandwidth", human_rate(p.effective_bandwidth)},
              {"dirty_rate_pages_per_s", p.dirty_rate},
              {"decision", p.decision.rule}};
}

std::vector<Slice> migration_slices(const MigrationRecord& m) {
  std::vector<Slice> slices;
  for (const auto& p : m.phases) {
    slices.push_back(
        {p.start, std::max(p.start, p.end), p.name, "phase",
         Json{{"detail", p.detail}, {"duration", sim::format_duration(p.end - p.start)}}});
  }
  for (const auto& p : m.passes) {
    slices.push_back({p.start, std::max(p.start, p.end), "pass " + std::to_string(p.index), "pass",
                      pass_args(p)});
  }
  return slices;
}

sim::Time validation_time(const MigrationRecord& m) {
  for (const auto& p : m.phases)
    if (p.name == "validation") return p.end;
  return m.requested;
}

void write_migration_tracks(TraceEventWriter& w, const RunReport& r) {
  for (std::size_t i = 0; i < r.migrations.size(); ++i) {
    const auto& m = r.migrations[i];
    int track = static_cast<int>(i) + 1;
    TrackId lane0{migrations_pid, track * lanes_per_track};
    write_track(w, migrations_pid, track, m.lpar + ": " + m.source + " → " + m.destination,
                migration_slices(m), true);
    for (const auto& v : m.validation) {
      w.instant(lane0, v.code + " " + std::string(severity_key(v.severity)), "validation",
                validation_time(m), 't', Json{{"text", v.text}, {"overridden", v.overridden}});
    }
    w.instant(lane0, outcome_label(m), "outcome", m.ended, 't', Json{{"detail", m.outcome_detail}});
    const std::string counter = m.lpar + " dirty pages remaining";
    if (!m.passes.empty())
      w.counter(migrations_pid, counter, m.passes.front().start, "pages",
                m.passes.front().pages_sent);
    for (const auto& p : m.passes)
      w.counter(migrations_pid, counter, p.end, "pages", p.remaining_pages);
  }
}

void write_network_and_hmc(TraceEventWriter& w, const RunReport& r) {
  for (const auto& s : r.link_samples) {
    w.counter(network_pid, s.link + " throughput", s.at, "Gbit/s",
              s.throughput.bits_per_second() / 1e9);
    w.counter(network_pid, s.link + " utilisation", s.at, "%", s.utilisation * 100.0);
  }
  w.thread(hmc_pid, 1, "Faults", 1);
  for (const auto& q : r.hmc_queue)
    w.counter(hmc_pid, "queued migrations", q.at, "queued", q.queued);
  for (const auto& f : r.faults) {
    w.instant({hmc_pid, 1}, f.kind + " " + f.target, "fault", f.at, 'g',
              Json{{"kind", f.kind}, {"target", f.target}, {"detail", f.detail}});
  }
}

}  // namespace

void write_perfetto(const RunReport& report, std::ostream& out) {
  TraceEventWriter w(out, Json{{"lpmsim_version", report.version},
                               {"scenario_file", report.scenario_file},
                               {"seed", report.seed},
                               {"simulated_end", sim::format_time(report.end)}});
  w.process(systems_pid, "Managed systems", systems_pid);
  w.process(msps_pid, "Mover service partitions", msps_pid);
  w.process(migrations_pid, "Migrations", migrations_pid);
  w.process(network_pid, "Network", network_pid);
  w.process(hmc_pid, "HMC", hmc_pid);
  write_system_and_msp_tracks(w, report);
  write_migration_tracks(w, report);
  write_network_and_hmc(w, report);
  w.finish();
}

}  // namespace app::report
