#include "app/scenario/loader.hpp"

#include <algorithm>
#include <fstream>
#include <sstream>

#include "app/scenario/cross_checks.hpp"
#include "app/scenario/json_positions.hpp"
#include "app/scenario/read_context.hpp"
#include "app/scenario/spec_tables.hpp"

namespace app::scenario {

namespace {

using detail::Json;

[[noreturn]] void fail_one(const std::string& file, int line, int column, std::string message) {
  Diagnostic d;
  d.file = file;
  d.line = line;
  d.column = column;
  d.message = std::move(message);
  throw ScenarioError({std::move(d)});
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
  if (reason.rfind("syntax error", 0) != 0) reason = "syntax error: " + reason;
  fail_one(file, line, column, reason);
}

}  // namespace

ScenarioSpec load_scenario_text(std::string_view text, const std::string& file, const std::filesystem::path& base_dir) {
  if (json_nesting_depth(text, kMaxJsonDepth) > kMaxJsonDepth)
    fail_one(file, 1, 0, "nesting deeper than " + std::to_string(kMaxJsonDepth) + " levels");
  Json json;
  try {
    json = Json::parse(text.begin(), text.end());
  } catch (const nlohmann::json::parse_error& e) {
    fail_syntax(file, text, e);
  }
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
  std::stable_sort(diagnostics.begin(), diagnostics.end(),
                   [](const Diagnostic& a, const Diagnostic& b) { return a.line < b.line; });
  throw ScenarioError(std::move(diagnostics));
  return spec;
}

ScenarioSpec load_scenario_file(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) fail_one(path.string(), 0, 0, "cannot open file");
  std::ostringstream text;
  text << in.rdbuf();
  return load_scenario_text(text.str(), path.string(), path.parent_path().empty() ? "." : path.parent_path());
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
