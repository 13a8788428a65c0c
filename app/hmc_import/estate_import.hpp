// From HMC listings to a scenario: the estate the HMC describes (systems, partitions, VIOS,
// virtual adapters, MSPs, migration limits) as scenario JSON in the loader's key order, plus every
// value the listings did not give and the importer had to assume, each with the key to change.
// Used by `lpmsim import-hmc`; the attribute → key table is app/hmc_import/hmc_attributes.cpp.
//   ImportProblems problems;
//   auto listings = read_hmc_listings("estate.txt", problems);
//   ImportedEstate e = import_estate(listings, problems);  // e.scenario → scenario.json
#pragma once

#include <filesystem>
#include <map>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "app/hmc_import/hmc_listing.hpp"
#include "app/hmc_import/import_problems.hpp"

namespace app::hmc_import {

// A value the listings do not show. `key` is a JSON pointer (or a pattern with * for many).
struct Assumption {
  std::string key;
  std::string value;
  std::string reason;
};

struct ImportedEstate {
  nlohmann::ordered_json scenario;
  std::vector<Assumption> assumptions;
  std::vector<std::string> missing; // listings not given, and what their absence costs
  // Client LPARs owning dedicated physical I/O: "<lpar> on <system> will not migrate actively:
  // owns <drc_name> (<description>) — <key> …"; left out of the assumed /actions.
  std::vector<std::string> not_migratable;
};

// Memory in use per partition name, in MB (sets touched_fraction = in use / desired memory).
using MemoryInUse = std::map<std::string, double>;

ImportedEstate import_estate(const std::vector<HmcListing>& listings, ImportProblems& problems,
                             const MemoryInUse& memory_in_use = {});

// A CSV with the header `lpar,memory_in_use_mb` and one row per partition (from lparstat -m,
// nmon's MEM section or the OS's own figure; HMC_IMPORT.md). Problems name file and line.
MemoryInUse read_memory_in_use(const std::filesystem::path& path, ImportProblems& problems);

// "assumed: KEY = VALUE (REASON)" lines, and "missing: …" lines, as printed and put in description
// (the not_migratable lines are printed and described on their own, before these).
std::vector<std::string> assumption_lines(const ImportedEstate& estate);

} // namespace app::hmc_import
