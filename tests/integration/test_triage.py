"""Classification, routing and alerts against the lab: complaints land in
the expected team and with the expected assignee, tagged and prioritised;
the assignee gets the new-ticket notice; an urgent complaint alerts the
team's lead and manager exactly once, even across a restart; an away agent
gets nothing; repeat complainers are tagged and their lead told once;
agents' corrections change later decisions."""

import json
import shutil
import subprocess
import time
from pathlib import Path

import lab as lablib
from configs import lab_config
from daemon_proc import Daemon

PEOPLE = """
agents = (
  { name = "alice"; address = "alice@desk.example"; },
  { name = "bob"; address = "bob@desk.example"; },
  { name = "wang"; address = "wang@desk.example"; },
  { name = "carol"; address = "carol@desk.example"; role = "lead"; },
  { name = "dave"; address = "dave@desk.example"; role = "manager"; }
);
teams = (
  { name = "care"; address = "care@desk.example"; lead = "carol";
    manager = "dave"; members = [ "alice", "bob" ]; },
  { name = "billing"; address = "billing@desk.example"; lead = "carol";
    manager = "dave"; members = [ "wang", "bob" ]; assign = "least_open"; },
  { name = "shipping"; address = "shipping@desk.example"; lead = "carol";
    assign = "queue"; }
);
routes = (
  { category = [ "billing" ]; team = "billing"; },
  { category = [ "logistics" ]; team = "shipping"; }
);
classify = { default_team = "care"; };
priority = { vip = [ "@bigcorp.example" ]; };
repeat = { threshold = 3; window = "30d"; };
@include "rules.conf"
"""


def start(complaintd_bin, tmp_path, lab, source_dir):
    shutil.copy(Path(source_dir) / "config" / "rules.conf",
                tmp_path / "rules.conf")
    mb = {"name": "support", "user": "support", "tls": "starttls",
          "extra": '    team = "care";'}
    conf = lab_config(tmp_path, lab, mailboxes=[mb], extra=PEOPLE)
    d = Daemon(complaintd_bin, conf, tmp_path, notify=True)
    d.conf = conf
    d.wait_log(r"event=fetcher.selected")
    return d


def ctl(complaintctl_bin, conf, *args):
    r = subprocess.run([complaintctl_bin, "-c", str(conf), "--json"] +
                       list(args), capture_output=True, text=True, timeout=30)
    assert r.returncode == 0, r.stderr
    return json.loads(r.stdout)


def to(lab, address):
    return [i for i in lab.received() if i["rcpt_tos"] == [address]]


def wait_count(fn, count, timeout=15):
    deadline = time.monotonic() + timeout
    while True:
        got = fn()
        if len(got) >= count:
            return got
        assert time.monotonic() < deadline, "%d of %d after %ds" % (
            len(got), count, timeout)
        time.sleep(0.05)


def mail(i, sender, subject, body):
    return lablib.sample_message(i, sender=sender, subject=subject,
                                 body=body + "\n")


def test_routing_assignment_and_notices(lab, complaintd_bin, complaintctl_bin,
                                        tmp_path, source_dir):
    d = start(complaintd_bin, tmp_path, lab, source_dir)
    try:
        lab.inject("support", [
            mail(1, "Ann <ann@example.net>", "Kettle stopped working",
                 "My kettle stopped working after two days. It is broken."),
            mail(2, "Ben <ben@example.net>", "Charged twice",
                 "You charged me twice for order 5531. I was charged twice!"),
            mail(3, "Cai <cai@example.net>", "Toaster defective",
                 "The toaster is defective and doesn't work at all."),
            mail(4, "李雷 <li@example.net>", "快递",
                 "我的包裹丢了，快递一直没有送到。"),
        ])
        d.wait_log(r"event=ticket.created ticket=4 ")
        t1 = ctl(complaintctl_bin, d.conf, "show", "1")
        t2 = ctl(complaintctl_bin, d.conf, "show", "2")
        t3 = ctl(complaintctl_bin, d.conf, "show", "3")
        t4 = ctl(complaintctl_bin, d.conf, "show", "4")
        assert (t1["category"], t1["team"]) == ("product_quality", "care")
        assert t1["severity"] == "serious"
        assert "rule " in t1["reasons"] and t1["rules"]
        # Round robin within care: the two product tickets, two agents.
        assert {t1["assignee"], t3["assignee"]} == {"alice", "bob"}
        assert (t2["category"], t2["team"]) == ("billing", "billing")
        assert t2["assignee"] in ("wang", "bob")
        assert t2["priority"] >= 40
        # A queue team assigns nobody.
        assert (t4["category"], t4["team"], t4["assignee"]) == (
            "logistics", "shipping", None)
        # Notices go to the assignee, or the team while unassigned.
        for t in (t1, t2, t3):
            addr = t["assignee"] + "@desk.example"
            notes = wait_count(lambda: to(lab, addr), 1)
            assert any(("[TEST #%d]" % t["id"]).encode() in n["raw"]
                       for n in notes)
        wait_count(lambda: to(lab, "shipping@desk.example"), 1)
        assert to(lab, "care@desk.example") == []
        # An away agent gets nothing new.
        ctl(complaintctl_bin, d.conf, "agent", "away", "alice")
        lab.inject("support", [
            mail(5, "Dan <dan@example.net>", "Blender broken",
                 "The blender is broken, it stopped working."),
            mail(6, "Eve <eve@example.net>", "Mixer defective",
                 "My mixer is defective."),
        ])
        d.wait_log(r"event=ticket.created ticket=6 ")
        assert ctl(complaintctl_bin, d.conf, "show", "5")["assignee"] == "bob"
        assert ctl(complaintctl_bin, d.conf, "show", "6")["assignee"] == "bob"
        agents = {a["name"]: a for a in ctl(complaintctl_bin, d.conf, "agent")}
        assert agents["alice"]["away"] and not agents["bob"]["away"]
        assert d.stop()[0] == 0
    finally:
        d.close()


def test_urgent_alert_once_across_restart(lab, complaintd_bin,
                                          complaintctl_bin, tmp_path,
                                          source_dir):
    d = start(complaintd_bin, tmp_path, lab, source_dir)
    try:
        lab.inject("support", [
            mail(1, "Fay <fay@example.net>", "Charger caught fire",
                 "The charger caught fire last night and my son got burns "
                 "on his hand. I will contact my lawyer."),
            mail(2, "黄先生 <huang@example.net>", "数据全没了",
                 "系统升级后我的数据丢失了，所有订单记录都没了。"
                 "再不解决我就找媒体曝光。"),
        ])
        d.wait_log(r"event=ticket.created ticket=2 ")
        for i in (1, 2):
            t = ctl(complaintctl_bin, d.conf, "show", str(i))
            assert t["severity"] == "urgent", t["reasons"]
            assert t["priority"] >= 80
        carol = wait_count(lambda: to(lab, "carol@desk.example"), 2)
        dave = wait_count(lambda: to(lab, "dave@desk.example"), 2)
        for n in carol + dave:
            assert b"Auto-Submitted: auto-generated" in n["raw"]
            assert b"URGENT" in n["raw"]
        assert d.stop()[0] == 0
    finally:
        d.close()
    # A restart (the mail is still on the server, flagged) alerts no one
    # again; a reply with more urgent words neither.
    (tmp_path / "again").mkdir()
    d = Daemon(complaintd_bin, d.conf, tmp_path / "again", notify=True)
    d.conf = tmp_path / "complaintd.conf"
    try:
        d.wait_log(r"event=fetcher.selected")
        lab.inject("support", [
            mail(3, "Fay <fay@example.net>", "Re: [TEST #1] Charger caught fire",
                 "Still no answer. My lawyer will sue you.")])
        d.wait_log(r"event=message.appended ticket=1 ")
        time.sleep(2.5)
        assert len(to(lab, "carol@desk.example")) == 2
        assert len(to(lab, "dave@desk.example")) == 2
        events = ctl(complaintctl_bin, d.conf, "show", "1")["events"]
        assert [e["kind"] for e in events].count("alert.urgent") == 1
        assert d.stop()[0] == 0
    finally:
        d.close()


def test_reply_and_correction_make_urgent(lab, complaintd_bin,
                                          complaintctl_bin, tmp_path,
                                          source_dir):
    d = start(complaintd_bin, tmp_path, lab, source_dir)
    try:
        lab.inject("support", [
            mail(1, "Gus <gus@example.net>", "Lamp",
                 "The lamp flickers a bit."),
            mail(2, "Hal <hal@example.net>", "Question",
                 "Where can I find the manual for the X1 lamp?")])
        d.wait_log(r"event=ticket.created ticket=2 ")
        assert ctl(complaintctl_bin, d.conf, "show", "1")["severity"] != "urgent"
        # The customer's reply threatens: the rules raise the severity.
        lab.inject("support", [
            mail(3, "Gus <gus@example.net>", "Re: [TEST #1] Lamp",
                 "Now it caught fire! I am calling my lawyer.")])
        d.wait_log(r"event=message.appended ticket=1 ")
        t1 = ctl(complaintctl_bin, d.conf, "show", "1")
        assert t1["severity"] == "urgent"
        assert any(e["kind"] == "ticket.escalated" for e in t1["events"])
        wait_count(lambda: to(lab, "carol@desk.example"), 1)
        # An agent's correction makes ticket 2 urgent: one alert more.
        r = ctl(complaintctl_bin, d.conf, "reclassify", "2", "--severity",
                "urgent", "--category", "other", "--as", "carol")
        assert r["severity"] == "urgent" and r["alerts"] == 2
        wait_count(lambda: to(lab, "carol@desk.example"), 2)
        wait_count(lambda: to(lab, "dave@desk.example"), 2)
        t2 = ctl(complaintctl_bin, d.conf, "show", "2")
        assert t2["priority"] >= 80
        assert any(e["kind"] == "ticket.reclassified" and e["actor"] == "carol"
                   for e in t2["events"])
        assert d.stop()[0] == 0
    finally:
        d.close()


def test_repeat_complainer_tagged_and_lead_told_once(
        lab, complaintd_bin, complaintctl_bin, tmp_path, source_dir):
    d = start(complaintd_bin, tmp_path, lab, source_dir)
    try:
        for i in range(1, 6):
            lab.inject("support", [
                mail(i, "Ivy <ivy@bigcorp.example>", "Issue number %d" % i,
                     "Another problem with my order, number %d." % i)])
            d.wait_log(r"event=ticket.created ticket=%d " % i)
        tickets = [ctl(complaintctl_bin, d.conf, "show", str(i))
                   for i in range(1, 6)]
        assert "high-attention" not in tickets[2]["tags"]
        assert "high-attention" in tickets[3]["tags"]
        assert "high-attention" in tickets[4]["tags"]
        # VIP (by domain): 10 general + 30; four other recent tickets,
        # +5 each up to 20; a repeat complainer +20.  Their open tickets
        # all rise with the latest.
        now = [ctl(complaintctl_bin, d.conf, "show", str(i))["priority"]
               for i in range(1, 6)]
        assert now == [80] * 5
        cust = ctl(complaintctl_bin, d.conf, "customer", "ivy@bigcorp.example")
        assert "high-attention" in cust["tags"]
        time.sleep(2.5)
        notes = [n for n in to(lab, "carol@desk.example")
                 if b"Repeat complainer" in n["raw"]]
        assert len(notes) == 1
        assert d.stop()[0] == 0
    finally:
        d.close()


def test_corrections_change_later_decisions(lab, complaintd_bin,
                                            complaintctl_bin, tmp_path,
                                            source_dir):
    d = start(complaintd_bin, tmp_path, lab, source_dir)
    words = {"product_quality": "zorbulator wobbles squeakily",
             "logistics": "quibbleflax hovers sideways"}
    try:
        n = 0
        for k in range(6):
            for cat, text in words.items():
                n += 1
                lab.inject("support", [mail(n, "C%d <c%d@example.org>" % (n, n),
                                            "About my %s" % text.split()[0],
                                            "%s, case %d" % (text, k))])
                d.wait_log(r"event=ticket.created ticket=%d " % n)
                t = ctl(complaintctl_bin, d.conf, "show", str(n))
                # No rule knows these words; the model decides once it
                # has learnt from ten corrections.
                assert t["category"] == ("other" if n <= 10 else cat), \
                    t["reasons"]
                ctl(complaintctl_bin, d.conf, "reclassify", str(n),
                    "--category", cat)
        # The daemon learnt from the corrections: new mail like them.
        lab.inject("support", [
            mail(20, "New <new1@example.org>", "zorbulator again",
                 "My zorbulator wobbles squeakily again"),
            mail(21, "New <new2@example.org>", "quibbleflax",
                 "The quibbleflax hovers sideways")])
        d.wait_log(r"event=ticket.created ticket=%d " % (n + 2))
        a = ctl(complaintctl_bin, d.conf, "show", str(n + 1))
        b = ctl(complaintctl_bin, d.conf, "show", str(n + 2))
        assert a["category"] == "product_quality", a["reasons"]
        assert "model" in a["reasons"]
        assert b["category"] == "logistics", b["reasons"]
        assert b["team"] == "shipping"
        assert d.stop()[0] == 0
    finally:
        d.close()
