/*
 * triage_util: the customer as triage weighs them, tags as the store
 * keeps them (comma-separated), and names borrowed from the
 * configuration.
 */
#include "priority.h"
#include "triage_p.h"

#include <stdlib.h>
#include <string.h>

int
triage_customer_load(struct store *store, const struct conf *conf,
                     long long customer_id, long long now,
                     struct triage_customer *out)
{
	int rc;

	memset(out, 0, sizeof(*out));
	if ((rc = store_customer_get(store, customer_id, &out->c)) != 1)
		return -1;
	if (store_customer_recent(store, customer_id, now - conf->repeat.window,
	                          &out->recent) != 0) {
		store_customer_clear(&out->c);
		return -1;
	}
	out->repeat = triage_has_tag(out->c.tags, conf->repeat.tag);
	out->vip = priority_is_vip(conf, out->c.address, out->c.tier);
	return 0;
}

long long
triage_score(const struct conf *conf, const char *severity,
             const struct triage_customer *tc, const char *mailbox,
             long long boost)
{
	const struct conf_mailbox *mb =
	    mailbox ? conf_mailbox_find(conf, mailbox) : NULL;
	struct priority_input in = {
	    .severity = severity,
	    .vip = tc->vip,
	    .mailbox_weight = mb ? mb->weight : 0,
	    .boost = boost,
	    .recent = tc->recent,
	    .repeat = tc->repeat,
	};

	return priority_score(conf, &in);
}

bool
triage_has_tag(const char *tags, const char *tag)
{
	size_t len = strlen(tag);

	for (const char *p = tags; p != NULL && *p != '\0';) {
		const char *end = strchr(p, ',');
		size_t n = end ? (size_t)(end - p) : strlen(p);
		if (n == len && strncmp(p, tag, len) == 0)
			return true;
		p = end ? end + 1 : NULL;
	}
	return false;
}

char *
triage_tags_add(const char *tags, const char *const *add, size_t n)
{
	size_t len = tags ? strlen(tags) : 0, cap = len + 1;
	char *out;

	for (size_t i = 0; i < n; i++)
		cap += strlen(add[i]) + 1;
	if ((out = malloc(cap)) == NULL)
		return NULL;
	memcpy(out, tags ? tags : "", len + 1);
	for (size_t i = 0; i < n; i++) {
		if (triage_has_tag(out, add[i]))
			continue;
		if (len > 0)
			out[len++] = ',';
		strcpy(out + len, add[i]);
		len += strlen(add[i]);
	}
	return out;
}

char *
triage_join(const char *const *names, size_t n)
{
	return triage_tags_add("", names, n);
}

const char *
triage_category(const struct conf *conf, const char *name)
{
	const struct conf_strings *c = &conf->classify.categories;

	for (size_t i = 0; name != NULL && i < c->n; i++)
		if (strcmp(c->v[i], name) == 0)
			return c->v[i];
	return NULL;
}

const char *
triage_severity(const char *name)
{
	int i = conf_severity_index(name);

	return i >= 0 ? conf_severities[i] : NULL;
}

const char *
triage_notify_addr(const struct conf *conf, const char *assignee,
                   const char *team, const char *mailbox)
{
	const struct conf_agent *a = conf_agent_find(conf, assignee);
	const struct conf_team *t = conf_team_find(conf, team);
	const struct conf_mailbox *mb =
	    mailbox ? conf_mailbox_find(conf, mailbox) : NULL;

	if (a != NULL)
		return a->address;
	if (t != NULL)
		return t->address;
	if (mb != NULL && mb->team != NULL && strchr(mb->team, '@') != NULL)
		return mb->team;
	return NULL;
}

size_t
triage_alert_recipients(const struct conf *conf, const char *team,
                        const struct conf_agent *to[2])
{
	const struct conf_team *t = conf_team_find(conf, team);
	size_t n = 0;

	if (t == NULL)
		return 0;
	if ((to[n] = conf_agent_find(conf, t->lead)) != NULL)
		n++;
	if ((to[n] = conf_agent_find(conf, t->manager)) != NULL &&
	    (n == 0 || to[n] != to[0]))
		n++;
	return n;
}
