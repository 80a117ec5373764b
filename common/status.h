/*
 * status: the moves a ticket may make between new, open, pending,
 * resolved and closed — the same rule whether an agent types
 * "complaintctl status" or writes "#status" in a mail.
 */
#ifndef COMPLAINTD_STATUS_H
#define COMPLAINTD_STATUS_H

#include <stdbool.h>

/* Whether a ticket that is from may become to. */
bool status_move_allowed(const char *from, const char *to);

/* Whether s is a status a ticket can be moved to (not "new"). */
bool status_is_target(const char *s);

#endif
