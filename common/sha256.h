/*
 * sha256: SHA-256 digests (raw mail, attachments) and HMAC-SHA256 (the
 * tokens that let replies find their ticket), through nettle — GnuTLS's
 * own crypto library, already on every machine GnuTLS is — which uses
 * the CPU's SHA instructions where it has them.
 */
#ifndef COMPLAINTD_SHA256_H
#define COMPLAINTD_SHA256_H

#include <stddef.h>

#define SHA256_DIGEST_SIZE 32
#define SHA256_HEX_SIZE 65 /* 64 hex digits and NUL */

/* One-shot digest of len bytes of data (NULL when len is 0). */
void sha256(const void *data, size_t len,
            unsigned char digest[SHA256_DIGEST_SIZE]);

/* One-shot digest as 64 lower-case hex digits and NUL. */
void sha256_hex(const void *data, size_t len, char hex[SHA256_HEX_SIZE]);

/* HMAC-SHA256 (RFC 2104) of data under key. */
void sha256_hmac(const void *key, size_t key_len, const void *data, size_t len,
                 unsigned char mac[SHA256_DIGEST_SIZE]);

#endif
