// models::precopy::ChunkChannel: where the pre-copy loop and the post-copy tail send their
// chunks. The protocol adapts the flow network (max-min fair flows through the MSPs) to it;
// unit tests use FixedRateChannel. Callbacks fire from engine events, never inside send().
//   channel.send(sim::Bytes(1 << 20), [](bool ok) { /* delivered, or the path failed */ });
#pragma once

#include "sim/handler.hpp"
#include "sim/quantity.hpp"

namespace models::precopy {

// A chunk's answer. Inline storage for what the senders capture (a guard, the chunk, a few
// numbers): one chunk per flow is the hot path of a data-centre run, and std::function sent
// each of these captures to malloc (issue 18).
using ChunkDone = sim::InlineFunction<void(bool ok), 64>;

class ChunkChannel {
 public:
  virtual ~ChunkChannel() = default;
  // Starts moving `wire_bytes` to the destination; `on_done(true)` once the last byte has
  // arrived, `on_done(false)` if the path failed (a modelled outcome). Chunks sent one after
  // the other arrive in order.
  virtual void send(sim::Bytes wire_bytes, ChunkDone on_done) = 0;
  // The rate the stream currently gets (for reports and post-copy fault costs).
  virtual sim::BytesPerSecond measured_rate() const = 0;
  // Round-trip time of the path: a demand fault costs RTT + page time (§7).
  virtual sim::Duration round_trip() const = 0;
};

}  // namespace models::precopy
