#include "sim/check.hpp"

namespace sim {

namespace {
// __FILE__ is the build machine's absolute path: messages name the file from the repository's
// top-level folder (sim/, models/, app/, …) on, never the machine's layout.
std::string repository_path(const char* file) {
  const std::string path(file);
  if (path.empty() || path.front() != '/') return path;
  std::size_t best = std::string::npos;
  for (const char* root : {"/sim/", "/models/", "/app/", "/tests/", "/bench/", "/fuzz/"}) {
    const auto at = path.rfind(root);
    if (at != std::string::npos && (best == std::string::npos || at > best)) best = at;
  }
  if (best != std::string::npos) return path.substr(best + 1);
  const auto slash = path.rfind('/');
  return path.substr(slash + 1);
}

std::string describe(const std::optional<Time>& at, const std::string& component, const std::string& what,
                     const std::string& condition, const char* file, int line) {
  std::string msg = "internal check failed";
  if (at) msg += " at t=" + format_time(*at);
  msg += " in " + component + ": " + what + " (" + condition + ", " + repository_path(file) + ":" + std::to_string(line) + ")";
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
