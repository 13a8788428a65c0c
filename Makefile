# The two commands of the README. Both install what is missing (scripts/install-deps), then
# configure and build the Release preset with CMake + Ninja.
#   make run   — build and run the main job on the bundled default scenario
#   make test  — build and run the whole test suite through ctest
.PHONY: run test deps build asan-test bench clean

BUILD_DIR := build/release
JOBS ?= $(shell nproc)

deps:
	@scripts/install-deps

build: deps
	@cmake --preset release >/dev/null
	@cmake --build --preset release -j $(JOBS)

run: build
	$(BUILD_DIR)/lpmsim phold --lps 1000 --initial 10 --events 1000000

test: build
	cd $(BUILD_DIR) && ctest --output-on-failure -j $(JOBS)

asan-test: deps
	@cmake --preset asan >/dev/null
	@cmake --build --preset asan -j $(JOBS)
	cd build/asan && ctest --output-on-failure -L unit -j $(JOBS)

bench: build
	$(BUILD_DIR)/bench/lpmsim_bench --benchmark_out=$(BUILD_DIR)/bench.json --benchmark_out_format=json

clean:
	rm -rf build
