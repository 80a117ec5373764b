/* tlsverify: certificate chain and host name checks with GnuTLS. */
#include "tlsverify.h"

#include <gnutls/gnutls.h>
#include <gnutls/x509.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int
tlsverify_init(void)
{
	return gnutls_global_init() == GNUTLS_E_SUCCESS ? 0 : -1;
}

static int
tlsverify_trust(gnutls_x509_trust_list_t *tl, const char *ca_file, char *err,
                size_t err_size)
{
	int rc;

	if (gnutls_x509_trust_list_init(tl, 0) < 0) {
		snprintf(err, err_size, "cannot set up a trust list");
		return -1;
	}
	/* The system's CAs stay trusted; a CA file adds one (a private CA). */
	gnutls_x509_trust_list_add_system_trust(*tl, 0, 0);
	if (ca_file == NULL)
		return 0;
	rc = gnutls_x509_trust_list_add_trust_file(*tl, ca_file, NULL,
	                                           GNUTLS_X509_FMT_PEM, 0, 0);
	if (rc <= 0) {
		snprintf(err, err_size, "no CA certificate loaded from %s%s%s",
		         ca_file, rc < 0 ? ": " : "",
		         rc < 0 ? gnutls_strerror(rc) : "");
		gnutls_x509_trust_list_deinit(*tl, 1);
		return -1;
	}
	return 0;
}

static int
tlsverify_import(const struct tlsverify_cert *chain, size_t n,
                 gnutls_x509_crt_t *crts, char *err, size_t err_size)
{
	for (size_t i = 0; i < n; i++) {
		gnutls_datum_t d = {chain[i].der, (unsigned)chain[i].len};
		if (gnutls_x509_crt_init(&crts[i]) < 0 ||
		    gnutls_x509_crt_import(crts[i], &d, GNUTLS_X509_FMT_DER) <
		        0) {
			snprintf(err, err_size,
			         "certificate %zu of the chain cannot be read",
			         i + 1);
			for (size_t j = 0; j <= i; j++)
				gnutls_x509_crt_deinit(crts[j]);
			return -1;
		}
	}
	return 0;
}

/* The verification result in words, "certificate signer not found". */
static void
tlsverify_status(unsigned status, char *err, size_t err_size)
{
	gnutls_datum_t out = {NULL, 0};

	if (gnutls_certificate_verification_status_print(
	        status, GNUTLS_CRT_X509, &out, 0) == 0) {
		snprintf(err, err_size, "%s", (const char *)out.data);
		gnutls_free(out.data);
	} else {
		snprintf(err, err_size, "verification failed (status 0x%x)",
		         status);
	}
}

static int
tlsverify_check(gnutls_x509_trust_list_t tl, gnutls_x509_crt_t *crts, size_t n,
                const char *host, char *err, size_t err_size)
{
	unsigned status = 0;
	char name[256] = "";
	size_t name_size = sizeof(name);

	if (gnutls_x509_trust_list_verify_crt(tl, crts, (unsigned)n, 0, &status,
	                                      NULL) < 0 ||
	    status != 0) {
		tlsverify_status(status, err, err_size);
		return -1;
	}
	/* IP literals are matched against IP subjectAltNames. */
	if (!gnutls_x509_crt_check_hostname2(crts[0], host, 0)) {
		gnutls_x509_crt_get_dn_by_oid(crts[0],
		                              GNUTLS_OID_X520_COMMON_NAME, 0, 0,
		                              name, &name_size);
		snprintf(err, err_size,
		         "the certificate does not name %s (its subject is "
		         "\"%s\")",
		         host, name);
		return -1;
	}
	return 0;
}

int
tlsverify_chain(const struct tlsverify_cert *chain, size_t n, const char *host,
                const char *ca_file, char *err, size_t err_size)
{
	gnutls_x509_trust_list_t tl;
	gnutls_x509_crt_t *crts;
	int rc;

	if (n == 0) {
		snprintf(err, err_size, "the server sent no certificate");
		return -1;
	}
	if ((crts = calloc(n, sizeof(*crts))) == NULL) {
		snprintf(err, err_size, "out of memory");
		return -1;
	}
	if (tlsverify_trust(&tl, ca_file, err, err_size) != 0) {
		free(crts);
		return -1;
	}
	rc = tlsverify_import(chain, n, crts, err, err_size);
	if (rc == 0) {
		rc = tlsverify_check(tl, crts, n, host, err, err_size);
		for (size_t i = 0; i < n; i++)
			gnutls_x509_crt_deinit(crts[i]);
	}
	gnutls_x509_trust_list_deinit(tl, 1);
	free(crts);
	return rc;
}
