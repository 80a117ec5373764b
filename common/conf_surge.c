/*
 * conf_surge: the "surge" section — when the scheduler calls the volume
 * of new complaints for one category, product or mailbox a surge (early
 * warning), how long an episode lasts, and how often it looks.  The rule
 * itself is in surge.h.
 */
#include "conf.h"
#include "conf_p.h"

#include <stddef.h>

/* The baseline must hold at least one window, or there is nothing to
 * compare with; an urgent burst wider than the baseline is no burst. */
static int
conf_finish_surge(struct conf_ctx *ctx, const config_setting_t *group,
                  void *elem, struct conf *conf)
{
	const struct conf_surge *sg = elem;
	int rc = 0;

	(void)conf;
	if (sg->baseline < sg->window) {
		conf_error(ctx, group,
		           "baseline (%lds) is shorter than window (%lds): "
		           "the usual rate needs at least one window",
		           sg->baseline, sg->window);
		rc = -1;
	}
	if (sg->urgent_window > sg->baseline) {
		conf_error(
		    ctx, group,
		    "urgent_window (%lds) is longer than baseline (%lds)",
		    sg->urgent_window, sg->baseline);
		rc = -1;
	}
	return rc;
}

/* Bounds keep the rule's integer arithmetic (surge.c) far from
 * overflow: counts times seconds times percent stay below 2^63. */
static const struct conf_key conf_surge_keys[] = {
    KEY(struct conf_surge, enabled, CONF_KIND_BOOL, .def = "true"),
    KEY(struct conf_surge, window, CONF_KIND_DURATION, .def = "1h", .min = 60,
        .max = 7L * 86400),
    KEY(struct conf_surge, baseline, CONF_KIND_DURATION, .def = "7d",
        .min = 3600, .max = 90L * 86400),
    KEY(struct conf_surge, factor_percent, CONF_KIND_INT, .def = "300",
        .min = 100, .max = 10000),
    KEY(struct conf_surge, min_tickets, CONF_KIND_INT, .def = "5", .min = 1,
        .max = 100000),
    KEY(struct conf_surge, urgent_count, CONF_KIND_INT, .def = "3", .min = 0,
        .max = 100000),
    KEY(struct conf_surge, urgent_window, CONF_KIND_DURATION, .def = "10m",
        .min = 60, .max = 7L * 86400),
    KEY(struct conf_surge, quiet, CONF_KIND_DURATION, .def = "2h", .min = 0,
        .max = 30L * 86400),
    KEY(struct conf_surge, check_every, CONF_KIND_DURATION, .def = "1m",
        .min = 1, .max = 3600),
    KEY_END,
};

const struct conf_section conf_surge_sections[] = {
    {.name = "surge",
     .keys = conf_surge_keys,
     .offset = offsetof(struct conf, surge),
     .finish = conf_finish_surge},
    {.name = NULL},
};
