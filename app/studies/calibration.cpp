// Calibration: measurement reading, the simulator as forward model, Levenberg–Marquardt.
#include "app/studies/calibration.hpp"

#include <fmt/core.h>

#include <Eigen/Dense>
#include <cmath>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>

#include "app/scenario/quantity_text.hpp"
#include "app/studies/simulation.hpp"

namespace app::studies {

namespace {

using nlohmann::json;

struct Prediction {
  double total = 0, downtime = 0, bytes = 0;
  std::vector<double> pass_pages;
  bool converged = false;
};

Prediction predict(const scenario::ScenarioSpec& base, const std::filesystem::path& dir,
                   const std::string& lpar, const DirtyFit& fit, const MeasuredMigration& m) {
  const auto spec = apply_fit(base, lpar, fit, m.memory, m.bandwidth);
  RunOptions options;
  options.time_series = false;
  Simulation simulation(spec, dir, options);
  const auto report = simulation.run();
  Prediction p;
  for (const auto& r : report.migrations) {
    if (r.lpar != lpar || r.outcome != models::migration::MigrationOutcome::completed) continue;
    p.converged = true;
    p.total = r.total().seconds();
    p.downtime = r.blackout ? r.blackout->seconds() : 0;
    p.bytes = r.bytes_sent;
    for (const auto& pass : r.passes) p.pass_pages.push_back(pass.pages_sent);
    break;
  }
  return p;
}

// Parameters in an unconstrained space: fractions through the logistic, rates through exp.
// Hot/cold: [hot fraction, hot rate, cold rate, efficiency]; uniform: [working set, rate, eff].
double logit(double x) { return std::log(x / (1 - x)); }
double logistic(double t) { return 1 / (1 + std::exp(-t)); }

Eigen::VectorXd to_theta(const DirtyFit& f) {
  const double frac = logit(std::clamp(f.hot_fraction, 1e-6, 1 - 1e-6));
  if (f.model == DirtyModelKind::uniform)
    return Eigen::Vector3d(frac, std::log(f.hot_rate), std::log(f.efficiency));
  return Eigen::Vector4d(frac, std::log(f.hot_rate), std::log(f.cold_rate), std::log(f.efficiency));
}

DirtyFit from_theta(DirtyModelKind model, const Eigen::VectorXd& t) {
  DirtyFit f;
  f.model = model;
  f.hot_fraction = logistic(t[0]);
  f.hot_rate = std::exp(t[1]);
  if (model == DirtyModelKind::uniform) {
    f.cold_rate = 0;
    f.efficiency = std::exp(t[2]);
  } else {
    f.cold_rate = std::exp(t[2]);
    f.efficiency = std::exp(t[3]);
  }
  return f;
}

// The search stays inside what the scenario format can say and the simulator can run: fractions
// in [1e-6, 1 − 1e-6], write rates from 1e-3 pages/s to the loader's bound, link efficiency in
// [0.01, 1] (a link never carries more than its nominal bandwidth). Unbounded, a parameter that
// no measurement depends on drifted to 1e-50 or 1e+127 and overflowed the clock (calibrate
// exited 3 on a measured time the model could not reach).
struct Bounds {
  Eigen::VectorXd lo, hi;
};

Bounds bounds_of(DirtyModelKind model) {
  const double frac_lo = logit(1e-6), frac_hi = logit(1 - 1e-6);
  const double rate_lo = std::log(1e-3), rate_hi = std::log(scenario::kMaxDirtyPagesPerSecond);
  const double eff_lo = std::log(0.01), eff_hi = 0.0;
  if (model == DirtyModelKind::uniform)
    return {Eigen::Vector3d(frac_lo, rate_lo, eff_lo), Eigen::Vector3d(frac_hi, rate_hi, eff_hi)};
  return {Eigen::Vector4d(frac_lo, rate_lo, rate_lo, eff_lo), Eigen::Vector4d(frac_hi, rate_hi, rate_hi, eff_hi)};
}

// A parameter whose unit step in log space moves no residual by more than this is not
// identifiable from these measurements (e.g. link efficiency when the MSP's CPU limits the
// stream): it keeps its value instead of following the solver's noise.
constexpr double kInsensitive = 1e-6;

double relative(double predicted, double measured) {
  return (predicted - measured) / std::max(measured, 1e-12);
}

// Relative residuals of every measured quantity; a migration that does not complete in the
// model contributes a large constant so the search moves away from it.
Eigen::VectorXd residuals(const scenario::ScenarioSpec& base, const std::filesystem::path& dir,
                          const std::string& lpar, const Measurements& ms, const DirtyFit& fit,
                          std::vector<MigrationResidual>* detail) {
  std::vector<double> r;
  for (const auto& m : ms.migrations) {
    const auto p = predict(base, dir, lpar, fit, m);
    MigrationResidual d;
    d.converged = p.converged;
    d.total_time_s = m.total_time.seconds();
    d.predicted_total_time_s = p.total;
    d.predicted_downtime_s = p.downtime;
    d.predicted_bytes = p.bytes;
    const double miss = p.converged ? 0.0 : 10.0;
    r.push_back(p.converged ? relative(p.total, d.total_time_s) : miss);
    if (m.downtime) {
      d.downtime_s = m.downtime->seconds();
      r.push_back(p.converged ? relative(p.downtime, d.downtime_s) : miss);
    }
    if (m.bytes_sent) {
      d.bytes = *m.bytes_sent;
      r.push_back(p.converged ? relative(p.bytes, d.bytes) : miss);
    }
    for (std::size_t k = 0; k < m.pass_pages.size(); ++k)
      r.push_back(k < p.pass_pages.size() ? relative(p.pass_pages[k], m.pass_pages[k]) : 1.0);
    if (detail) detail->push_back(d);
  }
  return Eigen::Map<Eigen::VectorXd>(r.data(), static_cast<Eigen::Index>(r.size()));
}

}  // namespace

std::string calibrated_lpar(const scenario::ScenarioSpec& base, const std::string& lpar) {
  if (!lpar.empty()) return lpar;
  for (const auto& a : base.actions)
    if (!a.migrlpar.lpar_names.empty()) return a.migrlpar.lpar_names.front();
  throw MeasurementError(
      "the scenario has no migrlpar -p LPAR to calibrate; name one with \"lpar\"");
}

scenario::ScenarioSpec apply_fit(const scenario::ScenarioSpec& base, const std::string& lpar,
                                 const DirtyFit& fit, std::optional<sim::Bytes> memory,
                                 std::optional<sim::BytesPerSecond> bandwidth) {
  scenario::ScenarioSpec spec = base;
  bool found = false;
  for (auto& system : spec.managed_systems)
    for (auto& l : system.lpars) {
      if (l.config.name != lpar) continue;
      found = true;
      if (memory) {
        l.config.memory_desired = *memory;
        l.config.memory_min = std::min(l.config.memory_min, *memory);
        l.config.memory_max = std::max(l.config.memory_max, *memory);
      }
      using Rate = scenario::DirtyRate;
      // The scenario format takes fractions in (0, 1]: a fit driven to 0 is written as the
      // smallest fraction it accepts, never as an invalid file.
      const double fraction = std::clamp(fit.hot_fraction, 1e-6, 1.0);
      if (fit.model == DirtyModelKind::uniform)
        l.workload.dirty = scenario::UniformDirtySpec{
            Rate{fit.hot_rate, Rate::Unit::pages_per_second}, fraction};
      else
        l.workload.dirty = scenario::HotColdDirtySpec{
            fraction, Rate{fit.hot_rate, Rate::Unit::pages_per_second},
            Rate{fit.cold_rate, Rate::Unit::pages_per_second}};
    }
  if (!found) throw MeasurementError(fmt::format("LPAR {} is not in the scenario", lpar));
  for (auto& link : spec.network.links)
    link.config.bandwidth = (bandwidth ? *bandwidth : link.config.bandwidth) * fit.efficiency;
  return spec;
}

CalibrationResult calibrate(const scenario::ScenarioSpec& base, const std::filesystem::path& dir,
                            const Measurements& ms, std::optional<DirtyFit> start) {
  const std::string lpar = calibrated_lpar(base, ms.lpar);
  DirtyFit guess = start.value_or(DirtyFit{});
  guess.model = ms.model;
  if (ms.model == DirtyModelKind::uniform && !start) guess.hot_fraction = 0.5;
  CalibrationResult out;
  const Bounds box = bounds_of(ms.model);
  Eigen::VectorXd theta = to_theta(guess).cwiseMax(box.lo).cwiseMin(box.hi);
  auto eval = [&](const Eigen::VectorXd& t) {
    ++out.evaluations;
    return residuals(base, dir, lpar, ms, from_theta(ms.model, t), nullptr);
  };
  Eigen::VectorXd r = eval(theta);
  double cost = r.squaredNorm();
  const double start_cost = cost;
  out.start_rms_relative_error = std::sqrt(cost / static_cast<double>(std::max<Eigen::Index>(r.size(), 1)));
  double lambda = 1e-3;
  constexpr double kStep = 1e-4;  // in log space: well above the ns quantisation of times
  for (out.iterations = 0; out.iterations < 100 && cost > 1e-20; ++out.iterations) {
    Eigen::MatrixXd J(r.size(), theta.size());
    for (Eigen::Index j = 0; j < theta.size(); ++j) {  // differences inward from a bound
      Eigen::VectorXd t = theta;
      const double h = theta[j] + kStep <= box.hi[j] ? kStep : -kStep;
      t[j] += h;
      J.col(j) = (eval(t) - r) / h;
      if (J.col(j).cwiseAbs().maxCoeff() < kInsensitive) J.col(j).setZero();
    }
    const Eigen::MatrixXd A = J.transpose() * J;
    const Eigen::VectorXd g = J.transpose() * r;
    bool improved = false;
    while (lambda < 1e10) {
      Eigen::MatrixXd D = A;
      D.diagonal() += lambda * A.diagonal().cwiseMax(1e-12);
      // A frozen (insensitive) parameter gets a unit diagonal and no gradient: it does not move.
      for (Eigen::Index j = 0; j < theta.size(); ++j)
        if (A(j, j) == 0) D(j, j) = 1;
      const Eigen::VectorXd next = (theta + D.ldlt().solve(-g)).cwiseMax(box.lo).cwiseMin(box.hi);
      const Eigen::VectorXd step = next - theta;
      const Eigen::VectorXd rn = eval(next);
      if (rn.squaredNorm() < cost) {
        improved = step.norm() > 1e-9;
        theta = next;
        r = rn;
        cost = rn.squaredNorm();
        lambda = std::max(lambda / 10, 1e-9);
        break;
      }
      lambda *= 10;
    }
    if (!improved) break;
  }
  out.fit = from_theta(ms.model, theta);
  // Moved = the fit explains the measurements measurably better than the start values did.
  out.moved = cost < start_cost * (1 - 1e-6);
  const auto final_r = residuals(base, dir, lpar, ms, out.fit, &out.residuals);
  out.rms_relative_error = std::sqrt(
      final_r.squaredNorm() / static_cast<double>(std::max<Eigen::Index>(final_r.size(), 1)));
  return out;
}

}  // namespace app::studies
