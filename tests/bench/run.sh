#!/bin/sh
# Builds complaintd and the benchmark client (if needed) and runs the
# benchmarks, printing their figures.  Needs root (the mail lab does).
#
#   tests/bench/run.sh [BUILD_DIR]          default: build-bench
#   MAILS=2000 ROUNDS=20 ACK_ROUNDS=50 OUTBOX=1000 CLASSIFY_MAILS=5000 \
#   SLA_TICKETS=100000 SLA_OPEN=10000 REPORT_TICKETS=100000 tests/bench/run.sh
#                                           a smaller, quicker run
#
# Figures only: the exit status says whether the benchmarks ran, never
# whether a target was met.
set -eu

src=$(cd "$(dirname "$0")/../.." && pwd)
build=${1:-build-bench}
case $build in
/*) ;;
*) build=$src/$build ;;
esac

if [ ! -f "$build/CMakeCache.txt" ]; then
	cmake -S "$src" -B "$build" -DCMAKE_BUILD_TYPE=RelWithDebInfo \
		-DBUILD_TESTING=ON
fi
cmake --build "$build" -j2 --target complaintd complaintctl imap_ceiling \
	bench_classify bench_sla

status=0
/usr/bin/python3 "$src/tests/bench/bench_ingest.py" --build "$build" \
	--mails "${MAILS:-10000}" || status=1
/usr/bin/python3 "$src/tests/bench/bench_idle.py" --build "$build" \
	--rounds "${ROUNDS:-100}" || status=1
/usr/bin/python3 "$src/tests/bench/bench_ack.py" --build "$build" \
	--rounds "${ACK_ROUNDS:-200}" --outbox "${OUTBOX:-5000}" || status=1
"$build/tests/bench/bench_classify" "$src" "${CLASSIFY_MAILS:-20000}" ||
	status=1
"$build/tests/bench/bench_sla" "$src" "${SLA_TICKETS:-1000000}" \
	"${SLA_OPEN:-100000}" || status=1
/usr/bin/python3 "$src/tests/bench/bench_report.py" --build "$build" \
	--tickets "${REPORT_TICKETS:-1000000}" || status=1
exit $status
