// Whether this build runs under AddressSanitizer or ThreadSanitizer (GCC and clang spellings):
// their allocators replace glibc's, and their leak checker reports memory not freed at exit.
#pragma once

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

}  // namespace app::cli
