// Parses JSON text into an nlohmann::ordered_json: the same document, and the same exceptions
// (parse_error, out_of_range), as ordered_json::parse(text), built with less copying. Used by
// the scenario loader, whose documents keep the file's key order.
//   const nlohmann::ordered_json doc = app::scenario::parse_ordered_json(R"({"b": 1, "a": 2})");
#pragma once

#include <nlohmann/json.hpp>
#include <string_view>

namespace app::scenario {

nlohmann::ordered_json parse_ordered_json(std::string_view text);

}  // namespace app::scenario
