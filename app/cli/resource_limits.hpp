// The memory an lpmsim process may plan to use (--max-memory, default half of physical memory):
// commands estimate what an input needs before simulating (app/studies/resource_estimate.hpp)
// and refuse, with the estimate and the key that drives it, what would not fit.
//   if (!set_max_memory("4GiB", problem)) ...;   check_estimate(estimate_run(spec), file);
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "app/studies/resource_estimate.hpp"

namespace app::cli {

// A positive size given on the command line ("4GiB", "256MiB"); nullopt with `problem` set.
std::optional<std::uint64_t> positive_size(const std::string& text, std::string& problem);

std::uint64_t max_memory();
// Parses a size ("4GiB"); false with `problem` set when it is not one.
bool set_max_memory(const std::string& text, std::string& problem);
std::string format_memory(std::uint64_t bytes);

// Throws ScenarioError (file, the driving pointer, the estimate and the limit) when `e` exceeds
// max_memory() or its work bound.
void check_estimate(const studies::ResourceEstimate& e, const std::string& file);

}  // namespace app::cli
