// The partition states the HMC shows (`lssyscfg -F state`, REST PartitionState.Enum; domain doc
// §4.2) and which changes between them are legal. Used by Lpar, the migration state machine and
// the lslparmigr-style reports.
#pragma once

#include <optional>
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
// Inverse of hmc_name(LparState), exact match; nullopt for anything else.
std::optional<LparState> lpar_state_from_name(std::string_view name);

// Legal state changes (the table is in lpar_state.cpp; self-changes are never legal). The HMC
// does not publish a transition diagram: the table is our reading of §4.2, §9.1 and ordinary
// HMC behaviour [INF]. Migration uses Running ⇄ Migrating - Running and
// Not Activated ⇄ Migrating - Not Activated; suspend/resume of a running partition uses
// Running → Suspending → Suspended → Resuming → Running.
bool is_legal_transition(LparState from, LparState to);

// True for the three "Migrating - …" states (pypowervm refuses a new migration then, §3.4).
bool is_migrating(LparState s);

}  // namespace models::power
