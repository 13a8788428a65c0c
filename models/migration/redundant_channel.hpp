// models::migration::RedundantChannel: the stream of one migration over one or more MSP pairs
// (lpm-protocol.md §5.4, S9: with redundant MSPs both pairs are set up and used, "for speed and
// resilience"). Each pair is a FlowChannel; a chunk is split in one part per live pair, each part
// on the pair with the fewest bytes in flight. When a pair fails (an MSP crashes, its path goes
// down) what its parts had not yet delivered is sent again on a surviving pair after the failover
// time (PHYP's H_VASI_SIGNAL Failover, §2.9; the bytes that had arrived count for the failed pair
// when an MSP failed — after a link failure the network no longer knows them, and the whole part
// goes again); only when no pair is left does a chunk answer false.
// Completions are delivered in send order, so the ChunkChannel contract (in-order arrival) holds
// whatever pair carried a chunk.
//   RedundantChannel ch(engine, net, {{srcA, dstA}, {srcB, dstB}}, "db01#1", 1_s);
//   ch.fail_pairs_of(vios_b);  // pair 2 dead: its chunks move to pair 1
#pragma once

#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "models/migration/flow_channel.hpp"
#include "models/migration/migration_record.hpp"
#include "models/migration/preflight.hpp"
#include "sim/lifeline.hpp"

namespace models::migration {

class RedundantChannel final : public precopy::ChunkChannel {
 public:
  // `pairs` must not be empty; `failover` is the time from a pair's failure to its chunks
  // flowing again on a surviving pair.
  RedundantChannel(sim::Engine& engine, network::FlowNetwork& network, const std::vector<MspPair>& pairs,
                   std::string migration, sim::Duration failover);
  ~RedundantChannel() override;
  RedundantChannel(const RedundantChannel&) = delete;
  RedundantChannel& operator=(const RedundantChannel&) = delete;

  void send(sim::Bytes wire_bytes, precopy::ChunkDone on_done) override;
  sim::BytesPerSecond measured_rate() const override;
  sim::Duration round_trip() const override;

  // True while some pair is live and its MSP interfaces are joined by links that are up.
  bool reachable() const;
  // Marks failed every live pair using this VIOS as an MSP; returns how many pairs that was.
  int fail_pairs_of(const power::Vios& vios, const std::string& why);
  // Marks failed every live pair whose path is down (after a link change).
  void check_paths();
  // Fails every chunk in flight at once, whatever pair carries it (the migration gave up).
  void break_stream();
  int live_pairs() const;
  double bytes_delivered() const;
  std::vector<MspPairRecord> pair_uses() const;  // primary first
  // Bytes delivered across each link, summed over the pairs (FlowChannel::link_bytes), in order
  // of first use: on one pair whose path did not change, each entry equals bytes_delivered().
  std::vector<LinkBytes> link_bytes() const;

 private:
  struct Lane {
    MspPair pair;
    std::unique_ptr<FlowChannel> channel;
    double in_flight = 0;
    double delivered = 0;
    std::optional<sim::Time> failed_at;
    std::string failure;
    std::uint64_t epoch = 0;  // bumped at failure: late answers of the old flows are ignored
  };
  struct Chunk {
    std::uint64_t seq = 0;
    sim::Bytes bytes{0};
    precopy::ChunkDone on_done;
    std::optional<bool> result;
    std::optional<std::size_t> lane;
    std::optional<network::FlowId> flow;  // on its lane's FlowChannel, while in flight
  };

  void fail_lane(std::size_t lane, const std::string& why);
  std::optional<std::size_t> pick_lane() const;
  void dispatch(std::uint64_t seq);
  void on_chunk(std::uint64_t seq, std::size_t lane, std::uint64_t epoch, bool ok);
  Chunk* find(std::uint64_t seq);
  void deliver_in_order();

  sim::Engine& engine_;
  std::string migration_;
  sim::Duration failover_;
  std::vector<Lane> lanes_;
  // Sent and not yet answered to the caller, in send order: consecutive sequence numbers, so a
  // chunk is found by its offset from the front. A vector: it is short (the chunks in flight) and,
  // unlike a deque, stops allocating once it has grown.
  std::vector<Chunk> chunks_;
  std::uint64_t next_seq_ = 0;
  bool broken_ = false;
  std::vector<sim::EventId> pending_;
  sim::Lifeline lifeline_;
};

}  // namespace models::migration
