/*
 * survey_answer: what a customer's answer to a satisfaction survey says —
 * the one-click lines a mailto: link prefills ("Rating: 4", "推荐：9"),
 * a plain reply that starts with a rating ("4 stars", "很满意"), aspect
 * ratings anywhere ("speed 4", "速度：4"), a wish for no more surveys,
 * and the comment left besides.  Pure.
 */
#ifndef COMPLAINTD_SURVEY_ANSWER_H
#define COMPLAINTD_SURVEY_ANSWER_H

#include <stdbool.h>

struct survey_answer {
	int rating; /* 1..5, -1 when the answer gives none */
	int nps;    /* 0..10 "how likely to recommend", -1 none */
	int speed;  /* aspect ratings 1..5, -1 none */
	int result;
	int overall;
	bool unsubscribe; /* the customer asks for no more surveys */
	char *comment;    /* what the customer wrote besides the ratings,
	                   * trimmed, valid UTF-8; NULL when nothing is left;
	                   * owned */
};

/*
 * Reads a survey answer: subject (may be NULL) and text, the body's new
 * part (quoted history already removed by the caller), both UTF-8.
 * Labelled lines in the body win over a rating the text starts with,
 * which wins over a label in the subject.  0, or -1 when memory runs out
 * (out then holds nothing to free).  Caller frees out with
 * survey_answer_clear.
 */
int survey_answer_parse(const char *subject, const char *text,
                        struct survey_answer *out);

/* Frees the comment and resets a to "no answer"; a may be NULL. */
void survey_answer_clear(struct survey_answer *a);

/*
 * The composite satisfaction: mean of the aspect ratings given (speed,
 * result, overall), or -1.0 when none.
 */
double survey_answer_composite(const struct survey_answer *a);

#endif
