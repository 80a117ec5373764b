/*
 * testknob: a test-only way to kill the daemon at an exact point, the
 * isync way: COMPLAINTD_TEST_KILL_AT=N makes the Nth step (a mail stored
 * but not committed, a batch committed but not acted on, an action done
 * but not cleared) end the process with SIGKILL, so crash tests reach
 * every window deterministically.  Unset, it costs one atomic add.
 */
#ifndef COMPLAINTD_TESTKNOB_H
#define COMPLAINTD_TESTKNOB_H

/* Reads COMPLAINTD_TEST_KILL_AT; call once before threads start. */
void testknob_init(void);

/* Counts a step; kills the process when it is the chosen one. */
void testknob_step(const char *what);

#endif
