#include <doctest/doctest.h>

#include <stdexcept>
#include <string>

#include "app/report/ordered_blocks.hpp"

using app::report::write_in_blocks;

namespace {
std::string items(std::size_t begin, std::size_t end) {
  std::string text;
  for (std::size_t i = begin; i < end; ++i) text += std::to_string(i) + ",";
  return text;
}
}  // namespace

TEST_CASE("write_in_blocks: the blocks' texts arrive in item order, whatever the threads and sizes") {
  const std::string expected = items(0, 1000);
  for (const unsigned threads : {1U, 2U, 3U, 8U}) {
    for (const std::size_t block : {std::size_t{1}, std::size_t{7}, std::size_t{256}, std::size_t{5000}}) {
      std::string out;
      std::size_t writes = 0;
      write_in_blocks(1000, block, threads, items, [&](std::string_view t) {
        out += t;
        ++writes;
      });
      CAPTURE(threads);
      CAPTURE(block);
      CHECK(out == expected);
      CHECK(writes == (1000 + block - 1) / block);
    }
  }
  std::string none;
  write_in_blocks(0, 16, 4, items, [&](std::string_view t) { none += t; });
  CHECK(none.empty());
}

TEST_CASE("write_in_blocks: an exception in formatting or writing stops the others and reaches the caller") {
  for (const unsigned threads : {1U, 2U, 4U}) {
    CAPTURE(threads);
    CHECK_THROWS_WITH_AS(write_in_blocks(
                             10'000, 10, threads,
                             [](std::size_t begin, std::size_t end) {
                               if (begin == 5000) throw std::runtime_error("format failed");
                               return items(begin, end);
                             },
                             [](std::string_view) {}),
                         "format failed", std::runtime_error);
    std::size_t writes = 0;
    CHECK_THROWS_WITH_AS(write_in_blocks(10'000, 10, threads, items,
                                         [&](std::string_view) {
                                           if (++writes == 3) throw std::runtime_error("disk gone");
                                         }),
                         "disk gone", std::runtime_error);
  }
}
