// Text shared by the report writers: human units for tables and charts ("4.52 s", "64.0 GiB",
// "9.42 Gbit/s"), names of outcomes and severities, and the exact number text used in CSV.
// Machine-readable outputs keep exact values (integer ns, bytes); these are for people.
#pragma once

#include <string>
#include <string_view>

#include "models/migration/migration_record.hpp"
#include "sim/quantity.hpp"
#include "sim/time.hpp"

namespace app::report {

// Three significant digits with a unit that fits: "0 s", "850 ns", "12.3 ms", "4.52 s",
// "3 min 07 s", "1 h 02 min".
std::string human_duration(sim::Duration d);
// The same for a time in seconds (plans and studies keep theirs as doubles), to the nearest ns.
std::string human_seconds(double seconds);
// Binary prefixes, three significant digits: "0 B", "512 B", "1.50 KiB", "64.0 GiB".
std::string human_bytes(double bytes);
// Network style, decimal prefixes of bit/s: "9.42 Gbit/s", "800 Mbit/s".
std::string human_rate(sim::BytesPerSecond rate);
// Counts that may be fractional (expected mode): "0", "812", "12.3k", "1.23M", "4.00G".
std::string human_count(double count);

// "completed", "rolled_back", … — the enumerator's name, used as a key in JSON and CSV.
std::string_view outcome_key(models::migration::MigrationOutcome outcome);
// "Completed", "Rolled back", "Failed (recoverable)", … — for tables.
std::string outcome_label(const models::migration::MigrationRecord& record);
std::string_view severity_key(models::migration::ValidationMessage::Severity severity);

// Shortest text that reads back to the same double ("0.1", "1e+20", "3"); "nan"/"inf" kept.
std::string exact_number(double value);

}  // namespace app::report
