"""complaintctl ingest: one raw mail from a file or stdin, for MTA pipe
delivery — exit 0 when stored (malformed mail included), 75 when the
store cannot take it now (the MTA keeps the mail and retries), 65 for
input that is no mail at all, 66 for a file that cannot be read."""

import json
import subprocess

import lab as lablib
from configs import write_config

EX_USAGE, EX_DATAERR, EX_NOINPUT, EX_TEMPFAIL = 64, 65, 66, 75


def ingest(ctl_bin, conf, *args, data=None):
    return subprocess.run([ctl_bin, "-c", str(conf), "--json", "ingest"] +
                          list(args), input=data, capture_output=True,
                          timeout=30)


def test_stdin_file_and_duplicates(complaintctl_bin, tmp_path):
    conf = write_config(tmp_path)
    raw = lablib.sample_message(1, subject="Pipe delivery")
    r = ingest(complaintctl_bin, conf, "--mailbox", "support", data=raw)
    assert r.returncode == 0, r.stderr
    first = json.loads(r.stdout)
    assert first["outcome"] == "created" and first["quarantined"] is False
    (tmp_path / "m.eml").write_bytes(raw)
    r = ingest(complaintctl_bin, conf, str(tmp_path / "m.eml"))
    assert r.returncode == 0
    again = json.loads(r.stdout)
    assert again["outcome"] == "duplicate"
    assert again["ticket"] == first["ticket"]
    r = subprocess.run([complaintctl_bin, "-c", str(conf), "show",
                        str(first["ticket"]), "--json"],
                       capture_output=True, text=True, timeout=30)
    shown = json.loads(r.stdout)
    assert shown["subject"] == "Pipe delivery"
    assert shown["mailbox"] == "support"


def test_malformed_mail_is_stored_and_quarantined(complaintctl_bin, tmp_path):
    conf = write_config(tmp_path)
    raw = (b"From: x@example.net\nSubject: broken\nMIME-Version: 1.0\n"
           b"Content-Type: multipart/mixed; boundary=zzz\n\nno parts here\n")
    r = ingest(complaintctl_bin, conf, "-", data=raw)
    assert r.returncode == 0, r.stderr
    assert json.loads(r.stdout)["quarantined"] is True
    r = subprocess.run([complaintctl_bin, "-c", str(conf), "quarantine"],
                       capture_output=True, text=True, timeout=30)
    assert r.returncode == 0
    assert "boundary" in r.stdout
    # Garbage that is not even a header is still kept.
    r = ingest(complaintctl_bin, conf, data=b"\x00\xff\xfe binary junk")
    assert r.returncode == 0, r.stderr


def test_exit_codes(complaintctl_bin, tmp_path):
    conf = write_config(tmp_path)
    assert ingest(complaintctl_bin, conf, data=b"").returncode == EX_DATAERR
    r = ingest(complaintctl_bin, conf, str(tmp_path / "absent.eml"))
    assert r.returncode == EX_NOINPUT
    r = ingest(complaintctl_bin, conf, "--mailbox", "nope", data=b"x")
    assert r.returncode == EX_USAGE
    assert b'no mailbox named "nope"' in r.stderr
    # A store that cannot be opened: the MTA must keep the mail.
    broken = tmp_path / "broken.conf"
    broken.write_text(conf.read_text().replace(
        "%s/complaintd.db" % tmp_path, "%s/gone/complaintd.db" % tmp_path))
    r = ingest(complaintctl_bin, broken, data=lablib.sample_message(2))
    assert r.returncode == EX_TEMPFAIL
    assert b"gone" in r.stderr
