// Shared checks of the libFuzzer targets: every refusal carries diagnostics, and every formatted
// diagnostic is printable (valid UTF-8, no control bytes) and short — what reaches a terminal.
#pragma once

#include <cstdlib>
#include <string>

#include "app/scenario/diagnostic.hpp"

namespace fuzz {

inline bool valid_utf8_without_controls(const std::string& s) {
  for (std::size_t i = 0; i < s.size();) {
    const auto c = static_cast<unsigned char>(s[i]);
    if (c < 0x20 || c == 0x7F) return false;
    std::size_t n = c < 0x80 ? 1 : (c >> 5) == 0x6 ? 2 : (c >> 4) == 0xE ? 3 : (c >> 3) == 0x1E ? 4 : 0;
    if (n == 0 || i + n > s.size()) return false;
    for (std::size_t k = 1; k < n; ++k)
      if ((static_cast<unsigned char>(s[i + k]) & 0xC0) != 0x80) return false;
    i += n;
  }
  return true;
}

inline void check_refusal(const app::scenario::ScenarioError& e) {
  if (e.diagnostics().empty()) std::abort();  // refused without saying why
  for (const auto& d : e.diagnostics()) {
    const std::string line = d.format();
    if (!valid_utf8_without_controls(line) || line.size() > 8192) std::abort();
  }
}

inline void check_message(const std::string& what) {
  if (what.empty() || what.size() > 8192) std::abort();
}

}  // namespace fuzz
