/*
 * outbound_reply: an agent's answer to the customer — written by a
 * person, so no Auto-Submitted header — in the customer's language,
 * threaded to the mail it answers and tagged so the customer's reply
 * finds the ticket; and the notice that tells an agent a ticket was
 * handed to them.
 */
#include "outbound.h"
#include "outbound_p.h"

#include <stdio.h>
#include <stdlib.h>

int
outbound_assigned(struct store *store, const struct outbound_config *ocfg,
                  const struct outbound_cause *c,
                  const struct conf_agent *agent, long long now)
{
	const struct outbound_lang *lang = outbound_choose_lang(ocfg, NULL);
	struct outbound_fill f;
	char why[256];
	long long id;
	int rc;

	outbound_fill(ocfg, c, lang, &f);
	struct outbound_draft d = {
	    .kind = conf_template_kinds[OUTBOUND_NOTIFY_NEW],
	    .kind_index = OUTBOUND_NOTIFY_NEW,
	    .event = "notice.queued",
	    .ticket_id = c->ticket_id,
	    .lang = lang,
	    .values = &f.v,
	    .to_name = agent->name,
	    .to_addr = agent->address,
	    .cause = c->msg,
	    .auto_submitted = "auto-generated",
	};
	rc = outbound_queue(store, ocfg, &d, now, &id, why, sizeof(why));
	free(f.text);
	return rc < 0 ? -1 : 0;
}

int
outbound_agent_reply(struct store *store, const struct outbound_config *ocfg,
                     const struct outbound_cause *c,
                     const struct conf_agent *agent, const char *text,
                     long long now, long long *outbox_id, char *why,
                     size_t why_size)
{
	const struct outbound_lang *lang =
	    outbound_choose_lang(ocfg, c->language);
	struct outbound_fill f;
	int rc;

	*outbox_id = -1;
	outbound_fill(ocfg, c, lang, &f);
	outbound_put(&f.v, "reply_text", text);
	outbound_put(&f.v, "agent_name", agent->name);
	struct outbound_draft d = {
	    .kind = conf_template_kinds[OUTBOUND_REPLY],
	    .kind_index = OUTBOUND_REPLY,
	    .event = "reply.queued",
	    .ticket_id = c->ticket_id,
	    .lang = lang,
	    .values = &f.v,
	    .to_name = c->customer_name,
	    .to_addr = c->sender,
	    .cause = c->msg,
	};
	rc = outbound_queue(store, ocfg, &d, now, outbox_id, why, why_size);
	free(f.text);
	return rc;
}
