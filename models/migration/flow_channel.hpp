// models::migration::FlowChannel: the MSP-to-MSP stream of one migration as a ChunkChannel for
// the pre-copy loop and the post-copy tail. Each chunk is a flow of the FlowNetwork from the
// source MSP's interface to the destination MSP's, sharing links max-min fairly with every other
// migration's chunks. What the two movers can push for one migration (Msp::per_migration_cap:
// CPU, threads from concurrency_lvl, §5.3–§5.4) caps the stream, not each chunk: the chunks in
// flight together (pre-copy double buffering, post-copy push and demand fetches) share one
// FlowNetwork cap group, so the stream never runs above the movers' cap.
//   FlowChannel ch(engine, network, src_msp, dst_msp, "db01");
//   loop uses ch.send(bytes, done) — a link going down answers done(false).
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>

#include <boost/container/small_vector.hpp>

#include "models/migration/migration_record.hpp"
#include "models/network/flow_network.hpp"
#include "models/power/msp.hpp"
#include "models/precopy/chunk_channel.hpp"
#include "sim/lifeline.hpp"

namespace models::migration {

class FlowChannel final : public precopy::ChunkChannel {
 public:
  FlowChannel(sim::Engine& engine, network::FlowNetwork& network, power::Msp& source, power::Msp& destination,
              std::string migration);
  ~FlowChannel() override;  // cancels the chunks still in flight (their callbacks are dropped)
  FlowChannel(const FlowChannel&) = delete;
  FlowChannel& operator=(const FlowChannel&) = delete;

  void send(sim::Bytes wire_bytes, precopy::ChunkDone on_done) override;
  // send() for a caller that may need the chunk's progress (RedundantChannel at a failover):
  // the chunk's flow, or nullopt when it ended at once (a broken stream, no route).
  std::optional<network::FlowId> send_tracked(sim::Bytes wire_bytes, precopy::ChunkDone on_done);
  // Payload bytes of an open chunk that have reached the destination (0 once it has ended),
  // counted as delivered, on its links too: called when the stream is about to break and only
  // the rest of the chunk will be sent again elsewhere.
  double settle_arrived(network::FlowId chunk);
  // Wire bytes over elapsed time of the last chunk delivered (latency included, as a mover sees it).
  sim::BytesPerSecond measured_rate() const override { return last_rate_; }
  sim::Duration round_trip() const override;

  // True when the MSP interfaces are joined by a path of links that are up.
  bool reachable() const;
  double bytes_delivered() const { return delivered_; }
  // Bytes delivered across each link, in order of first use: a chunk counts on every hop of the
  // path it was routed over, so on a fixed path each entry equals bytes_delivered().
  std::vector<LinkBytes> link_bytes() const;
  // Fails every chunk in flight now (an MSP crashed): their callbacks answer false.
  void break_stream();

 private:
  sim::BytesPerSecond cap() const;
  void count_on_links(std::uint32_t route, double bytes);

  sim::Engine& engine_;
  network::FlowNetwork& network_;
  power::Msp& source_;
  power::Msp& destination_;
  std::string migration_;
  network::NodeId from_;
  network::NodeId to_;
  network::CapGroupId stream_cap_;
  sim::BytesPerSecond last_rate_{0};
  double delivered_ = 0;
  // The containers a chunk's send and answer touch are inline, in the channel's own cache lines:
  // as separate allocations each was a miss per chunk at data-centre scale (issue 18).
  boost::container::small_vector<std::pair<network::LinkId, double>, 4> link_bytes_;  // in order of first use
  // The hop list count_on_links saw last (a route's, shared by its chunks; held so that a new
  // route cannot take its address) and its links' places in link_bytes_.
  static constexpr std::uint32_t kNoRoute = ~std::uint32_t{0};
  std::uint32_t counted_route_ = kNoRoute;
  boost::container::small_vector<std::uint32_t, 4> counted_at_;
  mutable sim::Duration round_trip_ = sim::Duration::zero();
  mutable std::uint64_t round_trip_generation_ = ~std::uint64_t{0};  // none yet
  // A chunk sent and not yet answered. What its answer needs lives here, not in the network's
  // callback, so that callback is small and a chunk costs no allocation of its own (malloc was
  // 14 % of a 10 000-LPAR evacuation, most of it per chunk).
  struct Chunk {
    network::FlowId flow;
    sim::Time started;
    sim::Bytes bytes;
    std::uint32_t route = kNoRoute;  // in routes_; kNoRoute for a chunk with no route
    precopy::ChunkDone done;
  };
  // Also a chunk with no route, until the network answers it. Two is the loops' default depth.
  using InFlight = boost::container::small_vector<Chunk, 2>;
  InFlight in_flight_;
  InFlight::iterator in_flight(network::FlowId flow);
  // The links of each path chunks were routed over, in order; the last is the current one (paths
  // change only when links do, so this stays a handful). Chunks refer to them by index.
  std::vector<std::vector<network::LinkId>> routes_;
  bool broken_ = false;
  sim::Lifeline lifeline_;
};

}  // namespace models::migration
