// parse_ordered_json builds what ordered_json::parse builds, and fails as it fails: the loader's
// diagnostics (line, column, reason; overflowing numbers) depend on both.
#include <doctest/doctest.h>

#include <nlohmann/json.hpp>
#include <string>

#include "app/scenario/ordered_json_builder.hpp"

using app::scenario::parse_ordered_json;
using nlohmann::ordered_json;

namespace {

// "ok <document>" or the exception's kind, byte and text.
std::string outcome(const std::string& text, bool ours) {
  try {
    const ordered_json j = ours ? parse_ordered_json(text) : ordered_json::parse(text);
    return "ok " + j.dump();
  } catch (const nlohmann::json::parse_error& e) {
    return "parse_error " + std::to_string(e.byte) + " " + e.what();
  } catch (const nlohmann::json::out_of_range& e) {
    return "out_of_range " + std::string(e.what());
  }
}

}  // namespace

TEST_CASE("ordered JSON: the document and the errors of ordered_json::parse") {
  for (const std::string text : {
           R"({"b": 1, "a": {"y": [1, -2, 3.5, 1e3, 18446744073709551615, true, null, "s\u00e9"], "x": {}}, "c": []})",
           R"([{"k": 1, "k": {"deep": [1]}, "j": 2, "k": 3}, {"z": {"q": 1, "q": 2}}])",  // repeated keys
           R"("just a string")", "42", "[]", "{}", " [ [ [ ] ] ] ",
           R"({"a": 1,})", R"({"a" 1})", "[1, 2", "{} x", "", R"({"a": 1e999})", "[2e400, 1]", "\"\\uD800\"",
       }) {
    CAPTURE(text);
    CHECK(outcome(text, true) == outcome(text, false));
  }
  // A repeated key keeps its first place and takes the last value, as operator[] does.
  CHECK(parse_ordered_json(R"({"k": 1, "j": 2, "k": 3})").dump() == R"({"k":3,"j":2})");
}
