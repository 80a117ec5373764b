"""Shared by the complaintd benchmarks: realistic complaint mails, a lab and
a daemon that are always cleaned up, read-only looks into the store, and
small statistics.  Benchmarks report figures; nothing here asserts on time.
"""

import base64
import contextlib
import datetime
import email.header
import email.utils
import functools
import html
import os
import quopri
import random
import shutil
import signal
import sqlite3
import subprocess
import sys
import tempfile
import textwrap
import time
from pathlib import Path

SOURCE_DIR = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(SOURCE_DIR / "tests" / "lab"))
sys.path.insert(0, str(SOURCE_DIR / "tests" / "integration"))

import lab as lablib  # noqa: E402
from configs import lab_config  # noqa: E402
from daemon_proc import Daemon  # noqa: E402


class BenchError(Exception):
    """A benchmark could not run (not: it was slow)."""


# ---------------------------------------------------------------------------
# Binaries
# ---------------------------------------------------------------------------

def binaries(build):
    """{name: path} of the binaries in a build directory; raises if missing."""
    build = Path(build)
    if not build.is_absolute():
        build = SOURCE_DIR / build
    paths = {
        "complaintd": build / "daemon" / "complaintd",
        "complaintctl": build / "daemon" / "complaintctl",
        "imap_ceiling": build / "tests" / "bench" / "imap_ceiling",
    }
    for name, path in paths.items():
        if not os.access(path, os.X_OK):
            raise BenchError("%s not found at %s: build first (see "
                             "tests/bench/README.md)" % (name, path))
    return {k: str(v) for k, v in paths.items()}


# ---------------------------------------------------------------------------
# Realistic complaint mail
# ---------------------------------------------------------------------------

_FIRST = ["Anna", "Ben", "Carla", "David", "Emma", "Felix", "Grace", "Hugo",
          "Ines", "Jonas", "Kate", "Liam", "Maria", "Noah", "Olivia", "Paul",
          "Rosa", "Sam", "Tina", "Victor", "Yusuf", "Zoe", "Lena", "Marco"]
_LAST = ["Smith", "Rossi", "Müller", "Dubois", "Novak", "García", "Jensen",
         "O'Brien", "Kowalski", "Schmidt", "Brown", "Silva", "Nagy", "Berg"]
_ZH_NAMES = ["王小明", "李娜", "张伟", "刘洋", "陈静", "杨帆", "赵磊", "黄敏",
             "周杰", "吴芳", "徐强", "孙丽"]
_DOMAINS = ["mail.example", "post.example", "customer.example", "kehu.example",
            "inbox.example", "home.example"]
_PRODUCTS = ["kettle", "blender", "vacuum cleaner", "coffee machine", "toaster",
             "air fryer", "washing machine", "headphones", "laptop bag",
             "electric toothbrush", "rice cooker", "desk lamp", "smart watch",
             "microwave", "hair dryer", "office chair"]
_PROBLEMS = [
    ("arrived broken", "The box was crushed and the {p} inside arrived broken."),
    ("stopped working", "After only {d} days the {p} stopped working entirely."),
    ("never arrived", "The tracking page has said 'in transit' for {d} days "
                      "and the {p} never arrived."),
    ("wrong item", "I ordered a {p} but received something completely "
                   "different."),
    ("charged twice", "My credit card was charged twice for the same {p}."),
    ("missing parts", "The {p} came without the parts listed in the manual."),
    ("rude staff", "When I called about the {p}, the person on the phone was "
                   "rude and hung up on me."),
    ("late delivery", "Delivery of the {p} was promised within 2 days; it "
                      "took {d}."),
]
_EXPECT = ["I would like a full refund.", "Please send a replacement.",
           "Can you repair it under warranty?", "I expect an apology and an "
           "explanation.", "Please tell me what you intend to do about it."]
_FILLER = [
    "I have been a loyal customer for several years and have always been "
    "happy with your service, which is why this experience is so "
    "disappointing.",
    "I already tried the troubleshooting steps on your website: I unplugged "
    "the device, waited ten minutes, reset it to factory settings and tried "
    "a different socket. Nothing helped.",
    "Your chat assistant told me to write to this address, and that someone "
    "would get back to me within one business day. That was last week.",
    "I attach no photos because your upload form rejected them, but I can "
    "send them again if you give me a working address.",
    "Please note that I am travelling next week and can only be reached by "
    "mail, not by phone.",
    "The invoice lists a delivery fee that was not shown at checkout, which "
    "I also dispute.",
]
_ZH_PRODUCTS = ["电水壶", "搅拌机", "吸尘器", "咖啡机", "电饭煲", "耳机", "台灯",
                "空气炸锅", "洗衣机", "吹风机"]
_ZH_PROBLEMS = [
    ("收到时已经坏了", "包装被压坏了，里面的{p}收到时已经坏了。"),
    ("用了几天就坏了", "{p}只用了{d}天就完全不能用了。"),
    ("一直没有收到", "物流信息显示运输中已经{d}天了，{p}一直没有收到。"),
    ("重复扣款", "同一台{p}被重复扣款两次。"),
    ("发错货了", "我买的是{p}，收到的却是别的东西。"),
]
_ZH_EXPECT = ["请尽快给我退款。", "请给我换一个新的。", "希望能免费维修。",
              "希望你们道歉并给个说法。"]
_ZH_FILLER = [
    "我是你们的老顾客了，一直很信任你们的产品，这次的经历让我非常失望。",
    "我已经按照说明书上的步骤试过了，拔掉电源、等十分钟、恢复出厂设置，都没有用。",
    "客服电话一直占线，在线客服让我发邮件到这个地址，说一个工作日内会回复。",
    "下周我出差，只能通过邮件联系，请不要打电话。",
    "发票上多了一笔运费，下单的时候并没有显示，这一点我也有异议。",
]
_SIGNATURE = (
    "\n-- \n{name}\n{street} {no}\n{zip} {city}\nPhone: +49 30 {phone}\n\n"
    "This e-mail and any attachments are confidential and intended solely "
    "for the addressee. If you have received it in error, please notify the "
    "sender and delete it. Any unauthorised use, disclosure or copying is "
    "prohibited.\n")


def _received(rng, when, hop):
    host = "mx%d.%s" % (rng.randint(1, 9), rng.choice(_DOMAINS))
    return ("from %s (%s [192.0.2.%d])\r\n\tby mail%d.example.com (Postfix) "
            "with ESMTPS id %X\r\n\tfor <support@example.com>; %s"
            % (host, host, rng.randint(1, 254), hop, rng.getrandbits(40),
               email.utils.format_datetime(when)))


def _dkim(rng):
    b64 = "".join(rng.choice("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstu"
                             "vwxyz0123456789+/") for _ in range(344))
    folded = "\r\n\t ".join(b64[k:k + 64] for k in range(0, len(b64), 64))
    return ("v=1; a=rsa-sha256; c=relaxed/relaxed; d=%s; s=sel1;\r\n\t"
            "h=from:to:subject:date:message-id;\r\n\tbh=%s=;\r\n\tb=%s"
            % (rng.choice(_DOMAINS), b64[:43], folded))


def _english(rng, order):
    product = rng.choice(_PRODUCTS)
    short, long_ = rng.choice(_PROBLEMS)
    days = rng.randint(3, 40)
    subject = rng.choice([
        "Complaint: %s %s" % (product, short),
        "Order %s - %s %s" % (order, product, short),
        "Your %s %s (ticket needed)" % (product, short),
        "URGENT: %s %s" % (product, short),
        "Problem with my %s" % product,
    ])
    paras = ["Hello,", long_.format(p=product, d=days),
             "Order number: %s, placed on %s." % (
                 order, (datetime.date(2026, 1, 1)
                         + datetime.timedelta(days=rng.randint(0, 300)))
                 .isoformat())]
    paras += rng.sample(_FILLER, k=2)
    paras += [rng.choice(_EXPECT), "Kind regards,"]
    return subject, paras


def _chinese(rng, order):
    product = rng.choice(_ZH_PRODUCTS)
    short, long_ = rng.choice(_ZH_PROBLEMS)
    days = rng.randint(3, 40)
    subject = rng.choice(["投诉：%s%s" % (product, short),
                          "订单%s %s%s" % (order, product, short),
                          "关于我的%s的问题" % product])
    paras = ["您好，", long_.format(p=product, d=days), "订单号：%s。" % order]
    paras += rng.sample(_ZH_FILLER, k=2)
    paras += [rng.choice(_ZH_EXPECT), "谢谢！"]
    return subject, paras


def _crlf(b):
    return b.replace(b"\r\n", b"\n").replace(b"\n", b"\r\n")


def _encode_part(text, ctype, charset, cte):
    """(header lines, encoded body) of one text part."""
    raw = text.encode(charset)
    if cte == "base64":
        body = _crlf(base64.encodebytes(_crlf(raw)))
    elif cte == "quoted-printable":
        body = _crlf(quopri.encodestring(raw))
    else:
        body = _crlf(raw)
    head = ("Content-Type: %s; charset=\"%s\"\r\n"
            "Content-Transfer-Encoding: %s\r\n" % (ctype, charset, cte))
    return head, body


def _html(text):
    return ("<html><head><meta charset=\"utf-8\"></head><body>\n%s\n"
            "</body></html>\n" % "\n".join(
                "<p>%s</p>" % html.escape(p).replace("\n", "<br>\n")
                for p in text.split("\n\n")))


def _render_body(kind, zh, text, boundary):
    """(MIME header lines, body bytes) for a kind of mail (see complaint_mail)."""
    if zh and kind == 17:
        return _encode_part(text, "text/plain", "gb18030", "base64")
    if zh:
        return _encode_part(text, "text/plain", "utf-8", "base64")
    if kind in (1, 6, 11):
        parts = [_encode_part(text, "text/plain", "utf-8", "quoted-printable"),
                 _encode_part(_html(text), "text/html", "utf-8",
                              "quoted-printable")]
        body = b"This is a multi-part message in MIME format.\r\n"
        for head, part in parts:
            body += b"\r\n--" + boundary.encode() + b"\r\n"
            body += head.encode() + b"\r\n" + part
        body += b"\r\n--" + boundary.encode() + b"--\r\n"
        return ("Content-Type: multipart/alternative;\r\n\tboundary=\"%s\"\r\n"
                % boundary, body)
    cte = "quoted-printable" if kind % 2 else "8bit"
    return _encode_part(text, "text/plain", "utf-8", cte)


@functools.lru_cache(maxsize=4096)
def _fill(paragraph):
    return textwrap.fill(paragraph, 72)


def _text(paras, sig, zh):
    if zh:
        return "\n\n".join(paras) + "\n" + sig
    return "\n\n".join(_fill(p) for p in paras) + "\n" + sig


def _header_text(value):
    """RFC 2047 for non-ASCII header text (folded with CRLF)."""
    if value.isascii():
        return value
    return email.header.Header(value, "utf-8").encode().replace("\n", "\r\n")


def complaint_mail(i, rng=None, now=None, reply_to=None, size=4096):
    """A realistic complaint of about `size` bytes, CRLF, unique Message-ID.

    The mix depends on i % 20: 4 in 20 Chinese (UTF-8 base64, one of them
    GB18030), 3 in 20 multipart/alternative text+HTML, the rest plain
    UTF-8 English, 8bit or quoted-printable.  reply_to (subject,
    message_id) makes a follow-up ("Re: ...", In-Reply-To, References).
    Returns (message_id, subject, bytes).
    """
    rng = rng or random.Random(i)
    now = now or datetime.datetime.now(datetime.timezone.utc)
    kind = i % 20
    zh = kind in (3, 8, 13, 17)
    order = "%s%07d" % (rng.choice(["", "A-", "ORD-", "CN"]),
                        rng.randint(10**6, 10**7 - 1))
    if zh:
        name = rng.choice(_ZH_NAMES)
        subject, paras = _chinese(rng, order)
    else:
        name = "%s %s" % (rng.choice(_FIRST), rng.choice(_LAST))
        subject, paras = _english(rng, order)
    addr = "customer%d@%s" % (rng.randint(1, 2500), rng.choice(_DOMAINS))
    msgid = "<%d.%x@bench.%s>" % (i, rng.getrandbits(48), addr.split("@")[1])
    if reply_to is not None:
        subject = "Re: " + reply_to[0]
        paras.insert(1, "我还在等你们对上一封邮件的答复。" if zh else
                     "I am still waiting for an answer to my earlier mail.")
    sig = _SIGNATURE.format(name=name, street="Hauptstraße",
                            no=rng.randint(1, 99),
                            zip=rng.randint(10000, 99999), city="Berlin",
                            phone=rng.randint(1000000, 9999999))
    headers = [("Return-Path", "<%s>" % addr)]
    headers += [("Received", _received(rng, now - datetime.timedelta(seconds=h), h))
                for h in range(3)]
    headers += [
        ("DKIM-Signature", _dkim(rng)),
        ("From", "%s <%s>" % (_header_text(name) if not name.isascii()
                              else '"%s"' % name if "'" in name else name,
                              addr)),
        ("To", "Support <support@example.com>"),
        ("Subject", _header_text(subject)),
        ("Date", email.utils.format_datetime(
            now - datetime.timedelta(minutes=rng.randint(0, 600)))),
        ("Message-ID", msgid)]
    if reply_to is not None:
        headers += [("In-Reply-To", reply_to[1]), ("References", reply_to[1])]
    headers += [("X-Mailer", rng.choice(["Thunderbird 115.3",
                                         "Apple Mail (2.3774)",
                                         "Microsoft Outlook 16.0",
                                         "Foxmail 7.2"])),
                ("MIME-Version", "1.0")]
    head = "".join("%s: %s\r\n" % h for h in headers).encode()
    boundary = "=_bench_%012x" % rng.getrandbits(48)
    # Grow the text, before the closing lines, until the mail is big enough.
    pool = list(_ZH_FILLER if zh else _FILLER)
    while True:
        mime_head, body = _render_body(kind, zh, _text(paras, sig, zh), boundary)
        total = len(head) + len(mime_head) + 2 + len(body)
        if total >= size - 250:
            break
        paras.insert(len(paras) - 2, rng.choice(pool))
    return msgid, subject, head + mime_head.encode() + b"\r\n" + body


def complaint_mails(n, seed=1, replies=0.05, size=4096):
    """n mails; about `replies` of them answer an earlier one."""
    rng = random.Random(seed)
    now = datetime.datetime.now(datetime.timezone.utc)
    out, sent = [], []
    for i in range(n):
        reply = rng.choice(sent) if sent and rng.random() < replies else None
        msgid, subject, raw = complaint_mail(
            i, random.Random(rng.getrandbits(64)), now, reply, size)
        if reply is None:
            sent.append((subject, msgid))
        out.append(raw)
    return out


# ---------------------------------------------------------------------------
# Lab, daemon, cleanup
# ---------------------------------------------------------------------------

def _raise_on_signal(signum, frame):
    raise KeyboardInterrupt("signal %d" % signum)


@contextlib.contextmanager
def bench_env(keep=False):
    """A work directory with a running lab; everything stops on the way out
    (errors, Ctrl-C and SIGTERM included).  Yields (workdir, lab, cleanup),
    where cleanup.append(fn) registers more to undo first."""
    if os.geteuid() != 0:
        raise BenchError("the benchmarks need root (the mail lab does)")
    old = {s: signal.signal(s, _raise_on_signal)
           for s in (signal.SIGTERM, signal.SIGHUP)}
    root = Path(tempfile.mkdtemp(prefix="cdbench-", dir="/tmp"))
    cleanup = []
    lab = None
    try:
        lab = lablib.Lab.start(root / "lab")
        yield root, lab, cleanup
    finally:
        for fn in reversed(cleanup):
            try:
                fn()
            except Exception as e:  # keep cleaning up
                print("bench: cleanup: %s" % e, file=sys.stderr)
        if lab is not None:
            try:
                lab.stop()
            except lablib.LabError as e:
                print("bench: lab stop: %s" % e, file=sys.stderr)
        if keep:
            print("bench: kept %s" % root, file=sys.stderr)
        else:
            shutil.rmtree(root, ignore_errors=True)
        for s, h in old.items():
            signal.signal(s, h)


def start_daemon(bins, workdir, lab, cleanup, tls="none", log_level="info",
                 env=None):
    """complaintd on a fresh store in workdir, watching the lab's support
    INBOX with IDLE (poll interval 10 min, so only IDLE or the first drain
    bring mail).  env: extra environment (experiments).  Registered for
    cleanup.  Returns (daemon, conf, db)."""
    workdir = Path(workdir)
    workdir.mkdir(parents=True, exist_ok=True)
    conf = lab_config(workdir, lab, log_level=log_level, mailboxes=[
        {"name": "support", "user": "support", "tls": tls,
         "extra": '    poll_interval = "10m";'}])
    d = Daemon(bins["complaintd"], conf, workdir, env=env)
    cleanup.append(d.close)
    return d, conf, workdir / "complaintd.db"


def stop_daemon(d, timeout=30):
    status, _ = d.stop(signal.SIGTERM, timeout=timeout)
    return status


class StoreReader:
    """Read-only looks into the daemon's SQLite store while it runs.

    A separate connection opened with mode=ro: each query is its own
    short read transaction in WAL mode, so it neither blocks the daemon's
    writes nor sees a batch before its COMMIT.
    """

    def __init__(self, path):
        self.path = str(path)
        self.db = None

    def _connect(self):
        if self.db is None:
            if not os.path.exists(self.path):
                return False
            self.db = sqlite3.connect("file:%s?mode=ro" % self.path, uri=True,
                                      timeout=1.0, isolation_level=None,
                                      check_same_thread=False)
        return True

    def scalar(self, sql, default=0):
        """The first column of the first row, or default while the store
        is not there yet (the daemon creates and migrates it at start)."""
        try:
            if not self._connect():
                return default
            row = self.db.execute(sql).fetchone()
            return row[0] if row and row[0] is not None else default
        except sqlite3.Error:
            return default

    def messages(self):
        """Mail stored so far.  max(rowid) is one b-tree descent, where
        count(*) would scan every row (40 MB at 10,000 mails) on each
        poll and steal the CPU the daemon is being measured on; in a
        benchmark store every message row is an incoming mail."""
        return self.scalar("SELECT max(rowid) FROM messages")

    def close(self):
        if self.db is not None:
            self.db.close()
            self.db = None


def proc_status(pid):
    """{field: kB} for the Vm* lines of /proc/PID/status ({} when gone)."""
    out = {}
    try:
        with open("/proc/%d/status" % pid) as f:
            for line in f:
                if line.startswith("Vm"):
                    k, v = line.split(":", 1)
                    out[k] = int(v.split()[0])
    except (OSError, ValueError):
        pass
    return out


def proc_cpu_seconds(pid):
    """utime + stime of a process so far (0.0 when gone)."""
    try:
        with open("/proc/%d/stat" % pid) as f:
            fields = f.read().rsplit(")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
    except (OSError, ValueError, IndexError):
        return 0.0


def log_time(line):
    """The Unix time of a complaintd log line (ISO 8601 with ms), or None."""
    try:
        stamp = line.split(" ", 1)[0]
        return datetime.datetime.fromisoformat(stamp).timestamp()
    except (ValueError, IndexError):
        return None


def _cpu_ticks():
    """{pid: (comm, utime+stime ticks)} of every process."""
    out = {}
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open("/proc/%s/stat" % entry) as f:
                data = f.read()
            comm = data[data.index("(") + 1:data.rindex(")")]
            fields = data.rsplit(")", 1)[1].split()
            out[int(entry)] = (comm, int(fields[11]) + int(fields[12]))
        except (OSError, ValueError, IndexError):
            pass
    return out


def busy_report(interval=1.0, threshold=0.1):
    """A line on how busy the machine is right now: the load average and
    any process using more than threshold of a CPU over interval seconds.
    Other work on a 2-core machine skews every figure."""
    before = _cpu_ticks()
    time.sleep(interval)
    after = _cpu_ticks()
    hz = os.sysconf("SC_CLK_TCK")
    busy = []
    for pid, (comm, ticks) in after.items():
        if pid in before and pid != os.getpid():
            share = (ticks - before[pid][1]) / hz / interval
            if share >= threshold:
                busy.append("%s[%d] %.0f%%" % (comm, pid, share * 100))
    with open("/proc/loadavg") as f:
        load = " ".join(f.read().split()[:3])
    return "load average %s on %d CPUs; busy: %s" % (
        load, os.cpu_count(), ", ".join(busy) or "nothing else")


# ---------------------------------------------------------------------------
# Statistics
# ---------------------------------------------------------------------------

def percentile(values, p):
    """Nearest-rank percentile (p in 0..100) of a non-empty list."""
    v = sorted(values)
    k = max(0, min(len(v) - 1, int(-(-p * len(v) // 100)) - 1))
    return v[k]


def median(values):
    v = sorted(values)
    n = len(v)
    return v[n // 2] if n % 2 else (v[n // 2 - 1] + v[n // 2]) / 2


def run(cmd, **kwargs):
    return subprocess.run(cmd, capture_output=True, text=True, **kwargs)
