// sim::printable and sim::quote: text from outside (scenario files, command lines, measurement
// files) made safe to show in a message — every message of lpmsim that names a value uses quote().
//   throw ParseError("size " + quote(text) + ": expected a unit");  // size "64 GiB?": …
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace sim {

// Control bytes shown as \u001b, invalid UTF-8 as U+FFFD; at most `max_chars` characters, cut
// with "…" (the result is always valid UTF-8).
std::string printable(std::string_view text, std::size_t max_chars = 4096);

// `text` in double quotes, printable() and at most 60 characters: "64 GiB?".
std::string quote(std::string_view text);

}  // namespace sim
