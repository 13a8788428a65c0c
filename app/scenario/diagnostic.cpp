#include "app/scenario/diagnostic.hpp"

#include <algorithm>
#include <cctype>
#include <cstdint>

namespace app::scenario {

namespace {
std::string join_messages(const std::vector<Diagnostic>& diagnostics) {
  std::string out;
  for (const auto& d : diagnostics) {
    if (!out.empty()) out += '\n';
    out += d.format();
  }
  return out;
}

char lower(char c) { return static_cast<char>(std::tolower(static_cast<unsigned char>(c))); }
}  // namespace

std::string Diagnostic::format() const {
  std::string out = printable(file, 512);
  out += ':' + std::to_string(line);
  if (column > 0) out += ':' + std::to_string(column);
  out += ": ";
  if (column == 0) out += (pointer.empty() ? std::string("/") : printable(pointer, 200)) + ": ";
  out += printable(message, 1000);
  if (!suggestion.empty()) out += " (did you mean \"" + printable(suggestion, 60) + "\"?)";
  return out;
}

ScenarioError::ScenarioError(std::vector<Diagnostic> diagnostics)
    : std::runtime_error(join_messages(diagnostics)), diagnostics_(std::move(diagnostics)) {}

std::size_t edit_distance(std::string_view a, std::string_view b) {
  std::vector<std::size_t> row(b.size() + 1);
  for (std::size_t j = 0; j <= b.size(); ++j) row[j] = j;
  for (std::size_t i = 1; i <= a.size(); ++i) {
    std::size_t diagonal = row[0];
    row[0] = i;
    for (std::size_t j = 1; j <= b.size(); ++j) {
      const std::size_t above = row[j];
      const std::size_t cost = lower(a[i - 1]) == lower(b[j - 1]) ? 0 : 1;
      row[j] = std::min({row[j] + 1, row[j - 1] + 1, diagonal + cost});
      diagonal = above;
    }
  }
  return row[b.size()];
}

std::string closest_match(std::string_view word, std::span<const std::string> candidates) {
  // Like SimGrid's config: suggest only when the typo is small relative to the word.
  // Words or candidate lists this long are not typos of each other; skip the quadratic search.
  if (word.size() > 64 || candidates.size() > 10'000) return "";
  const std::size_t limit = std::max<std::size_t>(2, word.size() / 3);
  std::string best;
  std::size_t best_distance = limit + 1;
  for (const auto& candidate : candidates) {
    const std::size_t d = edit_distance(word, candidate);
    if (d < best_distance && candidate != word) {
      best_distance = d;
      best = candidate;
    }
  }
  return best;
}

}  // namespace app::scenario
