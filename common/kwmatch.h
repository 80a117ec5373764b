/*
 * kwmatch: every keyword of every rule found in one pass over a text
 * (Aho-Corasick), so the cost of matching does not grow with the number
 * of rules.  Keywords and text are compared in tokenize's match form:
 * folded, with punctuation runs as single spaces.  A keyword starting or
 * ending with a Latin letter or digit matches at a word boundary there;
 * "refund*" matches any word starting "refund"; a Chinese keyword matches
 * anywhere.
 */
#ifndef COMPLAINTD_KWMATCH_H
#define COMPLAINTD_KWMATCH_H

#include <stddef.h>

struct kw_set;

/* An empty set; NULL on OOM.  Free with kw_set_free. */
struct kw_set *kw_set_new(void);
void kw_set_free(struct kw_set *set);

/*
 * Adds keyword (UTF-8, as written in the configuration) before
 * kw_set_build.  Returns its id, 0 .. kw_set_count()-1 — the same id for
 * keywords that fold to the same text ("Refund", "ＲＥＦＵＮＤ") — or -1
 * when the keyword has no letters or digits, or on OOM.
 */
int kw_set_add(struct kw_set *set, const char *keyword);

/* Prepares the set for scanning; 0, or -1 on OOM. */
int kw_set_build(struct kw_set *set);

size_t kw_set_count(const struct kw_set *set);

/*
 * Sets hits[id] to 1 for each keyword that occurs in match_form (from
 * tok_match_form); hits has kw_set_count() entries, and entries of
 * keywords not found are left as they were.
 */
void kw_set_scan(const struct kw_set *set, const char *match_form,
                 unsigned char *hits);

#endif
