#include <doctest/doctest.h>

#include <nlohmann/json.hpp>
#include <sstream>

#include "app/report/report_json.hpp"
#include "synthetic_report.hpp"

using namespace app::report;
using nlohmann::json;

namespace {
json parsed() {
  std::ostringstream out;
  write_report_json(test_report::synthetic_report(), out);
  return json::parse(out.str());
}
std::vector<std::string> keys_in_order(const nlohmann::ordered_json& j) {
  std::vector<std::string> keys;
  for (const auto& [k, v] : j.items()) keys.push_back(k);
  return keys;
}
}  // namespace

TEST_CASE("report JSON: top-level keys in documented order") {
  auto j = report_to_json(test_report::synthetic_report());
  CHECK(keys_in_order(j) == std::vector<std::string>{"schema", "lpmsim_version", "scenario_file",
                                                     "seed", "simulated_end_ns", "simulated_end",
                                                     "events_executed", "summary", "migrations",
                                                     "faults", "series", "scenario"});
  CHECK(keys_in_order(j["migrations"][0]) == std::vector<std::string>{"lpar", "lpar_id", "source",
      "destination", "source_msp", "dest_msp", "operation", "migration_type", "outcome",
      "outcome_detail", "recoverable", "requested_ns", "requested", "started_ns", "started",
      "ended_ns", "ended", "total_ns", "total", "blackout_ns", "blackout", "stranded",
      "postcopy_window_ns", "postcopy_window", "memory_bytes", "bytes_sent", "remote_faults",
      "fault_stall_ns", "fault_stall", "msp_pairs", "phases", "passes", "stop", "validation",
      "post_requisites", "cost", "verdict", "verdict_reason", "limited_by"});
}

TEST_CASE("report JSON parses back with the run's values") {
  json j = parsed();
  CHECK(j["schema"] == "lpmsim-report/1");
  CHECK(j["lpmsim_version"] == "0.1.0");
  CHECK(j["seed"] == 42);
  CHECK(j["simulated_end_ns"] == 31'000'000'000LL);
  CHECK(j["simulated_end"] == "31s");
  CHECK(j["events_executed"] == 12'345);
  CHECK(j["summary"]["migrations"] == 3);
  CHECK(j["summary"]["outcomes"] == json{{"completed", 1},
                                         {"failed", 0},
                                         {"pending", 0},
                                         {"recovered", 0},
                                         {"rejected", 1},
                                         {"rolled_back", 1},
                                         {"validated", 0}});
  CHECK(j["summary"]["max_blackout"] == "650ms");
  CHECK(j["scenario"]["hmc"]["max_active_migrations"] == 16);

  const json& db01 = j["migrations"][0];
  CHECK(db01["outcome"] == "completed");
  CHECK(db01["total_ns"] == 31'000'000'000LL);
  CHECK(db01["blackout_ns"] == 650'000'000);
  CHECK(db01["postcopy_window"] == "1.5s");
  CHECK(db01["memory_bytes"] == 68'719'476'736LL);
  REQUIRE(db01["phases"].size() == 8);
  CHECK(db01["phases"][2] == json{{"name", "precopy"},
                                  {"start_ns", 5'000'000'000LL},
                                  {"start", "5s"},
                                  {"end_ns", 26'640'123'456LL},
                                  {"end", "26.640123456s"},
                                  {"duration_ns", 21'640'123'456LL},
                                  {"duration", "21.640123456s"},
                                  {"detail", "4 passes"}});
  REQUIRE(db01["passes"].size() == 4);
  CHECK(db01["passes"][3]["index"] == 4);
  CHECK(db01["passes"][3]["decision"]["rule"] == "remaining-below-threshold");
  CHECK(db01["passes"][3]["decision"]["expected_downtime"] == "983.04us");
  CHECK(db01["passes"][0]["wire_bytes"] == 49'152'000'000.0);
  CHECK(db01["stop"]["passes"] == 4);
  CHECK(db01["validation"][0] ==
        json{{"code", "LPMSIM-V031"},
             {"severity", "warning"},
             {"text", "No redundant MSP pair; the migration uses a single stream"},
             {"overridden", true}});
  CHECK(db01["post_requisites"].size() == 1);

  const json& web02 = j["migrations"][1];
  CHECK(web02["outcome"] == "rolled_back");
  CHECK(web02["blackout"].is_null());
  CHECK(web02["blackout_ns"].is_null());
  CHECK(web02["stop"].is_null());
  CHECK(web02["phases"][0]["name"] == "queued");

  const json& app03 = j["migrations"][2];
  CHECK(app03["outcome"] == "rejected");
  REQUIRE(app03["validation"].size() == 3);
  CHECK(app03["validation"][0]["code"] == "HSCLA319");
  CHECK(app03["validation"][0]["severity"] == "error");

  CHECK(j["faults"][0] == json{{"at_ns", 20'000'000'000LL},
                               {"at", "20s"},
                               {"kind", "link_down"},
                               {"target", "lnk-a-c"},
                               {"detail", "cable pulled"}});
  CHECK(j["series"]["link_throughput"].size() == 6);
  CHECK(j["series"]["link_throughput"][1] == json{{"at_ns", 5'000'000'000LL},
                                                  {"link", "lnk-a-b"},
                                                  {"bytes_per_s", 2.4576e9},
                                                  {"utilisation", 0.78643}});
  CHECK(j["series"]["msp_concurrency"][1]["active"] == 2);
  CHECK(j["series"]["hmc_queue"][0]["queued"] == 1);
}

TEST_CASE("report JSON is byte-identical for the same report and survives invalid UTF-8") {
  std::ostringstream a, b;
  write_report_json(test_report::synthetic_report(), a);
  write_report_json(test_report::synthetic_report(), b);
  CHECK(a.str() == b.str());
  CHECK(a.str().back() == '\n');
  auto r = test_report::synthetic_report();
  r.migrations[0].lpar = std::string("db\xff");
  std::ostringstream c;
  write_report_json(r, c);
  CHECK(json::parse(c.str())["migrations"][0]["lpar"] == "db\xEF\xBF\xBD");
}

TEST_CASE("issue 18: the streamed report has the bytes of the whole tree dumped at once") {
  for (auto r : {test_report::synthetic_report(), test_report::fleet_report(40), RunReport{}}) {
    r.scenario = json{{"description", "d\xff"}, {"network", {{"links", json::array()}}}, {"simulation", {{"seed", 1}}}};
    std::ostringstream streamed;
    write_report_json(r, streamed);
    const std::string whole =
        report_to_json(r).dump(2, ' ', false, nlohmann::ordered_json::error_handler_t::replace) + "\n";
    CHECK(streamed.str() == whole);
  }
}

TEST_CASE("issue 18: a scenario text prepared apart gives the report the same bytes") {
  // lpmsim run formats the effective scenario on another thread while the migrations are
  // written; the result must not tell.
  for (auto r : {test_report::synthetic_report(), test_report::fleet_report(40), RunReport{}}) {
    SUBCASE("nested, empty and odd values") {
      r.scenario = nlohmann::ordered_json{{"z", {{"b", 1.5}, {"a", nlohmann::ordered_json::array({1, "x\xff", nullptr})}}},
                                          {"empty", nlohmann::ordered_json::object()},
                                          {"list", nlohmann::ordered_json::array()},
                                          {"description", "d"}};
    }
    SUBCASE("an empty scenario") { r.scenario = nlohmann::ordered_json::object(); }
    std::ostringstream whole, apart;
    write_report_json(r, whole);
    bool asked = false;
    write_report_json(r, apart, [&] {
      asked = true;
      return scenario_report_text(r.scenario);
    });
    CHECK(asked);
    CHECK(apart.str() == whole.str());
  }
}

TEST_CASE("issue 18: a report of many migrations, formatted in blocks on several threads, has the tree's bytes") {
  auto r = test_report::fleet_report(700);  // the first migration, then blocks of 256, 256 and 187
  r.scenario = json{{"simulation", {{"seed", 1}}}};
  std::ostringstream streamed;
  write_report_json(r, streamed);
  CHECK(streamed.str() == report_to_json(r).dump(2, ' ', false, nlohmann::ordered_json::error_handler_t::replace) + "\n");
}
