#include "models/precopy/postcopy_tail.hpp"

#include <algorithm>
#include <cmath>
#include <utility>

#include "sim/check.hpp"

namespace models::precopy {

namespace {
const char* to_string(PostcopyState s) {
  switch (s) {
    case PostcopyState::idle: return "idle";
    case PostcopyState::pushing: return "pushing";
    case PostcopyState::completed: return "completed";
    case PostcopyState::failed: return "failed";
  }
  return "?";
}
}  // namespace

PostcopyTail::PostcopyTail(sim::Engine& engine, std::string component, memory::PageState& pages,
                           ChunkChannel& channel, PostcopyConfig config, sim::Bytes stream_chunk)
    : engine_(engine),
      component_(std::move(component)),
      pages_(pages),
      channel_(channel),
      config_(config),
      chunk_(config.chunk.value_or(stream_chunk)) {
  SIM_CHECK(config_.max_chunks_in_flight >= 1 && config_.touch_factor >= 0, component_, "bad post-copy config");
}

PostcopyTail::~PostcopyTail() { lifeline_.end(); }

void PostcopyTail::start(std::function<void(const PostcopyReport&)> on_complete,
                         std::function<void(const std::string&)> on_failed) {
  SIM_CHECK_AT(engine_.now(), state_ == PostcopyState::idle, component_, "post-copy started twice");
  on_complete_ = std::move(on_complete);
  on_failed_ = std::move(on_failed);
  pages_.advance(engine_.now());
  pages_.begin_postcopy(config_.touch_factor);
  report_.start = engine_.now();
  const double chunk = std::max(1.0, std::floor(chunk_.as_double() /
                                                pages_.memory_config().page_size.as_double()));
  step_pages_ = pages_.fluid() ? std::max(chunk, pages_.pending_pages() * config_.expected_min_step) : chunk;
  engine_.trace("postcopy.state", component_, {{"from", "idle"}, {"to", "pushing"},
                                               {"missing_pages", pages_.pending_pages()}});
  state_ = PostcopyState::pushing;
  pump();
  // Nothing missing: complete from an event, like every other outcome.
  if (in_flight_ == 0)
    engine_.schedule_in(sim::Duration::zero(), [this, alive = lifeline_.watch()] {
      if (alive.alive() && state_ == PostcopyState::pushing) complete();
    });
}

void PostcopyTail::pump() {
  while (state_ == PostcopyState::pushing && in_flight_ < config_.max_chunks_in_flight &&
         pages_.pending_pages() > 0) {
    const memory::Chunk chunk = pages_.take(step_pages_);
    if (chunk.pages <= 0) break;
    ++in_flight_;
    // Pages fetched on demand since the last push ride in this chunk: one MSP stream carries both.
    const auto wire = static_cast<std::int64_t>(std::ceil(pages_.wire_bytes(chunk) + unsent_fault_bytes_));
    unsent_fault_bytes_ = 0;
    channel_.send(sim::Bytes(wire), [this, alive = lifeline_.watch(), chunk](bool ok) {
      if (alive.alive()) on_chunk_done(chunk, ok);
    });
  }
}

void PostcopyTail::account_faults() {
  // Each fault stalls the touching thread for a request round trip plus the page's transfer.
  const double faults = pages_.take_faults();
  if (faults <= 0) return;
  const double rate = channel_.measured_rate().value();
  const double page_time = rate > 0 ? pages_.wire_bytes_per_page() / rate : 0.0;
  report_.demand_faults += faults;
  stall_seconds_ += faults * (channel_.round_trip().seconds() + page_time);
  report_.stall = sim::ceil_seconds(stall_seconds_);
  // The faulted pages cross the same path, under the same caps, as the background push (issue
  // 13): they share the stream's bandwidth instead of arriving for free. The page state already
  // counts them as present; their arrival only frees the stream. They go with the next push
  // chunk (pump), or on their own when no push follows (send_unsent_faults).
  unsent_fault_bytes_ += faults * pages_.wire_bytes_per_page();
}

void PostcopyTail::send_unsent_faults() {
  if (unsent_fault_bytes_ <= 0) return;
  ++in_flight_;
  const auto wire = static_cast<std::int64_t>(std::ceil(unsent_fault_bytes_));
  unsent_fault_bytes_ = 0;
  channel_.send(sim::Bytes(wire), [this, alive = lifeline_.watch()](bool ok) {
    if (!alive.alive()) return;
    --in_flight_;
    if (state_ != PostcopyState::pushing) return;
    if (!ok) {
      fail("post-copy demand fetch failed");
      return;
    }
    pump();
    if (in_flight_ == 0) complete();
  });
}

void PostcopyTail::on_chunk_done(const memory::Chunk& chunk, bool ok) {
  --in_flight_;
  if (state_ != PostcopyState::pushing) return;
  if (!ok) {
    fail("post-copy push failed");
    return;
  }
  pages_.advance(engine_.now());
  account_faults();
  pages_.deliver(chunk);
  report_.pages_pushed += chunk.pages;
  pump();
  send_unsent_faults();
  if (in_flight_ == 0) complete();
}

// A transfer on the stream failed: the tail stops there (the protocol decides what follows).
void PostcopyTail::fail(const char* reason) {
  engine_.trace("postcopy.state", component_, {{"from", "pushing"}, {"to", "failed"}});
  state_ = PostcopyState::failed;
  if (on_failed_) on_failed_(reason);
}

void PostcopyTail::complete() {
  pages_.check_complete();
  report_.end = engine_.now();
  engine_.trace("postcopy.state", component_,
                {{"from", to_string(state_)}, {"to", "completed"}, {"pages_pushed", report_.pages_pushed},
                 {"demand_faults", report_.demand_faults}, {"stall", report_.stall},
                 {"window", report_.window()}});
  state_ = PostcopyState::completed;
  if (on_complete_) on_complete_(report_);
}

}  // namespace models::precopy
