// compare --seeds: the measured run-to-run spread of repeated QEMU configurations against the
// spread predicted over seeds with the run-to-run variation on (models::migration::RunVariation).
#include <fmt/core.h>

#include <cmath>
#include <map>
#include <string>

#include "app/scenario/loader.hpp"
#include "app/studies/compare.hpp"
#include "app/studies/simulation.hpp"

namespace app::studies {

namespace {

constexpr double kMinDowntimeMs = 10;  // below, QEMU's whole-millisecond figures dominate

// "20261127T222613_m256_uniform_w16_r1000_b32_d300_1" → "m256_uniform_w16_r1000_b32_d300".
std::string configuration(const std::string& run_id) {
  const auto first = run_id.find('_');
  const auto last = run_id.rfind('_');
  if (first == std::string::npos || last <= first) return run_id;
  return run_id.substr(first + 1, last - first - 1);
}

// Pooled within-group standard deviation of ln(x).
class Pooled {
 public:
  void add_group(const std::vector<double>& xs) {
    if (xs.size() < 2) return;
    double mean = 0;
    for (double x : xs) mean += std::log(x);
    mean /= static_cast<double>(xs.size());
    for (double x : xs) squares_ += (std::log(x) - mean) * (std::log(x) - mean);
    dof_ += static_cast<int>(xs.size()) - 1;
  }
  double sigma() const { return dof_ > 0 ? std::sqrt(squares_ / dof_) : 0.0; }
  int dof() const { return dof_; }

 private:
  double squares_ = 0;
  int dof_ = 0;
};

struct Predicted {
  std::vector<double> total_ms, downtime_ms;
};

Predicted predict(const QemuRecord& r, const nlohmann::json& profile, const std::vector<QemuRecord>& all, int seeds) {
  const auto spec = scenario::load_scenario_text(scenario_for(r, profile, all),
                                                 fmt::format("{}:{} (as a scenario)", r.file, r.line));
  Predicted p;
  for (int seed = 1; seed <= seeds; ++seed) {
    RunOptions options;
    options.time_series = false;
    options.seed = static_cast<std::uint64_t>(seed);
    options.seed_sweep = true;  // as `lpmsim sweep --set /simulation/seed=1..N`: variation auto = on
    Simulation simulation(spec, ".", options);
    for (const auto& m : simulation.run().migrations) {
      if (m.lpar != "guest" || m.outcome != models::migration::MigrationOutcome::completed) continue;
      p.total_ms.push_back(m.total().seconds() * 1e3);
      p.downtime_ms.push_back(m.blackout ? m.blackout->seconds() * 1e3 : 0.0);
    }
  }
  return p;
}

}  // namespace

SpreadResult spread_over_seeds(const std::vector<QemuRecord>& records, const nlohmann::json& profile, int seeds) {
  std::map<std::string, std::vector<const QemuRecord*>> groups;
  for (const auto& r : records)
    if (r.completed && !r.race && r.total_ms && r.downtime_ms) groups[configuration(r.run_id)].push_back(&r);
  SpreadResult out;
  out.seeds = seeds;
  Pooled measured_total, measured_down, predicted_total, predicted_down;
  for (const auto& [name, runs] : groups) {
    if (runs.size() < 2) continue;
    std::vector<double> total, down;
    bool long_downtimes = true;
    for (const QemuRecord* r : runs) {
      total.push_back(*r->total_ms);
      down.push_back(*r->downtime_ms);
      long_downtimes = long_downtimes && *r->downtime_ms >= kMinDowntimeMs;
    }
    const Predicted p = predict(*runs.front(), profile, records, seeds);
    measured_total.add_group(total);
    predicted_total.add_group(p.total_ms);
    ++out.total.configurations;
    if (long_downtimes) {
      measured_down.add_group(down);
      predicted_down.add_group(p.downtime_ms);
      ++out.downtime.configurations;
    }
  }
  out.total = {measured_total.sigma(), measured_total.dof(), predicted_total.sigma(), predicted_total.dof(),
               out.total.configurations};
  out.downtime = {measured_down.sigma(), measured_down.dof(), predicted_down.sigma(), predicted_down.dof(),
                  out.downtime.configurations};
  return out;
}

}  // namespace app::studies
