/*
 * classify_decide: the rules' conditions over a scan and the mail's
 * facts, their actions, and the model where the rules left a label open.
 */
#include "classify.h"
#include "classify_p.h"
#include "kwmatch.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

/* Any (or, with all, every) keyword of ids occurs in hits. */
static bool
classify_keywords(const unsigned char *hits, const unsigned char *hits2,
                  const int *ids, size_t n, bool all)
{
	for (size_t i = 0; i < n; i++) {
		bool found = hits[ids[i]] || (hits2 != NULL && hits2[ids[i]]);
		if (found && !all)
			return true;
		if (!found && all)
			return false;
	}
	return all;
}

static bool
classify_in(const struct conf_strings *list, const char *value)
{
	for (size_t i = 0; i < list->n; i++)
		if (value != NULL && strcasecmp(list->v[i], value) == 0)
			return true;
	return false;
}

static bool
classify_text_holds(const struct classify_rules *rules, size_t i,
                    const struct classify_scan *scan, pcre2_match_data **md)
{
	const struct classify_rule *r = &rules->rules[i];
	const unsigned char *subject = scan->hits;
	const unsigned char *body = scan->hits + kw_set_count(rules->keywords);
	static const struct {
		int which;
		bool all, subject, body;
	} lists[] = {
	    {KW_SUBJECT_ANY, false, true, false},
	    {KW_SUBJECT_ALL, true, true, false},
	    {KW_BODY_ANY, false, false, true},
	    {KW_BODY_ALL, true, false, true},
	    {KW_TEXT_ANY, false, true, true},
	    {KW_TEXT_ALL, true, true, true},
	};

	for (size_t l = 0; l < sizeof(lists) / sizeof(lists[0]); l++) {
		int w = lists[l].which;
		if (r->n_kw[w] == 0)
			continue;
		if (!classify_keywords(lists[l].subject ? subject : body,
		                       lists[l].subject && lists[l].body ? body
		                                                         : NULL,
		                       r->kw[w], r->n_kw[w], lists[l].all))
			return false;
	}
	/* Keywords first: a pattern is tried only when they hold. */
	if (r->subject_re.n > 0 &&
	    !classify_re_match(&r->subject_re, scan->subject, scan->subject_len,
	                       md))
		return false;
	return r->body_re.n == 0 ||
	       classify_re_match(&r->body_re, scan->body, scan->body_len, md);
}

static bool
classify_facts_hold(const struct conf_rule *r, const struct classify_facts *f)
{
	if (r->sender.n > 0 && !conf_address_in(&r->sender, f->sender))
		return false;
	if (r->mailbox.n > 0 && !classify_in(&r->mailbox, f->mailbox))
		return false;
	if (r->language.n > 0 && !classify_in(&r->language, f->language))
		return false;
	if (r->tier.n > 0 && !classify_in(&r->tier, f->tier))
		return false;
	return r->has_attachment < 0 ||
	       (r->has_attachment == 1) == f->has_attachment;
}

static void
classify_add_tag(struct classify_decision *out, const char *tag)
{
	for (size_t i = 0; i < out->n_tags; i++)
		if (strcmp(out->tags[i], tag) == 0)
			return;
	if (out->n_tags < CLASSIFY_MAX_TAGS)
		out->tags[out->n_tags++] = tag;
}

static void
classify_apply(const struct conf_rule *r, struct classify_decision *out)
{
	if (out->n_fired < CLASSIFY_MAX_FIRED)
		out->fired[out->n_fired++] = r->name;
	if (r->category != NULL && out->category == NULL) {
		out->category = r->category;
		out->category_rule = r->name;
		out->category_by = CLASSIFY_BY_RULE;
		out->category_confidence = 1;
	}
	if (r->severity != NULL &&
	    (out->severity == NULL || conf_severity_index(r->severity) >
	                                  conf_severity_index(out->severity))) {
		out->severity = r->severity;
		out->severity_rule = r->name;
		out->severity_by = CLASSIFY_BY_RULE;
		out->severity_confidence = 1;
	}
	if (r->team != NULL && out->team == NULL) {
		out->team = r->team;
		out->team_rule = r->name;
	}
	if (r->product != NULL && out->product == NULL)
		out->product = r->product;
	for (size_t t = 0; t < r->tags.n; t++)
		classify_add_tag(out, r->tags.v[t]);
	out->boost += r->boost;
}

/* The model's class when it is trained and sure enough, else NULL. */
static const char *
classify_by_model(const struct bayes_model *m, const struct classify_scan *scan,
                  int min_confidence, double *confidence_r, const char **tokens)
{
	struct bayes_prediction p;

	if (m == NULL || bayes_documents(m) < CLASSIFY_MIN_DOCUMENTS)
		return NULL;
	bayes_predict(m, &scan->doc, &p);
	if (p.cls < 0)
		return NULL;
	*confidence_r = p.confidence;
	if (tokens != NULL)
		memcpy(tokens, p.strongest, sizeof(p.strongest));
	if (p.confidence * 100 < min_confidence)
		return NULL;
	return bayes_class(m, (size_t)p.cls);
}

static void
classify_open_labels(const struct conf_classify *c,
                     const struct classify_scan *scan,
                     const struct classify_model *model,
                     struct classify_decision *out)
{
	if (out->category == NULL) {
		out->category = classify_by_model(
		    model ? model->category : NULL, scan, c->min_confidence,
		    &out->category_confidence, out->tokens);
		out->category_by =
		    out->category ? CLASSIFY_BY_MODEL : CLASSIFY_BY_DEFAULT;
		if (out->category == NULL)
			out->category = c->default_category;
	}
	if (out->severity == NULL) {
		out->severity = classify_by_model(
		    model ? model->severity : NULL, scan, c->min_confidence,
		    &out->severity_confidence, NULL);
		out->severity_by =
		    out->severity ? CLASSIFY_BY_MODEL : CLASSIFY_BY_DEFAULT;
		if (out->severity == NULL)
			out->severity = c->default_severity;
	}
}

void
classify_decide(const struct classify_rules *rules,
                const struct classify_scan *scan,
                const struct classify_facts *facts,
                const struct classify_model *model,
                struct classify_decision *out)
{
	pcre2_match_data *md = NULL;

	memset(out, 0, sizeof(*out));
	for (size_t i = 0; i < rules->n_rules; i++) {
		const struct conf_rule *r = rules->rules[i].conf;
		if (!classify_facts_hold(r, facts) ||
		    !classify_text_holds(rules, i, scan, &md))
			continue;
		classify_apply(r, out);
		if (r->stop)
			break;
	}
	pcre2_match_data_free(md);
	classify_open_labels(&rules->conf->classify, scan, model, out);
}

/* Appends to buf at *len, always terminated, never past size. */
static void classify_append(char *buf, size_t size, size_t *len,
                            const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));

static void
classify_append(char *buf, size_t size, size_t *len, const char *fmt, ...)
{
	va_list ap;
	int n;

	if (*len + 1 >= size)
		return;
	va_start(ap, fmt);
	n = vsnprintf(buf + *len, size - *len, fmt, ap);
	va_end(ap);
	if (n > 0)
		*len = *len + (size_t)n < size ? *len + (size_t)n : size - 1;
}

static void
classify_explain_one(char *buf, size_t size, size_t *len, const char *label,
                     const char *value, enum classify_source by,
                     const char *rule, double confidence,
                     const char *const *tokens)
{
	classify_append(buf, size, len, "%s %s (", label, value);
	if (by == CLASSIFY_BY_RULE)
		classify_append(buf, size, len, "rule %s", rule);
	else if (by == CLASSIFY_BY_MODEL)
		classify_append(buf, size, len, "model %.0f%%",
		                confidence * 100);
	else if (confidence > 0)
		classify_append(buf, size, len, "default; model only %.0f%%",
		                confidence * 100);
	else
		classify_append(buf, size, len, "default");
	for (size_t i = 0; by == CLASSIFY_BY_MODEL && tokens != NULL && i < 5 &&
	                   tokens[i] != NULL;
	     i++)
		classify_append(buf, size, len, "%s%s", i ? ", " : ": ",
		                tokens[i]);
	classify_append(buf, size, len, ")");
}

void
classify_explain(const struct classify_decision *d, char *buf, size_t size)
{
	size_t len = 0;

	if (size == 0)
		return;
	buf[0] = '\0';
	classify_explain_one(buf, size, &len, "category", d->category,
	                     d->category_by, d->category_rule,
	                     d->category_confidence, d->tokens);
	classify_append(buf, size, &len, "; ");
	classify_explain_one(buf, size, &len, "severity", d->severity,
	                     d->severity_by, d->severity_rule,
	                     d->severity_confidence, NULL);
}
