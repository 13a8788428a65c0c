#include "sim/event_queue.hpp"

#include <algorithm>
#include <bit>

#include "sim/check.hpp"

namespace sim {

namespace {
constexpr std::size_t kWidthSample = 64;  // earliest events used to estimate the bucket width
}  // namespace

EventId EventQueue::push(Time at, Handler&& handler) {
  SIM_CHECK(at.ns() >= 0, "event-queue", "event before the start of time");
  std::uint32_t s;
  if (!free_slots_.empty()) {
    s = free_slots_.back();
    free_slots_.pop_back();
  } else {
    SIM_CHECK(slots_.size() < kNil, "event-queue", "too many pending events");
    s = static_cast<std::uint32_t>(slots_.size());
    slots_.emplace_back();
  }
  Slot& slot = slots_[s];
  slot.handler = std::move(handler);
  slot.time = static_cast<std::uint64_t>(at.ns());
  slot.seq = next_seq_++;
  ++live_;
  const std::uint64_t window_start = bucket_end_ - (std::uint64_t{1} << width_shift_);
  if (slot.time < window_start) {
    // Earlier than the scan position (possible after run_until moved the clock without popping):
    // move the scan back to it, so every pending event stays at or after the window start.
    set_window(slot.time);
  } else if (settled_ && before(s, heads_[current_])) {
    settled_ = slot.time < bucket_end_;  // it becomes the head of current_ when in this window
  }
  link(s);
  if (live_ > 2 * heads_.size()) rebuild(2 * heads_.size());
  return EventId{s, slot.seq};
}

void EventQueue::link(std::uint32_t s) {
  const std::size_t b = bucket_of(slots_[s].time);
  // Walk back from the tail: a new event is usually the latest of its bucket.
  std::uint32_t after = tails_[b];
  while (after != kNil && before(s, after)) after = slots_[after].prev;
  const std::uint32_t following = after == kNil ? heads_[b] : slots_[after].next;
  slots_[s].prev = after;
  slots_[s].next = following;
  (after == kNil ? heads_[b] : slots_[after].next) = s;
  (following == kNil ? tails_[b] : slots_[following].prev) = s;
}

void EventQueue::unlink(std::uint32_t s) {
  const std::size_t b = bucket_of(slots_[s].time);
  const std::uint32_t p = slots_[s].prev;
  const std::uint32_t n = slots_[s].next;
  (p == kNil ? heads_[b] : slots_[p].next) = n;
  (n == kNil ? tails_[b] : slots_[n].prev) = p;
}

void EventQueue::free_slot(std::uint32_t s) {
  slots_[s].handler.reset();
  slots_[s].seq = EventId::kNone;
  free_slots_.push_back(s);
  --live_;
}

bool EventQueue::cancel(EventId id) {
  if (!is_pending(id)) return false;
  if (settled_ && heads_[current_] == id.slot) settled_ = false;
  unlink(id.slot);
  free_slot(id.slot);
  if (heads_.size() > kMinBuckets && 4 * live_ < heads_.size()) rebuild(heads_.size() / 2);
  return true;
}

Handler EventQueue::pop() {
  settle();
  const std::uint32_t s = heads_[current_];
  unlink(s);
  settled_ = false;
  Handler h = std::move(slots_[s].handler);
  free_slot(s);
  if (heads_.size() > kMinBuckets && 4 * live_ < heads_.size()) rebuild(heads_.size() / 2);
  return h;
}

void EventQueue::set_window(std::uint64_t time) {
  current_ = bucket_of(time);
  bucket_end_ = ((time >> width_shift_) + 1) << width_shift_;
  settled_ = false;
}

void EventQueue::settle() {
  if (settled_) return;
  const std::size_t mask = heads_.size() - 1;
  const std::uint64_t width = std::uint64_t{1} << width_shift_;
  for (std::size_t step = 0; step < heads_.size(); ++step) {
    const std::uint32_t h = heads_[current_];
    if (h != kNil && slots_[h].time < bucket_end_) {
      settled_ = true;
      return;
    }
    current_ = (current_ + 1) & mask;
    bucket_end_ += width;
  }
  // A whole year without an event: jump straight to the earliest one.
  std::uint32_t earliest = kNil;
  for (const std::uint32_t h : heads_) {
    if (h != kNil && (earliest == kNil || before(h, earliest))) earliest = h;
  }
  SIM_CHECK(earliest != kNil, "event-queue", "no pending entry although live events remain");
  set_window(slots_[earliest].time);
  settled_ = true;
}

// Re-spreads the pending events over `bucket_count` buckets with a width of about three average
// separations of the earliest events (Brown's rule).
void EventQueue::rebuild(std::size_t bucket_count) {
  std::vector<std::uint32_t> pending;
  pending.reserve(live_);
  for (std::uint32_t s = 0; s < slots_.size(); ++s) {
    if (slots_[s].seq != EventId::kNone) pending.push_back(s);
  }
  std::sort(pending.begin(), pending.end(), [this](std::uint32_t a, std::uint32_t b) { return before(a, b); });
  if (pending.size() >= 2) {
    const std::size_t k = std::min(pending.size(), kWidthSample);
    const std::uint64_t separation = (slots_[pending[k - 1]].time - slots_[pending[0]].time) / (k - 1);
    if (separation > 0) width_shift_ = std::clamp(static_cast<int>(std::bit_width(3 * separation)) - 1, 0, 62);
  }
  heads_.assign(bucket_count, kNil);
  tails_.assign(bucket_count, kNil);
  for (const std::uint32_t s : pending) {  // in order, so appending keeps every list sorted
    const std::size_t b = bucket_of(slots_[s].time);
    slots_[s].prev = tails_[b];
    slots_[s].next = kNil;
    (tails_[b] == kNil ? heads_[b] : slots_[tails_[b]].next) = s;
    tails_[b] = s;
  }
  set_window(pending.empty() ? bucket_end_ - (std::uint64_t{1} << width_shift_) : slots_[pending[0]].time);
}

}  // namespace sim
