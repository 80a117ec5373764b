/*
 * fuzz_mime: libFuzzer harness for the MIME parser — any bytes must give a
 * message whose every string is valid UTF-8, within the limits, without a
 * crash, a leak or undefined behaviour.
 */
#include "charset.h"
#include "mime.h"

#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void
fuzz_check(const char *s)
{
	if (s != NULL && !charset_utf8_valid(s, strlen(s)))
		abort();
}

static void
fuzz_check_message(const struct mime_message *m,
                   const struct mime_limits *limits)
{
	size_t kept = 0;

	fuzz_check(m->subject);
	fuzz_check(m->text);
	fuzz_check(m->html);
	fuzz_check(m->from.name);
	fuzz_check(m->from.addr);
	fuzz_check(m->message_id);
	fuzz_check(m->in_reply_to);
	for (size_t i = 0; i < m->n_headers; i++) {
		fuzz_check(m->headers[i].name);
		fuzz_check(m->headers[i].value);
	}
	for (size_t i = 0; i < m->to.n; i++)
		fuzz_check(m->to.v[i].addr);
	for (size_t i = 0; i < m->references.n; i++)
		fuzz_check(m->references.v[i]);
	for (size_t i = 0; i < m->warnings.n; i++)
		fuzz_check(m->warnings.v[i]);
	for (size_t i = 0; i < m->n_attachments; i++) {
		const struct mime_attachment *a = &m->attachments[i];
		fuzz_check(a->filename);
		fuzz_check(a->content_type);
		if (a->data != NULL) {
			if (a->size > limits->max_attachment_size)
				abort();
			kept += a->size;
		}
	}
	if (kept > limits->max_attachments_total)
		abort();
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct mime_limits limits;
	struct mime_message *m;

	mime_limits_default(&limits);
	/* Small limits reach the limit paths with small inputs. */
	limits.max_attachment_size = 4096;
	limits.max_attachments_total = 16384;
	limits.max_parts = 64;
	limits.max_depth = 8;
	m = mime_parse((const char *)data, size, &limits);
	if (m == NULL)
		return 0;
	fuzz_check_message(m, &limits);
	mime_message_free(m);
	return 0;
}
