// Reading the flat QEMU records: one line at a time, every field checked, nothing buffered
// beyond a line.
#include "app/studies/compare_records.hpp"

#include <fmt/core.h>

#include <cmath>
#include <fstream>
#include <nlohmann/json.hpp>

#include "app/studies/calibration.hpp"

namespace app::studies {

namespace {

using nlohmann::json;

struct LineReader {
  const QemuRecord& at;
  const json& doc;

  [[noreturn]] void bad(const std::string& field, const std::string& what) const {
    throw MeasurementError(fmt::format("{}:{}: {}: {}", at.file, at.line, field, what));
  }
  const json* find(const char* key) const {
    const auto it = doc.find(key);
    return it == doc.end() ? nullptr : &*it;
  }
  const json& required(const char* key) const {
    const json* v = find(key);
    if (!v) bad(key, "missing");
    return *v;
  }
  std::string text(const char* key) const {
    const json& v = required(key);
    if (!v.is_string() || v.get<std::string>().empty()) bad(key, "expected a non-empty string, got " + v.dump());
    return v.get<std::string>();
  }
  // A finite number ≥ `min` (> min when `strict`); null allowed only when `nullable`.
  std::optional<double> number(const char* key, double min, bool strict, bool nullable, bool needed = true) const {
    const json* v = find(key);
    if (!v) {
      if (needed) bad(key, "missing");
      return std::nullopt;
    }
    if (v->is_null()) {
      if (!nullable) bad(key, "expected a number, got null");
      return std::nullopt;
    }
    if (!v->is_number()) bad(key, "expected a number, got " + v->dump());
    const double x = v->get<double>();
    if (!std::isfinite(x) || x < min || (strict && x == min))
      bad(key, fmt::format("expected a finite number {} {}, got {}", strict ? ">" : ">=", min, v->dump()));
    return x;
  }
};

QemuRecord parse_line(const std::string& text, const std::string& file, std::int64_t line) {
  QemuRecord r;
  r.file = file;
  r.line = line;
  const json doc = json::parse(text, nullptr, false);
  const LineReader in{r, doc};
  if (doc.is_discarded()) in.bad("(line)", "not valid JSON (NaN and Infinity are not JSON numbers)");
  if (!doc.is_object()) in.bad("(line)", "expected one JSON object per line");
  r.run_id = in.text("run_id");
  r.guest_mem_mib = *in.number("guest_mem_mib", 0, true, false);
  const std::string dirtier = in.text("dirtier");
  if (dirtier == "idle")
    r.dirtier = QemuDirtier::idle;
  else if (dirtier == "uniform")
    r.dirtier = QemuDirtier::uniform;
  else if (dirtier == "sequential")
    r.dirtier = QemuDirtier::sequential;
  else
    in.bad("dirtier", "expected \"idle\", \"uniform\" or \"sequential\", got \"" + dirtier + "\"");
  r.ws_mib = *in.number("ws_mib", 0, false, false);
  if (r.ws_mib > r.guest_mem_mib) in.bad("ws_mib", "the working set is larger than guest_mem_mib");
  r.write_rate_pps = *in.number("write_rate_pps", 0, false, false);
  r.achieved_rate_pps = in.number("achieved_rate_pps", 0, false, true, false);
  if (r.dirtier != QemuDirtier::idle && r.ws_mib <= 0) in.bad("ws_mib", "a writing dirtier needs a working set > 0");
  r.max_bandwidth_bytes_per_s = *in.number("max_bandwidth_Bps", 0, true, false);
  r.downtime_limit_ms = *in.number("downtime_limit_ms", 0, true, false);
  r.nonzero_mib_at_start = in.number("nonzero_mib_at_start", 0, false, true, false);
  if (r.nonzero_mib_at_start && *r.nonzero_mib_at_start > r.guest_mem_mib)
    in.bad("nonzero_mib_at_start", "larger than guest_mem_mib");
  const std::string status = in.text("status");
  if (status != "completed" && status != "cancelled")
    in.bad("status", "expected \"completed\" or \"cancelled\", got \"" + status + "\"");
  r.completed = status == "completed";
  if (const json* race = in.find("race"); race && !race->is_null()) {
    if (!race->is_boolean()) in.bad("race", "expected true or false, got " + race->dump());
    r.race = race->get<bool>();
  }
  const bool measured = r.completed && !r.race;
  r.total_ms = in.number("total_ms", 0, false, !measured, measured);
  r.downtime_ms = in.number("downtime_ms", 0, false, !measured, measured);
  r.dirty_sync_count = in.number("dirty_sync_count", 0, false, !measured, measured);
  r.setup_ms = in.number("setup_ms", 0, false, true, false);
  r.transferred_bytes = in.number("transferred_bytes", 0, false, true, false);
  r.downtime_bytes = in.number("downtime_bytes", 0, false, true, false);
  if (measured && *r.downtime_ms > *r.total_ms) in.bad("downtime_ms", "larger than total_ms");
  return r;
}

}  // namespace

void read_qemu_records(const std::filesystem::path& path, std::vector<QemuRecord>& out,
                       const RecordLimits& limits) {
  const std::string file = path.string();
  std::ifstream in(path, std::ios::binary);
  if (!in) throw MeasurementError(fmt::format("{}: cannot read", file));
  const std::size_t before = out.size();
  std::string text;
  std::int64_t line = 0;
  while (true) {
    text.clear();
    // Read one line without letting a huge one grow the buffer past the limit.
    char c = 0;
    bool any = false;
    while (in.get(c)) {
      any = true;
      if (c == '\n') break;
      if (text.size() >= limits.max_line_bytes)
        throw MeasurementError(fmt::format("{}:{}: (line): longer than {} bytes", file, line + 1,
                                           limits.max_line_bytes));
      text.push_back(c);
    }
    if (!any) break;
    ++line;
    if (text.find_first_not_of(" \t\r") == std::string::npos) continue;
    if (static_cast<std::int64_t>(out.size()) >= limits.max_runs)
      throw MeasurementError(fmt::format("{}:{}: more than {} runs in all; raise --max-runs to compare more",
                                         file, line, limits.max_runs));
    out.push_back(parse_line(text, file, line));
  }
  if (out.size() == before) throw MeasurementError(fmt::format("{}: no runs (the file is empty)", file));
}

}  // namespace app::studies
