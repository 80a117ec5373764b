/*
 * outbound_alert: mail to the desk's people about a ticket rather than a
 * mail — the urgent alert to a team's lead and manager, and the notice
 * that a customer complains often.  Both are auto-generated, written in
 * the desk's language, and threaded to the customer's mail when there is
 * one.
 */
#include "outbound.h"
#include "outbound_p.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int
outbound_to_agent(struct store *store, const struct outbound_config *ocfg,
                  const struct outbound_cause *c, struct outbound_fill *f,
                  size_t kind, const char *event, const struct conf_agent *to,
                  long long now, struct outbound_result *res)
{
	struct outbound_draft d = {
	    .kind = conf_template_kinds[kind],
	    .kind_index = kind,
	    .event = event,
	    .ticket_id = c->ticket_id,
	    .lang = outbound_choose_lang(ocfg, NULL),
	    .values = &f->v,
	    .to_name = to->name,
	    .to_addr = to->address,
	    .cause = c->msg,
	    .auto_submitted = "auto-generated",
	};
	char why[256];
	long long id;
	int rc;

	outbound_put(&f->v, "recipient_name", to->name);
	rc = outbound_queue(store, ocfg, &d, now, &id, why, sizeof(why));
	res->alerts += rc == 0;
	return rc < 0 ? -1 : 0;
}

int
outbound_urgent_alert(struct store *store, const struct outbound_config *ocfg,
                      const struct outbound_cause *c,
                      const struct conf_agent *const *to, size_t n,
                      long long now, struct outbound_result *res)
{
	const struct outbound_lang *lang = outbound_choose_lang(ocfg, NULL);
	struct outbound_fill f;
	char key[64], detail[160];
	int rc = 0;

	if (n == 0)
		return 0;
	snprintf(key, sizeof(key), "alert.urgent:%lld", c->ticket_id);
	snprintf(detail, sizeof(detail), "to %s%s%s", to[0]->name,
	         n > 1 ? " and " : "", n > 1 ? to[1]->name : "");
	rc = store_event_add(store, c->ticket_id, now, "alert.urgent",
	                     "complaintd", detail, key);
	if (rc != 0)
		return rc < 0 ? -1 : 0; /* 1: alerted before */
	outbound_fill(ocfg, c, lang, &f);
	for (size_t i = 0; i < n && rc == 0; i++)
		rc =
		    outbound_to_agent(store, ocfg, c, &f, OUTBOUND_URGENT_ALERT,
		                      "alert.queued", to[i], now, res);
	free(f.text);
	return rc;
}

int
outbound_repeat_notice(struct store *store, const struct outbound_config *ocfg,
                       const struct outbound_cause *c,
                       const struct conf_agent *to, long long recent,
                       long long now, struct outbound_result *res)
{
	const struct outbound_lang *lang = outbound_choose_lang(ocfg, NULL);
	long long days = ocfg->conf->repeat.window / 86400;
	struct outbound_fill f;
	char complaints[24], window[32];
	int rc;

	outbound_fill(ocfg, c, lang, &f);
	snprintf(complaints, sizeof(complaints), "%lld", recent);
	if (days > 0)
		snprintf(window, sizeof(window), "%lld", days);
	else
		snprintf(window, sizeof(window), "%.1f",
		         ocfg->conf->repeat.window / 86400.0);
	outbound_put(&f.v, "complaints", complaints);
	outbound_put(&f.v, "window", window);
	rc = outbound_to_agent(store, ocfg, c, &f, OUTBOUND_REPEAT_CUSTOMER,
	                       "repeat.queued", to, now, res);
	free(f.text);
	return rc;
}
