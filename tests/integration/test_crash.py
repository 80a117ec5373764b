"""kill -9 the daemon at random moments while it drains a full mailbox;
after the restarts every mail is exactly one ticket or thread entry, on the
right ticket, and the after-fetch action reached the server for every mail.

The mails (corpus.bulk: ~4 KB complaints, and replies by In-Reply-To or
References to earlier mails of the set) are delivered straight into the
Maildir.  The daemon drains a thousand mails in a fraction of a second
and logs a batch only once it has committed, so a kill timed from outside
would rarely land inside a batch; instead each run is told, through the
test-only COMPLAINTD_TEST_KILL_AT=N, to SIGKILL itself at its Nth step —
a mail stored but its batch not committed, a batch committed but not yet
flagged or moved, an action done but not yet cleared — with N drawn at
random (seeded) from the work that run has left.  Each run is checked to
have died of SIGKILL.  The kill plan is printed; CRASH_SEED=N reruns
another plan.
"""

import collections
import concurrent.futures
import json
import os
import random
import re
import signal
import subprocess
import time

import sqlite3

import corpus as corpuslib
from configs import lab_config
from daemon_proc import Daemon

SEED = int(os.environ.get("CRASH_SEED", "7151"))
_EVENT_RX = re.compile(rb"event=(ticket\.created|message\.appended|message\.duplicate) "
                       rb"ticket=(-?\d+) mailbox=(\S+) uid=(\d+) ")


class LogTail:
    """Follows a daemon's log as it grows; collects its ingest verdicts
    (outcome, ticket, uid) without re-reading the whole file."""

    def __init__(self, daemon):
        self.daemon = daemon
        self.f = open(daemon.log_path, "rb")
        self.rest = b""
        self.events = []

    def poll(self):
        data = self.f.read()
        if data:
            lines = (self.rest + data).split(b"\n")
            self.rest = lines.pop()
            for line in lines:
                mo = _EVENT_RX.search(line)
                if mo:
                    self.events.append((mo.group(1).decode(), int(mo.group(2)),
                                        int(mo.group(4))))
        return len(self.events)

    def wait(self, count, timeout=60):
        """Returns once count verdicts are logged (polling every 0.5 ms)."""
        deadline = time.monotonic() + timeout
        while self.poll() < count:
            if self.daemon.proc.poll() is not None or time.monotonic() > deadline:
                raise AssertionError("%d ingest verdicts, want %d (exit %s):\n%s" % (
                    len(self.events), count, self.daemon.proc.poll(),
                    self.daemon.log()[-3000:]))
            time.sleep(0.0005)

    def close(self):
        self.poll()
        self.f.close()


def ctl(complaintctl_bin, conf, *args):
    r = subprocess.run([complaintctl_bin, "-c", str(conf), "--json"] + list(args),
                       capture_output=True, text=True, timeout=60)
    assert r.returncode == 0, "complaintctl %s: exit %d: %s" % (
        " ".join(args), r.returncode, r.stderr)
    return json.loads(r.stdout)


def message_ids(lab, folder="INBOX"):
    """{uid: Message-ID without <>} of a folder (read-only)."""
    with lab.imap_client("support") as m:
        typ, data = m.select('"%s"' % folder, readonly=True)
        assert typ == "OK", data
        if int(data[0]) == 0:
            return {}
        typ, data = m.uid("FETCH", "1:*", "(BODY.PEEK[HEADER.FIELDS (MESSAGE-ID)])")
        assert typ == "OK", data
    out = {}
    for item in data:
        if isinstance(item, tuple):
            uid = int(re.search(rb"UID (\d+)", item[0]).group(1))
            mid = re.search(rb"<([^>]+)>", item[1])
            out[uid] = mid.group(1).decode() if mid else None
    return out


def owed(daemon):
    """", after re-applying N owed actions" when the run began so."""
    mo = re.search(r"event=fetcher\.resume mailbox=support count=(\d+)", daemon.log())
    return ", after re-applying %s owed actions" % mo.group(1) if mo else ""


def wait_server(lab, check, what, timeout=30):
    deadline = time.monotonic() + timeout
    while True:
        state = check()
        if state is True:
            return
        assert time.monotonic() < deadline, "after %ds, %s: %s" % (timeout, what, state)
        time.sleep(0.1)


def batch_size():
    """FETCH_BATCH_MAILS, read from the daemon's source."""
    src = os.environ.get("COMPLAINTD_SOURCE_DIR") or os.path.join(
        os.path.dirname(__file__), "..", "..")
    with open(os.path.join(src, "daemon", "fetcher_drain.c")) as f:
        return int(re.search(r"#define FETCH_BATCH_MAILS (\d+)", f.read()).group(1))


def committed_uid(tmp_path):
    """The mailbox cursor as committed: the highest UID stored."""
    db = tmp_path / "complaintd.db"
    if not db.exists():
        return 0
    with sqlite3.connect("file:%s?mode=ro" % db, uri=True) as c:
        row = c.execute("SELECT max(last_uid) FROM mailboxes").fetchone()
    return row[0] or 0


def crash_drain(lab, complaintd_bin, tmp_path, mails, kills, extra=None,
                seed=SEED):
    """Delivers mails, then kills `kills` daemon runs mid-drain and lets a
    last one finish.  Returns (config path, the last run's Daemon, every
    run's verdicts)."""
    rng = random.Random(seed)
    start = time.monotonic()
    lab.inject("support", [m.raw for m in mails], method="maildir")
    # Dovecot numbers the new files now, in delivery order (replies after
    # the mail they answer): the model's ticket numbers depend on it.
    ids = message_ids(lab)
    assert [ids[u] for u in sorted(ids)] == [m.message_id for m in mails], \
        "Dovecot did not number the mail in delivery order"
    last_uid = max(ids)
    print("\n%d mails delivered in %.2f s" % (len(mails), time.monotonic() - start))

    mb = {"name": "support", "user": "support", "tls": "starttls"}
    if extra:
        mb["extra"] = extra
    conf = lab_config(tmp_path, lab, mailboxes=[mb])
    print("kill plan (seed %d): each run dies at a random step of the "
          "work it has left" % seed)
    runs = []
    batch = batch_size()
    for k in range(kills):
        left = last_uid - committed_uid(tmp_path)
        assert left > 0, "kill %d: the drain had already ended" % (k + 1)
        # Steps count the store thread's mails, then its commit (so the
        # first batch commits at step batch + 1), and the IMAP thread's
        # actions as they come: a third of the kills inside a batch, a
        # third just after a commit, a third around the first action.
        # In the last batch only mail steps: a later kill needs work left.
        first = min(left, batch)
        step = rng.choice([rng.randint(1, first), first + 1, first + 2]
                          if left > batch else [rng.randint(1, first)])
        (tmp_path / ("run%d" % k)).mkdir()
        d = Daemon(complaintd_bin, conf, tmp_path / ("run%d" % k),
                   env={"COMPLAINTD_TEST_KILL_AT": str(step)})
        tail = LogTail(d)
        try:
            assert d.wait_exit(60) == -signal.SIGKILL, \
                "run %d did not die at step %d:\n%s" % (k + 1, step,
                                                        d.log()[-2000:])
        finally:
            d.close()
            tail.close()
        runs.append(tail.events)
        why = re.search(r"killing at step \d+ \(([^)]*)\)", d.log())
        print("kill %d at step %d of ~%d (%s): %d verdicts committed in this "
              "run%s" % (k + 1, step, left, why.group(1) if why else "?",
                         len(tail.events), owed(d)))

    (tmp_path / "final").mkdir()
    d = Daemon(complaintd_bin, conf, tmp_path / "final")
    tail = LogTail(d)
    try:
        tail.wait(1)
        if extra and "move:" in extra:
            wait_server(lab, lambda: not message_ids(lab) or
                        "%d left in INBOX" % len(message_ids(lab)),
                        "INBOX not emptied")
        else:
            def all_seen():
                unseen = [u for u, f in lab.list_messages("support") if "\\Seen" not in f]
                return not unseen or "%d not \\Seen, e.g. %s" % (len(unseen), unseen[:10])
            wait_server(lab, all_seen, "mail left unflagged")
        status, _ = d.stop()
        assert status == 0, d.log()[-3000:]
    finally:
        d.close()
        tail.close()
    runs.append(tail.events)
    print("final run: %d verdicts%s; whole test %.1f s so far" % (
        len(tail.events), owed(d), time.monotonic() - start))
    return conf, d, runs


def check_store(complaintctl_bin, conf, mails, runs):
    """Every mail exactly once, on the ticket the model says."""
    want_ticket = {m.message_id: m.ticket for m in mails}
    n_tickets = max(m.ticket for m in mails)
    listed = ctl(complaintctl_bin, conf, "list")
    assert len(listed) == n_tickets, "%d tickets, want %d (one per complaint)" % (
        len(listed), n_tickets)
    assert sorted(t["id"] for t in listed) == list(range(1, n_tickets + 1))
    assert sum(t["messages"] for t in listed) == len(mails), \
        "%d messages stored, want %d" % (sum(t["messages"] for t in listed), len(mails))

    with concurrent.futures.ThreadPoolExecutor(8) as pool:
        shows = list(pool.map(lambda t: ctl(complaintctl_bin, conf, "show", str(t["id"])),
                              listed))
    count = collections.Counter()
    wrong = []
    for s in shows:
        for msg in s["thread"]:
            count[msg["message_id"]] += 1
            if want_ticket.get(msg["message_id"]) != s["id"]:
                wrong.append("%s on ticket %d, want %s" % (
                    msg["message_id"], s["id"], want_ticket.get(msg["message_id"])))
    twice = {k: v for k, v in count.items() if v != 1}
    lost = sorted(set(want_ticket) - set(count))
    assert not twice, "stored more than once: %s" % twice
    assert not lost, "%d mails lost, e.g. %s" % (len(lost), lost[:10])
    assert not wrong, "%d on the wrong ticket:\n  %s" % (len(wrong), "\n  ".join(wrong[:20]))
    # Nothing committed was ever read again as new: the cursor moves in the
    # same transaction as the mail, so a restart sees no duplicates.
    dups = [(k, e) for k, run in enumerate(runs) for e in run if e[0] == "message.duplicate"]
    assert not dups, "mail stored in a run was fetched again: %s" % dups[:10]


def test_kill_9_five_times_while_draining_1000_mails(lab, complaintd_bin,
                                                     complaintctl_bin, tmp_path):
    mails = corpuslib.bulk(SEED, 1000)
    conf, _, runs = crash_drain(lab, complaintd_bin, tmp_path, mails, kills=5)
    check_store(complaintctl_bin, conf, mails, runs)
    flags = lab.list_messages("support")
    assert len(flags) == 1000 and all("\\Seen" in f for _, f in flags)
    print("%d tickets, %d replies; every mail once and \\Seen" % (
        max(m.ticket for m in mails), sum(m.parent is not None for m in mails)))


def test_kill_9_with_move_after_fetch(lab, complaintd_bin, complaintctl_bin, tmp_path):
    mails = corpuslib.bulk(SEED + 1, 400)
    conf, _, runs = crash_drain(lab, complaintd_bin, tmp_path, mails, kills=3,
                                seed=SEED + 1,
                                extra='    after_fetch = "move:Processed";')
    check_store(complaintctl_bin, conf, mails, runs)
    assert message_ids(lab) == {}, "INBOX not empty"
    moved = collections.Counter(message_ids(lab, "Processed").values())
    twice = {k: v for k, v in moved.items() if v != 1}
    assert not twice, "in Processed more than once: %s" % twice
    assert set(moved) == {m.message_id for m in mails}, "%d of %d mails in Processed" % (
        len(moved), len(mails))
