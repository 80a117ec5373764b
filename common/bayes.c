/*
 * bayes: the model as one open-addressing hash table of tokens, each with
 * a row of per-class counts; see bayes.h.
 */
#include "bayes.h"
#include "tokenize.h"

#include <math.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

struct bayes_entry {
	char *token; /* NULL: free slot */
	uint64_t hash;
	int32_t *counts; /* one per class */
};

struct bayes_model {
	char **classes;
	size_t n_classes;
	long long *docs;   /* per class */
	long long *totals; /* token counts per class */
	struct bayes_entry *table;
	size_t mask; /* slots - 1 */
	size_t used;
	size_t bytes; /* strings and count rows */
};

static uint64_t
bayes_hash(const char *s, size_t len)
{
	uint64_t h = 1469598103934665603ull; /* FNV-1a */

	for (size_t i = 0; i < len; i++)
		h = (h ^ (unsigned char)s[i]) * 1099511628211ull;
	return h;
}

/* The slot of token, or the free slot where it would go. */
static size_t
bayes_slot(const struct bayes_entry *table, size_t mask, const char *token,
           size_t len, uint64_t h)
{
	size_t i = (size_t)h & mask;

	while (table[i].token != NULL &&
	       (table[i].hash != h ||
	        strncmp(table[i].token, token, len) != 0 ||
	        table[i].token[len] != '\0'))
		i = (i + 1) & mask;
	return i;
}

struct bayes_model *
bayes_new(const char *const *classes, size_t n)
{
	struct bayes_model *m;

	if (n > BAYES_MAX_CLASSES || (m = calloc(1, sizeof(*m))) == NULL)
		return NULL;
	m->n_classes = n;
	m->mask = 1023;
	m->classes = calloc(n + 1, sizeof(char *));
	m->docs = calloc(n + 1, sizeof(long long));
	m->totals = calloc(n + 1, sizeof(long long));
	m->table = calloc(m->mask + 1, sizeof(*m->table));
	if (m->classes == NULL || m->docs == NULL || m->totals == NULL ||
	    m->table == NULL) {
		bayes_free(m);
		return NULL;
	}
	for (size_t i = 0; i < n; i++)
		if ((m->classes[i] = strdup(classes[i])) == NULL) {
			bayes_free(m);
			return NULL;
		}
	return m;
}

void
bayes_free(struct bayes_model *m)
{
	if (m == NULL)
		return;
	for (size_t i = 0; m->table != NULL && i <= m->mask; i++) {
		free(m->table[i].token);
		free(m->table[i].counts);
	}
	for (size_t i = 0; m->classes != NULL && i < m->n_classes; i++)
		free(m->classes[i]);
	free(m->table);
	free(m->classes);
	free(m->docs);
	free(m->totals);
	free(m);
}

size_t
bayes_classes(const struct bayes_model *m)
{
	return m->n_classes;
}

const char *
bayes_class(const struct bayes_model *m, size_t i)
{
	return i < m->n_classes ? m->classes[i] : NULL;
}

int
bayes_class_index(const struct bayes_model *m, const char *name)
{
	for (size_t i = 0; name != NULL && i < m->n_classes; i++)
		if (strcmp(m->classes[i], name) == 0)
			return (int)i;
	return -1;
}

long long
bayes_documents(const struct bayes_model *m)
{
	long long n = 0;

	for (size_t i = 0; i < m->n_classes; i++)
		n += m->docs[i];
	return n;
}

static int
bayes_grow(struct bayes_model *m)
{
	size_t mask = m->mask * 2 + 1;
	struct bayes_entry *table = calloc(mask + 1, sizeof(*table));

	if (table == NULL)
		return -1;
	for (size_t i = 0; i <= m->mask; i++) {
		struct bayes_entry *e = &m->table[i];
		if (e->token != NULL)
			table[bayes_slot(table, mask, e->token,
			                 strlen(e->token), e->hash)] = *e;
	}
	free(m->table);
	m->table = table;
	m->mask = mask;
	return 0;
}

/* The counts of token, made when create; NULL when absent or on OOM. */
static int32_t *
bayes_counts(struct bayes_model *m, const char *token, bool create)
{
	size_t len = strlen(token), i;
	uint64_t h = bayes_hash(token, len);
	struct bayes_entry *e;

	i = bayes_slot(m->table, m->mask, token, len, h);
	if (m->table[i].token != NULL || !create)
		return m->table[i].counts;
	if ((m->used + 1) * 4 > (m->mask + 1) * 3) {
		if (bayes_grow(m) != 0)
			return NULL;
		i = bayes_slot(m->table, m->mask, token, len, h);
	}
	e = &m->table[i];
	e->counts = calloc(m->n_classes, sizeof(int32_t));
	e->token = strdup(token);
	if (e->counts == NULL || e->token == NULL) {
		free(e->counts);
		free(e->token);
		e->counts = NULL;
		e->token = NULL;
		return NULL;
	}
	e->hash = h;
	m->used++;
	m->bytes += len + 1 + m->n_classes * sizeof(int32_t);
	return e->counts;
}

static long long
bayes_clamp_add(long long v, long long delta)
{
	return v + delta < 0 ? 0 : v + delta;
}

int
bayes_count(struct bayes_model *m, size_t cls, const char *token,
            long long delta)
{
	int32_t *counts;
	long long before;

	if (cls >= m->n_classes)
		return -1;
	if (token == NULL) {
		m->docs[cls] = bayes_clamp_add(m->docs[cls], delta);
		return 0;
	}
	if ((counts = bayes_counts(m, token, delta > 0)) == NULL)
		return delta > 0 ? -1 : 0;
	before = counts[cls];
	counts[cls] = (int32_t)bayes_clamp_add(before, delta);
	m->totals[cls] += counts[cls] - before;
	return 0;
}

int
bayes_learn(struct bayes_model *m, size_t cls, const struct bayes_doc *doc,
            int delta)
{
	if (bayes_count(m, cls, NULL, delta) != 0)
		return -1;
	for (size_t i = 0; i < doc->n; i++)
		if (bayes_count(m, cls, doc->tokens[i], delta) != 0)
			return -1;
	return 0;
}

/* log P(token | class), Laplace-smoothed over the vocabulary. */
static double
bayes_log_p(const struct bayes_model *m, const int32_t *counts, size_t cls)
{
	return log((counts[cls] + 1.0) /
	           ((double)m->totals[cls] + (double)m->used + 1.0));
}

/* Keeps the five tokens that argued most for cls, strongest first. */
static void
bayes_keep_strongest(struct bayes_prediction *out, double *weights,
                     const char *token, double w)
{
	int at = 5;

	while (at > 0 &&
	       (out->strongest[at - 1] == NULL || weights[at - 1] < w))
		at--;
	if (at >= 5)
		return;
	for (int i = 4; i > at; i--) {
		out->strongest[i] = out->strongest[i - 1];
		weights[i] = weights[i - 1];
	}
	out->strongest[at] = token;
	weights[at] = w;
}

static void
bayes_explain(const struct bayes_model *m, const struct bayes_doc *doc,
              struct bayes_prediction *out)
{
	double weights[5] = {0};

	for (size_t i = 0; i < doc->n; i++) {
		const int32_t *c;
		size_t slot = bayes_slot(m->table, m->mask, doc->tokens[i],
		                         doc->lens[i], doc->hashes[i]);
		double own, other = -INFINITY;

		if ((c = m->table[slot].counts) == NULL || c[out->cls] == 0)
			continue;
		own = bayes_log_p(m, c, (size_t)out->cls);
		for (size_t k = 0; k < m->n_classes; k++)
			if ((int)k != out->cls && bayes_log_p(m, c, k) > other)
				other = bayes_log_p(m, c, k);
		if (own > other)
			bayes_keep_strongest(out, weights, doc->tokens[i],
			                     own - other);
	}
}

void
bayes_predict(const struct bayes_model *m, const struct bayes_doc *doc,
              struct bayes_prediction *out)
{
	double score[BAYES_MAX_CLASSES], best = -INFINITY, sum = 0;
	long long docs = bayes_documents(m);
	size_t known = 0;

	memset(out, 0, sizeof(*out));
	out->cls = -1;
	if (docs == 0 || m->n_classes == 0 || m->n_classes > BAYES_MAX_CLASSES)
		return;
	for (size_t k = 0; k < m->n_classes; k++)
		score[k] = 0;
	for (size_t i = 0; i < doc->n; i++) {
		const int32_t *c =
		    m->table[bayes_slot(m->table, m->mask, doc->tokens[i],
		                        doc->lens[i], doc->hashes[i])]
		        .counts;
		if (c == NULL)
			continue;
		known++;
		for (size_t k = 0; k < m->n_classes; k++)
			score[k] += bayes_log_p(m, c, k);
	}
	for (size_t k = 0; k < m->n_classes; k++) {
		double prior = log((m->docs[k] + 1.0) /
		                   ((double)docs + (double)m->n_classes));
		score[k] =
		    prior + score[k] / sqrt(known > 0 ? (double)known : 1);
		if (score[k] > best) {
			best = score[k];
			out->cls = (int)k;
		}
	}
	for (size_t k = 0; k < m->n_classes; k++)
		sum += exp(score[k] - best);
	out->confidence = 1.0 / sum;
	bayes_explain(m, doc, out);
}

size_t
bayes_memory(const struct bayes_model *m)
{
	return sizeof(*m) + (m->mask + 1) * sizeof(*m->table) + m->bytes +
	       m->n_classes * (2 * sizeof(long long) + sizeof(char *));
}

/* Token text lives in blocks that never move, so tokens[] stays valid. */
struct bayes_block {
	struct bayes_block *next;
	size_t used, cap;
	char data[];
};

#define BAYES_BLOCK 16384

static char *
bayes_doc_store(struct bayes_doc *doc, const char *token, size_t len)
{
	struct bayes_block *b = doc->blocks;
	char *out;

	if (b == NULL || b->used + len + 1 > b->cap) {
		size_t cap = len + 1 > BAYES_BLOCK ? len + 1 : BAYES_BLOCK;
		if ((b = malloc(sizeof(*b) + cap)) == NULL)
			return NULL;
		b->next = doc->blocks;
		b->used = 0;
		b->cap = cap;
		doc->blocks = b;
	}
	out = b->data + b->used;
	memcpy(out, token, len);
	out[len] = '\0';
	b->used += len + 1;
	return out;
}

/* Collects distinct tokens; the table holds indexes into doc + 1. */
struct bayes_doc_builder {
	struct bayes_doc *doc;
	size_t cap;
	uint32_t *seen;
	size_t mask;
};

static int
bayes_doc_grow(struct bayes_doc_builder *b)
{
	struct bayes_doc *doc = b->doc;
	size_t cap = b->cap ? b->cap * 2 : 256, mask = cap * 2 - 1;
	char **tokens = realloc(doc->tokens, cap * sizeof(char *));
	uint64_t *hashes;
	size_t *lens;
	uint32_t *seen;

	if (tokens == NULL)
		return -1;
	doc->tokens = tokens;
	if ((hashes = realloc(doc->hashes, cap * sizeof(uint64_t))) == NULL)
		return -1;
	doc->hashes = hashes;
	if ((lens = realloc(doc->lens, cap * sizeof(size_t))) == NULL)
		return -1;
	doc->lens = lens;
	if ((seen = calloc(mask + 1, sizeof(uint32_t))) == NULL)
		return -1;
	free(b->seen);
	b->seen = seen;
	b->mask = mask;
	b->cap = cap;
	for (size_t i = 0; i < doc->n; i++) {
		size_t j = (size_t)doc->hashes[i] & mask;
		while (seen[j] != 0)
			j = (j + 1) & mask;
		seen[j] = (uint32_t)i + 1;
	}
	return 0;
}

static int
bayes_doc_token(const char *token, size_t len, void *arg)
{
	struct bayes_doc_builder *b = arg;
	struct bayes_doc *doc = b->doc;
	uint64_t h = bayes_hash(token, len);
	size_t j;

	if (doc->n == b->cap && bayes_doc_grow(b) != 0)
		return -1;
	for (j = (size_t)h & b->mask; b->seen[j] != 0; j = (j + 1) & b->mask) {
		size_t k = b->seen[j] - 1;
		if (doc->hashes[k] == h && doc->lens[k] == len &&
		    memcmp(doc->tokens[k], token, len) == 0)
			return 0;
	}
	if ((doc->tokens[doc->n] = bayes_doc_store(doc, token, len)) == NULL)
		return -1;
	doc->hashes[doc->n] = h;
	doc->lens[doc->n] = len;
	b->seen[j] = (uint32_t)++doc->n;
	return 0;
}

int
bayes_doc_build(const char *folded, struct bayes_doc *doc)
{
	struct bayes_doc_builder b = {.doc = doc};
	int rc;

	memset(doc, 0, sizeof(*doc));
	rc = tok_each(folded, bayes_doc_token, &b);
	free(b.seen);
	if (rc != 0)
		bayes_doc_clear(doc);
	return rc == 0 ? 0 : -1;
}

void
bayes_doc_clear(struct bayes_doc *doc)
{
	while (doc->blocks != NULL) {
		struct bayes_block *next = doc->blocks->next;
		free(doc->blocks);
		doc->blocks = next;
	}
	free(doc->tokens);
	free(doc->hashes);
	free(doc->lens);
	memset(doc, 0, sizeof(*doc));
}
