// Spreadsheet tables of a run (`lpmsim run --csv DIR`): migrations.csv (one row per migration),
// passes.csv (one row per pre-copy pass) and phases.csv (one row per phase), RFC 4180: CRLF line
// ends, fields quoted when they hold a comma, quote, CR or LF. Column "migration" (1-based, in
// request order) joins the tables, since one LPAR may migrate more than once.
#pragma once

#include <filesystem>
#include <ostream>
#include <string>
#include <string_view>
#include <vector>

#include "app/report/run_report.hpp"

namespace app::report {

// One RFC 4180 field: as is, or in double quotes with embedded quotes doubled.
std::string csv_field(std::string_view text);

void write_migrations_csv(const RunReport& report, std::ostream& out);
void write_passes_csv(const RunReport& report, std::ostream& out);
void write_phases_csv(const RunReport& report, std::ostream& out);

// Creates `dir` if needed and writes the three tables into it; returns the paths written.
// Each table is written atomically (output_file.hpp); throws OutputError naming the file.
std::vector<std::filesystem::path> write_csv(const RunReport& report,
                                             const std::filesystem::path& dir);

}  // namespace app::report
