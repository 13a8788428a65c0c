#include "app/cli/resource_limits.hpp"

#include <unistd.h>

#include <cmath>
#include <fmt/core.h>

#include "app/scenario/diagnostic.hpp"
#include "app/scenario/quantity_text.hpp"

namespace app::cli {

namespace {

std::uint64_t physical_memory() {
  const long pages = ::sysconf(_SC_PHYS_PAGES);
  const long page = ::sysconf(_SC_PAGESIZE);
  if (pages <= 0 || page <= 0) return std::uint64_t{8} << 30;
  return static_cast<std::uint64_t>(pages) * static_cast<std::uint64_t>(page);
}

std::uint64_t& limit() {
  // Default: half of physical memory, leaving the rest to the system and other processes.
  static std::uint64_t value = physical_memory() / 2;
  return value;
}

}  // namespace

std::uint64_t max_memory() { return limit(); }

std::optional<std::uint64_t> positive_size(const std::string& text, std::string& problem) {
  const auto bytes = scenario::QuantityText<sim::Bytes>::parse(text, problem);
  if (!bytes) return std::nullopt;
  if (bytes->count() <= 0) {
    problem = "expected a positive size, e.g. 4GiB";
    return std::nullopt;
  }
  return static_cast<std::uint64_t>(bytes->count());
}

bool set_max_memory(const std::string& text, std::string& problem) {
  const auto bytes = positive_size(text, problem);
  if (!bytes) return false;
  limit() = *bytes;
  return true;
}

std::string format_memory(std::uint64_t bytes) {
  if (bytes >= (std::uint64_t{1} << 30)) return fmt::format("{:.1f} GiB", static_cast<double>(bytes) / (1 << 30));
  return fmt::format("{:.1f} MiB", static_cast<double>(bytes) / (1 << 20));
}

namespace {
std::string format_estimate(double bytes) {
  if (!std::isfinite(bytes) || bytes >= 1e18) return fmt::format("{:.3g} bytes", bytes);
  return format_memory(static_cast<std::uint64_t>(bytes));
}
}  // namespace

void check_estimate(const studies::ResourceEstimate& e, const std::string& file) {
  std::vector<scenario::Diagnostic> problems;
  if (!(e.bytes <= static_cast<double>(max_memory()))) {
    scenario::Diagnostic d;
    d.file = file;
    d.pointer = e.pointer;
    d.message = fmt::format("needs an estimated {} of memory, above the limit of {} (--max-memory); "
                            "most of it is {}",
                            format_estimate(e.bytes), format_memory(max_memory()), e.what);
    problems.push_back(std::move(d));
  }
  if (!(e.exact_writes_per_second <= studies::kMaxExactWritesPerSecond)) {
    scenario::Diagnostic d;
    d.file = file;
    d.pointer = e.writes_pointer;
    d.message = fmt::format("exact mode samples every page write: {:.3g} writes per simulated second is above "
                            "the bound of {:.0e}; use simulation.memory_representation \"expected\"",
                            e.exact_writes_per_second, studies::kMaxExactWritesPerSecond);
    problems.push_back(std::move(d));
  }
  if (!(e.exact_chunks_per_pass <= studies::kMaxExactChunksPerPass)) {
    scenario::Diagnostic d;
    d.file = file;
    d.pointer = e.chunks_pointer;
    d.message = fmt::format("exact mode would send {:.3g} chunks per pre-copy pass, above the bound of {:.3g} "
                            "(each is a simulated transfer); use larger hmc.precopy.chunk_size or "
                            "simulation.memory_representation \"expected\"",
                            e.exact_chunks_per_pass, studies::kMaxExactChunksPerPass);
    problems.push_back(std::move(d));
  }
  if (!problems.empty()) throw scenario::ScenarioError(std::move(problems));
}

}  // namespace app::cli
