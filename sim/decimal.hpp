// Internal helper of the unit parsers: splits "1.5GiB" into an exact decimal number
// (integer digits + count of fractional digits) and the unit suffix. Not part of the API.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace sim::detail {

__extension__ using U128 = unsigned __int128;

struct Decimal {
  U128 digits = 0;  // all digits, decimal point removed
  int fraction_digits = 0;       // how many of them were after the point
};

struct NumberAndUnit {
  Decimal number;
  std::string_view unit;
};

// Throws ParseError("<what> \"<text>\": <reason>") on anything but digits[.digits]unit.
NumberAndUnit split_number_unit(std::string_view text, std::string_view what);

// number × multiplier exactly, as an integer; throws ParseError if not whole or out of range.
std::int64_t exact_scaled(const Decimal& number, U128 multiplier, std::string_view text,
                          std::string_view what, std::string_view whole_unit);

// number × multiplier as a double (for rates).
double scaled_double(const Decimal& number, double multiplier);

}  // namespace sim::detail
