// Measurement files (`lpmsim calibrate MEASUREMENTS`, format in SWEEP.md): untrusted input read
// through the trust boundary (app/scenario/input_file.hpp) into Measurements (calibration.hpp).
#include <fmt/core.h>

#include <cmath>
#include <nlohmann/json.hpp>

#include "app/scenario/diagnostic.hpp"
#include "app/scenario/input_file.hpp"
#include "app/scenario/json_positions.hpp"
#include "app/scenario/loader.hpp"
#include "app/scenario/quantity_text.hpp"
#include "app/studies/calibration.hpp"

namespace app::studies {

namespace {

using nlohmann::json;
using scenario::QuantityText;

// The file being read: its name and where each value starts, so that every error names
// file:line: pointer, as the scenario loader's do.
struct Source {
  const std::string& file;
  scenario::JsonPositions positions;
};

[[noreturn]] void bad(const Source& source, const std::string& pointer, const std::string& what) {
  throw MeasurementError(fmt::format("{}:{}: {}: {}", source.file, source.positions.line_of(pointer),
                                     pointer.empty() ? "/" : pointer, what));
}

template <typename Q>
Q quantity(const json& v, const Source& file, const std::string& pointer,
           const char* example) {
  std::string problem;
  std::optional<Q> q;
  if (v.is_string()) q = QuantityText<Q>::parse(v.get<std::string>(), problem);
  if (!q)
    bad(file, pointer, fmt::format("expected a quantity like \"{}\", got {}", example, scenario::printable(v.dump(), 60)));
  return *q;
}

MeasuredMigration read_migration(const json& m, const Source& file, const std::string& at) {
  if (!m.is_object()) bad(file, at, "expected an object with memory, bandwidth and total_time");
  for (const char* key : {"memory", "bandwidth", "total_time"})
    if (!m.contains(key))
      bad(file, at + "/" + key, "missing (every migration needs memory, bandwidth, total_time)");
  MeasuredMigration r;
  r.memory = quantity<sim::Bytes>(m["memory"], file, at + "/memory", "64GiB");
  r.bandwidth = quantity<sim::BytesPerSecond>(m["bandwidth"], file, at + "/bandwidth", "25Gbit/s");
  r.total_time = quantity<sim::Duration>(m["total_time"], file, at + "/total_time", "68.3s");
  if (m.contains("downtime"))
    r.downtime = quantity<sim::Duration>(m["downtime"], file, at + "/downtime", "57ms");
  if (m.contains("bytes_sent")) {
    if (!m["bytes_sent"].is_number() || !(m["bytes_sent"].get<double>() > 0) || !std::isfinite(m["bytes_sent"].get<double>()))
      bad(file, at + "/bytes_sent", "expected a positive number of bytes");
    r.bytes_sent = m["bytes_sent"].get<double>();
  }
  if (m.contains("pass_pages")) {
    const auto& p = m["pass_pages"];
    if (!p.is_array())
      bad(file, at + "/pass_pages", "expected an array of page counts, one per pre-copy pass");
    for (std::size_t i = 0; i < p.size(); ++i) {
      if (!p[i].is_number() || !(p[i].get<double>() >= 0) || !std::isfinite(p[i].get<double>()))
        bad(file, fmt::format("{}/pass_pages/{}", at, i), "expected a non-negative page count");
      r.pass_pages.push_back(p[i].get<double>());
    }
  }
  if (m.contains("workload")) {
    if (!m["workload"].is_object())
      bad(file, at + "/workload", "expected a workload object, as an LPAR's \"workload\" in a scenario");
    r.workload = m["workload"];
    r.workload_at = fmt::format("{}:{}: {}/workload", file.file, file.positions.line_of(at + "/workload"), at);
  }
  for (const auto& [key, value] : m.items())
    if (key != "memory" && key != "bandwidth" && key != "total_time" && key != "downtime" &&
        key != "bytes_sent" && key != "pass_pages" && key != "workload" && key != "note")
      bad(file, at + "/" + scenario::printable(key, 60),
          "unknown key (expected memory, bandwidth, total_time, downtime, bytes_sent, pass_pages, "
          "workload, note)");
  return r;
}

}  // namespace

Measurements load_measurements(const std::filesystem::path& path) {
  // Untrusted input: a regular file under the size limit (ScenarioError, exit 2).
  return parse_measurements(scenario::read_input_file(path, scenario::input_policy().data_bytes, "measurement file"),
                            path.string());
}

Measurements parse_measurements(std::string_view text, const std::string& name) {
  // JSON with line:column syntax errors and no duplicate keys (ScenarioError, exit 2).
  const auto doc = scenario::parse_json_text(text, name);
  const Source file{name, scenario::JsonPositions(text)};
  if (!doc.is_object()) bad(file, "", "expected an object with \"migrations\"");
  for (const auto& [key, value] : doc.items())
    if (key != "lpar" && key != "dirty_model" && key != "migrations" && key != "description")
      bad(file, "/" + scenario::printable(key, 60),
          "unknown key (expected \"lpar\", \"dirty_model\", \"migrations\" or \"description\")");
  Measurements ms;
  if (doc.contains("lpar")) {
    if (!doc["lpar"].is_string()) bad(file, "/lpar", "expected an LPAR name");
    ms.lpar = doc["lpar"].get<std::string>();
  }
  if (doc.contains("dirty_model")) {
    const auto& m = doc["dirty_model"];
    if (m == "uniform")
      ms.model = DirtyModelKind::uniform;
    else if (m != "hot_cold")
      bad(file, "/dirty_model", "expected \"hot_cold\" or \"uniform\"");
  }
  if (!doc.contains("migrations") || !doc["migrations"].is_array() || doc["migrations"].empty())
    bad(file, "/migrations", "expected a non-empty array of measured migrations");
  // Every iteration of the fit simulates every migration: the count bounds calibrate's run time.
  if (doc["migrations"].size() > kMaxMeasuredMigrations)
    bad(file, "/migrations",
        fmt::format("{} migrations; calibrate fits at most {}", doc["migrations"].size(), kMaxMeasuredMigrations));
  for (std::size_t i = 0; i < doc["migrations"].size(); ++i)
    ms.migrations.push_back(
        read_migration(doc["migrations"][i], file, fmt::format("/migrations/{}", i)));
  return ms;
}

}  // namespace app::studies
