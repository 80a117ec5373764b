/*
 * imap_ceiling: the fastest complaintd's fetcher could drain a folder —
 * what it does on the wire, minus the work.  Log in, SELECT, UID FETCH
 * 1:* (UID RFC822.SIZE), then BODY.PEEK[] in batches of up to 100 mails /
 * 8 MB, discarding the bytes.  Prints one line of figures for
 * tests/bench/bench_ingest.py.  Not a test: it asserts nothing on time.
 */
#include <getopt.h>
#include <libetpan/libetpan.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/time.h>
#include <time.h>

/* The fetcher's batch limits (daemon/fetcher_drain.c). */
#define CEILING_BATCH_BYTES (8LL << 20)

struct ceiling_opts {
	const char *host;
	uint16_t port;
	const char *user;
	char *password; /* ours: freed at exit */
	const char *folder;
	int starttls;
	size_t batch;
};

struct ceiling_uid {
	uint32_t uid;
	uint32_t size;
};

struct ceiling_totals {
	size_t mails;
	unsigned long long bytes;
};

static double
ceiling_now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static double
ceiling_seconds(const struct timeval *tv)
{
	return (double)tv->tv_sec + (double)tv->tv_usec / 1e6;
}

/*
 * Peak RSS in kB from /proc/self/status (VmHWM), -1 if unknown.  Not
 * getrusage's ru_maxrss: that survives execve, so it would report the
 * launching Python process's size.
 */
static long
ceiling_vmhwm_kb(void)
{
	char line[256];
	long kb = -1;
	FILE *f = fopen("/proc/self/status", "r");

	if (f == NULL)
		return -1;
	while (fgets(line, sizeof(line), f) != NULL)
		if (sscanf(line, "VmHWM: %ld kB", &kb) == 1)
			break;
	fclose(f);
	return kb;
}

static void
ceiling_usage(void)
{
	fprintf(
	    stderr,
	    "usage: imap_ceiling --host H --port P --user U --password-file "
	    "F\n"
	    "                    [--folder INBOX] [--starttls] [--batch "
	    "100]\n");
	exit(64);
}

/* The first line of path, without its newline; NULL when unreadable. */
static char *
ceiling_read_secret(const char *path)
{
	char buf[512];
	FILE *f = fopen(path, "r");

	if (f == NULL)
		return NULL;
	if (fgets(buf, sizeof(buf), f) == NULL)
		buf[0] = '\0';
	fclose(f);
	buf[strcspn(buf, "\r\n")] = '\0';
	return strdup(buf);
}

static void
ceiling_parse(int argc, char **argv, struct ceiling_opts *o)
{
	static const struct option longopts[] = {
	    {"host", required_argument, NULL, 'h'},
	    {"port", required_argument, NULL, 'p'},
	    {"user", required_argument, NULL, 'u'},
	    {"password-file", required_argument, NULL, 'w'},
	    {"folder", required_argument, NULL, 'f'},
	    {"starttls", no_argument, NULL, 's'},
	    {"batch", required_argument, NULL, 'b'},
	    {NULL, 0, NULL, 0},
	};
	int c;

	*o = (struct ceiling_opts){.folder = "INBOX", .batch = 100};
	while ((c = getopt_long(argc, argv, "", longopts, NULL)) != -1) {
		switch (c) {
		case 'h':
			o->host = optarg;
			break;
		case 'p':
			o->port = (uint16_t)atoi(optarg);
			break;
		case 'u':
			o->user = optarg;
			break;
		case 'w':
			free(o->password);
			o->password = ceiling_read_secret(optarg);
			break;
		case 'f':
			o->folder = optarg;
			break;
		case 's':
			o->starttls = 1;
			break;
		case 'b':
			o->batch = (size_t)atoi(optarg);
			break;
		default:
			ceiling_usage();
		}
	}
	if (o->host == NULL || o->port == 0 || o->user == NULL ||
	    o->password == NULL || o->batch == 0)
		ceiling_usage();
}

/* Prints what failed and the server's last words; returns -1. */
static int
ceiling_fail(mailimap *s, int rc, const char *what)
{
	fprintf(stderr, "imap_ceiling: %s failed: libetpan error %d: %s\n",
	        what, rc,
	        s->imap_response != NULL ? s->imap_response : "(no answer)");
	return -1;
}

static int
ceiling_open(mailimap *s, const struct ceiling_opts *o)
{
	int rc = mailimap_socket_connect(s, o->host, o->port);

	if (rc != MAILIMAP_NO_ERROR_NON_AUTHENTICATED &&
	    rc != MAILIMAP_NO_ERROR_AUTHENTICATED)
		return ceiling_fail(s, rc, "connect");
	if (o->starttls &&
	    (rc = mailimap_socket_starttls(s)) != MAILIMAP_NO_ERROR)
		return ceiling_fail(s, rc, "STARTTLS");
	if ((rc = mailimap_login(s, o->user, o->password)) != MAILIMAP_NO_ERROR)
		return ceiling_fail(s, rc, "LOGIN");
	if ((rc = mailimap_select(s, o->folder)) != MAILIMAP_NO_ERROR)
		return ceiling_fail(s, rc, "SELECT");
	return 0;
}

/* The UID, RFC822.SIZE and body length of one FETCH answer. */
static void
ceiling_item(struct mailimap_msg_att *att, uint32_t *uid_r, uint32_t *size_r,
             size_t *body_r)
{
	*uid_r = *size_r = 0;
	*body_r = 0;
	for (clistiter *c = clist_begin(att->att_list); c; c = clist_next(c)) {
		struct mailimap_msg_att_item *it = clist_content(c);
		struct mailimap_msg_att_static *st;

		if (it->att_type != MAILIMAP_MSG_ATT_ITEM_STATIC ||
		    (st = it->att_data.att_static) == NULL)
			continue;
		if (st->att_type == MAILIMAP_MSG_ATT_UID)
			*uid_r = st->att_data.att_uid;
		else if (st->att_type == MAILIMAP_MSG_ATT_RFC822_SIZE)
			*size_r = st->att_data.att_rfc822_size;
		else if (st->att_type == MAILIMAP_MSG_ATT_BODY_SECTION &&
		         st->att_data.att_body_section != NULL)
			*body_r = st->att_data.att_body_section->sec_length;
	}
}

static int
ceiling_compare_uid(const void *a, const void *b)
{
	uint32_t x = ((const struct ceiling_uid *)a)->uid;
	uint32_t y = ((const struct ceiling_uid *)b)->uid;

	return x < y ? -1 : x > y;
}

/*
 * UID FETCH 1:* (UID RFC822.SIZE) into a new sorted array (caller frees);
 * -1 on failure.
 */
static int
ceiling_list(mailimap *s, struct ceiling_uid **v_r, size_t *n_r)
{
	struct mailimap_fetch_type *ft =
	    mailimap_fetch_type_new_fetch_att_list_empty();
	struct mailimap_set *set = mailimap_set_new_interval(1, 0);
	struct ceiling_uid *v;
	clist *result = NULL;
	size_t n = 0, body;
	int rc;

	mailimap_fetch_type_new_fetch_att_list_add(
	    ft, mailimap_fetch_att_new_uid());
	mailimap_fetch_type_new_fetch_att_list_add(
	    ft, mailimap_fetch_att_new_rfc822_size());
	rc = mailimap_uid_fetch(s, set, ft, &result);
	mailimap_set_free(set);
	mailimap_fetch_type_free(ft);
	if (rc != MAILIMAP_NO_ERROR)
		return ceiling_fail(s, rc, "UID FETCH (UID RFC822.SIZE)");
	v = calloc(clist_count(result) + 1, sizeof(*v));
	for (clistiter *c = clist_begin(result); v && c; c = clist_next(c)) {
		ceiling_item(clist_content(c), &v[n].uid, &v[n].size, &body);
		n += v[n].uid != 0;
	}
	mailimap_fetch_list_free(result);
	if (v == NULL)
		return -1;
	qsort(v, n, sizeof(*v), ceiling_compare_uid);
	*v_r = v;
	*n_r = n;
	return 0;
}

/* A UID set with consecutive runs as ranges, as the daemon sends it. */
static struct mailimap_set *
ceiling_set(const struct ceiling_uid *v, size_t n)
{
	struct mailimap_set *set = mailimap_set_new_empty();

	for (size_t i = 0; i < n;) {
		size_t j = i;
		while (j + 1 < n && v[j + 1].uid == v[j].uid + 1)
			j++;
		mailimap_set_add_interval(set, v[i].uid, v[j].uid);
		i = j + 1;
	}
	return set;
}

/* UID FETCH set (UID BODY.PEEK[]), adding what came to *t. */
static int
ceiling_fetch(mailimap *s, const struct ceiling_uid *v, size_t n,
              struct ceiling_totals *t)
{
	struct mailimap_fetch_type *ft =
	    mailimap_fetch_type_new_fetch_att_list_empty();
	struct mailimap_set *set = ceiling_set(v, n);
	clist *result = NULL;
	uint32_t uid, size;
	size_t body;
	int rc;

	mailimap_fetch_type_new_fetch_att_list_add(
	    ft, mailimap_fetch_att_new_uid());
	mailimap_fetch_type_new_fetch_att_list_add(
	    ft, mailimap_fetch_att_new_body_peek_section(
	            mailimap_section_new(NULL)));
	rc = mailimap_uid_fetch(s, set, ft, &result);
	mailimap_set_free(set);
	mailimap_fetch_type_free(ft);
	if (rc != MAILIMAP_NO_ERROR)
		return ceiling_fail(s, rc, "UID FETCH BODY.PEEK[]");
	for (clistiter *c = clist_begin(result); c; c = clist_next(c)) {
		ceiling_item(clist_content(c), &uid, &size, &body);
		if (uid != 0) {
			t->mails++;
			t->bytes += body;
		}
	}
	mailimap_fetch_list_free(result);
	return 0;
}

/* Walks the list in the fetcher's batches: batch mails or 8 MB. */
static int
ceiling_drain(mailimap *s, const struct ceiling_uid *v, size_t n, size_t batch,
              struct ceiling_totals *t)
{
	size_t i = 0;

	while (i < n) {
		size_t k = 0;
		long long bytes = 0;

		while (i + k < n && k < batch &&
		       (k == 0 || bytes + v[i + k].size <= CEILING_BATCH_BYTES))
			bytes += v[i + k++].size;
		if (ceiling_fetch(s, v + i, k, t) != 0)
			return -1;
		i += k;
	}
	return 0;
}

int
main(int argc, char **argv)
{
	struct ceiling_opts o;
	struct ceiling_totals t = {0, 0};
	struct ceiling_uid *v = NULL;
	struct rusage ru;
	mailimap *s;
	double start, listed, end;
	size_t n = 0;
	int rc = 1;

	ceiling_parse(argc, argv, &o);
	if ((s = mailimap_new(0, NULL)) == NULL)
		return 1;
	mailimap_set_timeout(s, 120);
	start = ceiling_now();
	if (ceiling_open(s, &o) != 0 || ceiling_list(s, &v, &n) != 0)
		goto out;
	listed = ceiling_now();
	if (ceiling_drain(s, v, n, o.batch, &t) != 0)
		goto out;
	end = ceiling_now();
	mailimap_logout(s);
	getrusage(RUSAGE_SELF, &ru);
	printf("ceiling mails=%zu bytes=%llu seconds=%.6f list_seconds=%.6f "
	       "mails_per_s=%.1f mb_per_s=%.2f vmhwm_kb=%ld user_s=%.3f "
	       "sys_s=%.3f\n",
	       t.mails, t.bytes, end - start, listed - start,
	       (double)t.mails / (end - start),
	       (double)t.bytes / (1024.0 * 1024.0) / (end - start),
	       ceiling_vmhwm_kb(), ceiling_seconds(&ru.ru_utime),
	       ceiling_seconds(&ru.ru_stime));
	rc = t.mails == n ? 0 : 1;
	if (rc != 0)
		fprintf(stderr, "imap_ceiling: listed %zu mails, fetched %zu\n",
		        n, t.mails);
out:
	free(v);
	free(o.password);
	mailimap_free(s);
	return rc;
}
