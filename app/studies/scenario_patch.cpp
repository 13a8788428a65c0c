#include "app/studies/scenario_patch.hpp"

#include <fmt/core.h>

#include "app/scenario/loader.hpp"
#include "app/studies/sweep_grid.hpp"

namespace app::studies {

namespace {

using Json = nlohmann::ordered_json;

// Every concrete pointer `pattern` ("/a/*/b") names in `doc`; a pattern without "*" is itself.
void expand(const Json& doc, const std::string& done, const std::string& rest,
            std::vector<std::string>& out) {
  if (rest.empty()) return out.push_back(done);
  const auto next = rest.find('/', 1);
  const std::string segment = rest.substr(1, next == std::string::npos ? std::string::npos : next - 1);
  const std::string tail = next == std::string::npos ? "" : rest.substr(next);
  if (segment != "*") return expand(doc, done + "/" + segment, tail, out);
  const Json::json_pointer here(done);
  if (!doc.contains(here)) return;
  const Json& node = doc[here];
  if (node.is_array())
    for (std::size_t i = 0; i < node.size(); ++i)
      expand(doc, done + "/" + std::to_string(i), tail, out);
  if (node.is_object())
    for (const auto& item : node.items()) expand(doc, done + "/" + item.key(), tail, out);
}

}  // namespace

scenario::ScenarioSpec patch_scenario(const scenario::ScenarioSpec& spec, const std::string& file,
                                      const std::filesystem::path& dir,
                                      const std::vector<std::string>& sets) {
  if (sets.empty()) return spec;
  Json doc = scenario::to_json(spec);
  for (const auto& set : sets) {
    const GridAxis axis = parse_set_axis(set);
    if (axis.values.size() != 1)
      throw SweepGridError(fmt::format(
          "--set {}: expected one value (several values are a sweep: lpmsim sweep --set)", set));
    for (const auto& pattern : axis.pointers()) {
      std::vector<std::string> pointers;
      expand(doc, "", pattern, pointers);
      if (pointers.empty())
        throw SweepGridError(fmt::format("--set {}: {} matches nothing in the scenario", set, pattern));
      for (const auto& name : pointers) {
        const Json::json_pointer pointer(name);
        if (!doc.contains(pointer) && !doc.contains(pointer.parent_pointer()))
          throw SweepGridError(fmt::format(
              "--set {}: {} is not in the scenario (nor is its parent)", set, name));
        doc[pointer] = Json::parse(axis.values.front().dump());
      }
    }
  }
  return scenario::load_scenario_text(doc.dump(), file, dir);
}

}  // namespace app::studies
