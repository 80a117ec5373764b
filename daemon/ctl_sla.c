/*
 * ctl_sla: "sla" — tickets at risk and breached, with the business time
 * left or overdue — and "status" — moving a ticket between open, pending,
 * resolved and closed, which pauses and resumes its resolution clock.
 */
#include "ctl.h"

#include "sla_ticket.h"

#include <getopt.h>
#include <stdlib.h>
#include <string.h>
#include <sysexits.h>
#include <time.h>

/* "2h 05m", "3d 4h", "45s"; negative values get a "-". */
static const char *
ctl_sla_span(long long s, char *buf, size_t size)
{
	const char *sign = s < 0 ? "-" : "";

	s = s < 0 ? -s : s;
	if (s >= 86400)
		snprintf(buf, size, "%s%lldd %lldh", sign, s / 86400,
		         s % 86400 / 3600);
	else if (s >= 3600)
		snprintf(buf, size, "%s%lldh %02lldm", sign, s / 3600,
		         s % 3600 / 60);
	else if (s >= 60)
		snprintf(buf, size, "%s%lldm %02llds", sign, s / 60, s % 60);
	else
		snprintf(buf, size, "%s%llds", sign, s);
	return buf;
}

/* One clock of one ticket that is at risk or breached. */
struct ctl_sla_row {
	size_t ticket; /* index in struct ctl_sla_list's tickets */
	const char *policy;
	int clock;
	long long due, left; /* left: business seconds, < 0 overdue */
	bool breached;
};

struct ctl_sla_list {
	struct store_ticket *tickets; /* each with a row or more */
	size_t n_tickets, cap_tickets;
	struct ctl_sla_row *rows;
	size_t n, cap;
};

/* The rows of clocks c that are at risk (their warning passed) or
 * breached, into out; returns how many.  The plan and deadlines are
 * computed once for all three clocks. */
static size_t
ctl_sla_clock_rows(const struct conf_policy *p, const struct sla_calendar *cal,
                   const struct sla_clocks *c, long long now,
                   struct ctl_sla_row out[SLA_CLOCKS])
{
	struct sla_event ev[SLA_MAX_EVENTS];
	long long warn[SLA_CLOCKS] = {SLA_NEVER, SLA_NEVER, SLA_NEVER};
	struct sla_deadlines dl;
	size_t n_ev = sla_plan(p, cal, c, ev), n = 0;

	sla_deadlines(p, cal, c, &dl);
	for (size_t i = 0; i < n_ev; i++)
		if (ev[i].kind == SLA_WARNING)
			warn[ev[i].clock] = ev[i].at;
	for (int k = 0; k < SLA_CLOCKS; k++) {
		struct ctl_sla_row *r = &out[n];
		if (dl.due[k] < 0 || dl.due[k] == SLA_NEVER || warn[k] > now)
			continue;
		memset(r, 0, sizeof(*r));
		r->policy = p->name;
		r->clock = k;
		r->due = dl.due[k];
		r->breached = dl.due[k] <= now;
		r->left = r->breached ? -sla_elapsed(cal, dl.due[k], now)
		                      : sla_elapsed(cal, now, dl.due[k]);
		n++;
	}
	return n;
}

int
ctl_sla_state(struct ctl *ctl, const struct sla_desk *desk,
              const struct store_ticket *t)
{
	const struct conf_policy *p = sla_ticket_policy(desk, t);
	struct ctl_sla_row rows[SLA_CLOCKS];
	int rc, state = CTL_SLA_FINE;
	struct store_sla s;
	struct sla_clocks c;
	size_t n;

	if (p == NULL)
		return CTL_SLA_FINE;
	if ((rc = store_sla_get(ctl->store, t->id, &s)) != 1)
		return rc < 0 ? -1 : CTL_SLA_FINE;
	sla_ticket_clocks(t, &s, &c);
	store_sla_clear(&s);
	n = ctl_sla_clock_rows(p, sla_calendar_of(desk, p), &c, time(NULL),
	                       rows);
	for (size_t i = 0; i < n; i++)
		state = rows[i].breached        ? CTL_SLA_BREACHED
		        : state == CTL_SLA_FINE ? CTL_SLA_AT_RISK
		                                : state;
	return state;
}

/* Ticket id's rows appended to l; 0 or -1. */
static int
ctl_sla_rows(struct ctl *ctl, const struct sla_desk *desk, long long id,
             long long now, struct ctl_sla_list *l)
{
	const struct conf_policy *p;
	struct store_ticket *t;
	struct store_sla s;
	struct sla_clocks c;
	struct ctl_sla_row rows[SLA_CLOCKS];
	size_t n;
	int rc;

	if (store_grow((void **)&l->tickets, l->n_tickets, &l->cap_tickets,
	               sizeof(*l->tickets)) != 0)
		return -1;
	t = &l->tickets[l->n_tickets];
	if ((rc = store_ticket_get(ctl->store, id, t)) != 1)
		return rc;
	if ((rc = store_sla_get(ctl->store, id, &s)) != 1 ||
	    (p = sla_ticket_policy(desk, t)) == NULL) {
		store_ticket_clear(t);
		store_sla_clear(&s);
		return rc < 0 ? -1 : 0;
	}
	sla_ticket_clocks(t, &s, &c);
	store_sla_clear(&s);
	n = ctl_sla_clock_rows(p, sla_calendar_of(desk, p), &c, now, rows);
	for (size_t i = 0; i < n; i++) {
		if (store_grow((void **)&l->rows, l->n, &l->cap,
		               sizeof(*l->rows)) != 0) {
			store_ticket_clear(t);
			return -1;
		}
		rows[i].ticket = l->n_tickets;
		l->rows[l->n++] = rows[i];
	}
	if (l->n > 0 && l->rows[l->n - 1].ticket == l->n_tickets)
		l->n_tickets++;
	else
		store_ticket_clear(t);
	return 0;
}

static void
ctl_sla_list_free(struct ctl_sla_list *l)
{
	for (size_t i = 0; i < l->n_tickets; i++)
		store_ticket_clear(&l->tickets[i]);
	free(l->tickets);
	free(l->rows);
}

/* Breached first, most overdue first; then least time left. */
static int
ctl_sla_cmp(const void *a, const void *b)
{
	const struct ctl_sla_row *x = a, *y = b;

	if (x->left != y->left)
		return x->left < y->left ? -1 : 1;
	return x->clock - y->clock;
}

static void
ctl_sla_table(const struct ctl_sla_list *l)
{
	const struct ctl_sla_row *v = l->rows;
	size_t n = l->n;
	char id[24], due[32], left[32];

	ctl_cell(stdout, "TICKET", 8);
	ctl_cell(stdout, "STATE", 9);
	ctl_cell(stdout, "CLOCK", 15);
	ctl_cell(stdout, "DUE", 17);
	ctl_cell(stdout, "LEFT", 9);
	ctl_cell(stdout, "POLICY", 14);
	ctl_cell(stdout, "SEVERITY", 9);
	ctl_cell(stdout, "ASSIGNEE", 10);
	ctl_cell(stdout, "SUBJECT", 0);
	putchar('\n');
	for (size_t i = 0; i < n; i++) {
		const struct ctl_sla_row *r = &v[i];
		const struct store_ticket *t = &l->tickets[r->ticket];
		snprintf(id, sizeof(id), "#%lld", t->id);
		ctl_cell(stdout, id, 8);
		ctl_cell(stdout, r->breached ? "breached" : "at risk", 9);
		ctl_cell(stdout, sla_clock_name((enum sla_clock)r->clock), 15);
		ctl_cell(stdout, ctl_time(r->due, due, sizeof(due)), 17);
		ctl_cell(stdout, ctl_sla_span(r->left, left, sizeof(left)), 9);
		ctl_cell(stdout, r->policy, 14);
		ctl_cell(stdout, t->severity ? t->severity : "-", 9);
		ctl_cell(stdout, t->assignee ? t->assignee : "-", 10);
		ctl_cell(stdout, t->subject, 0);
		putchar('\n');
	}
	if (n == 0)
		printf("(no ticket is at risk or overdue)\n");
}

static void
ctl_sla_json(const struct ctl_sla_list *l)
{
	fputs("[", stdout);
	for (size_t i = 0; i < l->n; i++) {
		const struct ctl_sla_row *r = &l->rows[i];
		const struct store_ticket *t = &l->tickets[r->ticket];
		fputs(i ? ",{" : "{", stdout);
		ctl_json_int(stdout, true, "ticket", t->id);
		ctl_json_field(stdout, false, "state",
		               r->breached ? "breached" : "at_risk");
		ctl_json_field(stdout, false, "clock",
		               sla_clock_name((enum sla_clock)r->clock));
		ctl_json_int(stdout, false, "due", r->due);
		ctl_json_int(stdout, false, "business_seconds_left", r->left);
		ctl_json_field(stdout, false, "policy", r->policy);
		ctl_json_field(stdout, false, "severity", t->severity);
		ctl_json_int(stdout, false, "priority", t->priority);
		ctl_json_field(stdout, false, "team", t->team);
		ctl_json_field(stdout, false, "assignee", t->assignee);
		ctl_json_field(stdout, false, "subject", t->subject);
		fputs("}", stdout);
	}
	fputs("]\n", stdout);
}

/* The longest target: no warning comes earlier before its deadline. */
static long long
ctl_sla_horizon(const struct conf *conf)
{
	long long h = 0;

	for (size_t i = 0; i < conf->n_policies; i++) {
		const struct conf_policy *p = &conf->policies[i];
		long long t[] = {p->first_response, p->next_response,
		                 p->resolution};
		for (int k = 0; k < 3; k++)
			h = t[k] > h ? t[k] : h;
	}
	/* Business time: a deadline is at most that far in wall time
	 * when the calendar is always open, further otherwise. */
	return h * 8 + 14 * 86400;
}

static int
ctl_sla_collect(struct ctl *ctl, const struct sla_desk *desk,
                struct ctl_sla_list *l)
{
	long long now = time(NULL), *ids;
	size_t n_ids;
	int rc = 0;

	memset(l, 0, sizeof(*l));
	if (store_sla_watch(ctl->store, now + ctl_sla_horizon(ctl->conf), &ids,
	                    &n_ids) != 0)
		return -1;
	for (size_t i = 0; i < n_ids && rc == 0; i++)
		rc = ctl_sla_rows(ctl, desk, ids[i], now, l);
	free(ids);
	qsort(l->rows, l->n, sizeof(*l->rows), ctl_sla_cmp);
	return rc < 0 ? -1 : 0;
}

int
ctl_cmd_sla(const struct ctl_options *opts, int argc, char **argv)
{
	struct ctl_sla_list l;
	struct sla_desk *desk;
	struct ctl ctl;
	char err[300];
	int status;

	(void)argv;
	if (argc != 1) {
		fprintf(stderr, "usage: complaintctl sla\n");
		return EX_USAGE;
	}
	if ((status = ctl_open(opts, true, &ctl)) != 0)
		return status;
	if ((desk = sla_desk_new(ctl.conf, err, sizeof(err))) == NULL) {
		fprintf(stderr, "complaintctl: %s\n", err);
		ctl_close(&ctl);
		return EX_CONFIG;
	}
	if (!sla_desk_active(desk))
		fprintf(stderr, "complaintctl: no SLA policies are configured "
		                "(see policies in the configuration)\n");
	if (ctl_sla_collect(&ctl, desk, &l) != 0) {
		fprintf(stderr, "complaintctl: %s; try again (exit 75)\n",
		        store_error(ctl.store));
		status = EX_TEMPFAIL;
	} else if (opts->json) {
		ctl_sla_json(&l);
	} else {
		ctl_sla_table(&l);
	}
	ctl_sla_list_free(&l);
	sla_desk_free(desk);
	ctl_close(&ctl);
	return status;
}
