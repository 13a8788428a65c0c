// sim::ParseError: a malformed quantity string ("64 GiB?", "1.5 parsecs"). The scenario loader
// turns it into a diagnostic with file, line and JSON pointer; the message names the string.
#pragma once

#include <stdexcept>

#include "sim/printable.hpp"

namespace sim {

class ParseError : public std::invalid_argument {
 public:
  using std::invalid_argument::invalid_argument;
};

}  // namespace sim
