/*
 * ctl_classify: "classify" — what the desk would decide about a mail, and
 * why, without storing anything — and "reclassify", an agent's
 * correction of a ticket, which teaches the model.
 */
#include "ctl.h"

#include "priority.h"
#include "text.h"
#include "triage.h"

#include <getopt.h>
#include <pwd.h>
#include <stdlib.h>
#include <string.h>
#include <sysexits.h>
#include <time.h>
#include <unistd.h>

static const char *const ctl_sources[] = {
    [CLASSIFY_BY_RULE] = "rule",
    [CLASSIFY_BY_MODEL] = "model",
    [CLASSIFY_BY_DEFAULT] = "default",
};

static void
ctl_json_names(FILE *out, const char *key, const char *const *v, size_t n)
{
	fprintf(out, ",\"%s\":[", key);
	for (size_t i = 0; i < n && v[i] != NULL; i++) {
		fputs(i ? "," : "", out);
		ctl_json_string(out, v[i]);
	}
	fputs("]", out);
}

static size_t
ctl_count_tokens(const char *const *tokens)
{
	size_t n = 0;

	while (n < 5 && tokens[n] != NULL)
		n++;
	return n;
}

static void
ctl_classify_json(const struct classify_decision *d, const char *language,
                  const char *why)
{
	FILE *out = stdout;

	fputs("{", out);
	ctl_json_field(out, true, "category", d->category);
	ctl_json_field(out, false, "severity", d->severity);
	fprintf(out, ",\"confidence\":%.3f,\"severity_confidence\":%.3f",
	        d->category_confidence, d->severity_confidence);
	ctl_json_field(out, false, "category_by", ctl_sources[d->category_by]);
	ctl_json_field(out, false, "severity_by", ctl_sources[d->severity_by]);
	ctl_json_field(out, false, "language", language);
	ctl_json_names(out, "rules", d->fired, d->n_fired);
	ctl_json_names(out, "tags", d->tags, d->n_tags);
	ctl_json_names(out, "tokens", d->tokens, ctl_count_tokens(d->tokens));
	ctl_json_field(out, false, "team", d->team);
	ctl_json_field(out, false, "product", d->product);
	ctl_json_int(out, false, "boost", d->boost);
	ctl_json_field(out, false, "why", why);
	fputs("}\n", out);
}

static void
ctl_classify_line(const char *name, const char *const *v, size_t n)
{
	printf("%-11s", name);
	for (size_t i = 0; i < n && v[i] != NULL; i++)
		printf("%s%s", i ? ", " : "", v[i]);
	printf("%s\n", n == 0 ? "-" : "");
}

static void
ctl_classify_text(const struct classify_decision *d, const char *language,
                  const char *why)
{
	printf("%-11s%s\n", "category", d->category);
	printf("%-11s%s\n", "severity", d->severity);
	printf("%-11s%.0f%%\n", "confidence", d->category_confidence * 100);
	printf("%-11s%s\n", "language", language);
	ctl_classify_line("rules", d->fired, d->n_fired);
	ctl_classify_line("tags", d->tags, d->n_tags);
	ctl_classify_line("tokens", d->tokens, ctl_count_tokens(d->tokens));
	if (d->team != NULL)
		printf("%-11s%s\n", "team", d->team);
	if (d->boost != 0)
		printf("%-11s%+d\n", "boost", d->boost);
	printf("%-11s%s\n", "why", why);
}

/* The facts a stored customer adds: their tier (or VIP listing). */
static const char *
ctl_tier(struct ctl *ctl, const char *sender, struct store_customer *c)
{
	int rc = store_customer_find(ctl->store, sender, c);

	if (priority_is_vip(ctl->conf, sender, rc == 1 ? c->tier : NULL))
		return "vip";
	return rc == 1 ? c->tier : "standard";
}

static int
ctl_classify_mail(struct ctl *ctl, const struct classify_rules *rules,
                  const struct classify_model *model,
                  const struct mime_message *msg, const char *mailbox)
{
	struct classify_scan scan;
	struct classify_decision d;
	struct store_customer c;
	char *both = NULL, why[768];
	const char *sender = msg->from.addr ? msg->from.addr : "";
	struct classify_facts facts = {
	    .sender = sender,
	    .mailbox = mailbox,
	    .has_attachment = msg->n_attachments > 0,
	};

	if (asprintf(&both, "%s\n%s", msg->subject, msg->text) < 0 ||
	    classify_scan(rules, msg->subject, msg->text, &scan) != 0) {
		fprintf(stderr, "complaintctl: out of memory\n");
		return EX_OSERR;
	}
	facts.language = text_language(both);
	facts.tier = ctl_tier(ctl, sender, &c);
	classify_decide(rules, &scan, &facts, model, &d);
	classify_explain(&d, why, sizeof(why));
	if (ctl->opts->json)
		ctl_classify_json(&d, facts.language, why);
	else
		ctl_classify_text(&d, facts.language, why);
	classify_scan_clear(&scan);
	store_customer_clear(&c);
	free(both);
	return EX_OK;
}

int
ctl_cmd_classify(const struct ctl_options *opts, int argc, char **argv)
{
	static const struct option longopts[] = {
	    {"mailbox", required_argument, NULL, 'm'},
	    {NULL, 0, NULL, 0},
	};
	const char *mailbox = "pipe";
	struct classify_model model = {0};
	struct classify_rules *rules;
	struct mime_message *msg;
	struct ctl ctl;
	char err[600];
	int ch, status;

	while ((ch = getopt_long(argc, argv, "m:", longopts, NULL)) != -1) {
		if (ch != 'm')
			return EX_USAGE;
		mailbox = optarg;
	}
	if (optind + 1 != argc) {
		fprintf(stderr, "usage: complaintctl classify [--mailbox M] "
		                "FILE.eml|-\n");
		return EX_USAGE;
	}
	if ((status = ctl_open(opts, true, &ctl)) != 0)
		return status;
	if ((status = ctl_read_mail(argv[optind], &msg)) != 0) {
		ctl_close(&ctl);
		return status;
	}
	if ((rules = classify_rules_new(ctl.conf, err, sizeof(err))) == NULL)
		status = EX_CONFIG, fprintf(stderr, "complaintctl: %s\n", err);
	else if (classify_model_load(&model, ctl.store, ctl.conf) != 0)
		status = EX_TEMPFAIL,
		fprintf(stderr, "complaintctl: %s\n", store_error(ctl.store));
	else
		status = ctl_classify_mail(&ctl, rules, &model, msg, mailbox);
	classify_model_clear(&model);
	classify_rules_free(rules);
	mime_message_free(msg);
	ctl_close(&ctl);
	return status;
}
