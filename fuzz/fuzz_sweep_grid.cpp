// libFuzzer target for sweep grids: a grid file's bytes (and each of its lines as a `--set`
// axis) must become a grid of at most kMaxSweepVariants variants whose first variants expand,
// or be refused (ScenarioError for the file, SweepGridError for its content) — never crash, hang
// or allocate without bound. Corpus: fuzz/corpus/sweep_grid.
#include <cstddef>
#include <cstdint>
#include <string>

#include "app/scenario/loader.hpp"
#include "app/studies/sweep_grid.hpp"
#include "fuzz/fuzz_support.hpp"

namespace {
void check_grid(const app::studies::SweepGrid& grid) {
  if (grid.size() > app::studies::kMaxSweepVariants) std::abort();
  for (std::size_t i = 0; i < std::min<std::size_t>(grid.size(), 3); ++i) (void)grid.variant(i);
  (void)grid.fingerprint();
}
}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string text(reinterpret_cast<const char*>(data), size);
  try {
    check_grid(app::studies::parse_sweep_grid(app::scenario::parse_json_text(text, "grid.json"), "grid.json"));
  } catch (const app::scenario::ScenarioError& e) {
    fuzz::check_refusal(e);
  } catch (const app::studies::SweepGridError& e) {
    fuzz::check_message(e.what());
  }
  app::studies::SweepGrid grid;
  std::size_t start = 0;
  for (int lines = 0; start <= text.size() && lines < 4; ++lines) {
    auto end = text.find('\n', start);
    if (end == std::string::npos) end = text.size();
    try {
      grid.add_axis(app::studies::parse_set_axis(text.substr(start, end - start)));
      check_grid(grid);
    } catch (const app::studies::SweepGridError& e) {
      fuzz::check_message(e.what());
    }
    start = end + 1;
  }
  return 0;
}
