// models::migration::RunVariation: how one migration differs from another of the same
// configuration (issue 17) — multiplicative log-normal factors with median 1 on the HMC's phase
// times, the workload's write rate, the rate-limited live stream, the stop-and-copy speed and the
// fixed cost of the switchover, drawn once per migration from its own random stream. Off unless
// the study asks (simulation.variation: on, or auto in a sweep over seeds); off, every factor is
// exactly 1.
//   RunVariation v = RunVariation::draw(config, engine.rng("db01#1", "run-variation"));
//   sim::Duration d = sim::scaled(validation_time, v.validation);
#pragma once

#include "sim/random.hpp"

namespace models::migration {

// σ of ln(factor) per quantity. Fitted values come from the repeated QEMU 7.2 migrations of
// ../shared/fidelity (44 configurations, 1–4 repetitions; notebooks/run_variation.py prints them).
struct RunVariationConfig {
  // Set per run by the study, not by a file: simulation.variation on, or auto in a seed sweep.
  bool enabled = false;
  // Validation, preparation and completion (each drawn on its own). assumption: 0.05 — no repeated
  // PowerVM timings are published (lpm-protocol.md §5.5: "tens of seconds to minutes"); QEMU's
  // repeats spread by σ = 0.027 in total time (fidelity/README.md: about 1 % median), and the HMC's
  // RMC and VIOS steps involve more parties than one host's copy, so about twice that.
  double phase_time_sigma = 0.05;
  // The workload's write rate, per migration (one factor on every rate of its profile). Fitted:
  // σ = 0.0014 of ln(achieved / target writes/s) within configurations (31 dof, 20 configurations)
  // — the harness's synthetic dirtier; a production workload varies more from run to run.
  double dirty_rate_sigma = 0.0014;
  // The stop-and-copy transfer speed. Fitted: σ = 0.23 of ln(downtime_bytes / (downtime −
  // switchover_cost)) within configurations, runs with downtime ≥ 10 ms (25 dof, 16
  // configurations; QEMU's loopback stop-and-copy is CPU-bound, fidelity/README.md).
  double stop_and_copy_speed_sigma = 0.23;
  // The fixed part of the switchover (precopy.switchover_cost, the hypervisor's resume).
  // assumption: 0.23, as the stop-and-copy speed — the same stopped-partition work on the same
  // CPUs; QEMU's millisecond figures cannot resolve the spread of a ≈ 1 ms cost on their own.
  double switchover_cost_sigma = 0.23;
  // The live stream's share of a rate-limit slice (precopy.live_rate_efficiency, capped at 1);
  // only stop policies with a live rate limit (QEMU's max-bandwidth) have one. Fitted: σ = 0.015
  // of ln((transferred − downtime bytes) / (total − downtime)) within configurations (52 dof).
  double live_rate_sigma = 0.015;
};

// The factors of one migration (all exactly 1 when variation is off).
struct RunVariation {
  double validation = 1;
  double preparation = 1;
  double completion = 1;
  double dirty_rate = 1;
  double stop_and_copy_speed = 1;
  double switchover_cost = 1;
  double live_rate = 1;

  // Seven standard normal draws in the order of the members above, whatever the σ (a σ of 0 gives
  // a factor of exactly 1), so that changing one σ leaves the other factors as they were.
  static RunVariation draw(const RunVariationConfig& config, sim::RngStream rng);
};

}  // namespace models::migration
