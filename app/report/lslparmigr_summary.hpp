// What `lpmsim run` prints: one line per migration in the style of the HMC's
// `lslparmigr -r lpar` (comma-separated name=value attributes, lpm-protocol.md §4.4), then a
// fixed-width summary table in human units and a line of totals. Used by app/cli.
#pragma once

#include <ostream>
#include <string>

#include "app/report/run_report.hpp"

namespace app::report {

// `migration_state` as lslparmigr shows it after the run: "Migration Completed",
// "Migration Stopped", "Migration Failed", "Migration Recovery Required", "Migration In
// Progress", or "Not Migrating" (rejected, validated, recovered).
std::string lslparmigr_state(const models::migration::MigrationRecord& record);

// One `lslparmigr -r lpar` line, without the newline.
std::string lslparmigr_line(const models::migration::MigrationRecord& record);

// All lines, a blank line, the table, the totals and any outcome details.
void write_lslparmigr_summary(const RunReport& report, std::ostream& out);

}  // namespace app::report
