/*
 * test_compose: the mails the desk sends, read back with our own parser —
 * English and Chinese subjects, bodies and names, folding and line limits,
 * threading headers, the HTML alternative, quoted-printable edge cases,
 * and hostile values that must not add a header or break a line.
 */
#include "compose.h"

#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "mime.h"

#define N(a) (sizeof(a) / sizeof(*(a)))

/* The headers of test_mail with nothing optional set. */
#define BASE_HEADERS                                                           \
	"Date,From,To,Subject,Message-ID,MIME-Version,Content-Type,"           \
	"Content-Transfer-Encoding"

/* 2025-12-04 09:30:00 UTC, a Thursday. */
#define TEST_DATE 1764840600LL

/* --- helpers ----------------------------------------------------------- */

static struct compose_mail
test_mail(void)
{
	struct compose_mail m = {
	    .date = TEST_DATE,
	    .from = "ACME Support <support@acme.example>",
	    .to_addr = "alice@example.org",
	    .subject = "[ACME #123] We have received your message",
	    .message_id = "cd.123.TOKEN.1@acme.example",
	    .text = "Hello,\n\nthank you.\n",
	};
	return m;
}

/*
 * Every line ends in CRLF, no CR or LF stands alone, no line is over 998
 * octets, header lines holding an encoded word are at most 76, body lines
 * (quoted-printable) at most 76, and every byte is 7-bit.
 */
static void
assert_lines(const char *raw, size_t len)
{
	bool header = true;
	size_t start = 0;

	assert_int_equal(strlen(raw), len);
	assert_true(len >= 2 && raw[len - 2] == '\r' && raw[len - 1] == '\n');
	for (size_t i = 0; i < len; i++) {
		size_t n;
		assert_true((unsigned char)raw[i] < 0x80);
		if (raw[i] == '\r')
			assert_true(raw[i + 1] == '\n');
		if (raw[i] != '\n')
			continue;
		assert_true(i > 0 && raw[i - 1] == '\r');
		n = i - 1 - start;
		if (n > 998)
			fail_msg("line of %zu octets at %zu", n, start);
		if (header && memmem(raw + start, n, "=?", 2) != NULL && n > 76)
			fail_msg("encoded-word line of %zu: %.*s", n, (int)n,
			         raw + start);
		if (!header && n > 76)
			fail_msg("body line of %zu: %.*s", n, (int)n,
			         raw + start);
		/* Quoted-printable never leaves white space at the end. */
		if (!header && n > 0 && strchr(" \t", raw[i - 2]) != NULL)
			fail_msg("white space ends %.*s", (int)n, raw + start);
		if (n == 0)
			header = false;
		start = i + 1;
	}
}

/* The top-level header's field names, comma-separated, in order. */
static char *
test_header_names(const char *raw)
{
	const char *end = strstr(raw, "\r\n\r\n");
	char *out = calloc(1, strlen(raw) + 1);
	size_t o = 0;

	assert_non_null(end);
	assert_non_null(out);
	for (const char *p = raw; p < end + 2; p = strstr(p, "\r\n") + 2) {
		const char *colon;
		if (*p == ' ' || *p == '\t')
			continue;
		colon = strchr(p, ':');
		assert_non_null(colon);
		if (o > 0)
			out[o++] = ',';
		memcpy(out + o, p, (size_t)(colon - p));
		o += (size_t)(colon - p);
	}
	return out;
}

static void
assert_header_names(const char *raw, const char *want)
{
	char *got = test_header_names(raw);

	if (strcmp(got, want) != 0)
		fail_msg("headers \"%s\", want \"%s\"", got, want);
	free(got);
}

/* Composes m (which must succeed) and checks the line rules. */
static char *
test_compose(const struct compose_mail *m, size_t *len_r)
{
	char *raw = NULL, err[256] = "";
	size_t len = 0;

	if (compose_mail(m, &raw, &len, err, sizeof(err)) != 0)
		fail_msg("compose_mail: %s", err);
	assert_non_null(raw);
	assert_lines(raw, len);
	if (len_r != NULL)
		*len_r = len;
	return raw;
}

/* Composes and parses back, which must give no warning. */
static struct mime_message *
test_roundtrip(const struct compose_mail *m, char **raw_r)
{
	size_t len;
	char *raw = test_compose(m, &len);
	struct mime_message *msg = mime_parse(raw, len, NULL);

	assert_non_null(msg);
	for (size_t i = 0; i < msg->warnings.n; i++)
		fail_msg("warning: %s", msg->warnings.v[i]);
	if (raw_r != NULL)
		*raw_r = raw;
	else
		free(raw);
	return msg;
}

/* compose_mail must refuse m, with a reason, and allocate nothing. */
static void
assert_refused(const struct compose_mail *m, const char *reason)
{
	char *raw = NULL, err[256] = "";
	size_t len = 0;

	if (compose_mail(m, &raw, &len, err, sizeof(err)) != -1)
		fail_msg("accepted: from \"%s\" to \"%s\" reply-to \"%s\"",
		         m->from, m->to_addr, m->reply_to);
	assert_null(raw);
	if (strstr(err, reason) == NULL)
		fail_msg("error \"%s\" should say \"%s\"", err, reason);
}

/* Body text as mime_parse gives it: trailing white space cut. */
static void
assert_text(const struct mime_message *msg, const char *want)
{
	size_t n = strlen(want);

	while (n > 0 && strchr(" \t\n", want[n - 1]) != NULL)
		n--;
	if (strlen(msg->text) != n || memcmp(msg->text, want, n) != 0)
		fail_msg("text \"%s\", want \"%.*s\"", msg->text, (int)n, want);
}

static int
test_hex(char c)
{
	return c >= '0' && c <= '9'   ? c - '0'
	       : c >= 'A' && c <= 'F' ? c - 55
	                              : -1;
}

/* The quoted-printable body after the first blank line, decoded
 * exactly (CRLF → "\n"); strict: any bad "=" fails.  Caller frees. */
static char *
test_qp_body(const char *raw)
{
	const char *p = strstr(raw, "\r\n\r\n") + 4;
	char *out = malloc(strlen(p) + 1), *o = out;

	assert_non_null(out);
	while (*p != '\0') {
		if (p[0] == '=' && p[1] == '\r' && p[2] == '\n') {
			p += 3;
		} else if (p[0] == '=') {
			int hi = test_hex(p[1]),
			    lo = hi < 0 ? -1 : test_hex(p[2]);
			assert_true(hi >= 0 && lo >= 0);
			*o++ = (char)(hi * 16 + lo);
			p += 3;
		} else if (p[0] == '\r' && p[1] == '\n') {
			*o++ = '\n';
			p += 2;
		} else {
			*o++ = *p++;
		}
	}
	*o = '\0';
	return out;
}

/* A string of n copies of unit (a UTF-8 character or a word). */
static char *
test_repeat(const char *unit, size_t n)
{
	size_t u = strlen(unit);
	char *s = malloc(u * n + 1);

	assert_non_null(s);
	for (size_t i = 0; i < n; i++)
		memcpy(s + i * u, unit, u);
	s[u * n] = '\0';
	return s;
}

/* --- ordinary mail ----------------------------------------------------- */

static void
test_english(void **state)
{
	struct compose_mail m = test_mail();
	struct mime_message *msg;
	char *raw;

	(void)state;
	m.to_name = "Alice Smith";
	m.reply_to = "support+123-TOKEN@acme.example";
	m.text = "Dear Alice,\n\nWe have received your message about order "
	         "A-1001.\nYour reference is [ACME #123].\n\nACME Support\n";
	msg = test_roundtrip(&m, &raw);
	assert_header_names(raw, "Date,From,Reply-To,To,Subject,Message-ID,"
	                         "MIME-Version,Content-Type,"
	                         "Content-Transfer-Encoding");
	assert_non_null(strstr(raw, "\r\nFrom: ACME Support "
	                            "<support@acme.example>\r\n"));
	assert_non_null(strstr(raw, "\r\nTo: Alice Smith "
	                            "<alice@example.org>\r\n"));
	assert_non_null(strstr(raw, "\r\nSubject: [ACME #123] We have "
	                            "received your message\r\n"));
	assert_non_null(strstr(raw, "\r\nContent-Type: text/plain; "
	                            "charset=UTF-8\r\n"));
	assert_string_equal(msg->subject, m.subject);
	assert_string_equal(msg->from.name, "ACME Support");
	assert_string_equal(msg->from.addr, "support@acme.example");
	assert_string_equal(msg->reply_to.addr, m.reply_to);
	assert_int_equal(msg->to.n, 1);
	assert_string_equal(msg->to.v[0].name, "Alice Smith");
	assert_string_equal(msg->to.v[0].addr, "alice@example.org");
	assert_string_equal(msg->message_id, m.message_id);
	assert_null(msg->in_reply_to);
	assert_int_equal(msg->references.n, 0);
	assert_int_equal(msg->date, TEST_DATE);
	assert_int_equal(msg->auto_flags, 0);
	assert_null(msg->html);
	assert_text(msg, m.text);
	mime_message_free(msg);
	free(raw);
}

static void
test_chinese(void **state)
{
	struct compose_mail m = test_mail();
	struct mime_message *msg;
	char *raw;

	(void)state;
	m.from = "ACME 客服中心 <support@acme.example>";
	m.to_name = "张三";
	m.subject = "[ACME #123] 我们已收到您的来信：订单未送达";
	m.text = "张三，您好：\n\n我们已收到您的来信，编号为 [ACME "
	         "#123]。\n我们将在 2025年12月5日 17:30 前答复您。\n\nACME "
	         "客服中心\n";
	msg = test_roundtrip(&m, &raw);
	assert_header_names(raw, BASE_HEADERS);
	/* The tag stays readable in the raw mail. */
	assert_non_null(strstr(raw, "\r\nSubject: [ACME #123] =?UTF-8?B?"));
	assert_string_equal(msg->subject, m.subject);
	assert_string_equal(msg->from.name, "ACME 客服中心");
	assert_string_equal(msg->to.v[0].name, "张三");
	assert_string_equal(msg->to.v[0].addr, "alice@example.org");
	assert_text(msg, m.text);
	mime_message_free(msg);
	free(raw);
}

static void
test_date_zones(void **state)
{
	struct compose_mail m = test_mail();
	const char *old = getenv("TZ");
	char *saved = old ? strdup(old) : NULL;
	struct mime_message *msg;
	char *raw;

	(void)state;
	setenv("TZ", "UTC0", 1);
	tzset();
	raw = test_compose(&m, NULL);
	assert_non_null(
	    strstr(raw, "Date: Thu, 04 Dec 2025 09:30:00 +0000\r\n"));
	free(raw);
	/* China (POSIX spelling: no tzdata needed), then half an hour. */
	setenv("TZ", "CST-8", 1);
	tzset();
	msg = test_roundtrip(&m, &raw);
	assert_non_null(
	    strstr(raw, "Date: Thu, 04 Dec 2025 17:30:00 +0800\r\n"));
	assert_int_equal(msg->date, TEST_DATE);
	mime_message_free(msg);
	free(raw);
	setenv("TZ", "NST+3:30", 1);
	tzset();
	raw = test_compose(&m, NULL);
	assert_non_null(
	    strstr(raw, "Date: Thu, 04 Dec 2025 06:00:00 -0330\r\n"));
	free(raw);
	if (saved != NULL)
		setenv("TZ", saved, 1);
	else
		unsetenv("TZ");
	tzset();
	free(saved);
}

/* --- folding ----------------------------------------------------------- */

static void
test_long_subject_english(void **state)
{
	struct compose_mail m = test_mail();
	char *subject = test_repeat("complaint about delivery ", 40);
	struct mime_message *msg;
	char *raw, *sub, *end;

	(void)state;
	subject[strlen(subject) - 1] = '\0';
	m.subject = subject;
	msg = test_roundtrip(&m, &raw);
	assert_header_names(raw, BASE_HEADERS);
	assert_string_equal(msg->subject, subject);
	/* Folded at spaces, every line within 78, no encoded word. */
	sub = strstr(raw, "\r\nSubject: ") + 2;
	end = strstr(sub, "\r\nMessage-ID:");
	assert_null(memmem(sub, (size_t)(end - sub), "=?", 2));
	for (char *l = sub; l < end; l = strstr(l, "\r\n") + 2) {
		assert_true(strstr(l, "\r\n") - l <= 78);
		assert_true(l == sub || *l == ' ');
	}
	mime_message_free(msg);
	free(raw);
	free(subject);
}

static void
test_long_subject_chinese(void **state)
{
	struct compose_mail m = test_mail();
	char *han = test_repeat("退款申请", 80);
	char *subject = malloc(strlen(han) + 32);
	struct mime_message *msg;
	char *raw;

	(void)state;
	assert_non_null(subject);
	snprintf(subject, strlen(han) + 32, "[ACME #123] %s", han);
	m.subject = subject;
	m.to_name = han; /* a long encoded name: the address on its own line */
	msg = test_roundtrip(&m, &raw);
	assert_header_names(raw, BASE_HEADERS);
	assert_string_equal(msg->subject, subject);
	assert_string_equal(msg->to.v[0].name, han);
	assert_string_equal(msg->to.v[0].addr, "alice@example.org");
	mime_message_free(msg);
	free(raw);
	free(subject);
	free(han);
}

/* Mixed scripts, emoji (4-byte UTF-8) cut only between characters. */
static void
test_long_subject_mixed(void **state)
{
	struct compose_mail m = test_mail();
	char *subject = test_repeat(" Order 订单 😀", 30);
	struct mime_message *msg;

	(void)state;
	m.subject = subject + 1;
	msg = test_roundtrip(&m, NULL);
	assert_string_equal(msg->subject, subject + 1);
	mime_message_free(msg);
	free(subject);
}

/* ASCII words first (written as they are), then encoded words: the
 * switch lands on every column. */
static void
test_subject_ascii_then_encoded(void **state)
{
	(void)state;
	for (size_t pad = 1; pad < 90; pad++) {
		struct compose_mail m = test_mail();
		char *x = test_repeat("x", pad), subject[256];
		struct mime_message *msg;
		char *raw;

		snprintf(subject, sizeof(subject), "[ACME #1] %s 退款 refund",
		         x);
		m.subject = subject;
		msg = test_roundtrip(&m, &raw);
		assert_header_names(raw, BASE_HEADERS);
		assert_string_equal(msg->subject, subject);
		assert_non_null(strstr(raw, "Subject: [ACME #1] x"));
		mime_message_free(msg);
		free(raw);
		free(x);
	}
}

/* --- names ------------------------------------------------------------- */

struct test_name {
	const char *name;    /* given */
	const char *written; /* in the To line, or NULL: encoded */
	const char *parsed;  /* read back */
};

static const struct test_name test_names[] = {
    {"Alice", "To: Alice <alice@example.org>", "Alice"},
    {"Doe, John", "To: \"Doe, John\" <alice@example.org>", "Doe, John"},
    {"J. R. Smith", "To: \"J. R. Smith\" <alice@example.org>", "J. R. Smith"},
    {"Bob \"The Builder\" O\\Neil",
     "To: \"Bob \\\"The Builder\\\" O\\\\Neil\" <alice@example.org>",
     "Bob \"The Builder\" O\\Neil"},
    {"Eve <eve@evil.example>",
     "To: \"Eve <eve@evil.example>\" <alice@example.org>",
     "Eve <eve@evil.example>"},
    {"  padded  ", "To: padded <alice@example.org>", "padded"},
    {"(comment) name", "To: \"(comment) name\" <alice@example.org>",
     "(comment) name"},
    {"张三", NULL, "张三"},
    {"Zoë Müller", NULL, "Zoë Müller"},
    {"=?UTF-8?B?RXZl?=", NULL, "=?UTF-8?B?RXZl?="},
    {"", "To: <alice@example.org>", NULL},
    {"   ", "To: <alice@example.org>", NULL},
};

static void
test_display_names(void **state)
{
	(void)state;
	for (size_t i = 0; i < N(test_names); i++) {
		const struct test_name *t = &test_names[i];
		struct compose_mail m = test_mail();
		struct mime_message *msg;
		char *raw, *to;

		m.to_name = t->name;
		msg = test_roundtrip(&m, &raw);
		assert_header_names(raw, BASE_HEADERS);
		to = strstr(raw, "\r\nTo: ") + 2;
		if (t->written != NULL) {
			if (strncmp(to, t->written, strlen(t->written)) != 0 ||
			    strncmp(to + strlen(t->written), "\r\n", 2) != 0)
				fail_msg("name \"%s\" written %.60s", t->name,
				         to);
		} else {
			assert_int_equal(strncmp(to, "To: =?UTF-8?B?", 14), 0);
		}
		assert_int_equal(msg->to.n, 1);
		assert_string_equal(msg->to.v[0].addr, "alice@example.org");
		if (t->parsed == NULL)
			assert_null(msg->to.v[0].name);
		else
			assert_string_equal(msg->to.v[0].name, t->parsed);
		mime_message_free(msg);
		free(raw);
	}
}

static void
test_from_forms(void **state)
{
	static const char *const froms[][3] = {
	    {"support@acme.example", "From: <support@acme.example>", NULL},
	    {"<support@acme.example>", "From: <support@acme.example>", NULL},
	    {"\"ACME, Inc. \\\"Support\\\"\" <support@acme.example>",
	     "From: \"ACME, Inc. \\\"Support\\\"\" <support@acme.example>",
	     "ACME, Inc. \"Support\""},
	    {"ACME 客服 <support@acme.example>", NULL, "ACME 客服"},
	};

	(void)state;
	for (size_t i = 0; i < N(froms); i++) {
		struct compose_mail m = test_mail();
		struct mime_message *msg;
		char *raw, *from;

		m.from = froms[i][0];
		msg = test_roundtrip(&m, &raw);
		from = strstr(raw, "\r\nFrom: ") + 2;
		if (froms[i][1] != NULL)
			assert_int_equal(
			    strncmp(from, froms[i][1], strlen(froms[i][1])), 0);
		assert_string_equal(msg->from.addr, "support@acme.example");
		if (froms[i][2] == NULL)
			assert_null(msg->from.name);
		else
			assert_string_equal(msg->from.name, froms[i][2]);
		mime_message_free(msg);
		free(raw);
	}
}

static void
test_address_of(void **state)
{
	char buf[64];

	(void)state;
	assert_int_equal(compose_address_of("A <a@b.example>", buf, 64), 0);
	assert_string_equal(buf, "a@b.example");
	assert_int_equal(compose_address_of("a@b.example", buf, 64), 0);
	assert_string_equal(buf, "a@b.example");
	assert_int_equal(compose_address_of("\"x <y>\" <a@b.example>", buf, 64),
	                 0);
	assert_string_equal(buf, "a@b.example");
	assert_int_equal(compose_address_of("Name only", buf, 64), -1);
	assert_int_equal(compose_address_of("A <a@b.example", buf, 64), -1);
	assert_int_equal(compose_address_of("A <a@b.example> ", buf, 64), 0);
	assert_int_equal(compose_address_of("A <a@b.example> x", buf, 64), -1);
	assert_int_equal(
	    compose_address_of("A <a@b.example>, <c@d.example>", buf, 64), -1);
	assert_int_equal(compose_address_of("A <>", buf, 64), -1);
	assert_int_equal(compose_address_of("A <a b@c.example>", buf, 64), -1);
	/* Too long for the buffer: refused, never cut. */
	assert_int_equal(compose_address_of("a@b.example", buf, 5), -1);
}

/* --- threading and automatic mail ------------------------------------- */

static void
test_threading(void **state)
{
	struct compose_mail m = test_mail();
	struct mime_message *msg;
	char refs[2048] = "", id[64], *raw, *line;
	size_t used = 0;

	(void)state;
	for (int i = 0; i < 20; i++)
		used += (size_t)snprintf(refs + used, sizeof(refs) - used,
		                         "%s%04d.ABCDEFGHIJKLMNOP@mail.example",
		                         i ? " " : "", i);
	m.in_reply_to = "0019.ABCDEFGHIJKLMNOP@mail.example";
	m.references = refs;
	msg = test_roundtrip(&m, &raw);
	assert_header_names(raw, "Date,From,To,Subject,Message-ID,In-Reply-To,"
	                         "References,MIME-Version,Content-Type,"
	                         "Content-Transfer-Encoding");
	assert_string_equal(msg->in_reply_to, m.in_reply_to);
	assert_int_equal(msg->references.n, 20);
	for (int i = 0; i < 20; i++) {
		snprintf(id, sizeof(id), "%04d.ABCDEFGHIJKLMNOP@mail.example",
		         i);
		assert_string_equal(msg->references.v[i], id);
	}
	/* Folded: each line within 78, continuation lines indented. */
	line = strstr(raw, "\r\nReferences: ") + 2;
	do {
		assert_true(strstr(line, "\r\n") - line <= 78);
		line = strstr(line, "\r\n") + 2;
	} while (*line == ' ');
	assert_int_equal(strncmp(line, "MIME-Version:", 13), 0);
	mime_message_free(msg);
	free(raw);
}

/* Ids that are not msg-ids are left out, never written half. */
static void
test_threading_bad_ids(void **state)
{
	struct compose_mail m = test_mail();
	char *long_id = test_repeat("x", 1000), *refs;
	struct mime_message *msg;
	char *raw;

	(void)state;
	long_id[500] = '@';
	refs = malloc(strlen(long_id) + 128);
	assert_non_null(refs);
	snprintf(refs, strlen(long_id) + 128,
	         "a@x.example  no-at-sign <b@x.example> c@x.example\r\nBcc: "
	         "evil@x.example %s d@x.example",
	         long_id);
	m.in_reply_to = "bad id@x.example";
	m.references = refs;
	msg = test_roundtrip(&m, &raw);
	assert_header_names(raw, "Date,From,To,Subject,Message-ID,References,"
	                         "MIME-Version,Content-Type,"
	                         "Content-Transfer-Encoding");
	assert_null(msg->in_reply_to);
	assert_int_equal(msg->references.n, 3);
	assert_string_equal(msg->references.v[0], "a@x.example");
	assert_string_equal(msg->references.v[1], "evil@x.example");
	assert_string_equal(msg->references.v[2], "d@x.example");
	mime_message_free(msg);
	free(raw);
	/* An over-long In-Reply-To alone: no header at all. */
	m.in_reply_to = long_id;
	m.references = NULL;
	raw = test_compose(&m, NULL);
	assert_header_names(raw, BASE_HEADERS);
	free(raw);
	free(refs);
	free(long_id);
}

static void
test_auto_submitted(void **state)
{
	static const char *const kinds[] = {"auto-replied", "auto-generated"};

	(void)state;
	for (size_t i = 0; i < N(kinds); i++) {
		struct compose_mail m = test_mail();
		struct compose_header extra[] = {
		    {"X-Complaintd-Ticket", "123"},
		};
		struct mime_message *msg;
		char *raw;

		m.auto_submitted = kinds[i];
		m.extra = extra;
		m.n_extra = N(extra);
		msg = test_roundtrip(&m, &raw);
		assert_header_names(
		    raw, "Date,From,To,Subject,Message-ID,Auto-Submitted,"
		         "X-Auto-Response-Suppress,X-Complaintd-Ticket,"
		         "MIME-Version,Content-Type,Content-Transfer-Encoding");
		assert_string_equal(mime_header_get(msg, "Auto-Submitted"),
		                    kinds[i]);
		assert_string_equal(
		    mime_header_get(msg, "X-Auto-Response-Suppress"), "All");
		assert_string_equal(mime_header_get(msg, "X-Complaintd-Ticket"),
		                    "123");
		assert_true(msg->auto_flags &
		            (i == 0 ? MIME_AUTO_REPLIED : MIME_AUTO_GENERATED));
		mime_message_free(msg);
		free(raw);
	}
}

/* --- body -------------------------------------------------------------- */

static void
test_html_alternative(void **state)
{
	struct compose_mail m = test_mail();
	struct mime_message *msg;
	char *raw;

	(void)state;
	m.subject = "您的工单 [ACME #123]";
	m.text = "您好，\n\n我们已收到您的来信。\n";
	m.html = "<p>您好，</p>\n<p>我们已收到您的来信。<br>"
	         "<a href=\"https://acme.example/t?id=123&amp;k=a=b\">查看</a>"
	         "</p>\n";
	msg = test_roundtrip(&m, &raw);
	assert_header_names(raw, "Date,From,To,Subject,Message-ID,"
	                         "MIME-Version,Content-Type");
	assert_non_null(strstr(raw, "\r\nContent-Type: multipart/alternative; "
	                            "boundary=\"=_complaintd_"));
	assert_non_null(strstr(raw, "Content-Type: text/plain; charset=UTF-8"));
	assert_non_null(strstr(raw, "Content-Type: text/html; charset=UTF-8"));
	assert_string_equal(msg->subject, m.subject);
	assert_text(msg, m.text);
	assert_false(msg->text_from_html);
	assert_non_null(msg->html);
	/* The part is in canonical form: CRLF line ends. */
	for (char *o = msg->html, *i = msg->html;; i++)
		if (*i != '\r' && (*o++ = *i) == '\0')
			break;
	assert_string_equal(msg->html, "<p>您好，</p>\n<p>我们已收到您的来信。"
	                               "<br><a href=\"https://acme.example/"
	                               "t?id=123&amp;k=a=b\">查看</a></p>\n");
	assert_int_equal(msg->n_attachments, 0);
	mime_message_free(msg);
	free(raw);
}

static const char *const test_qp_texts[] = {
    "",
    "one line without newline",
    "trailing spaces   \ntrailing tab\t\nboth \t \n",
    "a=b == c =\n=3D is not a code\n= at start\n",
    ".\n..\n...\n.leading dot\n",
    "From me, a line mbox would mangle\nFrom\n",
    "CRLF\r\nline ends\r\n\r\nhere\r\n",
    "bare\rCR inside\n",
    "\n\n\nblank lines first\n",
    ("tab\tinside and ~ ! \" # $ % & ' ( ) * + , - . / : ; < > ? @ [ \\ ] ^ "
     "_ ` { | } ~\n"),
};

/* Round trip of each text through quoted-printable, exact. */
static void
assert_qp_roundtrip(const char *text)
{
	struct compose_mail m = test_mail();
	struct mime_message *msg;
	char *raw, *body, *want = strdup(text), *o = want;

	assert_non_null(want);
	/* Line ends become "\n", "\r\n" too; a final one is implied. */
	for (const char *p = text; *p != '\0'; p++)
		if (!(p[0] == '\r' && p[1] == '\n'))
			*o++ = *p;
	*o = '\0';
	m.text = text;
	msg = test_roundtrip(&m, &raw);
	body = test_qp_body(raw);
	if (!(strncmp(body, want, strlen(want)) == 0 &&
	      strcmp(body + strlen(want),
	             o > want && o[-1] == '\n' ? "" : "\n") == 0))
		fail_msg("QP of \"%s\" decodes to \"%s\"", text, body);
	/* No encoded line starts with a dot or "From ". */
	for (const char *l = strstr(raw, "\r\n\r\n") + 4; *l != '\0';
	     l = strstr(l, "\r\n") + 2)
		assert_true(*l != '.' && strncmp(l, "From ", 5) != 0);
	/* The parser reads any CR as a line end. */
	for (o = want; *o != '\0'; o++)
		if (*o == '\r')
			*o = '\n';
	assert_text(msg, want);
	mime_message_free(msg);
	free(body);
	free(raw);
	free(want);
}

static void
test_qp_edges(void **state)
{
	(void)state;
	for (size_t i = 0; i < N(test_qp_texts); i++)
		assert_qp_roundtrip(test_qp_texts[i]);
}

/* Long lines soft-broken at 76, wherever the '=' codes and characters
 * fall. */
static void
test_qp_long_lines(void **state)
{
	static const char *const units[] = {"a", "=", " x",  "é", "中文",
	                                    "😀", ".", "ab=", "\t"};

	(void)state;
	for (size_t u = 0; u < N(units); u++) {
		for (size_t n = 70; n < 84; n++) {
			char *s = test_repeat(units[u], n);
			assert_qp_roundtrip(s);
			free(s);
		}
		char *s = test_repeat(units[u], 1000);
		assert_qp_roundtrip(s);
		free(s);
	}
}

/* --- hostile input ----------------------------------------------------- */

static void
test_hostile_header_values(void **state)
{
	static const char *const evil[] = {
	    "Hi\r\nBcc: evil@x.example", "Hi\nBcc: evil@x.example",
	    "Hi\rBcc: evil@x.example",   "Hi\r\n\r\nbody injected",
	    "\r\nBcc: evil@x.example",   "Hi\r\n Bcc: folded@x.example",
	    "Hi\x0b\x0c\x1b\x7f end",    "Hi\0Bcc: after NUL",
	};

	(void)state;
	for (size_t i = 0; i < N(evil); i++) {
		struct compose_mail m = test_mail();
		struct compose_header extra[] = {{"X-Customer-Note", evil[i]}};
		struct mime_message *msg;
		char *raw;

		m.subject = evil[i];
		m.to_name = evil[i];
		m.from = "Evil\r\nBcc: x@x.example <support@acme.example>";
		m.extra = extra;
		m.n_extra = N(extra);
		msg = test_roundtrip(&m, &raw);
		assert_header_names(raw, "Date,From,To,Subject,Message-ID,"
		                         "X-Customer-Note,MIME-Version,"
		                         "Content-Type,"
		                         "Content-Transfer-Encoding");
		assert_null(strstr(raw, "\r\nBcc"));
		assert_null(mime_header_get(msg, "Bcc"));
		assert_int_equal(msg->to.n, 1);
		assert_string_equal(msg->to.v[0].addr, "alice@example.org");
		assert_string_equal(msg->from.addr, "support@acme.example");
		/* Control characters read back as spaces. */
		for (const char *p = msg->subject; *p; p++)
			assert_true((unsigned char)*p >= 0x20 && *p != 0x7f);
		assert_text(msg, m.text);
		mime_message_free(msg);
		free(raw);
	}
}

/*
 * Folding puts "CRLF space" where a space was: a continuation line that
 * started without white space would be a header of its own, so plain
 * printable text could add one ("... Bcc: evil@x.example").
 */
static void
test_hostile_folding(void **state)
{
	(void)state;
	for (size_t pad = 1; pad < 160; pad++) {
		struct compose_mail m = test_mail();
		struct compose_header extra[] = {{"X-Note", NULL}};
		char *x = test_repeat("x ", pad), *s = malloc(2 * pad + 32);
		struct mime_message *msg;
		char *raw;

		assert_non_null(s);
		snprintf(s, 2 * pad + 32, "%sBcc: evil@x.example", x);
		m.subject = s;
		extra[0].value = s;
		m.extra = extra;
		m.n_extra = 1;
		msg = test_roundtrip(&m, &raw);
		assert_header_names(raw, "Date,From,To,Subject,Message-ID,"
		                         "X-Note,MIME-Version,Content-Type,"
		                         "Content-Transfer-Encoding");
		assert_string_equal(msg->subject, s);
		assert_string_equal(mime_header_get(msg, "X-Note"), s);
		mime_message_free(msg);
		free(raw);
		free(s);
		free(x);
	}
}

/* Text that looks like an encoded word is sent so that it reads back as
 * written, not decoded. */
static void
test_hostile_encoded_words(void **state)
{
	static const char *const tricks[] = {
	    "=?UTF-8?B?QmNjOiBldmlsQHguZXhhbXBsZQ==?=",
	    "Refund =?utf-8?q?=0D=0ABcc:_evil@x.example?= now",
	    "=?",
	    "?=",
	    "a =? b ?= c",
	    "=?UTF-8?Q?=E4=B8=AD?= 中",
	    "=?UTF-8?B?" /* unfinished */,
	};

	(void)state;
	for (size_t i = 0; i < N(tricks); i++) {
		struct compose_mail m = test_mail();
		struct mime_message *msg;
		char *raw;

		m.subject = tricks[i];
		m.to_name = tricks[i];
		msg = test_roundtrip(&m, &raw);
		assert_header_names(raw, BASE_HEADERS);
		assert_string_equal(msg->subject, tricks[i]);
		assert_string_equal(msg->to.v[0].name, tricks[i]);
		mime_message_free(msg);
		free(raw);
	}
}

static void
test_hostile_addresses(void **state)
{
	static const char *const bad[] = {
	    "alice@example.org\r\nBcc: evil@x.example",
	    "alice@example.org\nBcc: evil@x.example",
	    "alice @example.org",
	    "<alice@example.org>",
	    "Alice <alice@example.org>",
	    "alice@example.org>",
	    "alice@example.org, evil@x.example",
	    "alice@example.org;evil@x.example",
	    "alice@@example.org",
	    "a@b@example.org",
	    "@example.org",
	    "alice@",
	    "alice",
	    "",
	    "\"alice\"@example.org",
	    "alice@[192.0.2.1]",
	    "用户@example.cn",
	    "alice@example.org\t",
	};

	(void)state;
	for (size_t i = 0; i < N(bad); i++) {
		struct compose_mail m = test_mail();

		m.to_addr = bad[i];
		assert_refused(&m, "recipient");
		m = test_mail();
		m.reply_to = bad[i];
		assert_refused(&m, "Reply-To");
		m = test_mail();
		m.from = bad[i][0] != '\0' && strchr(bad[i], '<') == NULL
		             ? bad[i]
		             : "Name <a b@acme.example>";
		assert_refused(&m, "From");
	}
	{
		struct compose_mail m = test_mail();
		m.to_addr = NULL;
		assert_refused(&m, "recipient");
		m = test_mail();
		m.from = NULL;
		assert_refused(&m, "From");
		m = test_mail();
		m.from = "ACME <support@acme.example>\r\nBcc: evil@x.example";
		assert_refused(&m, "From");
		m = test_mail();
		m.message_id = "a b@acme.example";
		assert_refused(&m, "Message-ID");
		m.message_id = "<cd.1@acme.example>";
		assert_refused(&m, "Message-ID");
		m.message_id = NULL;
		assert_refused(&m, "Message-ID");
	}
}

static void
test_hostile_extra_names(void **state)
{
	static const char *const bad[] = {
	    "X-Bad\r\nBcc", "X Bad",        "X-Bad:", "",          "Subject",
	    "bcc\n",        "content-type", "To",     "X-Ünicode",
	};

	(void)state;
	for (size_t i = 0; i < N(bad); i++) {
		struct compose_mail m = test_mail();
		struct compose_header extra[] = {{bad[i], "v"}};

		m.extra = extra;
		m.n_extra = 1;
		assert_refused(&m, "header name");
	}
}

/* 100 KB subjects: one word (encoded, folded) and many words (folded). */
static void
test_hostile_huge_subject(void **state)
{
	struct compose_mail m = test_mail();
	char *word = test_repeat("A", 100 * 1024);
	char *words = test_repeat("word ", 20 * 1024);
	char *han = test_repeat("中", 34 * 1024);
	const char *const subjects[] = {word, words, han};

	(void)state;
	words[strlen(words) - 1] = '\0';
	for (size_t i = 0; i < N(subjects); i++) {
		struct mime_message *msg;
		char *raw;

		m.subject = subjects[i];
		m.to_name = subjects[i];
		msg = test_roundtrip(&m, &raw);
		assert_header_names(raw, BASE_HEADERS);
		assert_string_equal(msg->subject, subjects[i]);
		assert_string_equal(msg->to.v[0].name, subjects[i]);
		assert_string_equal(msg->to.v[0].addr, "alice@example.org");
		mime_message_free(msg);
		free(raw);
	}
	free(word);
	free(words);
	free(han);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_english),
	    cmocka_unit_test(test_chinese),
	    cmocka_unit_test(test_date_zones),
	    cmocka_unit_test(test_long_subject_english),
	    cmocka_unit_test(test_long_subject_chinese),
	    cmocka_unit_test(test_long_subject_mixed),
	    cmocka_unit_test(test_subject_ascii_then_encoded),
	    cmocka_unit_test(test_display_names),
	    cmocka_unit_test(test_from_forms),
	    cmocka_unit_test(test_address_of),
	    cmocka_unit_test(test_threading),
	    cmocka_unit_test(test_threading_bad_ids),
	    cmocka_unit_test(test_auto_submitted),
	    cmocka_unit_test(test_html_alternative),
	    cmocka_unit_test(test_qp_edges),
	    cmocka_unit_test(test_qp_long_lines),
	    cmocka_unit_test(test_hostile_header_values),
	    cmocka_unit_test(test_hostile_folding),
	    cmocka_unit_test(test_hostile_encoded_words),
	    cmocka_unit_test(test_hostile_addresses),
	    cmocka_unit_test(test_hostile_extra_names),
	    cmocka_unit_test(test_hostile_huge_subject),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
