#include "app/scenario/input_file.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

#include "app/scenario/diagnostic.hpp"

namespace app::scenario {

namespace fs = std::filesystem;

namespace {

constexpr std::size_t kReadStep = 4096;  // what a file read past its stated size grows by per step

InputPolicy& policy_storage() {
  static InputPolicy policy;
  return policy;
}

[[noreturn]] void refuse(const fs::path& path, std::string message) {
  throw ScenarioError({Diagnostic{path.string(), 0, 0, "", std::move(message), ""}});
}

std::string kind_of(mode_t mode) {
  if (S_ISDIR(mode)) return "a directory";
  if (S_ISFIFO(mode)) return "a FIFO";
  if (S_ISCHR(mode)) return "a character device";
  if (S_ISBLK(mode)) return "a block device";
  if (S_ISSOCK(mode)) return "a socket";
  return "not a regular file";
}

std::string size_text(std::uintmax_t bytes) {
  if (bytes >= (std::uintmax_t{1} << 20) && bytes % (std::uintmax_t{1} << 20) == 0)
    return std::to_string(bytes >> 20) + " MiB";
  return std::to_string(bytes) + " bytes";
}

// Why a path that resolved to `real` may not be read as input, or "".
std::string file_problem(const fs::path& real, std::uintmax_t limit) {
  struct stat st {};
  if (::stat(real.c_str(), &st) != 0) return std::string("cannot be read: ") + std::strerror(errno);
  if (!S_ISREG(st.st_mode)) return "is " + kind_of(st.st_mode) + ", not a regular file";
  if (static_cast<std::uintmax_t>(st.st_size) > limit)
    return "is " + std::to_string(st.st_size) + " bytes; the limit is " + size_text(limit) + " (--max-input-size)";
  return "";
}

fs::path real_path(const fs::path& path) {
  std::error_code ec;
  auto real = fs::weakly_canonical(fs::absolute(path, ec), ec);
  return ec ? fs::absolute(path, ec).lexically_normal() : real;
}

}  // namespace

const InputPolicy& input_policy() { return policy_storage(); }

void set_input_policy(InputPolicy policy) {
  for (auto& dir : policy.allowed_dirs) dir = real_path(dir);
  policy_storage() = std::move(policy);
}

std::string read_input_file(const fs::path& path, std::uintmax_t limit, std::string_view what) {
  // O_NONBLOCK: opening a FIFO must not wait for a writer; it is refused just below.
  const int fd = ::open(path.c_str(), O_RDONLY | O_NONBLOCK | O_CLOEXEC | O_NOCTTY);
  if (fd < 0) refuse(path, "cannot open the " + std::string(what) + ": " + std::strerror(errno));
  struct stat st {};
  std::string problem;
  if (::fstat(fd, &st) != 0) problem = std::strerror(errno);
  else if (!S_ISREG(st.st_mode)) problem = "is " + kind_of(st.st_mode) + ", not a regular file";
  else if (static_cast<std::uintmax_t>(st.st_size) > limit)
    problem = "is " + std::to_string(st.st_size) + " bytes; the limit is " + size_text(limit) + " (--max-input-size)";
  std::string text;
  if (problem.empty()) {
    // Room for the one step past the stated size that finds the end (below): without it that
    // step reallocated, copying the whole text into twice the memory (a 152 MB scenario: 0.5 s
    // of memmove and page faults).
    text.reserve(static_cast<std::size_t>(st.st_size) + kReadStep);
    text.resize(static_cast<std::size_t>(st.st_size));
    std::size_t done = 0;
    // A file that grows while read is cut at the limit (and refused), never read without end.
    while (problem.empty()) {
      if (done == text.size()) {
        if (text.size() > limit) {
          problem = "grew past the limit of " + size_text(limit) + " while being read";
          break;
        }
        text.resize(text.size() + kReadStep);
      }
      const auto n = ::read(fd, text.data() + done, text.size() - done);
      if (n < 0 && errno == EINTR) continue;
      if (n < 0) problem = std::strerror(errno);
      else if (n == 0) break;
      else done += static_cast<std::size_t>(n);
    }
    text.resize(done);
  }
  ::close(fd);
  if (!problem.empty()) refuse(path, "the " + std::string(what) + " " + problem);
  return text;
}

bool is_inside(const fs::path& path, const fs::path& dir) {
  const auto p = real_path(path);
  const auto d = real_path(dir);
  auto pi = p.begin();
  for (auto di = d.begin(); di != d.end(); ++di, ++pi) {
    if (di->empty()) continue;  // a trailing separator
    if (pi == p.end() || *pi != *di) return false;
  }
  return true;
}

std::string referenced_file_problem(const fs::path& base_dir, const std::string& file, fs::path& resolved) {
  if (file.empty()) return "expected a file name; found an empty string";
  if (file.find('\0') != std::string::npos) return "a file name may not contain NUL";
  const fs::path named = base_dir / file;
  resolved = real_path(named);
  bool allowed = is_inside(resolved, base_dir);
  for (const auto& dir : input_policy().allowed_dirs) allowed = allowed || is_inside(resolved, dir);
  if (!allowed)
    return "the file must lie inside the scenario's folder (after following symlinks); "
           "give --allow-path DIR to read files from another folder";
  const auto problem = file_problem(resolved, input_policy().data_bytes);
  if (!problem.empty()) return "the file " + problem;
  return "";
}

std::string scenario_output_problem(const fs::path& base_dir, const std::string& file) {
  if (file.empty()) return "";
  const fs::path named(file);
  if (named.is_absolute() || !is_inside(base_dir / named, base_dir) || named.filename().empty())
    return "expected a file name relative to the scenario's folder that stays inside it "
           "(outputs elsewhere are chosen on the command line)";
  return "";
}

}  // namespace app::scenario
