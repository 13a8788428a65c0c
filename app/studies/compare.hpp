// `lpmsim compare`: predicts measured migrations with the normal simulation path and scores the
// predictions. Each QEMU record becomes a one-partition scenario (compare_scenario.cpp): the
// built-in template, then the profile (a partial scenario document, merged as a JSON merge
// patch), then the run's own memory, dirtier, max-bandwidth and downtime-limit; it is loaded by
// the scenario loader and run by Simulation like any `lpmsim run`.
//   auto profile = app::studies::load_profile("scenarios/profiles/qemu-7.2-loopback.json");
//   auto result = app::studies::compare_runs(records, profile);
#pragma once

#include <filesystem>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "app/scenario/spec.hpp"
#include "app/studies/calibration.hpp"
#include "app/studies/compare_records.hpp"

namespace app::studies {

// Figures of one run; absent where not measured / not predicted.
struct RunFigures {
  std::optional<double> total_ms;
  std::optional<double> downtime_ms;
  std::optional<double> dirty_sync_count;
  bool converged = false;
};

// The dirty set right after a predicted sync (QEMU's ram.remaining then).
struct PredictedSync {
  int dirty_sync_count = 0;
  double t_s = 0;  // since the migration started
  double remaining_bytes = 0;
};

struct ComparedRun {
  std::string run_id;
  RunFigures measured;
  RunFigures predicted;
  std::vector<PredictedSync> syncs;
};

struct CompareSummary {
  int runs = 0;            // all records read
  int race_skipped = 0;    // race: true, counted and left out
  int compared = 0;        // runs - race_skipped
  int both_completed = 0;  // measured and predicted converged: the error medians run over these
  double total_median_abs_pct = 0;
  double downtime_median_abs_pct = 0;
  double sync_within_1_share = 0;  // of the measured-completed runs (a predicted miss counts as wrong)
  int measured_completed = 0;
  // Convergence confusion: [measured][predicted], index 1 = converged.
  int confusion[2][2] = {{0, 0}, {0, 0}};
  double convergence_agreement = 0;
};

struct CompareResult {
  std::vector<ComparedRun> runs;
  CompareSummary summary;
};

// A profile: a partial scenario document. Throws MeasurementError on unreadable JSON.
nlohmann::json load_profile(const std::filesystem::path& path);

// The scenario text lpmsim runs for `record` under `profile` (for inspection and tests).
std::string scenario_for(const QemuRecord& record, const nlohmann::json& profile,
                         const std::vector<QemuRecord>& all);

// Predicts every record; a profile that does not make a valid scenario is a ScenarioError.
CompareResult compare_runs(const std::vector<QemuRecord>& records, const nlohmann::json& profile);

// The summary of compared runs: medians over the runs both measured and predicted completed
// (downtime over those with a measured downtime), sync counts over the completed runs with a
// measured count (a predicted miss counts as wrong), the convergence confusion over all.
CompareSummary summarize(const std::vector<ComparedRun>& runs, int race_skipped);

// Measured PowerVM migrations (issue 13): the measurement format `calibrate` reads (SWEEP.md),
// each migration predicted with `base` — the estate's scenario — with the measured memory, the
// link bandwidth and, when the migration gives one, its workload in place of the scenario's.
// The LPAR is `measurements.lpar` (default: the first migrlpar's). "syncs" are pre-copy passes
// here (measured: the length of pass_pages). A workload that does not load is a
// MeasurementError naming the measurement file, line and pointer.
CompareResult compare_measured(const scenario::ScenarioSpec& base, const std::filesystem::path& dir,
                               const std::string& file, const Measurements& measurements);

nlohmann::ordered_json to_json(const CompareResult& result);

// The run-to-run spread (issue 17): the repeated configurations' measured spread against the
// spread lpmsim predicts over seeds with simulation.variation on. A configuration is a run_id
// without its time stamp and repetition ("m1024_uniform_w64_r5000_b128_d300"); each spread is
// the pooled standard deviation of ln(x) within configurations. Downtime counts configurations
// whose measured downtimes are all ≥ 10 ms (QEMU reports whole milliseconds).
struct SpreadFigure {
  double measured_sigma = 0;
  int measured_dof = 0;
  double predicted_sigma = 0;
  int predicted_dof = 0;
  int configurations = 0;
};
struct SpreadResult {
  int seeds = 0;
  SpreadFigure total, downtime;
};
SpreadResult spread_over_seeds(const std::vector<QemuRecord>& records, const nlohmann::json& profile, int seeds);

}  // namespace app::studies
