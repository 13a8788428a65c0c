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

# The scenario loader's libFuzzer target (clang 14), FUZZ_SECONDS of fuzzing from the seed corpus.
FUZZ_SECONDS ?= 60
fuzz: deps
	@CXX=clang++-14 cmake -S . -B build/fuzz -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo -DLPMSIM_FUZZ=ON -DLPMSIM_BENCH=OFF >/dev/null
	@cmake --build build/fuzz --target fuzz_scenario_loader -j $(JOBS)
	@mkdir -p build/fuzz/corpus
	build/fuzz/fuzz/fuzz_scenario_loader -max_total_time=$(FUZZ_SECONDS) -timeout=10 -max_len=65536 \
	  -artifact_prefix=build/fuzz/ build/fuzz/corpus scenarios fuzz/regressions tests/app/scenario/bad

clean:
	rm -rf build
