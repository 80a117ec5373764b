/*
 * ingest_conf: what ingest takes from the configuration — the desk's tag
 * and addresses, the reopen window, the parser's limits and the extract
 * rules with the configured patterns and keywords.
 */
#include "ingest.h"

#include <string.h>

void
ingest_config_init(struct ingest_config *cfg, const struct conf *conf,
                   const struct extract_rules *rules)
{
	long long largest = 0;

	memset(cfg, 0, sizeof(*cfg));
	cfg->ticket_tag = conf->desk.ticket_tag;
	cfg->desk_addresses = (const char *const *)conf->desk.addresses.v;
	cfg->n_desk_addresses = conf->desk.addresses.n;
	cfg->reopen_window = conf->ingest.reopen_window;
	cfg->rules = rules;
	mime_limits_default(&cfg->limits);
	cfg->limits.max_attachment_size =
	    (size_t)conf->ingest.max_attachment_size;
	/* A mail larger than its mailbox allows is never fetched whole, so
	 * the largest limit bounds what attachments can add up to. */
	for (size_t i = 0; i < conf->n_mailboxes; i++)
		if (conf->mailboxes[i].max_message_size > largest)
			largest = conf->mailboxes[i].max_message_size;
	if (largest > 0)
		cfg->limits.max_attachments_total = (size_t)largest;
}

struct extract_rules *
ingest_rules_new(const struct conf *conf, char *err, size_t err_size)
{
	const struct conf_extract *x = &conf->extract;
	const struct conf_strings *kw[EXTRACT_N_EXPECTATIONS] = {
	    [EXTRACT_REFUND] = &x->refund,
	    [EXTRACT_EXCHANGE] = &x->exchange,
	    [EXTRACT_REPAIR] = &x->repair,
	    [EXTRACT_APOLOGY] = &x->apology,
	};
	struct extract_config ec = {
	    .order_patterns = (const char *const *)x->order_patterns.v,
	    .n_order_patterns = x->order_patterns.n,
	};

	for (int e = 0; e < EXTRACT_N_EXPECTATIONS; e++) {
		ec.keywords[e] = (const char *const *)kw[e]->v;
		ec.n_keywords[e] = kw[e]->n;
	}
	return extract_rules_new(&ec, err, err_size);
}
