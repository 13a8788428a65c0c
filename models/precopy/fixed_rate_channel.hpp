// models::precopy::FixedRateChannel: a FIFO link with a fixed rate and a one-way latency, for
// unit tests and closed-form checks. Back-to-back chunks form one busy period whose end is
// computed from the period's total bytes, so per-chunk ns rounding never accumulates.
//   FixedRateChannel link(engine, {.rate = 1_MBps * 100, .latency = 1_ms});
#pragma once

#include <memory>

#include "models/precopy/chunk_channel.hpp"
#include "sim/engine.hpp"
#include "sim/lifeline.hpp"

namespace models::precopy {

struct FixedRateChannelConfig {
  sim::BytesPerSecond rate{0};
  sim::Duration latency = sim::Duration::zero();  // one way; RTT = 2 × latency
};

class FixedRateChannel final : public ChunkChannel {
 public:
  FixedRateChannel(sim::Engine& engine, FixedRateChannelConfig config);
  ~FixedRateChannel() override;

  void send(sim::Bytes wire_bytes, ChunkDone on_done) override;
  sim::BytesPerSecond measured_rate() const override { return config_.rate; }
  sim::Duration round_trip() const override { return config_.latency * 2; }
  // Changes the rate from now on (a new busy period starts with the next chunk).
  void set_rate(sim::BytesPerSecond rate);

 private:
  sim::Engine& engine_;
  FixedRateChannelConfig config_;
  sim::Time epoch_ = sim::Time::zero();  // start of the current busy period
  double epoch_bytes_ = 0;               // bytes queued since epoch_
  sim::Time busy_until_ = sim::Time::zero();
  sim::Lifeline lifeline_;
};

}  // namespace models::precopy
