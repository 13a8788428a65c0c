// lpmsim compare: every malformed QEMU line is refused naming file, line and field; the work is
// bounded (line length, run count); a record becomes a valid one-partition scenario and a run
// that QEMU completed is predicted through the normal simulation path.
#include <doctest/doctest.h>

#include <filesystem>
#include <fstream>

#include "app/scenario/loader.hpp"
#include "app/studies/calibration.hpp"
#include "app/studies/compare.hpp"

using namespace app::studies;

namespace {

const char* const kIdle =
    R"({"run_id": "idle_1", "guest_mem_mib": 256, "dirtier": "idle", "ws_mib": 0, "write_rate_pps": 0, )"
    R"("achieved_rate_pps": 0.0, "max_bandwidth_Bps": 33554432, "downtime_limit_ms": 300, )"
    R"("nonzero_mib_at_start": 79.6, "status": "completed", "race": false, "total_ms": 2331, "downtime_ms": 24, )"
    R"("setup_ms": 1, "transferred_bytes": 84474230, "dirty_sync_count": 3, "downtime_bytes": 7253508, )"
    R"("zero_pages": 45291, "normal_pages": 20484})";

std::filesystem::path write(const std::string& name, const std::string& text) {
  const auto dir = std::filesystem::path(LPMSIM_BINARY_DIR) / "test-output" / "compare";
  std::filesystem::create_directories(dir);
  std::ofstream(dir / name, std::ios::binary) << text;
  return dir / name;
}

// The idle record with one field replaced (`value` = "" removes it).
std::string with(const std::string& field, const std::string& value) {
  auto doc = nlohmann::ordered_json::parse(kIdle);
  if (value.empty())
    doc.erase(field);
  else
    doc[field] = nlohmann::ordered_json::parse(value);
  return doc.dump();
}

std::string error_of(const std::string& name, const std::string& text, RecordLimits limits = {}) {
  const auto path = write(name, text);
  std::vector<QemuRecord> out;
  try {
    read_qemu_records(path, out, limits);
  } catch (const MeasurementError& e) {
    const std::string what = e.what();
    return what.substr(what.find(name));
  }
  return "";
}

}  // namespace

TEST_CASE("compare reads the flat QEMU records") {
  const auto path = write("good.jsonl", std::string(kIdle) + "\n\n" + with("race", "true") + "\n" +
                                            with("status", "\"cancelled\"") + "\n");
  std::vector<QemuRecord> out;
  read_qemu_records(path, out);
  REQUIRE(out.size() == 3);
  CHECK(out[0].run_id == "idle_1");
  CHECK(out[0].line == 1);
  CHECK(out[1].line == 3);  // the blank line is skipped but counted
  CHECK(out[1].race);
  CHECK_FALSE(out[2].completed);
  CHECK(*out[0].total_ms == 2331);
  CHECK(out[0].max_bandwidth_bytes_per_s == 33554432);
}

TEST_CASE("compare refuses malformed lines naming file, line and field") {
  SUBCASE("empty file") { CHECK(error_of("empty.jsonl", "") == "empty.jsonl: no runs (the file is empty)"); }
  SUBCASE("only blank lines") { CHECK(error_of("blank.jsonl", "\n  \n") == "blank.jsonl: no runs (the file is empty)"); }
  SUBCASE("not JSON") {
    CHECK(error_of("nan.jsonl", std::string(kIdle) + "\n{\"total_ms\": NaN}\n") ==
          "nan.jsonl:2: (line): not valid JSON (NaN and Infinity are not JSON numbers)");
  }
  SUBCASE("not an object") {
    CHECK(error_of("array.jsonl", "[1, 2]\n") == "array.jsonl:1: (line): expected one JSON object per line");
  }
  SUBCASE("missing field") {
    CHECK(error_of("missing.jsonl", with("guest_mem_mib", "")) == "missing.jsonl:1: guest_mem_mib: missing");
  }
  SUBCASE("missing measured time of a completed run") {
    CHECK(error_of("no_total.jsonl", with("total_ms", "")) == "no_total.jsonl:1: total_ms: missing");
    CHECK(error_of("null_total.jsonl", with("total_ms", "null")) ==
          "null_total.jsonl:1: total_ms: expected a number, got null");
  }
  SUBCASE("negative time") {
    CHECK(error_of("negative.jsonl", with("downtime_ms", "-3")) ==
          "negative.jsonl:1: downtime_ms: expected a finite number >= 0, got -3");
  }
  SUBCASE("zero bandwidth") {
    CHECK(error_of("zero_bw.jsonl", with("max_bandwidth_Bps", "0")) ==
          "zero_bw.jsonl:1: max_bandwidth_Bps: expected a finite number > 0, got 0");
  }
  SUBCASE("wrong type") {
    CHECK(error_of("type.jsonl", with("guest_mem_mib", "\"256\"")) ==
          "type.jsonl:1: guest_mem_mib: expected a number, got \"256\"");
    CHECK(error_of("race.jsonl", with("race", "1")) == "race.jsonl:1: race: expected true or false, got 1");
  }
  SUBCASE("unknown dirtier and status") {
    CHECK(error_of("dirtier.jsonl", with("dirtier", "\"zipf\"")) ==
          "dirtier.jsonl:1: dirtier: expected \"idle\", \"uniform\" or \"sequential\", got \"zipf\"");
    CHECK(error_of("status.jsonl", with("status", "\"failed\"")) ==
          "status.jsonl:1: status: expected \"completed\" or \"cancelled\", got \"failed\"");
  }
  SUBCASE("inconsistent sizes") {
    CHECK(error_of("ws.jsonl", with("ws_mib", "512")) == "ws.jsonl:1: ws_mib: the working set is larger than guest_mem_mib");
    CHECK(error_of("down.jsonl", with("downtime_ms", "3000")) == "down.jsonl:1: downtime_ms: larger than total_ms");
  }
  SUBCASE("a cancelled run needs no measured times") {
    CHECK(error_of("cancelled.jsonl", with("status", "\"cancelled\"")) == "");
  }
}

TEST_CASE("compare bounds its work: 10^6 lines and endless lines are refused early") {
  std::string many;
  many.reserve(12 * 1000000);
  for (int i = 0; i < 1000000; ++i) many += "{\"x\": 1}\n";
  // The first line is already malformed: the reader stops there, not after a million.
  CHECK(error_of("million_bad.jsonl", many) == "million_bad.jsonl:1: run_id: missing");
  std::string good;
  for (int i = 0; i < 20; ++i) good += std::string(kIdle) + "\n";
  CHECK(error_of("too_many.jsonl", good, {.max_runs = 10}) ==
        "too_many.jsonl:11: more than 10 runs in all; raise --max-runs to compare more");
  CHECK(error_of("long.jsonl", std::string(5000, ' ') + "\n", {.max_runs = 10, .max_line_bytes = 1000}) ==
        "long.jsonl:1: (line): longer than 1000 bytes");
}

TEST_CASE("a QEMU record becomes a valid one-partition scenario and is predicted") {
  std::vector<QemuRecord> records;
  read_qemu_records(write("one.jsonl", std::string(kIdle) + "\n" + with("race", "true") + "\n"), records);
  const auto text = scenario_for(records[0], nlohmann::json::object(), records);
  const auto spec = app::scenario::load_scenario_text(text, "compare-test");
  REQUIRE(spec.managed_systems.size() == 2);
  CHECK(spec.managed_systems[0].lpars[0].config.memory_desired.count() == 256LL << 20);
  const auto result = compare_runs(records, nlohmann::json::object());
  CHECK(result.summary.runs == 2);
  CHECK(result.summary.race_skipped == 1);
  REQUIRE(result.runs.size() == 1);
  CHECK(result.runs[0].predicted.converged);
  CHECK(*result.runs[0].predicted.total_ms > 1000);
  CHECK(*result.runs[0].predicted.dirty_sync_count >= 3);
  const auto json = to_json(result);
  CHECK(json["runs"][0]["measured"]["total_ms"] == 2331.0);
  CHECK(json["summary"]["convergence_agreement"] == 1.0);
}

TEST_CASE("issue 13: the guest's data at the top of RAM is what the stop-and-copy finds pending") {
  // The idle 256 MiB guest: initrd and firmware (1.5 MiB) plus its page descriptors (RAM/64 =
  // 4 MiB) at the top. QEMU stopped with 7.25 MB still to send; spread evenly, the pass-1 tail
  // below the 10 MB threshold held about 3 MB of data, and under a slice's worth of it was left.
  std::vector<QemuRecord> records;
  read_qemu_records(write("top.jsonl", std::string(kIdle) + "\n"), records);
  const auto spec = app::scenario::load_scenario_text(scenario_for(records[0], nlohmann::json::object(), records), "top");
  CHECK(spec.managed_systems[0].lpars[0].workload.content.top_block.count() == (3LL << 20) / 2 + (4LL << 20));
  const auto result = compare_runs(records, nlohmann::json::object());
  REQUIRE(result.runs.size() == 1);
  REQUIRE(!result.runs[0].syncs.empty());
  const double left = result.runs[0].syncs.back().remaining_bytes;  // pending at page size
  CHECK(left > 5.5 * (1 << 20));
  CHECK(left < 10.1e6);  // below bandwidth × downtime limit
}

TEST_CASE("a profile that breaks the scenario is a scenario error, not a crash") {
  std::vector<QemuRecord> records;
  read_qemu_records(write("one_more.jsonl", std::string(kIdle) + "\n"), records);
  const auto profile = nlohmann::json::parse(R"({"hmc": {"precopy": {"switchover_rate": "-5B/s"}}})");
  CHECK_THROWS_AS(compare_runs(records, profile), app::scenario::ScenarioError);
}

TEST_CASE("issue 17: compare --seeds predicts the repeats' spread with the run-to-run variation on") {
  // The idle 256 MiB configuration three times, as measured (downtime 24, 18, 19 ms).
  std::string text;
  const std::pair<const char*, int> repeats[] = {{"t1_m256_idle_1", 24}, {"t2_m256_idle_2", 18}, {"t3_m256_idle_3", 19}};
  for (const auto& [id, down] : repeats) {
    auto doc = nlohmann::ordered_json::parse(kIdle);
    doc["run_id"] = id;
    doc["downtime_ms"] = down;
    text += doc.dump() + "\n";
  }
  std::vector<QemuRecord> records;
  read_qemu_records(write("repeats.jsonl", text), records);
  const SpreadResult s = spread_over_seeds(records, nlohmann::json::object(), 8);
  CHECK(s.total.configurations == 1);
  CHECK(s.downtime.configurations == 1);
  CHECK(s.downtime.measured_dof == 2);
  CHECK(s.downtime.predicted_dof == 7);
  CHECK(s.downtime.measured_sigma == doctest::Approx(0.15289).epsilon(1e-4));
  CHECK(s.downtime.predicted_sigma > 0.02);  // seeds differ: variation is on
  CHECK(s.total.predicted_sigma > 0);
}

TEST_CASE("issue 13: measured PowerVM migrations (calibrate's format) are predicted with the estate's scenario") {
  const auto base = app::scenario::load_scenario_file("scenarios/quickstart.json");
  // Measured: the quickstart as lpmsim runs it, then the same LPAR at half its memory on 10 GbE
  // with a uniform workload of its own, then the same with a workload four times as busy.
  const auto file = write("measured.json", R"({
  "lpar": "db01",
  "migrations": [
    {"memory": "64GiB", "bandwidth": "25Gbit/s", "total_time": "68.44s", "downtime": "56.8ms"},
    {"memory": "32GiB", "bandwidth": "10Gbit/s", "total_time": "70s", "pass_pages": [8000000, 500000, 40000],
     "workload": {"touched_fraction": 0.8, "dirty": {"model": "uniform", "write_rate": "3000pages/s"}}},
    {"memory": "32GiB", "bandwidth": "10Gbit/s", "total_time": "75s",
     "workload": {"touched_fraction": 0.8, "dirty": {"model": "uniform", "write_rate": "12000pages/s"}}}
  ]})");
  const Measurements m = load_measurements(file);
  REQUIRE(m.migrations[1].workload);
  CHECK(m.migrations[1].workload_at == file.string() + ":6: /migrations/1/workload");
  const CompareResult r = compare_measured(base, "scenarios", file.string(), m);
  REQUIRE(r.runs.size() == 3);
  CHECK(r.runs[0].run_id == "measured.json#0");
  for (const auto& run : r.runs) CHECK(run.predicted.converged);
  CHECK(*r.runs[0].predicted.total_ms == doctest::Approx(68440).epsilon(0.01));  // the quickstart itself
  CHECK(*r.runs[1].predicted.total_ms != *r.runs[0].predicted.total_ms);
  CHECK(*r.runs[2].predicted.dirty_sync_count >= *r.runs[1].predicted.dirty_sync_count);
  CHECK(*r.runs[2].predicted.total_ms > *r.runs[1].predicted.total_ms);  // the busier workload
  CHECK(r.summary.compared == 3);
  CHECK(r.summary.both_completed == 3);
  CHECK(r.runs[1].measured.dirty_sync_count == 3.0);  // pass_pages counts the passes
  CHECK_FALSE(r.runs[2].measured.downtime_ms);        // not measured: no downtime error from it

  // A workload the scenario loader refuses: the error names the measurement file, its line and
  // the pointer inside the migration, not the generated scenario.
  const auto bad = write("measured-bad.json", R"({"lpar": "db01", "migrations": [
    {"memory": "32GiB", "bandwidth": "10Gbit/s", "total_time": "70s",
     "workload": {"dirty": {"model": "uniform", "write_rate": "fast"}}}]})");
  std::string error;
  try {
    compare_measured(base, "scenarios", bad.string(), load_measurements(bad));
  } catch (const MeasurementError& e) {
    error = e.what();
  }
  CHECK(error.rfind(bad.string() + ":3: /migrations/0/workload/dirty/write_rate: ", 0) == 0);
  // Not an object: refused when the file is read.
  const auto flat = write("measured-flat.json", R"({"migrations": [
    {"memory": "32GiB", "bandwidth": "10Gbit/s", "total_time": "70s", "workload": "busy"}]})");
  CHECK_THROWS_WITH_AS(load_measurements(flat), (flat.string() + ":2: /migrations/0/workload: expected a workload "
                                                  "object, as an LPAR's \"workload\" in a scenario").c_str(),
                       MeasurementError);
}
