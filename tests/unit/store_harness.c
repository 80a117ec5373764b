/*
 * store_harness: see store_harness.h.
 */
#include "store_harness.h"

#include <ftw.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <unistd.h>

struct store *
store_harness_open(const char *name, char dir[PATH_MAX])
{
	char path[PATH_MAX + 32];
	struct store *store;
	char *err = NULL;

	snprintf(dir, PATH_MAX, "/tmp/%s.XXXXXX", name);
	if (mkdtemp(dir) == NULL) {
		perror("mkdtemp");
		return NULL;
	}
	snprintf(path, sizeof(path), "%s/c.db", dir);
	if ((store = store_open(path, &err)) == NULL) {
		fprintf(stderr, "%s: %s\n", name, err ? err : "no store");
		free(err);
		/* cmocka skips the teardown when the setup fails. */
		store_harness_remove(dir);
	}
	return store;
}

static int
store_harness_rm(const char *path, const struct stat *st, int flag,
                 struct FTW *ftw)
{
	(void)st;
	(void)flag;
	(void)ftw;
	return remove(path);
}

void
store_harness_remove(const char *dir)
{
	if (nftw(dir, store_harness_rm, 16, FTW_DEPTH | FTW_PHYS) != 0)
		fprintf(stderr, "could not remove %s\n", dir);
}
