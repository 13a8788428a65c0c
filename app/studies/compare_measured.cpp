// compare on measured PowerVM migrations (issue 13): measurement file + the estate's scenario →
// one scenario per measured migration (its memory, link bandwidth and workload) → Simulation →
// measured against predicted, scored like the QEMU records.
#include <fmt/core.h>

#include <regex>

#include "app/scenario/diagnostic.hpp"
#include "app/scenario/loader.hpp"
#include "app/studies/compare.hpp"
#include "app/studies/simulation.hpp"

namespace app::studies {

namespace {

// Where the LPAR sits in the scenario document ("/managed_systems/1/lpars/0").
std::string lpar_pointer(const scenario::ScenarioSpec& spec, const std::string& lpar) {
  for (std::size_t s = 0; s < spec.managed_systems.size(); ++s)
    for (std::size_t l = 0; l < spec.managed_systems[s].lpars.size(); ++l)
      if (spec.managed_systems[s].lpars[l].config.name == lpar) return fmt::format("/managed_systems/{}/lpars/{}", s, l);
  throw MeasurementError(fmt::format("LPAR {} is not in the scenario", lpar));
}

// The scenario for one measured migration. The measured memory and bandwidth go in as calibrate's
// forward model puts them (apply_fit, efficiency 1: the scenario's own protocol efficiency
// stays); the workload, when given, replaces the LPAR's and is checked by the scenario loader,
// whose diagnostics are re-pointed at the measurement file.
scenario::ScenarioSpec scenario_for(const scenario::ScenarioSpec& base, const std::filesystem::path& dir,
                                    const std::string& lpar, const MeasuredMigration& m, const std::string& label) {
  DirtyFit keep;  // apply_fit sets a dirty model: give it the scenario's back below
  keep.efficiency = 1;
  scenario::ScenarioSpec spec = apply_fit(base, lpar, keep, m.memory, m.bandwidth);
  const std::string at = lpar_pointer(spec, lpar);
  nlohmann::json doc = scenario::to_json(spec);
  nlohmann::json base_doc = scenario::to_json(base);
  const nlohmann::json::json_pointer workload(at + "/workload");
  doc[workload] = m.workload ? *m.workload : base_doc.value(workload, nlohmann::json::object());
  try {
    return scenario::load_scenario_text(doc.dump(1), label, dir);
  } catch (const scenario::ScenarioError& e) {
    if (!m.workload) throw;
    // "label:LINE: /managed_systems/0/lpars/0/workload/dirty/model: …" → "M.json:12: /migrations/3/workload/dirty/model: …"
    const std::regex where(R"([^\n]*?:\d+: )" + at + "/workload");
    throw MeasurementError(std::regex_replace(std::string(e.what()), where, m.workload_at));
  }
}

}  // namespace

CompareResult compare_measured(const scenario::ScenarioSpec& base, const std::filesystem::path& dir,
                               const std::string& file, const Measurements& measurements) {
  const std::string lpar = calibrated_lpar(base, measurements.lpar);
  const std::string name = std::filesystem::path(file).filename().string();
  CompareResult out;
  for (std::size_t i = 0; i < measurements.migrations.size(); ++i) {
    const MeasuredMigration& m = measurements.migrations[i];
    ComparedRun c;
    c.run_id = fmt::format("{}#{}", name, i);
    c.measured.converged = true;  // a measured migration completed
    c.measured.total_ms = m.total_time.seconds() * 1e3;
    if (m.downtime) c.measured.downtime_ms = m.downtime->seconds() * 1e3;
    if (!m.pass_pages.empty()) c.measured.dirty_sync_count = static_cast<double>(m.pass_pages.size());
    const scenario::ScenarioSpec spec =
        scenario_for(base, dir, lpar, m, fmt::format("{} /migrations/{} (as a scenario)", file, i));
    RunOptions options;
    options.time_series = false;
    Simulation simulation(spec, dir, options);
    const auto report = simulation.run();
    for (const auto& r : report.migrations) {
      if (r.lpar != lpar || r.operation != "m") continue;
      c.predicted.converged = r.outcome == models::migration::MigrationOutcome::completed;
      if (c.predicted.converged) {
        c.predicted.total_ms = r.total().seconds() * 1e3;
        c.predicted.downtime_ms = r.blackout ? r.blackout->seconds() * 1e3 : 0.0;
        c.predicted.dirty_sync_count = static_cast<double>(r.passes.size());
      }
      break;
    }
    out.runs.push_back(std::move(c));
  }
  out.summary = summarize(out.runs, 0);
  return out;
}

}  // namespace app::studies
