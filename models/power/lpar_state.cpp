#include "models/power/lpar_state.hpp"

#include <array>
#include <utility>

namespace models::power {

namespace {

using S = LparState;

constexpr std::array<std::pair<S, std::string_view>, 13> kNames{{
    {S::not_activated, "Not Activated"},
    {S::starting, "Starting"},
    {S::running, "Running"},
    {S::shutting_down, "Shutting Down"},
    {S::error, "Error"},
    {S::open_firmware, "Open Firmware"},
    {S::not_available, "Not Available"},
    {S::migrating_not_activated, "Migrating - Not Activated"},
    {S::migrating_running, "Migrating - Running"},
    {S::suspending, "Suspending"},
    {S::suspended, "Suspended"},
    {S::resuming, "Resuming"},
    {S::migrating_suspended, "Migrating - Suspended"},
}};

// [INF] from §4.2/§9.1 and HMC practice:
// - activation: Not Activated → Starting → (Open Firmware →) Running; any of them can fail to Error;
// - shutdown: Running/Open Firmware → Shutting Down → Not Activated; an immediate power-off goes
//   straight from Running or Open Firmware to Not Activated;
// - migration (§9.1): Running ⇄ Migrating - Running, Not Activated ⇄ Migrating - Not Activated
//   (back to the same state on both rollback and completion), Suspended ⇄ Migrating - Suspended;
// - suspend/resume of a partition (not the LPM blackout, which the HMC keeps showing as
//   Migrating - Running): Running → Suspending → Suspended → Resuming → Running, a failed
//   suspend returns Suspending → Running;
// - Error is left by a restart or power-off; Not Available (HMC lost contact) may be entered from
//   anywhere and is left to the state the HMC then reads.
constexpr std::array<std::pair<S, S>, 29> kLegalLpar{{
    {S::not_activated, S::starting},
    {S::not_activated, S::migrating_not_activated},
    {S::starting, S::open_firmware},
    {S::starting, S::running},
    {S::starting, S::error},
    {S::open_firmware, S::running},
    {S::open_firmware, S::shutting_down},
    {S::open_firmware, S::not_activated},
    {S::open_firmware, S::error},
    {S::running, S::shutting_down},
    {S::running, S::not_activated},
    {S::running, S::migrating_running},
    {S::running, S::suspending},
    {S::running, S::error},
    {S::shutting_down, S::not_activated},
    {S::shutting_down, S::error},
    {S::error, S::starting},
    {S::error, S::not_activated},
    {S::migrating_not_activated, S::not_activated},
    {S::migrating_not_activated, S::error},
    {S::migrating_running, S::running},
    {S::migrating_running, S::error},
    {S::suspending, S::suspended},
    {S::suspending, S::running},
    {S::suspended, S::resuming},
    {S::suspended, S::migrating_suspended},
    {S::resuming, S::running},
    {S::resuming, S::error},
    {S::migrating_suspended, S::suspended},
}};

}  // namespace

std::string_view hmc_name(LparState s) {
  for (const auto& [state, name] : kNames) {
    if (state == s) return name;
  }
  return "Unknown";
}

std::optional<LparState> lpar_state_from_name(std::string_view name) {
  for (const auto& [state, text] : kNames) {
    if (text == name) return state;
  }
  return std::nullopt;
}

bool is_legal_transition(LparState from, LparState to) {
  if (from == to) return false;
  if (to == S::not_available) return true;
  if (from == S::not_available) return true;
  for (const auto& [a, b] : kLegalLpar) {
    if (a == from && b == to) return true;
  }
  return false;
}

bool is_migrating(LparState s) {
  return s == S::migrating_running || s == S::migrating_not_activated || s == S::migrating_suspended;
}

}  // namespace models::power
