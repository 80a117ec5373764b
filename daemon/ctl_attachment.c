/*
 * ctl_attachment: "attachment get ID" — an attachment's bytes, as the
 * customer sent them, into a file (by default its own name, in the
 * current directory, never over an existing file) or to stdout ("-o -").
 * The ids are in "show".
 */
#include "ctl.h"

#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <stdlib.h>
#include <string.h>
#include <sysexits.h>
#include <unistd.h>

/* A file name from the customer is a name, never a path: its last part,
 * without leading dots or control characters; "attachment-ID" when
 * nothing is left. */
static void
ctl_attachment_name(const char *given, long long id, char *buf, size_t size)
{
	const char *base = given ? strrchr(given, '/') : NULL;
	size_t n = 0;

	base = base ? base + 1 : given ? given : "";
	base += strspn(base, ".");
	for (; *base != '\0' && n + 1 < size; base++)
		if ((unsigned char)*base >= 0x20 && *base != 0x7f &&
		    *base != '\\')
			buf[n++] = *base;
	buf[n] = '\0';
	if (n == 0)
		snprintf(buf, size, "attachment-%lld", id);
}

/* data to path ("-": stdout); a new file only.  0 or the exit status. */
static int
ctl_attachment_write(const char *path, const void *data, size_t len)
{
	bool out = strcmp(path, "-") == 0;
	int fd =
	    out ? STDOUT_FILENO
	        : open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
	size_t done = 0;

	if (fd < 0) {
		fprintf(stderr, "complaintctl: cannot create %s: %s\n", path,
		        strerror(errno));
		return EX_CANTCREAT;
	}
	while (done < len) {
		ssize_t w = write(fd, (const char *)data + done, len - done);
		if (w < 0 && errno == EINTR)
			continue;
		if (w <= 0) {
			fprintf(stderr, "complaintctl: cannot write %s: %s\n",
			        out ? "stdout" : path, strerror(errno));
			if (!out)
				close(fd);
			return EX_IOERR;
		}
		done += (size_t)w;
	}
	if (!out && close(fd) != 0) {
		fprintf(stderr, "complaintctl: cannot write %s: %s\n", path,
		        strerror(errno));
		return EX_IOERR;
	}
	return 0;
}

static int
ctl_attachment_get(struct ctl *ctl, long long id, const char *path)
{
	char *filename = NULL, name[256];
	void *data = NULL;
	size_t len = 0;
	long long ticket = -1;
	int rc = store_attachment_get(ctl->store, id, &ticket, &filename, &data,
	                              &len),
	    status;

	if (rc == 0)
		fprintf(stderr,
		        "complaintctl: no attachment #%lld (complaintctl show "
		        "TICKET lists a ticket's attachments)\n",
		        id);
	else if (rc < 0)
		fprintf(stderr, "complaintctl: %s\n", store_error(ctl->store));
	if (rc != 1)
		return rc == 0 ? CTL_EX_NOTFOUND : EX_TEMPFAIL;
	ctl_attachment_name(filename, id, name, sizeof(name));
	if (data == NULL) {
		fprintf(
		    stderr,
		    "complaintctl: attachment %lld of ticket #%lld (%s) was "
		    "not kept: it was over the size limit\n",
		    id, ticket, name);
		free(filename);
		return CTL_EX_NOTFOUND;
	}
	status = ctl_attachment_write(path ? path : name, data, len);
	if (status == 0 && ctl->opts->json &&
	    (path == NULL || strcmp(path, "-") != 0)) {
		fputs("{", stdout);
		ctl_json_int(stdout, true, "attachment", id);
		ctl_json_int(stdout, false, "ticket", ticket);
		ctl_json_field(stdout, false, "file", path ? path : name);
		ctl_json_int(stdout, false, "size", (long long)len);
		fputs("}\n", stdout);
	} else if (status == 0 && (path == NULL || strcmp(path, "-") != 0)) {
		printf("%s: %zu bytes (ticket #%lld)\n", path ? path : name,
		       len, ticket);
	}
	free(filename);
	free(data);
	return status;
}

int
ctl_cmd_attachment(const struct ctl_options *opts, int argc, char **argv)
{
	static const struct option longopts[] = {
	    {"output", required_argument, NULL, 'o'},
	    {NULL, 0, NULL, 0},
	};
	const char *path = NULL;
	struct ctl ctl;
	long long id;
	int ch, status;

	while ((ch = getopt_long(argc, argv, "o:", longopts, NULL)) != -1) {
		if (ch != 'o')
			return EX_USAGE;
		path = optarg;
	}
	if (optind + 2 != argc || strcmp(argv[optind], "get") != 0 ||
	    ctl_parse_id(argv[optind + 1], &id) != 0) {
		fprintf(stderr, "usage: complaintctl attachment get ID "
		                "[-o FILE | -o -]\n");
		return EX_USAGE;
	}
	if ((status = ctl_open(opts, true, &ctl)) != 0)
		return status;
	status = ctl_attachment_get(&ctl, id, path);
	ctl_close(&ctl);
	return status;
}
