/*
 * outbound_surge: the early-warning alert to the desk's managers — which
 * category, product or mailbox, how far above its usual rate, the newest
 * tickets and the words their subjects share.  Auto-generated, in the
 * desk's language, threaded into the newest ticket so it has a home.
 */
#include "outbound.h"
#include "outbound_p.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* What the alert says in code rather than in the template: the parts
 * that vary with the kind of surge and the configured thresholds (the
 * sentences are in outbound_surge_headline and outbound_surge_rule:
 * printf formats must be literals). */
struct outbound_surge_words {
	const char *lang;
	const char *dimension[3]; /* category, product, mailbox */
	const char *more;         /* around the count left out */
	const char *more_end;
};

static const struct outbound_surge_words outbound_surge_words[] = {
    {"zh", {"类别", "产品", "邮箱"}, "……另有 ", " 件"},
    {"en", {"category", "product", "mailbox"}, "... and ", " more"},
};

static const struct outbound_surge_words *
outbound_surge_words_for(const char *lang)
{
	size_t n = sizeof(outbound_surge_words) / sizeof(*outbound_surge_words);

	for (size_t i = 0; i < n; i++)
		if (strcmp(lang, outbound_surge_words[i].lang) == 0)
			return &outbound_surge_words[i];
	return &outbound_surge_words[n - 1];
}

/* The dimension as the reader's language names it. */
static const char *
outbound_surge_dimension(const struct outbound_surge_words *w,
                         const char *dimension)
{
	static const char *const dims[] = {"category", "product", "mailbox"};

	for (size_t i = 0; i < 3; i++)
		if (strcmp(dimension, dims[i]) == 0)
			return w->dimension[i];
	return dimension;
}

/* 5400 → "1h30m", as the configuration writes durations. */
static void
outbound_surge_duration(long seconds, char *buf, size_t size)
{
	static const struct {
		long unit;
		char suffix;
	} units[] = {{86400, 'd'}, {3600, 'h'}, {60, 'm'}, {1, 's'}};
	size_t o = 0;

	buf[0] = '\0';
	for (size_t i = 0; i < 4 && o < size; i++)
		if (seconds >= units[i].unit) {
			o += (size_t)snprintf(buf + o, size - o, "%ld%c",
			                      seconds / units[i].unit,
			                      units[i].suffix);
			seconds %= units[i].unit;
		}
	if (buf[0] == '\0')
		snprintf(buf, size, "0s");
}

/* The strings the values point at. */
struct outbound_surge_text {
	char headline[512], rule[256], count[24], usual[32], window[32];
	char urgent_window[32], quiet[32], started[96], ref[64], ticket[24];
	char *tickets; /* the lines; owned */
};

/* The headline in w's language. */
static void
outbound_surge_headline(const struct outbound_surge_words *w,
                        const struct outbound_surge *s,
                        struct outbound_surge_text *x)
{
	const char *dim = outbound_surge_dimension(w, s->dimension);
	bool zh = strcmp(w->lang, "zh") == 0;

	if (s->burst && zh)
		snprintf(x->headline, sizeof(x->headline),
		         "紧急投诉集中：%s %s，%s 内 %lld 件紧急投诉", dim,
		         s->value, x->urgent_window, s->urgent);
	else if (s->burst)
		snprintf(x->headline, sizeof(x->headline),
		         "Surge: %s %s, %lld urgent complaints within %s", dim,
		         s->value, s->urgent, x->urgent_window);
	else if (zh)
		snprintf(x->headline, sizeof(x->headline),
		         "投诉激增：%s %s，%s 内新增 %lld 件（平时约 %s 件）",
		         dim, s->value, x->window, s->count, x->usual);
	else
		snprintf(x->headline, sizeof(x->headline),
		         "Surge: %s %s, %lld new complaints in %s (usually %s)",
		         dim, s->value, s->count, x->window, x->usual);
}

/* The thresholds in w's language. */
static void
outbound_surge_rule(const struct conf_surge *sg,
                    const struct outbound_surge_words *w,
                    struct outbound_surge_text *x)
{
	bool zh = strcmp(w->lang, "zh") == 0;
	char urgent[128] = "";
	double factor = sg->factor_percent / 100.0;

	if (sg->urgent_count > 0 && zh)
		snprintf(urgent, sizeof(urgent), "，或 %s 内 %d 件紧急投诉",
		         x->urgent_window, sg->urgent_count);
	else if (sg->urgent_count > 0)
		snprintf(urgent, sizeof(urgent), ", or %d urgent within %s",
		         sg->urgent_count, x->urgent_window);
	if (zh)
		snprintf(x->rule, sizeof(x->rule),
		         "%s 内达到平时的 %.1f 倍且至少 %d 件%s", x->window,
		         factor, sg->min_tickets, urgent);
	else
		snprintf(x->rule, sizeof(x->rule),
		         "%.1f times the usual and at least %d in %s%s", factor,
		         sg->min_tickets, x->window, urgent);
}

/* "[TAG #N] subject" a line each, newest first, then how many more. */
static char *
outbound_surge_lines(const struct outbound_config *ocfg,
                     const struct outbound_surge_words *w,
                     const struct outbound_surge *s)
{
	char *text = NULL;
	size_t len = 0;
	FILE *out = open_memstream(&text, &len);

	if (out == NULL)
		return NULL;
	for (size_t i = 0; i < s->n; i++)
		fprintf(out, "[%s #%lld] %s\n", ocfg->conf->desk.ticket_tag,
		        s->tickets[i].id,
		        s->tickets[i].subject ? s->tickets[i].subject : "");
	if (s->total > (long long)s->n)
		fprintf(out, "%s%lld%s\n", w->more, s->total - (long long)s->n,
		        w->more_end);
	if (fclose(out) != 0) {
		free(text);
		return NULL;
	}
	/* The template puts the line break after the list. */
	if (len > 0 && text[len - 1] == '\n')
		text[len - 1] = '\0';
	return text;
}

/* Every placeholder of the alert into v; -1 when out of memory. */
static int
outbound_surge_values(const struct outbound_config *ocfg,
                      const struct outbound_lang *lang,
                      const struct outbound_surge *s,
                      const struct conf_agent *to,
                      struct outbound_surge_text *x, struct outbound_values *v)
{
	const struct conf *conf = ocfg->conf;
	const struct outbound_surge_words *w =
	    outbound_surge_words_for(lang->lang);

	outbound_surge_duration(conf->surge.window, x->window,
	                        sizeof(x->window));
	outbound_surge_duration(conf->surge.urgent_window, x->urgent_window,
	                        sizeof(x->urgent_window));
	outbound_surge_duration(conf->surge.quiet, x->quiet, sizeof(x->quiet));
	snprintf(x->count, sizeof(x->count), "%lld", s->count);
	snprintf(x->usual, sizeof(x->usual), "%.1f", s->usual);
	snprintf(x->ticket, sizeof(x->ticket), "%lld", s->tickets[0].id);
	snprintf(x->ref, sizeof(x->ref), "[%s #%lld]", conf->desk.ticket_tag,
	         s->tickets[0].id);
	outbound_format_time(lang->lang, s->started, x->started,
	                     sizeof(x->started));
	outbound_surge_headline(w, s, x);
	outbound_surge_rule(&conf->surge, w, x);
	if ((x->tickets = outbound_surge_lines(ocfg, w, s)) == NULL)
		return -1;
	outbound_put(v, "desk_name", conf->desk.name);
	outbound_put(v, "recipient_name", to->name);
	outbound_put(v, "tag", conf->desk.ticket_tag);
	outbound_put(v, "ticket", x->ticket);
	outbound_put(v, "ticket_ref", x->ref);
	outbound_put(v, "surge_headline", x->headline);
	outbound_put(v, "surge_dimension",
	             outbound_surge_dimension(w, s->dimension));
	outbound_put(v, "surge_value", s->value);
	outbound_put(v, "surge_count", x->count);
	outbound_put(v, "surge_baseline", x->usual);
	outbound_put(v, "surge_window", x->window);
	outbound_put(v, "surge_rule", x->rule);
	outbound_put(v, "surge_started", x->started);
	outbound_put(v, "surge_words", s->words);
	outbound_put(v, "surge_tickets", x->tickets);
	outbound_put(v, "surge_quiet", x->quiet);
	return 0;
}

int
outbound_surge_alert(struct store *store, const struct outbound_config *ocfg,
                     const struct outbound_surge *s,
                     const struct conf_agent *to, long long now, char *why,
                     size_t why_size)
{
	const struct outbound_lang *lang = outbound_choose_lang(ocfg, NULL);
	struct outbound_surge_text *x = calloc(1, sizeof(*x));
	struct outbound_values v = {0};
	long long id;
	/* Out of memory loses this alert, not the run: 1 with why. */
	int rc = 1;

	snprintf(why, why_size, "out of memory");
	if (s->n == 0)
		snprintf(why, why_size, "no ticket to thread the alert into");
	if (s->n > 0 && x != NULL &&
	    outbound_surge_values(ocfg, lang, s, to, x, &v) == 0) {
		struct outbound_draft d = {
		    .kind = conf_template_kinds[OUTBOUND_SURGE_ALERT],
		    .kind_index = OUTBOUND_SURGE_ALERT,
		    .event = "surge.alert.queued",
		    .ticket_id = s->tickets[0].id,
		    .lang = lang,
		    .values = &v,
		    .to_name = to->name,
		    .to_addr = to->address,
		    .auto_submitted = "auto-generated",
		};
		why[0] = '\0';
		rc = outbound_queue(store, ocfg, &d, now, &id, why, why_size);
	}
	if (x != NULL)
		free(x->tickets);
	free(x);
	return rc;
}
