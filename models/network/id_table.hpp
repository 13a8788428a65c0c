// models::network::IdTable<T>: the open entries of a sequence numbered 1, 2, 3, … (FlowNetwork's
// flows), found by id in O(1) and kept at stable addresses, without an allocation per entry.
// Entries live in fixed chunks of kChunk (addresses survive insertion) and are reused once
// erased; a ring of indices covers the ids from the oldest open one to the newest, so its length
// is the span of ids in flight, not the number ever issued. Iteration is in id order.
// Replaces a std::map<id, Flow>: a node allocation and a tree walk per flow, 2 of the 8 mallocs
// per chunk of a data-centre run (issue 18). Chunks of 256 rather than a std::deque: libstdc++'s
// deque keeps 512 bytes per block, 3 flows, so reaching a flow read a block pointer that was a
// cache miss of its own at 100 000 LPARs; 256 entries per chunk keep the chunk table in cache.
//   IdTable<Flow> t;  t.insert(1, Flow{…});  t.find(1)->rate = …;  Flow f = t.erase(1);
#pragma once

#include <cstdint>
#include <deque>
#include <limits>
#include <memory>
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
      entry = static_cast<std::uint32_t>(entry_count_++);
      if (entry % kChunk == 0) chunks_.push_back(std::make_unique<T[]>(kChunk));
    } else {
      entry = free_.back();
      free_.pop_back();
    }
    at(entry) = std::move(value);
    index_of_.push_back(entry);
    return at(entry);
  }

  T* find(std::uint64_t id) {
    if (id < first_id_ || id - first_id_ >= index_of_.size()) return nullptr;
    const std::uint32_t entry = index_of_[id - first_id_];
    return entry == kNone ? nullptr : &at(entry);
  }
  const T* find(std::uint64_t id) const { return const_cast<IdTable*>(this)->find(id); }
  bool contains(std::uint64_t id) const { return find(id) != nullptr; }

  // Asks for an open entry's memory (all its cache lines) ahead of its use; nothing if `id` is not
  // open. For loops over entries scattered by reuse, so that their misses overlap.
  // Always inlined: GCC 12 finds an out-of-line call without side effects and deletes it, prefetch
  // and all (seen: the call vanished from FlowNetwork::on_connected).
  [[gnu::always_inline]] void prefetch(std::uint64_t id) const {
    if (const T* value = find(id)) {
      const char* p = reinterpret_cast<const char*>(value);
      for (std::size_t line = 0; line < sizeof(T); line += 64) __builtin_prefetch(p + line);
    }
  }

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

  std::size_t size() const { return entry_count_ - free_.size(); }

  // f(id, T&) for every open entry, ascending id.
  template <typename F>
  void for_each(F&& f) {
    for (std::size_t i = 0; i < index_of_.size(); ++i) {
      if (index_of_[i] != kNone) f(first_id_ + i, at(index_of_[i]));
    }
  }
  template <typename F>
  void for_each(F&& f) const {
    const_cast<IdTable*>(this)->for_each([&f](std::uint64_t id, const T& value) { f(id, value); });
  }

 private:
  static constexpr std::uint32_t kNone = std::numeric_limits<std::uint32_t>::max();
  static constexpr std::size_t kChunk = 256;
  T& at(std::uint32_t entry) { return chunks_[entry / kChunk][entry % kChunk]; }

  std::vector<std::unique_ptr<T[]>> chunks_;  // kChunk entries each, never moved
  std::size_t entry_count_ = 0;               // entries ever made (free or open)
  std::vector<std::uint32_t> free_;
  std::deque<std::uint32_t> index_of_;  // id - first_id_ → entry, kNone once erased
  std::uint64_t first_id_ = 1;
};

}  // namespace models::network
