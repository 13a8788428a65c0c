// Data sizes and rates: sim::Bytes (exact integer bytes) and sim::BytesPerSecond (a double rate).
// Binary prefixes are powers of 1024 (KiB, MiB, GiB, TiB), decimal ones powers of 1000 (kB, MB,
// GB, TB); "bit" units divide by 8.
//   sim::Bytes mem = sim::parse_bytes("64GiB");              // 68'719'476'736 bytes
//   sim::BytesPerSecond link = sim::parse_rate("25Gbit/s");  // 3.125e9 B/s
//   sim::Duration t = sim::transfer_time(mem, link);          // rounded up to whole ns
#pragma once

#include <compare>
#include <cstdint>
#include <string>
#include <string_view>

#include "sim/time.hpp"

namespace sim {

class Bytes {
 public:
  constexpr Bytes() = default;
  constexpr explicit Bytes(std::int64_t count) : count_(count) {}
  constexpr std::int64_t count() const { return count_; }
  constexpr double as_double() const { return static_cast<double>(count_); }

  constexpr auto operator<=>(const Bytes&) const = default;
  constexpr Bytes operator+(Bytes o) const { return Bytes(count_ + o.count_); }
  constexpr Bytes operator-(Bytes o) const { return Bytes(count_ - o.count_); }
  constexpr Bytes operator*(std::int64_t k) const { return Bytes(count_ * k); }
  constexpr Bytes& operator+=(Bytes o) { count_ += o.count_; return *this; }
  constexpr Bytes& operator-=(Bytes o) { count_ -= o.count_; return *this; }

 private:
  std::int64_t count_ = 0;
};

class BytesPerSecond {
 public:
  constexpr BytesPerSecond() = default;
  constexpr explicit BytesPerSecond(double value) : value_(value) {}
  static constexpr BytesPerSecond from_bits_per_second(double bps) { return BytesPerSecond(bps / 8.0); }
  constexpr double value() const { return value_; }
  constexpr double bits_per_second() const { return value_ * 8.0; }

  constexpr auto operator<=>(const BytesPerSecond&) const = default;
  constexpr BytesPerSecond operator*(double k) const { return BytesPerSecond(value_ * k); }
  constexpr BytesPerSecond operator+(BytesPerSecond o) const { return BytesPerSecond(value_ + o.value_); }
  constexpr BytesPerSecond operator-(BytesPerSecond o) const { return BytesPerSecond(value_ - o.value_); }

 private:
  double value_ = 0.0;
};

// Time to move `size` at `rate`, rounded up to a whole nanosecond; Duration::max() at rate 0.
Duration transfer_time(Bytes size, BytesPerSecond rate);

// Bytes moved in `d` at `rate` (a double: partial bytes are meaningful in fluid flows).
inline double bytes_in(Duration d, BytesPerSecond rate) { return rate.value() * d.seconds(); }

// "64GiB", "512MB", "4 KiB", "1.5GiB", "100B". Exact; a fraction of a byte is an error.
Bytes parse_bytes(std::string_view text);
// "25Gbit/s", "10Gbps", "80MB/s", "1GiB/s", "500kbit/s".
BytesPerSecond parse_rate(std::string_view text);

// Largest binary unit that divides exactly ("64GiB", "1536MiB"), else bytes ("1000B").
std::string format_bytes(Bytes b);
// Network-style: bit/s with the largest decimal prefix that gives an exact value ("25Gbit/s"),
// else shortest round-trip bytes/s ("80000000B/s" → "80MB/s").
std::string format_rate(BytesPerSecond r);

namespace literals {
constexpr Bytes operator""_B(unsigned long long v) { return Bytes(static_cast<std::int64_t>(v)); }
constexpr Bytes operator""_KiB(unsigned long long v) { return Bytes(static_cast<std::int64_t>(v) << 10); }
constexpr Bytes operator""_MiB(unsigned long long v) { return Bytes(static_cast<std::int64_t>(v) << 20); }
constexpr Bytes operator""_GiB(unsigned long long v) { return Bytes(static_cast<std::int64_t>(v) << 30); }
constexpr Bytes operator""_TiB(unsigned long long v) { return Bytes(static_cast<std::int64_t>(v) << 40); }
constexpr BytesPerSecond operator""_Gbps(unsigned long long v) { return BytesPerSecond(static_cast<double>(v) * 1e9 / 8.0); }
constexpr BytesPerSecond operator""_Mbps(unsigned long long v) { return BytesPerSecond(static_cast<double>(v) * 1e6 / 8.0); }
constexpr BytesPerSecond operator""_MBps(unsigned long long v) { return BytesPerSecond(static_cast<double>(v) * 1e6); }
}  // namespace literals

}  // namespace sim
