// FlowNetwork: latency then transfer, max-min rates on live flows, completion times exact to the
// nanosecond (hand-computed in the comments), caps, protocol efficiency, observers, trace.
#include <doctest/doctest.h>

#include <cstdint>
#include <string>
#include <vector>

#include "models/network/flow_network.hpp"
#include "tests/models/network/flow_test_support.hpp"
#include "sim/check.hpp"

using namespace sim::literals;
using namespace models::network;
using flow_test::at;
using flow_test::Ended;

namespace {


// Records every outcome with the time it arrived.
struct Log {
  sim::Engine& engine;
  std::vector<Ended> ended;
  FlowNetwork::OnDone callback() {
    return [this](FlowId id, FlowOutcome o) { ended.push_back({id.value, o, engine.now().ns()}); };
  }
};


// Two hosts joined by one link of `bandwidth` bytes/s.
struct OneLink {
  Topology t;
  NodeId a, b;
  LinkId link;
  OneLink(double bandwidth, sim::Duration latency, Duplex duplex = Duplex::full, std::int32_t mtu = 1500) {
    a = t.add_node("a", NodeKind::msp_interface);
    b = t.add_node("b", NodeKind::msp_interface);
    link = t.add_link(a, b, symmetric_link(sim::BytesPerSecond(bandwidth), latency, mtu, duplex));
  }
};

const FlowNetworkConfig kNoOverhead{.name = "net", .overhead = ProtocolOverhead::none()};

}  // namespace

TEST_CASE("a flow pays the path latency first, then transfers at the link rate") {
  sim::Engine engine;
  OneLink one(1e9, 1_ms);
  FlowNetwork net(engine, std::move(one.t), kNoOverhead);
  Log log{engine, {}};
  const FlowId f = net.start_flow(one.a, one.b, sim::Bytes(1'000'000'000), kUncapped, log.callback());
  CHECK(f.value == 1);
  CHECK(net.flow(f)->state == FlowState::connecting);
  engine.run_until(at(500_us));
  CHECK(net.rate(f) == sim::BytesPerSecond(0.0));
  CHECK(net.bytes_remaining(f) == 1e9);
  engine.run_until(at(1_ms));
  CHECK(net.flow(f)->state == FlowState::transferring);
  CHECK(net.rate(f) == sim::BytesPerSecond(1e9));
  engine.run_until(at(501_ms));
  CHECK(net.bytes_remaining(f) == 5e8);  // 0.5 s at 1e9 B/s
  engine.run();
  // 1 ms latency + 1e9 B / 1e9 B/s = 1.001 s.
  CHECK(log.ended == std::vector<Ended>{{1, FlowOutcome::completed, 1'001'000'000}});
  CHECK_FALSE(net.is_open(f));
  CHECK(net.open_flow_count() == 0);
}

TEST_CASE("a zero-byte flow completes when its latency has been paid") {
  sim::Engine engine;
  OneLink one(1e9, 250_us);
  FlowNetwork net(engine, std::move(one.t), kNoOverhead);
  Log log{engine, {}};
  net.start_flow(one.a, one.b, sim::Bytes(0), kUncapped, log.callback());
  engine.run();
  CHECK(log.ended == std::vector<Ended>{{1, FlowOutcome::completed, 250'000}});
}

TEST_CASE("flows arriving and leaving mid-transfer finish at hand-computed times") {
  // One 1.2e9 B/s link, no latency.
  //   t=0     F1 (1.2e9 B) alone at 1.2e9 B/s.
  //   t=0.5   F2 (3e8 B) arrives. F1 has 1.2e9 − 0.6e9 = 6e8 left. Both at 6e8 B/s.
  //   t=0.75  F3 (1e8 B) arrives. F1: 6e8 − 1.5e8 = 4.5e8; F2: 3e8 − 1.5e8 = 1.5e8. All at 4e8.
  //   t=1.0   F3 done (1e8 / 4e8 = 0.25 s). F1: 4.5e8 − 1e8 = 3.5e8; F2: 1.5e8 − 1e8 = 5e7. Both 6e8.
  //   F2 needs 5e7 / 6e8 = 1/12 s = 83 333 333.3 ns → rounded up: done at 1 083 333 334 ns.
  //   F1 then has 3.5e8 − 6e8 × 0.083333334 = 299 999 999.6 B, alone at 1.2e9 B/s:
  //   249 999 999.67 ns → rounded up 250 000 000: done at 1 333 333 334 ns.
  sim::Engine engine;
  OneLink one(1.2e9, 0_ms);
  FlowNetwork net(engine, std::move(one.t), kNoOverhead);
  Log log{engine, {}};
  const auto start = [&](sim::Duration when, std::int64_t bytes) {
    engine.schedule_at(at(when), [&, bytes] { net.start_flow(one.a, one.b, sim::Bytes(bytes), kUncapped, log.callback()); });
  };
  start(0_ms, 1'200'000'000);
  start(500_ms, 300'000'000);
  start(750_ms, 100'000'000);
  engine.run_until(at(600_ms));
  CHECK(net.rate(FlowId{1}) == sim::BytesPerSecond(6e8));
  CHECK(net.rate(FlowId{2}) == sim::BytesPerSecond(6e8));
  engine.run_until(at(800_ms));
  CHECK(net.rate(FlowId{3}) == sim::BytesPerSecond(4e8));
  CHECK(net.bytes_remaining(FlowId{2}) == doctest::Approx(1.5e8 - 4e8 * 0.05));
  engine.run();
  CHECK(log.ended == std::vector<Ended>{{3, FlowOutcome::completed, 1'000'000'000},
                                        {2, FlowOutcome::completed, 1'083'333'334},
                                        {1, FlowOutcome::completed, 1'333'333'334}});
}

TEST_CASE("simultaneous completions end together, in id order, with one recomputation") {
  // Three 1e9 B flows on 3e9 B/s: 1e9 B/s each, all done at 1 s. Recomputations: one for the
  // three flows starting to transfer at the same instant (issue 18) and one for the three
  // completions together.
  sim::Engine engine;
  OneLink one(3e9, 0_ms);
  FlowNetwork net(engine, std::move(one.t), kNoOverhead);
  Log log{engine, {}};
  for (int i = 0; i < 3; ++i) net.start_flow(one.a, one.b, sim::Bytes(1'000'000'000), kUncapped, log.callback());
  engine.run();
  CHECK(log.ended == std::vector<Ended>{{1, FlowOutcome::completed, 1'000'000'000},
                                        {2, FlowOutcome::completed, 1'000'000'000},
                                        {3, FlowOutcome::completed, 1'000'000'000}});
  CHECK(net.recomputations() == 2);
}

TEST_CASE("parking lot over a real topology: rates and link loads") {
  // a ─L0 (3e9)─ b ─L1 (4e9)─ c. Long flow a→c; two short a→b; one short b→c.
  // L0 saturates first at 1e9 per flow; the b→c flow takes 4e9 − 1e9 = 3e9.
  sim::Engine engine;
  Topology t;
  const NodeId a = t.add_node("a", NodeKind::msp_interface);
  const NodeId b = t.add_node("b", NodeKind::network_switch);
  const NodeId c = t.add_node("c", NodeKind::msp_interface);
  const LinkId l0 = t.add_link(a, b, symmetric_link(sim::BytesPerSecond(3e9), 0_ms));
  const LinkId l1 = t.add_link(b, c, symmetric_link(sim::BytesPerSecond(4e9), 0_ms));
  FlowNetwork net(engine, std::move(t), kNoOverhead);
  const sim::Bytes big(100'000'000'000);
  const FlowId lng = net.start_flow(a, c, big, kUncapped, {});
  const FlowId s1 = net.start_flow(a, b, big, kUncapped, {});
  const FlowId s2 = net.start_flow(a, b, big, kUncapped, {});
  const FlowId s3 = net.start_flow(b, c, big, kUncapped, {});
  engine.run_until(at(1_ms));
  CHECK(net.rate(lng) == sim::BytesPerSecond(1e9));
  CHECK(net.rate(s1) == sim::BytesPerSecond(1e9));
  CHECK(net.rate(s2) == sim::BytesPerSecond(1e9));
  CHECK(net.rate(s3) == sim::BytesPerSecond(3e9));
  const LinkLoad load0 = net.link_load(l0);
  CHECK(load0.forward == sim::BytesPerSecond(3e9));
  CHECK(load0.reverse == sim::BytesPerSecond(0.0));
  CHECK(load0.forward_utilisation == 1.0);
  CHECK(net.link_load(l1).forward == sim::BytesPerSecond(4e9));
  CHECK(net.open_flows() == std::vector<FlowId>{lng, s1, s2, s3});

  SUBCASE("a cap on the long flow redistributes on both links") {
    // Long flow capped at 5e8: L0's short flows split 2.5e9, L1's short flow takes 3.5e9.
    net.set_cap(lng, sim::BytesPerSecond(5e8));
    CHECK(net.rate(lng) == sim::BytesPerSecond(5e8));
    CHECK(net.rate(s1) == sim::BytesPerSecond(1.25e9));
    CHECK(net.rate(s2) == sim::BytesPerSecond(1.25e9));
    CHECK(net.rate(s3) == sim::BytesPerSecond(3.5e9));
    CHECK(net.flow(lng)->cap == sim::BytesPerSecond(5e8));
  }
}

TEST_CASE("changing a cap mid-transfer moves the completion time") {
  // 1e9 B at 1e9 B/s; at 0.5 s the cap drops to 2.5e8: the last 5e8 B take 2 s → done at 2.5 s.
  sim::Engine engine;
  OneLink one(1e9, 0_ms);
  FlowNetwork net(engine, std::move(one.t), kNoOverhead);
  Log log{engine, {}};
  const FlowId f = net.start_flow(one.a, one.b, sim::Bytes(1'000'000'000), kUncapped, log.callback());
  engine.schedule_at(at(500_ms), [&] { net.set_cap(f, sim::BytesPerSecond(2.5e8)); });
  engine.run();
  CHECK(log.ended == std::vector<Ended>{{1, FlowOutcome::completed, 2'500'000'000}});

  SUBCASE("a cap of zero pauses the flow") {
    sim::Engine e2;
    OneLink o2(1e9, 0_ms);
    FlowNetwork n2(e2, std::move(o2.t), kNoOverhead);
    const FlowId g = n2.start_flow(o2.a, o2.b, sim::Bytes(1'000'000'000), sim::BytesPerSecond(0.0), {});
    e2.run();
    CHECK(n2.is_open(g));
    CHECK(n2.bytes_remaining(g) == 1e9);
    CHECK(e2.pending_events() == 0);
  }
}

TEST_CASE("half duplex shares one capacity between the two directions") {
  for (const Duplex duplex : {Duplex::full, Duplex::half}) {
    CAPTURE(static_cast<int>(duplex));
    sim::Engine engine;
    OneLink one(1e9, 0_ms, duplex);
    const LinkId l = one.link;
    FlowNetwork net(engine, std::move(one.t), kNoOverhead);
    const FlowId ab = net.start_flow(one.a, one.b, sim::Bytes(1'000'000'000), kUncapped, {});
    const FlowId ba = net.start_flow(one.b, one.a, sim::Bytes(1'000'000'000), kUncapped, {});
    engine.run_until(at(1_ms));
    const double expected = duplex == Duplex::full ? 1e9 : 5e8;
    CHECK(net.rate(ab) == sim::BytesPerSecond(expected));
    CHECK(net.rate(ba) == sim::BytesPerSecond(expected));
    const LinkLoad load = net.link_load(l);
    CHECK(load.forward == sim::BytesPerSecond(expected));
    CHECK(load.reverse == sim::BytesPerSecond(expected));
    CHECK(load.forward_utilisation == 1.0);
    CHECK(load.reverse_utilisation == 1.0);
  }
}

TEST_CASE("protocol efficiency turns the wire rate into the payload rate at the path MTU") {
  // 10 Gbit/s = 1.25e9 B/s on the wire; payload rate = 1.25e9 × (MTU − 40) / (MTU + 38).
  for (const std::int32_t mtu : {1500, 9000}) {
    CAPTURE(mtu);
    sim::Engine engine;
    OneLink one(1.25e9, 0_ms, Duplex::full, mtu);
    const LinkId l = one.link;
    FlowNetwork net(engine, std::move(one.t));
    const FlowId f = net.start_flow(one.a, one.b, sim::Bytes(1'000'000'000), kUncapped, {});
    engine.run_until(at(1_ms));
    const double payload = 1.25e9 * (mtu - 40.0) / (mtu + 38.0);
    CHECK(net.rate(f).value() == doctest::Approx(payload).epsilon(1e-15));
    CHECK(net.link_load(l).forward.value() == doctest::Approx(1.25e9).epsilon(1e-15));
    CHECK(net.link_load(l).forward_utilisation == doctest::Approx(1.0).epsilon(1e-15));
  }
  CHECK(1.25e9 * 1460.0 / 1538.0 == doctest::Approx(1.186605981e9));  // ≈ 9.49 Gbit/s of payload
}

TEST_CASE("a per-flow cap is a payload rate, exact even with protocol overhead") {
  sim::Engine engine;
  OneLink one(1.25e9, 0_ms);
  FlowNetwork net(engine, std::move(one.t));
  const FlowId f = net.start_flow(one.a, one.b, sim::Bytes(1'000'000'000), sim::BytesPerSecond(8e7), {});
  engine.run_until(at(1_ms));
  CHECK(net.rate(f) == sim::BytesPerSecond(8e7));  // the MSP's 80 MB/s, on the payload
}

TEST_CASE("observers run after every recomputation and can sample link loads") {
  sim::Engine engine;
  OneLink one(2e9, 0_ms);
  const LinkId l = one.link;
  FlowNetwork net(engine, std::move(one.t), kNoOverhead);
  std::vector<std::pair<std::int64_t, double>> samples;
  net.add_observer([&](const FlowNetwork& n) { samples.emplace_back(engine.now().ns(), n.link_load(l).forward.value()); });
  net.start_flow(one.a, one.b, sim::Bytes(1'000'000'000), kUncapped, {});
  engine.schedule_at(at(250_ms), [&] { net.start_flow(one.a, one.b, sim::Bytes(500'000'000), sim::BytesPerSecond(5e8), {}); });
  engine.run();
  // t=0: the first flow (1e9 B) alone at 2e9. t=0.25 s: it has 5e8 B left; the second (cap
  // 5e8) takes 5e8, the first 1.5e9 — still 2e9 on the wire. The first ends after
  // 5e8 / 1.5e9 = 1/3 s, rounded up: 583 333 334 ns; the second keeps its capped rate (its
  // completion is not moved) and ends at 0.25 + 5e8 / 5e8 = 1.25 s.
  REQUIRE(samples.size() == 4);
  CHECK(samples[0] == std::pair<std::int64_t, double>{0, 2e9});
  CHECK(samples[1] == std::pair<std::int64_t, double>{250'000'000, 2e9});
  CHECK(samples[2].first == 583'333'334);  // 0.25 s + 1/3 s rounded up: the first flow ends
  CHECK(samples[2].second == 5e8);          // only the capped flow is left
  CHECK(samples[3] == std::pair<std::int64_t, double>{1'250'000'000, 0.0});
}

TEST_CASE("flow lifecycle is traced") {
  sim::Engine engine;
  sim::MemoryTraceSink sink;
  engine.set_tracer(&sink);
  OneLink one(1e9, 1_ms);
  FlowNetwork net(engine, std::move(one.t), kNoOverhead);
  net.start_flow(one.a, one.b, sim::Bytes(1000), kUncapped, {});
  engine.run();
  REQUIRE(sink.records().size() == 3);
  const auto field = [](const sim::TraceRecord& r, const std::string& key) {
    for (const auto& f : r.fields)
      if (f.key == key) return f.value;
    return sim::TraceValue{std::string("<missing>")};
  };
  CHECK(sink.records()[0].kind == "network.flow");
  CHECK(sink.records()[0].component == "net");
  CHECK(field(sink.records()[0], "event") == sim::TraceValue{std::string("started")});
  CHECK(field(sink.records()[0], "from") == sim::TraceValue{std::string("a")});
  CHECK(field(sink.records()[1], "event") == sim::TraceValue{std::string("transferring")});
  CHECK(sink.records()[1].time == at(1_ms));
  CHECK(field(sink.records()[2], "event") == sim::TraceValue{std::string("ended")});
  CHECK(field(sink.records()[2], "outcome") == sim::TraceValue{std::string("completed")});
  CHECK(sink.records()[2].time.ns() == 1'001'000);  // 1 ms + 1000 B / 1e9 B/s = 1 µs
}

TEST_CASE("misuse is a bug caught by SIM_CHECK") {
  sim::Engine engine;
  OneLink one(1e9, 0_ms);
  FlowNetwork net(engine, std::move(one.t), kNoOverhead);
  CHECK_THROWS_AS(net.start_flow(one.a, one.a, sim::Bytes(1), kUncapped, {}), sim::CheckFailed);
  CHECK_THROWS_AS(net.start_flow(one.a, one.b, sim::Bytes(-1), kUncapped, {}), sim::CheckFailed);
  CHECK_THROWS_AS(net.set_cap(FlowId{42}, kUncapped), sim::CheckFailed);
  CHECK_THROWS_AS(net.rate(FlowId{42}), sim::CheckFailed);
  CHECK_FALSE(net.flow(FlowId{42}).has_value());
}

TEST_CASE("flows in one cap group share its cap; outside it they share the link as usual") {
  sim::Engine engine;
  OneLink one(10e9, 1_ms);
  FlowNetwork net(engine, std::move(one.t), kNoOverhead);
  Log log{engine, {}};
  const CapGroupId stream = net.add_cap_group(sim::BytesPerSecond(2e9));
  const FlowId f1 = net.start_flow(one.a, one.b, sim::Bytes(4'000'000'000), kUncapped, log.callback(), stream);
  const FlowId f2 = net.start_flow(one.a, one.b, sim::Bytes(1'000'000'000), kUncapped, log.callback(), stream);
  const FlowId other = net.start_flow(one.a, one.b, sim::Bytes(100'000'000'000), kUncapped, log.callback());
  engine.run_until(at(1_ms));
  // The group's two flows together get its 2e9 (1e9 each); the ungrouped flow the rest of the link.
  CHECK(net.rate(f1) == sim::BytesPerSecond(1e9));
  CHECK(net.rate(f2) == sim::BytesPerSecond(1e9));
  CHECK(net.rate(other) == sim::BytesPerSecond(8e9));
  // f2 ends at 1 ms + 1 s; f1 then has the whole group cap: 3e9 left at 2e9 → 1.5 s more.
  engine.run_until(at(1001_ms));
  CHECK_FALSE(net.is_open(f2));
  CHECK(net.rate(f1) == sim::BytesPerSecond(2e9));
  engine.run_until(at(2501_ms));
  CHECK(log.ended == std::vector<Ended>{{2, FlowOutcome::completed, 1'001'000'000},
                                        {1, FlowOutcome::completed, 2'501'000'000}});
  // A lower per-flow cap still binds inside the group; changing the group's cap re-rates at once.
  const FlowId capped = net.start_flow(one.a, one.b, sim::Bytes(1'000'000'000), sim::BytesPerSecond(5e8),
                                       log.callback(), stream);
  const FlowId free = net.start_flow(one.a, one.b, sim::Bytes(1'000'000'000), kUncapped, log.callback(), stream);
  engine.run_until(at(2502_ms));
  CHECK(net.rate(capped) == sim::BytesPerSecond(5e8));
  CHECK(net.rate(free) == sim::BytesPerSecond(1.5e9));
  net.set_group_cap(stream, sim::BytesPerSecond(6e8));
  CHECK(net.rate(capped) == sim::BytesPerSecond(3e8));
  CHECK(net.rate(free) == sim::BytesPerSecond(3e8));
  CHECK(net.cancel_flow(capped));
  CHECK(net.cancel_flow(free));
  CHECK(net.cancel_flow(other));
  net.remove_cap_group(stream);
  // A removed group's id is reused by the next one, with the new cap.
  const CapGroupId again = net.add_cap_group(sim::BytesPerSecond(1e9));
  CHECK(again == stream);
  const FlowId g = net.start_flow(one.a, one.b, sim::Bytes(1'000'000'000), kUncapped, log.callback(), again);
  engine.run_until(at(2504_ms));
  CHECK(net.rate(g) == sim::BytesPerSecond(1e9));
  // The link's load counts only link traffic (the group is not a link).
  CHECK(net.link_load(one.link).forward == sim::BytesPerSecond(1e9));
}

TEST_CASE("a cap group counts payload: with protocol overhead its flows still move cap payload bytes/s") {
  sim::Engine engine;
  OneLink one(10e9, 1_ms);
  FlowNetwork net(engine, std::move(one.t));  // default overhead: weight > 1
  Log log{engine, {}};
  const CapGroupId stream = net.add_cap_group(sim::BytesPerSecond(1e9));
  const FlowId f1 = net.start_flow(one.a, one.b, sim::Bytes(1'000'000'000), kUncapped, log.callback(), stream);
  const FlowId f2 = net.start_flow(one.a, one.b, sim::Bytes(1'000'000'000), kUncapped, log.callback(), stream);
  engine.run_until(at(1_ms));
  CHECK(net.rate(f1).value() + net.rate(f2).value() == doctest::Approx(1e9).epsilon(1e-12));
  CHECK(net.rate(f1) == net.rate(f2));
}

TEST_CASE("a flow slowed and sped up again completes exactly, with one completion event") {
  // The completion heap keeps a flow's earliest entry when its finish moves later and re-keys it
  // when it reaches the top. A (1e9 B) transfers alone at 1e9 B/s from 1 ms: finish 1.001 s. B
  // (250e6 B, started at 1 ms) connects at 2 ms, both get 0.5e9 B/s: A's finish moves to 2.000 s,
  // B ends at 502 ms. A, alone again with 749e6 B left, ends at 1.251 s — after its first entry's
  // 1.001 s, which must neither end it early nor cost an event of its own.
  sim::Engine engine;
  OneLink one(1e9, 1_ms);
  FlowNetwork net(engine, std::move(one.t), kNoOverhead);
  Log log{engine, {}};
  net.start_flow(one.a, one.b, sim::Bytes(1'000'000'000), kUncapped, log.callback());
  engine.run_until(at(1_ms));
  net.start_flow(one.a, one.b, sim::Bytes(250'000'000), kUncapped, log.callback());
  engine.run();
  REQUIRE(log.ended.size() == 2);
  CHECK(log.ended[0] == Ended{2, FlowOutcome::completed, 502'000'000});
  CHECK(log.ended[1] == Ended{1, FlowOutcome::completed, 1'251'000'000});
  CHECK(net.recomputations() == 4);  // A's and B's connections, B's and A's completions
  CHECK(engine.events_executed() == 6);  // and the two connection events
}

TEST_CASE("issue 18: link loads when most links change at once (summed in one pass over the flows)") {
  // 65 hosts, each on its own link to a switch, send to one sink over a shared uplink U of
  // 65 × 2^30 B/s: every flow crosses U, so every recomputation changes every link — the case
  // link_load answers with one pass over the solver's slots. Rates are powers of two times small
  // integers, so the expected sums are exact in any order. Host 64's link is half duplex (summed
  // per link, by hop direction, as before).
  constexpr double g = 1073741824.0;  // 2^30
  sim::Engine engine;
  Topology t;
  const NodeId sw = t.add_node("sw", NodeKind::network_switch);
  const NodeId sink = t.add_node("sink", NodeKind::msp_interface);
  const LinkId uplink = t.add_link(sw, sink, symmetric_link(sim::BytesPerSecond(65 * g), 0_ms));
  std::vector<NodeId> hosts;
  std::vector<LinkId> links;
  for (int i = 0; i < 65; ++i) {
    std::string name = std::to_string(i);
    name.insert(0, 1, 'h');  // not "h" + …: GCC 12's -Wrestrict misfires on it
    hosts.push_back(t.add_node(name, NodeKind::msp_interface));
    const Duplex duplex = i == 64 ? Duplex::half : Duplex::full;
    links.push_back(t.add_link(hosts.back(), sw, symmetric_link(sim::BytesPerSecond(2 * g), 0_ms, 1500, duplex)));
  }
  FlowNetwork net(engine, std::move(t), kNoOverhead);
  std::vector<std::vector<double>> samples;  // per recomputation: every link's forward load
  net.add_observer([&](const FlowNetwork& n) {
    std::vector<double> loads;
    for (const LinkId l : links) loads.push_back(n.link_load(l).forward.value());
    loads.push_back(n.link_load(uplink).forward.value());
    samples.push_back(std::move(loads));
  });
  // Host 0 sends 2^30 bytes (ends after 1 s at 2^30 B/s); the others send far more.
  for (int i = 0; i < 65; ++i) {
    const sim::Bytes size(i == 0 ? std::int64_t{1} << 30 : std::int64_t{1} << 40);
    net.start_flow(hosts[static_cast<std::size_t>(i)], sink, size, kUncapped, {});
  }
  engine.run_until(at(2'000_ms));
  REQUIRE(samples.size() >= 2);
  const std::vector<double>& all = samples.front();  // 65 flows at 2^30 each
  for (std::size_t i = 0; i < 65; ++i) CHECK(all[i] == g);
  CHECK(all[65] == 65 * g);
  const std::vector<double>& after = samples.back();  // host 0's flow ended: 64 at 65 × 2^24
  CHECK(after[0] == 0.0);
  for (std::size_t i = 1; i < 65; ++i) CHECK(after[i] == 65 * g / 64);
  CHECK(after[65] == 65 * g);
  CHECK(net.link_load(links[64]).reverse == sim::BytesPerSecond(0.0));
}
