#!/usr/bin/python3
"""Acknowledgements: how long a complaint waits for its acknowledgement,
with the daemon idle in IMAP IDLE, and how fast the sender drains a full
outbox over one SMTP connection.

(a) Latency.  --rounds times, APPEND one complaint over IMAP, each from a
new address (so ack.max_per_hour never applies) and dated now (older mail
than the desk's first look at the mailbox gets no ack).  The clock starts
when APPEND's tagged OK is back and stops when the lab's SMTP sink has
stored the acknowledgement.  The sink numbers what it stores and writes
the NNNNNN.json sidecar last, so the script waits for the one file name
expected next (one stat every --poll-ms, 2 ms; the directory is never
listed or read meanwhile).  The store is polled read-only as well, which
splits the figure into IDLE + ingest (APPEND OK -> ticket committed) and
the sender's share (committed -> stored by the sink).  A bare IDLE client
times Dovecot alone first: about 500 ms of every figure is its
notification delay (see bench_idle.py).

(b) Throughput.  A fresh store's outbox gets --outbox (5,000) queued mails
cloned from acknowledgements and team notices the desk really composed
(complaintctl ingest of --templates complaints), each to its own
customerN@example.com with its own Message-ID.  Then complaintd starts;
the clock runs until the sink has stored the last mail and the store
marks every one sent.  The sink's attempts.jsonl gives the SMTP
connections the sender used (distinct client ports).  A plain smtplib
client sending the same bytes over one connection gives the sink's own
ceiling first.

Reports figures; never fails because something was slow.  See README.md.

    /usr/bin/python3 tests/bench/bench_ack.py --build build-bench
"""

import argparse
import email.utils
import imaplib
import json
import os
import random
import re
import smtplib
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

sys.dont_write_bytecode = True     # leave no __pycache__ in the source tree
sys.path.insert(0, str(Path(__file__).resolve().parent))
import benchlib  # noqa: E402
import bench_idle  # noqa: E402
from benchlib import BenchError  # noqa: E402
from configs import lab_config  # noqa: E402

TARGET_P99_S = 1.0
SENDER = "support@example.com"


class Sink:
    """The lab's SMTP sink as the benchmark watches it: mail stored since
    this object was made is numbered 1, 2, ... here."""

    def __init__(self, lab):
        self.dir = Path(lab.state["smtp"]["received_dir"])
        self.attempts = Path(lab.state["smtp"]["attempts_file"])
        self.pid = lab.state["pids"]["smtp_sink"]
        numbers = [int(p.stem) for p in self.dir.glob("[0-9]*.json")]
        self.base = max(numbers, default=0)
        try:
            self.attempts_offset = self.attempts.stat().st_size
        except FileNotFoundError:
            self.attempts_offset = 0

    def path(self, n):
        return self.dir / ("%06d.json" % (self.base + n))

    def has(self, n):
        """Whether the nth mail is stored: one stat, nothing read."""
        return os.path.exists(self.path(n))

    def meta(self, n):
        return json.loads(self.path(n).read_text())

    def sessions(self):
        """(accepted mails, distinct client ports, refused transactions)
        since this object was made."""
        with open(self.attempts, "rb") as f:
            f.seek(self.attempts_offset)
            lines = f.read().decode("utf-8", "replace").splitlines()
        peers, accepted, refused = set(), 0, 0
        for line in lines:
            try:
                a = json.loads(line)
            except ValueError:
                continue
            if a.get("result") == "accepted":
                accepted += 1
                peers.add(tuple(a.get("peer") or ()))
            else:
                refused += 1
        return accepted, len(peers), refused


def stats(values):
    return {"n": len(values), "median": benchlib.median(values),
            "p90": benchlib.percentile(values, 90),
            "p99": benchlib.percentile(values, 99), "max": max(values),
            "min": min(values)}


def fmt_ms(s):
    return "%8.1f" % (s * 1000)


def _quiet(fn):
    try:
        fn()
    except (OSError, imaplib.IMAP4.error):
        pass


# ---------------------------------------------------------------------------
# (a) latency
# ---------------------------------------------------------------------------

def fresh_mail(raw, i, run):
    """raw from a new sender address and dated now: (address, bytes)."""
    head, sep, body = raw.partition(b"\r\n\r\n")
    old = re.search(rb"^Return-Path: <([^>]+)>", head, re.M).group(1)
    new = b"ack%d.%s@customer.example" % (i, run.encode())
    head = head.replace(old, new)
    date = email.utils.formatdate(time.time(), localtime=False).encode()
    head = re.sub(rb"^Date: [^\r\n]*", b"Date: " + date, head, count=1,
                  flags=re.M)
    return new.decode(), head + sep + body


def wait_ack(sink, reader, n, poll_s, timeout, d):
    """Polls until the sink holds the nth mail: (t_commit, t_ack) on the
    monotonic clock, t_ack None after timeout."""
    deadline = time.monotonic() + timeout
    t_commit = None
    while True:
        now = time.monotonic()
        if t_commit is None and reader.scalar(
                "SELECT max(id) FROM tickets") >= n:
            t_commit = now
        if sink.has(n):
            return (t_commit if t_commit is not None else now), now
        if now > deadline:
            return t_commit, None
        if d.proc.poll() is not None:
            raise BenchError("complaintd exited (%s):\n%s"
                             % (d.proc.returncode, d.log()[-3000:]))
        time.sleep(poll_s)


def log_sender_share(log_text):
    """Per ticket: the daemon's own stamps, ticket.created -> mail.sent
    (whole ms of wall time)."""
    created, sent = {}, {}
    for line in log_text.splitlines():
        m = re.search(r"event=(ticket\.created|mail\.sent) .*?ticket=(\d+)",
                      line)
        if m:
            t = benchlib.log_time(line)
            (created if m.group(1) == "ticket.created" else sent).setdefault(
                int(m.group(2)), t)
    return [sent[k] - created[k] for k in created
            if k in sent and None not in (sent[k], created[k])]


def run_latency(args, bins, root, lab, cleanup):
    rng = random.Random(7)
    floor = []
    if args.server_rounds > 0:
        floor = bench_idle.server_floor(
            lab, benchlib.complaint_mails(args.server_rounds, seed=8,
                                          replies=0),
            rng, args.gap_ms / 1000)
        print("bench_ack: server alone (bare IDLE client): median %.1f ms"
              % (benchlib.median(floor) * 1000), flush=True)
    mails = benchlib.complaint_mails(args.rounds, seed=9, replies=0)
    # No team address: the acknowledgements are the only mail sent.
    d, conf, db = benchlib.start_daemon(bins, Path(root) / "desk-ack", lab,
                                        cleanup)
    reader = benchlib.StoreReader(db)
    cleanup.append(reader.close)
    bench_idle.wait_ready(d, reader)
    time.sleep(0.5)     # IDLE is issued right after the first drain
    sink = Sink(lab)
    print("bench_ack: daemon idle; %d rounds" % args.rounds, flush=True)
    client = lab.imap_client("support", timeout=30)
    cleanup.append(lambda: _quiet(client.shutdown))
    total, ingest, sender, append_s = [], [], [], []
    misses, wrong = 0, 0
    run = "%06x" % random.getrandbits(24)
    for i, raw in enumerate(mails):
        addr, raw = fresh_mail(raw, i, run)
        t_send = time.monotonic()
        typ, data = client.append("INBOX", None, None, raw)
        t_ok = time.monotonic()
        if typ != "OK":
            raise BenchError("APPEND failed: %s" % data)
        append_s.append(t_ok - t_send)
        t_commit, t_ack = wait_ack(sink, reader, i + 1, args.poll_ms / 1000,
                                   args.round_timeout, d)
        if t_ack is None:
            misses += 1
            # Do not let a late ack shift every later round.
            if wait_ack(sink, reader, i + 1, args.poll_ms / 1000, 60,
                        d)[1] is None:
                raise BenchError("no ack for mail %d:\n%s"
                                 % (i + 1, d.log()[-3000:]))
        else:
            total.append(t_ack - t_ok)
            ingest.append(t_commit - t_ok)
            sender.append(t_ack - t_commit)
        if sink.meta(i + 1)["rcpt_tos"] != [addr]:
            wrong += 1
        if (i + 1) % 50 == 0:
            print("bench_ack: %d/%d, median so far %.1f ms"
                  % (i + 1, args.rounds,
                     benchlib.median(total) * 1000 if total else 0),
                  flush=True)
        gap = args.gap_ms / 1000
        time.sleep(rng.uniform(gap / 2, gap * 1.5))
    client.logout()
    status = benchlib.stop_daemon(d)
    if status != 0:
        print("bench_ack: complaintd exited %s" % status, file=sys.stderr)
    extra = sink.sessions()
    return {"total": total, "ingest": ingest, "sender": sender,
            "log_sender": log_sender_share(d.log()), "append": append_s,
            "floor": floor, "misses": misses, "wrong": wrong,
            "stored": extra[0] - args.rounds, "connections": extra[1]}


def report_latency(args, r):
    print()
    print("complaintd acknowledgement latency (IDLE)")
    print("  %d rounds, each from a new address; APPEND OK -> ack stored by "
          "the SMTP sink (polled every %g ms)" % (args.rounds, args.poll_ms))
    print()
    print("  %-40s %8s %8s %8s %8s %8s" % ("ms", "median", "p90", "p99",
                                           "max", "min"))
    rows = [("APPEND OK -> ACK STORED BY SINK", r["total"]),
            ("  APPEND OK -> ticket committed", r["ingest"]),
            ("  ticket committed -> ack stored", r["sender"]),
            ("daemon log: ticket.created -> sent", r["log_sender"]),
            ("APPEND itself (send -> tagged OK)", r["append"]),
            ("server only: APPEND OK -> * EXISTS", r["floor"])]
    out = {}
    for name, values in rows:
        if not values:
            continue
        s = stats(values)
        out[name.strip()] = s
        print("  %-40s %s %s %s %s %s" % (name, fmt_ms(s["median"]),
                                          fmt_ms(s["p90"]), fmt_ms(s["p99"]),
                                          fmt_ms(s["max"]), fmt_ms(s["min"])))
    print()
    if r["total"] and r["floor"]:
        share = benchlib.median(r["total"]) - benchlib.median(r["floor"])
        print("  %-40s %8.1f ms (median minus the server's median)"
              % ("daemon's share", share * 1000))
        out["daemon_share_median_ms"] = share * 1000
    if r["total"]:
        p99 = benchlib.percentile(r["total"], 99)
        print("  %-40s %8.1f ms  target < %.0f ms  %s" % (
            "P99 APPEND OK -> ACK STORED", p99 * 1000, TARGET_P99_S * 1000,
            "met" if p99 < TARGET_P99_S and not r["misses"] else "MISSED"))
    print("  %-40s %8d for %d acks over %.0f s" % (
        "SMTP connections used", r["connections"], args.rounds,
        sum(r["total"]) + args.rounds * args.gap_ms / 1000))
    if r["misses"]:
        print("  %d round(s) without an ack within %.0f s (counted as "
              "missed)" % (r["misses"], args.round_timeout))
    if r["wrong"] or r["stored"]:
        print("  WARNING: %d ack(s) to the wrong address, %d more mail(s) "
              "than acks at the sink" % (r["wrong"], r["stored"]))
    out.update(misses=r["misses"], wrong_recipient=r["wrong"],
               connections=r["connections"])
    return out


# ---------------------------------------------------------------------------
# (b) throughput
# ---------------------------------------------------------------------------

def readdress(raw, recipient, message_id):
    """A composed mail with its To and Message-ID fields replaced."""
    head, sep, body = raw.partition(b"\r\n\r\n")
    head = re.sub(rb"^To: [^\r\n]*(\r\n[ \t][^\r\n]*)*",
                  b"To: " + recipient.encode(), head, count=1, flags=re.M)
    head = re.sub(rb"^Message-ID: [^\r\n]*",
                  b"Message-ID: <" + message_id.encode() + b">", head,
                  count=1, flags=re.M)
    return head + sep + body


def fill_outbox(bins, workdir, lab, n, templates):
    """A fresh store whose outbox holds n queued mails; returns (conf, db,
    [raw bytes])."""
    workdir.mkdir(parents=True, exist_ok=True)
    # The lab's empty "sales" mailbox: the daemon idles on it while it
    # sends; its team makes complaintctl compose notices as well.
    conf = lab_config(workdir, lab, mailboxes=[
        {"name": "sales", "user": "sales", "tls": "none",
         "extra": '    poll_interval = "10m";\n'
                  '    team = "team@example.com";'}])
    for i, raw in enumerate(benchlib.complaint_mails(templates, seed=11,
                                                     replies=0)):
        path = workdir / ("template%d.eml" % i)
        path.write_bytes(raw)
        r = benchlib.run([bins["complaintctl"], "-c", str(conf), "ingest",
                          "--mailbox", "sales", str(path)])
        if r.returncode != 0:
            raise BenchError("complaintctl ingest: %s" % r.stderr.strip())
    db_path = workdir / "complaintd.db"
    db = sqlite3.connect(str(db_path), isolation_level=None)
    try:
        made = db.execute("SELECT kind, ticket_id, sender, subject, language, "
                          "raw FROM outbox ORDER BY id").fetchall()
        if not made:
            raise BenchError("complaintctl ingest queued no mail")
        now = int(time.time())
        rows, raws = [], []
        for k in range(n):
            kind, ticket, sender, subject, lang, raw = made[k % len(made)]
            rcpt = "customer%d@example.com" % (k + 1)
            msgid = "bench.%d.%06x@example.com" % (k + 1, k)
            raw = readdress(bytes(raw), rcpt, msgid)
            raws.append(raw)
            rows.append((kind, ticket, sender, rcpt, msgid, subject, lang,
                         raw, now))
        db.execute("BEGIN IMMEDIATE")
        db.execute("DELETE FROM outbox")
        db.executemany(
            "INSERT INTO outbox (kind, ticket_id, sender, recipient, "
            "message_id, subject, language, raw, status, created, "
            "next_attempt) VALUES (?, ?, ?, ?, ?, ?, ?, ?, 'queued', ?, 0)",
            rows)
        db.execute("COMMIT")
        db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    finally:
        db.close()
    return conf, db_path, raws


def smtp_ceiling(lab, raws):
    """The sink alone: the same mails from smtplib over one connection.
    Returns (seconds, connections)."""
    sink = Sink(lab)
    t0 = time.monotonic()
    with smtplib.SMTP(lab.host, lab.ports["smtp"], local_hostname="bench",
                      timeout=60) as s:
        for k, raw in enumerate(raws):
            s.sendmail(SENDER, ["customer%d@example.com" % (k + 1)], raw)
    took = time.monotonic() - t0
    return took, sink.sessions()[1]


def wait_sent(sink, reader, n, d, timeout, progress):
    """Until the sink holds n mails and the store marks n sent: (time of
    the first mail at the sink, of the nth, of the store's last sent)."""
    deadline = time.monotonic() + timeout
    first = last = None
    next_print = time.monotonic() + 5
    k = 1
    while last is None:
        # Walk the sink's numbering forward: a stat per new mail.
        while sink.has(k):
            if first is None:
                first = time.monotonic()
            k += 1
        if k > n:
            last = time.monotonic()
            break
        now = time.monotonic()
        if now > deadline:
            raise BenchError("%d of %d mails at the sink after %.0f s"
                             % (k - 1, n, timeout))
        if d.proc.poll() is not None:
            raise BenchError("complaintd exited (%s):\n%s"
                             % (d.proc.returncode, d.log()[-3000:]))
        if progress and now > next_print:
            print("bench_ack: %d/%d at the sink" % (k - 1, n), flush=True)
            next_print = now + 5
        time.sleep(0.005)
    while reader.scalar("SELECT count(*) FROM outbox WHERE status = 'sent'",
                        -1) < n:
        if time.monotonic() > deadline:
            raise BenchError("the store does not mark %d mails sent" % n)
        time.sleep(0.005)
    return first, last, time.monotonic()


def run_throughput(args, bins, root, lab, cleanup):
    workdir = Path(root) / "desk-send"
    t = time.monotonic()
    conf, db, raws = fill_outbox(bins, workdir, lab, args.outbox,
                                 args.templates)
    sizes = [len(r) for r in raws]
    print("bench_ack: outbox filled: %d mails, %.1f KB mean (%d-%d bytes), "
          "in %.1f s" % (len(raws), sum(sizes) / len(sizes) / 1024,
                         min(sizes), max(sizes), time.monotonic() - t),
          flush=True)
    ceiling = None
    if args.ceiling:
        took, conns = smtp_ceiling(lab, raws)
        ceiling = {"seconds": took, "mails_per_s": len(raws) / took,
                   "connections": conns}
        print("bench_ack: sink ceiling (smtplib, one connection): %.0f "
              "mails/s" % ceiling["mails_per_s"], flush=True)
    del raws
    sink = Sink(lab)
    sink_cpu0 = benchlib.proc_cpu_seconds(sink.pid)
    reader = benchlib.StoreReader(db)
    cleanup.append(reader.close)
    t0 = time.monotonic()
    d = benchlib.Daemon(bins["complaintd"], conf, workdir)
    cleanup.append(d.close)
    first, last, marked = wait_sent(sink, reader, args.outbox, d,
                                    args.send_timeout, True)
    cpu = benchlib.proc_cpu_seconds(d.proc.pid)
    sink_cpu = benchlib.proc_cpu_seconds(sink.pid) - sink_cpu0
    status = benchlib.stop_daemon(d)
    if status != 0:
        print("bench_ack: complaintd exited %s" % status, file=sys.stderr)
    accepted, conns, refused = sink.sessions()
    log = d.log()
    return {"n": args.outbox, "mean_size": sum(sizes) / len(sizes),
            "start_to_all_sent": marked - t0,
            "start_to_first": first - t0,
            "first_to_last": last - first, "cpu": cpu, "sink_cpu": sink_cpu,
            "accepted": accepted, "connections": conns, "refused": refused,
            "retries": log.count("event=mail.retry"),
            "failed": log.count("event=mail.failed"), "ceiling": ceiling}


def report_throughput(r):
    n = r["n"]
    print()
    print("complaintd sender throughput")
    print("  %d queued mails (%.1f KB mean), complaintd started on them"
          % (n, r["mean_size"] / 1024))
    print()
    rows = [("start -> all stored and marked sent", r["start_to_all_sent"]),
            ("first -> last mail at the sink", r["first_to_last"])]
    for name, secs in rows:
        print("  %-40s %8.2f s  %8.0f mails/s" % (name, secs, n / secs))
    print("  %-40s %8.2f s" % ("start -> first mail at the sink",
                                r["start_to_first"]))
    if r["ceiling"]:
        c = r["ceiling"]
        print("  %-40s %8.2f s  %8.0f mails/s" % (
            "sink ceiling: smtplib, one connection", c["seconds"],
            c["mails_per_s"]))
    print("  %-40s %8.2f s (%.2f ms/mail); sink %.2f s" % (
        "CPU: complaintd", r["cpu"], r["cpu"] * 1000 / n, r["sink_cpu"]))
    print("  %-40s %8d (accepted %d, refused %d, retries %d, failed %d)"
          % ("SMTP connections used", r["connections"], r["accepted"],
             r["refused"], r["retries"], r["failed"]))
    print("  %-40s %s" % ("one connection reused across messages",
                          "yes" if r["connections"] == 1 else "NO"))
    out = dict(r)
    out["mails_per_s"] = n / r["start_to_all_sent"]
    out["mails_per_s_first_to_last"] = n / r["first_to_last"]
    return out


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--build", default="build-bench",
                    help="build directory (relative to the source tree)")
    ap.add_argument("--part", choices=("latency", "throughput", "both"),
                    default="both")
    ap.add_argument("--rounds", type=int, default=200)
    ap.add_argument("--poll-ms", type=float, default=2.0,
                    help="how often the sink (and the store) are looked at")
    ap.add_argument("--gap-ms", type=float, default=200.0,
                    help="mean pause after an ack before the next APPEND "
                    "(drawn from gap/2 .. 3*gap/2), so the daemon is back "
                    "in IDLE")
    ap.add_argument("--round-timeout", type=float, default=10.0)
    ap.add_argument("--server-rounds", type=int, default=20,
                    help="rounds timing the server alone with a bare IDLE "
                    "client first (0: skip)")
    ap.add_argument("--outbox", type=int, default=5000,
                    help="queued mails the sender drains")
    ap.add_argument("--templates", type=int, default=40,
                    help="complaints whose ack and notice are cloned into "
                    "the outbox")
    ap.add_argument("--no-ceiling", dest="ceiling", action="store_false",
                    help="skip the smtplib run that times the sink alone")
    ap.add_argument("--send-timeout", type=float, default=900)
    ap.add_argument("--json", help="also write the figures to this file")
    ap.add_argument("--keep", action="store_true",
                    help="keep the work directory (lab, stores, logs)")
    args = ap.parse_args(argv)
    try:
        bins = benchlib.binaries(args.build)
        machine = benchlib.busy_report()
        print("bench_ack: before the run: %s" % machine, flush=True)
        figures = {"machine": machine}
        with benchlib.bench_env(args.keep) as (root, lab, cleanup):
            lat = thr = None
            if args.part in ("latency", "both"):
                lat = run_latency(args, bins, root, lab, cleanup)
            if args.part in ("throughput", "both"):
                thr = run_throughput(args, bins, root, lab, cleanup)
            if lat:
                figures["latency"] = report_latency(args, lat)
            if thr:
                figures["throughput"] = report_throughput(thr)
            print("  machine before: %s" % machine)
        if args.json:
            Path(args.json).write_text(json.dumps(figures, indent=2) + "\n")
    except (BenchError, benchlib.lablib.LabError, imaplib.IMAP4.error,
            smtplib.SMTPException, sqlite3.Error, subprocess.SubprocessError,
            OSError) as e:
        print("bench_ack: error: %s" % e, file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print("bench_ack: interrupted", file=sys.stderr)
        return 130
    return 0


if __name__ == "__main__":
    sys.exit(main())
