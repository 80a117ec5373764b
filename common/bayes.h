/*
 * bayes: a multinomial naive Bayes model over tokens, for one label (the
 * category, or the severity), held in memory.  Documents count each token
 * once (a complaint that says "refund" five times is no more about
 * billing than one that says it once).  The store keeps the counts; this
 * module only learns, forgets and predicts.  Not thread-safe: one owner.
 */
#ifndef COMPLAINTD_BAYES_H
#define COMPLAINTD_BAYES_H

#include <stddef.h>
#include <stdint.h>

struct bayes_model;

struct bayes_block;

/* A document: its distinct tokens.  Built with bayes_doc_build. */
struct bayes_doc {
	char **tokens;    /* NUL-terminated copies */
	size_t *lens;     /* their lengths */
	uint64_t *hashes; /* and hashes, for the model's table */
	size_t n;
	struct bayes_block *blocks; /* where the copies live */
};

/* The distinct tokens of folded text (tok_fold); 0, or -1 on OOM.  Clear
 * with bayes_doc_clear. */
int bayes_doc_build(const char *folded, struct bayes_doc *doc);
void bayes_doc_clear(struct bayes_doc *doc);

/* Classes a model can tell apart (more than a desk would configure). */
#define BAYES_MAX_CLASSES 64

/* A model with no documents over n <= BAYES_MAX_CLASSES classes (copied);
 * NULL on OOM or too many classes. */
struct bayes_model *bayes_new(const char *const *classes, size_t n);
void bayes_free(struct bayes_model *m);

size_t bayes_classes(const struct bayes_model *m);
const char *bayes_class(const struct bayes_model *m, size_t i);
/* The index of class name, or -1. */
int bayes_class_index(const struct bayes_model *m, const char *name);

/* Documents learnt, in all classes. */
long long bayes_documents(const struct bayes_model *m);

/*
 * Adds delta (negative: forgets) to class's count of token, and to the
 * class's document count when token is NULL.  Counts never go below 0.
 * 0, or -1 on OOM or a bad class.
 */
int bayes_count(struct bayes_model *m, size_t cls, const char *token,
                long long delta);

/* Learns (delta 1) or forgets (delta -1) doc as class cls; 0 or -1. */
int bayes_learn(struct bayes_model *m, size_t cls, const struct bayes_doc *doc,
                int delta);

struct bayes_prediction {
	int cls;           /* best class, or -1 when the model knows nothing */
	double confidence; /* its posterior, 0..1 */
	const char *strongest[5]; /* tokens that argued most for cls,
	                             borrowed from the doc; NULL-padded */
};

/*
 * Predicts doc's class.  The confidence is the posterior with the
 * log-likelihoods scaled by 1/sqrt(number of known tokens): naive Bayes
 * is otherwise near-certain about any long mail, which would make a
 * confidence threshold meaningless.
 */
void bayes_predict(const struct bayes_model *m, const struct bayes_doc *doc,
                   struct bayes_prediction *out);

/* Bytes the model holds (tables, strings, counts). */
size_t bayes_memory(const struct bayes_model *m);

#endif
