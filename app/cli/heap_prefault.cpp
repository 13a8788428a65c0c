#include "app/cli/heap_prefault.hpp"

#include <malloc.h>
#include <sys/mman.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <cstdint>
#include <cstdlib>
#include <cstring>

namespace app::cli {

namespace {

#if defined(__SANITIZE_ADDRESS__) || defined(__SANITIZE_THREAD__)
constexpr bool kSanitized = true;
#elif defined(__has_feature)
#if __has_feature(address_sanitizer) || __has_feature(thread_sanitizer)
constexpr bool kSanitized = true;
#else
constexpr bool kSanitized = false;
#endif
#else
constexpr bool kSanitized = false;
#endif

#ifndef MADV_POPULATE_WRITE
#define MADV_POPULATE_WRITE 23  // Linux 5.14; older kernels answer EINVAL and the watcher stops
#endif

constexpr std::uintptr_t kHugePage = std::uintptr_t{2} << 20;

bool wanted() {
  if (kSanitized) return false;
  if (const char* choice = std::getenv("LPMSIM_PREFAULT"); choice != nullptr && std::strcmp(choice, "0") == 0)
    return false;
  const char* preload = std::getenv("LD_PRELOAD");  // valgrind's tools replace the allocator
  return preload == nullptr || std::strstr(preload, "valgrind") == nullptr;
}

// glibc asks for huge pages for each new stretch of heap right after growing it (the
// glibc.malloc.hugetlb tunable, see huge_pages.hpp); faulting the stretch in before it asks would
// give it small pages. So the watcher asks first, in the same case.
bool heap_wants_huge_pages() {
  const char* tunables = std::getenv("GLIBC_TUNABLES");
  return tunables != nullptr && std::strstr(tunables, "glibc.malloc.hugetlb=1") != nullptr;
}

char* heap_end() { return static_cast<char*>(::sbrk(0)); }

// `done`: the heap's end when the watch was asked for; below it, memory in use already.
void watch(const std::stop_token& stop, char* done, bool huge) {
  const auto page = static_cast<std::uintptr_t>(::sysconf(_SC_PAGESIZE));
  while (!stop.stop_requested()) {
    char* const end = heap_end();
    if (end < done) done = end;  // trimmed
    if (end > done) {
      const std::uintptr_t from = reinterpret_cast<std::uintptr_t>(done) & ~(page - 1);
      const std::uintptr_t to = reinterpret_cast<std::uintptr_t>(end);
      if (huge) {
        const std::uintptr_t aligned = from & ~(kHugePage - 1);
        ::madvise(reinterpret_cast<void*>(aligned), to - aligned, MADV_HUGEPAGE);
      }
      if (::madvise(reinterpret_cast<void*>(from), to - from, MADV_POPULATE_WRITE) != 0 && errno == EINVAL)
        return;  // a kernel without MADV_POPULATE_WRITE: the allocating thread faults as before
      done = end;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(1));
  }
}

}  // namespace

HeapPrefault::HeapPrefault() {
  if (!wanted()) return;
  ::mallopt(M_ARENA_MAX, 1);
  ::mallopt(M_TOP_PAD, static_cast<int>(kTopPad));
  ::mallopt(M_TRIM_THRESHOLD, INT32_MAX);
  ::mallopt(M_MMAP_THRESHOLD, 32 << 20);
  watcher_ = std::jthread([done = heap_end(), huge = heap_wants_huge_pages()](const std::stop_token& stop) {
    watch(stop, done, huge);
  });
}

HeapPrefault::~HeapPrefault() = default;  // the jthread asks the watcher to stop, then joins it

}  // namespace app::cli
