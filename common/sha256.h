/*
 * sha256: SHA-256 (FIPS 180-4) and HMAC-SHA256 (RFC 2104), for attachment
 * and raw-mail digests and for the tokens that let replies find their
 * ticket.  Pure.
 */
#ifndef COMPLAINTD_SHA256_H
#define COMPLAINTD_SHA256_H

#include <stddef.h>
#include <stdint.h>

#define SHA256_DIGEST_SIZE 32
#define SHA256_HEX_SIZE 65 /* 64 hex digits and NUL */

struct sha256_ctx {
	uint32_t state[8];
	uint64_t bytes;
	unsigned char block[64];
	size_t used;
};

void sha256_init(struct sha256_ctx *ctx);
void sha256_update(struct sha256_ctx *ctx, const void *data, size_t len);
void sha256_final(struct sha256_ctx *ctx,
                  unsigned char digest[SHA256_DIGEST_SIZE]);

/* One-shot digest of data. */
void sha256(const void *data, size_t len,
            unsigned char digest[SHA256_DIGEST_SIZE]);

/* One-shot digest as 64 lower-case hex digits and NUL. */
void sha256_hex(const void *data, size_t len, char hex[SHA256_HEX_SIZE]);

void sha256_hmac(const void *key, size_t key_len, const void *data, size_t len,
                 unsigned char mac[SHA256_DIGEST_SIZE]);

#endif
