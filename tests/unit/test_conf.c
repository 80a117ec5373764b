/*
 * test_conf: the duration and size parsers, and conf_load on files written
 * into a fresh temp dir — one full valid file checked field by field, the
 * defaults, and one invalid file per rule with its exact "FILE:LINE: ..."
 * message.  "@DIR@" in texts and expected messages stands for the temp dir.
 */
#include "conf.h"
#include "version.h"

#include <errno.h>
#include <fcntl.h>
#include <ftw.h>
#include <limits.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <setjmp.h>
#include <cmocka.h>

struct conf_test {
	char dir[PATH_MAX];
	char path[PATH_MAX + 32]; /* dir/complaintd.conf */
	struct conf *conf;
	struct conf_errors errors;
};

/* Sections that are valid as they are, one line each, so line numbers in
 * expected messages are the position in the text. */
#define DESK                                                                   \
	"desk = { name = \"ACME\"; addresses = [\"support@acme.example\"]; "   \
	"ticket_tag = \"ACME\"; };\n"
#define SMTP                                                                   \
	"smtp = { url = \"smtp://localhost\"; "                                \
	"from = \"support@acme.example\"; };\n"
/* A mailbox without a password, then with one; extra adds keys. */
#define MBOX_NOPW(extra)                                                       \
	"mailboxes = ( { name = \"support\"; host = \"imap.example\"; "        \
	"user = \"u\"; " extra " } );\n"
#define MBOX(extra) MBOX_NOPW("password = \"p\"; " extra)

/* Expects conf_load to fail with exactly the listed errors. */
#define CONF_EXPECT(t, text, ...)                                              \
	conf_test_expect((t), (text), (const char *const[]){__VA_ARGS__, NULL})

static int
conf_test_rm(const char *path, const struct stat *st, int flag, struct FTW *ftw)
{
	(void)st;
	(void)flag;
	(void)ftw;
	return remove(path);
}

static int
conf_test_setup(void **state)
{
	struct conf_test *t = calloc(1, sizeof(*t));
	const char *tmp = getenv("TMPDIR");

	if (t == NULL)
		return -1;
	snprintf(t->dir, sizeof(t->dir), "%s/test_conf.XXXXXX",
	         tmp != NULL && tmp[0] != '\0' ? tmp : "/tmp");
	if (mkdtemp(t->dir) == NULL) {
		free(t);
		return -1;
	}
	snprintf(t->path, sizeof(t->path), "%s/complaintd.conf", t->dir);
	*state = t;
	return 0;
}

static void
conf_test_reset(struct conf_test *t)
{
	conf_free(t->conf);
	t->conf = NULL;
	conf_errors_free(&t->errors);
}

static int
conf_test_teardown(void **state)
{
	struct conf_test *t = *state;

	conf_test_reset(t);
	nftw(t->dir, conf_test_rm, 16, FTW_DEPTH | FTW_PHYS);
	free(t);
	return 0;
}

/* text with every "@DIR@" replaced by the temp dir; caller frees. */
static char *
conf_test_subst(const struct conf_test *t, const char *text)
{
	size_t cap = strlen(text) + 1, len = 0;
	const char *p;
	char *out;

	for (p = text; (p = strstr(p, "@DIR@")) != NULL; p += 5)
		cap += strlen(t->dir);
	out = malloc(cap);
	assert_non_null(out);
	for (p = text; *p != '\0';) {
		if (strncmp(p, "@DIR@", 5) == 0) {
			memcpy(out + len, t->dir, strlen(t->dir));
			len += strlen(t->dir);
			p += 5;
		} else {
			out[len++] = *p++;
		}
	}
	out[len] = '\0';
	return out;
}

/* Writes name (relative to the temp dir) with exactly mode. */
static void
conf_test_write(const struct conf_test *t, const char *name, const char *text,
                mode_t mode)
{
	char path[PATH_MAX + 64];
	char *body = conf_test_subst(t, text);
	size_t len = strlen(body);
	int fd;

	snprintf(path, sizeof(path), "%s/%s", t->dir, name);
	fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
	assert_true(fd >= 0);
	assert_int_equal(write(fd, body, len), (ssize_t)len);
	assert_int_equal(fchmod(fd, mode), 0);
	assert_int_equal(close(fd), 0);
	free(body);
}

static void
conf_test_mkdir(const struct conf_test *t, const char *name)
{
	char path[PATH_MAX + 64];

	snprintf(path, sizeof(path), "%s/%s", t->dir, name);
	assert_int_equal(mkdir(path, 0700), 0);
}

static void
conf_test_print_errors(const struct conf_test *t)
{
	for (size_t i = 0; i < t->errors.n; i++)
		print_message("  got: %s\n", t->errors.v[i]);
}

/* Writes text as the config file and loads it. */
static struct conf *
conf_test_load(struct conf_test *t, const char *text)
{
	conf_test_reset(t);
	conf_test_write(t, "complaintd.conf", text, 0640);
	t->conf = conf_load(t->path, &t->errors);
	return t->conf;
}

/* Loads a valid text; fails the test showing the errors otherwise. */
static const struct conf *
conf_test_load_ok(struct conf_test *t, const char *text)
{
	if (conf_test_load(t, text) == NULL || t->errors.n != 0) {
		conf_test_print_errors(t);
		fail_msg("valid config rejected");
	}
	return t->conf;
}

/*
 * want: "LINE: message" lines (NULL-terminated), each expected once with
 * "PATH:" in front, in any order; no other error may be reported.
 */
static void
conf_test_expect(struct conf_test *t, const char *text, const char *const *want)
{
	size_t n_want = 0;
	bool ok;

	assert_null(conf_test_load(t, text));
	for (; want[n_want] != NULL; n_want++) {
		char *body = conf_test_subst(t, want[n_want]);
		char line[PATH_MAX * 3];
		ok = false;
		snprintf(line, sizeof(line), "%s:%s", t->path, body);
		for (size_t i = 0; i < t->errors.n && !ok; i++)
			ok = strcmp(t->errors.v[i], line) == 0;
		if (!ok) {
			conf_test_print_errors(t);
			fail_msg("missing error: %s", line);
		}
		free(body);
	}
	if (t->errors.n != n_want) {
		conf_test_print_errors(t);
		fail_msg("%zu errors reported, expected %zu", t->errors.n,
		         n_want);
	}
}

static void
conf_test_assert_path(const struct conf_test *t, const char *got,
                      const char *rel)
{
	char want[PATH_MAX + 64];

	snprintf(want, sizeof(want), "%s/%s", t->dir, rel);
	assert_non_null(got);
	assert_string_equal(got, want);
}

static void
conf_test_assert_duration(const char *text, long want)
{
	long got = -12345;

	if (conf_parse_duration(text, &got) != 0)
		fail_msg("conf_parse_duration(\"%s\") rejected", text);
	assert_int_equal(got, want);
}

static void
conf_test_assert_bad_duration(const char *text)
{
	long got = 0;

	if (conf_parse_duration(text, &got) != -1)
		fail_msg("conf_parse_duration(\"%s\") accepted as %ld", text,
		         got);
}

static void
conf_test_assert_size(const char *text, long long want)
{
	long long got = -12345;

	if (conf_parse_size(text, &got) != 0)
		fail_msg("conf_parse_size(\"%s\") rejected", text);
	assert_int_equal(got, want);
}

static void
conf_test_assert_bad_size(const char *text)
{
	long long got = 0;

	if (conf_parse_size(text, &got) != -1)
		fail_msg("conf_parse_size(\"%s\") accepted as %lld", text, got);
}

static void
test_duration_valid(void **state)
{
	(void)state;
	conf_test_assert_duration("30s", 30);
	conf_test_assert_duration("15m", 900);
	conf_test_assert_duration("4h", 14400);
	conf_test_assert_duration("2d", 172800);
	conf_test_assert_duration("1h30m", 5400);
	conf_test_assert_duration("1d2h3m4s", 93784);
	conf_test_assert_duration("90s", 90);
	conf_test_assert_duration("0s", 0);
	conf_test_assert_duration("007m", 420);
	conf_test_assert_duration("2147483647s", 2147483647L);
}

static void
test_duration_invalid(void **state)
{
	(void)state;
	conf_test_assert_bad_duration("");
	conf_test_assert_bad_duration("30");
	conf_test_assert_bad_duration("5x");
	conf_test_assert_bad_duration("-1s");
	conf_test_assert_bad_duration("+1s");
	conf_test_assert_bad_duration("1h 30m");
	conf_test_assert_bad_duration(" 30s");
	conf_test_assert_bad_duration("30s ");
	conf_test_assert_bad_duration("s");
	conf_test_assert_bad_duration("1.5h");
	conf_test_assert_bad_duration("30S");
	conf_test_assert_bad_duration("1h30");
	conf_test_assert_bad_duration("1w");
}

static void
test_duration_overflow(void **state)
{
	static const char unit[] = "2147483647d";
	const size_t reps = 30000; /* 30000 * 2^31 days > LONG_MAX seconds */
	char *many = malloc(reps * (sizeof(unit) - 1) + 1);

	(void)state;
	conf_test_assert_bad_duration("99999999999999999999s");
	conf_test_assert_bad_duration("2147483648s");
	conf_test_assert_bad_duration("9223372036854775808s");
	assert_non_null(many);
	for (size_t i = 0; i < reps; i++)
		memcpy(many + i * (sizeof(unit) - 1), unit, sizeof(unit) - 1);
	many[reps * (sizeof(unit) - 1)] = '\0';
	conf_test_assert_bad_duration(many);
	free(many);
}

static void
test_size_valid(void **state)
{
	(void)state;
	conf_test_assert_size("512K", 524288);
	conf_test_assert_size("25M", 26214400);
	conf_test_assert_size("1G", 1073741824);
	conf_test_assert_size("1048576", 1048576);
	conf_test_assert_size("0", 0);
	conf_test_assert_size("1099511627776", 1LL << 40);
	conf_test_assert_size("1024G", 1LL << 40);
}

static void
test_size_invalid(void **state)
{
	(void)state;
	conf_test_assert_bad_size("");
	conf_test_assert_bad_size("K");
	conf_test_assert_bad_size("12k");
	conf_test_assert_bad_size("25MB");
	conf_test_assert_bad_size("1.5M");
	conf_test_assert_bad_size("-1");
	conf_test_assert_bad_size("+1");
	conf_test_assert_bad_size(" 1M");
	conf_test_assert_bad_size("1M ");
	conf_test_assert_bad_size("1T");
	conf_test_assert_bad_size("junk");
}

static void
test_size_overflow(void **state)
{
	(void)state;
	conf_test_assert_bad_size("1099511627777");
	conf_test_assert_bad_size("99999999999999999999");
	conf_test_assert_bad_size("99999999999999999999K");
}

/*
 * BUG (conf.c, conf_parse_size): the digits are capped at 2^40 but the
 * product n * unit is not checked, so "8589934592G" (2^33 GiB = 2^63 bytes)
 * overflows long long — undefined behaviour, in practice it returns 0 with
 * a negative size.  Enable once fixed.
 */
static void
test_size_overflow_unit(void **state)
{
	(void)state;
	conf_test_assert_bad_size("8589934592G");
	conf_test_assert_bad_size("1099511627776G");
}

static const char conf_full[] =
    "# Every section and key, none left to its default.\n"
    "store = { path = \"data/complaintd.db\"; };\n"
    "log = { level = \"debug\"; };\n"
    "desk = {\n"
    "  name = \"ACME Support\";\n"
    "  addresses = [ \"Support@ACME.Example\", \"help@acme.example\" ];\n"
    "  ticket_tag = \"ACME\";\n"
    "  timezone = \"Europe/Berlin\";\n"
    "};\n"
    "mailboxes = (\n"
    "  {\n"
    "    name = \"support\";\n"
    "    host = \"imap.acme.example\";\n"
    "    port = 1143;\n"
    "    tls = \"starttls\";\n"
    "    ca_file = \"ca.pem\";\n"
    "    tls_verify = false;\n"
    "    user = \"support@acme.example\";\n"
    "    password_file = \"secrets/imap\";\n"
    "    folder = \"Support\";\n"
    "    after_fetch = \"move:Support/Done\";\n"
    "    idle = false;\n"
    "    poll_interval = \"1h30m\";\n"
    "    max_message_size = \"10M\";\n"
    "    team = \"Team@ACME.example\";\n"
    "  },\n"
    "  { name = \"billing\"; host = \"imap2.acme.example\"; user = \"b\";\n"
    "    password = \"inline secret\"; },\n"
    "  { name = \"plain\"; host = \"localhost\"; user = \"p\"; password = "
    "\"x\";\n"
    "    tls = \"none\"; after_fetch = \"none\"; max_message_size = 2048; },\n"
    "  { name = \"start-tls_2\"; host = \"h\"; user = \"s\"; password = "
    "\"y\";\n"
    "    tls = \"starttls\"; }\n"
    ");\n"
    "smtp = {\n"
    "  url = \"smtps://smtp.acme.example:465\";\n"
    "  user = \"mailer\";\n"
    "  password_file = \"@DIR@/smtp.pw\";\n"
    "  from = \"ACME Support <support@acme.example>\";\n"
    "  tls = \"opportunistic\";\n"
    "  ca_file = \"@DIR@/ca.pem\";\n"
    "  tls_verify = false;\n"
    "};\n"
    "templates = { dir = \"tpl\"; default_language = \"de\"; };\n";

static void
conf_test_full_files(const struct conf_test *t)
{
	conf_test_mkdir(t, "secrets");
	conf_test_write(t, "secrets/imap", "s3cret\n", 0600);
	/* Group-readable is fine: the service's group may need it. */
	conf_test_write(t, "smtp.pw", "mail pw\r\n", 0640);
	conf_test_write(t, "ca.pem", "-----BEGIN CERTIFICATE-----\n", 0644);
}

static void
test_load_full(void **state)
{
	struct conf_test *t = *state;
	const struct conf *c;
	const struct conf_mailbox *mb;

	conf_test_full_files(t);
	c = conf_test_load_ok(t, conf_full);
	assert_string_equal(c->path, t->path);
	conf_test_assert_path(t, c->store.path, "data/complaintd.db");
	assert_int_equal(c->log.level, 0); /* LOG_LEVEL_DEBUG */

	assert_string_equal(c->desk.name, "ACME Support");
	assert_int_equal(c->desk.addresses.n, 2);
	assert_string_equal(c->desk.addresses.v[0], "support@acme.example");
	assert_string_equal(c->desk.addresses.v[1], "help@acme.example");
	assert_string_equal(c->desk.ticket_tag, "ACME");
	assert_string_equal(c->desk.timezone, "Europe/Berlin");

	assert_int_equal(c->n_mailboxes, 4);
	mb = &c->mailboxes[0];
	assert_string_equal(mb->name, "support");
	assert_string_equal(mb->host, "imap.acme.example");
	assert_int_equal(mb->port, 1143);
	assert_int_equal(mb->tls, CONF_TLS_STARTTLS);
	conf_test_assert_path(t, mb->ca_file, "ca.pem");
	assert_false(mb->tls_verify);
	assert_string_equal(mb->user, "support@acme.example");
	conf_test_assert_path(t, mb->password_file, "secrets/imap");
	assert_string_equal(mb->password, "s3cret");
	assert_string_equal(mb->folder, "Support");
	assert_string_equal(mb->after_fetch, "move:Support/Done");
	assert_int_equal(mb->after_fetch_action, CONF_AFTER_FETCH_MOVE);
	assert_non_null(mb->move_folder);
	assert_string_equal(mb->move_folder, "Support/Done");
	assert_false(mb->idle);
	assert_int_equal(mb->poll_interval, 5400);
	assert_int_equal(mb->max_message_size, 10LL << 20);
	/* Only desk.addresses are folded; team is kept as written. */
	assert_string_equal(mb->team, "Team@ACME.example");

	mb = &c->mailboxes[1];
	assert_string_equal(mb->name, "billing");
	assert_int_equal(mb->port, 993);
	assert_int_equal(mb->tls, CONF_TLS_IMPLICIT);
	assert_null(mb->ca_file);
	assert_true(mb->tls_verify);
	assert_string_equal(mb->password, "inline secret");
	assert_null(mb->password_file);
	assert_string_equal(mb->folder, "INBOX");
	assert_string_equal(mb->after_fetch, "flag");
	assert_int_equal(mb->after_fetch_action, CONF_AFTER_FETCH_FLAG);
	assert_null(mb->move_folder);
	assert_true(mb->idle);
	assert_int_equal(mb->poll_interval, 60);
	assert_int_equal(mb->max_message_size, 25LL << 20);
	assert_null(mb->team);

	mb = &c->mailboxes[2];
	assert_int_equal(mb->tls, CONF_TLS_NONE);
	assert_int_equal(mb->port, 143);
	assert_int_equal(mb->after_fetch_action, CONF_AFTER_FETCH_NONE);
	assert_null(mb->move_folder);
	assert_int_equal(mb->max_message_size, 2048);

	mb = &c->mailboxes[3];
	assert_string_equal(mb->name, "start-tls_2");
	assert_int_equal(mb->tls, CONF_TLS_STARTTLS);
	assert_int_equal(mb->port, 143);

	assert_string_equal(c->smtp.url, "smtps://smtp.acme.example:465");
	assert_string_equal(c->smtp.user, "mailer");
	conf_test_assert_path(t, c->smtp.password_file, "smtp.pw");
	assert_string_equal(c->smtp.password, "mail pw");
	assert_string_equal(c->smtp.from,
	                    "ACME Support <support@acme.example>");
	assert_int_equal(c->smtp.tls, CONF_SMTP_TLS_OPPORTUNISTIC);
	conf_test_assert_path(t, c->smtp.ca_file, "ca.pem");
	assert_false(c->smtp.tls_verify);

	conf_test_assert_path(t, c->templates.dir, "tpl");
	assert_string_equal(c->templates.default_language, "de");
}

static void
test_load_defaults(void **state)
{
	struct conf_test *t = *state;
	const struct conf *c = conf_test_load_ok(t, DESK SMTP);

	assert_string_equal(c->store.path, "/var/lib/complaintd/complaintd.db");
	assert_int_equal(c->log.level, 1); /* LOG_LEVEL_INFO */
	assert_string_equal(c->desk.timezone, "UTC");
	assert_int_equal(c->desk.addresses.n, 1);
	assert_string_equal(c->desk.addresses.v[0], "support@acme.example");
	assert_int_equal(c->n_mailboxes, 0);
	assert_null(c->mailboxes);
	assert_string_equal(c->smtp.url, "smtp://localhost");
	assert_null(c->smtp.user);
	assert_null(c->smtp.password);
	assert_null(c->smtp.password_file);
	assert_int_equal(c->smtp.tls, CONF_SMTP_TLS_REQUIRED);
	assert_null(c->smtp.ca_file);
	assert_true(c->smtp.tls_verify);
	assert_string_equal(c->templates.dir, COMPLAINTD_DATA_DIR "/templates");
	assert_string_equal(c->templates.default_language, "en");
	assert_null(conf_mailbox_find(c, "support"));
}

static void
test_load_empty_mailbox_list(void **state)
{
	struct conf_test *t = *state;
	const struct conf *c =
	    conf_test_load_ok(t, DESK SMTP "mailboxes = ();\n");

	assert_int_equal(c->n_mailboxes, 0);
}

static void
test_load_smtp_user(void **state)
{
	struct conf_test *t = *state;
	const struct conf *c = conf_test_load_ok(
	    t,
	    DESK "smtp = { url = \"smtp://mx.example:587\"; user = \"u\"; "
	         "password = \"pw\"; from = \"a@b.example\"; tls = \"none\"; "
	         "};\n");

	assert_string_equal(c->smtp.user, "u");
	assert_string_equal(c->smtp.password, "pw");
	assert_int_equal(c->smtp.tls, CONF_SMTP_TLS_NONE);
}

static void
test_load_relative_config_path(void **state)
{
	struct conf_test *t = *state;
	char cwd[PATH_MAX];

	conf_test_write(t, "complaintd.conf",
	                "store = { path = \"x.db\"; };\n" DESK SMTP, 0640);
	assert_non_null(getcwd(cwd, sizeof(cwd)));
	assert_int_equal(chdir(t->dir), 0);
	t->conf = conf_load("complaintd.conf", &t->errors);
	assert_int_equal(chdir(cwd), 0);
	assert_non_null(t->conf);
	assert_string_equal(t->conf->path, "complaintd.conf");
	assert_string_equal(t->conf->store.path, "./x.db");
}

static void
test_mailbox_find(void **state)
{
	struct conf_test *t = *state;
	const struct conf *c;

	conf_test_full_files(t);
	c = conf_test_load_ok(t, conf_full);
	assert_ptr_equal(conf_mailbox_find(c, "billing"), &c->mailboxes[1]);
	assert_ptr_equal(conf_mailbox_find(c, "support"), &c->mailboxes[0]);
	assert_null(conf_mailbox_find(c, "Billing"));
	assert_null(conf_mailbox_find(c, ""));
}

static void
test_free_null(void **state)
{
	struct conf_errors none = {0};

	(void)state;
	conf_free(NULL);
	conf_errors_free(&none);
	assert_int_equal(none.n, 0);
}

static void
test_err_unknown_key(void **state)
{
	struct conf_test *t = *state;

	CONF_EXPECT(t, DESK SMTP MBOX("pasword = \"x\";"),
	            "3: mailboxes[0].pasword: unknown key");
	CONF_EXPECT(t,
	            "desk = { name = \"A\"; addresses = [\"a@b.example\"]; "
	            "ticket_tag = \"A\"; tz = \"UTC\"; };\n" SMTP,
	            "1: desk.tz: unknown key");
	CONF_EXPECT(t,
	            DESK SMTP "log = {\n  level = \"info\";\n  file = 1;\n};\n",
	            "5: log.file: unknown key");
}

static void
test_err_unknown_section(void **state)
{
	struct conf_test *t = *state;

	CONF_EXPECT(t, DESK SMTP "mailbox = ();\n",
	            "3: mailbox: unknown section \"mailbox\"");
	CONF_EXPECT(t, "debug = true;\n" DESK SMTP,
	            "1: debug: unknown section \"debug\"");
}

static void
test_err_wrong_type(void **state)
{
	struct conf_test *t = *state;

	CONF_EXPECT(t, DESK SMTP MBOX("port = \"993\";"),
	            "3: mailboxes[0].port: is a string, expected an integer");
	CONF_EXPECT(t, DESK SMTP MBOX("port = 99.3;"),
	            "3: mailboxes[0].port: is a number, expected an integer");
	CONF_EXPECT(t, DESK SMTP MBOX("idle = 1;"),
	            "3: mailboxes[0].idle: is an integer, expected true or "
	            "false");
	CONF_EXPECT(t, DESK SMTP MBOX("folder = [\"a\"];"),
	            "3: mailboxes[0].folder: is an array [ ... ], expected a "
	            "string");
	CONF_EXPECT(t, DESK SMTP MBOX("tls = true;"),
	            "3: mailboxes[0].tls: is true or false, expected a string");
	CONF_EXPECT(t,
	            "desk = { name = \"A\"; addresses = \"a@b.example\"; "
	            "ticket_tag = \"A\"; };\n" SMTP,
	            "1: desk.addresses: is a string, expected an array of "
	            "strings [ \"...\" ]");
	CONF_EXPECT(t,
	            "desk = { name = \"A\"; addresses = (\"a@b.example\", 5); "
	            "ticket_tag = \"A\"; };\n" SMTP,
	            "1: desk.addresses: entry 2 is an integer, expected a "
	            "string");
	CONF_EXPECT(t, "store = \"/x.db\";\n" DESK SMTP,
	            "1: store: is a string, expected a group { ... }");
	CONF_EXPECT(t, DESK SMTP "mailboxes = { name = \"x\"; };\n",
	            "3: mailboxes: is a group { ... }, expected a list ( { ... "
	            "}, ... )");
	CONF_EXPECT(t, DESK SMTP "mailboxes = ( 5 );\n",
	            "3: mailboxes[0]: is an integer, expected a group { ... }");
}

static void
test_err_missing_key(void **state)
{
	struct conf_test *t = *state;

	CONF_EXPECT(
	    t,
	    "desk = {\n  name = \"A\";\n  addresses = [\"a@b.example\"];\n"
	    "};\n" SMTP,
	    "1: desk: missing required key \"ticket_tag\"");
	CONF_EXPECT(t,
	            DESK SMTP "mailboxes = (\n  { name = \"a\"; user = \"u\"; "
	                      "password = \"p\"; }\n);\n",
	            "4: mailboxes[0]: missing required key \"host\"");
	CONF_EXPECT(t, DESK "smtp = { url = \"smtp://localhost\"; };\n",
	            "2: smtp: missing required key \"from\"");
}

static void
test_err_missing_section(void **state)
{
	struct conf_test *t = *state;

	CONF_EXPECT(t, DESK, "1: missing required section \"smtp\"");
	CONF_EXPECT(t, "# nothing but a comment\n",
	            "1: missing required section \"desk\"",
	            "1: missing required section \"smtp\"");
}

static void
test_err_bad_duration(void **state)
{
	struct conf_test *t = *state;

	CONF_EXPECT(t, DESK SMTP MBOX("poll_interval = \"5x\";"),
	            "3: mailboxes[0].poll_interval: \"5x\" is not a duration "
	            "such as \"30s\", \"15m\", \"4h\" or \"2d\"");
	CONF_EXPECT(t, DESK SMTP MBOX("poll_interval = \"60\";"),
	            "3: mailboxes[0].poll_interval: \"60\" is not a duration "
	            "such as \"30s\", \"15m\", \"4h\" or \"2d\"");
	CONF_EXPECT(t, DESK SMTP MBOX("poll_interval = 60;"),
	            "3: mailboxes[0].poll_interval: is an integer, expected a "
	            "duration such as \"30s\", \"15m\", \"4h\" or \"2d\"");
	CONF_EXPECT(t, DESK SMTP MBOX("poll_interval = \"2d\";"),
	            "3: mailboxes[0].poll_interval: 2d is out of range 1s..1d");
}

static void
test_err_bad_size(void **state)
{
	struct conf_test *t = *state;

	CONF_EXPECT(t, DESK SMTP MBOX("max_message_size = \"10MB\";"),
	            "3: mailboxes[0].max_message_size: \"10MB\" is not a size "
	            "such as \"512K\" or \"25M\"");
	CONF_EXPECT(t, DESK SMTP MBOX("max_message_size = \"2G\";"),
	            "3: mailboxes[0].max_message_size: 2G is out of range "
	            "1K..1G");
	CONF_EXPECT(t, DESK SMTP MBOX("max_message_size = 1000;"),
	            "3: mailboxes[0].max_message_size: 1000 is out of range "
	            "1K..1G");
	CONF_EXPECT(t, DESK SMTP MBOX("max_message_size = true;"),
	            "3: mailboxes[0].max_message_size: is true or false, "
	            "expected a size such as \"512K\" or \"25M\"");
}

static void
test_err_duplicate_mailbox(void **state)
{
	struct conf_test *t = *state;

	CONF_EXPECT(t,
	            DESK SMTP "mailboxes = (\n"
	                      "  { name = \"a\"; host = \"h\"; user = \"u\"; "
	                      "password = \"p\"; },\n"
	                      "  { name = \"b\"; host = \"h\"; user = \"u\"; "
	                      "password = \"p\"; },\n"
	                      "  { name = \"a\"; host = \"h2\"; user = \"u\"; "
	                      "password = \"p\"; }\n);\n",
	            "6: mailboxes[2]: duplicate mailbox name \"a\" (also "
	            "mailboxes[0])");
}

static void
test_err_password_file(void **state)
{
	struct conf_test *t = *state;

	conf_test_write(t, "world", "pw\n", 0644);
	CONF_EXPECT(t, DESK SMTP MBOX_NOPW("password_file = \"world\";"),
	            "3: mailboxes[0].password_file: password file @DIR@/world "
	            "is readable by everyone (mode 0644); chmod o-r it");
	conf_test_write(t, "other", "pw\n", 0604);
	CONF_EXPECT(t, DESK SMTP MBOX_NOPW("password_file = \"other\";"),
	            "3: mailboxes[0].password_file: password file @DIR@/other "
	            "is readable by everyone (mode 0604); chmod o-r it");
	CONF_EXPECT(t, DESK SMTP MBOX_NOPW("password_file = \"nope\";"),
	            "3: mailboxes[0].password_file: cannot read password file "
	            "@DIR@/nope: No such file or directory");
	conf_test_write(t, "empty", "\n", 0600);
	CONF_EXPECT(t, DESK SMTP MBOX_NOPW("password_file = \"empty\";"),
	            "3: mailboxes[0].password_file: password file @DIR@/empty "
	            "is empty");
	conf_test_mkdir(t, "adir");
	CONF_EXPECT(t, DESK SMTP MBOX_NOPW("password_file = \"adir\";"),
	            "3: mailboxes[0].password_file: password file @DIR@/adir "
	            "is not a regular file");
	conf_test_write(t, "smtp.pw", "pw", 0666);
	CONF_EXPECT(t,
	            DESK "smtp = {\n  url = \"smtp://localhost\";\n"
	                 "  from = \"a@b.example\";\n  user = \"u\";\n"
	                 "  password_file = \"@DIR@/smtp.pw\";\n};\n",
	            "6: smtp.password_file: password file @DIR@/smtp.pw is "
	            "readable by everyone (mode 0666); chmod o-r it");
}

static void
test_password_file_trim(void **state)
{
	struct conf_test *t = *state;
	const struct conf *c;

	/* Only trailing line ends go; inner and leading spaces stay. */
	conf_test_write(t, "pw", " a b\r\n\n", 0600);
	c = conf_test_load_ok(t,
	                      DESK SMTP MBOX_NOPW("password_file = \"pw\";"));
	assert_string_equal(c->mailboxes[0].password, " a b");
	conf_test_write(t, "pw", "no-newline", 0400);
	c = conf_test_load_ok(t,
	                      DESK SMTP MBOX_NOPW("password_file = \"pw\";"));
	assert_string_equal(c->mailboxes[0].password, "no-newline");
}

static void
test_err_password_choice(void **state)
{
	struct conf_test *t = *state;

	conf_test_write(t, "pw", "pw\n", 0600);
	CONF_EXPECT(t, DESK SMTP MBOX("password_file = \"pw\";"),
	            "3: mailboxes[0]: set either \"password\" or "
	            "\"password_file\", not both");
	CONF_EXPECT(t, DESK SMTP MBOX_NOPW(""),
	            "3: mailboxes[0]: missing \"password\" or "
	            "\"password_file\"");
	CONF_EXPECT(t,
	            DESK "smtp = { url = \"smtp://localhost\"; from = "
	                 "\"a@b.example\"; user = \"u\"; };\n",
	            "2: smtp: missing \"password\" or \"password_file\"");
	CONF_EXPECT(t,
	            DESK "smtp = { url = \"smtp://localhost\"; from = "
	                 "\"a@b.example\"; password = \"p\"; };\n",
	            "2: smtp: a password is set but no \"user\"");
	CONF_EXPECT(t,
	            DESK "smtp = { url = \"smtp://localhost\"; from = "
	                 "\"a@b.example\"; user = \"u\"; password = \"p\"; "
	                 "password_file = \"pw\"; };\n",
	            "2: smtp: set either \"password\" or \"password_file\", "
	            "not both");
}

static void
test_err_bad_enum(void **state)
{
	struct conf_test *t = *state;

	CONF_EXPECT(t, DESK SMTP MBOX("tls = \"ssl\";"),
	            "3: mailboxes[0].tls: \"ssl\" is not one of \"implicit\", "
	            "\"starttls\", \"none\"");
	CONF_EXPECT(t, "log = { level = \"verbose\"; };\n" DESK SMTP,
	            "1: log.level: \"verbose\" is not one of \"debug\", "
	            "\"info\", \"warning\", \"error\"");
	CONF_EXPECT(t,
	            DESK "smtp = { url = \"smtp://localhost\"; from = "
	                 "\"a@b.example\"; tls = \"Required\"; };\n",
	            "2: smtp.tls: \"Required\" is not one of \"required\", "
	            "\"opportunistic\", \"none\"");
}

static void
test_err_port_range(void **state)
{
	struct conf_test *t = *state;

	CONF_EXPECT(t, DESK SMTP MBOX("port = 70000;"),
	            "3: mailboxes[0].port: 70000 is out of range 1..65535");
	CONF_EXPECT(t, DESK SMTP MBOX("port = 0;"),
	            "3: mailboxes[0].port: 0 is out of range 1..65535");
	CONF_EXPECT(t, DESK SMTP MBOX("port = -993;"),
	            "3: mailboxes[0].port: -993 is out of range 1..65535");
	CONF_EXPECT(t, DESK SMTP MBOX("port = 99999999999L;"),
	            "3: mailboxes[0].port: 99999999999 is out of range "
	            "1..65535");
}

static void
conf_test_expect_bad_timezone(struct conf_test *t, const char *zone)
{
	char text[512], want[512];

	snprintf(text, sizeof(text),
	         "desk = { name = \"A\"; addresses = [\"a@b.example\"]; "
	         "ticket_tag = \"A\"; timezone = \"%s\"; };\n" SMTP,
	         zone);
	snprintf(want, sizeof(want),
	         "1: desk.timezone: \"%s\" is not a known IANA time zone "
	         "(such as \"Europe/Berlin\" or \"UTC\"; see "
	         "/usr/share/zoneinfo)",
	         zone);
	CONF_EXPECT(t, text, want);
}

static void
test_err_timezone(void **state)
{
	struct conf_test *t = *state;

	conf_test_expect_bad_timezone(t, "Mars/Olympus_Mons");
	conf_test_expect_bad_timezone(t, "Europe");      /* a directory */
	conf_test_expect_bad_timezone(t, "/etc/passwd"); /* absolute */
	conf_test_expect_bad_timezone(t, "../../../etc/passwd");
	conf_test_expect_bad_timezone(t, "Europe/Berlin ");
}

static void
test_timezone_valid(void **state)
{
	struct conf_test *t = *state;
	const struct conf *c = conf_test_load_ok(
	    t, "desk = { name = \"A\"; addresses = [\"a@b.example\"]; "
	       "ticket_tag = \"A\"; timezone = "
	       "\"America/Argentina/Buenos_Aires\"; "
	       "};\n" SMTP);

	assert_string_equal(c->desk.timezone, "America/Argentina/Buenos_Aires");
}

static void
test_err_smtps_tls_none(void **state)
{
	struct conf_test *t = *state;

	CONF_EXPECT(t,
	            DESK "\nsmtp = {\n  url = \"smtps://mx.example\";\n"
	                 "  from = \"a@b.example\";\n  tls = \"none\";\n};\n",
	            "3: smtp: tls = \"none\" contradicts the smtps:// URL");
}

static void
test_err_bad_address(void **state)
{
	struct conf_test *t = *state;

	CONF_EXPECT(t,
	            "desk = { name = \"A\"; addresses = [\"a@b.example\", "
	            "\"nobody\"]; ticket_tag = \"A\"; };\n" SMTP,
	            "1: desk.addresses: \"nobody\" is not a mail address "
	            "(local@domain)");
	CONF_EXPECT(t,
	            "desk = { name = \"A\"; addresses = []; ticket_tag = "
	            "\"A\"; };\n" SMTP,
	            "1: desk.addresses: needs at least 1 entry");
	CONF_EXPECT(t, DESK SMTP MBOX("team = \"a@b@c.example\";"),
	            "3: mailboxes[0].team: \"a@b@c.example\" is not a mail "
	            "address (local@domain)");
	CONF_EXPECT(t, DESK SMTP MBOX("team = \"a b@c.example\";"),
	            "3: mailboxes[0].team: \"a b@c.example\" is not a mail "
	            "address (local@domain)");
	CONF_EXPECT(t, DESK SMTP MBOX("team = \"@c.example\";"),
	            "3: mailboxes[0].team: \"@c.example\" is not a mail "
	            "address (local@domain)");
	CONF_EXPECT(t, DESK SMTP MBOX("team = \"a@nodot\";"),
	            "3: mailboxes[0].team: \"a@nodot\" is not a mail address "
	            "(local@domain)");
	CONF_EXPECT(t,
	            DESK "smtp = { url = \"smtp://localhost\"; from = \"ACME "
	                 "<support>\"; };\n",
	            "2: smtp.from: \"ACME <support>\" holds no valid mail "
	            "address");
	CONF_EXPECT(t,
	            DESK "smtp = { url = \"smtp://localhost\"; from = \"ACME "
	                 "<a@b.example\"; };\n",
	            "2: smtp.from: \"ACME <a@b.example\" should read \"Name "
	            "<local@domain>\"");
	CONF_EXPECT(t,
	            DESK "smtp = { url = \"smtp://localhost\"; from = "
	                 "\"x\\n<a@b.example>\"; };\n",
	            "2: smtp.from: must be one line");
}

static void
test_address_localhost(void **state)
{
	struct conf_test *t = *state;
	const struct conf *c = conf_test_load_ok(
	    t, "desk = { name = \"A\"; addresses = [\"Desk@localhost\"]; "
	       "ticket_tag = \"A\"; };\n"
	       "smtp = { url = \"smtp://localhost\"; from = \"d@localhost\"; "
	       "};\n");

	assert_string_equal(c->desk.addresses.v[0], "desk@localhost");
}

static void
test_err_bad_names(void **state)
{
	struct conf_test *t = *state;

	CONF_EXPECT(t,
	            DESK SMTP "mailboxes = ( { name = \"Sales Desk\"; host = "
	                      "\"h\"; user = \"u\"; password = \"p\"; } );\n",
	            "3: mailboxes[0].name: \"Sales Desk\" must be 1-32 "
	            "characters of a-z, 0-9, '_' and '-'");
	CONF_EXPECT(t,
	            DESK SMTP "mailboxes = ( { name = \"\"; host = \"h\"; user "
	                      "= \"u\"; password = \"p\"; } );\n",
	            "3: mailboxes[0].name: must not be empty");
	CONF_EXPECT(t,
	            "desk = { name = \"A\"; addresses = [\"a@b.example\"]; "
	            "ticket_tag = \"ACME #1\"; };\n" SMTP,
	            "1: desk.ticket_tag: \"ACME #1\" must be 1-32 characters "
	            "of letters, digits, '.', '_' and '-' (subjects then read "
	            "\"[TAG #123]\")");
	CONF_EXPECT(t,
	            DESK SMTP "templates = { default_language = \"EN\"; };\n",
	            "3: templates.default_language: \"EN\" is not a language "
	            "code such as \"en\"");
	CONF_EXPECT(t, DESK SMTP "store = { path = \"\"; };\n",
	            "3: store.path: must not be empty");
}

static void
test_err_after_fetch(void **state)
{
	struct conf_test *t = *state;

	CONF_EXPECT(t, DESK SMTP MBOX("after_fetch = \"delete\";"),
	            "3: mailboxes[0].after_fetch: \"delete\" is not \"flag\", "
	            "\"none\" or \"move:FOLDER\"");
	CONF_EXPECT(t, DESK SMTP MBOX("after_fetch = \"move:\";"),
	            "3: mailboxes[0].after_fetch: \"move:\" is not \"flag\", "
	            "\"none\" or \"move:FOLDER\"");
	CONF_EXPECT(t, DESK SMTP MBOX("after_fetch = \"move:a\\\"b\";"),
	            "3: mailboxes[0].after_fetch: must not contain control "
	            "characters, quotes or backslashes");
	CONF_EXPECT(t, DESK SMTP MBOX("folder = \"In\\tbox\";"),
	            "3: mailboxes[0].folder: must not contain control "
	            "characters, quotes or backslashes");
	CONF_EXPECT(t, DESK SMTP MBOX("after_fetch = \"move:INBOX\";"),
	            "3: mailboxes[0]: after_fetch moves mail into \"INBOX\", "
	            "the folder it is fetched from");
}

static void
test_err_smtp_url(void **state)
{
	struct conf_test *t = *state;
	static const char *const bad[] = {
	    "http://mx.example",  "smtp://",       "smtp://:25",
	    "smtp:// mx.example", "mx.example:25", NULL};

	for (size_t i = 0; bad[i] != NULL; i++) {
		char text[512], want[512];
		snprintf(text, sizeof(text),
		         DESK "smtp = { url = \"%s\"; from = \"a@b.example\"; "
		              "};\n",
		         bad[i]);
		snprintf(want, sizeof(want),
		         "2: smtp.url: \"%s\" is not smtp://HOST[:PORT] or "
		         "smtps://HOST[:PORT]",
		         bad[i]);
		CONF_EXPECT(t, text, want);
	}
}

static void
test_err_ca_file(void **state)
{
	struct conf_test *t = *state;

	CONF_EXPECT(t, DESK SMTP MBOX("ca_file = \"missing.pem\";"),
	            "3: mailboxes[0].ca_file: cannot read @DIR@/missing.pem");
}

static void
test_err_syntax(void **state)
{
	struct conf_test *t = *state;

	CONF_EXPECT(t, DESK SMTP "log = {\n  level = \"info\";\n  x = ;\n};\n",
	            "5: cannot parse: syntax error");
	CONF_EXPECT(t, DESK "desk = {};\n" SMTP,
	            "2: cannot parse: duplicate setting name");
	/* libconfig finds the open string at the end of the file. */
	CONF_EXPECT(t, "desk = { name = \"unterminated; };\n",
	            "2: cannot parse: syntax error");
}

static void
test_err_unreadable(void **state)
{
	struct conf_test *t = *state;
	char path[PATH_MAX + 32], want[PATH_MAX + 128];

	snprintf(path, sizeof(path), "%s/absent.conf", t->dir);
	assert_null(conf_load(path, &t->errors));
	assert_int_equal(t->errors.n, 1);
	snprintf(want, sizeof(want),
	         "%s:0: cannot read: No such file or "
	         "directory",
	         path);
	assert_string_equal(t->errors.v[0], want);
	conf_errors_free(&t->errors);

	/* root reads mode 000 files anyway, so this only runs as a user. */
	if (geteuid() == 0)
		return;
	conf_test_write(t, "complaintd.conf", DESK SMTP, 0);
	assert_null(conf_load(t->path, &t->errors));
	assert_int_equal(t->errors.n, 1);
	snprintf(want, sizeof(want), "%s:0: cannot read: Permission denied",
	         t->path);
	assert_string_equal(t->errors.v[0], want);
}

/*
 * BUG (conf.c, conf_load): a path naming a directory is reported as
 * "PATH:0: cannot read: No such file or directory": errno is not set by
 * libconfig on that path, so the ENOENT fallback is used.  Enable once
 * fixed (the message should say "Is a directory").
 */
static void
test_err_unreadable_dir(void **state)
{
	struct conf_test *t = *state;
	char want[PATH_MAX + 128];

	assert_null(conf_load(t->dir, &t->errors));
	assert_int_equal(t->errors.n, 1);
	snprintf(want, sizeof(want), "%s:0: cannot read: Is a directory",
	         t->dir);
	assert_string_equal(t->errors.v[0], want);
}

static void
test_err_all_at_once(void **state)
{
	struct conf_test *t = *state;

	conf_test_write(t, "open.pw", "pw\n", 0644);
	CONF_EXPECT(t,
	            "store = { path = \"x.db\"; };\n"
	            "log = { level = \"loud\"; };\n"
	            "desk = { name = \"A\"; addresses = [\"a@b.example\"]; "
	            "ticket_tag = \"A\"; timezone = \"Nowhere\"; };\n"
	            "mailboxes = (\n"
	            "  { name = \"a\"; host = \"h\"; user = \"u\"; password = "
	            "\"p\"; port = 0; idle = \"yes\"; },\n"
	            "  { name = \"b\"; host = \"h\"; user = \"u\"; "
	            "password_file = \"open.pw\"; }\n"
	            ");\n"
	            "smtp = { url = \"smtp://localhost\"; };\n"
	            "colour = \"blue\";\n",
	            "2: log.level: \"loud\" is not one of \"debug\", \"info\", "
	            "\"warning\", \"error\"",
	            "3: desk.timezone: \"Nowhere\" is not a known IANA time "
	            "zone (such as \"Europe/Berlin\" or \"UTC\"; see "
	            "/usr/share/zoneinfo)",
	            "5: mailboxes[0].port: 0 is out of range 1..65535",
	            "5: mailboxes[0].idle: is a string, expected true or false",
	            "6: mailboxes[1].password_file: password file "
	            "@DIR@/open.pw is readable by everyone (mode 0644); chmod "
	            "o-r it",
	            "8: smtp: missing required key \"from\"",
	            "9: colour: unknown section \"colour\"");
}

static void
test_err_two_lines(void **state)
{
	struct conf_test *t = *state;

	assert_null(
	    conf_test_load(t, DESK SMTP MBOX("port = 0; tls = \"x\";")));
	assert_int_equal(t->errors.n, 2);
	CONF_EXPECT(t, DESK SMTP MBOX("port = 0; tls = \"x\";"),
	            "3: mailboxes[0].port: 0 is out of range 1..65535",
	            "3: mailboxes[0].tls: \"x\" is not one of \"implicit\", "
	            "\"starttls\", \"none\"");
}

/*
 * BUG (conf_schema.c, conf_finish_mailbox): the duplicate-name loop runs
 * strcmp over every earlier mailbox's name, but an earlier mailbox that
 * failed without a name (missing, empty, or not a group) has name NULL, so
 * any later valid mailbox crashes conf_load with a NULL dereference
 * instead of reporting the first error.  Enable once fixed.
 */
static void
test_err_nameless_mailbox_then_valid(void **state)
{
	struct conf_test *t = *state;

	CONF_EXPECT(t,
	            DESK SMTP "mailboxes = (\n"
	                      "  { host = \"h\"; user = \"u\"; password = "
	                      "\"p\"; },\n"
	                      "  { name = \"b\"; host = \"h\"; user = \"u\"; "
	                      "password = \"p\"; }\n);\n",
	            "4: mailboxes[0]: missing required key \"name\"");
}

int
main(void)
{
#define T(f)                                                                   \
	cmocka_unit_test_setup_teardown(f, conf_test_setup, conf_test_teardown)
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_duration_valid),
	    cmocka_unit_test(test_duration_invalid),
	    cmocka_unit_test(test_duration_overflow),
	    cmocka_unit_test(test_size_valid),
	    cmocka_unit_test(test_size_invalid),
	    cmocka_unit_test(test_size_overflow),
	    cmocka_unit_test(test_size_overflow_unit),
	    T(test_load_full),
	    T(test_load_defaults),
	    T(test_load_empty_mailbox_list),
	    T(test_load_smtp_user),
	    T(test_load_relative_config_path),
	    T(test_mailbox_find),
	    cmocka_unit_test(test_free_null),
	    T(test_password_file_trim),
	    T(test_timezone_valid),
	    T(test_address_localhost),
	    T(test_err_unknown_key),
	    T(test_err_unknown_section),
	    T(test_err_wrong_type),
	    T(test_err_missing_key),
	    T(test_err_missing_section),
	    T(test_err_bad_duration),
	    T(test_err_bad_size),
	    T(test_err_duplicate_mailbox),
	    T(test_err_password_file),
	    T(test_err_password_choice),
	    T(test_err_bad_enum),
	    T(test_err_port_range),
	    T(test_err_timezone),
	    T(test_err_smtps_tls_none),
	    T(test_err_bad_address),
	    T(test_err_bad_names),
	    T(test_err_after_fetch),
	    T(test_err_smtp_url),
	    T(test_err_ca_file),
	    T(test_err_syntax),
	    T(test_err_unreadable),
	    T(test_err_unreadable_dir),
	    T(test_err_all_at_once),
	    T(test_err_two_lines),
	    T(test_err_nameless_mailbox_then_valid),
	};
#undef T

	return cmocka_run_group_tests(tests, NULL, NULL);
}
