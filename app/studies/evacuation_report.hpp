// How an evacuation plan is printed: for the console (placement, candidates, the chosen plan as
// pinned migrlpar commands with a timeline, every LPAR left behind with its reason) and as
// Markdown for a change ticket (window, `-o v` pre-checks, MSP settings, order with predicted
// times, rollback steps). Used by `lpmsim plan-evacuation [--format markdown]`.
//   write_plan_text(plan, {.scenario_file = "estate-12.json"}, std::cout);
#pragma once

#include <cstdint>
#include <iosfwd>
#include <optional>
#include <string>

#include "app/studies/evacuation_plan.hpp"

namespace app::studies {

struct PlanContext {
  std::string scenario_file;
  std::uint64_t seed = 0;
  EvacuationOptions options;
};

void write_plan_text(const EvacuationPlan& plan, const PlanContext& context, std::ostream& out);
void write_plan_markdown(const EvacuationPlan& plan, const PlanContext& context, std::ostream& out);

}  // namespace app::studies
