// models::migration::cost_of: what one migration cost (issue 20) — mover CPU on both MSPs, bytes
// on each link, memory held on both systems and for how long, the energy this adds on each
// system (power_model.hpp), and the partition's loss to throttling and post-copy stalls. Pure
// arithmetic on the MigrationRecord and a few figures of the world, so that tests can check its
// identities: bytes per link = bytes sent; CPU-seconds = bytes ÷ per-CPU rate = transfer time ×
// CPUs busy; energy = CPU part + memory part, within (busy − idle) × time bounds.
//   record.cost = cost_of(record, inputs);
#pragma once

#include <vector>

#include "models/migration/migration_record.hpp"
#include "models/power/power_model.hpp"
#include "sim/quantity.hpp"
#include "sim/time.hpp"

namespace models::migration {

// The bytes one MSP pair moved and what one CPU of each of its movers moves (MspConfig).
struct MoverBytes {
  double bytes = 0;
  sim::BytesPerSecond source_rate_per_cpu{0};
  sim::BytesPerSecond dest_rate_per_cpu{0};
};

struct CostInputs {
  std::vector<MoverBytes> movers;              // one per MSP pair, primary first
  power::PowerModelConfig source_power;        // ManagedSystemConfig::power of each system
  power::PowerModelConfig dest_power;
  int source_cores = 0;                        // installed processors of each system
  int dest_cores = 0;
  double partition_cores = 0;                  // the partition's processing capacity
  std::vector<LinkBytes> link_bytes;           // from the stream (FlowChannel::link_bytes)
  sim::Time now;                               // ends a double hold still open
};

MigrationCost cost_of(const MigrationRecord& record, const CostInputs& inputs);

// The partition's CPU-seconds lost to throttling: Σ passes throttle × duration, then the last
// decision's throttle until the partition suspended (or pre-copy ended), × its capacity.
double throttled_cpu_seconds(const MigrationRecord& record, double partition_cores);

}  // namespace models::migration
