#include "app/report/csv_tables.hpp"

#include <stdexcept>

#include "app/report/output_file.hpp"
#include "app/report/report_format.hpp"
#include "app/report/verdict.hpp"

namespace app::report {
namespace {

using models::migration::MigrationRecord;
using models::migration::ValidationMessage;

void write_row(std::ostream& out, const std::vector<std::string>& fields) {
  for (std::size_t i = 0; i < fields.size(); ++i) out << (i ? "," : "") << csv_field(fields[i]);
  out << "\r\n";
}

std::string ns(sim::Time t) { return std::to_string(t.ns()); }
std::string ns(sim::Duration d) { return std::to_string(d.ns()); }
std::string ns(const std::optional<sim::Duration>& d) { return d ? ns(*d) : std::string(); }

std::string count_validation(const MigrationRecord& m, ValidationMessage::Severity severity) {
  std::size_t n = 0;
  for (const auto& v : m.validation) n += v.severity == severity ? 1 : 0;
  return std::to_string(n);
}

// "link 0.78" — the largest share of the migration's time and what it was spent on.
std::string limited_by(const RunReport& r, std::size_t i) {
  if (i >= r.bottlenecks.size()) return {};
  const LimitShare* main = r.bottlenecks[i].main();
  return main == nullptr ? std::string() : main->resource;
}

// "sysA-uplink=1073741824;sysB-uplink=1073741824": bytes on each link of the stream's path.
std::string link_bytes(const models::migration::MigrationCost& c) {
  std::string out;
  for (const auto& l : c.link_bytes) out += (out.empty() ? "" : ";") + l.link + "=" + exact_number(l.bytes);
  return out;
}

std::vector<std::string> migration_row(const RunReport& r, std::size_t i) {
  const MigrationRecord& m = r.migrations[i];
  const std::size_t index = i + 1;
  const LimitShare* main = i < r.bottlenecks.size() ? r.bottlenecks[i].main() : nullptr;
  return {std::to_string(index),
          m.lpar,
          std::to_string(m.lpar_id),
          m.source,
          m.destination,
          m.source_msp,
          m.dest_msp,
          m.operation,
          std::string(outcome_key(m.outcome)),
          m.outcome_detail,
          m.recoverable ? "true" : "false",
          ns(m.requested),
          m.started ? ns(*m.started) : std::string(),
          ns(m.ended),
          ns(m.total()),
          ns(m.blackout),
          ns(m.postcopy_window),
          std::to_string(m.memory.count()),
          exact_number(m.bytes_sent),
          std::to_string(m.passes.size()),
          exact_number(m.remote_faults),
          ns(m.fault_stall),
          count_validation(m, ValidationMessage::Severity::error),
          count_validation(m, ValidationMessage::Severity::warning),
          verdict(m).label,
          verdict(m).reason,
          limited_by(r, i),
          main == nullptr ? std::string() : exact_number(main->share),
          exact_number(m.cost.source_msp_cpu_seconds),
          exact_number(m.cost.dest_msp_cpu_seconds),
          link_bytes(m.cost),
          std::to_string(m.cost.memory_held_twice.count()),
          ns(m.cost.held_twice),
          exact_number(m.cost.source_energy_joules),
          exact_number(m.cost.dest_energy_joules),
          exact_number(m.cost.throttled_cpu_seconds),
          ns(m.cost.postcopy_stall),
          exact_number(m.cost.app_impact_cpu_seconds())};
}

std::vector<std::string> pass_row(std::size_t index, const MigrationRecord& m,
                                  const models::precopy::PassStats& p) {
  const auto& d = p.decision;
  return {std::to_string(index),
          m.lpar,
          std::to_string(p.index),
          ns(p.start),
          ns(p.end),
          ns(p.duration()),
          exact_number(p.pages_sent),
          exact_number(p.wire_bytes),
          exact_number(p.pages_dirtied),
          exact_number(p.page_writes),
          exact_number(p.remaining_pages),
          exact_number(p.effective_bandwidth.value()),
          exact_number(p.dirty_rate),
          exact_number(p.throttle),
          d.stop ? "true" : "false",
          d.rule,
          exact_number(d.remaining_bytes),
          exact_number(d.threshold_bytes),
          exact_number(d.bandwidth.value()),
          ns(d.expected_downtime),
          p.convergence.policy,
          p.convergence.policy.empty() ? std::string() : p.convergence.action,
          p.convergence.rule,
          p.convergence.then,
          p.convergence.policy.empty() ? std::string() : ns(p.convergence.allowed_downtime)};
}

template <typename Fn>
void write_file(const std::filesystem::path& path, Fn&& writer) {
  OutputFile out(path);
  writer(out.stream());
  out.commit();
}

}  // namespace

std::string csv_field(std::string_view text) {
  if (text.find_first_of(",\"\r\n") == std::string_view::npos) return std::string(text);
  std::string out = "\"";
  for (char c : text) {
    if (c == '"') out += '"';
    out += c;
  }
  return out + "\"";
}

void write_migrations_csv(const RunReport& r, std::ostream& out) {
  write_row(out, {"migration",
                  "lpar",
                  "lpar_id",
                  "source",
                  "destination",
                  "source_msp",
                  "dest_msp",
                  "operation",
                  "outcome",
                  "outcome_detail",
                  "recoverable",
                  "requested_ns",
                  "started_ns",
                  "ended_ns",
                  "total_ns",
                  "blackout_ns",
                  "postcopy_window_ns",
                  "memory_bytes",
                  "bytes_sent",
                  "passes",
                  "remote_faults",
                  "fault_stall_ns",
                  "validation_errors",
                  "validation_warnings",
                  "verdict",
                  "verdict_reason",
                  "limited_by",
                  "limited_by_share",
                  "source_msp_cpu_seconds",
                  "dest_msp_cpu_seconds",
                  "link_bytes",
                  "memory_held_twice_bytes",
                  "held_twice_ns",
                  "source_energy_joules",
                  "dest_energy_joules",
                  "throttled_cpu_seconds",
                  "postcopy_stall_ns",
                  "app_impact_cpu_seconds"});
  for (std::size_t i = 0; i < r.migrations.size(); ++i) write_row(out, migration_row(r, i));
}

void write_passes_csv(const RunReport& r, std::ostream& out) {
  write_row(out, {"migration",
                  "lpar",
                  "pass",
                  "start_ns",
                  "end_ns",
                  "duration_ns",
                  "pages_sent",
                  "wire_bytes",
                  "pages_dirtied",
                  "page_writes",
                  "remaining_pages",
                  "effective_bandwidth_bytes_per_s",
                  "dirty_rate_pages_per_s",
                  "throttle",
                  "stop",
                  "rule",
                  "remaining_bytes",
                  "threshold_bytes",
                  "policy_bandwidth_bytes_per_s",
                  "expected_downtime_ns",
                  "convergence_policy",
                  "convergence_action",
                  "convergence_rule",
                  "convergence_then",
                  "convergence_allowed_downtime_ns"});
  for (std::size_t i = 0; i < r.migrations.size(); ++i) {
    for (const auto& p : r.migrations[i].passes)
      write_row(out, pass_row(i + 1, r.migrations[i], p));
  }
}

void write_phases_csv(const RunReport& r, std::ostream& out) {
  write_row(out, {"migration", "lpar", "phase", "start_ns", "end_ns", "duration_ns", "detail"});
  for (std::size_t i = 0; i < r.migrations.size(); ++i) {
    const auto& m = r.migrations[i];
    for (const auto& p : m.phases) {
      write_row(out, {std::to_string(i + 1), m.lpar, p.name, ns(p.start), ns(p.end),
                      ns(p.end - p.start), p.detail});
    }
  }
}

std::vector<std::filesystem::path> write_csv(const RunReport& report,
                                             const std::filesystem::path& dir) {
  std::error_code ec;
  std::filesystem::create_directories(dir, ec);
  if (ec) throw OutputError("cannot create directory " + dir.string() + ": " + ec.message());
  std::vector<std::filesystem::path> written{dir / "migrations.csv", dir / "passes.csv",
                                             dir / "phases.csv"};
  write_file(written[0], [&](std::ostream& o) { write_migrations_csv(report, o); });
  write_file(written[1], [&](std::ostream& o) { write_passes_csv(report, o); });
  write_file(written[2], [&](std::ostream& o) { write_phases_csv(report, o); });
  return written;
}

}  // namespace app::report
