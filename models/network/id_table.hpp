// models::network::IdTable<T>: the open entries of a sequence numbered 1, 2, 3, … (FlowNetwork's
// flows), found by id in O(1) and kept at stable addresses, without an allocation per entry.
// Entries live in a std::deque (addresses survive insertion) and are reused once erased; a ring of
// indices covers the ids from the oldest open one to the newest, so its length is the span of
// ids in flight, not the number ever issued. Iteration is in id order.
// Replaces a std::map<id, Flow>: a node allocation and a tree walk per flow, 2 of the 8 mallocs
// per chunk of a data-centre run (issue 18).
//   IdTable<Flow> t;  t.insert(1, Flow{…});  t.find(1)->rate = …;  Flow f = t.erase(1);
#pragma once

#include <cstdint>
#include <deque>
#include <limits>
#include <utility>
#include <vector>

#include "sim/check.hpp"

namespace models::network {

template <typename T>
class IdTable {
 public:
  // `id` must be the next of the sequence: 1 for the first insertion, then one more each time.
  T& insert(std::uint64_t id, T value) {
    SIM_CHECK(id == first_id_ + index_of_.size(), "network/id-table", "ids must be inserted in sequence");
    std::uint32_t entry;
    if (free_.empty()) {
      entry = static_cast<std::uint32_t>(entries_.size());
      entries_.push_back(std::move(value));
    } else {
      entry = free_.back();
      free_.pop_back();
      entries_[entry] = std::move(value);
    }
    index_of_.push_back(entry);
    return entries_[entry];
  }

  T* find(std::uint64_t id) {
    if (id < first_id_ || id - first_id_ >= index_of_.size()) return nullptr;
    const std::uint32_t entry = index_of_[id - first_id_];
    return entry == kNone ? nullptr : &entries_[entry];
  }
  const T* find(std::uint64_t id) const { return const_cast<IdTable*>(this)->find(id); }
  bool contains(std::uint64_t id) const { return find(id) != nullptr; }

  // Removes an open entry and returns its value; the entry is reused by a later insert.
  T erase(std::uint64_t id) {
    T* value = find(id);
    SIM_CHECK(value != nullptr, "network/id-table", "erasing an id that is not open");
    T out = std::move(*value);
    *value = T{};
    std::uint32_t& slot = index_of_[id - first_id_];
    free_.push_back(slot);
    slot = kNone;
    while (!index_of_.empty() && index_of_.front() == kNone) {  // the oldest ids have ended
      index_of_.pop_front();
      ++first_id_;
    }
    return out;
  }

  std::size_t size() const { return entries_.size() - free_.size(); }

  // f(id, T&) for every open entry, ascending id.
  template <typename F>
  void for_each(F&& f) {
    for (std::size_t i = 0; i < index_of_.size(); ++i) {
      if (index_of_[i] != kNone) f(first_id_ + i, entries_[index_of_[i]]);
    }
  }
  template <typename F>
  void for_each(F&& f) const {
    const_cast<IdTable*>(this)->for_each([&f](std::uint64_t id, const T& value) { f(id, value); });
  }

 private:
  static constexpr std::uint32_t kNone = std::numeric_limits<std::uint32_t>::max();
  std::deque<T> entries_;
  std::vector<std::uint32_t> free_;
  std::deque<std::uint32_t> index_of_;  // id - first_id_ → entry, kNone once erased
  std::uint64_t first_id_ = 1;
};

}  // namespace models::network
