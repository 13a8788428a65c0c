// sim::EventQueue: pending events ordered by (time, insertion sequence) — equal times run FIFO,
// which is the determinism contract. An indexed 4-ary heap: cancellation removes the entry at
// once (O(log n)), so memory stays proportional to the events actually pending.
// Used by sim::Engine; models go through the Engine, not this class.
#pragma once

#include <cstdint>
#include <functional>
#include <vector>

#include "sim/time.hpp"

namespace sim {

using Handler = std::function<void()>;

// Names one scheduled event. A default-constructed id names nothing.
struct EventId {
  std::uint32_t slot = 0;
  std::uint32_t generation = 0;  // 0 = invalid; bumped each time the slot is reused
  bool valid() const { return generation != 0; }
  friend bool operator==(const EventId&, const EventId&) = default;
};

class EventQueue {
 public:
  EventId push(Time at, Handler handler);
  // Removes a pending event; false if it already fired, was cancelled, or never existed.
  bool cancel(EventId id);
  bool is_pending(EventId id) const;

  bool empty() const { return heap_.empty(); }
  std::size_t size() const { return heap_.size(); }
  Time top_time() const { return Time::from_ns(heap_.front().time); }
  // Removes the earliest event and returns its handler; precondition: !empty().
  Handler pop();

 private:
  struct Entry {
    std::int64_t time;
    std::uint64_t seq;
    std::uint32_t slot;
  };
  struct Slot {
    Handler handler;
    std::uint32_t generation = 0;
  };
  static bool before(const Entry& a, const Entry& b) {
    return a.time < b.time || (a.time == b.time && a.seq < b.seq);
  }
  void place(std::size_t index, const Entry& e) {
    heap_[index] = e;
    position_[e.slot] = static_cast<std::uint32_t>(index);
  }
  void sift_up(std::size_t index, Entry e);
  void sift_down(std::size_t index, Entry e);
  void remove_at(std::size_t index);
  void release(std::uint32_t slot);

  std::vector<Entry> heap_;
  std::vector<Slot> slots_;
  std::vector<std::uint32_t> position_;  // slot -> heap index, kept beside slots_ for cache
  std::vector<std::uint32_t> free_slots_;
  std::uint64_t next_seq_ = 0;
};

}  // namespace sim
