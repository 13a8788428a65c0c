// FlowNetwork under modelled failures: a link going down fails exactly the flows that cross it
// (outcomes, not exceptions), the others speed up; links coming back; cancel; no route.
#include <doctest/doctest.h>

#include <cstdint>
#include <functional>
#include <vector>

#include "models/network/flow_network.hpp"
#include "tests/models/network/flow_test_support.hpp"

using namespace sim::literals;
using namespace models::network;
using flow_test::at;
using flow_test::Ended;

namespace {



// a ─(fail, 1e10)─ s ─(shared, 2e9)─ b, and c ─(1e10)─ s. Flows a→b and c→b share s–b.
struct Star {
  Topology t;
  NodeId a, b, c, s;
  LinkId fail, shared, side;
  Star() {
    a = t.add_node("a", NodeKind::msp_interface);
    b = t.add_node("b", NodeKind::msp_interface);
    c = t.add_node("c", NodeKind::msp_interface);
    s = t.add_node("s", NodeKind::network_switch);
    fail = t.add_link(a, s, symmetric_link(sim::BytesPerSecond(1e10), 0_ms));
    shared = t.add_link(s, b, symmetric_link(sim::BytesPerSecond(2e9), 0_ms));
    side = t.add_link(c, s, symmetric_link(sim::BytesPerSecond(1e10), 0_ms));
  }
};

struct Fixture {
  sim::Engine engine;
  Star star;
  LinkId fail = star.fail, shared = star.shared;
  NodeId a = star.a, b = star.b, c = star.c, s = star.s;
  FlowNetwork net{engine, std::move(star.t), FlowNetworkConfig{.name = "net", .overhead = ProtocolOverhead::none()}};
  std::vector<Ended> ended;
  FlowNetwork::OnDone log() {
    return [this](FlowId id, FlowOutcome o) { ended.push_back({id.value, o, engine.now().ns()}); };
  }
};

}  // namespace

TEST_CASE("a link going down fails exactly the flows crossing it; the others speed up") {
  // f1 a→b and f2 c→b share s–b at 1e9 each; f3 c→s shares c–s with f2 (1e10 − 1e9 = 9e9 left
  // for it). At 0.5 s a–s goes down: f1 fails. f2 has 2e9 − 0.5e9 = 1.5e9 B left and now has s–b
  // alone at 2e9: done at 0.5 + 0.75 = 1.25 s. f3 (9e9 B at 9e9 B/s) would end at 1 s; with f2
  // at 2e9 it gets 8e9 from 0.5 s: 9e9 − 4.5e9 = 4.5e9 B left → 0.5 + 0.5625 = 1.0625 s.
  Fixture fx;
  const FlowId f1 = fx.net.start_flow(fx.a, fx.b, sim::Bytes(2'000'000'000), kUncapped, fx.log());
  const FlowId f2 = fx.net.start_flow(fx.c, fx.b, sim::Bytes(2'000'000'000), kUncapped, fx.log());
  const FlowId f3 = fx.net.start_flow(fx.c, fx.s, sim::Bytes(9'000'000'000), kUncapped, fx.log());
  fx.engine.run_until(at(1_ms));
  CHECK(fx.net.rate(f1) == sim::BytesPerSecond(1e9));
  CHECK(fx.net.rate(f2) == sim::BytesPerSecond(1e9));
  CHECK(fx.net.rate(f3) == sim::BytesPerSecond(9e9));
  fx.engine.schedule_at(at(500_ms), [&] { fx.net.set_link_up(fx.fail, false); });
  fx.engine.run_until(at(500_ms));
  CHECK(fx.ended == std::vector<Ended>{{1, FlowOutcome::failed_link_down, 500'000'000}});
  CHECK_FALSE(fx.net.is_open(f1));
  CHECK(fx.net.rate(f2) == sim::BytesPerSecond(2e9));
  CHECK(fx.net.rate(f3) == sim::BytesPerSecond(8e9));
  CHECK(fx.net.link_load(fx.fail).forward == sim::BytesPerSecond(0.0));
  fx.engine.run();
  CHECK(fx.ended == std::vector<Ended>{{1, FlowOutcome::failed_link_down, 500'000'000},
                                       {3, FlowOutcome::completed, 1'062'500'000},
                                       {2, FlowOutcome::completed, 1'250'000'000}});
}

TEST_CASE("several flows on a failing link fail together, in id order, after the survivors are updated") {
  Fixture fx;
  std::vector<double> survivor_rate_seen;
  const FlowId keep = fx.net.start_flow(fx.c, fx.b, sim::Bytes(10'000'000'000), kUncapped, {});
  const auto on_fail = [&](FlowId id, FlowOutcome o) {
    fx.ended.push_back({id.value, o, fx.engine.now().ns()});
    survivor_rate_seen.push_back(fx.net.rate(keep).value());
  };
  fx.net.start_flow(fx.a, fx.b, sim::Bytes(10'000'000'000), kUncapped, on_fail);
  fx.net.start_flow(fx.b, fx.a, sim::Bytes(10'000'000'000), kUncapped, on_fail);  // the reverse direction
  fx.net.start_flow(fx.a, fx.s, sim::Bytes(10'000'000'000), kUncapped, on_fail);
  fx.engine.schedule_at(at(100_ms), [&] { fx.net.set_link_up(fx.fail, false); });
  fx.engine.run_until(at(200_ms));
  CHECK(fx.ended == std::vector<Ended>{{2, FlowOutcome::failed_link_down, 100'000'000},
                                       {3, FlowOutcome::failed_link_down, 100'000'000},
                                       {4, FlowOutcome::failed_link_down, 100'000'000}});
  CHECK(survivor_rate_seen == std::vector<double>{2e9, 2e9, 2e9});
  CHECK(fx.net.open_flows() == std::vector<FlowId>{keep});
}

TEST_CASE("a flow still paying its latency fails too if its path goes down") {
  sim::Engine engine;
  Topology t;
  const NodeId a = t.add_node("a", NodeKind::msp_interface), b = t.add_node("b", NodeKind::msp_interface);
  const LinkId l = t.add_link(a, b, symmetric_link(sim::BytesPerSecond(1e9), 10_ms));
  FlowNetwork net(engine, std::move(t));
  std::vector<Ended> ended;
  net.start_flow(a, b, sim::Bytes(1000), kUncapped,
                 [&](FlowId id, FlowOutcome o) { ended.push_back({id.value, o, engine.now().ns()}); });
  engine.schedule_at(at(5_ms), [&] { net.set_link_up(l, false); });
  engine.run();
  CHECK(ended == std::vector<Ended>{{1, FlowOutcome::failed_link_down, 5'000'000}});
  CHECK(engine.pending_events() == 0);
}

TEST_CASE("no path up: the flow ends with no_route from an event, never inside start_flow") {
  Fixture fx;
  fx.net.set_link_up(fx.fail, false);
  CHECK_FALSE(fx.net.topology().is_up(fx.fail));
  const FlowId f = fx.net.start_flow(fx.a, fx.b, sim::Bytes(1000), kUncapped, fx.log());
  CHECK(fx.ended.empty());
  CHECK(fx.net.is_open(f));
  CHECK(fx.net.path(f).hops.empty());
  fx.engine.run();
  CHECK(fx.ended == std::vector<Ended>{{1, FlowOutcome::no_route, 0}});

  SUBCASE("and once the link is back up the same transfer succeeds over it") {
    fx.net.set_link_up(fx.fail, true);
    // 2e9 B over a–s (1e10) and s–b (2e9): 1 s.
    const FlowId g = fx.net.start_flow(fx.a, fx.b, sim::Bytes(2'000'000'000), kUncapped, fx.log());
    CHECK(fx.net.path(g).hops.size() == 2);
    CHECK(fx.net.path(g).hops.front().link == fx.fail);
    fx.engine.run();
    CHECK(fx.ended.back() == Ended{2, FlowOutcome::completed, 1'000'000'000});
  }
}

TEST_CASE("a link coming back up changes nothing for flows routed around it") {
  Fixture fx;
  const FlowId f = fx.net.start_flow(fx.c, fx.b, sim::Bytes(2'000'000'000), kUncapped, fx.log());
  fx.net.set_link_up(fx.fail, false);
  fx.engine.schedule_at(at(300_ms), [&] { fx.net.set_link_up(fx.fail, true); });
  fx.engine.run_until(at(400_ms));
  CHECK(fx.net.rate(f) == sim::BytesPerSecond(2e9));
  // Both link changes dropped the cached routes; the one f still uses stays (read under ASan).
  CHECK(fx.net.path(f).hops.size() == 2);
  CHECK(fx.net.path(f).hops.back().link == fx.shared);
  fx.engine.run();
  CHECK(fx.ended == std::vector<Ended>{{1, FlowOutcome::completed, 1'000'000'000}});
  // Taking a link to the state it already has is a no-op.
  const auto before = fx.net.recomputations();
  fx.net.set_link_up(fx.fail, true);
  CHECK(fx.net.recomputations() == before);
}

TEST_CASE("cancel_flow ends a flow with cancelled and lets the others speed up") {
  Fixture fx;
  const FlowId f1 = fx.net.start_flow(fx.a, fx.b, sim::Bytes(2'000'000'000), kUncapped, fx.log());
  const FlowId f2 = fx.net.start_flow(fx.c, fx.b, sim::Bytes(2'000'000'000), kUncapped, fx.log());
  // At 0.5 s f1 is cancelled; f2 has 1.5e9 B left at 2e9 B/s: done at 1.25 s.
  fx.engine.schedule_at(at(500_ms), [&] { CHECK(fx.net.cancel_flow(f1)); });
  fx.engine.run();
  CHECK(fx.ended == std::vector<Ended>{{1, FlowOutcome::cancelled, 500'000'000},
                                       {2, FlowOutcome::completed, 1'250'000'000}});
  CHECK_FALSE(fx.net.cancel_flow(f1));
  CHECK_FALSE(fx.net.cancel_flow(f2));

  SUBCASE("cancelling during the latency removes its pending event") {
    sim::Engine engine;
    Topology t;
    const NodeId a = t.add_node("a", NodeKind::host), b = t.add_node("b", NodeKind::host);
    t.add_link(a, b, symmetric_link(sim::BytesPerSecond(1e9), 10_ms));
    FlowNetwork net(engine, std::move(t));
    int calls = 0;
    const FlowId g = net.start_flow(a, b, sim::Bytes(1000), kUncapped, [&](FlowId, FlowOutcome o) {
      CHECK(o == FlowOutcome::cancelled);
      ++calls;
    });
    CHECK(net.cancel_flow(g));
    CHECK(calls == 1);
    CHECK(engine.pending_events() == 0);
  }
}

// Completion times live in a heap with lazy deletion (a rate change pushes a new entry and leaves
// the old one): a flow whose rate goes and comes back within one instant holds two identical
// entries, and a flow taken out of the solver as due can still be cancelled before its completion.
TEST_CASE("a flow re-rated back to its old completion time completes once; a due flow cancelled does not complete") {
  Fixture fx;
  const FlowId f1 = fx.net.start_flow(fx.a, fx.b, sim::Bytes(2'000'000'000), kUncapped, fx.log());
  SUBCASE("re-rated there and back at one instant") {
    // At 0.5 s f2 connects (zero latency) and the merged recomputation halves f1's rate; f2 is then
    // cancelled at the same instant (two event hops: after that recomputation). f1 is back at
    // 2e9 B/s with the same 1e9 B left, due at 1 s as before — and completes exactly once. f4
    // (c → s, due at 0.7 s) keeps f1's first entry off the top of the heap, so it is not dropped
    // early and f1 holds two identical entries.
    const FlowId f4 = fx.net.start_flow(fx.c, fx.s, sim::Bytes(7'000'000'000), kUncapped, fx.log());
    fx.engine.schedule_at(at(500_ms), [&] {
      const FlowId f2 = fx.net.start_flow(fx.c, fx.b, sim::Bytes(2'000'000'000), kUncapped, fx.log());
      fx.engine.schedule_in(0_ms, [&, f2] {
        fx.engine.schedule_in(0_ms, [&, f2] {
          CHECK(fx.net.rate(f1).value() == doctest::Approx(1e9));
          CHECK(fx.net.cancel_flow(f2));
        });
      });
    });
    fx.engine.run();
    CHECK(f4.value == 2);
    CHECK(fx.ended == std::vector<Ended>{{3, FlowOutcome::cancelled, 500'000'000},
                                         {2, FlowOutcome::completed, 700'000'000},
                                         {1, FlowOutcome::completed, 1'000'000'000}});
  }
  SUBCASE("taken as due, then cancelled before its completion runs") {
    // f3 (c → s) shares nothing with f1. At 1 s, before f1's completion event, cancelling f3
    // recomputes, which takes f1 out of the solver as due; f1 is then cancelled: it ends cancelled,
    // once, and its completion event finds nothing to complete.
    const FlowId f3 = fx.net.start_flow(fx.c, fx.s, sim::Bytes(100'000'000'000), kUncapped, fx.log());
    fx.engine.schedule_at(at(1000_ms), [&] {
      CHECK(fx.net.cancel_flow(f3));
      CHECK(fx.net.rate(f1).value() == 0.0);  // due: out of the solver
      CHECK(fx.net.cancel_flow(f1));
    });
    fx.engine.run();
    CHECK(fx.ended == std::vector<Ended>{{2, FlowOutcome::cancelled, 1'000'000'000},
                                         {1, FlowOutcome::cancelled, 1'000'000'000}});
    CHECK(fx.net.open_flow_count() == 0);
    CHECK(fx.engine.pending_events() == 0);
  }
}

TEST_CASE("a callback may start the next flow: chained transfers") {
  // Three 1e9 B transfers one after another over s–b (2e9 B/s): 0.5 s each.
  Fixture fx;
  int remaining = 3;
  std::vector<std::int64_t> done_at;
  std::function<void(FlowId, FlowOutcome)> next = [&](FlowId, FlowOutcome o) {
    CHECK(o == FlowOutcome::completed);
    done_at.push_back(fx.engine.now().ns());
    if (--remaining > 0) fx.net.start_flow(fx.s, fx.b, sim::Bytes(1'000'000'000), kUncapped, [&](FlowId i, FlowOutcome r) { next(i, r); });
  };
  fx.net.start_flow(fx.s, fx.b, sim::Bytes(1'000'000'000), kUncapped, [&](FlowId i, FlowOutcome r) { next(i, r); });
  fx.engine.run();
  CHECK(done_at == std::vector<std::int64_t>{500'000'000, 1'000'000'000, 1'500'000'000});
}

TEST_CASE("destroying the network cancels its pending events") {
  sim::Engine engine;
  {
    Star star;
    FlowNetwork net(engine, std::move(star.t));
    net.start_flow(star.a, star.b, sim::Bytes(1'000'000'000), kUncapped, {});
    engine.run_until(at(1_ms));
    net.start_flow(star.c, star.b, sim::Bytes(1'000'000'000), kUncapped, {});
    CHECK(engine.pending_events() == 2);  // one completion, one connection (at now)
  }
  CHECK(engine.pending_events() == 0);
  engine.run();
}
