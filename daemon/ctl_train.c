/*
 * ctl_train: "train LABELS.tsv" — teaches the model from labelled mail in
 * bulk.  Each line is FILE<TAB>CATEGORY<TAB>SEVERITY (FILE relative to
 * the list's directory; '#' starts a comment).  The whole list is
 * checked first and taught in one transaction: a list with a mistake
 * teaches nothing.
 */
#include "ctl.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sysexits.h>

struct ctl_label {
	char *path; /* resolved */
	char *category;
	char *severity;
	unsigned line;
};

struct ctl_labels {
	struct ctl_label *v;
	size_t n, cap;
	unsigned errors;
};

static void
ctl_labels_free(struct ctl_labels *l)
{
	for (size_t i = 0; i < l->n; i++) {
		free(l->v[i].path);
		free(l->v[i].category);
		free(l->v[i].severity);
	}
	free(l->v);
}

/* dir/name unless name is absolute; caller frees. */
static char *
ctl_label_path(const char *list, const char *name)
{
	const char *slash = strrchr(list, '/');
	char *out;

	if (name[0] == '/' || slash == NULL)
		return strdup(name);
	if (asprintf(&out, "%.*s/%s", (int)(slash - list), list, name) < 0)
		return NULL;
	return out;
}

/* Checks one "FILE TAB CATEGORY TAB SEVERITY" line and keeps it. */
static int
ctl_label_line(const struct conf *conf, const char *list, unsigned lineno,
               char *line, struct ctl_labels *l)
{
	char *file = strtok(line, "\t"), *cat = strtok(NULL, "\t");
	char *sev = strtok(NULL, "\t\r\n"), *extra = strtok(NULL, "\t\r\n");
	struct ctl_label *e;

	if (file == NULL || cat == NULL || sev == NULL || extra != NULL) {
		fprintf(stderr,
		        "%s:%u: expected FILE<TAB>CATEGORY<TAB>SEVERITY\n",
		        list, lineno);
		l->errors++;
		return 0;
	}
	if (!conf_category_known(conf, cat) || conf_severity_index(sev) < 0) {
		fprintf(stderr, "%s:%u: unknown %s \"%s\"\n", list, lineno,
		        conf_category_known(conf, cat) ? "severity"
		                                       : "category",
		        conf_category_known(conf, cat) ? sev : cat);
		l->errors++;
		return 0;
	}
	if (l->n == l->cap) {
		size_t cap = l->cap ? l->cap * 2 : 64;
		struct ctl_label *v = realloc(l->v, cap * sizeof(*v));
		if (v == NULL)
			return -1;
		l->v = v;
		l->cap = cap;
	}
	e = &l->v[l->n++];
	memset(e, 0, sizeof(*e));
	e->line = lineno;
	e->path = ctl_label_path(list, file);
	e->category = strdup(cat);
	e->severity = strdup(sev);
	return e->path && e->category && e->severity ? 0 : -1;
}

/* Reads and checks the list; 0, or the exit status after saying why. */
static int
ctl_labels_read(const struct conf *conf, const char *list, struct ctl_labels *l)
{
	FILE *f = fopen(list, "r");
	char *line = NULL;
	size_t cap = 0;
	unsigned lineno = 0;
	int rc = 0;

	if (f == NULL) {
		fprintf(stderr, "complaintctl: cannot open %s: %s\n", list,
		        strerror(errno));
		return EX_NOINPUT;
	}
	while (rc == 0 && getline(&line, &cap, f) > 0) {
		lineno++;
		line[strcspn(line, "\r\n")] = '\0';
		if (line[0] == '#' || line[strspn(line, " \t")] == '\0')
			continue;
		rc = ctl_label_line(conf, list, lineno, line, l);
	}
	free(line);
	fclose(f);
	if (rc != 0) {
		fprintf(stderr, "complaintctl: out of memory reading %s\n",
		        list);
		return EX_OSERR;
	}
	if (l->errors > 0) {
		fprintf(stderr,
		        "complaintctl: %u bad line%s in %s; nothing taught\n",
		        l->errors, l->errors == 1 ? "" : "s", list);
		return EX_DATAERR;
	}
	return 0;
}

/* Teaches one labelled mail; 0, or an exit status after saying why. */
static int
ctl_train_one(struct ctl *ctl, const char *list, const struct ctl_label *e)
{
	struct mime_message *msg;
	struct bayes_doc doc;
	int status;

	if ((status = ctl_read_mail(e->path, &msg)) != 0) {
		fprintf(stderr, "%s:%u: the mail above cannot be read\n", list,
		        e->line);
		return status;
	}
	status =
	    classify_doc(msg->subject, msg->text, &doc) != 0 ? EX_OSERR : 0;
	mime_message_free(msg);
	if (status != 0)
		return status;
	if (classify_model_teach(ctl->store, NULL, 0, "category", e->category,
	                         &doc) != 0 ||
	    classify_model_teach(ctl->store, NULL, 0, "severity", e->severity,
	                         &doc) != 0)
		status = EX_TEMPFAIL;
	bayes_doc_clear(&doc);
	return status;
}

static int
ctl_train_all(struct ctl *ctl, const char *list, const struct ctl_labels *l)
{
	int status = 0;

	if (store_begin(ctl->store) != 0)
		return EX_TEMPFAIL;
	for (size_t i = 0; i < l->n && status == 0; i++) {
		status = ctl_train_one(ctl, list, &l->v[i]);
		ctl_progress("training", i + 1, l->n);
	}
	if (status == 0 && store_commit(ctl->store) != 0)
		status = EX_TEMPFAIL;
	if (status != 0) {
		if (status == EX_TEMPFAIL)
			fprintf(stderr,
			        "complaintctl: %s; nothing taught, "
			        "try again (exit 75)\n",
			        store_error(ctl->store));
		store_rollback(ctl->store);
	}
	return status;
}

static void
ctl_train_report(struct ctl *ctl, size_t n)
{
	struct classify_model m = {0};
	long long docs = -1;

	if (classify_model_load(&m, ctl->store, ctl->conf) == 0)
		docs = bayes_documents(m.category);
	if (ctl->opts->json)
		printf("{\"taught\":%zu,\"documents\":%lld,"
		       "\"model_bytes\":%zu}\n",
		       n, docs, classify_model_memory(&m));
	else
		printf("taught %zu mail%s; the model knows %lld complaints "
		       "(%zu KiB in memory)\n",
		       n, n == 1 ? "" : "s", docs,
		       classify_model_memory(&m) / 1024);
	classify_model_clear(&m);
}

int
ctl_cmd_train(const struct ctl_options *opts, int argc, char **argv)
{
	struct ctl_labels labels = {0};
	struct ctl ctl;
	int status;

	if (argc != 2) {
		fprintf(stderr, "usage: complaintctl train LABELS.tsv\n");
		return EX_USAGE;
	}
	if ((status = ctl_open(opts, true, &ctl)) != 0)
		return status;
	status = ctl_labels_read(ctl.conf, argv[1], &labels);
	if (status == 0)
		status = ctl_train_all(&ctl, argv[1], &labels);
	if (status == 0)
		ctl_train_report(&ctl, labels.n);
	ctl_labels_free(&labels);
	ctl_close(&ctl);
	return status;
}
