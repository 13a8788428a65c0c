// models::power::PowerModelConfig: what a managed system draws, for the cost of a migration
// (issue 20). Linear in CPU utilisation, P(u) = idle + (busy − idle)·u, the model of Fan, Weber
// and Barroso ("Power provisioning for a warehouse-sized computer", ISCA 2007) that SPECpower
// curves follow closely; IBM publishes no idle/busy figures for Power10 scale-out systems, so
// the defaults are assumptions. Used by models::migration::cost_of (migration_cost.hpp).
#pragma once

namespace models::power {

struct PowerModelConfig {
  // assumption: a 2-socket Power10 scale-out server (S1024 class, 4 × 1600 W supplies) under
  // full load; the busy figure is what all installed cores at 100 % draw.
  double busy_watts = 2000;
  // assumption: idle at 40 % of busy — Barroso and Hölzle ("The case for energy-proportional
  // computing", IEEE Computer 2007) report servers idling at ≥ 50 % of peak, newer ones lower.
  double idle_watts = 800;
  // What keeping a second copy of the partition's memory costs while both systems hold it
  // (DRAM background and refresh power of the destination's reserved LMBs). assumption:
  // 0.375 W/GiB, a DDR4 RDIMM drawing ~3 W per 8 GiB; 0 if that memory is powered anyway.
  double memory_watts_per_gib = 0.375;

  // The dynamic power of one core-second of work: (busy − idle) / cores, in joules.
  double joules_per_core_second(int installed_cores) const {
    return installed_cores > 0 ? (busy_watts - idle_watts) / installed_cores : 0.0;
  }
};

}  // namespace models::power
