// Issue 16: every fault kind written in a scenario file runs to its defined outcome (never a
// crash, never exit 3), at a time or at a protocol point, with a repair time where it applies;
// targets follow one naming rule in the file, the injector and the report.
#include <doctest/doctest.h>

#include <nlohmann/json.hpp>
#include <fstream>
#include <sstream>

#include "app/report/html_report.hpp"
#include "app/report/report_json.hpp"
#include "app/report/verdict.hpp"
#include "app/scenario/diagnostic.hpp"
#include "app/scenario/loader.hpp"
#include "app/studies/simulation.hpp"

namespace {

using Json = nlohmann::ordered_json;
using models::migration::MigrationOutcome;

std::string read(const std::string& file) {
  std::ifstream in(file);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

// The quickstart (or another bundled scenario) with these faults.
app::scenario::ScenarioSpec with_faults(const std::string& file, const Json& faults) {
  Json j = Json::parse(read(file));
  j["faults"] = faults;
  return app::scenario::load_scenario_text(j.dump(2), file);
}

struct Result {
  app::report::RunReport report;
  Json json;
};

Result run(const app::scenario::ScenarioSpec& spec) {
  app::studies::RunOptions options;
  options.time_series = false;
  app::studies::Simulation s(spec, "scenarios", options);
  Result r{s.run(), {}};
  std::ostringstream out;
  app::report::write_report_json(r.report, out);
  r.json = Json::parse(out.str());
  return r;
}

const models::migration::MigrationRecord& only(const Result& r) {
  REQUIRE(r.report.migrations.size() == 1);
  return r.report.migrations.front();
}

Json fault(const std::string& kind, const std::string& target, const Json& when) {
  Json f{{"kind", kind}, {"target", target}};
  for (const auto& [k, v] : when.items()) f[k] = v;
  return f;
}

Json point(const std::string& p) { return Json{{"at_point", {{"lpar", "db01"}, {"point", p}}}}; }

}  // namespace

TEST_CASE("issue 16: msp_crash and vios_crash from a scenario file run to their outcome") {
  SUBCASE("msp_crash at a time during pre-copy (was: free(): double free)") {
    const auto r = run(with_faults("scenarios/quickstart.json", Json::array({fault("msp_crash", "sysA-vios1", {{"at", "60s"}})})));
    CHECK(only(r).outcome == MigrationOutcome::rolled_back);
    CHECK(only(r).outcome_detail == "migration stream lost: mover service partition sysA/sysA-vios1 failed");
    REQUIRE(r.report.faults.size() == 1);
    CHECK(r.report.faults[0].target == "sysA/sysA-vios1");  // the naming rule: system/VIOS
  }
  SUBCASE("msp_crash at point resumed (was: exit 3 \"no VIOS sysA-vios1\"): failed, recoverable") {
    const auto r = run(with_faults("scenarios/quickstart.json", Json::array({fault("msp_crash", "sysA/sysA-vios1", point("resumed"))})));
    CHECK(only(r).outcome == MigrationOutcome::failed);
    CHECK(only(r).recoverable);
  }
  SUBCASE("vios_crash with repair_after: a VIOS reboot, the migration rolls back and the VIOS serves again") {
    const auto r = run(with_faults("scenarios/quickstart.json",
                                   Json::array({fault("vios_crash", "sysB-vios1", {{"at", "40s"}, {"repair_after", "5min"}})})));
    CHECK(only(r).outcome == MigrationOutcome::rolled_back);
    REQUIRE(r.report.faults.size() == 2);
    CHECK(r.report.faults[0].kind == "vios_crash");
    CHECK(r.report.faults[1].kind == "vios_restart");
    CHECK(r.report.faults[1].target == "sysB/sysB-vios1");
    CHECK(r.report.faults[1].at - r.report.faults[0].at == sim::Duration::from_ns(300'000'000'000));
  }
  SUBCASE("hmc_disconnect with a repair time: the migration waits and completes") {
    const auto base = run(app::scenario::load_scenario_file("scenarios/quickstart.json"));
    const auto r = run(with_faults("scenarios/quickstart.json",
                                   Json::array({fault("hmc_disconnect", "hmc", {{"at", "12s"}, {"repair_after", "2min"}})})));
    CHECK(only(r).outcome == MigrationOutcome::completed);
    CHECK(only(r).total() > only(base).total());
  }
  SUBCASE("hmc_stop at point precopy: rolled back like migrlpar -o s") {
    const auto r = run(with_faults("scenarios/quickstart.json", Json::array({fault("hmc_stop", "db01", point("precopy"))})));
    CHECK(only(r).outcome == MigrationOutcome::rolled_back);
  }
}

TEST_CASE("issue 16: a failure during the blackout resumes on the source and the blackout is reported") {
  SUBCASE("link_down on the MSP path at point suspended (was: frozen, blackout null, max_blackout 0s)") {
    const auto r = run(with_faults("scenarios/quickstart.json", Json::array({fault("link_down", "sysB-uplink", point("suspended"))})));
    CHECK(only(r).outcome == MigrationOutcome::rolled_back);
    REQUIRE(only(r).blackout.has_value());
    CHECK(*only(r).blackout > sim::Duration::zero());
    CHECK(*only(r).blackout < sim::Duration::from_ns(60'000'000'000));
    CHECK(r.json["migrations"][0]["blackout"] != nullptr);
    CHECK(r.json["summary"]["max_blackout"] == r.json["migrations"][0]["blackout"]);
    CHECK(r.json["migrations"][0]["stranded"] == false);
  }
  SUBCASE("destination failure while Suspended: resumed on the source, not Failed") {
    const auto r = run(with_faults("scenarios/quickstart.json", Json::array({fault("system_failure", "sysB", point("suspended"))})));
    CHECK(only(r).outcome == MigrationOutcome::rolled_back);
    CHECK(only(r).blackout.has_value());
  }
  SUBCASE("source failure while Suspended: stranded, and max_blackout counts it") {
    const auto r = run(with_faults("scenarios/quickstart.json", Json::array({fault("system_failure", "sysA", point("suspended"))})));
    CHECK(only(r).outcome == MigrationOutcome::failed);
    CHECK(only(r).stranded);
    REQUIRE(only(r).blackout.has_value());
    CHECK(r.json["migrations"][0]["stranded"] == true);
    CHECK(r.json["summary"]["stranded"] == 1);
    CHECK(r.json["summary"]["max_blackout"] == r.json["migrations"][0]["blackout"]);
  }
}

TEST_CASE("issue 16: fault targets that do not follow the naming rule are exit-2 diagnostics") {
  const auto message = [](const Json& faults) {
    try {
      (void)with_faults("scenarios/quickstart.json", faults);
    } catch (const app::scenario::ScenarioError& e) {
      return std::string(e.what());
    }
    return std::string("no error");
  };
  CHECK(message(Json::array({fault("msp_crash", "sysB/sysA-vios1", {{"at", "60s"}})})).find(
            "/faults/0/target: unknown MSP \"sysA-vios1\" on managed system \"sysB\"") != std::string::npos);
  CHECK(message(Json::array({fault("vios_crash", "sysC/sysA-vios1", {{"at", "60s"}})})).find(
            "/faults/0/target: unknown managed system \"sysC\"") != std::string::npos);
  CHECK(message(Json::array({fault("hmc_disconnect", "hmc1", {{"at", "60s"}})})).find(
            "/faults/0/target: expected \"hmc\"") != std::string::npos);
  CHECK(message(Json::array({fault("system_failure", "sysA", {{"at", "60s"}, {"repair_after", "1min"}})})).find(
            "repair_after applies to link_down, msp_crash, vios_crash and hmc_disconnect only") != std::string::npos);
}

namespace {
app::scenario::ScenarioSpec with_actions(const std::string& file, const Json& actions, const Json& faults = Json::array()) {
  Json j = Json::parse(read(file));
  j["actions"] = actions;
  if (!faults.empty()) j["faults"] = faults;
  return app::scenario::load_scenario_text(j.dump(2), file);
}
}  // namespace

TEST_CASE("issue 16: the smaller items of \"Found\" 5-6") {
  SUBCASE("migrating a VIOS reaches the HMC's own check (was: the loader's \"unknown LPAR\")") {
    const auto r = run(with_actions("scenarios/quickstart.json",
                                    Json::array({{{"at", "10s"}, {"migrlpar", "-o m -m sysA -t sysB -p sysA-vios1"}}})));
    CHECK(only(r).outcome == MigrationOutcome::rejected);
    bool refused = false;
    for (const auto& v : only(r).validation) refused = refused || v.code == "LPMSIM-V020";
    CHECK(refused);
    // A rejected migration never started (was: "0s").
    CHECK_FALSE(only(r).started.has_value());
    CHECK(r.json["migrations"][0]["started"] == nullptr);
  }
  SUBCASE("-o s naming the destination is refused: the HMC wants the source") {
    const auto r = run(with_actions("scenarios/quickstart.json",
                                    Json::array({{{"at", "10s"}, {"migrlpar", "-o m -m sysA -t sysB -p db01"}},
                                                 {{"at", "40s"}, {"migrlpar", "-o s -m sysB -p db01"}}})));
    CHECK(only(r).outcome == MigrationOutcome::completed);
  }
  SUBCASE("--npivval portdisk is accepted and lengthens validation") {
    const auto port = run(with_actions("scenarios/quickstart.json",
                                       Json::array({{{"at", "10s"}, {"migrlpar", "-o m -m sysA -t sysB -p db01 --npivval port"}}})));
    const auto disk = run(with_actions("scenarios/quickstart.json",
                                       Json::array({{{"at", "10s"}, {"migrlpar", "-o m -m sysA -t sysB -p db01 --npivval portdisk"}}})));
    CHECK(only(port).outcome == MigrationOutcome::completed);
    CHECK(only(disk).outcome == MigrationOutcome::completed);
    CHECK(only(disk).phases.front().end - only(port).phases.front().end == models::migration::ProtocolSettings{}.npiv_disk_validation);
  }
  SUBCASE("trace records never repeat the \"kind\" key") {
    const auto spec = with_faults("scenarios/quickstart.json",
                                  Json::array({fault("vios_crash", "sysB-vios1", {{"at", "40s"}, {"repair_after", "1min"}})}));
    std::ostringstream trace;
    app::studies::RunOptions options;
    options.jsonl_trace = &trace;
    app::studies::Simulation s(spec, "scenarios", options);
    (void)s.run();
    std::istringstream lines(trace.str());
    std::string line;
    int records = 0;
    while (std::getline(lines, line)) {
      ++records;
      const auto first = line.find("\"kind\":");
      CHECK_MESSAGE(line.find("\"kind\":", first + 1) == std::string::npos, line);
    }
    CHECK(records > 20);
  }
  SUBCASE("the MSP concurrency series ends with the final release") {
    const auto spec = app::scenario::load_scenario_file("scenarios/quickstart.json");
    app::studies::Simulation s(spec, "scenarios");
    const auto report = s.run();
    REQUIRE_FALSE(report.msp_samples.empty());
    CHECK(report.msp_samples.back().active == 0);
  }
}

TEST_CASE("issue 16: names are unique per managed system; a same-named partition meets the HMC's check") {
  Json j = Json::parse(read("scenarios/quickstart.json"));
  j["managed_systems"][1]["lpars"] = Json::array(
      {{{"id", 10}, {"name", "db01"}, {"os", "linux"}, {"memory", {{"min", "4GiB"}, {"desired", "4GiB"}, {"max", "8GiB"}}}}});
  const auto r = run(app::scenario::load_scenario_text(j.dump(2), "scenarios/quickstart.json"));
  CHECK(only(r).outcome == MigrationOutcome::rejected);
  bool refused = false;
  for (const auto& v : only(r).validation) refused = refused || v.code == "LPMSIM-V033";
  CHECK(refused);
  // Two partitions of one name on one system are still refused by the loader.
  j["managed_systems"][1]["lpars"].push_back(j["managed_systems"][1]["lpars"][0]);
  j["managed_systems"][1]["lpars"][1]["id"] = 11;
  CHECK_THROWS_WITH_AS((void)app::scenario::load_scenario_text(j.dump(2), "scenarios/quickstart.json"),
                       doctest::Contains("/managed_systems/1/lpars/1/name: duplicate partition name \"db01\""),
                       app::scenario::ScenarioError);
}

TEST_CASE("issue 16: scenarios/vios-maintenance.json — a VIOS reboot mid-evacuation, redundant MSPs, one inactive move") {
  const auto spec = app::scenario::load_scenario_file("scenarios/vios-maintenance.json");
  app::studies::Simulation s(spec, "scenarios");
  const auto report = s.run();
  REQUIRE(report.migrations.size() == 5);
  int failovers = 0;
  for (const auto& m : report.migrations) {
    CHECK_MESSAGE(m.outcome == MigrationOutcome::completed, std::string(m.lpar + ": " + m.outcome_detail));
    if (m.migration_type == "inactive") {
      CHECK(m.lpar == "batch01");
      CHECK(m.msp_pairs.empty());
      CHECK_FALSE(m.blackout.has_value());
      CHECK(app::report::verdict(m).label == "Moved inactive");
      continue;
    }
    CHECK(m.msp_pairs.size() == 2);
    for (const auto& p : m.msp_pairs) failovers += p.failed_at.has_value() ? 1 : 0;
  }
  CHECK(failovers >= 1);  // sysA-vios2 rebooted while streams ran over it
  REQUIRE(report.faults.size() == 2);
  CHECK(report.faults[0].target == "sysA/sysA-vios2");
  CHECK(report.faults[1].kind == "vios_restart");
  std::ostringstream html;
  app::report::write_html(report, html);
  CHECK(html.str().find("the stream failed over to the surviving pair") != std::string::npos);
}
