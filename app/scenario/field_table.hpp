// Internal to app/scenario: the one table from which the loader, the effective-spec echo, the
// JSON Schema and the README reference are all derived. Each bound struct — a model's …Config or
// a file-only spec struct — has an ObjectTable (its $defs name and fields of member pointers);
// a view (a tag type with `using Struct = …`) gives one struct a second file object. Each C++
// value type has a Codec (read with diagnostics, write, schema fragment, type name). Tables are
// defined in spec_tables.cpp.
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

enum class Need { optional, required };

// Collects $defs and the README's per-object key tables while a schema is generated.
struct SchemaBuilder {
  Json defs = Json::object();
  std::vector<DocObject> docs;
  std::vector<MemberId> bound;  // every member some key binds
};

template <class S>
struct Field {
  std::string_view key;
  Need need;
  Constraint constraint;
  std::string_view doc;
  MemberId member;
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

// A binding B is a struct (its own table) or a view: a tag type naming the struct it reads.
template <class B>
struct Bound {
  using type = B;
};
template <class B>
  requires requires { typename B::Struct; }
struct Bound<B> {
  using type = typename B::Struct;
};
template <class B>
using BoundT = typename Bound<B>::type;

template <class B>
const ObjectTable<BoundT<B>>& table();  // explicit specialisations in spec_tables.cpp

template <class T>
struct Codec;

template <class B>
void read_object(Context& ctx, const Json& j, const std::string& ptr, BoundT<B>& s, std::string_view tag_key = {});
template <class B>
Json write_object(const BoundT<B>& s);
template <class B>
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

// std::int64_t and int: every bound integer has a range constraint inside int's.
template <class I>
  requires(std::is_same_v<I, std::int64_t> || std::is_same_v<I, int>)
struct Codec<I> {
  static void read(Context& ctx, const Json& j, const std::string& ptr, const Constraint& c, I& v) {
    const bool too_big = j.is_number_unsigned() &&
                         j.get<std::uint64_t>() > static_cast<std::uint64_t>(std::numeric_limits<std::int64_t>::max());
    if (!j.is_number_integer() || too_big) {
      ctx.error(ptr, "expected an integer; found " + describe(j));
      return;
    }
    const auto value = j.get<std::int64_t>();
    if (check_number(ctx, ptr, static_cast<double>(value), c, "integer", std::to_string(value)))
      v = static_cast<I>(value);
  }
  static Json write(I v) { return static_cast<std::int64_t>(v); }
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
template <> struct Codec<TimeOfDay> : QuantityCodec<TimeOfDay> {};

std::string one_of(const std::vector<std::string>& words);

template <class E>
  requires std::is_enum_v<E>
struct Codec<E> {
  static std::vector<std::string> words() { return {enum_words<E>.begin(), enum_words<E>.end()}; }
  static void read(Context& ctx, const Json& j, const std::string& ptr, const Constraint&, E& v) {
    if (!j.is_string()) {
      ctx.error(ptr, "expected one of " + one_of(words()) + "; found " + describe(j));
      return;
    }
    const auto& text = j.get_ref<const std::string&>();
    const auto& names = enum_words<E>;
    for (std::size_t i = 0; i < names.size(); ++i) {
      if (names[i] == text) {
        v = enum_value<E>(i);
        return;
      }
    }
    const auto all = words();
    ctx.error(ptr, "expected one of " + one_of(all) + "; found " + quote(text), closest_match(text, all));
  }
  static Json write(E v) { return std::string(scenario::to_string(v)); }  // the file's word
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

// A bound struct, or a view B of one: an object read through B's table.
template <class B>
struct ObjectCodec {
  using S = BoundT<B>;
  static void read(Context& ctx, const Json& j, const std::string& ptr, const Constraint&, S& v) {
    read_object<B>(ctx, j, ptr, v);
  }
  static Json write(const S& v) { return write_object<B>(v); }
  static Json schema(SchemaBuilder& b, const Constraint&) { return object_schema<B>(b); }
  static std::string type_name(const Constraint&) { return "object `" + std::string(table<B>().name) + "`"; }
};
template <class S>
struct Codec : ObjectCodec<S> {};

// A choice of structs told apart by a tag key ("model", "policy"); each alternative's word.
template <class V>
inline constexpr std::string_view variant_key = "model";
template <>
inline constexpr std::string_view variant_key<models::migration::StopPolicyConfig> = "policy";
template <class A>
inline constexpr std::string_view tag_of = A::tag;
template <>
inline constexpr std::string_view tag_of<models::precopy::PowervmPolicyConfig> = "powervm";
template <>
inline constexpr std::string_view tag_of<models::precopy::XenPolicyConfig> = "xen";
template <>
inline constexpr std::string_view tag_of<models::precopy::QemuPolicyConfig> = "qemu";
template <>
inline constexpr std::string_view tag_of<models::precopy::SimgridPolicyConfig> = "simgrid";

template <class... A>
struct Codec<std::variant<A...>> {
  using V = std::variant<A...>;
  static constexpr std::string_view key = variant_key<V>;
  static std::vector<std::string> tags() { return {std::string(tag_of<A>)...}; }

  template <std::size_t I = 0>
  static bool read_alternative(Context& ctx, const Json& j, const std::string& ptr, std::string_view tag, V& v) {
    if constexpr (I < sizeof...(A)) {
      using Alt = std::variant_alternative_t<I, V>;
      if (tag_of<Alt> != tag) return read_alternative<I + 1>(ctx, j, ptr, tag, v);
      Alt alt;
      read_object<Alt>(ctx, j, ptr, alt, key);
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
          using Alt = std::decay_t<decltype(alt)>;
          Json out{{std::string(key), std::string(tag_of<Alt>)}};
          const Json fields = write_object<Alt>(alt);
          for (auto it = fields.begin(); it != fields.end(); ++it) out[it.key()] = it.value();
          return out;
        },
        v);
  }
  static Json schema(SchemaBuilder& b, const Constraint&) {
    return {{"type", "object"}, {"oneOf", Json::array({object_schema<A>(b, key, tag_of<A>)...})}};
  }
  static std::string type_name(const Constraint&) {
    // Appended piece by piece: GCC 12, inlining `"…" + std::string(key) + …` here, warns of an
    // out-of-bounds memcpy that cannot happen (-Warray-bounds).
    std::string name = "object chosen by `";
    name.append(key);
    name.append("`: ");
    name.append(one_of(tags()));
    return name;
  }
};

// ---- objects -------------------------------------------------------------------------------

std::vector<std::string> table_keys(const std::vector<std::string_view>& keys, std::string_view tag_key);
void report_unknown_key(Context& ctx, const std::string& ptr, const std::string& key,
                        const std::vector<std::string>& valid);

template <class B>
void read_object(Context& ctx, const Json& j, const std::string& ptr, BoundT<B>& s, std::string_view tag_key) {
  if (!j.is_object()) {
    ctx.error(ptr, "expected an object; found " + describe(j));
    return;
  }
  const auto& fields = table<B>().fields;
  // One pass over the object's keys finds each one's field (in a file written in table order,
  // as lpmsim writes them, the next field at the first try) and reports the unknown ones; then
  // the fields are read in table order. A key that repeats counts once, its first value. (Two
  // passes, each key looked up among the fields and each field among the keys, were 7 % of the
  // load of a 100 000-LPAR scenario, in memcmp.)
  std::vector<const Json*> found(fields.size(), nullptr);
  std::size_t next = 0;
  for (auto it = j.begin(); it != j.end(); ++it) {
    const std::string& key = it.key();
    if (key == tag_key) continue;
    std::size_t f = next;
    if (f >= fields.size() || fields[f].key != key) {
      f = 0;
      while (f < fields.size() && fields[f].key != key) ++f;
    }
    if (f == fields.size()) {
      std::vector<std::string_view> keys;
      for (const auto& field : fields) keys.push_back(field.key);
      report_unknown_key(ctx, ptr, key, table_keys(keys, tag_key));
      continue;
    }
    if (found[f] == nullptr) found[f] = &it.value();
    next = f + 1;
  }
  std::string child = ptr + "/";
  const std::size_t stem = child.size();
  for (std::size_t f = 0; f < fields.size(); ++f) {
    if (found[f] == nullptr) {
      if (fields[f].need == Need::required) ctx.error(ptr, "missing required key " + quote(fields[f].key));
      continue;
    }
    child.resize(stem);
    child += fields[f].key;
    fields[f].read(ctx, *found[f], child, fields[f].constraint, s);
  }
  if constexpr (std::is_same_v<B, BoundT<B>>) check_object(ctx, j, ptr, s);
  else if constexpr (requires { B::check(ctx, ptr, s); }) B::check(ctx, ptr, s);
}

template <class B>
Json write_object(const BoundT<B>& s) {
  Json out = Json::object();
  // Room for every key first: an ordered_json object copies its members, subtrees and all,
  // each time it grows (their keys are const, so they cannot be moved).
  out.get_ref<Json::object_t&>().reserve(table<B>().fields.size());
  for (const auto& f : table<B>().fields) f.write(s, out, f.key);
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

// The member at the end of a path of member pointers: at<&A::b, &B::c>(a) is a.b.c.
template <auto M, auto... Rest, class S>
decltype(auto) at(S& s) {
  if constexpr (sizeof...(Rest) == 0) return (s.*M);
  else return at<Rest...>(s.*M);
}
template <auto... M>
struct PathOf;
template <auto M>
struct PathOf<M> {
  using Struct = typename MemberOf<decltype(M)>::Struct;
  using Last = MemberOf<decltype(M)>;
  static constexpr auto last = M;
};
template <auto M, auto... Rest>
  requires(sizeof...(Rest) > 0)
struct PathOf<M, Rest...> : PathOf<Rest...> {
  using Struct = typename MemberOf<decltype(M)>::Struct;
};

// Where member M sits in its struct (a default-constructed probe; all bound structs have one).
template <auto M>
MemberId member_id() {
  using S = typename MemberOf<decltype(M)>::Struct;
  static const S probe{};
  return {typeid(S), static_cast<std::size_t>(reinterpret_cast<const char*>(&(probe.*M)) -
                                               reinterpret_cast<const char*>(&probe))};
}

// A field read with codec C; the member is reached through the path M….
template <class C, auto... M>
Field<typename PathOf<M...>::Struct> field_with(std::string_view key, std::string_view doc, Need need, Constraint c) {
  using S = typename PathOf<M...>::Struct;
  using T = typename PathOf<M...>::Last::Type;
  return Field<S>{
      key, need, c, doc, member_id<PathOf<M...>::last>(),
      [](Context& ctx, const Json& j, const std::string& ptr, const Constraint& k, S& s) {
        C::read(ctx, j, ptr, k, at<M...>(s));
      },
      [](const S& s, Json& object, std::string_view name) {
        const T& v = at<M...>(s);
        if constexpr (IsOptional<T>::value) {
          if (!v.has_value()) return;
        }
        object[std::string(name)] = C::write(v);
      },
      [](SchemaBuilder& b, const Constraint& k) { return C::schema(b, k); },
      [](const Constraint& k) { return C::type_name(k); }};
}

// field<&power::MspConfig::concurrency_lvl>("concurrency_lvl", "…", Need::optional, range(1, 5));
// a path reaches a nested member: field<&HmcSpec::settings, &MigrationSettings::precopy>(…).
template <auto... M>
auto field(std::string_view key, std::string_view doc, Need need = Need::optional, Constraint c = {}) {
  return field_with<Codec<typename PathOf<M...>::Last::Type>, M...>(key, doc, need, c);
}

// A struct's second file object: view<PhaseTimes, &HmcSpec::settings, &MigrationSettings::protocol>
// reads "phase_times" through table<PhaseTimes>() into the same ProtocolSettings.
template <class View, auto... M>
auto view(std::string_view key, std::string_view doc, Need need = Need::optional) {
  return field_with<ObjectCodec<View>, M...>(key, doc, need, {});
}

template <class F>
struct Getter;
template <class R, class A>
struct Getter<R (*)(const A&)> {
  using Value = R;
  using Struct = A;
};

// A key whose value sets several members (a VIOS's `memory` is its min, desired and max):
// Get(const S&) → T gives the value written back, Set(S&, const T&) applies one read.
template <auto Get, auto Set>
auto computed(std::string_view key, std::string_view doc, Need need = Need::optional, Constraint c = {}) {
  using S = typename Getter<decltype(Get)>::Struct;
  using T = typename Getter<decltype(Get)>::Value;
  return Field<S>{
      key, need, c, doc, MemberId{typeid(S), static_cast<std::size_t>(-1)},
      [](Context& ctx, const Json& j, const std::string& ptr, const Constraint& k, S& s) {
        T v = Get(s);
        Codec<T>::read(ctx, j, ptr, k, v);
        Set(s, v);
      },
      [](const S& s, Json& object, std::string_view name) {
        const T v = Get(s);
        if constexpr (IsOptional<T>::value) {
          if (!v.has_value()) return;
        }
        object[std::string(name)] = Codec<T>::write(v);
      },
      [](SchemaBuilder& b, const Constraint& k) { return Codec<T>::schema(b, k); },
      [](const Constraint& k) { return Codec<T>::type_name(k); }};
}

std::string default_text(const Json& object, std::string_view key, bool required);

template <class B>
Json object_schema(SchemaBuilder& b, std::string_view tag_key, std::string_view tag) {
  using S = BoundT<B>;
  const auto& t = table<B>();
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
  const Json defaults = write_object<B>(S{});
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
    b.bound.push_back(f.member);
  }
  Json def{{"type", "object"}, {"description", std::string(t.doc)}, {"additionalProperties", false},
           {"properties", std::move(properties)}};
  if (!required.empty()) def["required"] = std::move(required);
  b.defs[name] = std::move(def);
  return ref;
}

}  // namespace app::scenario::detail
