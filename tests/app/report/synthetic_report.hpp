// Synthetic RunReports for the report-layer tests: the same records every time, so writers'
// outputs can be pinned. synthetic_report(): a completed migration with 4 pre-copy passes, one
// rolled back by a link fault, one rejected by validation, plus samples. fleet_report(n): n
// migrations in waves, for layout checks at scale (the HTML with 40 migrations).
#pragma once

#include <cstddef>

#include "app/report/run_report.hpp"

namespace test_report {

app::report::RunReport synthetic_report();
app::report::RunReport fleet_report(std::size_t migrations);

}  // namespace test_report
