/*
 * priority: the score of priority.h.
 */
#include "priority.h"

#include <strings.h>

long long
priority_score(const struct conf *conf, const struct priority_input *in)
{
	const struct conf_priority *p = &conf->priority;
	const int by_severity[] = {p->general, p->serious, p->urgent};
	int sev = conf_severity_index(in->severity);
	long long score = sev >= 0 ? by_severity[sev] : p->general;
	long long others = in->recent > 1 ? in->recent - 1 : 0;
	long long recent = others * p->per_recent;

	score += in->vip ? p->vip_boost : 0;
	score += in->mailbox_weight + in->boost;
	score += recent < p->max_recent ? recent : p->max_recent;
	score += in->repeat ? conf->repeat.boost : 0;
	return score;
}

bool
priority_is_vip(const struct conf *conf, const char *address, const char *tier)
{
	return (tier != NULL && strcasecmp(tier, "vip") == 0) ||
	       conf_address_in(&conf->priority.vip, address);
}
