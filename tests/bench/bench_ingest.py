#!/usr/bin/python3
"""Ingest throughput: how fast complaintd drains a full mailbox, next to
the ceiling — a plain libetpan client doing the same IMAP fetches and
nothing else — against the same Dovecot in the same run.

Reports figures; never fails because something was slow.  See README.md.

    /usr/bin/python3 tests/bench/bench_ingest.py --build build-bench [--mails 10000]
"""

import argparse
import imaplib
import json
import os
import re
import shlex
import signal
import subprocess
import sys
import time
from pathlib import Path

sys.dont_write_bytecode = True     # leave no __pycache__ in the source tree
sys.path.insert(0, str(Path(__file__).resolve().parent))
import benchlib  # noqa: E402
from benchlib import BenchError  # noqa: E402

TARGET_RATIO = 0.5
TARGET_RSS_MB = 32.0


def deliver(lab, mails):
    """Drops the mails into support's Maildir, then has Dovecot index them
    once (SELECT, and the UID/size listing both clients start with), so
    neither side pays for building the index."""
    t = time.monotonic()
    lab.inject("support", mails, method="maildir")
    delivered = time.monotonic() - t
    t = time.monotonic()
    with lab.imap_client("support", timeout=600) as m:
        typ, data = m.select("INBOX")
        if typ != "OK":
            raise BenchError("SELECT INBOX failed: %s" % data)
        exists = int(data[0])
        m.uid("FETCH", "1:*", "(UID RFC822.SIZE)")
    indexed = time.monotonic() - t
    if exists != len(mails):
        raise BenchError("Dovecot shows %d mails, %d were delivered"
                         % (exists, len(mails)))
    return delivered, indexed


def run_ceiling(bins, lab, root, tls):
    secret = Path(root) / "ceiling.password"
    secret.write_text(lab.users["support"] + "\n")
    cmd = [bins["imap_ceiling"], "--host", lab.host, "--port",
           str(lab.ports["imap"]), "--user", "support", "--password-file",
           str(secret)]
    if tls == "starttls":
        cmd.append("--starttls")
    r = benchlib.run(cmd, timeout=600)
    if r.returncode != 0:
        raise BenchError("imap_ceiling failed (%d): %s" % (r.returncode,
                                                         r.stderr.strip()))
    line = next((l for l in r.stdout.splitlines()
                 if l.startswith("ceiling ")), None)
    if line is None:
        raise BenchError("imap_ceiling printed no figures: %r" % r.stdout)
    out = {}
    for k, v in re.findall(r"(\w+)=(\S+)", line):
        out[k] = float(v) if "." in v else int(v)
    return out


def log_events(log_text):
    """(time of 'folder selected', times of every stored-mail line)."""
    selected, stored = None, []
    for line in log_text.splitlines():
        if selected is None and "event=fetcher.selected" in line:
            selected = benchlib.log_time(line)
        elif re.search(r"event=(ticket\.created|message\.appended)", line):
            stored.append(benchlib.log_time(line))
    return selected, stored


def attach(template, pid, cleanup):
    """Starts an analysis tool on the daemon (--attach), or returns None."""
    if not template:
        return None
    p = subprocess.Popen(shlex.split(template.format(pid=pid)),
                         stdin=subprocess.DEVNULL)

    def stop():
        if p.poll() is None:
            p.send_signal(signal.SIGINT)
            try:
                p.wait(timeout=60)
            except subprocess.TimeoutExpired:
                p.kill()
                p.wait()
    cleanup.append(stop)
    return stop


def run_daemon(bins, root, lab, cleanup, n, tls, timeout, attach_cmd=None,
               env=None, log_level="info"):
    """Starts complaintd on a fresh store and waits until n mails are
    committed; samples its RSS every 50 ms meanwhile."""
    wall0 = time.time()
    t0 = time.monotonic()
    d, conf, db = benchlib.start_daemon(bins, Path(root) / "desk", lab,
                                        cleanup, tls=tls, env=env,
                                        log_level=log_level)
    pid = d.proc.pid
    stop_tool = attach(attach_cmd, pid, cleanup)
    reader = benchlib.StoreReader(db)
    cleanup.append(reader.close)
    max_rss, rss_samples, next_rss = 0, 0, t0
    deadline = t0 + timeout
    count = 0
    while True:
        now = time.monotonic()
        if now >= next_rss:
            rss = benchlib.proc_status(pid).get("VmRSS", 0)
            max_rss = max(max_rss, rss)
            rss_samples += 1
            next_rss += 0.05
        count = reader.messages()
        if count >= n:
            t_end, wall_end = time.monotonic(), time.time()
            break
        if d.proc.poll() is not None:
            raise BenchError("complaintd exited (%s) with %d of %d mails "
                             "stored:\n%s" % (d.proc.returncode, count, n,
                                              d.log()[-3000:]))
        if now > deadline:
            raise BenchError("timeout: %d of %d mails stored after %.0f s"
                             % (count, n, timeout))
        time.sleep(0.01)
    status = benchlib.proc_status(pid)
    max_rss = max(max_rss, status.get("VmRSS", 0))
    cpu = _cpu_split(pid)
    if stop_tool:
        stop_tool()
    tickets = reader.scalar("SELECT count(*) FROM tickets")
    quarantined = reader.scalar("SELECT count(*) FROM quarantine")
    reader.close()
    stop_wall = time.time()
    exit_status = benchlib.stop_daemon(d)
    log = d.log()
    selected, stored = log_events(log)
    # Warnings while draining; an action cut short by the stop is not one.
    problems = [l for l in log.splitlines()
                if re.search(r" (warning|error) ", l)
                and "is not encrypted" not in l
                and (benchlib.log_time(l) or 0) < stop_wall]
    return {
        "seconds": t_end - t0,
        "drain_seconds": wall_end - selected if selected else None,
        "startup_seconds": selected - wall0 if selected else None,
        "log_first_to_last": (stored[-1] - stored[0]) if len(stored) > 1
        else None,
        "messages": count,
        "tickets": tickets,
        "quarantined": quarantined,
        "vmhwm_kb": status.get("VmHWM", 0),
        "max_vmrss_kb": max_rss,
        "rss_samples": rss_samples,
        "cpu_user_s": cpu[0],
        "cpu_sys_s": cpu[1],
        "exit_status": exit_status,
        "log_problems": problems[:5],
        "log_lines": log.count("\n"),
    }


def _cpu_split(pid):
    try:
        with open("/proc/%d/stat" % pid) as f:
            fields = f.read().rsplit(")", 1)[1].split()
        hz = os.sysconf("SC_CLK_TCK")
        return int(fields[11]) / hz, int(fields[12]) / hz
    except (OSError, ValueError, IndexError):
        return 0.0, 0.0


def fs_type(path):
    r = benchlib.run(["findmnt", "-n", "-o", "FSTYPE", "-T", str(path)])
    return r.stdout.strip() or "?"


def report(args, mails_bytes, prep, ceilings, daemon, root_fs):
    n = args.mails
    mb = mails_bytes / 2**20
    ceil_sorted = sorted(ceilings, key=lambda c: c["mails_per_s"])
    ceil = ceil_sorted[len(ceil_sorted) // 2]
    d_rate = n / daemon["seconds"]
    d_drain = n / daemon["drain_seconds"] if daemon["drain_seconds"] else None
    ratio = d_rate / ceil["mails_per_s"]
    hwm_mb = daemon["vmhwm_kb"] / 1024
    rss_mb = daemon["max_vmrss_kb"] / 1024
    peak_mb = max(hwm_mb, rss_mb)
    w = 44
    print()
    print("complaintd ingest benchmark")
    print("  %d mails, %.1f MB (mean %.0f B); tls=%s; Dovecot maildir "
          "(mail_fsync=never); store on %s" % (n, mb, mails_bytes / n,
                                              args.tls, root_fs))
    print("  delivery %.1f s, first SELECT + listing (indexing) %.1f s"
          % prep)
    print()
    print("  %-*s %10s %8s %9s" % (w, "", "mails/s", "MB/s", "seconds"))
    for i, c in enumerate(ceilings):
        print("  %-*s %10.0f %8.1f %9.3f" % (
            w, "ceiling run %d (imap_ceiling)" % (i + 1), c["mails_per_s"],
            c["mb_per_s"], c["seconds"]))
    print("  %-*s %10.0f %8.1f %9.3f" % (
        w, "CEILING (median of %d)" % len(ceilings), ceil["mails_per_s"],
        ceil["mb_per_s"], ceil["seconds"]))
    print("  %-*s %10.0f %8.1f %9.3f" % (
        w, "DAEMON (start -> all %d committed)" % n, d_rate,
        mb / daemon["seconds"], daemon["seconds"]))
    if d_drain:
        print("  %-*s %10.0f %8.1f %9.3f" % (
            w, "daemon (SELECT logged -> all committed)", d_drain,
            mb / daemon["drain_seconds"], daemon["drain_seconds"]))
    print()
    print("  %-*s %10.2f   target >= %.1f  %s" % (
        w, "RATIO daemon/ceiling", ratio, TARGET_RATIO,
        "met" if ratio >= TARGET_RATIO else "MISSED"))
    print("  %-*s %10.1f   target < %.0f MB  %s" % (
        w, "DAEMON PEAK RSS MB", peak_mb, TARGET_RSS_MB,
        "met" if peak_mb < TARGET_RSS_MB else "MISSED"))
    print("  %-*s VmHWM %.1f MB, max VmRSS %.1f MB over %d samples" % (
        w, "", hwm_mb, rss_mb, daemon["rss_samples"]))
    print("  %-*s user %.2f s, sys %.2f s (of %.2f s wall)" % (
        w, "daemon CPU", daemon["cpu_user_s"], daemon["cpu_sys_s"],
        daemon["seconds"]))
    print("  %-*s user %.2f s, sys %.2f s, VmHWM %.1f MB" % (
        w, "ceiling CPU (median run)", ceil["user_s"], ceil["sys_s"],
        ceil["vmhwm_kb"] / 1024))
    print("  %-*s %d messages, %d tickets, %d quarantined, exit %s" % (
        w, "store after the run", daemon["messages"], daemon["tickets"],
        daemon["quarantined"], daemon["exit_status"]))
    for line in daemon["log_problems"]:
        print("  log: %s" % line)
    return {"mails": n, "bytes": mails_bytes, "tls": args.tls,
            "ceiling_runs": ceilings, "ceiling_mails_per_s": ceil["mails_per_s"],
            "daemon": daemon, "daemon_mails_per_s": d_rate,
            "daemon_drain_mails_per_s": d_drain, "ratio": ratio,
            "daemon_peak_rss_mb": peak_mb}


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--build", default="build-bench",
                    help="build directory (relative to the source tree)")
    ap.add_argument("--mails", type=int, default=10000)
    ap.add_argument("--size", type=int, default=4096,
                    help="approximate size of one mail in bytes")
    ap.add_argument("--tls", choices=("none", "starttls"), default="none",
                    help="connection security, the same for both clients")
    ap.add_argument("--ceiling-runs", type=int, default=3)
    ap.add_argument("--timeout", type=float, default=900,
                    help="give up on the daemon after this many seconds")
    ap.add_argument("--json", help="also write the figures to this file")
    ap.add_argument("--keep", action="store_true",
                    help="keep the work directory (lab, store, logs)")
    ap.add_argument("--attach", metavar="CMD",
                    help="analysis only: run CMD ({pid} is the daemon's) "
                    "while it drains, SIGINT it at the end, e.g. "
                    "'perf record -g -o /tmp/perf.data -p {pid}'; the "
                    "figures are then not comparable")
    ap.add_argument("--daemon-env", metavar="KEY=VALUE", action="append",
                    default=[], help="analysis only: extra environment for "
                    "complaintd (repeatable), e.g. SQLITE_TMPDIR=/dev/shm")
    ap.add_argument("--log-level", default="info",
                    choices=("debug", "info", "warning", "error"),
                    help="the daemon's log level (info: one line per mail, "
                    "as an operator runs it)")
    args = ap.parse_args(argv)
    daemon_env = dict(kv.split("=", 1) for kv in args.daemon_env)
    try:
        bins = benchlib.binaries(args.build)
        machine = benchlib.busy_report()
        print("bench_ingest: before the run: %s" % machine, flush=True)
        t = time.monotonic()
        mails = benchlib.complaint_mails(args.mails, size=args.size)
        total = sum(len(m) for m in mails)
        print("bench_ingest: generated %d mails (%.1f MB) in %.1f s"
              % (len(mails), total / 2**20, time.monotonic() - t), flush=True)
        with benchlib.bench_env(args.keep) as (root, lab, cleanup):
            prep = deliver(lab, mails)
            del mails
            print("bench_ingest: delivered and indexed; ceiling warm-up run",
                  flush=True)
            run_ceiling(bins, lab, root, args.tls)  # warms caches, not counted
            ceilings = []
            for i in range(args.ceiling_runs):
                ceilings.append(run_ceiling(bins, lab, root, args.tls))
                print("bench_ingest: ceiling run %d: %.0f mails/s"
                      % (i + 1, ceilings[-1]["mails_per_s"]), flush=True)
            print("bench_ingest: starting complaintd on a fresh store",
                  flush=True)
            daemon = run_daemon(bins, root, lab, cleanup, args.mails,
                                args.tls, args.timeout, args.attach,
                                daemon_env, args.log_level)
            figures = report(args, total, prep, ceilings, daemon,
                             fs_type(root))
            after = benchlib.busy_report()
            print("  machine before: %s\n  machine after:  %s"
                  % (machine, after))
            figures["machine"] = [machine, after]
        if args.json:
            Path(args.json).write_text(json.dumps(figures, indent=2) + "\n")
    except (BenchError, benchlib.lablib.LabError, imaplib.IMAP4.error,
            subprocess.SubprocessError, OSError) as e:
        print("bench_ingest: error: %s" % e, file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print("bench_ingest: interrupted", file=sys.stderr)
        return 130
    return 0


if __name__ == "__main__":
    sys.exit(main())
