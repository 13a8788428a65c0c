#include "app/cli/huge_pages.hpp"

#include <gnu/libc-version.h>
#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <string>

#include "app/cli/instrumentation.hpp"

namespace app::cli {

namespace {

constexpr const char* kTunable = "glibc.malloc.hugetlb=1";

bool glibc_knows_hugetlb() {
  int major = 0, minor = 0;
  if (std::sscanf(gnu_get_libc_version(), "%d.%d", &major, &minor) != 2) return false;
  return major > 2 || (major == 2 && minor >= 35);
}

// "always [madvise] never": only in madvise mode does asking make a difference.
bool kernel_gives_huge_pages_on_request() {
  std::ifstream in("/sys/kernel/mm/transparent_hugepage/enabled");
  std::string line;
  return std::getline(in, line) && line.find("[madvise]") != std::string::npos;
}

}  // namespace

bool heap_asks_for_huge_pages() {
  const char* tunables = std::getenv("GLIBC_TUNABLES");
  return tunables != nullptr && std::strstr(tunables, kTunable) != nullptr;
}

void restart_with_huge_pages(char** argv) {
  if (std::getenv("GLIBC_TUNABLES") != nullptr) return;  // the user's, or this restart's own
  if (const char* choice = std::getenv("LPMSIM_HUGE_PAGES"); choice != nullptr && std::strcmp(choice, "0") == 0)
    return;
  if (under_valgrind() || !glibc_knows_hugetlb() || !kernel_gives_huge_pages_on_request()) return;
  if (::setenv("GLIBC_TUNABLES", kTunable, 0) != 0) return;
  ::execv("/proc/self/exe", argv);
  ::unsetenv("GLIBC_TUNABLES");  // exec failed (no /proc): run as we are
}

}  // namespace app::cli
