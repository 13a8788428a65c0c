// app::studies::LinkSeries (issue 18): change points kept as they are at resolution zero, one
// time-weighted mean per link per interval otherwise, the 1 % rule, time order across links.
#include <doctest/doctest.h>

#include "app/studies/link_series.hpp"

using app::studies::LinkSeries;

namespace {
sim::Time at_s(double s) { return sim::Time::from_ns(static_cast<std::int64_t>(s * 1e9)); }
const sim::Duration k10s = sim::Duration::from_ns(10'000'000'000);
}  // namespace

TEST_CASE("issue 18: resolution zero keeps every change point that moved by 1 % of capacity") {
  std::vector<app::report::LinkSample> out;
  LinkSeries series({{"a", 1000.0}}, sim::Duration::zero(), out);
  series.change(at_s(0), 0, 0.0, 0.0);
  series.change(at_s(1), 0, 500.0, 0.5);
  series.change(at_s(2), 0, 505.0, 0.505);  // < 1 % of 1000 from 500: dropped
  series.change(at_s(3), 0, 0.0, 0.0);
  series.finish(at_s(4));
  REQUIRE(out.size() == 3);
  CHECK(out[1].at == at_s(1));
  CHECK(out[1].throughput.value() == 500.0);
  CHECK(out[2].at == at_s(3));
}

TEST_CASE("issue 18: one time-weighted mean per link per interval, stamped at its start") {
  std::vector<app::report::LinkSample> out;
  LinkSeries series({{"a", 1000.0}, {"b", 1000.0}}, k10s, out);
  series.change(at_s(0), 0, 0.0, 0.0);
  series.change(at_s(0), 1, 0.0, 0.0);
  // Link a: 800 B/s from 2 s to 7 s → mean 400 over [0, 10); then 800 until 30 s; 0 after.
  series.change(at_s(2), 0, 800.0, 0.8);
  series.change(at_s(7), 0, 0.0, 0.0);
  series.change(at_s(10), 0, 800.0, 0.8);
  series.change(at_s(30), 0, 0.0, 0.0);
  // Link b: idle throughout, so only its first point.
  series.finish(at_s(35));
  std::vector<std::pair<std::string, double>> a_points;
  std::vector<sim::Time> a_times;
  for (const auto& s : out) {
    if (s.link == "a") {
      a_points.emplace_back(s.link, s.throughput.value());
      a_times.push_back(s.at);
    }
  }
  REQUIRE(a_points.size() == 3);
  CHECK(a_times[0] == at_s(0));
  CHECK(a_points[0].second == 400.0);
  CHECK(a_times[1] == at_s(10));  // [10, 20) at 800; [20, 30) also 800: no second point
  CHECK(a_points[1].second == 800.0);
  CHECK(a_times[2] == at_s(30));  // [30, 35) at 0: the partial last interval
  CHECK(a_points[2].second == 0.0);
  CHECK(std::count_if(out.begin(), out.end(), [](const auto& s) { return s.link == "b"; }) == 1);
  for (std::size_t i = 1; i < out.size(); ++i) CHECK(out[i - 1].at <= out[i].at);
}

TEST_CASE("issue 18: a link silent for several intervals gets one point where its value held") {
  std::vector<app::report::LinkSample> out;
  LinkSeries series({{"a", 1000.0}}, k10s, out);
  series.change(at_s(5), 0, 600.0, 0.6);  // the first change: [5, 10) covered at 600
  series.change(at_s(45), 0, 0.0, 0.0);   // 600 held through [10, 40); [40, 45) at 600, [45, 50) at 0
  series.finish(at_s(50));
  REQUIRE(out.size() == 2);
  CHECK(out[0].at == at_s(5));
  CHECK(out[0].throughput.value() == 600.0);
  CHECK(out[1].at == at_s(40));
  CHECK(out[1].throughput.value() == 300.0);
}

TEST_CASE("issue 18: changes of one link at one instant are one change to the last value") {
  std::vector<app::report::LinkSample> out;
  LinkSeries series({{"a", 1000.0}}, sim::Duration::zero(), out);
  series.change(at_s(0), 0, 0.0, 0.0);
  series.change(at_s(1), 0, 500.0, 0.5);  // held for no time: no point
  series.change(at_s(1), 0, 300.0, 0.3);
  series.change(at_s(2), 0, 700.0, 0.7);
  series.change(at_s(2), 0, 300.0, 0.3);  // back where it was: no change at 2 s
  series.finish(at_s(3));
  REQUIRE(out.size() == 2);
  CHECK(out[0].at == at_s(0));
  CHECK(out[1].at == at_s(1));
  CHECK(out[1].throughput.value() == 300.0);
}

TEST_CASE("issue 18: points at one instant are in link order, whatever order the links changed in") {
  for (const sim::Duration resolution : {sim::Duration::zero(), k10s}) {
    std::vector<app::report::LinkSample> out;
    LinkSeries series({{"a", 1000.0}, {"b", 1000.0}, {"c", 1000.0}}, resolution, out);
    series.change(at_s(0), 2, 100.0, 0.1);
    series.change(at_s(0), 0, 200.0, 0.2);
    series.change(at_s(0), 1, 300.0, 0.3);
    series.finish(at_s(5));
    REQUIRE(out.size() == 3);
    CHECK(out[0].link == "a");
    CHECK(out[1].link == "b");
    CHECK(out[2].link == "c");
  }
}
