// Where each LPAR of a system being emptied can go: the HMC's validation (`migrlpar -o v`) of
// every running LPAR against every candidate destination on the estate as described, then a
// placement that fills the destinations that pass, largest LPAR first, each to the one with the
// most memory left, tracking free memory (whole LMBs) and processing units so that LPARs
// validated one by one do not together overfill a system. Part of plan_evacuation.
//   auto placed = place_lpars(spec, "scenarios", "p10a", {});  // every other system
#pragma once

#include <filesystem>
#include <map>
#include <string>
#include <vector>

#include "app/studies/evacuation_plan.hpp"

namespace app::studies {

struct Placement {
  std::vector<LparPlacement> lpars;  // running LPARs of the system, as listed
  std::vector<LeftBehind> not_running;
  std::vector<std::string> destinations;                  // the candidates, scenario order
  std::map<std::string, std::vector<std::string>> msps;   // system → MSP VIOS names, in order
};

// Throws std::invalid_argument as plan_evacuation does.
Placement place_lpars(const scenario::ScenarioSpec& spec, const std::filesystem::path& scenario_dir,
                      const std::string& system, const std::vector<std::string>& destinations);

}  // namespace app::studies
