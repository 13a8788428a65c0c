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
  if (!p.convergence.policy.empty()) {  // the management layer above the stop policy (issue 20)
    const auto& c = p.convergence;
    Json layer;
    layer["policy"] = c.policy;
    layer["action"] = c.action;
    layer["rule"] = c.rule;
    layer["then"] = c.then;
    put_duration(layer, "allowed_downtime", c.allowed_downtime);
    put_duration(layer, "expected_downtime", c.expected_downtime);
    layer["throttle"] = c.throttle;
    layer["overruled"] = c.overruled;
    j["convergence"] = layer;
  }
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

// What the migration cost (issue 20): mover CPU, bytes per link, memory held twice, energy,
// the partition's loss to throttling and post-copy stalls.
Json cost_json(const models::migration::MigrationCost& c) {
  Json j;
  j["source_msp_cpu_seconds"] = c.source_msp_cpu_seconds;
  j["dest_msp_cpu_seconds"] = c.dest_msp_cpu_seconds;
  j["link_bytes"] = Json::array();
  for (const auto& l : c.link_bytes) j["link_bytes"].push_back({{"link", l.link}, {"bytes", l.bytes}});
  j["memory_held_twice_bytes"] = c.memory_held_twice.count();
  put_duration(j, "held_twice", c.held_twice);
  j["source_energy_joules"] = c.source_energy_joules;
  j["dest_energy_joules"] = c.dest_energy_joules;
  j["energy_joules"] = c.energy_joules();
  j["throttled_cpu_seconds"] = c.throttled_cpu_seconds;
  put_duration(j, "postcopy_stall", c.postcopy_stall);
  j["app_impact_cpu_seconds"] = c.app_impact_cpu_seconds();
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
  j["migration_type"] = m.migration_type;
  j["outcome"] = outcome_key(m.outcome);
  j["outcome_detail"] = m.outcome_detail;
  j["recoverable"] = m.recoverable;
}

Json migration_json(const MigrationRecord& m) {
  Json j;
  put_identity(j, m);
  put_time(j, "requested", m.requested);
  if (m.started) {
    put_time(j, "started", *m.started);
  } else {
    j["started_ns"] = nullptr;
    j["started"] = nullptr;
  }
  put_time(j, "ended", m.ended);
  put_duration(j, "total", m.total());
  put_optional_duration(j, "blackout", m.blackout);
  j["stranded"] = m.stranded;
  put_optional_duration(j, "postcopy_window", m.postcopy_window);
  j["memory_bytes"] = m.memory.count();
  j["bytes_sent"] = m.bytes_sent;
  j["remote_faults"] = m.remote_faults;
  put_duration(j, "fault_stall", m.fault_stall);
  j["msp_pairs"] = Json::array();
  for (const auto& p : m.msp_pairs) {
    Json pair{{"source_msp", p.source_msp}, {"dest_msp", p.dest_msp}, {"bytes", p.bytes}};
    if (p.failed_at) {
      put_time(pair, "failed_at", *p.failed_at);
      pair["failure"] = p.failure;
    } else {
      pair["failed_at_ns"] = nullptr;
      pair["failed_at"] = nullptr;
      pair["failure"] = nullptr;
    }
    j["msp_pairs"].push_back(std::move(pair));
  }
  j["phases"] = Json::array();
  for (const auto& p : m.phases) j["phases"].push_back(phase_json(p));
  j["passes"] = Json::array();
  for (const auto& p : m.passes) j["passes"].push_back(pass_json(p));
  j["stop"] = stop_json(m.stop);
  j["validation"] = Json::array();
  for (const auto& v : m.validation) j["validation"].push_back(validation_json(v));
  j["post_requisites"] = m.post_requisites;
  j["cost"] = cost_json(m.cost);
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

// The i-th migration as the report lists it: its record and what limited it.
Json migration_entry(const RunReport& r, std::size_t i) {
  Json m = migration_json(r.migrations[i]);
  m["limited_by"] = i < r.bottlenecks.size() ? limits_json(r.bottlenecks[i]) : Json::array();
  return m;
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
  j["bytes_sent"] = sent;
  j["stranded"] = std::count_if(r.migrations.begin(), r.migrations.end(), [](const MigrationRecord& m) { return m.stranded; });
  j["msp_cpu_seconds"] = msp_cpu;
  j["energy_joules"] = energy;
  j["app_impact_cpu_seconds"] = impact;
  put_duration(j, "max_blackout", max_blackout);
  put_duration(j, "max_total", max_total);
  j["faults"] = r.faults.size();
  return j;
}

Json link_sample_json(const LinkSample& s) {
  return Json{{"at_ns", s.at.ns()}, {"link", s.link}, {"bytes_per_s", s.throughput.value()}, {"utilisation", s.utilisation}};
}

Json msp_sample_json(const MspConcurrencySample& s) {
  return Json{{"at_ns", s.at.ns()}, {"system", s.system}, {"msp", s.msp}, {"active", s.active}};
}

Json queue_sample_json(const QueueSample& s) { return Json{{"at_ns", s.at.ns()}, {"queued", s.queued}}; }

template <typename T, typename ToJson>
Json array_json(const std::vector<T>& items, ToJson to_json) {
  Json out = Json::array();
  for (const auto& item : items) out.push_back(to_json(item));
  return out;
}

Json series_json(const RunReport& r) {
  return Json{{"link_resolution_ns", r.link_resolution.ns()},
              {"link_throughput", array_json(r.link_samples, link_sample_json)},
              {"msp_concurrency", array_json(r.msp_samples, msp_sample_json)},
              {"hmc_queue", array_json(r.hmc_queue, queue_sample_json)}};
}

Json faults_json(const RunReport& r) {
  return array_json(r.faults, [](const models::migration::FaultRecord& f) {
    Json fj;
    put_time(fj, "at", f.at);
    fj["kind"] = f.kind;
    fj["target"] = f.target;
    fj["detail"] = f.detail;
    return fj;
  });
}

// The top of the report up to and without "migrations", in document order.
Json head_json(const RunReport& r) {
  Json j;
  j["schema"] = report_schema;
  j["lpmsim_version"] = r.version;
  j["scenario_file"] = r.scenario_file;
  j["seed"] = r.seed;
  put_time(j, "simulated_end", r.end);
  j["events_executed"] = r.events_executed;
  j["summary"] = summary_json(r);
  return j;
}

// Streams the report as nlohmann's dump(2) would print the whole tree, one element at a time:
// memory stays that of the largest element, not of the report (a data centre's report holds
// tens of thousands of migrations; issue 18).
class StreamingWriter {
 public:
  explicit StreamingWriter(std::ostream& out) : out_(out) {}

  void open_object() { out_ << '{'; ++depth_; first_ = true; }
  void close_object() { close('}'); }
  // "key": value, the value printed at the current depth.
  template <typename J>
  void member(const std::string& key, const J& value) {
    key_line(key);
    value_text(value);
  }
  void open_array(const std::string& key, bool empty) {
    key_line(key);
    if (empty) { out_ << "[]"; return; }
    out_ << '[';
    ++depth_;
    first_ = true;
  }
  void open_member_object(const std::string& key) {
    key_line(key);
    open_object();
  }
  template <typename J>
  void element(const J& value) {
    separator();
    value_text(value);
  }
  void close_array() { close(']'); }

 private:
  void separator() {
    out_ << (first_ ? "\n" : ",\n") << std::string(static_cast<std::size_t>(2 * depth_), ' ');
    first_ = false;
  }
  void key_line(const std::string& key) {
    separator();
    out_ << '"' << key << "\": ";
  }
  void close(char bracket) {
    --depth_;
    out_ << '\n' << std::string(static_cast<std::size_t>(2 * depth_), ' ') << bracket;
    first_ = false;
  }
  // The value as dump(2) prints it nested at depth d: nlohmann's own serializer, started at an
  // indent of 2d (what basic_json::dump does from 0), into one reused buffer written at once. The
  // report used to dump each element from column 0 and re-indent it line by line through the
  // stream (two stream writes per line of a 130 MB report).
  template <typename J>
  void value_text(const J& value) {
    buffer_.clear();
    nlohmann::detail::serializer<J> s(nlohmann::detail::output_adapter<char, std::string>(buffer_), ' ',
                                      J::error_handler_t::replace);
    s.dump(value, true, false, 2, static_cast<unsigned>(2 * depth_));
    out_.write(buffer_.data(), static_cast<std::streamsize>(buffer_.size()));
  }

  std::ostream& out_;
  std::string buffer_;
  int depth_ = 0;
  bool first_ = true;
};

template <typename T, typename ToJson>
void stream_array(StreamingWriter& w, const std::string& key, const std::vector<T>& items, ToJson to_json) {
  w.open_array(key, items.empty());
  if (items.empty()) return;
  for (const auto& item : items) w.element(to_json(item));
  w.close_array();
}

}  // namespace

nlohmann::ordered_json report_to_json(const RunReport& r) {
  Json j = head_json(r);
  j["migrations"] = Json::array();
  for (std::size_t i = 0; i < r.migrations.size(); ++i) j["migrations"].push_back(migration_entry(r, i));
  j["faults"] = faults_json(r);
  j["series"] = series_json(r);
  // The effective scenario keeps nlohmann::json's sorted key order: deterministic and diffable.
  j["scenario"] =
      Json::parse(r.scenario.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace));
  return j;
}

// The same bytes as report_to_json(report).dump(2) but written element by element.
void write_report_json(const RunReport& report, std::ostream& out) {
  StreamingWriter w(out);
  w.open_object();
  const Json head = head_json(report);
  for (const auto& [key, value] : head.items()) w.member(key, value);
  w.open_array("migrations", report.migrations.empty());
  if (!report.migrations.empty()) {
    for (std::size_t i = 0; i < report.migrations.size(); ++i) w.element(migration_entry(report, i));
    w.close_array();
  }
  w.member("faults", faults_json(report));
  w.open_member_object("series");
  w.member("link_resolution_ns", Json(report.link_resolution.ns()));
  stream_array(w, "link_throughput", report.link_samples, link_sample_json);
  stream_array(w, "msp_concurrency", report.msp_samples, msp_sample_json);
  stream_array(w, "hmc_queue", report.hmc_queue, queue_sample_json);
  w.close_object();
  w.member("scenario", report.scenario);
  w.close_object();
  out << '\n';
}

}  // namespace app::report
