#include "app/scenario/field_table.hpp"

namespace app::scenario::detail {

Json number_schema(std::string_view type, const Constraint& c) {
  Json s{{"type", std::string(type)}};
  switch (c.kind) {
    case Constraint::Kind::positive: s["exclusiveMinimum"] = 0; break;
    case Constraint::Kind::non_negative: s["minimum"] = 0; break;
    case Constraint::Kind::range:
      if (c.lo_open) s["exclusiveMinimum"] = c.lo;
      else s["minimum"] = c.lo;
      s["maximum"] = c.hi;
      if (type == "integer") {
        s[c.lo_open ? "exclusiveMinimum" : "minimum"] = static_cast<std::int64_t>(c.lo);
        s["maximum"] = static_cast<std::int64_t>(c.hi);
      }
      break;
    default: break;
  }
  return s;
}

std::string number_type_name(std::string_view type, const Constraint& c) {
  const std::string t(type);
  switch (c.kind) {
    case Constraint::Kind::positive: return t + " > 0";
    case Constraint::Kind::non_negative: return t + " >= 0";
    case Constraint::Kind::range:
      return t + " in " + (c.lo_open ? "(" : "[") + shortest_number(c.lo) + ", " + shortest_number(c.hi) + "]";
    default: return t;
  }
}

std::string one_of(const std::vector<std::string>& words) {
  std::string out;
  for (std::size_t i = 0; i < words.size(); ++i) {
    if (i > 0) out += ", ";
    out += quote(words[i]);
  }
  return out;
}

std::vector<std::string> table_keys(const std::vector<std::string_view>& keys, std::string_view tag_key) {
  std::vector<std::string> out;
  if (!tag_key.empty()) out.emplace_back(tag_key);
  for (const auto k : keys) out.emplace_back(k);
  return out;
}

void report_unknown_key(Context& ctx, const std::string& ptr, const std::string& key,
                        const std::vector<std::string>& valid) {
  std::string suggestion = closest_match(key, valid);
  std::string message = "unknown key " + quote(key);
  if (suggestion.empty()) message += "; valid keys: " + one_of(valid);
  ctx.error(ptr + "/" + pointer_segment(key), std::move(message), std::move(suggestion));
}

std::string default_text(const Json& object, std::string_view key, bool required) {
  if (required) return "required";
  const std::string k(key);
  if (!object.contains(k)) return "absent";
  const Json& v = object[k];
  if (v.is_object()) return "see below";
  const std::string text = v.dump();
  return text.size() > 40 ? "…" : text;
}

}  // namespace app::scenario::detail
