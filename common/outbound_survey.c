/*
 * outbound_survey: the satisfaction survey a closed ticket's customer
 * gets — each answer a mailto: link, so one click opens a ready mail
 * whose subject carries the survey's signed reference — and the notice
 * a low answer sends to the team's lead.
 */
#include "outbound.h"
#include "outbound_p.h"
#include "threadref.h"

#include "log.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* The words a one-click answer is written in, as survey_answer reads
 * them; machine-read, so not in the templates. */
struct outbound_survey_words {
	const char *lang, *rating, *recommend, *unsubscribe;
};

static const struct outbound_survey_words outbound_survey_words[] = {
    {"zh", "评分", "推荐", "退订"},
    {"en", "Rating", "Recommend", "unsubscribe"},
};

static const struct outbound_survey_words *
outbound_survey_words_for(const char *lang)
{
	size_t n =
	    sizeof(outbound_survey_words) / sizeof(*outbound_survey_words);

	for (size_t i = 0; i < n; i++)
		if (lang != NULL &&
		    strcmp(lang, outbound_survey_words[i].lang) == 0)
			return &outbound_survey_words[i];
	return &outbound_survey_words[n - 1];
}

/* Appends s percent-encoded (RFC 6068: all but unreserved). */
static size_t
outbound_pct(char *buf, size_t size, size_t o, const char *s)
{
	static const char hex[] = "0123456789ABCDEF";

	for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
		bool plain = (*p >= 'a' && *p <= 'z') ||
		             (*p >= 'A' && *p <= 'Z') ||
		             (*p >= '0' && *p <= '9') || strchr("-._~", *p);
		if (o + 4 >= size)
			break;
		if (plain) {
			buf[o++] = (char)*p;
		} else {
			buf[o++] = '%';
			buf[o++] = hex[*p >> 4];
			buf[o++] = hex[*p & 15];
		}
	}
	buf[o] = '\0';
	return o;
}

/* mailto:DESK?subject=Re: REF_TAG ANSWER (SURVEY)&body=ANSWER */
static void
outbound_survey_link(const struct outbound_config *ocfg, const char *tag_ref,
                     const char *survey_ref, const char *answer, char *buf,
                     size_t size)
{
	char subject[256], body[128];
	size_t o;

	snprintf(subject, sizeof(subject), "Re: %s %s (%s)", tag_ref, answer,
	         survey_ref);
	snprintf(body, sizeof(body), "%s\r\n\r\n", answer);
	o = (size_t)snprintf(
	    buf, size, "mailto:%s?subject=", ocfg->conf->desk.addresses.v[0]);
	if (o >= size)
		return;
	o = outbound_pct(buf, size, o, subject);
	if (o + 6 < size) {
		memcpy(buf + o, "&body=", 7);
		o = outbound_pct(buf, size, o + 6, body);
	}
}

/* The survey's values beyond the ticket's; strings live in links. */
struct outbound_survey_links {
	char rate[5][640];
	char unsubscribe[640];
	char *nps; /* the 11 links, a line each; owned */
	char closed[96];
};

static int
outbound_survey_fill(const struct outbound_config *ocfg,
                     const struct store_ticket *t, const char *ref,
                     const struct outbound_lang *lang, struct outbound_fill *f,
                     struct outbound_survey_links *l)
{
	const struct outbound_survey_words *w =
	    outbound_survey_words_for(lang->lang);
	const struct conf_survey *sv = &ocfg->conf->survey;
	char answer[64], line[700];
	static const char *const names[] = {"rate_1", "rate_2", "rate_3",
	                                    "rate_4", "rate_5"};

	for (int r = 1; r <= 5; r++) {
		snprintf(answer, sizeof(answer), "%s: %d", w->rating, r);
		outbound_survey_link(ocfg, f->ref, ref, answer, l->rate[r - 1],
		                     sizeof(l->rate[r - 1]));
		outbound_put(&f->v, names[r - 1], l->rate[r - 1]);
	}
	outbound_survey_link(ocfg, f->ref, ref, w->unsubscribe, l->unsubscribe,
	                     sizeof(l->unsubscribe));
	l->nps = sv->nps ? calloc(11, sizeof(line)) : NULL;
	if (sv->nps && l->nps == NULL)
		return -1;
	for (int n = 10; sv->nps && n >= 0; n--) {
		char link[640];
		snprintf(answer, sizeof(answer), "%s: %d", w->recommend, n);
		outbound_survey_link(ocfg, f->ref, ref, answer, link,
		                     sizeof(link));
		snprintf(line, sizeof(line), "  %2d  %s\n", n, link);
		strcat(l->nps, line);
	}
	outbound_format_time(lang->lang, t->closed > 0 ? t->closed : t->updated,
	                     l->closed, sizeof(l->closed));
	outbound_put(&f->v, "survey_ref", ref);
	outbound_put(&f->v, "unsubscribe", l->unsubscribe);
	outbound_put(&f->v, "nps", l->nps);
	outbound_put(&f->v, "aspects", sv->aspects ? "yes" : NULL);
	outbound_put(&f->v, "closed", l->closed);
	return 0;
}

int
outbound_survey(struct store *store, const struct outbound_config *ocfg,
                const struct store_ticket *t, long long now, char *msgid,
                size_t msgid_size, char *why, size_t why_size)
{
	char ref[THREADREF_SURVEY_REF_SIZE];
	const struct outbound_lang *lang =
	    outbound_choose_lang(ocfg, t->language);
	struct outbound_survey_links *l = calloc(1, sizeof(*l));
	struct outbound_cause c;
	struct outbound_fill f;
	long long id;
	int rc = -1;

	threadref_survey_ref(ocfg->secret, sizeof(ocfg->secret), t->id, ref);
	outbound_cause_of_ticket(t, NULL, &c);
	outbound_fill(ocfg, &c, lang, &f);
	if (l != NULL && outbound_survey_fill(ocfg, t, ref, lang, &f, l) == 0) {
		struct outbound_draft d = {
		    .kind = conf_template_kinds[OUTBOUND_SURVEY],
		    .kind_index = OUTBOUND_SURVEY,
		    .event = "survey.queued",
		    .ticket_id = t->id,
		    .lang = lang,
		    .values = &f.v,
		    .to_name = t->customer_name,
		    .to_addr = c.sender,
		    .auto_submitted = "auto-generated",
		    .message_id_r = msgid,
		    .message_id_size = msgid_size,
		};
		rc = outbound_queue(store, ocfg, &d, now, &id, why, why_size);
	}
	if (l != NULL)
		free(l->nps);
	free(l);
	free(f.text);
	return rc;
}

/* "speed 2, result 1, overall 2 (mean 1.7); recommend 3/10" or "". */
static void
outbound_survey_scores(const struct store_survey *a, char *buf, size_t size)
{
	static const char *const names[] = {"speed", "result", "overall"};
	const int v[] = {a->speed, a->result, a->overall};
	size_t o = 0;

	buf[0] = '\0';
	for (int i = 0; i < 3 && o < size; i++)
		if (v[i] > 0)
			o += (size_t)snprintf(buf + o, size - o, "%s%s %d",
			                      o ? ", " : "", names[i], v[i]);
	if (a->composite >= 0 && o < size)
		o += (size_t)snprintf(buf + o, size - o, " (mean %.1f)",
		                      a->composite);
	if (a->nps >= 0 && o < size)
		snprintf(buf + o, size - o, "%srecommend %d/10", o ? "; " : "",
		         a->nps);
}

int
outbound_survey_low(struct store *store, const struct outbound_config *ocfg,
                    const struct store_ticket *t, const struct conf_agent *to,
                    const struct store_survey *answer, long long now)
{
	const struct outbound_lang *lang = outbound_choose_lang(ocfg, NULL);
	struct outbound_cause c;
	struct outbound_fill f;
	char rating[16], scores[160], why[256];
	long long id;
	int rc;

	outbound_cause_of_ticket(t, NULL, &c);
	outbound_fill(ocfg, &c, lang, &f);
	snprintf(rating, sizeof(rating), "%d", answer->rating);
	outbound_survey_scores(answer, scores, sizeof(scores));
	outbound_put(&f.v, "rating", answer->rating > 0 ? rating : NULL);
	outbound_put(&f.v, "survey_scores", scores);
	outbound_put(&f.v, "survey_comment", answer->comment);
	outbound_put(&f.v, "recipient_name", to->name);
	struct outbound_draft d = {
	    .kind = conf_template_kinds[OUTBOUND_SURVEY_LOW],
	    .kind_index = OUTBOUND_SURVEY_LOW,
	    .event = "notice.queued",
	    .ticket_id = t->id,
	    .lang = lang,
	    .values = &f.v,
	    .to_name = to->name,
	    .to_addr = to->address,
	    .auto_submitted = "auto-generated",
	};
	rc = outbound_queue(store, ocfg, &d, now, &id, why, sizeof(why));
	if (rc == 1)
		log_warnx("survey: the low-rating notice of ticket %lld cannot "
		          "be written to %s: %s; nobody is told",
		          t->id, to->address, why);
	free(f.text);
	return rc < 0 ? -1 : 0;
}
