"""complaintctl list (and customer's history): every filter (status, mailbox, team, assignee,
severity, category, customer, tag, text, breached, at risk) narrows the
list to exactly the tickets it names, the sorts order them as documented,
the limit applies after them, and a bad option is a usage error (64)."""

import json
import subprocess
import time

from configs import write_config

DESK = """
agents = (
  { name = "alice"; address = "alice@example.com"; },
  { name = "bob"; address = "bob@example.com"; },
  { name = "carol"; address = "carol@example.com"; role = "lead"; }
);
teams = (
  { name = "care"; address = "care@example.com"; lead = "carol";
    members = [ "alice", "bob" ]; },
  { name = "billing"; address = "billing@example.com"; lead = "carol";
    members = [ "bob" ]; }
);
routes = ( { category = [ "billing" ]; team = "billing"; } );
classify = { default_team = "care"; };
rules = (
  { name = "money"; subject_any = [ "refund", "charged" ];
    category = "billing"; severity = "serious"; tags = [ "money" ]; },
  { name = "fire"; subject_any = [ "fire" ]; category = "product_quality";
    severity = "urgent"; tags = [ "safety" ]; }
);
# A short first-response target with an early warning: a ticket is
# breached a few seconds after it came, at risk in between.
policies = (
  { name = "quick"; severity = [ "urgent" ]; first_response = "2s";
    warn = "1%"; },
  { name = "slow"; first_response = "1h"; warn = "3599s"; }
);
"""


def mail(n, sender, subject, body):
    return ("From: %s\r\nTo: support@example.com\r\nSubject: %s\r\n"
            "Message-ID: <list%d@example.net>\r\n"
            "Content-Type: text/plain; charset=utf-8\r\n\r\n%s\r\n"
            % (sender, subject, n, body)).encode()


def ctl(ctl_bin, conf, *args, data=None, ok=True):
    r = subprocess.run([ctl_bin, "-c", str(conf), "--json"] + list(args),
                       input=data, capture_output=True, timeout=30)
    if ok:
        assert r.returncode == 0, r.stderr
    return r


def ids(ctl_bin, conf, *args):
    r = ctl(ctl_bin, conf, "list", *args)
    return [t["id"] for t in json.loads(r.stdout)]


def fill(ctl_bin, conf):
    """Four tickets: #1 general (care), #2 billing, #3 urgent fire, #4
    general from the same customer as #1."""
    mails = [
        mail(1, "ann@example.net", "Kettle broke", "The lid cracked."),
        mail(2, "ben@example.net", "Charged twice", "Please refund."),
        mail(3, "cid@example.net", "Charger on fire", "Smoke everywhere."),
        mail(4, "ann@example.net", "Toaster", "It hums loudly."),
    ]
    for m in mails:
        ctl(ctl_bin, conf, "ingest", "--mailbox", "support", data=m)


def test_filters(complaintctl_bin, tmp_path):
    conf = write_config(tmp_path, extra=DESK)
    fill(complaintctl_bin, conf)
    c = complaintctl_bin
    assert ids(c, conf) == [4, 3, 2, 1]
    assert ids(c, conf, "--team", "billing") == [2]
    assert sorted(ids(c, conf, "--team", "care")) == [1, 3, 4]
    assert ids(c, conf, "--severity", "urgent") == [3]
    assert ids(c, conf, "--category", "billing") == [2]
    assert ids(c, conf, "--customer", "ANN@example.net") == [4, 1]
    assert ids(c, conf, "--tag", "safety") == [3]
    assert ids(c, conf, "--tag", "saf") == []
    assert ids(c, conf, "--text", "HUMS") == [4]
    assert ids(c, conf, "--text", "kettle") == [1]
    assert ids(c, conf, "--mailbox", "support", "--status", "new",
               "--severity", "serious") == [2]
    bob = ids(c, conf, "--assignee", "bob")
    assert 2 in bob and all(t["assignee"] == "bob" for t in json.loads(
        ctl(c, conf, "list", "--assignee", "bob").stdout))
    assert ids(c, conf, "--status", "closed") == []
    # The customer's history: their tickets, newest first.
    ann = json.loads(ctl(c, conf, "customer", "ann@example.net").stdout)
    assert [t["id"] for t in ann["tickets"]] == [4, 1]
    assert ann["recent_tickets"] == 2


def test_sorts_and_limit(complaintctl_bin, tmp_path):
    conf = write_config(tmp_path, extra=DESK)
    fill(complaintctl_bin, conf)
    c = complaintctl_bin
    rows = json.loads(ctl(c, conf, "list", "--sort", "priority").stdout)
    prios = [t["priority"] for t in rows]
    assert prios == sorted(prios, reverse=True) and rows[0]["id"] == 3
    assert ids(c, conf, "--sort", "age") == [1, 2, 3, 4]
    # The urgent ticket's deadline (2 s) comes before the others' (1 h).
    assert ids(c, conf, "--sort", "due")[0] == 3
    assert ids(c, conf, "--sort", "age", "--limit", "2") == [1, 2]
    r = ctl(c, conf, "list", "--sort", "size", ok=False)
    assert r.returncode == 64 and b"--sort priority|due|age" in r.stderr
    assert ctl(c, conf, "list", "--bogus", ok=False).returncode == 64


def test_breached_and_at_risk(complaintctl_bin, tmp_path):
    conf = write_config(tmp_path, extra=DESK)
    fill(complaintctl_bin, conf)
    c = complaintctl_bin
    # A second on, every ticket passed its warning: the urgent one's
    # at 1% of 2 s, the others' 3599 s before their hour.
    time.sleep(1.2)
    at_risk = ids(c, conf, "--at-risk")
    assert set(at_risk) <= {1, 2, 3, 4} and {1, 2, 4} <= set(at_risk)
    deadline = time.monotonic() + 10
    while ids(c, conf, "--breached") != [3]:
        assert time.monotonic() < deadline, "ticket 3 never breached"
        time.sleep(0.2)
    assert 3 not in ids(c, conf, "--at-risk")
    assert ids(c, conf, "--at-risk", "--limit", "1") == [4]
    # A resolved ticket owes nothing.
    ctl(c, conf, "status", "3", "resolved")
    assert ids(c, conf, "--breached") == []
