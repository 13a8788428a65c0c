// What the post-copy tail puts on the migration stream: the background push and the pages
// fetched on demand share one MSP stream (lpm-protocol.md §2.6), so the fetched pages ride with
// the next push chunk instead of opening transfers of their own, the tail never has more than
// max_chunks_in_flight transfers open, and every byte of both is sent exactly once.
#include <doctest/doctest.h>

#include <algorithm>

#include "models/precopy/powervm_policy.hpp"
#include "rig.hpp"

using namespace models;
using namespace sim::literals;

namespace {

// Counts what the tail sends and how many of its transfers are open at once.
class RecordingChannel final : public precopy::ChunkChannel {
 public:
  explicit RecordingChannel(precopy::ChunkChannel& inner) : inner_(inner) {}
  void send(sim::Bytes wire_bytes, precopy::ChunkDone on_done) override {
    ++sends;
    bytes += wire_bytes.as_double();
    max_open = std::max(max_open, ++open_);
    inner_.send(wire_bytes, [this, done = std::move(on_done)](bool ok) mutable {
      --open_;
      done(ok);
    });
  }
  sim::BytesPerSecond measured_rate() const override { return inner_.measured_rate(); }
  sim::Duration round_trip() const override { return inner_.round_trip(); }

  int sends = 0;
  double bytes = 0;
  int max_open = 0;

 private:
  precopy::ChunkChannel& inner_;
  int open_ = 0;
};

}  // namespace

TEST_CASE("post-copy tail: demand-fetched pages ride with the push, within the in-flight limit") {
  for (auto representation : {memory::Representation::exact, memory::Representation::expected}) {
    CAPTURE(static_cast<int>(representation));
    precopy::PowervmPolicy policy(rig::two_passes_then_stop());
    precopy::PrecopyConfig cfg;  // hybrid by default (PowerVM)
    const auto w = rig::faulting_workload();
    memory::MemoryConfig m;
    m.memory = 32_MiB;
    m.touched_fraction = 0.8;
    m.representation = representation;
    const double rate = 8192.0 * 4096;  // 32 MiB/s
    rig::Rig r(7, m, w, rig::link(rate, 2_ms), policy, cfg);
    RecordingChannel recording(r.channel);
    r.tail_channel = &recording;
    precopy::PostcopyConfig post;
    const rig::Outcome& out = r.run(sim::Time::max(), post);
    REQUIRE(out.postcopy);
    REQUIRE(out.postcopy->demand_faults > 10);
    REQUIRE(out.postcopy->pages_pushed > 0);

    CHECK(recording.max_open <= post.max_chunks_in_flight);
    // Every pushed and every fetched page crosses the stream once; each send rounds up to a byte.
    const double page = r.memory.wire_bytes_per_page();
    const double expected = (out.postcopy->pages_pushed + out.postcopy->demand_faults) * page;
    CHECK(recording.bytes >= expected - 1e-6 * expected);
    CHECK(recording.bytes <= expected + recording.sends);
    // The push takes chunks of at least one stream chunk; fetched pages add at most the one
    // transfer that carries the last of them when no push is left.
    const double chunk_pages = std::floor(cfg.chunk.as_double() / m.page_size.as_double());
    CHECK(recording.sends <= std::ceil(out.postcopy->pages_pushed / chunk_pages) + 1);
    CHECK_NOTHROW(r.pages->check_complete());
  }
}
