"""A deterministic corpus of customer mail for the ingest tests, each mail
with the outcome the desk must give it.

build(seed) makes 200 raw mails as real clients write them — English and
Chinese (and some Cantonese, Japanese, German and French); UTF-8, GB2312
and GBK (also GBK text labelled gb2312, and raw 8-bit GBK headers), Big5
(and Big5-HKSCS labelled Big5), Shift_JIS (CP932), ISO-2022-JP, ISO-8859-1
(also Windows-1252 text labelled ISO-8859-1) and Windows-1252; quoted-
printable, base64, 7- and 8-bit bodies; RFC 2047 subjects and names (also
inside quotes, and cut inside a character), HTML-only mail, multipart/
alternative, attachments with RFC 2231 Chinese file names (plain,
continued, GBK, Big5) and RFC 2047 ones — and among them replies (by
In-Reply-To, by References only, by the subject tag "[TEST #N]", by a
reply-prefixed subject such as "回复：" or "AW: "), duplicates (the same
Message-ID delivered again over another path, once with the field folded;
a mail without Message-ID delivered twice byte for byte), out-of-office
answers, a mailing-list mail, a DSN bounce, malformed mail (broken
multipart boundaries), strangers quoting someone else's tag, a participant
on Cc using the tag, and odd shapes (no Subject, no From, a Message-ID
without angle brackets, a name in an address comment).

Ticket numbers are handed out in ingest order, so the corpus must be
injected in list order (one UID after the other): mail i then has the
expected outcome mails[i].outcome on ticket mails[i].ticket.

bulk(seed, n) makes n plain ~4 KB complaints and replies (In-Reply-To or
References to an earlier mail of the set) for the crash tests.

Nothing here talks to a server; `python3 corpus.py` prints the corpus
summary, `python3 corpus.py DIR` also writes the mails as DIR/NNN.eml.
"""

import base64
import collections
import datetime
import hashlib
import quopri
import random
import sys
import urllib.parse
from dataclasses import dataclass, field
from pathlib import Path

TAG = "TEST"  # configs.py: desk.ticket_tag
DESK = "support@example.com"
SEED = 20240611
COUNT = 200
# Where the test cuts the corpus for injection: the first chunk is there
# before the daemon starts (two batches of FETCH_BATCH_MAILS = 100), the
# others are appended while it runs (IDLE brings them).
CHUNKS = ((0, 130), (130, 165), (165, 200))

BASE_TIME = datetime.datetime(2024, 3, 4, 9, 0, 0,
                              tzinfo=datetime.timezone(datetime.timedelta(hours=8)))


# ---------------------------------------------------------------------------
# Encoding helpers
# ---------------------------------------------------------------------------

def _codec(charset):
    return {"us-ascii": "ascii"}.get(charset.lower(), charset)


def _q_word(data):
    """RFC 2047 "Q" encoding of bytes."""
    out = []
    for c in data:
        ch = chr(c)
        if ch == " ":
            out.append("_")
        elif c < 0x80 and (ch.isalnum() or ch in "!*+-/"):
            out.append(ch)
        else:
            out.append("=%02X" % c)
    return "".join(out)


def encoded_words(text, charset, enc="B", limit=75, codec=None, split=False):
    """text as RFC 2047 encoded words of at most limit characters, split
    between characters, folded with CRLF SP.  codec: the Python codec when
    the label lies (GBK text labelled GB2312).  split: cut the bytes every
    10 octets instead, inside characters, as some webmails do."""
    codec = codec or _codec(charset)
    if split:
        data = text.encode(codec)
        return "\r\n ".join(
            "=?%s?B?%s?=" % (charset, base64.b64encode(data[k:k + 10]).decode())
            for k in range(0, len(data), 10))

    def word(s):
        data = s.encode(codec)
        payload = (base64.b64encode(data).decode() if enc == "B"
                   else _q_word(data))
        return "=?%s?%s?%s?=" % (charset, enc, payload)

    words, cur = [], ""
    for ch in text:
        if cur and len(word(cur + ch)) > limit:
            words.append(word(cur))
            cur = ch
        else:
            cur += ch
    if cur:
        words.append(word(cur))
    return "\r\n ".join(words)


def fold(value, first=10):
    """Folds a long ASCII header value at spaces (unfolding restores it)."""
    if "\r\n" in value or first + len(value) <= 76:
        return value
    out, cur = [], ""
    for w in value.split(" "):
        if cur and first + len(cur) + 1 + len(w) > 76:
            out.append(cur)
            cur, first = w, 1
        else:
            cur = w if not cur else cur + " " + w
    out.append(cur)
    return "\r\n ".join(out)


def header_text(text, style):
    """A header value (Subject, display name) in a client's style:
    "ascii", "raw" (8-bit UTF-8, RFC 6532), ("raw", codec) (8-bit bytes in
    the mail's own charset, as old Chinese clients send), or (charset,
    "B"|"Q"[, codec[, "split"]])."""
    if text.isascii():
        return fold(text)
    if style == "raw":
        return text
    if style[0] == "raw":
        return text.encode(style[1])
    # An ASCII-only client still has to encode what is not ASCII.
    style = ("UTF-8", "B") if style == "ascii" else style
    charset, enc = style[:2]
    codec = style[2] if len(style) > 2 else None
    return encoded_words(text, charset, enc, codec=codec,
                         split=len(style) > 3 and style[3] == "split")


def subject_value(text, style):
    """Subject with an ASCII reply prefix kept outside the encoded words,
    as most clients write it ("Re: =?GB2312?B?...?=")."""
    if style == "raw" or style[0] == "raw" or text.isascii():
        return header_text(text, style)
    for prefix in ("Re: Re: ", "Re: ", "RE: ", "AW: ", "RE : ", "Fwd: "):
        if text.startswith(prefix) and not text[len(prefix):].isascii():
            return prefix + header_text(text[len(prefix):], style)
    return header_text(text, style)


def mailbox_value(name, addr, style):
    """From/Cc value: Name <addr> with the name in style."""
    if not name:
        return "<%s>" % addr if style != "bare" else addr
    if style == "comment":
        return "%s (%s)" % (addr, name)
    if name.isascii():
        if any(c in name for c in ',.;:"()<>@[]'):
            return '"%s" <%s>' % (name.replace('"', '\\"'), addr)
        return "%s <%s>" % (name, addr)
    if style == "raw":
        return '"%s" <%s>' % (name, addr)
    if style[0] == "raw":
        return b'"' + name.encode(style[1]) + b'" <' + addr.encode() + b'>'
    if style[0] == "quoted":
        # Foxmail and others: an encoded word inside a quoted string
        # (RFC 2047 forbids it; every mail reader decodes it anyway).
        return '"%s" <%s>' % (header_text(name, style[1:]), addr)
    return "%s <%s>" % (header_text(name, style), addr)


def cte_encode(data, cte):
    """Bytes with LF line ends → body bytes in transfer encoding cte, CRLF."""
    if cte == "base64":
        out = base64.encodebytes(data)
    elif cte == "quoted-printable":
        out = quopri.encodestring(data)
    else:
        out = data
    out = out.replace(b"\r\n", b"\n").replace(b"\n", b"\r\n")
    return out if out.endswith(b"\r\n") else out + b"\r\n"


def render_headers(headers):
    out = b""
    for name, value in headers:
        if isinstance(value, str):
            value = value.encode("utf-8")
        out += name.encode() + b": " + value + b"\r\n"
    return out


class Entity:
    """A MIME entity: its content header fields and its encoded body."""

    def __init__(self, headers, body):
        self.headers = headers
        self.body = body

    def bytes(self):
        return render_headers(self.headers) + b"\r\n" + self.body


def text_entity(text, subtype, charset, cte, quote_charset=True, codec=None):
    data = text.replace("\r\n", "\n").encode(codec or _codec(charset))
    cs = '"%s"' % charset if quote_charset else charset
    return Entity([("Content-Type", "text/%s; charset=%s" % (subtype, cs)),
                   ("Content-Transfer-Encoding", cte)],
                  cte_encode(data, cte))


def multipart(subtype, parts, boundary, extra="", preamble=True):
    body = b""
    if preamble:
        body += b"This is a multi-part message in MIME format.\r\n\r\n"
    for p in parts:
        body += b"--" + boundary.encode() + b"\r\n" + p.bytes()
        if not body.endswith(b"\r\n"):
            body += b"\r\n"
    body += b"--" + boundary.encode() + b"--\r\n"
    return Entity([("Content-Type", 'multipart/%s;%s\r\n\tboundary="%s"'
                    % (subtype, extra, boundary))], body)


def filename_params(name, style, param="filename"):
    """Content-Disposition/Content-Type parameters naming a file."""
    if style == "ascii":
        return '%s="%s"' % (param, name)
    if style.startswith("2231-"):
        charset = {"2231-utf8": "UTF-8", "2231-cont": "UTF-8",
                   "2231-gbk": "GBK", "2231-big5": "Big5",
                   "2231-latin1": "ISO-8859-1"}[style]
        enc = urllib.parse.quote(name.encode(_codec(charset)), safe="")
        if style != "2231-cont":
            return "%s*=%s''%s" % (param, charset, enc)
        # RFC 2231 continuations, split between %XX escapes.
        pieces, cur = [], ""
        for tok in _percent_tokens(enc):
            if len(cur) + len(tok) > 24:
                pieces.append(cur)
                cur = ""
            cur += tok
        pieces.append(cur)
        return ";\r\n\t".join(
            "%s*%d*=%s%s" % (param, i, "%s''" % charset if i == 0 else "", p)
            for i, p in enumerate(pieces))
    if style.startswith("2047-"):
        # Outlook and many webmails: an encoded word inside quotes.
        charset = {"2047-utf8": "UTF-8", "2047-cp1252": "Windows-1252",
                   "2047-gbk": "GBK"}[style]
        enc = "Q" if charset == "Windows-1252" else "B"
        return '%s="%s"' % (param, encoded_words(name, charset, enc,
                                                 limit=200))
    raise ValueError(style)


def _percent_tokens(s):
    i = 0
    while i < len(s):
        if s[i] == "%":
            yield s[i:i + 3]
            i += 3
        else:
            yield s[i]
            i += 1


def attachment_entity(data, ctype, filename, style):
    return Entity([
        ("Content-Type", "%s;\r\n\t%s" % (ctype, filename_params(filename, style, "name"))),
        ("Content-Transfer-Encoding", "base64"),
        ("Content-Disposition", "attachment;\r\n\t%s" % filename_params(filename, style)),
    ], cte_encode(data, "base64"))


def rfc2822_date(when):
    return when.strftime("%a, %d %b %Y %H:%M:%S %z")


# ---------------------------------------------------------------------------
# Vocabulary: customers, products, problems, texts
# ---------------------------------------------------------------------------

LANG_TEXT = {
    "zh": dict(
        products=["电饭煲", "蓝牙耳机", "空气净化器", "儿童自行车", "保温杯",
                  "笔记本电脑", "吸尘器", "电动牙刷", "洗衣机", "微波炉"],
        problems=["无法开机", "外壳有裂痕", "快递一直没有送到", "少发了配件",
                  "颜色和描述不符", "用了三天就坏了"],
        subject="订单{o}：{p}{q}",
        body="您好：\n\n我上周在贵店购买了{p}（订单号 {o}），{q}。\n"
             "请尽快给我答复，我希望退款。\n\n参考编号：{ref}\n\n{n}\n",
        reply="补充一下：{p}的情况越来越糟，请尽快处理。\n参考编号：{ref}\n",
        quote="在 2024年3月4日 09:00，{n} 写道：\n",
        re=["回复：", "答复: ", "Re: ", "RE: 回复："],
        photo="损坏照片", invoice="发票", more="补充材料",
    ),
    "tw": dict(
        products=["電飯鍋", "藍牙耳機", "空氣清淨機", "兒童腳踏車", "保溫杯",
                  "筆記型電腦"],
        problems=["無法開機", "外殼有裂痕", "一直沒有送到", "少了配件"],
        subject="訂單{o}：{p}{q}",
        body="您好：\n\n我上週訂購的{p}（訂單編號 {o}）{q}。\n"
             "請盡快處理，我希望換貨。\n\n參考編號：{ref}\n\n{n}\n",
        reply="請問處理得如何？{p}還是不能用。\n參考編號：{ref}\n",
        quote="{n} 於 2024年3月4日 寫道：\n",
        re=["回覆：", "Re: "],
        photo="損壞照片", invoice="收據", more="補充資料",
    ),
    "hk": dict(
        products=["電飯煲", "藍牙耳機", "抽濕機", "雪櫃"],
        problems=["壞咗", "冇送到", "唔著得"],
        subject="訂單{o}：{p}{q}",
        body="你好，\n\n我喺你哋網店買嘅{p}（訂單編號 {o}）{q}。\n"
             "唔該盡快幫我處理，我想退錢。\n\n參考編號：{ref}\n\n{n}\n",
        reply="{p}嘅問題仲未搞掂，唔該盡快回覆。\n參考編號：{ref}\n",
        quote="{n} 於 2024年3月4日 寫道：\n",
        re=["回覆：", "Re: "],
        photo="相片", invoice="單據", more="補充資料",
    ),
    "ja": dict(
        products=["炊飯器", "ワイヤレスイヤホン", "加湿器", "掃除機", "電気ケトル"],
        problems=["届きません", "電源が入りません", "破損していました",
                  "部品が足りません"],
        subject="注文番号{o}：{p}が{q}",
        body="お世話になっております。\n\n先週注文した{p}（注文番号 {o}）が{q}。\n"
             "至急ご確認をお願いいたします。\n\n参照番号：{ref}\n\n{n}\n",
        reply="その後いかがでしょうか。{p}の件、ご返信をお待ちしております。\n"
              "参照番号：{ref}\n",
        quote="2024年3月4日 9:00 {n}:\n",
        re=["Re: ", "返信: "],
        photo="写真", invoice="領収書", more="追加のご連絡",
    ),
    "en": dict(
        products=["rice cooker", "bluetooth headset", "air purifier",
                  "kids bike", "thermos flask", "laptop", "vacuum cleaner"],
        problems=["arrived broken", "never arrived", "stopped working after a week",
                  "is missing parts", "came in the wrong colour"],
        subject="Order {o}: the {p} {q}",
        body="Hello,\n\nI ordered a {p} (order {o}) and it {q}.\n"
             "I would like a refund as soon as possible.\n\nReference: {ref}\n\n"
             "Regards,\n{n}\n",
        reply="Any update on this? The {p} is still unusable.\nReference: {ref}\n",
        quote="On Mon, 4 Mar 2024 at 09:00, {n} wrote:\n",
        re=["Re: ", "RE: ", "Re: Re: ", "Re[2]: "],
        photo="damage photo", invoice="invoice", more="more information",
    ),
    "de": dict(
        products=["Kaffeemühle", "Bügeleisen", "Wasserkocher", "Küchenwaage"],
        problems=["ist defekt angekommen", "wurde nie geliefert",
                  "funktioniert nicht mehr", "hat die falsche Größe"],
        subject="Reklamation Bestellung {o}: {p} {q}",
        body="Sehr geehrte Damen und Herren,\n\ndie {p} aus Bestellung {o} {q}.\n"
             "Bitte erstatten Sie mir den Kaufpreis.\n\nReferenz: {ref}\n\n"
             "Mit freundlichen Grüßen\n{n}\n",
        reply="Ich warte immer noch auf eine Antwort zur {p}.\nReferenz: {ref}\n",
        quote="Am 04.03.2024 um 09:00 schrieb {n}:\n",
        re=["AW: ", "Re: "],
        photo="Schadensfoto", invoice="Rechnung März", more="weitere Informationen",
    ),
    "fr": dict(
        products=["cafetière", "bouilloire", "sèche-cheveux", "grille-pain"],
        problems=["est arrivée cassée", "n’a jamais été livrée",
                  "ne fonctionne plus", "a des pièces manquantes"],
        subject="Commande {o} : ma {p} {q} – remboursement",
        body="Bonjour,\n\nma {p} (commande {o}) {q}. C’est « inacceptable » – "
             "j’ai payé 49,90 €.\nMerci de me rembourser.\n\nRéférence : {ref}\n\n"
             "Cordialement,\n{n}\n",
        reply="Toujours pas de réponse pour ma {p} ? J’attends.\nRéférence : {ref}\n",
        quote="Le 4 mars 2024 à 09:00, {n} a écrit :\n",
        re=["RE : ", "Re: "],
        photo="photo dégâts", invoice="facture réparation",
        more="informations supplémentaires",
    ),
}

# How clients write: header encodings, body shape, charset and transfer
# encoding, the attachment file-name convention, the mailer header.
STYLES = {
    "foxmail": dict(subj=("GB2312", "B"), name=("quoted", "GB2312", "B"), body="plain",
                    cs="GB2312", cte="base64", att="2231-gbk",
                    mailer=("X-Mailer", "Foxmail 7.2.25.228[cn]")),
    "netease": dict(subj=("GBK", "B"), name=("GBK", "B"), body="html",
                    cs="GBK", cte="quoted-printable", att="2231-cont",
                    mailer=("X-Mailer", "Coremail Webmail Server Version XT5.0.13")),
    "outlook_zh": dict(subj=("UTF-8", "B"), name=("UTF-8", "B"), body="alternative",
                       cs="UTF-8", cte="base64", att="2047-utf8",
                       mailer=("X-Mailer", "Microsoft Outlook 16.0")),
    "iphone_zh": dict(subj=("UTF-8", "B"), name=("UTF-8", "Q"), body="plain",
                      cs="UTF-8", cte="quoted-printable", att="2231-utf8",
                      mailer=("X-Mailer", "iPhone Mail (21D61)")),
    "raw8": dict(subj="raw", name="raw", body="plain", cs="UTF-8", cte="8bit",
                 att="2231-utf8", mailer=("User-Agent", "Mutt/2.2.12 (2023-09-09)")),
    # Foxmail labels GBK text "gb2312" (names like 陶喆 are not GB2312).
    "foxmail_gbk": dict(subj=("gb2312", "B", "gbk"), name=("quoted", "gb2312", "B", "gbk"),
                        body="plain", cs="gb2312", codec="gbk", cte="8bit", att="2231-gbk",
                        mailer=("X-Mailer", "Foxmail 6, 15, 201, 26 [cn]")),
    # Old clients: 8-bit GBK straight in the header, unencoded.
    "raw_gbk": dict(subj=("raw", "gbk"), name=("raw", "gbk"), body="plain", cs="GBK",
                    cte="base64", att="2231-gbk",
                    mailer=("X-Mailer", "Microsoft Outlook Express 6.00.2900.2180")),
    # A webmail that cuts encoded words every few bytes, inside characters.
    "split_ew": dict(subj=("UTF-8", "B", "utf-8", "split"),
                     name=("UTF-8", "B", "utf-8", "split"), body="alternative",
                     cs="UTF-8", cte="base64", att="2231-cont",
                     mailer=("X-Mailer", "SinaMail 2.0")),
    "big5": dict(subj=("Big5", "B"), name=("Big5", "B"), body="plain",
                 cs="Big5", cte="base64", att="2231-big5",
                 mailer=("X-Mailer", "Microsoft Outlook Express 6.00.2900.5931")),
    "big5_html": dict(subj=("Big5", "B"), name=("Big5", "B"), body="alternative",
                      cs="Big5", cte="quoted-printable", att="2231-big5",
                      mailer=("X-Mailer", "Microsoft Outlook 16.0")),
    # Hong Kong: Cantonese characters of HKSCS, labelled plain Big5.
    "hkscs": dict(subj=("Big5", "B", "big5hkscs"), name=("Big5", "B", "big5hkscs"),
                  body="plain", cs="Big5", codec="big5hkscs", cte="quoted-printable",
                  att="2231-utf8", mailer=("X-Mailer", "Netvigator Webmail")),
    # Shift_JIS as Windows writes it (CP932: ① ㈱ and friends).
    "sjis": dict(subj=("Shift_JIS", "B", "cp932"), name=("Shift_JIS", "B", "cp932"),
                 body="plain", cs="Shift_JIS", codec="cp932", cte="base64", att="2231-utf8",
                 mailer=("X-Mailer", "Becky! ver. 2.81.04")),
    "jis": dict(subj=("ISO-2022-JP", "B"), name=("ISO-2022-JP", "B"), body="plain",
                cs="ISO-2022-JP", cte="7bit", att="2231-utf8",
                mailer=("X-Mailer", "Microsoft Outlook Express 6.00.2900.5512")),
    "gmail": dict(subj="ascii", name="ascii", body="alternative", cs="UTF-8",
                  cte="quoted-printable", att="ascii", mailer=None),
    "plain_en": dict(subj="ascii", name="ascii", body="plain", cs="us-ascii",
                     cte="7bit", att="ascii",
                     mailer=("User-Agent", "Mozilla Thunderbird 115.8.0")),
    "html_en": dict(subj="ascii", name="ascii", body="html", cs="UTF-8",
                    cte="base64", att="ascii", mailer=("X-Mailer", "WebMail 3.1")),
    "latin1": dict(subj=("ISO-8859-1", "Q"), name=("ISO-8859-1", "Q"), body="plain",
                   cs="ISO-8859-1", cte="quoted-printable", att="2231-latin1",
                   mailer=("User-Agent", "Mozilla Thunderbird 102.0")),
    # Outlook on Windows: labelled ISO-8859-1, written in Windows-1252.
    "latin1_lie": dict(subj=("ISO-8859-1", "Q", "cp1252"), name=("ISO-8859-1", "Q", "cp1252"),
                       body="plain", cs="ISO-8859-1", codec="cp1252",
                       cte="quoted-printable", att="2047-cp1252",
                       mailer=("X-Mailer", "Microsoft Outlook 14.0")),
    "cp1252": dict(subj=("Windows-1252", "Q"), name=("Windows-1252", "Q"),
                   body="alternative", cs="Windows-1252", cte="quoted-printable",
                   att="2047-cp1252", mailer=("X-Mailer", "Microsoft Outlook 15.0")),
}

# (name, address, language, client)
CUSTOMERS = [
    ("张伟", "zhang.wei@163.example", "zh", "foxmail"),
    ("王芳", "wangfang88@qq.example", "zh", "netease"),
    ("李娜", "lina.li@126.example", "zh", "outlook_zh"),
    ("刘洋", "liuyang@sina.example", "zh", "raw8"),
    ("陈静", "chenjing@foxmail.example", "zh", "iphone_zh"),
    ("杨磊", "yanglei@163.example", "zh", "foxmail"),
    ("赵敏", "zhaomin@qq.example", "zh", "outlook_zh"),
    ("黄勇", "huangyong@aliyun.example", "zh", "netease"),
    ("周杰", "zhoujie@126.example", "zh", "iphone_zh"),
    ("吴霞", "wuxia@qq.example", "zh", "foxmail"),
    ("徐明", "xuming@163.example", "zh", "outlook_zh"),
    ("孙丽", "sunli@sohu.example", "zh", "raw8"),
    ("马超", "machao@qq.example", "zh", "netease"),
    ("朱琳", "zhulin@163.example", "zh", "iphone_zh"),
    ("陳大文", "tawen.chen@hinet.example", "tw", "big5"),
    ("林美玲", "meiling.lin@yahoo-tw.example", "tw", "big5_html"),
    ("黃志明", "chiming.huang@hinet.example", "tw", "big5"),
    ("山田太郎", "taro.yamada@docomo.example", "ja", "sjis"),
    ("㈱サトウ 佐藤花子", "hanako.sato@yahoo-jp.example", "ja", "sjis"),
    ("鈴木一郎", "ichiro.suzuki@nifty.example", "ja", "jis"),
    ("陶喆", "tao.zhe@163.example", "zh", "foxmail_gbk"),
    ("朱镕", "zhu.rong@sina.example", "zh", "raw_gbk"),
    ("欧阳娜娜", "ouyang.nana@qq.example", "zh", "split_ew"),
    ("何嘉欣", "kayan.ho@netvigator.example", "hk", "hkscs"),
    ("Amélie Roux", "amelie.roux@wanadoo.example", "fr", "latin1_lie"),
    ("John Smith", "john.smith@gmail.example", "en", "gmail"),
    ("Emily Johnson", "emily.j@outlook.example", "en", "html_en"),
    ("Michael Brown", "mbrown@yahoo.example", "en", "plain_en"),
    ("Smith, Anna", "anna.smith@corp.example", "en", "gmail"),
    ("Olivia Davis", "olivia.davis@gmail.example", "en", "html_en"),
    ("James Wilson", "jwilson@icloud.example", "en", "plain_en"),
    ("Sophia Martinez", "sophia.m@gmail.example", "en", "gmail"),
    ("", "orders-4471@shop.example", "en", "plain_en"),
    ("Jürgen Weiß", "juergen.weiss@web.example", "de", "latin1"),
    ("Zoë Müller", "zoe.mueller@gmx.example", "de", "latin1"),
    ("François Lefèvre", "f.lefevre@orange.example", "fr", "cp1252"),
    ("Chloé Dubois", "chloe.dubois@free.example", "fr", "cp1252"),
]

# Never customers of their own; they appear only in the special cases.
MANAGER = ("李经理", "manager.li@corp.example")
SPOUSE = ("Mary Smith", "mary.smith@gmail.example")
STRANGERS = [("钱多多", "qian.duoduo@qq.example"), ("Peter Parker", "peter@dailybugle.example")]
LISTER = ("Kevin Lee", "kevin.lee@members.example")


# ---------------------------------------------------------------------------
# The model
# ---------------------------------------------------------------------------

@dataclass
class Mail:
    index: int
    raw: bytes
    kind: str                 # what the generator made it: new, reply, dup, ...
    label: str                # which variety, for messages and the summary
    outcome: str              # "created", "appended" or "duplicate"
    ticket: int               # the ticket it must end on
    by: str = None            # expected threading evidence of an append
    message_id: str = None    # without <>; None when the mail has none
    sender: str = ""
    sender_name: str = None
    subject: str = ""         # the decoded subject
    needles: list = field(default_factory=list)   # text the stored body holds
    attachments: list = field(default_factory=list)  # (name, type, size, sha256)
    auto: str = None          # a marker the stored message must carry
    linked: int = None        # a new ticket's linked ticket
    quarantine: str = None    # a word the quarantine reason must hold
    lang: str = "en"
    style: str = "plain_en"
    body_rest: bytes = b""    # everything after the Received lines

    def describe(self):
        return "mail %d (%s/%s, %s, Message-ID %s)" % (
            self.index, self.kind, self.label, self.style, self.message_id)


@dataclass
class Ticket:
    number: int
    subject: str
    customer: str
    customer_name: str = None
    linked: int = None
    mails: list = field(default_factory=list)   # non-duplicate, in order
    lang: str = "en"
    style: str = "plain_en"
    product: str = ""
    order: str = ""
    replyable: bool = True    # a real customer who answers


@dataclass
class Corpus:
    seed: int
    mails: list
    tickets: dict             # number -> Ticket
    chunks: tuple

    def summary(self):
        kinds = collections.Counter(m.kind for m in self.mails)
        labels = collections.Counter(m.label for m in self.mails)
        outcomes = collections.Counter(m.outcome for m in self.mails)
        styles = collections.Counter(m.style for m in self.mails)
        lines = ["corpus seed=%d: %d mails -> %d tickets" % (
                     self.seed, len(self.mails), len(self.tickets)),
                 "  outcomes: " + ", ".join("%s=%d" % kv for kv in sorted(outcomes.items())),
                 "  kinds:    " + ", ".join("%s=%d" % kv for kv in sorted(kinds.items())),
                 "  labels:   " + ", ".join("%s=%d" % kv for kv in sorted(labels.items())),
                 "  clients:  " + ", ".join("%s=%d" % kv for kv in sorted(styles.items())),
                 "  attachments: %d" % sum(len(m.attachments) for m in self.mails),
                 "  quarantined: %d" % sum(1 for m in self.mails if m.quarantine)]
        return "\n".join(lines)

    def customer_names(self):
        """address (lower) -> the first non-empty display name seen, as the
        store keeps it (duplicates never reach the customer table)."""
        names = {}
        for m in self.mails:
            if m.outcome == "duplicate":
                continue
            key = m.sender.lower()
            if not names.get(key):
                names[key] = m.sender_name or None
        return names


class _Gen:
    def __init__(self, seed):
        self.rng = random.Random(seed)
        self.seed = seed
        self.mails = []
        self.tickets = {}
        self.used_orders = set()
        self.customer_queue = list(CUSTOMERS)
        self.rng.shuffle(self.customer_queue)
        self.seen_customers = []

    # -- small pieces ----------------------------------------------------

    def order(self):
        while True:
            o = str(self.rng.randint(100000, 999999))
            if o not in self.used_orders:
                self.used_orders.add(o)
                return o

    def msgid(self, i, host):
        return "%s.%d.%s@%s" % (
            "".join(self.rng.choice("0123456789ABCDEFGHJKLMNPQRSTUVWXYZ")
                    for _ in range(12)), i, self.seed, host)

    def when(self, i):
        return BASE_TIME + datetime.timedelta(minutes=7 * i + self.rng.randint(0, 5))

    def received(self, i, when, hops=None):
        hops = hops or self.rng.randint(1, 3)
        lines = []
        t = when
        for h in range(hops):
            t = t + datetime.timedelta(seconds=self.rng.randint(1, 20))
            mx = self.rng.choice(["mx1", "mx2", "mx3", "relay", "smtp-in"])
            ip = "192.0.2.%d" % self.rng.randint(1, 254)
            sid = "".join(self.rng.choice("0123456789ABCDEF") for _ in range(10))
            lines.append(("Received", "from %s.provider.example (%s.provider.example [%s])\r\n"
                          "\tby mail.example.com (Postfix) with ESMTPS id %s\r\n"
                          "\tfor <%s>; %s" % (mx, mx, ip, sid, DESK, rfc2822_date(t))))
        return render_headers(lines[::-1])

    def host_of(self, addr):
        return addr.split("@", 1)[1]

    def pick_customer(self, fresh_bias=0.6):
        if self.customer_queue and (not self.seen_customers or self.rng.random() < fresh_bias):
            c = self.customer_queue.pop()
            self.seen_customers.append(c)
            return c
        return self.rng.choice(self.seen_customers)

    def texts(self, lang):
        return LANG_TEXT[lang]

    def attachments_for(self, lang, style, n):
        t = self.texts(lang)
        out, ents = [], []
        for k in range(n):
            if self.rng.random() < 0.5:
                name = "%s%s.png" % (t["photo"], "" if k == 0 else k + 1)
                data = b"\x89PNG\r\n\x1a\n" + self.rng.randbytes(self.rng.randint(1500, 6000))
                ctype = "image/png"
            else:
                name = "%s%s.pdf" % (t["invoice"], "" if k == 0 else k + 1)
                data = (b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n" +
                        self.rng.randbytes(self.rng.randint(1500, 6000)) + b"\n%%EOF\n")
                ctype = "application/pdf"
            att_style = STYLES[style]["att"]
            if att_style == "ascii" and not name.isascii():
                att_style = "2231-utf8"
            ents.append(attachment_entity(data, ctype, name, att_style))
            out.append((name, ctype, len(data), hashlib.sha256(data).hexdigest()))
        return out, ents

    def html_of(self, text, charset):
        paras = text.strip("\n").split("\n\n")
        body = "".join("<p>%s</p>\n" % p.replace("\n", "<br>\n") for p in paras)
        return ('<html><head><meta http-equiv="Content-Type" content="text/html; '
                'charset=%s"><style>p{margin:0}</style></head>\n<body>\n'
                '<div style="font-family:SimSun">\n%s</div>\n</body></html>\n'
                % (charset, body))

    def body_entity(self, text, style, n_attach=0, lang="en"):
        """The body of a mail in a client's style; (entity, attachments)."""
        st = STYLES[style]
        cs, cte, codec = st["cs"], st["cte"], st.get("codec")
        quote = style not in ("foxmail", "raw8", "foxmail_gbk", "raw_gbk")
        if st["body"] == "plain":
            ent = text_entity(text, "plain", cs, cte, quote_charset=quote, codec=codec)
        elif st["body"] == "html":
            ent = text_entity(self.html_of(text, cs), "html", cs, cte, quote_charset=quote,
                              codec=codec)
        else:
            b = "----=_NextPart_%012X" % self.rng.getrandbits(48)
            ent = multipart("alternative", [
                text_entity(text, "plain", cs, cte, quote_charset=quote, codec=codec),
                text_entity(self.html_of(text, cs), "html", cs,
                            "quoted-printable" if cte == "base64" else cte,
                            quote_charset=quote, codec=codec)], b)
        atts = []
        if n_attach:
            atts, ents = self.attachments_for(lang, style, n_attach)
            b = "----=_Part_%d_%d" % (self.rng.getrandbits(30), len(self.mails))
            ent = multipart("mixed", [ent] + ents, b)
        return ent, atts

    def assemble(self, i, *, sender, style, subject, text, to=DESK, cc=None,
                 message_id=True, in_reply_to=None, references=None,
                 extra=(), n_attach=0, lang="en", entity=None, sender_style=None,
                 shape=()):
        """Raw mail (Received lines + rest) and its fields.  shape: "no-subject"
        (no Subject field), "no-from" (a web form: Sender only), "bare-id"
        (a Message-ID without angle brackets, as old mailers write)."""
        st = STYLES[style]
        name, addr = sender
        when = self.when(i)
        host = self.host_of(addr)
        mid = self.msgid(i, host) if message_id else None
        headers = []
        if "no-from" in shape:
            headers.append(("Sender", addr))
        else:
            headers.append(("From", mailbox_value(name, addr, sender_style or st["name"])))
        headers.append(("To", to))
        if cc:
            headers.append(("Cc", b", ".join(
                v if isinstance(v, bytes) else v.encode()
                for v in (mailbox_value(n, a, st["name"]) for n, a in cc))))
        if "no-subject" not in shape:
            headers.append(("Subject", subject_value(subject, st["subj"])))
        headers.append(("Date", rfc2822_date(when)))
        if mid:
            headers.append(("Message-ID", mid if "bare-id" in shape else "<%s>" % mid))
        if in_reply_to:
            headers.append(("In-Reply-To", "<%s>" % in_reply_to))
        if references:
            headers.append(("References", "\r\n ".join("<%s>" % r for r in references)))
        if st["mailer"]:
            headers.append(st["mailer"])
        headers.extend(extra)
        headers.append(("MIME-Version", "1.0"))
        atts = []
        if entity is None:
            entity, atts = self.body_entity(text, style, n_attach, lang)
        rest = render_headers(headers) + entity.bytes()
        raw = self.received(i, when) + rest
        return raw, rest, mid, atts

    def add(self, mail):
        assert mail.index == len(self.mails)
        self.mails.append(mail)
        if mail.outcome != "duplicate":
            self.tickets[mail.ticket].mails.append(mail)
        return mail

    # -- kinds -------------------------------------------------------------

    def new_ticket(self, i, label="new", customer=None, subject=None, cc=None,
                   message_id=True, n_attach=None, extra=(), auto=None,
                   sender_style=None, replyable=True, linked=None, shape=()):
        name, addr, lang, style = customer or self.pick_customer()
        t = self.texts(lang)
        product = self.rng.choice(t["products"])
        o = self.order()
        if subject is None:
            subject = t["subject"].format(o=o, p=product, q=self.rng.choice(t["problems"]))
            if lang == "en" and self.rng.random() < 0.2:
                subject = ("Complaint about order %s - the %s I bought last month %s "
                           "and nobody answers my calls" % (o, product,
                                                           self.rng.choice(t["problems"])))
        ref = "REF-%04d" % i
        text = t["body"].format(p=product, o=o, q=self.rng.choice(t["problems"]),
                                ref=ref, n=name or addr)
        if n_attach is None:
            n_attach = self.rng.choice([0, 0, 0, 0, 1, 1, 2])
        raw, rest, mid, atts = self.assemble(
            i, sender=(name, addr), style=style, subject=subject, text=text, cc=cc,
            message_id=message_id, n_attach=n_attach, lang=lang, extra=extra,
            sender_style=sender_style, shape=shape)
        if "no-subject" in shape:
            subject = ""
        number = len(self.tickets) + 1
        self.tickets[number] = Ticket(number, subject, addr, linked=linked, lang=lang,
                                      style=style, product=product, order=o,
                                      replyable=replyable)
        return self.add(Mail(i, raw, "new", label, "created", number, None, mid, addr,
                             name or None, subject, [ref, product], atts, auto,
                             linked, None, lang, style, rest))

    def reply_text(self, i, ticket, quoted=None):
        t = self.texts(ticket.lang)
        ref = "REF-%04d" % i
        text = t["reply"].format(p=ticket.product, ref=ref)
        if quoted is not None and self.rng.random() < 0.6:
            text += "\n" + t["quote"].format(n=quoted.sender_name or quoted.sender)
            text += "> %s\n" % quoted.needles[0]
        return text, [ref]

    def reply_subject(self, ticket, tagged=False):
        t = self.texts(ticket.lang)
        prefix = self.rng.choice(t["re"])
        if tagged:
            return "%s[%s #%d] %s" % (prefix, TAG, ticket.number, ticket.subject)
        return prefix + ticket.subject

    def pick_ticket(self, min_age=0, i=None, headers=False, lang=None, subject=False):
        choices = [t for t in self.tickets.values() if t.replyable and
                   (not subject or t.subject) and
                   (i is None or t.mails[0].index <= i - min_age) and
                   (not headers or any(m.message_id for m in t.mails)) and
                   (lang is None or t.lang == lang)]
        return self.rng.choice(choices)

    def owner(self, ticket):
        """(name, address) of the customer who opened ticket."""
        first = ticket.mails[0]
        return (first.sender_name or "", first.sender)

    def reply(self, i, how, ticket=None, sender=None, label=None, n_attach=None,
              extra=(), auto=None, subject=None, text=None, entity=None,
              quarantine=None, message_id=True, parent=None):
        headers = how in ("in-reply-to", "references")
        # An empty subject cannot be answered by subject (nothing to match).
        ticket = ticket or self.pick_ticket(min_age=1 if how == "tag" else 0, i=i,
                                            headers=headers, subject=how == "subject")
        parents = [m for m in ticket.mails if m.message_id] if headers else ticket.mails
        parent = parent or self.rng.choice(parents)
        name, addr = sender or self.owner(ticket)
        style = ticket.style
        in_reply_to = references = None
        if how == "in-reply-to":
            in_reply_to = parent.message_id
            chain = [m.message_id for m in ticket.mails if m.message_id]
            references = chain[-3:] if self.rng.random() < 0.5 else None
            if references and parent.message_id not in references:
                references.append(parent.message_id)
            subj = subject or self.reply_subject(ticket)
            by = "in-reply-to"
        elif how == "references":
            chain = [m.message_id for m in ticket.mails if m.message_id]
            references = chain[-2:]
            if self.rng.random() < 0.5:
                # An id we never saw (the desk's ack) after the known ones.
                references.append("ack.%d.%d@desk.invalid" % (ticket.number, i))
            subj = subject or self.reply_subject(ticket)
            by = "references"
        elif how == "tag":
            subj = subject or (self.reply_subject(ticket, tagged=True)
                               if self.rng.random() < 0.6 else
                               "[%s #%d] %s" % (self.rng.choice([TAG, TAG.lower()]),
                                                ticket.number,
                                                self.texts(ticket.lang)["more"]))
            by = "subject-tag"
        elif how == "subject":
            subj = subject or self.reply_subject(ticket)
            by = "subject"
        else:
            raise ValueError(how)
        if text is None:
            text, needles = self.reply_text(i, ticket, quoted=parent)
        else:
            needles = ["REF-%04d" % i]
        if n_attach is None:
            n_attach = self.rng.choice([0] * 6 + [1])
        raw, rest, mid, atts = self.assemble(
            i, sender=(name, addr), style=style, subject=subj, text=text,
            message_id=message_id, in_reply_to=in_reply_to, references=references,
            n_attach=n_attach, lang=ticket.lang, extra=extra, entity=entity)
        return self.add(Mail(i, raw, "reply", label or how, "appended", ticket.number, by,
                             mid, addr, name or None, subj, needles, atts, auto, None,
                             quarantine, ticket.lang, style, rest))

    def eligible(self, m):
        """Whether m can be delivered again as a Message-ID duplicate."""
        return (m.outcome != "duplicate" and m.message_id and not m.quarantine
                and b"Message-ID: <%s>" % m.message_id.encode() in m.body_rest)

    def duplicate(self, i, original=None, label="dup-resent", fold_id=False, near=None):
        if near is not None:
            # The newest eligible mail at or before index near.
            original = next(m for m in reversed(self.mails[:near + 1]) if self.eligible(m))
        if original is None:
            original = self.rng.choice([m for m in self.mails if self.eligible(m)])
        rest = original.body_rest
        if fold_id:
            old = b"Message-ID: <%s>" % original.message_id.encode()
            assert old in rest
            rest = rest.replace(old, b"Message-ID:\r\n <%s>" % original.message_id.encode())
            label = "dup-resent-folded"
        raw = self.received(i, self.when(i), hops=self.rng.randint(2, 3)) + rest
        assert raw != original.raw
        return self.add(Mail(i, raw, "dup", label, "duplicate", original.ticket, None,
                             original.message_id, original.sender, original.sender_name,
                             original.subject, original.needles, original.attachments,
                             None, None, None, original.lang, original.style, rest))

    def dup_bare(self, i, original):
        """The bracketless-Message-ID mail delivered again."""
        raw = self.received(i, self.when(i), hops=2) + original.body_rest
        return self.add(Mail(i, raw, "dup", "dup-resent-bare-id", "duplicate",
                             original.ticket, None, original.message_id, original.sender,
                             original.sender_name, original.subject, original.needles,
                             original.attachments, None, None, None, original.lang,
                             original.style, original.body_rest))

    def identical_copy(self, i, original):
        assert original.message_id is None
        return self.add(Mail(i, original.raw, "dup", "dup-identical-no-id", "duplicate",
                             original.ticket, None, None, original.sender,
                             original.sender_name, original.subject, original.needles,
                             original.attachments, None, None, None, original.lang,
                             original.style, original.body_rest))

    # -- the special mails ----------------------------------------------------

    def dsn_bounce(self, i):
        when = self.when(i)
        mid = self.msgid(i, "mx.example.net")
        orig_id = "notice.%d@example.com" % i
        b = "%d.%d/mx.example.net" % (i, self.seed)
        ref = "REF-%04d" % i
        notice = ("This is the mail system at host mx.example.net.\n\n"
                  "I'm sorry to have to inform you that your message could not\n"
                  "be delivered to one or more recipients. It's attached below.\n\n"
                  "<orders@supplier.invalid>: host mx.supplier.invalid said: 550 5.1.1\n"
                  "    <orders@supplier.invalid>: Recipient address rejected: "
                  "User unknown (%s)\n" % ref)
        status = ("Reporting-MTA: dns; mx.example.net\n"
                  "X-Postfix-Queue-ID: 4TqR2x0LZ3z9sWd\n"
                  "Arrival-Date: %s\n\n"
                  "Final-Recipient: rfc822; orders@supplier.invalid\n"
                  "Original-Recipient: rfc822;orders@supplier.invalid\n"
                  "Action: failed\nStatus: 5.1.1\n"
                  "Remote-MTA: dns; mx.supplier.invalid\n"
                  "Diagnostic-Code: smtp; 550 5.1.1 <orders@supplier.invalid>: "
                  "Recipient address rejected: User unknown\n" % rfc2822_date(when))
        headers = ("Return-Path: <support@example.com>\n"
                   "From: Test Desk <support@example.com>\n"
                   "To: orders@supplier.invalid\n"
                   "Subject: Shipment 4711 for a customer complaint\n"
                   "Date: %s\nMessage-ID: <%s>\n" % (rfc2822_date(when), orig_id))
        parts = [
            Entity([("Content-Description", "Notification"),
                    ("Content-Type", "text/plain; charset=us-ascii")],
                   cte_encode(notice.encode(), "7bit")),
            Entity([("Content-Description", "Delivery report"),
                    ("Content-Type", "message/delivery-status")],
                   cte_encode(status.encode(), "7bit")),
            Entity([("Content-Description", "Undelivered Message Headers"),
                    ("Content-Type", "text/rfc822-headers")],
                   cte_encode(headers.encode(), "7bit")),
        ]
        ent = multipart("report", parts, b, extra=" report-type=delivery-status;",
                        preamble=True)
        # The report parts are kept as (nameless) attachments; the line
        # break before a delimiter is not part of the body.
        atts = [(None, p.headers[1][1], len(p.body) - 2,
                 hashlib.sha256(p.body[:-2]).hexdigest()) for p in parts[1:]]
        hdrs = [("Return-Path", "<>"),
                ("From", "MAILER-DAEMON@mx.example.net (Mail Delivery System)"),
                ("Subject", "Undelivered Mail Returned to Sender"),
                ("To", DESK), ("Auto-Submitted", "auto-replied"),
                ("Date", rfc2822_date(when)), ("Message-ID", "<%s>" % mid),
                ("MIME-Version", "1.0")]
        rest = render_headers(hdrs) + ent.bytes()
        raw = self.received(i, when) + rest
        number = len(self.tickets) + 1
        subject = "Undelivered Mail Returned to Sender"
        self.tickets[number] = Ticket(number, subject, "MAILER-DAEMON@mx.example.net",
                                      replyable=False)
        return self.add(Mail(i, raw, "new", "dsn-bounce", "created", number, None, mid,
                             "MAILER-DAEMON@mx.example.net", "Mail Delivery System",
                             subject, [ref, "User unknown"], atts, "bounce", None, None,
                             "en", "dsn", rest))

    def list_mail(self, i):
        name, addr = LISTER
        subject = "[gadget-users] Anyone else waiting 3 weeks for the rice cooker?"
        ref = "REF-%04d" % i
        text = ("Hi all,\n\nmy rice cooker order has been stuck for three weeks.\n"
                "Anyone else?\n\nKevin\n%s\n\n-- \ngadget-users mailing list\n"
                "https://lists.example.org/mailman/listinfo/gadget-users\n" % ref)
        extra = [("List-Id", "Gadget users <gadget-users.lists.example.org>"),
                 ("List-Unsubscribe", "<mailto:gadget-users-leave@lists.example.org>"),
                 ("List-Post", "<mailto:gadget-users@lists.example.org>"),
                 ("Precedence", "list"),
                 ("Sender", '"gadget-users" <gadget-users-bounces@lists.example.org>')]
        raw, rest, mid, atts = self.assemble(
            i, sender=(name, addr), style="plain_en", subject=subject, text=text,
            to="gadget-users@lists.example.org", extra=extra, lang="en")
        number = len(self.tickets) + 1
        self.tickets[number] = Ticket(number, subject, addr, replyable=False)
        return self.add(Mail(i, raw, "new", "mailing-list", "created", number, None, mid,
                             addr, name, subject, [ref, "rice cooker"], [], "list", None,
                             None, "en", "plain_en", rest))

    def malformed_new(self, i):
        """multipart/mixed whose declared boundary never appears."""
        name, addr, lang, style = ("胡军", "hujun@126.example", "zh", "outlook_zh")
        ref = "REF-%04d" % i
        o = self.order()
        subject = "订单%s：收到的电水壶漏水" % o
        text = "您好，电水壶（订单 %s）一加水就漏。\n参考编号：%s\n" % (o, ref)
        body = ("--=_real_boundary_77\r\n"
                "Content-Type: text/plain; charset=UTF-8\r\n"
                "Content-Transfer-Encoding: 8bit\r\n\r\n" + text.replace("\n", "\r\n") +
                "\r\n--=_real_boundary_77\r\n"
                "Content-Type: image/png; name=\"photo.png\"\r\n"
                "Content-Transfer-Encoding: base64\r\n\r\n"
                "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk\r\n"
                "--=_real_boundary_77--\r\n").encode("utf-8")
        ent = Entity([("Content-Type", 'multipart/mixed; boundary="=_declared_boundary_42"')],
                     body)
        raw, rest, mid, atts = self.assemble(
            i, sender=(name, addr), style=style, subject=subject, text=None, lang=lang,
            entity=ent)
        number = len(self.tickets) + 1
        self.tickets[number] = Ticket(number, subject, addr, lang=lang, style=style,
                                      product="电水壶", order=o)
        return self.add(Mail(i, raw, "new", "malformed-boundary", "created", number, None,
                             mid, addr, name, subject, [ref, "一加水就漏"], [], None, None,
                             "boundary", lang, style, rest))

    def malformed_reply(self, i):
        """A reply cut off before its closing boundary (a truncated mail)."""
        ticket = self.pick_ticket(i=i, headers=True)
        ref = "REF-%04d" % i
        b = "----=_Truncated_%d" % i
        text = "Reference %s: the second photo did not upload, sending again.\n" % ref
        body = ("--%s\r\nContent-Type: text/plain; charset=UTF-8\r\n"
                "Content-Transfer-Encoding: 7bit\r\n\r\n%s\r\n"
                "--%s\r\nContent-Type: text/html; charset=UTF-8\r\n"
                "Content-Transfer-Encoding: 7bit\r\n\r\n<p>%s</p>\r\n" % (
                    b, text.replace("\n", "\r\n"), b, text.strip())).encode()
        ent = Entity([("Content-Type", 'multipart/alternative; boundary="%s"' % b)], body)
        return self.reply(i, "in-reply-to", ticket=ticket,
                          label="malformed-truncated", entity=ent, text=text,
                          quarantine="boundary")

    def out_of_office(self, i, chinese=False):
        ticket = self.pick_ticket(min_age=5, i=i, lang="zh" if chinese else None)
        ref = "REF-%04d" % i
        if chinese:
            subject = "自动回复：[%s #%d] %s" % (TAG, ticket.number, ticket.subject)
            text = "您好，我正在休假，3月18日回来。\n%s\n" % ref
            extra = [("X-Autoreply", "yes"), ("Auto-Submitted", "auto-replied")]
        else:
            subject = "Automatic reply: [%s #%d] %s" % (TAG, ticket.number, ticket.subject)
            text = "I am out of the office until 18 March with limited access to mail.\n%s\n" % ref
            extra = [("Auto-Submitted", "auto-replied"),
                     ("X-Auto-Response-Suppress", "All")]
        # The answer to the desk's ack, whose Message-ID we never stored.
        extra.append(("In-Reply-To", "<ack.%d@desk.invalid>" % ticket.number))
        return self.reply(i, "tag", ticket=ticket,
                          label="out-of-office", subject=subject, text=text, extra=extra,
                          auto="auto-replied", n_attach=0)

    def stranger(self, i, k, reply_form=False):
        ticket = self.pick_ticket(min_age=3, i=i)
        name, addr = STRANGERS[k]
        if reply_form:
            subject = "Re: [%s #%d] %s" % (TAG, ticket.number, ticket.subject)
        else:
            subject = "[%s #%d] 我也遇到了同样的问题" % (TAG, ticket.number)
        style = "outlook_zh" if not name.isascii() else "gmail"
        lang = "zh" if not name.isascii() else "en"
        # Not replyable: the stranger's own replies would carry their own
        # ticket's tag, which this corpus does not model.
        return self.new_ticket(i, label="stranger-tag", customer=(name, addr, lang, style),
                               subject=subject, linked=ticket.number, n_attach=0,
                               replyable=False)

    # -- the corpus -----------------------------------------------------------

    def build(self, count, chunks):
        specials = {
            7: lambda i: self.new_ticket(i, label="new-no-subject", shape=("no-subject",),
                                         customer=("Sophia Martinez", "sophia.m@gmail.example",
                                                   "en", "gmail")),
            14: lambda i: self.new_ticket(i, label="new-web-form-no-from", shape=("no-from",),
                                          customer=("", "webform@shop.example", "en",
                                                    "plain_en")),
            66: lambda i: self.reply(i, "in-reply-to", ticket=self.tickets[self.mails[7].ticket],
                                     parent=self.mails[7], label="in-reply-to-no-subject",
                                     subject="Re: my mail from this morning"),
            85: lambda i: self.new_ticket(i, label="new-bare-message-id", shape=("bare-id",),
                                          customer=("James Wilson", "jwilson@icloud.example",
                                                    "en", "plain_en")),
            123: lambda i: self.reply(i, "in-reply-to", ticket=self.tickets[self.mails[85].ticket],
                                      parent=self.mails[85], label="in-reply-to-bare-id"),
            160: lambda i: self.dup_bare(i, self.mails[85]),
            3: lambda i: self.new_ticket(i, label="new-with-cc",
                                         customer=("李娜", "lina.li@126.example", "zh",
                                                   "outlook_zh"),
                                         cc=[MANAGER]),
            11: lambda i: self.new_ticket(i, label="new-no-message-id", message_id=False,
                                          customer=("Michael Brown", "mbrown@yahoo.example",
                                                    "en", "plain_en")),
            12: lambda i: self.identical_copy(i, self.mails[11]),
            19: lambda i: self.new_ticket(i, label="generic-subject",
                                          customer=("Olivia Davis", "olivia.davis@gmail.example",
                                                    "en", "html_en"),
                                          subject="Refund request"),
            24: lambda i: self.new_ticket(i, label="generic-subject",
                                          customer=("James Wilson", "jwilson@icloud.example",
                                                    "en", "plain_en"),
                                          subject="Refund request"),
            27: lambda i: self.new_ticket(i, label="new-reply-prefix-no-match",
                                          subject="Re: your newsletter promised free shipping"),
            31: lambda i: self.new_ticket(i, label="new-no-message-id", message_id=False,
                                          customer=("孙丽", "sunli@sohu.example", "zh", "raw8")),
            33: lambda i: self.new_ticket(i, label="new-name-in-comment",
                                          customer=("Grace Hopper", "grace@navy.example",
                                                    "en", "plain_en"),
                                          sender_style="comment"),
            44: lambda i: self.new_ticket(i, label="new-unknown-tag",
                                          subject="[%s #9999] where is my refund?" % TAG),
            52: lambda i: self.dsn_bounce(i),
            58: lambda i: self.new_ticket(i, label="new-foreign-tag",
                                          subject="[ACME #12] Fwd: warranty claim"),
            61: lambda i: self.duplicate(i, fold_id=True),
            77: lambda i: self.list_mail(i),
            96: lambda i: self.reply(i, "subject", ticket=self.tickets[
                                         self.mails[24].ticket],
                                     sender=("James Wilson", "jwilson@icloud.example"),
                                     label="subject-generic", subject="RE: Refund request"),
            101: lambda i: self.malformed_new(i),
            112: lambda i: self.reply(i, "in-reply-to", ticket=self.tickets[
                                          self.mails[19].ticket],
                                      sender=SPOUSE, label="in-reply-to-other-sender"),
            118: lambda i: self.reply(i, "subject", ticket=self.tickets[self.mails[3].ticket],
                                      sender=("李娜", "Lina.Li@126.Example"),
                                      label="subject-address-case"),
            131: lambda i: self.out_of_office(i),
            137: lambda i: self.stranger(i, 0),
            141: lambda i: self.identical_copy(i, self.mails[31]),
            144: lambda i: self.reply(i, "tag", ticket=self.tickets[self.mails[3].ticket],
                                      sender=MANAGER, label="tag-from-cc-participant",
                                      subject="[%s #%d] 我是她的经理，请尽快处理" % (
                                          TAG, self.mails[3].ticket)),
            150: lambda i: self.malformed_reply(i),
            158: lambda i: self.duplicate(i, near=140),
            171: lambda i: self.out_of_office(i, chinese=True),
            176: lambda i: self.stranger(i, 1, reply_form=True),
            183: lambda i: self.duplicate(i, near=5),
            190: lambda i: self.duplicate(i, fold_id=True),
        }
        weights = [("new", 44), ("in-reply-to", 20), ("references", 9),
                   ("subject", 9), ("tag", 9), ("dup", 5)]
        kinds = [k for k, w in weights for _ in range(w)]
        for i in range(count):
            if i in specials:
                specials[i](i)
                continue
            kind = "new" if i < 2 else self.rng.choice(kinds)
            if kind == "new":
                self.new_ticket(i)
            elif kind == "dup":
                if self.rng.random() < 0.5:
                    # Delivered twice within seconds: same batch.
                    self.duplicate(i, original=self.mails[-1]
                                   if self.eligible(self.mails[-1]) else None)
                else:
                    self.duplicate(i)
            else:
                self.reply(i, kind)
        result = Corpus(self.seed, self.mails, self.tickets, chunks)
        names = result.customer_names()
        for t in self.tickets.values():
            t.customer_name = names.get(t.customer.lower())
        return result


def build(seed=SEED, count=COUNT, chunks=CHUNKS):
    """The corpus; the same seed always gives the same bytes."""
    return _Gen(seed).build(count, chunks)


# ---------------------------------------------------------------------------
# Bulk mail for the crash tests
# ---------------------------------------------------------------------------

@dataclass
class BulkMail:
    index: int
    raw: bytes
    message_id: str
    parent: int = None   # index of the mail it answers, None for a complaint
    ticket: int = 0      # expected ticket number


def bulk(seed, count, size=4096, reply_share=0.4):
    """count mails of about size bytes: complaints, and replies (by
    In-Reply-To, or References alone) to earlier mails of the set.
    Ticket numbers assume ingest in list order."""
    rng = random.Random(seed)
    mails, tickets = [], 0
    filler_en = ("The parcel was left outside in the rain and the box was soaked "
                 "through when I found it. ")
    filler_zh = "包裹被放在门外淋雨，我发现的时候箱子已经湿透了。"
    for i in range(count):
        mid = "bulk.%d.%d.%08x@customer.example" % (seed, i, rng.getrandbits(32))
        parent = None
        if mails and rng.random() < reply_share:
            parent = mails[rng.randrange(len(mails))]
        zh = rng.random() < 0.5
        who = rng.randrange(300)
        headers = [("Received", "from mx%d.provider.example ([192.0.2.%d]) by "
                    "mail.example.com with ESMTPS; %s" % (
                        rng.randint(1, 4), rng.randint(1, 254),
                        rfc2822_date(BASE_TIME + datetime.timedelta(seconds=i)))),
                   ("From", "Customer %d <bulk%d@customer.example>" % (who, who)),
                   ("To", DESK),
                   ("Date", rfc2822_date(BASE_TIME + datetime.timedelta(seconds=i))),
                   ("Message-ID", "<%s>" % mid)]
        if parent is None:
            tickets += 1
            ticket = tickets
            subj = ("订单%d：包裹损坏" % (100000 + i)) if zh else \
                   ("Order %d: parcel damaged" % (100000 + i))
        else:
            ticket = parent.ticket
            subj = "Re: bulk thread %d" % parent.ticket
            if rng.random() < 0.7:
                headers.append(("In-Reply-To", "<%s>" % parent.message_id))
            headers.append(("References", "<%s>" % parent.message_id))
        headers.append(("Subject", encoded_words(subj, "UTF-8", "B")
                        if not subj.isascii() else subj))
        headers += [("MIME-Version", "1.0"),
                    ("Content-Type", "text/plain; charset=UTF-8"),
                    ("Content-Transfer-Encoding", "base64" if zh else "quoted-printable")]
        text = "Mail %d of seed %d.\n" % (i, seed)
        filler = filler_zh if zh else filler_en
        while len(text.encode()) < size * 0.7:
            text += filler
            if rng.random() < 0.2:
                text += "\n"
        data = text.encode("utf-8")
        body = cte_encode(data, "base64" if zh else "quoted-printable")
        raw = render_headers(headers) + b"\r\n" + body
        mails.append(BulkMail(i, raw, mid, parent.index if parent else None, ticket))
    return mails


if __name__ == "__main__":
    c = build()
    print(c.summary())
    if len(sys.argv) > 1:
        out = Path(sys.argv[1])
        out.mkdir(parents=True, exist_ok=True)
        for m in c.mails:
            (out / ("%03d.eml" % m.index)).write_bytes(m.raw)
