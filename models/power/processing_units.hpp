// models::power::ProcessingUnits: processor capacity in hundredths of a core, the granularity the
// HMC uses for shared-processor entitlement (0.01). Integer so that accounting balances exactly.
// Dedicated partitions count whole cores (ProcessingUnits::cores(4) == 400 hundredths).
//   ProcessingUnits e = ProcessingUnits::hundredths(150);  // 1.5 processing units
#pragma once

#include <compare>
#include <cstdint>

namespace models::power {

class ProcessingUnits {
 public:
  constexpr ProcessingUnits() = default;
  static constexpr ProcessingUnits hundredths(std::int64_t h) { return ProcessingUnits(h); }
  static constexpr ProcessingUnits cores(std::int64_t n) { return ProcessingUnits(n * 100); }

  constexpr std::int64_t in_hundredths() const { return hundredths_; }
  // For rates and reports only (e.g. MSP CPU capacity → throughput); never fed back into accounting.
  constexpr double as_cores() const { return static_cast<double>(hundredths_) / 100.0; }

  constexpr auto operator<=>(const ProcessingUnits&) const = default;
  constexpr ProcessingUnits operator+(ProcessingUnits o) const { return ProcessingUnits(hundredths_ + o.hundredths_); }
  constexpr ProcessingUnits operator-(ProcessingUnits o) const { return ProcessingUnits(hundredths_ - o.hundredths_); }

 private:
  constexpr explicit ProcessingUnits(std::int64_t h) : hundredths_(h) {}
  std::int64_t hundredths_ = 0;
};

}  // namespace models::power
