/* ctl_util: complaintctl's shared plumbing — opening the desk, ids, times,
 * JSON strings and table cells measured in terminal columns. */
#include "ctl.h"

#include <ctype.h>
#include <errno.h>
#include <locale.h>
#include <pwd.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sysexits.h>
#include <time.h>
#include <unistd.h>
#include <wchar.h>

int
ctl_open(const struct ctl_options *opts, bool with_store, struct ctl *ctl)
{
	struct conf_errors errors = {0};
	char *err = NULL;

	memset(ctl, 0, sizeof(*ctl));
	ctl->opts = opts;
	ctl->conf = conf_load(opts->config_path, &errors);
	if (ctl->conf == NULL) {
		for (size_t i = 0; i < errors.n; i++)
			fprintf(stderr, "%s\n", errors.v[i]);
		conf_errors_free(&errors);
		return EX_CONFIG;
	}
	setenv("TZ", ctl->conf->desk.timezone, 1);
	tzset();
	if (!with_store)
		return 0;
	if ((ctl->store = store_open(ctl->conf->store.path, &err)) == NULL) {
		fprintf(stderr, "complaintctl: %s\n",
		        err ? err : "cannot open the store");
		free(err);
		conf_free(ctl->conf);
		ctl->conf = NULL;
		return EX_CANTCREAT;
	}
	return 0;
}

void
ctl_close(struct ctl *ctl)
{
	store_close(ctl->store);
	conf_free(ctl->conf);
	memset(ctl, 0, sizeof(*ctl));
}

int
ctl_parse_id(const char *text, long long *id_r)
{
	char *end;
	long long v;

	if (*text == '#')
		text++;
	if (!isdigit((unsigned char)*text))
		return -1;
	v = strtoll(text, &end, 10);
	if (*end != '\0' || v <= 0)
		return -1;
	*id_r = v;
	return 0;
}

const char *
ctl_time(long long t, char *buf, size_t size)
{
	time_t tt = (time_t)t;
	struct tm tm;

	if (t < 0 || localtime_r(&tt, &tm) == NULL ||
	    strftime(buf, size, "%Y-%m-%d %H:%M", &tm) == 0)
		snprintf(buf, size, "-");
	return buf;
}

void
ctl_json_string(FILE *out, const char *s)
{
	if (s == NULL) {
		fputs("null", out);
		return;
	}
	putc('"', out);
	for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
		if (*p == '"' || *p == '\\')
			fprintf(out, "\\%c", *p);
		else if (*p == '\n')
			fputs("\\n", out);
		else if (*p < 0x20 || *p == 0x7f)
			fprintf(out, "\\u%04x", *p);
		else
			putc(*p, out);
	}
	putc('"', out);
}

void
ctl_json_field(FILE *out, bool first, const char *key, const char *s)
{
	fprintf(out, "%s\"%s\":", first ? "" : ",", key);
	ctl_json_string(out, s);
}

void
ctl_json_int(FILE *out, bool first, const char *key, long long v)
{
	fprintf(out, "%s\"%s\":%lld", first ? "" : ",", key, v);
}

/* Display cells of the next character at s (its byte length in *len). */
static int
ctl_char_width(const char *s, size_t *len)
{
	mbstate_t st = {0};
	wchar_t wc;
	size_t n = mbrtowc(&wc, s, MB_CUR_MAX, &st);
	int w;

	if (n == (size_t)-1 || n == (size_t)-2 || n == 0) {
		*len = 1;
		return 1;
	}
	*len = n;
	w = wcwidth(wc);
	return w < 0 ? 1 : w;
}

void
ctl_cell(FILE *out, const char *s, int width)
{
	int used = 0;

	if (s == NULL)
		s = "";
	if (width <= 0) {
		/* Control characters never reach the terminal raw. */
		for (; *s; s++)
			putc((unsigned char)*s < 0x20 ? ' ' : *s, out);
		return;
	}
	while (*s != '\0') {
		size_t len;
		int w = ctl_char_width(s, &len);
		if (used + w > width - 1 && s[len] != '\0') {
			fputs("\u2026", out);
			used++;
			break;
		}
		if (used + w > width)
			break;
		for (size_t i = 0; i < len; i++)
			putc((unsigned char)s[i] < 0x20 ? ' ' : s[i], out);
		used += w;
		s += len;
	}
	fprintf(out, "%*s", width - used + 1, "");
}

/* The largest mail taken from a pipe. */
#define CTL_INGEST_MAX (1LL << 30)

/* Reads all of f into a new buffer; 0, or -1 with errno. */
static int
ctl_read_all(FILE *f, char **buf_r, size_t *len_r)
{
	size_t cap = 65536, len = 0, n;
	char *buf = malloc(cap), *bigger;

	if (buf == NULL)
		return -1;
	while ((n = fread(buf + len, 1, cap - len, f)) > 0) {
		len += n;
		if (len < cap)
			continue;
		if ((long long)cap >= CTL_INGEST_MAX) {
			free(buf);
			errno = EFBIG;
			return -1;
		}
		if ((bigger = realloc(buf, cap * 2)) == NULL) {
			free(buf);
			return -1;
		}
		buf = bigger;
		cap *= 2;
	}
	if (ferror(f)) {
		free(buf);
		return -1;
	}
	*buf_r = buf;
	*len_r = len;
	return 0;
}

int
ctl_read_input(const char *path, char **raw_r, size_t *len_r)
{
	FILE *f = strcmp(path, "-") == 0 ? stdin : fopen(path, "rb");
	int rc;

	if (f == NULL) {
		fprintf(stderr, "complaintctl: cannot open %s: %s\n", path,
		        strerror(errno));
		return EX_NOINPUT;
	}
	rc = ctl_read_all(f, raw_r, len_r);
	if (rc != 0)
		fprintf(stderr, "complaintctl: cannot read %s: %s\n", path,
		        strerror(errno));
	if (f != stdin)
		fclose(f);
	if (rc != 0)
		return EX_IOERR;
	if (*len_r == 0) {
		fprintf(stderr, "complaintctl: %s holds no mail (0 bytes)\n",
		        path);
		free(*raw_r);
		*raw_r = NULL;
		return EX_DATAERR;
	}
	return 0;
}

int
ctl_read_mail(const char *path, struct mime_message **msg_r)
{
	struct mime_limits limits;
	char *raw = NULL;
	size_t len = 0;
	int status = ctl_read_input(path, &raw, &len);

	if (status != 0)
		return status;
	mime_limits_default(&limits);
	*msg_r = mime_parse(raw, len, &limits);
	free(raw);
	if (*msg_r == NULL) {
		fprintf(stderr, "complaintctl: out of memory parsing %s\n",
		        path);
		return EX_OSERR;
	}
	return 0;
}

void
ctl_progress(const char *what, size_t done, size_t total)
{
	static struct timespec last;
	struct timespec now;

	if (!isatty(STDERR_FILENO))
		return;
	clock_gettime(CLOCK_MONOTONIC, &now);
	/* At most ten updates a second: a terminal is slower than us. */
	if (done < total && now.tv_sec == last.tv_sec &&
	    now.tv_nsec - last.tv_nsec < 100000000L)
		return;
	last = now;
	fprintf(stderr, "\r%s: %zu/%zu", what, done, total);
	if (done >= total)
		fputc('\n', stderr);
	fflush(stderr);
}

const char *
ctl_actor(const char *as)
{
	const struct passwd *pw;
	const char *agent = getenv("COMPLAINTD_AGENT");
	const char *user = getenv("SUDO_USER");

	if (as != NULL)
		return as;
	if (agent != NULL && agent[0] != '\0')
		return agent;
	if (user != NULL && user[0] != '\0')
		return user;
	pw = getpwuid(getuid());
	return pw ? pw->pw_name : "complaintctl";
}

void
ctl_wake_daemon(struct ctl *ctl)
{
	long long pid = -1;
	char path[64], comm[64] = "";
	FILE *f;

	if (store_setting_get_int(ctl->store, "daemon_pid", &pid) != 1 ||
	    pid <= 1)
		return;
	/* Only the desk's own daemon, not a process that took its pid. */
	snprintf(path, sizeof(path), "/proc/%lld/comm", pid);
	if ((f = fopen(path, "r")) == NULL)
		return;
	if (fgets(comm, sizeof(comm), f) == NULL)
		comm[0] = '\0';
	fclose(f);
	comm[strcspn(comm, "\n")] = '\0';
	if (strcmp(comm, "complaintd") == 0 && kill((pid_t)pid, SIGUSR2) != 0)
		fprintf(stderr,
		        "complaintctl: cannot tell complaintd (pid %lld): %s; "
		        "it sees the change within 5 minutes\n",
		        pid, strerror(errno));
}
