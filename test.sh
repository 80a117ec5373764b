#!/bin/bash
# The whole test suite: installs missing Debian packages, then builds and
# runs the unit and integration tests twice — a normal build and one under
# AddressSanitizer + UndefinedBehaviorSanitizer.  ctest's summary closes.
set -euo pipefail
cd "$(dirname "$0")"
. scripts/deps.sh
deps_install

jobs=$(nproc)
run_suite() {
  local dir=$1; shift
  cmake -S . -B "$dir" -DCMAKE_BUILD_TYPE=RelWithDebInfo -DBUILD_TESTING=ON "$@" >/dev/null
  cmake --build "$dir" -j"$jobs"
  ctest --test-dir "$dir" --output-on-failure -j"$jobs"
}

echo "== sanitizer build (ASan + UBSan)"
ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 \
LSAN_OPTIONS=suppressions=$PWD/tests/lsan.supp:print_suppressions=0 \
UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
  run_suite build-sanitize -DCOMPLAINTD_SANITIZE=ON
echo "== normal build"
run_suite build
