// Fresh heap memory faulted in by the second core, ahead of the thread that will use it. The
// first write to a fresh page makes the kernel zero it, on the writing thread: in a 100 000-LPAR
// run that was 8 % of all samples (perf: clear_page_erms under sysmalloc's page faults, 2 MiB huge
// pages on this VM zeroing at 0.4–7 GB/s, varying run to run), 30 % of the load phase, all on the one thread that
// simulates while the other core idled. So, from a HeapPrefault's construction (the allocator
// settings then stay for the process; the watcher stops with the object):
//   - the allocator asks the kernel for more than it needs each time its heap grows (M_TOP_PAD,
//     8–64 MiB), keeps what is freed at the top (M_TRIM_THRESHOLD), and takes blocks up to
//     32 MiB from the heap instead of mapping each alone (M_MMAP_THRESHOLD, glibc's maximum);
//   - a thread watches the heap's end (sbrk(0)) and faults in each new stretch at once
//     (madvise MADV_POPULATE_WRITE: it only maps zeroed pages, never writes to memory in use).
// Every thread then shares one arena (M_ARENA_MAX 1) so that the memory reaches the thread that
// allocates. Results do not depend on where memory lies, so outputs are unchanged. Off in sanitizer
// builds and under valgrind (instrumentation.hpp: their allocators do not use the heap's break)
// and when LPMSIM_PREFAULT=0.
//   { app::cli::HeapPrefault prefault; load(); simulate(); write_report(); }
#pragma once

#include <cstddef>
#include <thread>

namespace app::cli {

class HeapPrefault {
 public:
  // What the heap grows by beyond each request: a stretch the watcher faults in before the
  // simulation reaches it. It starts at kMinTopPad and follows the heap up to kMaxTopPad (an
  // eighth of the growth), so a small run keeps a small footprint; at 100 000 LPARs the load
  // allocates ≤ 150 MB/s, so 64 MiB last ≥ 0.4 s, and the watcher looks every millisecond.
  static constexpr std::size_t kMinTopPad = std::size_t{8} << 20;
  static constexpr std::size_t kMaxTopPad = std::size_t{64} << 20;

  HeapPrefault();
  ~HeapPrefault();  // stops the watcher (memory already faulted in stays)
  HeapPrefault(const HeapPrefault&) = delete;
  HeapPrefault& operator=(const HeapPrefault&) = delete;

  // False when off (sanitizers, valgrind, LPMSIM_PREFAULT=0): the allocator is then untouched.
  bool active() const { return watcher_.joinable(); }

 private:
  std::jthread watcher_;
};

}  // namespace app::cli
