/*
 * ctl_metrics: "metrics" — the desk's counters and gauges now, in
 * Prometheus' text exposition format (for a scrape through a script or
 * a look by hand), or as JSON with --json.  Reads only.
 */
#include "ctl.h"

#include "metrics.h"

#include <stdio.h>
#include <stdlib.h>
#include <sysexits.h>
#include <time.h>

/* The gathered figures on stdout in the chosen format; the exit status. */
static int
ctl_metrics_print(const struct ctl_options *opts, const struct metrics *m)
{
	char *text;
	size_t len;
	int rc = opts->json ? metrics_format_json(m, &text, &len)
	                    : metrics_format_text(m, &text, &len);

	if (rc != 0) {
		fprintf(stderr, "complaintctl: out of memory formatting the "
		                "metrics; nothing printed (exit 71)\n");
		return EX_OSERR;
	}
	rc = fwrite(text, 1, len, stdout) == len && fflush(stdout) == 0;
	free(text);
	if (!rc) {
		perror("complaintctl: writing the metrics to stdout");
		return EX_IOERR;
	}
	return EX_OK;
}

int
ctl_cmd_metrics(const struct ctl_options *opts, int argc, char **argv)
{
	struct metrics m;
	struct ctl ctl;
	int status;

	(void)argv;
	if (argc != 1) {
		fprintf(stderr, "usage: complaintctl [--json] metrics\n");
		return EX_USAGE;
	}
	if ((status = ctl_open(opts, true, &ctl)) != 0)
		return status;
	if (metrics_gather(ctl.store, time(NULL), &m) != 0) {
		fprintf(stderr,
		        "complaintctl: cannot read the metrics: %s; try again "
		        "(exit 75)\n",
		        store_error(ctl.store));
		ctl_close(&ctl);
		return EX_TEMPFAIL;
	}
	status = ctl_metrics_print(opts, &m);
	metrics_clear(&m);
	ctl_close(&ctl);
	return status;
}
