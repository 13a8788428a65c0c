#include "app/scenario/dirty_trace.hpp"

#include <charconv>
#include <cmath>

#include "app/scenario/diagnostic.hpp"
#include "app/scenario/input_file.hpp"

namespace app::scenario {

namespace {

[[noreturn]] void fail(const std::string& file, int line, const std::string& pointer, std::string message) {
  throw ScenarioError({Diagnostic{file, line, 0, pointer, std::move(message), ""}});
}

bool is_space(char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\v' || c == '\f'; }

// Splits a line into at most three fields (a third means too many).
std::vector<std::string_view> fields_of(std::string_view line) {
  std::vector<std::string_view> out;
  std::size_t i = 0;
  while (i < line.size() && out.size() < 3) {
    while (i < line.size() && is_space(line[i])) ++i;
    const std::size_t start = i;
    while (i < line.size() && !is_space(line[i])) ++i;
    if (i > start) out.push_back(line.substr(start, i - start));
  }
  return out;
}

bool parse_number(std::string_view s, double& v) {
  const auto res = std::from_chars(s.data(), s.data() + s.size(), v);
  return res.ec == std::errc() && res.ptr == s.data() + s.size() && std::isfinite(v);
}

}  // namespace

std::vector<DirtyTraceSample> parse_dirty_trace(std::string_view text, const std::string& file,
                                                const std::string& pointer) {
  std::vector<DirtyTraceSample> samples;
  int number = 0;
  for (std::size_t pos = 0; pos < text.size();) {
    auto nl = text.find('\n', pos);
    if (nl == std::string_view::npos) nl = text.size();
    std::string_view line = text.substr(pos, nl - pos);
    pos = nl + 1;
    ++number;
    if (const auto hash = line.find('#'); hash != std::string_view::npos) line = line.substr(0, hash);
    const auto fields = fields_of(line);
    if (fields.empty()) continue;
    if (fields.size() != 2)
      fail(file, number, pointer,
           "expected two numbers \"<seconds> <pages per second>\"; found " +
               std::string(fields.size() == 1 ? "one field" : "more than two fields"));
    double seconds = 0, rate = 0;
    if (!parse_number(fields[0], seconds))
      fail(file, number, pointer, "field 1 (seconds) is not a finite decimal number");
    if (!parse_number(fields[1], rate))
      fail(file, number, pointer, "field 2 (pages per second) is not a finite decimal number");
    if (seconds < 0 || seconds > kMaxTraceSeconds)
      fail(file, number, pointer, "field 1 (seconds) must be in [0, 1e7]");
    if (rate < 0 || rate > kMaxDirtyPagesPerSecond)
      fail(file, number, pointer, "field 2 (pages per second) must be in [0, 1e10]");
    const auto at = sim::ceil_seconds(seconds);
    if (!samples.empty() && at <= samples.back().at)
      fail(file, number, pointer, "times must be strictly increasing (to the nanosecond)");
    samples.push_back({at, rate});
  }
  if (samples.empty()) fail(file, 0, pointer, "the dirty-page trace file has no samples");
  return samples;
}

std::vector<DirtyTraceSample> read_dirty_trace_file(const std::filesystem::path& scenario_dir,
                                                    const std::string& file, const std::string& pointer) {
  std::filesystem::path resolved;
  const auto problem = referenced_file_problem(scenario_dir, file, resolved);
  if (!problem.empty()) fail((scenario_dir / file).string(), 0, pointer, problem);
  std::string text;
  try {
    text = read_input_file(resolved, input_policy().data_bytes, "dirty-page trace");
  } catch (ScenarioError& e) {
    auto diagnostics = e.diagnostics();
    for (auto& d : diagnostics) d.pointer = pointer;
    throw ScenarioError(std::move(diagnostics));
  }
  return parse_dirty_trace(text, (scenario_dir / file).string(), pointer);
}

}  // namespace app::scenario
