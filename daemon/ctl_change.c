/*
 * ctl_change: one change to one ticket, as the agent commands make it —
 * in one transaction that reads and checks the ticket first, so two
 * agents acting on it at once cannot both win.
 */
#include "ctl.h"

#include "sla.h"

#include <errno.h>
#include <getopt.h>
#include <stdlib.h>
#include <string.h>
#include <sysexits.h>

/*
 * Runs fn on ticket id in one transaction, committed only when fn
 * returns EX_OK.  Says on stderr why nothing changed: no such ticket,
 * or a store failure.  Returns the exit status.
 */
int
ctl_work_tx(struct ctl *ctl, long long id, ctl_work_fn fn, void *arg)
{
	struct store_ticket t = {0};
	int rc, status = EX_TEMPFAIL;

	if (store_begin(ctl->store) == 0) {
		rc = store_ticket_get(ctl->store, id, &t);
		status = rc == 1   ? fn(ctl, &t, arg)
		         : rc == 0 ? CTL_EX_NOTFOUND
		                   : EX_TEMPFAIL;
		store_ticket_clear(&t);
	}
	if (status == EX_OK && store_commit(ctl->store) != 0)
		status = EX_TEMPFAIL;
	if (status == CTL_EX_NOTFOUND)
		fprintf(stderr, "complaintctl: no ticket #%lld\n", id);
	else if (status == EX_TEMPFAIL)
		fprintf(stderr,
		        "complaintctl: %s; nothing changed, try again "
		        "(exit 75)\n",
		        store_error(ctl->store));
	if (status != EX_OK)
		store_rollback(ctl->store);
	return status;
}

/* ctl_open, then --as (when given) must name a configured agent. */
int
ctl_work_open(const struct ctl_options *opts, const char *as, struct ctl *ctl)
{
	int status = ctl_open(opts, true, ctl);

	if (status != 0)
		return status;
	if (as != NULL && conf_agent_find(ctl->conf, as) == NULL) {
		fprintf(stderr, "complaintctl: no agent is named \"%s\"\n", as);
		ctl_close(ctl);
		return EX_USAGE;
	}
	return 0;
}

int
ctl_work_open_desk(const struct ctl_options *opts, const char *as,
                   struct ctl *ctl, struct sla_desk **desk_r)
{
	char err[300];
	int status = ctl_work_open(opts, as, ctl);

	if (status != 0)
		return status;
	if ((*desk_r = sla_desk_new(ctl->conf, err, sizeof(err))) == NULL) {
		fprintf(stderr, "complaintctl: %s\n", err);
		ctl_close(ctl);
		return EX_CONFIG;
	}
	return 0;
}

int
ctl_as_option(int argc, char **argv, const char **as)
{
	static const struct option longopts[] = {
	    {"as", required_argument, NULL, 'a'},
	    {NULL, 0, NULL, 0},
	};
	int ch;

	*as = NULL;
	while ((ch = getopt_long(argc, argv, "a:", longopts, NULL)) != -1) {
		if (ch != 'a')
			return -1;
		*as = optarg;
	}
	return 0;
}

const struct conf_agent *
ctl_acting_agent(const struct conf *conf, const char *as, const char *command)
{
	const char *env = getenv("COMPLAINTD_AGENT");
	const char *name = as ? as : env && env[0] ? env : NULL;
	const struct conf_agent *a;

	if (name == NULL) {
		fprintf(stderr,
		        "complaintctl: %s needs to know who you are: --as "
		        "AGENT or COMPLAINTD_AGENT=AGENT\n",
		        command);
		return NULL;
	}
	if ((a = conf_agent_find(conf, name)) == NULL)
		fprintf(stderr, "complaintctl: no agent is named \"%s\"%s\n",
		        name, as ? "" : " (from COMPLAINTD_AGENT)");
	return a;
}

/* The longest text: a page or two, not a mail archive. */
#define CTL_TEXT_MAX 65536

/* Checks the len bytes read into text and trims their trailing blanks
 * in place: 0, or EX_USAGE after saying why. */
static int
ctl_text_check(char *text, size_t len, const char *from, const char *what)
{
	if (strlen(text) != len) {
		fprintf(stderr, "complaintctl: %s is not text (a NUL byte)\n",
		        from);
		return EX_USAGE;
	}
	/* A file's last newline is not part of the note. */
	while (len > 0 && strchr(" \t\r\n", text[len - 1]) != NULL)
		text[--len] = '\0';
	if (strspn(text, " \t\r\n") == len) {
		fprintf(stderr, "complaintctl: the %s is empty\n", what);
		return EX_USAGE;
	}
	return 0;
}

/* Up to CTL_TEXT_MAX + 1 bytes of path ("-": stdin) into buf: the
 * count, or -1 after saying why. */
static long
ctl_text_file(const char *path, char *buf)
{
	FILE *f = strcmp(path, "-") == 0 ? stdin : fopen(path, "rb");
	size_t n;
	bool failed;

	if (f == NULL) {
		fprintf(stderr, "complaintctl: cannot open %s: %s\n", path,
		        strerror(errno));
		return -1;
	}
	n = fread(buf, 1, CTL_TEXT_MAX + 1, f);
	failed = ferror(f) != 0;
	if (f != stdin)
		fclose(f);
	if (failed) {
		fprintf(stderr, "complaintctl: cannot read %s\n", path);
		return -1;
	}
	return (long)n;
}

int
ctl_read_text(const char *text, const char *path, const char *what,
              char **note_r)
{
	char *buf = malloc(CTL_TEXT_MAX + 2);
	long len;

	if ((*note_r = buf) == NULL) {
		fprintf(stderr, "complaintctl: out of memory\n");
		return EX_OSERR;
	}
	if (text != NULL) {
		len = (long)strlen(text);
		memcpy(buf, text, len > CTL_TEXT_MAX ? 0 : (size_t)len);
	} else if ((len = ctl_text_file(path, buf)) < 0) {
		return EX_NOINPUT;
	}
	if (len > CTL_TEXT_MAX) {
		fprintf(stderr,
		        "complaintctl: the %s is longer than %d bytes\n", what,
		        CTL_TEXT_MAX);
		return EX_USAGE;
	}
	buf[len] = '\0';
	return ctl_text_check(buf, (size_t)len, text ? "the text" : path, what);
}

int
ctl_text_args(int argc, char **argv, const char **as, const char **text,
              const char **path, long long *id)
{
	static const struct option longopts[] = {
	    {"message", required_argument, NULL, 'm'},
	    {"file", required_argument, NULL, 'f'},
	    {"as", required_argument, NULL, 'a'},
	    {NULL, 0, NULL, 0},
	};
	int ch;

	*as = *text = *path = NULL;
	while ((ch = getopt_long(argc, argv, "m:f:a:", longopts, NULL)) != -1) {
		if (ch == 'm')
			*text = optarg;
		else if (ch == 'f')
			*path = optarg;
		else if (ch == 'a')
			*as = optarg;
		else
			return -1;
	}
	/* A lone "-" after the id is -f -: the text on stdin. */
	if (optind + 2 == argc && strcmp(argv[argc - 1], "-") == 0 &&
	    *path == NULL)
		*path = argv[--argc];
	if (optind + 1 != argc || ctl_parse_id(argv[optind], id) != 0 ||
	    (*text != NULL && *path != NULL))
		return -1;
	return 0;
}
