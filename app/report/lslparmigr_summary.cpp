#include "app/report/lslparmigr_summary.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <cctype>
#include <cmath>
#include <vector>

#include "app/report/report_format.hpp"
#include "app/report/verdict.hpp"

namespace app::report {
namespace {

using models::migration::MigrationOutcome;
using models::migration::MigrationRecord;

// The HMC quotes a whole attribute when its value holds a comma ("\"name=a,b\""); an embedded
// double quote is doubled as in CSV.
std::string attribute(std::string_view name, std::string_view value) {
  std::string text = std::string(name) + "=" + std::string(value);
  if (value.find_first_of(",\"") == std::string_view::npos) return text;
  std::string quoted = "\"";
  for (char c : text) quoted += c == '"' ? std::string("\"\"") : std::string(1, c);
  return quoted + "\"";
}

// Active for a running partition, inactive for a Not Activated one (§4.1), as the HMC decides.
std::string migration_type(const MigrationRecord& m) { return m.migration_type; }

// What the destination still lacked when the migration ended: nothing once it completed;
// otherwise what the last pre-copy pass left, or the whole memory when no pass ran.
double bytes_remaining(const MigrationRecord& m) {
  switch (m.outcome) {
    case MigrationOutcome::completed:
    case MigrationOutcome::recovered:
    case MigrationOutcome::rejected:
    case MigrationOutcome::validated: return 0;
    case MigrationOutcome::pending:
    case MigrationOutcome::rolled_back:
    case MigrationOutcome::failed: break;
  }
  if (m.stop) return m.stop->remaining_wire_bytes;
  if (!m.passes.empty()) return m.passes.back().decision.remaining_bytes;
  return m.memory.as_double();
}

std::string whole(double v) { return fmt::format("{:.0f}", std::max(0.0, std::round(v))); }

// Terminal columns of UTF-8 text: every code point counts one ("→").
std::size_t text_columns(const std::string& s) {
  return static_cast<std::size_t>(std::count_if(
      s.begin(), s.end(), [](char c) { return (static_cast<unsigned char>(c) & 0xC0) != 0x80; }));
}

std::string pad(const std::string& s, std::size_t w, bool right) {
  std::string fill(w > text_columns(s) ? w - text_columns(s) : 0, ' ');
  return right ? fill + s : s + fill;
}

// Only for a migration that moved (or is still moving): a rolled-back one was held back by its fault.
bool moved(const MigrationRecord& m) {
  return m.outcome == MigrationOutcome::completed || m.outcome == MigrationOutcome::pending;
}

std::string limited_by_cell(const RunReport& r, std::size_t i) {
  if (i >= r.bottlenecks.size() || !moved(r.migrations[i])) return "-";
  const LimitShare* main = r.bottlenecks[i].main();
  return main == nullptr ? "-" : fmt::format("{} {:.0f}%", main->resource, 100 * main->share);
}

std::vector<std::string> table_row(const RunReport& r, std::size_t i) {
  const MigrationRecord& m = r.migrations[i];
  auto optional = [](const std::optional<sim::Duration>& d) {
    return d ? human_duration(*d) : "-";
  };
  return {m.lpar,
          m.source + " → " + m.destination,
          verdict(m).label,
          human_duration(m.total()),
          optional(m.blackout),
          optional(m.postcopy_window),
          m.postcopy_window ? human_duration(m.fault_stall) : "-",
          human_bytes(m.bytes_sent),
          std::to_string(m.passes.size()),
          human_count(m.remote_faults),
          limited_by_cell(r, i)};
}

void write_table(const RunReport& r, std::ostream& out) {
  const std::vector<std::string> head{
      "LPAR",      "Source → Destination", "Verdict", "Total",  "Blackout",     "Post-copy",
      "Stall",     "Data sent",            "Passes",  "Remote faults", "Limited by"};
  constexpr std::array<bool, 11> right{false, false, false, true, true, true,
                                       true,  true,  true,  true, false};
  std::vector<std::vector<std::string>> rows{head};
  for (std::size_t i = 0; i < r.migrations.size(); ++i) rows.push_back(table_row(r, i));
  std::vector<std::size_t> w(head.size(), 0);
  for (const auto& row : rows)
    for (std::size_t c = 0; c < row.size(); ++c) w[c] = std::max(w[c], text_columns(row[c]));
  auto print = [&](const std::vector<std::string>& row) {
    std::string line;
    for (std::size_t c = 0; c < row.size(); ++c)
      line += (c ? "  " : "") + pad(row[c], w[c], right[c]);
    while (!line.empty() && line.back() == ' ') line.pop_back();
    out << line << '\n';
  };
  print(rows[0]);
  std::vector<std::string> rule;
  for (auto cw : w) rule.emplace_back(cw, '-');
  print(rule);
  for (std::size_t i = 1; i < rows.size(); ++i) print(rows[i]);
}

// For a migration whose pre-copy did not converge: how fast the LPAR dirtied memory against how
// fast its last pass sent it, and what to change so that the passes can catch up.
std::string convergence_fix(const RunReport& r, std::size_t i) {
  const MigrationRecord& m = r.migrations[i];
  if (m.passes.empty()) return "";
  const auto& p = m.passes.back();
  const double page = p.pages_sent > 0 ? p.wire_bytes / p.pages_sent : 4096;
  const double dirtied = p.dirty_rate * page;
  const double sent = p.effective_bandwidth.value();
  std::string limit = "the transfer";
  if (i < r.bottlenecks.size())
    for (const auto& s : r.bottlenecks[i].shares)
      if (s.resource == "link" || s.resource == "MSP CPU" || s.resource == "VIOS CPU") {
        limit = s.resource;
        break;
      }
  const char* remedy = limit == "link"       ? "a faster LPM network"
                       : limit == "MSP CPU"  ? "a lower concurrency_lvl (more mover threads)"
                       : limit == "VIOS CPU" ? "more entitled CPU on the MSP VIOSes"
                                             : "a faster transfer";
  return fmt::format(
      "fix: its last pass sent {}/s while it dirtied {}/s, limited by {}: {} or fewer concurrent "
      "migrations, or migrate it when its workload is quiet",
      human_bytes(sent), human_bytes(dirtied), limit, remedy);
}

void write_totals(const RunReport& r, std::ostream& out) {
  std::vector<std::pair<std::string, int>> counts;  // by verdict, in order of first appearance
  double sent = 0;
  std::optional<sim::Duration> longest, stall;
  for (const auto& m : r.migrations) {
    std::string label = verdict(m).label;
    label[0] = static_cast<char>(std::tolower(static_cast<unsigned char>(label[0])));
    auto it = std::find_if(counts.begin(), counts.end(), [&](const auto& c) { return c.first == label; });
    if (it == counts.end()) counts.emplace_back(label, 1);
    else ++it->second;
    sent += m.bytes_sent;
    if (m.blackout && (!longest || *m.blackout > *longest)) longest = m.blackout;
    if (m.postcopy_window && (!stall || m.fault_stall > *stall)) stall = m.fault_stall;
  }
  std::string parts;
  for (const auto& [label, n] : counts) parts += fmt::format("{}{} {}", parts.empty() ? "" : ", ", n, label);
  out << fmt::format("{} migration{}{}{}; {} sent; longest blackout {}; longest post-copy stall {}\n",
                     r.migrations.size(), r.migrations.size() == 1 ? "" : "s",
                     parts.empty() ? "" : ": ", parts, human_bytes(sent),
                     longest ? human_duration(*longest) : "-",
                     stall ? human_duration(*stall) : "-");
}

}  // namespace

std::string lslparmigr_state(const MigrationRecord& m) {
  switch (m.outcome) {
    case MigrationOutcome::pending: return "Migration In Progress";
    case MigrationOutcome::completed: return "Migration Completed";
    case MigrationOutcome::rolled_back: return "Migration Stopped";
    case MigrationOutcome::failed:
      return m.recoverable ? "Migration Recovery Required" : "Migration Failed";
    case MigrationOutcome::recovered:
    case MigrationOutcome::rejected:
    case MigrationOutcome::validated: return "Not Migrating";
  }
  return "Not Migrating";
}

std::string lslparmigr_line(const MigrationRecord& m) {
  const std::array<std::pair<const char*, std::string>, 10> attrs{{
      {"name", m.lpar},
      {"lpar_id", std::to_string(m.lpar_id)},
      {"migration_state", lslparmigr_state(m)},
      {"migration_type", migration_type(m)},
      {"source_sys_name", m.source},
      {"dest_sys_name", m.destination},
      {"source_msp_name", m.source_msp},
      {"dest_msp_name", m.dest_msp},
      {"bytes_transmitted", whole(m.bytes_sent)},
      {"bytes_remaining", whole(bytes_remaining(m))},
  }};
  std::string line;
  for (const auto& [name, value] : attrs) {
    if (!line.empty()) line += ',';
    line += attribute(name, value);
  }
  return line;
}

void write_lslparmigr_summary(const RunReport& report, std::ostream& out) {
  for (const auto& m : report.migrations) out << lslparmigr_line(m) << '\n';
  out << '\n';
  write_table(report, out);
  out << '\n';
  write_totals(report, out);
  out << "Blackout: suspend → resume (the LPAR runs nowhere). Post-copy: resume → last page "
         "moved. Stall: time the LPAR's vCPUs waited for pages still on the source.\n";
  for (std::size_t i = 0; i < report.migrations.size(); ++i) {
    const MigrationRecord& m = report.migrations[i];
    const Verdict v = verdict(m);
    std::string line = v.reason.empty() ? "" : v.text();
    if (i < report.bottlenecks.size() && !report.bottlenecks[i].shares.empty() && moved(m)) {
      std::string shares;
      for (const auto& s : report.bottlenecks[i].shares)
        shares += fmt::format("{}{} {:.0f}%", shares.empty() ? "" : ", ", s.resource, 100 * s.share);
      if (!line.empty() || (v.label != "Converged" && v.label != "Moved inactive")) line += (line.empty() ? "" : "; ") + std::string("time: ") + shares;
    }
    if (!line.empty()) out << "  " << m.lpar << ": " << line << '\n';
    if (v.label == "Not converged")
      if (const std::string fix = convergence_fix(report, i); !fix.empty())
        out << "  " << m.lpar << ": " << fix << '\n';
  }
}

}  // namespace app::report
