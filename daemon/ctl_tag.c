/*
 * ctl_tag: "tag" — adding and removing a ticket's tags, stored
 * comma-separated as triage writes them; each change an audit event.
 */
#include "ctl.h"

#include <getopt.h>
#include <stdlib.h>
#include <string.h>
#include <sysexits.h>
#include <time.h>

/* At most this many +TAG/-TAG at once, which bounds the event's detail. */
#define CTL_TAG_OPS 32
#define CTL_TAG_LEN 40

struct ctl_tag {
	const char *ops[CTL_TAG_OPS]; /* "+a", "-b": names checked */
	size_t n_ops;
	const char *actor;
	char *tags; /* the new ones, owned */
	char detail[CTL_TAG_OPS * (CTL_TAG_LEN + 2) + 1]; /* "+a -b" */
};

/* Names as agents type them: 1-40 of a-z, 0-9, '_', '.', '-', starting
 * with a letter or digit (so "--force" is no tag). */
static bool
ctl_tag_name_ok(const char *name)
{
	static const char ok[] = "abcdefghijklmnopqrstuvwxyz0123456789_.-";
	size_t n = strlen(name);

	return n >= 1 && n <= CTL_TAG_LEN && strspn(name, ok) == n &&
	       strchr("_.-", name[0]) == NULL;
}

/* A ticket's tags as an array of names borrowed from elsewhere. */
struct ctl_tagset {
	const char **v;
	size_t n;
};

static bool
ctl_tagset_has(const struct ctl_tagset *s, const char *tag)
{
	for (size_t i = 0; i < s->n; i++)
		if (strcmp(s->v[i], tag) == 0)
			return true;
	return false;
}

/* Splits buf at its commas (in place) into s, which has room. */
static void
ctl_tagset_split(char *buf, struct ctl_tagset *s)
{
	for (char *p = buf, *next; p != NULL && *p != '\0'; p = next) {
		if ((next = strchr(p, ',')) != NULL)
			*next++ = '\0';
		if (*p != '\0' && !ctl_tagset_has(s, p))
			s->v[s->n++] = p;
	}
}

/* The +/- of ops in their order; s has room for every "+". */
static void
ctl_tagset_apply(struct ctl_tagset *s, const char *const *ops, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		const char *name = ops[i] + 1;
		size_t k = 0;
		while (k < s->n && strcmp(s->v[k], name) != 0)
			k++;
		if (ops[i][0] == '+' && k == s->n)
			s->v[s->n++] = name;
		else if (ops[i][0] == '-' && k < s->n)
			memmove(&s->v[k], &s->v[k + 1],
			        (--s->n - k) * sizeof(*s->v));
	}
}

/* Appends " SIGNtag" to buf for each tag of a that b lacks. */
static void
ctl_tagset_diff(const struct ctl_tagset *a, const struct ctl_tagset *b,
                char sign, char *buf, size_t size)
{
	size_t len = strlen(buf);

	for (size_t i = 0; i < a->n && len < size; i++)
		if (!ctl_tagset_has(b, a->v[i]))
			len += (size_t)snprintf(buf + len, size - len, "%s%c%s",
			                        len ? " " : "", sign, a->v[i]);
}

/* "a,b", as triage writes tags, in a new string (caller frees). */
static char *
ctl_tagset_join(const struct ctl_tagset *s)
{
	size_t len = 0, cap = 1;
	char *out;

	for (size_t i = 0; i < s->n; i++)
		cap += strlen(s->v[i]) + 1;
	if ((out = malloc(cap)) == NULL)
		return NULL;
	out[0] = '\0';
	for (size_t i = 0; i < s->n; i++)
		len += (size_t)snprintf(out + len, cap - len, "%s%s",
		                        i ? "," : "", s->v[i]);
	return out;
}

/* The new tags from the old and the ops: 0, or -1 out of memory. */
static int
ctl_tag_edit(struct ctl_tag *g, const char *old)
{
	char *buf = strdup(old ? old : "");
	size_t cap = 1 + g->n_ops;
	struct ctl_tagset before = {0}, after = {0};
	int rc = -1;

	for (const char *p = old; p != NULL && *p != '\0'; p++)
		cap += *p == ',';
	before.v = calloc(cap, sizeof(*before.v));
	after.v = calloc(cap, sizeof(*after.v));
	if (buf != NULL && before.v != NULL && after.v != NULL) {
		ctl_tagset_split(buf, &before);
		memcpy(after.v, before.v, before.n * sizeof(*after.v));
		after.n = before.n;
		ctl_tagset_apply(&after, g->ops, g->n_ops);
		g->detail[0] = '\0';
		ctl_tagset_diff(&after, &before, '+', g->detail,
		                sizeof(g->detail));
		ctl_tagset_diff(&before, &after, '-', g->detail,
		                sizeof(g->detail));
		rc = (g->tags = ctl_tagset_join(&after)) ? 0 : -1;
	}
	free(buf);
	free(before.v);
	free(after.v);
	return rc;
}

static int
ctl_tag_do(struct ctl *ctl, const struct store_ticket *t, void *arg)
{
	struct ctl_tag *g = arg;
	long long now = time(NULL);

	if (ctl_tag_edit(g, t->tags) != 0) {
		fprintf(stderr, "complaintctl: out of memory\n");
		return EX_OSERR;
	}
	if (g->detail[0] == '\0') {
		fprintf(stderr,
		        "complaintctl: ticket #%lld: tags unchanged (%s)\n",
		        t->id, t->tags && t->tags[0] ? t->tags : "none");
		return CTL_EX_CONFLICT;
	}
	if (store_ticket_set_tags(ctl->store, t->id, g->tags, now) != 1 ||
	    store_event_add(ctl->store, t->id, now, "ticket.tagged", g->actor,
	                    g->detail, NULL) < 0)
		return EX_TEMPFAIL;
	return EX_OK;
}

/* ["a","b"]: the names in detail that carry sign. */
static void
ctl_tag_json_names(const char *key, const char *detail, char sign)
{
	bool first = true;

	printf(",\"%s\":[", key);
	for (const char *p = detail; *p != '\0';) {
		size_t n = strcspn(p, " ");
		if (*p == sign) {
			/* Checked names: nothing to escape. */
			printf("%s\"%.*s\"", first ? "" : ",", (int)n - 1,
			       p + 1);
			first = false;
		}
		p += n;
		p += *p == ' ';
	}
	putchar(']');
}

/* The ticket's tags; with g (a change), what changed and who did it. */
static void
ctl_tag_report(const struct ctl *ctl, long long id, const char *tags,
               const struct ctl_tag *g)
{
	if (!ctl->opts->json && g != NULL)
		printf("ticket #%lld: %s; tags now %s\n", id, g->detail,
		       tags[0] ? tags : "none");
	else if (!ctl->opts->json)
		printf("ticket #%lld: tags %s\n", id, tags[0] ? tags : "none");
	if (!ctl->opts->json)
		return;
	fputs("{", stdout);
	ctl_json_int(stdout, true, "ticket", id);
	ctl_json_field(stdout, false, "tags", tags);
	if (g != NULL) {
		ctl_tag_json_names("added", g->detail, '+');
		ctl_tag_json_names("removed", g->detail, '-');
		ctl_json_field(stdout, false, "by", g->actor);
	}
	fputs("}\n", stdout);
}

static int
ctl_tag_show(struct ctl *ctl, long long id)
{
	struct store_ticket t;
	int rc = store_ticket_get(ctl->store, id, &t);

	if (rc == 1)
		ctl_tag_report(ctl, id, t.tags ? t.tags : "", NULL);
	else if (rc == 0)
		fprintf(stderr, "complaintctl: no ticket #%lld\n", id);
	else
		fprintf(stderr, "complaintctl: %s; try again (exit 75)\n",
		        store_error(ctl->store));
	store_ticket_clear(&t);
	return rc == 1 ? EX_OK : rc == 0 ? CTL_EX_NOTFOUND : EX_TEMPFAIL;
}

/* One +TAG or -TAG into g; 0, or -1 after saying why. */
static int
ctl_tag_op(struct ctl_tag *g, const char *op)
{
	if ((op[0] != '+' && op[0] != '-') || !ctl_tag_name_ok(op + 1)) {
		fprintf(stderr,
		        "complaintctl: \"%s\" is not +TAG or -TAG; a tag is "
		        "1-%d characters of a-z, 0-9, '_', '.' and '-'\n",
		        op, CTL_TAG_LEN);
		return -1;
	}
	if (g->n_ops == CTL_TAG_OPS) {
		fprintf(stderr, "complaintctl: at most %d tags at a time\n",
		        CTL_TAG_OPS);
		return -1;
	}
	g->ops[g->n_ops++] = op;
	return 0;
}

/*
 * tag's arguments, by hand: getopt would read "-urgent" as options.
 * Only the long --as is known here ("-a" removes the tag a).  0, or -1
 * (a usage error, said when it is about a tag).
 */
static int
ctl_tag_args(int argc, char **argv, const char **as, long long *id,
             struct ctl_tag *g)
{
	bool have_id = false, options = true;

	for (int i = 1; i < argc; i++) {
		const char *s = argv[i];
		if (options && strcmp(s, "--") == 0)
			options = false;
		else if (options && strcmp(s, "--as") == 0 && i + 1 < argc)
			*as = argv[++i];
		else if (options && strncmp(s, "--as=", 5) == 0)
			*as = s + 5;
		else if (!have_id && ctl_parse_id(s, id) == 0)
			have_id = true;
		else if (!have_id || ctl_tag_op(g, s) != 0)
			return -1;
	}
	return have_id ? 0 : -1;
}

int
ctl_cmd_tag(const struct ctl_options *opts, int argc, char **argv)
{
	struct ctl_tag g = {0};
	const char *as = NULL;
	struct ctl ctl;
	long long id;
	int status;

	if (ctl_tag_args(argc, argv, &as, &id, &g) != 0) {
		fprintf(stderr, "usage: complaintctl tag ID [+TAG|-TAG ...] "
		                "[--as AGENT]\n");
		return EX_USAGE;
	}
	if ((status = ctl_work_open(opts, as, &ctl)) != 0)
		return status;
	g.actor = ctl_actor(as);
	if (g.n_ops == 0)
		status = ctl_tag_show(&ctl, id);
	else if ((status = ctl_work_tx(&ctl, id, ctl_tag_do, &g)) == EX_OK)
		ctl_tag_report(&ctl, id, g.tags, &g);
	free(g.tags);
	ctl_close(&ctl);
	return status;
}
