// Transparent huge pages for lpmsim's heap. A data-centre run keeps hundreds of MiB of flows,
// solver rows and migrations live and touches them in event order, so much of its time goes to
// TLB misses on 4 KiB pages (a 10 000-LPAR evacuation: 15 % less CPU time with huge pages).
// Debian's kernels give huge pages only to memory that asks for them (THP "madvise"), and glibc's
// allocator asks only when the glibc.malloc.hugetlb tunable is set before the process starts
// (glibc ≥ 2.35). So main() starts lpmsim again, once, with the tunable set — unless the user
// set GLIBC_TUNABLES (theirs wins), set LPMSIM_HUGE_PAGES=0, runs it under valgrind (whose
// tools must see the whole run), or the kernel gives huge pages to everything or nothing.
// Nothing else changes: the arguments, environment and descriptors are those it was given, and
// the results do not depend on where memory lies.
//   int main(int argc, char** argv) { app::cli::restart_with_huge_pages(argv); … }
#pragma once

namespace app::cli {

// Returns only when the restart is not wanted or not possible.
void restart_with_huge_pages(char** argv);

// Whether glibc asks for huge pages for this process's heap: the tunable is set (by the restart
// or by the user), so each new stretch of heap is given MADV_HUGEPAGE as it grows.
bool heap_asks_for_huge_pages();

}  // namespace app::cli
