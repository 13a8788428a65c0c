// lpmsim calibrate from the HMC's own record (issue 19): lslparmigr -r lpar samples → a measured
// migration (total time, bytes sent, bytes per detected pass), and bad samples named by line.
#include <doctest/doctest.h>

#include <fstream>

#include "app/hmc_import/migration_samples.hpp"
#include "app/scenario/loader.hpp"

using namespace app::hmc_import;

namespace {
const std::filesystem::path kSource(LPMSIM_SOURCE_DIR);
}

TEST_CASE("lslparmigr -r lpar samples become a measured migration") {
  const auto spec = app::scenario::load_scenario_file(kSource / "scenarios/quickstart.json");
  const auto file = kSource / "tests/app/hmc_import/fixtures/db01-lslparmigr-samples.txt";
  REQUIRE(is_lslparmigr_samples(file));
  CHECK_FALSE(is_lslparmigr_samples(kSource / "scenarios/quickstart.json"));
  const auto m = measurements_from_samples(file, spec);
  CHECK(m.lpar == "db01");
  REQUIRE(m.migrations.size() == 1);
  const auto& g = m.migrations[0];
  CHECK(g.total_time.seconds() == doctest::Approx(70.0)); // first migrating sample → last
  CHECK(*g.bytes_sent == doctest::Approx(60.18e9));
  CHECK(g.memory == sim::parse_bytes("64GiB"));
  CHECK(g.bandwidth.bits_per_second() == doctest::Approx(25e9));
  REQUIRE(g.pass_pages.size() == 2); // one rise of bytes_remaining seen (passes 2 and 3 merge)
  CHECK(g.pass_pages[0] == doctest::Approx(52637625658.0 / 4096));
  CHECK(g.pass_pages[1] == doctest::Approx((60.18e9 - 52637625658.0) / 4096));
}

TEST_CASE("bad samples: file, line, attribute and what was expected") {
  const auto spec = app::scenario::load_scenario_file(kSource / "scenarios/quickstart.json");
  const auto path = std::filesystem::temp_directory_path() / "lpmsim-bad-samples.txt";
  {
    std::ofstream out(path);
    out << "# lslparmigr -r lpar -m sysA -F sample_time,name,migration_state,bytes_transmitted,"
           "bytes_remaining\n"
           "100,db01,Not Migrating,0,0\n"
           "102,db01,Migration In Progress,5e9,x\n"
           "103,db01,Migration In Progress,5e9,40e9\n"
           "101,db01,Migration In Progress,6e9,1e9\n";
  }
  try {
    measurements_from_samples(path, spec);
    FAIL("expected a MeasurementError");
  } catch (const app::studies::MeasurementError& e) {
    const std::string w = e.what();
    const std::string f = path.string();
    CHECK(w.find(f + ":3: lslparmigr -r lpar: attribute bytes_remaining: expected a byte count; "
                     "found \"x\"") != std::string::npos);
    CHECK(w.find(f + ":5: lslparmigr -r lpar: attribute sample_time: expected times to increase; "
                     "found 101") != std::string::npos);
  }
  std::filesystem::remove(path);
}
