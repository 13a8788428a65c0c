#include "models/migration/run_variation.hpp"

#include <cmath>

namespace models::migration {

namespace {
// A log-normal factor with median 1: exp(σ·z).
double factor(double sigma, double z) { return sigma == 0 ? 1.0 : std::exp(sigma * z); }
}  // namespace

RunVariation RunVariation::draw(const RunVariationConfig& config, sim::RngStream rng) {
  RunVariation v;
  if (!config.enabled) return v;
  // One draw per member, always in this order (see the header).
  double z[7];
  for (double& x : z) x = sim::normal(rng, 0.0, 1.0);
  v.validation = factor(config.phase_time_sigma, z[0]);
  v.preparation = factor(config.phase_time_sigma, z[1]);
  v.completion = factor(config.phase_time_sigma, z[2]);
  v.dirty_rate = factor(config.dirty_rate_sigma, z[3]);
  v.stop_and_copy_speed = factor(config.stop_and_copy_speed_sigma, z[4]);
  v.switchover_cost = factor(config.switchover_cost_sigma, z[5]);
  v.live_rate = factor(config.live_rate_sigma, z[6]);
  return v;
}

}  // namespace models::migration
