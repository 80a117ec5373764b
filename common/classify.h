/*
 * classify: a complaint's category and severity, and what the rules of
 * the configuration add (team, product, tags, priority boost).  Rules
 * decide first, in order; where no rule set the category or the severity,
 * the learnt model does when it is confident enough; otherwise the
 * configured defaults.  Every decision says why.
 *
 * The work is split so the costly part runs where mail is parsed:
 * classify_scan looks at the text alone (keywords, patterns, tokens) and
 * may run on any thread; classify_decide adds what the store knows of
 * the customer and the model, on the thread that owns them.
 */
#ifndef COMPLAINTD_CLASSIFY_H
#define COMPLAINTD_CLASSIFY_H

#include <stdbool.h>
#include <stddef.h>

#include "bayes.h"
#include "conf.h"

struct classify_rules;

/*
 * The rules of conf compiled (keywords into one automaton, patterns with
 * PCRE2's JIT).  Borrows conf, which must outlive the result.  NULL with
 * a message in err on failure.  Immutable: share it between threads.
 */
struct classify_rules *classify_rules_new(const struct conf *conf, char *err,
                                          size_t err_size);
void classify_rules_free(struct classify_rules *rules);

/* What the text of a mail shows; owned by its caller. */
struct classify_scan {
	unsigned char *hits;  /* per keyword, subject's then body's */
	char *subject, *body; /* folded, the body without quotes and
	                         signature: what patterns are tried on */
	size_t subject_len, body_len;
	struct bayes_doc doc; /* tokens of the subject and new text */
};

/*
 * Scans subject and text (the body; quoted history and signature are
 * dropped here) for every rule's keywords at once, and tokenizes them
 * for the model.  Patterns are tried later, by classify_decide, and only
 * for a rule whose other conditions hold: a pattern costs far more than
 * a keyword.  0, or -1 on OOM.  Clear with classify_scan_clear.
 */
int classify_scan(const struct classify_rules *rules, const char *subject,
                  const char *text, struct classify_scan *out);
void classify_scan_clear(struct classify_scan *scan);

/* Just the model's tokens of a mail, as classify_scan makes them (for
 * teaching a stored ticket).  0, or -1 on OOM; clear with
 * bayes_doc_clear. */
int classify_doc(const char *subject, const char *text, struct bayes_doc *doc);

/* What the desk knows of the mail beyond its text. */
struct classify_facts {
	const char *sender;   /* address; "" when unknown */
	const char *mailbox;  /* where it arrived, "pipe" */
	const char *language; /* "en", "zh" ... */
	const char *tier;     /* the customer's tier ("standard", "vip") */
	bool has_attachment;
};

/* The learnt models; one owner thread.  Either may be NULL (untrained). */
struct classify_model {
	struct bayes_model *category;
	struct bayes_model *severity;
	long long version; /* the store's model version they reflect */
};

/* A model decides only after learning from this many complaints. */
#define CLASSIFY_MIN_DOCUMENTS 10

enum classify_source {
	CLASSIFY_BY_RULE,
	CLASSIFY_BY_MODEL,
	CLASSIFY_BY_DEFAULT,
};

#define CLASSIFY_MAX_FIRED 32
#define CLASSIFY_MAX_TAGS 32

/* A decision; its strings borrow the rules' configuration and the scan. */
struct classify_decision {
	const char *category, *severity;
	enum classify_source category_by, severity_by;
	const char *category_rule, *severity_rule;       /* when by rule */
	double category_confidence, severity_confidence; /* 0..1; 1 by rule */
	const char *team;                                /* a rule's, or NULL */
	const char *team_rule; /* the rule that named the team */
	const char *product;   /* a rule's, or NULL */
	const char *fired[CLASSIFY_MAX_FIRED]; /* rule names, in order */
	size_t n_fired;
	const char *tags[CLASSIFY_MAX_TAGS];
	size_t n_tags;
	int boost;
	const char *tokens[5]; /* the model's strongest for the category */
};

void classify_decide(const struct classify_rules *rules,
                     const struct classify_scan *scan,
                     const struct classify_facts *facts,
                     const struct classify_model *model,
                     struct classify_decision *out);

/* "category billing (rule billing-double); severity urgent (model 83%)"
 * into buf (always terminated). */
void classify_explain(const struct classify_decision *d, char *buf,
                      size_t size);

/* Empty models over conf's categories and the severities; 0 or -1. */
int classify_model_init(struct classify_model *model, const struct conf *conf);
void classify_model_clear(struct classify_model *model);

struct store;

/* The models as the store has them now (replacing model's); 0 or -1. */
int classify_model_load(struct classify_model *model, struct store *store,
                        const struct conf *conf);
/* Loads again when another process taught the store; 0 or -1. */
int classify_model_refresh(struct classify_model *model, struct store *store,
                           const struct conf *conf);

/*
 * Teaches the store (and model, when not NULL) that doc is cls under
 * label ("category" or "severity").  With ticket_id > 0 the ticket's
 * earlier lesson under label, if any, is taken back first, so an agent
 * who corrects twice does not teach twice.  0 or -1 (store failure).
 */
int classify_model_teach(struct store *store, struct classify_model *model,
                         long long ticket_id, const char *label,
                         const char *cls, const struct bayes_doc *doc);

/* Bytes both models hold. */
size_t classify_model_memory(const struct classify_model *model);

#endif
