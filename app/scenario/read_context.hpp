// Internal to app/scenario: the state shared by every reader while one file is loaded — the
// diagnostics collected so far and where each JSON value sits — plus value constraints.
#pragma once

#include <filesystem>
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>
#include <vector>

#include "app/scenario/diagnostic.hpp"
#include "app/scenario/json_positions.hpp"
#include "sim/parse_error.hpp"

namespace app::scenario::detail {

// ordered_json keeps the file's key order, so echoed specs and diagnostics follow the file.
using Json = nlohmann::ordered_json;

inline constexpr std::size_t kMaxDiagnostics = 200;

class Context {
 public:
  Context(std::string file, const JsonPositions* positions, std::filesystem::path base_dir)
      : file_(std::move(file)), positions_(positions), base_dir_(std::move(base_dir)) {}

  void error(const std::string& pointer, std::string message, std::string suggestion = {});
  const std::vector<Diagnostic>& diagnostics() const { return diagnostics_; }
  // Every diagnostic kept, plus one that counts those past kMaxDiagnostics.
  std::vector<Diagnostic> take_diagnostics();
  // True once kMaxDiagnostics are kept: callers may skip costly suggestions.
  bool full() const { return diagnostics_.size() >= kMaxDiagnostics; }
  const std::filesystem::path& base_dir() const { return base_dir_; }

 private:
  std::string file_;
  const JsonPositions* positions_;
  std::filesystem::path base_dir_;
  std::vector<Diagnostic> diagnostics_;
  std::size_t dropped_ = 0;
};

// What a value must satisfy beyond its type. For lists, `kind` applies to each element and
// `min_one` to the list.
struct Constraint {
  enum class Kind { none, positive, non_negative, range, name };
  Kind kind = Kind::none;
  double lo = 0.0;
  double hi = 0.0;
  bool lo_open = false;
  bool min_one = false;
};

inline constexpr Constraint kNone{};
inline constexpr Constraint kPositive{Constraint::Kind::positive};
inline constexpr Constraint kNonNegative{Constraint::Kind::non_negative};
inline constexpr Constraint kName{Constraint::Kind::name};
inline constexpr Constraint kFraction{Constraint::Kind::range, 0.0, 1.0};
inline constexpr Constraint kOpenFraction{Constraint::Kind::range, 0.0, 1.0, true};
constexpr Constraint range(double lo, double hi) { return {Constraint::Kind::range, lo, hi}; }
constexpr Constraint at_least_one(Constraint element = {}) {
  element.min_one = true;
  return element;
}

// "the number 64", "the string \"x\"", "an array", … for "found …" messages.
std::string describe(const Json& value);
// Quantity texts take at most this many digits after the decimal point: the engine's exact
// parsers scale by 10^digits in 128 bits (quantity_text.cpp), and attoseconds of a nanosecond
// are the finest any real quantity needs.
inline constexpr std::size_t kMaxFractionDigits = 18;
// Shortest plain-decimal text of a double that the quantity parser reads back ("0.5", "3",
// "400000"; never an exponent, at most kMaxFractionDigits after the point).
std::string shortest_number(double value);
using sim::quote;

// Checks a number against `c`; `what` names the kind ("integer", "size"); `shown` is how the
// value appears in the file. Returns false (after reporting) when violated.
bool check_number(Context& ctx, const std::string& pointer, double value, const Constraint& c,
                  std::string_view what, const std::string& shown);
// Checks a name: 1–47 characters, no comma, slash or control character (migrlpar lists them).
bool check_name(Context& ctx, const std::string& pointer, const std::string& name);

}  // namespace app::scenario::detail
