// The states of one partition migration as the HMC drives it (ARCHITECTURE §4, lpm-protocol.md
// §2, §4.2, §9.1) and the only transitions allowed between them. The Migration state machine
// refuses anything else with a SIM_CHECK: an illegal transition is a bug of ours, not an outcome.
//
//   requested → validating → preparing → precopy → suspending → suspended → resumed → completing → completed
//                  │  ↘ queued ↗  │          │           │            │          │
//                  ↓              └──────────┴───────────┴→ stopping → rolled_back   (source still runs)
//        rejected / validated            any fault past the point of no return → failed → recovering → recovered
#pragma once

#include <string_view>

namespace models::migration {

enum class MigrationState {
  requested,
  validating,
  queued,       // valid, waiting for a concurrency slot (per system / MSP / link class)
  preparing,    // destination shell, VIOS adapters and mappings, MSP pair, VASI stream, OS notified
  precopy,      // memory passes while the partition runs on the source
  suspending,   // VASI Suspending: the OS is asked to join and suspend
  suspended,    // the partition executes nowhere: the blackout
  resumed,      // running on the destination; post-copy tail in flight
  completing,   // source VIOS cleanup, profile slot removal, memory reclaimed
  completed,
  stopping,     // stop/abort before the suspend point: undoing preparation
  rolled_back,  // running on the source as if nothing happened
  failed,       // stuck past the point of no return; `migrlpar -o r` needed
  recovering,
  recovered,
  rejected,     // validation errors
  validated,    // `-o v`: validation passed, nothing else done
};

std::string_view to_string(MigrationState s);
bool is_terminal(MigrationState s);
// The transition table above, as code.
bool is_legal_transition(MigrationState from, MigrationState to);
// True while the partition is still authoritative on the source: a stop or fault rolls back.
bool before_point_of_no_return(MigrationState s);

}  // namespace models::migration
