#!/usr/bin/python3
"""bench_report: "complaintctl report" over a store of a million tickets
(two years of complaints, so the default 30-day report reads about 41,000
of them, plus their replies, SLA events and surveys), timed per format
and grouping with the peak memory of the process (/usr/bin/time's
maximum resident set).  Prints figures; asserts nothing.

    bench_report.py --build DIR [--tickets 1000000] [--keep]

The store is filled through its own sqlite3 connection after complaintctl
made the schema; it goes in a fresh directory under $TMPDIR, removed at
the end unless --keep.
"""

import argparse
import os
import random
import re
import shutil
import sqlite3
import subprocess
import sys
import tempfile
import time
from pathlib import Path

SOURCE_DIR = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(SOURCE_DIR / "tests" / "integration"))

from configs import write_config  # noqa: E402

PEOPLE = """
agents = ( %s );
teams = ( { name = "care"; address = "care@desk.example";
            members = [ %s ]; } );
policies = ( { name = "urgent"; severity = [ "urgent" ];
               first_response = "1h"; resolution = "8h"; },
             { name = "std"; first_response = "8h"; resolution = "3d"; } );
"""
CATEGORIES = ["product_quality", "service_attitude", "logistics", "billing",
              "suggestion", "other"]
SEVERITIES = ["general"] * 7 + ["serious"] * 2 + ["urgent"]
DAY = 86400


def progress(text):
    if sys.stderr.isatty():
        sys.stderr.write("\r" + text + " " * 10)
        sys.stderr.flush()


def seed(db, tickets, now):
    """tickets over the two years before now, 20 agents, 200,000
    customers; a reply each, a tenth reopened, some breaches, a third
    surveyed."""
    rnd = random.Random(7)
    c = sqlite3.connect(db)
    c.execute("PRAGMA synchronous = OFF")
    c.execute("PRAGMA journal_mode = MEMORY")
    customers = max(1, tickets // 5)
    c.executemany("INSERT INTO customers (id, address, created) "
                  "VALUES (?, ?, ?)",
                  ((i, "c%d@example.net" % i, now - 800 * DAY)
                   for i in range(1, customers + 1)))
    span = 730 * DAY
    batch_t, batch_e, batch_s = [], [], []
    for i in range(1, tickets + 1):
        created = now - span + (span * i) // tickets
        sev = rnd.choice(SEVERITIES)
        fr = created + rnd.randint(600, 20 * 3600)
        res = fr + rnd.randint(3600, 5 * DAY)
        open_ = res > now or rnd.random() < 0.02
        status = "open" if open_ else rnd.choice(["resolved", "closed"])
        batch_t.append((i, rnd.randint(1, customers), "ticket %d" % i,
                        rnd.choice(CATEGORIES), sev, status,
                        "a%d" % rnd.randint(1, 20), created, created,
                        fr if fr < now else None,
                        None if open_ else res, None if status != "closed"
                        else res, "urgent" if sev == "urgent" else "std"))
        batch_e.append((i, fr, "reply", None))
        if rnd.random() < 0.1:
            batch_e.append((i, res, "ticket.reopened", None))
        if rnd.random() < 0.08:
            batch_e.append((i, res, "sla.breach",
                            "sla:%d:resolution:0:breach" % i))
        if not open_ and rnd.random() < 0.33:
            answered = rnd.random() < 0.4
            batch_s.append((i, res + DAY, res + DAY,
                            res + 2 * DAY if answered else None,
                            rnd.randint(1, 5) if answered else None,
                            rnd.randint(0, 10) if answered else None))
        if len(batch_t) == 50000 or i == tickets:
            flush(c, batch_t, batch_e, batch_s)
            batch_t, batch_e, batch_s = [], [], []
            progress("bench_report: %d of %d tickets stored" % (i, tickets))
    c.commit()
    c.execute("ANALYZE")
    c.close()
    progress("")


def flush(c, tickets, events, surveys):
    c.executemany(
        "INSERT INTO tickets (id, customer_id, subject, category, severity, "
        "status, team, assignee, mailbox, created, updated, first_response, "
        "resolved, closed, sla_policy) VALUES (?, ?, ?, ?, ?, ?, 'care', ?, "
        "'support', ?, ?, ?, ?, ?, ?)", tickets)
    c.executemany("INSERT INTO events (ticket_id, time, kind, dedupe_key) "
                  "VALUES (?, ?, ?, ?)", events)
    c.executemany(
        "INSERT INTO surveys (ticket_id, status, due, sent, answered, "
        "rating, nps) VALUES (?, 'sent', ?, ?, ?, ?, ?)", surveys)


def run(ctl, conf, args):
    """Seconds and peak RSS (MB) of one complaintctl run."""
    cmd = ["/usr/bin/time", "-v", ctl, "-c", str(conf), "report"] + args
    start = time.monotonic()
    r = subprocess.run(cmd, capture_output=True, timeout=600)
    took = time.monotonic() - start
    if r.returncode != 0:
        raise SystemExit("bench_report: %s failed: %s" % (
            " ".join(args), r.stderr.decode()[-500:]))
    rss = re.search(rb"Maximum resident set size \(kbytes\): (\d+)",
                    r.stderr)
    return took, int(rss.group(1)) / 1024 if rss else float("nan"), \
        len(r.stdout)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--build", default=str(SOURCE_DIR / "build-bench"))
    ap.add_argument("--tickets", type=int, default=1000000)
    ap.add_argument("--keep", action="store_true")
    args = ap.parse_args()
    ctl = str(Path(args.build).resolve() / "daemon" / "complaintctl")
    if not Path("/usr/bin/time").exists():
        raise SystemExit("bench_report: needs /usr/bin/time (package time)")
    tmp = Path(tempfile.mkdtemp(prefix="cdbench-report-",
                                dir=os.environ.get("TMPDIR", "/var/tmp")))
    try:
        agents = ", ".join('{ name = "a%d"; address = "a%d@desk.example"; }'
                           % (i, i) for i in range(1, 21))
        members = ", ".join('"a%d"' % i for i in range(1, 21))
        conf = write_config(tmp, extra=PEOPLE % (agents, members))
        subprocess.run([ctl, "-c", str(conf), "info"], check=True,
                       capture_output=True)
        now = int(time.time())
        start = time.monotonic()
        seed(tmp / "complaintd.db", args.tickets, now)
        size = (tmp / "complaintd.db").stat().st_size / 1e6
        print("bench_report: %d tickets stored in %.1f s (store %.0f MB)"
              % (args.tickets, time.monotonic() - start, size))
        print("%-40s %9s %9s %10s" % ("REPORT", "SECONDS", "PEAK MB",
                                      "BYTES OUT"))
        cases = [["--format", f] for f in ("table", "json", "csv", "html")]
        cases += [["--format", "json", "--by", b]
                  for b in ("category", "agent", "day")]
        cases += [["--format", "json", "--from",
                   time.strftime("%Y-%m-%d", time.gmtime(now - 365 * DAY))]]
        for case in cases:
            took, rss, out = run(ctl, conf, case)
            print("%-40s %9.2f %9.1f %10d" % (" ".join(case), took, rss,
                                              out))
    finally:
        if args.keep:
            print("bench_report: kept %s" % tmp)
        else:
            shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    main()
