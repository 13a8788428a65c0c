// `lpmsim compare FILE… [--profile P.json] [--json OUT] [--max-runs N]`: predicts every measured
// migration in the files (the flat QEMU record format, app/studies/compare_records.hpp) with the
// normal simulation path and prints measured against predicted per run, then the summary.
// `lpmsim compare M.json… --scenario S.json`: measured PowerVM migrations instead, in calibrate's
// measurement format (SWEEP.md), each predicted with the estate's scenario.
// Exit 0; 2 on bad input (a line that cannot be read names file, line and field).
#include <fmt/core.h>

#include <fstream>

#include "app/cli/command.hpp"
#include "app/cli/scenario_input.hpp"
#include "app/scenario/diagnostic.hpp"
#include "app/studies/calibration.hpp"
#include "app/studies/compare.hpp"

namespace app::cli {

namespace {

struct CompareArgs {
  std::vector<std::string> files;
  std::string profile;
  std::string scenario;
  std::string json_out;
  std::int64_t max_runs = 10000;
  int seeds = 0;
};

std::string cell(const std::optional<double>& v, const char* format) {
  return v ? fmt::format(fmt::runtime(format), *v) : std::string("-");
}

// `where`: who measured ("QEMU", "measured"); `syncs`: what the count column counts.
void print(const studies::CompareResult& result, const char* where = "in QEMU", const char* syncs = "syncs") {
  fmt::print("{:<52} {:>9} {:>9} {:>8} {:>8} {:>6} {:>5} {:>5}\n", "run", "total ms", "pred", "down ms", "pred",
             syncs, "pred", "conv");
  for (const auto& r : result.runs) {
    const auto conv = [](bool c) { return c ? "y" : "n"; };
    fmt::print("{:<52} {:>9} {:>9} {:>8} {:>8} {:>6} {:>5} {:>2}/{}\n", r.run_id, cell(r.measured.total_ms, "{:.0f}"),
               cell(r.predicted.total_ms, "{:.0f}"), cell(r.measured.downtime_ms, "{:.0f}"),
               cell(r.predicted.downtime_ms, "{:.1f}"), cell(r.measured.dirty_sync_count, "{:.0f}"),
               cell(r.predicted.dirty_sync_count, "{:.0f}"), conv(r.measured.converged), conv(r.predicted.converged));
  }
  const auto& s = result.summary;
  fmt::print("\n{} runs, {} skipped (race), {} compared; {} completed {}, {} in both\n", s.runs, s.race_skipped,
             s.compared, s.measured_completed, where, s.both_completed);
  fmt::print("total time   median abs error {:.2f} %\n", s.total_median_abs_pct);
  fmt::print("downtime     median abs error {:.2f} %\n", s.downtime_median_abs_pct);
  fmt::print("{:<12} within ±1 in {:.1f} % of completed runs\n", std::string(syncs) == "syncs" ? "sync count" : syncs,
             100 * s.sync_within_1_share);
  fmt::print("convergence  agreement {:.1f} %  (measured converged: predicted {} converged, {} not; measured not: "
             "predicted {} converged, {} not)\n",
             100 * s.convergence_agreement, s.confusion[1][1], s.confusion[1][0], s.confusion[0][1], s.confusion[0][0]);
}

// Measured PowerVM migrations (calibrate's measurement files) against the estate's scenario.
int compare_measured(const CompareArgs& a) {
  if (!a.profile.empty() || a.seeds > 0)
    throw studies::MeasurementError("--profile and --seeds are for QEMU records; with --scenario the scenario is the model");
  const auto loaded = load_scenario_or_report(a.scenario);
  if (!loaded) return 2;
  const auto dir = std::filesystem::path(a.scenario).parent_path();
  studies::CompareResult all;
  for (const auto& f : a.files) {
    studies::CompareResult one = studies::compare_measured(*loaded, dir, f, studies::load_measurements(f));
    for (auto& r : one.runs) all.runs.push_back(std::move(r));
  }
  all.summary = studies::summarize(all.runs, 0);
  print(all, "as measured", "passes");
  if (!a.json_out.empty()) {
    std::ofstream out(a.json_out, std::ios::binary);
    if (!out) throw studies::MeasurementError("cannot write " + a.json_out);
    out << studies::to_json(all).dump(2) << '\n';
  }
  return 0;
}

int compare(const CompareArgs& a) {
  if (!a.scenario.empty()) return compare_measured(a);
  std::vector<studies::QemuRecord> records;
  for (const auto& f : a.files) studies::read_qemu_records(f, records, {.max_runs = a.max_runs});
  const nlohmann::json profile = a.profile.empty() ? nlohmann::json::object() : studies::load_profile(a.profile);
  studies::CompareResult result;
  try {
    result = studies::compare_runs(records, profile);
  } catch (const scenario::ScenarioError& e) {
    fmt::print(stderr, "lpmsim compare: the profile does not make a valid scenario{}:\n{}\n",
               a.profile.empty() ? "" : " (" + a.profile + ")", e.what());
    return 2;
  }
  print(result);
  if (a.seeds > 0) {
    const studies::SpreadResult s = studies::spread_over_seeds(records, profile, a.seeds);
    fmt::print("\nrun-to-run spread, sigma of ln within repeated configurations: measured (repeats) | predicted "
               "(seeds 1..{}, simulation.variation on)\n",
               s.seeds);
    const auto line = [](const char* name, const studies::SpreadFigure& f) {
      fmt::print("{:<22} {:.3f} ({} dof) | {:.3f} ({} dof), {} configurations\n", name, f.measured_sigma,
                 f.measured_dof, f.predicted_sigma, f.predicted_dof, f.configurations);
    };
    line("total time", s.total);
    line("downtime (>= 10 ms)", s.downtime);
  }
  if (!a.json_out.empty()) {
    std::ofstream out(a.json_out, std::ios::binary);
    if (!out) throw studies::MeasurementError("cannot write " + a.json_out);
    out << studies::to_json(result).dump(2) << '\n';
  }
  return 0;
}

}  // namespace

CommandAction register_compare_command(CLI::App& app) {
  auto* cmd = app.add_subcommand("compare", "Predict measured migrations (QEMU records, or PowerVM measurements with --scenario) and score the predictions");
  auto a = std::make_shared<CompareArgs>();
  cmd->add_option("files", a->files,
                  "measured runs: QEMU records, one JSON object per line (../shared/fidelity/README.md), or with "
                  "--scenario measurement files")
      ->required()
      ->check(CLI::ExistingFile);
  cmd->add_option("--profile", a->profile, "fitted profile: a partial scenario document")->check(CLI::ExistingFile);
  cmd->add_option("--scenario", a->scenario,
                  "the FILEs are measured PowerVM migrations (calibrate's measurement format, SWEEP.md) of this "
                  "scenario's LPAR: each is predicted with the scenario, its memory, bandwidth and workload")
      ->check(CLI::ExistingFile);
  cmd->add_option("--json", a->json_out, "write runs and summary as JSON");
  cmd->add_option("--seeds", a->seeds,
                  "also compare the run-to-run spread: predict each repeated configuration over seeds 1..N with "
                  "simulation.variation on")
      ->check(CLI::Range(1, 1000));
  cmd->add_option("--max-runs", a->max_runs, "refuse more runs than this (each is a simulation)")
      ->capture_default_str()
      ->check(CLI::PositiveNumber);
  return [cmd, a]() {
    if (!cmd->parsed()) return -1;
    return exit_2_on<studies::MeasurementError>("compare", [&] { return compare(*a); });
  };
}

}  // namespace app::cli
