// JsonTextSink prints what JsonTreeSink builds, dumped by nlohmann with indent 2 and invalid
// UTF-8 replaced: the report's two paths (report_json.cpp) rely on it.
#include <doctest/doctest.h>

#include <cmath>
#include <cstdint>
#include <filesystem>
#include <limits>
#include <nlohmann/json.hpp>
#include <sstream>

#include "app/report/json_sinks.hpp"
#include "app/scenario/loader.hpp"

using namespace app::report;

namespace {

// Keys out of order at every level, and every kind of value.
nlohmann::ordered_json unsorted() {
  return nlohmann::ordered_json{
      {"z", {{"b", 1}, {"a", "x\xfe"}, {"~", nullptr}, {"A", {3.5, -2, std::uint64_t{1} << 63, true, "q\"", nlohmann::ordered_json::object()}}}},
      {"a", nlohmann::ordered_json::array()},
      {"m", {{"\xc3\xa9", 0.1}, {"e", nlohmann::ordered_json::object()}}}};
}

template <class Out>
void write_sample(Out& o) {
  o.begin_object();
  field(o, "plain", "abc");
  field(o, "escapes", std::string("q\"b\\n\n\t\x01\x7f/"));
  field(o, "utf8", std::string("caf\xc3\xa9 \xff end"));
  field(o, "empty", "");
  field(o, std::string(300, 'k'), std::string(200, 'v'));  // past the sink's line buffers
  o.key(std::string(250, 'n'), "_suffix");
  o.value(std::string(127, 'w'));
  o.key("esc\"aped", "_ns");
  o.value(-7);
  field(o, "int", std::numeric_limits<std::int64_t>::min());
  field(o, "unsigned", std::numeric_limits<std::uint64_t>::max());
  field(o, "doubles_start", 0.5);
  o.key("doubles");
  o.begin_array();
  for (const double d : {0.0, -0.0, 1.0, 3.0e300, 1e-7, 0.1, std::nan(""), HUGE_VAL}) o.value(d);
  o.end_array();
  field(o, "yes", true);
  field(o, "nothing", nullptr);
  o.key("empty_object");
  o.begin_object();
  o.end_object();
  o.key("empty_array");
  o.begin_array();
  o.end_array();
  o.key("nested");
  o.begin_array();
  o.begin_object();
  o.key("inner");
  o.begin_array();
  o.begin_array();
  o.end_array();
  o.value(1);
  o.end_array();
  o.end_object();
  o.end_array();
  o.key("document");
  o.sorted_value(unsorted());
  o.end_object();
}

}  // namespace

TEST_CASE("json sinks: the text sink prints the tree sink's document as dump(2) does") {
  JsonTreeSink tree;
  write_sample(tree);
  std::ostringstream printed;
  JsonTextSink text(printed);
  write_sample(text);
  text.flush();
  CHECK(printed.str() == tree.take().dump(2, ' ', false, nlohmann::ordered_json::error_handler_t::replace));
}

TEST_CASE("json sinks: a document printed with its keys sorted, as nlohmann::json holds them") {
  const auto document = unsorted();
  const std::string expected = nlohmann::json(document).dump(2, ' ', false, nlohmann::json::error_handler_t::replace);
  CHECK(sorted_json_text(document) == expected);
  JsonTreeSink tree;
  tree.sorted_value(document);
  CHECK(tree.take().dump(2, ' ', false, nlohmann::ordered_json::error_handler_t::replace) == expected);
  CHECK(sorted_json_text(nlohmann::ordered_json::object()) == "{}");
  CHECK(sorted_json_text(nlohmann::ordered_json(nullptr)) == "null");
}

TEST_CASE("json sinks: each bundled scenario's echo prints as its dump read back into nlohmann::json") {
  // What `lpmsim run` printed before the report kept the ordered echo: real quantities, doubles
  // and defaults, not just the synthetic document above.
  int count = 0;
  for (const auto& entry : std::filesystem::directory_iterator("scenarios")) {
    if (entry.path().extension() != ".json") continue;
    ++count;
    CAPTURE(entry.path().string());
    const auto echoed = app::scenario::to_json(app::scenario::load_scenario_file(entry.path()));
    CHECK(sorted_json_text(echoed) == nlohmann::json::parse(echoed.dump()).dump(2));
  }
  CHECK(count >= 5);
}

TEST_CASE("json sinks: a scalar document; output past the flush threshold and deeply nested") {
  std::ostringstream one;
  JsonTextSink scalar(one);
  scalar.value(42);
  scalar.flush();
  CHECK(one.str() == "42");

  JsonTreeSink tree;
  std::ostringstream printed;
  JsonTextSink text(printed);
  const auto write_long = [](auto& o) {
    o.begin_array();
    for (int i = 0; i < 20000; ++i) o.value("element " + std::to_string(i));
    for (int depth = 0; depth < 140; ++depth) {
      o.begin_object();
      o.key("deeper");
    }
    o.value(true);
    for (int depth = 0; depth < 140; ++depth) o.end_object();
    o.end_array();
  };
  write_long(tree);
  write_long(text);
  text.flush();
  CHECK(printed.str() == tree.take().dump(2));
}
