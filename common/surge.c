/*
 * surge: the early-warning rule, episodes and common words; see surge.h.
 */
#include "surge.h"

#include "tokenize.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum surge_kind
surge_check(const struct surge_rule *r, const struct surge_counts *c)
{
	unsigned long long span, lhs, rhs;

	if (r->urgent_count > 0 && c->urgent >= r->urgent_count)
		return SURGE_URGENT;
	if (c->count < r->min_tickets || c->count <= 0)
		return SURGE_NONE;
	/* count >= factor/100 * baseline * window / span, in integers so
	 * that "exactly three times" is exact; conf_surge's bounds keep
	 * both sides below 2^63. */
	span = (unsigned long long)(c->history > r->window ? c->history
	                                                   : r->window);
	lhs = (unsigned long long)c->count * 100u * span;
	rhs = (unsigned long long)r->factor_percent *
	      (unsigned long long)(c->baseline > 0 ? c->baseline : 0) *
	      (unsigned long long)r->window;
	return lhs >= rhs ? SURGE_VOLUME : SURGE_NONE;
}

double
surge_usual(const struct surge_rule *r, const struct surge_counts *c)
{
	long long span = c->history > r->window ? c->history : r->window;

	if (c->baseline <= 0 || span <= 0)
		return 0.0;
	return (double)c->baseline * (double)r->window / (double)span;
}

const char *
surge_kind_name(enum surge_kind kind)
{
	switch (kind) {
	case SURGE_VOLUME:
		return "volume";
	case SURGE_URGENT:
		return "urgent";
	case SURGE_NONE:
		break;
	}
	return "none";
}

enum surge_step
surge_episode_step(const struct surge_rule *r, bool surging, bool open,
                   long long last_seen, long long now)
{
	if (surging)
		return open ? SURGE_STEP_CONTINUE : SURGE_STEP_OPEN;
	if (!open)
		return SURGE_STEP_NONE;
	/* A clock set back (now before last_seen) holds: it never ends an
	 * episode early. */
	return now - last_seen >= r->quiet ? SURGE_STEP_CLOSE : SURGE_STEP_HOLD;
}

/* ---- common words ------------------------------------------------ */

/* A token: a slice of one subject's folded text. */
struct surge_tok {
	const char *p;
	size_t len;
	size_t doc; /* the subject's index */
};

/* A distinct token and the number of subjects it is in. */
struct surge_word {
	const char *p;
	size_t len;
	size_t docs;
};

struct surge_walk {
	struct surge_tok *v;
	size_t n, cap;
	size_t doc;
};

/* Reply and forward prefixes say nothing about a complaint. */
static bool
surge_stopword(const char *p, size_t len)
{
	static const char *const stop[] = {"re", "fw", "fwd", "aw",
	                                   "sv", "vs", "wg",  "tr"};

	for (size_t i = 0; i < sizeof(stop) / sizeof(*stop); i++)
		if (strlen(stop[i]) == len && memcmp(stop[i], p, len) == 0)
			return true;
	return false;
}

/* Numbers (order numbers) and lone CJK characters (their pairs carry
 * the meaning) are left out. */
static bool
surge_keep(const char *p, size_t len)
{
	const char *q = p;
	size_t digits = 0;

	for (size_t i = 0; i < len; i++)
		digits += p[i] >= '0' && p[i] <= '9';
	if (digits == len)
		return false;
	if (tok_is_cjk(tok_utf8_next(&q)) && q == p + len)
		return false;
	return !surge_stopword(p, len);
}

static int
surge_collect(const char *token, size_t len, void *arg)
{
	struct surge_walk *w = arg;

	if (!surge_keep(token, len))
		return 0;
	if (w->n == w->cap) {
		size_t cap = w->cap ? 2 * w->cap : 64;
		void *bigger = realloc(w->v, cap * sizeof(*w->v));
		if (bigger == NULL)
			return -1;
		w->v = bigger;
		w->cap = cap;
	}
	w->v[w->n++] = (struct surge_tok){token, len, w->doc};
	return 0;
}

static int
surge_bytes_cmp(const char *a, size_t alen, const char *b, size_t blen)
{
	int c = memcmp(a, b, alen < blen ? alen : blen);

	if (c != 0)
		return c;
	return alen < blen ? -1 : alen > blen;
}

static int
surge_tok_cmp(const void *a, const void *b)
{
	const struct surge_tok *x = a, *y = b;
	int c = surge_bytes_cmp(x->p, x->len, y->p, y->len);

	if (c != 0)
		return c;
	return x->doc < y->doc ? -1 : x->doc > y->doc;
}

/* More subjects first; then the longer (a phrase says more), then byte
 * order, so the list is the same from run to run. */
static int
surge_word_cmp(const void *a, const void *b)
{
	const struct surge_word *x = a, *y = b;

	if (x->docs != y->docs)
		return x->docs > y->docs ? -1 : 1;
	if (x->len != y->len)
		return x->len > y->len ? -1 : 1;
	return surge_bytes_cmp(x->p, x->len, y->p, y->len);
}

/* The sorted tokens as distinct words with their subject counts, into
 * v (room for n). */
static size_t
surge_count_words(const struct surge_tok *t, size_t n, struct surge_word *v)
{
	size_t k = 0;

	for (size_t i = 0; i < n; i++) {
		bool same = k > 0 && surge_bytes_cmp(v[k - 1].p, v[k - 1].len,
		                                     t[i].p, t[i].len) == 0;
		if (!same)
			v[k++] = (struct surge_word){t[i].p, t[i].len, 1};
		else if (t[i].doc != t[i - 1].doc)
			v[k - 1].docs++;
	}
	return k;
}

/* "w1 (n1), w2 (n2)" from the first max words in at least min_docs
 * subjects, cut between words to size. */
static void
surge_write_words(const struct surge_word *v, size_t n, size_t max,
                  size_t min_docs, char *buf, size_t size)
{
	size_t o = 0, shown = 0;

	buf[0] = '\0';
	for (size_t i = 0; i < n && shown < max && v[i].docs >= min_docs; i++) {
		int len = snprintf(buf + o, size - o, "%s%.*s (%zu)",
		                   shown ? ", " : "", (int)v[i].len, v[i].p,
		                   v[i].docs);
		if (len < 0 || (size_t)len >= size - o) {
			buf[o] = '\0';
			break;
		}
		o += (size_t)len;
		shown++;
	}
}

int
surge_common_words(const char *const *subjects, size_t n, size_t max, char *buf,
                   size_t size)
{
	char **folded = calloc(n ? n : 1, sizeof(*folded));
	struct surge_walk w = {0};
	struct surge_word *words = NULL;
	size_t k;
	int rc = -1;

	if (size > 0)
		buf[0] = '\0';
	if (folded == NULL || size == 0)
		goto out;
	for (w.doc = 0; w.doc < n; w.doc++) {
		const char *s = subjects[w.doc] ? subjects[w.doc] : "";
		if ((folded[w.doc] = tok_fold(s)) == NULL ||
		    tok_each(folded[w.doc], surge_collect, &w) != 0)
			goto out;
	}
	if (w.n > 0 && (words = malloc(w.n * sizeof(*words))) == NULL)
		goto out;
	if (w.n > 0)
		qsort(w.v, w.n, sizeof(*w.v), surge_tok_cmp);
	k = surge_count_words(w.v, w.n, words);
	if (k > 0)
		qsort(words, k, sizeof(*words), surge_word_cmp);
	surge_write_words(words, k, max, n > 1 ? 2 : 1, buf, size);
	rc = 0;
out:
	for (size_t i = 0; folded != NULL && i < n; i++)
		free(folded[i]);
	free(folded);
	free(w.v);
	free(words);
	return rc;
}
