// Internal to app/scenario: the one table from which the loader, the effective-spec echo, the
// JSON Schema and the README reference are all derived. Each spec struct has an ObjectTable
// (its $defs name and fields); each C++ value type has a Codec (read with diagnostics, write,
// schema fragment, type name). Tables are defined in spec_tables.cpp.
#pragma once

#include <cstdint>
#include <limits>
#include <optional>
#include <string>
#include <string_view>
#include <type_traits>
#include <variant>
#include <vector>

#include "app/scenario/object_checks.hpp"
#include "app/scenario/quantity_text.hpp"
#include "app/scenario/read_context.hpp"
#include "app/scenario/spec.hpp"
#include "app/scenario/spec_tables.hpp"

namespace app::scenario::detail {

// Collects $defs and the README's per-object key tables while a schema is generated.
struct SchemaBuilder {
  Json defs = Json::object();
  std::vector<DocObject> docs;
};

enum class Need { optional, required };

template <class S>
struct Field {
  std::string_view key;
  Need need;
  Constraint constraint;
  std::string_view doc;
  void (*read)(Context&, const Json&, const std::string&, const Constraint&, S&);
  void (*write)(const S&, Json& object, std::string_view key);
  Json (*schema)(SchemaBuilder&, const Constraint&);
  std::string (*type_name)(const Constraint&);
};

template <class S>
struct ObjectTable {
  std::string_view name;
  std::string_view doc;
  std::vector<Field<S>> fields;
};

template <class S>
const ObjectTable<S>& table();  // explicit specialisations in spec_tables.cpp

template <class T>
struct Codec;

template <class S>
void read_object(Context& ctx, const Json& j, const std::string& ptr, S& s, std::string_view tag_key = {});
template <class S>
Json write_object(const S& s);
template <class S>
Json object_schema(SchemaBuilder& b, std::string_view tag_key = {}, std::string_view tag = {});

// ---- scalar codecs -------------------------------------------------------------------------

template <>
struct Codec<bool> {
  static void read(Context& ctx, const Json& j, const std::string& ptr, const Constraint&, bool& v) {
    if (j.is_boolean()) v = j.get<bool>();
    else ctx.error(ptr, "expected true or false; found " + describe(j));
  }
  static Json write(bool v) { return v; }
  static Json schema(SchemaBuilder&, const Constraint&) { return {{"type", "boolean"}}; }
  static std::string type_name(const Constraint&) { return "boolean"; }
};

Json number_schema(std::string_view type, const Constraint& c);
std::string number_type_name(std::string_view type, const Constraint& c);

template <>
struct Codec<std::int64_t> {
  static void read(Context& ctx, const Json& j, const std::string& ptr, const Constraint& c, std::int64_t& v) {
    const bool too_big = j.is_number_unsigned() &&
                         j.get<std::uint64_t>() > static_cast<std::uint64_t>(std::numeric_limits<std::int64_t>::max());
    if (!j.is_number_integer() || too_big) {
      ctx.error(ptr, "expected an integer; found " + describe(j));
      return;
    }
    const auto value = j.get<std::int64_t>();
    if (check_number(ctx, ptr, static_cast<double>(value), c, "integer", std::to_string(value))) v = value;
  }
  static Json write(std::int64_t v) { return v; }
  static Json schema(SchemaBuilder&, const Constraint& c) { return number_schema("integer", c); }
  static std::string type_name(const Constraint& c) { return number_type_name("integer", c); }
};

template <>
struct Codec<std::uint64_t> {
  static void read(Context& ctx, const Json& j, const std::string& ptr, const Constraint&, std::uint64_t& v) {
    if (j.is_number_unsigned()) v = j.get<std::uint64_t>();
    else ctx.error(ptr, "expected a non-negative integer; found " + describe(j));
  }
  static Json write(std::uint64_t v) { return v; }
  static Json schema(SchemaBuilder&, const Constraint&) { return {{"type", "integer"}, {"minimum", 0}}; }
  static std::string type_name(const Constraint&) { return "integer ≥ 0"; }
};

template <>
struct Codec<double> {
  static void read(Context& ctx, const Json& j, const std::string& ptr, const Constraint& c, double& v) {
    if (!j.is_number()) {
      ctx.error(ptr, "expected a number; found " + describe(j));
      return;
    }
    const double value = j.get<double>();
    if (check_number(ctx, ptr, value, c, "number", j.dump())) v = value;
  }
  static Json write(double v) { return v; }
  static Json schema(SchemaBuilder&, const Constraint& c) { return number_schema("number", c); }
  static std::string type_name(const Constraint& c) { return number_type_name("number", c); }
};

template <>
struct Codec<std::string> {
  static void read(Context& ctx, const Json& j, const std::string& ptr, const Constraint& c, std::string& v) {
    if (!j.is_string()) {
      ctx.error(ptr, "expected a string; found " + describe(j));
      return;
    }
    const auto& text = j.get_ref<const std::string&>();
    if (c.kind == Constraint::Kind::name && !check_name(ctx, ptr, text)) return;
    v = text;
  }
  static Json write(const std::string& v) { return v; }
  static Json schema(SchemaBuilder&, const Constraint& c) {
    Json s{{"type", "string"}};
    if (c.kind == Constraint::Kind::name) {
      s["minLength"] = 1;
      s["maxLength"] = 47;
      s["pattern"] = "^[^,/\\u0000-\\u001f]+$";
    }
    return s;
  }
  static std::string type_name(const Constraint& c) { return c.kind == Constraint::Kind::name ? "name" : "string"; }
};

// Quantities with units: sizes, durations, rates, dirty rates (quantity_text.hpp).
template <class Q>
struct QuantityCodec {
  static void read(Context& ctx, const Json& j, const std::string& ptr, const Constraint& c, Q& v) {
    const auto& kind = QuantityText<Q>::kind;
    if (j.is_number()) {
      ctx.error(ptr, "expected a " + std::string(kind.what) + " with a unit, e.g. " + quote(kind.example) +
                         "; found " + describe(j) + " (numbers without units are not accepted)");
      return;
    }
    if (!j.is_string()) {
      ctx.error(ptr, "expected a " + std::string(kind.what) + " string, e.g. " + quote(kind.example) +
                         "; found " + describe(j));
      return;
    }
    const auto& text = j.get_ref<const std::string&>();
    std::string problem;
    const auto parsed = QuantityText<Q>::parse(text, problem);
    if (!parsed) {
      ctx.error(ptr, problem);
      return;
    }
    if (check_number(ctx, ptr, QuantityText<Q>::magnitude(*parsed), c, kind.what, quote(text))) v = *parsed;
  }
  static Json write(const Q& v) { return QuantityText<Q>::format(v); }
  static Json schema(SchemaBuilder&, const Constraint&) {
    return {{"type", "string"}, {"pattern", QuantityText<Q>::kind.pattern}};
  }
  static std::string type_name(const Constraint& c) {
    return std::string(c.kind == Constraint::Kind::positive ? "positive " : "") + std::string(QuantityText<Q>::kind.what);
  }
};
template <> struct Codec<sim::Bytes> : QuantityCodec<sim::Bytes> {};
template <> struct Codec<sim::Duration> : QuantityCodec<sim::Duration> {};
template <> struct Codec<sim::BytesPerSecond> : QuantityCodec<sim::BytesPerSecond> {};
template <> struct Codec<DirtyRate> : QuantityCodec<DirtyRate> {};

std::string one_of(const std::vector<std::string>& words);

template <class E>
  requires std::is_enum_v<E>
struct Codec<E> {
  static std::vector<std::string> words() { return {EnumTable<E>::names.begin(), EnumTable<E>::names.end()}; }
  static void read(Context& ctx, const Json& j, const std::string& ptr, const Constraint&, E& v) {
    if (!j.is_string()) {
      ctx.error(ptr, "expected one of " + one_of(words()) + "; found " + describe(j));
      return;
    }
    const auto& text = j.get_ref<const std::string&>();
    const auto& names = EnumTable<E>::names;
    for (std::size_t i = 0; i < names.size(); ++i) {
      if (names[i] == text) {
        v = static_cast<E>(i);
        return;
      }
    }
    const auto all = words();
    ctx.error(ptr, "expected one of " + one_of(all) + "; found " + quote(text), closest_match(text, all));
  }
  static Json write(E v) { return std::string(to_string(v)); }
  static Json schema(SchemaBuilder&, const Constraint&) { return {{"enum", words()}}; }
  static std::string type_name(const Constraint&) { return "one of " + one_of(words()); }
};

// ---- containers ----------------------------------------------------------------------------

template <class T>
struct Codec<std::vector<T>> {
  static void read(Context& ctx, const Json& j, const std::string& ptr, const Constraint& c, std::vector<T>& v) {
    if (!j.is_array()) {
      ctx.error(ptr, "expected an array; found " + describe(j));
      return;
    }
    if (c.min_one && j.empty()) ctx.error(ptr, "expected at least one element; found an empty array");
    Constraint element = c;
    element.min_one = false;
    v.clear();
    v.resize(j.size());
    for (std::size_t i = 0; i < j.size(); ++i) Codec<T>::read(ctx, j[i], ptr + "/" + std::to_string(i), element, v[i]);
  }
  static Json write(const std::vector<T>& v) {
    Json out = Json::array();
    for (const auto& e : v) out.push_back(Codec<T>::write(e));
    return out;
  }
  static Json schema(SchemaBuilder& b, const Constraint& c) {
    Constraint element = c;
    element.min_one = false;
    Json s{{"type", "array"}, {"items", Codec<T>::schema(b, element)}};
    if (c.min_one) s["minItems"] = 1;
    return s;
  }
  static std::string type_name(const Constraint& c) {
    Constraint element = c;
    element.min_one = false;
    return std::string(c.min_one ? "non-empty " : "") + "list of " + Codec<T>::type_name(element);
  }
};

template <class T>
struct Codec<std::optional<T>> {
  static void read(Context& ctx, const Json& j, const std::string& ptr, const Constraint& c, std::optional<T>& v) {
    v.emplace();
    Codec<T>::read(ctx, j, ptr, c, *v);
  }
  static Json write(const std::optional<T>& v) { return v ? Codec<T>::write(*v) : Json(); }
  static Json schema(SchemaBuilder& b, const Constraint& c) { return Codec<T>::schema(b, c); }
  static std::string type_name(const Constraint& c) { return Codec<T>::type_name(c); }
};

// A spec struct: an object read through its table.
template <class S>
struct Codec {
  static void read(Context& ctx, const Json& j, const std::string& ptr, const Constraint&, S& v) {
    read_object(ctx, j, ptr, v);
  }
  static Json write(const S& v) { return write_object(v); }
  static Json schema(SchemaBuilder& b, const Constraint&) { return object_schema<S>(b); }
  static std::string type_name(const Constraint&) { return "object `" + std::string(table<S>().name) + "`"; }
};

// A choice of spec structs told apart by a tag key ("model", "policy").
template <class V>
struct VariantTag {
  static constexpr std::string_view key = "model";
};
template <>
struct VariantTag<StopPolicySpec> {
  static constexpr std::string_view key = "policy";
};

template <class... A>
struct Codec<std::variant<A...>> {
  using V = std::variant<A...>;
  static constexpr std::string_view key = VariantTag<V>::key;
  static std::vector<std::string> tags() { return {std::string(A::tag)...}; }

  template <std::size_t I = 0>
  static bool read_alternative(Context& ctx, const Json& j, const std::string& ptr, std::string_view tag, V& v) {
    if constexpr (I < sizeof...(A)) {
      using Alt = std::variant_alternative_t<I, V>;
      if (Alt::tag != tag) return read_alternative<I + 1>(ctx, j, ptr, tag, v);
      Alt alt;
      read_object(ctx, j, ptr, alt, key);
      v = std::move(alt);
      return true;
    } else {
      return false;
    }
  }
  static void read(Context& ctx, const Json& j, const std::string& ptr, const Constraint&, V& v) {
    if (!j.is_object()) {
      ctx.error(ptr, "expected an object; found " + describe(j));
      return;
    }
    const auto it = j.find(key);
    if (it == j.end()) {
      ctx.error(ptr, "missing required key " + quote(key) + " (one of " + one_of(tags()) + ")");
      return;
    }
    const std::string tag_ptr = ptr + "/" + std::string(key);
    if (!it->is_string()) {
      ctx.error(tag_ptr, "expected one of " + one_of(tags()) + "; found " + describe(*it));
      return;
    }
    const auto& tag = it->template get_ref<const std::string&>();
    if (!read_alternative(ctx, j, ptr, tag, v))
      ctx.error(tag_ptr, "expected one of " + one_of(tags()) + "; found " + quote(tag), closest_match(tag, tags()));
  }
  static Json write(const V& v) {
    return std::visit(
        [](const auto& alt) {
          Json out{{std::string(key), std::string(std::decay_t<decltype(alt)>::tag)}};
          const Json fields = write_object(alt);
          for (auto it = fields.begin(); it != fields.end(); ++it) out[it.key()] = it.value();
          return out;
        },
        v);
  }
  static Json schema(SchemaBuilder& b, const Constraint&) {
    return {{"type", "object"}, {"oneOf", Json::array({object_schema<A>(b, key, A::tag)...})}};
  }
  static std::string type_name(const Constraint&) {
    return "object chosen by `" + std::string(key) + "`: " + one_of(tags());
  }
};

// ---- objects -------------------------------------------------------------------------------

std::vector<std::string> table_keys(const std::vector<std::string_view>& keys, std::string_view tag_key);
void report_unknown_key(Context& ctx, const std::string& ptr, const std::string& key,
                        const std::vector<std::string>& valid);

template <class S>
void read_object(Context& ctx, const Json& j, const std::string& ptr, S& s, std::string_view tag_key) {
  if (!j.is_object()) {
    ctx.error(ptr, "expected an object; found " + describe(j));
    return;
  }
  const auto& t = table<S>();
  std::vector<std::string_view> keys;
  for (const auto& f : t.fields) keys.push_back(f.key);
  for (auto it = j.begin(); it != j.end(); ++it) {
    if (it.key() == tag_key) continue;
    bool known = false;
    for (const auto k : keys) known = known || k == it.key();
    if (!known) report_unknown_key(ctx, ptr, it.key(), table_keys(keys, tag_key));
  }
  for (const auto& f : t.fields) {
    const auto it = j.find(f.key);
    if (it == j.end()) {
      if (f.need == Need::required) ctx.error(ptr, "missing required key " + quote(f.key));
      continue;
    }
    f.read(ctx, *it, ptr + "/" + std::string(f.key), f.constraint, s);
  }
  check_object(ctx, j, ptr, s);
}

template <class S>
Json write_object(const S& s) {
  Json out = Json::object();
  for (const auto& f : table<S>().fields) f.write(s, out, f.key);
  return out;
}

// ---- field construction --------------------------------------------------------------------

template <class M>
struct MemberOf;
template <class S, class T>
struct MemberOf<T S::*> {
  using Struct = S;
  using Type = T;
};

template <class T>
struct IsOptional : std::false_type {};
template <class T>
struct IsOptional<std::optional<T>> : std::true_type {};

// field<&LparSpec::memory>("memory", "…", Need::required, kPositive)
template <auto M>
Field<typename MemberOf<decltype(M)>::Struct> field(std::string_view key, std::string_view doc,
                                                    Need need = Need::optional, Constraint c = {}) {
  using S = typename MemberOf<decltype(M)>::Struct;
  using T = typename MemberOf<decltype(M)>::Type;
  return Field<S>{
      key, need, c, doc,
      [](Context& ctx, const Json& j, const std::string& ptr, const Constraint& k, S& s) {
        Codec<T>::read(ctx, j, ptr, k, s.*M);
      },
      [](const S& s, Json& object, std::string_view name) {
        if constexpr (IsOptional<T>::value) {
          if (!(s.*M).has_value()) return;
        }
        object[std::string(name)] = Codec<T>::write(s.*M);
      },
      [](SchemaBuilder& b, const Constraint& k) { return Codec<T>::schema(b, k); },
      [](const Constraint& k) { return Codec<T>::type_name(k); }};
}

std::string default_text(const Json& object, std::string_view key, bool required);

template <class S>
Json object_schema(SchemaBuilder& b, std::string_view tag_key, std::string_view tag) {
  const auto& t = table<S>();
  const std::string name(t.name);
  const Json ref{{"$ref", "#/$defs/" + name}};
  if (b.defs.contains(name)) return ref;
  b.defs[name] = Json::object();  // placeholder: stops recursion
  const std::size_t doc_index = b.docs.size();
  b.docs.push_back(DocObject{name, std::string(t.doc), {}});
  Json properties = Json::object();
  Json required = Json::array();
  if (!tag_key.empty()) {
    properties[std::string(tag_key)] = {{"const", std::string(tag)}};
    required.push_back(std::string(tag_key));
    b.docs[doc_index].rows.push_back({std::string(tag_key), "\"" + std::string(tag) + "\"", "required", "selects this object"});
  }
  const Json defaults = write_object(S{});
  for (const auto& f : t.fields) {
    Json p = f.schema(b, f.constraint);
    p["description"] = std::string(f.doc);
    const bool req = f.need == Need::required;
    const std::string k(f.key);
    if (!req && defaults.contains(k) && !defaults[k].is_object()) p["default"] = defaults[k];
    properties[std::string(f.key)] = std::move(p);
    if (req) required.push_back(std::string(f.key));
    b.docs[doc_index].rows.push_back({std::string(f.key), f.type_name(f.constraint),
                                      default_text(defaults, f.key, req), std::string(f.doc)});
  }
  Json def{{"type", "object"}, {"description", std::string(t.doc)}, {"additionalProperties", false},
           {"properties", std::move(properties)}};
  if (!required.empty()) def["required"] = std::move(required);
  b.defs[name] = std::move(def);
  return ref;
}

}  // namespace app::scenario::detail
