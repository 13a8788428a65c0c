#include "models/precopy/fixed_rate_channel.hpp"

#include <utility>

#include "sim/check.hpp"

namespace models::precopy {

FixedRateChannel::FixedRateChannel(sim::Engine& engine, FixedRateChannelConfig config)
    : engine_(engine), config_(config) {
  SIM_CHECK(config_.rate.value() > 0 && config_.latency >= sim::Duration::zero(), "fixed-rate-channel",
            "rate must be positive and latency non-negative");
}

// Pending completions become no-ops: the callbacks may point into destroyed owners.
FixedRateChannel::~FixedRateChannel() { lifeline_.end(); }

void FixedRateChannel::send(sim::Bytes wire_bytes, ChunkDone on_done) {
  const sim::Time now = engine_.now();
  if (now > busy_until_) {  // idle: a new busy period
    epoch_ = now;
    epoch_bytes_ = 0;
  }
  epoch_bytes_ += wire_bytes.as_double();
  busy_until_ = epoch_ + sim::ceil_seconds(epoch_bytes_ / config_.rate.value());
  engine_.schedule_at(busy_until_ + config_.latency,
                      [alive = lifeline_.watch(), done = std::move(on_done)]() mutable {
                        if (alive.alive()) done(true);
                      });
}

void FixedRateChannel::set_rate(sim::BytesPerSecond rate) {
  SIM_CHECK(rate.value() > 0, "fixed-rate-channel", "rate must be positive");
  config_.rate = rate;
  // What is queued keeps its times; the next chunk starts a period at the end of the queue.
  if (engine_.now() <= busy_until_) {
    epoch_ = busy_until_;
    epoch_bytes_ = 0;
  }
}

}  // namespace models::precopy
