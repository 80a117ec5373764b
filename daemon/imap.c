/*
 * imap: the IMAP session — connection, TLS and certificate check, login,
 * SELECT, UID listing and fetching, flags, MOVE and IDLE — over
 * libetpan's mailimap API.
 */
#include "imap.h"
#include "imap_p.h"

#include "tlsverify.h"

#include <arpa/inet.h>
#include <libetpan/libetpan.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

const char *
imap_error(const struct imap *imap)
{
	return imap->error;
}

const char *
imap_auth_method(const struct imap *imap)
{
	return imap->auth_method;
}

/* The server's last words, "" when it said nothing useful. */
static const char *
imap_response(const struct imap *imap)
{
	const char *r = imap->session ? imap->session->imap_response : NULL;

	return r != NULL ? r : "";
}

enum imap_status
imap_fail(struct imap *imap, int code, const char *what)
{
	const char *answer = imap_response(imap);

	if (code == MAILIMAP_ERROR_STREAM || code == MAILIMAP_ERROR_PARSE)
		answer = "connection lost or timed out";
	else if (code == MAILIMAP_ERROR_CONNECTION_REFUSED)
		answer = "connection refused or host unreachable";
	if (answer[0] != '\0')
		snprintf(imap->error, sizeof(imap->error), "%s: %s", what,
		         answer);
	else
		snprintf(imap->error, sizeof(imap->error),
		         "%s: libetpan error %d", what, code);
	switch (code) {
	case MAILIMAP_ERROR_LOGIN:
	case MAILIMAP_ERROR_SASL:
		return IMAP_AUTHFAIL;
	case MAILIMAP_ERROR_SSL:
	case MAILIMAP_ERROR_STARTTLS:
		return IMAP_TLSFAIL;
	case MAILIMAP_ERROR_STREAM:
	case MAILIMAP_ERROR_PARSE:
	case MAILIMAP_ERROR_CONNECTION_REFUSED:
	case MAILIMAP_ERROR_MEMORY:
	case MAILIMAP_ERROR_FATAL:
	case MAILIMAP_ERROR_PROTOCOL:
	case MAILIMAP_ERROR_DONT_ACCEPT_CONNECTION:
	case MAILIMAP_ERROR_BAD_STATE:
		return IMAP_TEMPFAIL;
	default:
		return IMAP_REFUSED;
	}
}

/* SNI for host names; an IP literal must not be sent as a server name. */
static void
imap_ssl_callback(struct mailstream_ssl_context *ctx, void *data)
{
	char *host = data;
	unsigned char buf[sizeof(struct in6_addr)];

	if (inet_pton(AF_INET, host, buf) != 1 &&
	    inet_pton(AF_INET6, host, buf) != 1)
		mailstream_ssl_set_server_name(ctx, host);
}

static enum imap_status
imap_verify(struct imap *imap)
{
	const struct conf_mailbox *mb = imap->mb;
	carray *chain;
	struct tlsverify_cert *certs;
	char why[384];
	unsigned n;
	int rc;

	if (!mb->tls_verify)
		return IMAP_OK;
	chain = mailstream_get_certificate_chain(imap->session->imap_stream);
	n = chain ? carray_count(chain) : 0;
	certs = calloc(n ? n : 1, sizeof(*certs));
	for (unsigned i = 0; certs != NULL && i < n; i++) {
		MMAPString *s = carray_get(chain, i);
		certs[i].der = (unsigned char *)s->str;
		certs[i].len = s->len;
	}
	rc = certs ? tlsverify_chain(certs, n, mb->host, mb->ca_file, why,
	                             sizeof(why))
	           : -1;
	if (certs == NULL)
		snprintf(why, sizeof(why), "out of memory");
	for (unsigned i = 0; i < n; i++)
		mmap_string_free(carray_get(chain, i));
	if (chain != NULL)
		carray_free(chain);
	free(certs);
	if (rc == 0)
		return IMAP_OK;
	snprintf(imap->error, sizeof(imap->error),
	         "certificate of %s not trusted: %s", mb->host, why);
	return IMAP_TLSFAIL;
}

static enum imap_status
imap_connect(struct imap *imap)
{
	const struct conf_mailbox *mb = imap->mb;
	char *host = mb->host;
	int rc;

	if (mb->tls == CONF_TLS_IMPLICIT)
		rc = mailimap_ssl_connect_with_callback(
		    imap->session, mb->host, (uint16_t)mb->port,
		    imap_ssl_callback, host);
	else
		rc = mailimap_socket_connect(imap->session, mb->host,
		                             (uint16_t)mb->port);
	if (rc != MAILIMAP_NO_ERROR_AUTHENTICATED &&
	    rc != MAILIMAP_NO_ERROR_NON_AUTHENTICATED)
		return imap_fail(imap, rc, "connect");
	if (mb->tls == CONF_TLS_STARTTLS) {
		rc = mailimap_socket_starttls_with_callback(
		    imap->session, imap_ssl_callback, host);
		if (rc != MAILIMAP_NO_ERROR) {
			imap_fail(imap, rc, "STARTTLS");
			return IMAP_TLSFAIL;
		}
	}
	return mb->tls == CONF_TLS_NONE ? IMAP_OK : imap_verify(imap);
}

/* The capabilities after STARTTLS or login may differ from the greeting's. */
static enum imap_status
imap_refresh_capability(struct imap *imap)
{
	struct mailimap_capability_data *cap = NULL;
	int rc = mailimap_capability(imap->session, &cap);

	if (rc != MAILIMAP_NO_ERROR)
		return imap_fail(imap, rc, "CAPABILITY");
	mailimap_capability_data_free(cap);
	return IMAP_OK;
}

static enum imap_status
imap_login(struct imap *imap)
{
	const struct conf_mailbox *mb = imap->mb;
	bool plain = mb->auth == CONF_AUTH_PLAIN ||
	             (mb->auth == CONF_AUTH_AUTO &&
	              mailimap_has_authentication(imap->session, "PLAIN"));
	int rc;

	if (plain) {
		imap->auth_method = "AUTHENTICATE PLAIN";
		rc = mailimap_authenticate(imap->session, "PLAIN", mb->host,
		                           NULL, NULL, mb->user, mb->user,
		                           mb->password, NULL);
	} else {
		imap->auth_method = "LOGIN";
		rc = mailimap_login(imap->session, mb->user, mb->password);
	}
	if (rc == MAILIMAP_ERROR_SASL && imap_response(imap)[0] == '\0') {
		snprintf(imap->error, sizeof(imap->error),
		         "AUTHENTICATE PLAIN: no SASL PLAIN mechanism (install "
		         "libsasl2-modules, or set auth = \"login\")");
		return IMAP_AUTHFAIL;
	}
	if (rc != MAILIMAP_NO_ERROR) {
		char what[128];
		snprintf(what, sizeof(what), "%s as %s", imap->auth_method,
		         mb->user);
		return imap_fail(
		    imap,
		    rc == MAILIMAP_ERROR_STREAM ? rc : MAILIMAP_ERROR_LOGIN,
		    what);
	}
	return imap_refresh_capability(imap);
}

struct imap *
imap_open(const struct conf_mailbox *mb, enum imap_status *status_r, char *err,
          size_t err_size)
{
	struct imap *imap = calloc(1, sizeof(*imap));
	enum imap_status st = IMAP_TEMPFAIL;

	if (imap == NULL || (imap->session = mailimap_new(0, NULL)) == NULL) {
		snprintf(err, err_size, "out of memory");
		free(imap);
		*status_r = IMAP_TEMPFAIL;
		return NULL;
	}
	imap->mb = mb;
	mailimap_set_timeout(imap->session, mb->timeout);
	if ((st = imap_connect(imap)) == IMAP_OK &&
	    (st = imap_refresh_capability(imap)) == IMAP_OK &&
	    (st = imap_login(imap)) == IMAP_OK) {
		*status_r = IMAP_OK;
		return imap;
	}
	snprintf(err, err_size, "%s", imap->error);
	*status_r = st;
	mailimap_free(imap->session);
	free(imap);
	return NULL;
}

void
imap_cancel(struct imap *imap)
{
	if (imap->session->imap_stream != NULL)
		mailstream_cancel(imap->session->imap_stream);
}

void
imap_close(struct imap *imap)
{
	if (imap == NULL)
		return;
	/* A dead connection just fails the LOGOUT. */
	if (imap->session->imap_stream != NULL)
		mailimap_logout(imap->session);
	mailimap_free(imap->session);
	free(imap);
}

enum imap_status
imap_select(struct imap *imap, const char *folder, struct imap_folder *out)
{
	struct mailimap_selection_info *sel;
	int rc = mailimap_select(imap->session, folder);
	char what[256];

	if (rc != MAILIMAP_NO_ERROR) {
		snprintf(what, sizeof(what), "SELECT \"%s\"", folder);
		enum imap_status st = imap_fail(imap, rc, what);
		return st == IMAP_REFUSED ? IMAP_NOFOLDER : st;
	}
	sel = imap->session->imap_selection_info;
	out->uidvalidity = sel ? sel->sel_uidvalidity : 0;
	out->uidnext = sel ? sel->sel_uidnext : 0;
	out->exists = sel ? sel->sel_exists : 0;
	return IMAP_OK;
}

bool
imap_has_idle(const struct imap *imap)
{
	return mailimap_has_idle(imap->session) != 0;
}

enum imap_status
imap_noop(struct imap *imap)
{
	int rc = mailimap_noop(imap->session);

	return rc == MAILIMAP_NO_ERROR ? IMAP_OK : imap_fail(imap, rc, "NOOP");
}

enum imap_status
imap_idle_start(struct imap *imap)
{
	int rc = mailimap_idle(imap->session);

	return rc == MAILIMAP_NO_ERROR ? IMAP_OK : imap_fail(imap, rc, "IDLE");
}

bool
imap_idle_has_news(const struct imap *imap)
{
	const mailstream *stream = imap->session->imap_stream;
	const MMAPString *seen = imap->session->imap_stream_buffer;
	const struct mailimap_selection_info *sel =
	    imap->session->imap_selection_info;

	if (sel != NULL && sel->sel_exists != IMAP_EXISTS_UNHEARD)
		return true;
	if (stream != NULL && stream->read_buffer_len > 0)
		return true;
	return seen != NULL && seen->str != NULL &&
	       (strstr(seen->str, " EXISTS") != NULL ||
	        strstr(seen->str, " RECENT") != NULL);
}

int
imap_idle_fd(const struct imap *imap)
{
	return mailimap_idle_get_fd(imap->session);
}

enum imap_status
imap_idle_done(struct imap *imap)
{
	int rc = mailimap_idle_done(imap->session);

	return rc == MAILIMAP_NO_ERROR ? IMAP_OK
	                               : imap_fail(imap, rc, "IDLE DONE");
}
