// FlowChannel: each chunk is a flow of the network; its answer (bytes, links, measured rate, the
// caller's callback) is kept by the channel until the network answers, and never reaches a
// channel that is gone. Times are hand-computed in the comments.
#include <doctest/doctest.h>

#include <memory>
#include <vector>

#include "models/migration/flow_channel.hpp"

using namespace sim::literals;
namespace mm = models::migration;
namespace mn = models::network;
namespace mp = models::power;

namespace {

// Two MSP interfaces joined by one link of 1e9 B/s and 1 ms; movers that never cap the stream.
struct Rig {
  sim::Engine engine;
  mn::LinkId link;
  std::unique_ptr<mn::FlowNetwork> net;
  mp::Msp source{engine, "src/vios1", mover("src-nic")};
  mp::Msp destination{engine, "dst/vios1", mover("dst-nic")};

  Rig() {
    mn::Topology t;
    const mn::NodeId a = t.add_node("src-nic", mn::NodeKind::msp_interface);
    const mn::NodeId b = t.add_node("dst-nic", mn::NodeKind::msp_interface);
    link = t.add_link(a, b, mn::symmetric_link(sim::BytesPerSecond(1e9), 1_ms), "wire");
    net = std::make_unique<mn::FlowNetwork>(engine, std::move(t),
                                            mn::FlowNetworkConfig{.name = "net", .overhead = mn::ProtocolOverhead::none()});
  }
  static mp::MspConfig mover(const char* nic) {
    mp::MspConfig c;
    c.rate_per_cpu = sim::BytesPerSecond(1e12);
    c.ip_interface = nic;
    return c;
  }
};

struct Answer {
  int chunk;
  bool ok;
  std::int64_t at_ns;
  friend bool operator==(const Answer&, const Answer&) = default;
};

}  // namespace

TEST_CASE("chunks in flight answer with their own bytes, counted once on each link") {
  Rig rig;
  mm::FlowChannel channel(rig.engine, *rig.net, rig.source, rig.destination, "db01");
  std::vector<Answer> answers;
  const auto answer = [&](int chunk) {
    return [&answers, &rig, chunk](bool ok) { answers.push_back({chunk, ok, rig.engine.now().ns()}); };
  };
  channel.send(sim::Bytes(100'000'000), answer(1));
  channel.send(sim::Bytes(50'000'000), answer(2));
  CHECK(answers.empty());  // never inside send()
  rig.engine.run();
  // Both share the link at 5e8 B/s after 1 ms: chunk 2 ends at 1 ms + 0.1 s; chunk 1 has 5e7 B
  // left then and ends 0.05 s later.
  CHECK(answers == std::vector<Answer>{{2, true, 101'000'000}, {1, true, 151'000'000}});
  CHECK(channel.bytes_delivered() == 150e6);
  const std::vector<mm::LinkBytes> links = channel.link_bytes();
  REQUIRE(links.size() == 1);
  CHECK(links[0].link == "wire");
  CHECK(links[0].bytes == 150e6);
  CHECK(channel.measured_rate().value() == doctest::Approx(100e6 / 0.151));  // the last chunk's
}

TEST_CASE("a chunk with no route answers false from an event, and not at all once the channel is gone") {
  Rig rig;
  rig.net->set_link_up(rig.link, false);
  int answered = 0;
  {
    mm::FlowChannel channel(rig.engine, *rig.net, rig.source, rig.destination, "db01");
    CHECK_FALSE(channel.reachable());
    channel.send(sim::Bytes(1000), [&](bool ok) { answered += ok ? 100 : 1; });
    CHECK(answered == 0);
    rig.engine.run();
    CHECK(answered == 1);
    CHECK(channel.bytes_delivered() == 0);

    channel.send(sim::Bytes(1000), [&](bool) { answered += 10; });
  }  // gone before the network's no-route event
  rig.engine.run();
  CHECK(answered == 1);
}

TEST_CASE("a broken stream answers every chunk in flight false; a channel destroyed drops its answers") {
  Rig rig;
  std::vector<bool> answers;
  {
    mm::FlowChannel channel(rig.engine, *rig.net, rig.source, rig.destination, "db01");
    channel.send(sim::Bytes(100'000'000), [&](bool ok) { answers.push_back(ok); });
    channel.send(sim::Bytes(100'000'000), [&](bool ok) { answers.push_back(ok); });
    rig.engine.run_until(sim::Time::zero() + 10_ms);
    channel.break_stream();
    CHECK(answers == std::vector<bool>{false, false});
    CHECK(channel.bytes_delivered() == 0);
    CHECK(rig.net->open_flow_count() == 0);

    answers.clear();
    channel.send(sim::Bytes(1000), [&](bool ok) { answers.push_back(ok); });  // after the break
    rig.engine.run();
    CHECK(answers == std::vector<bool>{false});
  }
  {
    mm::FlowChannel channel(rig.engine, *rig.net, rig.source, rig.destination, "db02");
    channel.send(sim::Bytes(100'000'000), [&](bool ok) { answers.push_back(ok); });
    rig.engine.run_until(rig.engine.now() + 10_ms);
  }
  CHECK(rig.net->open_flow_count() == 0);
  rig.engine.run();
  CHECK(answers == std::vector<bool>{false});  // only the first channel's answer
}
