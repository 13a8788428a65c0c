#include "models/migration/redundant_channel.hpp"

#include <algorithm>
#include <cmath>

#include "sim/check.hpp"

namespace models::migration {

RedundantChannel::RedundantChannel(sim::Engine& engine, network::FlowNetwork& network,
                                   const std::vector<MspPair>& pairs, std::string migration, sim::Duration failover)
    : engine_(engine), migration_(std::move(migration)), failover_(failover) {
  SIM_CHECK(!pairs.empty(), migration_, "a migration stream needs at least one MSP pair");
  for (const MspPair& p : pairs) {
    Lane lane;
    lane.pair = p;
    lane.channel = std::make_unique<FlowChannel>(engine, network, *p.source->msp(), *p.destination->msp(), migration_);
    lanes_.push_back(std::move(lane));
  }
}

RedundantChannel::~RedundantChannel() {
  lifeline_.end();
  for (const sim::EventId id : pending_) engine_.cancel(id);
}

// A chunk is split in one part per live pair, all sent at once: both pairs carry the stream
// (§5.4: "for speed and resilience"). Only the last part holds the caller's callback; it is
// answered once every part is in (deliver_in_order), false if any part could not be delivered.
void RedundantChannel::send(sim::Bytes wire_bytes, precopy::ChunkDone on_done) {
  const std::int64_t total = wire_bytes.count();
  const auto live = static_cast<std::int64_t>(live_pairs());
  const std::int64_t parts = broken_ || live == 0 ? 1 : std::clamp<std::int64_t>(total, 1, live);
  const std::uint64_t first = next_seq_;  // the parts take consecutive sequence numbers
  std::int64_t left = total;
  for (std::int64_t i = 0; i < parts; ++i) {
    const bool last = i + 1 == parts;
    const std::int64_t share = last ? left : total / parts;
    left -= share;
    chunks_.push_back({next_seq_++, sim::Bytes(share), last ? std::move(on_done) : precopy::ChunkDone(nullptr),
                       std::nullopt, std::nullopt, std::nullopt});
  }
  if (broken_) {
    chunks_.back().result = false;
    std::erase_if(pending_, [this](sim::EventId id) { return !engine_.is_pending(id); });
    pending_.push_back(engine_.schedule_in(sim::Duration::zero(), [this] { deliver_in_order(); }));
    return;
  }
  for (std::uint64_t seq = first; seq < next_seq_; ++seq) dispatch(seq);
}

std::optional<std::size_t> RedundantChannel::pick_lane() const {
  std::optional<std::size_t> best;
  for (std::size_t i = 0; i < lanes_.size(); ++i) {
    if (lanes_[i].failed_at) continue;
    if (!best || lanes_[i].in_flight < lanes_[*best].in_flight) best = i;
  }
  return best;
}

RedundantChannel::Chunk* RedundantChannel::find(std::uint64_t seq) {
  if (chunks_.empty() || seq < chunks_.front().seq) return nullptr;
  const std::uint64_t at = seq - chunks_.front().seq;
  return at < chunks_.size() ? &chunks_[at] : nullptr;
}

// Never answers inside the caller's send(): a chunk with no pair left fails from an event.
void RedundantChannel::dispatch(std::uint64_t seq) {
  Chunk* c = find(seq);
  if (c == nullptr || c->result) return;
  const auto lane = pick_lane();
  if (!lane) {
    c->result = false;
    std::erase_if(pending_, [this](sim::EventId id) { return !engine_.is_pending(id); });
    pending_.push_back(engine_.schedule_in(sim::Duration::zero(), [this] { deliver_in_order(); }));
    return;
  }
  Lane& l = lanes_[*lane];
  c->lane = *lane;
  l.in_flight += c->bytes.as_double();
  const std::uint64_t epoch = l.epoch;
  const std::size_t index = *lane;
  c->flow = l.channel->send_tracked(c->bytes, [this, alive = lifeline_.watch(), seq, index, epoch](bool ok) {
    if (alive.alive()) on_chunk(seq, index, epoch, ok);
  });
}

void RedundantChannel::on_chunk(std::uint64_t seq, std::size_t lane, std::uint64_t epoch, bool ok) {
  Lane& l = lanes_[lane];
  if (epoch != l.epoch) return;  // the pair failed meanwhile: the chunk was sent again elsewhere
  Chunk* c = find(seq);
  if (c == nullptr || c->result) return;
  l.in_flight -= c->bytes.as_double();
  if (!ok) return fail_lane(lane, "its stream broke");
  l.delivered += c->bytes.as_double();
  c->result = true;
  deliver_in_order();
}

void RedundantChannel::fail_lane(std::size_t lane, const std::string& why) {
  Lane& l = lanes_[lane];
  if (l.failed_at) return;
  // What had arrived of the parts in flight stays delivered (credited to this pair); only the
  // rest goes again on a survivor.
  bool arrived_whole = false;
  for (Chunk& c : chunks_) {
    if (c.result || c.lane != lane || !c.flow) continue;
    const auto arrived = static_cast<std::int64_t>(l.channel->settle_arrived(*c.flow));
    l.delivered += static_cast<double>(arrived);
    c.bytes = sim::Bytes(c.bytes.count() - arrived);
    c.flow.reset();
    if (c.bytes.count() <= 0) {
      c.result = true;
      arrived_whole = true;
    }
  }
  l.failed_at = engine_.now();
  l.failure = why;
  ++l.epoch;
  l.in_flight = 0;
  l.channel->break_stream();
  if (engine_.tracer())
    engine_.trace("migration.msp_failover", migration_,
                  {{"source_msp", l.pair.source->name()},
                   {"dest_msp", l.pair.destination->name()},
                   {"why", why},
                   {"pairs_left", static_cast<std::int64_t>(live_pairs())}});
  // The chunks the failed pair carried go again on a survivor once PHYP has switched the stream.
  std::vector<std::uint64_t> moved;
  for (Chunk& c : chunks_) {
    if (!c.result && c.lane == lane) {
      c.lane.reset();
      moved.push_back(c.seq);
    }
  }
  const sim::Duration delay = live_pairs() > 0 ? failover_ : sim::Duration::zero();
  std::erase_if(pending_, [this](sim::EventId id) { return !engine_.is_pending(id); });
  pending_.push_back(engine_.schedule_in(delay, [this, alive = lifeline_.watch(), moved] {
    if (!alive.alive()) return;
    for (const std::uint64_t seq : moved) dispatch(seq);
  }));
  if (arrived_whole) pending_.push_back(engine_.schedule_in(sim::Duration::zero(), [this] { deliver_in_order(); }));
}

// Answers the oldest chunks first; a callback may send again or break the stream.
void RedundantChannel::deliver_in_order() {
  const sim::Lifeline::Watch alive = lifeline_.watch();
  while (alive.alive() && !chunks_.empty() && chunks_.front().result) {
    Chunk c = std::move(chunks_.front());
    chunks_.erase(chunks_.begin());
    if (!c.on_done) {  // a part of a split chunk: its failure is the whole chunk's
      if (!*c.result && !chunks_.empty()) chunks_.front().result = false;
      continue;
    }
    c.on_done(*c.result);
  }
}

int RedundantChannel::fail_pairs_of(const power::Vios& vios, const std::string& why) {
  int n = 0;
  for (std::size_t i = 0; i < lanes_.size(); ++i) {
    const MspPair& p = lanes_[i].pair;
    if (lanes_[i].failed_at || (p.source != &vios && p.destination != &vios)) continue;
    fail_lane(i, why);
    ++n;
  }
  return n;
}

void RedundantChannel::check_paths() {
  for (std::size_t i = 0; i < lanes_.size(); ++i) {
    if (!lanes_[i].failed_at && !lanes_[i].channel->reachable()) fail_lane(i, "no path between its MSPs");
  }
}

void RedundantChannel::break_stream() {
  broken_ = true;
  for (Lane& l : lanes_) {
    ++l.epoch;
    l.in_flight = 0;
    l.channel->break_stream();
  }
  bool any = false;
  for (Chunk& c : chunks_) {
    if (!c.result) {
      c.result = false;
      any = true;
    }
  }
  if (!any) return;
  std::erase_if(pending_, [this](sim::EventId id) { return !engine_.is_pending(id); });
  pending_.push_back(engine_.schedule_in(sim::Duration::zero(), [this] { deliver_in_order(); }));
}

bool RedundantChannel::reachable() const {
  return std::any_of(lanes_.begin(), lanes_.end(), [](const Lane& l) { return !l.failed_at && l.channel->reachable(); });
}

int RedundantChannel::live_pairs() const {
  return static_cast<int>(std::count_if(lanes_.begin(), lanes_.end(), [](const Lane& l) { return !l.failed_at; }));
}

sim::BytesPerSecond RedundantChannel::measured_rate() const {
  double rate = 0;
  for (const Lane& l : lanes_) {
    if (!l.failed_at) rate += l.channel->measured_rate().value();
  }
  return sim::BytesPerSecond(rate);
}

sim::Duration RedundantChannel::round_trip() const {
  for (const Lane& l : lanes_) {
    if (!l.failed_at) return l.channel->round_trip();
  }
  return lanes_.front().channel->round_trip();
}

double RedundantChannel::bytes_delivered() const {
  double sum = 0;
  for (const Lane& l : lanes_) sum += l.delivered;
  return sum;
}

std::vector<MspPairRecord> RedundantChannel::pair_uses() const {
  std::vector<MspPairRecord> out;
  for (const Lane& l : lanes_)
    out.push_back({l.pair.source->name(), l.pair.destination->name(), l.delivered, l.failed_at, l.failure});
  return out;
}

}  // namespace models::migration

namespace models::migration {

std::vector<LinkBytes> RedundantChannel::link_bytes() const {
  std::vector<LinkBytes> out;
  for (const Lane& lane : lanes_) {
    for (const LinkBytes& l : lane.channel->link_bytes()) {
      auto it = std::find_if(out.begin(), out.end(), [&](const LinkBytes& o) { return o.link == l.link; });
      if (it == out.end()) out.push_back(l);
      else it->bytes += l.bytes;
    }
  }
  return out;
}

}  // namespace models::migration
