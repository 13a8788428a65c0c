// Spec structs of the HMC: concurrency limits, the pre-copy stop policy with its parameters
// (precopy-models.md §1.3, §4, §5, §8), pre-copy mechanics, fixed phase costs and timeouts.
// PowerVM's real thresholds are unpublished: every value here is a documented setting.
#pragma once

#include <cstdint>
#include <optional>
#include <variant>

#include "app/scenario/spec_enums.hpp"
#include "models/precopy/convergence_policy.hpp"
#include "sim/quantity.hpp"
#include "sim/time.hpp"

namespace app::scenario {

struct HmcLimitsSpec {
  std::int64_t max_per_msp_pair = 8;       // VIOS ≥ 2.2.2.0 with ≥ 10 Gb (§5.2)
  std::int64_t max_on_slow_link = 4;       // "do not run more than 4 on a 1 Gb network"
  sim::BytesPerSecond slow_link_bandwidth = sim::BytesPerSecond(1.25e8);  // 1 Gbit/s
};

// Remaining dirty ≤ threshold, or no progress for N passes, or a pass/time limit [INF].
struct PowervmPolicySpec {
  static constexpr std::string_view tag = "powervm";
  sim::Bytes remaining_threshold = sim::Bytes(64LL << 20);
  std::int64_t no_progress_passes = 3;
  std::int64_t max_passes = 30;
  sim::Duration max_precopy_time = sim::Duration::from_ns(3'600'000'000'000);
};

// xc_domain_save rules (§1.3).
struct XenPolicySpec {
  static constexpr std::string_view tag = "xen";
  std::int64_t min_remaining_pages = 50;
  std::int64_t max_iterations = 29;
  double max_factor = 3.0;
};

// QEMU ≥ 8 (§4.1–§4.3).
struct QemuPolicySpec {
  static constexpr std::string_view tag = "qemu";
  sim::Duration downtime_limit = sim::Duration::from_ns(300'000'000);
  sim::BytesPerSecond max_bandwidth = sim::BytesPerSecond(128.0 * 1024 * 1024);
  sim::Duration bandwidth_window = sim::Duration::from_ns(100'000'000);
  bool auto_converge = false;
  double throttle_trigger_threshold = 0.5;
  double cpu_throttle_initial = 0.2;
  double cpu_throttle_increment = 0.1;
  double max_cpu_throttle = 0.99;
};

// SimGrid (§5): remaining ≤ bandwidth × max_downtime.
struct SimgridPolicySpec {
  static constexpr std::string_view tag = "simgrid";
  sim::Duration max_downtime = sim::Duration::from_ns(30'000'000);
};

using StopPolicySpec = std::variant<PowervmPolicySpec, XenPolicySpec, QemuPolicySpec, SimgridPolicySpec>;

struct PrecopySpec {
  MigrationMode mode = MigrationMode::hybrid;  // PowerVM resumes before all pages arrive (§2.6)
  sim::Bytes tracking_granularity = sim::Bytes(4096);  // 4KiB or 64KiB (§2.4 [INF])
  sim::Bytes chunk_size = sim::Bytes(1LL << 20);
  bool send_untouched = false;
  sim::Bytes device_state_size = sim::Bytes(16LL << 20);  // [INF] CPU/device state in the blackout
  std::optional<sim::BytesPerSecond> switchover_rate;     // absent = whatever the path carries
  sim::Duration switchover_cost = sim::Duration::zero();  // fixed part of the blackout
  sim::Bytes page_header = sim::Bytes(0);                 // per page sent (QEMU: 8 B)
  sim::Bytes zero_page_record = sim::Bytes(0);            // per zero page sent (QEMU: 9 B)
  double live_rate_efficiency = 1.0;                      // share of each rate-limit slice used
};

// Whose fixed costs apply: PowerVM's HMC/VIOS protocol, or a bare hypervisor (QEMU/KVM).
struct PlatformSpec {
  Platform kind = Platform::powervm;
  sim::Duration suspend_latency = sim::Duration::zero();  // bare_hypervisor only
  sim::Duration resume_latency = sim::Duration::zero();   // bare_hypervisor only
};

// Fixed costs of the non-transfer phases [INF: tens of seconds, lpm-protocol.md §5.5].
struct PhaseTimesSpec {
  sim::Duration validation = sim::Duration::from_ns(20'000'000'000);
  sim::Duration preparation = sim::Duration::from_ns(10'000'000'000);
  sim::Duration completion = sim::Duration::from_ns(5'000'000'000);
};

struct TimeoutsSpec {
  sim::Duration migration = sim::Duration::from_ns(7'200'000'000'000);  // pypowervm 4 × 1800 s
  sim::Duration suspend = sim::Duration::from_ns(60'000'000'000);
};

// The words of the management layer's enumerations (models/precopy/convergence_policy.hpp).
template <>
struct EnumTable<models::precopy::ConvergencePolicyKind> {
  static constexpr auto names = std::to_array<std::string_view>({"powervm", "nova", "kubevirt", "auto_converge", "custom"});
};
template <>
struct EnumTable<models::precopy::ConvergenceAction> {
  static constexpr auto names = std::to_array<std::string_view>({"abort", "postcopy", "force_stop_and_copy"});
};

struct HmcSpec {
  PlatformSpec platform;
  HmcLimitsSpec limits;
  StopPolicySpec stop_policy = PowervmPolicySpec{};
  models::precopy::ConvergenceConfig convergence;  // bound directly: defaults and sources in the model
  PrecopySpec precopy;
  PhaseTimesSpec phase_times;
  TimeoutsSpec timeouts;
};

}  // namespace app::scenario
