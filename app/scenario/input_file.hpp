// The trust boundary for files lpmsim reads (scenarios/README.md, "Files and trust"): a scenario
// is untrusted input. Every input file must be a regular file under a size limit, checked before
// it is read (so `/dev/zero`, a FIFO or a directory is refused, not read forever); a file a
// scenario names (a trace workload's `file`) must resolve — after symlinks — inside the
// scenario's folder or a folder the command line allowed with --allow-path; an output named by
// the scenario (`simulation.outputs`) must lie inside the scenario's folder.
//   const std::string text = read_input_file("scenarios/quickstart.json", limits.scenario_bytes, "scenario");
#pragma once

#include <cstdint>
#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

namespace app::scenario {

struct InputPolicy {
  std::vector<std::filesystem::path> allowed_dirs;     // --allow-path, beside the scenario's folder
  // Defaults bound what an untrusted file can cost; --max-input-size sets both (a 100 000-LPAR
  // estate is a ≈ 150 MB scenario).
  std::uintmax_t scenario_bytes = std::uintmax_t{16} << 20;  // largest scenario / grid file read
  std::uintmax_t data_bytes = std::uintmax_t{64} << 20;      // largest trace / measurement file
};

// The process's policy: set once by the CLI before any work, read-only afterwards.
const InputPolicy& input_policy();
void set_input_policy(InputPolicy policy);

// Reads a whole file that must be a regular file of at most `limit` bytes. `what` names it in
// messages ("scenario file", "dirty-page trace"). Throws ScenarioError (file, no line).
std::string read_input_file(const std::filesystem::path& path, std::uintmax_t limit, std::string_view what);

// Why `file` (as written in a scenario whose folder is `base_dir`) may not be read, or "" when it
// may: outside the scenario's folder and every --allow-path folder, missing, not a regular file,
// or above the size limit. `resolved` receives the path to open.
std::string referenced_file_problem(const std::filesystem::path& base_dir, const std::string& file,
                                    std::filesystem::path& resolved);

// Why an output named by the scenario may not be written there, or "": it must be a relative
// path that stays inside the scenario's folder (after resolving the symlinks that exist).
std::string scenario_output_problem(const std::filesystem::path& base_dir, const std::string& file);

// True when `path` lies inside folder `dir` (both resolved, symlinks followed).
bool is_inside(const std::filesystem::path& path, const std::filesystem::path& dir);

}  // namespace app::scenario
