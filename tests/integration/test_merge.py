"""complaintctl merge: a duplicate's mail moves to the other ticket, the
duplicate is closed and says where it went, and mail that still answers
the duplicate (its acknowledgement's Message-ID) joins the other ticket.
Merging a ticket into itself, into a merged one, or a missing one
changes nothing."""

import json
import subprocess

from configs import write_config


def mail(n, sender, subject, extra=""):
    return ("From: %s\r\nTo: support@example.com\r\nSubject: %s\r\n"
            "Message-ID: <merge%d@example.net>\r\n%s"
            "Content-Type: text/plain; charset=utf-8\r\n\r\nmail %d\r\n"
            % (sender, subject, n, extra, n)).encode()


def ctl(ctl_bin, conf, *args, data=None, ok=True):
    r = subprocess.run([ctl_bin, "-c", str(conf), "--json"] + list(args),
                       input=data, capture_output=True, timeout=30)
    if ok:
        assert r.returncode == 0, r.stderr
    return r


def show(ctl_bin, conf, n):
    return json.loads(ctl(ctl_bin, conf, "show", str(n)).stdout)


def test_merge(complaintctl_bin, tmp_path):
    c = complaintctl_bin
    conf = write_config(tmp_path)
    ctl(c, conf, "ingest", data=mail(1, "ann@example.net", "Kettle broken"))
    ctl(c, conf, "ingest", data=mail(2, "ann@example.net", "Kettle again"))
    dup = show(c, conf, 2)
    ack = [m for m in dup["thread"] if m["direction"] == "out"][0]
    r = ctl(c, conf, "merge", "2", "1")
    assert json.loads(r.stdout) == {"ticket": 2, "merged_into": 1}
    one, two = show(c, conf, 1), show(c, conf, 2)
    assert two["status"] == "closed" and two["thread"] == []
    assert ["into #1" in e["detail"] for e in two["events"]
            if e["kind"] == "ticket.merged"] == [True]
    assert [m["message_id"] for m in one["thread"]
            if m["direction"] == "in"] == ["merge1@example.net",
                                           "merge2@example.net"]
    # Ann answers the duplicate's acknowledgement: ticket 1.
    r = ctl(c, conf, "ingest", data=mail(
        3, "ann@example.net", "Re: " + ack["subject"],
        "In-Reply-To: <%s>\r\n" % ack["message_id"]))
    got = json.loads(r.stdout)
    assert got["outcome"] == "appended" and got["ticket"] == 1
    # What cannot be merged changes nothing.
    assert ctl(c, conf, "merge", "1", "1", ok=False).returncode == 2
    assert ctl(c, conf, "merge", "2", "1", ok=False).returncode == 2
    ctl(c, conf, "ingest", data=mail(4, "bo@example.net", "Other"))
    assert ctl(c, conf, "merge", "3", "2", ok=False).returncode == 2
    assert ctl(c, conf, "merge", "3", "99", ok=False).returncode == 1
    assert ctl(c, conf, "merge", "99", "1", ok=False).returncode == 1
    assert ctl(c, conf, "merge", "3", "1", "--as", "nobody",
               ok=False).returncode == 64
    assert show(c, conf, 3)["status"] == "new"
    assert len(show(c, conf, 1)["thread"]) == len(one["thread"]) + 1
