#!/usr/bin/env bash
# Builds the libFuzzer targets of tests/fuzz with clang (AddressSanitizer and UndefinedBehaviorSanitizer
# too) in a build tree of their own, so the main gcc build is never touched, and runs them as CTest tests:
# every seed of tests/fuzz/corpus/<target>/ once, then each target for QUORUM_FUZZ_SECONDS (default 60).
#
#   tests/fuzz/run_fuzzers.sh [BUILD_DIR]        (default: build-fuzz)
#
# A crash stops the run and leaves the input in BUILD_DIR/tests/fuzz/fuzz-artifacts/; reproduce it with
# BUILD_DIR/tests/fuzz/fuzz_TARGET FILE, fix the bug, and commit the input to the corpus.
set -euo pipefail
cd "$(dirname "$0")/../.."
build_dir="${1:-build-fuzz}"
seconds="${QUORUM_FUZZ_SECONDS:-60}"

export ASAN_OPTIONS=halt_on_error=1:detect_leaks=1
export UBSAN_OPTIONS=halt_on_error=1:print_stacktrace=1
export LSAN_OPTIONS="suppressions=$PWD/tests/sanitizers/lsan.supp:print_suppressions=0"
CC=clang CXX=clang++ cmake -S . -B "$build_dir" -G Ninja -DCMAKE_BUILD_TYPE=Debug \
    -DCMAKE_CXX_FLAGS_DEBUG="-O1 -g1" -DQUORUM_FUZZ=ON -DQUORUM_FUZZ_SECONDS="$seconds"
cmake --build "$build_dir" --parallel "$(nproc)"
# Each fuzzer is one process on one core: two run at a time on two cores.
ctest --test-dir "$build_dir" --output-on-failure --parallel "$(nproc)" --timeout 900
