#include "app/report/report_json.hpp"

#include <algorithm>
#include <array>
#include <string>

#include "app/report/report_format.hpp"
#include "app/report/verdict.hpp"

namespace app::report {
namespace {

using Json = nlohmann::ordered_json;
using models::migration::MigrationOutcome;
using models::migration::MigrationRecord;

// Every time and duration appears twice: exact integer nanoseconds for programs ("<key>_ns")
// and sim::format_duration text for people ("<key>"), which parse_duration reads back exactly.
void put_time(Json& j, const std::string& key, sim::Time t) {
  j[key + "_ns"] = t.ns();
  j[key] = sim::format_time(t);
}

void put_duration(Json& j, const std::string& key, sim::Duration d) {
  j[key + "_ns"] = d.ns();
  j[key] = sim::format_duration(d);
}

void put_optional_duration(Json& j, const std::string& key, const std::optional<sim::Duration>& d) {
  if (d) {
    put_duration(j, key, *d);
  } else {
    j[key + "_ns"] = nullptr;
    j[key] = nullptr;
  }
}

Json decision_json(const models::precopy::StopDecision& d) {
  Json j;
  j["stop"] = d.stop;
  j["rule"] = d.rule;
  j["remaining_bytes"] = d.remaining_bytes;
  j["threshold_bytes"] = d.threshold_bytes;
  j["bandwidth_bytes_per_s"] = d.bandwidth.value();
  put_duration(j, "expected_downtime", d.expected_downtime);
  j["throttle"] = d.throttle;
  return j;
}

Json pass_json(const models::precopy::PassStats& p) {
  Json j;
  j["index"] = p.index;
  put_time(j, "start", p.start);
  put_time(j, "end", p.end);
  put_duration(j, "duration", p.duration());
  j["pages_sent"] = p.pages_sent;
  j["wire_bytes"] = p.wire_bytes;
  j["pages_dirtied"] = p.pages_dirtied;
  j["page_writes"] = p.page_writes;
  j["remaining_pages"] = p.remaining_pages;
  j["effective_bandwidth_bytes_per_s"] = p.effective_bandwidth.value();
  j["dirty_rate_pages_per_s"] = p.dirty_rate;
  j["throttle"] = p.throttle;
  j["decision"] = decision_json(p.decision);
  return j;
}

Json phase_json(const models::migration::PhaseRecord& p) {
  Json j;
  j["name"] = p.name;
  put_time(j, "start", p.start);
  put_time(j, "end", p.end);
  put_duration(j, "duration", p.end - p.start);
  j["detail"] = p.detail;
  return j;
}

Json validation_json(const models::migration::ValidationMessage& v) {
  Json j;
  j["code"] = v.code;
  j["severity"] = severity_key(v.severity);
  j["text"] = v.text;
  j["overridden"] = v.overridden;
  return j;
}

Json stop_json(const std::optional<models::precopy::StopReport>& stop) {
  if (!stop) return nullptr;
  Json j;
  put_time(j, "at", stop->at);
  j["passes"] = stop->passes;
  j["remaining_pages"] = stop->remaining_pages;
  j["remaining_wire_bytes"] = stop->remaining_wire_bytes;
  j["decision"] = decision_json(stop->decision);
  return j;
}

void put_identity(Json& j, const MigrationRecord& m) {
  j["lpar"] = m.lpar;
  j["lpar_id"] = m.lpar_id;
  j["source"] = m.source;
  j["destination"] = m.destination;
  j["source_msp"] = m.source_msp;
  j["dest_msp"] = m.dest_msp;
  j["operation"] = m.operation;
  j["outcome"] = outcome_key(m.outcome);
  j["outcome_detail"] = m.outcome_detail;
  j["recoverable"] = m.recoverable;
}

Json migration_json(const MigrationRecord& m) {
  Json j;
  put_identity(j, m);
  put_time(j, "requested", m.requested);
  put_time(j, "started", m.started);
  put_time(j, "ended", m.ended);
  put_duration(j, "total", m.total());
  put_optional_duration(j, "blackout", m.blackout);
  put_optional_duration(j, "postcopy_window", m.postcopy_window);
  j["memory_bytes"] = m.memory.count();
  j["bytes_sent"] = m.bytes_sent;
  j["remote_faults"] = m.remote_faults;
  put_duration(j, "fault_stall", m.fault_stall);
  j["phases"] = Json::array();
  for (const auto& p : m.phases) j["phases"].push_back(phase_json(p));
  j["passes"] = Json::array();
  for (const auto& p : m.passes) j["passes"].push_back(pass_json(p));
  j["stop"] = stop_json(m.stop);
  j["validation"] = Json::array();
  for (const auto& v : m.validation) j["validation"].push_back(validation_json(v));
  j["post_requisites"] = m.post_requisites;
  const Verdict v = verdict(m);
  j["verdict"] = v.label;
  j["verdict_reason"] = v.reason;
  return j;
}

// "limited_by": the shares of the migration's time per limiting resource, largest first.
Json limits_json(const Bottleneck& b) {
  Json j = Json::array();
  for (const auto& s : b.shares) j.push_back({{"resource", s.resource}, {"share", s.share}});
  return j;
}

Json summary_json(const RunReport& r) {
  constexpr std::array outcomes{MigrationOutcome::pending,     MigrationOutcome::completed,
                                MigrationOutcome::rolled_back, MigrationOutcome::failed,
                                MigrationOutcome::recovered,   MigrationOutcome::rejected,
                                MigrationOutcome::validated};
  Json j;
  j["migrations"] = r.migrations.size();
  Json counts;
  for (auto o : outcomes) {
    counts[std::string(outcome_key(o))] =
        std::count_if(r.migrations.begin(), r.migrations.end(),
                      [o](const MigrationRecord& m) { return m.outcome == o; });
  }
  j["outcomes"] = counts;
  double sent = 0;
  sim::Duration max_blackout = sim::Duration::zero();
  sim::Duration max_total = sim::Duration::zero();
  for (const auto& m : r.migrations) {
    sent += m.bytes_sent;
    if (m.blackout) max_blackout = std::max(max_blackout, *m.blackout);
    max_total = std::max(max_total, m.total());
  }
  j["bytes_sent"] = sent;
  put_duration(j, "max_blackout", max_blackout);
  put_duration(j, "max_total", max_total);
  j["faults"] = r.faults.size();
  return j;
}

Json series_json(const RunReport& r) {
  Json links = Json::array();
  for (const auto& s : r.link_samples) {
    links.push_back(Json{{"at_ns", s.at.ns()},
                         {"link", s.link},
                         {"bytes_per_s", s.throughput.value()},
                         {"utilisation", s.utilisation}});
  }
  Json msps = Json::array();
  for (const auto& s : r.msp_samples) {
    msps.push_back(
        Json{{"at_ns", s.at.ns()}, {"system", s.system}, {"msp", s.msp}, {"active", s.active}});
  }
  Json queue = Json::array();
  for (const auto& s : r.hmc_queue)
    queue.push_back(Json{{"at_ns", s.at.ns()}, {"queued", s.queued}});
  return Json{{"link_throughput", links}, {"msp_concurrency", msps}, {"hmc_queue", queue}};
}

}  // namespace

nlohmann::ordered_json report_to_json(const RunReport& r) {
  Json j;
  j["schema"] = report_schema;
  j["lpmsim_version"] = r.version;
  j["scenario_file"] = r.scenario_file;
  j["seed"] = r.seed;
  put_time(j, "simulated_end", r.end);
  j["events_executed"] = r.events_executed;
  j["summary"] = summary_json(r);
  j["migrations"] = Json::array();
  for (std::size_t i = 0; i < r.migrations.size(); ++i) {
    Json m = migration_json(r.migrations[i]);
    m["limited_by"] = i < r.bottlenecks.size() ? limits_json(r.bottlenecks[i]) : Json::array();
    j["migrations"].push_back(std::move(m));
  }
  j["faults"] = Json::array();
  for (const auto& f : r.faults) {
    Json fj;
    put_time(fj, "at", f.at);
    fj["kind"] = f.kind;
    fj["target"] = f.target;
    fj["detail"] = f.detail;
    j["faults"].push_back(fj);
  }
  j["series"] = series_json(r);
  // The effective scenario keeps nlohmann::json's sorted key order: deterministic and diffable.
  j["scenario"] =
      Json::parse(r.scenario.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace));
  return j;
}

void write_report_json(const RunReport& report, std::ostream& out) {
  out << report_to_json(report).dump(2, ' ', false,
                                     nlohmann::ordered_json::error_handler_t::replace)
      << '\n';
}

}  // namespace app::report
