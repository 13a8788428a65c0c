#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "models/power/msp.hpp"
#include "models/power/vasi_adapter.hpp"
#include "models/power/vios.hpp"
#include "power_fixtures.hpp"
#include "sim/check.hpp"

using namespace power_test;

namespace {

// Built by appending: GCC 12 gives a false -Wrestrict on `"m" + std::to_string(i)`.
std::string mig(int i) {
  std::string name = "m";
  name += std::to_string(i);
  return name;
}

}  // namespace

TEST_CASE("defaults from §5.3: cfg_msp_lpm_ops 8, concurrency_lvl 4, one VASI with 8 operations") {
  sim::Engine engine;
  mp::Msp msp(engine, "sysA/vios1", {});
  CHECK(msp.config().cfg_msp_lpm_ops == 8);
  CHECK(msp.config().concurrency_lvl == 4);
  CHECK(msp.threads_per_migration() == 2);
  CHECK(msp.vasi().max_ops() == 8);
}

TEST_CASE("admission honours cfg_msp_lpm_ops") {
  sim::Engine engine;
  SUBCASE("default 8") {
    mp::Msp msp(engine, "sysA/vios1", {});
    for (int i = 0; i < 8; ++i) REQUIRE(msp.admit(mig(i)).ok());
    CHECK(msp.vasi().ops_in_use() == 8);
    CHECK(msp.admit(mig(8)).reason() == "MSP sysA/vios1 already runs 8 of 8 migrations (cfg_msp_lpm_ops)");
    msp.release(mig(3));
    CHECK(msp.vasi().ops_in_use() == 7);
    CHECK(msp.admit(mig(8)).ok());
  }
  SUBCASE("4 for a single 1 Gb adapter") {
    mp::MspConfig c;
    c.cfg_msp_lpm_ops = 4;
    mp::Msp msp(engine, "sysA/vios1", c);
    for (int i = 0; i < 4; ++i) REQUIRE(msp.admit(mig(i)).ok());
    CHECK(msp.admit(mig(4)).reason() == "MSP sysA/vios1 already runs 4 of 4 migrations (cfg_msp_lpm_ops)");
    CHECK(msp.vasi().ops_in_use() == 4);  // a refusal takes nothing
  }
  SUBCASE("the same migration twice is refused; releasing an unknown one is a bug") {
    mp::Msp msp(engine, "sysA/vios1", {});
    REQUIRE(msp.admit("db01").ok());
    CHECK(msp.admit("db01").reason() == "MSP sysA/vios1 already serves migration db01");
    CHECK(msp.holds("db01"));
    CHECK_THROWS_AS(msp.release("db02"), sim::CheckFailed);
  }
}

TEST_CASE("concurrency levels below 4 exhaust the thread budget first (§5.3)") {
  sim::Engine engine;
  mp::MspConfig c;
  c.concurrency_lvl = 1;  // 5 threads per migration, 16 in all → 3 migrations
  mp::Msp msp(engine, "sysA/vios1", c);
  for (int i = 0; i < 3; ++i) REQUIRE(msp.admit(mig(i)).ok());
  CHECK(msp.admit(mig(3)).reason() ==
        "MSP sysA/vios1 has no free LPM threads: 15 of 16 in use, 5 needed (concurrency_lvl 1)");
  CHECK(msp.threads_in_use() == 15);
}

TEST_CASE("the VASI adapter honours max_vasi_ops") {
  mp::VasiAdapter vasi;
  for (int i = 0; i < 8; ++i) CHECK(vasi.try_open());
  CHECK_FALSE(vasi.try_open());
  CHECK(vasi.ops_in_use() == 8);
  vasi.close();
  CHECK(vasi.try_open());
  mp::VasiAdapter small(2);
  CHECK(small.try_open());
  CHECK(small.try_open());
  CHECK_FALSE(small.try_open());
  small.close();
  small.close();
  CHECK_THROWS_AS(small.close(), sim::CheckFailed);
}

TEST_CASE("configuration outside the documented ranges is a bug") {
  sim::Engine engine;
  mp::MspConfig c;
  c.cfg_msp_lpm_ops = 9;
  CHECK_THROWS_AS(mp::Msp(engine, "m", c), sim::CheckFailed);
  c.cfg_msp_lpm_ops = 0;
  CHECK_THROWS_AS(mp::Msp(engine, "m", c), sim::CheckFailed);
  c = {};
  c.concurrency_lvl = 6;
  CHECK_THROWS_AS(mp::Msp(engine, "m", c), sim::CheckFailed);
  c.concurrency_lvl = 0;
  CHECK_THROWS_AS(mp::Msp(engine, "m", c), sim::CheckFailed);
}

TEST_CASE("per-migration throughput cap from CPU capacity and concurrency level") {
  sim::Engine engine;
  const double r = mp::MspConfig{}.rate_per_cpu.value();  // one CPU's rate (§5.4)
  SUBCASE("anchor: one CPU, level 4, one migration moves one CPU's rate") {
    mp::Msp msp(engine, "sysA/vios1", {});
    CHECK(msp.cap_with(1).value() == r);
    CHECK(msp.cap_with(2).value() == r / 2);
    CHECK(msp.cap_with(4).value() == r / 4);
  }
  SUBCASE("four CPUs: two threads per migration are the limit until the CPUs are shared") {
    mp::MspConfig c;
    c.cpu_capacity = mp::ProcessingUnits::cores(4);
    mp::Msp msp(engine, "sysA/vios1", c);
    CHECK(msp.cap_with(1).value() == 2 * r);
    CHECK(msp.cap_with(2).value() == 2 * r);
    CHECK(msp.cap_with(3).value() == doctest::Approx(4 * r / 3).epsilon(1e-12));
    CHECK(msp.cap_with(8).value() == r / 2);
  }
  SUBCASE("level 1 gives one migration more threads, hence more of the CPUs") {
    mp::MspConfig c;
    c.cpu_capacity = mp::ProcessingUnits::cores(4);
    c.concurrency_lvl = 1;
    mp::Msp msp(engine, "sysA/vios1", c);
    CHECK(msp.cap_with(1).value() == doctest::Approx(4 * r).epsilon(1e-12));
  }
  SUBCASE("the listener hears every change") {
    mp::Msp msp(engine, "sysA/vios1", {});
    std::vector<double> caps;
    msp.set_cap_listener([&](sim::BytesPerSecond r) { caps.push_back(r.value()); });
    CHECK(msp.per_migration_cap().value() == r);
    REQUIRE(msp.admit("a").ok());
    REQUIRE(msp.admit("b").ok());
    msp.release("a");
    CHECK(caps == std::vector<double>{r, r / 2, r});
  }
}

TEST_CASE("an MSP on a crashed VIOS admits nothing until restart") {
  sim::Engine engine;
  auto c = vios_config("vios1", 1);
  c.msp = true;
  c.msp_config.ip_interface = "sysA-msp1";
  mp::Vios vios(engine, "sysA", c);
  REQUIRE(vios.msp() != nullptr);
  CHECK(vios.msp()->ip_interface() == "sysA-msp1");
  REQUIRE(vios.msp()->admit("a").ok());
  vios.crash();
  CHECK(vios.msp()->admit("b").reason() == "MSP sysA/vios1 is not operating");
  vios.msp()->release("a");  // the aborted migration still gives its token back
  vios.restart();
  CHECK(vios.msp()->admit("b").ok());
  mp::Vios plain(engine, "sysA", vios_config("vios2", 2));
  CHECK(plain.msp() == nullptr);
}
