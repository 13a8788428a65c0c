// Diagnostics of the scenario loader: one problem in a scenario file (file, line, JSON pointer,
// message, optional "did you mean" suggestion) and ScenarioError, which carries all of them.
// The loader collects every problem before throwing; `lpmsim validate` prints them and exits 2.
//   quickstart.json:12: /managed_systems/0/lpars/0/memroy: unknown key "memroy" (did you mean "memory"?)
#pragma once

#include <span>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include "sim/printable.hpp"

namespace app::scenario {

struct Diagnostic {
  std::string file;
  int line = 0;         // 1-based; 0 when unknown
  int column = 0;       // 1-based, only for syntax errors; 0 otherwise
  std::string pointer;  // JSON pointer of the offending value ("" = the whole document)
  std::string message;  // what was expected and what was found
  std::string suggestion;  // a near-miss key or name, or empty

  // "file:line: /pointer: message (did you mean "x"?)"; syntax errors: "file:line:column: message".
  // Every part is printable(): no control byte reaches the terminal, the line is valid UTF-8.
  std::string format() const;
};

class ScenarioError : public std::runtime_error {
 public:
  explicit ScenarioError(std::vector<Diagnostic> diagnostics);
  const std::vector<Diagnostic>& diagnostics() const { return diagnostics_; }

 private:
  std::vector<Diagnostic> diagnostics_;
};

using sim::printable;

// Levenshtein distance, case-insensitive (ASCII).
std::size_t edit_distance(std::string_view a, std::string_view b);

// The candidate closest to `word` if it is close enough to be a plausible typo, else "".
std::string closest_match(std::string_view word, std::span<const std::string> candidates);

}  // namespace app::scenario
