/*
 * conf_metrics: the "metrics" section — where the daemon writes its
 * metrics for node_exporter's textfile collector, and how often.  Without
 * textfile nothing is written; complaintctl metrics works either way.
 */
#include "conf.h"
#include "conf_p.h"

#include <stddef.h>

static const struct conf_key conf_metrics_keys[] = {
    KEY(struct conf_metrics, textfile, CONF_KIND_STRING, .flags = CONF_PATH),
    /* Under 5 s the collector gains nothing and the store is read for
     * nothing; over an hour the figures are too stale to alert on. */
    KEY(struct conf_metrics, interval, CONF_KIND_DURATION, .def = "60s",
        .min = 5, .max = 3600),
    KEY_END,
};

const struct conf_section conf_metrics_sections[] = {
    {.name = "metrics",
     .keys = conf_metrics_keys,
     .offset = offsetof(struct conf, metrics)},
    {.name = NULL},
};
