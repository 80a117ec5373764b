/*
 * test_mime: the parser over the sample mails of tests/data/mime and mails
 * built here — headers and encoded words, addresses, msg-ids, dates, the
 * charset matrix, multipart structure and its breakage, attachments and
 * limits, automatic-mail markers, and hostile input.  Every test states
 * the exact result, warnings included.
 */
#include "mime.h"

#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <iconv.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#ifndef MIME_TEST_DATA
#error MIME_TEST_DATA must name tests/data/mime
#endif

#define FFFD "\xef\xbf\xbd"

/* --- helpers ----------------------------------------------------------- */

static char *
test_read(const char *name, size_t *len_r)
{
	char path[512];
	FILE *f;
	char *buf;
	long n;

	snprintf(path, sizeof(path), "%s/%s", MIME_TEST_DATA, name);
	f = fopen(path, "rb");
	assert_non_null(f);
	assert_int_equal(fseek(f, 0, SEEK_END), 0);
	n = ftell(f);
	assert_true(n >= 0);
	rewind(f);
	buf = malloc((size_t)n + 1);
	assert_non_null(buf);
	assert_int_equal(fread(buf, 1, (size_t)n, f), (size_t)n);
	fclose(f);
	buf[n] = '\0';
	*len_r = (size_t)n;
	return buf;
}

/* Well-formed UTF-8, as the parser promises for every string. */
static bool
test_utf8_ok(const char *s)
{
	const unsigned char *u = (const unsigned char *)s;

	while (*u != '\0') {
		size_t n = *u < 0x80   ? 1
		           : *u < 0xC2 ? 0
		           : *u < 0xE0 ? 2
		           : *u < 0xF0 ? 3
		           : *u < 0xF5 ? 4
		                       : 0;
		if (n == 0)
			return false;
		for (size_t i = 1; i < n; i++)
			if ((u[i] & 0xC0) != 0x80)
				return false;
		if ((n == 3 && *u == 0xE0 && u[1] < 0xA0) ||
		    (n == 3 && *u == 0xED && u[1] > 0x9F) ||
		    (n == 4 && *u == 0xF0 && u[1] < 0x90) ||
		    (n == 4 && *u == 0xF4 && u[1] > 0x8F))
			return false;
		u += n;
	}
	return true;
}

static void
assert_utf8(const char *s)
{
	if (s != NULL)
		assert_true(test_utf8_ok(s));
}

/* Every string of m valid, the mandatory ones present. */
static void
assert_sane(const struct mime_message *m)
{
	assert_non_null(m->subject);
	assert_non_null(m->text);
	assert_utf8(m->subject);
	assert_utf8(m->text);
	assert_utf8(m->html);
	assert_utf8(m->message_id);
	assert_utf8(m->from.name);
	assert_utf8(m->from.addr);
	assert_utf8(m->auto_reason);
	assert_utf8(m->dsn_original_id);
	assert_int_equal(m->auto_reason != NULL, m->auto_flags != 0);
	for (size_t i = 0; i < m->n_headers; i++) {
		assert_utf8(m->headers[i].name);
		assert_utf8(m->headers[i].value);
	}
	for (size_t i = 0; i < m->to.n; i++)
		assert_utf8(m->to.v[i].addr);
	for (size_t i = 0; i < m->warnings.n; i++)
		assert_utf8(m->warnings.v[i]);
	for (size_t i = 0; i < m->n_attachments; i++) {
		assert_utf8(m->attachments[i].filename);
		assert_utf8(m->attachments[i].content_type);
		assert_int_equal(strlen(m->attachments[i].sha256), 64);
	}
}

static struct mime_message *
test_parse_len(const char *raw, size_t len, const struct mime_limits *l)
{
	struct mime_message *m = mime_parse(raw, len, l);

	assert_non_null(m);
	assert_sane(m);
	return m;
}

static struct mime_message *
test_parse(const char *raw)
{
	return test_parse_len(raw, strlen(raw), NULL);
}

static struct mime_message *
test_parse_file(const char *name)
{
	size_t len;
	char *raw = test_read(name, &len);
	struct mime_message *m = test_parse_len(raw, len, NULL);

	free(raw);
	return m;
}

/* The warnings are exactly want, a NULL-terminated list. */
static void
assert_warnings(const struct mime_message *m, const char *const *want)
{
	size_t n = 0;

	for (; want[n] != NULL; n++) {
		assert_true(n < m->warnings.n);
		assert_string_equal(m->warnings.v[n], want[n]);
	}
	assert_int_equal(m->warnings.n, n);
}

#define WARNINGS(m, ...)                                                       \
	assert_warnings(m, (const char *const[]){__VA_ARGS__, NULL})
#define NO_WARNINGS(m) assert_int_equal((m)->warnings.n, 0)

static void
assert_address(const struct mime_address *a, const char *name, const char *addr)
{
	if (name == NULL)
		assert_null(a->name);
	else
		assert_string_equal(a->name, name);
	assert_string_equal(a->addr, addr);
}

static void
assert_attachment(const struct mime_attachment *a, const char *filename,
                  const char *type, size_t size, bool kept)
{
	if (filename == NULL)
		assert_null(a->filename);
	else
		assert_string_equal(a->filename, filename);
	assert_string_equal(a->content_type, type);
	assert_int_equal(a->size, size);
	assert_int_equal(a->data != NULL, kept);
}

/* utf8 in charset to; caller frees. */
static char *
test_encode(const char *to, const char *utf8, size_t *len_r)
{
	iconv_t cd = iconv_open(to, "UTF-8");
	size_t il = strlen(utf8), ol = il * 4 + 16;
	char *out = calloc(1, ol + 1), *op = out;
	char *ip = (char *)(uintptr_t)utf8;

	assert_true(cd != (iconv_t)-1);
	assert_non_null(out);
	assert_int_not_equal(iconv(cd, &ip, &il, &op, &ol), (size_t)-1);
	assert_int_not_equal(iconv(cd, NULL, NULL, &op, &ol), (size_t)-1);
	iconv_close(cd);
	*len_r = (size_t)(op - out);
	return out;
}

static char *
test_base64(const char *in, size_t len)
{
	static const char a[] =
	    "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"
	    "0123456789+/";
	const unsigned char *s = (const unsigned char *)in;
	char *out = malloc(len / 3 * 4 + 5), *o = out;

	assert_non_null(out);
	for (size_t i = 0; i < len; i += 3) {
		uint32_t v = (uint32_t)s[i] << 16;
		if (i + 1 < len)
			v |= (uint32_t)s[i + 1] << 8;
		if (i + 2 < len)
			v |= s[i + 2];
		*o++ = a[v >> 18 & 63];
		*o++ = a[v >> 12 & 63];
		*o++ = i + 1 < len ? a[v >> 6 & 63] : '=';
		*o++ = i + 2 < len ? a[v & 63] : '=';
	}
	*o = '\0';
	return out;
}

/* --- the sample mails -------------------------------------------------- */

static void
test_customer_plain(void **state)
{
	struct mime_message *m = test_parse_file("customer_plain.eml");

	(void)state;
	assert_string_equal(m->subject, "订单 12345 的水壶坏了");
	assert_address(&m->from, "李伟", "li.wei@example.cn");
	assert_int_equal(m->to.n, 1);
	assert_address(&m->to.v[0], "ACME Support", "support@acme.example");
	assert_int_equal(m->cc.n, 1);
	assert_address(&m->cc.v[0], "Zhang, Min", "zhang.min@example.cn");
	assert_string_equal(m->message_id,
	                    "5c1e9a2b-77aa-4e0b-9d1e-3f0a11b2c3d4@example.cn");
	assert_string_equal(m->in_reply_to, "cd.77.ABCDEFGHJK.1@acme.example");
	assert_int_equal(m->references.n, 2);
	assert_string_equal(m->references.v[0], "first@acme.example");
	assert_string_equal(m->references.v[1],
	                    "cd.77.ABCDEFGHJK.1@acme.example");
	assert_string_equal(m->return_path, "li.wei@example.cn");
	assert_int_equal(m->date, 1715649150);
	assert_string_equal(m->text, "你好，\n\n"
	                             "我上周购买的水壶坏了。订单号 12345。\n"
	                             "请退款。\n\nLi Wei");
	assert_false(m->text_from_html);
	assert_non_null(strstr(m->html, "<p>你好，</p>"));
	assert_int_equal(m->n_attachments, 0);
	assert_int_equal(m->auto_flags, 0);
	assert_null(m->auto_reason);
	assert_int_equal(m->n_headers, 14);
	assert_string_equal(m->headers[1].name, "Received");
	assert_string_equal(m->headers[1].value,
	                    "from mx.example.cn (mx.example.cn [192.0.2.10]) "
	                    "by mail.acme.example (Postfix) with ESMTPS id "
	                    "4F1A2 for <support@acme.example>; Tue, 14 May "
	                    "2024 09:12:33 +0800 (CST)");
	assert_string_equal(mime_header_get(m, "user-agent"),
	                    "Mozilla Thunderbird");
	assert_null(mime_header_get(m, "X-Missing"));
	NO_WARNINGS(m);
	mime_message_free(m);
}

static void
test_nested_related(void **state)
{
	struct mime_message *m = test_parse_file("nested_related.eml");
	const struct mime_attachment *png, *pdf;

	(void)state;
	assert_string_equal(m->text,
	                    "Guten Tag,\n\ndie Rechnung ist falsch: "
	                    "Größe M statt L.\nMit freundlichen Grüßen");
	assert_false(m->text_from_html);
	assert_non_null(strstr(m->html, "<img src=\"cid:logo@acme\""));
	assert_int_equal(m->n_attachments, 2);
	png = &m->attachments[0];
	assert_attachment(png, NULL, "image/png", 774, true);
	assert_string_equal(png->content_id, "logo@acme");
	assert_true(png->inline_part);
	assert_string_equal(png->sha256, "841a4aba2c989f514a37f947932102c2"
	                                 "110d50e881fbb20b6f5712e6ed08d9f4");
	for (size_t i = 0; i < 768; i++)
		assert_int_equal(png->data[i], i % 256);
	assert_memory_equal(png->data + 768, "PNGEND", 6);
	pdf = &m->attachments[1];
	assert_attachment(pdf, "Rechnung 2024-05.pdf", "application/pdf", 666,
	                  true);
	assert_null(pdf->content_id);
	assert_false(pdf->inline_part);
	assert_string_equal(pdf->sha256, "d0a4143a2694a77528d1741896013755"
	                                 "efd84e3736bf05b8051529c8fc24f88b");
	assert_memory_equal(pdf->data, "%PDF-1.4\ninvoice body", 21);
	NO_WARNINGS(m);
	mime_message_free(m);
}

static void
test_html_only(void **state)
{
	struct mime_message *m = test_parse_file("html_only.eml");

	(void)state;
	assert_string_equal(
	    m->text, "My blender — broken\n\n"
	             "It stopped after 2 days & smells.\n"
	             "See my photos <https://example.com/photos?id=1&s=2>"
	             " or https://example.com.\n\n"
	             "- Model: BL-200\n- Price: €49 © ™ ☺\n\n"
	             "[photo of the blender]");
	assert_true(m->text_from_html);
	assert_address(&m->from, "Bob O'Neil", "bob@example.com");
	NO_WARNINGS(m);
	mime_message_free(m);
}

/* No charset in Content-Type: the <meta> says gbk. */
static void
test_html_only_gbk_meta(void **state)
{
	struct mime_message *m = test_parse_file("html_only_gbk_meta.eml");

	(void)state;
	assert_string_equal(m->subject, "订单未发货");
	assert_string_equal(m->text, "您好：\n我的订单 88001 一直没有发货。\n"
	                             "请 尽快处理！<谢谢>");
	assert_true(m->text_from_html);
	assert_non_null(strstr(m->html, "<div>您好：</div>"));
	NO_WARNINGS(m);
	mime_message_free(m);
}

static void
test_dsn_bounce(void **state)
{
	struct mime_message *m = test_parse_file("dsn_bounce.eml");

	(void)state;
	assert_int_equal(m->auto_flags, MIME_AUTO_BOUNCE | MIME_AUTO_REPLIED);
	assert_string_equal(m->auto_reason, "null Return-Path");
	assert_string_equal(m->return_path, "");
	assert_address(&m->from, "Mail Delivery System",
	               "MAILER-DAEMON@mail.acme.example");
	assert_int_equal(m->n_dsn, 2);
	assert_string_equal(m->dsn[0].recipient, "nobody@example.org");
	assert_string_equal(m->dsn[0].action, "failed");
	assert_string_equal(m->dsn[0].status, "5.1.1");
	assert_string_equal(m->dsn[0].diagnostic,
	                    "550 5.1.1 <nobody@example.org>: Recipient "
	                    "address rejected: User unknown");
	assert_string_equal(m->dsn[1].recipient, "slow@example.net");
	assert_string_equal(m->dsn[1].action, "delayed");
	assert_string_equal(m->dsn[1].status, "4.4.1");
	assert_null(m->dsn[1].diagnostic);
	assert_int_equal(m->n_attachments, 2);
	assert_attachment(&m->attachments[0], NULL, "message/delivery-status",
	                  484, true);
	assert_attachment(&m->attachments[1], NULL, "text/rfc822-headers", 155,
	                  true);
	assert_string_equal(m->text + strlen(m->text) - 22,
	                    "rejected: User unknown");
	assert_int_equal(strncmp(m->text, "This is the mail system", 23), 0);
	/* The bounced mail, from the text/rfc822-headers part. */
	assert_string_equal(m->dsn_original_id, "cd.42.XYZ.1@acme.example");
	NO_WARNINGS(m);
	mime_message_free(m);
}

/*
 * The Message-ID of the mail a bounce returns: Postfix's whole message,
 * Exchange's whole message or its header only (CRLF, a folded
 * Message-ID), never the nested message's other ids.
 */
static void
test_dsn_original(void **state)
{
	static const struct {
		const char *file, *id, *own, *type;
	} dsn[] = {
	    {"dsn_postfix_rfc822.eml", "cd.42.XYZ.2@acme.example",
	     "20251204093100.9D8E7F6A5B@mail.acme.example", "message/rfc822"},
	    {"dsn_exchange_rfc822.eml", "cd.123.TOKEN.1@acme.example",
	     "a1b2c3d4-0000-4000-8000-000000000001@DM6PR11MB1234.namprd11."
	     "prod.outlook.com",
	     "message/rfc822"},
	    {"dsn_exchange_headers.eml", "cd.123.TOKEN.1@acme.example",
	     "a1b2c3d4-0000-4000-8000-000000000001@DM6PR11MB1234.namprd11."
	     "prod.outlook.com",
	     "text/rfc822-headers"},
	};

	(void)state;
	for (size_t i = 0; i < sizeof(dsn) / sizeof(*dsn); i++) {
		struct mime_message *m = test_parse_file(dsn[i].file);

		assert_string_equal(m->dsn_original_id, dsn[i].id);
		assert_string_equal(m->message_id, dsn[i].own);
		assert_true(m->auto_flags & MIME_AUTO_BOUNCE);
		assert_int_equal(m->n_dsn, 1);
		assert_string_equal(m->dsn[0].action, "failed");
		assert_int_equal(m->n_attachments, 2);
		assert_string_equal(m->attachments[1].content_type,
		                    dsn[i].type);
		NO_WARNINGS(m);
		mime_message_free(m);
	}
}

/* Only a delivery report's returned message counts. */
static void
test_dsn_original_absent(void **state)
{
	static const char *const files[] = {
	    "read_receipt.eml", "forwarded_rfc822.eml", "customer_plain.eml",
	    "ooo_exchange.eml"};
	static const char report[] =
	    "From: MAILER-DAEMON@mx.example\n"
	    "Content-Type: multipart/report; report-type=%s; boundary=b\n\n"
	    "--b\nContent-Type: message/delivery-status\n\n"
	    "Final-Recipient: rfc822; x@example.org\nAction: failed\n"
	    "Status: 5.0.0\n\n"
	    "--b\nContent-Type: %s\n\n%s\n--b--\n";
	static const struct {
		const char *report_type, *type, *returned, *want;
	} cases[] = {
	    /* Case of the parameter does not matter. */
	    {"Delivery-Status", "message/rfc822",
	     "Subject: x\nMessage-ID: <orig@acme.example>\n\nbody",
	     "orig@acme.example"},
	    {"\"delivery-status\"", "text/rfc822-headers",
	     "Message-Id: orig@acme.example", "orig@acme.example"},
	    /* No Message-ID, or an unusable one. */
	    {"delivery-status", "message/rfc822", "Subject: x\n\nbody", NULL},
	    {"delivery-status", "message/rfc822", "Message-ID: <>\n\nb", NULL},
	    {"delivery-status", "text/rfc822-headers", "", NULL},
	    /* Another kind of report. */
	    {"disposition-notification", "message/rfc822",
	     "Message-ID: <orig@acme.example>\n\nbody", NULL},
	    /* A returned part that is not a message. */
	    {"delivery-status", "text/plain", "Message-ID: <orig@acme.example>",
	     NULL},
	};

	(void)state;
	for (size_t i = 0; i < sizeof(files) / sizeof(*files); i++) {
		struct mime_message *m = test_parse_file(files[i]);
		assert_null(m->dsn_original_id);
		mime_message_free(m);
	}
	for (size_t i = 0; i < sizeof(cases) / sizeof(*cases); i++) {
		char raw[1024];
		struct mime_message *m;

		snprintf(raw, sizeof(raw), report, cases[i].report_type,
		         cases[i].type, cases[i].returned);
		m = test_parse(raw);
		if (cases[i].want == NULL)
			assert_null(m->dsn_original_id);
		else
			assert_string_equal(m->dsn_original_id, cases[i].want);
		mime_message_free(m);
	}
}

static void
test_out_of_office(void **state)
{
	struct mime_message *m = test_parse_file("ooo_exchange.eml");

	(void)state;
	assert_int_equal(m->auto_flags,
	                 MIME_AUTO_REPLIED | MIME_AUTO_GENERATED);
	assert_string_equal(m->auto_reason, "Auto-Submitted: auto-replied");
	mime_message_free(m);

	/* Only the subject tells, in Chinese, in GB2312. */
	m = test_parse_file("ooo_subject.eml");
	assert_int_equal(m->auto_flags, MIME_AUTO_REPLIED);
	assert_string_equal(m->auto_reason, "Subject: 自动回复");
	assert_string_equal(m->subject, "自动回复: [ACME #44]");
	assert_address(&m->from, "张三", "zhangsan@example.cn");
	assert_string_equal(m->text, "我正在休假，5月27日回来。");
	NO_WARNINGS(m);
	mime_message_free(m);
}

static void
test_list_and_receipt(void **state)
{
	struct mime_message *m = test_parse_file("list_mail.eml");

	(void)state;
	assert_int_equal(m->auto_flags, MIME_AUTO_LIST | MIME_AUTO_BULK);
	assert_string_equal(m->auto_reason, "Precedence: bulk");
	mime_message_free(m);

	m = test_parse_file("read_receipt.eml");
	assert_int_equal(m->auto_flags, MIME_AUTO_GENERATED);
	assert_string_equal(m->auto_reason,
	                    "multipart/report disposition-notification");
	assert_string_equal(m->text, "Your message was read.");
	assert_int_equal(m->n_attachments, 1);
	assert_attachment(&m->attachments[0], NULL,
	                  "message/disposition-notification", 107, true);
	mime_message_free(m);
}

/* The forwarded mail is an attachment; its text and headers stay out. */
static void
test_forwarded_rfc822(void **state)
{
	struct mime_message *m = test_parse_file("forwarded_rfc822.eml");

	(void)state;
	assert_string_equal(m->text, "See the mail below, nobody answered.");
	assert_string_equal(m->subject, "Fwd: Broken kettle");
	assert_string_equal(m->message_id, "fwd.1@example.it");
	assert_int_equal(m->to.n, 1);
	assert_address(&m->to.v[0], NULL, "support@acme.example");
	assert_int_equal(m->n_attachments, 1);
	assert_attachment(&m->attachments[0],
	                  "Broken kettle _ bollitore rotto.eml",
	                  "message/rfc822", 258, true);
	assert_memory_equal(
	    m->attachments[0].data,
	    "From: Carla Rossi <carla@example.it>\r\nTo: orders@", 49);
	NO_WARNINGS(m);
	mime_message_free(m);
}

static void
test_attachment_names(void **state)
{
	struct mime_message *m = test_parse_file("attachment_names.eml");
	const struct mime_attachment *a = m->attachments;

	(void)state;
	assert_string_equal(m->text, "Four files.");
	assert_int_equal(m->n_attachments, 5);
	/* RFC 2231 sections, the first two %-encoded in UTF-8. */
	assert_attachment(&a[0], "投诉书 第一部分.pdf",
	                  "application/octet-stream", 17, true);
	assert_string_equal(a[0].sha256, "2852d7262f1fd6339a426560101d5840"
	                                 "edf5b8999b90eb6b2eea86c8b9f7e298");
	/* RFC 2047 words in a quoted name=; a named text part is a file. */
	assert_attachment(&a[1], "发票.txt", "text/plain", 17, true);
	assert_attachment(&a[2], "résumé.txt", "application/octet-stream", 16,
	                  true);
	/* Directories, Windows or not, are cut off. */
	assert_attachment(&a[3], "very long name.doc",
	                  "application/octet-stream", 16, true);
	assert_attachment(&a[4], "passwd", "image/jpeg", 4, true);
	assert_true(a[4].inline_part);
	NO_WARNINGS(m);
	mime_message_free(m);
}

static void
test_broken_boundaries(void **state)
{
	struct mime_message *m = test_parse_file("broken_no_close.eml");

	(void)state;
	assert_string_equal(m->text,
	                    "first part\n\nsecond part, mail cut here");
	WARNINGS(m, "closing boundary missing");
	mime_message_free(m);

	m = test_parse_file("broken_boundary_missing.eml");
	assert_string_equal(m->text, "--abc\nContent-Type: text/plain\n\n"
	                             "body with another boundary\n--abc--");
	WARNINGS(m, "multipart boundary \"xyz\" never found; body taken as "
	            "text");
	mime_message_free(m);

	m = test_parse_file("broken_no_boundary_param.eml");
	assert_string_equal(m->text, "just text");
	WARNINGS(m, "multipart without boundary; body taken as text");
	mime_message_free(m);
}

static void
test_charset_fallbacks(void **state)
{
	struct mime_message *m = test_parse_file("latin1_no_charset.eml");

	(void)state;
	assert_string_equal(m->text, "Café crème, naïve € 5");
	WARNINGS(m, "8-bit text without charset; decoded as windows-1252");
	mime_message_free(m);

	m = test_parse_file("lying_latin1.eml");
	assert_string_equal(m->text, "Grüße aus Köln – 10 €");
	WARNINGS(m, "text declared \"iso-8859-1\" decoded as UTF-8");
	mime_message_free(m);

	/* Raw GBK in the header, read in the body's charset. */
	m = test_parse_file("gbk_raw_header.eml");
	assert_string_equal(m->subject, "关于退款的投诉");
	assert_address(&m->from, "王小明", "wxm@example.cn");
	assert_string_equal(m->text, "请退款。");
	NO_WARNINGS(m);
	mime_message_free(m);
}

static void
test_odd_shapes(void **state)
{
	struct mime_message *m = test_parse_file("bare_cr.eml");

	(void)state;
	assert_string_equal(m->subject, "old mac");
	assert_string_equal(m->text, "line one\nline two");
	NO_WARNINGS(m);
	mime_message_free(m);

	/* A PDF alone: an attachment, and no text. */
	m = test_parse_file("pdf_alone.eml");
	assert_string_equal(m->text, "");
	assert_null(m->html);
	assert_int_equal(m->n_attachments, 1);
	assert_attachment(&m->attachments[0], "scan.pdf", "application/pdf",
	                  666, true);
	NO_WARNINGS(m);
	mime_message_free(m);
}

/* --- charsets ---------------------------------------------------------- */

struct test_charset {
	const char *label, *encode, *subject, *body;
};

static const struct test_charset test_charsets[] = {
    {"gb2312", "GB2312", "投诉：质量问题", "产品坏了，请退款。"},
    {"GBK", "GBK", "朱镕基", "镕 是 GBK 的字"},
    {"gb18030", "GB18030", "表情 😀", "𠀀 与 中文"},
    {"big5", "BIG5", "繁體投訴", "請儘快退款，謝謝。"},
    {"shift_jis", "CP932", "苦情①", "返金してください。"},
    {"euc-kr", "EUC-KR", "불만 접수", "환불을 요청합니다."},
    {"iso-8859-1", "ISO-8859-1", "Réclamation", "Crème brûlée à la française"},
    {"iso-8859-2", "ISO-8859-2", "Reklamacja", "Zażółć gęślą jaźń"},
    {"iso-8859-15", "ISO-8859-15", "Prix 50 €", "Œuvre, cœur"},
    {"windows-1251", "CP1251", "Жалоба", "Товар сломан, верните деньги."},
    {"windows-1252", "CP1252", "“Quoted” – €", "Naïve café … ‘ok’"},
    {"koi8-r", "KOI8-R", "Привет", "Качество плохое."},
    {"utf-8", "UTF-8", "Ünïcödé ✓", "中文 русский ελληνικά"},
    {"utf-7", "UTF-7", "Hi ☺", "A≢Α and 中文"},
};

/* A B-encoded subject and a base64 body. */
static void
test_charset_base64(const struct test_charset *c, const char *s, size_t sl,
                    const char *b, size_t bl)
{
	char *s64 = test_base64(s, sl), *b64 = test_base64(b, bl), *raw;
	struct mime_message *m;

	assert_true(
	    asprintf(&raw,
	             "Subject: =?%s?B?%s?=\r\nContent-Type: text/plain; "
	             "charset=\"%s\"\r\nContent-Transfer-Encoding: "
	             "base64\r\n\r\n%s\r\n",
	             c->label, s64, c->label, b64) > 0);
	m = test_parse(raw);
	assert_string_equal(m->subject, c->subject);
	assert_string_equal(m->text, c->body);
	NO_WARNINGS(m);
	mime_message_free(m);
	free(raw);
	free(s64);
	free(b64);
}

/* A Q-encoded word between raw text, and an 8-bit body. */
static void
test_charset_8bit(const struct test_charset *c, const char *s, size_t sl,
                  const char *b, size_t bl)
{
	char q[512], *raw, want[256];
	struct mime_message *m;
	size_t n = 0, hl;

	for (size_t k = 0; k < sl; k++)
		n += (size_t)snprintf(q + n, sizeof(q) - n, "=%02X",
		                      (unsigned char)s[k]);
	assert_true(asprintf(&raw,
	                     "Subject: Re: =?%s?q?%s?= [#1]\r\nContent-Type: "
	                     "text/plain; charset=%s\r\n\r\n",
	                     c->label, q, c->label) > 0);
	hl = strlen(raw);
	assert_non_null(raw = realloc(raw, hl + bl + 1));
	memcpy(raw + hl, b, bl + 1);
	m = test_parse(raw);
	snprintf(want, sizeof(want), "Re: %s [#1]", c->subject);
	assert_string_equal(m->subject, want);
	assert_string_equal(m->text, c->body);
	NO_WARNINGS(m);
	mime_message_free(m);
	free(raw);
}

static void
test_charset_matrix(void **state)
{
	(void)state;
	for (size_t i = 0; i < sizeof(test_charsets) / sizeof(*test_charsets);
	     i++) {
		const struct test_charset *c = &test_charsets[i];
		size_t sl, bl;
		char *s = test_encode(c->encode, c->subject, &sl);
		char *b = test_encode(c->encode, c->body, &bl);

		test_charset_base64(c, s, sl, b, bl);
		test_charset_8bit(c, s, sl, b, bl);
		free(s);
		free(b);
	}
}

static void
test_charset_warnings(void **state)
{
	struct mime_message *m;

	(void)state;
	m = test_parse("Content-Type: text/plain; charset=x-foo\r\n\r\n"
	               "caf\xe9\r\n");
	assert_string_equal(m->text, "café");
	WARNINGS(m, "unknown charset \"x-foo\"; decoded as windows-1252");
	mime_message_free(m);

	m = test_parse("Content-Type: text/plain; charset=utf-8\r\n\r\n"
	               "Gr\xfc\xdf"
	               "e\r\n");
	assert_string_equal(m->text, "Grüße");
	WARNINGS(m, "text declared \"utf-8\" decoded as windows-1252");
	mime_message_free(m);

	/* No Content-Type: text/plain; us-ascii, and UTF-8 is taken as is. */
	m = test_parse("Subject: x\r\n\r\nGr\xc3\xbc\xc3\x9f"
	               "e\r\n");
	assert_string_equal(m->text, "Grüße");
	NO_WARNINGS(m);
	mime_message_free(m);
}

/* --- headers ----------------------------------------------------------- */

static void
assert_decoded(const char *value, const char *want)
{
	char *got = mime_decode_header(value, strlen(value));

	assert_non_null(got);
	assert_string_equal(got, want);
	free(got);
}

static void
test_encoded_words(void **state)
{
	(void)state;
	/* Adjacent words join without the white space between them. */
	assert_decoded("=?utf-8?q?a?= =?utf-8?q?b?=", "ab");
	assert_decoded("=?utf-8?q?a?=\t \t=?iso-8859-1?q?=E9?=", "aé");
	assert_decoded("Re: =?utf-8?q?caf=C3=A9?= ok", "Re: café ok");
	/* A character split between two words of one charset. */
	assert_decoded("=?utf-8?B?5Lg=?= =?utf-8?B?rQ==?=", "中");
	assert_decoded("=?gbk?B?1g==?=\r\n =?GBK?B?0A==?=", "中");
	/* Q: '_' is a space, hex in any case. */
	assert_decoded("=?iso-8859-1?q?caf=E9_cr=e8me?=", "café crème");
	/* Broken words stay as written. */
	assert_decoded("=?utf-8?q?unterminated", "=?utf-8?q?unterminated");
	assert_decoded("=?utf-8?x?abc?=", "=?utf-8?x?abc?=");
	assert_decoded("=?utf-8?b?!!!?= =?utf-8?b?QQ==?=", "=?utf-8?b?!!!?= A");
	assert_decoded("=?utf-8?b?Q?=", "=?utf-8?b?Q?=");
	assert_decoded("a =? b ?= c", "a =? b ?= c");
	/* Unknown charset: kept, with its white space. */
	assert_decoded("=?x-foo?q?abc?= =?utf-8?q?d?=", "=?x-foo?q?abc?= d");
	assert_decoded("=?utf-8?q?d?= =?x-foo?q?abc?=", "d =?x-foo?q?abc?=");
	/* Inside a quoted display name, as many clients write it. */
	assert_decoded("\"=?utf-8?q?J=C3=B6rg?=\" <j@x>", "\"Jörg\" <j@x>");
	/* Missing padding, RFC 2231 language, empty words, raw 8-bit. */
	assert_decoded("=?utf-8?B?w6k?=", "é");
	assert_decoded("=?utf-8*en?q?hi?=", "hi");
	assert_decoded("=?utf-8?q?"
	               "?=x",
	               "x");
	assert_decoded("Gr\xc3\xbc\xc3\x9f"
	               "e",
	               "Grüße");
	assert_decoded("Gr\xfc\xdf"
	               "e",
	               "Grüße");
	/* No CR, LF or other controls in a decoded value. */
	assert_decoded("=?utf-8?q?a=0D=0Ab=00c?=", "a  b" FFFD "c");
	assert_decoded("", "");
}

static void
assert_addresses(const char *value, size_t n, ...)
{
	struct mime_addresses list;
	va_list ap;

	assert_int_equal(mime_parse_addresses(value, strlen(value), &list), 0);
	assert_int_equal(list.n, n);
	va_start(ap, n);
	for (size_t i = 0; i < n; i++) {
		const char *name = va_arg(ap, const char *);
		const char *addr = va_arg(ap, const char *);
		assert_address(&list.v[i], name, addr);
	}
	va_end(ap);
	mime_addresses_free(&list);
}

static void
test_addresses(void **state)
{
	(void)state;
	assert_addresses("\"Name\" <a@b.c>", 1, "Name", "a@b.c");
	assert_addresses("a@b.c (Name)", 1, "Name", "a@b.c");
	assert_addresses("team: a@b.c, \"C\" <c@d.e>;, f@g.h", 3, NULL, "a@b.c",
	                 "C", "c@d.e", NULL, "f@g.h");
	assert_addresses("=?utf-8?q?J=C3=B6rg?= <j@x.de>", 1, "Jörg", "j@x.de");
	assert_addresses("\"=?utf-8?q?Q=C3=BCoted?=\" <q@x>", 1, "Qüoted",
	                 "q@x");
	assert_addresses("=?utf-8?q?Smith=2C_John?= <js@x>", 1, "Smith, John",
	                 "js@x");
	assert_addresses("John Q. Public <jqp@x.org>", 1, "John Q. Public",
	                 "jqp@x.org");
	assert_addresses("Name <a@b.c", 1, "Name", "a@b.c");
	assert_addresses("A <a@x, b@y", 2, "A", "a@x", NULL, "b@y");
	assert_addresses("\"Smith, John\" <js@x>, other@y", 2, "Smith, John",
	                 "js@x", NULL, "other@y");
	assert_addresses("'Single' <s@x>", 1, "Single", "s@x");
	assert_addresses("<@r1,@r2:a@b>", 1, NULL, "a@b");
	assert_addresses("John Smith john@x.com", 1, "John Smith",
	                 "john@x.com");
	assert_addresses("<MAILER-DAEMON>", 1, NULL, "MAILER-DAEMON");
	assert_addresses("mailto:a@b", 1, NULL, "a@b");
	assert_addresses("\"j\\\"q\" <jq@x>", 1, "j\"q", "jq@x");
	assert_addresses("a@b, , ,c@d", 2, NULL, "a@b", NULL, "c@d");
	assert_addresses("undisclosed-recipients:;", 0);
	assert_addresses("Just A Name", 0);
	assert_addresses("", 0);
	assert_addresses("(comment only)", 0);
}

static void
test_msgids(void **state)
{
	struct mime_message *m;

	(void)state;
	m = test_parse("Message-ID: abc@x.example\r\n"
	               "In-Reply-To: \"John's message\" <1@x> (comment)\r\n"
	               "References: <r1@x> garbage (c <no@no>) <r2\r\n"
	               " @x>, r3@x <broken@x\r\n\r\n");
	assert_string_equal(m->message_id, "abc@x.example");
	assert_string_equal(m->in_reply_to, "1@x");
	assert_int_equal(m->references.n, 4);
	assert_string_equal(m->references.v[0], "r1@x");
	assert_string_equal(m->references.v[1], "r2@x");
	assert_string_equal(m->references.v[2], "r3@x");
	assert_string_equal(m->references.v[3], "broken@x");
	mime_message_free(m);

	m = test_parse("Message-ID: <>\r\nIn-Reply-To: none\r\n\r\n");
	assert_null(m->message_id);
	assert_null(m->in_reply_to);
	assert_int_equal(m->references.n, 0);
	mime_message_free(m);
}

/* 150 references: the first and the last 99 are kept. */
static void
test_references_cap(void **state)
{
	char raw[4096];
	size_t n = (size_t)snprintf(raw, sizeof(raw), "References:");
	struct mime_message *m;

	(void)state;
	for (int i = 0; i < 150; i++)
		n += (size_t)snprintf(raw + n, sizeof(raw) - n, " <r%d@x>", i);
	snprintf(raw + n, sizeof(raw) - n, "\r\n\r\n");
	m = test_parse(raw);
	assert_int_equal(m->references.n, 100);
	assert_string_equal(m->references.v[0], "r0@x");
	assert_string_equal(m->references.v[1], "r51@x");
	assert_string_equal(m->references.v[99], "r149@x");
	mime_message_free(m);
}

static void
assert_date(const char *date, long long want)
{
	char raw[256];
	struct mime_message *m;

	snprintf(raw, sizeof(raw), "Date: %s\r\n\r\n", date);
	m = test_parse(raw);
	assert_int_equal(m->date, want);
	mime_message_free(m);
}

static void
test_dates(void **state)
{
	(void)state;
	assert_date("Tue, 3 Jun 2008 11:05:30 +0200", 1212483930);
	assert_date("Tue, 3 Jun 2008 11:05:30 +0200 (CEST)", 1212483930);
	assert_date("3 Jun 2008 11:05 GMT", 1212491100);
	assert_date("Tue, 03 Jun 08 11:05:30 EDT", 1212505530);
	assert_date("Tue, 3 Jun 2008 11:05:30 -0000", 1212491130);
	assert_date("Tue, 3 Jun 2008 11:05:30 CEST", 1212483930);
	assert_date("Tue Jun  3 11:05:30 2008", 1212491130);
	assert_date("03-Jun-2008 11:05:30 +0200", 1212483930);
	assert_date("Tuesday, June 3, 2008 11:05 PM +0100", 1212530700);
	assert_date("Mon, 1 Jan 2024 12:00:00 +05:30", 1704090600);
	assert_date("Thu, 29 Feb 2024 23:59:60 +0000", 1709251199);
	assert_date("1 Jan 1900 00:00:00 Z", -2208988800LL);
	assert_date("Tue, 3 Jun 2008", 1212451200);
	assert_date("31 Feb 2008 10:00 +0000", -1);
	assert_date("2008-06-03 11:05:30", -1);
	assert_date("Tue, 3 Jun 2008 25:00:00 +0000", -1);
	assert_date("garbage", -1);
	assert_date("", -1);
}

/* Where the header ends, and what happens to lines that are no field. */
static void
test_header_block(void **state)
{
	struct mime_message *m;

	(void)state;
	m = test_parse("Subject: a\r\nno colon here\r\nFrom: x@y\r\n\r\nbody");
	assert_string_equal(m->subject, "a");
	assert_string_equal(m->from.addr, "x@y");
	assert_string_equal(m->text, "body");
	WARNINGS(m, "header line without colon");
	mime_message_free(m);

	/* No blank line and not all header: all body, nothing lost. */
	m = test_parse("Note: the kettle\nleaks\n");
	assert_int_equal(m->n_headers, 0);
	assert_string_equal(m->subject, "");
	assert_string_equal(m->text, "Note: the kettle\nleaks");
	WARNINGS(m, "no blank line after the header; message taken as body");
	mime_message_free(m);

	/* In a part, the body starts at the first line that is no field. */
	m = test_parse("Content-Type: multipart/mixed; boundary=b\n\n--b\n"
	               "Content-Type: image/gif\nR0lG\n--b--\n");
	assert_string_equal(m->text, "");
	assert_int_equal(m->n_attachments, 1);
	assert_attachment(&m->attachments[0], NULL, "image/gif", 4, true);
	NO_WARNINGS(m);
	mime_message_free(m);

	m = test_parse("Hello,\n\nmy order is late.\n");
	assert_int_equal(m->n_headers, 0);
	assert_string_equal(m->text, "Hello,\n\nmy order is late.");
	WARNINGS(m, "no header; message taken as body");
	mime_message_free(m);

	m = test_parse("From someone@x Tue Jun  3 11:05:30 2008\nSubject: "
	               "mbox\n  folded\tvalue\n \nbody\n");
	assert_string_equal(m->subject, "mbox  folded value");
	assert_string_equal(m->text, "body");
	WARNINGS(m, "mbox \"From \" line skipped");
	mime_message_free(m);

	/* All header, no body: nothing is wrong with that. */
	m = test_parse("Subject: only\r\nFrom: a@b");
	assert_string_equal(m->subject, "only");
	assert_string_equal(m->text, "");
	NO_WARNINGS(m);
	mime_message_free(m);
}

/* --- structure ---------------------------------------------------------- */

static void
test_alternatives(void **state)
{
	struct mime_message *m;

	(void)state;
	/* text/plain is preferred wherever it stands. */
	m = test_parse("Content-Type: multipart/alternative; boundary=a\n\n"
	               "--a\nContent-Type: text/html\n\n<p>html</p>\n"
	               "--a\nContent-Type: text/plain\n\nplain\n"
	               "--a\nContent-Type: text/calendar; method=REQUEST\n\n"
	               "BEGIN:VCALENDAR\n--a--\n");
	assert_string_equal(m->text, "plain");
	assert_false(m->text_from_html);
	assert_string_equal(m->html, "<p>html</p>");
	assert_int_equal(m->n_attachments, 1);
	assert_attachment(&m->attachments[0], NULL, "text/calendar", 15, true);
	mime_message_free(m);

	/* An empty text/plain alternative: the HTML is the text. */
	m = test_parse("Content-Type: multipart/alternative; boundary=a\n\n"
	               "--a\nContent-Type: text/plain\n\n\n"
	               "--a\nContent-Type: text/html\n\n<b>real</b> text\n"
	               "--a--\n");
	assert_string_equal(m->text, "real text");
	assert_true(m->text_from_html);
	mime_message_free(m);

	/* Several inline text parts are joined; an attached one is not. */
	m = test_parse("Content-Type: multipart/mixed; boundary=\"m m\"\n\n"
	               "--m m\n\none  \n\n"
	               "--m m\nContent-Type: text/plain; name=log.txt\n\nlog\n"
	               "--m m\nContent-Disposition: attachment\n\nfile\n"
	               "--m m\nContent-Disposition: inline\n\ntwo\n"
	               "--m m--\n");
	assert_string_equal(m->text, "one\n\ntwo");
	assert_int_equal(m->n_attachments, 2);
	assert_attachment(&m->attachments[0], "log.txt", "text/plain", 3, true);
	assert_attachment(&m->attachments[1], NULL, "text/plain", 4, true);
	NO_WARNINGS(m);
	mime_message_free(m);
}

static void
test_transfer_encodings(void **state)
{
	struct mime_message *m;

	(void)state;
	m = test_parse("Content-Transfer-Encoding: Quoted-Printable\n\n"
	               "soft=\nbreak=\r\n caf=c3=a9 =ZZ a=3 tail  \n"
	               "trailing= \nend=");
	assert_string_equal(m->text, "softbreak café =ZZ a=3 tail\n"
	                             "trailingend");
	NO_WARNINGS(m);
	mime_message_free(m);

	m = test_parse("Content-Transfer-Encoding: base64\n\n"
	               "SGVs bG8s\r\n IHdv*cmxk\nIQ");
	assert_string_equal(m->text, "Hello, world!");
	WARNINGS(m, "bad base64");
	mime_message_free(m);

	m = test_parse("Content-Type: multipart/mixed; boundary=b\n\n--b\n\n"
	               "text\n--b\nContent-Type: application/pdf\n"
	               "Content-Transfer-Encoding: base64\n\nJVBE=R\n"
	               "--b\nContent-Transfer-Encoding: x-uuencode\n\nuu\n"
	               "--b--\n");
	assert_string_equal(m->text, "text\n\nuu");
	assert_attachment(&m->attachments[0], NULL, "application/pdf", 3, true);
	assert_memory_equal(m->attachments[0].data, "%PD", 3);
	WARNINGS(m, "bad base64 in part 2",
	         "unknown Content-Transfer-Encoding \"x-uuencode\" in part 3; "
	         "taken as 8bit");
	mime_message_free(m);
}

/* Over a limit: metadata and digest kept, the bytes not. */
static void
test_limits(void **state)
{
	struct mime_limits limits;
	struct mime_message *m;
	char *raw, big[2001], mid[801];

	(void)state;
	mime_limits_default(&limits);
	assert_int_equal(limits.max_attachment_size, 10 << 20);
	assert_int_equal(limits.max_attachments_total, 25 << 20);
	assert_int_equal(limits.max_parts, 500);
	assert_int_equal(limits.max_depth, 20);
	limits.max_attachment_size = 1000;
	limits.max_attachments_total = 1500;
	memset(big, 'A', 2000);
	big[2000] = '\0';
	memset(mid, 'B', 800);
	mid[800] = '\0';
	assert_true(asprintf(&raw,
	                     "Content-Type: multipart/mixed; boundary=b\n\n"
	                     "--b\nContent-Disposition: attachment; "
	                     "filename=big.bin\n\n%s\n--b\nContent-Type: "
	                     "application/x-b; name=b.bin\n\n%s\n--b\n"
	                     "Content-Type: application/x-c; name=c.bin\n\n"
	                     "%s\n--b--\n",
	                     big, mid, mid) > 0);
	m = test_parse_len(raw, strlen(raw), &limits);
	assert_int_equal(m->n_attachments, 3);
	assert_attachment(&m->attachments[0], "big.bin", "text/plain", 2000,
	                  false);
	assert_string_equal(m->attachments[0].sha256,
	                    "ccca685709aa9e68d44ebb8e4aa02743"
	                    "fbf0c32b65ab5ac93ab6b1fd3d7ec7aa");
	assert_attachment(&m->attachments[1], "b.bin", "application/x-b", 800,
	                  true);
	assert_attachment(&m->attachments[2], "c.bin", "application/x-c", 800,
	                  false);
	WARNINGS(m,
	         "attachment \"big.bin\" (2 KB) over the 1000 bytes limit; not "
	         "kept",
	         "attachment \"c.bin\" (800 bytes) over the 1 KB total for "
	         "attachments; not kept");
	mime_message_free(m);
	free(raw);
}

/* --- hostile input ------------------------------------------------------ */

static void
test_hostile_small(void **state)
{
	static const char nul[] = "Subject: a\0b\r\n\r\nbody\0text";
	struct mime_message *m;

	(void)state;
	m = test_parse_len(nul, sizeof(nul) - 1, NULL);
	assert_string_equal(m->subject, "a" FFFD "b");
	assert_string_equal(m->text, "body" FFFD "text");
	WARNINGS(m, "NUL bytes in message");
	mime_message_free(m);

	m = test_parse_len("", 0, NULL);
	assert_string_equal(m->subject, "");
	assert_string_equal(m->text, "");
	assert_int_equal(m->date, -1);
	WARNINGS(m, "empty message");
	mime_message_free(m);

	m = test_parse_len(NULL, 0, NULL);
	WARNINGS(m, "empty message");
	mime_message_free(m);
	mime_message_free(NULL);
}

static void
test_hostile_long_line(void **state)
{
	size_t n = 1 << 20;
	char *raw = malloc(n + 16);
	struct mime_message *m;

	(void)state;
	assert_non_null(raw);
	memset(raw, 'x', n);
	m = test_parse_len(raw, n, NULL);
	assert_int_equal(strlen(m->text), n);
	WARNINGS(m, "no header; message taken as body");
	mime_message_free(m);

	memcpy(raw, "Subject: ", 9);
	memcpy(raw + n, "\r\n\r\nok", 6);
	m = test_parse_len(raw, n + 6, NULL);
	assert_int_equal(strlen(m->subject), n - 9);
	assert_string_equal(m->text, "ok");
	NO_WARNINGS(m);
	mime_message_free(m);
	free(raw);
}

/* 5000 multiparts nested: read to max_depth, the rest one attachment. */
static void
test_hostile_nested(void **state)
{
	size_t cap = 5000 * 80 + 64, n = 0;
	char *raw = malloc(cap), want[256];
	struct mime_message *m;
	int i;

	(void)state;
	assert_non_null(raw);
	for (i = 0; i < 5000; i++)
		n += (size_t)snprintf(raw + n, cap - n,
		                      "Content-Type: multipart/mixed; "
		                      "boundary=b%d\n\n--b%d\n",
		                      i, i);
	n += (size_t)snprintf(raw + n, cap - n, "\ndeep\n");
	while (i-- > 0)
		n += (size_t)snprintf(raw + n, cap - n, "--b%d--\n", i);
	m = test_parse_len(raw, n, NULL);
	assert_string_equal(m->text, "");
	assert_int_equal(m->n_attachments, 1);
	assert_string_equal(m->attachments[0].content_type, "multipart/mixed");
	n = (size_t)snprintf(
	    want, sizeof(want),
	    "multipart nested deeper than 20 levels in part 1");
	for (i = 1; i < 20; i++)
		n += (size_t)snprintf(want + n, sizeof(want) - n, ".1");
	snprintf(want + n, sizeof(want) - n, "; kept as attachment");
	WARNINGS(m, want);
	mime_message_free(m);
	free(raw);
}

/* 1000 parts side by side: max_parts (500, the message included). */
static void
test_hostile_wide(void **state)
{
	size_t cap = 1000 * 48 + 64, n = 0;
	char *raw = malloc(cap);
	struct mime_message *m;

	(void)state;
	assert_non_null(raw);
	n += (size_t)snprintf(raw, cap,
	                      "Content-Type: multipart/mixed; "
	                      "boundary=w\n\n");
	for (int i = 0; i < 1000; i++)
		n +=
		    (size_t)snprintf(raw + n, cap - n,
		                     "--w\nContent-Type: image/gif\n\n%d\n", i);
	n += (size_t)snprintf(raw + n, cap - n, "--w--\n");
	m = test_parse_len(raw, n, NULL);
	assert_int_equal(m->n_attachments, 499);
	WARNINGS(m, "more than 500 MIME parts; the rest not read");
	mime_message_free(m);
	free(raw);
}

/* Random bytes, and every prefix of a real mail: a sane message. */
static void
test_hostile_garbage(void **state)
{
	size_t n = 1 << 16, len;
	unsigned char *buf = malloc(n);
	uint32_t seed = 42;
	struct mime_message *m;
	char *raw;

	(void)state;
	assert_non_null(buf);
	for (int round = 0; round < 4; round++) {
		for (size_t i = 0; i < n; i++) {
			seed = seed * 1103515245 + 12345;
			buf[i] = (unsigned char)(seed >> 16);
			if (round == 1 && buf[i] > 0x80)
				buf[i] = "\n-:=?<>\"b;"[buf[i] % 10];
		}
		m = test_parse_len((const char *)buf, n, NULL);
		assert_true(m->warnings.n > 0);
		mime_message_free(m);
	}
	free(buf);
	raw = test_read("nested_related.eml", &len);
	for (size_t cut = 0; cut <= len; cut += 7)
		mime_message_free(test_parse_len(raw, cut, NULL));
	free(raw);
	raw = test_read("attachment_names.eml", &len);
	for (size_t cut = 0; cut <= len; cut++)
		mime_message_free(test_parse_len(raw, cut, NULL));
	free(raw);
}

/* Mail a customer could write must not look automatic. */
static void
test_not_automatic(void **state)
{
	struct mime_message *m;

	(void)state;
	m = test_parse("From: Postmaster Team <postmaster-team@x.example>\n"
	               "Subject: Re: Out of office hours support?\n"
	               "Auto-Submitted: no\n"
	               "X-Auto-Response-Suppress: DR, OOF\n"
	               "Precedence: first-class\n"
	               "Return-Path: <customer@x.example>\n\nHello\n");
	assert_int_equal(m->auto_flags, 0);
	assert_null(m->auto_reason);
	mime_message_free(m);

	m = test_parse("From: bot@x\nX-Auto-Response-Suppress: DR, "
	               "AutoReply\nSubject: x\n\n");
	assert_int_equal(m->auto_flags, MIME_AUTO_GENERATED);
	assert_string_equal(m->auto_reason, "X-Auto-Response-Suppress: DR");
	mime_message_free(m);

	m = test_parse("From: MAILER-DAEMON\nSubject: failure\n\n");
	assert_int_equal(m->auto_flags, MIME_AUTO_BOUNCE);
	assert_string_equal(m->auto_reason, "From: MAILER-DAEMON");
	mime_message_free(m);

	m = test_parse("From: a@b\nList-Id: <x.y>\nX-Autoreply: yes\n\n");
	assert_int_equal(m->auto_flags, MIME_AUTO_LIST | MIME_AUTO_REPLIED);
	assert_string_equal(m->auto_reason, "X-Autoreply");
	mime_message_free(m);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_customer_plain),
	    cmocka_unit_test(test_nested_related),
	    cmocka_unit_test(test_html_only),
	    cmocka_unit_test(test_html_only_gbk_meta),
	    cmocka_unit_test(test_dsn_bounce),
	    cmocka_unit_test(test_dsn_original),
	    cmocka_unit_test(test_dsn_original_absent),
	    cmocka_unit_test(test_out_of_office),
	    cmocka_unit_test(test_list_and_receipt),
	    cmocka_unit_test(test_forwarded_rfc822),
	    cmocka_unit_test(test_attachment_names),
	    cmocka_unit_test(test_broken_boundaries),
	    cmocka_unit_test(test_charset_fallbacks),
	    cmocka_unit_test(test_odd_shapes),
	    cmocka_unit_test(test_charset_matrix),
	    cmocka_unit_test(test_charset_warnings),
	    cmocka_unit_test(test_encoded_words),
	    cmocka_unit_test(test_addresses),
	    cmocka_unit_test(test_msgids),
	    cmocka_unit_test(test_references_cap),
	    cmocka_unit_test(test_dates),
	    cmocka_unit_test(test_header_block),
	    cmocka_unit_test(test_alternatives),
	    cmocka_unit_test(test_transfer_encodings),
	    cmocka_unit_test(test_limits),
	    cmocka_unit_test(test_hostile_small),
	    cmocka_unit_test(test_hostile_long_line),
	    cmocka_unit_test(test_hostile_nested),
	    cmocka_unit_test(test_hostile_wide),
	    cmocka_unit_test(test_hostile_garbage),
	    cmocka_unit_test(test_not_automatic),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
