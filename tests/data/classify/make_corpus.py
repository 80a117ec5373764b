#!/usr/bin/python3
"""Generate the complaintd classification evaluation corpus.

Run with:  /usr/bin/python3 tests/data/classify/make_corpus.py

This script is the source of truth for tests/data/classify/: every mail text
lives below as data, together with its human-triage label and the way the
sending client encoded it.  Running the script (deterministically) rewrites
all *.eml files and labels.tsv in the directory of this script, then parses
every generated file back with Python's email package and checks that

  * the message parses, has the required headers and the expected Subject,
  * the text body decodes to exactly the intended text,
  * GB2312/GBK/GB18030/Big5 bodies really are bytes in that charset
    (strict decode succeeds, and the bytes are not valid UTF-8),
  * the label set has the intended distribution.

The corpus was written independently of complaintd's rule set: the labels
are what a human triager would decide, including for ambiguous mails.

File naming: en-NNN.eml (English), zh-NNN.eml (Simplified Chinese),
zht-NNN.eml (Traditional Chinese, Taiwan / Hong Kong wording).
"""

import base64
import datetime
import email
import email.policy
import email.utils
import hashlib
import html as htmlmod
import os
import quopri
import re
import sys

OUT_DIR = os.path.dirname(os.path.abspath(__file__))

CATEGORIES = ("product_quality", "service_attitude", "logistics", "billing",
              "suggestion", "other")
SEVERITIES = ("general", "serious", "urgent")

MAILS = []


def M(fid, cat, sev, *, frm, subj, date, body, cs="utf-8", cte="8bit",
      subj_enc=None, subj_cs=None, name_cs=None, html=None, attach=None,
      reply=False, eol="\n", mailer=None, to=None, ctype_style=0,
      trigger=None, note=None):
    """Register one mail.

    frm       ("Display Name", "addr@domain") -- name may be "" or non-ASCII
    subj      Subject text; None = no Subject header at all
    date      "YYYY-MM-DD HH:MM:SS +ZZZZ"
    body      the text/plain body exactly as the customer wrote it
    cs        charset of the body (utf-8, us-ascii, iso-8859-1, gb2312, gbk,
              gb18030, big5, big5-hkscs)
    cte       7bit | 8bit | qp | b64
    subj_enc  None (plain ASCII), "B", "Q", or "raw" (unencoded 8-bit UTF-8)
    subj_cs   charset of RFC 2047 words (default: body charset)
    html      None | "alt" (multipart/alternative) | "only" (text/html only)
    attach    list of (filename, mime type) -> multipart/mixed
    reply     add In-Reply-To / References headers
    eol       line ending used in the file ("\n" or "\r\n")
    trigger   for urgent mails: data_loss | outage | safety | legal | media
    """
    assert cat in CATEGORIES, (fid, cat)
    assert sev in SEVERITIES, (fid, sev)
    assert (sev == "urgent") == (trigger is not None), (fid, sev, trigger)
    body = body.strip("\n") + "\n"
    MAILS.append(dict(fid=fid, cat=cat, sev=sev, frm=frm, subj=subj,
                      date=date, body=body, cs=cs, cte=cte,
                      subj_enc=subj_enc, subj_cs=subj_cs or cs,
                      name_cs=name_cs, html=html, attach=attach or [],
                      reply=reply, eol=eol, mailer=mailer, to=to,
                      ctype_style=ctype_style, trigger=trigger, note=note))


# --------------------------------------------------------------------------
# encoding helpers
# --------------------------------------------------------------------------

PY_CODEC = {"utf-8": "utf-8", "us-ascii": "ascii", "iso-8859-1": "latin-1",
            "windows-1252": "cp1252", "gb2312": "gb2312", "gbk": "gbk",
            "gb18030": "gb18030", "big5": "big5", "big5-hkscs": "big5hkscs"}

# how each charset name is spelled in the headers (clients differ)
CS_LABEL = {"utf-8": ["utf-8", "UTF-8", '"utf-8"', '"UTF-8"'],
            "us-ascii": ["us-ascii", '"us-ascii"'],
            "iso-8859-1": ["iso-8859-1", '"ISO-8859-1"'],
            "windows-1252": ["windows-1252", '"windows-1252"'],
            "gb2312": ["gb2312", '"gb2312"', "GB2312"],
            "gbk": ["GBK", '"gbk"', "gbk"],
            "gb18030": ["GB18030", '"gb18030"'],
            "big5": ["big5", '"Big5"', "Big5"],
            "big5-hkscs": ["Big5-HKSCS", '"big5-hkscs"']}


def h(fid, salt, n=16):
    return hashlib.sha256((fid + "/" + salt).encode()).hexdigest()[:n]


def hint(fid, salt, mod):
    return int(h(fid, salt, 8), 16) % mod


def encode_text(text, cs):
    return text.encode(PY_CODEC[cs])  # strict: fails loudly on a bad char


def encoded_words(s, cs, mode, first_room=60):
    """RFC 2047 encode s as one or more encoded-words, never splitting a
    character, each word at most 75 characters."""
    codec = PY_CODEC[cs]
    label = cs.upper() if cs.startswith("gb") or cs == "utf-8" else cs
    if cs == "big5":
        label = "big5"
    pre = "=?%s?%s?" % (label, mode)

    def enc(chunk):
        b = chunk.encode(codec)
        if mode == "B":
            return pre + base64.b64encode(b).decode() + "?="
        out = []
        for byte in b:
            c = chr(byte)
            if byte == 0x20:
                out.append("_")
            elif c.isascii() and (c.isalnum() or c in "!*+-/"):
                out.append(c)
            else:
                out.append("=%02X" % byte)
        return pre + "".join(out) + "?="

    words, cur = [], ""
    for ch in s:
        if cur and len(enc(cur + ch)) > (first_room if not words else 75):
            words.append(enc(cur))
            cur = ""
        cur += ch
    if cur:
        words.append(enc(cur))
    return words


def fold_ascii(name, value):
    """Fold a plain ASCII header at spaces to about 78 columns."""
    line = name + ": "
    out = []
    for i, word in enumerate(value.split(" ")):
        piece = word if i == 0 else " " + word
        if len(line) + len(piece) > 78 and line.strip() != name + ":":
            out.append(line)
            line = piece if piece.startswith(" ") else " " + piece
        else:
            line += piece
    out.append(line)
    return out


def subject_lines(m):
    subj = m["subj"]
    mode = m["subj_enc"]
    if mode is None:
        assert subj.isascii(), (m["fid"], "non-ASCII subject needs subj_enc")
        return fold_ascii("Subject", subj) if subj else ["Subject: "]
    if mode == "raw":
        return ["Subject: " + subj]
    # keep an ASCII reply/forward prefix unencoded, as most clients do
    prefix = ""
    mm = re.match(r"^((?:Re|RE|Fwd|FW|Fw|AW): ?)+", subj)
    if mm and not subj.isascii():
        prefix = mm.group(0)
        if not prefix.endswith(" "):
            prefix += " "
        rest = subj[len(mm.group(0)):]
    else:
        rest = subj
    words = encoded_words(rest, m["subj_cs"], mode,
                          first_room=75 - len(prefix) - 9)
    lines = ["Subject: " + prefix + words[0]]
    lines += [" " + w for w in words[1:]]
    return lines


def addr_header(hname, name, addr, cs, fid):
    if not name:
        style = hint(fid, "bare", 2)
        return ["%s: %s" % (hname, addr if style else "<%s>" % addr)]
    if name.isascii():
        if re.search(r'[,.;:@()"]', name):
            name = '"%s"' % name.replace('"', '\\"')
        return ["%s: %s <%s>" % (hname, name, addr)]
    words = encoded_words(name, cs, "B")
    return ["%s: %s <%s>" % (hname, " ".join(words), addr)]


def qp_encode(data):
    out = quopri.encodestring(data, quotetabs=False)
    return out


def b64_lines(data):
    s = base64.b64encode(data).decode()
    return [s[i:i + 76] for i in range(0, len(s), 76)] or [""]


def transfer(data, cte):
    """Return (body lines, cte header value) for bytes with \n line ends."""
    if cte in ("7bit", "8bit"):
        if cte == "7bit":
            assert data.isascii()
        text = data.decode("latin-1")
        return text.rstrip("\n").split("\n") + [""], cte
    if cte == "qp":
        enc = qp_encode(data).decode("ascii")
        return enc.rstrip("\n").split("\n") + [""], "quoted-printable"
    if cte == "b64":
        return b64_lines(data) + [""], "base64"
    raise ValueError(cte)


HTML_WRAP = [
    "<div dir=\"ltr\">\n%(p)s\n</div>\n",
    "<html><head><meta http-equiv=\"Content-Type\" content=\"text/html; "
    "charset=%(cs)s\"></head>\n<body>\n%(p)s\n</body></html>\n",
    "<html xmlns:o=\"urn:schemas-microsoft-com:office:office\"><head>"
    "<meta http-equiv=\"Content-Type\" content=\"text/html; charset=%(cs)s\">"
    "<style>p.MsoNormal{margin:0cm;font-size:11pt;font-family:Calibri,"
    "sans-serif}</style></head>\n<body lang=\"EN-US\">"
    "<div class=\"WordSection1\">\n%(p)s\n</div></body></html>\n",
]


def render_html(m):
    """Render the plain text mail the way a webmail client would."""
    style = hint(m["fid"], "htmlstyle", 3)
    return HTML_WRAP[style] % {"cs": m["cs"],
                               "p": _html_paras(m["body"], m["fid"])}


def _html_paras(text, fid):
    paras = re.split(r"\n\s*\n", text.strip("\n"))
    style = hint(fid, "htmlstyle", 3)
    out = []
    for p in paras:
        lines = p.split("\n")
        if all(l.startswith(">") for l in lines):
            inner = "<br>\n".join(htmlmod.escape(l.lstrip("> ").rstrip())
                                  for l in lines)
            out.append('<blockquote style="margin:0 0 0 .8ex;'
                       'border-left:1px #ccc solid;padding-left:1ex">'
                       + inner + "</blockquote>")
        else:
            inner = "<br>\n".join(htmlmod.escape(l) for l in lines)
            if style == 0:
                out.append("<div>" + inner + "</div><div><br></div>")
            elif style == 1:
                out.append("<p>" + inner + "</p>")
            else:
                out.append('<p class="MsoNormal">' + inner + "</p>")
    return "\n".join(out)


def junk_bytes(fid, name, n):
    out = b""
    seed = (fid + name).encode()
    while len(out) < n:
        seed = hashlib.sha256(seed).digest()
        out += seed
    return out[:n]


def attachment_bytes(fid, fname, mtype):
    n = 200 + hint(fid, fname, 400)
    junk = junk_bytes(fid, fname, n)
    if mtype == "image/jpeg":
        return b"\xff\xd8\xff\xe0\x00\x10JFIF\x00\x01\x01\x00\x00\x01" + junk + b"\xff\xd9"
    if mtype == "image/png":
        return b"\x89PNG\r\n\x1a\n" + junk
    if mtype == "application/pdf":
        return b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n" + junk + b"\n%%EOF\n"
    return junk


def ctype(kind, cs, m):
    labels = CS_LABEL[cs]
    lab = labels[hint(m["fid"], "cslabel" + kind, len(labels))]
    return "Content-Type: %s; charset=%s" % (kind, lab)


def text_part(m, kind, text):
    """Header lines + body lines for one text part."""
    data = encode_text(text, m["cs"])
    lines, cte = transfer(data, m["cte"])
    hdr = [ctype(kind, m["cs"], m), "Content-Transfer-Encoding: " + cte]
    return hdr, lines


BOUNDARY_STYLES = [
    lambda x: "000000000000" + x[:16],
    lambda x: "----=_NextPart_000_%s_%s.%s" % (x[:4].upper(), x[4:12].upper(),
                                                x[12:20].upper()),
    lambda x: "Apple-Mail=_%s-%s-%s" % (x[:8].upper(), x[8:12].upper(),
                                        x[12:24].upper()),
    lambda x: "----=_Part_%d_%d.%d" % (int(x[:5], 16), int(x[5:10], 16),
                                        1767225600000 + int(x[10:17], 16)),
]


def boundary(m, salt):
    x = hashlib.sha256((m["fid"] + salt).encode()).hexdigest()
    return BOUNDARY_STYLES[hint(m["fid"], "bstyle", len(BOUNDARY_STYLES))](x)


def build_body(m):
    """Return (list of header lines for Content-*, list of body lines)."""
    text = m["body"]
    if m["html"] == "only":
        return text_part(m, "text/html", render_html(m))
    if m["html"] == "alt":
        b = boundary(m, "alt")
        h1, l1 = text_part(m, "text/plain", text)
        h2, l2 = text_part(m, "text/html", render_html(m))
        inner = ["--" + b] + h1 + [""] + l1 + ["--" + b] + h2 + [""] + l2 \
            + ["--" + b + "--", ""]
        hdr = ['Content-Type: multipart/alternative; boundary="%s"' % b]
        alt = (hdr, inner)
    else:
        alt = text_part(m, "text/plain", text)
    if not m["attach"]:
        return alt
    b = boundary(m, "mixed")
    lines = ["This is a multi-part message in MIME format.", ""] \
        if hint(m["fid"], "preamble", 2) else []
    lines += ["--" + b] + alt[0] + [""] + alt[1]
    for fname, mtype in m["attach"]:
        data = attachment_bytes(m["fid"], fname, mtype)
        if fname.isascii():
            disp = ['Content-Type: %s; name="%s"' % (mtype, fname),
                    'Content-Disposition: attachment; filename="%s"' % fname]
        else:
            from urllib.parse import quote
            disp = ["Content-Type: %s" % mtype,
                    "Content-Disposition: attachment;",
                    " filename*=UTF-8''%s" % quote(fname.encode("utf-8"))]
        lines += ["--" + b] + disp + ["Content-Transfer-Encoding: base64", ""]
        lines += b64_lines(data) + [""]
    lines += ["--" + b + "--", ""]
    return ['Content-Type: multipart/mixed; boundary="%s"' % b], lines


def message_id(m):
    dom = m["frm"][1].split("@")[1]
    x = h(m["fid"], "msgid", 32)
    style = hint(m["fid"], "midstyle", 4)
    if dom.startswith("qq."):
        return "<tencent_%s@%s>" % (x[:28].upper(), dom)
    if style == 0:
        return "<%s.%s@%s>" % (m["date"][:10].replace("-", ""), x[:12], dom)
    if style == 1:
        return "<CA%s@mail.%s>" % (x.upper(), dom)
    if style == 2:
        return "<%s-%s-%s@%s>" % (x[:8].upper(), x[8:12].upper(),
                                  x[12:24].upper(), dom)
    return "<%s$%s@%s>" % (x[:10], x[10:20], dom)


def rfc_date(s):
    dt = datetime.datetime.strptime(s, "%Y-%m-%d %H:%M:%S %z")
    assert dt.year == 2026
    return email.utils.format_datetime(dt)


TO_STYLES = ["support@acme.example", "<support@acme.example>",
             "ACME Support <support@acme.example>",
             "\"Acme Customer Care\" <support@acme.example>"]


def build_mail(m):
    fid = m["fid"]
    name, addr = m["frm"]
    name_cs = m["name_cs"] or ("utf-8" if m["cs"] in ("us-ascii", "iso-8859-1",
                                                      "windows-1252")
                               else m["cs"])
    hdr = []
    order = hint(fid, "order", 2)
    hdr += addr_header("From", name, addr, name_cs, fid)
    to = m["to"] or TO_STYLES[hint(fid, "to", len(TO_STYLES))]
    to_lines = ["To: " + to]
    subj = subject_lines(m) if m["subj"] is not None else []
    # a raw 8-bit subject is sent as UTF-8 bytes; lines are joined as latin-1
    subj = [l.encode("utf-8").decode("latin-1") for l in subj]
    date = ["Date: " + rfc_date(m["date"])]
    mid = ["Message-ID: " + message_id(m)]
    if order:
        hdr = hdr + to_lines + subj + date + mid
    else:
        hdr = date + hdr + to_lines + mid + subj
    if m["reply"]:
        ref = "<%s@acme.example>" % h(fid, "ref", 20)
        hdr += ["In-Reply-To: " + ref, "References: " + ref]
    if m["mailer"]:
        hdr.append(m["mailer"])
    hdr.append("MIME-Version: 1.0")
    ch, body = build_body(m)
    lines = hdr + ch + [""] + body
    raw = "\n".join(lines)
    if not raw.endswith("\n"):
        raw += "\n"
    raw = re.sub(r"\n+\Z", "\n", raw)
    data = raw.encode("latin-1")  # body bytes were mapped 1:1 through latin-1
    if m["eol"] == "\r\n":
        data = data.replace(b"\n", b"\r\n")
    return data


# --------------------------------------------------------------------------
# mail data
# --------------------------------------------------------------------------
# (the mail data follows after the driver functions; main() runs last)

ALLOWED_DOMAIN = re.compile(
    r"(^|\.)(example\.(com|net|org)|[a-z0-9-]+\.example)$")
LEGACY_CJK = ("gb2312", "gbk", "gb18030", "big5", "big5-hkscs")


def group_of(fid):
    return fid.split("-")[0]


def check_mail(m, path):
    fid = m["fid"]
    data = open(path, "rb").read()
    for line in data.split(b"\n"):
        assert len(line) <= 998, (fid, "line too long")
    msg = email.message_from_bytes(data, policy=email.policy.default)
    assert not msg.defects, (fid, msg.defects)
    for hname in ("From", "To", "Date", "Message-ID", "MIME-Version",
                  "Content-Type"):
        assert msg[hname] is not None, (fid, "missing " + hname)
    # Subject
    if m["subj"] is None:
        assert msg["Subject"] is None, fid
    else:
        got = str(msg["Subject"])
        if m["subj_enc"] == "raw":
            got = got.encode("utf-8", "surrogateescape").decode("utf-8")
        assert got == m["subj"], (fid, got, m["subj"])
    # From / Date
    a = msg["From"].addresses[0]
    assert a.addr_spec == m["frm"][1], (fid, a.addr_spec)
    assert a.display_name == m["frm"][0], (fid, a.display_name)
    assert ALLOWED_DOMAIN.search(a.domain), (fid, a.domain)
    assert msg["Date"].datetime.year == 2026, fid
    # bodies
    wanted = []
    if m["html"] == "only":
        wanted.append(("html", render_html(m)))
    else:
        wanted.append(("plain", m["body"]))
        if m["html"] == "alt":
            wanted.append(("html", render_html(m)))
    for kind, expect in wanted:
        part = msg.get_body(preferencelist=(kind,))
        assert part is not None and part.get_content_subtype() == kind, \
            (fid, kind)
        assert part.get_content_charset() == m["cs"], \
            (fid, part.get_content_charset(), m["cs"])
        raw = part.get_payload(decode=True)
        text = raw.decode(PY_CODEC[m["cs"]])          # strict
        got = part.get_content().replace("\r\n", "\n")
        assert got == text.replace("\r\n", "\n"), fid
        assert got.rstrip("\n") == expect.rstrip("\n"), (fid, kind)
        if m["cs"] in LEGACY_CJK:
            assert not raw.isascii(), fid
            try:
                raw.decode("utf-8")
            except UnicodeDecodeError:
                pass
            else:
                raise AssertionError((fid, "legacy charset body is UTF-8"))
    names = [p.get_filename() for p in msg.iter_attachments()]
    assert names == [f for f, _ in m["attach"]], (fid, names)


def write_labels():
    lines = [
        "# complaintd classification evaluation corpus -- expected labels",
        "# Generated by make_corpus.py (the source of truth); do not edit.",
        "#",
        "# Format: one mail per line, three TAB-separated fields:",
        "#   FILE<TAB>CATEGORY<TAB>SEVERITY",
        "# FILE      mail file relative to this directory (en-*: English,",
        "#           zh-*: Simplified Chinese, zht-*: Traditional Chinese)",
        "# CATEGORY  " + " | ".join(CATEGORIES),
        "# SEVERITY  " + " | ".join(SEVERITIES),
        "# Lines starting with '#' are comments; blank lines are ignored.",
        "# Labels are what a human triager would decide for the mail as a",
        "# whole (ambiguous mails are labelled by their main complaint).",
        "#",
    ]
    for m in sorted(MAILS, key=lambda m: m["fid"]):
        lines.append("%s.eml\t%s\t%s" % (m["fid"], m["cat"], m["sev"]))
    with open(os.path.join(OUT_DIR, "labels.tsv"), "w", newline="\n") as f:
        f.write("\n".join(lines) + "\n")


def summary():
    from collections import Counter
    groups = Counter(group_of(m["fid"]) for m in MAILS)
    cats = Counter(m["cat"] for m in MAILS)
    sevs = Counter(m["sev"] for m in MAILS)
    print("mails: %d  %s" % (len(MAILS), dict(sorted(groups.items()))))
    print("categories:", {c: cats[c] for c in CATEGORIES})
    print("severities:", {s: sevs[s] for s in SEVERITIES})
    for g in sorted(groups):
        gm = [m for m in MAILS if group_of(m["fid"]) == g]
        print(" %-4s cat %s" % (g, [sum(1 for m in gm if m["cat"] == c)
                                    for c in CATEGORIES]),
              "sev", [sum(1 for m in gm if m["sev"] == s) for s in SEVERITIES],
              "trig", dict(sorted(Counter(m["trigger"] for m in gm
                                          if m["trigger"]).items())))
    enc = Counter("%s/%s" % (m["cs"], m["cte"]) for m in MAILS)
    print("body encodings:", dict(sorted(enc.items())))
    print("subject encodings:", dict(sorted(Counter(
        "none" if m["subj"] is None else
        "%s:%s" % (m["subj_enc"], m["subj_cs"]) if m["subj_enc"] in ("B", "Q")
        else str(m["subj_enc"] or "plain") for m in MAILS).items())))
    print("html alt/only:", sum(m["html"] == "alt" for m in MAILS),
          sum(m["html"] == "only" for m in MAILS),
          " attachments:", sum(bool(m["attach"]) for m in MAILS),
          " replies:", sum(m["reply"] for m in MAILS),
          " CRLF:", sum(m["eol"] == "\r\n" for m in MAILS))
    sizes = sorted(len(m["body"].encode("utf-8")) for m in MAILS)
    print("body size (utf-8 bytes): min %d median %d mean %d max %d" % (
        sizes[0], sizes[len(sizes) // 2], sum(sizes) // len(sizes), sizes[-1]))


def check_distribution():
    ids = [m["fid"] for m in MAILS]
    assert len(ids) == len(set(ids)), "duplicate ids"
    for g in ("en", "zh", "zht"):
        nums = sorted(int(i.split("-")[1]) for i in ids if group_of(i) == g)
        assert nums == list(range(1, len(nums) + 1)), (g, "gap in numbering")
        for c in CATEGORIES:
            assert any(m["cat"] == c for m in MAILS if group_of(m["fid"]) == g), (g, c)
    for c in CATEGORIES:
        assert sum(m["cat"] == c for m in MAILS) >= 25, c
    for t in ("data_loss", "outage", "safety", "legal", "media"):
        assert any(m["trigger"] == t for m in MAILS if m["fid"].startswith("en")), t
        assert any(m["trigger"] == t for m in MAILS if m["fid"].startswith("zh")), t


def main():
    check_distribution()
    wanted = set()
    for m in MAILS:
        path = os.path.join(OUT_DIR, m["fid"] + ".eml")
        wanted.add(m["fid"] + ".eml")
        with open(path, "wb") as f:
            f.write(build_mail(m))
    for fn in os.listdir(OUT_DIR):
        if re.match(r"^(en|zh|zht)-\d+\.eml$", fn) and fn not in wanted:
            os.unlink(os.path.join(OUT_DIR, fn))
    write_labels()
    for m in MAILS:
        check_mail(m, os.path.join(OUT_DIR, m["fid"] + ".eml"))
    summary()
    print("ok: %d mails written and verified" % len(MAILS))



IPHONE = "X-Mailer: iPhone Mail (22D82)"
OUTLOOK = "X-Mailer: Microsoft Outlook 16.0"
THUNDERBIRD = ("User-Agent: Mozilla/5.0 (X11; Linux x86_64; rv:128.0) "
               "Gecko/20100101 Thunderbird/128.6.0")
FOXMAIL = "X-Mailer: Foxmail 7.2.25.228[cn]"
NETEASE = "X-Mailer: NetEase Flash Mail 2.4.1.32"
ANDROID = "X-Mailer: Android Mail 2026.01"
CRLF = "\r\n"

# ==========================================================================
# English -- product_quality
# ==========================================================================

M("en-001", "product_quality", "serious",
  frm=("Margaret Olsen", "m.olsen@example.com"),
  subj="Robot vacuum X5 stopped working after two weeks",
  date="2026-01-06 10:14:09 -0500", cte="qp", mailer=OUTLOOK,
  body="""
Hello,

I bought an Acme Robo X5 robot vacuum from your online store on December 19
(order AC-2291847). It worked nicely for about two weeks. Since last Friday it
will not charge at all: I put it on the dock, the light on the dock turns
green, but the vacuum itself stays dead. I tried a different outlet, cleaned
the charging contacts with a dry cloth as the manual says, and held the power
button for 10 seconds to reset it. Nothing.

I am honestly disappointed. This was not a cheap purchase and it was supposed
to help my mother, who has trouble with a normal vacuum cleaner.

Could you please tell me how to get it repaired or replaced? I still have the
box and the receipt.

Kind regards,
Margaret Olsen
""")

M("en-002", "product_quality", "general",
  frm=("", "kev.tran92@example.net"),
  subj="buds",
  date="2026-01-08 23:41:55 +0000", mailer=IPHONE,
  body="""
hey so my acme buds 2 the left one is a bit quieter than the right one. not a
huge deal, i can still use them, just wondering if thats normal or if theres a
setting to balance them

Sent from my iPhone
""")

M("en-003", "product_quality", "urgent", trigger="safety",
  frm=("Rob Castellano", "rcastellano@example.org"),
  subj="HEATER SMOKING - FIRE HAZARD",
  date="2026-01-12 07:02:31 -0600", cte="7bit", cs="us-ascii", eol=CRLF,
  body="""
This morning our Acme HeatWave H300 space heater started SMOKING. Thick grey
smoke coming out of the back and a strong burning plastic smell through the
whole downstairs. My wife pulled the plug and the plug itself was black and
the wall outlet is scorched. If we had been asleep I don't want to think about
what would have happened. We have two small kids in this house.

The heater is 5 weeks old, bought from acme.example, used exactly as the
manual says, nothing plugged into an extension cord.

I want to know TODAY:
1. Is there a recall on this model? Because if there is and you did not tell
   your customers that is unbelievable.
2. What you are going to do about the damaged outlet.
3. Where do I send this thing so somebody actually examines it.

I have kept the heater and took pictures of everything. Call me at the number
on my account.

Rob Castellano
""")

M("en-004", "product_quality", "serious",
  frm=("Priya Raghunathan", "priya.r@example.com"),
  subj="RE: Case #448120 - AcmeBook 14 screen flicker",
  date="2026-01-14 16:25:12 +0530", cte="qp", reply=True, mailer=OUTLOOK,
  body="""
Hi team,

I'm sorry to report that the replacement AcmeBook 14 you sent me under this
case has exactly the same problem as the first one. The screen flickers and
goes black for a second whenever I move the lid past about 100 degrees, and
sometimes just randomly while I'm typing. It started on day three.

That is now two units with the same defect. I use this laptop for work and I
cannot keep doing video calls with a screen that blinks off. I would rather
have a refund than a third unit of the same model, unless you can confirm the
hinge cable issue has been fixed in newer batches.

Best regards,
Priya

-----Original Message-----
From: Acme Support <support@acme.example>
Sent: Monday, December 22, 2025 11:03 AM
To: Priya Raghunathan <priya.r@example.com>
Subject: Case #448120 - AcmeBook 14 screen flicker

Dear Priya,

Thank you for your patience. We have arranged a replacement unit for your
AcmeBook 14, which will ship within 3 business days. Please return the
original unit using the prepaid label attached.

Kind regards,
Acme Support
""")

M("en-005", "product_quality", "urgent", trigger="data_loss",
  frm=("Tomasz Wierzbicki", "tomasz@wierzbicki.example.net"),
  subj="Firmware 4.2 destroyed my NAS volume - all data gone",
  date="2026-01-17 02:48:10 +0100", cte="qp", mailer=THUNDERBIRD,
  body="""
Hello Acme support,

I need help urgently and I would appreciate it if this goes to someone from
the engineering side and not a first-line script.

Setup: Acme Drive D4 NAS, four 8 TB disks in RAID 5, bought March 2024,
always kept up to date. Yesterday evening the admin panel offered firmware
4.2.0 and I clicked install, like I have done with every previous update.
The progress bar went to 100 %, the unit rebooted, and since then the storage
page says "No volume found. Initialize disks?". All four disks show as
healthy in the disk list. I have NOT clicked initialize and I will not touch
anything until I hear from you.

On that volume there is everything: 14 years of family photos and videos
(our children from birth), my wife's scanned documents, and the accounting
archive of my small business. Yes, I know, I should have had an off-site
backup. I had one on an external drive that was attached to the same NAS and
it is also showing as "unformatted" after the update. So this is not a case
of one dead disk. The update did something to the partition tables or the
RAID metadata on every disk it could see.

Things I have tried:
- rebooting the NAS twice (no change)
- removing the external drive and checking it on my laptop: the partition is
  there but the filesystem is not recognised
- reading your community forum: there are at least three other people in the
  last 24 hours with the exact same message after 4.2.0, one thread is called
  "4.2.0 ate my volume". Nobody from Acme has answered there yet.

What I need from you:
1. Pull the 4.2.0 update before more people lose their data.
2. Tell me if there is a tool or a procedure to re-assemble the array without
   destroying the data. I am comfortable with SSH and mdadm if you give me
   instructions, but I don't want to guess.
3. If that is not possible, tell me whether Acme will pay for professional
   data recovery. This is your firmware, not a hardware failure on my side.

I am attaching nothing for now because I can't get into the logs, but I can
enable SSH if you tell me what to collect.

Please treat this as urgent. Every hour the disks keep spinning I get more
nervous.

Tomasz Wierzbicki
Krakow
""")

M("en-006", "product_quality", "general",
  frm=("Linda Haversham", "lhaversham@example.org"),
  subj="Blender lid",
  date="2026-01-19 12:10:00 -0800",
  body="""
Good afternoon,

The lid of my Acme PowerBlend 600 has started to squeak when I twist it into
place, and it takes a bit of force to get it locked. The blender itself is
working fine. Is there a replacement lid I can order, or some food-safe grease
I can put on the seal?

Thanks,
Linda
""")

M("en-007", "product_quality", "urgent", trigger="safety",
  frm=("Jamal Ortiz", "jamal.ortiz@example.com"),
  subj="Power bank swelled up and burned my hand",
  date="2026-01-21 22:37:45 -0500", cte="b64", mailer=IPHONE,
  attach=[("photo.jpg", "image/jpeg")],
  body="""
Your PowerCube 20000 burned me tonight.

It was charging on my nightstand, I heard a pop and when I picked it up it
was puffed up like a pillow and so hot I dropped it. I have a burn across my
palm and two fingers, I'm holding ice on it while I type this one handed. The
nightstand has a melted mark. There was a hissing sound and some smoke for a
minute, I put it in the sink.

I've attached a picture. It is 3 months old and I used the cable that came in
the box.

I want to know what you're going to do, and whether other people have had
this. Somebody could have a fire in their house with one of these.

Jamal

Sent from my iPhone
""")

M("en-008", "product_quality", "serious",
  frm=("Eleanor Brisk", "ebrisk@example.net"),
  subj="Charger is not the wattage advertised",
  date="2026-01-23 09:55:31 +0000", cte="qp",
  body="""
Hello,

I ordered the Acme GaN 65W USB-C charger (listing says 65W, order
AC-2304410) specifically because my laptop needs at least 60W. The unit that
arrived says "Output: 5V/3A 9V/3A" on the label, which is 27W at most, and
indeed my laptop shows "slow charger" and the battery goes down while I am
working. The box says 65W, the charger itself does not.

So either the label is wrong or the charger is. Either way it does not do
what you sold it as. I'd like a charger that actually delivers 65W, or my
money back.

Eleanor Brisk
""")

M("en-009", "product_quality", "general",
  frm=("Hugh", "hugh.bellamy@example.org"),
  subj="kettle paint",
  date="2026-01-26 08:03:19 +0000",
  body="""
Morning,

Not a big deal, but the cream paint on my Acme Kettle K2 is chipping around
the base after only a month, little flakes on the worktop. Works fine
otherwise, nothing dangerous, it's purely cosmetic. For a kettle at this price I expected the finish to last a bit
longer. Just letting you know.

Hugh
""")

M("en-010", "product_quality", "urgent", trigger="safety",
  frm=("Sarah McAllister", "sarah.mcallister@example.com"),
  subj="Scooter handlebar snapped - my son is hurt",
  date="2026-01-28 19:22:05 +0000", cte="qp", html="alt",
  body="""
To whoever reads this,

My 8 year old son was riding his Acme Zoom Kids scooter (bought for his
birthday in November) on the pavement outside our house at walking speed when
the handlebar stem snapped clean off at the folding joint. He went face first
onto the concrete. He has a split chin that needed five stitches, a chipped
front tooth and a sprained wrist. We have just come home from A&E.

He was not doing tricks, he was not jumping, he weighs 27 kg and the scooter
is rated for 50 kg. The metal at the break looks thin and there is rust inside
the joint, which I can see now that it is in two pieces.

I have kept both pieces. I would like:
- someone from your safety team to contact me,
- to know whether this model is being checked or recalled, because there are
  other children on our street with the same scooter,
- an explanation.

I am too angry to write more right now.

Sarah McAllister
""")

M("en-011", "product_quality", "serious",
  frm=("Derek Fung", "dfung@example.net"),
  subj="thermostat keeps rebooting",
  date="2026-02-02 06:48:40 -0700",
  body="""
hi,

my acme smart thermostat T2 keeps rebooting itself every 10-15 minutes since
the weekend. it shows the logo, comes back, then a few minutes later does it
again. while its rebooting the furnace doesnt get a call for heat so the house
is at 14 degrees C this morning and its -20 outside. i have a baby at home so
this is not great.

ive already done the factory reset from the menu, and re-paired it with the
app. same thing. wiring hasnt been touched since the installer put it in last
year.

can someone tell me if this is a known issue with the latest update or do i
need a new unit? i need heat that works reliably, ive put a space heater in
the nursery for now.

thx
derek
""")

M("en-012", "product_quality", "urgent", trigger="media",
  frm=("Chris Adeyemi", "chris@techbenchreviews.example"),
  subj="Third dead Acme Tab 10 - publishing my review on Friday",
  date="2026-02-04 15:30:00 +0000", cte="qp", mailer=THUNDERBIRD,
  body="""
Hi,

I run the TechBench Reviews channel on YouTube (around 310k subscribers) and
I bought an Acme Tab 10 with my own money to review it. The first unit died
after nine days (black screen, no charge). The replacement died after eleven
days with the same symptom. The third unit, which your support sent last
week, will not turn on as of this morning.

I've been fair with Acme in the past, but three dead units in a month is the
story now. I'm going to publish a video on Friday showing all three tablets,
my support ticket history and the response times, and I'll post it on my
social media too. If Acme wants to give an official statement or explain
what's going on with this batch, reply before Thursday evening and I'll
include it in the video word for word.

Case numbers: 451902, 452877, 455310.

Chris Adeyemi
TechBench Reviews
""")

M("en-013", "product_quality", "general",
  frm=("Nadia", "nadia.k@example.org"),
  subj="hello",
  date="2026-02-06 20:11:38 +0200", mailer=ANDROID,
  body="""
Hello,

I have the Acme Cam 2 in the garden. During the day the image is very sharp
but at night with the infrared the picture is quite blurry and the corners are
dark. Is this normal for this camera or is it a problem with mine? I cleaned
the lens already.

Thank you
Nadia
""")

M("en-014", "product_quality", "serious",
  frm=("Gavin Prescott", "gprescott@example.com"),
  subj="CleanWave washer - E4 error AGAIN after two technician visits",
  date="2026-02-09 11:42:17 +0000", cte="qp", html="alt",
  body="""
Dear Acme,

Our CleanWave 8kg washing machine has been showing error E4 (water not
draining) in the middle of nearly every cycle since December. Your technician
came on 8 January and replaced the pump, and came again on 27 January and
replaced a sensor. It worked for four days after each visit and now E4 is
back. The drum is full of dirty water as I write this and I have to bail it
out with a jug.

We are a family of five and we have been going to the laundrette for six
weeks. I don't want a third visit to swap another part. The machine is
clearly faulty and I am asking for a replacement machine.

Gavin Prescott
Ticket: CW-77120

-----Original Message-----
From: Acme Service Scheduling <service@acme.example>
Sent: 26 January 2026 09:12
To: Gavin Prescott <gprescott@example.com>
Subject: Your service visit is confirmed - CW-77120

Dear Gavin,

Your engineer visit is confirmed for Tuesday 27 January between 8:00 and
13:00. Our engineer will bring a replacement drain sensor (part 40-1182)
as diagnosed during the previous visit.

Please make sure the machine is empty and accessible.

Visit notes from 8 January:
  Fault: E4 - drain timeout
  Action: drain pump replaced (part 40-1170), test cycle OK
  Engineer comment: customer reports intermittent E4 since early December,
  filter clean, no blockage in hose. Monitor.

Kind regards,
Acme Service Scheduling

-----Original Message-----
From: Gavin Prescott <gprescott@example.com>
Sent: 14 January 2026 20:41
To: Acme Support <support@acme.example>
Subject: RE: CW-77120 E4 error back

The E4 error is back, four days after the pump was replaced. Same as
before: stops mid-wash, drum full of water. I've cleaned the filter and
checked the hose again. Please book another visit.
""")

M("en-015", "product_quality", "urgent", trigger="data_loss",
  frm=("Olivia Brandt", "obrandt@example.net"),
  subj="All my camera recordings disappeared - need them for the police",
  date="2026-02-11 08:15:03 -0500", cte="b64",
  body="""
Hello,

Someone broke into my garage on Sunday night. My Acme Cam 2 with the Acme
Cloud Plus plan (30 day history) recorded it, I got the motion alert on my
phone at 2:14 am and I saw a person on the live view.

On Monday morning the app updated itself and now the history for ALL my
cameras is empty. Not just Sunday, everything - the timeline says "No
recordings". My subscription is active and paid.

The police officer asked me for the footage and I cannot give it to them.
That recording was the only evidence. Please, I need someone to restore my
clips from your servers today before they are deleted for good. I am not
touching the app or the cameras until I hear back.

Account: obrandt@example.net
Cameras: Garage, Driveway, Back door

Olivia Brandt
""")

M("en-016", "product_quality", "general",
  frm=("Ben Atkins", "ben.atkins@example.com"),
  subj="Ear cushions",
  date="2026-02-13 17:59:45 +0000", mailer=IPHONE, eol=CRLF,
  body="""
The ear cushions on my Acme Studio headphones are peeling after 6 months, bits
of black flakes everywhere. Sound is still fine. Can I buy replacement pads
somewhere?

Ben

Sent from my iPhone
""")

M("en-017", "product_quality", "serious",
  frm=("Fatima Al-Sayed", "fatima.alsayed@example.org"),
  subj="Battery on cordless vacuum lasts 10 minutes",
  date="2026-02-16 13:27:51 +0400", cte="qp",
  attach=[("photo.jpg", "image/jpeg")],
  body="""
Hello,

I bought the Acme Stick V8 cordless vacuum in November. At first the battery
lasted about 55-60 minutes on normal mode, which matched the description. Now
after only three months it lasts 10 minutes, sometimes less, and then the
light blinks red. I charge it fully every time with the original charger. I
cannot clean even one floor of my apartment anymore.

The battery is clearly defective. I attached a photo of the screen showing
the red battery icon after 9 minutes of use. Please tell me how to get a new
battery or a replacement under warranty.

Thank you,
Fatima Al-Sayed
""")

M("en-018", "product_quality", "general",
  frm=("Walter Dunne", "wdunne@example.net"),
  subj="Mixer noise",
  date="2026-02-18 10:05:22 -0500",
  body="""
Hi there,

My Acme ChefMix stand mixer works well for bread dough but it is a lot
louder than the "whisper quiet motor" the product page promised - louder than
the old mixer it replaced, to be honest. It's not broken, it just isn't what
I'd call quiet. It would also be nice if there were a lower speed than 1 for
folding in flour, it throws it everywhere.

Is the noise normal for this model?

Regards,
Walter Dunne
""", note="mostly about product not matching description; suggestion mixed in")

M("en-019", "product_quality", "serious",
  frm=("Grace Liu", "grace.liu@example.com"),
  subj="Non-stick coating coming off in the air fryer",
  date="2026-02-20 19:40:09 -0800", cte="qp", mailer=IPHONE,
  body="""
Hi,

The non-stick coating in the basket of my Acme Crisp 5L air fryer is
flaking off after three weeks. I found little black flakes on my kids' chicken
nuggets tonight. I only use the silicone tongs that came with it and I wash
the basket by hand, no dishwasher, no scouring pad.

I don't feel safe cooking in it anymore. I'd like a replacement basket, or a
replacement unit if the whole batch has this problem. Nobody got sick, but I
don't want to find out what happens if they eat that coating.

Grace

Sent from my iPhone
""")

M("en-020", "product_quality", "serious",
  frm=("Frank Dobbs", "frankdobbs1961@example.net"),
  subj="DEAD PIXELS ON BRAND NEW TV",
  date="2026-02-23 21:14:48 -0600", cs="us-ascii", cte="7bit",
  body="""
HELLO

MY NEW ACME VIEW 55 INCH TV HAS A LINE OF DEAD PIXELS DOWN THE LEFT SIDE OF
THE SCREEN. IT WAS THERE THE FIRST TIME I TURNED IT ON. ITS A GREEN LINE
ABOUT AN INCH FROM THE EDGE TOP TO BOTTOM. I PAID 699 DOLLARS FOR THIS TV.

I WANT A NEW ONE NOT A REPAIR. HOW DO I RETURN IT. THE BOX IS HUGE AND I
CANT TAKE IT TO THE POST OFFICE MYSELF.

FRANK DOBBS
ORDER AC-2350097
""")

# ==========================================================================
# English -- service_attitude
# ==========================================================================

M("en-021", "service_attitude", "general",
  frm=("Hannah Whitaker", "hannah.whitaker@example.com"),
  subj="Feedback on my chat this morning",
  date="2026-01-07 11:31:27 +0000", cte="qp",
  body="""
Hello,

I had a chat with one of your agents this morning (around 10:15, the agent's
name was shown as "Mark") about how to pair my new speaker. I got my answer
in the end, but the way it was handled wasn't great. Every reply was a pasted
paragraph that didn't really match my question, and when I asked him to
explain one step he just wrote "as per my previous message" and pasted the
same paragraph again. Then the chat was closed while I was still typing.

It's not a disaster, I just think customers deserve a bit more patience than
that. Maybe pass it on to whoever trains the chat team.

Hannah
""")

M("en-022", "service_attitude", "serious",
  frm=("Dennis Kowalczyk", "dkowalczyk@example.net"),
  subj="Four calls, zero callbacks",
  date="2026-01-09 15:46:02 -0500", mailer=OUTLOOK,
  body="""
I have now called your support line four times about my dishwasher (case
CW-70213). Every single time I was told "a specialist will call you back
within 24 hours". Nobody has ever called back. Not once. On the last call,
when I said I wanted to speak to a supervisor, the agent said "there is
nobody available" and hung up on me.

I have taken time off work twice to wait for calls that never came. I'm not
asking for a miracle, I'm asking for someone to do what your own staff
promised four times.

Please have an actual person call me at the number on the case. And please
don't send me another survey asking how satisfied I am.

Dennis Kowalczyk
""")

M("en-023", "service_attitude", "urgent", trigger="legal",
  frm=("Angela Moreno", "angela.moreno@example.org"),
  subj="Formal complaint - treatment at your Riverside store",
  date="2026-01-13 18:02:44 -0800", cte="qp", eol=CRLF,
  body="""
To the Customer Relations Manager,

On Saturday 10 January at approximately 3:40 pm I was at the Acme Riverside
store with my two children. As we were leaving, a member of your staff
(badge name "Troy") stopped me at the door and loudly accused me of stealing
a pair of earbuds. He demanded to search my handbag in front of other
customers and my children, who were 6 and 9 and were crying. He found nothing,
because I had taken nothing, and I had the receipt for the one item I bought.
He did not apologise. The shift manager laughed and said "these things
happen".

I have been a customer of Acme for years. I have never been humiliated like
this in my life.

I have already spoken to my attorney, who has advised me that this may
constitute defamation and unlawful detention. Unless I receive a written
apology and an explanation of the steps Acme is taking with these employees
within 10 days, I will be filing a lawsuit. Please preserve all CCTV footage
from the store entrance for 10 January between 3:00 and 4:30 pm.

Angela Moreno
""")

M("en-024", "service_attitude", "general",
  frm=("", "jjpeters@example.com"),
  subj="rude",
  date="2026-01-16 13:13:13 -0500",
  body="""
your phone agent kevin was rude to me today. sighing, talking over me. thats
all, just thought someone should know.
""")

M("en-025", "service_attitude", "serious",
  frm=("Marcus Holloway", "marcus.holloway@example.net"),
  subj="Re: Your replacement order",
  date="2026-01-20 09:27:36 +0000", cte="qp", reply=True, mailer=THUNDERBIRD,
  body="""
Hi Jess,

You told me on 2 January that the replacement coffee machine would "ship next
week". On 9 January your colleague told me the same thing. On 16 January you
replied below - "next week" again. It's the 20th and the order page still
says "processing".

I'm not angry at you personally, but I'm tired of being told things that
turn out not to be true. If you don't know when it ships, just say so. If it
isn't going to ship, refund me. What I need is an honest answer, not
another "next week".

Marcus

On Fri, 16 Jan 2026 at 14:02, Acme Support <support@acme.example> wrote:
> Hi Marcus,
>
> Thanks for your patience! I've checked with the warehouse and your
> replacement will definitely ship next week. I've added a note to
> your case.
>
> Best,
> Jess
> Acme Support
""")

M("en-026", "service_attitude", "urgent", trigger="media",
  frm=("Tyler Reeves", "tyreeves@example.com"),
  subj="your agent laughed at me",
  date="2026-01-24 21:05:19 -0600", mailer=IPHONE,
  body="""
I called today about my broken speaker and your agent literally LAUGHED at me
when i said i'd been waiting three weeks. then she said "not my problem,
honey" and put me on hold for 25 min until the line dropped.

I record my calls. I'm posting the recording on TikTok and X tonight with
your company tagged. people should hear how acme treats customers. if you
want to fix this before it goes up, you know how to reach me.

Sent from my iPhone
""")

M("en-027", "service_attitude", "general",
  frm=("Isabel Ferreira", "isabel.ferreira@example.org"),
  subj="Is anyone reading these?",
  date="2026-01-27 10:40:51 +0000",
  body="""
Hello,

This is my third email in eight days. Every time I get the automatic reply
"we will get back to you within 48 hours" and then nothing. My question is a
simple one (whether the warranty on my toaster can be transferred to my
sister, who I'm giving it to). I'm not in a hurry, but it would be nice to be
acknowledged by a human.

Thanks,
Isabel Ferreira
""")

M("en-028", "service_attitude", "general",
  frm=("Paul Andersen", "p.andersen@example.net"),
  subj="Installer visit 29 Jan",
  date="2026-01-30 16:55:04 +0100", cte="qp", mailer=OUTLOOK,
  body="""
Dear Sir or Madam,

The technician who installed our Acme dishwasher yesterday did the job and
the machine works, so I am not complaining about the installation itself.
However, he was on his phone for most of the visit, answered my questions
with one word, told my wife "just read the manual" when she asked how the
eco programme works, and left the cardboard and the old hoses in the middle
of our kitchen.

It spoiled what should have been a pleasant purchase. I would appreciate it
if this feedback reaches his manager.

Yours faithfully,
Paul Andersen
""")

M("en-029", "service_attitude", "serious",
  frm=("Rachel Goldstein", "rgoldstein@example.com"),
  subj="Complaint about how my father was treated on the phone",
  date="2026-02-03 12:20:48 -0500", cte="qp",
  body="""
Hello,

I am writing on behalf of my father, Harold Goldstein, who is 81 and has
hearing difficulties. He has been trying to get help with the Acme medical
alert pendant we bought him, which keeps losing connection.

On Monday he called your helpline twice. The first agent got impatient when
he asked her to repeat herself and said "sir, I can't help you if you can't
hear me" and hung up. The second time he asked to speak to a supervisor and
was disconnected again after a long hold. He was very upset afterwards and
now doesn't want to call anymore, which means his pendant still isn't working.

This is a device that is supposed to keep an elderly man safe and your staff
hung up on him twice. I expect an apology and a call to ME (number on this
account) from someone senior who can sort out the pendant.

Rachel Goldstein
""")

M("en-030", "service_attitude", "general",
  frm=("Owen Pritchard", "owen.pritchard@example.org"),
  subj="Store visit",
  date="2026-02-05 18:31:10 +0000",
  body="""
Hi,

Popped into your Kingsgate store this afternoon to look at the new laptops.
Two staff behind the counter were chatting about their weekend and ignored us
for a good twenty minutes, even after my partner said "excuse me" twice. We
left and bought elsewhere. Mildly annoying, thought you'd want to know.

Owen
""")

M("en-031", "service_attitude", "urgent", trigger="media",
  frm=("Kimberly Nash", "kimnash@example.net"),
  subj="Your store manager shouted at my disabled mother",
  date="2026-02-08 14:47:29 -0500", cte="b64", html="alt",
  body="""
I am absolutely disgusted.

Yesterday my mother, who uses a wheelchair, tried to return a kettle at your
Oakdale store. The manager (tall man, glasses, I did not get his name)
refused to help her use the counter because it was "too busy", told her to
"come back when you can reach the counter like everyone else", and then
raised his voice at her in front of the whole queue when she asked again.
Another customer had to step in.

I have already written about it in our town's community Facebook group (over
40,000 members) and the post has hundreds of comments from people with
similar stories. A journalist from the local newspaper has contacted me and
I have agreed to talk to her on Wednesday.

I would like Acme to respond before then: an apology to my mother and an
explanation of what you are doing about this manager.

Kimberly Nash
""")

M("en-032", "service_attitude", "general",
  frm=("Leo Vasquez", "leo.vasquez@example.com"),
  subj="Wrong info from support",
  date="2026-02-10 08:58:14 -0700",
  body="""
Hi,

Just a heads up. Last week your phone support told me my Acme Cam 2 could
record to a microSD card and I wouldn't need the cloud plan. I bought a card
based on that, and it turns out this model doesn't have a card slot at all
(only the Cam 3 does). The agent was friendly, but she clearly didn't know
the product and said it very confidently.

No big damage, the card was $12 and I can use it elsewhere. But maybe your
agents could get a cheat sheet on which camera has what.

Leo
""")

M("en-033", "service_attitude", "serious",
  frm=("Natalie Brooks", "nbrooks@example.org"),
  subj="STOP closing my ticket",
  date="2026-02-12 22:16:33 +0000", eol=CRLF,
  body="""
For the THIRD time my ticket (#457711) has been marked as "Solved" without
anyone actually solving anything. Each time I get an email "We're glad we
could help!" and a survey. Nobody has helped. The problem (my smart lock
won't pair with the new hub) is exactly the same as on day one.

Each time I reopen it I'm back at the end of the queue and I have to explain
everything from scratch to a new person who clearly hasn't read the history.

I don't care how your agents are measured. Stop closing the ticket until the
problem is fixed, and give me one person who owns it.

Natalie Brooks
""")

M("en-034", "service_attitude", "general",
  frm=("", "dylan_w@example.net"),
  subj="",
  date="2026-02-15 01:22:07 -0500", mailer=ANDROID,
  body="""
ur support guy on the phone today was realy condescending. i asked if the
update would fix my wifi and he goes "well do you know what a router is" like
im 5. i do know what a router is lol. anyway the wifi thing is still
happening but i'll figure it out. just dont talk to ppl like that
""")

M("en-035", "service_attitude", "general",
  frm=("Sophie Leclair", "sophie.leclair@example.com"),
  subj="Can't get past the chatbot",
  date="2026-02-17 12:03:50 +0100", cte="qp",
  body="""
Hello,

I've spent half an hour trying to get your website chat to connect me with a
real person. Whatever I type, the bot answers with links to FAQ articles, and
when I type "agent" or "human" it says "I didn't understand that, here are
some articles that may help". There's no phone number on the contact page
either.

My question isn't complicated (I want to change the delivery day for my
order) but you've made it impossible to ask anyone. Please make it easier to
reach a person.

Sophie
""", note="main point is being stonewalled by support; delivery change is the underlying ask")

M("en-036", "service_attitude", "serious",
  frm=("Rajesh Menon", "rajesh.menon@menon-dental.example"),
  subj="Account manager not responding - commitments not honoured",
  date="2026-02-19 10:12:40 +0530", cte="qp", html="alt", mailer=OUTLOOK,
  body="""
Dear Acme Business team,

In December our clinic group placed an order for 24 Acme air purifiers
through your business account manager, Mr. Daniel Hart. In writing, he
promised (1) a 15 % volume discount, (2) delivery to our three clinics before
15 January, and (3) a one-time on-site setup.

None of this has happened. The invoice came at full price, the purifiers were
delivered in one lot to our head office on 2 February, and nobody came to set
them up. Since then Mr. Hart has not answered any of my five emails or my
calls; his voicemail is full.

We chose Acme because of the service your account manager promised. I would
like someone else to take over our account and honour what was agreed, or
we will have to review whether we continue with Acme for the rest of our
equipment.

Regards,
Dr. Rajesh Menon
Menon Dental Clinics

From: Daniel Hart <daniel.hart@acme.example>
Sent: 12 December 2025 17:45
To: Rajesh Menon <rajesh.menon@menon-dental.example>
Subject: RE: Air purifiers for Menon Dental - quotation

Dear Dr. Menon,

Great speaking with you today. As discussed, I'm happy to confirm:

- 24 x Acme AirPure P5 at list price less 15 % volume discount
- split delivery to your three clinics (Indiranagar, Koramangala,
  Whitefield), all delivered before 15 January
- one on-site setup visit per clinic by our business service team, including
  app configuration and staff walkthrough

Please raise the PO against this email and I will personally take care of
the rest. You can reach me on this email or my mobile any time.

Best regards,
Daniel Hart
Business Account Manager, Acme
""")

M("en-037", "service_attitude", "general",
  frm=("Céline Gagnon", "celine.gagnon@example.com"),
  subj="Service en français", subj_enc="Q", subj_cs="iso-8859-1",
  date="2026-02-21 15:25:31 -0500", cs="iso-8859-1", cte="qp",
  body="""
Bonjour / Hello,

I'm writing in English since that seems to be the only option. I called the
Canadian hotline yesterday and pressed 2 for French as the menu says. The
agent who answered said "English only, sorry" and sighed when I asked if
someone else could help. I then had to explain my problem with my café
machine (Acme Barista Duo, the steam wand is a bit weak) in English, which is
fine, but the agent kept rushing me and said "okay okay okay" every few
seconds.

Offering a French option in the menu and then refusing to speak French is
frustrating. Merci de transmettre.

Céline Gagnon
Québec
""")

# ==========================================================================
# English -- logistics
# ==========================================================================

M("en-038", "logistics", "general",
  frm=("Amy Sutherland", "amy.sutherland@example.com"),
  subj="Order AC-2288104 tracking",
  date="2026-01-05 14:22:19 +0000",
  body="""
Hi,

The tracking for my order AC-2288104 has said "In transit - departed sorting
facility" since Friday and hasn't moved. It's not urgent, I'm just checking
whether it's still on its way or whether something's gone wrong.

Thanks!
Amy
""")

M("en-039", "logistics", "serious",
  frm=("Gregory Hines", "greg.hines@example.net"),
  subj="Parcel marked DELIVERED but I never received it",
  date="2026-01-09 18:41:27 -0500", cte="qp",
  body="""
Hello,

My order AC-2296650 (Acme Sound Bar S5, $329) shows "Delivered, left at front
door" on January 7 at 1:12 pm. I was working from home all day, in the room
facing the street, and nobody came to the door. There is no parcel on the
porch, at the side door, with my neighbours or in the building's mail room. I
checked with all of them.

The courier's proof-of-delivery photo in the tracking page shows a grey door
with a brass number 18. My door is white and my number is 81.

So it was delivered to the wrong house, or not at all. I need either the
sound bar or a replacement sent out. I paid for it and I don't have it.

Gregory Hines
""")

M("en-040", "logistics", "general",
  frm=("Moira", "moira.quinlan@example.org"),
  subj="left with neighbour",
  date="2026-01-13 09:03:56 +0000",
  body="""
Hi - my parcel was left with a neighbour at no. 12 yesterday but there was no
card through my door and the tracking just said "delivered". Took me a day of
panicking and knocking on doors to find it. Got it now, all fine, but please
ask the courier to leave a note next time!

Moira
""")

M("en-041", "logistics", "serious",
  frm=("Victor Almeida", "victor.almeida@example.com"),
  subj="Glass table arrived smashed",
  date="2026-01-15 20:17:40 +0000", cte="b64",
  attach=[("photo.jpg", "image/jpeg"), ("box.jpg", "image/jpeg")],
  body="""
Hello,

The Acme Nord coffee table (order AC-2301978) was delivered this afternoon.
The outer box was crushed on one corner and had a big boot print on the top.
When I opened it, the tempered glass top was shattered into hundreds of
pieces inside the packaging. The driver had already left by the time I
opened it.

Photos of the box and the glass are attached. I haven't thrown anything away.
Please arrange collection of the broken one and a replacement. I'd also ask
you to tell the carrier that boot prints on a box marked FRAGILE - GLASS is
not acceptable.

Victor Almeida
""")

M("en-042", "logistics", "urgent", trigger="outage",
  frm=("Jenna Park", "jenna@gadgetnook.example"),
  subj="URGENT: partner order portal and tracking down since 6am",
  date="2026-01-19 10:31:02 -0500", cte="qp", mailer=OUTLOOK, eol=CRLF,
  body="""
Hi Acme partner support,

Your reseller order portal and the shipment tracking API have both been down
since about 6:00 this morning Eastern. The portal returns "502 Bad Gateway"
and every tracking call returns an error. Your status page still says "All
systems operational".

We're a reseller with around 300 open orders shipping from your warehouse
this week. None of them show a status, our own customers can't track their
parcels, and our support inbox has had 140 "where is my order" messages since
breakfast. Other resellers in our Slack group report the same, so this is not
just us.

We need (1) confirmation that you are aware and working on it, (2) an ETA,
and (3) a bulk export of shipment statuses we can send to our customers in
the meantime.

Jenna Park
Operations, GadgetNook
""")

M("en-043", "logistics", "general",
  frm=("Stuart Bell", "stuart.bell@example.net"),
  subj="Parcel left in the rain",
  date="2026-01-22 17:50:33 +0000", mailer=IPHONE,
  body="""
Hi,

Courier left my parcel on the doorstep in the pouring rain today instead of
in the porch, which was open. The box was soaked through and falling apart.
Luckily the toaster inside was in a plastic bag and seems fine.

I'm not going to make a fuss or post about it online or anything, just
could you pass on to the courier to use the porch? Thanks.

Stuart

Sent from my iPhone
""")

M("en-044", "logistics", "serious",
  frm=("Chloe Ramirez", "chloe.ramirez@example.org"),
  subj="Shipped to my OLD address even though I changed it",
  date="2026-01-26 12:06:11 -0800", cte="qp",
  body="""
Hi,

On January 14 I updated my shipping address in my Acme account because I was
moving. I placed order AC-2318802 on January 18, and the order confirmation
even shows the NEW address. But the shipping label, according to tracking,
went to my OLD address on the other side of the city, and it was "delivered"
there on January 22. I don't live there anymore and the new tenants say they
haven't seen anything.

I have spent two weeks on this already. I would like you to either recover the
parcel from the courier or send a new one to the address I actually gave you.

Chloe Ramirez
""")

M("en-045", "logistics", "urgent", trigger="safety",
  frm=("Martin Keogh", "martin.keogh@example.com"),
  subj="Crushed delivery - battery pack inside is smoking",
  date="2026-01-29 19:48:17 +0000", cte="qp",
  body="""
URGENT

Your courier just delivered a box that was completely flattened on one side,
like something heavy had been on top of it. Inside is the Acme PowerStation
500 portable battery I ordered. The case is dented in, it's very hot to the
touch and there's a hissing noise and a thin stream of smoke coming out of
the vent. It's never been switched on or plugged in.

I've carried it out to the middle of the back garden on a paving slab, away
from the house, using oven gloves. I don't know if I should put water on it.

What do I do with it now, and who collects it? I'm not bringing it back
inside. Please call me, the number is on the order (AC-2327445).

Martin Keogh
""", note="damage in transit caused the hazard; could be read as product_quality")

M("en-046", "logistics", "general",
  frm=("Ruth Adebayo", "ruth.adebayo@example.net"),
  subj="Delivery slot",
  date="2026-02-01 18:20:45 +0000",
  body="""
I booked the 8am-12pm delivery slot for my washing machine and stayed home
all morning. It arrived at 6pm. Driver was nice, machine is fine, but I lost
a day of work for nothing. Why offer time slots if they're not kept?

Ruth
""")

M("en-047", "logistics", "serious",
  frm=("Daniel Osei", "daniel.osei@example.com"),
  subj="Paid for next day delivery - arrived 6 days later",
  date="2026-02-03 21:11:29 -0500", cte="qp", html="alt",
  body="""
Hello,

I ordered an Acme Tab 8 on Tuesday January 27 as a birthday present for my
daughter (her birthday was Wednesday 28th). I chose and paid for "Guaranteed
next-day delivery" ($24.99) because the date mattered. The tablet arrived
today, Monday February 2nd. Six days late. Tracking shows it sat in your
warehouse for four days before it was even handed to the courier.

My daughter's birthday came and went with an IOU card. I'd like an
explanation of what "guaranteed" means, and the express delivery fee back
at the very least.

Daniel Osei
""", note="refund of shipping fee requested, but the complaint is the late delivery")

M("en-048", "logistics", "urgent", trigger="legal",
  frm=("Harriet Cole", "hcole@example.org"),
  subj="Lost laptop shipment - final notice before legal action",
  date="2026-02-06 09:44:52 +0000", cte="qp", mailer=OUTLOOK,
  body="""
Dear Acme,

This is my fourth email regarding order AC-2331090, an AcmeBook Pro 16
costing GBP 1,399.00, which your tracking has shown as "exception - parcel
lost in network" since 19 January.

Your support staff first told me to wait 10 working days for the courier
investigation. Then I was told the courier considers it delivered. Then I
was told that I should take it up with the courier myself. My contract is
with Acme, not with the courier, and under the Consumer Rights Act the goods
remain at the seller's risk until they are in my possession.

If the laptop or a full refund is not with me within 14 days of this email,
I will issue a claim against Acme in the small claims court without further
notice. My solicitor has reviewed this letter.

Yours faithfully,
Harriet Cole
""")

M("en-049", "logistics", "general",
  frm=("Ian Fletcher", "ian.fletcher@example.net"),
  subj="RE: Your Acme order has shipped",
  date="2026-02-09 07:58:03 +0000", reply=True, mailer=OUTLOOK,
  body="""
Hi,

The courier tried to deliver this while I was at work yesterday and left a
card saying they'll try again "within 3 working days". I'm at work all those
days too. Can I get it redirected to my office address (Fletcher & Dunn, 4
Mill Lane) or picked up from a depot instead?

Thanks,
Ian

-----Original Message-----
From: Acme <no-reply@acme.example>
Sent: 05 February 2026 16:20
To: ian.fletcher@example.net
Subject: Your Acme order has shipped

Good news! Your order AC-2339017 is on its way.
Estimated delivery: Sunday 8 February - Monday 9 February
""")

M("en-050", "logistics", "general",
  frm=("Beatriz Santos", "beatriz.santos@example.com"),
  subj="Only 2 of 3 items arrived",
  date="2026-02-11 13:36:20 -0300",
  body="""
Hi,

My order AC-2342260 had three items: a kettle, a toaster, and a set of
replacement filters. The box contained the kettle and the toaster but no
filters, and the packing slip lists all three as shipped. It's only the
filters (about $15) so not a huge deal, but could you send them, please?

Beatriz
""")

M("en-051", "logistics", "serious",
  frm=("Norman Whitfield", "norman.whitfield@example.org"),
  subj="Fridge left on the pavement and damaged",
  date="2026-02-14 16:09:58 +0000", cte="qp", eol=CRLF,
  body="""
Dear Acme,

I paid for "delivery to room of choice" for our new Acme FrostFree 70 fridge
freezer. The two delivery men refused to carry it up the four steps to our
front door, saying the steps were "not in the booking", left it on the
pavement and drove off. My neighbour and I had to get it inside ourselves.

In the process of them unloading it off the tail lift, the door was dented
and there's a long scratch down the side. The fridge works, but it looks
second-hand on day one.

I want either a replacement delivered properly, or the damaged unit collected
and a partial refund for the damage plus the delivery service I paid for and
didn't get.

Norman Whitfield
""")

M("en-052", "logistics", "urgent", trigger="media",
  frm=("Aaron Blake", "aaron.blake@example.net"),
  subj="Your courier threw my TV over the gate - it's on video",
  date="2026-02-17 11:11:47 -0800", mailer=IPHONE,
  body="""
My doorbell camera recorded your delivery driver THROWING my 65 inch Acme
View TV over my side gate yesterday. He didn't ring, didn't knock, just
lobbed it over a 6 foot gate and walked off. The screen is cracked.

I posted the clip on X and Reddit last night and it has 80k views already.
A reporter from Channel 7's consumer segment messaged me this morning asking
for an interview and I said yes.

I want a new TV delivered by someone who doesn't throw it, and I want to hear
what Acme is going to do about this courier, before I talk to the reporter
on Thursday.

Aaron

Sent from my iPhone
""")

M("en-053", "logistics", "general",
  frm=("Lukas Meier", "lukas.meier@example.com"),
  subj="Parcel held at customs",
  date="2026-02-19 09:20:31 +0100", cte="qp", mailer=THUNDERBIRD,
  body="""
Good morning,

My order AC-2350412 (shipped from your UK warehouse to Switzerland) has been
"held at customs" for 5 days. The tracking says "awaiting documents from
sender". Do you need to send them a commercial invoice, or is there something
I need to do on my side? Happy to pay the import VAT if that's what it's
waiting for.

Thank you and best regards,
Lukas Meier
""")

M("en-054", "logistics", "general",
  frm=("", "xoxo.bree@example.net"),
  subj="where is my order",
  date="2026-02-22 23:59:10 -0500", mailer=ANDROID,
  body="""
where is my order?? AC-2353981 its been 9 days and tracking says label created
""")

M("en-055", "logistics", "serious",
  frm=("Hiroshi Tanaka", "hiroshi.tanaka@example.com"),
  subj="Tracking number does not exist",
  date="2026-02-24 08:12:44 +0900", cte="b64", html="alt",
  body="""
Dear Acme Support,

My order AC-2346119 was marked as shipped on February 12, and I received the
tracking number SW48821773JP. For 12 days the courier website has said
"Tracking number not found". I contacted the courier and they told me they
have no record of this parcel at all.

The order was a gift that must be delivered before the end of the month. I
suspect the label was printed but the parcel was never handed over. Could you
please check with your warehouse and, if it was never sent, ship it
immediately with a working tracking number?

Sincerely,
Hiroshi Tanaka
""")

M("en-056", "logistics", "general",
  frm=("Clara Jennings", "clara.jennings@example.org"),
  subj="Delivery notes ignored (again)",
  date="2026-02-26 15:27:19 +0000",
  body="""
Hello,

This is the third time in a row your courier has delivered my parcels to
number 7A instead of 7. The delivery note on my account says "7 is the blue
door at the END of the path, 7A is the flat above the shop". The people at 7A
are very nice about bringing them over, but it's getting a bit embarrassing.

Could the note be shown more clearly to the driver?

Thanks,
Clara
""")

# ==========================================================================
# English -- billing
# ==========================================================================

M("en-057", "billing", "serious",
  frm=("Stephanie Grant", "steph.grant@example.com"),
  subj="Charged twice",
  date="2026-01-06 19:33:08 -0500", cte="qp",
  body="""
Hi,

I placed one order on January 3rd (AC-2287710, Acme Air Purifier P3, $249.00)
but my credit card statement shows two separate charges of $249.00 from
ACME*ONLINE on the same day, 4 minutes apart. There is only one order in my
account and I only received one purifier.

You charged me twice. Please refund the duplicate charge. I can send a
screenshot of the statement if needed.

Stephanie Grant
""")

M("en-058", "billing", "general",
  frm=("Jonas Lindqvist", "jonas.lindqvist@lindqvist-arkitekter.example"),
  subj="Invoice correction needed",
  date="2026-01-10 10:02:55 +0100", mailer=OUTLOOK,
  body="""
Hello,

Invoice INV-2026-004418 for our order AC-2292031 has the wrong company name
("Lindkvist Architects") and is missing our VAT number, so our accountant
can't book it. Could you please reissue it to:

Lindqvist Arkitekter AB
VAT: SE556677889901
Storgatan 12, 411 38 Goteborg

Thanks in advance,
Jonas

-- 
Jonas Lindqvist | Office Manager
Lindqvist Arkitekter AB
Storgatan 12, 411 38 Goteborg
""")

M("en-059", "billing", "serious",
  frm=("Kelly O'Brien", "kelly.obrien@example.net"),
  subj="Still waiting...",
  date="2026-01-14 21:47:30 +0000", mailer=IPHONE,
  body="""
I sent back the Acme Cam 3 in early December, your return centre confirmed
they received it on Dec 9 (return RMA-88412). The email said the refund would
be processed in 5-7 business days. It's now the middle of January and I still
haven't got my money back. $179.

I've checked with my bank, nothing pending. Nobody replies to my chat
messages about it. Where is my money?

Kelly

Sent from my iPhone
""")

M("en-060", "billing", "urgent", trigger="legal",
  frm=("Bernard Hoffman", "bhoffman@example.org"),
  subj="Charged for 5 months after cancelling - I will take legal action",
  date="2026-01-18 14:05:22 -0600", cte="qp", eol=CRLF,
  body="""
To Acme Billing,

I cancelled my Acme Cloud Plus subscription on 12 August 2025. I have the
confirmation email ("We're sorry to see you go") and the cancellation
reference CXL-1180042. Despite this, you have continued to charge my card
$14.99 every month: September, October, November, December and January.
That's $74.95 taken from me without any authorization.

I have reported this to you twice by chat. Both times I was told it was
"escalated". Nothing happened, and another charge went through yesterday.

For the record, here is what I've been told so far:

- 3 October, chat with "Priya": confirmed my subscription was cancelled in
  August and said the September charge was "a system error" that would be
  refunded within 5-7 days. It never was.
- 21 November, chat with "Alex": told me there was "no active subscription"
  on my account, so he could not see any charges and could not refund them.
  I sent him screenshots of my card statement. He said he'd escalate.
- 20 December: I emailed this address. No reply apart from the automatic
  acknowledgement (ticket 1190442).

So on your side there is apparently no subscription, but on my card
statement there is a charge every month. Somebody at Acme is taking money for
a service that your own agents say doesn't exist.

I have now disputed the charges with my bank and filed a complaint with the
state Attorney General's consumer protection office. I have also consulted a
lawyer, and if the full amount is not refunded within 7 days I will sue Acme
in small claims court for the charges plus my costs.

Bernard Hoffman
""")

M("en-061", "billing", "general",
  frm=("Carmen Ruiz", "carmen.ruiz@example.com"),
  subj="price dropped right after I bought",
  date="2026-01-21 12:45:17 -0700",
  body="""
Hi! I bought the Acme Buds Pro on the 15th for $149 and today they're $119 on
your site. Do you do price adjustments? It's only been 6 days. Would really
appreciate the $30 back if possible :)

Carmen
""")

M("en-062", "billing", "serious",
  frm=("Anthony Russo", "anthony.russo@example.net"),
  subj="Charge I did not make",
  date="2026-01-25 08:30:41 -0500", cte="qp", mailer=OUTLOOK,
  body="""
Hello,

There is a charge of $89.99 from "ACME DIGITAL SVCS" on my card dated
January 23. I have not ordered anything from Acme since last summer, I don't
have any subscription with you that I know of, and my account order history
shows nothing on that date.

Either someone has used my card on your site or you billed the wrong person.
Please tell me what this charge is for and reverse it. I have also let my
bank know in case the card is compromised.

Anthony Russo
""")

M("en-063", "billing", "general",
  frm=("Megan Ho", "megan.ho@example.org"),
  subj="Promo code didn't work",
  date="2026-01-28 16:14:02 -0800",
  body="""
Hello,

I used the code WINTER10 from your newsletter when ordering (AC-2324470).
It said "code applied" in the basket but the final charge was the full $99,
not $89. Could you refund the $10 difference? Not a big deal but it was the
reason I ordered this week.

Thanks,
Megan
""")

M("en-064", "billing", "urgent", trigger="outage",
  frm=("Gordon Pike", "gordon.pike@example.com"),
  subj="Payment page down for 2 days - subscription about to lapse",
  date="2026-02-01 09:02:13 +0000", cte="qp",
  body="""
Hello,

Since Friday morning your payment page (account > billing > update card)
has been returning "Error 500 - something went wrong" for every card I try,
on three different browsers and on the app. My old card expired, so my
Acme Cloud business plan renewal fails, and I have an email saying the plan
will be suspended on 2 February and the recordings of our 16 shop cameras
will stop.

The whole billing system seems to be down: two other shop owners I know have
the same error. We can't run the shops without the cameras for insurance
reasons.

Please either fix the payment page today or put a manual hold on the
suspension until it's working. I'm happy to pay by bank transfer.

Gordon Pike
Pike's Hardware (3 stores)
""")

M("en-065", "billing", "serious",
  frm=("Laura Bianchi", "laura.bianchi@example.net"),
  subj="Re: Your refund has been approved",
  date="2026-02-04 13:28:39 +0100", cte="qp", reply=True,
  body="""
Hello,

As you can see below, you approved my refund on 22 December and said the
money would be back on my card within 10 business days. It is February.
That's six weeks. My bank says no refund from Acme has been received, and
they gave me a statement to prove it.

Please don't reply with "it can take up to 10 business days" again. Give me
a transaction reference I can give to my bank, or send the money again.

Laura Bianchi

On Mon, 22 Dec 2025 at 10:14, Acme Returns <returns@acme.example> wrote:
> Dear Laura,
>
> Good news - your return for order AC-2270033 has been inspected and your
> refund of EUR 212.40 has been approved. Please allow up to 10 business
> days for the money to appear on your original payment method.
>
> Acme Returns Team
""")

M("en-066", "billing", "general",
  frm=("", "pmurphy77@example.com"),
  subj="service fee?",
  date="2026-02-06 20:19:45 +0000",
  body="""
Why was there a $4.99 "service fee" on my last order? It wasn't shown
anywhere before I paid.
""")

M("en-067", "billing", "urgent", trigger="media",
  frm=("Deborah Whitmore", "deb.whitmore@example.net"),
  subj="THREE charges for one TV - going to the press",
  date="2026-02-09 22:41:11 -0500", cte="b64", mailer=IPHONE,
  body="""
You took $1,049 out of my checking account THREE times for ONE television
(order AC-2340012). That is $3,147. My account went overdrawn, my rent check
bounced, and I've been hit with $105 in overdraft fees. I called twice and
was told it's "a temporary authorization that will drop off". It is not
pending, it is posted. My bank confirmed it.

I have emailed the consumer watchdog segment at WKRN and a reporter from the
Tribune's money section. I'm also posting my bank statement on Facebook and
X tomorrow morning so people know to check their accounts if they bought
from Acme this week.

Put my money back and pay my fees, today.

Deborah Whitmore

Sent from my iPhone
""")

M("en-068", "billing", "serious",
  frm=("Catherine Doyle", "catherine.doyle@example.org"),
  subj="Acme Plus renewal charged after I turned off auto-renew",
  date="2026-02-12 11:37:50 +0000", cte="qp", html="alt",
  body="""
Hello,

On 3 November I switched off auto-renewal for my Acme Plus membership in my
account settings (the toggle still shows OFF today). Yesterday I was charged
GBP 119.00 for another year of Acme Plus anyway, without any reminder email.

I don't want the membership and I didn't agree to pay for it. Please cancel
it and refund the GBP 119.00 to my card.

Kind regards,
Catherine Doyle
""")

M("en-069", "billing", "general",
  frm=("Samir Haddad", "samir.haddad@example.com"),
  subj="two transactions on my card?",
  date="2026-02-15 10:09:33 +0000",
  body="""
Hi,

I bought a kettle this morning and my banking app shows two transactions from
Acme, one for £39.99 and one for £1.00, the £1 one says "pending". Is the £1
a card check thing or have I been charged extra? Just want to make sure
before I ring the bank.

Thanks
Samir
""", cs="utf-8", cte="qp", note="probably a card verification hold")

M("en-070", "billing", "serious",
  frm=("Eva Novak", "eva.novak@example.net"),
  subj="Refund amount wrong: 45 instead of 450",
  date="2026-02-18 15:55:21 +0100", cte="qp", mailer=THUNDERBIRD,
  body="""
Dear Acme,

I returned an Acme Espresso Pro (order AC-2321108, paid EUR 450.00) in
unused condition. Today I received the refund: EUR 45.00. The refund email
also says EUR 45.00. I assume someone missed a zero, but EUR 405 is a lot of
money to be missing.

Please correct the refund and send me the remaining EUR 405.00.

Best regards,
Eva Novak
""")

M("en-071", "billing", "general",
  frm=("Arjun Patel", "arjun.patel@example.org"),
  subj="copy of invoice pls",
  date="2026-02-20 09:11:40 +0530",
  body="""
Hi team,

could you send me a PDF invoice for order AC-2344901? I need it for my
company expense claim and the order page only shows a receipt without the
tax breakdown.

thanks
Arjun
""")

M("en-072", "billing", "urgent", trigger="legal",
  frm=("Melissa Grant", "m.grant@harborview-hotels.example"),
  subj="Triple invoicing and collection threats - legal department involved",
  date="2026-02-23 17:26:08 -0500", cte="qp", mailer=OUTLOOK,
  attach=[("statement.pdf", "application/pdf")],
  body="""
Dear Acme Accounts Receivable,

Harborview Hotels purchased 50 Acme SmartTV 43 units for our refurbishment
project (PO HV-2025-118). We paid invoice INV-2025-91220 in full on 15
December 2025 (USD 18,450.00; remittance attached).

Since then we have received two further invoices, INV-2026-00412 and
INV-2026-01873, for the same 50 units and the same PO, and last week a letter
from a collection agency acting on your behalf demanding USD 36,900.00 and
threatening to report us to credit agencies.

I have raised this with your billing team four times since January. Each time
I was told it would be "corrected in the system". Instead it went to
collections.

Our legal department has been copied on this email. Unless Acme (1) withdraws
the collection case in writing, (2) cancels the duplicate invoices and (3)
confirms our account balance as zero within five business days, our lawyers
will take action against Acme for the damage to our credit standing.

Regards,
Melissa Grant
Finance Director, Harborview Hotels

-----Original Message-----
From: Acme Billing <billing@acme.example>
Sent: Tuesday, February 3, 2026 2:17 PM
To: Melissa Grant <m.grant@harborview-hotels.example>
Subject: RE: Duplicate invoices INV-2026-00412 / INV-2026-01873

Dear Ms. Grant,

Thank you for your email. We have reviewed your account and can see the
payment received on 15 December 2025. The additional invoices appear to have
been generated in error during our migration to a new billing platform. A
correction request has been raised with our finance systems team and the
invoices will be corrected in the system. You do not need to take any action.

Kind regards,
Acme Billing

-----Original Message-----
From: Melissa Grant
Sent: Monday, January 12, 2026 9:03 AM
To: Acme Billing <billing@acme.example>
Subject: Duplicate invoices INV-2026-00412 / INV-2026-01873

Hello,

We have received invoice INV-2026-00412 dated 5 January for 50 x Acme
SmartTV 43 under PO HV-2025-118. This PO was already invoiced under
INV-2025-91220 and paid in full on 15 December (remittance attached). Please
cancel INV-2026-00412 and confirm.

Also, this morning a third invoice, INV-2026-01873, arrived for the same
items. Please cancel that one as well.

Thanks,
Melissa Grant
""")

M("en-073", "billing", "serious",
  frm=("Pieter de Vries", "pieter.devries@example.com"),
  subj="Charged in USD instead of EUR",
  date="2026-02-25 12:31:19 +0100",
  body="""
Hello,

Your Dutch website showed the price of the Acme Robo X5 as EUR 399 and the
checkout page also said EUR 399. My card was charged USD 469.00, which my
bank converted to EUR 437.21 plus a EUR 7.50 foreign transaction fee. So I
paid about EUR 46 more than the price you showed.

Please refund the difference and the fee, and maybe check why the Dutch site
charges in dollars.

Pieter de Vries
""")

M("en-074", "billing", "serious",
  frm=("Yvonne Chambers", "yvonne.chambers@example.net"),
  subj="Cancelled order - gift card money not returned",
  date="2026-02-27 18:04:26 +0000", cte="qp",
  body="""
Hi,

I paid for order AC-2347755 fully with an Acme gift card (GBP 150). The next
day you cancelled the order because the item was out of stock. Fine. But the
GBP 150 has not been put back on the gift card: the balance still shows
GBP 0.00, and it's been three weeks. The gift card was a present from my
late mother, so this isn't just about the money.

Could you please restore the balance?

Yvonne Chambers
""")

M("en-075", "billing", "serious",
  frm=("Marco Pellegrini", "marco.pellegrini@example.org"),
  subj="Trade-in credit missing from my charge",
  date="2026-03-02 10:40:58 +0100", cte="qp", html="only",
  body="""
Hello Acme team,

I ordered the AcmeBook Pro 14 with the trade-in offer: you quoted me EUR 300
credit for my old laptop, which I sent in and which your trade-in centre
confirmed received and graded "Good" on 20 February.

The credit was supposed to be deducted from the price, but my card was
charged the full EUR 1,199 and there is no credit on my account or refund
to my card.

Please apply the EUR 300 trade-in credit.

Grazie,
Marco Pellegrini
""")

M("en-076", "billing", "general",
  frm=("Søren Kjær", "soren.kjaer@example.com"),
  subj="VAT on invoice",
  date="2026-03-04 14:15:07 +0100", cs="iso-8859-1", cte="qp",
  body="""
Hej,

We ordered two monitors through our business account (Kjær Grafisk ApS,
EU VAT DK29384756). The invoice charges 25 % Danish VAT, but as an
intra-EU B2B purchase from your Irish entity it should be reverse-charged.
Could you issue a corrected invoice without VAT and refund the VAT part?

Med venlig hilsen / Kind regards,
Søren Kjær
Kjær Grafisk ApS
""")

# ==========================================================================
# English -- suggestion
# ==========================================================================

M("en-077", "suggestion", "general",
  frm=("Theo", "theo.march@example.net"),
  subj="dark mode?",
  date="2026-01-08 00:42:16 +0000", mailer=IPHONE,
  body="""
It would be nice if the Acme Home app had a dark mode. I check the cameras at
night a lot and the white screen is blinding.

Sent from my iPhone
""")

M("en-078", "suggestion", "general",
  frm=("Ingrid Solheim", "ingrid.solheim@example.org"),
  subj="Feature request: per-floor maps for Robo X5",
  date="2026-01-11 19:25:44 +0100", cte="qp", mailer=THUNDERBIRD,
  body="""
Hello Acme,

First of all, I'm very happy with my Robo X5. I carry it between the ground
floor and the first floor of our house, and I have a feature request that I
think many people with two-storey homes would appreciate.

At the moment the X5 only keeps one map. When I take it upstairs it spends
the first five minutes "relocating", then decides it is lost and starts a new
map, which overwrites the ground floor map and all my no-go zones (under the
dog's water bowl, the rug with tassels, the cables behind the TV). Then when
I bring it back down, I have to draw all the zones again.

Suggestions:
1. Let the X5 store at least two or three maps and detect which floor it is
   on, like some other robots do.
2. If that's too much for the hardware, at least let me export/import the
   no-go zones in the app, so I can restore them quickly.
3. A "floor" button in the app where I tell it "you're upstairs now" would
   also be perfectly fine.

I'd be happy to beta test a firmware with this.

Best wishes,
Ingrid

-- 
Ingrid Solheim
"Any sufficiently advanced technology is indistinguishable from magic."
""")

M("en-079", "suggestion", "general",
  frm=("Zoe Hartley", "zoe.hartley@example.com"),
  subj="Packaging",
  date="2026-01-16 15:03:31 +0000",
  body="""
Hi Acme,

Small suggestion: my last order (a phone case and a cable) came in a box big
enough for a toaster, filled with plastic air pillows, and each item was in
its own plastic bag inside that. Could you consider paper padding and
right-sized boxes? A lot of your customers would notice and appreciate it.

Cheers,
Zoe
""")

M("en-080", "suggestion", "general",
  frm=("Rahul Bose", "rahul.bose@example.net"),
  subj="Pickup lockers",
  date="2026-01-23 12:48:10 +0000", cte="qp",
  body="""
Hello,

Just an idea: have you thought about putting click-and-collect lockers at
your bigger stores? I work shifts, and your stores' collection desk closes at
6pm, so every time I order for collection I need to take time off. A locker
I can open with a code at 11pm would make my life much easier, and I'd order
from you more often.

Regards,
Rahul
""")

M("en-081", "suggestion", "general",
  frm=("Agnes Porter", "agnes.porter@example.org"),
  subj="Choosing a delivery day",
  date="2026-01-30 10:17:26 +0000",
  body="""
Dear Acme,

Could you add an option at checkout to choose the delivery day? I'm only home
on Tuesdays and Fridays, and at the moment I have to guess when to order so
the parcel doesn't come on a Monday. Other shops let you pick a day, even if
it costs a pound or two extra. I'd happily pay that.

Kind regards,
Agnes Porter
""")

M("en-082", "suggestion", "general",
  frm=("Kenji Mori", "kenji.mori@example.com"),
  subj="Monthly billing option for Acme Cloud",
  date="2026-02-02 09:33:52 +0900", cte="qp",
  body="""
Hello,

I'd like to suggest offering a monthly payment option for the Acme Cloud
Plus plan. At the moment only the annual plan is available in Japan, and
paying 12 months at once for a camera I just started using is a big step.
A monthly plan, even if slightly more expensive, would let people try it.

Thank you for considering it.
Kenji Mori
""")

M("en-083", "suggestion", "general",
  frm=("Miriam Katz", "miriam.katz@example.net"),
  subj="Love the kettle - one wish",
  date="2026-02-05 08:27:13 -0500",
  body="""
Hi there,

I've had the Acme Kettle K3 with temperature control for two months and I
love it, it looks great on my counter. One wish: the presets are 70, 85, 90
and 100 degrees. It would be great if there was an 80 degree preset for
green tea, or if I could set my own preset in the app. Right now I have to
hold the button and wait for it to count up every morning.

Thanks for a lovely product!
Miriam
""")

M("en-084", "suggestion", "general",
  frm=("Jack Lawson", "jack.lawson@example.org"),
  subj="Trade-in for phones?",
  date="2026-02-08 17:44:39 +0000",
  body="""
Hey,

Why don't you do trade-ins for old phones like you do for laptops? I've got
two old phones in a drawer and I'd rather send them to you for credit than
throw them away. Would definitely make me buy my next phone from Acme.

Jack
""")

M("en-085", "suggestion", "general",
  frm=("Dorothy Evans", "dorothy.evans@example.com"),
  subj="Accessibility in the Acme Home app",
  date="2026-02-11 14:52:07 +0000", cte="qp", html="alt",
  body="""
Hello,

I am partially sighted and use my phone's screen reader and large text. A few
suggestions for the Acme Home app from someone who uses it every day:

- Many buttons on the camera screen are read out as "button" with no label,
  so I have to guess which one is "talk" and which one is "record".
- The app ignores the large text setting on my phone, so the text on the
  device list is very small.
- The colour of the "armed" and "disarmed" status is the only difference
  between them (red and green). A word or icon would help, and would help
  colour-blind users too.

None of this stops me using the app, but it would make it much easier. Thank
you for listening.

Dorothy Evans
""")

M("en-086", "suggestion", "general",
  frm=("", "mattyb_88@example.net"),
  subj="brushes",
  date="2026-02-14 22:30:48 +0000", mailer=ANDROID,
  body="""
you should sell the side brushes for the robo x5 in a 10 pack or something.
buying them 2 at a time with shipping each time is a pain. just a thought
""")

M("en-087", "suggestion", "general",
  frm=("Hilda Brennan", "hilda.brennan@example.org"),
  subj="Manual print is tiny",
  date="2026-02-18 11:06:20 +0000", cte="qp",
  body="""
Hello,

The instruction booklet for the Acme ChefMix is printed in such small type
that I needed a magnifying glass, and the drawings of how to fit the dough
hook are hard to make out. It would be a big help to print a QR code on the
first page linking to a short video or a large-print PDF. I'm sure I'm not
the only older customer who would appreciate that.

Thank you,
Hilda Brennan
""")

M("en-088", "suggestion", "general",
  frm=("Earl Simmons", "earl.simmons@example.com"),
  subj="REMOTE",
  date="2026-02-21 16:40:12 -0600", cs="us-ascii", cte="7bit",
  body="""
PLEASE BRING BACK THE OLD REMOTE DESIGN FOR THE ACME VIEW TVS. THE NEW ONE
HAS TOO MANY TINY BUTTONS AND NO NUMBER PAD. MY WIFE AND I LIKED THE OLD ONE
MUCH BETTER. MAYBE SELL IT AS AN OPTION.

EARL
""")

M("en-089", "suggestion", "general",
  frm=("Nora Fitzgerald", "nora.fitzgerald@example.net"),
  subj="Re: How did we do? Tell us about your experience",
  date="2026-02-24 19:58:33 +0000", reply=True, cte="qp",
  body="""
Hi,

Rather than clicking the stars, I'll reply here with some ideas since you
asked:

1. Send a text message an hour before the delivery van arrives, not just
   "today between 7am and 9pm".
2. Let me save more than one address in the app (home and my mum's place).
3. Put the warranty end date on the order page so I don't have to dig out
   the receipt.

Overall the experience was fine, these would just make it better.

Nora

On 23 Feb 2026, at 10:00, Acme <feedback@acme.example> wrote:
> Hi Nora, thanks for shopping with Acme! How did we do? Rate your
> experience from 1 to 5 stars by clicking below, or simply reply to this
> email and tell us what we could do better.
""")

M("en-090", "suggestion", "general",
  frm=("Bruno Costa", "bruno.costa@example.com"),
  subj="Idea for your support line",
  date="2026-02-27 13:22:01 -0300",
  body="""
Hello,

An idea for your phone support: offer a "call me back" option instead of
making people wait on hold. Last time I waited 40 minutes with the music. The
agent who finally answered was great and solved my problem in 5 minutes, so
it's really just the waiting. Many banks do the callback thing now.

Regards,
Bruno Costa
""")

# ==========================================================================
# English -- other
# ==========================================================================

M("en-091", "other", "general",
  frm=("Ellen Marsh", "ellen.marsh@example.org"),
  subj="Change email on account",
  date="2026-01-07 09:48:22 +0000",
  body="""
Hello,

I'm moving away from my old work email and I'd like to change the email
address on my Acme account to this one (ellen.marsh@example.org). I can't
find where to do that in the settings - it seems to be greyed out. How can I
change it?

Thank you,
Ellen
""")

M("en-092", "other", "general",
  frm=("Florian Weber", "florian.weber@example.com"),
  subj="Data subject access request (GDPR Art. 15)",
  date="2026-01-12 11:01:50 +0100", cte="qp", mailer=THUNDERBIRD,
  body="""
Dear Data Protection Officer,

Under Article 15 of the GDPR I request a copy of all personal data Acme holds
about me, including my order history, support chat transcripts, any call
recordings, and marketing profiles, together with information about the
purposes of processing and who the data has been shared with.

My account email is florian.weber@example.com. Please let me know if you
need me to verify my identity.

Kind regards,
Florian Weber

-- 
Florian Weber
Sent with a privacy-respecting mail client. Please do not add me to any
mailing list.
""")

M("en-093", "other", "general",
  frm=("Rosa Delgado", "rosa.delgado@example.net"),
  subj="Thank you Anna!",
  date="2026-01-15 18:37:03 -0600",
  body="""
Hi,

I just wanted to say a big thank you to Anna from your chat support, who
helped me set up my mom's new tablet yesterday evening and was incredibly
patient with both of us. She deserves a raise!

While I'm writing: is there a way to add my mom's tablet to my family
account so I can help her from my phone?

Rosa
""")

M("en-094", "other", "urgent", trigger="data_loss",
  frm=("Graham Whitley", "graham.whitley@example.com"),
  subj="You deleted my account and all my photos",
  date="2026-01-20 08:55:17 +0000", cte="qp", eol=CRLF,
  body="""
Hello,

This morning I got an email: "Your Acme account has been closed due to
inactivity and your data has been deleted." I have NOT been inactive. I log
in to the Acme Photos app on my phone every week, it backs up my camera roll
every night, and I pay for the 200 GB storage plan (charged on 2 January!).

I can no longer log in, the app says "account not found", and all my photos
are gone: about 38,000 pictures going back to 2015, including the only photos
of my father, who died last year. I deleted many of them from my phone
because they were "safely in the cloud".

Please tell me you still have a backup and can restore the account. I need
to speak to someone who can actually do something, today.

Graham Whitley
""")

M("en-095", "other", "serious",
  frm=("Alina Popescu", "alina.popescu@example.org"),
  subj="help",
  date="2026-01-24 14:26:40 +0200", cte="qp",
  body="""
Hello,

My phone was stolen a week ago and with it my authenticator app. Since then I
can't get into my Acme account because it asks for the 2FA code. The "lost
your device?" link sends a code to... the same phone number, which I don't
have anymore.

I've filled in the account recovery form twice and sent a photo of my ID as
asked, but nobody has replied. Meanwhile I can't manage my home cameras, see
my orders, or cancel a subscription that renews next week.

Please help me get back in.

Alina Popescu
""")

M("en-096", "other", "general",
  frm=("Björn Einarsson", "bjorn.einarsson@example.net"),
  subj="Shipping to Iceland?",
  date="2026-01-29 13:03:30 +0000",
  body="""
Hi,

Do you ship to Iceland? The country isn't in the dropdown on your website,
but I saw on a forum that someone in Reykjavik got an order from you. I'm
interested in the Robo X5 and two Acme Cam 3.

Thanks,
Björn
""")

M("en-097", "other", "urgent", trigger="outage",
  frm=("Patrick Nolan", "patrick.nolan@example.com"),
  subj="Website and app down for everyone?",
  date="2026-02-01 11:47:09 +0000",
  body="""
Hi,

Is your whole system down? Since about 8 this morning acme.example shows
"503 Service Unavailable", the Acme Home app says "cannot connect to server"
and I can't log in to anything. My cameras show as offline in the app, and
the smart locks can only be opened with the physical key. My neighbour and
people on the forum have the same. No announcement anywhere.

Please post something, people are locked out of their own systems.

Patrick
""")

M("en-098", "other", "general",
  frm=("", "g.wilkins@example.org"),
  subj="letter",
  date="2026-02-04 10:30:26 +0000",
  body="""
hello i got a letter from acme today with a reference number AC-REF-55120 and
it says please contact us regarding your account. i dont remember ordering
anything recently. what is this about? is it a scam?

gwen wilkins
""")

M("en-099", "other", "serious",
  frm=("Samuel Ortega", "samuel.ortega@example.net"),
  subj="Someone changed my password",
  date="2026-02-07 23:14:55 -0500", cte="qp", mailer=IPHONE,
  body="""
I just got an email from Acme saying my password was changed and a new device
"Windows PC - Lagos" signed in. That wasn't me. I managed to reset the
password with the email link, but I see my saved address was changed too and
there's a saved card on the account. I don't know if they ordered anything.

Can you check my account for any activity in the last 24 hours and lock it
down? Also please remove the saved card.

Samuel Ortega

Sent from my iPhone
""", note="account takeover; possible billing follow-up but main issue is account security")

M("en-100", "other", "urgent", trigger="outage",
  frm=("Helen Carver", "helen.carver@carver-logistics.example"),
  subj="Acme ID single sign-on outage - 60 staff cannot work",
  date="2026-02-10 08:21:38 +0000", cte="qp", mailer=OUTLOOK, html="alt",
  body="""
Hello,

Since 06:30 GMT today nobody in our company can sign in to the Acme Business
portal through Acme ID. The sign-in page loops back to itself, and the
Acme ID status page shows "degraded". We use the portal for all our device
management and ticketing; 60 staff across two sites are currently unable to
work.

This is a full outage for us. Please confirm an incident has been opened and
give us an estimated time to recovery. If there's a workaround (local
accounts, a bypass link), we need it now.

Helen Carver
IT Manager, Carver Logistics
""")

M("en-101", "other", "general",
  frm=("Yusuf Demir", "yusuf.demir@example.com"),
  subj="Unsubscribe",
  date="2026-02-13 15:40:11 +0100",
  body="""
I clicked "unsubscribe" in your newsletter three weeks ago and got the
"you've been unsubscribed" page, but I'm still getting 2-3 marketing emails
a week. Please take me off the list.
""")

M("en-102", "other", "urgent", trigger="data_loss",
  frm=("Louise Tremblay", "louise.tremblay@example.org"),
  subj="Data gone after Acme ID migration",
  date="2026-02-16 07:52:45 -0500", cte="b64",
  body="""
Hello,

Last week I received the email asking me to "upgrade to Acme ID". I followed
the steps. Since then, when I log in with Acme ID, my account is empty: no
order history, no warranty registrations, no devices, and - the part that
really matters - the Acme Fit app shows none of my data. Three years of runs,
sleep and heart rate data, including the heart readings my cardiologist asked
me to keep, are gone. The app says "Welcome! Let's set up your profile."

If I try to log in with my old username it says the account has been
migrated. So I can't get to the old data either way.

Please restore my data before anything is purged. I need the heart rate
history for my appointment next month.

Louise Tremblay
""")

M("en-103", "other", "general",
  frm=("Wang Lei", "wang.lei@example.com"),
  subj="warranty registration question",
  date="2026-02-19 20:08:36 +0800",
  body="""
Hi Acme,

I bought Acme Buds Pro in Shanghai (在上海的专卖店买的) and now I live in
Canada. Can I register the warranty on the Canadian website? The serial number
field says "invalid region". 发票 (receipt) is Chinese, is that OK for warranty
here?

Thank you!
Wang Lei
""")

M("en-104", "other", "serious",
  frm=("Imogen Clarke", "imogen.clarke@example.net"),
  subj="I received someone else's personal details",
  date="2026-02-22 12:15:48 +0000", cte="qp",
  body="""
Hello,

Today I received an order confirmation email that isn't mine. It's for an
order by "Mr. D. Okafor" and it shows his full home address, phone number,
the last four digits of his card, and what he ordered. I've also just noticed
that my own account now shows his address as a saved address.

This looks like a serious privacy problem on your side - if I can see his
data, who can see mine? I haven't done anything with his information and
I'll delete the email once you confirm you've got it.

Please look into this and tell me whether my data has been exposed.

Imogen Clarke
""")

M("en-105", "other", "general",
  frm=("Oscar Lindgren", "oscar@lindgren-design.example"),
  subj="Partnership enquiry",
  date="2026-02-25 10:55:03 +0100", mailer=OUTLOOK,
  body="""
Hi,

Apologies if this isn't the right address, I couldn't find a business
contact on your site. We're a small design studio making handmade oak stands
for smart speakers and we'd love to talk to someone at Acme about a possible
accessory partnership. Could you forward this to the right team?

Best,
Oscar Lindgren
Lindgren Design
""")

# ==========================================================================
# Simplified Chinese -- product_quality
# ==========================================================================

M("zh-001", "product_quality", "urgent", trigger="safety",
  frm=("刘建国", "liujianguo1968@163.example"),
  subj="取暖器冒烟起火！！插座都烧黑了", subj_enc="B",
  date="2026-01-09 22:16:40 +0800", cs="gb2312", cte="b64", mailer=FOXMAIL,
  body="""
你们好：

我家上个月在你们官方商城买的 Acme 暖风机 H300，今天晚上九点多，开着不到半小时，后面突然开始冒黑烟，一股很冲的塑料烧焦味，接着插头那里冒出火苗，我赶紧拉了总闸，用湿毛巾才把火扑灭。插座已经烧黑了，墙面也熏黑了一大块。

家里有两个七十多岁的老人，当时老人就在旁边看电视，要是晚上睡着了开着它，后果我都不敢想！

我要求：
1. 你们马上派人来家里看现场，东西我都没动，也拍了照片和视频；
2. 说清楚这个型号是不是有质量问题，是不是应该召回；
3. 插座和墙面的损失你们要负责。

请今天之内给我回电话，订单号 AC-2293387，电话就是下单时留的。

刘建国
""")

M("zh-002", "product_quality", "general",
  frm=("小鱼", "xiaoyu_0712@qq.example"),
  subj="牙刷头有点松", subj_enc="B",
  date="2026-01-11 08:40:12 +0800", cte="b64", mailer=IPHONE,
  body="""
你好，买的电动牙刷用了两周，刷头插上去有点晃，刷的时候会嗡嗡响。不影响用，就是想问下是不是刷头没装好，还是正常现象？

发自我的iPhone
""")

M("zh-003", "product_quality", "serious",
  frm=("陈浩", "chenhao.sh@example.com"),
  subj="扫地机器人 Robo X5 找不到回充座，一直原地转圈", subj_enc="B",
  date="2026-01-13 19:05:27 +0800", cte="b64",
  body="""
客服你好，

我12月20号买的 Acme Robo X5（订单号 AC-2284471），刚开始用得挺好。最近一周每次扫完都回不了充电座，在客厅里原地转圈，转到没电直接停在地上，App 里提示"回充失败，请将机器放回充电座"。

我试过：
- 把充电座挪到墙边空旷的地方，前面留了一米多空间
- 擦了机器底部和充电座的金属片
- App 里恢复出厂设置，重新建图
- 固件已经是最新版本

都没用。现在每天下班回家都要满屋找扫地机，还得手动放回去，跟没买一样。麻烦看一下是不是传感器坏了，能不能换货或者寄修。

陈浩
""")

M("zh-004", "product_quality", "urgent", trigger="safety",
  frm=("赵敏", "zhaomin.hz@163.example"),
  subj="电水壶手柄断了，开水泼到孩子身上", subj_enc="B",
  date="2026-01-16 07:55:02 +0800", cte="b64", mailer=IPHONE,
  body="""
今天早上我倒开水的时候，Acme K2 电水壶的手柄直接从壶身上断开了，整壶刚烧开的水泼了出来，我女儿（6岁）就站在旁边，小腿和脚背被烫伤，起了好几个大水泡，现在在医院烧伤科处理，医生说是二度烫伤。

这个水壶买了才两个月，一直正常使用，从来没摔过。断的地方我看了，手柄和壶身就靠两个小塑料卡扣连着，卡扣已经裂了。这种设计根本不安全！

我现在在医院，没时间跟你们来回打字。请你们负责人直接打电话给我，医药费、孩子的后续治疗你们必须负责。断掉的水壶我保留着，谁也别想说是我们自己弄坏的。

发自我的iPhone
""")

M("zh-005", "product_quality", "serious",
  frm=("孙立新", "sunlixin@163.example"),
  subj="冰箱修了两次还是不制冷", subj_enc="B",
  date="2026-01-19 12:30:45 +0800", cs="gb2312", cte="b64", mailer=FOXMAIL,
  body="""
您好：

我家的 Acme 双门冰箱（去年11月买的）从12月中旬开始冷藏室不制冷，温度一直在十几度。12月28号你们售后师傅上门换了温控器，好了一个星期又不行了；1月10号第二次上门，说是冷媒不够，加了冷媒，结果前天又开始不制冷。

这已经是第三次出同样的问题了，家里的菜和肉坏了好几次，现在只能把东西放到邻居家。新冰箱用了两个月修了两次，我对质量已经没有信心了，要求直接换一台新的，不要再修了。

售后单号：SH-20260110-0387

孙立新
""")

M("zh-006", "product_quality", "general",
  frm=("林晓雯", "lin.xiaowen@example.net"),
  subj="台灯颜色和图片不一样", subj_enc="raw",
  date="2026-01-21 21:13:09 +0800", cte="8bit",
  body="""
你好～

我买的 Acme 护眼台灯选的是"奶油白"，收到的颜色偏黄，更像米色，跟商品详情页的图片差别有点大。灯本身没问题，亮度也OK，就是放在白色书桌上看着不太搭。

想问一下是批次色差还是图片调过色？如果可以的话想换一个颜色白一点的，不行也没关系～
""")

M("zh-007", "product_quality", "urgent", trigger="data_loss",
  frm=("王珂", "wangke_design@example.com"),
  subj="AcmePad 升级系统后所有文件全没了！", subj_enc="B",
  date="2026-01-24 01:37:52 +0800", cte="qp",
  body="""
你好，

昨晚 AcmePad Pro 弹出系统更新（AcmeOS 6.1），我点了"立即更新"，重启之后平板直接进入了初始设置界面，像新机一样。里面的东西全部没了：

- 我做设计用的所有工程文件（差不多两年的稿子）
- 相册里三千多张照片
- 备忘录、录音

我打开 Acme Cloud 想恢复，结果云端备份显示"最近备份：无"，可我明明一直开着自动备份！设置里也是开启状态。

这些文件里有好几个客户下周就要交付的项目，现在全没了，我整个人是崩溃的。请你们的技术人员马上联系我，看能不能从服务器或者设备里把数据找回来。在收到回复之前我不会再对平板做任何操作。

序列号：AP6-2291-7710-KQ
联系电话：下单手机号

王珂
""")

M("zh-008", "product_quality", "serious",
  frm=("周静怡", "zhoujingyi@qq.example"),
  subj="净化器一股刺鼻的味道", subj_enc="B",
  date="2026-01-26 15:20:33 +0800", cte="b64", html="alt",
  body="""
你好，

给宝宝房间买的 Acme 空气净化器 P3，拆封开机以后一直有一股很刺鼻的塑料味，像新装修的味道。我按说明书拆了滤芯的塑封，开窗通风跑了一整个星期，味道一点都没有减轻，反而出风口热起来以后更明显。

买净化器本来就是为了给孩子一个干净的空气环境，现在根本不敢放在宝宝房间用。请问这个味道是不是正常的？我觉得不正常，希望能退货或者换一台没有味道的。

谢谢！
周静怡
""")

M("zh-009", "product_quality", "urgent", trigger="safety",
  frm=("马骏", "majun.bj@example.org"),
  subj="平衡车刹不住，儿子摔骨折了", subj_enc="B",
  date="2026-01-29 20:48:16 +0800", cte="8bit", eol=CRLF,
  body="""
Acme 客服：

寒假给10岁的儿子买了你们的 Acme 儿童平衡车 Kids S1。今天下午在小区里骑，下一个很缓的坡的时候，车子突然加速，松开也停不下来，App 里显示的"限速 6km/h"根本没起作用。孩子为了停下来只能跳车，摔在地上，右手腕骨折，已经打了石膏。

我问了小区里另外一家也买了这个平衡车的，他们也遇到过"自己加速"的情况，只是没摔着。这说明不是个例！

我要求你们：
一、给出书面说明，这款平衡车是不是存在失控的安全隐患；
二、承担孩子的医疗费用；
三、如果有问题，赶紧通知其他买了的家长，别再让孩子骑了。

车我已经封存，谁都没动。请尽快回复。

马骏
""")

M("zh-010", "product_quality", "general",
  frm=("", "tianyu2003@163.example"),
  subj="问题", subj_enc="B",
  date="2026-02-01 10:02:47 +0800", cs="gb2312", cte="b64",
  body="""
您好，Acme Buds 2 用了一个多月，偶尔会断开一下，大概一两秒又自己连上了，一天出现两三次，一般是在地铁里。不是很影响使用，想问问有没有固件更新可以改善一下，或者有什么设置可以调。

谢谢
""")

M("zh-011", "product_quality", "serious",
  frm=("黄丽华", "huanglihua@example.net"),
  subj="洗衣机漏水把地板泡坏了", subj_enc="B",
  date="2026-02-03 18:26:58 +0800", cs="gbk", cte="b64", mailer=FOXMAIL,
  attach=[("photo.jpg", "image/jpeg")],
  body="""
你好：

家里的 Acme 滚筒洗衣机（买了四个月）这周连续两次洗衣服的时候底下漏水，第一次以为是地上洒的水没在意，第二次下班回家发现卫生间门口整片木地板都泡了，起鼓变形。我把洗衣机挪开看，水是从机器底部的管子接口那里漏出来的，进水管和排水管都是你们安装师傅装的，我没动过。

附件是地板和漏水位置的照片。

要求：洗衣机尽快派人维修或者更换，地板的损失也请给个说法。现在洗衣机我不敢用了，一家三口的衣服都堆着。

黄丽华
""")

M("zh-012", "product_quality", "urgent", trigger="legal",
  frm=("郑凯", "zhengkai_it@example.com"),
  subj="AcmeBook 三次黑屏 三包期内拒绝换货 已投诉12315", subj_enc="B",
  date="2026-02-05 14:11:20 +0800", cte="b64",
  body="""
你们好，

我的 AcmeBook 14（购买日期2025年12月2日，发票齐全）到现在出现了三次开机黑屏，风扇转但屏幕不亮，送修了两次，第一次换了主板，第二次说是"软件问题"刷了系统。现在第三次黑屏，售后网点跟我说还要再寄回去检测15个工作日。

具体经过如下，时间都有记录可查：

1. 2025年12月2日，在 Acme 官方商城下单，12月4日收货，当天开机正常。
2. 12月16日，第一次出现开机黑屏：按电源键后电源灯亮、风扇转，屏幕完全不亮，外接显示器也没有信号。联系在线客服，按要求做了长按电源键40秒放电、拔电池排线（客服远程指导）等操作，无效。
3. 12月18日，送到市区的 Acme 授权服务中心，服务单号 FW-1218-0093。12月27日取回，维修记录写的是"主板故障，更换主板"。这期间我没有电脑用，工作上的文件只能借同事的电脑处理。
4. 2026年1月9日，第二次黑屏，症状和第一次完全一样。再次送修，服务单号 FW-0109-0041。1月16日取回，维修记录写的是"系统异常，重装系统"，我所有的软件和设置都要重新装一遍。
5. 1月30日，第三次黑屏。服务中心说这次要"返厂检测"，时间15个工作日，而且不保证结果。

我是做财务工作的，月底、季度末都离不开电脑，这两个月因为这台电脑耽误的时间和精力已经远远超过了电脑本身的价格。

根据《部分商品修理更换退货责任规定》，三包有效期内修理两次仍不能正常使用的，应当负责更换或者退货。我提出换货，你们的售后说"必须厂家判定"，一拖就是两个星期，没有任何书面答复。

我已经拨打了12315进行投诉，受理编号已经拿到。如果本周五之前你们还不给出换货方案，我会继续向市场监管部门和消协提交材料，必要的时候走法律程序。

我的要求很明确：
一、更换一台全新的同型号电脑（或者同等配置的新机型），不接受翻新机；
二、换货期间不再要求我把电脑"返厂检测"15个工作日；
三、给我一个书面的处理结果，不要只在电话里说。

两次维修单、发票、和客服的聊天记录我都保存了，需要的话可以全部提供。

郑凯
""")

M("zh-013", "product_quality", "general",
  frm=("吴佳", "wujia1990@126.example"),
  subj="电饭煲内胆有划痕", subj_enc="B",
  date="2026-02-07 11:45:38 +0800", cs="gb18030", cte="b64",
  body="""
客服您好，

收到的 Acme 电饭煲，拆开发现内胆边缘有两道细细的划痕，涂层没掉，就是看得出来。没用过，应该是出厂就有的。煮饭试了一次正常。

问一下这个影响使用吗？能不能单独换个内胆？不想整台退，太麻烦了。

吴佳
""")

M("zh-014", "product_quality", "serious",
  frm=("钱程", "qiancheng.dev@example.org"),
  subj="路由器每天掉线好几次，在家办公没法开会", subj_enc="B",
  date="2026-02-10 09:33:04 +0800", cte="8bit", mailer=THUNDERBIRD,
  body="""
Hi 客服，

Acme 路由器 AX3000 买了三周，每天掉线四五次，每次 WiFi 信号还在，但是所有设备都上不了网，大概一两分钟才恢复。宽带那边我找运营商测过了，光猫直连电脑是正常的，问题就在路由器。

我试过的方法：
1. firmware 升级到最新 1.3.8
2. 恢复出厂设置，重新配置
3. 关掉 160MHz 频宽、关掉 Mesh
4. 换了一根网线

还是照样掉线。我每天在家办公，开视频会议开到一半掉线已经好几次了，同事都在笑。请帮忙安排换货，最好换一台好的，或者直接退货。

系统日志我导出来了，需要的话可以发给你们。

钱程
""")

M("zh-015", "product_quality", "general",
  frm=("小张", "zhang.xm@qq.example"),
  subj="音箱续航没有宣传的那么久", subj_enc="Q",
  date="2026-02-12 22:07:51 +0800", cte="b64",
  body="""
你好，Acme 蓝牙音箱 Go 2 详情页写的续航12小时，我充满电以后中等音量放歌，大概8小时就没电了，测了三次都差不多。也不是不能用，就是和宣传差得有点多，想问问这是正常的吗？还是我的电池有问题？
""")

M("zh-016", "product_quality", "serious",
  frm=("何文斌", "hewenbin@163.example"),
  subj="买的256G，开机显示只有128G", subj_enc="B",
  date="2026-02-14 16:58:29 +0800", cte="8bit",
  body="""
你好，

我在你们官方商城下单的是 Acme Phone 12 的 12GB+256GB 版本，付的也是256G的钱（3299元），包装盒上印的也是256GB。但是开机以后"设置-关于手机"里显示存储总容量128GB，用第三方软件查也是128G。

这个不是"系统占用"能解释的，差了整整一倍。我怀疑是机器本身配置就不对，或者是包装贴错了。请尽快给我换一台真正的256G，或者退货退款。

订单号：AC-2342209

何文斌
""", note="wrong spec of product; could also be read as wrong item shipped")

# ==========================================================================
# Simplified Chinese -- service_attitude
# ==========================================================================

M("zh-017", "service_attitude", "general",
  frm=("许明", "xuming88@163.example"),
  subj="在线客服回复太敷衍了", subj_enc="B",
  date="2026-01-08 13:52:10 +0800", cs="gb2312", cte="b64", mailer=FOXMAIL,
  body="""
你好，

今天中午在官网找在线客服问扫地机的耗材怎么买，前前后后聊了二十分钟，客服每句话都是"亲亲，您的问题我已经记录了哦"，"亲亲，建议您查看帮助中心"，问具体的问题一个也答不上来，最后直接说"稍后有专员联系您"就结束了对话。

也不是什么大事，就是感觉像在跟机器人说话。希望你们培训一下，至少能回答一些基本问题吧。
""")

M("zh-018", "service_attitude", "serious",
  frm=("罗志强", "luozhiqiang@example.net"),
  subj="你们客服说\"爱买不买\"？", subj_enc="B",
  date="2026-01-10 20:31:44 +0800", cs="gbk", cte="qp", html="only",
  body="""
我今天打你们400电话，想问一下空调安装要不要另外收费，说了两句，那个女客服就不耐烦了，我再问一遍收费标准，她直接来一句"爱买不买，不买别浪费我时间"，然后就挂了。

我活了五十多岁，第一次被客服这么说。我要求查一下今天下午三点二十左右接我电话的是谁，给我一个正式的道歉。你们公司就是这么培训员工的吗？

罗志强
""")

M("zh-019", "service_attitude", "urgent", trigger="media",
  frm=("宋雨桐", "songyutong@qq.example"),
  subj="客服连挂我三次电话，我已经录音了", subj_enc="B",
  date="2026-01-14 17:08:03 +0800", cte="b64", mailer=IPHONE,
  body="""
今天下午我打了三次客服电话，每次我刚说到要投诉售后师傅，对面就直接挂断。第三次我特意录了音，清清楚楚能听到客服说了句"又是她"然后挂掉。

我已经把录音和聊天记录都整理好了。今天晚上十点之前没有人正式联系我道歉、处理我的问题，我就发微博和小红书曝光，@你们官方号，让大家听听你们的客服是怎么对待消费者的。

宋雨桐

发自我的iPhone
""")

M("zh-020", "service_attitude", "general",
  frm=("韩冬", "handong@163.example"),
  subj="门店店员不理人", subj_enc="B",
  date="2026-01-17 18:44:20 +0800", cs="gb2312", cte="b64", eol=CRLF,
  body="""
今天下午去了你们万达店，想看看新出的笔记本。店里就我们一家人，两个店员坐在柜台后面玩手机，我问了两次"能不能试一下这台"，其中一个头都没抬，说"自己看"。

最后我们没买就走了。不是什么大事，但这种服务态度真的让人不想再去第二次。反映一下，希望改进。
""")

M("zh-021", "service_attitude", "serious",
  frm=("邓伟", "dengwei_cd@example.com"),
  subj="回复：关于您的售后工单 SH-20260105-1122", subj_enc="B",
  date="2026-01-20 09:17:36 +0800", cte="8bit", reply=True,
  body="""
你好，

你们1月6号回复说"三个工作日内会有专员电话联系您"，到今天已经两个星期了，一个电话都没有。中间我又打了两次400，每次都说"已经帮您加急了，请耐心等待"。

加急了两次还是没有人联系，到底是谁在处理我的问题？我的热水器到现在还是时好时坏，一家人洗澡都成问题。这次请给我一个确切的处理人和时间，不要再说"加急"了。

邓伟

在 2026年1月6日 星期二 10:32，Acme 客服中心 <support@acme.example> 写道：
> 尊敬的邓先生：
> 您好！您的售后工单 SH-20260105-1122 已受理，我们的专员会在三个工作日内
> 与您电话联系，确认上门维修时间。感谢您的耐心等待。
> Acme 客服中心
""")

M("zh-022", "service_attitude", "urgent", trigger="legal",
  frm=("冯秀兰", "fengxiulan@example.org"),
  subj="投诉安装师傅，已向消协投诉", subj_enc="B",
  date="2026-01-23 15:40:27 +0800", cte="b64",
  body="""
你们好：

1月21日你们派来安装空调的两个师傅，进门不换鞋、不铺垫子，打孔打得满屋子都是灰，我说了一句"麻烦注意一下"，其中一个师傅就开始骂骂咧咧，说"嫌脏自己装"。

装完以后我发现墙上多打了一个孔，位置也和我们说好的不一样。我让他们处理，他们说"这个不归我们管"，收拾工具就走了，走的时候还在门口骂人，我八十岁的婆婆被吓得一晚上没睡好。

这件事我已经向区消费者协会投诉，也把门口监控录像交给了他们。请你们公司给一个书面的处理结果：安装师傅的行为怎么处理、墙面怎么修复。

冯秀兰
""")

M("zh-023", "service_attitude", "general",
  frm=("齐磊", "qilei.work@example.net"),
  subj="每次都要重新说一遍问题", subj_enc="B",
  date="2026-01-26 11:06:55 +0800", cs="gbk", cte="b64",
  body="""
你好，

同一个问题（电视遥控器配对不上），我这个星期跟你们的客服一共沟通了五次，每次都换一个人，每次都要从头讲一遍买的什么型号、什么时候买的、试过哪些办法，啰嗦得我自己都烦了。

你们系统里应该有记录吧？能不能让接手的人先看一下之前的记录再来问我。问题本身不急，就是这个过程太折腾了。

齐磊
""")

M("zh-024", "service_attitude", "general",
  frm=("", "xiaomao0101@qq.example"),
  subj=None,
  date="2026-01-28 23:12:05 +0800", cs="gb2312", cte="b64",
  body="""
你们客服能不能别老是让我等，排队二十分钟才接通，接通了又说要转其他部门，又排队。
""")

M("zh-025", "service_attitude", "serious",
  frm=("卢晓峰", "luxiaofeng@163.example"),
  subj="客服在电话里冲我大吼", subj_enc="B",
  date="2026-01-31 19:22:48 +0800", cte="b64",
  body="""
我今天下午打电话问投影仪为什么总是自动关机，客服让我做了一堆操作，我说做过了，没用，想让他安排检测。他突然提高音量冲我喊："你自己不会用怪谁？说明书上写得清清楚楚！"我说我是来解决问题的，不是来挨骂的，他又说"那你别打过来啊"。

我是花钱买东西的顾客，不是来受气的。投影仪的问题到现在没解决，还被人吼了一顿。请你们核查今天下午4点左右的通话录音，给我一个说法，并且安排真正懂技术的人处理我的投影仪。

卢晓峰
""")

M("zh-026", "service_attitude", "urgent", trigger="legal",
  frm=("苏婷", "suting.cq@example.com"),
  subj="你们的售后人员私下加我微信骚扰我", subj_enc="B",
  date="2026-02-02 21:55:13 +0800", cte="qp",
  body="""
Acme 公司：

上周你们售后上门维修洗碗机的工作人员（工牌上写的是"李师傅"），维修结束后用我留在工单上的手机号加了我的微信，开始每天给我发消息，问我是不是一个人住、晚上要不要一起吃饭，我明确拒绝并删除他以后，他又用另一个号加我，还说"我知道你住哪"。

我现在每天回家都很害怕。

这件事性质非常恶劣：你们的员工利用工作中获取的客户个人信息骚扰客户。我已经咨询了律师，律师建议我保留全部证据。我要求你们在三日内书面答复：该员工的处理结果、你们如何保证我的个人信息不再被滥用。否则我会报警并通过律师起诉贵公司。

聊天记录截图我都保存好了。

苏婷
""")

M("zh-027", "service_attitude", "general",
  frm=("方明远", "fangmingyuan@example.net"),
  subj="回复：您的咨询已处理", subj_enc="B",
  date="2026-02-04 10:28:41 +0800", cs="gb18030", cte="8bit", reply=True,
  body="""
客服你好，

你说"这个问题不归我们管，请联系产品厂家"，可是我是在 Acme 商城买的 Acme 自己的产品啊，我要去找哪个厂家？这样互相推来推去不太合适吧。

问题其实很简单：智能门锁的指纹录入总失败，我只是想知道是要升级固件还是要换模块。麻烦转给懂的同事看一下。

方明远

------------------ 原始邮件 ------------------
发件人: "Acme 客服中心"<support@acme.example>;
发送时间: 2026年2月3日(星期二) 下午5:12
收件人: "方明远"<fangmingyuan@example.net>;
主题: 您的咨询已处理

您好，经核实，您反映的问题不属于我们的服务范围，建议您联系产品厂家咨询。
""")

M("zh-028", "service_attitude", "serious",
  frm=("曹颖", "caoying_sz@example.com"),
  subj="答应的补偿一直不兑现", subj_enc="B",
  date="2026-02-06 14:37:02 +0800", cte="8bit", mailer=IPHONE,
  body="""
你好，

1月份我的空调坏了两次，等了十天才修好。当时你们客服主管陈经理在电话里亲口答应，作为补偿给我延保一年，外加一张500元的购物券，说"三个工作日内到账"。

到现在一个月了，延保没有、购物券也没有。我打了四次电话，每次都说"领导还在审批"，陈经理的电话也不接了。

我不是非要这点东西，而是你们说出来的话要算数。要么兑现，要么给我一个正式的解释。

曹颖

发自我的iPhone
""")

M("zh-029", "service_attitude", "general",
  frm=("田野", "tianye1985@163.example"),
  subj="电话排队太久，还被转来转去", subj_enc="Q",
  date="2026-02-09 16:20:14 +0800", cs="gbk", cte="8bit",
  body="""
今天打客服电话问会员积分的事，排了四十分钟才接通，然后说这个要找会员中心，转过去又排了十五分钟，会员中心又说要找商城客服。一个小问题折腾了一个小时，最后还是没人能说清楚。

希望你们把各部门的分工理一理，别让顾客来回跑。
""")

M("zh-030", "service_attitude", "serious",
  frm=("姜海涛", "jianghaitao@qq.example"),
  subj="维修师傅两次放鸽子", subj_enc="B",
  date="2026-02-11 19:48:55 +0800", cte="b64", eol=CRLF,
  body="""
你好，

我家的燃气热水器坏了，约了两次上门维修：

第一次约的2月7号上午，我请了半天假在家等，等到中午也没人来，打电话过去说师傅"临时有事"；
第二次约的2月10号下午，又是没来，打电话没人接，到晚上发短信说"改天"。

现在大冬天家里没热水，老人孩子洗澡都得去亲戚家。两次都是你们自己约的时间，自己不来，连个提前通知都没有。请给我安排一个确定的时间，并且安排一个靠谱的师傅，不要再放鸽子了。

姜海涛
""")

M("zh-031", "service_attitude", "general",
  frm=("Vivian 李", "vivian.li@example.com"),
  subj="customer service 的态度问题", subj_enc="B",
  date="2026-02-13 11:15:29 +0800", cte="qp",
  body="""
Hi,

昨天在 live chat 问 order 能不能改地址，客服的回复有点阴阳怪气，比如"下单之前不看清楚吗？""这个问题我已经回答过了哦"。地址最后还是改好了，所以问题是解决了，只是沟通的时候感觉不太舒服。

提个 feedback，希望 customer service 说话可以再客气一点。Thanks!

Vivian
""")

# ==========================================================================
# Simplified Chinese -- logistics
# ==========================================================================

M("zh-032", "logistics", "general",
  frm=("杨帆", "yangfan2000@163.example"),
  subj="快递三天没动了", subj_enc="B",
  date="2026-01-07 09:12:33 +0800", cs="gb2312", cte="b64",
  body="""
你好，我1月2号下的单（AC-2286105），物流信息从1月4号显示"已到达【郑州转运中心】"以后就一直没更新，三天没动了。麻烦帮忙查一下是不是卡住了，不着急，就是想确认一下没丢。谢谢！
""")

M("zh-033", "logistics", "serious",
  frm=("潘婷婷", "pantingting@qq.example"),
  subj="包裹被压坏了，显示器屏幕碎了", subj_enc="B",
  date="2026-01-10 17:35:48 +0800", cte="qp", html="alt",
  attach=[("照片1.jpg", "image/jpeg"), ("照片2.jpg", "image/jpeg")],
  body="""
你好，

今天收到的 Acme 27寸显示器，快递外箱一角完全被压扁了，像是上面压了很重的东西。当着快递员的面打开，显示器屏幕右下角碎成了蜘蛛网状，开机以后半个屏幕都是花的。

快递员说"你们自己跟商家联系"，拍完照就走了。照片在附件里，外箱、泡沫、屏幕都拍了。

这台显示器一千八，是给我家孩子上网课用的，麻烦尽快安排换新，旧的你们上门取走。

订单号：AC-2294370
潘婷婷
""")

M("zh-034", "logistics", "general",
  frm=("付强", "fuqiang@example.net"),
  subj="快递员没打电话就放快递柜", subj_enc="B",
  date="2026-01-12 20:03:19 +0800", cs="gbk", cte="b64",
  body="""
你好，

我下单的时候备注了"请送货上门，不要放快递柜"，结果快递员没打电话也没发短信，直接塞进了小区门口的快递柜。我出差三天回来才看到取件短信，以经超时了，还被快递柜收了3块钱超时费。

钱不多，就是备注写得清清楚楚还这样。麻烦跟合作的快递公司说一下。
""")

M("zh-035", "logistics", "urgent", trigger="media",
  frm=("欧阳雪", "ouyangxue@example.com"),
  subj="八千块的电脑丢了，你们和快递互相踢皮球", subj_enc="B",
  date="2026-01-15 12:48:27 +0800", cte="b64",
  body="""
你好，

我12月30号买的 AcmeBook Pro 16（8199元，订单号 AC-2285560），物流显示1月3号在我们市的网点"派送中"以后就再也没有更新。我找快递网点，他们说包裹在你们仓库那边就出了问题；找你们客服，客服说已经出库了，让我找快递。两边互相推了快半个月，谁都不负责。

我把这半个月的经过列一下：
1月3日 物流显示"派送中"，之后再无更新；
1月5日 第一次联系 Acme 客服，客服说"请耐心等待，可能是派送延迟"；
1月7日 去快递网点问，网点说系统里包裹没有到站，让我找发货方；
1月8日 第二次联系客服，客服说"已为您登记，会联系快递核实"，说48小时内回复，没有回复；
1月11日 第三次联系客服，换了一个人，又让我从头说一遍，最后说"建议您联系快递公司"；
1月13日 快递公司总部客服说包裹在分拣中心"破损待处理"，需要发货方申请理赔，让我找 Acme；
1月14日 第四次联系客服，客服说"理赔需要15个工作日"，而且要等理赔结束才能给我退款或者补发。

我付了八千多块钱，到现在东西没见到，钱也不退。包裹是你们选的快递、你们发的货，理赔是你们和快递公司之间的事，凭什么让我等？

我已经联系了本地电视台的民生栏目，记者说愿意跟进报道；聊天记录、物流截图我也整理好了，准备发到微博和抖音上让大家看看。如果这周内你们还不给我一个明确的处理方案（重新发货或者全额退款），我就直接曝光。

欧阳雪
""")

M("zh-036", "logistics", "serious",
  frm=("贺军", "hejun.nj@163.example"),
  subj="地址改了还是发到旧地址", subj_enc="B",
  date="2026-01-18 15:21:06 +0800", cte="8bit",
  body="""
你好，

我下单后马上（付款后五分钟）联系了在线客服，把收货地址从南京改到了上海，客服确认"已修改成功"，还给我发了截图。结果今天物流显示包裹已经在南京的旧地址签收了，那是我以前的房子，现在租给别人了，租客说没收到。

东西是一台一千多的咖啡机，现在不知道在谁手里。既然是你们客服确认改好的地址，这个责任应该是你们的。请帮我追回包裹，或者重新发一台到上海的新地址。

贺军
""")

M("zh-037", "logistics", "general",
  frm=("小蒋", "jiang.lin@example.org"),
  subj="能不能周末送货？", subj_enc="Q",
  date="2026-01-21 12:30:50 +0800", cte="qp",
  body="""
你好～我工作日白天都不在家，订的洗衣机能不能安排周六或者周日送货安装？下单页面没找到选时间的地方，麻烦帮我备注一下，谢谢！

订单号 AC-2301947
""")

M("zh-038", "logistics", "urgent", trigger="legal",
  frm=("高建华", "gaojianhua@example.net"),
  subj="快递员代签包裹丢失，拒不赔偿，已打12315", subj_enc="B",
  date="2026-01-24 18:06:31 +0800", cte="b64", eol=CRLF,
  body="""
Acme 客服：

我购买的 Acme 智能手表（订单 AC-2303318，1599元），物流显示1月20日"本人签收"。我本人当天在外地出差，家里没人，根本没有签收过。快递员承认是他自己"代签"后放在了楼道里，现在东西不见了。

我联系了你们客服三次，第一次说"已签收不予处理"，第二次说"请您自行联系快递公司"，第三次干脆说"系统显示正常"。

根据法律规定，商品在交付给消费者之前的风险由经营者承担，快递员代签不等于我本人收货。我已经拨打12315投诉，同时保留了出差的机票和酒店记录作为证据。请你们在三个工作日内给出赔偿方案，否则我会通过法律途径解决。

高建华
""")

M("zh-039", "logistics", "general",
  frm=("", "wenwen520@163.example"),
  subj="外包装破了", subj_enc="B",
  date="2026-01-27 19:44:02 +0800", cs="gb2312", cte="b64", mailer=NETEASE,
  body="""
你好，今天收到的包裹外箱破了一个大口子，胶带也开了，里面的盒子有点凹。检查了一下加湿器没坏，能正常用，配件也都在。我也不是要去12315投诉什么的，就是跟你们说一声，包装可以再加固一点，万一是易碎的东西就麻烦了。

发自网易邮箱大师
""")

M("zh-040", "logistics", "serious",
  frm=("秦怡", "qinyi_med@example.com"),
  subj="说好次日达，五天才到，老人等着用", subj_enc="B",
  date="2026-01-30 21:17:45 +0800", cte="8bit",
  body="""
你好，

1月25号我给我爸买了一台 Acme 家用制氧机，页面写的"次日达"，我还特意多付了15块钱加急费。我爸有慢阻肺，医生建议在家吸氧，原来那台坏了才着急买新的。

结果第二天没到，第三天物流显示"仓库缺货调拨中"，今天第五天才送到。这几天老人只能去社区医院吸氧，来回折腾，天又冷。

东西是送到了，但是"次日达"变成五天，中间也没有任何人通知我缺货。如果早知道我就去药店买了。请给个解释，加急费也应该退给我。

秦怡
""", note="late delivery of medical device; shipping fee refund is secondary")

M("zh-041", "logistics", "general",
  frm=("包宇", "baoyu@example.org"),
  subj="少发了遥控器", subj_enc="B",
  date="2026-02-02 10:10:10 +0800", cs="gbk", cte="b64",
  body="""
您好，买的 Acme 落地扇收到了，但是包装里没有遥控器，说明书上写的是标配有遥控器的。麻烦补发一个，订单号 AC-2318840。风扇本身没问题。谢谢。
""")

M("zh-042", "logistics", "urgent", trigger="outage",
  frm=("电商运营-陆", "lu.ops@jiayoushop.example"),
  subj="【紧急】订单和物流系统全部显示异常，几百单发不出去", subj_enc="B",
  date="2026-02-04 11:26:39 +0800", cte="b64", html="only",
  body="""
Acme 渠道支持部：

我们是贵公司的授权经销商（家友数码，商户号 JY-0391）。从今天早上8点开始，你们的经销商后台和物流查询接口全部无法使用：后台登录后订单列表是空的，物流接口一直返回"系统繁忙"，仓库那边也说出库系统宕机，今天的单一单都发不出去。

我们现在有 260 多个订单卡着，顾客的催单电话一个接一个。我在经销商群里问了，其他几十家店都是一样的情况，应该是你们系统整体故障。

请尽快：
1. 确认故障范围和预计恢复时间；
2. 在恢复之前给我们一份可以对外解释的说明；
3. 恢复以后优先安排积压订单出库。

家友数码 运营部 陆
""")

M("zh-043", "logistics", "general",
  frm=("钟晓", "zhongxiao@qq.example"),
  subj="驿站没给取件码", subj_enc="B",
  date="2026-02-06 18:55:21 +0800", cs="gbk", cte="qp",
  body="""
你好，我的包裹物流显示两天前就放到小区的快递驿站了，可是我没收到任何取件码短信。今天路过驿站问了一下才知道，老板说再过一天没人取就要退回了。幸好赶上了。

能不能跟快递公司说一下，放驿站一定要发取件码？谢谢。
""")

M("zh-044", "logistics", "serious",
  frm=("石磊", "shilei_home@163.example"),
  subj="送货师傅不搬上楼，要另外加钱", subj_enc="B",
  date="2026-02-08 14:12:08 +0800", cte="8bit",
  body="""
你好，

我买的 Acme 对开门冰箱，下单页面写的是"送货入户"，没说有楼层限制。今天送货的两个师傅到了楼下，说我家是六楼没电梯，要上楼必须每人加100块钱，不给钱就放楼下。

我说页面写了送货入户，他们说"那是你们商家说的，跟我们没关系"。僵持了半个小时，我只好给了200块，还没有收据。

冰箱是搬上来了，可侧面被楼梯扶手刮了一道。请问：一、这200块"上楼费"你们认不认？二、刮花的冰箱怎么处理？

石磊
""")

M("zh-045", "logistics", "general",
  frm=("", "hehe_xiaomei@163.example"),
  subj=None,
  date="2026-02-10 08:03:44 +0800", cs="gb2312", cte="b64",
  body="""
我的订单一直显示待发货，已经一个星期了，什么时候发？AC-2324016
""")

M("zh-046", "logistics", "serious",
  frm=("雷鸣", "leiming.gz@example.com"),
  subj="包裹送错小区，快递员让我自己去拿", subj_enc="B",
  date="2026-02-12 20:20:36 +0800", cte="qp", eol=CRLF,
  body="""
你好，

我的包裹（空气炸锅，订单 AC-2327790）物流显示"已签收"，我打电话给快递员，他说送到"翠苑小区"了，我家是"翠园小区"，两个小区隔了三公里。我让他拿回来重新送，他说"名字差不多，你自己去拿一下嘛"，然后就不接电话了。

我去翠苑小区的门卫问了，门卫说没见到。现在东西找不到，快递员不管，请你们出面处理，要么找回来，要么重新发货。

雷鸣
""")

M("zh-047", "logistics", "general",
  frm=("阿依古丽", "ayiguli@example.net"),
  subj="新疆能发货吗", subj_enc="B",
  date="2026-02-15 13:40:18 +0800", cs="gb18030", cte="b64",
  body="""
你好，我在乌鲁木齐，上周下的订单一直没发货。客服说偏远地区暂时停发，可是下单的时候页面没有任何提示，还让我付款了。

请问什么时候能恢复发货？如果要等很久，我想先取消订单。
""")

# ==========================================================================
# Simplified Chinese -- billing
# ==========================================================================

M("zh-048", "billing", "serious",
  frm=("袁芳", "yuanfang_88@qq.example"),
  subj="扣了两次款", subj_enc="B",
  date="2026-01-06 21:34:12 +0800", cte="b64", mailer=IPHONE,
  body="""
你好，我今天晚上在 App 上买了一台电暖器（订单号 AC-2288923，459元），付款的时候页面卡了一下，我就又点了一次。结果银行短信显示扣了两次款，一共918元，但是订单只有一个。

麻烦把多扣的459元退给我。银行短信截图需要的话我可以发。

发自我的iPhone
""")

M("zh-049", "billing", "general",
  frm=("邵敏", "shaomin@163.example"),
  subj="发票抬头开错了", subj_enc="B",
  date="2026-01-09 10:47:55 +0800", cs="gb2312", cte="b64", mailer=FOXMAIL,
  body="""
您好：

订单 AC-2290114 的电子发票抬头开成了我的个人名字，我下单时填写的是公司抬头"杭州青禾文化传媒有限公司"，税号也填了。麻烦作废重开一张，我们财务要报销用。

谢谢！

-- 
邵敏
杭州青禾文化传媒有限公司 行政部
电话：0571-8xxx-xx21
""")

M("zh-050", "billing", "serious",
  frm=("龙海燕", "longhaiyan@example.com"),
  subj="回复：退货退款进度", subj_enc="B",
  date="2026-01-13 16:02:29 +0800", cte="8bit", reply=True,
  body="""
你好，

退货是12月10号寄回的，你们仓库12月13号就签收了，你12月18号回复说"退款已提交，预计3-5个工作日到账"。现在一个月过去了，钱还没退。

我查了支付宝、银行卡，都没有任何退款记录。1299元不是小数目，请告诉我退款到底卡在哪个环节，给我一个具体的到账时间。

龙海燕

在 2025年12月18日 14:20，Acme 客服 <support@acme.example> 写道：
> 您好，您的退货已验收完成，退款已提交财务处理，预计3-5个工作日原路退回，
> 请您留意账户变动。
""")

M("zh-051", "billing", "urgent", trigger="legal",
  frm=("杜振宇", "duzhenyu@example.org"),
  subj="取消自动续费后连续扣费半年，准备起诉", subj_enc="B",
  date="2026-01-16 11:30:04 +0800", cte="b64", mailer=OUTLOOK,
  body="""
Acme 公司：

本人于2025年7月在 Acme App 内取消了"Acme 云存储 年费会员"的自动续费，当时页面提示"已关闭自动续费"，我也截了图。

但是从2025年8月起，你们每个月从我的微信支付扣款25元，名目是"Acme 云存储 连续包月"，到今年1月已经连续扣了六个月，共计150元。我从来没有开通过"连续包月"。

我先后在 App 内反馈三次，客服只说"已记录"，扣费一次都没停。

你们这种行为涉嫌未经同意擅自扣费。请在七日内退还全部150元并停止扣费，并书面说明原因。否则我将向法院起诉，并要求按照相关规定赔偿。

杜振宇
""")

M("zh-052", "billing", "general",
  frm=("崔悦", "cuiyue@example.net"),
  subj="优惠券没用上", subj_enc="B",
  date="2026-01-19 22:18:40 +0800", cs="gbk", cte="b64",
  body="""
你好，我下单的时候领了一张满300减20的券，结算页面也显示已使用，但最后实际付款还是全价329元，没有减20。订单号 AC-2302251。麻烦把20块退一下，谢谢～
""")

M("zh-053", "billing", "serious",
  frm=("车晓东", "chexiaodong@qq.example"),
  subj="莫名其妙扣了99元\"增值服务费\"", subj_enc="B",
  date="2026-01-22 09:55:17 +0800", cte="qp", html="alt",
  attach=[("screenshot.png", "image/png")],
  body="""
你好，

今天早上收到银行短信，Acme 扣了我99元，备注是"增值服务费"。我上个月买了一台扫地机，下单的时候没有勾选任何增值服务，订单详情里也看不到这项。

我没有授权过这笔扣款。请查一下这99元是什么，然后退给我。截图在附件里。

车晓东
""")

M("zh-054", "billing", "urgent", trigger="legal",
  frm=("范丽", "fanli1979@163.example"),
  subj="退款三个月不到账，已经打了12315", subj_enc="B",
  date="2026-01-25 20:41:33 +0800", cte="b64", reply=True,
  body="""
你们好，

10月底退的电视机，退款3999元到现在三个月还没到账。每次打电话都说"财务在处理""月底前一定到"，已经说了三个月底了。

我今天已经打了12315投诉，工作人员说会联系你们。这是我最后一次跟你们客服沟通，请直接把钱退回来，不要再拖了。

范丽

-------- 原始邮件 --------
发件人：Acme 客服 <support@acme.example>
日期：2025年12月30日 周二 17:05
收件人：fanli1979@163.example
主题：回复：退款问题

范女士您好，您的退款我们已经反馈给财务部门加急处理，预计本月底前到账，给您带来不便深表歉意。

> 你好，我11月27号问过一次，你们说"11月底前到账"，现在已经12月30号了，
> 钱还是没到。电视退回去两个月了，到底什么时候退款？
>
> -------- 原始邮件 --------
> 发件人：Acme 客服 <support@acme.example>
> 日期：2025年11月27日 周四 10:41
> 主题：回复：退款问题
>
> 范女士您好，经查询您的退货已于10月31日入库验收合格，退款正在财务审核中，
> 预计11月底前原路退回，请您耐心等待。
>
>> 你好，我10月28日申请了退货，电视31号已经被你们物流取走，
>> 请问退款什么时候能到？订单号 AC-2210563，金额3999元。
""")

M("zh-055", "billing", "general",
  frm=("程远", "chengyuan@163.example"),
  subj="申请价保", subj_enc="B",
  date="2026-01-28 12:05:46 +0800", cs="gb2312", cte="b64",
  body="""
你好，我1月25号买的 Acme 电动牙刷是299元，今天看到降到了199元，才过了三天。页面写着支持七天价保，麻烦把差价100元退给我。订单号 AC-2311673。谢谢！
""")

M("zh-056", "billing", "urgent", trigger="media",
  frm=("夏雨", "xiayu.bj@example.com"),
  subj="说好的免息分期收了我几百块手续费", subj_enc="B",
  date="2026-01-31 22:26:51 +0800", cte="b64", mailer=IPHONE,
  body="""
我在你们年货节活动买的 AcmeBook，页面上大字写着"12期免息"，我才下的单。结果信用卡账单出来，每期都有手续费，12期加起来要多付四百多块。

问了客服，说"免息活动名额已满，您的订单按普通分期计算"。下单的时候没有任何提示，页面上现在还挂着"12期免息"！

这不就是虚假宣传吗？我已经把页面截图、账单和聊天记录都保存了。你们今天不给我退手续费、不给个说法，我明天就发微博曝光，@消费者权益的媒体账号，看看有多少人和我一样被坑了。

发自我的iPhone
""")

M("zh-057", "billing", "serious",
  frm=("林子轩", "linzixuan@example.net"),
  subj="付款失败但是钱扣了", subj_enc="B",
  date="2026-02-03 15:49:02 +0800", cte="8bit",
  body="""
客服你好，

昨天下午我在 App 上买洗碗机，点了付款以后页面显示"支付失败，请重试"，订单状态是"待付款"。可是银行卡实际上已经扣了2699元。

我不敢再付第二次，订单到现在还是"待付款"，24小时后就会自动取消。请帮我查一下这笔钱去哪了：要么确认订单已付款正常发货，要么把钱退回来。

银行流水号：2026020214321877

林子轩
""")

M("zh-058", "billing", "general",
  frm=("胡晓", "huxiao@qq.example"),
  subj="满99包邮怎么还收了运费", subj_enc="B",
  date="2026-02-05 19:36:25 +0800", cs="gbk", cte="8bit",
  body="""
你好，我这单买了两样东西一共128元，页面上说满99包邮，结果结算的时候还是收了12块运费，当时没注意就付了。麻烦把运费退给我把，订单号 AC-2321905。
""")

M("zh-059", "billing", "urgent", trigger="outage",
  frm=("蒋晨", "jiangchen@example.org"),
  subj="你们的支付系统出故障了？付了三次都扣钱", subj_enc="B",
  date="2026-02-07 20:12:58 +0800", cte="qp",
  body="""
你好，

今晚8点开始的秒杀活动，我下单付款，页面一直转圈然后提示"支付超时"，订单没有生成，可是钱扣了。我以为是网络问题又付了两次，结果三次都扣了钱，一共扣了3×1899元，订单一个都没有。

我在活动的粉丝群里问了，群里至少三十多个人跟我一样，有人扣了四五次。你们的支付系统明显是崩了，到现在官网还打不开支付页面。

请立刻：
1. 暂停扣款，修复系统；
2. 把所有没有生成订单的扣款原路退回；
3. 出个公告告诉大家怎么处理，不要让大家一个个打电话。

蒋晨
""")

M("zh-060", "billing", "serious",
  frm=("温雅", "wenya_sz@example.com"),
  subj="以旧换新的补贴一直没到账", subj_enc="B",
  date="2026-02-09 10:21:14 +0800", cte="b64", html="alt",
  body="""
您好，

我参加了你们的"以旧换新"活动，旧冰箱1月15日已经被回收师傅拉走了，回收单上写着补贴600元，说"10个工作日内返到原支付账户"。现在快一个月了，600元还没到账。

客服查了说"回收单还没有同步"，让我等。旧冰箱已经被拉走了，补贴却没影了。请尽快核实处理。

回收单号：HS-20260115-0672

温雅
""")

M("zh-061", "billing", "general",
  frm=("财务-刘", "caiwu.liu@hengtong-tech.example"),
  subj="需要开增值税专用发票", subj_enc="B",
  date="2026-02-11 14:07:39 +0800", cs="gbk", cte="b64", mailer=FOXMAIL,
  body="""
您好：

我司通过企业账户采购了10台 Acme 显示器（订单 AC-2325117），开票时选择了"增值税专用发票"，但收到的是增值税普通发票，无法抵扣。麻烦作废后按下列信息重开专票：

单位名称：苏州恒通科技有限公司
纳税人识别号：91320500MA1XXXXXX0
开户行及账号：见附件开票信息

谢谢！
财务部 刘
""")

M("zh-062", "billing", "general",
  frm=("白小白", "baixiaobai@example.net"),
  subj="积分抵扣没生效", subj_enc="B",
  date="2026-02-14 17:53:22 +0800", cs="gb18030", cte="8bit",
  body="""
hello，我下单的时候勾选了用2000积分抵扣20元，结算页也显示了"-￥20"，可是付款金额还是原价，积分倒是被扣掉了😅 订单号 AC-2329002，麻烦看一下，要么退积分要么退20块都行～
""")

# ==========================================================================
# Simplified Chinese -- suggestion
# ==========================================================================

M("zh-063", "suggestion", "general",
  frm=("夜猫子", "yemaozi@qq.example"),
  subj="App 能不能加个夜间模式", subj_enc="B",
  date="2026-01-08 01:20:37 +0800", cte="b64", mailer=IPHONE,
  body="""
Acme Home App 晚上看监控太亮了，白色背景晃眼睛，建议加一个 dark mode / 夜间模式，最好能跟随系统自动切换。谢谢～

发自我的iPhone
""")

M("zh-064", "suggestion", "general",
  frm=("梁静", "liangjing_eco@163.example"),
  subj="关于包装的一点建议", subj_enc="B",
  date="2026-01-12 14:33:29 +0800", cs="gb2312", cte="b64",
  body="""
你好，

上次买了一根数据线，收到一个鞋盒那么大的纸箱，里面塞满了塑料气泡袋，数据线自己又单独包了一层塑料袋。感觉有点浪费。

建议小件商品用合适尺寸的纸袋或者小盒子，填充物换成纸的，现在很多人都比较在意环保，这也是加分项。

梁静
""")

M("zh-065", "suggestion", "general",
  frm=("聂鹏", "niepeng@example.com"),
  subj="建议滤芯到期提醒推送到微信", subj_enc="raw",
  date="2026-01-17 20:09:51 +0800", cte="8bit",
  body="""
你好，

家里有两台 Acme 净化器，滤芯到期提醒只在 App 里显示，我平时很少打开 App，经常过期了一两个月才发现。

建议：
1. 滤芯快到期的时候，通过微信公众号或者短信推送提醒；
2. 提醒里直接带购买链接，一键下单；
3. 如果能设置"到期自动下单"就更好了。

这样你们也能多卖滤芯，双赢嘛。

聂鹏
""")

M("zh-066", "suggestion", "general",
  frm=("谭桂芳", "tanguifang@example.net"),
  subj="希望有老年人专线", subj_enc="B",
  date="2026-01-22 09:40:05 +0800", cs="gbk", cte="qp",
  body="""
你们好，

我今年六十八了，打你们的客服电话，语音菜单一层一层的，"按1按2按3"，说得又快，我听不清楚，好几次按错了只能重来。

建议你们搞一个老年人专线，或者打进去直接转人工，说话慢一点。我们老年人也买你们的东西，也希望方便一点。

谢谢！
谭桂芳
""")

M("zh-067", "suggestion", "general",
  frm=("单身狗小李", "xiaoli_single@163.example"),
  subj="出个小号电饭煲吧", subj_enc="B",
  date="2026-01-26 19:18:26 +0800", cs="gb2312", cte="b64",
  body="""
你们家的电饭煲最小也是3L的，一个人住煮一杯米，煮出来总是不好吃，还浪费电。能不能出个1.2L或者1.6L的迷你款？一两个人用刚刚好，颜值高一点我立马下单。
""")

M("zh-068", "suggestion", "general",
  frm=("顾伟", "guwei.tech@example.org"),
  subj="建议随货附中文说明书", subj_enc="B",
  date="2026-01-30 11:51:44 +0800", cte="8bit",
  body="""
你好，

我买的 Acme 海外版咖啡机，盒子里只有英文和德文的说明书。虽然能看个大概，但是家里老人完全看不懂，设置研磨粗细那几步我也是查了半天。

建议：要么随货附一份中文说明书，要么在盒子上印一个二维码，扫码就能看中文电子版和视频教程。成本不高，体验会好很多。

顾伟
""")

M("zh-069", "suggestion", "general",
  frm=("沈佳怡", "shenjiayi@qq.example"),
  subj="回复：邀请您参与满意度调查", subj_enc="B",
  date="2026-02-03 22:44:13 +0800", cte="b64", reply=True,
  body="""
你好，问卷太长了我就直接回邮件说几点吧：

1. 会员积分希望能兑换延保服务，现在只能换一些小东西，没什么吸引力；
2. 订单页面希望能直接看到保修到期时间；
3. App 里的"我的设备"能不能按房间分组？设备多了很难找。

整体还是挺满意的，加油！

沈佳怡

在 2026年2月2日 10:00，Acme 会员中心 <member@acme.example> 写道：
> 亲爱的会员：感谢您一直以来对 Acme 的支持！为了给您提供更好的服务，
> 诚邀您参与本次满意度调查，完成后可获得50积分。
""")

M("zh-070", "suggestion", "general",
  frm=("韦小宝", "weixiaobao2026@example.net"),
  subj="能不能预约晚上送货", subj_enc="B",
  date="2026-02-07 12:26:38 +0800", cs="gbk", cte="b64",
  body="""
你好，建议大件商品送货可以预约晚上7点到9点的时间段。我们双职工家庭白天都在上班，每次买大件都要请假在家等，实在不方便。多收点服务费也可以接受。
""")

M("zh-071", "suggestion", "general",
  frm=("Kevin 张", "kevin.zhang@example.com"),
  subj="建议支持数字人民币支付", subj_enc="Q",
  date="2026-02-10 15:03:57 +0800", cte="qp", html="alt",
  body="""
Hi Acme,

现在不少地方都在推数字人民币，经常有满减红包。建议你们的官方商城和 App 也支持数字人民币支付，顺便可以搞点活动。另外 checkout 页面如果能记住我上次用的支付方式就更好了，每次都要重新选。

Thanks!
Kevin
""")

M("zh-072", "suggestion", "general",
  frm=("糖糖", "tangtang_0520@example.org"),
  subj="希望出白色款✨", subj_enc="B", subj_cs="utf-8",
  date="2026-02-13 21:30:15 +0800", cs="gb18030", cte="b64",
  body="""
你好呀～Acme Buds Pro 音质和降噪真的很好👍 但是只有黑色和深灰色，女生用感觉有点沉闷。希望能出白色、奶油色或者浅粉色的款式，出了我第一个买！🥰
""")

M("zh-073", "suggestion", "general",
  frm=("郭老师", "guo.teacher@example.com"),
  subj="关于智能音箱的几点建议", subj_enc="B",
  date="2026-02-17 10:16:02 +0800", cte="8bit", mailer=THUNDERBIRD,
  body="""
Acme 产品团队你们好：

我是一名小学老师，家里用了三台 Acme 智能音箱（客厅、卧室、孩子房间），用了一年多，整体很满意，音质好、唤醒也灵敏。这里有几点使用中的想法，供你们参考：

一、方言识别。我父母是广东人，平时说粤语，普通话不太标准，跟音箱说话经常识别错。如果能支持粤语识别，对很多老人会有很大帮助。

二、儿童模式。孩子房间那台音箱，希望可以单独设置"儿童模式"：
  1. 限制播放时间（比如晚上九点以后只能播放睡前故事和白噪音）；
  2. 屏蔽不适合儿童的内容；
  3. 每周给家长发一个使用报告。
现在只能整个账号统一设置，不太灵活。

三、多房间联动。希望可以在一台音箱上设置"广播"，让其他房间的音箱同时播放一句话，比如"吃饭啦"，比现在一个一个房间喊方便。

四、闹钟。现在的闹钟只能选固定的几种铃声，希望可以选歌单里的歌，并且音量逐渐变大，早上叫醒不那么刺耳。

五、隐私指示。孩子问我，音箱是不是一直在"偷听"。建议在 App 里能看到每一次唤醒的记录，并且可以一键删除；音箱上麦克风关闭的时候，指示灯能不能做得更明显一些，现在那个小红点白天几乎看不到。

另外补充一个小问题：现在设置这些功能都要在手机 App 里一层一层点进去，我父母不太会操作，如果能直接语音说"打开儿童模式""设置明天七点的闹钟"就能完成设置，会更友好。

六、课堂用途。我试过把音箱带到教室里给学生放英语听力，发现必须连家里的 WiFi 才能用，换了网络要重新配对，步骤比较多。如果有一个"离线播放 U 盘里的音频"或者"蓝牙音箱模式"的快捷开关，老师们会方便很多。

以上只是一些小想法，不一定都能做，但如果能实现其中一两个，我会非常高兴，也会推荐给身边的同事。谢谢你们！

郭老师
""")

# ==========================================================================
# Simplified Chinese -- other
# ==========================================================================

M("zh-074", "other", "general",
  frm=("宁宁", "ningning@qq.example"),
  subj="怎么换绑手机号", subj_enc="B",
  date="2026-01-10 16:25:18 +0800", cte="b64",
  body="""
你好，我换了新的手机号，想把 Acme 账号绑定的手机号改成新的，但是修改的时候要先给旧号码发验证码，旧号码已经注销了收不到。请问这种情况怎么办？
""")

M("zh-075", "other", "general",
  frm=("", "zhou_bo@163.example"),
  subj="你好", subj_enc="B",
  date="2026-01-14 09:08:41 +0800", cs="gb2312", cte="b64",
  body="""
你好，请问你们在成都有线下门店吗？想去看看实物再决定买哪款扫地机。如果有的话，地址和营业时间麻烦告诉一下。谢谢。
""")

M("zh-076", "other", "serious",
  frm=("任杰", "renjie_sec@example.com"),
  subj="账号被盗，绑定手机被人改了", subj_enc="B",
  date="2026-01-18 23:47:06 +0800", cte="8bit", reply=True, eol=CRLF,
  body="""
你好，

今晚收到一封邮件，说我的 Acme 账号"在新设备上登录"，地点是外省。接着又收到一条"绑定手机号已修改"的通知。这些都不是我操作的。

现在我用自己的手机号已经登不进去了，提示"该手机号未注册"。账号里有我的收货地址、身份证信息（买手机时实名过），还绑定了一张银行卡。

请你们马上冻结这个账号，帮我找回，并查一下对方有没有用我的账号下单或者修改支付信息。

任杰

在 2026年1月18日 22:51，Acme 账号安全中心 <security@acme.example> 写道：
> 您的 Acme 账号于 2026-01-18 22:49 在新设备（Android）上登录，
> 登录地点：广西南宁。如非本人操作，请立即修改密码。
""")

M("zh-077", "other", "general",
  frm=("彭阿姨", "pengayi1962@example.net"),
  subj="表扬安装师傅，顺便问个问题", subj_enc="B",
  date="2026-01-22 15:12:30 +0800", cte="qp", html="alt",
  body="""
你好，

昨天来给我家装热水器的小王师傅，人特别好，干活仔细，装完还把地扫干净了，又耐心地教我怎么用手机 App 预约加热。我们老两口很感动，想表扬一下他，麻烦你们转达，给他记一功。

顺便问一下：热水器的保修是从购买那天开始算，还是从安装那天开始算？

谢谢！
彭阿姨
""")

M("zh-078", "other", "urgent", trigger="data_loss",
  frm=("于晨", "yuchen.photo@example.org"),
  subj="我只是注销子账号，你们把主账号和云盘全删了！", subj_enc="B",
  date="2026-01-27 10:58:03 +0800", cte="b64", mailer=OUTLOOK,
  body="""
你好，

上周我在 App 里提交了注销申请，注销的是我给孩子建的子账号（手表绑定用的）。今天早上我登录自己的主账号，提示"账号已注销"。

我的主账号里有 Acme 云盘，2TB 空间，存的是我这些年做摄影的全部原片和修图文件，大概 40 万张，很多客户的婚礼照片都只在云盘里有完整的一份。

我把经过说清楚：
1. 1月19日，我在 App"设置-账号与安全-注销账号"里操作。因为页面默认显示的是当前登录的账号，所以我特意先切换到孩子的子账号（ID：acme_kid_0615），再点的"申请注销"。提交后收到短信："您的子账号 acme_kid_0615 注销申请已受理，将于7日后生效。"这条短信我还留着。
2. 1月26日晚上，我还正常登录主账号上传了一批照片，一切正常。
3. 1月27日早上，主账号登录提示"账号已注销"，用手机号找回密码提示"该手机号未绑定任何账号"。孩子的子账号反而还能正常登录。
4. 我打了客服电话，客服查了以后说"系统显示注销的是主账号，数据已进入清除流程"，问她清除流程多久完成、能不能停下来，她说"不清楚，要提交工单"。

也就是说，你们把注销操作执行到了错误的账号上，而且现在还在删除我的数据。

申请里我写得很清楚是子账号的 ID，是你们执行错了！现在我的主账号登不进去，云盘里的数据也看不到。

请立刻停止任何数据清除操作，恢复我的主账号和云盘数据。今天我就需要一个技术负责人的电话，这些数据丢了我没法跟客户交代。

另外请书面回复以下问题：
一、我的云盘数据现在是否还在，清除流程进行到哪一步了；
二、恢复需要多长时间，恢复后文件是否完整（包括原片的 RAW 文件和文件夹结构）；
三、为什么子账号的注销申请会被执行到主账号上，其他用户是否也有同样的情况。

我的主账号手机号、实名信息、以往的会员付费记录都可以提供用于核实身份。

于晨
""")

M("zh-079", "other", "general",
  frm=("葛琳", "gelin@example.com"),
  subj="申请删除个人信息", subj_enc="B",
  date="2026-02-01 13:41:26 +0800", cte="qp",
  body="""
你好，

我已经不再使用 Acme 的产品和服务，根据《个人信息保护法》，请删除你们保存的我的个人信息（包括姓名、手机号、收货地址、购买记录），并注销我的账号。

账号手机号：138****6102
注册邮箱：gelin@example.com

处理完成后请邮件告知。谢谢。

葛琳
""")

M("zh-080", "other", "serious",
  frm=("储建平", "chujianping@example.net"),
  subj="骗子知道我所有订单信息，是不是你们泄露的？", subj_enc="B",
  date="2026-02-05 19:29:48 +0800", cte="b64",
  body="""
你好，

今天下午我接到一个自称"Acme 售后"的电话，对方准确说出了我的名字、手机号、家庭住址，还知道我1月28号买了一台 Acme 洗碗机、价格是多少。然后说洗碗机有质量问题要给我"退款理赔"，让我下载一个会议软件共享屏幕。

我觉得不对劲挂了电话，去派出所报了案。警察说最近很多人接到这种电话。

这些信息只有你们和快递公司知道。请你们查一下是不是发生了数据泄露，并告诉我还有哪些信息可能被泄露了。我很担心家里老人接到这种电话会上当。

储建平
""")

M("zh-081", "other", "urgent", trigger="outage",
  frm=("严俊", "yanjun.hz@example.com"),
  subj="App全国都登不上？门锁也开不了", subj_enc="B",
  date="2026-02-08 07:36:12 +0800", cte="qp", mailer=IPHONE,
  body="""
你们是不是服务器挂了？从今天早上6点多开始 Acme Home App 一直提示"服务器繁忙，请稍后再试"，登录不上，所有设备显示离线。我家的智能门锁是用 App 开的，现在只能用备用钥匙，我爸妈那边没有钥匙，被锁在门外了。

我看了一下微博和业主群，全国各地都有人说登不上，应该不是个别问题。请尽快修复，并出个公告，告诉大家门锁离线的时候怎么开门。

发自我的iPhone
""")

M("zh-082", "other", "general",
  frm=("", "laoliu_1955@163.example"),
  subj=None,
  date="2026-02-11 08:52:19 +0800", cs="gb2312", cte="b64",
  body="""
你好，我今天收到一条短信，说我是 Acme 的幸运用户，中了一台电视，要我先交300元手续费才能发货。请问这个是你们发的吗？是真的吗？
""")

M("zh-083", "other", "serious",
  frm=("戴明", "daiming@example.org"),
  subj="账号被封，余额也取不出来", subj_enc="B",
  date="2026-02-15 14:14:44 +0800", cte="8bit",
  body="""
你好，

我的 Acme 账号前天突然被封了，登录提示"账号存在异常行为，已被限制使用"。我没有做过任何违规的事情，就是正常买东西，最近一次下单是一个月前。

账号里还有586元的余额（之前退款退到余额里的），现在既不能用，也不能提现。客服只说"风控系统判定的，我们也没有权限"，让我等申诉结果，可是申诉已经提交两天了，没有任何回复。

请告诉我账号为什么被封、需要提供什么材料，尽快解封或者把余额退到我的银行卡。

戴明
""")

M("zh-084", "other", "general",
  frm=("采购部 黄经理", "huang.purchase@xinghe-edu.example"),
  subj="企业批量采购咨询", subj_enc="B",
  date="2026-02-19 10:03:27 +0800", cs="gbk", cte="b64", mailer=FOXMAIL,
  body="""
您好：

我们是一家教育培训机构，计划为新校区采购约80台 Acme 平板和20台投影仪。想咨询一下：
1. 企业批量采购有没有专门的对接人和价格政策？
2. 是否可以开具增值税专用发票？
3. 是否提供上门安装和统一的售后服务？

麻烦转给相关部门，期待回复。

-- 
黄经理
星河教育 采购部
本邮件及其附件可能含有保密信息，如您不是指定收件人，请立即删除。
""")

M("zh-085", "other", "serious",
  frm=("姚远", "yaoyuan_tech@qq.example"),
  subj="官网买的手机，保修系统里查不到", subj_enc="B",
  date="2026-02-22 20:48:55 +0800", cte="b64",
  body="""
你好，

我去年11月在 Acme 官方商城买的 Acme Phone 12，上周屏幕出现绿线，拿去你们的授权售后网点，网点一查序列号说"系统里没有这台机器的销售记录，显示为非正规渠道产品"，不给保修。

我是在你们官方商城下的单，有订单、有电子发票、有物流记录，怎么会是"非正规渠道"？网点说他们也没办法，得总部把记录补上才行。

请尽快把我的购买记录同步到保修系统，不然我只能自费修，两千多块。

订单号：AC-2261187
序列号：AP12-7781-3390

姚远
""", note="warranty registration/record problem (account/records) rather than the defect itself")

# ==========================================================================
# Traditional Chinese (Taiwan: Big5 mostly; Hong Kong: UTF-8 / Big5-HKSCS)
# ==========================================================================

M("zht-001", "product_quality", "urgent", trigger="safety",
  frm=("張雅婷", "yating.chang@example.com"),
  subj="吹風機漏電，我被電到了！", subj_enc="B",
  date="2026-01-11 21:40:18 +0800", cs="big5", cte="b64",
  body="""
您好：

我上個月在你們官網買的 Acme 負離子吹風機，今天晚上洗完頭在用的時候，手握的地方突然「啪」一聲，整隻手臂被電到發麻，吹風機直接掉到地上。我的手還是乾的，浴室地板也沒有水。

現在右手掌心有一小塊紅腫，手臂還是麻麻的，明天會去看醫生。吹風機我已經拔掉插頭收起來了，插頭旁邊的電線外皮有一段焦黑。

這是非常嚴重的安全問題，如果今天是我家小朋友在用，後果不堪設想。請你們盡快派人來取件檢測，並說明這個型號是否有漏電的瑕疵、需不需要回收。

張雅婷
訂單編號：AC-2290733
""")

M("zht-002", "product_quality", "serious",
  frm=("林志明", "lin.zhiming@example.net"),
  subj="除濕機修了兩次還是一樣", subj_enc="B",
  date="2026-01-20 10:25:41 +0800", cs="big5", cte="qp", mailer=OUTLOOK,
  body="""
客服您好：

家裡的 Acme 除濕機（12公升，去年十月購買）從十二月開始，水箱滿了不會自動停機，水一直從機身底部溢出來，木頭地板已經泡到變色。

十二月底送修一次，說換了浮球開關；一月初拿回來用不到一週又發生同樣的問題，第二次送修說是主機板，換完回來三天又溢水。

同一個問題修了兩次都沒修好，台灣冬天這麼潮濕，沒有除濕機真的很困擾。我希望直接換一台新機，不要再送修了，謝謝。

林志明
""")

M("zht-003", "product_quality", "urgent", trigger="data_loss",
  frm=("陳家豪", "kaho.chan@example.com"),
  subj="NAS update 完之後啲資料全部冇晒", subj_enc="B",
  date="2026-01-25 00:52:09 +0800", cte="b64", mailer=THUNDERBIRD,
  body="""
Hi Acme support,

我部 Acme Drive D2 NAS 琴晚彈出 firmware update，我撳咗 update，重啟之後 storage 頁面顯示「No volume found」，兩隻硬碟都話係 healthy，但係入面啲資料全部冇晒。

入面有我間小公司過去五年嘅所有會計紀錄、客戶合約，仲有屋企人嘅相。我而家唔敢再郁部機，驚越搞越差。

麻煩你哋盡快搵一個 engineer 聯絡我，睇下有冇方法 recover 返啲資料。如果係 firmware 嘅問題，我想知道你哋會唔會負責 data recovery 嘅費用。急！

陳家豪
""")

M("zht-004", "product_quality", "general",
  frm=("Mandy Wong", "mandy.wong@example.org"),
  subj="查詢", subj_enc="B",
  date="2026-01-30 13:18:33 +0800", cte="8bit", mailer=IPHONE,
  body="""
你好，我部 Acme Buds 2 個充電盒個蓋開始有啲鬆，合埋之後輕輕搖會郁，但係都充到電。想問下係咪正常，定係可以換個盒？買咗半年左右。唔該！

Sent from my iPhone
""")

M("zht-005", "service_attitude", "general",
  frm=("吳佩珊", "peishan.wu@example.com"),
  subj="客服人員口氣不太好", subj_enc="B",
  date="2026-01-14 15:06:27 +0800", cs="big5", cte="8bit",
  body="""
您好，

今天下午打客服專線詢問掃地機器人耗材的問題，接電話的客服人員一直嘆氣，我問第二次的時候她說「剛剛不是講過了嗎」，口氣很不耐煩。

問題最後是有回答，只是感覺不太舒服。反映一下，希望可以改善，謝謝。

吳佩珊
""")

M("zht-006", "service_attitude", "serious",
  frm=("黃建宏", "jianhong.huang@example.net"),
  subj="Re: 門市換貨問題", subj_enc="B",
  date="2026-02-04 18:44:50 +0800", cs="big5", cte="b64", reply=True,
  body="""
您好，

1月20日我到你們信義門市反映藍牙喇叭有雜音，當時的店長親口答應「貨到了就直接幫你換新機，不用再送修」，還在單子上寫了「換新」兩個字。

今天我接到通知去門市，結果換了一位店員說「沒有這回事，只能送修」，我拿出單子給他看，他說那個店長已經離職了，不算數。

我來回跑了三趟門市，請假的時間都不只一台喇叭的錢了。公司答應的事情不能因為人離職就不認帳，請給我一個明確的答覆。

黃建宏

於 2026年1月28日 上午11:02，Acme 客服 <support@acme.example> 寫道：
> 黃先生您好，您的換貨申請已轉交門市處理，門市將於貨到後主動與您聯繫，
> 謝謝您的耐心等候。
""")

M("zht-007", "service_attitude", "general",
  frm=("李嘉欣", "kayan.lee@example.com"),
  subj="你哋熱線等咗好耐", subj_enc="B",
  date="2026-02-08 12:36:15 +0800", cs="big5-hkscs", cte="qp",
  body="""
你好，

今朝打你哋客服熱線問部冷氣機點樣預約清洗，等咗成四十分鐘先有人聽，職員一開口就話「你上網自己 book 啦」，講完就收線，我都未問完。

件事唔算好大件事，不過真係好冇禮貌。希望你哋改善下。

李小姐
""")

M("zht-008", "logistics", "general",
  frm=("蔡宜君", "yichun.tsai@example.org"),
  subj="超商取貨還沒到", subj_enc="Q",
  date="2026-01-16 20:11:06 +0800", cs="big5", cte="b64",
  body="""
您好，我1月10日下的訂單（AC-2295102）選擇超商取貨，物流狀態一直停在「已出貨」，已經六天了還沒有到店的通知。想確認一下包裹是不是還在路上，謝謝！
""")

M("zht-009", "logistics", "serious",
  frm=("劉冠廷", "kuanting.liu@example.com"),
  subj="宅配送來的螢幕整個裂開", subj_enc="B",
  date="2026-01-23 17:29:44 +0800", cs="big5", cte="b64",
  attach=[("photo.jpg", "image/jpeg")],
  body="""
您好：

今天收到宅配送來的 Acme 32吋電腦螢幕，外箱有一個很明顯的凹洞，像是被重物撞到。打開之後螢幕左上角整個裂開，開機只有一半有畫面。

司機放下就走了，我是拆開才發現的。照片在附件，外箱跟螢幕都有拍。

麻煩盡快安排換新品，並派人回收壞掉的這台。

劉冠廷
訂單編號 AC-2300841
""")

M("zht-010", "logistics", "urgent", trigger="media",
  frm=("鄭淑芬", "shufen.cheng@example.net"),
  subj="寄錯地址又弄丟包裹，我要找媒體爆料", subj_enc="B",
  date="2026-02-02 22:03:37 +0800", cs="big5", cte="b64",
  body="""
你們好：

我訂購的 Acme 筆電（NT$42,900，訂單 AC-2310276）明明填的是台中的地址，物流卻顯示送到高雄，而且顯示「已簽收」。我打了五次電話，客服每次都說「已經在查了」，到現在兩個禮拜，包裹找不到、錢也不退。

時間經過：
1月18日 下單付款，收件地址是台中市西屯區；
1月20日 物流顯示「配送中」，配送站卻是高雄；
1月21日 物流顯示「已簽收」，簽收人欄位是一個我不認識的名字；
1月21日 第一次打客服，客服說地址可能是系統錯誤，會請物流追回；
1月24日、1月27日、1月30日、2月2日 各打了一次，每次都是「已經在查了，請耐心等候」，沒有人能告訴我包裹到底在哪裡。

四萬多塊的筆電，兩個禮拜找不到，退款也說要等「調查結果」。

我已經把訂單、物流紀錄、跟客服的對話全部截圖，今天晚上會發在臉書和 Dcard，也已經寫信給電視台的消費新聞爆料信箱。如果你們三天內還沒有給我處理方案，我就讓大家看看 Acme 是怎麼對待消費者的。

鄭淑芬
""")

M("zht-011", "logistics", "general",
  frm=("Jason Lau", "jason.lau@example.com"),
  subj="想改送貨日期", subj_enc="B",
  date="2026-02-10 09:47:22 +0800", cte="qp",
  body="""
Hi，

我張單（AC-2325508）話聽日送貨，但係我聽日要返工，屋企冇人。可唔可以幫我改去星期六？或者放喺附近嘅自取點都得。

唔該晒！
Jason
""")

M("zht-012", "billing", "serious",
  frm=("謝明哲", "mingche.hsieh@example.org"),
  subj="信用卡被重複扣款", subj_enc="B",
  date="2026-01-18 11:52:30 +0800", cs="big5", cte="qp",
  body="""
您好：

我在1月15日訂購了一台 Acme 空氣清淨機（訂單編號 AC-2298830，金額 NT$8,990），只下了一張訂單，但信用卡帳單上出現兩筆 NT$8,990 的刷卡紀錄，時間只差一分鐘。

我已經向銀行確認，兩筆都是請款完成，不是預授權。麻煩盡快把重複扣的 NT$8,990 退回我的信用卡，謝謝。

謝明哲
""")

M("zht-013", "billing", "serious",
  frm=("Ivy 何", "ivy.ho@example.net"),
  subj="退款一個月都未收到", subj_enc="B",
  date="2026-02-06 14:22:08 +0800", cte="b64", reply=True,
  body="""
你好，

我一月初已經退咗部吸塵機，你哋一月九號 email 話退款已經處理，「7至10個工作天」會退返去我張信用卡。而家已經差唔多一個月，我張卡都未見到有 HK$2,680 退返嚟。

我打過兩次電話，每次都話「會跟進」，之後就冇消息。請你哋俾個 reference number 我去問銀行，或者盡快再處理一次。

Ivy

於 2026年1月9日 下午3:15，Acme Returns <returns@acme.example> 寫道：
> 何小姐你好，你的退貨已經收妥，退款 HK$2,680 已經處理，
> 款項將於7至10個工作天內退回你的信用卡。
""")

M("zht-014", "billing", "general",
  frm=("王美玲", "meiling.wang@example.com"),
  subj="電子發票沒有存到載具", subj_enc="B",
  date="2026-02-12 16:35:19 +0800", cs="big5", cte="8bit",
  body="""
您好，我結帳的時候有輸入手機條碼載具，可是這張訂單（AC-2327013）的電子發票沒有出現在財政部的載具裡面，這樣沒辦法對獎。可以幫我重新歸戶嗎？謝謝！
""")

M("zht-015", "suggestion", "general",
  frm=("許家瑋", "chiawei.hsu@example.org"),
  subj="App 可以出台灣繁體版嗎", subj_enc="B",
  date="2026-01-21 23:14:02 +0800", cs="big5", cte="b64",
  body="""
您好，

Acme Home App 目前選「繁體中文」之後，很多用詞其實是把簡體直接轉成繁體，例如「視頻」、「設置」、「默認」、「信息」，在台灣應該是「影片」、「設定」、「預設」、「訊息」。家裡長輩看到這些詞會看不懂。

建議可以請台灣的同事校對一次用詞，或者另外出一個台灣繁體的語言選項。謝謝！

許家瑋
""")

M("zht-016", "suggestion", "general",
  frm=("Karen Cheung", "karen.cheung@example.com"),
  subj="建議加轉數快付款", subj_enc="B",
  date="2026-02-03 20:48:51 +0800", cte="8bit",
  body="""
Hello，

你哋香港網店而家只可以用信用卡俾錢，好多人其實比較鍾意用轉數快（FPS）或者電子錢包。建議加多幾個付款方法，方便啲冇信用卡嘅學生同長者。

Thanks!
Karen
""")

M("zht-017", "suggestion", "general",
  frm=("周俊傑", "junjie.chou@example.net"),
  subj="門市營業時間的建議", subj_enc="B",
  date="2026-02-14 10:20:36 +0800", cs="big5", cte="qp", html="alt",
  body="""
您好：

你們的服務中心平日營業到晚上六點、週日公休，可是大部分上班族只有下班後和週末有空。我上次為了送修耳機只好請半天假。

建議服務中心可以平日延長到晚上九點，或是週日也開放，甚至可以設置送修寄件櫃，讓大家下班後直接投遞。

謝謝您們的參考。
周俊傑
""")

M("zht-018", "other", "general",
  frm=("簡佳蓉", "chiajung.chien@example.com"),
  subj="兩個會員帳號可以合併嗎", subj_enc="B",
  date="2026-01-27 12:08:59 +0800", cs="big5", cte="b64",
  body="""
您好，

我之前用手機號碼註冊了一個會員帳號，後來又不小心用 Email 註冊了另一個，兩個帳號裡面都有點數和購買紀錄。請問可以把兩個帳號合併成一個嗎？需要提供什麼資料？

謝謝！

-- 
簡佳蓉 Chia-Jung Chien
""")

M("zht-019", "other", "serious",
  frm=("梁志偉", "chiwai.leung@example.org"),
  subj="我個 account 俾人盜用咗", subj_enc="B",
  date="2026-02-09 02:15:43 +0800", cte="b64",
  body="""
你好，

啱啱收到你哋嘅 email 話我個 Acme account 喺新裝置登入，之後仲有兩張訂單確認，買咗兩部 Acme Phone 12，送貨地址係觀塘一個我唔識嘅地方。呢兩張單都唔係我落嘅！

我已經改咗密碼，但係唔知仲有冇其他人可以入到。麻煩你哋即刻取消嗰兩張單、停止送貨，同埋幫我檢查個 account 仲有冇其他異常。

梁志偉
""")

M("zht-020", "other", "urgent", trigger="outage",
  frm=("洪雅惠", "yahui.hung@example.com"),
  subj="網站跟 App 全部當機？", subj_enc="B",
  date="2026-02-16 09:30:12 +0800", cs="big5", cte="qp", eol=CRLF,
  body="""
您好，

從今天早上七點多開始，你們的官網一直顯示「503 服務暫時無法使用」，Acme Home App 也無法登入，家裡所有的攝影機和門鎖都顯示離線。我問了住同一個社區的鄰居，還有網路上的討論區，大家都一樣，應該是整個系統當機了。

家裡的長輩靠門鎖的密碼功能進出，現在完全沒辦法使用。請盡快修復，並公告預計什麼時候恢復。

洪雅惠
""")


if __name__ == "__main__":
    main()
