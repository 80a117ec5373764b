/*
 * ctl_desk: what commands that decide about tickets or write mail need
 * besides the store — the compiled rules, the mail templates with the
 * desk's secret, and the classifier's model — prepared as the daemon
 * prepares them, so a ticket made or corrected here is triaged alike.
 */
#include "ctl.h"

#include <stdio.h>
#include <sysexits.h>

int
ctl_prepare_ingest(struct ctl *ctl, struct ingest_config *cfg,
                   struct ingest_rules **rules_r,
                   struct outbound_config **out_r, struct classify_model *model)
{
	char err[600];

	*out_r = NULL;
	if ((*rules_r = ingest_rules_new(ctl->conf, err, sizeof(err))) ==
	    NULL) {
		fprintf(stderr, "complaintctl: %s\n", err);
		return EX_CONFIG;
	}
	if ((*out_r = outbound_config_new(ctl->conf, err, sizeof(err))) ==
	    NULL) {
		fprintf(stderr, "complaintctl: %s\n", err);
		ctl_release_ingest(*rules_r, NULL, NULL);
		return EX_CONFIG;
	}
	ingest_config_init(cfg, ctl->conf, *rules_r);
	cfg->out = *out_r;
	cfg->triage.model = model;
	if (store_secret(ctl->store, cfg->secret) != 0 ||
	    classify_model_load(model, ctl->store, ctl->conf) != 0) {
		fprintf(stderr, "complaintctl: %s; try again (exit 75)\n",
		        store_error(ctl->store));
		ctl_release_ingest(*rules_r, *out_r, model);
		return EX_TEMPFAIL;
	}
	outbound_set_secret(*out_r, cfg->secret);
	return 0;
}

void
ctl_release_ingest(struct ingest_rules *rules, struct outbound_config *out,
                   struct classify_model *model)
{
	ingest_rules_free(rules);
	outbound_config_free(out);
	if (model != NULL)
		classify_model_clear(model);
}
