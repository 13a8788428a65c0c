#include "models/migration/migration_record.hpp"

namespace models::migration {

const char* to_string(MigrationOutcome outcome) {
  switch (outcome) {
    case MigrationOutcome::pending: return "Pending";
    case MigrationOutcome::completed: return "Completed";
    case MigrationOutcome::rolled_back: return "RolledBack";
    case MigrationOutcome::failed: return "Failed";
    case MigrationOutcome::recovered: return "Recovered";
    case MigrationOutcome::rejected: return "Rejected";
    case MigrationOutcome::validated: return "Validated";
  }
  return "Unknown";
}

}  // namespace models::migration
