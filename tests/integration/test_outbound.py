"""Outbound mail against the lab: a new complaint gets exactly one
acknowledgement (right tag, language and threading headers) through the
real SMTP sink; the customer's reply to it joins the same ticket with no
second acknowledgement; automatic mail gets none; the team is told; mail
survives the SMTP server being down; a 5xx ends failed with the server's
answer; a kill -9 while sending loses nothing."""

import email
import email.policy
import json
import signal
import subprocess
import time

import lab as lablib
from configs import lab_config
from daemon_proc import Daemon

TEAM = "team@example.com"


def start(complaintd_bin, tmp_path, lab, extra="", mb_extra="", env=None,
          ready=True):
    """The desk, watching the mailbox: mail injected afterwards is new to
    it (mail older than its first look is ticketed without an ack)."""
    mb = {"name": "support", "user": "support", "tls": "starttls",
          "extra": '    team = "%s";\n%s' % (TEAM, mb_extra)}
    conf = lab_config(tmp_path, lab, mailboxes=[mb], extra=extra)
    d = Daemon(complaintd_bin, conf, tmp_path, notify=True, env=env)
    d.conf = conf
    if ready:
        d.wait_log(r"event=fetcher.selected")
    return d


def ctl(complaintctl_bin, conf, *args):
    r = subprocess.run([complaintctl_bin, "-c", str(conf), "--json"] + list(args),
                       capture_output=True, text=True, timeout=30)
    assert r.returncode == 0, r.stderr
    return json.loads(r.stdout)


def parsed(item):
    """A received mail as Python's email package reads it; no defects."""
    msg = email.message_from_bytes(item["raw"], policy=email.policy.default)
    assert not msg.defects, msg.defects
    return msg


def to_customer(lab, address):
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


def test_ack_once_threaded_and_reply_joins(lab, complaintd_bin,
                                           complaintctl_bin, tmp_path):
    first = lablib.sample_message(1, sender="Ann Lee <ann@example.net>",
                                  subject="Kettle broken",
                                  message_id="<k1@example.net>")
    d = start(complaintd_bin, tmp_path, lab)
    lab.inject("support", [first])
    try:
        acks = wait_count(lambda: to_customer(lab, "ann@example.net"), 1)
        ack = parsed(acks[0])
        assert ack["Subject"].startswith("[TEST #1] ")
        assert "Kettle broken" in ack["Subject"]
        assert ack["In-Reply-To"] == "<k1@example.net>"
        assert "<k1@example.net>" in ack["References"]
        assert ack["Auto-Submitted"] == "auto-replied"
        assert ack["From"].addresses[0].addr_spec == "support@example.com"
        assert acks[0]["mail_from"] == "support@example.com"
        body = ack.get_body(("plain",)).get_content()
        assert "[TEST #1]" in body and "Ann Lee" in body
        # The team hears of it too.
        notes = wait_count(lambda: to_customer(lab, TEAM), 1)
        assert "[TEST #1]" in parsed(notes[0])["Subject"]
        # The customer answers the acknowledgement.
        reply = lablib.sample_message(
            2, sender="Ann Lee <ann@example.net>",
            subject="Re: " + str(ack["Subject"]),
            message_id="<k2@example.net>",
            extra_headers=[("In-Reply-To", ack["Message-ID"]),
                           ("References", "<k1@example.net> " + ack["Message-ID"])])
        lab.inject("support", [reply])
        d.wait_log(r"event=message.appended ticket=1 .*by=in-reply-to")
        wait_count(lambda: to_customer(lab, TEAM), 2)
        time.sleep(1)
        assert len(to_customer(lab, "ann@example.net")) == 1, "a second ack"
        show = ctl(complaintctl_bin, d.conf, "show", "1")
        kinds = [(m["direction"], m["kind"]) for m in show["thread"]]
        assert kinds.count(("in", "mail")) == 2
        assert ("out", "ack") in kinds
        assert any(e["kind"] == "ack.queued" for e in show["events"])
        d.wait_log(r"event=mail.sent .*kind=ack")
        assert d.stop()[0] == 0
    finally:
        d.close()


def test_chinese_mail_gets_a_chinese_ack(lab, complaintd_bin, tmp_path):
    zh = lablib.sample_message(3, sender="王小明 <wang@kehu.example>",
                               subject="退款还没有到账",
                               body="您好，我上周已经退货，但是退款还没有到账。\n")
    d = start(complaintd_bin, tmp_path, lab)
    lab.inject("support", [zh])
    try:
        ack = parsed(wait_count(lambda: to_customer(lab, "wang@kehu.example"),
                                1)[0])
        assert "我们已收到您的来信" in ack["Subject"]
        assert "退款还没有到账" in ack["Subject"]
        body = ack.get_body(("plain",)).get_content()
        assert "王小明" in body and "年" in body
    finally:
        d.close()


def test_no_ack_to_automatic_or_own_mail(lab, complaintd_bin, tmp_path):
    mails = [
        lablib.sample_message(10, sender="ooo@example.net",
                              subject="Automatic reply: hello",
                              extra_headers=[("Auto-Submitted", "auto-replied")]),
        lablib.sample_message(11, sender="list@lists.example",
                              extra_headers=[("List-Id", "<news.lists.example>")]),
        lablib.sample_message(12, sender="MAILER-DAEMON@mx.example",
                              subject="Undelivered Mail Returned to Sender"),
        lablib.sample_message(13, sender="support@example.com",
                              subject="Loop?"),
        lablib.sample_message(14, sender="bulk@shop.example",
                              extra_headers=[("Precedence", "bulk")]),
        lablib.sample_message(15, sender="real@example.net",
                              subject="A real complaint"),
    ]
    d = start(complaintd_bin, tmp_path, lab)
    lab.inject("support", mails)
    try:
        d.wait_log(r"event=ticket.created", count=6)
        wait_count(lambda: to_customer(lab, "real@example.net"), 1)
        time.sleep(1)
        customers = {i["rcpt_tos"][0] for i in lab.received()} - {TEAM}
        assert customers == {"real@example.net"}
        log = d.log()
        for who, why in (("ooo@example.net", "automatic mail"),
                         ("list@lists.example", "automatic mail"),
                         ("MAILER-DAEMON@mx.example", "automatic mail"),
                         ("support@example.com", "the desk's own address"),
                         ("bulk@shop.example", "automatic mail")):
            line = [l for l in log.splitlines() if "from=" + who in l]
            assert line and "ack=no" in line[0] and why in line[0], (who, line)
    finally:
        d.close()


def test_rate_limit_and_backlog(lab, complaintd_bin, tmp_path):
    # Waiting in the mailbox before the desk first looks: no answer, though
    # its Date is today.  A mail that comes later is answered, though its
    # sender's clock says 2024: the UID decides, not the Date.
    lab.inject("support", [lablib.sample_message(20, sender="old@example.net")])
    d = start(complaintd_bin, tmp_path, lab, extra="ack = { max_per_hour = 2; };\n")
    try:
        line = d.wait_log(r"from=old@example.net")[0]
        assert "ack=no" in line and "before the desk watched" in line
        lab.inject("support", [lablib.sample_message(
            21, sender="skewed@example.net",
            date="Mon, 01 Jan 2024 10:00:00 +0000")])
        assert "ack=queued" in d.wait_log(r"from=skewed@example.net")[0]
        lab.inject("support", [lablib.sample_message(
            30 + i, sender="eager@example.net", subject="Complaint %d" % i)
            for i in range(4)])
        d.wait_log(r"from=eager@example.net", count=4)
        wait_count(lambda: to_customer(lab, "eager@example.net"), 2)
        time.sleep(1)
        assert len(to_customer(lab, "eager@example.net")) == 2
        assert "too many automatic mails this hour" in d.log()
    finally:
        d.close()


def test_smtp_down_then_back_every_ack_once(lab, complaintd_bin, tmp_path):
    lab.stop_smtp()
    d = start(complaintd_bin, tmp_path, lab)
    lab.inject("support", [lablib.sample_message(40 + i) for i in range(5)])
    try:
        d.wait_log(r"event=ticket.created", count=5)
        d.wait_log(r"event=mail.retry", count=1)
        lab.start_smtp()
        # Retries are 30 s apart at first; SIGUSR1 is "look now".
        d.send(signal.SIGUSR1)
        acks = wait_count(lambda: [i for i in lab.received()
                                   if i["rcpt_tos"] != [TEAM]], 5, timeout=60)
        time.sleep(1)
        ids = [parsed(i)["Message-ID"] for i in lab.received()]
        assert len(ids) == len(set(ids)) == 10, ids
        assert sorted(i["rcpt_tos"][0] for i in acks) == sorted(
            "customer%d@example.com" % (40 + i) for i in range(5))
    finally:
        d.close()


def test_5xx_recipient_fails_with_the_answer(lab, complaintd_bin,
                                             complaintctl_bin, tmp_path):
    d = start(complaintd_bin, tmp_path, lab)
    lab.inject("support", [lablib.sample_message(
        50, sender="reject-me@example.net", subject="Unreachable")])
    try:
        d.wait_log(r"event=mail.failed .*to=reject-me@example.net")
        out = ctl(complaintctl_bin, d.conf, "outbox")
        failed = [o for o in out if o["status"] == "failed"]
        assert len(failed) == 1 and failed[0]["kind"] == "ack"
        assert failed[0]["last_code"] == 550
        assert "User unknown" in failed[0]["last_error"]
        r = subprocess.run([complaintctl_bin, "-c", str(d.conf), "outbox"],
                           capture_output=True, text=True, timeout=30)
        assert "failed" in r.stdout and "User unknown" in r.stdout
        # Its address is paused: the next complaint gets no ack.
        lab.inject("support", [lablib.sample_message(
            51, sender="reject-me@example.net", subject="Again")])
        line = d.wait_log(r"subject=Again")[0]
        assert "bounced recently" in line, line
        # cancel and retry answer as they should.
        r = subprocess.run([complaintctl_bin, "-c", str(d.conf), "outbox",
                            "cancel", str(failed[0]["id"])],
                           capture_output=True, text=True, timeout=30)
        assert r.returncode == 0
        r = subprocess.run([complaintctl_bin, "-c", str(d.conf), "outbox",
                            "retry", str(failed[0]["id"])],
                           capture_output=True, text=True, timeout=30)
        assert r.returncode == 1, "a cancelled mail cannot be retried"
    finally:
        d.close()


def test_kill_9_while_sending_loses_nothing(lab, complaintd_bin, tmp_path):
    n = 30
    # since: the mail predates the desk's first look at the mailbox.
    d = start(complaintd_bin, tmp_path, lab, ready=False,
              extra='ack = { since = "2020-01-01"; };\n',
              env={"COMPLAINTD_TEST_KILL_AT": "45"})
    lab.inject("support", [lablib.sample_message(60 + i) for i in range(n)])
    try:
        assert d.wait_exit(60) == -signal.SIGKILL
    finally:
        d.close()
    before = len(lab.received())
    (tmp_path / "again").mkdir()
    d = Daemon(complaintd_bin, tmp_path / "complaintd.conf", tmp_path / "again")
    try:
        got = wait_count(lambda: [i for i in lab.received()
                                  if i["rcpt_tos"] != [TEAM]], n, timeout=60)
        time.sleep(1)
        acks = [i["rcpt_tos"][0] for i in lab.received() if i["rcpt_tos"] != [TEAM]]
        assert set(acks) == {"customer%d@example.com" % (60 + i) for i in range(n)}
        # At most the one mail handed over when the kill came is sent twice.
        assert len(acks) - n <= 1, (before, len(got))
    finally:
        d.close()


def dsn_for(original, recipient):
    """A Postfix-style bounce of original (bytes) for recipient."""
    head = original.split(b"\r\n\r\n", 1)[0].split(b"\n\n", 1)[0]
    return (
        "From: MAILER-DAEMON@mx.example.net (Mail Delivery System)\r\n"
        "To: support@example.com\r\n"
        "Subject: Undelivered Mail Returned to Sender\r\n"
        "Message-ID: <bounce.%d@mx.example.net>\r\n"
        "MIME-Version: 1.0\r\n"
        "Content-Type: multipart/report; report-type=delivery-status;"
        " boundary=\"B\"\r\n\r\n"
        "--B\r\nContent-Type: text/plain\r\n\r\nThe mail could not be delivered.\r\n"
        "--B\r\nContent-Type: message/delivery-status\r\n\r\n"
        "Reporting-MTA: dns; mx.example.net\r\n\r\n"
        "Final-Recipient: rfc822; %s\r\nAction: failed\r\nStatus: 5.1.1\r\n"
        "Diagnostic-Code: smtp; 550 5.1.1 user unknown\r\n"
        "--B\r\nContent-Type: text/rfc822-headers\r\n\r\n"
        % (abs(hash(recipient)), recipient)).encode() + head + b"\r\n--B--\r\n"


def test_bounce_of_an_ack_threads_and_pauses_the_address(
        lab, complaintd_bin, complaintctl_bin, tmp_path):
    d = start(complaintd_bin, tmp_path, lab)
    try:
        lab.inject("support", [lablib.sample_message(
            70, sender="gone@example.net", subject="First")])
        ack = wait_count(lambda: to_customer(lab, "gone@example.net"), 1)[0]
        # The customer's server bounces the acknowledgement back.
        lab.inject("support", [dsn_for(ack["raw"], "gone@example.net")])
        line = d.wait_log(r"from=MAILER-DAEMON@mx.example.net")[0]
        assert "event=message.appended ticket=1" in line and "by=bounce" in line
        lab.inject("support", [lablib.sample_message(
            71, sender="gone@example.net", subject="Second")])
        line = d.wait_log(r"subject=Second")[0]
        assert "ack=no" in line and "bounced recently" in line, line
        show = ctl(complaintctl_bin, d.conf, "show", "1")
        assert show["status"] == "new", "a bounce must not reopen or change"
    finally:
        d.close()


def _smtp_conf(tmp_path, lab, url, extra_smtp, ca=True):
    """A lab config whose smtp section is replaced by one using TLS/AUTH
    (trusting the lab's CA unless ca is false)."""
    conf = lab_config(tmp_path, lab, mailboxes=[
        {"name": "support", "user": "support", "tls": "starttls"}])
    secret = tmp_path / "smtp.password"
    secret.write_text(lablib.DEFAULT_SMTP_AUTH[1] + "\n")
    secret.chmod(0o640)
    text = conf.read_text()
    start = text.index("smtp = {")
    end = text.index("};", start) + 2
    conf.write_text(text[:start] + (
        'smtp = {\n  url = "%s";\n  tls = "required";\n%s'
        '  user = "%s";\n  password_file = "%s";\n'
        '  from = "Test Desk <support@example.com>";\n%s};'
        % (url, '  ca_file = "%s";\n' % lab.ca_file if ca else "",
           lablib.DEFAULT_SMTP_AUTH[0], secret, extra_smtp))
        + text[end:])
    return conf


def test_starttls_and_smtps_with_auth(lab, complaintd_bin, tmp_path):
    for n, url in enumerate(("smtp://127.0.0.1:%d" % lab.ports["smtp"],
                             "smtps://127.0.0.1:%d" % lab.ports["smtps"])):
        work = tmp_path / ("run%d" % n)
        work.mkdir()
        conf = _smtp_conf(work, lab, url, "")
        d = Daemon(complaintd_bin, conf, work)
        try:
            d.wait_log(r"event=fetcher.selected")
            who = "tls%d@example.net" % n
            lab.inject("support", [lablib.sample_message(80 + n, sender=who)])
            got = wait_count(lambda: to_customer(lab, who), 1)[0]
            assert got["tls"] is True, got
            assert got["auth_login"] == lablib.DEFAULT_SMTP_AUTH[0], got
        finally:
            d.close()


def test_untrusted_smtp_certificate_is_retried_not_lost(lab, complaintd_bin,
                                                         complaintctl_bin,
                                                         tmp_path):
    conf = _smtp_conf(tmp_path, lab, "smtp://127.0.0.1:%d" % lab.ports["smtp"],
                      "", ca=False)
    d = Daemon(complaintd_bin, conf, tmp_path)
    d.conf = conf
    try:
        d.wait_log(r"event=fetcher.selected")
        lab.inject("support", [lablib.sample_message(90, sender="c@example.net")])
        line = d.wait_log(r"event=mail.retry")[0]
        assert "certificate" in line.lower() or "SSL" in line, line
        out = ctl(complaintctl_bin, conf, "outbox")
        assert out and all(o["status"] == "queued" for o in out)
        assert not to_customer(lab, "c@example.net")
    finally:
        d.close()
