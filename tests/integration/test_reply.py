"""complaintctl reply against the lab: a customer's complaint is
acknowledged; the agent's reply reaches the customer through the real SMTP
sink in the ticket's thread (tag, In-Reply-To the customer's latest mail,
no Auto-Submitted: a person wrote it); it is the ticket's first response
(the SLA's first-response clock stops) and opens the ticket; the
customer's answer joins the same ticket.  Errors change nothing."""

import json
import subprocess

import lab as lablib
from test_outbound import parsed, start, to_customer, wait_count

SLA = """
agents = ( { name = "alice"; address = "alice@example.com"; } );
teams = ( { name = "care"; address = "care@example.com";
            members = [ "alice" ]; } );
classify = { default_team = "care"; };
policies = ( { name = "std"; first_response = "1h"; resolution = "3d"; } );
"""


def ctl(ctl_bin, conf, *args, env=None, ok=True):
    r = subprocess.run([ctl_bin, "-c", str(conf), "--json"] + list(args),
                       capture_output=True, text=True, timeout=30, env=env)
    if ok:
        assert r.returncode == 0, r.stderr
    return r


def test_reply_threads_and_is_the_first_response(lab, complaintd_bin,
                                                  complaintctl_bin, tmp_path):
    first = lablib.sample_message(1, sender="Ann Lee <ann@example.net>",
                                  subject="Kettle broken",
                                  message_id="<r1@example.net>")
    d = start(complaintd_bin, tmp_path, lab, extra=SLA)
    lab.inject("support", [first])
    try:
        wait_count(lambda: to_customer(lab, "ann@example.net"), 1)
        before = json.loads(ctl(complaintctl_bin, d.conf, "show",
                                "1").stdout)
        assert before["status"] == "new"
        assert before["sla"]["first_response_due"] > 0
        r = ctl(complaintctl_bin, d.conf, "reply", "1", "-m",
                "A new kettle is on its way.\n谢谢您的耐心。", "--as", "alice")
        assert json.loads(r.stdout)["by"] == "alice"
        got = wait_count(lambda: to_customer(lab, "ann@example.net"), 2)
        reply = parsed(got[1])
        assert reply["Subject"].startswith("[TEST #1] ")
        assert reply["In-Reply-To"] == "<r1@example.net>"
        assert "<r1@example.net>" in reply["References"]
        assert reply["Auto-Submitted"] is None
        body = reply.get_body(("plain",)).get_content()
        assert "A new kettle is on its way." in body
        assert "谢谢您的耐心。" in body and "alice" in body
        after = json.loads(ctl(complaintctl_bin, d.conf, "show",
                               "1").stdout)
        assert after["status"] == "open"
        assert after["sla"]["first_response"] > 0
        assert after["sla"]["first_response_due"] == -1
        assert [(e["kind"], e["actor"]) for e in after["events"]
                if e["kind"] == "reply"] == [("reply", "alice")]
        # The customer answers the agent's reply: same ticket, and a
        # next response is now owed.
        answer = lablib.sample_message(
            2, sender="Ann Lee <ann@example.net>",
            subject="Re: " + str(reply["Subject"]),
            message_id="<r2@example.net>",
            extra_headers=[("In-Reply-To", reply["Message-ID"]),
                           ("References", "<r1@example.net> " +
                            reply["Message-ID"])])
        lab.inject("support", [answer])
        d.wait_log(r"event=message.appended ticket=1 .*by=in-reply-to")
        shown = json.loads(ctl(complaintctl_bin, d.conf, "show",
                               "1").stdout)
        assert [m["direction"] for m in shown["thread"]].count("in") == 2
        assert shown["sla"]["waiting_since"] > 0
    finally:
        d.close()


def test_reply_errors_change_nothing(lab, complaintd_bin, complaintctl_bin,
                                     tmp_path):
    d = start(complaintd_bin, tmp_path, lab, extra=SLA)
    lab.inject("support", [lablib.sample_message(
        3, sender="bo@example.net", message_id="<r3@example.net>")])
    try:
        wait_count(lambda: to_customer(lab, "bo@example.net"), 1)
        c = complaintctl_bin
        env = {"PATH": "/usr/bin:/bin"}
        assert ctl(c, d.conf, "reply", "99", "-m", "x", "--as", "alice",
                   ok=False).returncode == 1
        r = ctl(c, d.conf, "reply", "1", "-m", "x", "--as", "nobody",
                ok=False)
        assert r.returncode == 64 and "no agent is named" in r.stderr
        # Nobody said who they are.
        r = ctl(c, d.conf, "reply", "1", "-m", "x", env=env, ok=False)
        assert r.returncode == 64 and "who you are" in r.stderr
        r = ctl(c, d.conf, "reply", "1", "-m", "  ", "--as", "alice",
                ok=False)
        assert r.returncode == 64 and "empty" in r.stderr
        # No text and no terminal for an editor.
        r = ctl(c, d.conf, "reply", "1", "--as", "alice", ok=False)
        assert r.returncode == 64 and "EDITOR" in r.stderr
        ctl(c, d.conf, "status", "1", "closed")
        r = ctl(c, d.conf, "reply", "1", "-m", "late", "--as", "alice",
                ok=False)
        assert r.returncode == 2 and "reopen" in r.stderr
        shown = json.loads(ctl(c, d.conf, "show", "1").stdout)
        assert not [e for e in shown["events"] if e["kind"] == "reply"]
        outbox = json.loads(ctl(c, d.conf, "outbox", "--all").stdout)
        assert not [o for o in outbox if o["kind"] == "reply"]
    finally:
        d.close()


def agent_mail(n, sender, notice, body, subject=None):
    return lablib.sample_message(
        n, sender=sender, message_id="<agent%d@example.com>" % n,
        subject=subject or "Re: " + str(notice["Subject"]), body=body,
        extra_headers=[("In-Reply-To", notice["Message-ID"]),
                       ("References", notice["Message-ID"])])


def test_agents_answer_by_mail(lab, complaintd_bin, complaintctl_bin,
                               tmp_path):
    """An agent's answer to our notice reaches the customer without the
    quoted notice; #note keeps the text inside; #status is applied; a
    stranger using the agent's name is customer mail."""
    d = start(complaintd_bin, tmp_path, lab, extra=SLA)
    lab.inject("support", [lablib.sample_message(
        5, sender="Ann Lee <ann@example.net>", subject="Kettle broken",
        message_id="<m5@example.net>")])
    try:
        wait_count(lambda: to_customer(lab, "ann@example.net"), 1)
        notice = parsed(wait_count(
            lambda: to_customer(lab, "alice@example.com"), 1)[0])
        lab.inject("support", [agent_mail(
            6, "Alice <alice@example.com>", notice,
            "Dear Ann, a new kettle is on its way.\n\n"
            "> ticket [TEST #1] Kettle broken was assigned to you\n")])
        d.wait_log(r"event=message.appended ticket=1 .*agent=alice")
        got = wait_count(lambda: to_customer(lab, "ann@example.net"), 2)
        relayed = parsed(got[1])
        body = relayed.get_body(("plain",)).get_content()
        assert "a new kettle is on its way" in body
        assert "was assigned to you" not in body
        assert relayed["In-Reply-To"] == "<m5@example.net>"
        shown = json.loads(ctl(complaintctl_bin, d.conf, "show",
                               "1").stdout)
        assert shown["status"] == "open"
        assert shown["sla"]["first_response"] > 0
        assert [e["actor"] for e in shown["events"]
                if e["kind"] == "reply"] == ["alice"]

        # An internal note and a command: nothing more for Ann.
        lab.inject("support", [agent_mail(
            7, "alice@example.com", notice,
            "#note\nCalled her; the courier comes on Monday.\n")])
        lab.inject("support", [agent_mail(
            8, "alice@example.com", notice,
            "#status resolved\n#assign nosuch\n")])
        d.wait_log(r"agent=alice", count=3)
        shown = json.loads(ctl(complaintctl_bin, d.conf, "show",
                               "1").stdout)
        notes = [e for e in shown["events"] if e["kind"] == "note"]
        assert [n["actor"] for n in notes] == ["alice"]
        assert "courier comes on Monday" in notes[0]["detail"]
        assert shown["status"] == "resolved"
        refused = [e for e in shown["events"]
                   if e["kind"] == "agent.command.refused"]
        assert len(refused) == 1 and "#assign nosuch" in refused[0]["detail"]
        assert len(to_customer(lab, "ann@example.net")) == 2

        # Someone else quoting the tag with the agent's name: a stranger.
        lab.inject("support", [lablib.sample_message(
            9, sender="Alice <alice@evil.example>",
            subject="[TEST #1] refund me", message_id="<m9@evil.example>",
            body="#status closed\n")])
        d.wait_log(r"event=ticket.created ticket=2 .*from=alice@evil")
        shown = json.loads(ctl(complaintctl_bin, d.conf, "show",
                               "1").stdout)
        assert shown["status"] == "resolved"
    finally:
        d.close()
