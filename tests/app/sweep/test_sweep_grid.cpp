// SweepGrid: variant order (random outermost, last axis fastest), seeded random draws, --set
// parsing, grid-file errors with pinned messages, fingerprints.
#include <doctest/doctest.h>

#include "app/studies/sweep_grid.hpp"

using app::studies::GridAxis;
using app::studies::parse_set_axis;
using app::studies::parse_sweep_grid;
using app::studies::SweepGrid;
using app::studies::SweepGridError;
using nlohmann::json;

namespace {

std::string error_of(const json& grid) {
  try {
    parse_sweep_grid(grid, "g.json");
  } catch (const SweepGridError& e) {
    return e.what();
  }
  return "(accepted)";
}

}  // namespace

TEST_CASE("axes expand as nested loops, the last axis fastest") {
  SweepGrid g;
  g.add_axis(GridAxis{"/a", {1, 2}});
  g.add_axis(GridAxis{"/b", {"x", "y", "z"}});
  REQUIRE(g.size() == 6);
  CHECK(json(g.variant(0)) == json::parse(R"([1,"x"])"));
  CHECK(json(g.variant(1)) == json::parse(R"([1,"y"])"));
  CHECK(json(g.variant(3)) == json::parse(R"([2,"x"])"));
  CHECK(json(g.variant(5)) == json::parse(R"([2,"z"])"));
  CHECK(g.seed_parameter() == -1);
}

TEST_CASE("random samples are the outermost loop and reproducible from the seed") {
  const auto grid = json::parse(R"({"axes": [{"pointer": "/simulation/seed", "range": [1, 3]}],
    "random": {"seed": 42, "samples": 4, "parameters": [
      {"pointer": "/r", "uniform": [10, 20]},
      {"pointer": "/w", "log_uniform": [100, 10000], "unit": "pages/s", "integer": true}]}})");
  const auto g = parse_sweep_grid(grid, "g.json");
  REQUIRE(g.size() == 12);
  CHECK(g.parameter_names() == std::vector<std::string>{"/r", "/w", "/simulation/seed"});
  CHECK(g.seed_parameter() == 2);
  // Variants 0..2 share sample 0 (seeds 1..3); variant 3 starts sample 1.
  CHECK(g.variant(0)[0] == g.variant(2)[0]);
  CHECK(g.variant(0)[0] != g.variant(3)[0]);
  for (std::size_t i = 0; i < g.size(); ++i) {
    const double r = g.variant(i)[0].get<double>();
    CHECK(r >= 10);
    CHECK(r < 20);
    const std::string w = g.variant(i)[1].get<std::string>();
    CHECK(w.ends_with("pages/s"));
    const double wv = std::stod(w);
    CHECK(wv >= 100);
    CHECK(wv <= 10000);
    CHECK(wv == std::round(wv));
  }
  // Same definition, same draws; another seed, other draws and another fingerprint.
  CHECK(parse_sweep_grid(grid, "g.json").variant(7) == g.variant(7));
  auto other = grid;
  other["random"]["seed"] = 43;
  CHECK(parse_sweep_grid(other, "g.json").variant(0)[0] != g.variant(0)[0]);
  CHECK(parse_sweep_grid(other, "g.json").fingerprint() != g.fingerprint());
  CHECK(g.fingerprint().size() == 16);
}

TEST_CASE("--set axes: lists as JSON or strings, integer ranges") {
  const auto a = parse_set_axis("/network/links/0/bandwidth=10Gbit/s,25Gbit/s");
  CHECK(a.pointer == "/network/links/0/bandwidth");
  CHECK(json(a.values) == json::parse(R"(["10Gbit/s","25Gbit/s"])"));
  const auto b = parse_set_axis("/hmc/limits/max_per_msp_pair=1,2,4");
  CHECK(json(b.values) == json::parse("[1,2,4]"));
  const auto c = parse_set_axis("/simulation/seed=3..6");
  CHECK(json(c.values) == json::parse("[3,4,5,6]"));
  CHECK_THROWS_WITH_AS(parse_set_axis("seed"),
                       "--set \"seed\": expected /json/pointer=v1,v2,... or /json/pointer=A..B",
                       SweepGridError);
  // Found by fuzz_sweep_grid: an argument that is not UTF-8 made the grid's fingerprint throw.
  CHECK_THROWS_WITH_AS(parse_set_axis("/simulation/seed=0..10\xcf" "0000"),
                       "--set \"/simulation/seed=0..10\xef\xbf\xbd" "0000\": not valid UTF-8", SweepGridError);
  CHECK_THROWS_WITH_AS(
      parse_set_axis("simulation/seed=1"),
      "--set: simulation/seed: expected a JSON pointer like \"/simulation/seed\", got "
      "\"simulation/seed\"",
      SweepGridError);
}

TEST_CASE("malformed grid files are refused with the file, pointer and what was expected") {
  CHECK(error_of(json::array()) == "g.json: /: expected an object with \"axes\" and/or \"random\"");
  CHECK(error_of(json::parse(R"({"axis": []})")) ==
        "g.json: /axis: unknown key (expected \"axes\", \"random\" or \"description\")");
  CHECK(error_of(json::parse(R"({"axes": [{"pointer": "/a", "values": []}]})")) ==
        "g.json: /axes/0/values: expected a non-empty array");
  CHECK(error_of(json::parse(R"({"axes": [{"pointer": "/a", "range": [5, 1]}]})")) ==
        "g.json: /axes/0/range: expected [first, last], two integers with first <= last");
  CHECK(error_of(json::parse(R"({"axes": [{"values": [1]}]})")) ==
        "g.json: /axes/0: expected an object with \"pointer\" (or \"pointers\", a list moved "
        "together) and \"values\" or \"range\"");
  CHECK(error_of(json::parse(R"({"random": {"samples": 0}})")) ==
        "g.json: /random/samples: expected a positive integer");
  CHECK(
      error_of(json::parse(
          R"({"random": {"samples": 3, "parameters": [{"pointer": "/x", "log_uniform": [0, 1]}]}})")) ==
      "g.json: /random/parameters/0/log_uniform: expected [low, high], two numbers with low <= "
      "high (low > 0 for "
      "log_uniform)");
}

TEST_CASE("issue 17: linked axes move several pointers together") {
  const auto a = parse_set_axis("/network/links/0/bandwidth,/network/links/1/bandwidth=10Gbit/s,25Gbit/s");
  CHECK(a.pointers() == std::vector<std::string>{"/network/links/0/bandwidth", "/network/links/1/bandwidth"});
  SweepGrid g;
  g.add_axis(a);
  CHECK(g.size() == 2);
  CHECK(g.parameter_names() == std::vector<std::string>{"/network/links/0/bandwidth,/network/links/1/bandwidth"});
  const auto file = parse_sweep_grid(
      json::parse(R"({"axes": [{"pointers": ["/a", "/b"], "values": [1, 2]}]})"), "g.json");
  CHECK(file.parameter_pointers() == std::vector<std::vector<std::string>>{{"/a", "/b"}});
  CHECK(error_of(json::parse(R"({"axes": [{"pointers": ["/a", 3], "values": [1]}]})")) ==
        "g.json: /axes/0/pointers/1: expected a JSON pointer string");
}

TEST_CASE("issue 17: --set keeps commas inside JSON values and values as written") {
  const auto a = parse_set_axis(R"(/x=[1,2],{"a":1,"b":"c,d"},400000pages/s)");
  CHECK(json(a.values) == json::parse(R"([[1,2],{"a":1,"b":"c,d"},"400000pages/s"])"));
  CHECK_THROWS_WITH_AS(parse_set_axis("/x=1,,2"), "--set \"/x=1,,2\": an empty value", SweepGridError);
}
