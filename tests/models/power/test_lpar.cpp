#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "models/power/compat_mode.hpp"
#include "models/power/lpar.hpp"
#include "power_fixtures.hpp"
#include "sim/check.hpp"
#include "sim/tracer.hpp"

using namespace power_test;

namespace {

constexpr mp::LparState kAll[] = {
    mp::LparState::not_activated, mp::LparState::starting,        mp::LparState::running,
    mp::LparState::shutting_down, mp::LparState::error,           mp::LparState::open_firmware,
    mp::LparState::not_available, mp::LparState::migrating_not_activated,
    mp::LparState::migrating_running, mp::LparState::suspending,  mp::LparState::suspended,
    mp::LparState::resuming,      mp::LparState::migrating_suspended,
};

}  // namespace

TEST_CASE("HMC state names, exactly as lssyscfg prints them, and back") {
  const std::vector<std::string> expected{"Not Activated", "Starting", "Running", "Shutting Down", "Error",
                                          "Open Firmware", "Not Available", "Migrating - Not Activated",
                                          "Migrating - Running", "Suspending", "Suspended", "Resuming",
                                          "Migrating - Suspended"};
  std::vector<std::string> names;
  for (mp::LparState s : kAll) {
    names.emplace_back(mp::hmc_name(s));
    CHECK(mp::lpar_state_from_name(mp::hmc_name(s)) == s);
  }
  CHECK(names == expected);
  CHECK_FALSE(mp::lpar_state_from_name("running").has_value());
  CHECK_FALSE(mp::lpar_state_from_name("Migrating - Not Active").has_value());  // REST spelling, not CLI
}

TEST_CASE("state transition table") {
  int legal = 0;
  for (mp::LparState a : kAll) {
    CHECK_FALSE(mp::is_legal_transition(a, a));
    for (mp::LparState b : kAll) legal += mp::is_legal_transition(a, b) ? 1 : 0;
  }
  CHECK(legal == 29 + 12 + 12);  // the explicit table, plus into and out of Not Available
  CHECK(mp::is_legal_transition(mp::LparState::running, mp::LparState::migrating_running));
  CHECK(mp::is_legal_transition(mp::LparState::migrating_running, mp::LparState::running));
  CHECK(mp::is_legal_transition(mp::LparState::not_activated, mp::LparState::migrating_not_activated));
  CHECK(mp::is_legal_transition(mp::LparState::migrating_not_activated, mp::LparState::not_activated));
  CHECK_FALSE(mp::is_legal_transition(mp::LparState::migrating_running, mp::LparState::not_activated));
  CHECK_FALSE(mp::is_legal_transition(mp::LparState::not_activated, mp::LparState::migrating_running));
  CHECK(mp::is_migrating(mp::LparState::migrating_suspended));
  CHECK_FALSE(mp::is_migrating(mp::LparState::running));
}

TEST_CASE("an Lpar changes state only along legal transitions, each traced") {
  sim::Engine engine;
  sim::MemoryTraceSink sink;
  engine.set_tracer(&sink);
  mp::Lpar db01(engine, lpar_config(3, "db01", 8_GiB));
  CHECK(db01.change_state(mp::LparState::migrating_running).ok());
  CHECK(mp::hmc_name(db01.state()) == "Migrating - Running");
  const mp::Outcome bad = db01.change_state(mp::LparState::resuming);
  CHECK(bad.reason() == "illegal state change for db01: Migrating - Running → Resuming");
  CHECK(db01.state() == mp::LparState::migrating_running);
  CHECK(db01.change_state(mp::LparState::running).ok());
  REQUIRE(sink.records().size() == 2);
  CHECK(sim::to_json_line(sink.records()[0]) ==
        R"({"t":0,"kind":"lpar.state","component":"db01","from":"Running","to":"Migrating - Running"})");
}

TEST_CASE("Lpar attributes the mobility checks read") {
  sim::Engine engine;
  auto c = lpar_config(3, "db01", 8_GiB);
  c.processors.mode = mp::ProcessorMode::dedicated;
  c.processors.dedicated_procs = 4;
  c.vfc.push_back({.client_slot = 5, .server_vios = "vios1", .server_slot = 15,
                   .wwpns = {"c0507601a2b30010", "c0507601a2b30011"}, .lun_ids = {"lun7"}});
  mp::Lpar db01(engine, c);
  CHECK(db01.processor_capacity() == mp::ProcessingUnits::cores(4));
  CHECK_FALSE(db01.has_physical_io());
  CHECK(db01.config().vfc.at(0).wwpns[1] == "c0507601a2b30011");
  c.name = "io01";
  c.physical_io.push_back({mp::PhysicalIoKind::sriov_logical_port, "U78D5.ND1.C1-T1"});
  mp::Lpar io01(engine, c);
  CHECK(io01.has_physical_io());
  db01.renumber(12);
  CHECK(db01.id() == 12);
  CHECK(mp::os_name(mp::OsType::ibmi) == "ibmi");

  auto bad = lpar_config(4, "bad", 8_GiB);
  bad.memory_min = 9_GiB;
  CHECK_THROWS_AS(mp::Lpar(engine, bad), sim::CheckFailed);
}

TEST_CASE("compatibility mode names") {
  CHECK(mp::hmc_name(mp::CompatMode::power9_base) == "POWER9_base");
  CHECK(mp::hmc_name(mp::ProcessorGeneration::power10) == "Power10");
  CHECK(mp::compat_mode_from_name("POWER8") == mp::CompatMode::power8);
  CHECK(mp::compat_mode_from_name("default") == mp::CompatMode::default_mode);
  CHECK_FALSE(mp::compat_mode_from_name("power8").has_value());
  CHECK(mp::CompatMode::power8 < mp::CompatMode::power10);
}
