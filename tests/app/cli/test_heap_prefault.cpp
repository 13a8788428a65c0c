#include <doctest/doctest.h>
#include <sys/mman.h>
#include <unistd.h>

#include <chrono>
#include <cstdint>
#include <cstdlib>
#include <thread>
#include <vector>

#include "app/cli/heap_prefault.hpp"

namespace {

// Pages of [from, to) not resident, by mincore (the range must be mapped).
std::size_t missing_pages(char* from, char* to) {
  const auto page = static_cast<std::uintptr_t>(::sysconf(_SC_PAGESIZE));
  const std::uintptr_t begin = (reinterpret_cast<std::uintptr_t>(from) + page - 1) & ~(page - 1);
  const std::uintptr_t end = reinterpret_cast<std::uintptr_t>(to) & ~(page - 1);
  if (end <= begin) return 0;
  std::vector<unsigned char> resident((end - begin) / page);
  REQUIRE(::mincore(reinterpret_cast<void*>(begin), end - begin, resident.data()) == 0);
  std::size_t missing = 0;
  for (const unsigned char r : resident) missing += (r & 1) == 0;
  return missing;
}

}  // namespace

TEST_CASE("heap prefault: a new stretch of heap is faulted in before anyone touches it") {
  const app::cli::HeapPrefault prefault;
  if (!prefault.active()) {
    MESSAGE("heap prefault is off in this build or environment (sanitizers, valgrind, LPMSIM_PREFAULT=0)");
    return;
  }
  char* const before = static_cast<char*>(::sbrk(0));
  // Larger than any free space the heap has yet, below the mmap threshold: the heap grows, by the
  // request and the top pad. Nothing here touches it.
  void* const block = std::malloc(std::size_t{8} << 20);
  REQUIRE(block != nullptr);
  char* const after = static_cast<char*>(::sbrk(0));
  REQUIRE(after - before >= static_cast<std::ptrdiff_t>(app::cli::HeapPrefault::kMinTopPad));
  // The pad beyond the block: untouched by this thread, resident once the watcher has been by.
  char* const pad = static_cast<char*>(block) + (std::size_t{8} << 20);
  std::size_t missing = missing_pages(pad, after);
  for (int i = 0; i < 500 && missing > 0; ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
    missing = missing_pages(pad, after);
  }
  CHECK(missing == 0);
  std::free(block);
}

TEST_CASE("heap prefault: LPMSIM_PREFAULT=0 turns it off") {
  ::setenv("LPMSIM_PREFAULT", "0", 1);
  {
    const app::cli::HeapPrefault prefault;
    CHECK_FALSE(prefault.active());
  }
  ::unsetenv("LPMSIM_PREFAULT");
}
