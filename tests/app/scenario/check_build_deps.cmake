# Every object of the build was compiled against files that still exist. A compiler cache can hand
# back an object compiled from other sources than the tree's: it happened when a worktree's files
# changed (git am) while one of its compiles ran, and ccache stored the old headers' object under
# the new headers' key. test_scenario_loader then linked a test object that saw the old, smaller
# ScenarioSpec; load_scenario_file wrote the new 824-byte spec into the test's smaller return slot
# and smashed doctest's stack frame (SIGSEGV on "each malformed scenario…"). The dependency list
# ninja keeps for that object still named app/scenario/spec_hmc.hpp, which the tree had deleted.
# Usage: cmake -DNINJA=… -DBUILD_DIR=… -P check_build_deps.cmake
execute_process(COMMAND ${NINJA} -C ${BUILD_DIR} -t deps OUTPUT_VARIABLE deps RESULT_VARIABLE rc)
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "ninja -t deps failed (${rc})")
endif()
string(REGEX MATCHALL "\n    [^\n/][^\n]*" relative "${deps}")
list(REMOVE_DUPLICATES relative)
set(missing "")
foreach(line IN LISTS relative)
  string(STRIP "${line}" file)
  if(NOT EXISTS "${BUILD_DIR}/${file}")
    list(APPEND missing "${file}")
  endif()
endforeach()
if(missing)
  message(FATAL_ERROR "objects were compiled against files the tree no longer has (a stale compiler-cache "
                      "result?): ${missing}. Rebuild them with CCACHE_RECACHE=1.")
endif()
