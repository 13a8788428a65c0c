#include "sim/decimal.hpp"

#include <cmath>

#include "sim/parse_error.hpp"

namespace sim::detail {

namespace {
constexpr U128 kMaxDigits = static_cast<U128>(1) << 100;  // far beyond any int64 result
}

NumberAndUnit split_number_unit(std::string_view text, std::string_view what) {
  auto fail = [&](std::string_view why) -> NumberAndUnit {
    throw ParseError(std::string(what) + " " + quote(text) + ": " + std::string(why));
  };
  if (text.empty()) return fail("empty; expected a number followed by a unit");
  std::size_t i = 0;
  if (text[0] == '-' || text[0] == '+') return fail("expected a non-negative number without a sign");
  Decimal d;
  bool any_digit = false;
  bool seen_point = false;
  for (; i < text.size(); ++i) {
    const char c = text[i];
    if (c >= '0' && c <= '9') {
      any_digit = true;
      d.digits = d.digits * 10 + static_cast<unsigned>(c - '0');
      if (d.digits > kMaxDigits) return fail("number too large");
      if (seen_point && ++d.fraction_digits > 30) return fail("too many digits after the decimal point (at most 30)");
    } else if (c == '.' && !seen_point) {
      seen_point = true;
    } else {
      break;
    }
  }
  if (!any_digit) return fail("expected a number before the unit");
  if (seen_point && text[i - 1] == '.') return fail("expected digits after the decimal point");
  if (i < text.size() && text[i] == ' ') ++i;  // "64 GiB" is accepted, as people write it
  std::string_view unit = text.substr(i);
  if (unit.empty()) return fail("missing unit");
  return {d, unit};
}

std::int64_t exact_scaled(const Decimal& number, U128 multiplier, std::string_view text,
                          std::string_view what, std::string_view whole_unit) {
  U128 divisor = 1;
  for (int k = 0; k < number.fraction_digits; ++k) divisor *= 10;
  // digits × multiplier may exceed 128 bits only for absurd inputs; guard first.
  if (multiplier != 0 && number.digits > (~static_cast<U128>(0)) / multiplier)
    throw ParseError(std::string(what) + " " + quote(text) + ": out of range");
  const U128 product = number.digits * multiplier;
  if (product % divisor != 0)
    throw ParseError(std::string(what) + " " + quote(text) + ": not a whole number of " +
                     std::string(whole_unit));
  const U128 value = product / divisor;
  if (value > static_cast<U128>(INT64_MAX))
    throw ParseError(std::string(what) + " " + quote(text) + ": out of range");
  return static_cast<std::int64_t>(value);
}

double scaled_double(const Decimal& number, double multiplier) {
  return static_cast<double>(number.digits) * multiplier / std::pow(10.0, number.fraction_digits);
}

}  // namespace sim::detail
