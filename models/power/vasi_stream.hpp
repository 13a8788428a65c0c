// models::power::VasiStream: the VASI migration stream of one active migration, with the states
// and numeric values the hypervisor reports through H_VASI_STATE (§2.9, Linux mobility.c). The
// Migration drives it beside its own state machine (ARCHITECTURE §4); illegal changes are
// refused, so a protocol bug shows up as a refused Outcome in tests and traces.
//
// Legal transitions (derived from §2.5, §2.6, §2.9 and §6; every other pair, and every
// self-transition, is refused):
//
//   from \ to     Invalid Enabled Aborted Suspending Suspended Resumed Completed
//   Invalid          -       ✔       .        .          .        .        .      stream set up (HMC prepare)
//   Enabled          .       -       ✔        ✔          .        .        .      abort before suspend / suspend asked
//   Aborted          ✔       .       -        .          .        .        .      stream torn down
//   Suspending       .       .       ✔        -          ✔        .        .      OS cancel (§2.5.8) / all CPUs joined
//   Suspended        .       .       ✔        .          -        ✔        .      destination lost before resume (§6) / resumed
//   Resumed          .       .       ✔        .          .        -        ✔      fatal post-copy loss (§6) / last page in
//   Completed        ✔       .       .        .          .        .        -      stream torn down (H_PARAMETER after)
//
// [INF] Resumed → Aborted: §6 says a post-resume loss cannot be rolled back; the stream is still
// torn down as aborted, and the Migration reports Failed. A failover to a redundant MSP pair
// (H_VASI_SIGNAL 6) keeps the state unchanged, so it is not a transition here.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "models/power/outcome.hpp"
#include "sim/engine.hpp"

namespace models::power {

enum class VasiState : std::uint8_t {
  invalid = 0,
  enabled = 1,
  aborted = 2,
  suspending = 3,
  suspended = 4,
  resumed = 5,
  completed = 6,
};

// "Invalid", "Enabled", … as in §2.9.
std::string_view vasi_state_name(VasiState s);
// The table above.
bool is_legal_transition(VasiState from, VasiState to);

class VasiStream {
 public:
  // `name` is the trace component, e.g. "db01/vasi"; the stream starts Invalid.
  VasiStream(sim::Engine& engine, std::string name);

  VasiState state() const { return state_; }
  const std::string& name() const { return name_; }

  // Moves to `to` if the table allows it, traced as "vasi.state" {from, to, value}; otherwise
  // refused with "illegal VASI transition for db01/vasi: Enabled → Resumed" and nothing changes.
  Outcome transition_to(VasiState to);

 private:
  sim::Engine& engine_;
  std::string name_;
  VasiState state_ = VasiState::invalid;
};

}  // namespace models::power
