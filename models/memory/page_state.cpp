#include "models/memory/page_state.hpp"

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
         (1.0 - zero_page_fraction) * (page_size.as_double() * compression_ratio + page_header.as_double());
}

std::unique_ptr<PageState> make_page_state(const MemoryConfig& config, Workload& workload,
                                           sim::RngStream rng) {
  if (config.representation == Representation::expected)
    return std::make_unique<ExpectedPageState>(config, workload);
  return std::make_unique<ExactPageState>(config, workload, rng);
}

}  // namespace models::memory
