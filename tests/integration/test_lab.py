"""The mail lab starts, accepts an IMAP login and an SMTP message, and stops
leaving no process behind."""

import imaplib
import os
import smtplib
import ssl

import pytest


def test_imap_login_plain_starttls_and_imaps(lab_module):
    lab = lab_module
    pw = lab.users["support"]
    c = imaplib.IMAP4(lab.host, lab.ports["imap"])
    assert c.login("support", pw)[0] == "OK"
    c.logout()
    c = imaplib.IMAP4(lab.host, lab.ports["imap"])
    c.starttls(ssl_context=lab.ssl_context())
    assert c.login("support", pw)[0] == "OK"
    c.logout()
    c = imaplib.IMAP4_SSL(lab.host, lab.ports["imaps"], ssl_context=lab.ssl_context())
    assert c.login("support", pw)[0] == "OK"
    c.logout()
    with pytest.raises(ssl.SSLError):
        imaplib.IMAP4_SSL(lab.host, lab.ports["imaps"],
                          ssl_context=ssl.create_default_context())
    c = imaplib.IMAP4(lab.host, lab.ports["imap"])
    with pytest.raises(imaplib.IMAP4.error):
        c.login("support", "wrong")


def test_inject_append_and_maildir(lab_module):
    lab = lab_module
    before = len(lab.list_messages("sales"))
    raw = b"From: a@x.example\r\nSubject: t\r\n\r\nbody\r\n"
    lab.inject("sales", [raw, raw], method="append")
    lab.inject("sales", [raw], method="maildir")
    msgs = lab.list_messages("sales")
    assert len(msgs) == before + 3
    assert lab.fetch_message("sales", msgs[-1][0]).replace(b"\r\n", b"\n") == \
        raw.replace(b"\r\n", b"\n")


def test_smtp_message_stored(lab_module):
    lab = lab_module
    s = smtplib.SMTP(lab.host, lab.ports["smtp"], timeout=10)
    s.sendmail("desk@example.com", ["cust@example.net"],
               b"Subject: hello\r\n\r\nthanks\r\n")
    s.quit()
    got = lab.wait_for_received(1)
    assert got[-1]["mail_from"] == "desk@example.com"
    assert got[-1]["rcpt_tos"] == ["cust@example.net"]
    assert b"thanks" in got[-1]["raw"]


def test_stop_leaves_nothing(lab):
    pids = list(lab.env()["pids"].values())
    assert all(os.path.exists("/proc/%d" % p) for p in pids)
    lab.stop()
    for p in pids:
        if os.path.exists("/proc/%d/stat" % p):
            assert open("/proc/%d/stat" % p).read().split()[2] == "Z"
