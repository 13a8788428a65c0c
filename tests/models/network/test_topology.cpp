// Topology: node and link bookkeeping, Dijkstra path choice, down links, RTT, protocol efficiency.
#include <doctest/doctest.h>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "models/network/protocol_efficiency.hpp"
#include "models/network/topology.hpp"
#include "sim/check.hpp"

using namespace sim::literals;
using namespace models::network;

namespace {

// A ──10ms── B directly, and three detours of 5 ms in total:
//   A ─2ms─ S1 ─3ms─ B,   A ─2ms─ S2 ─3ms─ B,   A ─1ms─ S3 ─1ms─ S4 ─3ms─ B.
struct Diamond {
  Topology t;
  NodeId a, b, s1, s2, s3, s4;
  LinkId direct, a_s1, s1_b, a_s2, s2_b, a_s3, s3_s4, s4_b;
  Diamond() {
    a = t.add_node("A", NodeKind::msp_interface);
    b = t.add_node("B", NodeKind::msp_interface);
    s1 = t.add_node("S1", NodeKind::network_switch);
    s2 = t.add_node("S2", NodeKind::network_switch);
    s3 = t.add_node("S3", NodeKind::network_switch);
    s4 = t.add_node("S4", NodeKind::network_switch);
    const auto link = [&](NodeId x, NodeId y, sim::Duration lat, std::int32_t mtu = 9000) {
      return t.add_link(x, y, symmetric_link(10_Gbps, lat, mtu));
    };
    direct = link(a, b, 10_ms);
    a_s1 = link(a, s1, 2_ms);
    s1_b = link(s1, b, 3_ms, 1500);
    a_s2 = link(a, s2, 2_ms);
    s2_b = link(s2, b, 3_ms);
    a_s3 = link(a, s3, 1_ms);
    s3_s4 = link(s3, s4, 1_ms);
    s4_b = link(s4, b, 3_ms);
  }
};

}  // namespace

TEST_CASE("nodes and links keep their names, kinds and ids") {
  Diamond d;
  CHECK(d.t.node_count() == 6);
  CHECK(d.t.link_count() == 8);
  CHECK(d.t.name(d.s1) == "S1");
  CHECK(d.t.kind(d.s1) == NodeKind::network_switch);
  CHECK(to_string(d.t.kind(d.a)) == "msp_interface");
  CHECK(d.t.find_node("S4") == d.s4);
  CHECK_FALSE(d.t.find_node("S5").has_value());
  CHECK(d.t.link(d.a_s1).name == "A--S1");
  CHECK(d.t.find_link("S4--B") == d.s4_b);
  CHECK(d.t.from(LinkUse{d.a_s1, Direction::reverse}) == d.s1);
  CHECK(d.t.to(LinkUse{d.a_s1, Direction::reverse}) == d.a);

  SUBCASE("parallel links get numbered names") {
    const LinkId second = d.t.add_link(d.a, d.b, symmetric_link(10_Gbps, 10_ms));
    CHECK(d.t.link(second).name == "A--B#2");
  }
  SUBCASE("bad construction is a bug, caught by SIM_CHECK") {
    CHECK_THROWS_AS(d.t.add_node("A", NodeKind::host), sim::CheckFailed);
    CHECK_THROWS_AS(d.t.add_link(d.a, d.a, symmetric_link(10_Gbps, 1_ms)), sim::CheckFailed);
    LinkConfig lopsided_half = symmetric_link(10_Gbps, 1_ms, 1500, Duplex::half);
    lopsided_half.bandwidth_reverse = 1_Gbps;
    CHECK_THROWS_AS(d.t.add_link(d.a, d.b, lopsided_half), sim::CheckFailed);
    CHECK_THROWS_AS(d.t.add_link(d.a, d.b, symmetric_link(10_Gbps, -1_ms)), sim::CheckFailed);
  }
}

TEST_CASE("Dijkstra picks the lowest latency, then the fewest hops") {
  Diamond d;
  const auto p = d.t.shortest_path(d.a, d.b);
  REQUIRE(p.has_value());
  // 5 ms via S1 or S2 (2 hops) beats 10 ms direct and 5 ms via S3–S4 (3 hops).
  CHECK(p->latency == 5_ms);
  CHECK(p->round_trip_time() == 10_ms);
  CHECK(Topology::round_trip_time(*p) == 10_ms);
  REQUIRE(p->hops.size() == 2);
  CHECK(d.t.from(p->hops[0]) == d.a);
  CHECK(d.t.to(p->hops[1]) == d.b);
  // The remaining S1/S2 tie is settled by construction order, so it is stable.
  const auto again = d.t.shortest_path(d.a, d.b);
  CHECK(again->hops == p->hops);

  SUBCASE("without the S1 and S2 detours the 3-hop 5 ms path wins over 10 ms direct") {
    d.t.set_link_up(d.s1_b, false);
    d.t.set_link_up(d.a_s2, false);
    const auto q = d.t.shortest_path(d.a, d.b);
    REQUIRE(q.has_value());
    CHECK(q->hops == std::vector<LinkUse>{{d.a_s3, Direction::forward},
                                          {d.s3_s4, Direction::forward},
                                          {d.s4_b, Direction::forward}});
    CHECK(q->latency == 5_ms);
    CHECK(q->mtu == 9000);
  }
  SUBCASE("the reverse path uses the same links in the reverse direction") {
    d.t.set_link_up(d.a_s2, false);  // leave S1 as the only 5 ms 2-hop path
    const auto q = d.t.shortest_path(d.b, d.a);
    REQUIRE(q.has_value());
    CHECK(q->hops == std::vector<LinkUse>{{d.s1_b, Direction::reverse}, {d.a_s1, Direction::reverse}});
    CHECK(q->mtu == 1500);  // the path MTU is the smallest on the path
  }
  SUBCASE("with every detour down only the direct link is left") {
    for (LinkId l : {d.a_s1, d.a_s2, d.a_s3}) d.t.set_link_up(l, false);
    const auto q = d.t.shortest_path(d.a, d.b);
    REQUIRE(q.has_value());
    CHECK(q->hops == std::vector<LinkUse>{{d.direct, Direction::forward}});
    CHECK(q->latency == 10_ms);
  }
  SUBCASE("no path over down links: a clear empty result") {
    for (LinkId l : {d.direct, d.a_s1, d.a_s2, d.a_s3}) d.t.set_link_up(l, false);
    CHECK_FALSE(d.t.shortest_path(d.a, d.b).has_value());
    CHECK_FALSE(d.t.is_up(d.direct));
    d.t.set_link_up(d.a_s2, true);
    CHECK(d.t.shortest_path(d.a, d.b)->hops.front().link == d.a_s2);
  }
  SUBCASE("a node to itself is an empty path") {
    const auto q = d.t.shortest_path(d.a, d.a);
    REQUIRE(q.has_value());
    CHECK(q->hops.empty());
    CHECK(q->latency == 0_ms);
  }
}

TEST_CASE("capacity per direction, and the half-duplex link's shared capacity") {
  Topology t;
  const NodeId a = t.add_node("a", NodeKind::host), b = t.add_node("b", NodeKind::host);
  LinkConfig asym = symmetric_link(10_Gbps, 1_ms);
  asym.bandwidth_reverse = 1_Gbps;
  const LinkId l = t.add_link(a, b, asym, "uplink");
  CHECK(t.link(l).name == "uplink");
  CHECK(t.capacity(LinkUse{l, Direction::forward}) == 10_Gbps);
  CHECK(t.capacity(LinkUse{l, Direction::reverse}) == 1_Gbps);
}

TEST_CASE("protocol efficiency: payload / wire per frame") {
  // 1500: (1500 − 40) / (1500 + 38); 9000 jumbo: (9000 − 40) / (9000 + 38).
  CHECK(protocol_efficiency(1500) == 1460.0 / 1538.0);
  CHECK(protocol_efficiency(9000) == 8960.0 / 9038.0);
  CHECK(protocol_efficiency(1500) == doctest::Approx(0.949284785));
  CHECK(protocol_efficiency(9000) == doctest::Approx(0.991369772));
  CHECK(wire_bytes_per_payload_byte(1500) == 1538.0 / 1460.0);
  CHECK(protocol_efficiency(1500, ProtocolOverhead::none()) == 1.0);
  CHECK(wire_bytes_per_payload_byte(9000, ProtocolOverhead::none()) == 1.0);
  CHECK(protocol_efficiency(1500, ProtocolOverhead{.header_bytes = 52, .framing_bytes = 42}) == 1448.0 / 1542.0);
  CHECK_THROWS_AS(protocol_efficiency(40), sim::CheckFailed);
}

TEST_CASE("models/network includes no JSON") {
  namespace fs = std::filesystem;
  int files = 0;
  for (const auto& entry : fs::directory_iterator(fs::path(LPMSIM_SOURCE_DIR) / "models" / "network")) {
    std::ifstream in(entry.path());
    std::stringstream text;
    text << in.rdbuf();
    CAPTURE(entry.path().string());
    CHECK(text.str().find("nlohmann") == std::string::npos);
    ++files;
  }
  CHECK(files >= 9);
}

TEST_CASE("searches that stop at their destination leave nothing behind for the next one") {
  // Each search stops once its destination is settled and resets only the nodes it reached; a
  // stale distance or colour from an earlier search would hide a node from a later one. So every
  // pair, in an order that starts searches from nodes earlier ones reached, must get the path a
  // topology that never searched before gives.
  const auto check_all = [](const auto& cut) {
    Diamond d;
    cut(d);
    const std::vector<NodeId> nodes{d.s4, d.a, d.b, d.s1, d.s3, d.s2};
    for (const NodeId x : nodes) {
      for (const NodeId y : nodes) {
        Diamond fresh;
        cut(fresh);
        const auto& got = d.t.shortest_path(x, y);
        const auto& want = fresh.t.shortest_path(x, y);
        REQUIRE(got.has_value() == want.has_value());
        if (got) CHECK(got->hops == want->hops);
      }
    }
  };
  check_all([](Diamond&) {});
  check_all([](Diamond& d) { d.t.set_link_up(d.s3_s4, false); });
  check_all([](Diamond& d) { d.t.set_link_up(d.s4_b, false); d.t.set_link_up(d.s3_s4, false); });  // S4 cut off

  Diamond d;  // unambiguous paths, then again after a link change drops the memo
  const auto hops = [&](NodeId x, NodeId y) {
    std::vector<std::uint32_t> links;
    for (const LinkUse& h : d.t.shortest_path(x, y)->hops) links.push_back(h.link.index);
    return links;
  };
  const auto l = [](LinkId id) { return id.index; };
  CHECK(hops(d.s1, d.s2) == std::vector<std::uint32_t>{l(d.a_s1), l(d.a_s2)});
  CHECK(hops(d.s4, d.s1) == std::vector<std::uint32_t>{l(d.s3_s4), l(d.a_s3), l(d.a_s1)});
  d.t.set_link_up(d.s3_s4, false);
  CHECK(hops(d.s4, d.s1) == std::vector<std::uint32_t>{l(d.s4_b), l(d.s1_b)});
  CHECK_FALSE(d.t.shortest_path(d.s3, d.s4) == std::nullopt);  // S3–A–…–B–S4 still joins them
  d.t.set_link_up(d.s4_b, false);
  CHECK_FALSE(d.t.shortest_path(d.a, d.s4).has_value());
}

TEST_CASE("in a tree of links every pair gets the path the search gives") {
  // A data-centre LAN: MSP interfaces on rack switches, racks under one core, latencies and MTUs
  // varied. `Lan(true)` adds two parallel links between two extra nodes: a cycle elsewhere, which
  // sends every query of that topology to Dijkstra, the reference for the tree walk.
  struct Lan {
    Topology t;
    std::vector<NodeId> nodes;
    std::vector<LinkId> links;
    explicit Lan(bool with_cycle) {
      const NodeId core = t.add_node("core", NodeKind::network_switch);
      nodes.push_back(core);
      for (int r = 0; r < 4; ++r) {
        const NodeId rack = t.add_node("rack" + std::to_string(r), NodeKind::network_switch);
        nodes.push_back(rack);
        links.push_back(t.add_link(r % 2 ? core : rack, r % 2 ? rack : core,  // both link directions
                                   symmetric_link(100_Gbps, sim::Duration::from_ns(1000 * (r + 1)))));
        for (int m = 0; m < 3; ++m) {
          const NodeId msp = t.add_node("msp" + std::to_string(r) + "-" + std::to_string(m), NodeKind::msp_interface);
          nodes.push_back(msp);
          links.push_back(t.add_link(msp, rack, symmetric_link(25_Gbps, 50_us, m == 1 ? 1500 : 9000)));
        }
      }
      if (with_cycle) {
        const NodeId x = t.add_node("x", NodeKind::host), y = t.add_node("y", NodeKind::host);
        t.add_link(x, y, symmetric_link(1_Gbps, 1_ms));
        t.add_link(x, y, symmetric_link(1_Gbps, 1_ms));
      }
    }
  };
  const auto check_all = [](const auto& cut) {
    Lan tree(false), searched(true);
    cut(tree);
    cut(searched);
    for (const NodeId x : tree.nodes) {
      for (const NodeId y : tree.nodes) {
        const auto& got = tree.t.shortest_path(x, y);
        const auto& want = searched.t.shortest_path(x, y);
        REQUIRE(got.has_value() == want.has_value());
        if (!got) continue;
        CHECK(got->hops == want->hops);
        CHECK(got->latency == want->latency);
        CHECK(got->mtu == want->mtu);
      }
    }
  };
  check_all([](Lan&) {});
  check_all([](Lan& l) { l.t.set_link_up(l.links[4], false); });  // rack1 cut off from the core
  check_all([](Lan& l) {  // and back, after paths were memoised with it down
    l.t.set_link_up(l.links[4], false);
    (void)l.t.shortest_path(l.nodes[2], l.nodes[7]);
    l.t.set_link_up(l.links[4], true);
  });

  Lan tree(false);  // one path checked by hand: msp0-0 → rack0 → core → rack1 → msp1-2
  const NodeId from = tree.nodes[2], to = tree.nodes[8];
  REQUIRE(tree.t.name(from) == "msp0-0");
  REQUIRE(tree.t.name(to) == "msp1-2");
  const auto& p = tree.t.shortest_path(from, to);
  REQUIRE(p.has_value());
  CHECK(p->hops == std::vector<LinkUse>{{tree.links[1], Direction::forward},
                                        {tree.links[0], Direction::forward},   // rack0 → core: a = rack0
                                        {tree.links[4], Direction::forward},   // core → rack1: a = core
                                        {tree.links[7], Direction::reverse}}); // rack1 → msp1-2
  CHECK(p->latency == sim::Duration::from_ns(1000 + 2000) + 100_us);
}
