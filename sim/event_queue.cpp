#include "sim/event_queue.hpp"

#include "sim/check.hpp"

namespace sim {

namespace {
constexpr std::size_t kArity = 4;
constexpr std::uint32_t kNotQueued = UINT32_MAX;
}  // namespace

EventId EventQueue::push(Time at, Handler handler) {
  std::uint32_t slot;
  if (!free_slots_.empty()) {
    slot = free_slots_.back();
    free_slots_.pop_back();
  } else {
    SIM_CHECK(slots_.size() < kNotQueued, "event-queue", "too many pending events");
    slot = static_cast<std::uint32_t>(slots_.size());
    slots_.emplace_back();
    position_.push_back(kNotQueued);
  }
  Slot& s = slots_[slot];
  s.handler = std::move(handler);
  if (++s.generation == 0) s.generation = 1;
  heap_.push_back({});
  sift_up(heap_.size() - 1, Entry{at.ns(), next_seq_++, slot});
  return EventId{slot, s.generation};
}

bool EventQueue::is_pending(EventId id) const {
  return id.valid() && id.slot < slots_.size() && slots_[id.slot].generation == id.generation &&
         position_[id.slot] != kNotQueued;
}

bool EventQueue::cancel(EventId id) {
  if (!is_pending(id)) return false;
  const std::uint32_t slot = id.slot;
  remove_at(position_[slot]);
  release(slot);
  return true;
}

Handler EventQueue::pop() {
  const std::uint32_t slot = heap_.front().slot;
  remove_at(0);
  Handler h = std::move(slots_[slot].handler);
  release(slot);
  return h;
}

void EventQueue::release(std::uint32_t slot) {
  slots_[slot].handler = nullptr;
  position_[slot] = kNotQueued;
  free_slots_.push_back(slot);
}

void EventQueue::remove_at(std::size_t index) {
  const Entry last = heap_.back();
  heap_.pop_back();
  if (index == heap_.size()) return;
  // The moved entry may need to go either way when removing from the middle.
  if (index > 0 && before(last, heap_[(index - 1) / kArity])) {
    sift_up(index, last);
  } else {
    sift_down(index, last);
  }
}

void EventQueue::sift_up(std::size_t index, Entry e) {
  while (index > 0) {
    const std::size_t parent = (index - 1) / kArity;
    if (!before(e, heap_[parent])) break;
    place(index, heap_[parent]);
    index = parent;
  }
  place(index, e);
}

void EventQueue::sift_down(std::size_t index, Entry e) {
  const std::size_t n = heap_.size();
  for (;;) {
    const std::size_t first = index * kArity + 1;
    if (first >= n) break;
    std::size_t best = first;
    const std::size_t end = first + kArity < n ? first + kArity : n;
    for (std::size_t c = first + 1; c < end; ++c) {
      if (before(heap_[c], heap_[best])) best = c;
    }
    if (!before(heap_[best], e)) break;
    place(index, heap_[best]);
    index = best;
  }
  place(index, e);
}

}  // namespace sim
