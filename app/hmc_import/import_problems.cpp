#include "app/hmc_import/import_problems.hpp"

#include <fmt/core.h>

namespace app::hmc_import {

std::string ImportProblems::format(const std::string& where, std::string_view context,
                                   std::string_view message) {
  return context.empty() ? fmt::format("{}: {}", where, message)
                         : fmt::format("{}: {}: {}", where, context, message);
}

void ImportProblems::error(const std::string& where, std::string_view context,
                           std::string_view message) {
  errors_.push_back(format(where, context, message));
}

void ImportProblems::warning(const std::string& where, std::string_view context,
                             std::string_view message) {
  warnings_.push_back(format(where, context, message));
}

namespace {
std::string join_lines(const std::vector<std::string>& lines) {
  std::string out;
  for (const auto& l : lines) {
    if (!out.empty())
      out.push_back('\n');
    out.append(l);
  }
  return out;
}
} // namespace

HmcInputError::HmcInputError(const std::vector<std::string>& errors)
    : std::runtime_error(join_lines(errors)), errors_(errors) {}

void join_to(std::string& out, std::string_view separator, std::string_view item) {
  if (!out.empty())
    out.append(separator);
  out.append(item);
}

std::string in_quotes(std::string_view text) { return fmt::format("\"{}\"", text); }

} // namespace app::hmc_import
