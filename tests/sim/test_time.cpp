#include <doctest/doctest.h>

#include "sim/parse_error.hpp"
#include "sim/time.hpp"

using namespace sim::literals;

TEST_CASE("durations parse exactly from strings with units") {
  CHECK(sim::parse_duration("250ms") == 250_ms);
  CHECK(sim::parse_duration("1.5s") == 1500_ms);
  CHECK(sim::parse_duration("2h") == 7200_s);
  CHECK(sim::parse_duration("90min") == 5400_s);
  CHECK(sim::parse_duration("10us") == 10_us);
  CHECK(sim::parse_duration("3ns") == 3_ns);
  CHECK(sim::parse_duration("1d") == 24_h);
  CHECK(sim::parse_duration("0.000000001s") == 1_ns);
  CHECK(sim::parse_duration("1.1s").ns() == 1'100'000'000);
  CHECK(sim::parse_duration("0s") == sim::Duration::zero());
  CHECK(sim::parse_duration("300 ms") == 300_ms);
}

TEST_CASE("every malformed duration names the string and the problem") {
  auto message = [](const char* text) {
    try {
      (void)sim::parse_duration(text);
    } catch (const sim::ParseError& e) {
      return std::string(e.what());
    }
    return std::string("accepted");
  };
  SUBCASE("missing unit") { CHECK(message("250") == "duration \"250\": missing unit"); }
  SUBCASE("unknown unit") {
    CHECK(message("5parsecs") == "duration \"5parsecs\": unknown unit \"parsecs\"; expected one of ns, us, ms, s, min, h, d");
  }
  SUBCASE("empty") { CHECK(message("") == "duration \"\": empty; expected a number followed by a unit"); }
  SUBCASE("negative") { CHECK(message("-1s") == "duration \"-1s\": expected a non-negative number without a sign"); }
  SUBCASE("no number") { CHECK(message("ms") == "duration \"ms\": expected a number before the unit"); }
  SUBCASE("dangling point") { CHECK(message("1.s") == "duration \"1.s\": expected digits after the decimal point"); }
  SUBCASE("sub-nanosecond") { CHECK(message("0.5ns") == "duration \"0.5ns\": not a whole number of nanoseconds"); }
  SUBCASE("overflow") { CHECK(message("300y") .find("unknown unit") != std::string::npos); }
  SUBCASE("int64 overflow") { CHECK(message("1000000000000d") == "duration \"1000000000000d\": out of range"); }
  SUBCASE("issue 3: a fraction too long to scale exactly") {
    CHECK(message("0.0000000000000000000000000000001s") ==
          "duration \"0.0000000000000000000000000000001s\": too many digits after the decimal point (at most 30)");
  }
  SUBCASE("two points") { CHECK(message("1.2.3s") == "duration \"1.2.3s\": unknown unit \".3s\"; expected one of ns, us, ms, s, min, h, d"); }
}

TEST_CASE("format_duration is the shortest exact text and round-trips") {
  CHECK(sim::format_duration(1500_ms) == "1.5s");
  CHECK(sim::format_duration(250_ms) == "250ms");
  CHECK(sim::format_duration(2_h) == "2h");
  CHECK(sim::format_duration(90_min) == "90min");
  CHECK(sim::format_duration(1_ns) == "1ns");
  CHECK(sim::format_duration(1234_us) == "1.234ms");
  CHECK(sim::format_duration(sim::Duration::zero()) == "0s");
  CHECK(sim::format_duration(-(3_s)) == "-3s");
  for (std::int64_t ns : {1LL, 999LL, 1000LL, 1001LL, 123456789LL, 1000000000LL, 1000000001LL, 59999999999LL,
                          60000000000LL, 3600000000001LL, 86400000000000LL, 9223372036854775807LL}) {
    const auto d = sim::Duration::from_ns(ns);
    CHECK(sim::parse_duration(sim::format_duration(d)) == d);
  }
}

TEST_CASE("time arithmetic and rounding up to whole nanoseconds") {
  const sim::Time t = sim::Time::zero() + 2_s;
  CHECK((t - sim::Time::zero()) == 2_s);
  CHECK(t + 500_ms > t);
  CHECK(sim::ceil_seconds(1e-9) == 1_ns);
  CHECK(sim::ceil_seconds(1.0000000001) == sim::Duration::from_ns(1'000'000'001));
  CHECK(sim::ceil_seconds(2.0) == 2_s);
  CHECK(sim::ceil_seconds(1e30) == sim::Duration::max());
}

TEST_CASE("scaled: d itself at factor 1, else rounded up to whole nanoseconds") {
  // 2^60 + 1 ns is not a double: a round trip through seconds would move it, factor 1 must not.
  const sim::Duration odd = sim::Duration::from_ns((std::int64_t{1} << 60) + 1);
  CHECK(sim::scaled(odd, 1.0) == odd);
  CHECK(sim::scaled(50_ms, 1.5) == 75_ms);
  CHECK(sim::scaled(3_ns, 0.5) == 2_ns);
  CHECK(sim::scaled(1_s, 0.0) == sim::Duration::zero());
}
