/* triage_p.h: what the triage files share and nobody else sees. */
#ifndef COMPLAINTD_TRIAGE_P_H
#define COMPLAINTD_TRIAGE_P_H

#include "triage.h"

/* A customer as triage weighs them. */
struct triage_customer {
	struct store_customer c;
	long long recent; /* tickets in repeat.window, the new one included */
	bool repeat;      /* tagged a repeat complainer */
	bool vip;
};

/* 0, or -1 (store failure or no such customer). */
int triage_customer_load(struct store *store, const struct conf *conf,
                         long long customer_id, long long now,
                         struct triage_customer *out);

long long triage_score(const struct conf *conf, const char *severity,
                       const struct triage_customer *tc, const char *mailbox,
                       long long boost);

/* Appends to out->reasons (cut at its size). */
void triage_reasons_add(struct triage_result *out, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

/* The customer's other open tickets' priorities again (except: the
 * ticket already done, or -1).  0 or -1. */
int triage_recompute(struct store *store, const struct conf *conf,
                     const struct triage_customer *tc, long long except);

/* tag is one of the comma-separated tags. */
bool triage_has_tag(const char *tags, const char *tag);
/* tags with those of add it lacks appended; caller frees; NULL on OOM. */
char *triage_tags_add(const char *tags, const char *const *add, size_t n);

/* names joined with ","; caller frees; NULL on OOM. */
char *triage_join(const char *const *names, size_t n);

/* The configuration's own copy of a category or severity name (so a
 * result can borrow it), or NULL. */
const char *triage_category(const struct conf *conf, const char *name);
const char *triage_severity(const char *name);

/* Where a ticket's notices go: its assignee, else its team's address,
 * else the mailbox's older notice address; NULL: nobody. */
const char *triage_notify_addr(const struct conf *conf, const char *assignee,
                               const char *team, const char *mailbox);

#endif
