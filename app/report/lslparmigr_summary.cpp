#include "app/report/lslparmigr_summary.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <cctype>
#include <cmath>
#include <vector>

#include "app/report/report_format.hpp"

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

// Inactive migrations have no mover service partitions; a rejected or validate-only request
// never chose them, so an empty MSP says nothing about the type there.
std::string migration_type(const MigrationRecord& m) {
  bool never_ran =
      m.outcome == MigrationOutcome::rejected || m.outcome == MigrationOutcome::validated;
  return m.source_msp.empty() && !never_ran ? "inactive" : "active";
}

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
std::size_t width(const std::string& s) {
  return static_cast<std::size_t>(std::count_if(
      s.begin(), s.end(), [](char c) { return (static_cast<unsigned char>(c) & 0xC0) != 0x80; }));
}

std::string pad(const std::string& s, std::size_t w, bool right) {
  std::string fill(w > width(s) ? w - width(s) : 0, ' ');
  return right ? fill + s : s + fill;
}

std::vector<std::string> table_row(const MigrationRecord& m) {
  auto optional = [](const std::optional<sim::Duration>& d) {
    return d ? human_duration(*d) : "-";
  };
  return {m.lpar,
          m.source + " → " + m.destination,
          outcome_label(m),
          human_duration(m.total()),
          optional(m.blackout),
          optional(m.postcopy_window),
          human_bytes(m.bytes_sent),
          std::to_string(m.passes.size()),
          human_count(m.remote_faults)};
}

void write_table(const RunReport& r, std::ostream& out) {
  const std::vector<std::string> head{
      "LPAR",   "Source → Destination", "Outcome", "Total", "Blackout", "Post-copy", "Data sent",
      "Passes", "Remote faults"};
  constexpr std::array<bool, 9> right{false, false, false, true, true, true, true, true, true};
  std::vector<std::vector<std::string>> rows{head};
  for (const auto& m : r.migrations) rows.push_back(table_row(m));
  std::vector<std::size_t> w(head.size(), 0);
  for (const auto& row : rows)
    for (std::size_t c = 0; c < row.size(); ++c) w[c] = std::max(w[c], width(row[c]));
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

void write_totals(const RunReport& r, std::ostream& out) {
  std::array<int, 7> counts{};
  double sent = 0;
  std::optional<sim::Duration> longest;
  for (const auto& m : r.migrations) {
    ++counts[static_cast<std::size_t>(m.outcome)];
    sent += m.bytes_sent;
    if (m.blackout && (!longest || *m.blackout > *longest)) longest = m.blackout;
  }
  std::string parts;
  for (std::size_t i = 0; i < counts.size(); ++i) {
    if (counts[i] == 0) continue;
    MigrationRecord probe;
    probe.outcome = static_cast<MigrationOutcome>(i);
    std::string label = outcome_label(probe);
    label[0] = static_cast<char>(std::tolower(static_cast<unsigned char>(label[0])));
    parts += fmt::format("{}{} {}", parts.empty() ? "" : ", ", counts[i], label);
  }
  out << fmt::format("{} migration{}{}{}; {} sent; longest blackout {}\n", r.migrations.size(),
                     r.migrations.size() == 1 ? "" : "s", parts.empty() ? "" : ": ", parts,
                     human_bytes(sent), longest ? human_duration(*longest) : "-");
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
  for (const auto& m : report.migrations) {
    if (!m.outcome_detail.empty()) out << "  " << m.lpar << ": " << m.outcome_detail << '\n';
  }
}

}  // namespace app::report
