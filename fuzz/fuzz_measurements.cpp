// libFuzzer target for measurement files (what `lpmsim calibrate` reads, SWEEP.md): any bytes
// must become Measurements of finite, bounded values or be refused (ScenarioError for JSON-level
// problems, MeasurementError for content) — never crash or hang. Corpus: fuzz/corpus/measurements.
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <string>

#include "app/studies/calibration.hpp"
#include "fuzz/fuzz_support.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  try {
    const auto m = app::studies::parse_measurements(text, "measured.json");
    if (m.migrations.empty() || m.migrations.size() > app::studies::kMaxMeasuredMigrations) std::abort();
    for (const auto& r : m.migrations) {
      if (r.bytes_sent && !(std::isfinite(*r.bytes_sent) && *r.bytes_sent > 0)) std::abort();
      for (const double p : r.pass_pages)
        if (!std::isfinite(p) || p < 0) std::abort();
    }
  } catch (const app::scenario::ScenarioError& e) {
    fuzz::check_refusal(e);
  } catch (const app::studies::MeasurementError& e) {
    fuzz::check_message(e.what());
  }
  return 0;
}
