/*
 * status: see status.h.
 */
#include "status.h"

#include <stddef.h>
#include <string.h>

/* The statuses a ticket may go to from each status. */
static const struct {
	const char *from, *to[4];
} status_moves[] = {
    {"new", {"open", "pending", "resolved", "closed"}},
    {"open", {"pending", "resolved", "closed", NULL}},
    {"pending", {"open", "resolved", "closed", NULL}},
    {"resolved", {"open", "closed", NULL, NULL}},
    {"closed", {"open", NULL, NULL, NULL}},
};

bool
status_move_allowed(const char *from, const char *to)
{
	for (size_t i = 0; i < sizeof(status_moves) / sizeof(*status_moves);
	     i++) {
		if (from == NULL || strcmp(status_moves[i].from, from) != 0)
			continue;
		for (int k = 0; k < 4 && status_moves[i].to[k]; k++)
			if (to != NULL &&
			    strcmp(status_moves[i].to[k], to) == 0)
				return true;
	}
	return false;
}

bool
status_is_target(const char *s)
{
	return status_move_allowed("new", s);
}
