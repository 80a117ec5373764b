"""complaintctl attachment get: the bytes the customer sent, to stdout or
into a file named after the attachment — its last path part only, never
over an existing file; an unknown id exits 1."""

import base64
import json
import subprocess

from configs import write_config

DATA = bytes(range(256)) * 40


def mail():
    b64 = base64.encodebytes(DATA).decode()
    return ("From: ann@example.net\r\nTo: support@example.com\r\n"
            "Subject: Photo of the damage\r\nMessage-ID: <att1@example.net>\r\n"
            "MIME-Version: 1.0\r\n"
            "Content-Type: multipart/mixed; boundary=b\r\n\r\n"
            "--b\r\nContent-Type: text/plain\r\n\r\nSee attached.\r\n"
            "--b\r\nContent-Type: application/octet-stream\r\n"
            "Content-Disposition: attachment; "
            "filename=\"../../etc/.damage photo.bin\"\r\n"
            "Content-Transfer-Encoding: base64\r\n\r\n%s--b--\r\n"
            % b64).encode()


def run(ctl_bin, conf, *args, cwd=None, data=None):
    return subprocess.run([ctl_bin, "-c", str(conf)] + list(args),
                          input=data, capture_output=True, timeout=30,
                          cwd=cwd)


def test_attachment_get(complaintctl_bin, tmp_path):
    conf = write_config(tmp_path)
    assert run(complaintctl_bin, conf, "ingest", data=mail()).returncode == 0
    shown = json.loads(run(complaintctl_bin, conf, "--json", "show",
                           "1").stdout)
    att = shown["thread"][0]["attachments"][0]
    assert att["stored"] and att["size"] == len(DATA)
    text = run(complaintctl_bin, conf, "show", "1").stdout.decode()
    assert "attachment get %d" % att["id"] in text
    r = run(complaintctl_bin, conf, "attachment", "get", str(att["id"]),
            "-o", "-")
    assert r.returncode == 0 and r.stdout == DATA
    out = tmp_path / "work"
    out.mkdir()
    r = run(complaintctl_bin, conf, "attachment", "get", str(att["id"]),
            cwd=out)
    assert r.returncode == 0, r.stderr
    assert (out / "damage photo.bin").read_bytes() == DATA
    assert [p.name for p in out.iterdir()] == ["damage photo.bin"]
    # Never over a file that is there.
    r = run(complaintctl_bin, conf, "attachment", "get", str(att["id"]),
            cwd=out)
    assert r.returncode == 73 and b"cannot create" in r.stderr
    r = run(complaintctl_bin, conf, "attachment", "get", "999")
    assert r.returncode == 1 and b"no attachment #" in r.stderr
    assert run(complaintctl_bin, conf, "attachment", "put",
               "1").returncode == 64
