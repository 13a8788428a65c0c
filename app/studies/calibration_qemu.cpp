// Calibration on real QEMU records: the switchover (stop-and-copy) rate and fixed cost by a
// least-absolute-relative-error fit of downtime = cost + blackout bytes / rate, the blackout
// bytes coming from the simulator itself; the live rate efficiency by a golden-section search on
// total time. The mechanism (pre-copy accounting, stop rule) and the fixed phases are held.
#include <fmt/core.h>

#include <algorithm>
#include <cmath>

#include "app/scenario/loader.hpp"
#include "app/scenario/quantity_text.hpp"
#include "app/studies/calibration.hpp"
#include "app/studies/compare.hpp"

namespace app::studies {

namespace {

using nlohmann::json;

struct Values {
  std::optional<double> rate;  // bytes/s; absent = what the path carries
  double cost_ms = 0;
  double efficiency = 1;
};

json precopy_of(const json& profile) {
  if (profile.contains("hmc") && profile["hmc"].is_object() && profile["hmc"].contains("precopy") &&
      profile["hmc"]["precopy"].is_object())
    return profile["hmc"]["precopy"];
  return json::object();
}

template <typename Q>
std::optional<Q> quantity_in(const json& object, const char* key) {
  if (!object.contains(key) || !object[key].is_string()) return std::nullopt;
  std::string problem;
  return scenario::QuantityText<Q>::parse(object[key].get<std::string>(), problem);
}

Values start_values(const json& profile) {
  const json p = precopy_of(profile);
  Values v;
  if (const auto r = quantity_in<sim::BytesPerSecond>(p, "switchover_rate")) v.rate = r->value();
  if (const auto c = quantity_in<sim::Duration>(p, "switchover_cost")) v.cost_ms = c->seconds() * 1e3;
  if (p.contains("live_rate_efficiency") && p["live_rate_efficiency"].is_number())
    v.efficiency = p["live_rate_efficiency"].get<double>();
  return v;
}

json with_values(json profile, const Values& v) {
  if (!profile.is_object()) profile = json::object();
  json& p = profile["hmc"]["precopy"];
  if (!p.is_object()) p = json::object();
  if (v.rate)
    p["switchover_rate"] = fmt::format("{:.0f}B/s", *v.rate);
  else
    p.erase("switchover_rate");
  p["switchover_cost"] = fmt::format("{:.3f}ms", v.cost_ms);
  p["live_rate_efficiency"] = std::round(v.efficiency * 1e5) / 1e5;
  return profile;
}

struct Score {
  double error = 0;  // mean over runs of (|Δtotal|/total + |Δdowntime|/downtime) / 2
  double total_median = 0, downtime_median = 0;
};

Score score(const CompareResult& r) {
  Score s;
  int n = 0;
  for (const auto& run : r.runs) {
    if (!run.measured.converged) continue;
    ++n;
    if (!run.predicted.converged) {
      s.error += 1.0;
      continue;
    }
    const double t = std::abs(*run.predicted.total_ms - *run.measured.total_ms) / std::max(*run.measured.total_ms, 1.0);
    const double d =
        std::abs(*run.predicted.downtime_ms - *run.measured.downtime_ms) / std::max(*run.measured.downtime_ms, 1.0);
    s.error += 0.5 * (t + d);
  }
  s.error /= std::max(n, 1);
  s.total_median = r.summary.total_median_abs_pct;
  s.downtime_median = r.summary.downtime_median_abs_pct;
  return s;
}

// downtime ≈ cost + bytes / rate: the (cost, rate) with the least mean absolute relative error,
// by a coarse grid refined twice around its best point.
void fit_switchover(const std::vector<double>& bytes, const std::vector<double>& downtime_ms, Values& v) {
  const auto error = [&](double cost_ms, double rate) {
    double e = 0;
    for (std::size_t i = 0; i < bytes.size(); ++i) {
      const double predicted = cost_ms + 1e3 * bytes[i] / rate;
      e += std::abs(predicted - downtime_ms[i]) / std::max(downtime_ms[i], 1.0);
    }
    return e;
  };
  double best_cost = 0, best_log_rate = std::log(1e9), best = error(0, 1e9);
  double cost_lo = 0, cost_hi = 50, log_lo = std::log(2e7), log_hi = std::log(5e10);
  for (int round = 0; round < 3; ++round) {
    constexpr int kSteps = 120;
    for (int i = 0; i <= kSteps; ++i)
      for (int j = 0; j <= kSteps; ++j) {
        const double cost = cost_lo + (cost_hi - cost_lo) * i / kSteps;
        const double log_rate = log_lo + (log_hi - log_lo) * j / kSteps;
        const double e = error(cost, std::exp(log_rate));
        if (e < best) {
          best = e;
          best_cost = cost;
          best_log_rate = log_rate;
        }
      }
    const double cost_span = (cost_hi - cost_lo) / 10, log_span = (log_hi - log_lo) / 10;
    cost_lo = std::max(0.0, best_cost - cost_span);
    cost_hi = best_cost + cost_span;
    log_lo = best_log_rate - log_span;
    log_hi = best_log_rate + log_span;
  }
  v.cost_ms = best_cost;
  v.rate = std::exp(best_log_rate);
}

// The simulator's blackout bytes per run: with a slow, known switchover rate and no fixed cost,
// the predicted downtime is bytes / rate.
void blackout_bytes(const std::vector<QemuRecord>& runs, const json& profile, const Values& v,
                    std::vector<double>& bytes, std::vector<double>& measured) {
  constexpr double kProbeRate = 5e7;  // below any link the template or a profile would use
  Values probe = v;
  probe.rate = kProbeRate;
  probe.cost_ms = 0;
  const auto result = compare_runs(runs, with_values(profile, probe));
  bytes.clear();
  measured.clear();
  for (const auto& r : result.runs) {
    if (!r.measured.converged || !r.predicted.converged) continue;
    bytes.push_back(*r.predicted.downtime_ms * 1e-3 * kProbeRate);
    measured.push_back(*r.measured.downtime_ms);
  }
}

}  // namespace

QemuFit calibrate_qemu(const std::vector<QemuRecord>& records, const json& start_profile,
                       const QemuCalibrationOptions& options) {
  std::vector<QemuRecord> runs;
  for (const auto& r : records)
    if (r.completed && !r.race && (!options.idle_only || r.dirtier == QemuDirtier::idle)) runs.push_back(r);
  if (runs.empty())
    throw MeasurementError(options.idle_only ? "no completed idle run to fit on (use --all-runs to fit on every run)"
                                             : "no completed run to fit on");
  QemuFit fit;
  fit.runs = static_cast<int>(runs.size());
  const Values start = start_values(start_profile);
  const Score start_score = score(compare_runs(runs, with_values(start_profile, start)));
  fit.start_error = start_score.error;

  Values v = start;
  std::vector<double> bytes, measured;
  blackout_bytes(runs, start_profile, v, bytes, measured);
  if (bytes.empty()) throw MeasurementError("no run completes in the model with the start profile: nothing to fit");
  fit_switchover(bytes, measured, v);
  // Live rate efficiency: total time is (almost) unimodal in it.
  const auto total_error = [&](double e) {
    Values t = v;
    t.efficiency = e;
    double sum = 0;
    for (const auto& run : compare_runs(runs, with_values(start_profile, t)).runs) {
      if (!run.measured.converged) continue;
      const double rel = run.predicted.converged
                             ? (*run.predicted.total_ms - *run.measured.total_ms) / std::max(*run.measured.total_ms, 1.0)
                             : 1.0;
      sum += rel * rel;
    }
    return sum;
  };
  const double phi = (std::sqrt(5.0) - 1) / 2;
  double lo = 0.8, hi = 1.0;
  double x1 = hi - phi * (hi - lo), x2 = lo + phi * (hi - lo);
  double f1 = total_error(x1), f2 = total_error(x2);
  for (int i = 0; i < 14; ++i) {
    if (f1 < f2) {
      hi = x2;
      x2 = x1;
      f2 = f1;
      x1 = hi - phi * (hi - lo);
      f1 = total_error(x1);
    } else {
      lo = x1;
      x1 = x2;
      f1 = f2;
      x2 = lo + phi * (hi - lo);
      f2 = total_error(x2);
    }
  }
  const double at_edge = total_error(1.0);
  v.efficiency = std::min(f1, f2) < at_edge ? (f1 < f2 ? x1 : x2) : 1.0;
  blackout_bytes(runs, start_profile, v, bytes, measured);  // the slices moved the stop a little
  if (!bytes.empty()) fit_switchover(bytes, measured, v);

  const Score end = score(compare_runs(runs, with_values(start_profile, v)));
  fit.switchover_rate = *v.rate;
  fit.switchover_cost_ms = v.cost_ms;
  fit.live_rate_efficiency = v.efficiency;
  fit.error = end.error;
  fit.total_median_abs_pct = end.total_median;
  fit.downtime_median_abs_pct = end.downtime_median;
  fit.moved = end.error < start_score.error * (1 - 1e-3);
  return fit;
}

json fitted_profile(const json& start_profile, const QemuFit& fit, const std::vector<QemuRecord>& records) {
  json profile = with_values(start_profile, {fit.switchover_rate, fit.switchover_cost_ms, fit.live_rate_efficiency});
  profile["profile"] = {
      {"fitted_by", "lpmsim calibrate"},
      {"fitted_runs", fit.runs},
      {"switchover_rate_bytes_per_s", std::round(fit.switchover_rate)},
      {"switchover_cost_ms", std::round(fit.switchover_cost_ms * 1e3) / 1e3},
      {"live_rate_efficiency", std::round(fit.live_rate_efficiency * 1e5) / 1e5},
      {"fitted_runs_total_median_abs_error_pct", std::round(fit.total_median_abs_pct * 100) / 100},
      {"fitted_runs_downtime_median_abs_error_pct", std::round(fit.downtime_median_abs_pct * 100) / 100}};
  // Whatever is written must load: check it on the first record.
  if (!records.empty()) (void)scenario::load_scenario_text(scenario_for(records.front(), profile, records), "fitted profile");
  return profile;
}

}  // namespace app::studies
