// Calibration: fits an LPAR's dirty model (hot/cold: hot fraction, hot and cold write rates; or
// uniform: write rate and working set) and a link efficiency factor to measured migrations, by
// Levenberg–Marquardt on Eigen matrices with the expected-mode simulator as the forward model.
// Used by `lpmsim calibrate`; the measurement format is documented in SWEEP.md.
//   auto m = app::studies::load_measurements("measured.json");
//   auto fit = app::studies::calibrate(template_spec, ".", m);
#pragma once

#include <filesystem>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "app/scenario/spec.hpp"
#include "sim/quantity.hpp"
#include "sim/time.hpp"

namespace app::studies {

// A malformed measurement file (exit 2): "FILE: /json/pointer: expected …".
class MeasurementError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

struct MeasuredMigration {
  sim::Bytes memory{0};
  sim::BytesPerSecond bandwidth{0};  // nominal link bandwidth
  sim::Duration total_time;          // request → completed
  std::optional<sim::Duration> downtime;
  std::optional<double> bytes_sent;
  std::vector<double> pass_pages;  // pages sent per pre-copy pass, when known
  // `lpmsim compare` (issue 13): the LPAR's workload during this migration, a scenario workload
  // object that replaces the scenario's (calibrate fits the workload, so it refuses one), and
  // where it was written ("FILE:LINE: /migrations/3/workload") for the loader's diagnostics.
  std::optional<nlohmann::json> workload;
  std::string workload_at;
};

enum class DirtyModelKind { hot_cold, uniform };

struct Measurements {
  std::string lpar;  // "" = the LPAR of the template's first migrlpar
  DirtyModelKind model = DirtyModelKind::hot_cold;
  std::vector<MeasuredMigration> migrations;
};

// Each fit iteration simulates every measured migration: more than this is refused up front.
inline constexpr std::size_t kMaxMeasuredMigrations = 1000;

// Reads a measurement file (untrusted: size limit, syntax errors with line and column, duplicate
// and unknown root keys refused). Throws ScenarioError or MeasurementError.
// (measurement_file.cpp) The text form is what the fuzz target feeds.
Measurements load_measurements(const std::filesystem::path& path);
Measurements parse_measurements(std::string_view text, const std::string& file);

// The fitted quantities. Hot/cold uses hot_fraction, hot_rate, cold_rate; uniform uses
// write_rate (in hot_rate) and working_set_fraction (in hot_fraction). Rates in pages/s.
struct DirtyFit {
  DirtyModelKind model = DirtyModelKind::hot_cold;
  double hot_fraction = 0.1;
  double hot_rate = 10000;
  double cold_rate = 500;
  double efficiency = 0.9;  // effective / nominal link bandwidth
};

struct MigrationResidual {
  double total_time_s = 0, predicted_total_time_s = 0;
  double downtime_s = -1, predicted_downtime_s = 0;  // -1: not measured
  double bytes = -1, predicted_bytes = 0;
  bool converged = true;  // the simulated migration completed
};

struct CalibrationResult {
  DirtyFit fit;
  std::vector<MigrationResidual> residuals;
  double rms_relative_error = 0;  // over every residual term
  int iterations = 0;
  int evaluations = 0;  // simulator runs
  double start_rms_relative_error = 0;  // with the start values
  bool moved = false;   // false: no step improved on the start; the fit is not claimed
};

// `start` is the initial guess (the template's workload when it has the same model).
CalibrationResult calibrate(const scenario::ScenarioSpec& base,
                            const std::filesystem::path& scenario_dir,
                            const Measurements& measurements,
                            std::optional<DirtyFit> start = std::nullopt);

// The template with one measured configuration and a dirty model applied (the forward model's
// scenario; also how `--write` patches the fitted values in).
scenario::ScenarioSpec apply_fit(const scenario::ScenarioSpec& base, const std::string& lpar,
                                 const DirtyFit& fit, std::optional<sim::Bytes> memory,
                                 std::optional<sim::BytesPerSecond> bandwidth);

// The LPAR the measurements are about: `lpar`, or the first migrlpar's -p.
std::string calibrated_lpar(const scenario::ScenarioSpec& base, const std::string& lpar);

}  // namespace app::studies

namespace app::studies {

struct QemuRecord;

// Calibration on real QEMU migrations (issue 13): holding the pre-copy mechanism and the fixed
// protocol phases as they are, fits the switchover (stop-and-copy) rate and fixed cost, and the
// live rate efficiency, to the completed runs of `records` (by default the idle ones: their
// blackout is pure transfer and device state, their total pure rate limiting).
struct QemuFit {
  double switchover_rate = 0;      // bytes/s
  double switchover_cost_ms = 0;
  double live_rate_efficiency = 1;
  int runs = 0;                    // records fitted on
  double start_error = 0;          // mean abs relative error (total + downtime) at the start
  double error = 0;                // … with the fitted values
  double total_median_abs_pct = 0;  // on the fitted runs, with the fitted values
  double downtime_median_abs_pct = 0;
  bool moved = false;              // false: nothing better than the start was found
};

struct QemuCalibrationOptions {
  bool idle_only = true;
};

QemuFit calibrate_qemu(const std::vector<QemuRecord>& records, const nlohmann::json& start_profile,
                       const QemuCalibrationOptions& options = {});

// The start profile with the fitted values and their figures (a partial scenario document that
// `lpmsim compare --profile` reads). Checked to make a valid scenario before it is returned.
nlohmann::json fitted_profile(const nlohmann::json& start_profile, const QemuFit& fit,
                              const std::vector<QemuRecord>& records);

}  // namespace app::studies
