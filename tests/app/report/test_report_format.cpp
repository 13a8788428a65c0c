#include <doctest/doctest.h>

#include "app/report/chart_kit.hpp"
#include "app/report/report_format.hpp"

using namespace app::report;
using sim::Duration;

TEST_CASE("human_duration picks a unit and three significant digits") {
  CHECK(human_duration(Duration::zero()) == "0 s");
  CHECK(human_duration(Duration::from_ns(850)) == "850 ns");
  CHECK(human_duration(Duration::from_ns(12'345)) == "12.3 us");
  CHECK(human_duration(Duration::from_ns(999'700)) == "1.00 ms");
  CHECK(human_duration(Duration::from_ns(500'000'000)) == "500 ms");
  CHECK(human_duration(Duration::from_ns(4'523'000'000)) == "4.52 s");
  CHECK(human_duration(Duration::from_ns(59'996'000'000)) == "1 min 00 s");
  CHECK(human_duration(Duration::from_ns(187'400'000'000)) == "3 min 07 s");
  CHECK(human_duration(Duration::from_ns(3'720'000'000'000)) == "1 h 02 min");
  CHECK(human_duration(Duration::from_ns(-1'500'000'000)) == "-1.50 s");
}

TEST_CASE("human_bytes, human_rate and human_count") {
  CHECK(human_bytes(0) == "0 B");
  CHECK(human_bytes(512) == "512 B");
  CHECK(human_bytes(1000) == "0.98 KiB");
  CHECK(human_bytes(1536) == "1.50 KiB");
  CHECK(human_bytes(64.0 * (1LL << 30)) == "64.0 GiB");
  CHECK(human_bytes(1023.9 * (1LL << 20)) == "1.00 GiB");
  CHECK(human_rate(sim::BytesPerSecond(1.25e9)) == "10.0 Gbit/s");
  CHECK(human_rate(sim::BytesPerSecond(1e8)) == "800 Mbit/s");
  CHECK(human_rate(sim::BytesPerSecond(0)) == "0 bit/s");
  CHECK(human_count(42) == "42");
  CHECK(human_count(12'345) == "12.3k");
  CHECK(human_count(12'000'000) == "12.0M");
}

TEST_CASE("outcome names and exact numbers") {
  using models::migration::MigrationOutcome;
  models::migration::MigrationRecord m;
  m.outcome = MigrationOutcome::rolled_back;
  CHECK(outcome_key(m.outcome) == "rolled_back");
  CHECK(outcome_label(m) == "Rolled back");
  m.outcome = MigrationOutcome::failed;
  m.recoverable = true;
  CHECK(outcome_label(m) == "Failed (recoverable)");
  CHECK(exact_number(0.1) == "0.1");
  CHECK(exact_number(49152000000.0) == "49152000000");
  CHECK(exact_number(1000000000.5) == "1000000000.5");
}

TEST_CASE("html_escape keeps markup inert and the text valid UTF-8") {
  CHECK(html_escape("<b>a & 'b'</b> \"c\"") ==
        "&lt;b&gt;a &amp; &#39;b&#39;&lt;/b&gt; &quot;c&quot;");
  CHECK(html_escape("sysA → sysB") == "sysA → sysB");
  CHECK(html_escape(std::string("bad\xff\x01"
                                "end")) ==
        "bad\xEF\xBF\xBD\xEF\xBF\xBD"
        "end");
  CHECK(html_escape(std::string("cut \xE2\x86")) == "cut \xEF\xBF\xBD\xEF\xBF\xBD");
}

TEST_CASE("time ticks fall on round steps in the step's unit") {
  auto ticks =
      time_ticks(sim::Time::zero(), sim::Time::zero() + Duration::from_ns(31'000'000'000), 10);
  REQUIRE(ticks.size() == 7);
  CHECK(ticks[0].label == "0");
  CHECK(ticks[1].label == "5 s");
  CHECK(ticks[6].label == "30 s");
  ticks =
      time_ticks(sim::Time::zero(), sim::Time::zero() + Duration::from_ns(1'500'000'000'000), 10);
  CHECK(ticks[1].label == "5 min");
  ticks = time_ticks(sim::Time::zero(), sim::Time::zero() + Duration::from_ns(900'000), 6);
  CHECK(ticks[1].label == "200 us");
  auto values = value_ticks(7.3, 4, [](double v) { return exact_number(v); });
  REQUIRE(values.size() == 4);  // 0, 2.5, 5, 7.5
  CHECK(values.back().value == 7.5);
  CHECK(values[1].label == "2.5");
}
