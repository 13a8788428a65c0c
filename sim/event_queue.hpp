// sim::EventQueue: pending events ordered by (time, insertion sequence) — equal times run FIFO,
// which is the determinism contract. A calendar queue (R. Brown, CACM 1988): a ring of buckets,
// each 2^k ns wide, each a doubly linked list of events sorted by (time, sequence). The ring is
// resized and the width re-estimated from the pending events whenever their number doubles or
// halves, so that a bucket holds about one event of the current "year": push, pop and cancel are
// O(1) on average — the engine's hot path. A far-future event is found by a direct search when a
// whole year turns up empty. Events live in a slot array reused through a free list, so memory is
// proportional to the events pending. Used by sim::Engine; models go through the Engine.
#pragma once

#include <cstdint>
#include <vector>

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
  EventId push(Time at, Handler&& handler);
  // Removes a pending event; false if it already fired, was cancelled, or never existed.
  bool cancel(EventId id);
  bool is_pending(EventId id) const {
    return id.valid() && id.slot < slots_.size() && slots_[id.slot].seq == id.seq;
  }

  bool empty() const { return live_ == 0; }
  std::size_t size() const { return live_; }
  // Time of the earliest pending event; precondition: !empty().
  Time top_time() {
    settle();
    return Time::from_ns(static_cast<std::int64_t>(slots_[heads_[current_]].time));
  }
  // Removes the earliest pending event and returns its handler; precondition: !empty().
  Handler pop();

 private:
  static constexpr std::uint32_t kNil = UINT32_MAX;
  static constexpr std::size_t kMinBuckets = 16;
  struct Slot {
    Handler handler;
    std::uint64_t time = 0;              // ns since start
    std::uint64_t seq = EventId::kNone;  // kNone while the slot is free
    std::uint32_t prev = kNil;           // neighbours in the bucket list
    std::uint32_t next = kNil;
  };
  bool before(std::uint32_t a, std::uint32_t b) const {
    return slots_[a].time < slots_[b].time || (slots_[a].time == slots_[b].time && slots_[a].seq < slots_[b].seq);
  }
  std::size_t bucket_of(std::uint64_t time) const { return static_cast<std::size_t>(time >> width_shift_) & (heads_.size() - 1); }
  void link(std::uint32_t s);    // into its bucket, in order
  void unlink(std::uint32_t s);  // from its bucket
  void free_slot(std::uint32_t s);
  void settle();  // points current_ at the bucket whose head is the earliest event
  void rebuild(std::size_t bucket_count);
  void set_window(std::uint64_t time);

  std::vector<Slot> slots_;
  std::vector<std::uint32_t> free_slots_;
  std::vector<std::uint32_t> heads_ = std::vector<std::uint32_t>(kMinBuckets, kNil);
  std::vector<std::uint32_t> tails_ = std::vector<std::uint32_t>(kMinBuckets, kNil);
  int width_shift_ = 20;                                // bucket width = 2^width_shift_ ns
  std::size_t current_ = 0;                             // bucket of the scan position
  std::uint64_t bucket_end_ = std::uint64_t{1} << 20;  // end of current_'s window in this year
  bool settled_ = false;                                // heads_[current_] is the earliest event
  std::size_t live_ = 0;
  std::uint64_t next_seq_ = 0;
};

}  // namespace sim
