#include "app/scenario/quantity_text.hpp"

#include <array>

#include "app/scenario/read_context.hpp"
#include "sim/parse_error.hpp"

namespace app::scenario {

namespace {

// The engine's exact parsers multiply by 10^fraction_digits in 128 bits; past ~38 fraction
// digits that overflows (a divide by zero at 128). No real quantity needs more than 18
// (attoseconds of nanoseconds), so longer inputs are refused here first.
bool guard(std::string_view text, std::string_view what, std::string& problem) {
  if (text.size() > 64) {
    problem = std::string(what) + " " + detail::quote(text.substr(0, 40)) + "...: too long";
    return false;
  }
  const auto point = text.find('.');
  if (point == std::string_view::npos) return true;
  std::size_t digits = 0;
  for (std::size_t i = point + 1; i < text.size() && text[i] >= '0' && text[i] <= '9'; ++i) ++digits;
  if (digits <= detail::kMaxFractionDigits) return true;
  problem = std::string(what) + " " + detail::quote(text) + ": more than " +
            std::to_string(detail::kMaxFractionDigits) + " digits after the decimal point";
  return false;
}

template <class Q, class Parser>
std::optional<Q> parse_with(std::string_view text, std::string_view what, std::string& problem, Parser parser) {
  if (!guard(text, what, problem)) return std::nullopt;
  try {
    return parser(text);
  } catch (const sim::ParseError& e) {
    problem = e.what();
    return std::nullopt;
  }
}

bool ends_with(std::string_view text, std::string_view suffix) {
  return text.size() >= suffix.size() && text.substr(text.size() - suffix.size()) == suffix;
}

}  // namespace

std::optional<sim::Bytes> QuantityText<sim::Bytes>::parse(std::string_view text, std::string& problem) {
  return parse_with<sim::Bytes>(text, "size", problem, [](std::string_view t) { return sim::parse_bytes(t); });
}

std::optional<sim::Duration> QuantityText<sim::Duration>::parse(std::string_view text, std::string& problem) {
  return parse_with<sim::Duration>(text, "duration", problem, [](std::string_view t) { return sim::parse_duration(t); });
}

std::optional<sim::BytesPerSecond> QuantityText<sim::BytesPerSecond>::parse(std::string_view text,
                                                                              std::string& problem) {
  return parse_with<sim::BytesPerSecond>(text, "rate", problem, [](std::string_view t) { return sim::parse_rate(t); });
}

std::optional<DirtyRate> QuantityText<DirtyRate>::parse(std::string_view text, std::string& problem) {
  for (const std::string_view unit : {"pages/s", "page/s"}) {
    if (!ends_with(text, unit)) continue;
    std::string number(text.substr(0, text.size() - unit.size()));
    if (!number.empty() && number.back() == ' ') number.pop_back();
    // The number grammar is the engine's: read it as a byte rate and keep the value.
    std::string ignored;
    const auto rate = QuantityText<sim::BytesPerSecond>::parse(number + "B/s", ignored);
    if (!rate || number.empty() || number.front() == ' ') {
      problem = "dirty rate " + detail::quote(text) + ": expected a non-negative number before " +
                detail::quote(unit);
      return std::nullopt;
    }
    if (rate->value() > kMaxDirtyPagesPerSecond) {
      problem = "dirty rate " + detail::quote(text) + ": above " + detail::shortest_number(kMaxDirtyPagesPerSecond) +
                " pages/s, faster than any memory bus";
      return std::nullopt;
    }
    return DirtyRate{rate->value(), DirtyRate::Unit::pages_per_second};
  }
  const auto rate = parse_with<sim::BytesPerSecond>(text, "dirty rate", problem,
                                                    [](std::string_view t) { return sim::parse_rate(t); });
  if (!rate) {
    if (problem.find("unknown unit") != std::string::npos) problem += ", or pages/s";
    return std::nullopt;
  }
  if (rate->value() > kMaxDirtyPagesPerSecond * 4096) {
    problem = "dirty rate " + detail::quote(text) + ": above " + sim::format_rate(sim::BytesPerSecond(kMaxDirtyPagesPerSecond * 4096)) +
              ", faster than any memory bus";
    return std::nullopt;
  }
  return DirtyRate{rate->value(), DirtyRate::Unit::bytes_per_second};
}

std::string QuantityText<DirtyRate>::format(const DirtyRate& v) {
  if (v.unit == DirtyRate::Unit::pages_per_second) return detail::shortest_number(v.value) + "pages/s";
  return sim::format_rate(sim::BytesPerSecond(v.value));
}

std::optional<TimeOfDay> QuantityText<TimeOfDay>::parse(std::string_view text, std::string& problem) {
  // HH:MM or HH:MM:SS, 24-hour clock.
  const auto two_digits = [&](std::size_t at, int max) {
    if (at + 2 > text.size() || text[at] < '0' || text[at] > '9' || text[at + 1] < '0' || text[at + 1] > '9') return -1;
    const int v = (text[at] - '0') * 10 + (text[at + 1] - '0');
    return v <= max ? v : -1;
  };
  const bool shape = (text.size() == 5 || (text.size() == 8 && text[5] == ':')) && text[2] == ':';
  const int h = shape ? two_digits(0, 23) : -1;
  const int m = shape ? two_digits(3, 59) : -1;
  const int s = text.size() == 8 ? two_digits(6, 59) : 0;
  if (h < 0 || m < 0 || s < 0) {
    problem = "time of day " + detail::quote(text.substr(0, 40)) + ": expected HH:MM or HH:MM:SS on a 24-hour clock, e.g. \"02:00\"";
    return std::nullopt;
  }
  return TimeOfDay{sim::Duration::from_ns((static_cast<std::int64_t>(h) * 3600 + m * 60 + s) * 1'000'000'000)};
}

std::string QuantityText<TimeOfDay>::format(const TimeOfDay& v) {
  const std::int64_t t = v.since_midnight.ns() / 1'000'000'000;
  const int h = static_cast<int>(t / 3600 % 24), m = static_cast<int>(t / 60 % 60), s = static_cast<int>(t % 60);
  const auto digit = [](int n) { return static_cast<char>('0' + n); };
  const std::array<char, 8> text{digit(h / 10), digit(h % 10), ':', digit(m / 10), digit(m % 10), ':', digit(s / 10), digit(s % 10)};
  return std::string(text.data(), s != 0 ? 8 : 5);  // HH:MM unless there are seconds
}

}  // namespace app::scenario
