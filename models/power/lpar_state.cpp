#include "models/power/lpar_state.hpp"

namespace models::power {

std::string_view hmc_name(LparState s) {
  switch (s) {
    case LparState::not_activated: return "Not Activated";
    case LparState::starting: return "Starting";
    case LparState::running: return "Running";
    case LparState::shutting_down: return "Shutting Down";
    case LparState::error: return "Error";
    case LparState::open_firmware: return "Open Firmware";
    case LparState::not_available: return "Not Available";
    case LparState::migrating_not_activated: return "Migrating - Not Activated";
    case LparState::migrating_running: return "Migrating - Running";
    case LparState::suspending: return "Suspending";
    case LparState::suspended: return "Suspended";
    case LparState::resuming: return "Resuming";
    case LparState::migrating_suspended: return "Migrating - Suspended";
  }
  return "Unknown";
}

}  // namespace models::power
