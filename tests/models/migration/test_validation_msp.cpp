// Mover service partitions in validation (lpm-protocol.md §3.3, §4.3, S9): the checks V060..V064
// with --redundantmsps 0/1/2, the automatic choice (reachable, least loaded, by name) and the
// user's choice.
#include <doctest/doctest.h>

#include "validation_world.hpp"

using namespace validation_test;
using mm::Requirement;

namespace {
std::string pair_names(const mm::MspPair& p) {
  return p.source->name() + " -> " + p.destination->name();
}

void set_interface_up(Rig& rig, const std::string& interface, bool up) {
  auto* net = rig.world.network();
  net->set_link_up(*net->topology().find_link(interface + "--sw1"), up);
}
}  // namespace

TEST_CASE("LPMSIM-V060: an operating MSP on each side for active migration") {
  WorldSpec spec;
  for (auto& v : spec.vios_b) v.msp = false;
  expect_only(run(*build(spec)), "LPMSIM-V060",
              "There is no operating mover service partition on the destination managed system "
              "sysB, which active "
              "migration requires.");
  SUBCASE("a crashed MSP does not count") {
    auto rig = build();
    rig->request.redundant_msps = Requirement::none;
    rig->vios("sysB", "vios1").msp()->set_operating(false);
    rig->vios("sysB", "vios2").msp()->set_operating(false);
    CHECK(run(*rig).find("LPMSIM-V060") != nullptr);
  }
  SUBCASE("inactive migration needs none") {
    spec.lpar.state = mp::LparState::not_activated;
    expect_clean(run(*build(spec)));
  }
}

TEST_CASE("LPMSIM-V061/V062: a requested MSP must exist, be an MSP and operate") {
  WorldSpec spec;
  spec.vios_a[1].msp = false;
  auto rig = build(spec);
  rig->request.redundant_msps = Requirement::none;
  SUBCASE("unknown") {
    rig->request.source_msp = "vios9";
    expect_only(
        run(*rig), "LPMSIM-V061",
        "The mover service partition vios9 does not exist on the source managed system sysA.");
  }
  SUBCASE("not an MSP") {
    rig->request.source_msp = "vios2";
    expect_only(
        run(*rig), "LPMSIM-V061",
        "The partition vios2 on the source managed system sysA is not a mover service partition.");
  }
  SUBCASE("not operating") {
    rig->request.dest_msp = "vios2";
    rig->vios("sysB", "vios2").msp()->set_operating(false);
    expect_only(run(*rig), "LPMSIM-V062",
                "The mover service partition vios2 on the destination managed system sysB is not "
                "operating.");
  }
  SUBCASE("passing") {
    rig->request.source_msp = "vios1";
    rig->request.dest_msp = "sysB/vios2";
    const auto r = run(*rig);
    expect_clean(r);
    REQUIRE(r.msp_pairs.size() == 1);
    CHECK(pair_names(r.msp_pairs[0]) == "sysA/vios1 -> sysB/vios2");
  }
}

TEST_CASE("LPMSIM-V063: the MSPs must reach each other over the network") {
  SUBCASE("no network at all") {
    WorldSpec spec;
    spec.network = false;
    expect_only(run(*build(spec)), "LPMSIM-V063",
                "No mover service partition on the source managed system sysA can reach one on the "
                "destination "
                "managed system sysB over the network.");
  }
  SUBCASE("the requested pair's link is down") {
    auto rig = build();
    rig->request.redundant_msps = Requirement::none;
    rig->request.source_msp = "vios1";
    rig->request.dest_msp = "vios1";
    set_interface_up(*rig, "sysB/vios1/en0", false);
    expect_only(run(*rig), "LPMSIM-V063",
                "The mover service partitions sysA/vios1 and sysB/vios1 cannot reach each other "
                "over the network.");
    set_interface_up(*rig, "sysB/vios1/en0", true);
    expect_clean(run(*rig));
  }
}

TEST_CASE("LPMSIM-V064: a second, disjoint MSP pair with --redundantmsps 0/1/2") {
  WorldSpec spec;
  spec.vios_b[1].msp = false;
  auto rig = build(spec);
  const std::string text =
      "No second pair of mover service partitions, disjoint from sysA/vios1 "
      "and sysB/vios1, is available for redundant "
      "mover service partitions.";
  rig->request.redundant_msps = Requirement::required;
  expect_only(run(*rig), "LPMSIM-V064", text);
  rig->request.redundant_msps = Requirement::if_possible;
  const auto r = run(*rig);
  expect_only(r, "LPMSIM-V064", text, kWarning, true);
  CHECK(r.msp_pairs.size() == 1);
  rig->request.redundant_msps = Requirement::none;
  expect_clean(run(*rig));
}

TEST_CASE(
    "MSP choice: automatic, least loaded, reachable, deterministic by name; redundant pair "
    "disjoint") {
  auto rig = build();
  SUBCASE("idle: first by name, the redundant pair takes the other two") {
    const auto r = run(*rig);
    REQUIRE(r.msp_pairs.size() == 2);
    CHECK(pair_names(r.msp_pairs[0]) == "sysA/vios1 -> sysB/vios1");
    CHECK(pair_names(r.msp_pairs[1]) == "sysA/vios2 -> sysB/vios2");
  }
  SUBCASE("fewest active migrations wins") {
    REQUIRE(rig->vios("sysA", "vios1").msp()->admit("other#1").ok());
    const auto r = run(*rig);
    REQUIRE(r.msp_pairs.size() == 2);
    CHECK(pair_names(r.msp_pairs[0]) == "sysA/vios2 -> sysB/vios1");
    CHECK(pair_names(r.msp_pairs[1]) == "sysA/vios1 -> sysB/vios2");
  }
  SUBCASE("an unreachable MSP is skipped") {
    set_interface_up(*rig, "sysB/vios1/en0", false);
    const auto r = run(*rig);
    REQUIRE(!r.msp_pairs.empty());
    CHECK(pair_names(r.msp_pairs[0]) == "sysA/vios1 -> sysB/vios2");
    CHECK(r.msp_pairs.size() ==
          1);  // sysB/vios1 is the only other destination MSP, and it is cut off
    CHECK(r.find("LPMSIM-V064")->overridden);
  }
  SUBCASE("the user's pair is honoured") {
    rig->request.source_msp = "vios2";
    rig->request.dest_msp = "vios2";
    const auto r = run(*rig);
    expect_clean(r);
    REQUIRE(r.msp_pairs.size() == 2);
    CHECK(pair_names(r.msp_pairs[0]) == "sysA/vios2 -> sysB/vios2");
    CHECK(pair_names(r.msp_pairs[1]) == "sysA/vios1 -> sysB/vios1");
  }
  SUBCASE("one side chosen by the user, the other automatically") {
    rig->request.dest_msp = "vios2";
    rig->request.redundant_msps = Requirement::none;
    const auto r = run(*rig);
    REQUIRE(r.msp_pairs.size() == 1);
    CHECK(pair_names(r.msp_pairs[0]) == "sysA/vios1 -> sysB/vios2");
  }
}
