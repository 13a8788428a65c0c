#include "sim/time.hpp"

#include <array>
#include <cmath>

#include "sim/decimal.hpp"
#include "sim/parse_error.hpp"

namespace sim {

namespace {

struct DurationUnit {
  std::string_view name;
  std::int64_t ns;
};

constexpr std::array<DurationUnit, 9> kDurationUnits{{
    {"ns", 1},
    {"us", 1'000},
    {"\xC2\xB5s", 1'000},  // µs
    {"ms", 1'000'000},
    {"s", 1'000'000'000},
    {"min", 60'000'000'000},
    {"h", 3'600'000'000'000},
    {"d", 86'400'000'000'000},
    {"sec", 1'000'000'000},
}};

}  // namespace

Duration scaled(Duration d, double factor) {
  if (factor == 1.0) return d;
  // In nanoseconds, not through seconds(): 50 ms × 1.5 is 75 ms exactly, not 75 ms + 1 ns.
  const double ns = std::ceil(static_cast<double>(d.ns()) * factor);
  if (!(ns < 9.2e18)) return Duration::max();  // also catches NaN and +inf
  return Duration::from_ns(static_cast<std::int64_t>(ns));
}

Duration parse_duration(std::string_view text) {
  const auto [number, unit] = detail::split_number_unit(text, "duration");
  for (const auto& u : kDurationUnits) {
    if (u.name == unit)
      return Duration::from_ns(
          detail::exact_scaled(number, static_cast<detail::U128>(u.ns), text, "duration", "nanoseconds"));
  }
  throw ParseError("duration " + quote(text) + ": unknown unit " + quote(unit) +
                   "; expected one of ns, us, ms, s, min, h, d");
}

std::string format_duration(Duration d) {
  std::int64_t ns = d.ns();
  std::string sign;
  if (ns < 0) {
    sign = "-";
    ns = -ns;  // Duration::min() is never produced by the engine
  }
  if (ns == 0) return "0s";
  if (ns % 3'600'000'000'000 == 0 && ns >= 3'600'000'000'000)
    return sign + std::to_string(ns / 3'600'000'000'000) + "h";
  if (ns % 60'000'000'000 == 0 && ns >= 60'000'000'000)
    return sign + std::to_string(ns / 60'000'000'000) + "min";
  struct Scale {
    std::int64_t ns;
    int decimals;
    const char* unit;
  };
  constexpr std::array<Scale, 4> scales{{{1'000'000'000, 9, "s"}, {1'000'000, 6, "ms"}, {1'000, 3, "us"}, {1, 0, "ns"}}};
  for (const auto& s : scales) {
    if (ns < s.ns && s.ns != 1) continue;
    std::string out = sign + std::to_string(ns / s.ns);
    std::int64_t frac = ns % s.ns;
    if (frac != 0) {
      std::string digits = std::to_string(frac);
      digits.insert(0, static_cast<std::size_t>(s.decimals) - digits.size(), '0');
      while (!digits.empty() && digits.back() == '0') digits.pop_back();
      out += "." + digits;
    }
    return out + s.unit;
  }
  return sign + std::to_string(ns) + "ns";
}

}  // namespace sim
