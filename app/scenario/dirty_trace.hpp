// Dirty-page trace files (a `trace` workload's `file`): one "<seconds> <pages per second>" sample
// per line, '#' starts a comment, times strictly increasing. The file is untrusted input: it is
// read through the trust boundary (input_file.hpp), every number must be finite and in range,
// and a refusal names the file, line and field but never echoes the line (the file may be
// anything, e.g. /proc/self/environ behind a symlink).
//   auto samples = read_dirty_trace_file(scenario_dir, "trace.txt", "/managed_systems/0/lpars/0/workload/dirty/file");
#pragma once

#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

#include "app/scenario/quantity_text.hpp"
#include "sim/time.hpp"

namespace app::scenario {

struct DirtyTraceSample {
  sim::Duration at;  // since migration start
  double pages_per_second = 0;
};

inline constexpr double kMaxTraceSeconds = 1e7;         // ≈ 116 days, far inside int64 ns

// Parses trace text; `file` and `pointer` (of the `file` key) name it in diagnostics.
// Throws ScenarioError.
std::vector<DirtyTraceSample> parse_dirty_trace(std::string_view text, const std::string& file,
                                                const std::string& pointer);

// Checks `file` against the trust boundary (relative to `scenario_dir`), reads and parses it.
std::vector<DirtyTraceSample> read_dirty_trace_file(const std::filesystem::path& scenario_dir,
                                                    const std::string& file, const std::string& pointer);

}  // namespace app::scenario
