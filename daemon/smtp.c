/*
 * smtp: the curl easy handle, its options from the configuration, and
 * reading the server's answer: the last reply line comes from curl's
 * debug callback, because curl's own message only says "RCPT failed".
 */
#include "smtp.h"

#include <curl/curl.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct smtp {
	CURL *curl;
	const struct conf_smtp *conf;
	char error[CURL_ERROR_SIZE];
	char last_line[512];  /* the server's last reply line */
	char last_error[512]; /* its last 4xx or 5xx line: after a refusal
	                         curl still says QUIT, and "221 Bye" explains
	                         nothing */
	/* The mail being read out. */
	const char *raw;
	size_t len, pos;
};

int
smtp_global_init(void)
{
	return curl_global_init(CURL_GLOBAL_DEFAULT) == CURLE_OK ? 0 : -1;
}

static size_t
smtp_read(char *buf, size_t size, size_t nitems, void *arg)
{
	struct smtp *s = arg;
	size_t n = size * nitems;

	if (n > s->len - s->pos)
		n = s->len - s->pos;
	memcpy(buf, s->raw + s->pos, n);
	s->pos += n;
	return n;
}

/* Keeps the last line the server sent, without its line end. */
static int
smtp_debug(CURL *curl, curl_infotype type, char *data, size_t size, void *arg)
{
	struct smtp *s = arg;
	size_t n = size;

	(void)curl;
	if (type != CURLINFO_HEADER_IN)
		return 0;
	while (n > 0 && (data[n - 1] == '\n' || data[n - 1] == '\r'))
		n--;
	if (n >= sizeof(s->last_line))
		n = sizeof(s->last_line) - 1;
	memcpy(s->last_line, data, n);
	s->last_line[n] = '\0';
	if (n > 0 && (data[0] == '4' || data[0] == '5'))
		memcpy(s->last_error, s->last_line, n + 1);
	return 0;
}

static int
smtp_setup(struct smtp *s)
{
	const struct conf_smtp *c = s->conf;
	CURL *h = s->curl;
	long tls = c->tls == CONF_SMTP_TLS_REQUIRED        ? CURLUSESSL_ALL
	           : c->tls == CONF_SMTP_TLS_OPPORTUNISTIC ? CURLUSESSL_TRY
	                                                   : CURLUSESSL_NONE;
	CURLcode rc = CURLE_OK;

	rc |= curl_easy_setopt(h, CURLOPT_URL, c->url);
	rc |= curl_easy_setopt(h, CURLOPT_USE_SSL, tls);
	rc |= curl_easy_setopt(h, CURLOPT_SSL_VERIFYPEER,
	                       c->tls_verify ? 1L : 0L);
	rc |= curl_easy_setopt(h, CURLOPT_SSL_VERIFYHOST,
	                       c->tls_verify ? 2L : 0L);
	if (c->ca_file != NULL)
		rc |= curl_easy_setopt(h, CURLOPT_CAINFO, c->ca_file);
	if (c->user != NULL) {
		rc |= curl_easy_setopt(h, CURLOPT_USERNAME, c->user);
		rc |= curl_easy_setopt(h, CURLOPT_PASSWORD, c->password);
	}
	rc |= curl_easy_setopt(h, CURLOPT_CONNECTTIMEOUT, c->timeout);
	/* A server that stops talking mid-mail: under 1 byte/s for timeout. */
	rc |= curl_easy_setopt(h, CURLOPT_LOW_SPEED_LIMIT, 1L);
	rc |= curl_easy_setopt(h, CURLOPT_LOW_SPEED_TIME, c->timeout);
	rc |= curl_easy_setopt(h, CURLOPT_NOSIGNAL, 1L);
	rc |= curl_easy_setopt(h, CURLOPT_ERRORBUFFER, s->error);
	rc |= curl_easy_setopt(h, CURLOPT_UPLOAD, 1L);
	rc |= curl_easy_setopt(h, CURLOPT_READFUNCTION, smtp_read);
	rc |= curl_easy_setopt(h, CURLOPT_READDATA, s);
	rc |= curl_easy_setopt(h, CURLOPT_DEBUGFUNCTION, smtp_debug);
	rc |= curl_easy_setopt(h, CURLOPT_DEBUGDATA, s);
	rc |= curl_easy_setopt(h, CURLOPT_VERBOSE, 1L);
	return rc == CURLE_OK ? 0 : -1;
}

struct smtp *
smtp_new(const struct conf_smtp *conf)
{
	struct smtp *s = calloc(1, sizeof(*s));

	if (s == NULL || (s->curl = curl_easy_init()) == NULL) {
		free(s);
		return NULL;
	}
	s->conf = conf;
	if (smtp_setup(s) != 0) {
		smtp_free(s);
		return NULL;
	}
	return s;
}

void
smtp_free(struct smtp *s)
{
	if (s == NULL)
		return;
	curl_easy_cleanup(s->curl);
	free(s);
}

/* Curl's failures that are the server's or the network's, not the mail's. */
static enum smtp_result
smtp_classify(CURLcode rc, long code)
{
	if (rc == CURLE_OK)
		return SMTP_SENT;
	/* A login the server refuses is a configuration to fix, not a mail
	 * to drop: it is retried (and logged) like a network failure. */
	if (rc == CURLE_LOGIN_DENIED)
		return SMTP_TEMPFAIL;
	if (code >= 500 && code < 600)
		return SMTP_PERMFAIL;
	return SMTP_TEMPFAIL;
}

enum smtp_result
smtp_send(struct smtp *s, const char *sender, const char *recipient,
          const char *raw, size_t len, long *code_r, char *answer,
          size_t answer_size)
{
	struct curl_slist *rcpt = curl_slist_append(NULL, recipient);
	CURLcode rc;

	*code_r = 0;
	if (rcpt == NULL) {
		snprintf(answer, answer_size, "out of memory");
		return SMTP_TEMPFAIL;
	}
	s->raw = raw;
	s->len = len;
	s->pos = 0;
	s->error[0] = '\0';
	s->last_line[0] = '\0';
	s->last_error[0] = '\0';
	curl_easy_setopt(s->curl, CURLOPT_MAIL_FROM, sender);
	curl_easy_setopt(s->curl, CURLOPT_MAIL_RCPT, rcpt);
	curl_easy_setopt(s->curl, CURLOPT_INFILESIZE_LARGE, (curl_off_t)len);
	rc = curl_easy_perform(s->curl);
	curl_easy_getinfo(s->curl, CURLINFO_RESPONSE_CODE, code_r);
	curl_easy_setopt(s->curl, CURLOPT_MAIL_RCPT, NULL);
	curl_slist_free_all(rcpt);
	if (rc != CURLE_OK && s->last_error[0] != '\0')
		snprintf(answer, answer_size, "%s", s->last_error);
	else if (rc != CURLE_OK)
		snprintf(answer, answer_size, "%s",
		         s->error[0] ? s->error : curl_easy_strerror(rc));
	else
		snprintf(answer, answer_size, "%s", s->last_line);
	return smtp_classify(rc, *code_r);
}
