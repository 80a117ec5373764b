#!/bin/bash
# Runs one libFuzzer binary for a bounded time on a scratch copy of its
# seeds, so the source tree only changes when a person copies a crash into
# regressions/.  Usage: run_fuzzer.sh FUZZER WORKDIR SECONDS SEEDDIR...
set -euo pipefail
fuzzer=$1 work=$2 seconds=$3
shift 3
rm -rf "$work"
mkdir -p "$work/corpus" "$work/artifacts"
for seeds in "$@"; do
  [ -d "$seeds" ] && cp -r "$seeds"/. "$work/corpus/" 2>/dev/null || true
done
exec "$fuzzer" -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 \
  -print_final_stats=1 -artifact_prefix="$work/artifacts/" "$work/corpus"
