/* store_p.h: what the store's files share and nobody else sees. */
#ifndef COMPLAINTD_STORE_P_H
#define COMPLAINTD_STORE_P_H

#include <stddef.h>

/* store_migrations[i] takes user_version i to i + 1. */
extern const char *const store_migrations[];
extern const size_t store_n_migrations;

#endif
