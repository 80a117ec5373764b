/*
 * metrics_writer: the metrics textfile for node_exporter; see
 * metrics_writer.h.
 */
#include "metrics_writer.h"

#include "log.h"
#include "metrics.h"
#include "store.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

/* What failed last ("" while writes succeed): a failure that repeats
 * every interval is a warning once, then debug lines, and the recovery
 * is told. */
struct metrics_writer_state {
	char failure[PATH_MAX + 256];
};

/* All of buf to fd; 0 or -1 with errno. */
static int
metrics_writer_write_all(int fd, const char *buf, size_t len)
{
	while (len > 0) {
		ssize_t n = write(fd, buf, len);
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0)
			return -1;
		buf += n;
		len -= (size_t)n;
	}
	return 0;
}

/* ".BASE.XXXXXX" in path's directory: the collector reads only *.prom
 * files, and the dot hides it from people listing the directory too.
 * 0, or -1 with errno ENAMETOOLONG. */
static int
metrics_writer_temp_name(const char *path, char *buf, size_t size)
{
	const char *slash = strrchr(path, '/');
	int dirlen = slash != NULL ? (int)(slash - path + 1) : 0;
	int n =
	    snprintf(buf, size, "%.*s.%s.XXXXXX", dirlen, path, path + dirlen);

	if (n < 0 || (size_t)n >= size) {
		errno = ENAMETOOLONG;
		return -1;
	}
	return 0;
}

/*
 * text replaces path through a temp file renamed over it, so a reader
 * sees the old file or the new one, never a part.  0, or -1 with errno
 * and *what_r naming the step that failed (the temp file removed).
 */
static int
metrics_writer_replace(const char *path, const char *text, size_t len,
                       const char **what_r)
{
	char tmp[PATH_MAX];
	int fd, saved;

	*what_r = "naming a temporary file for";
	if (metrics_writer_temp_name(path, tmp, sizeof(tmp)) != 0)
		return -1;
	*what_r = "creating a temporary file beside";
	if ((fd = mkostemp(tmp, O_CLOEXEC)) < 0)
		return -1;
	*what_r = NULL;
	if (metrics_writer_write_all(fd, text, len) != 0)
		*what_r = "writing the temporary file for";
	else if (fchmod(fd, 0644) != 0) /* mkstemp made it 0600 */
		*what_r = "setting mode 0644 on the temporary file for";
	else if (fsync(fd) != 0)
		*what_r = "syncing the temporary file for";
	saved = errno;
	if (close(fd) != 0 && *what_r == NULL) {
		*what_r = "closing the temporary file for";
		saved = errno;
	}
	if (*what_r == NULL && rename(tmp, path) != 0) {
		*what_r = "renaming the temporary file over";
		saved = errno;
	}
	if (*what_r == NULL)
		return 0;
	unlink(tmp);
	errno = saved;
	return -1;
}

/* Logs failure ("" for none) as state says it is news. */
static void
metrics_writer_report(struct metrics_writer_state *st, const char *failure,
                      const char *path, long interval)
{
	char q[PATH_MAX];

	if (failure[0] == '\0') {
		if (st->failure[0] != '\0')
			log_info("metrics: textfile written again "
			         "event=metrics.recovered file=%s",
			         log_quote(q, sizeof(q), path));
		st->failure[0] = '\0';
		return;
	}
	if (strcmp(failure, st->failure) == 0)
		log_debug("metrics: %s; still failing, trying again in %lds",
		          failure, interval);
	else
		log_warnx("metrics: %s; trying again in %lds "
		          "event=metrics.failed",
		          failure, interval);
	snprintf(st->failure, sizeof(st->failure), "%s", failure);
}

/* One write of the textfile, its failure logged. */
static void
metrics_writer_tick(const struct conf_metrics *c, struct store *store,
                    struct metrics_writer_state *st)
{
	char failure[sizeof(st->failure)] = "";
	const char *what;
	struct metrics m;
	char *text = NULL;
	size_t len;

	if (metrics_gather(store, time(NULL), &m) != 0)
		snprintf(failure, sizeof(failure),
		         "cannot read the metrics from the store: %s",
		         store_error(store));
	else if (metrics_format_text(&m, &text, &len) != 0)
		snprintf(failure, sizeof(failure),
		         "out of memory formatting the metrics");
	else if (metrics_writer_replace(c->textfile, text, len, &what) != 0)
		snprintf(failure, sizeof(failure),
		         "cannot write the textfile: %s %s: %s", what,
		         c->textfile, strerror(errno));
	metrics_clear(&m);
	free(text);
	metrics_writer_report(st, failure, c->textfile, c->interval);
}

static void
metrics_writer_run(struct worker *w)
{
	struct metrics_writer *mw = w->arg;
	const struct conf_metrics *c = &mw->conf->metrics;
	struct metrics_writer_state st = {""};
	struct store *store;
	char *err = NULL, q[PATH_MAX];

	while ((store = store_open(mw->conf->store.path, &err)) == NULL) {
		log_errx("metrics: %s; no textfile written, retrying in %lds",
		         err ? err : "cannot open the store", c->interval);
		free(err);
		err = NULL;
		if (worker_wait(w, c->interval * 1000) == WORKER_STOPPING)
			return;
	}
	log_info("metrics: writing the textfile event=metrics.started "
	         "file=%s interval=%lds",
	         log_quote(q, sizeof(q), c->textfile), c->interval);
	/* At once, then every interval; a wake-up writes early. */
	do
		metrics_writer_tick(c, store, &st);
	while (worker_wait(w, c->interval * 1000) != WORKER_STOPPING);
	store_close(store);
	log_info("metrics: stopped event=metrics.stopped");
}

int
metrics_writer_start(struct metrics_writer *mw, const struct conf *conf)
{
	mw->conf = conf;
	return worker_start(&mw->worker, "metrics", metrics_writer_run, mw);
}

void
metrics_writer_stop(struct metrics_writer *mw)
{
	worker_stop(&mw->worker);
}

void
metrics_writer_join(struct metrics_writer *mw)
{
	worker_join(&mw->worker);
}

int
metrics_writer_join_timeout(struct metrics_writer *mw, long timeout_ms)
{
	return worker_join_timeout(&mw->worker, timeout_ms);
}
