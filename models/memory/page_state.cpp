#include "models/memory/page_state.hpp"

#include <algorithm>
#include <cmath>

#include "models/memory/exact_page_state.hpp"
#include "models/memory/expected_page_state.hpp"
#include "sim/check.hpp"

namespace models::memory {

std::int64_t MemoryConfig::pages() const {
  SIM_CHECK(page_size.count() > 0, "memory", "page size must be positive");
  return (memory.count() + page_size.count() - 1) / page_size.count();
}

std::int64_t MemoryConfig::touched_pages() const {
  return static_cast<std::int64_t>(std::llround(touched_fraction * static_cast<double>(pages())));
}

double MemoryConfig::wire_bytes_per_page() const {
  return zero_page_fraction * page_header.as_double() +
         (1.0 - zero_page_fraction) * (page_size.as_double() / compression_ratio + page_header.as_double());
}

std::int64_t top_block_pages(const MemoryConfig& config, const Workload& workload) {
  if (config.top_block.count() <= 0) return 0;
  std::int64_t written = workload.sequential() && workload.total_rate() > 0 ? workload.sequential_span() : 0;
  for (const PageClass& c : workload.classes())
    if (c.rate_per_page > 0) written = std::max(written, c.first_rank + c.pages);
  const std::int64_t free = std::max<std::int64_t>(0, config.touched_pages() - written);
  const std::int64_t want = (config.top_block.count() + config.page_size.count() - 1) / config.page_size.count();
  return std::min(want, free);
}

std::unique_ptr<PageState> make_page_state(const MemoryConfig& config, Workload& workload,
                                           sim::RngStream rng) {
  if (config.representation == Representation::expected)
    return std::make_unique<ExpectedPageState>(config, workload);
  return std::make_unique<ExactPageState>(config, workload, rng);
}

}  // namespace models::memory
