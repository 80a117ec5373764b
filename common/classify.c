/*
 * classify: rules compiled and evaluated; see classify.h.
 */
#include "classify.h"
#include "classify_p.h"
#include "kwmatch.h"
#include "text.h"
#include "tokenize.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

static const struct conf_strings *
classify_rule_list(const struct conf_rule *r, int which)
{
	switch (which) {
	case KW_SUBJECT_ANY:
		return &r->subject_any;
	case KW_SUBJECT_ALL:
		return &r->subject_all;
	case KW_BODY_ANY:
		return &r->body_any;
	case KW_BODY_ALL:
		return &r->body_all;
	case KW_TEXT_ANY:
		return &r->text_any;
	default:
		return &r->text_all;
	}
}

static int
classify_rule_compile(struct classify_rules *rules, struct classify_rule *cr,
                      const struct conf_rule *r, char *err, size_t err_size)
{
	cr->conf = r;
	for (int w = 0; w < KW_LISTS; w++) {
		const struct conf_strings *list = classify_rule_list(r, w);
		if (list->n == 0)
			continue;
		if ((cr->kw[w] = calloc(list->n, sizeof(int))) == NULL)
			return -1;
		for (size_t i = 0; i < list->n; i++) {
			int id = kw_set_add(rules->keywords, list->v[i]);
			/* A keyword of punctuation alone can never match:
			 * dropped from a list, it would leave the list
			 * empty and the condition ignored. */
			if (id < 0) {
				snprintf(err, err_size,
				         "rule %s: keyword \"%s\" has no "
				         "letters or digits",
				         r->name, list->v[i]);
				return -1;
			}
			cr->kw[w][cr->n_kw[w]++] = id;
		}
	}
	if (r->subject_regex != NULL &&
	    classify_re_compile(&cr->subject_re, r->subject_regex, r->name, err,
	                        err_size) != 0)
		return -1;
	if (r->body_regex != NULL &&
	    classify_re_compile(&cr->body_re, r->body_regex, r->name, err,
	                        err_size) != 0)
		return -1;
	return 0;
}

struct classify_rules *
classify_rules_new(const struct conf *conf, char *err, size_t err_size)
{
	struct classify_rules *rules = calloc(1, sizeof(*rules));

	snprintf(err, err_size, "out of memory");
	if (rules == NULL)
		return NULL;
	rules->conf = conf;
	rules->keywords = kw_set_new();
	rules->rules = calloc(conf->n_rules + 1, sizeof(*rules->rules));
	if (rules->keywords == NULL || rules->rules == NULL)
		goto fail;
	for (size_t i = 0; i < conf->n_rules; i++) {
		rules->n_rules++;
		if (classify_rule_compile(rules, &rules->rules[i],
		                          &conf->rules[i], err, err_size) != 0)
			goto fail;
	}
	if (kw_set_build(rules->keywords) != 0)
		goto fail;
	return rules;
fail:
	classify_rules_free(rules);
	return NULL;
}

void
classify_rules_free(struct classify_rules *rules)
{
	if (rules == NULL)
		return;
	for (size_t i = 0; i < rules->n_rules; i++) {
		for (int w = 0; w < KW_LISTS; w++)
			free(rules->rules[i].kw[w]);
		classify_re_clear(&rules->rules[i].subject_re);
		classify_re_clear(&rules->rules[i].body_re);
	}
	free(rules->rules);
	kw_set_free(rules->keywords);
	free(rules);
}

static int
classify_scan_keywords(const struct classify_rules *rules, const char *text,
                       unsigned char *hits)
{
	char *form = tok_collapse(text);

	if (form == NULL)
		return -1;
	kw_set_scan(rules->keywords, form, hits);
	free(form);
	return 0;
}

int
classify_scan(const struct classify_rules *rules, const char *subject,
              const char *text, struct classify_scan *out)
{
	size_t n_kw = kw_set_count(rules->keywords);
	char *body = text_strip_quoted(text), *both = NULL;
	int rc = -1;

	memset(out, 0, sizeof(*out));
	out->hits = calloc(2 * n_kw + 1, 1);
	out->subject = tok_fold(subject);
	out->body = body ? tok_fold(body) : NULL;
	if (out->subject == NULL || out->body == NULL || out->hits == NULL ||
	    asprintf(&both, "%s\n%s", out->subject, out->body) < 0) {
		both = NULL;
		goto done;
	}
	out->subject_len = strlen(out->subject);
	out->body_len = strlen(out->body);
	if (classify_scan_keywords(rules, out->subject, out->hits) != 0 ||
	    classify_scan_keywords(rules, out->body, out->hits + n_kw) != 0)
		goto done;
	rc = bayes_doc_build(both, &out->doc);
done:
	free(both);
	free(body);
	if (rc != 0)
		classify_scan_clear(out);
	return rc;
}

void
classify_scan_clear(struct classify_scan *scan)
{
	free(scan->hits);
	free(scan->subject);
	free(scan->body);
	bayes_doc_clear(&scan->doc);
	memset(scan, 0, sizeof(*scan));
}

int
classify_doc(const char *subject, const char *text, struct bayes_doc *doc)
{
	char *body = text_strip_quoted(text), *both = NULL, *folded = NULL;
	int rc = -1;

	memset(doc, 0, sizeof(*doc));
	if (body != NULL && asprintf(&both, "%s\n%s", subject, body) < 0)
		both = NULL;
	if (both != NULL && (folded = tok_fold(both)) != NULL)
		rc = bayes_doc_build(folded, doc);
	free(folded);
	free(both);
	free(body);
	return rc;
}
