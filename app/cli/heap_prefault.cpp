#include "app/cli/heap_prefault.hpp"

#include <malloc.h>
#include <sys/mman.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <chrono>
#include <cstdint>
#include <cstdlib>
#include <cstring>

#include "app/cli/huge_pages.hpp"
#include "app/cli/instrumentation.hpp"

namespace app::cli {

namespace {

#ifndef MADV_POPULATE_WRITE
#define MADV_POPULATE_WRITE 23  // Linux 5.14; older kernels answer EINVAL and the watcher stops
#endif

constexpr std::uintptr_t kHugePage = std::uintptr_t{2} << 20;

bool wanted() {
  if (kSanitizedBuild || under_valgrind()) return false;
  const char* choice = std::getenv("LPMSIM_PREFAULT");
  return choice == nullptr || std::strcmp(choice, "0") != 0;
}

char* heap_end() { return static_cast<char*>(::sbrk(0)); }

// Faults in [from, to) a huge page's worth at a time: a thread that grows the heap meanwhile
// waits for the address space's lock, which each call holds, for one step at most.
bool populate(std::uintptr_t from, std::uintptr_t to, const std::stop_token& stop) {
  for (std::uintptr_t at = from; at < to && !stop.stop_requested();) {
    const std::uintptr_t next = std::min(to, (at & ~(kHugePage - 1)) + kHugePage);
    if (::madvise(reinterpret_cast<void*>(at), next - at, MADV_POPULATE_WRITE) != 0 && errno == EINVAL)
      return false;  // a kernel without MADV_POPULATE_WRITE: the allocating thread faults as before
    at = next;
  }
  return true;
}

// `start`: the heap's end when the watch was asked for; below it, memory in use already.
void watch(const std::stop_token& stop, char* const start, bool huge) {
  const auto page = static_cast<std::uintptr_t>(::sysconf(_SC_PAGESIZE));
  char* done = start;
  std::size_t pad = HeapPrefault::kMinTopPad;
  while (!stop.stop_requested()) {
    char* const end = heap_end();
    if (end < done) done = end;  // trimmed
    if (end > done) {
      const std::uintptr_t from = reinterpret_cast<std::uintptr_t>(done) & ~(page - 1);
      const std::uintptr_t to = reinterpret_cast<std::uintptr_t>(end);
      // glibc asks for huge pages for a new stretch right after growing the heap; faulted in
      // before it asks, the stretch would keep small pages. So the watcher asks first.
      if (huge) {
        const std::uintptr_t aligned = from & ~(kHugePage - 1);
        ::madvise(reinterpret_cast<void*>(aligned), to - aligned, MADV_HUGEPAGE);
      }
      if (!populate(from, to, stop)) return;
      done = end;
      // The pad follows the heap (an eighth of what it grew by, doubling): a small run stays
      // small, a large one grows in long strides.
      const auto grown = static_cast<std::size_t>(end - start);
      if (grown / 8 >= 2 * pad && pad < HeapPrefault::kMaxTopPad) {
        pad = std::min(grown / 8, HeapPrefault::kMaxTopPad);
        ::mallopt(M_TOP_PAD, static_cast<int>(pad));
      }
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(1));
  }
}

}  // namespace

HeapPrefault::HeapPrefault() {
  if (!wanted()) return;
  ::mallopt(M_ARENA_MAX, 1);
  ::mallopt(M_TOP_PAD, static_cast<int>(kMinTopPad));
  ::mallopt(M_TRIM_THRESHOLD, INT32_MAX);
  ::mallopt(M_MMAP_THRESHOLD, 32 << 20);
  watcher_ = std::jthread([done = heap_end(), huge = heap_asks_for_huge_pages()](const std::stop_token& stop) {
    watch(stop, done, huge);
  });
}

HeapPrefault::~HeapPrefault() = default;  // the jthread asks the watcher to stop, then joins it

}  // namespace app::cli
