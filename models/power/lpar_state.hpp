// The partition states the HMC shows (`lssyscfg -F state`, REST PartitionState.Enum; domain doc
// §4.2). Used by Lpar, the migration state machine and the lslparmigr-style reports.
#pragma once

#include <string_view>

namespace models::power {

enum class LparState {
  not_activated,
  starting,
  running,
  shutting_down,
  error,
  open_firmware,
  not_available,
  migrating_not_activated,
  migrating_running,
  suspending,
  suspended,
  resuming,
  migrating_suspended,
};

// The exact text the HMC prints, e.g. "Migrating - Running".
std::string_view hmc_name(LparState s);

}  // namespace models::power
