// sim::EventQueue: pending events ordered by (time, insertion sequence) — equal times run FIFO,
// which is the determinism contract. A calendar queue (R. Brown, CACM 1988): a ring of buckets,
// each 2^k ns wide, each a doubly linked list of events sorted by (time, sequence). The ring is
// resized and the width re-estimated from the pending events whenever their number doubles or
// halves, so that a bucket holds about one event of the current "year": push, pop and cancel are
// O(1) on average — the engine's hot path, inline here. The newest event is linked one push late
// (see push). A far-future event is found by a direct search when a whole year turns up empty.
// Events live in one-cache-line slots reused through an intrusive LIFO free list, so memory is
// proportional to the events pending. Used by sim::Engine; models go through the Engine.
#pragma once

#include <cstdint>
#include <vector>

#include "sim/check.hpp"
#include "sim/handler.hpp"
#include "sim/time.hpp"

namespace sim {

// Names one scheduled event. A default-constructed id names nothing.
struct EventId {
  static constexpr std::uint64_t kNone = ~std::uint64_t{0};
  std::uint32_t slot = 0;
  std::uint64_t seq = kNone;  // the insertion sequence number of the event it names
  bool valid() const { return seq != kNone; }
  friend bool operator==(const EventId&, const EventId&) = default;
};

class EventQueue {
 public:
  EventId push(Time at, Handler&& handler) {
    return place(at, [&handler](Handler& in_slot) { in_slot.adopt(handler); });
  }
  // The same with the handler built from `f` in its slot (no copy of it on the way).
  template <class F>
  EventId emplace(Time at, F&& f) {
    return place(at, [&f](Handler& in_slot) { in_slot.emplace(std::forward<F>(f)); });
  }
  // Removes a pending event; false if it already fired, was cancelled, or never existed.
  bool cancel(EventId id);
  bool is_pending(EventId id) const {
    return id.valid() && id.slot < slots_.size() && slots_[id.slot].seq == id.seq;
  }

  bool empty() const { return live_ == 0; }
  std::size_t size() const { return live_; }
  // Time of the earliest pending event; precondition: !empty().
  Time top_time() { return Time::from_ns(static_cast<std::int64_t>(slots_[earliest()].time)); }
  // Removes the earliest pending event and returns its handler; precondition: !empty().
  Handler pop() {
    Time at;
    return pop(at);
  }
  // The same, and sets `at` to the event's time.
  Handler pop(Time& at) {
    const std::uint32_t s = earliest();
    Slot& slot = slots_[s];
    Bucket& b = buckets_[current_];
    // The head of its bucket: unlinking needs no neighbour before it.
    const std::uint32_t n = slot.next;
    b.head = n;
    (n == kNil ? b.tail : slots_[n].prev) = kNil;
    at = Time::from_ns(static_cast<std::int64_t>(slot.time));
    Handler h;
    h.adopt(slot.handler);
    slot.seq = EventId::kNone;
    slot.next = free_head_;
    free_head_ = s;
    --live_;
    if (live_ < shrink_below_) rebuild(buckets_.size() / 2);
    return h;
  }

 private:
  static constexpr std::uint32_t kNil = UINT32_MAX;
  static constexpr std::size_t kMinBuckets = 16;
  // One cache line: the keys and links that the queue walks, then the handler it moves once.
  struct alignas(64) Slot {
    std::uint64_t time = 0;              // ns since start
    std::uint64_t seq = EventId::kNone;  // kNone while the slot is free
    std::uint32_t prev = kNil;           // neighbours in the bucket list (next: in the free list)
    std::uint32_t next = kNil;
    Handler handler;
  };
  // The tail's time is kept beside the links: most new events go last in their bucket, and then
  // linking one compares with it here instead of loading the tail's slot first (in PHOLD that
  // load missed the cache and the branch on it was the queue's most expensive instruction).
  struct Bucket {
    std::uint32_t head = kNil;
    std::uint32_t tail = kNil;
    std::uint64_t tail_time = 0;  // slots_[tail].time when tail != kNil
  };
  // Takes a free slot, lets `fill` put the handler in it, stamps the event and stages it.
  template <class Fill>
  EventId place(Time at, Fill&& fill) {
    SIM_CHECK(at.ns() >= 0, "event-queue", "event before the start of time");
    const std::uint32_t s = free_head_ != kNil ? free_head_ : grow();
    Slot& slot = slots_[s];
    free_head_ = slot.next;
    fill(slot.handler);
    const std::uint64_t seq = next_seq_++;
    slot.time = static_cast<std::uint64_t>(at.ns());
    slot.seq = seq;
    // The newest event waits in staged_ and is linked one push later, so that the branches of the
    // bucket walk compare times computed long before (a time fresh from a logarithm would make
    // every mispredicted walk step wait for it).
    if (staged_ != kNil) link(staged_);
    staged_ = s;
    if (++live_ > grow_above_) rebuild(2 * buckets_.size());
    return EventId{s, seq};
  }
  bool before(std::uint32_t a, std::uint32_t b) const {
    return slots_[a].time < slots_[b].time || (slots_[a].time == slots_[b].time && slots_[a].seq < slots_[b].seq);
  }
  std::size_t bucket_of(std::uint64_t time) const {
    return static_cast<std::size_t>(time >> width_shift_) & bucket_mask_;
  }
  // Links s, the newest linked event, into its bucket (and moves the scan back to it if it is
  // earlier than the scan window: every linked event stays at or after the window's start). Its
  // sequence number is larger than that of every linked event, so its place is after every event
  // of its bucket at the same or an earlier time: walking back from the tail compares times only.
  void link(std::uint32_t s) {
    Slot& slot = slots_[s];
    const std::uint64_t time = slot.time;
    if (time < bucket_end_ - width_) [[unlikely]]
      set_window(time);
    Bucket& b = buckets_[bucket_of(time)];
    if (b.tail == kNil || b.tail_time <= time) [[likely]] {
      slot.prev = b.tail;
      slot.next = kNil;
      (b.tail == kNil ? b.head : slots_[b.tail].next) = s;
      b.tail = s;
      b.tail_time = time;
      return;
    }
    std::uint32_t after = slots_[b.tail].prev;
    while (after != kNil && slots_[after].time > time) after = slots_[after].prev;
    slot.prev = after;
    if (after == kNil) {
      slot.next = b.head;
      b.head = s;
    } else {
      slot.next = slots_[after].next;
      slots_[after].next = s;
    }
    slots_[slot.next].prev = s;  // not the tail: the tail is later than s
  }
  // Points current_ at the bucket whose head is the earliest linked event and returns its slot.
  std::uint32_t settle() {
    const std::uint32_t h = buckets_[current_].head;
    if (h != kNil && slots_[h].time < bucket_end_) [[likely]]
      return h;
    return advance();
  }
  // The earliest pending event, linked (the staged one is linked first if it is the earliest or
  // the only one; on equal times the linked one is earlier, its sequence number being smaller).
  std::uint32_t earliest() {
    if (live_ == 1 && staged_ != kNil) [[unlikely]]
      link_staged();
    const std::uint32_t h = settle();
    if (staged_ == kNil || slots_[staged_].time >= slots_[h].time) [[likely]]
      return h;
    link_staged();
    return settle();
  }
  void link_staged() {
    link(staged_);
    staged_ = kNil;
  }
  std::uint32_t advance();
  std::uint32_t grow();
  void unlink(std::uint32_t s);  // from its bucket
  void rebuild(std::size_t bucket_count);
  void set_window(std::uint64_t time) {
    current_ = bucket_of(time);
    bucket_end_ = ((time >> width_shift_) + 1) << width_shift_;
  }

  std::vector<Slot> slots_;
  std::vector<Bucket> buckets_ = std::vector<Bucket>(kMinBuckets);
  // Derived from buckets_.size() and width_shift_, kept for the hot paths.
  std::size_t bucket_mask_ = kMinBuckets - 1;
  std::size_t grow_above_ = 2 * kMinBuckets;  // rebuild with twice the buckets above this many events
  std::size_t shrink_below_ = 0;              // and with half below this many (never under kMinBuckets)
  std::uint64_t width_ = std::uint64_t{1} << 20;
  std::uint32_t free_head_ = kNil;                      // LIFO list of free slots through Slot::next
  std::uint32_t staged_ = kNil;                         // pending, not yet linked (see push)
  int width_shift_ = 20;                                // bucket width = 2^width_shift_ ns
  std::size_t current_ = 0;                             // bucket of the scan position
  std::uint64_t bucket_end_ = std::uint64_t{1} << 20;  // end of current_'s window in this year
  std::size_t live_ = 0;
  std::uint64_t next_seq_ = 0;
};

}  // namespace sim
