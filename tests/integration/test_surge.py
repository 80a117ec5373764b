"""Early warning against the lab: a burst of complaints in one category
raises exactly one alert mail to the manager (through the real SMTP sink)
and one event=surge log line, and a second burst in the same episode none;
a steady stream at the rate of the desk's history raises none, until it
grows past three times that rate."""

import email
import re
import email.policy
import sqlite3
import subprocess
import time

import lab as lablib
from configs import lab_config
from daemon_proc import Daemon

DAVE = "dave@desk.example"
CAROL = "carol@desk.example"

# A manager and a lead (the manager is told); "charged" makes billing.
PEOPLE = """
agents = (
  { name = "alice"; address = "alice@desk.example"; },
  { name = "carol"; address = "%s"; role = "lead"; },
  { name = "dave"; address = "%s"; role = "manager"; }
);
rules = (
  { name = "billing"; subject_any = [ "charged" ]; category = "billing"; }
);
""" % (CAROL, DAVE)

# The scheduler looks every second, so a test need not wait a minute.
SURGE = 'surge = { check_every = "1s"; %s };\n'


def config(tmp_path, lab, surge=""):
    mb = {"name": "support", "user": "support", "tls": "starttls"}
    return lab_config(tmp_path, lab, mailboxes=[mb],
                      extra=PEOPLE + SURGE % surge)


def start(complaintd_bin, tmp_path, conf):
    """The desk, watching the mailbox: mail injected afterwards is new."""
    d = Daemon(complaintd_bin, conf, tmp_path, notify=True)
    d.conf = conf
    d.wait_log(r"event=fetcher.selected")
    return d


def complaint(i):
    return lablib.sample_message(
        i, sender="Customer %d <c%d@example.net>" % (i, i),
        subject="I was charged twice (order %d)" % (7000 + i),
        body="You charged my card twice for order %d.\n" % (7000 + i))


def to(lab, address):
    return [i for i in lab.received() if i["rcpt_tos"] == [address]]


def surge_lines(d):
    return [l for l in d.log().splitlines() if "event=surge " in l]


def wait_count(fn, count, timeout=20):
    deadline = time.monotonic() + timeout
    while True:
        got = fn()
        if len(got) >= count:
            return got
        assert time.monotonic() < deadline, "%d of %d after %ds" % (
            len(got), count, timeout)
        time.sleep(0.05)


def db(tmp_path):
    return sqlite3.connect(str(tmp_path / "complaintd.db"), timeout=10)


def checked_since(tmp_path, when):
    """Whether the surge check ran at or after when (Unix time)."""
    with db(tmp_path) as c:
        row = c.execute("SELECT value FROM settings WHERE key = "
                        "'surge_checked'").fetchone()
    return row is not None and int(row[0]) >= when


def test_burst_alerts_manager_once(lab, complaintd_bin, tmp_path):
    d = start(complaintd_bin, tmp_path, config(tmp_path, lab))
    try:
        lab.inject("support", [complaint(i) for i in range(1, 9)])
        d.wait_log(r"event=ticket.created ticket=8 ")
        alert = wait_count(lambda: to(lab, DAVE), 1)[0]
        msg = email.message_from_bytes(alert["raw"],
                                       policy=email.policy.default)
        assert not msg.defects, msg.defects
        subject = str(msg["Subject"])
        assert subject.startswith("[TEST] Surge: category billing, "), subject
        assert msg["Auto-Submitted"] == "auto-generated"
        body = msg.get_body(("plain",)).get_content()
        assert "I was charged twice (order 70" in body
        assert "[TEST #" in body
        assert "charged (" in body and "twice (" in body
        lines = d.wait_log(r"event=surge ")
        assert "dimension=category value=billing" in lines[0]
        for key in ("count=", "baseline=", "tickets="):
            assert key in lines[0], lines[0]
        # The mailbox surged with the same tickets: recorded, no mail.
        d.wait_log(r"event=surge\.joined dimension=mailbox value=support")

        # A second burst right after: the same episode, no new alert.
        lab.inject("support", [complaint(i) for i in range(9, 17)])
        d.wait_log(r"event=ticket.created ticket=16 ")
        after = time.time()
        wait_count(lambda: [1] if checked_since(tmp_path, after + 1) else [],
                   1)
        time.sleep(1.5)
        assert len(to(lab, DAVE)) == 1
        assert to(lab, CAROL) == []
        assert len(surge_lines(d)) == 1
        with db(tmp_path) as c:
            rows = c.execute("SELECT dimension, value, reason, ended, "
                             "alerted, covered_by IS NULL, tickets FROM "
                             "surges ORDER BY id").fetchall()
        assert [r[:6] for r in rows] == [
            ("category", "billing", "volume", None, 1, 1),
            ("mailbox", "support", "volume", None, 0, 0)]
        assert rows[0][6] == 16
        # The manager answers the alert: a note, never mail to the
        # customer whose ticket the alert sits in.
        customers = len([i for i in lab.received()
                         if i["rcpt_tos"][0].endswith("@example.net")])
        lab.inject("support", [lablib.sample_message(
            99, sender="Dave <%s>" % DAVE, subject="Re: " + subject,
            body="#status closed\nLooking into the billing run now.\n",
            extra_headers=[("In-Reply-To", msg["Message-ID"]),
                           ("References", msg["Message-ID"])])])
        line = d.wait_log(r"event=message.appended .*agent=dave")[0]
        ticket = int(re.search(r"ticket=(\d+)", line).group(1))
        time.sleep(1.5)
        assert len([i for i in lab.received()
                    if i["rcpt_tos"][0].endswith("@example.net")]) == customers
        with db(tmp_path) as c:
            notes = c.execute("SELECT detail FROM events WHERE ticket_id = ? "
                              "AND kind = 'note' AND actor = 'dave'",
                              (ticket,)).fetchall()
            status = c.execute("SELECT status FROM tickets WHERE id = ?",
                               (ticket,)).fetchone()[0]
        assert len(notes) == 1 and "billing run" in notes[0][0]
        assert status != "closed"
        assert d.stop()[0] == 0
    finally:
        d.close()


def seed_history(complaintctl_bin, conf, tmp_path, n, every, before):
    """n billing tickets through complaintctl ingest, their creation then
    moved to one every `every` seconds, the newest `before` seconds ago."""
    for i in range(1, n + 1):
        r = subprocess.run([complaintctl_bin, "-c", str(conf), "ingest",
                            "--mailbox", "support"],
                           input=complaint(1000 + i), capture_output=True,
                           timeout=30)
        assert r.returncode == 0, r.stderr
    now = int(time.time())
    with db(tmp_path) as c:
        ids = [r[0] for r in c.execute("SELECT id FROM tickets ORDER BY id")]
        assert len(ids) == n
        for k, tid in enumerate(reversed(ids)):
            when = now - before - k * every
            c.execute("UPDATE tickets SET created = ?, updated = ? "
                      "WHERE id = ?", (when, when, tid))


def test_steady_rate_raises_none(lab, complaintd_bin, complaintctl_bin,
                                 tmp_path):
    # Six hours of history at six tickets an hour (baseline 6h, so that
    # few tickets make it): an hour at that rate is no surge, min_tickets
    # reached or not; only three times the rate is.
    conf = config(tmp_path, lab, 'baseline = "6h";')
    seed_history(complaintctl_bin, conf, tmp_path, n=36, every=600,
                 before=65 * 60)
    d = start(complaintd_bin, tmp_path, conf)
    try:
        for k in range(3):
            lab.inject("support", [complaint(10 * k + 1),
                                   complaint(10 * k + 2)])
            d.wait_log(r"event=ticket.created ticket=%d " % (36 + 2 * k + 2))
            time.sleep(0.3)
        after = time.time()
        wait_count(lambda: [1] if checked_since(tmp_path, after + 1) else [],
                   1)
        time.sleep(1.5)
        assert to(lab, DAVE) == []
        assert surge_lines(d) == []
        with db(tmp_path) as c:
            assert c.execute("SELECT count(*) FROM surges").fetchone()[0] == 0
        # Twenty in the hour: more than three times six.
        lab.inject("support", [complaint(100 + i) for i in range(14)])
        d.wait_log(r"event=ticket.created ticket=56 ")
        wait_count(lambda: to(lab, DAVE), 1)
        assert len(d.wait_log(r"event=surge ")) == 1
        assert d.stop()[0] == 0
    finally:
        d.close()
