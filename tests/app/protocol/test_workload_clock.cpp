// Issue 17, workloads over the day: a phases workload counts its time on the simulation clock
// (so a migration at 02:10 meets the phase of 02:10), on each migration's own clock, or on the
// day clock (phases that begin at times of day); any phase may be 0, the first too; phases of
// different dirty models are refused with their pointer when the file is loaded.
#include <doctest/doctest.h>

#include <nlohmann/json.hpp>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "app/scenario/diagnostic.hpp"
#include "app/scenario/loader.hpp"
#include "app/studies/simulation.hpp"

namespace {

using Json = nlohmann::ordered_json;

const char* const kQuickstart = "scenarios/quickstart.json";

Json quickstart() {
  std::ifstream in(kQuickstart);
  std::stringstream s;
  s << in.rdbuf();
  return Json::parse(s.str());
}

Json uniform(const std::string& rate) { return {{"model", "uniform"}, {"write_rate", rate}, {"working_set_fraction", 0.5}}; }

// db01 of the quickstart with this dirty model, migrated at `at`.
Json scenario(const Json& dirty, const std::string& at) {
  Json j = quickstart();
  j["managed_systems"][0]["lpars"][0]["workload"]["dirty"] = dirty;
  j["actions"][0]["at"] = at;
  j["simulation"]["end_time"] = "12h";
  return j;
}

struct Outcome {
  double bytes_sent = 0;
  std::size_t passes = 0;
  bool operator==(const Outcome&) const = default;
};

// The same migration up to rounding: the phases' piecewise integral and a steady rate's product
// differ in the last bits.
void check_same(const Outcome& a, const Outcome& b) {
  CHECK(a.passes == b.passes);
  CHECK(a.bytes_sent == doctest::Approx(b.bytes_sent).epsilon(1e-9));
}

Outcome run(const Json& j, const std::filesystem::path& dir = "scenarios") {
  const auto spec = app::scenario::load_scenario_text(j.dump(2), (dir / "quickstart.json").string(), dir);
  app::studies::RunOptions options;
  options.time_series = false;
  app::studies::Simulation s(spec, dir, options);
  const auto report = s.run();
  REQUIRE(report.migrations.size() == 1);
  const auto& m = report.migrations.front();
  REQUIRE(m.outcome == models::migration::MigrationOutcome::completed);
  return {m.bytes_sent, m.passes.size()};
}

std::string error_of(const Json& j) {
  try {
    app::scenario::load_scenario_text(j.dump(2), kQuickstart);
  } catch (const app::scenario::ScenarioError& e) {
    return e.diagnostics().front().pointer + ": " + e.diagnostics().front().message;
  }
  return "(accepted)";
}

const std::string kDirty = "/managed_systems/0/lpars/0/workload/dirty";

}  // namespace

TEST_CASE("issue 17: a batch job busy for an hour, then quiet: on the simulation clock the start time matters") {
  Json phases{{"model", "phases"},
              {"phases", Json::array({{{"duration", "1h"}, {"dirty", uniform("400000pages/s")}},
                                      {{"duration", "23h"}, {"dirty", uniform("0pages/s")}}})}};
  const Outcome busy = run(scenario(phases, "10min"));
  const Outcome quiet = run(scenario(phases, "70min"));
  CHECK(quiet.bytes_sent < busy.bytes_sent);
  CHECK(quiet.passes < busy.passes);
  // On the migration clock every start sees the busy hour first: the old behaviour, on request.
  phases["clock"] = "migration";
  CHECK(run(scenario(phases, "10min")) == run(scenario(phases, "70min")));
  CHECK(run(scenario(phases, "10min")) == busy);
}

TEST_CASE("issue 17: a first phase of 0 pages/s does not switch the workload off for good") {
  Json phases{{"model", "phases"},
              {"phases", Json::array({{{"duration", "1h"}, {"dirty", uniform("0pages/s")}},
                                      {{"duration", "23h"}, {"dirty", uniform("400000pages/s")}}})}};
  const Outcome quiet = run(scenario(phases, "10min"));
  const Outcome busy = run(scenario(phases, "70min"));
  CHECK(quiet.bytes_sent < busy.bytes_sent);
  check_same(busy, run(scenario(uniform("400000pages/s"), "70min")));
}

TEST_CASE("issue 17: the day clock — quiet from 02:00 to 06:00, whatever time the simulation starts") {
  Json day{{"model", "phases"},
           {"clock", "day"},
           {"phases", Json::array({{{"from", "02:00"}, {"dirty", uniform("0pages/s")}},
                                   {{"from", "06:00"}, {"dirty", uniform("400000pages/s")}}})}};
  // Simulated time 0 at 22:00: a migration at 270 min runs at 02:30 (quiet), one at 1h at 23:00 (busy).
  Json at_night = scenario(day, "270min");
  at_night["simulation"]["start_of_day"] = "22:00";
  Json evening = scenario(day, "1h");
  evening["simulation"]["start_of_day"] = "22:00";
  const Outcome quiet = run(at_night);
  const Outcome busy = run(evening);
  CHECK(quiet.bytes_sent < busy.bytes_sent);
  check_same(quiet, run(scenario(uniform("0pages/s"), "10min")));
  check_same(busy, run(scenario(uniform("400000pages/s"), "10min")));
  // The same wall-clock hour gives the same migration whatever the simulation's start.
  Json from_midnight = scenario(day, "150min");
  check_same(run(from_midnight), quiet);
}

TEST_CASE("issue 17: phases are checked when the file is loaded, with their pointers") {
  Json mixed{{"model", "phases"},
             {"phases", Json::array({{{"duration", "1h"}, {"dirty", uniform("1000pages/s")}},
                                     {{"duration", "1h"}, {"dirty", {{"model", "zipf"}, {"write_rate", "1000pages/s"}}}}})}};
  CHECK(error_of(scenario(mixed, "10s")) ==
        kDirty + "/phases/1/dirty/model: expected the first phase's dirty model \"uniform\" (phases change only rates); found \"zipf\"");
  Json day{{"model", "phases"}, {"clock", "day"}, {"phases", Json::array({{{"duration", "1h"}, {"dirty", uniform("1000pages/s")}}})}};
  CHECK(error_of(scenario(day, "10s")) == kDirty + "/phases/0: missing required key \"from\" (clock \"day\")");
  day["phases"][0] = {{"from", "25:00"}, {"dirty", uniform("1000pages/s")}};
  CHECK(error_of(scenario(day, "10s")) ==
        kDirty + "/phases/0/from: time of day \"25:00\": expected HH:MM or HH:MM:SS on a 24-hour clock, e.g. \"02:00\"");
  day["phases"] = Json::array({{{"from", "06:00"}, {"dirty", uniform("1000pages/s")}}, {{"from", "02:00"}, {"dirty", uniform("0pages/s")}}});
  CHECK(error_of(scenario(day, "10s")) ==
        kDirty + "/phases/1/from: expected times of day in increasing order; found \"02:00\" after \"06:00\"");
  Json sim{{"model", "phases"}, {"phases", Json::array({{{"from", "02:00"}, {"dirty", uniform("1000pages/s")}}})}};
  CHECK(error_of(scenario(sim, "10s")) == kDirty + "/phases/0: missing required key \"duration\" (clock \"simulation\")");
}

TEST_CASE("a trace workload with repeat starts again after its last sample; without, the last rate holds") {
  // 5 s busy, 5 s quiet: the last sample (10 s) ends a cycle. Without repeat the partition is
  // quiet from 5 s on, so pre-copy sends less.
  const auto dir = std::filesystem::temp_directory_path() / "lpmsim-test-trace-repeat";
  std::filesystem::create_directories(dir);
  std::ofstream(dir / "busy-quiet.txt") << "0 100000\n5 0\n10 0\n";
  Json trace{{"model", "trace"}, {"file", "busy-quiet.txt"}};
  const Outcome once = run(scenario(trace, "10min"), dir);
  trace["repeat"] = true;
  const Outcome cycling = run(scenario(trace, "10min"), dir);
  CHECK(cycling.bytes_sent > once.bytes_sent * 1.05);
  std::filesystem::remove_all(dir);
}
