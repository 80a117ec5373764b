/*
 * test_store_work: what complaintctl's assign, take and tag write — a
 * ticket's assignee and tags, with its "updated" time — on a real store
 * in a temporary directory; no such ticket is 0, and a rolled-back
 * change leaves nothing behind.
 */
#include "store.h"
#include "store_harness.h"

#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct work_test {
	char dir[PATH_MAX];
	struct store *store;
	long long ticket;
};

/* A store with one customer's ticket, created at 1000. */
static int
work_setup(void **state)
{
	struct work_test *t = calloc(1, sizeof(*t));
	long long customer;
	struct store_ticket_new nt = {
	    .subject = "Kettle broken",
	    .subject_norm = "kettle broken",
	    .mailbox = "support",
	    .language = "en",
	    .linked_ticket_id = -1,
	    .created = 1000,
	};

	if (t == NULL)
		return -1;
	if ((t->store = store_harness_open("test_store_work", t->dir)) == NULL)
		return -1;
	if (store_customer_upsert(t->store, "ann@example.net", "Ann", 1000,
	                          &customer) != 0)
		return -1;
	nt.customer_id = customer;
	if (store_ticket_insert(t->store, &nt, &t->ticket) != 0)
		return -1;
	*state = t;
	return 0;
}

static int
work_teardown(void **state)
{
	struct work_test *t = *state;

	store_close(t->store);
	store_harness_remove(t->dir);
	free(t);
	return 0;
}

/* The stored ticket (clear it after). */
static void
work_get(struct work_test *t, struct store_ticket *out)
{
	assert_int_equal(store_ticket_get(t->store, t->ticket, out), 1);
}

static void
test_assignee_set_and_cleared(void **state)
{
	struct work_test *t = *state;
	struct store_ticket tk;

	work_get(t, &tk);
	assert_null(tk.assignee);
	store_ticket_clear(&tk);
	assert_int_equal(
	    store_ticket_set_assignee(t->store, t->ticket, "alice", 2000), 1);
	work_get(t, &tk);
	assert_string_equal(tk.assignee, "alice");
	assert_int_equal(tk.updated, 2000);
	assert_int_equal(tk.created, 1000);
	/* The team and status are not the assignment's business. */
	assert_string_equal(tk.status, "new");
	store_ticket_clear(&tk);
	assert_int_equal(
	    store_ticket_set_assignee(t->store, t->ticket, NULL, 3000), 1);
	work_get(t, &tk);
	assert_null(tk.assignee);
	assert_int_equal(tk.updated, 3000);
	store_ticket_clear(&tk);
}

static void
test_assignee_counts_as_open(void **state)
{
	struct work_test *t = *state;
	struct store_agent a;

	assert_int_equal(store_agent_get(t->store, "bob", &a), 0);
	assert_int_equal(a.open, 0);
	assert_int_equal(
	    store_ticket_set_assignee(t->store, t->ticket, "bob", 2000), 1);
	assert_int_equal(store_agent_get(t->store, "bob", &a), 0);
	assert_int_equal(a.open, 1);
}

static void
test_tags_set_and_cleared(void **state)
{
	struct work_test *t = *state;
	struct store_ticket tk;

	work_get(t, &tk);
	assert_string_equal(tk.tags, "");
	store_ticket_clear(&tk);
	assert_int_equal(
	    store_ticket_set_tags(t->store, t->ticket, "vip,refund", 2000), 1);
	work_get(t, &tk);
	assert_string_equal(tk.tags, "vip,refund");
	assert_int_equal(tk.updated, 2000);
	store_ticket_clear(&tk);
	/* NULL is no tags: the column holds "", never NULL. */
	assert_int_equal(store_ticket_set_tags(t->store, t->ticket, NULL, 3000),
	                 1);
	work_get(t, &tk);
	assert_non_null(tk.tags);
	assert_string_equal(tk.tags, "");
	store_ticket_clear(&tk);
}

static void
test_no_such_ticket(void **state)
{
	struct work_test *t = *state;
	struct store_ticket tk;

	assert_int_equal(
	    store_ticket_set_assignee(t->store, t->ticket + 1, "alice", 2000),
	    0);
	assert_int_equal(
	    store_ticket_set_tags(t->store, t->ticket + 1, "vip", 2000), 0);
	assert_int_equal(store_ticket_get(t->store, t->ticket + 1, &tk), 0);
	work_get(t, &tk);
	assert_null(tk.assignee);
	assert_string_equal(tk.tags, "");
	assert_int_equal(tk.updated, 1000);
	store_ticket_clear(&tk);
}

static void
test_rollback_keeps_ticket(void **state)
{
	struct work_test *t = *state;
	struct store_ticket tk;

	assert_int_equal(store_begin(t->store), 0);
	assert_int_equal(
	    store_ticket_set_assignee(t->store, t->ticket, "alice", 2000), 1);
	assert_int_equal(
	    store_ticket_set_tags(t->store, t->ticket, "vip", 2000), 1);
	assert_int_equal(store_event_add(t->store, t->ticket, 2000,
	                                 "ticket.assigned", "carol",
	                                 "to alice (was nobody)", NULL),
	                 0);
	store_rollback(t->store);
	work_get(t, &tk);
	assert_null(tk.assignee);
	assert_string_equal(tk.tags, "");
	assert_int_equal(tk.updated, 1000);
	store_ticket_clear(&tk);
}

static void
test_commit_with_event(void **state)
{
	struct work_test *t = *state;
	struct store_event *ev = NULL;
	size_t n = 0;

	assert_int_equal(store_begin(t->store), 0);
	assert_int_equal(
	    store_ticket_set_tags(t->store, t->ticket, "vip", 2000), 1);
	assert_int_equal(store_event_add(t->store, t->ticket, 2000,
	                                 "ticket.tagged", "bob", "+vip", NULL),
	                 0);
	assert_int_equal(store_commit(t->store), 0);
	assert_int_equal(store_ticket_events(t->store, t->ticket, &ev, &n), 0);
	assert_int_equal(n, 1);
	assert_string_equal(ev[0].kind, "ticket.tagged");
	assert_string_equal(ev[0].actor, "bob");
	assert_string_equal(ev[0].detail, "+vip");
	store_events_free(ev, n);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
#define T(fn) cmocka_unit_test_setup_teardown(fn, work_setup, work_teardown)
	    T(test_assignee_set_and_cleared), T(test_assignee_counts_as_open),
	    T(test_tags_set_and_cleared),     T(test_no_such_ticket),
	    T(test_rollback_keeps_ticket),    T(test_commit_with_event),
#undef T
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
