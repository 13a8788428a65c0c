#include "app/scenario/loader.hpp"

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include "app/scenario/cross_checks.hpp"
#include "app/scenario/input_file.hpp"
#include "app/scenario/json_positions.hpp"
#include "app/scenario/ordered_json_builder.hpp"
#include "app/scenario/read_context.hpp"
#include "app/scenario/spec_tables.hpp"

namespace app::scenario {

namespace {

using detail::Json;

[[noreturn]] void fail_one(const std::string& file, int line, int column, std::string message) {
  throw ScenarioError({Diagnostic{file, line, column, "", std::move(message), ""}});
}

// nlohmann reports a byte offset; turn it into line and column and keep only its reason.
[[noreturn]] void fail_syntax(const std::string& file, std::string_view text, const nlohmann::json::parse_error& e) {
  const std::size_t end = std::min<std::size_t>(e.byte == 0 ? 0 : e.byte - 1, text.size());
  int line = 1;
  int column = 1;
  for (std::size_t i = 0; i < end; ++i) {
    if (text[i] == '\n') {
      ++line;
      column = 1;
    } else {
      ++column;
    }
  }
  std::string reason = e.what();
  if (const auto colon = reason.find(": "); colon != std::string::npos) reason = reason.substr(colon + 2);
  // nlohmann quotes the text it last read, cut at any byte (even inside a UTF-8 character):
  // line and column say where, so the file's content is not echoed.
  if (const auto last = reason.find("; last read: "); last != std::string::npos) {
    const auto expected = reason.rfind("; expected");
    reason = reason.substr(0, last) + (expected != std::string::npos && expected > last ? reason.substr(expected) : "");
  }
  if (reason.rfind("syntax error", 0) != 0) reason = "syntax error: " + reason;
  fail_one(file, line, column, reason);
}

// A value nlohmann refuses to hold (a literal like 1e400 overflows a double) stands in its
// parsed document as this string, so its pointer can be found.
constexpr std::string_view kOverflowMark = "\"\\u0000lpmsim:number-overflow\"";

// `text` with every number literal that overflows a double replaced by kOverflowMark.
std::string mark_overflowing_numbers(std::string_view text) {
  std::string out;
  bool in_string = false;
  for (std::size_t i = 0; i < text.size();) {
    const char c = text[i];
    if (in_string) {
      if (c == '\\' && i + 1 < text.size()) out.push_back(text[i++]);
      else if (c == '"') in_string = false;
      out.push_back(text[i++]);
      continue;
    }
    if (c == '"') in_string = true;
    if (c != '-' && (c < '0' || c > '9')) {
      out.push_back(text[i++]);
      continue;
    }
    std::size_t end = i;
    while (end < text.size() && std::string_view("0123456789+-.eE").find(text[end]) != std::string_view::npos) ++end;
    const std::string literal(text.substr(i, end - i));
    const bool overflows = std::isinf(std::strtod(literal.c_str(), nullptr));
    out += overflows ? std::string(kOverflowMark) : literal;
    i = end;
  }
  return out;
}

template <class J>
void find_marks(const J& root, std::vector<std::string>& pointers) {
  std::vector<std::pair<const J*, std::string>> stack{{&root, ""}};
  while (!stack.empty() && pointers.size() < detail::kMaxDiagnostics) {
    const auto [value, pointer] = stack.back();
    stack.pop_back();
    if (value->is_string() && value->template get_ref<const std::string&>() == std::string("\0lpmsim:number-overflow", 23))
      pointers.push_back(pointer);
    else if (value->is_object())
      for (auto it = value->begin(); it != value->end(); ++it) stack.emplace_back(&*it, pointer + "/" + pointer_segment(it.key()));
    else if (value->is_array())
      for (std::size_t k = 0; k < value->size(); ++k) stack.emplace_back(&(*value)[k], pointer + "/" + std::to_string(k));
  }
}

// J::parse(text); an ordered document through parse_ordered_json, which builds it faster.
template <class J>
J parse_as(std::string_view text) {
  if constexpr (std::is_same_v<J, nlohmann::ordered_json>) return parse_ordered_json(text);
  else return J::parse(text.begin(), text.end());
}

// nlohmann stops at the first number that overflows a double, without a position: find every
// such number's pointer and line.
template <class J>
[[noreturn]] void fail_overflow(std::string_view text, const std::string& file) {
  const std::string marked = mark_overflowing_numbers(text);
  J json;
  try {
    json = parse_as<J>(marked);
  } catch (const nlohmann::json::parse_error& e) {
    fail_syntax(file, marked, e);
  }
  std::vector<std::string> pointers;
  find_marks(json, pointers);
  const JsonPositions positions(marked);
  std::vector<Diagnostic> problems;
  for (const auto& pointer : pointers) {
    Diagnostic d;
    d.file = file;
    d.line = positions.line_of(pointer);
    d.pointer = pointer;
    d.message = "expected a finite number; found a number out of the range of a double";
    problems.push_back(std::move(d));
  }
  if (problems.empty()) fail_one(file, 1, 0, "a number out of the range of a double");
  std::stable_sort(problems.begin(), problems.end(), [](const Diagnostic& a, const Diagnostic& b) { return a.line < b.line; });
  throw ScenarioError(std::move(problems));
}

template <class J>
J parse_untrusted(std::string_view text, const std::string& file) {
  const JsonShape shape = json_shape(text, kMaxJsonDepth, kMaxKeysPerObject);
  if (shape.depth > kMaxJsonDepth)
    fail_one(file, 1, 0, "nesting deeper than " + std::to_string(kMaxJsonDepth) + " levels");
  if (shape.widest > kMaxKeysPerObject)
    fail_one(file, 1, 0, "an object with more than " + std::to_string(kMaxKeysPerObject) + " keys (no object of the format has that many)");
  try {
    return parse_as<J>(text);
  } catch (const nlohmann::json::parse_error& e) {
    fail_syntax(file, text, e);
  } catch (const nlohmann::json::out_of_range&) {
    fail_overflow<J>(text, file);
  }
}

}  // namespace

nlohmann::json parse_json_text(std::string_view text, const std::string& file) {
  auto json = parse_untrusted<nlohmann::json>(text, file);
  const JsonPositions positions(text);
  std::vector<Diagnostic> problems;
  for (const auto& [pointer, line] : positions.duplicate_keys()) {
    if (problems.size() == detail::kMaxDiagnostics) break;
    Diagnostic d;
    d.file = file;
    d.line = line;
    d.pointer = pointer;
    d.message = "duplicate key " + detail::quote(pointer.substr(pointer.rfind('/') + 1)) + " (a key may appear once per object)";
    problems.push_back(std::move(d));
  }
  if (!problems.empty()) throw ScenarioError(std::move(problems));
  return json;
}

ScenarioSpec load_scenario_text(std::string_view text, const std::string& file, const std::filesystem::path& base_dir) {
  const Json json = parse_untrusted<Json>(text, file);
  const JsonPositions positions(text);
  detail::Context ctx(file, &positions, base_dir);
  for (const auto& [pointer, line] : positions.duplicate_keys()) {
    const auto slash = pointer.rfind('/');
    ctx.error(pointer, "duplicate key " + detail::quote(pointer.substr(slash + 1)) + " (a key may appear once per object)");
  }
  ScenarioSpec spec;
  detail::read_scenario(ctx, json, spec);
  // References are checked only on a structurally sound spec: a half-read one would cascade.
  if (ctx.diagnostics().empty()) detail::check_references(ctx, spec);
  if (ctx.diagnostics().empty()) return spec;
  auto diagnostics = ctx.take_diagnostics();
  const auto kept = std::min(diagnostics.size(), detail::kMaxDiagnostics);  // the count stays last
  std::stable_sort(diagnostics.begin(), diagnostics.begin() + static_cast<std::ptrdiff_t>(kept),
                   [](const Diagnostic& a, const Diagnostic& b) { return a.line < b.line; });
  throw ScenarioError(std::move(diagnostics));
  return spec;
}

ScenarioSpec load_scenario_file(const std::filesystem::path& path) {
  const std::string text = read_input_file(path, input_policy().scenario_bytes, "scenario file");
  return load_scenario_text(text, path.string(), path.parent_path().empty() ? "." : path.parent_path());
}

nlohmann::ordered_json to_json(const ScenarioSpec& spec) { return detail::write_scenario(spec); }

nlohmann::ordered_json scenario_schema() { return detail::generate_schema(nullptr); }

std::string scenario_reference_markdown() {
  std::vector<detail::DocObject> docs;
  detail::generate_schema(&docs);
  std::string out;
  for (const auto& object : docs) {
    out += "### `" + object.name + "`\n\n" + object.doc + "\n\n";
    out += "| key | type | default | meaning |\n|---|---|---|---|\n";
    for (const auto& row : object.rows)
      out += "| `" + row.key + "` | " + row.type + " | " + row.default_text + " | " + row.description + " |\n";
    out += "\n";
  }
  return out;
}

}  // namespace app::scenario
