"""complaintctl assign, take, note, reopen and tag: an agent's moves on a
ticket, against a store filled by complaintctl ingest (no lab).  Each
change shows in "show --json" and in the ticket's events with who made
it; for every command that changes a ticket (status, reply and merge
too), an unknown ticket (exit 1), a move not allowed now (exit 2) and an
unknown --as agent (exit 64) change nothing."""

import json
import os
import subprocess

import pytest

import lab as lablib
from configs import write_config

EX_NOTFOUND, EX_CONFLICT, EX_USAGE = 1, 2, 64

PEOPLE = """
agents = (
  { name = "alice"; address = "alice@desk.example"; },
  { name = "bob"; address = "bob@desk.example"; },
  { name = "carol"; address = "carol@desk.example"; role = "lead"; }
);
teams = (
  { name = "care"; address = "care@desk.example"; lead = "carol";
    members = [ "alice" ]; assign = "queue"; }
);
classify = { default_team = "care"; };
"""


class Desk:
    """A configuration with agents and two tickets, #1 and #2, both new,
    in team care's queue."""

    def __init__(self, ctl_bin, tmp_path, extra=""):
        self.bin = ctl_bin
        self.tmp = tmp_path
        self.conf = write_config(tmp_path, extra=PEOPLE + extra)
        for i in (1, 2):
            r = self.run("ingest", "--mailbox", "support",
                         data=lablib.sample_message(i))
            assert r.returncode == 0, r.stderr

    def run(self, *args, agent=None, data=None):
        """complaintctl with args; $COMPLAINTD_AGENT only when agent."""
        env = {k: v for k, v in os.environ.items()
               if k != "COMPLAINTD_AGENT"}
        if agent is not None:
            env["COMPLAINTD_AGENT"] = agent
        return subprocess.run([self.bin, "-c", str(self.conf)] + list(args),
                              input=data, capture_output=True, env=env,
                              timeout=30)

    def json(self, *args, **kwargs):
        r = self.run("--json", *args, **kwargs)
        assert r.returncode == 0, r.stderr
        return json.loads(r.stdout)

    def show(self, ticket=1):
        return self.json("show", str(ticket))

    def state(self):
        """What a change would touch, of both tickets."""
        keys = ("status", "assignee", "team", "tags", "updated", "events")
        return [{k: self.show(i)[k] for k in keys} for i in (1, 2)]

    def last_event(self, ticket=1):
        """The newest event a person made (not the mail it queued)."""
        return [e for e in self.show(ticket)["events"]
                if e["kind"] != "notice.queued"][-1]

    def refused(self, status, message, *args, **kwargs):
        """args fail with status and message on stderr; nothing changed."""
        before = self.state()
        r = self.run(*args, **kwargs)
        assert r.returncode == status, (r.stdout, r.stderr)
        assert message.encode() in r.stderr, r.stderr
        assert r.stdout == b""
        assert self.state() == before


@pytest.fixture
def desk(complaintctl_bin, tmp_path):
    return Desk(complaintctl_bin, tmp_path)


def test_assign(desk):
    out = desk.json("assign", "1", "bob", "--as", "carol")
    assert out == {"ticket": 1, "assignee": "bob", "was": None,
                   "team": "care", "by": "carol"}
    t = desk.show()
    assert (t["assignee"], t["team"], t["status"]) == ("bob", "care", "new")
    ev = desk.last_event()
    assert (ev["kind"], ev["actor"], ev["detail"]) == (
        "ticket.assigned", "carol", "to bob (was nobody)")
    # bob hears of it, with the new-ticket notice.
    notices = [o for o in desk.json("outbox", "--all")
               if o["kind"] == "notify_new" and o["to"] == "bob@desk.example"]
    assert len(notices) == 1 and "[" in notices[0]["subject"]
    r = desk.run("assign", "#1", "alice", "--as", "carol")
    assert r.returncode == 0, r.stderr
    assert r.stdout == b"ticket #1: assigned to alice (was bob)\n"
    assert desk.last_event()["detail"] == "to alice (was bob)"
    assert desk.show(2)["assignee"] is None
    desk.refused(EX_CONFLICT, "already assigned to alice",
                 "assign", "1", "alice")
    desk.refused(EX_USAGE, 'no agent is named "zed"', "assign", "1", "zed")


def test_assign_away_agent(desk):
    desk.json("agent", "away", "bob")
    desk.refused(EX_CONFLICT, "bob is away", "assign", "1", "bob")
    desk.refused(EX_CONFLICT, "bob is away", "take", "1", "--as", "bob")
    out = desk.json("assign", "1", "bob", "--force", "--as", "alice")
    assert out["assignee"] == "bob" and out["by"] == "alice"
    assert desk.show()["assignee"] == "bob"


def notices_to(desk, address):
    return len([o for o in desk.json("outbox", "--all")
                if o["kind"] == "notify_new" and o["to"] == address])


def test_take(desk):
    # Who takes a ticket gets no notice of it.
    before = notices_to(desk, "alice@desk.example")
    desk.json("take", "2", "--as", "alice")
    assert notices_to(desk, "alice@desk.example") == before
    desk.refused(EX_USAGE, "--as AGENT or COMPLAINTD_AGENT", "take", "1")
    desk.refused(EX_USAGE, 'no agent is named "ghost" (from COMPLAINTD_AGENT)',
                 "take", "1", agent="ghost")
    out = desk.json("take", "1", agent="alice")
    assert out == {"ticket": 1, "assignee": "alice", "was": None,
                   "team": "care", "by": "alice"}
    ev = desk.last_event()
    assert (ev["kind"], ev["actor"], ev["detail"]) == (
        "ticket.assigned", "alice", "to alice (was nobody)")
    desk.refused(EX_CONFLICT, "already assigned to alice", "take", "1",
                 agent="alice")
    # --as wins over the environment.
    out = desk.json("take", "1", "--as", "bob", agent="alice")
    assert (out["assignee"], out["was"], out["by"]) == ("bob", "alice", "bob")
    assert desk.show()["assignee"] == "bob"


def test_note(desk):
    outbox = len(desk.json("outbox", "--all"))
    out = desk.json("note", "1", "-m", "Called the customer back.",
                    "--as", "carol")
    assert out == {"ticket": 1, "note": "Called the customer back.",
                   "by": "carol"}
    ev = desk.last_event()
    assert (ev["kind"], ev["actor"], ev["detail"]) == (
        "note", "carol", "Called the customer back.")
    (desk.tmp / "note.txt").write_text("Refund approved.\n客户已确认。\n\n")
    desk.json("note", "1", "-f", str(desk.tmp / "note.txt"), agent="bob")
    ev = desk.last_event()
    assert ev["actor"] == "bob"
    assert ev["detail"] == "Refund approved.\n客户已确认。"
    r = desk.run("note", "1", "-", "--as", "alice", data=b"From stdin\n")
    assert r.returncode == 0, r.stderr
    assert r.stdout == b"ticket #1: note added by alice\n"
    assert desk.last_event()["detail"] == "From stdin"
    # A note is no mail.
    assert len(desk.json("outbox", "--all")) == outbox
    desk.refused(EX_USAGE, "the note is empty", "note", "1", "-m", "")
    desk.refused(EX_USAGE, "the note is empty", "note", "1", "-",
                 data=b" \n\t\n")
    desk.refused(EX_USAGE, "usage:", "note", "1")
    desk.refused(EX_USAGE, "usage:", "note", "1", "-m", "x", "-")


def test_reopen(desk):
    desk.refused(EX_CONFLICT, "ticket #1 is new; only a resolved or closed",
                 "reopen", "1")
    for status in ("pending", "open"):
        desk.json("status", "1", status)
        desk.refused(EX_CONFLICT, "ticket #1 is %s" % status, "reopen", "1")
    desk.json("status", "1", "resolved")
    out = desk.json("reopen", "1", "--as", "carol")
    assert out == {"ticket": 1, "from": "resolved", "status": "open",
                   "by": "carol"}
    assert desk.show()["status"] == "open"
    ev = desk.last_event()
    assert (ev["kind"], ev["actor"], ev["detail"]) == (
        "ticket.reopened", "carol", "resolved -> open")
    desk.json("status", "1", "closed")
    r = desk.run("reopen", "1", agent="alice")
    assert r.returncode == 0, r.stderr
    assert r.stdout == b"ticket #1: reopened (was closed)\n"
    assert desk.show()["status"] == "open"
    assert desk.last_event()["actor"] == "alice"


def test_reopen_resumes_resolution_clock(complaintctl_bin, tmp_path):
    desk = Desk(complaintctl_bin, tmp_path, extra="""
policies = ( { name = "day"; resolution = "1d"; } );
""")
    sla = desk.show()["sla"]
    assert sla["policy"] == "day" and sla["resolution_due"] > 0
    desk.json("status", "1", "resolved")
    sla = desk.show()["sla"]
    assert sla["resolution_due"] == -1 and sla["paused_since"] > 0
    desk.json("reopen", "1")
    sla = desk.show()["sla"]
    assert sla["paused_since"] == -1
    assert sla["resolution_due"] > 0


def test_tag(desk):
    assert desk.json("tag", "1") == {"ticket": 1, "tags": ""}
    out = desk.json("tag", "1", "+vip", "+refund", "-absent", agent="bob")
    assert out == {"ticket": 1, "tags": "vip,refund",
                   "added": ["vip", "refund"], "removed": [], "by": "bob"}
    ev = desk.last_event()
    assert (ev["kind"], ev["actor"], ev["detail"]) == (
        "ticket.tagged", "bob", "+vip +refund")
    r = desk.run("tag", "1", "-vip", "+late.2", "--as", "carol")
    assert r.returncode == 0, r.stderr
    assert r.stdout == b"ticket #1: +late.2 -vip; tags now refund,late.2\n"
    t = desk.show()
    assert t["tags"] == "refund,late.2"
    assert desk.last_event()["actor"] == "carol"
    assert desk.run("tag", "1").stdout == b"ticket #1: tags refund,late.2\n"
    assert desk.show(2)["tags"] == ""
    desk.refused(EX_CONFLICT, "tags unchanged", "tag", "1", "+refund")
    desk.refused(EX_CONFLICT, "tags unchanged", "tag", "1", "+new", "-new")
    desk.refused(EX_USAGE, '"+VIP" is not +TAG or -TAG', "tag", "1", "+VIP")
    desk.refused(EX_USAGE, '"refund" is not +TAG or -TAG', "tag", "1",
                 "refund")
    desk.refused(EX_USAGE, "usage:", "tag", "+vip")


CHANGES = [
    ("assign", "{id}", "bob"),
    ("take", "{id}", "--as", "bob"),
    ("note", "{id}", "-m", "a note"),
    ("reopen", "{id}"),
    ("tag", "{id}", "+vip"),
    ("status", "{id}", "closed"),
    ("reply", "{id}", "-m", "an answer"),
    ("merge", "{id}", "2"),
]


@pytest.mark.parametrize("args", CHANGES, ids=[a[0] for a in CHANGES])
def test_no_such_ticket(desk, args):
    args = [a.format(id=99) for a in args]
    desk.refused(EX_NOTFOUND, "complaintctl: no ticket #99", *args,
                 agent="alice")


def test_no_such_ticket_to_read(desk):
    for args in (("show", "99"), ("attachment", "get", "99"),
                 ("merge", "1", "99")):
        desk.refused(EX_NOTFOUND, "#99", *args, agent="alice")
    desk.refused(EX_NOTFOUND, "nobody@nowhere.example", "customer",
                 "nobody@nowhere.example")
    for args in (("show", "x1"), ("status", "0", "closed"),
                 ("assign", "-3", "bob"), ("merge", "1", "two")):
        desk.refused(EX_USAGE, "usage:", *args, agent="alice")


@pytest.mark.parametrize("args", CHANGES, ids=[a[0] for a in CHANGES])
def test_unknown_as_agent(desk, args):
    desk.json("status", "1", "resolved")  # so that reopen could go
    args = [a.format(id=1) for a in args]
    if "--as" in args:
        args = args[:args.index("--as")]
    desk.refused(EX_USAGE, 'no agent is named "ghost"', *args,
                 "--as", "ghost", agent="bob")


# (what makes the move impossible, the move, what stderr says)
BAD_MOVES = [
    (("status", "1", "closed"), ("status", "1", "pending"),
     "ticket #1 is closed; it cannot become pending"),
    ((), ("reopen", "1"), "only a resolved or closed ticket"),
    (("status", "1", "closed"), ("reply", "1", "-m", "late"), "reopen"),
    (("assign", "1", "bob"), ("assign", "1", "bob"),
     "already assigned to bob"),
    (("assign", "1", "bob"), ("take", "1"), "already assigned to bob"),
    ((), ("merge", "1", "1"), "cannot be merged into itself"),
    (("merge", "1", "2"), ("merge", "1", "2"), "was merged into #2 already"),
    (("tag", "1", "+vip"), ("tag", "1", "+vip"), "tags unchanged"),
]


@pytest.mark.parametrize("before,args,message", BAD_MOVES,
                         ids=[m[1][0] + "-" + str(i)
                              for i, m in enumerate(BAD_MOVES)])
def test_bad_transition(desk, before, args, message):
    if before:
        desk.json(*before, agent="alice")
    desk.refused(EX_CONFLICT, message, *args, agent="bob")
