// From a validated ScenarioSpec to model objects: the World (systems, VIOSes with their existing
// client mappings, partitions, network), each partition's memory profile, the fault plans and the
// operator's requests — name resolution: the settings are already the models' own config structs
// (spec.hmc.settings, spec.hmc.limits go to the Hmc as they are).
//   auto parts = build_world(spec, world);  // throws ScenarioError for what only building finds
#pragma once

#include <filesystem>
#include <map>
#include <string>
#include <vector>

#include "app/scenario/spec.hpp"
#include "models/migration/fault_injector.hpp"
#include "models/migration/hmc.hpp"
#include "models/migration/world.hpp"

namespace app::studies {

// One operator request at a time from the start (migrlpar -p a,b,c → three requests in order).
struct TimedRequest {
  sim::Duration at;
  models::migration::MigrationRequest request;
};

struct BuiltScenario {
  std::map<std::string, models::migration::MemoryProfile> profiles;
  std::vector<models::migration::FaultPlan> faults;
  std::vector<TimedRequest> requests;
  // Background traffic on links: constant-rate flows between the link's ends.
  struct Background {
    std::string link;
    sim::BytesPerSecond rate;
    sim::Duration start;
    std::optional<sim::Duration> stop;
  };
  std::vector<Background> background;
};

// Fills `world` and returns the rest. `scenario_dir` resolves relative trace-file paths.
BuiltScenario build_world(const scenario::ScenarioSpec& spec, models::migration::World& world,
                          const std::filesystem::path& scenario_dir);

}  // namespace app::studies
