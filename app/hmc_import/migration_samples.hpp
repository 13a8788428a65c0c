// The HMC's own record of a past migration for `lpmsim calibrate`: `lslparmigr -r lpar` sampled in
// a loop while the migration ran (HMC_IMPORT.md §"Calibrating from the HMC"), each line prefixed
// by the loop with sample_time (epoch seconds). One `# lslparmigr -r lpar …` section = one
// migration; it becomes a MeasuredMigration: total time (first sample with bytes moving → first
// with nothing left), bytes sent, and bytes per pre-copy pass (a pass ends where bytes_remaining
// grows again: the pages dirtied meanwhile were added back).
//   if (is_lslparmigr_samples(path)) m = measurements_from_samples(path, template_spec);
#pragma once

#include <filesystem>

#include "app/scenario/spec.hpp"
#include "app/studies/calibration.hpp"

namespace app::hmc_import {

// True when the file opens with a `# lslparmigr -r lpar` line (blank lines and other comments
// before it allowed).
bool is_lslparmigr_samples(const std::filesystem::path& path);

// Memory is the LPAR's desired memory in `spec`; bandwidth the smallest link bandwidth of its
// network (the bottleneck the samples were taken over). Throws studies::MeasurementError naming
// file, line and attribute on bad input.
studies::Measurements measurements_from_samples(const std::filesystem::path& path,
                                                const scenario::ScenarioSpec& spec);

} // namespace app::hmc_import
