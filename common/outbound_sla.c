/*
 * outbound_sla: the notices of SLA warnings, breaches and escalations to
 * the desk's people.  One notice per recipient and scheduler run: a
 * single event reads as such, several (a start after downtime) become one
 * digest rather than a storm.  Written in the desk's language; a notice
 * held for business hours is queued now and sent then.
 */
#include "outbound.h"
#include "outbound_p.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* What the notice says of an event, by language. */
struct outbound_sla_words {
	const char *clock[3]; /* first response, next response, resolution */
	const char *warning, *breach;
	const char *escalation[2]; /* around the level's number */
	const char *due;
	const char *digest[2]; /* around the number of events */
};

static const struct outbound_sla_words outbound_sla_en = {
    {"first response", "next response", "resolution"},
    "SLA warning",
    "SLA breach",
    {"SLA escalation level ", ""},
    "due",
    {"SLA digest: ", " events on the desk's tickets"},
};

static const struct outbound_sla_words outbound_sla_zh = {
    {"首次响应", "后续响应", "解决"},
    "时效预警",
    "已超时",
    {"时效升级 第", "级"},
    "期限",
    {"时效汇总：", " 条提醒"},
};

static const struct outbound_sla_words *
outbound_sla_words(const char *lang)
{
	return strcmp(lang, "zh") == 0 ? &outbound_sla_zh : &outbound_sla_en;
}

/* "SLA breach" / "SLA escalation level 2" for item. */
static void
outbound_sla_what(const struct outbound_sla_words *w,
                  const struct outbound_sla_item *it, char *buf, size_t size)
{
	if (it->kind == 0)
		snprintf(buf, size, "%s", w->warning);
	else if (it->kind == 1)
		snprintf(buf, size, "%s", w->breach);
	else
		snprintf(buf, size, "%s%d%s", w->escalation[0], it->level,
		         w->escalation[1]);
}

/* One item as two lines: the ticket, then what happened to which clock. */
static int
outbound_sla_line(const struct outbound_config *ocfg, const char *lang,
                  const struct outbound_sla_item *it, char **out)
{
	const struct outbound_sla_words *w = outbound_sla_words(lang);
	char what[64], due[96];
	char *line, *joined;

	outbound_sla_what(w, it, what, sizeof(what));
	outbound_format_time(lang, it->due, due, sizeof(due));
	if (asprintf(&line,
	             "[%s #%lld] %s\n  %s: %s, %s %s\n  %s · %s · %s %lld · "
	             "%s · %s %s\n",
	             ocfg->conf->desk.ticket_tag, it->ticket_id,
	             it->subject ? it->subject : "", what,
	             w->clock[it->clock % 3], w->due, due,
	             it->severity ? it->severity : "-",
	             it->category ? it->category : "-", "priority",
	             it->priority, it->assignee ? it->assignee : "-", "policy",
	             it->policy ? it->policy : "-") < 0)
		return -1;
	if (*out == NULL) {
		*out = line;
		return 0;
	}
	if (asprintf(&joined, "%s\n%s", *out, line) < 0) {
		free(line);
		return -1;
	}
	free(*out);
	free(line);
	*out = joined;
	return 0;
}

int
outbound_sla_notice(struct store *store, const struct outbound_config *ocfg,
                    const char *to_name, const char *to_addr,
                    const struct outbound_sla_item *items, size_t n,
                    long long now, long long send_at, long long *outbox_id)
{
	const struct outbound_lang *lang = outbound_choose_lang(ocfg, NULL);
	const struct outbound_sla_words *w = outbound_sla_words(lang->lang);
	struct outbound_values v = {0};
	char headline[512], what[64], count[24], why[256];
	char *lines = NULL;
	int rc = -1;

	*outbox_id = -1;
	if (n == 0)
		return 0;
	for (size_t i = 0; i < n; i++)
		if (outbound_sla_line(ocfg, lang->lang, &items[i], &lines) != 0)
			goto out;
	outbound_sla_what(w, &items[0], what, sizeof(what));
	if (n == 1)
		snprintf(headline, sizeof(headline), "[%s #%lld] %s: %s — %s",
		         ocfg->conf->desk.ticket_tag, items[0].ticket_id, what,
		         w->clock[items[0].clock % 3],
		         items[0].subject ? items[0].subject : "");
	else
		snprintf(headline, sizeof(headline), "%s%zu%s", w->digest[0], n,
		         w->digest[1]);
	snprintf(count, sizeof(count), "%zu", n);
	outbound_put(&v, "desk_name", ocfg->conf->desk.name);
	outbound_put(&v, "recipient_name", to_name);
	outbound_put(&v, "sla_headline", headline);
	outbound_put(&v, "sla_items", lines);
	outbound_put(&v, "sla_count", count);
	struct outbound_draft d = {
	    .kind = conf_template_kinds[OUTBOUND_SLA_NOTICE],
	    .kind_index = OUTBOUND_SLA_NOTICE,
	    .event = n == 1 ? "sla.notice.queued" : "sla.digest.queued",
	    .ticket_id = items[0].ticket_id,
	    .lang = lang,
	    .values = &v,
	    .to_name = to_name,
	    .to_addr = to_addr,
	    .auto_submitted = "auto-generated",
	    .send_at = send_at,
	};
	rc = outbound_queue(store, ocfg, &d, now, outbox_id, why, sizeof(why));
	rc = rc < 0 ? -1 : 0;
out:
	free(lines);
	return rc;
}
