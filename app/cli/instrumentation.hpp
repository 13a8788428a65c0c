// Whether lpmsim runs instrumented, where its memory tricks must stay off: a build with
// AddressSanitizer or ThreadSanitizer (GCC and clang spellings; their allocators replace
// glibc's and their leak checker reports memory not freed at exit), or a run under valgrind
// (whose tools replace the allocator and must see the whole run in one process).
#pragma once

#include <cstdlib>
#include <cstring>

namespace app::cli {

#if defined(__SANITIZE_ADDRESS__) || defined(__SANITIZE_THREAD__)
inline constexpr bool kSanitizedBuild = true;
#elif defined(__has_feature)
#if __has_feature(address_sanitizer) || __has_feature(thread_sanitizer)
inline constexpr bool kSanitizedBuild = true;
#else
inline constexpr bool kSanitizedBuild = false;
#endif
#else
inline constexpr bool kSanitizedBuild = false;
#endif

inline bool under_valgrind() {
  const char* preload = std::getenv("LD_PRELOAD");
  return preload != nullptr && std::strstr(preload, "valgrind") != nullptr;
}

}  // namespace app::cli
