#include <fmt/format.h>

#include <algorithm>

#include "app/report/chart_kit.hpp"
#include "app/report/html_charts.hpp"
#include "app/report/report_format.hpp"

namespace app::report {

using namespace sim::literals;
namespace {

using models::migration::MigrationOutcome;
using models::migration::MigrationRecord;

constexpr double width = 1200;
constexpr double label_width = 210;
constexpr double outcome_width = 150;
constexpr double top = 30;
constexpr double axis_height = 26;

// Rows shrink as migrations grow so that 40 still fit on a laptop screen.
double row_height(std::size_t rows) { return rows <= 12 ? 32 : rows <= 40 ? 22 : 16; }

std::string truncate(const std::string& s, std::size_t max_points) {
  std::size_t points = 0;
  for (std::size_t i = 0; i < s.size(); ++i) {
    if ((static_cast<unsigned char>(s[i]) & 0xC0) == 0x80) continue;
    if (++points > max_points) return s.substr(0, i) + "…";
  }
  return s;
}

std::string outcome_colour(MigrationOutcome o) {
  switch (o) {
    case MigrationOutcome::completed:
    case MigrationOutcome::validated: return "#15803d";
    case MigrationOutcome::rolled_back:
    case MigrationOutcome::recovered:
    case MigrationOutcome::pending: return "#b45309";
    case MigrationOutcome::failed: return "#b91c1c";
    case MigrationOutcome::rejected: return "#475569";
  }
  return "#475569";
}

std::string interval_text(sim::Time a, sim::Time b) {
  return fmt::format("{} → {} ({})", human_duration(a.since_start()),
                     human_duration(b.since_start()), human_duration(b - a));
}

std::string bar(const TimeScale& s, double y, double h, sim::Time a, sim::Time b,
                const std::string& fill, const std::string& tip) {
  double x = s.x(a);
  double w = std::max(1.5, s.x(b) - x);
  return fmt::format(
      R"(<rect class="ph" x="{}" y="{}" width="{}" height="{}" rx="2" fill="{}"><title>{}</title></rect>)",
      coord(x), coord(y), coord(w), coord(h), fill, html_escape(tip));
}

std::string row_svg(const MigrationRecord& m, std::size_t i, const TimeScale& s, double rh) {
  double y = top + static_cast<double>(i) * rh;
  double bh = rh * 0.6;
  double by = y + (rh - bh) / 2;
  std::string out = "<g class=\"row\">";
  std::string label = truncate(m.lpar, 16);
  std::string route = truncate(m.source + " → " + m.destination, rh >= 30 ? 30 : 18);
  if (rh >= 30) {
    out += fmt::format(
        R"(<text class="lpar" x="8" y="{}">{}</text><text class="route" x="8" y="{}">{}</text>)",
        coord(y + rh / 2 - 2), html_escape(label), coord(y + rh / 2 + 10), html_escape(route));
  } else {
    out += fmt::format(
        R"(<text class="lpar" x="8" y="{}">{}<tspan class="route" dx="6">{}</tspan></text>)",
        coord(y + rh / 2 + 4), html_escape(label), html_escape(route));
  }
  std::vector<const models::migration::PhaseRecord*> phases;
  for (const auto& p : m.phases) phases.push_back(&p);
  std::stable_partition(phases.begin(), phases.end(),
                        [](auto* p) { return p->name != "stop_and_copy"; });
  for (const auto* p : phases) {
    std::string tip = m.lpar + " · " + p->name + "\n" + interval_text(p->start, p->end);
    if (!p->detail.empty()) tip += "\n" + p->detail;
    out += bar(s, by, bh, p->start, std::max(p->start, p->end), phase_colour(p->name), tip);
  }
  for (std::size_t k = 1; k < m.passes.size(); ++k) {
    double x = s.x(m.passes[k].start);
    out += fmt::format(R"(<line class="pass" x1="{0}" x2="{0}" y1="{1}" y2="{2}"/>)", coord(x),
                       coord(by), coord(by + bh));
  }
  if (m.phases.empty()) {
    double x = s.x(m.requested);
    double cy = y + rh / 2;
    out += fmt::format(
        R"(<path class="marker" d="M{} {}l5 5l-5 5l-5 -5z" fill="{}"><title>{}</title></path>)",
        coord(x), coord(cy - 5), outcome_colour(m.outcome),
        html_escape(m.lpar + ": " + outcome_label(m) + " at " +
                    human_duration(m.requested.since_start())));
  }
  out += fmt::format(
      R"(<text class="outcome" x="{}" y="{}" fill="{}">{}<tspan class="route" dx="6">{}</tspan></text></g>)",
      coord(width - outcome_width + 10), coord(y + rh / 2 + 4), outcome_colour(m.outcome),
      html_escape(outcome_label(m)), html_escape(human_duration(m.total())));
  return out;
}

std::string axis_svg(const TimeScale& s, double y_top, double y_bottom) {
  std::string out;
  for (const auto& t : time_ticks(s.t0, s.t1, 10)) {
    double x = s.x(sim::Time::from_ns(static_cast<std::int64_t>(t.value)));
    out += fmt::format(R"(<line class="grid" x1="{0}" x2="{0}" y1="{1}" y2="{2}"/>)", coord(x),
                       coord(y_top), coord(y_bottom));
    out += fmt::format(R"(<text class="tick" x="{}" y="{}" text-anchor="middle">{}</text>)",
                       coord(x), coord(y_bottom + 16), html_escape(t.label));
  }
  return out;
}

std::string faults_svg(const RunReport& r, const TimeScale& s, double y_bottom) {
  std::string out;
  for (const auto& f : r.faults) {
    double x = s.x(f.at);
    std::string tip = f.kind + " on " + f.target + " at " + human_duration(f.at.since_start());
    if (!f.detail.empty()) tip += "\n" + f.detail;
    out += fmt::format(
        R"(<g class="fault"><title>{0}</title><line x1="{1}" x2="{1}" y1="{2}" y2="{3}"/>)"
        R"(<path d="M{1} {2}l-5 -8h10z"/><text x="{4}" y="{5}">{6}</text></g>)",
        html_escape(tip), coord(x), coord(top - 2), coord(y_bottom), coord(x + 7), coord(top - 10),
        html_escape(truncate(f.kind, 24)));
  }
  return out;
}

}  // namespace

TimeDomain report_time_domain(const RunReport& r) {
  sim::Time t0 = sim::Time::zero();
  sim::Time t1 = sim::Time::zero();
  for (const auto& m : r.migrations) {
    t0 = std::min(t0, m.requested);
    t1 = std::max({t1, m.ended, m.requested});
    for (const auto& p : m.phases) t1 = std::max(t1, p.end);
  }
  for (const auto& f : r.faults) t1 = std::max(t1, f.at);
  for (const auto& s : r.link_samples) t1 = std::max(t1, s.at);
  if (t1 <= t0) t1 = t0 + 1_s;
  return {t0, t1};
}

std::string gantt_svg(const RunReport& r, TimeDomain d) {
  double rh = row_height(r.migrations.size());
  double rows_bottom =
      top + rh * static_cast<double>(std::max<std::size_t>(1, r.migrations.size()));
  double height = rows_bottom + axis_height;
  TimeScale s{d.t0, d.t1, label_width, width - outcome_width - 12};
  std::string out = fmt::format(
      R"(<svg class="chart gantt" viewBox="0 0 {0} {1}" width="{0}" height="{1}" role="img" aria-label="Timeline of all migrations">)",
      coord(width), coord(height));
  for (std::size_t i = 0; i < r.migrations.size(); ++i) {
    out += fmt::format(R"(<rect class="rowbg{}" x="0" y="{}" width="{}" height="{}"/>)",
                       i % 2 ? " odd" : "", coord(top + static_cast<double>(i) * rh), coord(width),
                       coord(rh));
  }
  out += axis_svg(s, top, rows_bottom);
  for (std::size_t i = 0; i < r.migrations.size(); ++i) out += row_svg(r.migrations[i], i, s, rh);
  if (r.migrations.empty())
    out += fmt::format(R"(<text class="empty" x="{}" y="{}">No migrations were requested.</text>)",
                       coord(label_width), coord(top + rh / 2 + 4));
  out += faults_svg(r, s, rows_bottom);
  return out + "</svg>";
}

}  // namespace app::report
