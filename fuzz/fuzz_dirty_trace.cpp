// libFuzzer target for dirty-page trace files (a `trace` workload's `file`): any bytes must be
// parsed into finite, bounded, strictly increasing samples or refused with a printable
// diagnostic — never crash, hang or echo the input. Corpus: fuzz/corpus/dirty_trace.
#include <cmath>
#include <cstddef>
#include <cstdint>

#include "app/scenario/dirty_trace.hpp"
#include "fuzz/fuzz_support.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  try {
    const auto samples = app::scenario::parse_dirty_trace(text, "trace.txt", "/managed_systems/0/lpars/0/workload/dirty/file");
    if (samples.empty()) std::abort();
    for (std::size_t i = 0; i < samples.size(); ++i) {
      const auto& s = samples[i];
      if (!std::isfinite(s.pages_per_second) || s.pages_per_second < 0 ||
          s.pages_per_second > app::scenario::kMaxDirtyPagesPerSecond || s.at < sim::Duration::zero())
        std::abort();
      if (i > 0 && !(samples[i - 1].at < s.at)) std::abort();
    }
  } catch (const app::scenario::ScenarioError& e) {
    fuzz::check_refusal(e);
  }
  return 0;
}
