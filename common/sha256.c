/*
 * sha256: the digests over nettle.  The one-shot calls hide nettle's
 * context types, so no other file sees nettle.
 */
#include "sha256.h"

#include <nettle/hmac.h>
#include <nettle/sha2.h>

void
sha256(const void *data, size_t len, unsigned char digest[SHA256_DIGEST_SIZE])
{
	struct sha256_ctx ctx;

	sha256_init(&ctx);
	if (len > 0)
		sha256_update(&ctx, len, data);
	sha256_digest(&ctx, SHA256_DIGEST_SIZE, digest);
}

void
sha256_hex(const void *data, size_t len, char hex[SHA256_HEX_SIZE])
{
	static const char digits[] = "0123456789abcdef";
	unsigned char digest[SHA256_DIGEST_SIZE];

	sha256(data, len, digest);
	for (size_t i = 0; i < SHA256_DIGEST_SIZE; i++) {
		hex[2 * i] = digits[digest[i] >> 4];
		hex[2 * i + 1] = digits[digest[i] & 0x0f];
	}
	hex[2 * SHA256_DIGEST_SIZE] = '\0';
}

void
sha256_hmac(const void *key, size_t key_len, const void *data, size_t len,
            unsigned char mac[SHA256_DIGEST_SIZE])
{
	struct hmac_sha256_ctx ctx;

	hmac_sha256_set_key(&ctx, key_len, key);
	if (len > 0)
		hmac_sha256_update(&ctx, len, data);
	hmac_sha256_digest(&ctx, SHA256_DIGEST_SIZE, mac);
}
