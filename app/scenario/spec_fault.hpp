// Spec structs of scheduled faults: what fails (a link, an MSP, a VIOS, a system, the OS's
// suspend) and when — at a simulated time or at a point of a named LPAR's migration.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "app/scenario/spec_enums.hpp"
#include "sim/time.hpp"

namespace app::scenario {

struct ProtocolPointSpec {
  std::string lpar;  // the migrating partition
  models::migration::MigrationState point = models::migration::MigrationState::precopy;
  std::int64_t pass = 1;  // precopy only
};

struct FaultSpec {
  models::migration::FaultKind kind = models::migration::FaultKind::link_down;
  std::string target;  // link, VIOS, system or LPAR name, by kind
  std::optional<sim::Duration> at;
  std::optional<ProtocolPointSpec> at_point;
  std::optional<sim::Duration> repair_after;
};

}  // namespace app::scenario
