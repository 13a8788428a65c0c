#include "app/report/verdict.hpp"

#include "app/report/report_format.hpp"

namespace app::report {

namespace {
using models::migration::MigrationOutcome;
using models::migration::ValidationMessage;
}  // namespace

std::string non_convergence(const std::string& rule) {
  if (rule == "no-progress") return "no progress";
  if (rule == "max-passes" || rule == "max-iterations") return "pass limit";
  if (rule == "timeout") return "pre-copy time limit";
  if (rule == "max-factor") return "sent-data limit";
  return "";  // remaining-below-threshold, expected-downtime-below-limit, *-below-target
}

Verdict verdict(const models::migration::MigrationRecord& m) {
  switch (m.outcome) {
    case MigrationOutcome::completed: {
      // Inactive mobility moves only the configuration (§4.1): nothing to converge.
      if (m.migration_type == "inactive") return {"Moved inactive", ""};
      if (!m.stop) return {"Converged", ""};
      const std::string why = non_convergence(m.stop->decision.rule);
      if (why.empty()) return {"Converged", ""};
      return {"Not converged",
              why + " after " + std::to_string(m.stop->passes) + " passes, " +
                  human_bytes(m.stop->remaining_wire_bytes) + " left for the blackout and post-copy"};
    }
    case MigrationOutcome::rejected:
      for (const auto& v : m.validation)
        if (v.severity == ValidationMessage::Severity::error) return {"Rejected", v.code + " " + v.text};
      return {"Rejected", m.outcome_detail};
    case MigrationOutcome::rolled_back: return {"Rolled back", m.outcome_detail};
    case MigrationOutcome::failed:
      return {m.recoverable ? "Failed (recoverable)" : "Failed", m.outcome_detail};
    case MigrationOutcome::recovered: return {"Recovered", m.outcome_detail};
    case MigrationOutcome::pending: return {"Pending", "still running when the simulation ended"};
    case MigrationOutcome::validated: return {"Validated", ""};
  }
  return {"Unknown", ""};
}

}  // namespace app::report
