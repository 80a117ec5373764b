/*
 * conf_refs: the names one section uses for another — a rule's team, a
 * team's lead, a route's category — must exist, and the names people pick
 * for agents, teams and rules must be unique.  Each error names the line
 * that uses the name, so a typo in a rule is found where it was written.
 */
#include "conf.h"
#include "conf_p.h"

#include <stdio.h>
#include <string.h>

/* The setting section[index].key (index < 0: a group section). */
static const config_setting_t *
conf_refs_setting(const config_setting_t *root, const char *section, int index,
                  const char *key)
{
	const config_setting_t *s = config_setting_get_member(root, section);

	if (s != NULL && index >= 0)
		s = config_setting_get_elem(s, (unsigned)index);
	if (s != NULL && key != NULL)
		s = config_setting_get_member(s, key);
	return s;
}

/* Points the error prefix at section[index] ("rules[3].team: ..."). */
static const config_setting_t *
conf_refs_at(struct conf_ctx *ctx, const config_setting_t *root,
             const char *section, int index, const char *key)
{
	const config_setting_t *group =
	    conf_refs_setting(root, section, index, NULL);

	const config_setting_t *s =
	    key ? conf_refs_setting(root, section, index, key) : NULL;

	conf_set_where(ctx, section, index, group);
	/* A defaulted key has no line of its own: report its group's. */
	return s != NULL ? s : group;
}

static void
conf_refs_team(struct conf_ctx *ctx, const struct conf *conf,
               const config_setting_t *s, const char *team)
{
	if (team != NULL && conf_team_find(conf, team) == NULL)
		conf_error(ctx, s, "no team is named \"%s\" (see teams)", team);
}

static void
conf_refs_category(struct conf_ctx *ctx, const struct conf *conf,
                   const config_setting_t *s, const char *category)
{
	if (category != NULL && !conf_category_known(conf, category))
		conf_error(ctx, s,
		           "\"%s\" is not a category (see "
		           "classify.categories)",
		           category);
}

static void
conf_refs_severity(struct conf_ctx *ctx, const config_setting_t *s,
                   const char *severity)
{
	if (severity != NULL && conf_severity_index(severity) < 0)
		conf_error(ctx, s,
		           "\"%s\" is not a severity (general, serious or "
		           "urgent)",
		           severity);
}

static void
conf_refs_agent(struct conf_ctx *ctx, const struct conf *conf,
                const config_setting_t *s, const char *agent)
{
	if (agent != NULL && conf_agent_find(conf, agent) == NULL)
		conf_error(ctx, s, "no agent is named \"%s\" (see agents)",
		           agent);
}

/* The name of element i of an array whose elements start with a name. */
static const char *
conf_refs_name(const void *array, size_t elem_size, size_t i)
{
	return *(char *const *)((const char *)array + i * elem_size);
}

/* Reports each name of section that an earlier element already has. */
static void
conf_refs_unique(struct conf_ctx *ctx, const config_setting_t *root,
                 const char *section, const void *array, size_t elem_size,
                 size_t n)
{
	for (size_t i = 1; i < n; i++) {
		const char *name = conf_refs_name(array, elem_size, i);
		for (size_t j = 0; j < i; j++) {
			if (strcmp(name, conf_refs_name(array, elem_size, j)))
				continue;
			conf_error(
			    ctx,
			    conf_refs_at(ctx, root, section, (int)i, "name"),
			    "\"%s\" is also the name of %s[%zu]", name, section,
			    j);
			break;
		}
	}
}

static void
conf_refs_names(struct conf_ctx *ctx, const config_setting_t *root,
                const struct conf *conf)
{
	conf_refs_unique(ctx, root, "agents", conf->agents,
	                 sizeof(*conf->agents), conf->n_agents);
	conf_refs_unique(ctx, root, "teams", conf->teams, sizeof(*conf->teams),
	                 conf->n_teams);
	conf_refs_unique(ctx, root, "rules", conf->rules, sizeof(*conf->rules),
	                 conf->n_rules);
}

static void
conf_refs_teams(struct conf_ctx *ctx, const config_setting_t *root,
                const struct conf *conf)
{
	for (size_t i = 0; i < conf->n_teams; i++) {
		const struct conf_team *t = &conf->teams[i];
		const config_setting_t *s;

		s = conf_refs_at(ctx, root, "teams", (int)i, "lead");
		conf_refs_agent(ctx, conf, s, t->lead);
		s = conf_refs_at(ctx, root, "teams", (int)i, "manager");
		conf_refs_agent(ctx, conf, s, t->manager);
		s = conf_refs_at(ctx, root, "teams", (int)i, "members");
		for (size_t m = 0; m < t->members.n; m++)
			conf_refs_agent(ctx, conf, s, t->members.v[m]);
		if (t->address == NULL && t->members.n == 0 &&
		    t->assign != CONF_ASSIGN_QUEUE)
			conf_error(
			    ctx, conf_refs_at(ctx, root, "teams", (int)i, NULL),
			    "team \"%s\" has neither members nor an "
			    "address, so nobody would hear of its "
			    "tickets",
			    t->name);
	}
}

static void
conf_refs_rules(struct conf_ctx *ctx, const config_setting_t *root,
                const struct conf *conf)
{
	for (size_t i = 0; i < conf->n_rules; i++) {
		const struct conf_rule *r = &conf->rules[i];
		const config_setting_t *s;

		s = conf_refs_at(ctx, root, "rules", (int)i, "category");
		conf_refs_category(ctx, conf, s, r->category);
		s = conf_refs_at(ctx, root, "rules", (int)i, "severity");
		conf_refs_severity(ctx, s, r->severity);
		s = conf_refs_at(ctx, root, "rules", (int)i, "team");
		conf_refs_team(ctx, conf, s, r->team);
	}
	for (size_t i = 0; i < conf->n_routes; i++) {
		const struct conf_route *r = &conf->routes[i];
		const config_setting_t *s;

		s = conf_refs_at(ctx, root, "routes", (int)i, "team");
		conf_refs_team(ctx, conf, s, r->team);
		s = conf_refs_at(ctx, root, "routes", (int)i, "category");
		for (size_t c = 0; c < r->category.n; c++)
			conf_refs_category(ctx, conf, s, r->category.v[c]);
		s = conf_refs_at(ctx, root, "routes", (int)i, "mailbox");
		for (size_t m = 0; m < r->mailbox.n; m++)
			if (conf_mailbox_find(conf, r->mailbox.v[m]) == NULL)
				conf_error(ctx, s, "no mailbox is named \"%s\"",
				           r->mailbox.v[m]);
	}
}

/* A mailbox's team is a team's name; an address is the older form. */
static void
conf_refs_mailboxes(struct conf_ctx *ctx, const config_setting_t *root,
                    const struct conf *conf)
{
	for (size_t i = 0; i < conf->n_mailboxes; i++) {
		const char *team = conf->mailboxes[i].team;
		const config_setting_t *s =
		    conf_refs_at(ctx, root, "mailboxes", (int)i, "team");

		if (team == NULL)
			continue;
		if (strchr(team, '@') != NULL) {
			conf_check_address(ctx, s, &team);
			continue;
		}
		conf_refs_team(ctx, conf, s, team);
	}
}

static void
conf_refs_classify(struct conf_ctx *ctx, const config_setting_t *root,
                   const struct conf *conf)
{
	const struct conf_classify *c = &conf->classify;
	const struct conf_strings *cats = &c->categories;
	const config_setting_t *s;

	for (size_t i = 1; i < cats->n; i++)
		for (size_t j = 0; j < i; j++)
			if (strcmp(cats->v[i], cats->v[j]) == 0)
				conf_error(ctx,
				           conf_refs_at(ctx, root, "classify",
				                        -1, "categories"),
				           "\"%s\" is listed twice",
				           cats->v[i]);
	s = conf_refs_at(ctx, root, "classify", -1, "default_category");
	conf_refs_category(ctx, conf, s, c->default_category);
	s = conf_refs_at(ctx, root, "classify", -1, "default_severity");
	conf_refs_severity(ctx, s, c->default_severity);
	s = conf_refs_at(ctx, root, "classify", -1, "default_team");
	conf_refs_team(ctx, conf, s, c->default_team);
}

/* Who a level tells: a role of the ticket's people, or an agent. */
static void
conf_refs_level(struct conf_ctx *ctx, const struct conf *conf,
                const config_setting_t *s, const struct conf_strings *to)
{
	static const char *const roles[] = {"assignee", "team", "lead",
	                                    "manager", NULL};

	for (size_t i = 0; i < to->n; i++) {
		bool role = false;
		for (int r = 0; roles[r] != NULL; r++)
			role |= strcmp(to->v[i], roles[r]) == 0;
		if (!role && conf_agent_find(conf, to->v[i]) == NULL)
			conf_error(ctx, s,
			           "\"%s\" is neither assignee, team, lead, "
			           "manager nor an agent's name (see agents)",
			           to->v[i]);
	}
}

static void
conf_refs_policy(struct conf_ctx *ctx, const config_setting_t *root,
                 const struct conf *conf, size_t i)
{
	const struct conf_policy *p = &conf->policies[i];
	const config_setting_t *s;
	char key[32];

	s = conf_refs_at(ctx, root, "policies", (int)i, "calendar");
	if (strcmp(p->calendar, CONF_CALENDAR_ALWAYS) != 0 &&
	    conf_calendar_find(conf, p->calendar) == NULL)
		conf_error(ctx, s,
		           "no calendar is named \"%s\" (see calendars; "
		           "\"%s\" is always open)",
		           p->calendar, CONF_CALENDAR_ALWAYS);
	s = conf_refs_at(ctx, root, "policies", (int)i, "severity");
	for (size_t k = 0; k < p->severity.n; k++)
		conf_refs_severity(ctx, s, p->severity.v[k]);
	s = conf_refs_at(ctx, root, "policies", (int)i, "category");
	for (size_t k = 0; k < p->category.n; k++)
		conf_refs_category(ctx, conf, s, p->category.v[k]);
	s = conf_refs_at(ctx, root, "policies", (int)i, "mailbox");
	for (size_t k = 0; k < p->mailbox.n; k++)
		if (conf_mailbox_find(conf, p->mailbox.v[k]) == NULL)
			conf_error(ctx, s,
			           "no mailbox is named \"%s\" (see mailboxes)",
			           p->mailbox.v[k]);
	for (int l = 0; l < CONF_MAX_LEVELS; l++) {
		snprintf(key, sizeof(key), "level%d_to", l + 1);
		s = conf_refs_at(ctx, root, "policies", (int)i, key);
		conf_refs_level(ctx, conf, s, &p->levels[l].to);
	}
}

/* Every ticket needs a policy: one without conditions, and last, since
 * nothing after it could ever be chosen. */
static void
conf_refs_policies(struct conf_ctx *ctx, const config_setting_t *root,
                   const struct conf *conf)
{
	size_t n = conf->n_policies, first_default = n;

	conf_refs_unique(ctx, root, "calendars", conf->calendars,
	                 sizeof(*conf->calendars), conf->n_calendars);
	conf_refs_unique(ctx, root, "policies", conf->policies,
	                 sizeof(*conf->policies), n);
	for (size_t i = 0; i < n; i++) {
		conf_refs_policy(ctx, root, conf, i);
		if (first_default == n &&
		    conf_policy_is_default(&conf->policies[i]))
			first_default = i;
	}
	if (n > 0 && first_default == n)
		conf_error(
		    ctx, conf_refs_at(ctx, root, "policies", (int)n - 1, NULL),
		    "no default policy: the last one should have no "
		    "conditions (severity, category, mailbox, tier, "
		    "min_priority), so every ticket gets one");
	else if (first_default + 1 < n)
		conf_error(ctx,
		           conf_refs_at(ctx, root, "policies",
		                        (int)first_default + 1, "name"),
		           "never chosen: policies[%zu] before it has no "
		           "conditions and takes every ticket",
		           first_default);
}

void
conf_check_references(struct conf_ctx *ctx, const config_setting_t *root,
                      struct conf *conf)
{
	conf_refs_names(ctx, root, conf);
	conf_refs_teams(ctx, root, conf);
	conf_refs_rules(ctx, root, conf);
	conf_refs_mailboxes(ctx, root, conf);
	conf_refs_classify(ctx, root, conf);
	conf_refs_policies(ctx, root, conf);
	conf_set_where(ctx, NULL, -1, NULL);
}
