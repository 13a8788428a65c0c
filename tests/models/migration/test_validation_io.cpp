// Validation checks on VIOSes, storage, VLANs, redundancy and user mappings (lpm-protocol.md §2.3,
// §3.3, §4.3): one test per check, failing and passing, and the 0/1/2 semantics of the flags.
#include <doctest/doctest.h>

#include "validation_world.hpp"

using namespace validation_test;
using mm::Requirement;

TEST_CASE("LPMSIM-V040: the source VIOSes serving the partition must be operating") {
  auto rig = build();
  rig->request.redundant_msps = Requirement::none;  // vios2 is also an MSP; keep to the one check
  rig->vios("sysA", "vios2").crash();
  expect_only(run(*rig), "LPMSIM-V040",
              "The Virtual I/O Server vios2 on the source managed system sysA, which serves the "
              "partition db01, is not operating.");
  rig->vios("sysA", "vios2").restart();
  expect_clean(run(*rig));
}

TEST_CASE("LPMSIM-V041: an operating VIOS on the destination") {
  WorldSpec spec;
  spec.lpar.veth.clear();
  spec.lpar.state = mp::LparState::not_activated;  // no MSP needed: only the VIOS check speaks
  auto rig = build(spec);
  rig->vios("sysB", "vios1").crash();
  rig->vios("sysB", "vios2").crash();
  const auto r = run(*rig);
  INFO(dump(r));
  CHECK(r.messages.size() == 4);
  CHECK(r.count("LPMSIM-V041") == 4);
  CHECK(r.find("LPMSIM-V041")->text ==
        "The migrating partition's virtual SCSI client adapter 10 "
        "cannot be hosted by the existing Virtual I/O Servers "
        "(VIOS) on the destination managed system. The destination "
        "managed system sysB has no operating VIOS.");
  rig->vios("sysB", "vios2").restart();
  CHECK(run(*rig).count("LPMSIM-V041") == 0);
}

TEST_CASE("LPMSIM-V042: every vSCSI LUN visible through one destination VIOS") {
  WorldSpec spec;
  spec.lpar.vscsi = {{10, "vios1", 20, {"lun-1", "lun-2"}}};
  spec.lpar.vnic = {{13, "vios1", 23, "P1-C4-T1"}};
  spec.vios_b[0].visible_luns = {"lun-1"};
  spec.vios_b[1].visible_luns = {"lun-1"};
  expect_only(run(*build(spec)), "LPMSIM-V042",
              "The migrating partition's virtual SCSI client adapter 10 cannot be hosted by the "
              "existing Virtual I/O "
              "Servers (VIOS) on the destination managed system. No VIOS on sysB can host it: "
              "vios1 does not see LUN "
              "lun-2; vios2 does not see LUN lun-2.");
  spec.vios_b[1].visible_luns = {"lun-1", "lun-2"};  // vios2 sees both
  const auto kept = build(spec);                     // keeps the World the result points into
  const auto r = run(*kept);
  expect_clean(r);
  CHECK(r.plan.find(mp::VirtualDeviceKind::vscsi, 10)->vios->name() == "sysB/vios2");
}

TEST_CASE("HSCLA319: no destination VIOS can host a virtual fibre channel client adapter") {
  WorldSpec spec;
  const std::string text =
      "The migrating partition's virtual fibre channel client adapter 12 "
      "cannot be hosted by the existing Virtual I/O "
      "Servers (VIOS) on the destination managed system. ";
  SUBCASE("no NPIV-capable port") {
    for (auto& v : spec.vios_b) v.fc_ports[0].npiv_capable = false;
    expect_only(run(*build(spec)), "HSCLA319",
                text +
                    "No VIOS on sysB can host it: vios1 has no NPIV-capable FC port with a free "
                    "client slot reaching the adapter's storage; vios2 "
                    "has no NPIV-capable FC port with a free client slot reaching the adapter's storage.");
  }
  SUBCASE("issue 16: port-level validation (the default) finds storage visible through no destination port") {
    for (auto& v : spec.vios_b) v.fc_ports[0].reachable_luns = {};
    expect_only(run(*build(spec)), "HSCLA319",
                text +
                    "No VIOS on sysB can host it: vios1 has no NPIV-capable FC port with a free "
                    "client slot reaching the adapter's storage; vios2 "
                    "has no NPIV-capable FC port with a free client slot reaching the adapter's storage.");
  }
  SUBCASE("ports full") {
    for (auto& v : spec.vios_b) v.fc_ports[0].max_npiv_clients = 0;
    CHECK(run(*build(spec)).count("HSCLA319") == 1);
  }
  SUBCASE("--npivval portdisk also needs the LUNs behind the port") {
    spec.lpar.vfc[0].lun_ids = {"lun-3", "lun-4"};
    for (auto& v : spec.vios_a) v.fc_ports[0].reachable_luns = {"lun-3", "lun-4"};
    for (auto& v : spec.vios_b) v.fc_ports[0].reachable_luns = {"lun-4"};
    auto rig = build(spec);
    expect_clean(run(*rig));  // port-level validation (the default) does not look at every disk
    rig->request.npiv_disk_validation = true;
    expect_only(run(*rig), "HSCLA319",
                text +
                    "No VIOS on sysB can host it: vios1 has no NPIV-capable FC port with a free "
                    "client slot reaching "
                    "the adapter's LUNs; vios2 has no NPIV-capable FC port with a free client "
                    "slot reaching the "
                    "adapter's LUNs.");
  }
}

TEST_CASE("LPMSIM-V043: a vFC adapter needs its pair of WWPNs") {
  WorldSpec spec;
  spec.lpar.vfc[0].wwpns[1].clear();
  expect_only(run(*build(spec)), "LPMSIM-V043",
              "The migrating partition's virtual fibre channel client adapter 12 does not have a "
              "pair of WWPNs; the "
              "second WWPN is used for partition mobility.");
}

TEST_CASE("LPMSIM-V044: a vNIC needs an SR-IOV port on a destination VIOS") {
  WorldSpec spec;
  for (auto& v : spec.vios_b) v.sriov_ports.clear();
  expect_only(run(*build(spec)), "LPMSIM-V044",
              "The migrating partition's vNIC client adapter 13 cannot be hosted by the existing "
              "Virtual I/O Servers "
              "(VIOS) on the destination managed system. No VIOS on sysB can host it: vios1 has no "
              "SR-IOV port; vios2 "
              "has no SR-IOV port.");
  spec.vios_b[0].sriov_ports = {"P1-C6-T1"};  // another label: any SR-IOV port backs a vNIC
  const auto kept = build(spec);              // keeps the World the result points into
  const auto r = run(*kept);
  INFO(dump(r));
  CHECK(r.ok());
  CHECK(r.plan.find(mp::VirtualDeviceKind::vnic, 13)->backings ==
        std::vector<std::string>{"P1-C6-T1"});
}

TEST_CASE("LPMSIM-V045: free virtual slots on the destination VIOSes") {
  WorldSpec spec;
  for (auto& v : spec.vios_b) v.max_virtual_slots = 3;  // one user slot (2) each
  const auto kept = build(spec);                        // keeps the World the result points into
  const auto r = run(*kept);
  INFO(dump(r));
  CHECK(r.messages.size() == 2);
  CHECK(r.count("LPMSIM-V045") == 2);
  CHECK(r.find("LPMSIM-V045")->text ==
        "The migrating partition's virtual fibre channel client "
        "adapter 12 cannot be hosted by the existing Virtual I/O "
        "Servers (VIOS) on the destination managed system. Every "
        "VIOS on sysB that could host it (vios1, vios2) has all "
        "its virtual slots in use.");
  spec.vios_b[0].max_virtual_slots = 4;
  spec.vios_b[1].max_virtual_slots = 4;
  expect_clean(run(*build(spec)));
}

TEST_CASE("LPMSIM-V046: VLANs bridged on the destination, with --vlanbridge 0/1/2") {
  WorldSpec spec;
  for (auto& v : spec.vios_b) v.seas[0].bridged_vlans = {1};
  auto rig = build(spec);
  const std::string text =
      "VLAN 100 on the virtual switch ETHERNET0 of the partition's virtual Ethernet adapter 2 is "
      "not bridged by a "
      "Shared Ethernet Adapter of any Virtual I/O Server on the destination managed system sysB.";
  rig->request.vlan_bridge = Requirement::required;
  expect_only(run(*rig), "LPMSIM-V046", text);
  rig->request.vlan_bridge = Requirement::if_possible;
  expect_only(run(*rig), "LPMSIM-V046", text, kWarning, true);
  rig->request.vlan_bridge = Requirement::none;
  expect_clean(run(*rig));
  SUBCASE("a VLAN on another virtual switch is not bridged by this SEA") {
    WorldSpec other;
    other.lpar.veth = {{2, "ETHERNET1", 1, {}}};
    CHECK(run(*build(other)).find("LPMSIM-V046")->text ==
          "VLAN 1 on the virtual switch ETHERNET1 of the partition's virtual Ethernet adapter 2 is "
          "not bridged by a "
          "Shared Ethernet Adapter of any Virtual I/O Server on the destination managed system "
          "sysB.");
  }
}

namespace {
// sysB's vios2 can host nothing, so every adapter lands on vios1: redundancy and MPIO are lost.
WorldSpec single_capable_vios() {
  WorldSpec spec;
  spec.vios_b[1].visible_luns.clear();
  spec.vios_b[1].fc_ports.clear();
  spec.vios_b[1].sriov_ports.clear();
  return spec;
}
}  // namespace

TEST_CASE("LPMSIM-V047: VIOS redundancy kept, with --redundantvios 0/1/2") {
  auto rig = build(single_capable_vios());
  rig->request.mpio = Requirement::none;
  const std::string text =
      "The partition db01 is served by 2 Virtual I/O Servers on the source managed system sysA but "
      "would be served by "
      "only 1 on the destination managed system sysB; VIOS redundancy would be reduced.";
  rig->request.redundant_vios = Requirement::required;
  expect_only(run(*rig), "LPMSIM-V047", text);
  rig->request.redundant_vios = Requirement::if_possible;
  expect_only(run(*rig), "LPMSIM-V047", text, kWarning, true);
  rig->request.redundant_vios = Requirement::none;
  expect_clean(run(*rig));
  SUBCASE("a partition served by one VIOS keeps its redundancy on one") {
    WorldSpec spec = single_capable_vios();
    spec.lpar.vscsi = {{10, "vios1", 20, {"lun-1"}}};
    spec.lpar.vnic = {{13, "vios1", 23, "P1-C4-T1"}};
    expect_clean(run(*build(spec)));
  }
}

TEST_CASE("LPMSIM-V048: multipath I/O kept, with --mpio 0/1/2") {
  auto rig = build(single_capable_vios());
  rig->request.redundant_vios = Requirement::none;
  const std::string text =
      "The disk lun-1 is reached through 2 Virtual I/O Servers on the source managed system sysA "
      "(multipath I/O) but "
      "would be reached through only 1 on the destination managed system sysB.";
  rig->request.mpio = Requirement::required;
  expect_only(run(*rig), "LPMSIM-V048", text);
  rig->request.mpio = Requirement::if_possible;
  expect_only(run(*rig), "LPMSIM-V048", text, kWarning, true);
  rig->request.mpio = Requirement::none;
  expect_clean(run(*rig));
  expect_clean(run(*build()));  // both destination VIOSes capable: the two paths stay apart
}

TEST_CASE(
    "LPMSIM-V050..V054: user mappings must name an adapter and a destination VIOS that can "
    "host it") {
  auto rig = build();
  auto& vscsi = rig->request.vscsi_mappings;
  SUBCASE("V050 unknown client slot") {
    vscsi = {{99, "vios1", {}, {}, {}}};
    expect_only(run(*rig), "LPMSIM-V050",
                "The virtual SCSI mapping for client slot 99 does not match a virtual SCSI client "
                "adapter of db01.");
  }
  SUBCASE("V051 unknown VIOS") {
    vscsi = {{10, "vios9", {}, {}, {}}};
    expect_only(run(*rig), "LPMSIM-V051",
                "The virtual SCSI mapping for client slot 10 names vios9, which is not an "
                "operating Virtual I/O Server on "
                "the destination managed system sysB.");
  }
  SUBCASE("V051 by id") {
    vscsi = {{10, "", 7, {}, {}}};
    expect_only(run(*rig), "LPMSIM-V051",
                "The virtual SCSI mapping for client slot 10 names the VIOS with ID 7, which is "
                "not an operating Virtual "
                "I/O Server on the destination managed system sysB.");
  }
  SUBCASE("V052 slot in use or out of range") {
    REQUIRE(rig->vios("sysB", "vios1")
                .define_server_adapter({30, mp::VirtualDeviceKind::vscsi, "web01", 5})
                .ok());
    vscsi = {{10, "vios1", {}, 30, {}}};
    const std::string text =
        "The virtual SCSI mapping for client slot 10 asks for server slot 30 "
        "on vios1, which is in use or not a valid virtual slot.";
    expect_only(run(*rig), "LPMSIM-V052", text);
    vscsi = {{10, "vios1", {}, 40, {}}};
    CHECK(run(*rig).find("LPMSIM-V052") != nullptr);
  }
  SUBCASE("V053 no free slot") {
    WorldSpec spec;
    spec.vios_b[0].max_virtual_slots = 3;
    auto full = build(spec);
    REQUIRE(full->vios("sysB", "vios1")
                .define_server_adapter({2, mp::VirtualDeviceKind::vscsi, "web01", 5})
                .ok());
    full->request.vscsi_mappings = {{10, "vios1", {}, {}, {}}};
    const auto r = run(*full);
    INFO(dump(r));
    CHECK(
        r.find("LPMSIM-V053")->text ==
        "The virtual SCSI mapping for client slot 10 names vios1, which has no free virtual slot.");
  }
  SUBCASE("V054 VIOS cannot host") {
    WorldSpec spec;
    spec.vios_b[1].visible_luns = {"lun-2"};
    auto blind = build(spec);
    blind->request.vscsi_mappings = {{10, "vios2", {}, {}, {}}};
    const auto r = run(*blind);
    INFO(dump(r));
    CHECK(r.find("LPMSIM-V054")->text ==
          "The virtual SCSI mapping for client slot 10 names vios2, which cannot host the adapter: "
          "vios2 does not see LUN lun-1.");
  }
  SUBCASE("V054 an FC port that does not exist") {
    rig->request.vfc_mappings = {{12, "vios1", {}, {}, std::string("fcs1")}};
    expect_only(run(*rig), "LPMSIM-V054",
                "The virtual fibre channel mapping for client slot 12 names vios1, which cannot "
                "host the adapter: vios1 "
                "has no NPIV-capable FC port fcs1 with a free client slot reaching the adapter's storage.");
  }
  SUBCASE("passing: a mapping by name with a slot, by id without") {
    vscsi = {{10, "vios2", {}, 35, {}}};
    rig->request.vnic_mappings = {{13, "", 1, {}, {}}};
    const auto r = run(*rig);
    expect_clean(r);
    CHECK(r.plan.find(mp::VirtualDeviceKind::vscsi, 10)->user_mapped);
    CHECK(r.plan.find(mp::VirtualDeviceKind::vnic, 13)->vios->name() == "sysB/vios1");
  }
}
