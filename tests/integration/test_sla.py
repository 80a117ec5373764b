"""SLA deadlines against the lab, on the 24/7 calendar with targets of a
few seconds: a ticket's warning, breach and two escalation levels reach
the right people through the real SMTP sink in that order, once each, and
the last level raises the priority; a pending period moves the resolution
deadline by its length and nothing fires while the ticket is pending; a
restart between the warning and the breach neither repeats nor drops an
event; a daemon that was down past many deadlines sends one digest per
person, not one mail per event."""

import email
import email.policy
import json
import re
import subprocess
import time

import lab as lablib
from configs import lab_config
from daemon_proc import Daemon

ADDR = {"alice": "alice@desk.example", "bob": "bob@desk.example",
        "carol": "carol@desk.example", "dave": "dave@desk.example"}
LEAD, MANAGER = ADDR["carol"], ADDR["dave"]

PEOPLE = """
agents = (
  { name = "alice"; address = "alice@desk.example"; },
  { name = "bob"; address = "bob@desk.example"; },
  { name = "carol"; address = "carol@desk.example"; role = "lead"; },
  { name = "dave"; address = "dave@desk.example"; role = "manager"; }
);
teams = (
  { name = "care"; address = "care@desk.example"; lead = "carol";
    manager = "dave"; members = [ "alice", "bob" ]; }
);
classify = { default_team = "care"; };
"""

# Seconds the scheduler may be late: it sleeps in whole seconds, and the
# sanitizer build is slow.
SLACK = 2


def policy(**keys):
    """The one (default) policy, on the 24/7 calendar, telling at once."""
    keys.setdefault("notify", "immediately")
    lines = []
    for k, v in keys.items():
        if isinstance(v, list):
            v = "[ %s ]" % ", ".join('"%s"' % x for x in v)
        elif isinstance(v, str):
            v = '"%s"' % v
        lines.append("    %s = %s;" % (k, v))
    return 'policies = (\n  {\n    name = "fast";\n%s\n  }\n);\n' % (
        "\n".join(lines))


def start(complaintd_bin, tmp_path, lab, sla):
    mb = {"name": "support", "user": "support", "tls": "starttls"}
    conf = lab_config(tmp_path, lab, mailboxes=[mb], extra=PEOPLE + sla)
    d = Daemon(complaintd_bin, conf, tmp_path)
    d.conf = conf
    d.wait_log(r"event=scheduler.started", timeout=30)
    d.wait_log(r"event=fetcher.selected", timeout=30)
    return d


def restart(complaintd_bin, conf, workdir):
    """The same desk (store and configuration) again; its log in workdir."""
    workdir.mkdir()
    d = Daemon(complaintd_bin, conf, workdir)
    d.conf = conf
    d.wait_log(r"event=scheduler.started", timeout=30)
    return d


def ctl(complaintctl_bin, conf, *args):
    r = subprocess.run([complaintctl_bin, "-c", str(conf), "--json"] +
                       list(args), capture_output=True, text=True, timeout=30)
    assert r.returncode == 0, r.stderr
    return json.loads(r.stdout)


def complaints(lab, first, n):
    lab.inject("support", [
        lablib.sample_message(i, subject="Order %d never came" % i)
        for i in range(first, first + n)])


def sla_mails(lab):
    """The SLA notices the sink accepted, oldest first: (recipient, subject,
    body, message)."""
    out = []
    for item in lab.received():
        msg = email.message_from_bytes(item["raw"],
                                       policy=email.policy.default)
        subject = str(msg["Subject"])
        if not re.search(r"\bSLA (warning|breach|escalation|digest)",
                         subject):
            continue
        assert not msg.defects, msg.defects
        assert len(item["rcpt_tos"]) == 1, item["rcpt_tos"]
        out.append((item["rcpt_tos"][0], subject,
                    msg.get_body(("plain",)).get_content(), msg))
    return out


def wait_count(fn, count, timeout=30):
    deadline = time.monotonic() + timeout
    while True:
        got = fn()
        if len(got) >= count:
            return got
        assert time.monotonic() < deadline, "%d of %d after %ds: %r" % (
            len(got), count, timeout, got)
        time.sleep(0.05)


def sleep_until(wall):
    """Waits for a wall-clock instant (the store's times are time())."""
    while time.time() < wall:
        time.sleep(min(0.1, wall - time.time()))


def sla_events(show):
    """The ticket's SLA events: (kind, clock, level, time)."""
    out = []
    for e in show["events"]:
        if e["kind"] in ("sla.warning", "sla.breach", "sla.escalation"):
            f = dict(kv.split("=", 1) for kv in e["detail"].split())
            out.append((e["kind"], f["clock"], int(f["level"]), e["time"]))
    return out


def sla_log(d, kind, ticket=None):
    return [l for l in d.log().splitlines()
            if "event=sla.%s " % kind in l
            and (ticket is None or " ticket=%d " % ticket in l)]


def test_warning_breach_and_escalations_in_order_once(
        lab, complaintd_bin, complaintctl_bin, tmp_path):
    # first_response: warning at +3, breach at +6, level 1 at +8 to the
    # lead, level 2 at +10 to the manager, who raises the priority by 20.
    # Resolution's warning (half an hour) is far away.
    d = start(complaintd_bin, tmp_path, lab, policy(
        first_response="6s", resolution="1h", warn="50%",
        level1_after="2s", level1_to=["lead"],
        level2_after="4s", level2_to=["manager"], level2_raise=20))
    try:
        complaints(lab, 1, 1)
        d.wait_log(r"event=ticket.created ticket=1 ")
        t = ctl(complaintctl_bin, d.conf, "show", "1")
        assert t["team"] == "care" and t["assignee"] in ("alice", "bob"), t
        owner, created, prio = ADDR[t["assignee"]], t["created"], t["priority"]
        assert t["sla"]["policy"] == "fast"
        assert t["sla"]["first_response_due"] == created + 6
        assert t["sla"]["resolution_due"] == created + 3600

        got = wait_count(lambda: sla_mails(lab), 4, timeout=10 + 15)
        assert [(to, re.sub(r":.*", "", s)) for to, s, _, _ in got] == [
            (owner, "[TEST #1] SLA warning"),
            (owner, "[TEST #1] SLA breach"),
            (LEAD, "[TEST #1] SLA escalation level 1"),
            (MANAGER, "[TEST #1] SLA escalation level 2")], got
        for to, subject, body, msg in got:
            assert "first response" in subject
            assert "Order 1 never came" in subject
            assert msg["Auto-Submitted"] == "auto-generated"
            assert "[TEST #1]" in body and "policy fast" in body

        # Recorded when due (the store keeps whole seconds).
        show = ctl(complaintctl_bin, d.conf, "show", "1")
        ev = sla_events(show)
        assert [e[:3] for e in ev] == [
            ("sla.warning", "first_response", 0),
            ("sla.breach", "first_response", 0),
            ("sla.escalation", "first_response", 1),
            ("sla.escalation", "first_response", 2)], ev
        for (_, _, _, at), due in zip(ev, (3, 6, 8, 10)):
            assert created + due <= at <= created + due + SLACK, (ev, created)
        for kind, to in (("warning", owner), ("breach", owner),
                         ("escalation", LEAD), ("escalation", MANAGER)):
            assert [l for l in sla_log(d, kind, 1) if "to=%s" % to in l], (
                kind, to, d.log())

        # Past everything plus a margin: nothing more.
        sleep_until(created + 10 + 3)
        assert len(sla_mails(lab)) == 4, sla_mails(lab)
        assert len(sla_log(d, "warning")) == len(sla_log(d, "breach")) == 1
        assert len(sla_log(d, "escalation")) == 2
        show = ctl(complaintctl_bin, d.conf, "show", "1")
        assert len(sla_events(show)) == 4
        assert show["priority"] == prio + 20
        # Next: resolution's warning, at 50% of its hour.
        assert show["sla"]["next_event"] == created + 1800
        rows = ctl(complaintctl_bin, d.conf, "sla")
        assert [(r["ticket"], r["state"], r["clock"]) for r in rows] == [
            (1, "breached", "first_response")], rows
        assert d.stop()[0] == 0
    finally:
        d.close()


def test_pending_delays_the_resolution_breach(lab, complaintd_bin,
                                              complaintctl_bin, tmp_path):
    # Resolution: warning at +3, breach at +6 — both inside the pending
    # period, which runs from about +1 to about +8.
    d = start(complaintd_bin, tmp_path, lab, policy(
        resolution="6s", warn="50%"))
    try:
        complaints(lab, 1, 1)
        d.wait_log(r"event=ticket.created ticket=1 ")
        t = ctl(complaintctl_bin, d.conf, "show", "1")
        owner, created = ADDR[t["assignee"]], t["created"]
        due0 = t["sla"]["resolution_due"]
        assert due0 == created + 6
        assert t["sla"]["first_response_due"] == -1, "no such target"

        assert ctl(complaintctl_bin, d.conf, "status", "1", "pending")[
            "status"] == "pending"
        t = ctl(complaintctl_bin, d.conf, "show", "1")
        paused = t["sla"]["paused_since"]
        assert paused >= created and paused < created + 3, \
            "the test was too slow to pend before the warning"
        assert t["sla"]["resolution_due"] == -1
        assert t["sla"]["next_event"] == -1

        # Well past the first deadline while pending: nothing fires.
        sleep_until(due0 + 2)
        assert not sla_log(d, "warning") and not sla_log(d, "breach"), d.log()
        assert sla_mails(lab) == []
        assert ctl(complaintctl_bin, d.conf, "status", "1", "open")[
            "status"] == "open"
        t = ctl(complaintctl_bin, d.conf, "show", "1")
        reopened = [e["time"] for e in t["events"] if e["kind"] ==
                    "ticket.status" and e["detail"] == "pending -> open"]
        assert len(reopened) == 1
        pause = reopened[0] - paused
        assert pause >= 6
        assert t["sla"]["paused_since"] == -1
        assert t["sla"]["paused_seconds"] == pause
        due = t["sla"]["resolution_due"]
        assert due == due0 + pause, (t["sla"], pause)

        line = d.wait_log(r"event=sla.breach ticket=1 ",
                          timeout=due - time.time() + 15)[0]
        assert "clock=resolution" in line and "to=%s" % owner in line
        ev = sla_events(ctl(complaintctl_bin, d.conf, "show", "1"))
        assert [e[:2] for e in ev] == [("sla.warning", "resolution"),
                                       ("sla.breach", "resolution")], ev
        # The pause moved both by its length; nothing was recorded while
        # the ticket was pending.
        assert all(e[3] >= reopened[0] for e in ev), (ev, reopened)
        warn = created + 3 + pause
        assert warn <= ev[0][3] <= warn + SLACK, ev
        assert due <= ev[1][3] <= due + SLACK, (ev, due)
        assert abs(ev[1][3] - (due0 + pause)) <= SLACK
        got = wait_count(lambda: sla_mails(lab), 2)
        assert [(to, re.sub(r":.*", "", s)) for to, s, _, _ in got] == [
            (owner, "[TEST #1] SLA warning"), (owner, "[TEST #1] SLA breach")]
        assert "resolution" in got[1][1]
        assert d.stop()[0] == 0
    finally:
        d.close()


def test_restart_between_warning_and_breach(lab, complaintd_bin,
                                            complaintctl_bin, tmp_path):
    # first_response: warning 5s before the deadline (+3), breach at +8,
    # level 1 at +13, level 2 at +15.  The daemon is down from just after
    # the warning until past the breach's time.
    d = start(complaintd_bin, tmp_path, lab, policy(
        first_response="8s", resolution="1h", warn="5s",
        level1_after="5s", level1_to=["lead"],
        level2_after="7s", level2_to=["manager"]))
    try:
        complaints(lab, 1, 1)
        d.wait_log(r"event=ticket.created ticket=1 ")
        t = ctl(complaintctl_bin, d.conf, "show", "1")
        owner, created = ADDR[t["assignee"]], t["created"]
        d.wait_log(r"event=sla.warning ticket=1 ", timeout=3 + 15)
        wait_count(lambda: sla_mails(lab), 1)
        assert d.stop()[0] == 0
        assert time.time() < created + 8, "stopped after the breach was due"
        assert not sla_log(d, "breach")
    finally:
        d.close()

    sleep_until(created + 9)
    d = restart(complaintd_bin, d.conf, tmp_path / "again")
    try:
        wait_count(lambda: sla_mails(lab), 4, timeout=15 - 9 + 15)
        sleep_until(created + 15 + 2)
        got = sla_mails(lab)
        assert [(to, re.sub(r":.*", "", s)) for to, s, _, _ in got] == [
            (owner, "[TEST #1] SLA warning"),
            (owner, "[TEST #1] SLA breach"),
            (LEAD, "[TEST #1] SLA escalation level 1"),
            (MANAGER, "[TEST #1] SLA escalation level 2")], got
        assert len({m["Message-ID"] for _, _, _, m in got}) == 4
        # The warning was recorded before the stop, not again after it.
        assert not sla_log(d, "warning"), d.log()
        assert len(sla_log(d, "breach", 1)) == 1
        assert len(sla_log(d, "escalation", 1)) == 2
        ev = sla_events(ctl(complaintctl_bin, d.conf, "show", "1"))
        assert [e[:3] for e in ev] == [
            ("sla.warning", "first_response", 0),
            ("sla.breach", "first_response", 0),
            ("sla.escalation", "first_response", 1),
            ("sla.escalation", "first_response", 2)], ev
        assert created + 3 <= ev[0][3] <= created + 3 + SLACK, ev
        assert ev[1][3] >= created + 9, "the breach comes with the restart"
        assert created + 13 <= ev[2][3] <= created + 13 + SLACK, ev
        assert created + 15 <= ev[3][3] <= created + 15 + SLACK, ev
        assert d.stop()[0] == 0
    finally:
        d.close()


def test_long_downtime_sends_one_digest_per_person(lab, complaintd_bin,
                                                   complaintctl_bin,
                                                   tmp_path):
    n = 4
    # Warnings at +5, breaches at +10, level 1 at +11, level 2 at +12: the
    # daemon stops right after the tickets are made, starts after all.
    d = start(complaintd_bin, tmp_path, lab, policy(
        first_response="10s", resolution="1h", warn="50%",
        level1_after="1s", level1_to=["lead"],
        level2_after="2s", level2_to=["manager"]))
    try:
        complaints(lab, 1, n)
        d.wait_log(r"event=ticket.created ticket=%d " % n)
        assert d.stop()[0] == 0
        assert not sla_log(d, "warning"), "stopped too late"
    finally:
        d.close()
    tickets = [ctl(complaintctl_bin, d.conf, "show", str(i))
               for i in range(1, n + 1)]
    assert all(t["sla"]["first_response_due"] == t["created"] + 10
               for t in tickets)
    owners = {}
    for t in tickets:
        owners.setdefault(ADDR[t["assignee"]], []).append(t["id"])
    assert len(owners) == 2, "round robin over alice and bob"

    sleep_until(max(t["created"] for t in tickets) + 12 + 1)
    d = restart(complaintd_bin, d.conf, tmp_path / "again")
    try:
        wait_count(lambda: sla_mails(lab), len(owners) + 2)
        time.sleep(2)
        got = sla_mails(lab)
        by_to = {}
        for to, subject, body, msg in got:
            assert msg["Auto-Submitted"] == "auto-generated"
            by_to.setdefault(to, []).append((subject, body))
        assert sorted(by_to) == sorted(list(owners) + [LEAD, MANAGER]), got
        assert all(len(v) == 1 for v in by_to.values()), \
            "one mail per person: %r" % {k: [s for s, _ in v]
                                         for k, v in by_to.items()}
        expect = {to: (ids, ("SLA warning", "SLA breach"))
                  for to, ids in owners.items()}
        expect[LEAD] = (list(range(1, n + 1)), ("SLA escalation level 1",))
        expect[MANAGER] = (list(range(1, n + 1)), ("SLA escalation level 2",))
        for to, (ids, whats) in expect.items():
            subject, body = by_to[to][0]
            events = len(ids) * len(whats)
            assert subject == "SLA digest: %d events on the desk's tickets" % (
                events), (to, subject)
            for what in whats:
                assert body.count(what + ":") == len(ids), (to, what, body)
            for i in range(1, n + 1):
                assert ("[TEST #%d]" % i in body) == (i in ids), (to, i, body)
        assert len(sla_log(d, "warning")) == len(sla_log(d, "breach")) == n
        assert len(sla_log(d, "escalation")) == 2 * n
        # The lead answers the digest: a note on the ticket it sits in,
        # no command applied, nothing to any customer.
        digest = [m for to, _, _, m in got if to == LEAD][0]
        before = len(lab.received())
        lab.inject("support", [lablib.sample_message(
            90, sender="Carol <%s>" % LEAD, subject="Re: digest",
            body="#status closed\nI will call them all today.\n",
            extra_headers=[("In-Reply-To", digest["Message-ID"])])])
        line = d.wait_log(r"event=message.appended .*agent=carol")[0]
        noted = int(re.search(r"ticket=(\d+)", line).group(1))
        time.sleep(1.5)
        assert len(lab.received()) == before
        shown = ctl(complaintctl_bin, d.conf, "show", str(noted))
        assert shown["status"] != "closed"
        assert [e["detail"] for e in shown["events"]
                if e["kind"] == "note"] == [
                    "#status closed\nI will call them all today."]
        for t in tickets:
            ev = sla_events(ctl(complaintctl_bin, d.conf, "show",
                                str(t["id"])))
            assert sorted(e[:3] for e in ev) == sorted([
                ("sla.warning", "first_response", 0),
                ("sla.breach", "first_response", 0),
                ("sla.escalation", "first_response", 1),
                ("sla.escalation", "first_response", 2)]), ev
        assert d.stop()[0] == 0
    finally:
        d.close()
