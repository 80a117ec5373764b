/*
 * ctl_ticket: "list" and "show" — the tickets, newest first, and one
 * ticket with its whole thread, attachments, parse warnings and events.
 */
#include "ctl.h"

#include <getopt.h>
#include <stdlib.h>
#include <string.h>
#include <sysexits.h>
#include <time.h>

static const char *
ctl_customer(const struct store_ticket *t, char *buf, size_t size)
{
	if (t->customer_address == NULL || t->customer_address[0] == '\0')
		return "(unknown sender)";
	if (t->customer_name == NULL || t->customer_name[0] == '\0')
		return t->customer_address;
	snprintf(buf, size, "%s <%s>", t->customer_name, t->customer_address);
	return buf;
}

static void
ctl_ticket_json(FILE *out, const struct store_ticket *t)
{
	ctl_json_int(out, true, "id", t->id);
	ctl_json_field(out, false, "status", t->status);
	ctl_json_field(out, false, "subject", t->subject);
	ctl_json_field(out, false, "customer", t->customer_address);
	ctl_json_field(out, false, "customer_name", t->customer_name);
	ctl_json_field(out, false, "mailbox", t->mailbox);
	ctl_json_field(out, false, "language", t->language);
	ctl_json_field(out, false, "order_number", t->order_number);
	ctl_json_field(out, false, "expected_resolution",
	               t->expected_resolution);
	ctl_json_field(out, false, "category", t->category);
	ctl_json_field(out, false, "severity", t->severity);
	ctl_json_int(out, false, "priority", t->priority);
	ctl_json_field(out, false, "team", t->team);
	ctl_json_field(out, false, "assignee", t->assignee);
	ctl_json_field(out, false, "tags", t->tags);
	ctl_json_field(out, false, "product", t->product);
	ctl_json_field(out, false, "reasons", t->reasons);
	ctl_json_field(out, false, "rules", t->rules_fired);
	if (t->confidence >= 0)
		fprintf(out, ",\"confidence\":%.2f", t->confidence);
	else
		fputs(",\"confidence\":null", out);
	ctl_json_field(out, false, "customer_tier", t->customer_tier);
	fprintf(out, ",\"linked_ticket\":");
	t->linked_ticket_id > 0 ? fprintf(out, "%lld", t->linked_ticket_id)
	                        : fprintf(out, "null");
	ctl_json_int(out, false, "created", t->created);
	ctl_json_int(out, false, "updated", t->updated);
	ctl_json_int(out, false, "messages", t->n_messages);
}

static void
ctl_list_table(const struct store_ticket *v, size_t n)
{
	char when[32], who[512];

	ctl_cell(stdout, "ID", 6);
	ctl_cell(stdout, "RECEIVED", 16);
	ctl_cell(stdout, "STATUS", 8);
	ctl_cell(stdout, "PRIO", 5);
	ctl_cell(stdout, "SEVERITY", 9);
	ctl_cell(stdout, "CATEGORY", 17);
	ctl_cell(stdout, "ASSIGNEE", 10);
	ctl_cell(stdout, "CUSTOMER", 24);
	ctl_cell(stdout, "SUBJECT", 0);
	putchar('\n');
	for (size_t i = 0; i < n; i++) {
		char id[24], prio[24];
		snprintf(id, sizeof(id), "#%lld", v[i].id);
		snprintf(prio, sizeof(prio), "%lld", v[i].priority);
		ctl_cell(stdout, id, 6);
		ctl_cell(stdout, ctl_time(v[i].created, when, sizeof(when)),
		         16);
		ctl_cell(stdout, v[i].status, 8);
		ctl_cell(stdout, prio, 5);
		ctl_cell(stdout, v[i].severity ? v[i].severity : "-", 9);
		ctl_cell(stdout, v[i].category ? v[i].category : "-", 17);
		ctl_cell(stdout, v[i].assignee ? v[i].assignee : "-", 10);
		ctl_cell(stdout, ctl_customer(&v[i], who, sizeof(who)), 24);
		ctl_cell(stdout,
		         v[i].subject[0] ? v[i].subject : "(no subject)", 0);
		putchar('\n');
	}
}

static void
ctl_list_usage(FILE *out)
{
	fprintf(out, "usage: complaintctl list [--status S] [--mailbox M] "
	             "[--team T] [--assignee A]\n"
	             "  [--severity S] [--category C] [--customer ADDRESS] "
	             "[--tag T] [--text WORDS]\n"
	             "  [--breached] [--at-risk] [--sort priority|due|age] "
	             "[--limit N]\n"
	             "Newest first unless sorted: priority highest first, due "
	             "earliest deadline first,\nage oldest first.  --text "
	             "looks in subjects and mail text.\n");
}

/* The list's options into filter; *at_risk for --at-risk.  0, -1 after
 * --help, or the exit status after saying what is wrong. */
static int
ctl_list_options(int argc, char **argv, struct store_ticket_filter *filter,
                 bool *at_risk)
{
	static const struct option longopts[] = {
	    {"status", required_argument, NULL, 's'},
	    {"mailbox", required_argument, NULL, 'm'},
	    {"team", required_argument, NULL, 'T'},
	    {"assignee", required_argument, NULL, 'a'},
	    {"severity", required_argument, NULL, 'S'},
	    {"category", required_argument, NULL, 'c'},
	    {"customer", required_argument, NULL, 'C'},
	    {"tag", required_argument, NULL, 'g'},
	    {"text", required_argument, NULL, 't'},
	    {"breached", no_argument, NULL, 'b'},
	    {"at-risk", no_argument, NULL, 'r'},
	    {"sort", required_argument, NULL, 'o'},
	    {"limit", required_argument, NULL, 'n'},
	    {"help", no_argument, NULL, 'h'},
	    {NULL, 0, NULL, 0},
	};
	const char **text[] = {
	    ['s'] = &filter->status,   ['m'] = &filter->mailbox,
	    ['T'] = &filter->team,     ['a'] = &filter->assignee,
	    ['S'] = &filter->severity, ['c'] = &filter->category,
	    ['C'] = &filter->customer, ['g'] = &filter->tag,
	    ['t'] = &filter->text,     ['o'] = &filter->sort,
	};
	int ch;

	while ((ch = getopt_long(argc, argv, "s:m:n:t:h", longopts, NULL)) !=
	       -1) {
		if (ch == 'h') {
			ctl_list_usage(stdout);
			return -1;
		}
		if (ch == 'b')
			filter->breached = true;
		else if (ch == 'r')
			*at_risk = true;
		else if (ch == 'n' && atoi(optarg) > 0)
			filter->limit = (size_t)atoi(optarg);
		else if (ch > 0 && ch < (int)(sizeof(text) / sizeof(*text)) &&
		         text[ch] != NULL)
			*text[ch] = optarg;
		else
			return EX_USAGE;
	}
	if (optind != argc ||
	    (filter->sort != NULL && strcmp(filter->sort, "priority") != 0 &&
	     strcmp(filter->sort, "due") != 0 &&
	     strcmp(filter->sort, "age") != 0)) {
		ctl_list_usage(stderr);
		return EX_USAGE;
	}
	return 0;
}

/* Keeps the tickets that are at risk (a warning passed, no deadline
 * yet); the limit applies after. */
static int
ctl_list_at_risk(struct ctl *ctl, struct store_ticket *v, size_t *n,
                 size_t limit)
{
	struct sla_desk *desk;
	char err[300];
	size_t k = 0;
	int rc = 0;

	if ((desk = sla_desk_new(ctl->conf, err, sizeof(err))) == NULL) {
		fprintf(stderr, "complaintctl: %s\n", err);
		return -1;
	}
	for (size_t i = 0; i < *n; i++) {
		int state = rc == 0 ? ctl_sla_state(ctl, desk, &v[i]) : -1;
		if (state < 0)
			rc = -1;
		if (state == CTL_SLA_AT_RISK && (limit == 0 || k < limit)) {
			if (k != i)
				v[k] = v[i];
			k++;
		} else {
			store_ticket_clear(&v[i]);
		}
	}
	*n = k;
	sla_desk_free(desk);
	return rc;
}

int
ctl_cmd_list(const struct ctl_options *opts, int argc, char **argv)
{
	struct store_ticket_filter filter = {.now = time(NULL)};
	struct store_ticket *v = NULL;
	bool at_risk = false;
	size_t n = 0, limit;
	struct ctl ctl;
	int status;

	if ((status = ctl_list_options(argc, argv, &filter, &at_risk)) != 0)
		return status < 0 ? EX_OK : status;
	/* At risk is decided here, after the store's filters. */
	limit = filter.limit;
	if (at_risk)
		filter.limit = 0;
	if ((status = ctl_open(opts, true, &ctl)) != 0)
		return status;
	if (store_ticket_list(ctl.store, &filter, &v, &n) != 0) {
		fprintf(stderr, "complaintctl: %s\n", store_error(ctl.store));
		status = store_error_transient(ctl.store) ? EX_TEMPFAIL
		                                          : EX_SOFTWARE;
		ctl_close(&ctl);
		return status;
	}
	if (at_risk && ctl_list_at_risk(&ctl, v, &n, limit) != 0) {
		for (size_t i = 0; i < n; i++)
			store_ticket_clear(&v[i]);
		free(v);
		ctl_close(&ctl);
		return EX_TEMPFAIL;
	}
	if (opts->json) {
		fputs("[", stdout);
		for (size_t i = 0; i < n; i++) {
			fputs(i ? ",{" : "{", stdout);
			ctl_ticket_json(stdout, &v[i]);
			fputs("}", stdout);
		}
		fputs("]\n", stdout);
	} else {
		ctl_list_table(v, n);
	}
	for (size_t i = 0; i < n; i++)
		store_ticket_clear(&v[i]);
	free(v);
	ctl_close(&ctl);
	return EX_OK;
}

/* ---- show --------------------------------------------------------------- */

struct ctl_thread {
	struct store_ticket t;
	struct store_sla sla;
	struct store_message *msgs;
	size_t n_msgs;
	struct store_event *events;
	size_t n_events;
	struct store_survey survey;
	bool has_survey;
};

static void
ctl_thread_free(struct ctl_thread *th)
{
	store_survey_clear(&th->survey);
	store_ticket_clear(&th->t);
	store_sla_clear(&th->sla);
	store_messages_free(th->msgs, th->n_msgs);
	store_events_free(th->events, th->n_events);
}

static void
ctl_show_message_json(FILE *out, const struct store_message *m)
{
	fputs("{", out);
	ctl_json_int(out, true, "id", m->id);
	ctl_json_field(out, false, "direction", m->direction);
	ctl_json_field(out, false, "kind", m->kind);
	ctl_json_field(out, false, "message_id", m->message_id);
	ctl_json_field(out, false, "from", m->from_addr);
	ctl_json_field(out, false, "from_name", m->from_name);
	ctl_json_field(out, false, "to", m->to_addrs);
	ctl_json_field(out, false, "cc", m->cc_addrs);
	ctl_json_field(out, false, "subject", m->subject);
	ctl_json_int(out, false, "date", m->date);
	ctl_json_int(out, false, "received", m->received);
	ctl_json_field(out, false, "mailbox", m->mailbox);
	ctl_json_field(out, false, "text", m->body_text);
	ctl_json_field(out, false, "parse_warnings", m->parse_warnings);
	ctl_json_field(out, false, "auto", m->auto_markers);
	fputs(",\"attachments\":[", out);
	for (size_t i = 0; i < m->n_attachments; i++) {
		const struct store_attachment *a = &m->attachments[i];
		fputs(i ? ",{" : "{", out);
		ctl_json_int(out, true, "id", a->id);
		ctl_json_field(out, false, "filename", a->filename);
		ctl_json_field(out, false, "content_type", a->content_type);
		ctl_json_int(out, false, "size", a->size);
		ctl_json_field(out, false, "sha256", a->sha256);
		fprintf(out, ",\"stored\":%s}", a->has_data ? "true" : "false");
	}
	fputs("]}", out);
}

/* ,"sla":{...}: the policy, each clock's deadline, what stopped them. */
static void
ctl_show_sla_json(FILE *out, const struct store_sla *s)
{
	fputs(",\"sla\":{", out);
	ctl_json_field(out, true, "policy", s->policy);
	ctl_json_int(out, false, "first_response_due", s->due[0]);
	ctl_json_int(out, false, "next_response_due", s->due[1]);
	ctl_json_int(out, false, "resolution_due", s->due[2]);
	ctl_json_int(out, false, "first_response", s->first_response);
	ctl_json_int(out, false, "waiting_since", s->waiting_since);
	ctl_json_int(out, false, "paused_since", s->paused_since);
	ctl_json_int(out, false, "paused_seconds", s->paused_total);
	ctl_json_int(out, false, "next_event", s->next);
	fputs("}", out);
}

static void
ctl_show_json(const struct ctl_thread *th)
{
	FILE *out = stdout;

	fputs("{", out);
	ctl_ticket_json(out, &th->t);
	ctl_show_sla_json(out, &th->sla);
	ctl_survey_json(out, th->has_survey ? &th->survey : NULL);
	fputs(",\"thread\":[", out);
	for (size_t i = 0; i < th->n_msgs; i++) {
		fputs(i ? "," : "", out);
		ctl_show_message_json(out, &th->msgs[i]);
	}
	fputs("],\"events\":[", out);
	for (size_t i = 0; i < th->n_events; i++) {
		const struct store_event *e = &th->events[i];
		fputs(i ? ",{" : "{", out);
		ctl_json_int(out, true, "time", e->time);
		ctl_json_field(out, false, "kind", e->kind);
		ctl_json_field(out, false, "actor", e->actor);
		ctl_json_field(out, false, "detail", e->detail);
		fputs("}", out);
	}
	fputs("]}\n", out);
}

static void
ctl_show_field(const char *name, const char *value)
{
	if (value != NULL && value[0] != '\0')
		printf("%-10s %s\n", name, value);
}

static void
ctl_show_header(const struct ctl *ctl, const struct store_ticket *t)
{
	char who[512], when[32], linked[32];

	printf("Ticket #%lld  [%s #%lld]\n", t->id, ctl->conf->desk.ticket_tag,
	       t->id);
	ctl_show_field("Subject", t->subject);
	ctl_show_field("Status", t->status);
	ctl_show_field("Customer", ctl_customer(t, who, sizeof(who)));
	ctl_show_field("Mailbox", t->mailbox);
	ctl_show_field("Language", t->language);
	ctl_show_field("Category", t->category);
	ctl_show_field("Severity", t->severity);
	snprintf(linked, sizeof(linked), "%lld", t->priority);
	ctl_show_field("Priority", linked);
	ctl_show_field("Team", t->team);
	ctl_show_field("Assignee", t->assignee ? t->assignee
	                           : t->team   ? "(in the team queue)"
	                                       : NULL);
	ctl_show_field("Product", t->product);
	ctl_show_field("Tags", t->tags);
	ctl_show_field("Rules", t->rules_fired);
	ctl_show_field("Why", t->reasons);
	ctl_show_field("Order", t->order_number);
	ctl_show_field("Expects", t->expected_resolution);
	ctl_show_field("Created", ctl_time(t->created, when, sizeof(when)));
	ctl_show_field("Updated", ctl_time(t->updated, when, sizeof(when)));
	if (t->linked_ticket_id > 0) {
		snprintf(linked, sizeof(linked), "#%lld", t->linked_ticket_id);
		ctl_show_field("Linked", linked);
	}
}

static void
ctl_show_message(const struct store_message *m, size_t index)
{
	char when[32];

	printf("\n--- %zu. %s %s from %s%s%s%s\n", index + 1,
	       strcmp(m->direction, "in") == 0 ? "received" : "sent",
	       ctl_time(m->received, when, sizeof(when)),
	       m->from_addr && m->from_addr[0] ? m->from_addr : "(unknown)",
	       m->mailbox ? " via " : "", m->mailbox ? m->mailbox : "",
	       m->auto_markers ? " [automatic]" : "");
	ctl_show_field("Subject", m->subject);
	ctl_show_field("To", m->to_addrs);
	ctl_show_field("Cc", m->cc_addrs);
	ctl_show_field("Auto", m->auto_markers);
	if (m->parse_warnings != NULL)
		printf("Warnings   %s\n", m->parse_warnings);
	for (size_t i = 0; i < m->n_attachments; i++) {
		const struct store_attachment *a = &m->attachments[i];
		printf(
		    "Attached   %s (%s, %lld bytes%s; attachment get %lld)\n",
		    a->filename ? a->filename : "(unnamed)", a->content_type,
		    a->size,
		    a->has_data ? "" : ", not kept: over the size limit",
		    a->id);
	}
	printf("\n%s\n",
	       m->body_text && m->body_text[0] ? m->body_text : "(no text)");
}

/* The policy and each clock: its deadline, or why it has none. */
static void
ctl_show_sla(const struct store_ticket *t, const struct store_sla *s)
{
	static const char *const names[] = {"First resp", "Next resp",
	                                    "Resolution"};
	char when[32], line[96];

	if (s->policy == NULL)
		return;
	ctl_show_field("Policy", s->policy);
	for (int k = 0; k < 3; k++) {
		if (s->due[k] >= 0)
			snprintf(line, sizeof(line), "due %s",
			         ctl_time(s->due[k], when, sizeof(when)));
		else if (k == 0 && s->first_response >= 0)
			snprintf(
			    line, sizeof(line), "answered %s",
			    ctl_time(s->first_response, when, sizeof(when)));
		else if (k == 2 && t->resolved >= 0)
			snprintf(line, sizeof(line), "resolved %s",
			         ctl_time(t->resolved, when, sizeof(when)));
		else if (k == 2 && s->paused_since >= 0)
			snprintf(line, sizeof(line), "paused since %s",
			         ctl_time(s->paused_since, when, sizeof(when)));
		else
			continue;
		ctl_show_field(names[k], line);
	}
}

static void
ctl_show_text(const struct ctl *ctl, const struct ctl_thread *th)
{
	char when[32];

	ctl_show_header(ctl, &th->t);
	ctl_show_sla(&th->t, &th->sla);
	if (th->has_survey)
		ctl_survey_text(&th->survey);
	for (size_t i = 0; i < th->n_msgs; i++)
		ctl_show_message(&th->msgs[i], i);
	if (th->n_events > 0)
		printf("\n--- events\n");
	for (size_t i = 0; i < th->n_events; i++) {
		const struct store_event *e = &th->events[i];
		printf("%s  %-20s %s\n", ctl_time(e->time, when, sizeof(when)),
		       e->kind, e->detail ? e->detail : "");
	}
}

/* 1 loaded, 0 no such ticket, -1 store failure. */
static int
ctl_thread_load(struct store *store, long long id, struct ctl_thread *th)
{
	int rc;

	memset(th, 0, sizeof(*th));
	if ((rc = store_ticket_get(store, id, &th->t)) != 1)
		return rc;
	if (store_sla_get(store, id, &th->sla) != 1)
		return -1;
	if ((rc = store_survey_get(store, id, &th->survey)) < 0)
		return -1;
	th->has_survey = rc == 1;
	if (store_ticket_messages(store, id, &th->msgs, &th->n_msgs) != 0 ||
	    store_ticket_events(store, id, &th->events, &th->n_events) != 0)
		return -1;
	return 1;
}

int
ctl_cmd_show(const struct ctl_options *opts, int argc, char **argv)
{
	struct ctl_thread th;
	struct ctl ctl;
	long long id;
	int status, rc;

	if (argc != 2 || ctl_parse_id(argv[1], &id) != 0) {
		fprintf(stderr, "usage: complaintctl show ID\n");
		return EX_USAGE;
	}
	if ((status = ctl_open(opts, true, &ctl)) != 0)
		return status;
	rc = ctl_thread_load(ctl.store, id, &th);
	if (rc == 1 && opts->json)
		ctl_show_json(&th);
	else if (rc == 1)
		ctl_show_text(&ctl, &th);
	else if (rc == 0)
		fprintf(stderr, "complaintctl: no ticket #%lld\n", id);
	else
		fprintf(stderr, "complaintctl: %s\n", store_error(ctl.store));
	status = rc == 1 ? EX_OK : rc == 0 ? CTL_EX_NOTFOUND : EX_TEMPFAIL;
	ctl_thread_free(&th);
	ctl_close(&ctl);
	return status;
}
