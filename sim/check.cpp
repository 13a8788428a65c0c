#include "sim/check.hpp"

namespace sim {

namespace {
std::string describe(const std::optional<Time>& at, const std::string& component, const std::string& what,
                     const std::string& condition, const char* file, int line) {
  std::string msg = "internal check failed";
  if (at) msg += " at t=" + format_time(*at);
  msg += " in " + component + ": " + what + " (" + condition + ", " + file + ":" + std::to_string(line) + ")";
  return msg;
}
}  // namespace

CheckFailed::CheckFailed(std::optional<Time> at, std::string component, std::string what, std::string condition,
                         const char* file, int line)
    : std::logic_error(describe(at, component, what, condition, file, line)), at_(at), component_(std::move(component)) {}

void check_failed(std::optional<Time> at, std::string component, std::string what, const char* condition,
                  const char* file, int line) {
  throw CheckFailed(at, std::move(component), std::move(what), condition, file, line);
}

}  // namespace sim
