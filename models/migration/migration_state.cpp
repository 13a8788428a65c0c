#include "models/migration/migration_state.hpp"

#include <initializer_list>

namespace models::migration {

std::string_view to_string(MigrationState s) {
  switch (s) {
    case MigrationState::requested: return "Requested";
    case MigrationState::validating: return "Validating";
    case MigrationState::queued: return "Queued";
    case MigrationState::preparing: return "Preparing";
    case MigrationState::precopy: return "PreCopy";
    case MigrationState::suspending: return "Suspending";
    case MigrationState::suspended: return "Suspended";
    case MigrationState::resumed: return "Resumed";
    case MigrationState::completing: return "Completing";
    case MigrationState::completed: return "Completed";
    case MigrationState::stopping: return "Stopping";
    case MigrationState::rolled_back: return "RolledBack";
    case MigrationState::failed: return "Failed";
    case MigrationState::recovering: return "Recovering";
    case MigrationState::recovered: return "Recovered";
    case MigrationState::rejected: return "Rejected";
    case MigrationState::validated: return "Validated";
  }
  return "Unknown";
}

bool is_terminal(MigrationState s) {
  switch (s) {
    case MigrationState::completed:
    case MigrationState::rolled_back:
    case MigrationState::recovered:
    case MigrationState::rejected:
    case MigrationState::validated:
      return true;
    default:
      return false;
  }
}

bool before_point_of_no_return(MigrationState s) {
  switch (s) {
    case MigrationState::requested:
    case MigrationState::validating:
    case MigrationState::queued:
    case MigrationState::preparing:
    case MigrationState::precopy:
    case MigrationState::suspending:
      return true;
    default:
      return false;
  }
}

bool is_legal_transition(MigrationState from, MigrationState to) {
  using S = MigrationState;
  auto any_of = [to](std::initializer_list<S> allowed) {
    for (S s : allowed) {
      if (s == to) return true;
    }
    return false;
  };
  switch (from) {
    case S::requested: return any_of({S::validating});
    case S::validating: return any_of({S::rejected, S::validated, S::queued, S::preparing, S::rolled_back});
    case S::queued: return any_of({S::preparing, S::rejected, S::rolled_back});
    // Inactive migration (§4.1) has no pre-copy: its configuration moves during preparation.
    case S::preparing: return any_of({S::precopy, S::completing, S::stopping, S::failed});
    case S::precopy: return any_of({S::suspending, S::stopping, S::failed});
    // An OS that cannot suspend cancels (H_VASI_SIGNAL CANCEL, §2.5 step 8): back to the source.
    case S::suspending: return any_of({S::suspended, S::stopping, S::failed});
    // A blackout that fails before Resumed: the source resumes the partition, then cleans up (§6).
    case S::suspended: return any_of({S::resumed, S::stopping, S::failed});
    case S::resumed: return any_of({S::completing, S::failed});
    case S::completing: return any_of({S::completed, S::failed});
    case S::stopping: return any_of({S::rolled_back, S::failed});
    case S::failed: return any_of({S::recovering});
    case S::recovering: return any_of({S::recovered});
    case S::completed:
    case S::rolled_back:
    case S::recovered:
    case S::rejected:
    case S::validated:
      return false;
  }
  return false;
}

}  // namespace models::migration
