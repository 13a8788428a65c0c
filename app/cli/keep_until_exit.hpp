// What a command built and no longer needs, left for the kernel to take back when the process
// exits a moment later, instead of being destroyed node by node. Compilers do the same (clang's
// -disable-free). At the end of a 100 000-LPAR `lpmsim run`, destroying the report's records,
// the effective scenario's JSON and the spec took 2 s on the main thread (perf: json destroy,
// _int_free, malloc_consolidate) after every output was written. Sanitizer builds destroy them
// as usual: their leak checker must see nothing left behind.
//   keep_until_exit(std::move(report));  // then return the exit code
#pragma once

#include <type_traits>
#include <utility>

#include "app/cli/instrumentation.hpp"

namespace app::cli {

template <class T>
void keep_until_exit(T&& value) {
  using V = std::remove_cvref_t<T>;
  if constexpr (kSanitizedBuild) {
    V destroyed_here(std::forward<T>(value));
  } else {
    new V(std::forward<T>(value));  // never deleted, by design
  }
}

}  // namespace app::cli
