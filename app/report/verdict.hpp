// The verdict on one migration, one wording for the console, the HTML headline, the report and
// the CSV (issue 17): "Converged", "Not converged" (why pre-copy stopped), "Rejected" (the first
// validation error, code and text), "Rolled back" (why), "Failed" (why), "Recovered", "Pending",
// "Validated". Words used throughout: blackout = suspend → resume on the destination (the LPAR
// runs nowhere); post-copy = resume → last page on the destination; post-copy stall = the total
// time the LPAR's vCPUs waited for pages fetched from the source during post-copy.
//   Verdict v = verdict(record);  // {"Not converged", "no progress for 3 passes, 9.1 GiB left"}
#pragma once

#include <string>

#include "models/migration/migration_record.hpp"

namespace app::report {

struct Verdict {
  std::string label;   // "Converged", "Not converged", "Rejected", …
  std::string reason;  // empty for Converged, Validated and Pending
  std::string text() const { return reason.empty() ? label : label + " (" + reason + ")"; }
};

Verdict verdict(const models::migration::MigrationRecord& record);

// "no progress", "pass limit", "time limit", … for a pre-copy stop rule that is not convergence;
// empty for the rules that mean the pre-copy converged.
std::string non_convergence(const std::string& stop_rule);

}  // namespace app::report
