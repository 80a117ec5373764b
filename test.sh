#!/bin/bash
# The whole test suite: installs missing Debian packages, then builds and
# runs the unit and integration tests twice — one build under
# AddressSanitizer + UndefinedBehaviorSanitizer, one normal — with the
# libFuzzer harnesses (clang, ASan + UBSan) run for a bounded time in
# between.  The normal build's ctest summary closes the output.
set -euo pipefail
cd "$(dirname "$0")"
. scripts/deps.sh
deps_install

jobs=$(nproc)
# run_suite DIR [CMAKE_OPTION...] [-L LABEL]: configure, build, run ctest.
run_suite() {
  local dir=$1; shift
  local opts=() label=()
  while [ $# -gt 0 ]; do
    if [ "$1" = "-L" ]; then label=(-L "$2"); shift 2; else opts+=("$1"); shift; fi
  done
  cmake -S . -B "$dir" -DCMAKE_BUILD_TYPE=RelWithDebInfo -DBUILD_TESTING=ON "${opts[@]}" >/dev/null
  cmake --build "$dir" -j"$jobs"
  ctest --test-dir "$dir" --output-on-failure -j"$jobs" "${label[@]}"
}

echo "== sanitizer build (ASan + UBSan)"
ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 \
LSAN_OPTIONS=suppressions=$PWD/tests/lsan.supp:print_suppressions=0 \
UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
  run_suite build-sanitize -DCOMPLAINTD_SANITIZE=ON
echo "== fuzzing (libFuzzer + ASan + UBSan, ${FUZZ_SECONDS:=60} s per harness)"
ASAN_OPTIONS=detect_leaks=1 \
LSAN_OPTIONS=suppressions=$PWD/tests/lsan.supp:print_suppressions=0 \
UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
  run_suite build-fuzz -DCMAKE_C_COMPILER=clang -DCOMPLAINTD_SANITIZE=ON \
    -DCOMPLAINTD_FUZZ=ON -DCOMPLAINTD_FUZZ_SECONDS="$FUZZ_SECONDS" -L fuzz
echo "== normal build"
run_suite build
