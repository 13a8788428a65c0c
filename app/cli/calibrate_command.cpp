// `lpmsim calibrate MEASUREMENTS.json [--scenario FILE] [--write OUT.json]`: fits the dirty model
// and link efficiency of the scenario's LPAR to measured migrations (app/studies/calibration.hpp),
// prints fitted parameters, residuals and prediction error, and can write the fitted scenario.
// `lpmsim calibrate RUNS.jsonl [--profile START.json] [--all-runs] [--write OUT.json]`: QEMU
// records; fits switchover rate, switchover cost and live rate efficiency (calibrate_qemu).
// Exit 0; 1 when the fit did not move (no fit claimed, nothing written); 2 on bad input.
#include <fmt/core.h>


#include "app/cli/command.hpp"
#include "app/cli/scenario_input.hpp"
#include "app/hmc_import/migration_samples.hpp"
#include "app/report/output_file.hpp"
#include "app/scenario/loader.hpp"
#include "app/studies/calibration.hpp"
#include "app/studies/compare.hpp"

namespace app::cli {

namespace {

struct CalibrateArgs {
  std::string measurements;
  std::string scenario = "scenarios/quickstart.json";
  std::string write;
  std::string profile;
  bool all_runs = false;
};

bool is_qemu_records(const std::string& path) { return std::filesystem::path(path).extension() == ".jsonl"; }

// QEMU records (.jsonl): fit the switchover rate and cost and the live rate efficiency, holding
// the mechanism; write the profile only when the fit moved.
int calibrate_qemu(const CalibrateArgs& a) {
  std::vector<studies::QemuRecord> records;
  studies::read_qemu_records(a.measurements, records);
  const nlohmann::json start = a.profile.empty() ? nlohmann::json::object() : studies::load_profile(a.profile);
  const auto fit = studies::calibrate_qemu(records, start, {.idle_only = !a.all_runs});
  fmt::print("fitted on {} completed {}runs of {}\n", fit.runs, a.all_runs ? "" : "idle ", a.measurements);
  fmt::print("switchover rate      {:.4g} B/s ({:.1f} MiB/s)\n", fit.switchover_rate, fit.switchover_rate / (1 << 20));
  fmt::print("switchover cost      {:.3f} ms\n", fit.switchover_cost_ms);
  fmt::print("live rate efficiency {:.4f}\n", fit.live_rate_efficiency);
  fmt::print("mean abs relative error (total and downtime) {:.2f} % at the start, {:.2f} % fitted\n",
             100 * fit.start_error, 100 * fit.error);
  fmt::print("on these runs: total time median abs error {:.2f} %, downtime {:.2f} %\n", fit.total_median_abs_pct,
             fit.downtime_median_abs_pct);
  if (!fit.moved) {
    fmt::print(stderr,
               "lpmsim calibrate: the fit did not improve on the start values: no fit is claimed{}\n",
               a.write.empty() ? "" : " and nothing is written");
    return 1;
  }
  if (!a.write.empty()) {
    const auto profile = studies::fitted_profile(start, fit, records);
    report::write_output_file(a.write, profile.dump(2) + "\n");
    fmt::print("wrote {} (a profile for lpmsim compare --profile)\n", a.write);
  }
  return 0;
}

void print_result(const studies::CalibrationResult& c) {
  const auto& f = c.fit;
  if (f.model == studies::DirtyModelKind::hot_cold)
    fmt::print(
        "fitted hot_cold: hot_fraction {:.6g}  hot_write_rate {:.6g}pages/s  cold_write_rate "
        "{:.6g}pages/s\n",
        f.hot_fraction, f.hot_rate, f.cold_rate);
  else
    fmt::print("fitted uniform: write_rate {:.6g}pages/s  working_set_fraction {:.6g}\n",
               f.hot_rate, f.hot_fraction);
  fmt::print("link efficiency {:.6g} (effective / nominal bandwidth)\n", f.efficiency);
  fmt::print("{:>3}  {:>12} {:>12} {:>8}  {:>10} {:>10} {:>8}  {:>14} {:>14} {:>8}\n", "#", "total",
             "predicted", "err", "downtime", "predicted", "err", "bytes", "predicted", "err");
  for (std::size_t i = 0; i < c.residuals.size(); ++i) {
    const auto& r = c.residuals[i];
    const auto pct = [](double p, double m) {
      return m > 0 ? fmt::format("{:+.2f}%", 100 * (p - m) / m) : std::string("-");
    };
    fmt::print(
        "{:>3}  {:>11.3f}s {:>11.3f}s {:>8}  {:>10} {:>10} {:>8}  {:>14} {:>14} {:>8}{}\n", i,
        r.total_time_s, r.predicted_total_time_s, pct(r.predicted_total_time_s, r.total_time_s),
        r.downtime_s < 0 ? "-" : fmt::format("{:.4f}s", r.downtime_s),
        fmt::format("{:.4f}s", r.predicted_downtime_s), pct(r.predicted_downtime_s, r.downtime_s),
        r.bytes < 0 ? "-" : fmt::format("{:.0f}", r.bytes),
        fmt::format("{:.0f}", r.predicted_bytes), pct(r.predicted_bytes, r.bytes),
        r.converged ? "" : "  (does not complete in the model)");
  }
  fmt::print("rms relative error {:.4g}%  ({} iterations, {} simulations)\n",
             100 * c.rms_relative_error, c.iterations, c.evaluations);
}

int calibrate(const CalibrateArgs& a) {
  if (is_qemu_records(a.measurements)) return calibrate_qemu(a);
  report::OutputSet files;
  files.add_input("the measurement file", a.measurements);
  files.add_input("the scenario file", a.scenario);
  files.add_output("--write", a.write);
  files.check();
  const auto loaded = load_scenario_or_report(a.scenario);
  if (!loaded) return 2;
  const scenario::ScenarioSpec& base = *loaded;
  // HMC progress samples (lslparmigr -r lpar in a loop, app/hmc_import/HMC_IMPORT.md) or JSON.
  const auto measurements = hmc_import::is_lslparmigr_samples(a.measurements)
                                ? hmc_import::measurements_from_samples(a.measurements, base)
                                : studies::load_measurements(a.measurements);
  for (const auto& m : measurements.migrations)
    if (m.workload)  // compare predicts with a given workload; calibrate fits it
      throw studies::MeasurementError(m.workload_at +
                                      ": calibrate fits the LPAR's workload, so a measured migration cannot give "
                                      "one (it is for lpmsim compare --scenario)");
  const auto dir = std::filesystem::path(a.scenario).parent_path();
  const auto result = studies::calibrate(base, dir, measurements);
  print_result(result);
  if (!result.moved) {
    fmt::print(stderr,
               "lpmsim calibrate: the fit did not move from the start values ({} iterations, rms {:.4g} %): no fit is "
               "claimed{}\n",
               result.iterations, 100 * result.rms_relative_error, a.write.empty() ? "" : " and nothing is written");
    return 1;
  }
  if (!a.write.empty()) {
    const auto lpar = studies::calibrated_lpar(base, measurements.lpar);
    const auto fitted = studies::apply_fit(base, lpar, result.fit, std::nullopt, std::nullopt);
    // What is written must load: check it first (a ScenarioError here would be a bug of ours).
    (void)scenario::load_scenario_text(scenario::to_json(fitted).dump(), a.write, dir);
    report::write_output_file(a.write, scenario::to_json(fitted).dump(2) + "\n");
    fmt::print("wrote {} (LPAR {} workload fitted, link bandwidths × {:.6g})\n", a.write, lpar,
               result.fit.efficiency);
  }
  return 0;
}

}  // namespace

CommandAction register_calibrate_command(CLI::App& app) {
  auto* cmd = app.add_subcommand(
      "calibrate", "Fit dirty-model parameters and link efficiency to measured migrations");
  auto a = std::make_shared<CalibrateArgs>();
  cmd->add_option("measurements", a->measurements,
                  "measured migrations (JSON, app/studies/SWEEP.md), lslparmigr -r lpar samples, or QEMU records (.jsonl)")
      ->required()
      ->check(CLI::ExistingFile);
  cmd->add_option("--scenario", a->scenario,
                  "template scenario: the LPAR, systems and protocol settings")
      ->capture_default_str()
      ->check(CLI::ExistingFile);
  cmd->add_option("--write", a->write, "write the scenario (QEMU records: the profile) with the fitted values");
  cmd->add_option("--profile", a->profile, "QEMU records: the start profile (a partial scenario document)")
      ->check(CLI::ExistingFile);
  cmd->add_flag("--all-runs", a->all_runs, "QEMU records: fit on every completed run, not only the idle ones");
  return [cmd, a]() {
    if (!cmd->parsed()) return -1;
    return exit_2_on<studies::MeasurementError>("calibrate", [&] { return calibrate(*a); });
  };
}

}  // namespace app::cli
