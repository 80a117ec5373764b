/*
 * store_harness: what the unit tests that need a real store share — a
 * fresh temp dir with a store in it, and its removal afterwards.
 */
#ifndef COMPLAINTD_STORE_HARNESS_H
#define COMPLAINTD_STORE_HARNESS_H

#include <limits.h>

#include "store.h"

/*
 * A new directory /tmp/NAME.XXXXXX (its path into dir) holding a fresh
 * store, c.db.  The store, or NULL after saying why on stderr (nothing
 * is left behind then).
 */
struct store *store_harness_open(const char *name, char dir[PATH_MAX]);

/* Removes dir and everything in it (the store closed first). */
void store_harness_remove(const char *dir);

#endif
