// app::studies::LinkSeries: the report's link-throughput series, built while a run goes and kept
// small (issue 18). Each change of a link's throughput is a change point. With a resolution r > 0
// a link gets at most one point per interval [k·r, (k+1)·r): the time-weighted mean of its
// throughput (and utilisation) over the part of the interval the run covered, stamped at the
// interval's start. r = 0 keeps every change point ("full"). Either way a point that moved less
// than 1 % of the link's capacity from the link's previous point is dropped. Memory is one
// accumulator per link plus the points kept, so a run of many events stays small.
//   LinkSeries series(links, sim::Duration::from_ns(1'000'000'000), report.link_samples);
//   series.change(now, link, throughput, utilisation);  …  series.finish(end);
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "app/report/run_report.hpp"
#include "sim/time.hpp"

namespace app::studies {

class LinkSeries {
 public:
  struct Link {
    std::string name;
    double capacity = 0;  // bytes/s, the 1 % rule's yardstick
  };
  // Points go to `out`, in time order (then link order) once finish() has run. Changes of one link
  // at one instant are one change to the last value (a value that held for no time is no point).
  LinkSeries(std::vector<Link> links, sim::Duration resolution, std::vector<report::LinkSample>& out);

  // The link's throughput (bytes/s) and utilisation from `at` on; `at` never decreases.
  void change(sim::Time at, std::uint32_t link, double throughput, double utilisation);
  // Closes every open interval at `end` (the run's end) and orders the points.
  void finish(sim::Time end);

 private:
  struct State {
    bool seen = false;
    std::int64_t interval = 0;  // k of the open interval
    sim::Time covered_from;     // where the open interval's data starts (its start, or the first change)
    sim::Time last;             // time of the latest change
    double throughput = 0, utilisation = 0;  // values since `last`
    double throughput_area = 0, utilisation_area = 0;  // value × ns over [covered_from, last)
    double kept = -1;           // throughput of the link's latest point; < 0 before the first
    bool pending = false;       // resolution zero: a change at `last` not yet kept (a later one may replace it)
  };
  void close_interval(std::uint32_t link, State& s, sim::Time until);
  void keep(std::uint32_t link, sim::Time at, double throughput, double utilisation);

  std::vector<Link> links_;
  std::int64_t resolution_ns_;
  std::vector<report::LinkSample>& out_;
  std::vector<State> state_;
  std::size_t first_ = 0;              // out_'s size when this series began
  std::vector<std::uint32_t> kept_;    // link of each point this series appended to out_
};

}  // namespace app::studies
