// `--set /json/pointer=value` for the commands that run one scenario (`run`, `plan-evacuation`):
// the effective scenario patched at the pointer(s) and validated again, so that a what-if ("the
// LPM network at 25 Gbit/s", "a VIOS reboots at 3 min") is one command. The syntax is the sweep's
// (SWEEP.md) with exactly one value; "/a,/b=v" sets several pointers, and a "*" segment stands
// for every element of an array or object ("/network/links/*/bandwidth=25Gbit/s").
//   auto spec = patch_scenario(base, "estate-12.json", "scenarios", {"/simulation/seed=7"});
#pragma once

#include <filesystem>
#include <string>
#include <vector>

#include "app/scenario/spec.hpp"

namespace app::studies {

// Throws SweepGridError for a malformed --set or a pointer not in the scenario, ScenarioError
// for a value the scenario format refuses.
scenario::ScenarioSpec patch_scenario(const scenario::ScenarioSpec& spec, const std::string& file,
                                      const std::filesystem::path& scenario_dir,
                                      const std::vector<std::string>& sets);

}  // namespace app::studies
