#include "app/report/chart_kit.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <cctype>
#include <cmath>
#include <cstdint>

namespace app::report {
namespace {

// Length of the UTF-8 sequence starting at s[i], or 0 when it is not well-formed.
std::size_t utf8_length(std::string_view s, std::size_t i) {
  auto byte = [&](std::size_t k) { return static_cast<unsigned char>(s[k]); };
  unsigned char c = byte(i);
  std::size_t n = c < 0x80           ? 1
                  : (c >> 5) == 0x6  ? 2
                  : (c >> 4) == 0xE  ? 3
                  : (c >> 3) == 0x1E ? 4
                                     : 0;
  if (n == 0 || i + n > s.size()) return 0;
  for (std::size_t k = 1; k < n; ++k)
    if ((byte(i + k) & 0xC0) != 0x80) return 0;
  if (n == 2 && c < 0xC2) return 0;  // overlong
  return n;
}

struct TimeStep {
  std::int64_t ns;
  std::int64_t unit_ns;
  const char* unit;
};

std::vector<TimeStep> time_steps() {
  std::vector<TimeStep> steps;
  const std::array<std::pair<std::int64_t, const char*>, 4> units{
      {{1, "ns"}, {1'000, "us"}, {1'000'000, "ms"}, {1'000'000'000, "s"}}};
  for (const auto& [unit_ns, unit] : units)
    for (std::int64_t k : {1, 2, 5, 10, 20, 50, 100, 200, 500})
      if (unit_ns == 1'000'000'000 ? k <= 30 : k * unit_ns < unit_ns * 1000)
        steps.push_back({k * unit_ns, unit_ns, unit});
  steps.push_back({15'000'000'000, 1'000'000'000, "s"});
  steps.push_back({30'000'000'000, 1'000'000'000, "s"});
  for (std::int64_t k : {1, 2, 5, 10, 15, 30})
    steps.push_back({k * 60'000'000'000, 60'000'000'000, "min"});
  for (std::int64_t k : {1, 2, 3, 6, 12, 24, 48, 96, 240, 480, 960})
    steps.push_back({k * 3'600'000'000'000, 3'600'000'000'000, "h"});
  std::stable_sort(steps.begin(), steps.end(),
                   [](const TimeStep& a, const TimeStep& b) { return a.ns < b.ns; });
  return steps;
}

}  // namespace

std::string html_escape(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (std::size_t i = 0; i < text.size();) {
    std::size_t n = utf8_length(text, i);
    if (n == 0) {
      out += "\xEF\xBF\xBD";
      ++i;
      continue;
    }
    char c = text[i];
    switch (c) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      case '\'': out += "&#39;"; break;
      default:
        if (n == 1 && static_cast<unsigned char>(c) < 0x20 && c != '\t' && c != '\n') {
          out += "\xEF\xBF\xBD";
        } else {
          out.append(text.substr(i, n));
        }
    }
    i += n;
  }
  return out;
}

std::string coord(double v) {
  if (!std::isfinite(v)) v = 0;
  std::string s = fmt::format("{:.1f}", v);
  return s == "-0.0" ? "0.0" : s;
}

double TimeScale::x(sim::Time t) const {
  double span = static_cast<double>((t1 - t0).ns());
  if (span <= 0) return x0;
  return x0 + (x1 - x0) * static_cast<double>((t - t0).ns()) / span;
}

std::vector<Tick> time_ticks(sim::Time t0, sim::Time t1, int max_ticks) {
  static const std::vector<TimeStep> steps = time_steps();
  std::int64_t span = std::max<std::int64_t>(1, (t1 - t0).ns());
  TimeStep step = steps.back();
  for (const auto& s : steps) {
    if (span / s.ns + 1 <= max_ticks) {
      step = s;
      break;
    }
  }
  std::vector<Tick> ticks;
  std::int64_t first = (t0.ns() + step.ns - 1) / step.ns * step.ns;
  if (t0.ns() < 0) first = t0.ns() / step.ns * step.ns;
  for (std::int64_t t = first; t <= t1.ns(); t += step.ns) {
    std::string label = t == 0 ? "0" : fmt::format("{} {}", t / step.unit_ns, step.unit);
    ticks.push_back({static_cast<double>(t), label});
  }
  return ticks;
}

std::vector<Tick> value_ticks(double max_value, int max_ticks, std::string (*label)(double),
                              bool integer) {
  if (!(max_value > 0) || !std::isfinite(max_value)) max_value = 1;
  double raw = max_value / std::max(1, max_ticks - 1);
  double magnitude = std::pow(10.0, std::floor(std::log10(raw)));
  double step = magnitude * 10;
  for (double k : {1.0, 2.0, 2.5, 5.0, 10.0}) {
    if (integer && (k * magnitude < 1 || (k == 2.5 && magnitude < 10))) continue;
    if (k * magnitude >= raw) {
      step = k * magnitude;
      break;
    }
  }
  std::vector<Tick> ticks;
  for (int i = 0; i == 0 || ticks.back().value < max_value * (1 - 1e-12); ++i) {
    ticks.push_back({i * step, label(i * step)});
  }
  return ticks;
}

std::string trim_zeros(std::string text) {
  std::size_t dot = text.find('.');
  if (dot == std::string::npos) return text;
  std::size_t end = dot + 1;
  while (end < text.size() && std::isdigit(static_cast<unsigned char>(text[end]))) ++end;
  std::size_t cut = end;
  while (cut > dot + 1 && text[cut - 1] == '0') --cut;
  if (cut == dot + 1) cut = dot;
  return text.substr(0, cut) + text.substr(end);
}

const std::vector<std::string>& phase_order() {
  static const std::vector<std::string> order{"queued",     "validation", "preparation", "precopy",
                                              "suspend",    "stop_and_copy", "resume",   "postcopy",
                                              "completion", "rollback",   "recovery"};
  return order;
}

std::string phase_colour(std::string_view phase) {
  static const std::array<std::pair<std::string_view, std::string_view>, 11> colours{{
      {"queued", "#cbd5e1"},
      {"validation", "#a78bfa"},
      {"preparation", "#7dd3fc"},
      {"precopy", "#2563eb"},
      {"suspend", "#f59e0b"},
      {"stop_and_copy", "#dc2626"},
      {"resume", "#16a34a"},
      {"postcopy", "#86efac"},
      {"completion", "#64748b"},
      {"rollback", "#92400e"},
      {"recovery", "#db2777"},
  }};
  for (const auto& [name, colour] : colours)
    if (name == phase) return std::string(colour);
  std::uint32_t hash = 2166136261u;  // FNV-1a: stable across runs and platforms
  for (char c : phase) hash = (hash ^ static_cast<unsigned char>(c)) * 16777619u;
  return series_colour(hash % 10);
}

std::string series_colour(std::size_t k) {
  static const std::array<const char*, 10> palette{"#2563eb", "#ea580c", "#16a34a", "#9333ea",
                                                   "#0891b2", "#ca8a04", "#db2777", "#4b5563",
                                                   "#65a30d", "#7c3aed"};
  return palette[k % palette.size()];
}

}  // namespace app::report
