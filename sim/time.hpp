// sim::Duration and sim::Time: simulated time as signed 64-bit integer nanoseconds.
// Used by the engine queue and every model; never a double in the queue (ARCHITECTURE §2).
//   using namespace sim::literals;
//   sim::Time t = sim::Time::zero() + 1500_ms;      // 1.5 s after start
//   sim::Duration d = sim::parse_duration("250ms");  // throws sim::ParseError on "250 parsecs"
#pragma once

#include <compare>
#include <cstdint>
#include <limits>
#include <string>
#include <string_view>

namespace sim {

class Duration {
 public:
  constexpr Duration() = default;
  static constexpr Duration from_ns(std::int64_t ns) { return Duration(ns); }
  static constexpr Duration zero() { return Duration(0); }
  static constexpr Duration max() { return Duration(std::numeric_limits<std::int64_t>::max()); }

  constexpr std::int64_t ns() const { return ns_; }
  // Seconds as a double, for rates and reports only; never feed it back into the queue.
  constexpr double seconds() const { return static_cast<double>(ns_) * 1e-9; }

  constexpr auto operator<=>(const Duration&) const = default;
  constexpr Duration operator+(Duration o) const { return Duration(ns_ + o.ns_); }
  constexpr Duration operator-(Duration o) const { return Duration(ns_ - o.ns_); }
  constexpr Duration operator-() const { return Duration(-ns_); }
  constexpr Duration operator*(std::int64_t k) const { return Duration(ns_ * k); }
  constexpr Duration operator/(std::int64_t k) const { return Duration(ns_ / k); }
  constexpr Duration& operator+=(Duration o) { ns_ += o.ns_; return *this; }
  constexpr Duration& operator-=(Duration o) { ns_ -= o.ns_; return *this; }

 private:
  constexpr explicit Duration(std::int64_t ns) : ns_(ns) {}
  std::int64_t ns_ = 0;
};

// A point in simulated time, counted from the start of the simulation (Time::zero()).
class Time {
 public:
  constexpr Time() = default;
  static constexpr Time from_ns(std::int64_t ns) { return Time(ns); }
  static constexpr Time zero() { return Time(0); }
  static constexpr Time max() { return Time(std::numeric_limits<std::int64_t>::max()); }

  constexpr std::int64_t ns() const { return ns_; }
  constexpr double seconds() const { return static_cast<double>(ns_) * 1e-9; }
  constexpr Duration since_start() const { return Duration::from_ns(ns_); }

  constexpr auto operator<=>(const Time&) const = default;
  constexpr Time operator+(Duration d) const { return Time(ns_ + d.ns()); }
  constexpr Time operator-(Duration d) const { return Time(ns_ - d.ns()); }
  constexpr Duration operator-(Time o) const { return Duration::from_ns(ns_ - o.ns_); }
  constexpr Time& operator+=(Duration d) { ns_ += d.ns(); return *this; }

 private:
  constexpr explicit Time(std::int64_t ns) : ns_(ns) {}
  std::int64_t ns_ = 0;
};

constexpr Duration operator*(std::int64_t k, Duration d) { return d * k; }

// Seconds (possibly fractional) to a Duration, rounded up to the next whole nanosecond.
// The one place where a rate-derived double becomes queue time (ARCHITECTURE §2). Inline: every
// event of most models goes through it.
inline Duration ceil_seconds(double seconds) {
  const double ns = seconds * 1e9;
  if (!(ns < 9.2e18)) return Duration::max();  // also catches NaN and +inf
  // std::ceil without SSE4.1's ROUNDSD is a dozen instructions; truncate and add one when
  // something was cut off instead (the same value: below 2^52 the truncation is exact, above it
  // every double is an integer).
  auto whole = static_cast<std::int64_t>(ns);
  whole += static_cast<std::int64_t>(static_cast<double>(whole) < ns);
  return Duration::from_ns(whole);
}
// d × factor (factor ≥ 0), rounded up like ceil_seconds; d itself when factor is exactly 1, so
// that an unvaried run keeps its durations bit for bit.
Duration scaled(Duration d, double factor);

// Parses "250ms", "1.5s", "2h", "90min", "10us", "3ns", "1d". Exact: decimal digits are
// read as integers, so "1.1s" is 1'100'000'000 ns. Refuses signs, missing/unknown units,
// sub-nanosecond fractions and overflow with a sim::ParseError naming the string.
Duration parse_duration(std::string_view text);

// Shortest exact text that parse_duration reads back to the same value ("1.5s", "250ms").
std::string format_duration(Duration d);
inline std::string format_time(Time t) { return format_duration(t.since_start()); }

namespace literals {
constexpr Duration operator""_ns(unsigned long long v) { return Duration::from_ns(static_cast<std::int64_t>(v)); }
constexpr Duration operator""_us(unsigned long long v) { return Duration::from_ns(static_cast<std::int64_t>(v) * 1'000); }
constexpr Duration operator""_ms(unsigned long long v) { return Duration::from_ns(static_cast<std::int64_t>(v) * 1'000'000); }
constexpr Duration operator""_s(unsigned long long v) { return Duration::from_ns(static_cast<std::int64_t>(v) * 1'000'000'000); }
constexpr Duration operator""_min(unsigned long long v) { return Duration::from_ns(static_cast<std::int64_t>(v) * 60'000'000'000); }
constexpr Duration operator""_h(unsigned long long v) { return Duration::from_ns(static_cast<std::int64_t>(v) * 3'600'000'000'000); }
}  // namespace literals

}  // namespace sim
