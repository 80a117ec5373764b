"""200 varied mails (with replies and duplicates among them) produce exactly
the expected tickets and thread entries.

corpus.py generates the mails and, for each, what the desk must make of it
(a new ticket, a reply on ticket K by which evidence, or a duplicate).  The
mails go into the lab's "support" INBOX in order, the first chunk before
the daemon starts and the others while it runs, so the daemon sees several
batches and IDLE wake-ups.  Then everything the desk shows is compared with
the model: the log's verdict per UID, `complaintctl list`, `show` for every
ticket, `quarantine`, and the flags on the server.

Also: a restart creates nothing (the cursor holds), and a UIDVALIDITY reset
(Dovecot's UID list thrown away) makes the daemon read the folder again
without making a single ticket or thread entry twice.
"""

import collections
import json
import re
import subprocess
import time
from pathlib import Path

import pytest

import corpus as corpuslib
import lab as lablib
from configs import lab_config
from daemon_proc import Daemon

EVENTS = r"event=(?:ticket\.created|message\.appended|message\.duplicate) "
_EVENT_RX = re.compile(r"event=(ticket\.created|message\.appended|message\.duplicate) "
                       r"ticket=(-?\d+) mailbox=(\S+) uid=(\d+) ")
_BY_RX = re.compile(r" by=([a-z-]+)(?: reopened=yes)?(?: quarantined=yes)?$")
OUTCOME = {"ticket.created": "created", "message.appended": "appended",
           "message.duplicate": "duplicate"}


# ---------------------------------------------------------------------------
# Helpers
# ---------------------------------------------------------------------------

@pytest.fixture
def desk(complaintd_bin, tmp_path):
    """start(lab, run=NAME): the daemon on one configuration (written on the
    first start), each run with its own log in tmp_path/NAME."""
    runs = []

    def start(lab, run="run1", **kwargs):
        conf = tmp_path / "complaintd.conf"
        if not conf.exists():
            lab_config(tmp_path, lab, **kwargs)
        workdir = tmp_path / run
        workdir.mkdir()
        d = Daemon(complaintd_bin, conf, workdir)
        d.conf = conf
        runs.append(d)
        return d

    yield start
    for d in runs:
        d.close()


def ctl(complaintctl_bin, conf, *args):
    r = subprocess.run([complaintctl_bin, "-c", str(conf), "--json"] + list(args),
                       capture_output=True, text=True, timeout=60)
    assert r.returncode == 0, "complaintctl %s: exit %d: %s" % (
        " ".join(args), r.returncode, r.stderr)
    return json.loads(r.stdout)


def ingest_events(daemon):
    """[(outcome, ticket, uid, by)] of the run's ingest log lines, in order."""
    out = []
    for line in daemon.log().splitlines():
        mo = _EVENT_RX.search(line)
        if not mo:
            continue
        by = _BY_RX.search(line)
        out.append((OUTCOME[mo.group(1)], int(mo.group(2)), int(mo.group(4)),
                    by.group(1) if by else None))
    return out


def wait_all_seen(lab, uids, folder="INBOX", timeout=20):
    """Polls until every UID in uids carries \\Seen; returns the listing."""
    want = set(uids)
    deadline = time.monotonic() + timeout
    while True:
        listing = dict(lab.list_messages("support", folder))
        missing = sorted(u for u in want if u not in listing)
        unseen = sorted(u for u in want if u in listing and "\\Seen" not in listing[u])
        if not missing and not unseen:
            return listing
        assert time.monotonic() < deadline, (
            "after %ds: UIDs missing %s, not \\Seen %s" % (timeout, missing, unseen))
        time.sleep(0.1)


def imap_select(lab, folder="INBOX"):
    """(UIDVALIDITY, {uid: raw bytes}) of a folder, read-only."""
    with lab.imap_client("support") as m:
        typ, data = m.select(folder, readonly=True)
        assert typ == "OK", data
        uidvalidity = int(m.response("UIDVALIDITY")[1][0])
        mails = {}
        if int(data[0]) > 0:
            typ, data = m.uid("FETCH", "1:*", "(BODY.PEEK[])")
            assert typ == "OK", data
            for item in data:
                if isinstance(item, tuple):
                    uid = int(re.search(rb"UID (\d+)", item[0]).group(1))
                    mails[uid] = item[1]
    return uidvalidity, mails


CORPUS_SINCE = 'ack = { since = "2025-01-01T00:00:00Z"; };\n'


def run_corpus(lab, desk, corpus):
    """Injects the corpus chunk by chunk (the first before the daemon
    starts) and waits until the daemon has ruled on every mail.
    Returns (daemon, {corpus index: UID}, seconds taken)."""
    uids = {}
    start = time.monotonic()
    (lo, hi), rest = corpus.chunks[0], corpus.chunks[1:]
    got = lab.inject("support", [m.raw for m in corpus.mails[lo:hi]])
    uids.update(zip(range(lo, hi), got))
    # debug: one event=fetcher.new per drain.  The corpus is dated 2024
    # and arrives while the desk watches: ack.since keeps it unanswered,
    # so each ticket holds just the customer's mail.
    d = desk(lab, log_level="debug", extra=CORPUS_SINCE)
    d.wait_log(EVENTS, count=hi, timeout=60)
    for lo, hi in rest:
        got = lab.inject("support", [m.raw for m in corpus.mails[lo:hi]])
        uids.update(zip(range(lo, hi), got))
        d.wait_log(EVENTS, count=hi, timeout=60)
    took = time.monotonic() - start
    order = [uids[i] for i in range(len(corpus.mails))]
    assert None not in order and order == sorted(order) and len(set(order)) == len(order), \
        "APPEND did not give rising UIDs in corpus order: %s" % order
    return d, uids, took


# ---------------------------------------------------------------------------
# The comparison
# ---------------------------------------------------------------------------

def check_verdicts(corpus, uids, events):
    """The daemon's ruling on each mail (from its log) against the model."""
    problems = []
    by_uid = collections.defaultdict(list)
    for ev in events:
        by_uid[ev[2]].append(ev)
    for m in corpus.mails:
        uid = uids[m.index]
        got = by_uid.pop(uid, [])
        want = (m.outcome, m.ticket, uid, m.by if m.outcome == "appended" else None)
        if len(got) != 1:
            problems.append("%s uid %d: %d ingest log lines %s, want one %s" % (
                m.describe(), uid, len(got), got, want))
        elif got[0] != want:
            problems.append("%s uid %d: got %s, want %s" % (m.describe(), uid, got[0], want))
    for uid, evs in sorted(by_uid.items()):
        problems.append("uid %d is no corpus mail but was ingested: %s" % (uid, evs))
    return problems


def check_tickets(corpus, listed):
    """`complaintctl list --json` against the model's tickets."""
    problems = []
    got = {t["id"]: t for t in listed}
    if len(listed) != len(corpus.tickets) or len(got) != len(listed):
        problems.append("%d tickets listed (%d distinct), want %d" % (
            len(listed), len(got), len(corpus.tickets)))
    for number, t in sorted(corpus.tickets.items()):
        g = got.pop(number, None)
        if g is None:
            problems.append("ticket %d (%r) missing" % (number, t.subject))
            continue
        want = {"subject": t.subject, "customer": t.customer,
                "customer_name": t.customer_name, "messages": len(t.mails),
                "linked_ticket": t.linked, "mailbox": "support"}
        have = {k: g.get(k) for k in want}
        if have != want:
            diff = {k: (have[k], want[k]) for k in want if have[k] != want[k]}
            problems.append("ticket %d (first %s): got/want %s" % (
                number, t.mails[0].describe(), diff))
    for number, g in sorted(got.items()):
        problems.append("unexpected ticket %d: %r from %s" % (number, g["subject"], g["customer"]))
    return problems


def check_thread(corpus, number, shown):
    """`complaintctl show N --json` against the model's mails on ticket N."""
    problems = []
    t = corpus.tickets[number]
    thread = shown["thread"]
    want_ids = [m.message_id for m in t.mails]
    got_ids = [x["message_id"] for x in thread]
    if got_ids != want_ids:
        return ["ticket %d: thread Message-IDs %s, want %s" % (number, got_ids, want_ids)]
    for x, m in zip(thread, t.mails):
        where = "ticket %d, %s" % (number, m.describe())
        if x["direction"] != "in":
            problems.append("%s: direction %r" % (where, x["direction"]))
        if x["from"] != m.sender or x["from_name"] != m.sender_name:
            problems.append("%s: from %r <%s>, want %r <%s>" % (
                where, x["from_name"], x["from"], m.sender_name, m.sender))
        if x["subject"] != m.subject:
            problems.append("%s: subject %r, want %r" % (where, x["subject"], m.subject))
        text = x["text"] or ""
        for needle in m.needles:
            if needle not in text:
                problems.append("%s: text lacks %r: %r" % (where, needle, text[:300]))
        atts = [(a["filename"], a["content_type"], a["size"], a["sha256"])
                for a in x["attachments"]]
        if atts != m.attachments:
            problems.append("%s: attachments %s, want %s" % (
                where, [a[:3] for a in atts], [a[:3] for a in m.attachments]))
        if not all(a["stored"] for a in x["attachments"]):
            problems.append("%s: attachment bytes not kept" % where)
        if m.auto is None and x["auto"] is not None:
            problems.append("%s: marked automatic (%r)" % (where, x["auto"]))
        if m.auto is not None and m.auto not in (x["auto"] or ""):
            problems.append("%s: auto %r, want %r in it" % (where, x["auto"], m.auto))
        if m.quarantine is None and x["parse_warnings"] is not None:
            problems.append("%s: parse warnings %r" % (where, x["parse_warnings"]))
        if m.quarantine is not None and m.quarantine not in (x["parse_warnings"] or ""):
            problems.append("%s: parse warnings %r, want %r in them" % (
                where, x["parse_warnings"], m.quarantine))
    return problems


def check_quarantine(corpus, uids, entries):
    want = {(m.ticket, uids[m.index]): m for m in corpus.mails if m.quarantine}
    got = {(e["ticket"], e["uid"]): e for e in entries}
    problems = []
    if set(got) != set(want) or len(entries) != len(want):
        problems.append("quarantine (ticket, uid) %s, want %s" % (
            sorted(got), sorted(want)))
    for key, m in want.items():
        e = got.get(key)
        if e and (m.quarantine not in e["reason"] or e["mailbox"] != "support"
                  or e["status"] != "open"):
            problems.append("quarantine entry %s for %s: %r" % (key, m.describe(), e))
    return problems


def check_desk(complaintctl_bin, conf, corpus, uids=None):
    """Everything the desk shows against the model; a list of problems."""
    listed = ctl(complaintctl_bin, conf, "list")
    problems = check_tickets(corpus, listed)
    for number in sorted(corpus.tickets):
        if any(t["id"] == number for t in listed):
            problems += check_thread(corpus, number,
                                     ctl(complaintctl_bin, conf, "show", str(number)))
    if uids is not None:
        problems += check_quarantine(corpus, uids, ctl(complaintctl_bin, conf, "quarantine"))
    return problems


def fail_on(problems, what):
    assert not problems, "%s: %d problem(s):\n  %s" % (
        what, len(problems), "\n  ".join(problems[:60]))


# ---------------------------------------------------------------------------
# The tests
# ---------------------------------------------------------------------------

def test_corpus_becomes_exactly_the_expected_tickets(lab, desk, complaintctl_bin):
    corpus = corpuslib.build()
    print()
    print(corpus.summary())
    d, uids, took = run_corpus(lab, desk, corpus)
    print("ingest: %d mails in %.2f s (%d chunks)" % (len(uids), took, len(corpus.chunks)))

    events = ingest_events(d)
    fail_on(check_verdicts(corpus, uids, events), "the daemon's verdicts (log)")
    listing = wait_all_seen(lab, uids.values())
    assert sorted(listing) == sorted(uids.values()), "mail appeared or vanished on the server"
    fail_on(check_desk(complaintctl_bin, d.conf, corpus, uids), "what complaintctl shows")

    # Nothing was ingested twice meanwhile, and the daemon saw the mail in
    # several drains (the first one two batches: FETCH_BATCH_MAILS = 100).
    assert len(ingest_events(d)) == len(corpus.mails)
    drains = [(int(n), int(after)) for n, after in re.findall(
        r"event=fetcher\.new mailbox=support count=(\d+) after_uid=(\d+)", d.log())]
    counts = collections.Counter(e[0] for e in events)
    by = collections.Counter(e[3] for e in events if e[3])
    print("daemon: created=%d appended=%d duplicate=%d; by %s" % (
        counts["created"], counts["appended"], counts["duplicate"],
        ", ".join("%s=%d" % kv for kv in sorted(by.items()))))
    print("drains (new mails, after UID): %s" % drains)
    assert len(drains) >= len(corpus.chunks) and drains[0] == (corpus.chunks[0][1], 0), drains
    assert sum(n for n, _ in drains) == len(corpus.mails), drains
    assert d.stop()[0] == 0


def test_restart_creates_nothing_new(lab, desk, complaintctl_bin):
    corpus = corpuslib.build()
    d, uids, _ = run_corpus(lab, desk, corpus)
    wait_all_seen(lab, uids.values())
    assert d.stop()[0] == 0
    before = ctl(complaintctl_bin, d.conf, "list")
    assert len(before) == len(corpus.tickets)

    d2 = desk(lab, run="run2")
    last = max(uids.values())
    d2.wait_log(r"event=fetcher\.selected mailbox=support .* last_uid=%d$" % last, timeout=15)
    # A sentinel behind the corpus: once it is in, the daemon has looked
    # at everything above its cursor.
    [suid] = lab.inject("support", [lablib.sample_message(
        1, subject="Sentinel after the restart", message_id="<sentinel.restart@lab.example>")])
    d2.wait_log(EVENTS, count=1, timeout=15)
    assert ingest_events(d2) == [("created", len(corpus.tickets) + 1, suid, None)], d2.log()
    after = ctl(complaintctl_bin, d.conf, "list")
    assert {t["id"]: t["messages"] for t in after if t["id"] != len(corpus.tickets) + 1} == \
        {t["id"]: t["messages"] for t in before}
    assert len(after) == len(corpus.tickets) + 1
    wait_all_seen(lab, list(uids.values()) + [suid])
    assert d2.stop()[0] == 0


def renumber_inbox(lab, user="support"):
    """Throws away Dovecot's UID list and indexes of user's INBOX with
    Dovecot stopped: on start it numbers the mail afresh from UID 1 under
    a new UIDVALIDITY (flags live in the Maildir file names and stay)."""
    maildir = Path(lab.state["maildir_root"]) / user / "Maildir"
    lab.stop_dovecot()
    removed = []
    for p in maildir.iterdir():
        if p.is_file() and p.name.startswith("dovecot"):
            p.unlink()
            removed.append(p.name)
    assert "dovecot-uidlist" in removed, removed
    lab.start_dovecot()
    return removed


def test_uidvalidity_change_rescans_without_duplicates(lab, desk, complaintctl_bin):
    corpus = corpuslib.build()
    d, uids, _ = run_corpus(lab, desk, corpus)
    wait_all_seen(lab, uids.values())
    before = {t["id"]: t["messages"] for t in ctl(complaintctl_bin, d.conf, "list")}
    quarantine_before = ctl(complaintctl_bin, d.conf, "quarantine")
    old_uv, old_mails = imap_select(lab)
    assert sorted(old_mails) == sorted(uids.values())
    # UIDVALIDITY is Dovecot's clock at creation; make sure it can differ.
    while int(time.time()) <= old_uv:
        time.sleep(0.1)

    removed = renumber_inbox(lab)
    new_uv, new_mails = imap_select(lab)
    print("\nremoved %s; UIDVALIDITY %d -> %d" % (removed, old_uv, new_uv))
    assert new_uv != old_uv, "UIDVALIDITY did not change"
    assert sorted(new_mails) == list(range(1, len(corpus.mails) + 1)), sorted(new_mails)
    assert sorted(new_mails.values()) == sorted(old_mails.values())

    # The daemon reconnects, notices, and reads all 200 again.
    d.wait_log(r"event=fetcher\.uidvalidity mailbox=support uidvalidity=%d" % new_uv,
               timeout=30)
    d.wait_log(EVENTS, count=2 * len(corpus.mails), timeout=60)
    rescan = ingest_events(d)[len(corpus.mails):]
    # Which corpus mail each new UID holds, by its bytes.
    by_raw = {}
    for m in corpus.mails:
        by_raw.setdefault(m.raw, m)
    problems = []
    assert sorted(e[2] for e in rescan) == sorted(new_mails), "not every UID was read again"
    for outcome, ticket, uid, by in rescan:
        m = by_raw[new_mails[uid]]
        if (outcome, ticket) != ("duplicate", m.ticket):
            problems.append("new uid %d = %s: %s on ticket %d, want duplicate on %d" % (
                uid, m.describe(), outcome, ticket, m.ticket))
    fail_on(problems, "the re-scan after the UIDVALIDITY change")
    assert {t["id"]: t["messages"] for t in ctl(complaintctl_bin, d.conf, "list")} == before
    assert ctl(complaintctl_bin, d.conf, "quarantine") == quarantine_before

    # New mail in the new epoch is still ticketed and threaded.
    target = next(m for m in corpus.mails if m.outcome == "created" and m.message_id
                  and m.label == "new")
    fresh = lablib.sample_message(2, subject="New complaint after the renumbering",
                                  message_id="<fresh.after.renumber@lab.example>")
    reply = lablib.sample_message(3, subject="Re: " + target.subject,
                                  message_id="<reply.after.renumber@lab.example>",
                                  extra_headers=[("In-Reply-To", "<%s>" % target.message_id)])
    new_uids = lab.inject("support", [fresh, reply])
    assert new_uids == [len(corpus.mails) + 1, len(corpus.mails) + 2]
    d.wait_log(EVENTS, count=2 * len(corpus.mails) + 2, timeout=15)
    assert ingest_events(d)[2 * len(corpus.mails):] == [
        ("created", len(corpus.tickets) + 1, new_uids[0], None),
        ("appended", target.ticket, new_uids[1], "in-reply-to")]
    after = {t["id"]: t["messages"] for t in ctl(complaintctl_bin, d.conf, "list")}
    before[target.ticket] += 1
    # The fresh complaint and its acknowledgement (the corpus mail is
    # dated before ack.since, so it got none).
    before[len(corpus.tickets) + 1] = 2
    assert after == before
    wait_all_seen(lab, range(1, len(corpus.mails) + 3))
    assert d.stop()[0] == 0
