// The table sections of the HTML report (internal to app/report): each returns one
// <section class="card"> with escaped text. Used by html_report.cpp.
#pragma once

#include <string>

#include "app/report/run_report.hpp"

namespace app::report {

std::string summary_table_section(const RunReport& report);
std::string validation_section(const RunReport& report);
std::string faults_section(const RunReport& report);
std::string cost_section(const RunReport& report);  // empty when no migration moved data
std::string post_requisites_section(const RunReport& report);  // empty when there are none

}  // namespace app::report
