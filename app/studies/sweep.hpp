// Sweep: runs the variants of a SweepGrid over one base scenario, each variant its own
// Simulation in expected or exact mode as the scenario says; variants share nothing, so any
// number of threads (and MPI ranks, see sweep_driver.hpp) give the same VariantResults.
// Used by `lpmsim sweep`, plan-evacuation and bench/bm_sweep.cpp.
//   app::studies::Sweep sweep(app::scenario::to_json(spec), "scenarios", "quickstart.json", grid);
//   auto rows = sweep.run_batch({0, 1, 2, 3}, /*jobs=*/2);
#pragma once

#include <cstddef>
#include <filesystem>
#include <map>
#include <optional>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "app/report/run_report.hpp"
#include "app/scenario/spec.hpp"
#include "app/studies/sweep_grid.hpp"

namespace app::studies {

// One migration of one variant (a row of --migrations-csv; "per_migration" in JSON Lines).
struct MigrationRow {
  std::string lpar;
  std::string source;
  std::string destination;
  std::string outcome;             // report::outcome_key: completed, rolled_back, failed, …
  std::optional<double> total_s;   // requested → ended; none while still pending at the end
  std::optional<double> blackout_s;  // none when the partition was never suspended
  double bytes_sent = 0;           // on the wire
  int passes = 0;                  // pre-copy passes
  bool operator==(const MigrationRow&) const = default;
};

// One variant's outcome, summarised over its migrations (a row of the CSV / JSON Lines).
struct VariantResult {
  std::size_t index = 0;
  std::vector<nlohmann::json> params;  // in SweepGrid::parameter_names() order
  int migrations = 0;
  int completed = 0;
  int rolled_back = 0;
  int failed = 0;          // failed or recovered
  int other = 0;           // rejected, validated-only or still pending at the end
  double max_total_s = 0;  // over completed migrations (requested → ended)
  double mean_total_s = 0;
  double max_blackout_s = 0;
  double total_bytes = 0;  // on the wire, all migrations
  std::string error;       // the variant's scenario was invalid: the first diagnostic
  std::vector<MigrationRow> per_migration;  // only when the sweep records migrations
  bool operator==(const VariantResult&) const = default;
};

// Summarises a finished run (shared with plan-evacuation); with `per_migration`, also one
// MigrationRow per migration in the order the HMC received them.
VariantResult summarise(const report::RunReport& report, bool per_migration = false);

class Sweep {
 public:
  Sweep(nlohmann::ordered_json base, std::filesystem::path scenario_dir, std::string file,
        SweepGrid grid);

  const SweepGrid& grid() const { return grid_; }
  std::size_t size() const { return grid_.size(); }
  const std::string& file() const { return file_; }
  // Whether variants keep one MigrationRow per migration (--migrations-csv); off by default.
  void set_record_migrations(bool on) { record_migrations_ = on; }
  bool records_migrations() const { return record_migrations_; }

  // The scenario of variant `index`: the base with every parameter patched in, re-validated.
  // Throws scenario::ScenarioError (invalid value) or SweepGridError (pointer not in the file).
  scenario::ScenarioSpec variant_spec(std::size_t index) const;

  // Runs the given variants on `jobs` threads; results in the order of `indices`.
  std::vector<VariantResult> run_batch(const std::vector<std::size_t>& indices, int jobs) const;

  // Per thread: the last spec built, keyed by its non-seed parameters, since seeds usually vary
  // fastest and a seed needs no re-validation (it goes to RunOptions::seed).
  struct VariantCache {
    bool valid = false;
    std::string key;
    scenario::ScenarioSpec spec;
    std::string error;
  };
  // Runs variant `index` (one thread's unit of work; SweepRunner calls it).
  VariantResult run_variant(std::size_t index, VariantCache& cache) const;

 private:
  scenario::ScenarioSpec build_spec(const std::vector<nlohmann::json>& params,
                                    bool skip_seed) const;

  nlohmann::ordered_json base_;
  std::filesystem::path scenario_dir_;
  std::string file_;
  SweepGrid grid_;
  int seed_parameter_ = -1;
  bool record_migrations_ = false;
};

}  // namespace app::studies
