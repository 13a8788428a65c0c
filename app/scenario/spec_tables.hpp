// Internal to app/scenario: the entry points of the field tables (spec_tables.cpp) — read a
// whole scenario, write one back, and generate the JSON Schema with the README's key tables.
#pragma once

#include <string>
#include <vector>

#include "app/scenario/read_context.hpp"
#include "app/scenario/spec.hpp"

namespace app::scenario::detail {

// One row of the README reference: a key, its type (with unit), default and meaning.
struct DocRow {
  std::string key, type, default_text, description;
};
struct DocObject {
  std::string name, doc;
  std::vector<DocRow> rows;
};

void read_scenario(Context& ctx, const Json& json, ScenarioSpec& spec);
Json write_scenario(const ScenarioSpec& spec);
// The draft 2020-12 schema; `docs` (optional) receives the per-object key tables.
Json generate_schema(std::vector<DocObject>* docs);

}  // namespace app::scenario::detail
