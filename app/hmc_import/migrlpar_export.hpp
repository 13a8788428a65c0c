// The round trip of issue 19: for every migration a scenario requests (migrlpar -o m or -o v), the
// `migrlpar -o v` command that validates the same move on the real HMC, with the MSP pair and the
// virtual adapter mappings lpmsim's own validation chooses (models/migration/mapping_plan.hpp),
// so that a planner can check an imported estate against reality before trusting a plan.
//   for (const auto& c : export_migrlpar(spec, ".")) std::cout << c.command << "  # " << c.verdict;
#pragma once

#include <filesystem>
#include <string>
#include <vector>

#include "app/scenario/spec.hpp"

namespace app::hmc_import {

struct ExportedValidation {
  std::string command; // migrlpar -o v -m SRC -t DST -p LPAR -i "…"
  std::string verdict; // what lpmsim's validation says of it: "valid" or the first error line
};

// Each request is validated against the estate as the scenario describes it at time zero (the
// commands validate; none of them migrates, so none changes what the next one sees).
std::vector<ExportedValidation> export_migrlpar(const scenario::ScenarioSpec& spec,
                                                const std::filesystem::path& scenario_dir);

} // namespace app::hmc_import
