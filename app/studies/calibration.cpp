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
using scenario::QuantityText;

[[noreturn]] void bad(const std::string& file, const std::string& pointer,
                      const std::string& what) {
  throw MeasurementError(fmt::format("{}: {}: {}", file, pointer.empty() ? "/" : pointer, what));
}

template <typename Q>
Q quantity(const json& v, const std::string& file, const std::string& pointer,
           const char* example) {
  std::string problem;
  std::optional<Q> q;
  if (v.is_string()) q = QuantityText<Q>::parse(v.get<std::string>(), problem);
  if (!q)
    bad(file, pointer, fmt::format("expected a quantity like \"{}\", got {}", example, v.dump()));
  return *q;
}

MeasuredMigration read_migration(const json& m, const std::string& file, const std::string& at) {
  if (!m.is_object()) bad(file, at, "expected an object with memory, bandwidth and total_time");
  for (const char* key : {"memory", "bandwidth", "total_time"})
    if (!m.contains(key))
      bad(file, at + "/" + key, "missing (every migration needs memory, bandwidth, total_time)");
  MeasuredMigration r;
  r.memory = quantity<sim::Bytes>(m["memory"], file, at + "/memory", "64GiB");
  r.bandwidth = quantity<sim::BytesPerSecond>(m["bandwidth"], file, at + "/bandwidth", "25Gbit/s");
  r.total_time = quantity<sim::Duration>(m["total_time"], file, at + "/total_time", "68.3s");
  if (m.contains("downtime"))
    r.downtime = quantity<sim::Duration>(m["downtime"], file, at + "/downtime", "57ms");
  if (m.contains("bytes_sent")) {
    if (!m["bytes_sent"].is_number() || m["bytes_sent"].get<double>() <= 0)
      bad(file, at + "/bytes_sent", "expected a positive number of bytes");
    r.bytes_sent = m["bytes_sent"].get<double>();
  }
  if (m.contains("pass_pages")) {
    const auto& p = m["pass_pages"];
    if (!p.is_array())
      bad(file, at + "/pass_pages", "expected an array of page counts, one per pre-copy pass");
    for (std::size_t i = 0; i < p.size(); ++i) {
      if (!p[i].is_number() || p[i].get<double>() < 0)
        bad(file, fmt::format("{}/pass_pages/{}", at, i), "expected a non-negative page count");
      r.pass_pages.push_back(p[i].get<double>());
    }
  }
  for (const auto& [key, value] : m.items())
    if (key != "memory" && key != "bandwidth" && key != "total_time" && key != "downtime" &&
        key != "bytes_sent" && key != "pass_pages" && key != "note")
      bad(file, at + "/" + key,
          "unknown key (expected memory, bandwidth, total_time, downtime, bytes_sent, pass_pages, "
          "note)");
  return r;
}

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

Measurements load_measurements(const std::filesystem::path& path) {
  const std::string file = path.string();
  std::ifstream in(path, std::ios::binary);
  if (!in) throw MeasurementError(fmt::format("{}: cannot read", file));
  std::stringstream text;
  text << in.rdbuf();
  const auto doc = json::parse(text.str(), nullptr, false);
  if (doc.is_discarded()) bad(file, "", "not valid JSON");
  if (!doc.is_object()) bad(file, "", "expected an object with \"migrations\"");
  Measurements ms;
  if (doc.contains("lpar")) {
    if (!doc["lpar"].is_string()) bad(file, "/lpar", "expected an LPAR name");
    ms.lpar = doc["lpar"].get<std::string>();
  }
  if (doc.contains("dirty_model")) {
    const auto& m = doc["dirty_model"];
    if (m == "uniform")
      ms.model = DirtyModelKind::uniform;
    else if (m != "hot_cold")
      bad(file, "/dirty_model", "expected \"hot_cold\" or \"uniform\"");
  }
  if (!doc.contains("migrations") || !doc["migrations"].is_array() || doc["migrations"].empty())
    bad(file, "/migrations", "expected a non-empty array of measured migrations");
  for (std::size_t i = 0; i < doc["migrations"].size(); ++i)
    ms.migrations.push_back(
        read_migration(doc["migrations"][i], file, fmt::format("/migrations/{}", i)));
  return ms;
}

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
      if (l.name != lpar) continue;
      found = true;
      if (memory) {
        l.memory.desired = *memory;
        l.memory.min = std::min(l.memory.min, *memory);
        l.memory.max = std::max(l.memory.max, *memory);
      }
      using Rate = scenario::DirtyRate;
      if (fit.model == DirtyModelKind::uniform)
        l.workload.dirty = scenario::UniformDirtySpec{
            Rate{fit.hot_rate, Rate::Unit::pages_per_second}, fit.hot_fraction};
      else
        l.workload.dirty = scenario::HotColdDirtySpec{
            fit.hot_fraction, Rate{fit.hot_rate, Rate::Unit::pages_per_second},
            Rate{fit.cold_rate, Rate::Unit::pages_per_second}};
    }
  if (!found) throw MeasurementError(fmt::format("LPAR {} is not in the scenario", lpar));
  for (auto& link : spec.network.links)
    link.bandwidth = (bandwidth ? *bandwidth : link.bandwidth) * fit.efficiency;
  return spec;
}

CalibrationResult calibrate(const scenario::ScenarioSpec& base, const std::filesystem::path& dir,
                            const Measurements& ms, std::optional<DirtyFit> start) {
  const std::string lpar = calibrated_lpar(base, ms.lpar);
  DirtyFit guess = start.value_or(DirtyFit{});
  guess.model = ms.model;
  if (ms.model == DirtyModelKind::uniform && !start) guess.hot_fraction = 0.5;
  CalibrationResult out;
  Eigen::VectorXd theta = to_theta(guess);
  auto eval = [&](const Eigen::VectorXd& t) {
    ++out.evaluations;
    return residuals(base, dir, lpar, ms, from_theta(ms.model, t), nullptr);
  };
  Eigen::VectorXd r = eval(theta);
  double cost = r.squaredNorm();
  double lambda = 1e-3;
  constexpr double kStep = 1e-4;  // in log space: well above the ns quantisation of times
  for (out.iterations = 0; out.iterations < 100 && cost > 1e-20; ++out.iterations) {
    Eigen::MatrixXd J(r.size(), theta.size());
    for (Eigen::Index j = 0; j < theta.size(); ++j) {  // forward differences
      Eigen::VectorXd t = theta;
      t[j] += kStep;
      J.col(j) = (eval(t) - r) / kStep;
    }
    const Eigen::MatrixXd A = J.transpose() * J;
    const Eigen::VectorXd g = J.transpose() * r;
    bool improved = false;
    while (lambda < 1e10) {
      Eigen::MatrixXd D = A;
      D.diagonal() += lambda * A.diagonal().cwiseMax(1e-12);
      const Eigen::VectorXd step = D.ldlt().solve(-g);
      const Eigen::VectorXd next = theta + step;
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
  const auto final_r = residuals(base, dir, lpar, ms, out.fit, &out.residuals);
  out.rms_relative_error = std::sqrt(
      final_r.squaredNorm() / static_cast<double>(std::max<Eigen::Index>(final_r.size(), 1)));
  return out;
}

}  // namespace app::studies
