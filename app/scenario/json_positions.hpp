// Where each value of a JSON text starts: a map from JSON pointer to line, built by a small
// scanner over text nlohmann/json has already accepted (nlohmann keeps no positions). It also
// reports what nlohmann lets through silently: duplicate keys. Used by the scenario loader and
// the measurement-file reader.
//   const JsonPositions positions(text);  // finds duplicate keys now, lines on first line_of()
#pragma once

#include <map>
#include <mutex>
#include <string>
#include <string_view>
#include <vector>

namespace app::scenario {

// Deepest nesting the loader accepts; deeper text is refused before parsing (no recursion risk).
inline constexpr int kMaxJsonDepth = 64;

class JsonPositions {
 public:
  // `text` must be valid JSON (already parsed successfully) and must outlive this object: the
  // map of lines is built from it on the first line_of(), since most loads never ask for one.
  explicit JsonPositions(std::string_view text);

  // Line of the value at `pointer`, or of its nearest recorded ancestor; 1 if none.
  int line_of(std::string pointer) const;
  // Pointers of keys that appear twice in the same object, with the line of the second one.
  const std::vector<std::pair<std::string, int>>& duplicate_keys() const { return duplicates_; }

 private:
  std::string_view text_;
  mutable std::once_flag lines_built_;
  mutable std::map<std::string, int> lines_;
  std::vector<std::pair<std::string, int>> duplicates_;
};

// Escapes a key for use as a JSON pointer segment ("~" → "~0", "/" → "~1").
std::string pointer_segment(std::string_view key);

// What parsing `text` would cost, found by a scan that skips strings and stops once a limit is
// passed: the nesting depth of arrays and objects, and the most keys any one object has
// (nlohmann's ordered_json finds keys by linear search, so parsing n keys of one object costs
// n²: wider objects than any scenario table are refused before parsing).
struct JsonShape {
  int depth = 0;
  std::size_t widest = 0;
};
inline constexpr std::size_t kMaxKeysPerObject = 4096;
JsonShape json_shape(std::string_view text, int depth_limit, std::size_t width_limit);

}  // namespace app::scenario
