/*
 * metrics_writer: the thread that feeds node_exporter's textfile
 * collector.  It writes the desk's metrics (metrics.h) to
 * metrics.textfile at start and every metrics.interval, atomically — a
 * hidden temp file in the same directory, fsync, mode 0644, rename — so
 * the collector never reads half a file.  A failed write is logged and
 * tried again at the next interval; the desk runs on.
 */
#ifndef COMPLAINTD_METRICS_WRITER_H
#define COMPLAINTD_METRICS_WRITER_H

#include "conf.h"
#include "worker.h"

struct metrics_writer {
	struct worker worker;
	const struct conf *conf; /* borrowed until metrics_writer_join */
};

/*
 * Starts the thread for conf, whose metrics.textfile must be set; it
 * opens its own store connection.  0, or -1 with errno set (nothing
 * started).
 */
int metrics_writer_start(struct metrics_writer *mw, const struct conf *conf);
void metrics_writer_stop(struct metrics_writer *mw);
void metrics_writer_join(struct metrics_writer *mw);
/* As worker_join_timeout: 0 joined, -1 still running. */
int metrics_writer_join_timeout(struct metrics_writer *mw, long timeout_ms);

#endif
