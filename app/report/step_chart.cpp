#include <fmt/format.h>

#include <algorithm>

#include "app/report/chart_kit.hpp"
#include "app/report/html_charts.hpp"
#include "app/report/report_format.hpp"

namespace app::report {
namespace {

constexpr double width = 580;
constexpr double height = 150;
constexpr double left = 54;
constexpr double right = 14;
constexpr double top = 10;
constexpr double bottom = 24;

}  // namespace

std::string step_chart_svg(const StepSeries& series, TimeDomain d) {
  TimeScale s{d.t0, d.t1, left, width - right};
  double plot_bottom = height - bottom;
  double plot_h = plot_bottom - top;
  auto label = series.label ? series.label : +[](double v) { return human_count(v); };
  auto yticks = value_ticks(series.y_max, 3, label, series.integer);
  double y_top = yticks.back().value;
  auto y = [&](double v) { return plot_bottom - plot_h * std::clamp(v / y_top, 0.0, 1.0); };
  std::string out = fmt::format(
      R"(<svg class="chart step" viewBox="0 0 {0} {1}" width="{0}" height="{1}" role="img" aria-label="{2}">)",
      coord(width), coord(height), html_escape(series.name));
  for (const auto& t : yticks) {
    out += fmt::format(R"(<line class="grid" x1="{0}" x2="{1}" y1="{2}" y2="{2}"/>)", coord(left),
                       coord(width - right), coord(y(t.value)));
    out += fmt::format(R"(<text class="tick" x="{}" y="{}" text-anchor="end">{}</text>)",
                       coord(left - 6), coord(y(t.value) + 4), html_escape(t.label));
  }
  for (const auto& t : time_ticks(d.t0, d.t1, 6)) {
    double x = s.x(sim::Time::from_ns(static_cast<std::int64_t>(t.value)));
    out += fmt::format(R"(<text class="tick" x="{}" y="{}" text-anchor="middle">{}</text>)",
                       coord(x), coord(plot_bottom + 15), html_escape(t.label));
  }
  if (series.points.empty()) return out + "</svg>";
  std::string path =
      fmt::format("M{} {}", coord(s.x(series.points.front().first)), coord(plot_bottom));
  std::string dots;
  for (std::size_t i = 0; i < series.points.size(); ++i) {
    const auto& [at, v] = series.points[i];
    sim::Time next = i + 1 < series.points.size() ? series.points[i + 1].first : d.t1;
    path += fmt::format(" L{0} {1} L{2} {1}", coord(s.x(at)), coord(y(v)),
                        coord(s.x(std::max(at, next))));
    dots += fmt::format(
        R"(<rect class="hit" x="{}" y="{}" width="{}" height="{}"><title>{}</title></rect>)",
        coord(s.x(at)), coord(top), coord(std::max(1.0, s.x(std::max(at, next)) - s.x(at))),
        coord(plot_h),
        html_escape(fmt::format("{}: {} from {}", series.name, label(v),
                                human_duration(at.since_start()))));
  }
  std::string area = path + fmt::format(" L{} {}Z", coord(s.x(d.t1)), coord(plot_bottom));
  out += fmt::format(R"(<path class="area" d="{}" fill="{}"/>)", area, series.colour);
  out += fmt::format(R"(<path class="line" d="{}" stroke="{}"/>)",
                     std::string("M").append(path, path.find(" L") + 2), series.colour);
  return out + dots + "</svg>";
}

}  // namespace app::report
