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

/* One item as three lines: the ticket, what happened to which clock,
 * and who has it. */
static void
outbound_sla_line(const struct outbound_config *ocfg, const char *lang,
                  const struct outbound_sla_item *it, FILE *out)
{
	const struct outbound_sla_words *w = outbound_sla_words(lang);
	char what[64], due[96];

	outbound_sla_what(w, it, what, sizeof(what));
	outbound_format_time(lang, it->due, due, sizeof(due));
	fprintf(out,
	        "[%s #%lld] %s\n  %s: %s, %s %s\n  %s · %s · %s %lld · %s · "
	        "%s %s\n\n",
	        ocfg->conf->desk.ticket_tag, it->ticket_id,
	        it->subject ? it->subject : "", what, w->clock[it->clock % 3],
	        w->due, due, it->severity ? it->severity : "-",
	        it->category ? it->category : "-", "priority", it->priority,
	        it->assignee ? it->assignee : "-", "policy",
	        it->policy ? it->policy : "-");
}

/* The items' lines, and a count of those left out; caller frees. */
static char *
outbound_sla_lines(const struct outbound_config *ocfg, const char *lang,
                   const struct outbound_sla_item *items, size_t n,
                   size_t total)
{
	bool zh = strcmp(lang, "zh") == 0;
	char *text = NULL;
	size_t len = 0;
	FILE *out = open_memstream(&text, &len);

	if (out == NULL)
		return NULL;
	for (size_t i = 0; i < n; i++)
		outbound_sla_line(ocfg, lang, &items[i], out);
	if (total > n)
		fprintf(out, "%s%zu%s\n", zh ? "……另有 " : "... and ",
		        total - n, zh ? " 条" : " more");
	if (fclose(out) != 0) {
		free(text);
		return NULL;
	}
	return text;
}

int
outbound_sla_notice(struct store *store, const struct outbound_config *ocfg,
                    const char *to_name, const char *to_addr,
                    const struct outbound_sla_item *items, size_t n,
                    size_t total, long long now, long long send_at,
                    long long *outbox_id)
{
	const struct outbound_lang *lang = outbound_choose_lang(ocfg, NULL);
	const struct outbound_sla_words *w = outbound_sla_words(lang->lang);
	struct outbound_values v = {0};
	char headline[512], what[64], count[24], why[256];
	char *lines;
	int rc;

	*outbox_id = -1;
	if (n == 0)
		return 0;
	if ((lines = outbound_sla_lines(ocfg, lang->lang, items, n, total)) ==
	    NULL)
		return -1;
	outbound_sla_what(w, &items[0], what, sizeof(what));
	if (total == 1)
		snprintf(headline, sizeof(headline), "[%s #%lld] %s: %s — %s",
		         ocfg->conf->desk.ticket_tag, items[0].ticket_id, what,
		         w->clock[items[0].clock % 3],
		         items[0].subject ? items[0].subject : "");
	else
		snprintf(headline, sizeof(headline), "%s%zu%s", w->digest[0],
		         total, w->digest[1]);
	snprintf(count, sizeof(count), "%zu", total);
	outbound_put(&v, "desk_name", ocfg->conf->desk.name);
	outbound_put(&v, "recipient_name", to_name);
	outbound_put(&v, "sla_headline", headline);
	outbound_put(&v, "sla_items", lines);
	outbound_put(&v, "sla_count", count);
	struct outbound_draft d = {
	    .kind = conf_template_kinds[OUTBOUND_SLA_NOTICE],
	    .kind_index = OUTBOUND_SLA_NOTICE,
	    .event = total == 1 ? "sla.notice.queued" : "sla.digest.queued",
	    .thread_kind = total == 1 ? NULL : "sla_digest",
	    .ticket_id = items[0].ticket_id,
	    .lang = lang,
	    .values = &v,
	    .to_name = to_name,
	    .to_addr = to_addr,
	    .auto_submitted = "auto-generated",
	    .send_at = send_at,
	};
	rc = outbound_queue(store, ocfg, &d, now, outbox_id, why, sizeof(why));
	free(lines);
	return rc < 0 ? -1 : 0;
}
