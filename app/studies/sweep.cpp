// Sweep: variant specs (patch the effective JSON, re-validate) and threaded batch execution.
#include "app/studies/sweep.hpp"

#include <fmt/core.h>

#include <algorithm>

#include "app/scenario/loader.hpp"
#include "app/report/report_format.hpp"
#include "app/studies/simulation.hpp"
#include "app/studies/sweep_runner.hpp"

namespace app::studies {

using models::migration::MigrationOutcome;

namespace {

MigrationRow migration_row(const models::migration::MigrationRecord& m) {
  MigrationRow row;
  row.lpar = m.lpar;
  row.source = m.source;
  row.destination = m.destination;
  row.outcome = std::string(report::outcome_key(m.outcome));  // as in `lpmsim run --csv`
  if (m.outcome != MigrationOutcome::pending) row.total_s = m.total().seconds();
  if (m.blackout) row.blackout_s = m.blackout->seconds();
  row.bytes_sent = m.bytes_sent;
  row.passes = static_cast<int>(m.passes.size());
  return row;
}

}  // namespace

VariantResult summarise(const report::RunReport& report, bool per_migration) {
  VariantResult r;
  double total_sum = 0;
  for (const auto& m : report.migrations) {
    if (per_migration) r.per_migration.push_back(migration_row(m));
    ++r.migrations;
    switch (m.outcome) {
      case MigrationOutcome::completed: {
        ++r.completed;
        const double t = m.total().seconds();
        total_sum += t;
        r.max_total_s = std::max(r.max_total_s, t);
        break;
      }
      case MigrationOutcome::rolled_back:
        ++r.rolled_back;
        break;
      case MigrationOutcome::failed:
      case MigrationOutcome::recovered:
        ++r.failed;
        break;
      default:
        ++r.other;
        break;
    }
    if (m.blackout) r.max_blackout_s = std::max(r.max_blackout_s, m.blackout->seconds());
    r.total_bytes += m.bytes_sent;
  }
  if (r.completed > 0) r.mean_total_s = total_sum / r.completed;
  return r;
}

Sweep::Sweep(nlohmann::ordered_json base, std::filesystem::path scenario_dir, std::string file,
             SweepGrid grid)
    : base_(std::move(base)),
      scenario_dir_(std::move(scenario_dir)),
      file_(std::move(file)),
      grid_(std::move(grid)),
      seed_parameter_(grid_.seed_parameter()) {}

scenario::ScenarioSpec Sweep::build_spec(const std::vector<nlohmann::json>& params,
                                         bool skip_seed) const {
  nlohmann::ordered_json doc = base_;
  const auto pointers = grid_.parameter_pointers();
  for (std::size_t i = 0; i < params.size(); ++i) {
    if (skip_seed && static_cast<int>(i) == seed_parameter_) continue;
    for (const auto& name : pointers[i]) {
      const nlohmann::ordered_json::json_pointer pointer(name);
      // Only existing values and direct children of existing objects/arrays: a typo in a pointer
      // must not silently sweep nothing.
      if (!doc.contains(pointer) && !doc.contains(pointer.parent_pointer()))
        throw SweepGridError(fmt::format(
            "{}: {}: not in the scenario (see the effective scenario: lpmsim validate --echo)",
            file_, name));
      doc[pointer] = nlohmann::ordered_json::parse(params[i].dump());
    }
  }
  return scenario::load_scenario_text(doc.dump(), file_, scenario_dir_);
}

scenario::ScenarioSpec Sweep::variant_spec(std::size_t index) const {
  return build_spec(grid_.variant(index), false);
}

VariantResult Sweep::run_variant(std::size_t index, VariantCache& cache) const {
  auto params = grid_.variant(index);
  std::string key;
  std::optional<std::uint64_t> seed;
  for (std::size_t i = 0; i < params.size(); ++i) {
    if (static_cast<int>(i) == seed_parameter_ && params[i].is_number_integer() &&
        params[i].get<std::int64_t>() >= 0) {
      seed = params[i].get<std::uint64_t>();
      continue;
    }
    key += params[i].dump();
    key += '\x1f';
  }
  if (!cache.valid || cache.key != key) {
    cache.valid = true;
    cache.key = key;
    cache.error.clear();
    try {
      cache.spec = build_spec(params, seed.has_value());
    } catch (const scenario::ScenarioError& e) {
      cache.error = e.diagnostics().empty() ? e.what() : e.diagnostics().front().format();
    }
  }
  VariantResult r;
  // An invalid variant is a row with its error; the sweep goes on (issue 17). What only building
  // the world finds (ScenarioError from Simulation) counts as invalid too.
  if (cache.error.empty()) {
    try {
      RunOptions options;
      options.time_series = false;
      options.bottlenecks = false;  // summarise() reads the migration records only
      options.seed = seed;
      options.seed_sweep = seed_parameter_ >= 0;
      Simulation simulation(cache.spec, scenario_dir_, options);
      r = summarise(simulation.run(), record_migrations_);
    } catch (const scenario::ScenarioError& e) {
      r = VariantResult{};
      r.error = e.diagnostics().empty() ? e.what() : e.diagnostics().front().format();
    }
  } else {
    r.error = cache.error;
  }
  r.index = index;
  r.params = std::move(params);
  return r;
}

std::vector<VariantResult> Sweep::run_batch(const std::vector<std::size_t>& indices,
                                            int jobs) const {
  SweepRunner runner(*this, indices, jobs);
  runner.wait_for(indices.size());
  std::vector<VariantResult> out;
  out.reserve(indices.size());
  for (std::size_t k = 0; k < indices.size(); ++k) out.push_back(std::move(runner.result(k)));
  return out;
}

}  // namespace app::studies
