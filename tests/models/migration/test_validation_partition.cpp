// Validation checks on the mobile partition (lpm-protocol.md §3.4, §2.3): one test per check,
// failing and passing, with the exact code and text.
#include <doctest/doctest.h>

#include "validation_world.hpp"

using namespace validation_test;

namespace {
WorldSpec inactive_spec() {
  WorldSpec spec;
  spec.lpar.state = mp::LparState::not_activated;
  return spec;
}
}  // namespace

TEST_CASE("LPMSIM-V020: a VIOS cannot migrate") {
  WorldSpec spec;
  spec.lpar.is_vios = true;
  expect_only(run(*build(spec)), "LPMSIM-V020",
              "The partition db01 is a Virtual I/O Server partition; Virtual I/O Server partitions "
              "cannot be migrated.");
}

TEST_CASE("LPMSIM-V021: Running for active, Not Activated for inactive") {
  WorldSpec spec;
  spec.lpar.state = mp::LparState::starting;
  expect_only(run(*build(spec)), "LPMSIM-V021",
              "The partition db01 is in the Starting state; active migration needs the Running "
              "state and inactive "
              "migration the Not Activated state.");
  const auto inactive = run(*build(inactive_spec()));
  expect_clean(inactive);
  CHECK(inactive.kind == mp::MigrationKind::inactive);
  CHECK(inactive.msp_pairs.empty());
}

TEST_CASE("LPMSIM-V022: not already migrating") {
  WorldSpec spec;
  spec.lpar.state = mp::LparState::migrating_running;
  expect_only(run(*build(spec)), "LPMSIM-V022",
              "The partition db01 is already migrating (Migrating - Running).");
}

TEST_CASE("LPMSIM-V023: AIX and Linux need RMC for active migration") {
  WorldSpec spec;
  spec.lpar.os = mp::OsType::linux;
  spec.lpar.rmc_active = false;
  expect_only(run(*build(spec)), "LPMSIM-V023",
              "The partition db01 does not have an active RMC connection with the HMC, which "
              "active migration of an AIX "
              "or Linux partition requires.");
  spec.lpar.state = mp::LparState::not_activated;
  expect_clean(run(*build(spec)));
}

TEST_CASE("LPMSIM-V024: AIX and Linux need DLPAR capability for active migration") {
  WorldSpec spec;
  spec.lpar.dlpar_capable = false;
  expect_only(run(*build(spec)), "LPMSIM-V024",
              "The partition db01 is not capable of dynamic LPAR memory and processor operations, "
              "which active "
              "migration of an AIX or Linux partition requires.");
  SUBCASE("IBM i is not asked") {
    spec.lpar.os = mp::OsType::ibmi;
    spec.lpar.restricted_io = true;
    expect_clean(run(*build(spec)));
  }
}

TEST_CASE("LPMSIM-V025: IBM i must be in restricted I/O mode") {
  WorldSpec spec;
  spec.lpar.os = mp::OsType::ibmi;
  expect_only(run(*build(spec)), "LPMSIM-V025",
              "The IBM i partition db01 is not in restricted I/O mode.");
  spec.lpar.restricted_io = true;
  expect_clean(run(*build(spec)));
}

TEST_CASE("LPMSIM-V026..V028: no physical I/O for active migration") {
  WorldSpec spec;
  SUBCASE("dedicated adapter") {
    spec.lpar.physical_io = {{mp::PhysicalIoKind::dedicated_adapter, "U78D2.001.WZS0001-P1-C7"}};
    expect_only(run(*build(spec)), "LPMSIM-V026",
                "The partition db01 owns the dedicated physical I/O adapter "
                "U78D2.001.WZS0001-P1-C7; remove it with a "
                "dynamic LPAR operation before an active migration.");
  }
  SUBCASE("LHEA port") {
    spec.lpar.physical_io = {{mp::PhysicalIoKind::lhea_port, "U78A0.001.DNWGGF7-P1-T3"}};
    expect_only(run(*build(spec)), "LPMSIM-V027",
                "The partition db01 owns the logical Host Ethernet Adapter (LHEA) port "
                "U78A0.001.DNWGGF7-P1-T3; remove "
                "it with a dynamic LPAR operation before an active migration.");
  }
  SUBCASE("SR-IOV logical port") {
    spec.lpar.physical_io = {{mp::PhysicalIoKind::sriov_logical_port, "P1-C4-T2"}};
    expect_only(run(*build(spec)), "LPMSIM-V028",
                "The partition db01 owns the SR-IOV logical port P1-C4-T2; remove it with a "
                "dynamic LPAR operation "
                "before an active migration.");
  }
  SUBCASE("inactive migration moves the configuration only") {
    spec.lpar.physical_io = {{mp::PhysicalIoKind::dedicated_adapter, "U78D2.001.WZS0001-P1-C7"}};
    spec.lpar.state = mp::LparState::not_activated;
    expect_clean(run(*build(spec)));
  }
}

TEST_CASE("LPMSIM-V029: no 16 GB huge pages for active migration") {
  WorldSpec spec;
  spec.lpar.huge_pages_16g = 2;
  expect_only(run(*build(spec)), "LPMSIM-V029",
              "The partition db01 has 2 huge pages of 16 GB; active migration is not possible with "
              "huge pages.");
  spec.lpar.state = mp::LparState::not_activated;
  expect_clean(run(*build(spec)));
}

TEST_CASE("LPMSIM-V030: no BSR arrays for active migration") {
  WorldSpec spec;
  spec.lpar.bsr_arrays = 1;
  expect_only(run(*build(spec)), "LPMSIM-V030",
              "The partition db01 has 1 Barrier Synchronization Register (BSR) array; active "
              "migration is not possible "
              "with BSR arrays.");
  spec.lpar.state = mp::LparState::not_activated;
  expect_clean(run(*build(spec)));
}

TEST_CASE("LPMSIM-V031: redundant error path reporting must be off") {
  WorldSpec spec;
  spec.lpar.redundant_error_path_reporting = true;
  expect_only(run(*build(spec)), "LPMSIM-V031",
              "Redundant error path reporting is enabled for the partition db01; disable it before "
              "migrating.");
}

TEST_CASE("LPMSIM-V032: no virtual optical device") {
  WorldSpec spec;
  spec.lpar.virtual_optical = true;
  expect_only(run(*build(spec)), "LPMSIM-V032",
              "The partition db01 has a virtual optical device; remove it before migrating.");
}

TEST_CASE("LPMSIM-V033: the name must be free on the destination") {
  auto rig = build();
  auto twin = lpar_config();
  twin.id = 9;
  twin.vscsi.clear();
  twin.vfc.clear();
  twin.vnic.clear();
  twin.veth.clear();
  rig->extras.push_back(std::make_unique<mp::Lpar>(rig->engine, twin));
  REQUIRE(rig->system("sysB").hypervisor().add_partition(*rig->extras.back()).ok());
  expect_only(run(*rig), "LPMSIM-V033",
              "A partition named db01 already exists on the destination managed system sysB.");
}

TEST_CASE("LPMSIM-V034: a requested destination partition ID must be free") {
  auto rig = build();
  rig->request.dest_lpar_id = 2;  // vios2 on sysB
  expect_only(run(*rig), "LPMSIM-V034",
              "The partition ID 2 is already in use on the destination managed system sysB.");
  rig->request.dest_lpar_id = 9;
  expect_clean(run(*rig));
}

TEST_CASE("LPMSIM-V035: the destination profile name has at most 31 characters") {
  auto rig = build();
  rig->request.dest_profile = std::string(31, 'p');
  expect_clean(run(*rig));
  rig->request.dest_profile = std::string(32, 'p');
  expect_only(
      run(*rig), "LPMSIM-V035",
      "The destination profile name " + std::string(32, 'p') + " is longer than 31 characters.");
}
