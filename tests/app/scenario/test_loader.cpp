// The scenario loader on good input: bundled scenarios load, defaults are filled from the spec
// structs and echoed, migrlpar strings and structured requests agree, positions are right, the
// checked-in JSON Schema and README reference are the ones generated from the loader's tables.
#include <cmath>
#include <doctest/doctest.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "app/scenario/json_positions.hpp"
#include "app/scenario/loader.hpp"
#include "app/scenario/quantity_text.hpp"

using namespace app::scenario;

namespace {

std::string read_file(const std::filesystem::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

const char* kMinimal = R"({
  "managed_systems": [
    {"name": "sysA", "compatibility_modes": ["power10"], "memory": "256GiB", "processors": 16,
     "lpars": [{"id": 2, "name": "db01", "os": "aix",
                "memory": {"min": "8GiB", "desired": "16GiB", "max": "32GiB"}}]},
    {"name": "sysB", "compatibility_modes": ["power10"], "memory": "256GiB", "processors": 16}
  ],
  "actions": [ACTION]
})";

ScenarioSpec with_action(const std::string& action) {
  std::string text = kMinimal;
  text.replace(text.find("ACTION"), 6, action);
  return load_scenario_text(text, "inline.json");
}

std::string first_error(const std::string& text) {
  try {
    load_scenario_text(text, "inline.json");
  } catch (const ScenarioError& e) {
    return e.diagnostics().front().format();
  }
  return "(accepted)";
}

}  // namespace

TEST_CASE("bundled scenarios load, and echoing the effective spec round-trips") {
  int count = 0;
  for (const auto& entry : std::filesystem::directory_iterator("scenarios")) {
    if (entry.path().extension() != ".json") continue;
    ++count;
    CAPTURE(entry.path().string());
    const ScenarioSpec spec = load_scenario_file(entry.path());
    const auto echoed = to_json(spec);
    const ScenarioSpec again = load_scenario_text(echoed.dump(2), "echo.json", "scenarios");
    CHECK(to_json(again) == echoed);
  }
  CHECK(count >= 5);
}

TEST_CASE("quickstart reads as written, with defaults from the models' config structs") {
  const ScenarioSpec s = load_scenario_file("scenarios/quickstart.json");
  REQUIRE(s.managed_systems.size() == 2);
  const LparSpec& db01 = s.managed_systems[0].lpars.at(0);
  CHECK(db01.config.memory_desired == sim::Bytes(64LL << 30));
  CHECK(db01.max_virtual_slots == 32);  // default
  const auto& dirty = std::get<HotColdDirtySpec>(db01.workload.dirty);
  CHECK(dirty.hot_write_rate == DirtyRate{20000.0, DirtyRate::Unit::pages_per_second});
  CHECK(s.network.links[0].config.bandwidth == sim::BytesPerSecond(3.125e9));
  CHECK(std::holds_alternative<models::precopy::PowervmPolicyConfig>(s.hmc.settings.stop_policy));
  CHECK(s.hmc.settings.precopy.page_stream.page_size == sim::Bytes(4096));
  const auto& m = s.actions.at(0).migrlpar;
  CHECK(m.operation == models::migration::MigrlparOperation::migrate);
  CHECK(m.dest_msp_name == std::optional<std::string>("sysB-vios1"));
  const auto echoed = to_json(s);
  CHECK(echoed["hmc"]["stop_policy"].dump() ==
        R"({"policy":"powervm","remaining_threshold":"64MiB","remaining_fraction":0.0,"no_progress_passes":3,"min_shrink":0.05,"max_passes":30,"max_precopy_time":"1h"})");
  CHECK(echoed["managed_systems"][0]["lpars"][0]["workload"]["dirty"]["hot_write_rate"] == "20000pages/s");
}

TEST_CASE("migrlpar: the command line and the structured form read into the same request") {
  const auto a = with_action(R"({"at": "1s", "migrlpar": "migrlpar -o m -m sysA -t sysB -p db01 --redundantmsps 0 -i 'dest_lpar_id=7'"})");
  const auto b = with_action(R"({"at": "1s", "migrlpar": {"operation": "m", "managed_system": "sysA",
      "target_managed_system": "sysB", "lpar_names": ["db01"], "redundant_msps": 0, "dest_lpar_id": 7}})");
  CHECK(to_json(a) == to_json(b));
  CHECK(a.actions[0].migrlpar.dest_lpar_id == std::optional<std::int64_t>(7));
  SUBCASE("-o s and -o r take one partition, by id too") {
    const auto r = with_action(R"({"at": "1s", "migrlpar": "-o r -m sysA --id 2 --force"})");
    CHECK(r.actions[0].migrlpar.lpar_ids == std::vector<std::int64_t>{2});
    CHECK(r.actions[0].migrlpar.force);
  }
  SUBCASE("structured form follows the same rules") {
    std::string text = kMinimal;
    text.replace(text.find("ACTION"), 6, R"({"at": "1s", "migrlpar": {"operation": "s", "managed_system": "sysA", "lpar_names": ["db01", "db01"]}})");
    CHECK(first_error(text) == "inline.json:8: /actions/0/migrlpar: migrlpar: -o s acts on one partition at a time; found 2");
  }
  SUBCASE("an unmodelled IBM flag is refused by name, not ignored") {
    std::string text = kMinimal;
    text.replace(text.find("ACTION"), 6, R"({"at": "1s", "migrlpar": "-o m -m sysA -t sysB -p db01 --vsi 2"})");
    CHECK(first_error(text) == "inline.json:8: /actions/0/migrlpar: migrlpar: flag --vsi is not modelled by lpmsim");
  }
}

TEST_CASE("positions: every value's line, escaped keys, duplicates") {
  const JsonPositions p("{\n \"a\": [\n  1,\n  {\"b/c\": 2}\n ],\n \"x\\\"y\": 3, \"a\": 4\n}");
  CHECK(p.line_of("") == 1);
  CHECK(p.line_of("/a") == 2);
  CHECK(p.line_of("/a/0") == 3);
  CHECK(p.line_of("/a/1/b~1c") == 4);
  CHECK(p.line_of("/x\"y") == 6);
  CHECK(p.line_of("/a/1/missing") == 4);  // nearest ancestor
  REQUIRE(p.duplicate_keys().size() == 1);
  CHECK(p.duplicate_keys()[0].first == "/a");
  CHECK(json_shape("[[[\"[[[[\"]]]", 10, 10).depth == 3);
  CHECK(json_shape(R"({"a": {"b": 1, "c": [{"d": 2}], "e:f": 3}, "g": 4})", 10, 10).widest == 3);
}

TEST_CASE("positions: duplicates in text order with their pointers; lines found on first use") {
  // Duplicates are found when each object closes; they are still listed in text order, nested
  // ones among their parent's, an escaped spelling counts as the same key, and a key written
  // three times is a duplicate twice.
  const std::string text =
      "{\"a\": 1,\n"
      " \"s\": [0, {\"k\": {\"z\": 1,\n \"z\": 2}, \"k\": 3}],\n"
      " \"\\u0061\": 2,\n"
      " \"x/~\": 1, \"x/~\": 2, \"x/~\": 3}";
  const JsonPositions p(text);
  const std::vector<std::pair<std::string, int>> expected{
      {"/s/1/k/z", 3}, {"/s/1/k", 3}, {"/a", 4}, {"/x~1~0", 5}, {"/x~1~0", 5}};
  CHECK(p.duplicate_keys() == expected);
  CHECK(p.line_of("/a") == 1);  // the first occurrence
  CHECK(p.line_of("/s/1/k/z") == 2);
  CHECK(p.line_of("/x~1~0") == 5);
  CHECK(JsonPositions(R"([{"a": 1}, {"a": 2}, {"b": {}, "c": []}])").duplicate_keys().empty());
}

TEST_CASE("suggestions: edit distance, case-insensitive, only for near misses") {
  CHECK(edit_distance("memroy", "memory") == 2);
  CHECK(edit_distance("AIX", "aix") == 0);
  const std::vector<std::string> keys{"memory", "processors", "name"};
  CHECK(closest_match("memroy", keys) == "memory");
  CHECK(closest_match("colour", keys).empty());
}

TEST_CASE("quantities: dirty rates in pages/s or bytes/s; over-long fractions refused before the engine") {
  std::string problem;
  CHECK(*QuantityText<DirtyRate>::parse("1500 pages/s", problem) == DirtyRate{1500.0, DirtyRate::Unit::pages_per_second});
  CHECK(*QuantityText<DirtyRate>::parse("80MB/s", problem) == DirtyRate{8e7, DirtyRate::Unit::bytes_per_second});
  CHECK_FALSE(QuantityText<DirtyRate>::parse("-5pages/s", problem));
  CHECK(problem == R"(dirty rate "-5pages/s": expected a non-negative number before "pages/s")");
  CHECK_FALSE(QuantityText<sim::Duration>::parse("1.0000000000000000001s", problem));
  CHECK(problem == R"(duration "1.0000000000000000001s": more than 18 digits after the decimal point)");
}

TEST_CASE("quantities: what the writer prints, the parser reads back (calibrate writes fitted rates)") {
  // 1.057648494621738e-10 was a fitted rate that calibrate --write printed with 25 fraction
  // digits and then refused to read (the parser takes 18).
  for (const double v : {1.057648494621738e-10, 3e-19, 0.5, 400000.0, 1500.25, 123456789.125, 1e-18, 0.0}) {
    const DirtyRate rate{v, DirtyRate::Unit::pages_per_second};
    const std::string text = QuantityText<DirtyRate>::format(rate);
    CAPTURE(text);
    CHECK(text.substr(0, text.size() - 7).find_first_not_of("0123456789.") == std::string::npos);  // no exponent
    std::string problem;
    const auto back = QuantityText<DirtyRate>::parse(text, problem);
    REQUIRE_MESSAGE(back.has_value(), problem);
    // Rounded at the 18th fraction digit at most; otherwise exact to the double.
    CHECK(std::abs(back->value - v) <= 1e-18 + 1e-12 * v);
  }
}

TEST_CASE("the checked-in JSON Schema and README reference are generated from the loader's tables") {
  const std::string schema = scenario_schema().dump(2) + "\n";
  const std::string reference = scenario_reference_markdown();
  const std::string begin = "<!-- BEGIN GENERATED REFERENCE -->\n";
  const std::string end = "<!-- END GENERATED REFERENCE -->";
  std::string readme = read_file("scenarios/README.md");
  const auto b = readme.find(begin);
  const auto e = readme.find(end);
  REQUIRE(b != std::string::npos);
  REQUIRE(e != std::string::npos);
  if (std::getenv("LPMSIM_UPDATE_GOLDEN") != nullptr) {
    std::ofstream("scenarios/schema/scenario.schema.json", std::ios::binary) << schema;
    readme.replace(b + begin.size(), e - b - begin.size(), reference);
    std::ofstream("scenarios/README.md", std::ios::binary) << readme;
    return;
  }
  CHECK_MESSAGE(read_file("scenarios/schema/scenario.schema.json") == schema,
                "schema out of date: rerun with LPMSIM_UPDATE_GOLDEN=1");
  CHECK_MESSAGE(readme.substr(b + begin.size(), e - b - begin.size()) == reference,
                "README reference out of date: rerun with LPMSIM_UPDATE_GOLDEN=1");
}

TEST_CASE("schema: every object refuses unknown keys and lists exactly the keys the loader reads") {
  const auto schema = scenario_schema();
  for (const auto& item : schema["$defs"].items()) {
    const std::string name = item.key();  // not a structured binding: clang 14 cannot capture one
    const auto& def = item.value();
    CAPTURE(name);
    CHECK(def["additionalProperties"] == false);
    CHECK(def["properties"].size() > 0);
  }
  // Probe: a key from each object's schema is accepted where the schema says it lives.
  CHECK(schema["$defs"]["lpar"]["properties"].contains("huge_pages"));
  CHECK(schema["$defs"]["msp"]["properties"].contains("cfg_msp_lpm_ops"));
}

TEST_CASE("fuzz regressions: every kept input is refused cleanly or accepted, never a crash") {
  for (const auto& entry : std::filesystem::directory_iterator("fuzz/regressions")) {
    if (!entry.is_regular_file() || entry.path().filename() == "README.md") continue;
    CAPTURE(entry.path().string());
    const std::string text = read_file(entry.path());
    try {
      load_scenario_text(text, "regression.json");
    } catch (const ScenarioError& e) {
      CHECK_FALSE(e.diagnostics().empty());
    }
  }
}
