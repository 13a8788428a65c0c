// IdTable: open entries of an id sequence, found in O(1) at stable addresses, reused once erased,
// walked in id order; the ring of indices shrinks from the front as the oldest ids end.
#include <doctest/doctest.h>

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "models/network/id_table.hpp"
#include "sim/check.hpp"

using models::network::IdTable;

namespace {
struct Entry {
  std::string name;
  std::unique_ptr<int> owned;  // move-only values, like a flow's callback
};

std::vector<std::uint64_t> ids_of(const IdTable<Entry>& t) {
  std::vector<std::uint64_t> ids;
  t.for_each([&](std::uint64_t id, const Entry&) { ids.push_back(id); });
  return ids;
}
}  // namespace

TEST_CASE("IdTable: find, erase out of order, reuse, id order") {
  IdTable<Entry> t;
  for (std::uint64_t id = 1; id <= 4; ++id) {
    std::string name(1, 'e');  // not "e" + to_string(id): GCC 12 sees a false -Wrestrict in it once inlined
    name += std::to_string(id);
    t.insert(id, Entry{name, std::make_unique<int>(static_cast<int>(id))});
  }
  CHECK(t.size() == 4);
  Entry* third = t.find(3);
  REQUIRE(third != nullptr);
  CHECK(third->name == "e3");

  const Entry second = t.erase(2);  // the value comes out whole
  CHECK(second.name == "e2");
  CHECK(*second.owned == 2);
  CHECK_FALSE(t.contains(2));
  CHECK(t.find(0) == nullptr);
  CHECK(t.find(99) == nullptr);
  CHECK(ids_of(t) == std::vector<std::uint64_t>{1, 3, 4});

  t.insert(5, Entry{"e5", nullptr});  // reuses entry 2's storage …
  CHECK(t.find(3) == third);          // … and moves no other entry
  CHECK(t.find(5)->name == "e5");
  CHECK(ids_of(t) == std::vector<std::uint64_t>{1, 3, 4, 5});

  t.erase(1);  // the oldest ends: 2 was already gone, so the ring starts at 3
  CHECK(ids_of(t) == std::vector<std::uint64_t>{3, 4, 5});
  CHECK(t.find(1) == nullptr);
  CHECK(t.find(3) == third);
  CHECK(t.size() == 3);
  for (const std::uint64_t id : {3, 4, 5}) t.erase(id);
  CHECK(t.size() == 0);
  CHECK(ids_of(t).empty());
  t.insert(6, Entry{"e6", nullptr});  // the sequence goes on after the table emptied
  CHECK(t.find(6)->name == "e6");
}

TEST_CASE("IdTable: ids out of sequence and unknown ids are refused") {
  IdTable<Entry> t;
  CHECK_THROWS_AS(t.insert(2, Entry{}), sim::CheckFailed);
  t.insert(1, Entry{});
  CHECK_THROWS_AS(t.insert(1, Entry{}), sim::CheckFailed);
  CHECK_THROWS_AS(t.erase(7), sim::CheckFailed);
  t.erase(1);
  CHECK_THROWS_AS(t.erase(1), sim::CheckFailed);
}

TEST_CASE("IdTable: many entries across storage chunks keep their addresses; prefetch of any id is harmless") {
  IdTable<Entry> t;
  std::vector<const Entry*> address;
  constexpr std::uint64_t kMany = 1000;  // several chunks of 256
  for (std::uint64_t id = 1; id <= kMany; ++id) {
    address.push_back(&t.insert(id, Entry{std::to_string(id), std::make_unique<int>(static_cast<int>(id))}));
  }
  for (std::uint64_t id = 1; id <= kMany; ++id) {
    REQUIRE(t.find(id) == address[id - 1]);
    CHECK(*t.find(id)->owned == static_cast<int>(id));
  }
  for (std::uint64_t id = 1; id <= kMany; id += 2) t.erase(id);  // every odd one ends
  for (std::uint64_t id = kMany + 1; id <= kMany + 500; ++id) t.insert(id, Entry{std::to_string(id), nullptr});
  CHECK(t.size() == kMany);  // 500 even survivors and 500 new entries in the freed storage
  for (std::uint64_t id = 2; id <= kMany; id += 2) CHECK(t.find(id) == address[id - 1]);
  CHECK(t.find(kMany + 500)->name == std::to_string(kMany + 500));
  for (const std::uint64_t id : {std::uint64_t{0}, std::uint64_t{1}, kMany + 501, ~std::uint64_t{0}}) t.prefetch(id);
  std::uint64_t walked = 0;
  std::uint64_t last = 0;
  t.for_each([&](std::uint64_t id, const Entry&) {
    CHECK(id > last);
    last = id;
    ++walked;
  });
  CHECK(walked == kMany);
}
