/*
 * outbound_ack: when the desk answers by itself — the acknowledgement of
 * a new ticket, unless the mail is automatic, from the desk, from an
 * address that bounced or already got its share this hour, or from before
 * the desk watched the mailbox — and the notices to the mailbox's team.
 */
#include "outbound.h"
#include "outbound_p.h"

#include "text.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

void
outbound_fill(const struct outbound_config *ocfg,
              const struct outbound_cause *c, const struct outbound_lang *lang,
              struct outbound_fill *f)
{
	const struct conf *conf = ocfg->conf;
	const struct mime_message *m = c->msg;
	const char *text = c->text ? c->text : m ? m->text : "";

	memset(f, 0, sizeof(*f));
	snprintf(f->ticket, sizeof(f->ticket), "%lld", c->ticket_id);
	snprintf(f->ref, sizeof(f->ref), "[%s #%lld]", conf->desk.ticket_tag,
	         c->ticket_id);
	snprintf(f->priority, sizeof(f->priority), "%lld", c->priority);
	outbound_format_time(lang->lang, c->received, f->received,
	                     sizeof(f->received));
	outbound_format_time(lang->lang,
	                     c->first_response_due > 0
	                         ? c->first_response_due
	                         : c->received + conf->ack.first_response,
	                     f->due, sizeof(f->due));
	f->text = text_strip_quoted(text);
	outbound_put(&f->v, "ticket", f->ticket);
	outbound_put(&f->v, "ticket_ref", f->ref);
	outbound_put(&f->v, "tag", conf->desk.ticket_tag);
	outbound_put(&f->v, "desk_name", conf->desk.name);
	outbound_put(&f->v, "customer_name",
	             c->customer_name ? c->customer_name
	             : m              ? m->from.name
	                              : NULL);
	outbound_put(&f->v, "customer_address", c->sender);
	outbound_put(&f->v, "subject", c->ticket_subject);
	outbound_put(&f->v, "received", f->received);
	outbound_put(&f->v, "first_response_due", f->due);
	outbound_put(&f->v, "mailbox", c->mailbox);
	outbound_put(&f->v, "order_number", c->order_number);
	outbound_put(&f->v, "expected_resolution", c->expectation);
	outbound_put(&f->v, "text", f->text ? f->text : text);
	outbound_put(&f->v, "language", c->language);
	outbound_put(&f->v, "category", c->category);
	outbound_put(&f->v, "severity", c->severity);
	outbound_put(&f->v, "priority", f->priority);
	outbound_put(&f->v, "team", c->team);
	outbound_put(&f->v, "assignee", c->assignee);
	outbound_put(&f->v, "reasons", c->reasons);
}

/* One of the desk's addresses, or a plus-address of one. */
static bool
outbound_is_ours(const struct conf *conf, const char *addr)
{
	const char *at = strchr(addr, '@'), *plus = strchr(addr, '+');

	for (size_t i = 0; i < conf->desk.addresses.n; i++) {
		const char *ours = conf->desk.addresses.v[i];
		const char *oat = strchr(ours, '@');
		size_t local = (size_t)(oat - ours);

		if (strcasecmp(addr, ours) == 0)
			return true;
		if (at && plus && plus < at && (size_t)(plus - addr) == local &&
		    strncasecmp(addr, ours, local) == 0 &&
		    strcasecmp(at, oat) == 0)
			return true;
	}
	return false;
}

/*
 * Whether c's mail was waiting before the desk first looked at its
 * mailbox (or is older than the configured date).  The UID says so
 * exactly; the Date header, the sender's clock, only when the server
 * gave no UIDNEXT or the mail did not come from IMAP.
 */
static bool
outbound_is_backlog(const struct conf_ack *ack, const struct outbound_cause *c)
{
	const struct mime_message *m = c->msg;
	long long date = m->date >= 0 ? m->date : c->received;

	if (ack->since_time >= 0)
		return date < ack->since_time;
	if (c->mailbox_first_uid > 0 && c->uid > 0)
		return c->uid < c->mailbox_first_uid;
	return c->mailbox_first_seen >= 0 && date < c->mailbox_first_seen;
}

int
outbound_auto_refusal(struct store *store, const struct outbound_config *ocfg,
                      const char *addr, long long now, const char **why,
                      char *detail, size_t detail_size)
{
	long long sent = 0;
	int rc;

	*why = NULL;
	if (addr == NULL || addr[0] == '\0')
		*why = "no sender address";
	else if (outbound_is_ours(ocfg->conf, addr))
		*why = "the desk's own address";
	if (*why != NULL)
		return 0;
	if ((rc = store_customer_bounced(store, addr, now)) != 0) {
		*why = rc > 0 ? "the address bounced recently" : NULL;
		return rc < 0 ? -1 : 0;
	}
	if (store_outbox_count_auto(store, addr, now - 3600, &sent) != 0)
		return -1;
	if (sent >= ocfg->conf->ack.max_per_hour) {
		*why = OUTBOUND_TOO_MANY;
		snprintf(detail, detail_size, "%lld in the last hour", sent);
	}
	return 0;
}

/* Why c gets no acknowledgement (into res), or NULL; -1 store failure. */
static int
outbound_ack_refusal(struct store *store, const struct outbound_config *ocfg,
                     const struct outbound_cause *c, long long now,
                     struct outbound_result *res)
{
	const struct conf_ack *ack = &ocfg->conf->ack;
	const struct mime_message *m = c->msg;

	if (!ack->enabled)
		res->ack_refusal = "acknowledgements are off";
	else if (m->auto_flags != 0) {
		res->ack_refusal = "automatic mail";
		snprintf(res->ack_detail, sizeof(res->ack_detail), "%s",
		         m->auto_reason ? m->auto_reason : "");
	} else if (outbound_is_backlog(ack, c))
		res->ack_refusal = "mail from before the desk watched the "
		                   "mailbox";
	if (res->ack_refusal != NULL)
		return 0;
	return outbound_auto_refusal(store, ocfg, c->sender, now,
	                             &res->ack_refusal, res->ack_detail,
	                             sizeof(res->ack_detail));
}

static int
outbound_ack(struct store *store, const struct outbound_config *ocfg,
             const struct outbound_cause *c, struct outbound_fill *f,
             const struct outbound_lang *lang, long long now,
             struct outbound_result *res)
{
	struct outbound_draft d = {
	    .kind = conf_template_kinds[OUTBOUND_ACK],
	    .kind_index = OUTBOUND_ACK,
	    .event = "ack.queued",
	    .ticket_id = c->ticket_id,
	    .lang = lang,
	    .values = &f->v,
	    .to_name = c->msg->from.name,
	    .to_addr = c->sender,
	    .cause = c->msg,
	    .auto_submitted = "auto-replied",
	};
	long long id;
	int rc;

	if (outbound_ack_refusal(store, ocfg, c, now, res) != 0)
		return -1;
	if (res->ack_refusal != NULL)
		return 0;
	rc = outbound_queue(store, ocfg, &d, now, &id, res->ack_detail,
	                    sizeof(res->ack_detail));
	if (rc == 1)
		res->ack_refusal = "the sender address cannot be written to";
	res->ack_queued = rc == 0;
	return rc < 0 ? -1 : 0;
}

/* The notice of kind to the ticket's assignee or team, if it has one. */
static int
outbound_notice(struct store *store, const struct outbound_config *ocfg,
                const struct outbound_cause *c, struct outbound_fill *f,
                size_t kind, long long now, struct outbound_result *res)
{
	struct outbound_draft d = {
	    .kind = conf_template_kinds[kind],
	    .kind_index = kind,
	    .event = "notice.queued",
	    .ticket_id = c->ticket_id,
	    .lang = outbound_choose_lang(ocfg, NULL),
	    .values = &f->v,
	    .cause = c->msg,
	    .auto_submitted = "auto-generated",
	};
	char why[256];
	long long id;
	int rc;

	if (c->notify_to == NULL || c->msg->auto_flags != 0)
		return 0;
	d.to_addr = c->notify_to;
	rc = outbound_queue(store, ocfg, &d, now, &id, why, sizeof(why));
	res->notices += rc == 0;
	return rc < 0 ? -1 : 0;
}

int
outbound_new_ticket(struct store *store, const struct outbound_config *ocfg,
                    const struct outbound_cause *c, long long now,
                    struct outbound_result *res)
{
	const struct outbound_lang *lang =
	    outbound_choose_lang(ocfg, c->language);
	struct outbound_fill f;
	int rc;

	memset(res, 0, sizeof(*res));
	outbound_fill(ocfg, c, lang, &f);
	rc = outbound_ack(store, ocfg, c, &f, lang, now, res);
	if (rc == 0)
		rc = outbound_notice(store, ocfg, c, &f, OUTBOUND_NOTIFY_NEW,
		                     now, res);
	free(f.text);
	return rc;
}

int
outbound_customer_reply(struct store *store, const struct outbound_config *ocfg,
                        const struct outbound_cause *c, long long now,
                        struct outbound_result *res)
{
	struct outbound_fill f;
	int rc;

	memset(res, 0, sizeof(*res));
	outbound_fill(ocfg, c, outbound_choose_lang(ocfg, NULL), &f);
	rc = outbound_notice(store, ocfg, c, &f, OUTBOUND_NOTIFY_REPLY, now,
	                     res);
	free(f.text);
	return rc;
}

int
outbound_record_bounces(struct store *store, const struct outbound_config *ocfg,
                        const struct mime_message *msg, long long now)
{
	long long until = now + ocfg->conf->ack.bounce_pause;

	for (size_t i = 0; i < msg->n_dsn; i++) {
		const struct mime_dsn_recipient *r = &msg->dsn[i];
		char reason[256];

		/* Only a permanent failure (5.x.x) stops automatic mail. */
		if (r->recipient == NULL || r->action == NULL ||
		    strcmp(r->action, "failed") != 0 ||
		    (r->status != NULL && r->status[0] != '5'))
			continue;
		snprintf(reason, sizeof(reason), "%s %s",
		         r->status ? r->status : "",
		         r->diagnostic ? r->diagnostic : "bounced");
		if (store_customer_set_bounced(store, r->recipient, until,
		                               reason, now) != 0)
			return -1;
	}
	return 0;
}
