// Issue 17, Found 2 and 3, on bundled scenarios run end to end: a migration that did not converge
// says so, and why, in the same words on the console, in the HTML headline, in the report and in
// the CSV; the blackout follows what the LPAR dirties (it is not a constant set by fixed phase
// times), and a post-copy is reported beside it rather than hidden behind "Completed".
#include <doctest/doctest.h>

#include <nlohmann/json.hpp>
#include <fstream>
#include <sstream>

#include "app/report/csv_tables.hpp"
#include "app/report/html_report.hpp"
#include "app/report/lslparmigr_summary.hpp"
#include "app/report/report_format.hpp"
#include "app/report/report_json.hpp"
#include "app/report/verdict.hpp"
#include "app/scenario/loader.hpp"
#include "app/studies/simulation.hpp"

namespace {

using Json = nlohmann::ordered_json;

std::string read_text(const std::string& file) {
  std::ifstream in(file);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

app::report::RunReport run(const Json& scenario, const std::string& file) {
  app::studies::RunOptions options;
  options.time_series = false;
  const app::scenario::ScenarioSpec spec = app::scenario::load_scenario_text(scenario.dump(2), file);
  app::studies::Simulation s(spec, "scenarios", options);
  return s.run();
}

const models::migration::MigrationRecord& only(const app::report::RunReport& r) {
  REQUIRE(r.migrations.size() == 1);
  return r.migrations.front();
}

}  // namespace

TEST_CASE("issue 17, Found 3: a migration that did not converge is named, with why, everywhere") {
  const std::string file = "scenarios/non-converging.json";
  const app::report::RunReport r = run(Json::parse(read_text(file)), file);
  const auto& m = only(r);
  const app::report::Verdict v = app::report::verdict(m);
  REQUIRE(m.stop);
  CHECK(v.label == "Not converged");
  const std::string why = app::report::non_convergence(m.stop->decision.rule);
  REQUIRE_FALSE(why.empty());  // the stop rule is one that means "gave up", not "converged"
  CHECK(v.reason.rfind(why + " after ", 0) == 0);

  std::ostringstream console;
  app::report::write_lslparmigr_summary(r, console);
  CHECK(console.str().find(m.lpar + ": Not converged (" + why) != std::string::npos);
  CHECK(console.str().find("1 not converged") != std::string::npos);

  std::ostringstream html;
  app::report::write_html(r, html);
  CHECK(html.str().find("<li><b>" + m.lpar + "</b> Not converged (" + why) != std::string::npos);
  CHECK(html.str().find("All 1 migrations converged") == std::string::npos);

  std::ostringstream report;
  app::report::write_report_json(r, report);
  const Json json = Json::parse(report.str());
  CHECK(json["migrations"][0]["verdict"] == "Not converged");
  CHECK(json["migrations"][0]["verdict_reason"] == v.reason);

  std::ostringstream csv;
  app::report::write_migrations_csv(r, csv);
  CHECK(csv.str().find(",Not converged," + app::report::csv_field(v.reason)) != std::string::npos);
}

TEST_CASE("issue 17, Found 2: the pages left at the stop show in the post-copy and its stall") {
  // PowerVM's switchover is hybrid (domain/lpm-protocol.md §"post-copy"): the blackout is the
  // suspend, the partition state and the resume, nearly constant by design; what a busier LPAR
  // leaves at the stop moves after the resume. So "56.8 ms whatever the LPAR" is right, and the
  // finding was that the pain hid in a post-copy nobody showed. The quickstart's LPAR at its own
  // dirty rate and at four times it: the post-copy, its faults and its stall grow.
  const std::string file = "scenarios/quickstart.json";
  const Json base = Json::parse(read_text(file));
  Json busy = base;
  bool scaled = false;
  for (auto& system : busy["managed_systems"])
    if (system.contains("lpars"))
      for (auto& lpar : system["lpars"])
        if (lpar.contains("workload")) {
          auto& dirty = lpar["workload"]["dirty"];
          REQUIRE(dirty["hot_write_rate"] == "20000pages/s");
          dirty["hot_write_rate"] = "80000pages/s";
          dirty["cold_write_rate"] = "2000pages/s";
          scaled = true;
        }
  REQUIRE(scaled);
  const app::report::RunReport quiet_run = run(base, file);
  const app::report::RunReport loud_run = run(busy, file);
  const auto& quiet = only(quiet_run);
  const auto& loud = only(loud_run);
  REQUIRE(quiet.stop);
  REQUIRE(loud.stop);
  REQUIRE(quiet.postcopy_window);
  REQUIRE(loud.postcopy_window);
  CHECK(*loud.postcopy_window > *quiet.postcopy_window);
  CHECK(loud.fault_stall.ns() > 4 * quiet.fault_stall.ns());
  CHECK(loud.remote_faults > 4 * quiet.remote_faults);

  // Both show in the console row; --max-stall and --max-postcopy bound them in plans (pinned in
  // test_evacuation_plan "post-copy bounds beside the blackout bound").
  std::ostringstream row;
  app::report::write_lslparmigr_summary(loud_run, row);
  CHECK(row.str().find(app::report::human_duration(loud.fault_stall)) != std::string::npos);
  CHECK(row.str().find(app::report::human_duration(*loud.postcopy_window)) != std::string::npos);

  // The non-converging database: its post-copy and the stall it causes are in the console row
  // and the headline counts it as not converged, not as a plain "Completed".
  const std::string nc_file = "scenarios/non-converging.json";
  const app::report::RunReport nc = run(Json::parse(read_text(nc_file)), nc_file);
  std::ostringstream console;
  app::report::write_lslparmigr_summary(nc, console);
  CHECK(console.str().find("Post-copy") != std::string::npos);
  CHECK(console.str().find("longest post-copy stall") != std::string::npos);
  CHECK(app::report::verdict(only(nc)).label != "Converged");
}

TEST_CASE("a migration still running when the simulation ends is Pending, and the run ends cleanly") {
  // Nova's layer owning the stop on the non-converging LPAR: its completion timeout is 800 s per
  // GiB (56.9 h for 256 GiB), far beyond a 30-minute run. The migration's flows are still in the
  // network when the Simulation is destroyed: that once sampled the links after the link series
  // was gone (a crash at exit, found on a 72-hour run).
  const std::string file = "scenarios/non-converging.json";
  Json j = Json::parse(read_text(file));
  j["hmc"]["convergence"] = {{"policy", "nova"}, {"owns_stop", true}};
  j["simulation"]["end_time"] = "30min";
  const app::report::RunReport r = run(j, file);
  const auto& m = only(r);
  CHECK(m.outcome == models::migration::MigrationOutcome::pending);
  CHECK(app::report::verdict(m).text() == "Pending (still running when the simulation ended)");
}
