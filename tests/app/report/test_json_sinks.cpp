// JsonTextSink prints what JsonTreeSink builds, dumped by nlohmann with indent 2 and invalid
// UTF-8 replaced: the report's two paths (report_json.cpp) rely on it.
#include <doctest/doctest.h>

#include <cmath>
#include <cstdint>
#include <limits>
#include <nlohmann/json.hpp>
#include <sstream>

#include "app/report/json_sinks.hpp"

using namespace app::report;

namespace {

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
  field(o, "document", nlohmann::json{{"z", {{"b", 1}, {"a", "x\xfe"}}}, {"a", nlohmann::json::array()}});
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
