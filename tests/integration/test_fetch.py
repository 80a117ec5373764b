"""The IMAP fetcher against the lab's real Dovecot: mail becomes tickets,
IDLE brings new mail at once, the after-fetch action shows on the server,
TLS is verified, bad credentials and a restarted server are survived."""

import json
import subprocess
import time

import pytest

import lab as lablib
from configs import lab_config
from daemon_proc import Daemon


@pytest.fixture
def desk(complaintd_bin, tmp_path):
    started = []

    def start(lab, **kwargs):
        conf = lab_config(tmp_path, lab, **kwargs)
        d = Daemon(complaintd_bin, conf, tmp_path, notify=True)
        d.conf = conf
        started.append(d)
        return d

    yield start
    for d in started:
        d.close()


def ctl(complaintctl_bin, conf, *args):
    r = subprocess.run([complaintctl_bin, "-c", str(conf), "--json"] + list(args),
                       capture_output=True, text=True, timeout=30)
    assert r.returncode == 0, r.stderr
    return json.loads(r.stdout)


def wait_tickets(complaintctl_bin, conf, count, timeout=15):
    deadline = time.monotonic() + timeout
    while True:
        tickets = ctl(complaintctl_bin, conf, "list")
        if len(tickets) >= count or time.monotonic() > deadline:
            return tickets
        time.sleep(0.1)


def test_mail_becomes_tickets_and_is_flagged(lab, desk, complaintctl_bin):
    lab.inject("support", [lablib.sample_message(i) for i in range(3)])
    d = desk(lab)
    d.wait_log(r"event=ticket.created", count=3, timeout=15)
    tickets = wait_tickets(complaintctl_bin, d.conf, 3)
    assert sorted(t["subject"] for t in tickets) == [
        "Complaint #%d: my order did not arrive" % i for i in range(3)]
    assert {t["customer"] for t in tickets} == {
        "customer%d@example.com" % i for i in range(3)}
    d.wait_log(r"event=imap.connected .*tls=starttls auth=AUTHENTICATE PLAIN idle=yes")
    # \Seen only after the commit; poll until the batch's action is done.
    deadline = time.monotonic() + 10
    while not all("\\Seen" in flags for _, flags in lab.list_messages("support")):
        assert time.monotonic() < deadline, lab.list_messages("support")
        time.sleep(0.1)
    assert d.stop()[0] == 0


def test_idle_brings_new_mail_at_once(lab, desk, complaintctl_bin):
    # A poll interval of 10 minutes: only IDLE can bring the mail in time.
    d = desk(lab, mailboxes=[{"name": "support", "user": "support",
                              "tls": "starttls",
                              "extra": '    poll_interval = "10m";'}])
    d.wait_log(r"event=fetcher.selected")
    time.sleep(0.5)
    start = time.monotonic()
    lab.inject("support", [lablib.sample_message(7, subject="IDLE test")])
    d.wait_log(r"event=ticket.created", timeout=10)
    took = time.monotonic() - start
    print("IDLE: appended -> ticket in %.3f s" % took)
    assert ctl(complaintctl_bin, d.conf, "list")[0]["subject"] == "IDLE test"


def test_mail_arriving_while_the_desk_works_is_not_left_for_the_poll(
        lab, desk, complaintctl_bin):
    # Mail announced while the fetcher is busy with earlier mail (its
    # EXISTS comes with the answer to a FETCH or STORE, not in IDLE) must
    # not wait for the poll interval, which here outlasts the test.  Each
    # mail is appended the moment the previous one's ticket is committed,
    # when the fetcher is about to mark it \\Seen.
    d = desk(lab, mailboxes=[{"name": "support", "user": "support",
                              "tls": "starttls",
                              "extra": '    poll_interval = "10m";'}])
    d.wait_log(r"event=fetcher.selected")
    n = 12
    with lab.imap_client("support") as m:
        for i in range(n):
            typ, data = m.append("INBOX", None, None,
                                 bytes(lablib.sample_message(200 + i)))
            assert typ == "OK", data
            d.wait_log(r"event=ticket.created", count=i + 1, timeout=5)
    assert len(wait_tickets(complaintctl_bin, d.conf, n)) == n


def test_move_after_fetch(lab, desk):
    lab.inject("sales", [lablib.sample_message(i) for i in range(4)])
    d = desk(lab, mailboxes=[{"name": "sales", "user": "sales", "tls": "none",
                              "extra": '    after_fetch = "move:Done";'}])
    d.wait_log(r"event=ticket.created", count=4)
    deadline = time.monotonic() + 10
    while len(lab.list_messages("sales")) > 0:
        assert time.monotonic() < deadline
        time.sleep(0.1)
    assert len(lab.list_messages("sales", folder="Done")) == 4


def test_imaps_with_the_lab_ca(lab, desk, complaintctl_bin):
    lab.inject("support", [lablib.sample_message(1)])
    d = desk(lab, mailboxes=[{"name": "support", "user": "support",
                              "tls": "implicit"}])
    d.wait_log(r"event=imap.connected .*tls=implicit")
    d.wait_log(r"event=ticket.created")


def test_imaps_without_the_ca_fails_clearly(lab, desk):
    lab.inject("support", [lablib.sample_message(1)])
    d = desk(lab, mailboxes=[{"name": "support", "user": "support",
                              "tls": "implicit", "ca": False}])
    line = d.wait_log(r"event=imap.error")[0]
    assert "TLS failed" in line and "not trusted" in line, line
    assert "event=ticket.created" not in d.log()
    # The password was never sent: Dovecot logged no login attempt.
    assert d.proc.poll() is None


def test_wrong_password_is_logged_and_retried(lab, desk):
    d = desk(lab, mailboxes=[{"name": "support", "user": "support",
                              "tls": "starttls", "password": "Wr0ng-Pa55"},
                             {"name": "sales", "user": "sales",
                              "tls": "starttls"}])
    line = d.wait_log(r"event=imap.error mailbox=support")[0]
    assert "login refused" in line and "retrying in" in line
    assert "Wr0ng-Pa55" not in d.log()
    # The other mailbox is not held up.
    lab.inject("sales", [lablib.sample_message(3)])
    d.wait_log(r"event=ticket.created .*mailbox=sales")
    d.wait_log(r"event=imap.error mailbox=support", count=2, timeout=10)


def test_dovecot_restart_is_survived(lab, desk, complaintctl_bin):
    lab.inject("support", [lablib.sample_message(1)])
    d = desk(lab)
    d.wait_log(r"event=ticket.created")
    d.wait_log(r"event=fetcher.poll|event=fetcher.selected")
    lab.restart_dovecot()
    d.wait_log(r"event=imap.error mailbox=support", timeout=15)
    d.wait_log(r"event=imap.connected", count=2, timeout=20)
    lab.inject("support", [lablib.sample_message(2)])
    d.wait_log(r"event=ticket.created", count=2, timeout=15)
    assert len(wait_tickets(complaintctl_bin, d.conf, 2)) == 2


def test_oversize_mail_stays_on_server(lab, desk, complaintctl_bin):
    big = lablib.sample_message(9, subject="Photos of the damage",
                                body="x" * 3000 + "\n")
    d_conf_extra = '    max_message_size = "2K";'
    lab.inject("support", [big, lablib.sample_message(10)])
    d = desk(lab, mailboxes=[{"name": "support", "user": "support",
                              "tls": "starttls", "extra": d_conf_extra}])
    d.wait_log(r"event=message.oversize mailbox=support uid=1")
    d.wait_log(r"event=ticket.created .*uid=2")
    q = ctl(complaintctl_bin, d.conf, "quarantine")
    assert len(q) == 1 and q[0]["uid"] == 1 and "over the" in q[0]["reason"]
    flags = dict(lab.list_messages("support"))
    assert "\\Seen" not in flags[1]
    show = ctl(complaintctl_bin, d.conf, "show", str(q[0]["ticket"]))
    assert show["subject"] == "Photos of the damage"
    assert any(e["kind"] == "note" and "UID 1" in e["detail"]
               for e in show["events"])


def test_tls_verify_off_is_warned(lab, desk):
    lab.inject("support", [lablib.sample_message(1)])
    d = desk(lab, mailboxes=[{"name": "support", "user": "support",
                              "tls": "implicit", "ca": False,
                              "extra": "    tls_verify = false;"}])
    d.wait_log(r"warning fetcher: TLS certificate verification is off "
               r"mailbox=support")
    d.wait_log(r"event=ticket.created")


def test_silent_server_times_out_and_stop_is_quick(complaintd_bin, tmp_path,
                                                   lab):
    """A server that accepts and then says nothing: the read times out,
    the daemon reconnects, and SIGTERM still stops it at once."""
    import socket
    import threading
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen(8)
    held = []

    def accept():
        while True:
            try:
                c, _ = listener.accept()
            except OSError:
                return
            held.append(c)

    threading.Thread(target=accept, daemon=True).start()
    conf = lab_config(tmp_path, lab, mailboxes=[
        {"name": "support", "user": "support", "tls": "none",
         "extra": '    timeout = "5s";'}])
    port = listener.getsockname()[1]
    conf.write_text(conf.read_text().replace(
        "port = %d;" % lab.ports["imap"], "port = %d;" % port))
    d = Daemon(complaintd_bin, conf, tmp_path, notify=True)
    try:
        line = d.wait_log(r"event=imap.error mailbox=support", timeout=15)[0]
        assert "connection lost or timed out" in line, line
        assert len(held) >= 1
        status, took = d.stop()
        assert status == 0 and took < 5, took
    finally:
        d.close()
        listener.close()
        for c in held:
            c.close()


def test_oversize_reprocess_after_raising_the_limit(lab, desk,
                                                    complaintctl_bin):
    import signal
    big = lablib.sample_message(9, subject="Photos of the damage",
                                body="x" * 3000 + "\n")
    lab.inject("support", [big])
    d = desk(lab, mailboxes=[{"name": "support", "user": "support",
                              "tls": "starttls",
                              "extra": '    max_message_size = "2K";'}])
    d.wait_log(r"event=message.oversize mailbox=support uid=1")
    q = ctl(complaintctl_bin, d.conf, "quarantine")[0]
    # Raise the limit, reload, and ask for the mail again.
    d.conf.write_text(d.conf.read_text().replace('"2K"', '"25M"'))
    d.send(signal.SIGHUP)
    d.wait_log(r"event=config.reloaded")
    r = subprocess.run([complaintctl_bin, "-c", str(d.conf), "quarantine",
                        "reprocess", str(q["id"])],
                       capture_output=True, text=True, timeout=30)
    assert r.returncode == 0, r.stderr
    assert "fetches it again" in r.stdout
    d.send(signal.SIGUSR1)
    d.wait_log(r"event=message.refetched mailbox=support uid=1")
    show = ctl(complaintctl_bin, d.conf, "show", str(q["ticket"]))
    assert "x" * 3000 in show["thread"][0]["text"]
    assert ctl(complaintctl_bin, d.conf, "quarantine") == []
    deadline = time.monotonic() + 10
    while "\\Seen" not in dict(lab.list_messages("support"))[1]:
        assert time.monotonic() < deadline
        time.sleep(0.1)


def test_login_and_polling_without_idle(lab, desk, complaintctl_bin):
    """auth = "login" sends the LOGIN command; idle = false polls."""
    d = desk(lab, mailboxes=[{"name": "support", "user": "support",
                              "tls": "starttls",
                              "extra": '    auth = "login";\n'
                                       '    idle = false;\n'
                                       '    poll_interval = "1s";'}])
    d.wait_log(r"event=imap.connected .*auth=LOGIN idle=no")
    d.wait_log(r"event=fetcher.selected")
    lab.inject("support", [lablib.sample_message(5, subject="Polled")])
    d.wait_log(r"event=ticket.created", timeout=15)
    assert ctl(complaintctl_bin, d.conf, "list")[0]["subject"] == "Polled"


def test_after_fetch_none_leaves_mail_unread(lab, desk):
    lab.inject("support", [lablib.sample_message(i) for i in range(2)])
    d = desk(lab, mailboxes=[{"name": "support", "user": "support",
                              "tls": "starttls",
                              "extra": '    after_fetch = "none";'}])
    d.wait_log(r"event=ticket.created", count=2)
    assert d.stop()[0] == 0
    assert all("\\Seen" not in f for _, f in lab.list_messages("support"))
