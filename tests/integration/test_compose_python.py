"""What compose writes, read by a parser that is not ours: Python's email
package (policy.default) must find the intended headers and UTF-8 text,
report no defect, and see no header that hostile input tried to add.
Drives tests/unit/compose_cli (COMPOSE_CLI) and needs no mail lab."""

import email
import email.header
import email.policy
import os
import re
import subprocess
from pathlib import Path

import pytest

SOURCE_DIR = Path(__file__).resolve().parents[2]

BASE_HEADERS = ["Date", "From", "To", "Subject", "Message-ID",
                "MIME-Version", "Content-Type", "Content-Transfer-Encoding"]


@pytest.fixture(scope="module")
def cli():
    path = os.environ.get("COMPOSE_CLI") or str(
        SOURCE_DIR / "build" / "tests" / "unit" / "compose_cli")
    if not os.access(path, os.X_OK):
        pytest.fail("compose_cli not found at %s: build first or set "
                    "COMPOSE_CLI" % path)
    return path


def escape(value):
    """The CLI's value syntax: C escapes for backslash and controls."""
    out = []
    for ch in value:
        if ch == "\\":
            out.append("\\\\")
        elif ord(ch) < 0x20 or ch == "\x7f":
            out.append("\\x%02x" % ord(ch))
        else:
            out.append(ch)
    return "".join(out)


def run(cli, **fields):
    mail = {
        "date": "1764840600",
        "from": "ACME Support <support@acme.example>",
        "to_addr": "alice@example.org",
        "subject": "[ACME #123] We have received your message",
        "message_id": "cd.123.TOKEN.1@acme.example",
        "text": "Hello,\n\nthank you.\n",
    }
    headers = fields.pop("headers", [])
    mail.update(fields)
    lines = ["%s\t%s" % (k, escape(v)) for k, v in mail.items()
             if v is not None]
    lines += ["header\t%s" % escape(h) for h in headers]
    return subprocess.run([cli], input="\n".join(lines).encode() + b"\n",
                          capture_output=True, timeout=30)


def compose(cli, **fields):
    """Composes, checks the raw lines and parses with Python's email."""
    proc = run(cli, **fields)
    assert proc.returncode == 0, proc.stderr.decode()
    raw = proc.stdout
    raw.decode("ascii")  # 7-bit only
    assert raw.endswith(b"\r\n")
    head, _, _ = raw.partition(b"\r\n\r\n")
    for line in raw.split(b"\r\n"):
        assert b"\r" not in line and b"\n" not in line
        assert len(line) <= 998
    for line in head.split(b"\r\n"):
        if b"=?" in line:
            assert len(line) <= 76, line
    msg = email.message_from_bytes(raw, policy=email.policy.default)
    assert_no_defects(msg)
    return raw, msg


def assert_no_defects(msg):
    for part in msg.walk():
        assert part.defects == [], part.defects
        for name, value in part.items():
            assert value.defects == (), (name, value.defects)


ENCODED_WORD = re.compile(r"=\?[^?]+\?[bBqQ]\?[^?]*\?=")


def header_value(raw, name):
    """The raw header's value, unfolded."""
    head = raw.partition(b"\r\n\r\n")[0].decode("ascii")
    for field in head.replace("\r\n ", " ").split("\r\n"):
        key, _, value = field.partition(": ")
        if key == name:
            return value
    raise AssertionError("no %s header" % name)


def display_name(raw, msg, header):
    """The display name of the header's only mailbox.  policy.default puts
    a space between adjacent encoded words in address headers, which
    RFC 2047 6.2 says to ignore (CPython gh-128110, fixed after 3.11); for
    such names the RFC-following legacy decoder is the judge, and
    policy.default may differ from it in spaces only."""
    addresses = msg[header].addresses
    assert len(addresses) == 1
    name = addresses[0].display_name
    phrase = header_value(raw, header).rpartition("<")[0].strip()
    if len(ENCODED_WORD.findall(phrase)) < 2:
        return name
    legacy = str(email.header.make_header(email.header.decode_header(phrase)))
    assert name.replace(" ", "") == legacy.replace(" ", "")
    return legacy


def plain(msg):
    """The text/plain body as Python decodes it, line ends as "\\n"."""
    return msg.get_body(("plain",)).get_content().replace("\r\n", "\n")


def test_english(cli):
    text = ("Dear Alice,\n\nWe have received your message about order "
            "A-1001.\nYour reference is [ACME #123].\n\nACME Support\n")
    raw, msg = compose(cli, to_name="Alice Smith",
                       reply_to="support+123-TOKEN@acme.example",
                       text=text)
    assert msg.keys() == ["Date", "From", "Reply-To", "To", "Subject",
                          "Message-ID", "MIME-Version", "Content-Type",
                          "Content-Transfer-Encoding"]
    assert msg["Subject"] == "[ACME #123] We have received your message"
    assert msg["From"].addresses[0].display_name == "ACME Support"
    assert msg["From"].addresses[0].addr_spec == "support@acme.example"
    assert msg["To"].addresses[0].display_name == "Alice Smith"
    assert msg["To"].addresses[0].addr_spec == "alice@example.org"
    assert msg["Reply-To"].addresses[0].addr_spec == \
        "support+123-TOKEN@acme.example"
    assert msg["Message-ID"] == "<cd.123.TOKEN.1@acme.example>"
    assert msg["Date"].datetime.timestamp() == 1764840600
    assert msg.get_content_type() == "text/plain"
    assert msg.get_content_charset() == "utf-8"
    assert plain(msg) == text


def test_chinese(cli):
    text = ("张三，您好：\n\n我们已收到您的来信，编号为 [ACME #123]。\n"
            "我们将在 2025年12月5日 17:30 前答复您。\n\nACME 客服中心\n")
    subject = "[ACME #123] 我们已收到您的来信：订单未送达"
    raw, msg = compose(cli, **{"from": "ACME 客服中心 <support@acme.example>"},
                       to_name="张三", subject=subject, text=text)
    assert msg.keys() == BASE_HEADERS
    assert msg["Subject"] == subject
    assert display_name(raw, msg, "From") == "ACME 客服中心"
    assert display_name(raw, msg, "To") == "张三"
    assert plain(msg) == text


def test_threading_and_auto_submitted(cli):
    refs = " ".join("%04d.ABCDEFGHIJKLMNOP@mail.example" % i
                    for i in range(20))
    raw, msg = compose(cli, in_reply_to="0019.ABCDEFGHIJKLMNOP@mail.example",
                       references=refs, auto_submitted="auto-replied",
                       headers=["X-Complaintd-Ticket: 123"])
    assert msg.keys() == ["Date", "From", "To", "Subject", "Message-ID",
                          "In-Reply-To", "References", "Auto-Submitted",
                          "X-Auto-Response-Suppress", "X-Complaintd-Ticket",
                          "MIME-Version", "Content-Type",
                          "Content-Transfer-Encoding"]
    assert msg["In-Reply-To"] == "<0019.ABCDEFGHIJKLMNOP@mail.example>"
    assert msg["References"].split() == ["<%s>" % r for r in refs.split()]
    assert msg["Auto-Submitted"] == "auto-replied"
    assert msg["X-Complaintd-Ticket"] == "123"
    assert all(len(line) <= 78 for line in raw.split(b"\r\n"))


def test_html_alternative(cli):
    text = "您好，\n\n我们已收到您的来信。\n"
    html = ("<p>您好，</p>\n<p>我们已收到您的来信。"
            "<a href=\"https://acme.example/t?id=123&amp;k=a=b\">查看</a></p>\n")
    raw, msg = compose(cli, text=text, html=html)
    assert msg.get_content_type() == "multipart/alternative"
    assert [p.get_content_type() for p in msg.iter_parts()] == \
        ["text/plain", "text/html"]
    assert plain(msg) == text
    got = msg.get_body(("html",)).get_content().replace("\r\n", "\n")
    assert got == html


@pytest.mark.parametrize("name,written", [
    ("Alice", b"To: Alice <alice@example.org>"),
    ("Doe, John", b'To: "Doe, John" <alice@example.org>'),
    ("J. R. Smith", b'To: "J. R. Smith" <alice@example.org>'),
    ('Bob "The Builder" O\\Neil', None),
    ("Eve <eve@evil.example>", None),
    ("Zoë Müller", None),
    ("张三", None),
    ("=?UTF-8?B?RXZl?=", None),
    ("x" * 300, None),
])
def test_display_names(cli, name, written):
    raw, msg = compose(cli, to_name=name)
    if written is not None:
        assert b"\r\n" + written + b"\r\n" in raw
    assert msg.keys() == BASE_HEADERS
    assert display_name(raw, msg, "To") == name
    assert msg["To"].addresses[0].addr_spec == "alice@example.org"


@pytest.mark.parametrize("subject", [
    " ".join(["complaint about delivery"] * 40),
    "[ACME #123] " + "退款申请" * 80,
    " ".join(["Order 订单 😀"] * 30),
    "A" * 100 * 1024,
    " ".join(["word"] * 20 * 1024),
    "中" * 34 * 1024,
    "[ACME #123] " + "x" * 55 + " 退款 refund",
], ids=["english", "chinese", "mixed", "100k-word", "100k-words",
        "100k-han", "ascii-then-encoded"])
def test_long_subjects(cli, subject):
    raw, msg = compose(cli, subject=subject, to_name=subject[:2000])
    assert msg.keys() == BASE_HEADERS
    assert msg["Subject"] == subject
    assert display_name(raw, msg, "To") == subject[:2000].strip()


@pytest.mark.parametrize("text", [
    "trailing spaces   \ntrailing tab\t\nboth \t \n",
    "a=b == c =\n=3D is not a code\n= at start\n",
    ".\n..\n...\n.leading dot\n",
    "From me, a line mbox would mangle\n",
    "CRLF\r\nline ends\r\n",
    "x" * 1000 + "\n" + "中文" * 300 + "\n" + "😀" * 100 + "\n",
    ("a " * 38 + "\n") * 3,
])
def test_quoted_printable(cli, text):
    raw, msg = compose(cli, text=text)
    body = raw.partition(b"\r\n\r\n")[2]
    assert all(len(line) <= 76 for line in body.split(b"\r\n"))
    assert not any(line.startswith(b".") for line in body.split(b"\r\n"))
    assert plain(msg) == text.replace("\r\n", "\n")


@pytest.mark.parametrize("evil", [
    "Hi\r\nBcc: evil@x.example",
    "Hi\nBcc: evil@x.example",
    "Hi\rBcc: evil@x.example",
    "Hi\r\n\r\nbody injected",
    "\r\nBcc: evil@x.example",
    "Hi\r\n Bcc: folded@x.example",
    "x " * 36 + "Bcc: evil@x.example",
    "Hi\x00Bcc: after NUL",
])
def test_hostile_values(cli, evil):
    raw, msg = compose(cli, subject=evil, to_name=evil,
                       headers=["X-Customer-Note: " + evil])
    assert msg.keys() == ["Date", "From", "To", "Subject", "Message-ID",
                          "X-Customer-Note", "MIME-Version", "Content-Type",
                          "Content-Transfer-Encoding"]
    assert msg["Bcc"] is None
    assert [a.addr_spec for a in msg["To"].addresses] == ["alice@example.org"]
    assert plain(msg) == "Hello,\n\nthank you.\n"
    # What is left of the value: controls as spaces, nothing after a NUL;
    # the parser trims the value.
    want = evil.split("\x00")[0]
    for ch in "\r\n":
        want = want.replace(ch, " ")
    assert msg["Subject"] == want.strip()
    assert msg["X-Customer-Note"] == want.strip()


@pytest.mark.parametrize("trick", [
    "=?UTF-8?B?QmNjOiBldmlsQHguZXhhbXBsZQ==?=",
    "Refund =?utf-8?q?=0D=0ABcc:_evil@x.example?= now",
    "a =? b ?= c",
    "=?UTF-8?Q?=E4=B8=AD?= 中",
])
def test_encoded_word_tricks(cli, trick):
    raw, msg = compose(cli, subject=trick, to_name=trick)
    assert msg.keys() == BASE_HEADERS
    assert msg["Subject"] == trick
    assert display_name(raw, msg, "To") == trick


@pytest.mark.parametrize("field,value,reason", [
    ("to_addr", "alice@example.org\r\nBcc: evil@x.example", "recipient"),
    ("to_addr", "alice @example.org", "recipient"),
    ("to_addr", "<alice@example.org>", "recipient"),
    ("to_addr", "alice@example.org, evil@x.example", "recipient"),
    ("to_addr", "a@b@example.org", "recipient"),
    ("reply_to", "a b@acme.example", "Reply-To"),
    ("from", "ACME <support@acme.example>\r\nBcc: evil@x.example", "From"),
    ("from", "ACME <support@acme.example>, <x@x.example>", "From"),
])
def test_bad_addresses_refused(cli, field, value, reason):
    proc = run(cli, **{field: value})
    assert proc.returncode == 1
    assert proc.stdout == b""
    assert reason in proc.stderr.decode()
