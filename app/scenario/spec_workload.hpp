// Workload specs: how an LPAR touches and dirties its memory (precopy-models.md §3). One struct
// per dirty model, chosen in the file by "model"; rates are aggregate page writes per second or
// bytes per second. Read by the scenario loader; turned into memory-model workloads by the run.
#pragma once

#include <optional>
#include <string>
#include <variant>
#include <vector>

#include "models/memory/page_state.hpp"
#include "sim/quantity.hpp"
#include "sim/time.hpp"

namespace app::scenario {

// A write/dirty rate as written in the file: "20000pages/s" or a byte rate ("80MB/s").
struct DirtyRate {
  enum class Unit { pages_per_second, bytes_per_second };
  double value = 0.0;
  Unit unit = Unit::pages_per_second;
  bool operator==(const DirtyRate&) const = default;
};

// Distinct new pages dirtied at a constant rate until all touched memory is dirty (§2).
struct ConstantDirtySpec {
  static constexpr std::string_view tag = "constant";
  DirtyRate dirty_rate;
  double working_set_fraction = 1.0;  // the span the writer sweeps, of touched memory
};

// Writes spread uniformly over a working set, so re-writes saturate (§3).
struct UniformDirtySpec {
  static constexpr std::string_view tag = "uniform";
  DirtyRate write_rate;
  double working_set_fraction = 1.0;  // of touched memory
};

// A hot set written fast, the rest slowly (two-class model, §3).
struct HotColdDirtySpec {
  static constexpr std::string_view tag = "hot_cold";
  double hot_fraction = 0;  // of touched memory; required
  DirtyRate hot_write_rate;
  DirtyRate cold_write_rate;
};

// Zipf page popularity: rank-k page written at rate ∝ k^-exponent (§3).
struct ZipfDirtySpec {
  static constexpr std::string_view tag = "zipf";
  DirtyRate write_rate;
  double exponent = models::memory::WorkloadConfig{}.zipf_exponent;
};

using SteadyDirtySpec = std::variant<ConstantDirtySpec, UniformDirtySpec, HotColdDirtySpec, ZipfDirtySpec>;

// A time of day, "HH:MM" or "HH:MM:SS" in a file: the wall clock of a daily workload profile.
struct TimeOfDay {
  sim::Duration since_midnight;  // [0, 24 h)
  bool operator==(const TimeOfDay&) const = default;
};

// What a phases workload's times count from (issue 17). simulation: simulated time 0, so a
// migration started at 02:10 meets the phase of 02:10; migration: each migration's start (the
// pre-copy's first pass), the same phases for every start time; day: phases begin at times of
// day (`from`), every day, with simulated time 0 at simulation.start_of_day.
enum class PhaseClock { simulation, migration, day };

struct PhaseSpec {
  std::optional<sim::Duration> duration;  // simulation and migration clocks
  std::optional<TimeOfDay> from;          // day clock
  SteadyDirtySpec dirty;
};

// Piecewise-in-time dirtying (a batch job's peaks, a quiet night); phases do not nest and share
// the first phase's dirty model and shape (only rates change, any of them may be 0).
struct PhasesDirtySpec {
  static constexpr std::string_view tag = "phases";
  PhaseClock clock = PhaseClock::simulation;
  std::vector<PhaseSpec> phases;
  bool repeat = models::memory::WorkloadConfig{}.repeat;  // the day clock always repeats
};

// Replay of recorded dirty counts from a file (path relative to the scenario file).
struct TraceDirtySpec {
  static constexpr std::string_view tag = "trace";
  std::string file;
  bool repeat = models::memory::WorkloadConfig{}.repeat;
};

using DirtySpec = std::variant<ConstantDirtySpec, UniformDirtySpec, HotColdDirtySpec, ZipfDirtySpec,
                               PhasesDirtySpec, TraceDirtySpec>;

struct WorkloadSpec {
  models::memory::MemoryContent content;  // touched_fraction, top_block, zero pages, compression
  DirtySpec dirty = ConstantDirtySpec{};
};

}  // namespace app::scenario
