// Validation checks on the request and the two managed systems (lpm-protocol.md §3.1, §3.2,
// §5.1, §5.2): one test per check, failing and passing, with the exact code and text.
#include <doctest/doctest.h>

#include "validation_world.hpp"

using namespace validation_test;

TEST_CASE("the default two-system world validates with no message") {
  auto rig = build();
  const auto r = run(*rig);
  expect_clean(r);
  CHECK(r.kind == mp::MigrationKind::active);
  CHECK(r.lpar == "db01");
}

TEST_CASE(
    "LPMSIM-V001..V004: the request must name two distinct systems and a partition on the source") {
  auto rig = build();
  SUBCASE("unknown source") {
    rig->request.source_system = "sysX";
    expect_only(run(*rig), "LPMSIM-V001", "The source managed system sysX does not exist.");
  }
  SUBCASE("unknown destination") {
    rig->request.destination_system = "sysY";
    expect_only(run(*rig), "LPMSIM-V002", "The destination managed system sysY does not exist.");
  }
  SUBCASE("unknown partition") {
    rig->request.lpar = "web07";
    expect_only(run(*rig), "LPMSIM-V003",
                "The partition web07 does not exist on the source managed system sysA.");
  }
  SUBCASE("partition defined on another system") {
    rig->request.source_system = "sysB";
    rig->request.destination_system = "sysA";
    expect_only(run(*rig), "LPMSIM-V003",
                "The partition db01 does not exist on the source managed system sysB.");
  }
  SUBCASE("source is the destination") {
    rig->request.destination_system = "sysA";
    expect_only(run(*rig), "LPMSIM-V004",
                "The source and destination managed systems are the same (sysA).");
  }
}

TEST_CASE("LPMSIM-V005: both systems must be operating") {
  auto rig = build();
  rig->system("sysB").fail();
  expect_only(run(*rig), "LPMSIM-V005", "The destination managed system sysB is not operating.");
  rig->system("sysB").restore();
  expect_clean(run(*rig));
}

TEST_CASE("LPMSIM-V006: PowerVM Enterprise Edition on both systems") {
  WorldSpec spec;
  spec.sys_a.edition = mp::PowerVmEdition::standard;
  expect_only(run(*build(spec)), "LPMSIM-V006",
              "The source managed system sysA does not have PowerVM Enterprise Edition, which "
              "partition mobility requires.");
}

TEST_CASE("LPMSIM-V007: the kind of mobility must be enabled on both systems") {
  WorldSpec spec;
  spec.sys_b.active_lpm_capable = false;
  expect_only(run(*build(spec)), "LPMSIM-V007",
              "The destination managed system sysB is not capable of active partition mobility.");
  SUBCASE("an inactive migration does not need the active capability") {
    spec.lpar.state = mp::LparState::not_activated;
    expect_clean(run(*build(spec)));
  }
  SUBCASE("and needs the inactive one") {
    spec.lpar.state = mp::LparState::not_activated;
    spec.sys_a.inactive_lpm_capable = false;
    expect_only(run(*build(spec)), "LPMSIM-V007",
                "The source managed system sysA is not capable of inactive partition mobility.");
  }
}

TEST_CASE("LPMSIM-V008: the firmware pair must be in the support matrix (§5.1)") {
  WorldSpec spec;
  SUBCASE("POWER8 860 to Power10 1050 is not listed") {
    spec.sys_a.firmware_level = "FW860.10";
    spec.sys_a.firmware_release = 860;
    expect_only(run(*build(spec)), "LPMSIM-V008",
                "The firmware levels of the source managed system sysA (FW860.10) and the "
                "destination managed system "
                "sysB (FW1050.10) are not a supported pair for partition mobility.");
  }
  SUBCASE("POWER9 950 to Power10 1050 is supported; the release is read from the level text") {
    spec.sys_a.firmware_level = "FW950.40";
    spec.sys_a.firmware_release = 0;
    expect_clean(run(*build(spec)));
  }
  SUBCASE("840 needs service pack 840_113") {
    spec.sys_a.firmware_level = "FW840.100";
    spec.sys_a.firmware_release = 840;
    spec.sys_b.firmware_level = "FW860.10";
    spec.sys_b.firmware_release = 860;
    expect_only(run(*build(spec)), "LPMSIM-V008",
                "The firmware level FW840.100 of the source managed system sysA is below "
                "FW840_113, the first 840 level "
                "supported for partition mobility.");
    spec.sys_a.firmware_level = "FW840.113";
    expect_clean(run(*build(spec)));
  }
  SUBCASE("an unreadable level") {
    spec.sys_b.firmware_level = "unknown";
    spec.sys_b.firmware_release = 0;
    expect_only(run(*build(spec)), "LPMSIM-V008",
                "The firmware level of the destination managed system sysB (unknown) is unknown, "
                "so it cannot be "
                "matched against the supported firmware pairs.");
  }
}

TEST_CASE("LPMSIM-V009: the destination must support the partition's compatibility mode") {
  WorldSpec spec;
  spec.lpar.current_compat_mode = mp::CompatMode::power8;
  expect_only(run(*build(spec)), "LPMSIM-V009",
              "The destination managed system sysB does not support the partition's processor "
              "compatibility mode POWER8.");
  spec.sys_b.compat_modes.push_back(mp::CompatMode::power8);
  expect_clean(run(*build(spec)));
  SUBCASE("inactive: the preferred mode is what counts") {
    spec.sys_b = system_config("sysB");
    spec.lpar.state = mp::LparState::not_activated;
    expect_clean(run(*build(spec)));
    spec.lpar.preferred_compat_mode = mp::CompatMode::power11;
    expect_only(run(*build(spec)), "LPMSIM-V009",
                "The destination managed system sysB does not support the partition's processor "
                "compatibility mode Power11.");
  }
}

TEST_CASE("LPMSIM-V010: the same LMB size on both systems") {
  WorldSpec spec;
  spec.sys_b.lmb_size = 128_MiB;
  expect_only(run(*build(spec)), "LPMSIM-V010",
              "The logical memory block size of the source managed system sysA (256 MiB) differs "
              "from that of the "
              "destination managed system sysB (128 MiB).");
}

TEST_CASE("LPMSIM-V011: enough processor capacity on the destination") {
  WorldSpec spec;
  spec.sys_b.installed_processors = 3;  // the two VIOSes hold 2.00
  spec.lpar.processors.entitlement = mp::ProcessingUnits::hundredths(250);
  expect_only(run(*build(spec)), "LPMSIM-V011",
              "The destination managed system sysB does not have enough available processors: 2.50 "
              "processing units "
              "requested, 1.00 available.");
  spec.lpar.processors.entitlement = mp::ProcessingUnits::hundredths(100);  // exactly what is free
  expect_clean(run(*build(spec)));
  SUBCASE("dedicated processors count whole cores") {
    spec.lpar.processors.mode = mp::ProcessorMode::dedicated;
    spec.lpar.processors.dedicated_procs = 2;
    expect_only(run(*build(spec)), "LPMSIM-V011",
                "The destination managed system sysB does not have enough available processors: "
                "2.00 processing units "
                "requested, 1.00 available.");
  }
}

TEST_CASE("LPMSIM-V012: enough memory on the destination, desired memory rounded up to LMBs") {
  WorldSpec spec;
  spec.sys_b.installed_memory = 41_GiB;  // 1 GiB hypervisor + 2 × 4 GiB VIOS: 32 GiB free
  spec.lpar.memory_desired = 64_GiB;
  spec.lpar.memory_max = 64_GiB;
  expect_only(run(*build(spec)), "LPMSIM-V012",
              "The destination managed system sysB does not have enough available memory: 64 GiB "
              "requested, 32 GiB available.");
  spec.lpar.memory_desired = 32_GiB;
  expect_clean(run(*build(spec)));
  spec.lpar.memory_desired = 32_GiB + 1_MiB;  // one more LMB than is free
  expect_only(run(*build(spec)), "LPMSIM-V012",
              "The destination managed system sysB does not have enough available memory: 33024 "
              "MiB requested, 32 GiB available.");
}

TEST_CASE("LPMSIM-V013: running migrations at the supported count is a warning (the Hmc queues)") {
  WorldSpec spec;
  spec.sys_b.max_active_migrations = 1;
  auto rig = build(spec);
  expect_clean(run(*rig));
  REQUIRE(rig->system("sysB").begin_migration(mp::MigrationKind::active).ok());
  expect_only(run(*rig), "LPMSIM-V013",
              "The destination managed system sysB already runs 1 of 1 supported active "
              "migrations; the migration waits "
              "for one to end.",
              kWarning);
  SUBCASE("inactive migrations are counted apart") {
    spec.lpar.state = mp::LparState::not_activated;
    auto inactive = build(spec);
    REQUIRE(inactive->system("sysB").begin_migration(mp::MigrationKind::active).ok());
    expect_clean(run(*inactive));
  }
  SUBCASE("an MSP at cfg_msp_lpm_ops") {
    WorldSpec one;
    for (auto& v : one.vios_a) v.msp_config.cfg_msp_lpm_ops = 1;
    auto busy = build(one);
    REQUIRE(busy->vios("sysA", "vios1").msp()->admit("other#1").ok());
    REQUIRE(busy->vios("sysA", "vios2").msp()->admit("other#2").ok());
    expect_only(run(*busy), "LPMSIM-V013",
                "The mover service partition sysA/vios1 already runs 1 of 1 migrations "
                "(cfg_msp_lpm_ops); the migration "
                "waits for one to end.",
                kWarning);
  }
}
