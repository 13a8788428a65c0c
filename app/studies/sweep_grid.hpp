// SweepGrid: the variants of a sweep — grid axes and seeded random samples over scenario
// parameters addressed by JSON pointer — in one fixed, documented order (SWEEP.md). Read from a
// grid file and/or `--set` axes by `lpmsim sweep`; expanded by app::studies::Sweep.
//   auto grid = app::studies::load_sweep_grid("scenarios/grids/bandwidth.json");
//   std::vector<nlohmann::json> values = grid.variant(17);   // one value per parameter
#pragma once

#include <cstdint>
#include <filesystem>
#include <nlohmann/json.hpp>
#include <stdexcept>
#include <string>
#include <vector>

namespace app::studies {

// A bad grid file or --set axis (exit 2); the message names the file and JSON pointer.
class SweepGridError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// The most variants one sweep may have: each is a simulation and a result row held in memory
// (≈ 0.5 KiB), so 10⁷ rows are ≈ 5 GiB before any output is written. Larger grids are refused
// before any axis is expanded.
inline constexpr std::uint64_t kMaxSweepVariants = 10'000'000;

// One explicit axis: every value in turn. A linked axis sets the same value at several pointers
// at once (e.g. the bandwidth of every link of the LPM network).
struct GridAxis {
  GridAxis() = default;
  GridAxis(std::string first, std::vector<nlohmann::json> all, std::vector<std::string> more = {})
      : pointer(std::move(first)), values(std::move(all)), linked(std::move(more)) {}
  std::string pointer;  // JSON pointer into the scenario, e.g. "/simulation/seed"
  std::vector<nlohmann::json> values;
  std::vector<std::string> linked;  // further pointers that take the same value
  std::vector<std::string> pointers() const;  // pointer, then linked
};

// One randomly sampled parameter: uniform or log-uniform over [low, high]; `unit` is appended
// to the number ("pages/s" → "12345.6pages/s"), `integer` rounds it.
struct RandomParameter {
  enum class Distribution { uniform, log_uniform };
  std::string pointer;
  Distribution distribution = Distribution::uniform;
  double low = 0;
  double high = 1;
  std::string unit;
  bool integer = false;
};

struct RandomSection {
  std::uint64_t seed = 1;
  std::int64_t samples = 0;
  std::vector<RandomParameter> parameters;
};

// Order: random sample is the outermost loop, then the axes in the order given, the last axis
// varying fastest (like nested for-loops). Parameters: random ones first, then the axes.
class SweepGrid {
 public:
  SweepGrid() = default;
  // Both throw SweepGridError when the grid would exceed kMaxSweepVariants.
  void add_axis(GridAxis axis);
  void set_random(RandomSection random);

  std::size_t size() const;
  // One name per parameter, in parameter order: its pointer, or a linked axis's pointers joined
  // with ",".
  std::vector<std::string> parameter_names() const;
  // The pointers each parameter sets, in parameter order.
  std::vector<std::vector<std::string>> parameter_pointers() const;
  std::vector<nlohmann::json> variant(std::size_t index) const;
  // Index of the parameter that is the seed axis ("/simulation/seed"), or -1.
  int seed_parameter() const;
  // A digest of the whole definition: a journal written by another sweep is refused.
  std::string fingerprint() const;

  const std::vector<GridAxis>& axes() const { return axes_; }

 private:
  std::vector<GridAxis> axes_;
  RandomSection random_;
};

// Reads a grid file (format in SWEEP.md). Throws SweepGridError, or scenario::ScenarioError for a
// file that is not a regular file under the size limit or not valid JSON (with line and column).
SweepGrid load_sweep_grid(const std::filesystem::path& path);
SweepGrid parse_sweep_grid(const nlohmann::json& grid, const std::string& file);

// A command-line axis "/json/pointer=v1,v2,..." or "/json/pointer=A..B" (integers A to B);
// "/a,/b=v1,v2" links two pointers. Values that parse as JSON are taken as JSON (commas inside
// brackets, braces and quotes belong to the value: "/x=[1,2],[3,4]" has two values), others as
// strings exactly as written ("25Gbit/s", "400000pages/s").
GridAxis parse_set_axis(const std::string& text);

}  // namespace app::studies
