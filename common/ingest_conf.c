/*
 * ingest_conf: what ingest takes from the configuration — the desk's tag
 * and addresses, the reopen window, the parser's limits, the extract
 * rules with the configured patterns and keywords, and the classification
 * rules.
 */
#include "ingest.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void
ingest_config_init(struct ingest_config *cfg, const struct conf *conf,
                   const struct ingest_rules *rules)
{
	long long largest = 0;

	memset(cfg, 0, sizeof(*cfg));
	cfg->ticket_tag = conf->desk.ticket_tag;
	cfg->desk_addresses = (const char *const *)conf->desk.addresses.v;
	cfg->n_desk_addresses = conf->desk.addresses.n;
	cfg->reopen_window = conf->ingest.reopen_window;
	cfg->rules = rules->extract;
	cfg->triage.conf = conf;
	cfg->triage.rules = rules->classify;
	cfg->sla = rules->sla;
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

static struct extract_rules *
ingest_extract_new(const struct conf *conf, char *err, size_t err_size)
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

struct ingest_rules *
ingest_rules_new(const struct conf *conf, char *err, size_t err_size)
{
	struct ingest_rules *rules = calloc(1, sizeof(*rules));

	if (rules == NULL) {
		snprintf(err, err_size, "out of memory");
		return NULL;
	}
	if ((rules->extract = ingest_extract_new(conf, err, err_size)) ==
	        NULL ||
	    (rules->classify = classify_rules_new(conf, err, err_size)) ==
	        NULL ||
	    (rules->sla = sla_desk_new(conf, err, err_size)) == NULL) {
		ingest_rules_free(rules);
		return NULL;
	}
	return rules;
}

void
ingest_rules_free(struct ingest_rules *rules)
{
	if (rules == NULL)
		return;
	extract_rules_free(rules->extract);
	classify_rules_free(rules->classify);
	sla_desk_free(rules->sla);
	free(rules);
}
