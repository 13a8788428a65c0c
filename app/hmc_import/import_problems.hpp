// ImportProblems: what reading HMC listings found wrong (errors: exit 2) or worth saying
// (warnings: unknown attributes, values lpmsim does not model), each naming file, line, command,
// attribute and what was expected. Collected, never thrown one at a time, so a user sees them all.
//   problems.error(record, command, "curr_mem", "expected an integer number of megabytes");
#pragma once

#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

namespace app::hmc_import {

class ImportProblems {
public:
  // `where` is "file:line"; `context` the command (or "" for file-level problems).
  void error(const std::string& where, std::string_view context, std::string_view message);
  void warning(const std::string& where, std::string_view context, std::string_view message);

  const std::vector<std::string>& errors() const { return errors_; }
  const std::vector<std::string>& warnings() const { return warnings_; }

private:
  static std::string format(const std::string& where, std::string_view context,
                            std::string_view message);
  std::vector<std::string> errors_;
  std::vector<std::string> warnings_;
};

// Bad input to import-hmc, export-hmc or the calibrate reader (exit 2); what() lists every error.
class HmcInputError : public std::runtime_error {
public:
  explicit HmcInputError(const std::vector<std::string>& errors);
  const std::vector<std::string>& errors() const { return errors_; }

private:
  std::vector<std::string> errors_;
};

// Appends `item` to `out`, after `separator` unless `out` is empty ("a, b, c" lists).
void join_to(std::string& out, std::string_view separator, std::string_view item);

// `"text"` with quotes, for messages.
std::string in_quotes(std::string_view text);

} // namespace app::hmc_import
