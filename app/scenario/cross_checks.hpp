// Internal to app/scenario: checks across objects once a scenario is read — names and ids
// unique, references resolve (VIOS, LUNs, network nodes, systems, LPARs), memory and processors
// fit their system, LMB multiples, times before the end of the simulation.
#pragma once

#include "app/scenario/read_context.hpp"
#include "app/scenario/spec.hpp"

namespace app::scenario::detail {

void check_references(Context& ctx, const ScenarioSpec& spec);

}  // namespace app::scenario::detail
