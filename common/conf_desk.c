/*
 * conf_desk: the desk's people and rules — agents, teams, classification
 * rules, routes, the classifier's settings, the priority score and repeat
 * complainers — and the check that every name they use (a team, an agent,
 * a category, a severity) exists, reported at the line that uses it.
 */
#include "conf.h"
#include "conf_p.h"

#define PCRE2_CODE_UNIT_WIDTH 8
#include <pcre2.h>
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

const char *const conf_default_categories[] = {
    "product_quality",
    "service_attitude",
    "logistics",
    "billing",
    "suggestion",
    "other",
    NULL,
};

const char *const conf_severities[] = {"general", "serious", "urgent", NULL};

static const char *const conf_roles[] = {"agent", "lead", "manager", NULL};
static const char *const conf_assigns[] = {"round_robin", "least_open", "queue",
                                           NULL};

/* Names people type: agents, teams, rules, categories. */
int
conf_check_name(struct conf_ctx *ctx, const config_setting_t *s,
                const void *field)
{
	const char *v = *(char *const *)field;

	if (strlen(v) <= 40 && conf_all_chars(v, "_.-", false))
		return 0;
	conf_error(ctx, s,
	           "\"%s\" must be 1-40 characters of a-z, 0-9, '_', '.' "
	           "and '-'",
	           v);
	return -1;
}

static int
conf_check_names(struct conf_ctx *ctx, const config_setting_t *s,
                 const void *field)
{
	const struct conf_strings *list = field;

	for (size_t i = 0; i < list->n; i++)
		if (conf_check_name(ctx, s, &list->v[i]) != 0)
			return -1;
	return 0;
}

/* Categories: names few enough for the model to learn (each listed once:
 * conf_refs). */
static int
conf_check_categories(struct conf_ctx *ctx, const config_setting_t *s,
                      const void *field)
{
	const struct conf_strings *list = field;

	if (conf_check_names(ctx, s, field) != 0)
		return -1;
	if (list->n > CONF_MAX_CATEGORIES) {
		conf_error(ctx, s, "%zu categories; at most %d", list->n,
		           CONF_MAX_CATEGORIES);
		return -1;
	}
	return 0;
}

/* Keywords are matched on letters and digits; punctuation alone never
 * matches anything. */
static int
conf_check_keywords(struct conf_ctx *ctx, const config_setting_t *s,
                    const void *field)
{
	const struct conf_strings *list = field;

	for (size_t i = 0; i < list->n; i++) {
		const unsigned char *p = (const unsigned char *)list->v[i];
		while (*p != '\0' && !isalnum(*p) && *p < 0x80)
			p++;
		if (*p == '\0') {
			conf_error(ctx, s,
			           "keyword \"%s\" has no letters or digits",
			           list->v[i]);
			return -1;
		}
	}
	return 0;
}

static int
conf_check_regex(struct conf_ctx *ctx, const config_setting_t *s,
                 const void *field)
{
	const char *v = *(char *const *)field;
	PCRE2_UCHAR msg[256];
	PCRE2_SIZE offset;
	int code;
	pcre2_code *re =
	    pcre2_compile((PCRE2_SPTR)v, PCRE2_ZERO_TERMINATED,
	                  PCRE2_UTF | PCRE2_CASELESS, &code, &offset, NULL);

	if (re != NULL) {
		pcre2_code_free(re);
		return 0;
	}
	pcre2_get_error_message(code, msg, sizeof(msg));
	conf_error(ctx, s, "pattern \"%s\": %s at offset %zu", v,
	           (const char *)msg, (size_t)offset);
	return -1;
}

static const struct conf_key conf_agent_keys[] = {
    KEY(struct conf_agent, name, CONF_KIND_STRING, .flags = CONF_REQUIRED,
        .check = conf_check_name),
    KEY(struct conf_agent, address, CONF_KIND_STRING, .flags = CONF_REQUIRED,
        .check = conf_check_address),
    KEY(struct conf_agent, role, CONF_KIND_ENUM, .def = "agent",
        .choices = conf_roles),
    KEY_END,
};

static const struct conf_key conf_team_keys[] = {
    KEY(struct conf_team, name, CONF_KIND_STRING, .flags = CONF_REQUIRED,
        .check = conf_check_name),
    KEY(struct conf_team, address, CONF_KIND_STRING,
        .check = conf_check_address),
    KEY(struct conf_team, lead, CONF_KIND_STRING, .check = conf_check_name),
    KEY(struct conf_team, manager, CONF_KIND_STRING, .check = conf_check_name),
    KEY(struct conf_team, members, CONF_KIND_STRINGS,
        .check = conf_check_names),
    KEY(struct conf_team, assign, CONF_KIND_ENUM, .def = "round_robin",
        .choices = conf_assigns),
    KEY(struct conf_team, languages, CONF_KIND_STRINGS),
    KEY_END,
};

static const struct conf_key conf_rule_keys[] = {
    KEY(struct conf_rule, name, CONF_KIND_STRING, .flags = CONF_REQUIRED,
        .check = conf_check_name),
    KEY(struct conf_rule, subject_any, CONF_KIND_STRINGS,
        .check = conf_check_keywords),
    KEY(struct conf_rule, subject_all, CONF_KIND_STRINGS,
        .check = conf_check_keywords),
    KEY(struct conf_rule, body_any, CONF_KIND_STRINGS,
        .check = conf_check_keywords),
    KEY(struct conf_rule, body_all, CONF_KIND_STRINGS,
        .check = conf_check_keywords),
    KEY(struct conf_rule, text_any, CONF_KIND_STRINGS,
        .check = conf_check_keywords),
    KEY(struct conf_rule, text_all, CONF_KIND_STRINGS,
        .check = conf_check_keywords),
    KEY(struct conf_rule, subject_regex, CONF_KIND_STRING,
        .check = conf_check_regex),
    KEY(struct conf_rule, body_regex, CONF_KIND_STRING,
        .check = conf_check_regex),
    KEY(struct conf_rule, sender, CONF_KIND_STRINGS),
    KEY(struct conf_rule, mailbox, CONF_KIND_STRINGS),
    KEY(struct conf_rule, language, CONF_KIND_STRINGS),
    KEY(struct conf_rule, tier, CONF_KIND_STRINGS),
    KEY(struct conf_rule, has_attachment, CONF_KIND_TRISTATE, .def = "any"),
    KEY(struct conf_rule, category, CONF_KIND_STRING),
    KEY(struct conf_rule, severity, CONF_KIND_STRING),
    KEY(struct conf_rule, team, CONF_KIND_STRING),
    KEY(struct conf_rule, product, CONF_KIND_STRING, .check = conf_check_name),
    KEY(struct conf_rule, tags, CONF_KIND_STRINGS, .check = conf_check_names),
    KEY(struct conf_rule, boost, CONF_KIND_INT, .def = "0", .min = -1000,
        .max = 1000),
    KEY(struct conf_rule, stop, CONF_KIND_BOOL, .def = "false"),
    KEY_END,
};

static const struct conf_key conf_route_keys[] = {
    KEY(struct conf_route, category, CONF_KIND_STRINGS),
    KEY(struct conf_route, mailbox, CONF_KIND_STRINGS),
    KEY(struct conf_route, product, CONF_KIND_STRINGS),
    KEY(struct conf_route, language, CONF_KIND_STRINGS),
    KEY(struct conf_route, team, CONF_KIND_STRING, .flags = CONF_REQUIRED),
    KEY_END,
};

static const struct conf_key conf_classify_keys[] = {
    KEY(struct conf_classify, categories, CONF_KIND_STRINGS,
        .check = conf_check_categories),
    KEY(struct conf_classify, min_confidence, CONF_KIND_INT, .def = "60",
        .min = 0, .max = 100),
    KEY(struct conf_classify, default_category, CONF_KIND_STRING,
        .def = "other"),
    KEY(struct conf_classify, default_severity, CONF_KIND_STRING,
        .def = "general"),
    KEY(struct conf_classify, default_team, CONF_KIND_STRING),
    KEY_END,
};

static const struct conf_key conf_priority_keys[] = {
    KEY(struct conf_priority, general, CONF_KIND_INT, .def = "10", .min = 0,
        .max = 1000),
    KEY(struct conf_priority, serious, CONF_KIND_INT, .def = "40", .min = 0,
        .max = 1000),
    KEY(struct conf_priority, urgent, CONF_KIND_INT, .def = "80", .min = 0,
        .max = 1000),
    KEY(struct conf_priority, vip, CONF_KIND_STRINGS),
    KEY(struct conf_priority, vip_boost, CONF_KIND_INT, .def = "30", .min = 0,
        .max = 1000),
    KEY(struct conf_priority, per_recent, CONF_KIND_INT, .def = "5", .min = 0,
        .max = 1000),
    KEY(struct conf_priority, max_recent, CONF_KIND_INT, .def = "20", .min = 0,
        .max = 1000),
    KEY_END,
};

static const struct conf_key conf_repeat_keys[] = {
    KEY(struct conf_repeat, threshold, CONF_KIND_INT, .def = "3", .min = 1,
        .max = 1000),
    KEY(struct conf_repeat, window, CONF_KIND_DURATION, .def = "30d",
        .min = 3600, .max = 365L * 86400),
    KEY(struct conf_repeat, tag, CONF_KIND_STRING, .def = "high-attention",
        .check = conf_check_name),
    KEY(struct conf_repeat, boost, CONF_KIND_INT, .def = "20", .min = 0,
        .max = 1000),
    KEY_END,
};

/* Without a list in the file, the six categories of the design. */
static int
conf_finish_classify(struct conf_ctx *ctx, const config_setting_t *group,
                     void *elem, struct conf *conf)
{
	struct conf_classify *c = elem;
	size_t n = 0;

	(void)ctx;
	(void)group;
	(void)conf;
	if (c->categories.n > 0)
		return 0;
	while (conf_default_categories[n] != NULL)
		n++;
	if ((c->categories.v = calloc(n + 1, sizeof(char *))) == NULL)
		return -1;
	for (size_t i = 0; i < n; i++) {
		if ((c->categories.v[i] = strdup(conf_default_categories[i])) ==
		    NULL)
			return -1;
		c->categories.n++;
	}
	return 0;
}

const struct conf_section conf_desk_sections[] = {
    {.name = "agents",
     .flags = CONF_LIST,
     .keys = conf_agent_keys,
     .offset = offsetof(struct conf, agents),
     .elem_size = sizeof(struct conf_agent),
     .count_offset = offsetof(struct conf, n_agents)},
    {.name = "teams",
     .flags = CONF_LIST,
     .keys = conf_team_keys,
     .offset = offsetof(struct conf, teams),
     .elem_size = sizeof(struct conf_team),
     .count_offset = offsetof(struct conf, n_teams)},
    {.name = "rules",
     .flags = CONF_LIST,
     .keys = conf_rule_keys,
     .offset = offsetof(struct conf, rules),
     .elem_size = sizeof(struct conf_rule),
     .count_offset = offsetof(struct conf, n_rules)},
    {.name = "routes",
     .flags = CONF_LIST,
     .keys = conf_route_keys,
     .offset = offsetof(struct conf, routes),
     .elem_size = sizeof(struct conf_route),
     .count_offset = offsetof(struct conf, n_routes)},
    {.name = "classify",
     .keys = conf_classify_keys,
     .offset = offsetof(struct conf, classify),
     .finish = conf_finish_classify},
    {.name = "priority",
     .keys = conf_priority_keys,
     .offset = offsetof(struct conf, priority)},
    {.name = "repeat",
     .keys = conf_repeat_keys,
     .offset = offsetof(struct conf, repeat)},
    {.name = NULL},
};

const struct conf_agent *
conf_agent_find(const struct conf *conf, const char *name)
{
	for (size_t i = 0; name != NULL && i < conf->n_agents; i++)
		if (strcmp(conf->agents[i].name, name) == 0)
			return &conf->agents[i];
	return NULL;
}

const struct conf_team *
conf_team_find(const struct conf *conf, const char *name)
{
	for (size_t i = 0; name != NULL && i < conf->n_teams; i++)
		if (strcmp(conf->teams[i].name, name) == 0)
			return &conf->teams[i];
	return NULL;
}

bool
conf_category_known(const struct conf *conf, const char *category)
{
	const struct conf_strings *c = &conf->classify.categories;

	for (size_t i = 0; category != NULL && i < c->n; i++)
		if (strcmp(c->v[i], category) == 0)
			return true;
	return false;
}

int
conf_severity_index(const char *severity)
{
	for (int i = 0; severity != NULL && conf_severities[i] != NULL; i++)
		if (strcmp(conf_severities[i], severity) == 0)
			return i;
	return -1;
}

bool
conf_list_allows(const struct conf_strings *list, const char *value)
{
	if (list->n == 0)
		return true;
	for (size_t i = 0; value != NULL && i < list->n; i++)
		if (strcasecmp(list->v[i], value) == 0)
			return true;
	return false;
}

bool
conf_address_in(const struct conf_strings *list, const char *address)
{
	const char *at = address ? strrchr(address, '@') : NULL;

	for (size_t i = 0; at != NULL && i < list->n; i++)
		if (list->v[i][0] == '@' ? strcasecmp(list->v[i], at) == 0
		                         : strcasecmp(list->v[i], address) == 0)
			return true;
	return false;
}
