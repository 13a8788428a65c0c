#include "app/report/report_json.hpp"

#include <algorithm>
#include <array>
#include <sstream>
#include <string>
#include <type_traits>

#include "app/report/json_sinks.hpp"
#include "app/report/ordered_blocks.hpp"
#include "app/report/report_format.hpp"
#include "app/report/verdict.hpp"

namespace app::report {
namespace {

using models::migration::MigrationOutcome;
using models::migration::MigrationRecord;

// Every writer below takes an `Out`: a JsonTreeSink (report_to_json) or a JsonTextSink
// (write_report_json), so the report's fields are described once, here, for both.

// Every time and duration appears twice: exact integer nanoseconds for programs ("<key>_ns")
// and sim::format_duration text for people ("<key>"), which parse_duration reads back exactly.
template <class Out>
void put_time(Out& o, std::string_view key, sim::Time t) {
  o.key(key, "_ns");
  o.value(t.ns());
  field(o, key, sim::format_time(t));
}

template <class Out>
void put_duration(Out& o, std::string_view key, sim::Duration d) {
  o.key(key, "_ns");
  o.value(d.ns());
  field(o, key, sim::format_duration(d));
}

template <class Out>
void put_null_time(Out& o, std::string_view key) {
  o.key(key, "_ns");
  o.value(nullptr);
  field(o, key, nullptr);
}

template <class Out>
void put_optional_duration(Out& o, std::string_view key, const std::optional<sim::Duration>& d) {
  if (d) put_duration(o, key, *d);
  else put_null_time(o, key);
}

template <class Out>
void write_decision(Out& o, const models::precopy::StopDecision& d) {
  o.begin_object();
  field(o, "stop", d.stop);
  field(o, "rule", d.rule);
  field(o, "remaining_bytes", d.remaining_bytes);
  field(o, "threshold_bytes", d.threshold_bytes);
  field(o, "bandwidth_bytes_per_s", d.bandwidth.value());
  put_duration(o, "expected_downtime", d.expected_downtime);
  field(o, "throttle", d.throttle);
  o.end_object();
}

// The management layer above the stop policy (issue 20).
template <class Out>
void write_convergence(Out& o, const models::precopy::ConvergenceNote& c) {
  o.begin_object();
  field(o, "policy", c.policy);
  field(o, "action", c.action);
  field(o, "rule", c.rule);
  field(o, "then", c.then);
  put_duration(o, "allowed_downtime", c.allowed_downtime);
  put_duration(o, "expected_downtime", c.expected_downtime);
  field(o, "throttle", c.throttle);
  field(o, "overruled", c.overruled);
  o.end_object();
}

template <class Out>
void write_pass(Out& o, const models::precopy::PassStats& p) {
  o.begin_object();
  field(o, "index", p.index);
  put_time(o, "start", p.start);
  put_time(o, "end", p.end);
  put_duration(o, "duration", p.duration());
  field(o, "pages_sent", p.pages_sent);
  field(o, "wire_bytes", p.wire_bytes);
  field(o, "pages_dirtied", p.pages_dirtied);
  field(o, "page_writes", p.page_writes);
  field(o, "remaining_pages", p.remaining_pages);
  field(o, "effective_bandwidth_bytes_per_s", p.effective_bandwidth.value());
  field(o, "dirty_rate_pages_per_s", p.dirty_rate);
  field(o, "throttle", p.throttle);
  o.key("decision");
  write_decision(o, p.decision);
  if (!p.convergence.policy.empty()) {
    o.key("convergence");
    write_convergence(o, p.convergence);
  }
  o.end_object();
}

template <class Out>
void write_phase(Out& o, const models::migration::PhaseRecord& p) {
  o.begin_object();
  field(o, "name", p.name);
  put_time(o, "start", p.start);
  put_time(o, "end", p.end);
  put_duration(o, "duration", p.end - p.start);
  field(o, "detail", p.detail);
  o.end_object();
}

template <class Out>
void write_validation(Out& o, const models::migration::ValidationMessage& v) {
  o.begin_object();
  field(o, "code", v.code);
  field(o, "severity", severity_key(v.severity));
  field(o, "text", v.text);
  field(o, "overridden", v.overridden);
  o.end_object();
}

template <class Out>
void write_stop(Out& o, const std::optional<models::precopy::StopReport>& stop) {
  if (!stop) {
    o.value(nullptr);
    return;
  }
  o.begin_object();
  put_time(o, "at", stop->at);
  field(o, "passes", stop->passes);
  field(o, "remaining_pages", stop->remaining_pages);
  field(o, "remaining_wire_bytes", stop->remaining_wire_bytes);
  o.key("decision");
  write_decision(o, stop->decision);
  o.end_object();
}

template <class Out>
void write_msp_pair(Out& o, const models::migration::MspPairRecord& p) {
  o.begin_object();
  field(o, "source_msp", p.source_msp);
  field(o, "dest_msp", p.dest_msp);
  field(o, "bytes", p.bytes);
  if (p.failed_at) {
    put_time(o, "failed_at", *p.failed_at);
    field(o, "failure", p.failure);
  } else {
    put_null_time(o, "failed_at");
    field(o, "failure", nullptr);
  }
  o.end_object();
}

// What the migration cost (issue 20): mover CPU, bytes per link, memory held twice, energy,
// the partition's loss to throttling and post-copy stalls.
template <class Out>
void write_cost(Out& o, const models::migration::MigrationCost& c) {
  o.begin_object();
  field(o, "source_msp_cpu_seconds", c.source_msp_cpu_seconds);
  field(o, "dest_msp_cpu_seconds", c.dest_msp_cpu_seconds);
  o.key("link_bytes");
  o.begin_array();
  for (const auto& l : c.link_bytes) {
    o.begin_object();
    field(o, "link", l.link);
    field(o, "bytes", l.bytes);
    o.end_object();
  }
  o.end_array();
  field(o, "memory_held_twice_bytes", c.memory_held_twice.count());
  put_duration(o, "held_twice", c.held_twice);
  field(o, "source_energy_joules", c.source_energy_joules);
  field(o, "dest_energy_joules", c.dest_energy_joules);
  field(o, "energy_joules", c.energy_joules());
  field(o, "throttled_cpu_seconds", c.throttled_cpu_seconds);
  put_duration(o, "postcopy_stall", c.postcopy_stall);
  field(o, "app_impact_cpu_seconds", c.app_impact_cpu_seconds());
  o.end_object();
}

// `key`: [each of `items` as `write` writes it].
template <class Out, typename T, typename Write>
void write_array(Out& o, std::string_view key, const std::vector<T>& items, Write write) {
  o.key(key);
  o.begin_array();
  for (const auto& item : items) write(o, item);
  o.end_array();
}

template <class Out>
void write_identity(Out& o, const MigrationRecord& m) {
  field(o, "lpar", m.lpar);
  field(o, "lpar_id", m.lpar_id);
  field(o, "source", m.source);
  field(o, "destination", m.destination);
  field(o, "source_msp", m.source_msp);
  field(o, "dest_msp", m.dest_msp);
  field(o, "operation", m.operation);
  field(o, "migration_type", m.migration_type);
  field(o, "outcome", outcome_key(m.outcome));
  field(o, "outcome_detail", m.outcome_detail);
  field(o, "recoverable", m.recoverable);
}

// The i-th migration as the report lists it: its record and what limited it ("limited_by": the
// shares of the migration's time per limiting resource, largest first).
template <class Out>
void write_migration(Out& o, const RunReport& r, std::size_t i) {
  const MigrationRecord& m = r.migrations[i];
  o.begin_object();
  write_identity(o, m);
  put_time(o, "requested", m.requested);
  if (m.started) put_time(o, "started", *m.started);
  else put_null_time(o, "started");
  put_time(o, "ended", m.ended);
  put_duration(o, "total", m.total());
  put_optional_duration(o, "blackout", m.blackout);
  field(o, "stranded", m.stranded);
  put_optional_duration(o, "postcopy_window", m.postcopy_window);
  field(o, "memory_bytes", m.memory.count());
  field(o, "bytes_sent", m.bytes_sent);
  field(o, "remote_faults", m.remote_faults);
  put_duration(o, "fault_stall", m.fault_stall);
  write_array(o, "msp_pairs", m.msp_pairs, [](Out& out, const auto& p) { write_msp_pair(out, p); });
  write_array(o, "phases", m.phases, [](Out& out, const auto& p) { write_phase(out, p); });
  write_array(o, "passes", m.passes, [](Out& out, const auto& p) { write_pass(out, p); });
  o.key("stop");
  write_stop(o, m.stop);
  write_array(o, "validation", m.validation, [](Out& out, const auto& v) { write_validation(out, v); });
  write_array(o, "post_requisites", m.post_requisites, [](Out& out, const std::string& s) { out.value(s); });
  o.key("cost");
  write_cost(o, m.cost);
  const Verdict v = verdict(m);
  field(o, "verdict", v.label);
  field(o, "verdict_reason", v.reason);
  static const std::vector<LimitShare> none;
  write_array(o, "limited_by", i < r.bottlenecks.size() ? r.bottlenecks[i].shares : none,
              [](Out& out, const LimitShare& s) {
                out.begin_object();
                field(out, "resource", s.resource);
                field(out, "share", s.share);
                out.end_object();
              });
  o.end_object();
}

template <class Out>
void write_summary(Out& o, const RunReport& r) {
  constexpr std::array outcomes{MigrationOutcome::pending,     MigrationOutcome::completed,
                                MigrationOutcome::rolled_back, MigrationOutcome::failed,
                                MigrationOutcome::recovered,   MigrationOutcome::rejected,
                                MigrationOutcome::validated};
  o.begin_object();
  field(o, "migrations", r.migrations.size());
  o.key("outcomes");
  o.begin_object();
  for (auto outcome : outcomes) {
    field(o, outcome_key(outcome),
          std::count_if(r.migrations.begin(), r.migrations.end(),
                        [outcome](const MigrationRecord& m) { return m.outcome == outcome; }));
  }
  o.end_object();
  double sent = 0;
  double msp_cpu = 0;
  double energy = 0;
  double impact = 0;
  sim::Duration max_blackout = sim::Duration::zero();
  sim::Duration max_total = sim::Duration::zero();
  for (const auto& m : r.migrations) {
    sent += m.bytes_sent;
    msp_cpu += m.cost.msp_cpu_seconds();
    energy += m.cost.energy_joules();
    impact += m.cost.app_impact_cpu_seconds();
    if (m.blackout) max_blackout = std::max(max_blackout, *m.blackout);
    max_total = std::max(max_total, m.total());
  }
  field(o, "bytes_sent", sent);
  field(o, "stranded", std::count_if(r.migrations.begin(), r.migrations.end(), [](const MigrationRecord& m) { return m.stranded; }));
  field(o, "msp_cpu_seconds", msp_cpu);
  field(o, "energy_joules", energy);
  field(o, "app_impact_cpu_seconds", impact);
  put_duration(o, "max_blackout", max_blackout);
  put_duration(o, "max_total", max_total);
  field(o, "faults", r.faults.size());
  o.end_object();
}

template <class Out>
void write_fault(Out& o, const models::migration::FaultRecord& f) {
  o.begin_object();
  put_time(o, "at", f.at);
  field(o, "kind", f.kind);
  field(o, "target", f.target);
  field(o, "detail", f.detail);
  o.end_object();
}

template <class Out>
void write_series(Out& o, const RunReport& r) {
  o.begin_object();
  field(o, "link_resolution_ns", r.link_resolution.ns());
  write_array(o, "link_throughput", r.link_samples, [](Out& out, const LinkSample& s) {
    out.begin_object();
    field(out, "at_ns", s.at.ns());
    field(out, "link", s.link);
    field(out, "bytes_per_s", s.throughput.value());
    field(out, "utilisation", s.utilisation);
    out.end_object();
  });
  write_array(o, "msp_concurrency", r.msp_samples, [](Out& out, const MspConcurrencySample& s) {
    out.begin_object();
    field(out, "at_ns", s.at.ns());
    field(out, "system", s.system);
    field(out, "msp", s.msp);
    field(out, "active", s.active);
    out.end_object();
  });
  write_array(o, "hmc_queue", r.hmc_queue, [](Out& out, const QueueSample& s) {
    out.begin_object();
    field(out, "at_ns", s.at.ns());
    field(out, "queued", s.queued);
    out.end_object();
  });
  o.end_object();
}

// The migrations as array elements: the first here, the others formatted in blocks on several
// threads (write_in_blocks), each by a sink at the array's depth — the report's largest part
// (13 KB a migration; 1 GB at 100 000 LPARs, where it was the run's last 4 s on one core).
void write_migrations_text(JsonTextSink& o, const RunReport& r) {
  if (r.migrations.empty()) return;
  write_migration(o, r, 0);
  constexpr std::size_t kBlock = 256;
  write_in_blocks(
      r.migrations.size() - 1, kBlock, formatting_threads(),
      [&r](std::size_t begin, std::size_t end) {
        std::ostringstream text;
        JsonTextSink elements(text, 2, false);  // inside the top-level object's "migrations" array
        for (std::size_t i = begin; i < end; ++i) write_migration(elements, r, i + 1);
        elements.flush();
        return std::move(text).str();
      },
      [&o](std::string_view text) { o.append_formatted(text); });
}

// `write_scenario(o)` writes the value of "scenario", the effective scenario (the last member).
template <class Out, class WriteScenario>
void write_report(Out& o, const RunReport& r, WriteScenario&& write_scenario) {
  o.begin_object();
  field(o, "schema", report_schema);
  field(o, "lpmsim_version", r.version);
  field(o, "scenario_file", r.scenario_file);
  field(o, "seed", r.seed);
  put_time(o, "simulated_end", r.end);
  field(o, "events_executed", r.events_executed);
  o.key("summary");
  write_summary(o, r);
  o.key("migrations");
  o.begin_array();
  if constexpr (std::is_same_v<Out, JsonTextSink>) {
    write_migrations_text(o, r);
  } else {
    for (std::size_t i = 0; i < r.migrations.size(); ++i) write_migration(o, r, i);
  }
  o.end_array();
  write_array(o, "faults", r.faults, [](Out& out, const auto& f) { write_fault(out, f); });
  o.key("series");
  write_series(o, r);
  // The effective scenario keeps nlohmann::json's sorted key order: deterministic and diffable.
  o.key("scenario");
  write_scenario(o);
  o.end_object();
}

}  // namespace

nlohmann::ordered_json report_to_json(const RunReport& r) {
  JsonTreeSink tree;
  write_report(tree, r, [&r](JsonTreeSink& o) { o.sorted_value(r.scenario); });
  return tree.take();
}

namespace {
template <class WriteScenario>
void write_report_text(const RunReport& report, std::ostream& out, WriteScenario&& write_scenario) {
  JsonTextSink text(out);
  write_report(text, report, write_scenario);
  text.flush();
  out << '\n';
}
}  // namespace

// The same bytes as report_to_json(report).dump(2), printed as the report is walked.
void write_report_json(const RunReport& report, std::ostream& out) {
  write_report_text(report, out, [&report](JsonTextSink& o) { o.sorted_value(report.scenario); });
}

void write_report_json(const RunReport& report, std::ostream& out, const std::function<std::string()>& scenario_text) {
  write_report_text(report, out, [&scenario_text](JsonTextSink& o) { o.append_formatted(scenario_text()); });
}

std::string scenario_report_text(const nlohmann::ordered_json& scenario) {
  std::ostringstream text;
  JsonTextSink value(text, 1, true);  // the value of the report's top-level "scenario" key
  value.sorted_value(scenario);
  value.flush();
  return std::move(text).str();
}

}  // namespace app::report
