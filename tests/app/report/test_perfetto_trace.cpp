#include <doctest/doctest.h>

#include <map>
#include <nlohmann/json.hpp>
#include <set>
#include <sstream>

#include "app/report/perfetto_trace.hpp"
#include "app/report/trace_event_writer.hpp"
#include "synthetic_report.hpp"

using namespace app::report;
using nlohmann::json;

namespace {

std::string trace_text(const RunReport& r) {
  std::ostringstream out;
  write_perfetto(r, out);
  return out.str();
}

json trace() { return json::parse(trace_text(test_report::synthetic_report())); }

// "pid/tid" → thread name, and pid → process name, from the metadata events.
std::map<std::string, std::string> thread_names(const json& t) {
  std::map<std::string, std::string> names;
  for (const auto& e : t["traceEvents"]) {
    if (e["ph"] == "M" && e["name"] == "thread_name")
      names[std::to_string(e["pid"].get<int>()) + "/" + std::to_string(e["tid"].get<int>())] =
          e["args"]["name"];
  }
  return names;
}

std::vector<json> events(const json& t, const std::string& ph, const std::string& cat = "") {
  std::vector<json> out;
  for (const auto& e : t["traceEvents"])
    if (e["ph"] == ph && (cat.empty() || e.value("cat", "") == cat)) out.push_back(e);
  return out;
}

}  // namespace

TEST_CASE("trace timestamps are microseconds with exact nanosecond decimals") {
  CHECK(trace_timestamp(sim::Time::from_ns(0)) == "0");
  CHECK(trace_timestamp(sim::Time::from_ns(1'500'000'125)) == "1500000.125");
  CHECK(trace_timestamp(sim::Time::from_ns(26'640'123'456)) == "26640123.456");
  CHECK(trace_timestamp(sim::Time::from_ns(2'000)) == "2");
  CHECK(trace_timestamp(sim::Time::from_ns(2'100)) == "2.1");
  CHECK(trace_timestamp(sim::Time::from_ns(-1'500)) == "-1.5");
}

TEST_CASE("NestingLanes keeps nested slices together and splits overlaps") {
  NestingLanes lanes;
  auto t = [](std::int64_t s) { return sim::Time::from_ns(s); };
  CHECK(lanes.place(t(0), t(10)) == 0);
  CHECK(lanes.place(t(0), t(4)) == 0);    // nested
  CHECK(lanes.place(t(4), t(10)) == 0);   // nested after its sibling ended
  CHECK(lanes.place(t(5), t(15)) == 1);   // overlaps [0, 10] without nesting
  CHECK(lanes.place(t(10), t(12)) == 0);  // [0, 10] closed at 10
  CHECK(lanes.lanes() == 2);
  NestingLanes disjoint(false);
  CHECK(disjoint.place(t(0), t(10)) == 0);
  CHECK(disjoint.place(t(2), t(4)) == 1);  // concurrent, not a child
  CHECK(disjoint.place(t(4), t(9)) == 1);
  CHECK(disjoint.place(t(10), t(11)) == 0);
}

TEST_CASE("Perfetto trace: processes and one track per system, MSP and migration") {
  json t = trace();
  CHECK(t["displayTimeUnit"] == "ms");
  CHECK(t["otherData"]["seed"] == 42);
  std::map<int, std::string> processes;
  for (const auto& e : events(t, "M"))
    if (e["name"] == "process_name") processes[e["pid"]] = e["args"]["name"];
  CHECK(processes == std::map<int, std::string>{{1, "Managed systems"},
                                                {2, "Mover service partitions"},
                                                {3, "Migrations"},
                                                {4, "Network"},
                                                {5, "HMC"}});
  auto names = thread_names(t);
  CHECK(names == std::map<std::string, std::string>{{"1/1000", "sysA"},
                                                    {"1/1001", "sysA (2)"},
                                                    {"1/2000", "sysB"},
                                                    {"1/3000", "sysC"},
                                                    {"2/1000", "sysA/vios1"},
                                                    {"2/1001", "sysA/vios1 (2)"},
                                                    {"2/2000", "sysB/vios2"},
                                                    {"2/3000", "sysC/vios1"},
                                                    {"3/1000", "db01: sysA → sysB"},
                                                    {"3/1001", "db01: sysA → sysB (2)"},
                                                    {"3/2000", "web02: sysA → sysC"},
                                                    {"3/3000", "app03: sysB → sysA"},
                                                    {"5/1", "Faults"}});
}

TEST_CASE("Perfetto trace: phases as slices, passes nested under precopy") {
  json t = trace();
  auto phases = events(t, "X", "phase");
  auto passes = events(t, "X", "pass");
  CHECK(phases.size() == 8 + 5 + 1);
  REQUIRE(passes.size() == 4 + 1);
  json precopy;
  for (const auto& p : phases)
    if (p["tid"] == 1000 && p["name"] == "precopy") precopy = p;
  REQUIRE(precopy.is_object());
  CHECK(precopy["ts"] == 5'000'000.0);
  CHECK(precopy["dur"].get<double>() == doctest::Approx(21'640'123.456).epsilon(1e-15));
  for (int k = 0; k < 4; ++k) {
    const json& p = passes[static_cast<std::size_t>(k)];
    CHECK(p["name"] == "pass " + std::to_string(k + 1));
    CHECK(p["tid"] == 1000);  // same track as the precopy phase, inside its interval
    CHECK(p["ts"].get<double>() >= precopy["ts"].get<double>());
    CHECK(p["ts"].get<double>() + p["dur"].get<double>() <=
          precopy["ts"].get<double>() + precopy["dur"].get<double>() + 1e-9);
  }
  // The blackout phase overlaps suspend and resume in the synthetic record: it goes to lane 2.
  for (const auto& p : phases)
    if (p["name"] == "stop_and_copy") CHECK(p["tid"] == 1001);
  auto text = trace_text(test_report::synthetic_report());
  CHECK(text.find(R"("ts":26640123.456,"dur":259876.544,"name":"suspend")") != std::string::npos);
}

TEST_CASE("Perfetto trace: counters and instants") {
  json t = trace();
  std::set<std::string> counters;
  for (const auto& e : events(t, "C")) counters.insert(e["name"]);
  CHECK(counters == std::set<std::string>{"db01 dirty pages remaining",
                                          "web02 dirty pages remaining", "lnk-a-b throughput",
                                          "lnk-a-b utilisation", "lnk-a-c throughput",
                                          "lnk-a-c utilisation", "sysA/vios1 active migrations",
                                          "queued migrations"});
  auto faults = events(t, "i", "fault");
  REQUIRE(faults.size() == 1);
  CHECK(faults[0]["s"] == "g");
  CHECK(faults[0]["ts"] == 20'000'000.0);
  CHECK(faults[0]["name"] == "link_down lnk-a-c");
  auto validation = events(t, "i", "validation");
  REQUIRE(validation.size() == 4);
  CHECK(validation[1]["name"] == "HSCLA319 error");
  CHECK(validation[1]["ts"] == 1'500'000.0);  // end of app03's validation phase
  CHECK(events(t, "i", "outcome").size() == 3);
  for (const auto& e : events(t, "C")) {
    if (e["name"] == "lnk-a-b throughput" && e["ts"] == 5'000'000.0)
      CHECK(e["args"]["Gbit/s"] == 19.6608);
  }
}

TEST_CASE("Perfetto trace is deterministic") {
  CHECK(trace_text(test_report::synthetic_report()) == trace_text(test_report::synthetic_report()));
  CHECK(json::parse(trace_text(test_report::fleet_report(40))).is_object());  // throws if malformed
}
