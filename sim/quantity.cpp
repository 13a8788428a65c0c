#include "sim/quantity.hpp"

#include <array>
#include <charconv>
#include <cmath>

#include "sim/decimal.hpp"
#include "sim/parse_error.hpp"

namespace sim {

namespace {

struct SizeUnit {
  std::string_view name;
  std::int64_t bytes;
};

constexpr std::int64_t kKi = 1024;
constexpr std::array<SizeUnit, 14> kSizeUnits{{
    {"B", 1},
    {"kB", 1000},
    {"KB", 1000},
    {"MB", 1000 * 1000},
    {"GB", 1000 * 1000 * 1000},
    {"TB", 1000LL * 1000 * 1000 * 1000},
    {"PB", 1000LL * 1000 * 1000 * 1000 * 1000},
    {"KiB", kKi},
    {"MiB", kKi * kKi},
    {"GiB", kKi * kKi * kKi},
    {"TiB", kKi * kKi * kKi * kKi},
    {"PiB", kKi * kKi * kKi * kKi * kKi},
    {"bytes", 1},
    {"byte", 1},
}};

// Rate units: bytes per second for "…B/s", bits per second for "…bit/s" and "…bps".
struct RateUnit {
  std::string_view name;
  double bytes_per_second;
};

constexpr std::array<RateUnit, 21> kRateUnits{{
    {"B/s", 1.0},       {"kB/s", 1e3},          {"KB/s", 1e3},          {"MB/s", 1e6},
    {"GB/s", 1e9},      {"TB/s", 1e12},         {"KiB/s", 1024.0},      {"MiB/s", 1048576.0},
    {"GiB/s", 1073741824.0}, {"TiB/s", 1099511627776.0},
    {"bit/s", 1.0 / 8}, {"kbit/s", 1e3 / 8},    {"Kbit/s", 1e3 / 8},    {"Mbit/s", 1e6 / 8},
    {"Gbit/s", 1e9 / 8}, {"Tbit/s", 1e12 / 8},  {"bps", 1.0 / 8},       {"kbps", 1e3 / 8},
    {"Mbps", 1e6 / 8},  {"Gbps", 1e9 / 8},      {"Tbps", 1e12 / 8},
}};

std::string unit_list_sizes() { return "B, kB, MB, GB, TB, KiB, MiB, GiB, TiB"; }
std::string unit_list_rates() { return "B/s, kB/s, MB/s, GB/s, KiB/s, MiB/s, GiB/s, bit/s, kbit/s, Mbit/s, Gbit/s, Tbit/s, Mbps, Gbps"; }

std::string shortest(double v) {
  std::array<char, 64> buf{};
  auto res = std::to_chars(buf.data(), buf.data() + buf.size(), v);
  return std::string(buf.data(), res.ptr);
}

}  // namespace

Duration transfer_time(Bytes size, BytesPerSecond rate) {
  if (size.count() <= 0) return Duration::zero();
  if (rate.value() <= 0.0) return Duration::max();
  return ceil_seconds(size.as_double() / rate.value());
}

Bytes parse_bytes(std::string_view text) {
  const auto [number, unit] = detail::split_number_unit(text, "size");
  for (const auto& u : kSizeUnits) {
    if (u.name == unit)
      return Bytes(detail::exact_scaled(number, static_cast<detail::U128>(u.bytes), text, "size", "bytes"));
  }
  std::string hint;
  if (unit.find('/') != std::string_view::npos) hint = " (a rate was given where a size is expected)";
  else if (unit.find("bit") != std::string_view::npos || unit == "b" || unit == "Gb" || unit == "Mb")
    hint = " (sizes are in bytes: use B, not b or bit)";
  throw ParseError("size " + quote(text) + ": unknown unit " + quote(unit) + hint +
                   "; expected one of " + unit_list_sizes());
}

BytesPerSecond parse_rate(std::string_view text) {
  const auto [number, unit] = detail::split_number_unit(text, "rate");
  for (const auto& u : kRateUnits) {
    if (u.name == unit) return BytesPerSecond(detail::scaled_double(number, u.bytes_per_second));
  }
  std::string hint;
  if (unit.find('/') == std::string_view::npos && unit.find("ps") == std::string_view::npos)
    hint = " (a rate needs \"/s\", e.g. \"25Gbit/s\")";
  throw ParseError("rate " + quote(text) + ": unknown unit " + quote(unit) + hint +
                   "; expected one of " + unit_list_rates());
}

std::string format_bytes(Bytes b) {
  const std::int64_t n = b.count();
  if (n == 0) return "0B";
  constexpr std::array<std::pair<std::int64_t, const char*>, 5> units{{
      {kKi * kKi * kKi * kKi * kKi, "PiB"}, {kKi * kKi * kKi * kKi, "TiB"}, {kKi * kKi * kKi, "GiB"},
      {kKi * kKi, "MiB"}, {kKi, "KiB"}}};
  for (const auto& [size, name] : units) {
    if (n % size == 0) return std::to_string(n / size) + name;
  }
  return std::to_string(n) + "B";
}

std::string format_rate(BytesPerSecond r) {
  const double bps = r.bits_per_second();
  constexpr std::array<std::pair<double, const char*>, 4> units{{{1e12, "Tbit/s"}, {1e9, "Gbit/s"}, {1e6, "Mbit/s"}, {1e3, "kbit/s"}}};
  for (const auto& [scale, name] : units) {
    const double v = bps / scale;
    if (v >= 1.0 && v == std::floor(v) && BytesPerSecond::from_bits_per_second(v * scale) == r)
      return shortest(v) + name;
  }
  return shortest(r.value()) + "B/s";
}

}  // namespace sim
