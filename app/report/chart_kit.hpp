// Building blocks of the HTML report's inline SVG charts: text escaping that keeps the page
// well-formed (HTML and XML alike), fixed-precision coordinates, "nice" axis ticks for time and
// values, and the colour of each migration phase. Used by the *_chart.cpp files and html_report.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "sim/time.hpp"

namespace app::report {

// Escapes & < > " ' and replaces invalid UTF-8 and control characters (except tab and line
// feed) by U+FFFD, so any name from a scenario file is safe in text and in attributes.
std::string html_escape(std::string_view text);

// A coordinate with one decimal ("12.5"): deterministic and compact.
std::string coord(double v);

// Maps simulated time [t0, t1] onto pixels [x0, x1].
struct TimeScale {
  sim::Time t0;
  sim::Time t1;
  double x0 = 0;
  double x1 = 1;
  double x(sim::Time t) const;
};

struct Tick {
  double value = 0;  // ns for time ticks
  std::string label;
};

// At most `max_ticks` ticks on round steps (1-2-5 below a minute, then 1, 2, 5, 10, 15, 30 min,
// 1, 2, 3, 6, 12, 24 h), labelled in the largest unit the step allows ("0", "15 s", "2 min").
std::vector<Tick> time_ticks(sim::Time t0, sim::Time t1, int max_ticks);

// 0 … a round maximum ≥ max_value in at most about `max_ticks` 1-2-2.5-5 steps; labels via
// `label`. With `integer`, steps are whole numbers (counts of migrations).
std::vector<Tick> value_ticks(double max_value, int max_ticks, std::string (*label)(double),
                              bool integer = false);

// "5.00M" → "5M", "2.50 GiB" → "2.5 GiB": tick labels read better without trailing zeros.
std::string trim_zeros(std::string text);

// The fill colour of a phase ("precopy" → blue, "stop_and_copy" → red, …); unknown names get a
// stable colour of their own. Order of known phases for legends: phase_order().
std::string phase_colour(std::string_view phase);
const std::vector<std::string>& phase_order();

// The k-th colour of a categorical palette (cycles).
std::string series_colour(std::size_t k);

}  // namespace app::report
