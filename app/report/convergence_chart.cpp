#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <utility>

#include "app/report/chart_kit.hpp"
#include "app/report/html_charts.hpp"
#include "app/report/report_format.hpp"

namespace app::report {
namespace {

constexpr double width = 600;
constexpr double height = 240;
constexpr double left = 62;
constexpr double right = 56;
constexpr double top = 14;
constexpr double bottom = 34;

std::string count_label(double v) { return trim_zeros(human_count(v)); }
std::string plain_label(double v) { return trim_zeros(fmt::format("{:.2f}", v)); }

// Round steps of the binary unit that fits the largest pass ("0", "20 GiB", "40 GiB").
std::vector<Tick> bytes_ticks(double max_bytes) {
  double unit = 1;
  const char* name = "B";
  const std::pair<double, const char*> units[] = {
      {1024.0, "KiB"}, {1048576.0, "MiB"}, {1073741824.0, "GiB"}, {1099511627776.0, "TiB"}};
  for (const auto& [u, n] : units) {
    if (max_bytes >= u) unit = u, name = n;
  }
  auto ticks = value_ticks(max_bytes / unit, 5, plain_label);
  for (auto& t : ticks) {
    t.label = t.value == 0 ? "0" : t.label + " " + name;
    t.value *= unit;
  }
  return ticks;
}

// The management layer's decision at a pass end, in words ("nova: stop (downtime-ramp), allowed
// 140ms, expected 120ms"); empty without a layer.
std::string convergence_words(const models::precopy::ConvergenceNote& c) {
  if (c.policy.empty()) return "";
  std::string out = c.policy + ": " + c.action;
  if (!c.rule.empty()) out += " (" + c.rule + (c.then.empty() ? "" : " → " + c.then) + ")";
  if (c.allowed_downtime > sim::Duration::zero())
    out += ", allowed downtime " + human_duration(c.allowed_downtime);
  out += ", expected downtime " + human_duration(c.expected_downtime);
  if (c.throttle > 0) out += fmt::format(", throttle {:.0f}%", c.throttle * 100);
  return out;
}

std::string pass_tip(const models::precopy::PassStats& p) {
  std::string tip = fmt::format(
      "pass {}: {} sent in {} ({})\n{} pages sent, {} dirtied, {} remaining\ndecision: {}", p.index,
      human_bytes(p.wire_bytes), human_duration(p.duration()), human_rate(p.effective_bandwidth),
      human_count(p.pages_sent), human_count(p.pages_dirtied), human_count(p.remaining_pages),
      p.decision.rule);
  const std::string layer = convergence_words(p.convergence);
  return layer.empty() ? tip : tip + "\nmanagement layer: " + layer;
}

// A label above the pass where the management layer acted or changed the throttle.
std::string annotation(const models::precopy::PassStats& p, double previous_throttle) {
  const auto& c = p.convergence;
  if (c.policy.empty()) return "";
  if (c.action != "continue") return c.action + ": " + c.rule;
  if (c.throttle != previous_throttle) return fmt::format("throttle {:.0f}%", c.throttle * 100);
  return "";
}

// Both axes share the grid lines: the bytes axis sets them, the pages axis is scaled to the same
// number of steps so the right-hand labels line up.
std::string axes_svg(const std::vector<Tick>& bytes, double max_pages, double plot_bottom,
                     double plot_h, std::vector<Tick>* pages_out) {
  std::string out;
  std::size_t steps = std::max<std::size_t>(1, bytes.size() - 1);
  auto pages = value_ticks(max_pages, static_cast<int>(steps) + 1, count_label);
  while (pages.size() < bytes.size()) {
    double step = pages.size() > 1 ? pages[1].value : 1;
    pages.push_back({step * static_cast<double>(pages.size()),
                     count_label(step * static_cast<double>(pages.size()))});
  }
  for (std::size_t i = 0; i < bytes.size(); ++i) {
    double y = plot_bottom - plot_h * static_cast<double>(i) / static_cast<double>(steps);
    out += fmt::format(R"(<line class="grid" x1="{0}" x2="{1}" y1="{2}" y2="{2}"/>)", coord(left),
                       coord(width - right), coord(y));
    out += fmt::format(R"(<text class="tick" x="{}" y="{}" text-anchor="end">{}</text>)",
                       coord(left - 6), coord(y + 4), html_escape(bytes[i].label));
    out += fmt::format(R"(<text class="tick pages" x="{}" y="{}">{}</text>)",
                       coord(width - right + 6), coord(y + 4), html_escape(pages[i].label));
  }
  pages.resize(bytes.size());
  *pages_out = pages;
  return out;
}

}  // namespace

std::string convergence_svg(const models::migration::MigrationRecord& m) {
  if (m.passes.empty()) return "";
  double max_bytes = 0;
  double max_pages = 0;
  for (const auto& p : m.passes) {
    max_bytes = std::max(max_bytes, p.wire_bytes);
    max_pages = std::max(max_pages, p.remaining_pages);
  }
  double plot_bottom = height - bottom;
  double plot_h = plot_bottom - top;
  auto bytes = bytes_ticks(max_bytes);
  std::vector<Tick> pages;
  std::string out = fmt::format(
      R"(<svg class="chart conv" viewBox="0 0 {0} {1}" width="{0}" height="{1}" role="img" aria-label="Convergence of {2}">)",
      coord(width), coord(height), html_escape(m.lpar));
  out += axes_svg(bytes, max_pages, plot_bottom, plot_h, &pages);
  double bytes_top = bytes.back().value;
  double pages_top = pages.back().value > 0 ? pages.back().value : 1;
  double n = static_cast<double>(m.passes.size());
  double band = (width - left - right) / n;
  std::size_t label_every = static_cast<std::size_t>(std::max(1.0, std::ceil(n / 16)));
  std::string line;
  for (std::size_t k = 0; k < m.passes.size(); ++k) {
    const auto& p = m.passes[k];
    double cx = left + band * (static_cast<double>(k) + 0.5);
    double bh = plot_h * p.wire_bytes / bytes_top;
    double bw = std::min(band * 0.7, 56.0);
    out += fmt::format(
        R"(<rect class="bytes" x="{}" y="{}" width="{}" height="{}"><title>{}</title></rect>)",
        coord(cx - bw / 2), coord(plot_bottom - bh), coord(bw), coord(bh),
        html_escape(pass_tip(p)));
    if (k % label_every == 0 || k + 1 == m.passes.size())
      out += fmt::format(R"(<text class="tick" x="{}" y="{}" text-anchor="middle">{}</text>)",
                         coord(cx), coord(plot_bottom + 14), p.index);
    line += fmt::format("{}{} {}", k ? " L" : "M", coord(cx),
                        coord(plot_bottom - plot_h * p.remaining_pages / pages_top));
  }
  out += fmt::format(R"(<path class="remaining" d="{}"/>)", line);
  double throttle = 0;
  for (std::size_t k = 0; k < m.passes.size(); ++k) {
    const std::string label = annotation(m.passes[k], throttle);
    throttle = m.passes[k].convergence.throttle;
    if (label.empty()) continue;
    double cx = left + band * (static_cast<double>(k) + 0.5);
    out += fmt::format(
        R"(<text class="tick layer" x="{}" y="{}" text-anchor="middle">{}<title>{}</title></text>)", coord(cx),
        coord(top + 10), html_escape(label), html_escape(convergence_words(m.passes[k].convergence)));
  }
  for (std::size_t k = 0; k < m.passes.size(); ++k) {
    const auto& p = m.passes[k];
    double cx = left + band * (static_cast<double>(k) + 0.5);
    out += fmt::format(
        R"(<circle class="remaining" cx="{}" cy="{}" r="3.5"><title>{}</title></circle>)",
        coord(cx), coord(plot_bottom - plot_h * p.remaining_pages / pages_top),
        html_escape(fmt::format("after pass {}: {} pages remaining", p.index,
                                human_count(p.remaining_pages))));
  }
  out +=
      fmt::format(R"(<text class="axis" x="{}" y="{}" text-anchor="middle">pre-copy pass</text>)",
                  coord(left + (width - left - right) / 2), coord(height - 4));
  return out + "</svg>";
}

}  // namespace app::report
