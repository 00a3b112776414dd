#!/usr/bin/env bash
# Usage: scripts/test-sanitizers.sh [CTEST_ARGS...]
#
# Builds the core and io tests with AddressSanitizer and UndefinedBehaviorSanitizer in
# build-asan/ (separate from build/) and runs the tests labelled core or io. Any leak,
# memory error or undefined behaviour fails the test that caused it.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

scripts/install-deps.sh

# Debug with -O1: ASan's usual setting. -O0 runs the engine tests several times slower,
# -O2 blurs stack traces; -O1 keeps both reasonable. _GLIBCXX_ASSERTIONS adds bounds checks
# to std containers, catching what ASan misses inside an allocation (vector[size()] when
# capacity() is larger).
# The benchmarks are not needed for the tests.
scripts/build.sh build-asan -- \
    -DCMAKE_BUILD_TYPE=Debug \
    "-DCMAKE_CXX_FLAGS_DEBUG=-g -O1 -D_GLIBCXX_ASSERTIONS" \
    -DFLOWLAB_SANITIZE=ON \
    -DFLOWLAB_BUILD_BENCH=OFF

# LeakSanitizer works on this machine kind, where CI runs too (checked on Debian 12 with
# GCC 12, as root: a deliberate leak is reported and aborts the program, and a QtTest program
# with threads and QtConcurrent reports none), so leaks are errors.
# abort_on_error makes a report end the process with SIGABRT, which CTest counts as a
# failure; halt_on_error stops at the first undefined behaviour instead of only printing it.
export ASAN_OPTIONS=detect_leaks=1:abort_on_error=1
export UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1
ctest --test-dir build-asan -L 'core|io' --output-on-failure -j2 "$@"
