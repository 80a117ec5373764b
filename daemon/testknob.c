/* testknob: the kill-at-step switch for crash tests. */
#include "testknob.h"

#include "log.h"

#include <signal.h>
#include <stdatomic.h>
#include <stdlib.h>

static long testknob_kill_at;
static atomic_long testknob_steps;

void
testknob_init(void)
{
	const char *v = getenv("COMPLAINTD_TEST_KILL_AT");

	testknob_kill_at = v != NULL ? strtol(v, NULL, 10) : 0;
	if (testknob_kill_at > 0)
		log_warnx("testknob: COMPLAINTD_TEST_KILL_AT=%ld: this process "
		          "kills itself at that step (tests only)",
		          testknob_kill_at);
}

void
testknob_step(const char *what)
{
	if (testknob_kill_at <= 0)
		return;
	if (atomic_fetch_add(&testknob_steps, 1) + 1 == testknob_kill_at) {
		log_warnx("testknob: killing at step %ld (%s)",
		          testknob_kill_at, what);
		raise(SIGKILL);
	}
}
