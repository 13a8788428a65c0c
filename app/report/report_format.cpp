#include "app/report/report_format.hpp"

#include <fmt/format.h>

#include <array>
#include <cmath>
#include <cstdint>

namespace app::report {
namespace {

using models::migration::MigrationOutcome;

// Three significant digits of a value in [0, 999.5).
std::string three_digits(double v) {
  if (v < 9.995) return fmt::format("{:.2f}", v);
  if (v < 99.95) return fmt::format("{:.1f}", v);
  return fmt::format("{:.0f}", v);
}

struct Unit {
  double scale;
  const char* name;
};

// Picks the first unit whose value does not round to 1000 or more ("0.98 MiB", not "1000 KiB").
template <std::size_t N>
std::string scaled(double value, const std::array<Unit, N>& units) {
  std::string sign = value < 0 ? "-" : "";
  double v = std::fabs(value);
  for (std::size_t i = 0; i + 1 < N; ++i) {
    if (v / units[i].scale < 999.5)
      return sign + three_digits(v / units[i].scale) + " " + units[i].name;
  }
  return sign + three_digits(v / units[N - 1].scale) + " " + units[N - 1].name;
}

}  // namespace

std::string human_seconds(double seconds) {
  return human_duration(sim::Duration::from_ns(static_cast<std::int64_t>(seconds * 1e9 + 0.5)));
}

std::string human_duration(sim::Duration d) {
  std::int64_t ns = d.ns();
  if (ns < 0) return std::string("-").append(human_duration(-d));
  if (ns == 0) return "0 s";
  if (ns < 1000) return fmt::format("{} ns", ns);
  constexpr std::array<Unit, 3> small{{{1e3, "us"}, {1e6, "ms"}, {1e9, "s"}}};
  double v = static_cast<double>(ns);
  if (v < 59.995e9) {
    std::string text = scaled(v, small);
    if (text != "60.0 s") return text;
  }
  std::int64_t s = (ns + 500'000'000) / 1'000'000'000;
  if (s < 3600) return fmt::format("{} min {:02} s", s / 60, s % 60);
  std::int64_t min = (s + 30) / 60;
  return fmt::format("{} h {:02} min", min / 60, min % 60);
}

std::string human_bytes(double bytes) {
  if (std::fabs(bytes) < 999.5) return fmt::format("{:.0f} B", bytes);
  constexpr std::array<Unit, 5> units{{{1024.0, "KiB"},
                                       {1048576.0, "MiB"},
                                       {1073741824.0, "GiB"},
                                       {1099511627776.0, "TiB"},
                                       {1125899906842624.0, "PiB"}}};
  return scaled(bytes, units);
}

std::string human_rate(sim::BytesPerSecond rate) {
  double bits = rate.bits_per_second();
  if (std::fabs(bits) < 999.5) return fmt::format("{:.0f} bit/s", bits);
  constexpr std::array<Unit, 4> units{
      {{1e3, "kbit/s"}, {1e6, "Mbit/s"}, {1e9, "Gbit/s"}, {1e12, "Tbit/s"}}};
  return scaled(bits, units);
}

std::string human_count(double count) {
  if (std::fabs(count) < 999.5) return fmt::format("{:.0f}", count);
  constexpr std::array<Unit, 4> units{{{1e3, "k"}, {1e6, "M"}, {1e9, "G"}, {1e12, "T"}}};
  std::string text = scaled(count, units);
  text.erase(text.find(' '), 1);
  return text;
}

std::string_view outcome_key(MigrationOutcome outcome) {
  switch (outcome) {
    case MigrationOutcome::pending: return "pending";
    case MigrationOutcome::completed: return "completed";
    case MigrationOutcome::rolled_back: return "rolled_back";
    case MigrationOutcome::failed: return "failed";
    case MigrationOutcome::recovered: return "recovered";
    case MigrationOutcome::rejected: return "rejected";
    case MigrationOutcome::validated: return "validated";
  }
  return "unknown";
}

std::string outcome_label(const models::migration::MigrationRecord& record) {
  switch (record.outcome) {
    case MigrationOutcome::pending: return "Pending";
    case MigrationOutcome::completed: return "Completed";
    case MigrationOutcome::rolled_back: return "Rolled back";
    case MigrationOutcome::failed: return record.recoverable ? "Failed (recoverable)" : "Failed";
    case MigrationOutcome::recovered: return "Recovered";
    case MigrationOutcome::rejected: return "Rejected";
    case MigrationOutcome::validated: return "Validated";
  }
  return "Unknown";
}

std::string_view severity_key(models::migration::ValidationMessage::Severity severity) {
  return severity == models::migration::ValidationMessage::Severity::error ? "error" : "warning";
}

std::string exact_number(double value) { return fmt::format("{}", value); }

}  // namespace app::report
