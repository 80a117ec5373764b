#!/usr/bin/python3
"""IDLE latency: how long a mail that lands on the server waits until
complaintd has committed its ticket, with the daemon idle in IMAP IDLE on
an empty mailbox.

For each of --rounds mails: APPEND it over IMAP; the clock starts when
APPEND's tagged OK is back (the mail is on the server) and stops when the
mail's commit is visible in the store, which is polled read-only every
--poll-ms (2 ms).  That is the precise observation: a reader sees the
batch only after COMMIT (WAL fsync included), whereas the daemon's log
line "event=ticket.created" is written before the commit and carries
millisecond wall-clock stamps; the log figure is printed too, as a
cross-check (its difference to the store figure is about the commit).

Reports figures; never fails because something was slow.  See README.md.

    /usr/bin/python3 tests/bench/bench_idle.py --build build-bench [--rounds 100]
"""

import argparse
import imaplib
import json
import random
import re
import subprocess
import sys
import time
from pathlib import Path

sys.dont_write_bytecode = True     # leave no __pycache__ in the source tree
sys.path.insert(0, str(Path(__file__).resolve().parent))
import benchlib  # noqa: E402
from benchlib import BenchError  # noqa: E402

TARGET_P99_S = 1.0


def wait_ready(d, reader, timeout=30):
    """Until the daemon has selected the folder and its store is readable."""
    d.wait_log(r"event=fetcher.selected", timeout=timeout)
    deadline = time.monotonic() + timeout
    while reader.scalar("SELECT count(*) FROM mailboxes", -1) < 1:
        if time.monotonic() > deadline:
            raise BenchError("the daemon's store shows no mailbox")
        time.sleep(0.01)


def wait_count(reader, want, poll_s, timeout, d):
    """Polls the store until it holds want mails; the monotonic time of the
    first poll that saw them, or None after timeout."""
    deadline = time.monotonic() + timeout
    while True:
        if reader.messages() >= want:
            return time.monotonic()
        now = time.monotonic()
        if now > deadline:
            return None
        if d.proc.poll() is not None:
            raise BenchError("complaintd exited (%s):\n%s"
                             % (d.proc.returncode, d.log()[-3000:]))
        time.sleep(poll_s)


def server_floor(lab, mails, rng, gap_s):
    """The server's own share: a bare IDLE client (no daemon involved)
    timed from APPEND OK, on another connection, to '* N EXISTS'.  The
    mails are expunged again so the daemon later starts on an empty
    folder.  Returns the latencies in seconds."""
    lat = []
    watcher = lab.imap_client("support", timeout=30)
    appender = lab.imap_client("support", timeout=30)
    try:
        watcher.select("INBOX")
        for i, raw in enumerate(mails):
            tag = b"I%d" % i
            watcher.send(tag + b" IDLE\r\n")
            if not watcher.readline().startswith(b"+"):
                raise BenchError("IDLE refused")
            typ, data = appender.append("INBOX", None, None, raw)
            t_ok = time.monotonic()
            if typ != "OK":
                raise BenchError("APPEND failed: %s" % data)
            while b"EXISTS" not in watcher.readline():
                pass
            lat.append(time.monotonic() - t_ok)
            watcher.send(b"DONE\r\n")
            while not watcher.readline().startswith(tag + b" "):
                pass
            time.sleep(rng.uniform(gap_s / 2, gap_s * 1.5))
        appender.select("INBOX")
        appender.store("1:*", "+FLAGS.SILENT", "(\\Deleted)")
        appender.expunge()
    finally:
        _quiet(watcher.logout)
        _quiet(appender.logout)
    return lat


def log_latencies(log_text, appended):
    """Per round: log stamp of the mail's ticket line minus the wall time
    of its APPEND OK.  appended: {uid: wall time}."""
    out = {}
    for line in log_text.splitlines():
        m = re.search(r"event=(?:ticket\.created|message\.appended) .*uid=(\d+)",
                      line)
        if m and int(m.group(1)) in appended:
            t = benchlib.log_time(line)
            if t is not None:
                out[int(m.group(1))] = t - appended[int(m.group(1))]
    return out


def _quiet(fn):
    try:
        fn()
    except (OSError, imaplib.IMAP4.error):
        pass


def stats(values):
    return {"n": len(values), "median": benchlib.median(values),
            "p90": benchlib.percentile(values, 90),
            "p99": benchlib.percentile(values, 99), "max": max(values),
            "min": min(values)}


def fmt_ms(s):
    return "%8.1f" % (s * 1000)


def report(args, db_lat, log_lat, append_s, misses, floor):
    print()
    print("complaintd IDLE latency benchmark")
    print("  %d rounds; APPEND OK -> commit visible in the store (polled "
          "read-only every %g ms); tls=%s" % (args.rounds, args.poll_ms,
                                             args.tls))
    print()
    print("  %-38s %8s %8s %8s %8s %8s" % ("ms", "median", "p90", "p99",
                                           "max", "min"))
    rows = [("APPEND OK -> COMMITTED (store)", db_lat)]
    if log_lat:
        rows.append(("APPEND OK -> log line (pre-commit)", log_lat))
    rows.append(("APPEND itself (send -> tagged OK)", append_s))
    if floor:
        rows.append(("server only: APPEND OK -> * EXISTS", floor))
    out = {}
    for name, values in rows:
        if not values:
            continue
        s = stats(values)
        out[name] = s
        print("  %-38s %s %s %s %s %s" % (name, fmt_ms(s["median"]),
                                          fmt_ms(s["p90"]), fmt_ms(s["p99"]),
                                          fmt_ms(s["max"]), fmt_ms(s["min"])))
    print()
    if db_lat:
        p99 = benchlib.percentile(db_lat, 99)
        print("  %-38s %8.1f ms  target < %.0f ms  %s" % (
            "P99 APPEND OK -> COMMITTED", p99 * 1000, TARGET_P99_S * 1000,
            "met" if p99 < TARGET_P99_S and not misses else "MISSED"))
    if misses:
        print("  %d round(s) not committed within %.0f s (counted as "
              "missed)" % (misses, args.round_timeout))
    return out


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--build", default="build-bench",
                    help="build directory (relative to the source tree)")
    ap.add_argument("--rounds", type=int, default=100)
    ap.add_argument("--poll-ms", type=float, default=2.0,
                    help="how often the store is looked at")
    ap.add_argument("--gap-ms", type=float, default=200.0,
                    help="mean pause after a commit before the next APPEND "
                    "(drawn from gap/2 .. 3*gap/2), so the daemon is back "
                    "in IDLE")
    ap.add_argument("--tls", choices=("none", "starttls"), default="none",
                    help="the daemon's connection security")
    ap.add_argument("--round-timeout", type=float, default=10.0)
    ap.add_argument("--server-rounds", type=int, default=20,
                    help="rounds timing the server alone with a bare IDLE "
                    "client first (0: skip)")
    ap.add_argument("--json", help="also write the figures to this file")
    ap.add_argument("--keep", action="store_true",
                    help="keep the work directory (lab, store, logs)")
    args = ap.parse_args(argv)
    try:
        bins = benchlib.binaries(args.build)
        machine = benchlib.busy_report()
        print("bench_idle: before the run: %s" % machine, flush=True)
        mails = benchlib.complaint_mails(args.rounds, seed=7, replies=0)
        rng = random.Random(7)
        with benchlib.bench_env(args.keep) as (root, lab, cleanup):
            floor = []
            if args.server_rounds > 0:
                floor = server_floor(
                    lab, benchlib.complaint_mails(args.server_rounds, seed=8,
                                                  replies=0),
                    rng, args.gap_ms / 1000)
                print("bench_idle: server alone (bare IDLE client): median "
                      "%.1f ms" % (benchlib.median(floor) * 1000), flush=True)
            d, conf, db = benchlib.start_daemon(bins, Path(root) / "desk", lab,
                                                cleanup, tls=args.tls)
            reader = benchlib.StoreReader(db)
            cleanup.append(reader.close)
            wait_ready(d, reader)
            time.sleep(0.5)     # IDLE is issued right after the first drain
            print("bench_idle: daemon idle; %d rounds" % args.rounds,
                  flush=True)
            client = lab.imap_client("support", timeout=30)
            cleanup.append(lambda: _quiet(client.shutdown))
            db_lat, append_s, appended, misses = [], [], {}, 0
            for i, raw in enumerate(mails):
                t_send = time.monotonic()
                typ, data = client.append("INBOX", None, None, raw)
                t_ok, wall_ok = time.monotonic(), time.time()
                if typ != "OK":
                    raise BenchError("APPEND failed: %s" % data)
                uid = re.search(rb"APPENDUID \d+ (\d+)", data[0] or b"")
                if uid:
                    appended[int(uid.group(1))] = wall_ok
                append_s.append(t_ok - t_send)
                t_commit = wait_count(reader, i + 1, args.poll_ms / 1000,
                                      args.round_timeout, d)
                if t_commit is None:
                    misses += 1
                    # Do not let a late mail shift every later round.
                    if wait_count(reader, i + 1, args.poll_ms / 1000, 60,
                                  d) is None:
                        raise BenchError("mail %d never committed" % (i + 1))
                else:
                    db_lat.append(t_commit - t_ok)
                if (i + 1) % 25 == 0:
                    print("bench_idle: %d/%d, median so far %.1f ms"
                          % (i + 1, args.rounds,
                             benchlib.median(db_lat) * 1000 if db_lat else 0),
                          flush=True)
                gap = args.gap_ms / 1000
                time.sleep(rng.uniform(gap / 2, gap * 1.5))
            client.logout()
            status = benchlib.stop_daemon(d)
            log_lat = list(log_latencies(d.log(), appended).values())
            if status != 0:
                print("bench_idle: complaintd exited %s" % status,
                      file=sys.stderr)
            figures = report(args, db_lat, log_lat, append_s, misses,
                             floor)
            print("  machine before: %s" % machine)
            figures["machine"] = machine
        if args.json:
            Path(args.json).write_text(json.dumps(figures, indent=2) + "\n")
    except (BenchError, benchlib.lablib.LabError, imaplib.IMAP4.error,
            subprocess.SubprocessError, OSError, AssertionError) as e:
        print("bench_idle: error: %s" % e, file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print("bench_idle: interrupted", file=sys.stderr)
        return 130
    return 0


if __name__ == "__main__":
    sys.exit(main())
