/*
 * test_status: the moves a ticket may make — every pair of statuses
 * checked against the table people rely on (complaintctl status and
 * "#status" in an agent's mail).
 */
#include "status.h"

#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <string.h>

static void
test_every_move(void **state)
{
	static const char *const all[] = {"new", "open", "pending", "resolved",
	                                  "closed"};
	/* Rows: from; columns: to, in the order of all[]. */
	static const bool want[5][5] = {
	    {false, true, true, true, true},    /* new */
	    {false, false, true, true, true},   /* open */
	    {false, true, false, true, true},   /* pending */
	    {false, true, false, false, true},  /* resolved */
	    {false, true, false, false, false}, /* closed: reopen only */
	};

	(void)state;
	for (int f = 0; f < 5; f++)
		for (int t = 0; t < 5; t++)
			if (status_move_allowed(all[f], all[t]) != want[f][t])
				fail_msg("%s -> %s: got %d", all[f], all[t],
				         !want[f][t]);
	assert_false(status_move_allowed("open", "archived"));
	assert_false(status_move_allowed(NULL, "open"));
	assert_false(status_move_allowed("open", NULL));
	assert_true(status_is_target("closed"));
	assert_false(status_is_target("new"));
	assert_false(status_is_target("Closed"));
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_every_move),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
