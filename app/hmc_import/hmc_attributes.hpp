// The attributes each imported HMC listing prints, as named in IBM's HMC command reference
// (app/hmc_import/HMC_IMPORT.md cites the page of each command), and where each one lands in the
// scenario. An attribute not in this table is reported as a warning with its value (never dropped
// silently); one with an empty `scenario_key` is read-only knowledge the simulator does not model.
//   const HmcAttribute* a = find_attribute(HmcCommand::lshwres_mem_lpar, "curr_mem");
#pragma once

#include <span>
#include <string_view>

#include "app/hmc_import/hmc_listing.hpp"

namespace app::hmc_import {

struct HmcAttribute {
  HmcCommand command;
  std::string_view name;
  std::string_view scenario_key; // JSON pointer pattern, "" = not modelled by lpmsim
  std::string_view meaning;
};

std::span<const HmcAttribute> hmc_attributes();
const HmcAttribute* find_attribute(HmcCommand command, std::string_view name);

} // namespace app::hmc_import
