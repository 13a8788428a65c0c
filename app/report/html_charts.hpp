// The inline SVG charts of the HTML report, each returned as one <svg> element: the Gantt
// timeline of all migrations, one convergence chart per migration, and step charts for sampled
// series (link utilisation, MSP concurrency, HMC queue). Used by html_report.cpp.
#pragma once

#include <string>
#include <utility>
#include <vector>

#include "app/report/run_report.hpp"

namespace app::report {

// The time window every time chart shares: first request (or 0) to last end/fault/sample.
struct TimeDomain {
  sim::Time t0;
  sim::Time t1;
};
TimeDomain report_time_domain(const RunReport& report);

// One row per migration, phases as coloured bars (blackout on top), pass boundaries as thin
// lines, faults as dashed red lines; <title> tooltips.
std::string gantt_svg(const RunReport& report, TimeDomain domain);

// Bytes sent per pass (bars, left axis) and dirty pages remaining after each pass (line, right
// axis). Empty string when the migration has no passes.
std::string convergence_svg(const models::migration::MigrationRecord& record);

// A step function over the shared time domain: a value holds until the next point.
struct StepSeries {
  std::string name;
  std::vector<std::pair<sim::Time, double>> points;  // in time order
  double y_max = 1;                                  // axis maximum before rounding up
  std::string (*label)(double) = nullptr;            // tick and tooltip text of a value
  std::string colour = "#2563eb";
  bool integer = false;  // whole-number axis steps (counts)
};
std::string step_chart_svg(const StepSeries& series, TimeDomain domain);

}  // namespace app::report
