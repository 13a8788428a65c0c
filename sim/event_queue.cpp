#include "sim/event_queue.hpp"

#include <algorithm>
#include <bit>

namespace sim {

namespace {
constexpr std::size_t kWidthSample = 64;  // earliest events used to estimate the bucket width
}  // namespace

std::uint32_t EventQueue::grow() {
  SIM_CHECK(slots_.size() < kNil, "event-queue", "too many pending events");
  const auto s = static_cast<std::uint32_t>(slots_.size());
  slots_.emplace_back();  // next = kNil: the free list stays empty once it is taken
  return s;
}

void EventQueue::unlink(std::uint32_t s) {
  Bucket& b = buckets_[bucket_of(slots_[s].time)];
  const std::uint32_t p = slots_[s].prev;
  const std::uint32_t n = slots_[s].next;
  (p == kNil ? b.head : slots_[p].next) = n;
  if (n == kNil) {
    b.tail = p;
    if (p != kNil) b.tail_time = slots_[p].time;
  } else {
    slots_[n].prev = p;
  }
}

bool EventQueue::cancel(EventId id) {
  if (!is_pending(id)) return false;
  if (id.slot == staged_) staged_ = kNil;
  else unlink(id.slot);
  Slot& slot = slots_[id.slot];
  slot.handler.reset();
  slot.seq = EventId::kNone;
  slot.next = free_head_;
  free_head_ = id.slot;
  --live_;
  if (live_ < shrink_below_) rebuild(buckets_.size() / 2);
  return true;
}

// The head of current_ is not in this year's window: scan on, bucket by bucket, for at most one
// year; if the whole year is empty, jump straight to the earliest event.
std::uint32_t EventQueue::advance() {
  for (std::size_t step = 1; step < buckets_.size(); ++step) {
    current_ = (current_ + 1) & bucket_mask_;
    bucket_end_ += width_;
    const std::uint32_t h = buckets_[current_].head;
    if (h != kNil && slots_[h].time < bucket_end_) return h;
  }
  std::uint32_t earliest = kNil;
  for (const Bucket& b : buckets_) {
    if (b.head != kNil && (earliest == kNil || before(b.head, earliest))) earliest = b.head;
  }
  SIM_CHECK(earliest != kNil, "event-queue", "no pending entry although live events remain");
  set_window(slots_[earliest].time);
  return earliest;
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
  buckets_.assign(bucket_count, Bucket{});
  bucket_mask_ = bucket_count - 1;
  grow_above_ = 2 * bucket_count;
  shrink_below_ = bucket_count > kMinBuckets ? bucket_count / 4 : 0;
  width_ = std::uint64_t{1} << width_shift_;
  staged_ = kNil;  // linked below with the others
  for (const std::uint32_t s : pending) {  // in order, so appending keeps every list sorted
    Bucket& b = buckets_[bucket_of(slots_[s].time)];
    slots_[s].prev = b.tail;
    slots_[s].next = kNil;
    (b.tail == kNil ? b.head : slots_[b.tail].next) = s;
    b.tail = s;
    b.tail_time = slots_[s].time;
  }
  set_window(pending.empty() ? bucket_end_ - width_ : slots_[pending[0]].time);
}

}  // namespace sim
