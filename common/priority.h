/*
 * priority: a ticket's priority score, higher first:
 *
 *   priority.<severity>                        general 10, serious 40,
 *                                              urgent 80
 *   + priority.vip_boost  when the customer is a VIP (in priority.vip, or
 *                         of tier "vip")
 *   + the mailbox's weight
 *   + the boosts of the rules that fired
 *   + priority.per_recent for each other ticket the customer opened in
 *     repeat.window, at most priority.max_recent
 *   + repeat.boost        while the customer is a repeat complainer
 *
 * Pure; recomputed whenever one of its inputs changes.
 */
#ifndef COMPLAINTD_PRIORITY_H
#define COMPLAINTD_PRIORITY_H

#include <stdbool.h>

#include "conf.h"

struct priority_input {
	const char *severity;
	bool vip;
	int mailbox_weight;
	long long boost;  /* the rules' */
	long long recent; /* the customer's tickets in the window, this one
	                     included */
	bool repeat;      /* the customer is tagged a repeat complainer */
};

long long priority_score(const struct conf *conf,
                         const struct priority_input *in);

/* A VIP: address (or its "@domain") in priority.vip, or tier "vip". */
bool priority_is_vip(const struct conf *conf, const char *address,
                     const char *tier);

#endif
