# The two commands of the README. Both install what is missing (scripts/install-deps), then
# configure and build the Release preset with CMake + Ninja.
#   make run   — build the lpmsim executable only and run the main job (lpmsim run) on scenarios/quickstart.json
#   make test  — build and run the whole test suite through ctest
.PHONY: run test deps build asan-test bench fuzz clean

BUILD_DIR := build/release
JOBS ?= $(shell nproc)

deps:
	@scripts/install-deps

build: deps
	@cmake --preset release >/dev/null
	@cmake --build --preset release -j $(JOBS)

# make run builds only the lpmsim executable (not the tests and benchmarks that make test builds).
run: deps
	@cmake --preset release >/dev/null
	@cmake --build --preset release -j $(JOBS) --target lpmsim
	$(BUILD_DIR)/lpmsim run scenarios/quickstart.json --report report.json

test: build
	cd $(BUILD_DIR) && ctest --output-on-failure -j $(JOBS)

asan-test: deps
	@cmake --preset asan >/dev/null
	@cmake --build --preset asan -j $(JOBS)
	cd build/asan && ctest --output-on-failure -L unit -j $(JOBS)

bench: build
	$(BUILD_DIR)/bench/lpmsim_bench --benchmark_out=$(BUILD_DIR)/bench.json --benchmark_out_format=json

# The libFuzzer targets (clang 14), FUZZ_SECONDS of fuzzing each from its seed corpus: scenarios,
# dirty-page traces, measurement files and sweep grids (fuzz/CMakeLists.txt). Each fuzzer is
# single-threaded, so they run JOBS at a time (make -j). A finding stops make with the crashing
# input in build/fuzz/<target>-crash-….
FUZZ_SECONDS ?= 60
FUZZ_TARGETS := fuzz_scenario_loader fuzz_dirty_trace fuzz_measurements fuzz_sweep_grid
FUZZ_RUN = -max_total_time=$(FUZZ_SECONDS) -timeout=10 -rss_limit_mb=2048 -artifact_prefix=build/fuzz/$*-
fuzz_seeds_fuzz_scenario_loader := -max_len=65536 scenarios fuzz/regressions tests/app/scenario/bad
fuzz_seeds_fuzz_dirty_trace := -max_len=4096 fuzz/corpus/dirty_trace
fuzz_seeds_fuzz_measurements := -max_len=16384 fuzz/corpus/measurements
fuzz_seeds_fuzz_sweep_grid := -max_len=8192 fuzz/corpus/sweep_grid
fuzz: deps
	@CXX=clang++-14 cmake -S . -B build/fuzz -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo -DLPMSIM_FUZZ=ON -DLPMSIM_BENCH=OFF >/dev/null
	@cmake --build build/fuzz --target $(FUZZ_TARGETS) -j $(JOBS)
	@$(MAKE) --no-print-directory -j $(JOBS) $(addprefix fuzz-run-,$(FUZZ_TARGETS))

fuzz-run-%:
	@mkdir -p build/fuzz/corpus/$*
	build/fuzz/fuzz/$* $(FUZZ_RUN) build/fuzz/corpus/$* $(fuzz_seeds_$*) > build/fuzz/$*.log 2>&1 \
	  || { tail -n 40 build/fuzz/$*.log; exit 1; }
	@tail -n 1 build/fuzz/$*.log

clean:
	rm -rf build
