/*
 * surge_run: the early-warning check the scheduler runs over the store —
 * counts per category, product and mailbox, the rule of surge.c, the
 * episodes in the surges table, one alert per episode; see surge.h.
 */
#include "surge.h"

#include "conf.h"
#include "log.h"
#include "outbound.h"
#include "store.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* The last check's time, in the store's settings. */
#define SURGE_SETTING "surge_checked"
/* Tickets an alert and its log line name, newest first. */
#define SURGE_LISTED 20
/* Subjects the common words are taken from, and how many are shown. */
#define SURGE_WORDS_FROM 200
#define SURGE_WORDS 8

struct surge_ctx {
	struct store *store;
	const struct conf *conf;
	const struct outbound_config *ocfg;
	struct surge_rule rule;
	long long now;
	long long oldest; /* the first ticket's creation; -1: none */
	struct surge_run_result *res;
};

static void
surge_rule_of(const struct conf_surge *c, struct surge_rule *r)
{
	*r = (struct surge_rule){
	    .window = c->window,
	    .baseline = c->baseline,
	    .factor_percent = c->factor_percent,
	    .min_tickets = c->min_tickets,
	    .urgent_count = c->urgent_count,
	    .urgent_window = c->urgent_window,
	    .quiet = c->quiet,
	};
}

/* How far back an episode's tickets are taken: whichever window can
 * have opened it. */
static long
surge_span(const struct surge_rule *r)
{
	return r->window > r->urgent_window ? r->window : r->urgent_window;
}

/* The counts of a value with new tickets; the baseline is read only for
 * a value that could surge (the one indexed count per candidate). */
static int
surge_counts_of(struct surge_ctx *x, const char *dim,
                const struct store_surge_count *w, struct surge_counts *c)
{
	long long start = x->now - x->rule.window;
	long long from = start - x->rule.baseline;
	bool urgent =
	    x->rule.urgent_count > 0 && w->urgent >= x->rule.urgent_count;

	*c = (struct surge_counts){w->count, w->urgent, 0, 0};
	if (w->count < x->rule.min_tickets && !urgent)
		return 0;
	if (x->oldest >= 0 && x->oldest < start)
		c->history = start - (x->oldest > from ? x->oldest : from);
	return store_surge_count_value(x->store, dim, w->value, from, start,
	                               &c->baseline);
}

/* "12,11,9": the ids of the first n tickets. */
static void
surge_ids(const struct store_surge_ticket *t, size_t n, char *buf, size_t size)
{
	size_t o = 0;

	buf[0] = '\0';
	for (size_t i = 0; i < n && i < SURGE_LISTED; i++) {
		int len = snprintf(buf + o, size - o, "%s%lld", i ? "," : "",
		                   t[i].id);
		if (len < 0 || (size_t)len >= size - o)
			break;
		o += (size_t)len;
	}
}

/* The alert to each manager, else to each lead; *alerts counts those
 * queued.  A mail that cannot be written is logged and skipped. */
static int
surge_alert_all(struct surge_ctx *x, const struct outbound_surge *s,
                long long *alerts)
{
	const struct conf *conf = x->conf;
	int role = CONF_ROLE_LEAD;
	char why[256];

	for (size_t i = 0; i < conf->n_agents; i++)
		if (conf->agents[i].role == CONF_ROLE_MANAGER)
			role = CONF_ROLE_MANAGER;
	for (size_t i = 0; i < conf->n_agents; i++) {
		const struct conf_agent *a = &conf->agents[i];
		int rc;
		if (a->role != role)
			continue;
		rc = outbound_surge_alert(x->store, x->ocfg, s, a, x->now, why,
		                          sizeof(why));
		if (rc < 0)
			return -1;
		if (rc == 1)
			log_warnx("surge: cannot write the alert to %s: %s; "
			          "the others are told",
			          a->address, why);
		*alerts += rc == 0;
	}
	return 0;
}

/* The log line of a new episode (the operator's early warning). */
static void
surge_log(const struct outbound_surge *s, const char *reason,
          const struct surge_counts *c, long long alerts)
{
	char value[160], words[320], ids[320];

	surge_ids(s->tickets, s->n, ids, sizeof(ids));
	log_warnx("surge: complaints far above their usual rate event=surge "
	          "dimension=%s value=%s reason=%s count=%lld baseline=%.2f "
	          "urgent=%lld tickets=%s words=%s alerts=%lld",
	          s->dimension, log_quote(value, sizeof(value), s->value),
	          reason, c->count, s->usual, c->urgent, ids,
	          log_quote(words, sizeof(words), s->words), alerts);
	if (alerts == 0)
		log_warnx("surge: nobody to alert: no agent has the role "
		          "manager or lead; the surge is recorded only "
		          "dimension=%s value=%s",
		          s->dimension, value);
}

/* The words the subjects of t (n) share, into buf; they are a
 * courtesy: without memory the alert goes without them. */
static void
surge_words(const struct store_surge_ticket *t, size_t n, char *buf,
            size_t size)
{
	const char **subjects = calloc(n, sizeof(*subjects));

	buf[0] = '\0';
	if (subjects != NULL) {
		for (size_t i = 0; i < n; i++)
			subjects[i] = t[i].subject;
	}
	if (subjects == NULL ||
	    surge_common_words(subjects, n, SURGE_WORDS, buf, size) != 0)
		log_warnx("surge: out of memory finding the common words; "
		          "the alert goes without them");
	free(subjects);
}

/* The event "surge" on the newest ticket, keyed so that it is
 * recorded once whatever restarts; with: the episode that covered it
 * (NULL: none).  0 recorded, 1 recorded before, -1. */
static int
surge_event(struct surge_ctx *x, const struct outbound_surge *s,
            enum surge_kind kind, const struct surge_counts *c,
            const char *with)
{
	char key[320], detail[480];

	snprintf(key, sizeof(key), "surge:%s:%s:%lld", s->dimension, s->value,
	         x->now);
	snprintf(detail, sizeof(detail),
	         "dimension=%s value=%s reason=%s count=%lld baseline=%.2f "
	         "tickets=%lld%s%s",
	         s->dimension, s->value, surge_kind_name(kind), c->count,
	         s->usual, s->total, with ? " with=" : "", with ? with : "");
	return store_event_add(x->store, s->tickets[0].id, x->now, "surge",
	                       "complaintd", detail, key);
}

/* The event, then the alerts and the log line.  The episode's row is
 * id. */
static int
surge_announce(struct surge_ctx *x, long long id,
               const struct outbound_surge *s, enum surge_kind kind,
               const struct surge_counts *c)
{
	long long alerts = 0;
	int rc = surge_event(x, s, kind, c, NULL);

	if (rc != 0)
		return rc < 0 ? -1 : 0; /* 1: announced before */
	if (surge_alert_all(x, s, &alerts) != 0 ||
	    store_surge_alerted(x->store, id, alerts) != 0)
		return -1;
	x->res->alerts += (size_t)alerts;
	surge_log(s, surge_kind_name(kind), c, alerts);
	return 0;
}

/* An episode whose tickets the alert of with ("dimension:value")
 * already named: the event for the record and a log line, no mail. */
static int
surge_join(struct surge_ctx *x, const struct outbound_surge *s,
           enum surge_kind kind, const struct surge_counts *c, const char *with)
{
	char value[160];

	if (surge_event(x, s, kind, c, with) < 0)
		return -1;
	log_info("surge: the same burst as an alerted surge event=surge.joined "
	         "dimension=%s value=%s with=%s count=%lld baseline=%.2f",
	         s->dimension, log_quote(value, sizeof(value), s->value), with,
	         c->count, s->usual);
	return 0;
}

/* How many of t (n) are among u (m). */
static size_t
surge_overlap(const struct store_surge_ticket *t, size_t n,
              const struct store_surge_ticket *u, size_t m)
{
	size_t k = 0;

	for (size_t i = 0; i < n; i++)
		for (size_t j = 0; j < m; j++)
			if (t[i].id == u[j].id) {
				k++;
				break;
			}
	return k;
}

/* Whether open episode ep already named at least half of t (n). */
static int
surge_covers(struct surge_ctx *x, const struct store_surge *ep,
             const struct store_surge_ticket *t, size_t n, bool *yes)
{
	struct store_surge_ticket *u;
	size_t m;

	if (store_surge_tickets(x->store, ep->dimension, ep->value,
	                        ep->started - surge_span(&x->rule), x->now,
	                        SURGE_WORDS_FROM, &u, &m) != 0)
		return -1;
	*yes = 2 * surge_overlap(t, n, u, m) >= n;
	store_surge_tickets_free(u, m);
	return 0;
}

/*
 * The open episode of another dimension, alerted itself, whose tickets
 * are most of t (n): a burst in one category is also one in its mailbox,
 * and the second alert would tell nothing new.  Its id into *id_r (-1:
 * none) and "dimension:value" into with.  0 or -1.
 */
static int
surge_cover(struct surge_ctx *x, const char *dim,
            const struct store_surge_ticket *t, size_t n, long long *id_r,
            char *with, size_t size)
{
	*id_r = -1;
	for (size_t d = 0; store_surge_dimensions[d] != NULL && *id_r < 0;
	     d++) {
		const char *other = store_surge_dimensions[d];
		struct store_surge *v;
		size_t nv;
		bool yes = false;
		int rc = 0;
		/* A ticket has one value per dimension: no overlap there. */
		if (strcmp(other, dim) == 0)
			continue;
		if (store_surge_open(x->store, other, &v, &nv) != 0)
			return -1;
		for (size_t i = 0; i < nv && rc == 0 && !yes; i++) {
			if (v[i].covered_by >= 0 ||
			    (rc = surge_covers(x, &v[i], t, n, &yes)) != 0 ||
			    !yes)
				continue;
			*id_r = v[i].id;
			snprintf(with, size, "%s:%s", other, v[i].value);
		}
		store_surges_free(v, nv);
		if (rc != 0)
			return -1;
	}
	return 0;
}

/* Records and announces the episode of dim = value over its tickets t
 * (n, newest first; total in all): the common words come from all n,
 * SURGE_LISTED are named. */
static int
surge_begin(struct surge_ctx *x, const char *dim, const char *value,
            enum surge_kind kind, const struct surge_counts *c,
            const struct store_surge_ticket *t, size_t n, long long total)
{
	char words[512] = "", with[320];
	struct outbound_surge s = {
	    .dimension = dim,
	    .value = value,
	    .burst = kind == SURGE_URGENT,
	    .count = c->count,
	    .urgent = c->urgent,
	    .usual = surge_usual(&x->rule, c),
	    .started = x->now,
	    .tickets = t,
	    .n = n < SURGE_LISTED ? n : SURGE_LISTED,
	    .total = total,
	    .words = words,
	};
	long long id, cover;

	if (surge_cover(x, dim, t, n, &cover, with, sizeof(with)) != 0 ||
	    store_surge_start(x->store, dim, value, surge_kind_name(kind),
	                      x->now, total, t[0].id, cover, &id) != 0)
		return -1;
	x->res->opened++;
	x->res->joined += cover >= 0;
	if (cover >= 0)
		return surge_join(x, &s, kind, c, with);
	surge_words(t, n, words, sizeof(words));
	return surge_announce(x, id, &s, kind, c);
}

/* A new episode of dim = value: its row, event, alerts and log line. */
static int
surge_open(struct surge_ctx *x, const char *dim, const char *value,
           enum surge_kind kind, const struct surge_counts *c)
{
	long long from = x->now - surge_span(&x->rule), total = 0;
	struct store_surge_ticket *t = NULL;
	size_t n = 0;
	int rc = -1;

	if (store_surge_tickets(x->store, dim, value, from, x->now,
	                        SURGE_WORDS_FROM, &t, &n) == 0 &&
	    store_surge_count_value(x->store, dim, value, from, x->now,
	                            &total) == 0)
		/* A surge has tickets: none is nothing to announce. */
		rc = n > 0 ? surge_begin(x, dim, value, kind, c, t, n, total)
		           : 0;
	store_surge_tickets_free(t, n);
	return rc;
}

/* The open episode ep surges on: last seen now, its tickets counted. */
static int
surge_continue(struct surge_ctx *x, const struct store_surge *ep)
{
	long long from = ep->started - surge_span(&x->rule);
	long long total;

	x->res->ongoing++;
	if (store_surge_count_value(x->store, ep->dimension, ep->value, from,
	                            x->now, &total) != 0)
		return -1;
	return store_surge_seen(x->store, ep->id, x->now, total);
}

static int
surge_close(struct surge_ctx *x, const struct store_surge *ep)
{
	char value[160];

	x->res->closed++;
	if (store_surge_end(x->store, ep->id, x->now) != 0)
		return -1;
	log_info("surge: over event=surge.ended dimension=%s value=%s "
	         "started=%lld last_seen=%lld tickets=%lld",
	         ep->dimension, log_quote(value, sizeof(value), ep->value),
	         ep->started, ep->last_seen, ep->tickets);
	return 0;
}

/* What the check does to dim = value: ep its open episode (NULL: none),
 * kind the verdict on c. */
static int
surge_apply(struct surge_ctx *x, const char *dim, const char *value,
            const struct store_surge *ep, enum surge_kind kind,
            const struct surge_counts *c)
{
	switch (surge_episode_step(&x->rule, kind != SURGE_NONE, ep != NULL,
	                           ep ? ep->last_seen : 0, x->now)) {
	case SURGE_STEP_OPEN:
		return surge_open(x, dim, value, kind, c);
	case SURGE_STEP_CONTINUE:
		return surge_continue(x, ep);
	case SURGE_STEP_CLOSE:
		return surge_close(x, ep);
	case SURGE_STEP_HOLD:
	case SURGE_STEP_NONE:
		break;
	}
	return 0;
}

static const struct store_surge *
surge_find(const struct store_surge *open, size_t n, const char *value)
{
	for (size_t i = 0; i < n; i++)
		if (strcmp(open[i].value, value) == 0)
			return &open[i];
	return NULL;
}

static bool
surge_counted(const struct store_surge_count *w, size_t n, const char *value)
{
	for (size_t i = 0; i < n; i++)
		if (strcmp(w[i].value, value) == 0)
			return true;
	return false;
}

/* Every value of dim with new tickets, then the open episodes of values
 * without any (quiet: they may end). */
static int
surge_dimension(struct surge_ctx *x, const char *dim)
{
	long long urgent_from = x->now - x->rule.urgent_window;
	struct store_surge_count *w = NULL;
	struct store_surge *open = NULL;
	size_t nw = 0, no = 0;
	int rc = -1;

	if (store_surge_window(x->store, dim, x->now - x->rule.window,
	                       urgent_from, x->now, &w, &nw) != 0 ||
	    store_surge_open(x->store, dim, &open, &no) != 0)
		goto out;
	rc = 0;
	for (size_t i = 0; i < nw && rc == 0; i++) {
		struct surge_counts c;
		rc = surge_counts_of(x, dim, &w[i], &c);
		if (rc == 0)
			rc = surge_apply(x, dim, w[i].value,
			                 surge_find(open, no, w[i].value),
			                 surge_check(&x->rule, &c), &c);
	}
	for (size_t i = 0; i < no && rc == 0; i++)
		if (!surge_counted(w, nw, open[i].value))
			rc = surge_apply(x, dim, open[i].value, &open[i],
			                 SURGE_NONE, NULL);
out:
	store_surge_counts_free(w, nw);
	store_surges_free(open, no);
	return rc;
}

int
surge_next_check(struct store *store, const struct conf *conf, long long *at_r)
{
	long long checked;

	*at_r = -1;
	if (!conf->surge.enabled)
		return 0;
	if (store_setting_get_int(store, SURGE_SETTING, &checked) < 0)
		return -1;
	*at_r = checked < 0 ? 0 : checked + conf->surge.check_every;
	return 0;
}

int
surge_run(struct store *store, const struct conf *conf,
          const struct outbound_config *ocfg, long long now,
          struct surge_run_result *res)
{
	struct surge_ctx x = {store, conf, ocfg, {0}, now, -1, res};
	long long due;

	memset(res, 0, sizeof(*res));
	if (!conf->surge.enabled)
		return 0;
	if (surge_next_check(store, conf, &due) != 0)
		return -1;
	/* Not due yet; a last check in the future (the clock went back)
	 * does not wait for it. */
	if (due > now && due - conf->surge.check_every <= now)
		return 0;
	surge_rule_of(&conf->surge, &x.rule);
	if (store_surge_oldest(store, &x.oldest) != 0)
		return -1;
	for (size_t i = 0; store_surge_dimensions[i] != NULL; i++)
		if (surge_dimension(&x, store_surge_dimensions[i]) != 0)
			return -1;
	res->checked = true;
	return store_setting_put_int(store, SURGE_SETTING, now);
}
