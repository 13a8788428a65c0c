// The self-contained HTML report (`lpmsim run --html FILE.html`): one file with inline CSS, SVG
// and a little script, no network resources. Sections: key figures, a Gantt timeline of all
// migrations, the summary table, per-migration convergence charts, link utilisation, MSP and
// HMC queue concurrency, validation messages, faults, post-requisites, effective scenario.
// The markup is also well-formed XML, so tests can parse it strictly.
#pragma once

#include <ostream>

#include "app/report/run_report.hpp"

namespace app::report {

void write_html(const RunReport& report, std::ostream& out);

}  // namespace app::report
