// Internal to app/scenario: the entry points of the field tables (spec_tables.cpp) — read a
// whole scenario, write one back, and generate the JSON Schema with the README's key tables.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <typeindex>
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

// A member of a bound struct: the struct declaring it and its offset (the one-home test).
struct MemberId {
  std::type_index owner = typeid(void);
  std::size_t offset = 0;
  friend auto operator<=>(const MemberId&, const MemberId&) = default;
};
// Every member some key binds (the one-home test compares them with the config structs).
std::vector<MemberId> bound_members();

void read_scenario(Context& ctx, const Json& json, ScenarioSpec& spec);
Json write_scenario(const ScenarioSpec& spec);
// The draft 2020-12 schema; `docs` (optional) receives the per-object key tables.
Json generate_schema(std::vector<DocObject>* docs);

}  // namespace app::scenario::detail
