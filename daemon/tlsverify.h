/*
 * tlsverify: checks a server's certificate chain (DER, as the TLS library
 * handed it over) against the system's CAs plus an optional CA file, and
 * the certificate against the host name or IP address we connected to.
 * libetpan's GnuTLS build does not verify by itself; the fetcher calls
 * this before it sends a password.
 */
#ifndef COMPLAINTD_TLSVERIFY_H
#define COMPLAINTD_TLSVERIFY_H

#include <stddef.h>

struct tlsverify_cert {
	unsigned char *der; /* not changed; GnuTLS's datum is not const */
	size_t len;
};

/* Loads GnuTLS once, before threads start; 0 or -1. */
int tlsverify_init(void);

/*
 * 0 when chain[0] (the server's) leads to a trusted CA and names host;
 * else -1 with the reason in err ("certificate signer not found", "name
 * mismatch: certificate is for ...").
 */
int tlsverify_chain(const struct tlsverify_cert *chain, size_t n,
                    const char *host, const char *ca_file, char *err,
                    size_t err_size);

#endif
