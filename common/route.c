/*
 * route: the team, then the assignee; see route.h.
 */
#include "route.h"

#include <stdio.h>
#include <string.h>

static bool
route_speaks(const struct conf_team *team, const char *language)
{
	return conf_list_allows(&team->languages, language);
}

/* A candidate team: taken when it speaks the language, or remembered as
 * the fallback when it is the first. */
static bool
route_consider(const struct conf *conf, const char *name, const char *by,
               const char *language, struct route_result *out,
               const struct conf_team **first, const char **first_by)
{
	const struct conf_team *team = conf_team_find(conf, name);

	if (team == NULL)
		return false;
	if (*first == NULL) {
		*first = team;
		*first_by = by;
	}
	if (!route_speaks(team, language))
		return false;
	out->team = team;
	snprintf(out->why, sizeof(out->why), "team %s (%s)", team->name, by);
	return true;
}

static void
route_team(const struct conf *conf, const struct route_input *in,
           struct route_result *out)
{
	const struct conf_team *first = NULL;
	const struct conf_mailbox *mb = conf_mailbox_find(conf, in->mailbox);
	const char *first_by = NULL;
	char by[64];

	if (in->rule_team != NULL) {
		out->team = conf_team_find(conf, in->rule_team);
		snprintf(out->why, sizeof(out->why), "team %s (rule %s)",
		         in->rule_team, in->rule);
		return;
	}
	for (size_t i = 0; i < conf->n_routes; i++) {
		const struct conf_route *r = &conf->routes[i];
		if (!conf_list_allows(&r->category, in->category) ||
		    !conf_list_allows(&r->mailbox, in->mailbox) ||
		    !conf_list_allows(&r->product, in->product) ||
		    !conf_list_allows(&r->language, in->language))
			continue;
		snprintf(by, sizeof(by), "route %zu", i + 1);
		if (route_consider(conf, r->team, by, in->language, out, &first,
		                   &first_by))
			return;
	}
	if (mb != NULL && mb->team != NULL && strchr(mb->team, '@') == NULL &&
	    route_consider(conf, mb->team, "mailbox", in->language, out, &first,
	                   &first_by))
		return;
	if (conf->classify.default_team != NULL &&
	    route_consider(conf, conf->classify.default_team, "default",
	                   in->language, out, &first, &first_by))
		return;
	if (first != NULL) {
		out->team = first;
		snprintf(out->why, sizeof(out->why),
		         "team %s (%s; no team handles \"%s\")", first->name,
		         first_by, in->language ? in->language : "?");
	} else if (mb != NULL && mb->team != NULL) {
		/* The older form: notices to an address, no team. */
		out->queue_address = mb->team;
		snprintf(out->why, sizeof(out->why),
		         "no team (mailbox "
		         "notices to %s)",
		         mb->team);
	} else {
		snprintf(out->why, sizeof(out->why), "no team");
	}
}

/* Whether a is a better pick than b (NULL) under the team's strategy. */
static bool
route_better(int assign, const struct store_agent *a,
             const struct store_agent *b)
{
	if (assign == CONF_ASSIGN_LEAST_OPEN && a->open != b->open)
		return a->open < b->open;
	return a->last_turn < b->last_turn;
}

static int
route_assignee(struct store *store, const struct conf *conf,
               struct route_result *out)
{
	const struct conf_team *team = out->team;
	struct store_agent best_state = {0}, st;
	const struct conf_agent *best = NULL;
	size_t len = strlen(out->why);

	if (team->assign == CONF_ASSIGN_QUEUE || team->members.n == 0) {
		snprintf(out->why + len, sizeof(out->why) - len,
		         "; in the team queue");
		return 0;
	}
	for (size_t i = 0; i < team->members.n; i++) {
		const struct conf_agent *a =
		    conf_agent_find(conf, team->members.v[i]);
		if (a == NULL)
			continue;
		if (store_agent_get(store, a->name, &st) != 0)
			return -1;
		if (st.away || (best != NULL &&
		                !route_better(team->assign, &st, &best_state)))
			continue;
		best = a;
		best_state = st;
	}
	if (best == NULL) {
		out->nobody_available = true;
		snprintf(out->why + len, sizeof(out->why) - len,
		         "; in the team queue (every member is away)");
		return 0;
	}
	out->assignee = best;
	snprintf(out->why + len, sizeof(out->why) - len, "; assignee %s (%s)",
	         best->name,
	         team->assign == CONF_ASSIGN_LEAST_OPEN ? "least_open"
	                                                : "round_robin");
	return store_agent_take_turn(store, best->name);
}

int
route_ticket(struct store *store, const struct conf *conf,
             const struct route_input *in, struct route_result *out)
{
	memset(out, 0, sizeof(*out));
	route_team(conf, in, out);
	if (out->team == NULL)
		return 0;
	out->queue_address = out->team->address;
	return route_assignee(store, conf, out);
}
