// Calibration: recovers known dirty-model parameters and link efficiency from synthetic
// measurements that lpmsim itself produced (within 2 %), and rejects malformed measurement
// files with messages naming the file, the JSON pointer and what was expected.
#include <doctest/doctest.h>

#include <cmath>
#include <filesystem>
#include <fstream>

#include "app/scenario/loader.hpp"
#include "app/scenario/diagnostic.hpp"
#include "app/scenario/quantity_text.hpp"
#include "app/studies/calibration.hpp"
#include "app/studies/simulation.hpp"

using namespace app::studies;

namespace {

// One "measured" migration: the simulator run with the true parameters.
MeasuredMigration synthesise(const app::scenario::ScenarioSpec& base, const DirtyFit& truth,
                             sim::Bytes memory, sim::BytesPerSecond bandwidth) {
  const auto spec = apply_fit(base, "db01", truth, memory, bandwidth);
  RunOptions options;
  options.time_series = false;
  Simulation simulation(spec, "scenarios", options);
  const auto report = simulation.run();
  REQUIRE(report.migrations.size() == 1);
  const auto& r = report.migrations[0];
  REQUIRE(r.outcome == models::migration::MigrationOutcome::completed);
  MeasuredMigration m{memory, bandwidth, r.total(), *r.blackout, r.bytes_sent, {}, std::nullopt, {}};
  for (const auto& p : r.passes) m.pass_pages.push_back(p.pages_sent);
  return m;
}

std::string error_of(const std::string& name, const std::string& text) {
  const auto dir = std::filesystem::path(LPMSIM_BINARY_DIR) / "test-output" / "calibration";
  std::filesystem::create_directories(dir);
  std::ofstream(dir / name, std::ios::binary) << text;
  try {
    load_measurements(dir / name);
  } catch (const MeasurementError& e) {
    const std::string what = e.what();
    return what.substr(what.find(name));
  } catch (const app::scenario::ScenarioError& e) {  // the file itself: size, kind, JSON syntax
    const std::string what = e.diagnostics().front().format();
    return what.substr(what.find(name));
  }
  return "(accepted)";
}

}  // namespace

TEST_CASE("calibration recovers hot/cold parameters and link efficiency within 2 %") {
  const auto base = app::scenario::load_scenario_file("scenarios/quickstart.json");
  const DirtyFit truth{DirtyModelKind::hot_cold, 0.04, 30000, 800, 0.85};
  Measurements ms;
  for (const auto& [gib, gbit] : {std::pair{32, 10}, {64, 25}, {96, 10}, {128, 25}})
    ms.migrations.push_back(synthesise(base, truth,
                                       sim::Bytes(static_cast<std::int64_t>(gib) << 30),
                                       sim::BytesPerSecond::from_bits_per_second(gbit * 1e9)));
  const DirtyFit start{DirtyModelKind::hot_cold, 0.1, 10000, 300, 1.0};
  const auto result = calibrate(base, "scenarios", ms, start);
  CHECK(result.fit.hot_fraction == doctest::Approx(truth.hot_fraction).epsilon(0.02));
  CHECK(result.fit.hot_rate == doctest::Approx(truth.hot_rate).epsilon(0.02));
  CHECK(result.fit.cold_rate == doctest::Approx(truth.cold_rate).epsilon(0.02));
  CHECK(result.fit.efficiency == doctest::Approx(truth.efficiency).epsilon(0.02));
  CHECK(result.rms_relative_error < 1e-3);
  CHECK(result.moved);
  REQUIRE(result.residuals.size() == 4);
  for (const auto& r : result.residuals) {
    CHECK(r.converged);
    CHECK(r.predicted_total_time_s == doctest::Approx(r.total_time_s).epsilon(0.005));
  }
}

TEST_CASE("issue 13: a fit that does not move is not claimed, and a fraction driven to 0 still validates") {
  const auto base = app::scenario::load_scenario_file("scenarios/quickstart.json");
  const DirtyFit truth{DirtyModelKind::hot_cold, 0.04, 30000, 800, 0.85};
  Measurements ms;
  ms.migrations.push_back(synthesise(base, truth, sim::Bytes(32LL << 30), sim::BytesPerSecond::from_bits_per_second(10e9)));
  const auto result = calibrate(base, "scenarios", ms, truth);  // already exact: nothing to improve
  CHECK_FALSE(result.moved);
  DirtyFit zero = truth;
  zero.hot_fraction = 0.0;
  const auto fitted = apply_fit(base, "db01", zero, std::nullopt, std::nullopt);
  CHECK_NOTHROW(app::scenario::load_scenario_text(app::scenario::to_json(fitted).dump(), "fitted.json", "scenarios"));
}

TEST_CASE("a fit stays inside what the scenario can say, whatever was measured") {
  // 60 s is below the quickstart's fastest migration (67.8 s, its MSP's CPU limits the stream).
  // Unbounded, the search drove the efficiency to 1e+127 and the rates to 1e-50 (then wrote a
  // scenario that did not load), and at 70 s or 80 s overflowed the clock (exit 3).
  const auto base = app::scenario::load_scenario_file("scenarios/quickstart.json");
  for (const char* total : {"60s", "70s", "80s"}) {
    CAPTURE(total);
    Measurements ms;
    ms.migrations.push_back({sim::Bytes(64LL << 30), sim::BytesPerSecond::from_bits_per_second(25e9),
                             sim::parse_duration(total), std::nullopt, std::nullopt, {}, std::nullopt, {}});
    CalibrationResult result;
    REQUIRE_NOTHROW(result = calibrate(base, "scenarios", ms));
    CHECK(result.fit.efficiency <= 1.0);
    CHECK(result.fit.efficiency >= 0.01);
    CHECK(result.fit.hot_fraction >= 1e-6);
    CHECK(result.fit.hot_rate >= 1e-3);
    CHECK(result.fit.cold_rate >= 1e-3);
    CHECK(result.fit.hot_rate <= app::scenario::kMaxDirtyPagesPerSecond);
    const auto fitted = apply_fit(base, "db01", result.fit, std::nullopt, std::nullopt);
    CHECK_NOTHROW(app::scenario::load_scenario_text(app::scenario::to_json(fitted).dump(), "fitted.json", "scenarios"));
  }
}

TEST_CASE("malformed measurement files: file, JSON pointer, expectation") {
  CHECK(error_of("a.json", "{") ==
        "a.json:1:2: syntax error while parsing object key - unexpected end of input; expected string literal");
  SUBCASE("issue 15: duplicate and unknown root keys, too many rows") {
    CHECK(error_of("dup.json", "{\"lpar\": \"a\",\n \"lpar\": \"b\", \"migrations\": []}") ==
          "dup.json:2: /lpar: duplicate key \"lpar\" (a key may appear once per object)");
    CHECK(error_of("root.json", R"({"lpra": "a", "migrations": []})") ==
          "root.json:1: /lpra: unknown key (expected \"lpar\", \"dirty_model\", \"migrations\" or \"description\")");
    std::string many = R"({"migrations": [)";
    for (int i = 0; i < 1001; ++i) many += std::string(i ? "," : "") + "{}";
    CHECK(error_of("many.json", many + "]}") == "many.json:1: /migrations: 1001 migrations; calibrate fits at most 1000");
  }
  CHECK(error_of("b.json", "[]") == "b.json:1: /: expected an object with \"migrations\"");
  CHECK(error_of("c.json", R"({"migrations": []})") ==
        "c.json:1: /migrations: expected a non-empty array of measured migrations");
  CHECK(error_of("d.json", R"({"migrations": [{"memory": "64GiB", "bandwidth": "25Gbit/s"}]})") ==
        "d.json:1: /migrations/0/total_time: missing (every migration needs memory, bandwidth, "
        "total_time)");
  CHECK(error_of(
            "e.json",
            R"({"migrations": [{"memory": 64, "bandwidth": "25Gbit/s", "total_time": "60s"}]})") ==
        "e.json:1: /migrations/0/memory: expected a quantity like \"64GiB\", got 64");
  CHECK(
      error_of("f.json",
               R"({"migrations": [{"memory": "64GiB", "bandwidth": "25Gbit/s", "total_time": "60s",
                               "pass_pages": [100, -1]}]})") ==
      "f.json:2: /migrations/0/pass_pages/1: expected a non-negative page count");
  CHECK(error_of("g.json", R"({"dirty_model": "zipf", "migrations": [{}]})") ==
        "g.json:1: /dirty_model: expected \"hot_cold\" or \"uniform\"");
  CHECK(
      error_of("h.json",
               R"({"migrations": [{"memory": "64GiB", "bandwidth": "25Gbit/s", "total_time": "60s",
                               "downtme": "50ms"}]})") ==
      "h.json:2: /migrations/0/downtme: unknown key (expected memory, bandwidth, total_time, "
      "downtime, bytes_sent, "
      "pass_pages, workload, note)");
  CHECK(error_of(
            "i.json",
            R"({"migrations": [{"memory": "64GiB", "bandwidth": "fast", "total_time": "60s"}]})") ==
        "i.json:1: /migrations/0/bandwidth: expected a quantity like \"25Gbit/s\", got \"fast\"");
}
