/*
 * conf_harness: what the configuration tests share — a fresh temp dir
 * per test, a text written there and loaded, and the check that an
 * invalid text is refused with "FILE:LINE: where ... what".  In a text,
 * "@@" marks the start of the line an error must name (it is removed
 * before the file is written).
 */
#ifndef COMPLAINTD_CONF_HARNESS_H
#define COMPLAINTD_CONF_HARNESS_H

#include <limits.h>
#include <stdbool.h>

#include "conf.h"

struct conf_harness {
	char dir[PATH_MAX];
	char path[PATH_MAX + 32];
	struct conf *conf;
	struct conf_errors errors;
};

/* cmocka setup and teardown: *state is a struct conf_harness. */
int conf_harness_setup(void **state);
int conf_harness_teardown(void **state);

/* Writes text (without its "@@" marks) and loads it; the line of the
 * first mark in *line_r (0: none).  t->conf and t->errors hold the
 * result until the next load. */
struct conf *conf_harness_load(struct conf_harness *t, const char *text,
                               unsigned *line_r);
/* Prints the errors of the last load (cmocka's print_message). */
void conf_harness_print_errors(const struct conf_harness *t);
/* text must load without an error. */
const struct conf *conf_harness_load_ok(struct conf_harness *t,
                                        const char *text);
/*
 * text must be refused with an error "PATH:LINE: " + where + ... + what,
 * LINE that of the "@@" mark; no_more: no other error either.
 */
void conf_harness_expect(struct conf_harness *t, const char *text,
                         const char *where, const char *what, bool no_more);

#define EXPECT(t, text, where, what)                                           \
	conf_harness_expect((t), (text), (where), (what), 1)

#endif
