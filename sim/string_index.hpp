// sim::StringIndex<V>: a hashed map from names to V, found by std::string_view without building a
// std::string (C++20 heterogeneous lookup). Models resolve names — systems, VIOSes, network
// nodes — on hot paths; an ordered map compares strings at every level of its tree, which was
// 2 % of a 10 000-LPAR evacuation in memcmp (issue 18). For indexes that are never iterated:
// the order of a hashed map is not the order of insertion.
//   sim::StringIndex<std::size_t> index;  index.emplace("sysA", 0);  index.find(std::string_view("sysA"));
#pragma once

#include <cstddef>
#include <functional>
#include <string>
#include <string_view>
#include <unordered_map>

namespace sim {

struct StringHash {
  using is_transparent = void;
  std::size_t operator()(std::string_view s) const noexcept { return std::hash<std::string_view>{}(s); }
};

template <typename V>
using StringIndex = std::unordered_map<std::string, V, StringHash, std::equal_to<>>;

}  // namespace sim
