// What a scenario will cost before it is simulated: peak memory (exact-mode page bitmaps and
// verify versions, partitions, links, sweep rows, verify plans) and exact-mode work (page writes
// sampled per simulated second), each with the key that drives it. The CLI compares the estimate
// with --max-memory and refuses, naming that key, instead of running out of memory or time.
//   const auto e = estimate_run(spec);   // e.bytes, e.pointer, e.what
#pragma once

#include <cstdint>
#include <string>

#include "app/scenario/spec.hpp"

namespace app::studies {

struct ResourceEstimate {
  double bytes = 0;       // peak memory of one simulation (double: inputs may overflow 64 bits)
  std::string pointer;    // JSON pointer of the key that drives `bytes` most
  std::string what;       // how that key costs memory, for the message
  double exact_writes_per_second = 0;  // page writes sampled per simulated second (exact mode)
  std::string writes_pointer;          // the LPAR whose workload drives them
  double exact_chunks_per_pass = 0;    // chunks (each a transfer event) in one full pass, exact mode
  std::string chunks_pointer;          // chunk_size, or the memory of the largest exact LPAR
};

// Exact-mode page writes per simulated second above this take minutes per simulated second;
// such workloads belong in expected mode (precopy-models.md §3).
inline constexpr double kMaxExactWritesPerSecond = 2e8;
// Exact mode sends whole chunks, each a flow and events of its own: beyond this many per full
// pass a run takes tens of minutes (a 2 TiB LPAR in 1 MiB chunks is 2·10⁶).
inline constexpr double kMaxExactChunksPerPass = 2.5e6;

// One simulation of `spec`; `verify_versions` adds verify's per-page versions (8 B/page).
ResourceEstimate estimate_run(const scenario::ScenarioSpec& spec, bool verify_versions = false);

// Memory to hold the rows of `variants` sweep results (and one simulation per thread).
double sweep_rows_bytes(double variants, bool per_migration, std::size_t migrations);

}  // namespace app::studies
