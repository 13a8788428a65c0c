#include "models/migration/migration_cost.hpp"

namespace models::migration {

namespace {
const PhaseRecord* phase(const MigrationRecord& r, const char* name) {
  const PhaseRecord* found = nullptr;
  for (const auto& p : r.phases) {
    if (p.name == name) found = &p;
  }
  return found;
}

double per_cpu(double bytes, sim::BytesPerSecond rate) { return rate.value() > 0 ? bytes / rate.value() : 0.0; }
}  // namespace

double throttled_cpu_seconds(const MigrationRecord& r, double partition_cores) {
  if (r.passes.empty()) return 0;
  double seconds = 0;
  for (const auto& p : r.passes) seconds += p.throttle * p.duration().seconds();
  // The last decision's throttle holds from the last sync until the partition stops running on
  // the source: the suspend (the OS joined), or the end of pre-copy on a rollback.
  const auto& last = r.passes.back();
  const PhaseRecord* until = phase(r, "suspend");
  if (until == nullptr) until = phase(r, "precopy");
  if (until != nullptr && until->end > last.end)
    seconds += last.decision.throttle * (until->end - last.end).seconds();
  return seconds * partition_cores;
}

MigrationCost cost_of(const MigrationRecord& r, const CostInputs& in) {
  MigrationCost c;
  // Every byte a pair delivered passed through both of its movers.
  for (const MoverBytes& m : in.movers) {
    c.source_msp_cpu_seconds += per_cpu(m.bytes, m.source_rate_per_cpu);
    c.dest_msp_cpu_seconds += per_cpu(m.bytes, m.dest_rate_per_cpu);
  }
  c.link_bytes = in.link_bytes;
  if (r.held_twice_from) {
    c.memory_held_twice = r.memory;
    c.held_twice = r.held_twice_until.value_or(in.now) - *r.held_twice_from;
  }
  const double gib = c.memory_held_twice.as_double() / static_cast<double>(1LL << 30);
  c.source_energy_joules = c.source_msp_cpu_seconds * in.source_power.joules_per_core_second(in.source_cores);
  c.dest_energy_joules = c.dest_msp_cpu_seconds * in.dest_power.joules_per_core_second(in.dest_cores) +
                         gib * c.held_twice.seconds() * in.dest_power.memory_watts_per_gib;
  c.throttled_cpu_seconds = throttled_cpu_seconds(r, in.partition_cores);
  c.postcopy_stall = r.fault_stall;
  return c;
}

}  // namespace models::migration
