// libFuzzer target for the scenario loader: any byte string must either load or be refused
// with a ScenarioError — never crash, hang, throw anything else, or accept what it cannot echo.
// Build and run: `make fuzz` (clang 14, -fsanitize=fuzzer,address,undefined; seed corpus from
// scenarios/, fuzz/regressions/ and tests/app/scenario/bad/).
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>

#include "app/scenario/loader.hpp"
#include "fuzz/fuzz_support.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string text(reinterpret_cast<const char*>(data), size);
  app::scenario::ScenarioSpec spec;
  try {
    spec = app::scenario::load_scenario_text(text, "fuzz.json", "/nonexistent");
  } catch (const app::scenario::ScenarioError& e) {
    fuzz::check_refusal(e);  // says why, printably
    return 0;
  }
  // Accepted: the effective spec must load again and echo identically (no half-validated state).
  const auto echoed = app::scenario::to_json(spec);
  try {
    const auto again = app::scenario::load_scenario_text(echoed.dump(), "echo.json", "/nonexistent");
    if (app::scenario::to_json(again) != echoed) std::abort();
  } catch (const app::scenario::ScenarioError&) {
    std::abort();
  }
  return 0;
}
