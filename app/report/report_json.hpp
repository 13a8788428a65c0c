// The machine-readable run report (`lpmsim run --report FILE`, default report.json): the run's
// identity, a summary, every migration with its phases, pre-copy passes, stop decision and
// validation messages, the faults, the sampled series and the effective scenario.
// Schema: app/report/README.md. Keys appear in a fixed order; same RunReport → same bytes.
#pragma once

#include <functional>
#include <nlohmann/json.hpp>
#include <ostream>
#include <string>

#include "app/report/run_report.hpp"

namespace app::report {

// The schema identifier written as "schema"; bumped on any incompatible change.
inline constexpr const char* report_schema = "lpmsim-report/1";

// The report as a JSON value with keys in document order (see README.md).
nlohmann::ordered_json report_to_json(const RunReport& report);

// Writes report_to_json() indented by 2, followed by a newline. Invalid UTF-8 in names is
// replaced by U+FFFD rather than failing the run.
void write_report_json(const RunReport& report, std::ostream& out);

// The same bytes, with the "scenario" value (the last thing written) taken from scenario_text()
// when the writer reaches it: scenario_report_text(report.scenario), which another thread may
// prepare meanwhile (a data-centre scenario's text is over 100 MB; lpmsim run builds it while
// the migrations are written).
void write_report_json(const RunReport& report, std::ostream& out, const std::function<std::string()>& scenario_text);
// The effective scenario as the report prints it (keys sorted, indented as the "scenario" value).
std::string scenario_report_text(const nlohmann::ordered_json& scenario);

}  // namespace app::report
