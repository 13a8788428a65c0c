#include "app/studies/resource_estimate.hpp"

#include <algorithm>
#include <cmath>

#include "app/scenario/quantity_text.hpp"

namespace app::studies {

namespace sc = app::scenario;

namespace {

// Measured on the bundled scenarios (bench/README): a partition with its profile, adapters and
// migration record costs a few tens of KiB; nodes and links of the topology a few KiB each.
constexpr double kBaseBytes = 64.0 * (1 << 20);
constexpr double kPerPartitionBytes = 64.0 * 1024;
constexpr double kPerNetworkItemBytes = 8.0 * 1024;
constexpr double kPerActionBytes = 4.0 * 1024;

double pages_per_second(const sc::DirtyRate& r, double page_size) {
  return r.unit == sc::DirtyRate::Unit::pages_per_second ? r.value : r.value / page_size;
}

// The highest total write rate a workload reaches (pages/s), for exact mode's sampling work.
double peak_write_rate(const sc::WorkloadSpec& w, double page_size) {
  double peak = 0;
  std::visit(
      [&](const auto& d) {
        using D = std::decay_t<decltype(d)>;
        if constexpr (std::is_same_v<D, sc::PhasesDirtySpec>) {
          for (const auto& p : d.phases)
            std::visit(
                [&](const auto& s) {
                  if constexpr (requires { s.dirty_rate; }) peak = std::max(peak, pages_per_second(s.dirty_rate, page_size));
                  else if constexpr (requires { s.hot_write_rate; })
                    peak = std::max(peak, pages_per_second(s.hot_write_rate, page_size) + pages_per_second(s.cold_write_rate, page_size));
                  else peak = std::max(peak, pages_per_second(s.write_rate, page_size));
                },
                p.dirty);
        } else if constexpr (requires { d.dirty_rate; }) {
          peak = pages_per_second(d.dirty_rate, page_size);
        } else if constexpr (requires { d.write_rate; }) {
          peak = pages_per_second(d.write_rate, page_size);
        } else if constexpr (requires { d.hot_write_rate; }) {
          peak = pages_per_second(d.hot_write_rate, page_size) + pages_per_second(d.cold_write_rate, page_size);
        }
      },
      w.dirty);
  return peak;
}

}  // namespace

ResourceEstimate estimate_run(const sc::ScenarioSpec& spec, bool verify_versions) {
  ResourceEstimate e;
  e.bytes = kBaseBytes;
  e.pointer = "";
  e.what = "the simulator itself";
  double largest = 0;
  const bool exact = spec.simulation.memory_representation == models::memory::Representation::exact;
  const double page = std::max(1.0, spec.hmc.settings.precopy.page_stream.page_size.as_double());
  for (std::size_t s = 0; s < spec.managed_systems.size(); ++s) {
    const auto& sys = spec.managed_systems[s];
    e.bytes += kPerPartitionBytes * static_cast<double>(sys.lpars.size() + sys.vios.size());
    for (std::size_t i = 0; i < sys.lpars.size(); ++i) {
      const auto& l = sys.lpars[i];
      const std::string ptr = "/managed_systems/" + std::to_string(s) + "/lpars/" + std::to_string(i);
      if (!exact) continue;
      // Exact mode: two bitmaps (dirty, pending) of one bit per page; verify adds two 4-byte
      // versions per page (exact_page_state.hpp).
      const double pages = std::ceil(l.config.memory_desired.as_double() / page);
      const double bytes = pages * (0.25 + (verify_versions ? 8.0 : 0.0));
      e.bytes += bytes;
      if (bytes > largest) {
        largest = bytes;
        e.pointer = ptr + "/memory/desired";
        e.what = "exact-mode page state of LPAR \"" + l.config.name + "\" (" + sim::format_bytes(l.config.memory_desired) +
                 " in " + sim::format_bytes(spec.hmc.settings.precopy.page_stream.page_size) + " pages" +
                 (verify_versions ? ", with verify's page versions" : "") + ")";
      }
      const double chunk_pages = std::max(1.0, std::floor(spec.hmc.settings.precopy.chunk.as_double() / page));
      const double chunks = pages / chunk_pages;
      if (e.chunks_pointer.empty() || chunks > e.exact_chunks_per_pass)
        e.chunks_pointer = chunk_pages < 256 ? "/hmc/precopy/chunk_size" : ptr + "/memory/desired";
      e.exact_chunks_per_pass += chunks;
      const double writes = peak_write_rate(l.workload, page);
      e.exact_writes_per_second += writes;
      if (e.writes_pointer.empty() || writes > 0.5 * e.exact_writes_per_second) e.writes_pointer = ptr + "/workload/dirty";
    }
  }
  const double partitions_bytes = e.bytes - kBaseBytes - largest;
  if (partitions_bytes > largest) {
    e.pointer = "/managed_systems";
    e.what = "the partitions of every managed system";
  }
  const double network = kPerNetworkItemBytes * static_cast<double>(spec.network.nodes.size() + spec.network.links.size());
  e.bytes += network + kPerActionBytes * static_cast<double>(spec.actions.size() + spec.faults.size());
  if (network > std::max(largest, partitions_bytes)) {
    e.pointer = "/network";
    e.what = "the network's nodes and links";
  }
  return e;
}

double sweep_rows_bytes(double variants, bool per_migration, std::size_t migrations) {
  // A result row in memory: parameters, outcome counts and statistics (sweep_results.hpp).
  const double row = 512.0 + (per_migration ? 256.0 * static_cast<double>(migrations) : 0.0);
  return variants * row;
}

}  // namespace app::studies
