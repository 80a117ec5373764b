/*
 * desk_harness: see desk_harness.h.
 */
#include "desk_harness.h"

#include "store_harness.h"

#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

int
desk_harness_setup(void **state)
{
	struct desk_harness *h = calloc(1, sizeof(*h));

	if (h == NULL)
		return -1;
	if ((h->store = store_harness_open("test_desk", h->dir)) == NULL) {
		free(h);
		return -1;
	}
	*state = h;
	return 0;
}

int
desk_harness_teardown(void **state)
{
	struct desk_harness *h = *state;

	store_close(h->store);
	outbound_config_free(h->ocfg);
	ingest_rules_free(h->rules);
	conf_free(h->conf);
	store_harness_remove(h->dir);
	free(h);
	return 0;
}

static void
desk_harness_write(const struct desk_harness *h, const char *text, char *path,
                   size_t size)
{
	size_t len = strlen(text);
	int fd;

	snprintf(path, size, "%s/complaintd.conf", h->dir);
	fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
	assert_true(fd >= 0);
	assert_int_equal(write(fd, text, len), (ssize_t)len);
	assert_int_equal(close(fd), 0);
}

void
desk_harness_load(struct desk_harness *h, const char *text)
{
	char path[PATH_MAX + 32], err[512];
	unsigned char secret[STORE_SECRET_SIZE];
	struct conf_errors errors = {0};

	desk_harness_write(h, text, path, sizeof(path));
	h->conf = conf_load_all(path, &errors);
	for (size_t i = 0; i < errors.n; i++)
		fprintf(stderr, "%s\n", errors.v[i]);
	conf_errors_free(&errors);
	assert_non_null(h->conf);
	h->ocfg = outbound_config_new(h->conf, err, sizeof(err));
	if (h->ocfg == NULL)
		fprintf(stderr, "outbound_config_new: %s\n", err);
	assert_non_null(h->ocfg);
	h->rules = ingest_rules_new(h->conf, err, sizeof(err));
	assert_non_null(h->rules);
	assert_int_equal(store_secret(h->store, secret), 0);
	outbound_set_secret(h->ocfg, secret);
	ingest_config_init(&h->cfg, h->conf, h->rules);
	memcpy(h->cfg.secret, secret, sizeof(secret));
	h->cfg.out = h->ocfg;
}

size_t
desk_harness_outbox(struct desk_harness *h, const char *kind,
                    struct store_outbox **v_r)
{
	struct store_outbox *v;
	size_t n, k = 0;

	assert_int_equal(store_outbox_list(h->store, "all", &v, &n), 0);
	for (size_t i = 0; i < n; i++) {
		if (kind != NULL && strcmp(v[i].kind, kind) != 0) {
			store_outbox_clear(&v[i]);
			continue;
		}
		if (k != i) {
			v[k] = v[i];
			memset(&v[i], 0, sizeof(v[i]));
		}
		k++;
	}
	if (v_r != NULL)
		*v_r = v;
	else
		store_outbox_free(v, n);
	return k;
}
