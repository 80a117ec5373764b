/*
 * sha256: SHA-256 as FIPS 180-4 defines it, streamed through a 64-byte
 * block buffer, and HMAC-SHA256 as RFC 2104 builds it on top.  All
 * arithmetic is on uint32_t and uint64_t, so nothing depends on the host's
 * byte order or int width.
 */
#include "sha256.h"

#include <string.h>

#define SHA256_BLOCK_SIZE 64

static const uint32_t sha256_k[64] = {
    0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1,
    0x923f82a4, 0xab1c5ed5, 0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3,
    0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174, 0xe49b69c1, 0xefbe4786,
    0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da,
    0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147,
    0x06ca6351, 0x14292967, 0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13,
    0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85, 0xa2bfe8a1, 0xa81a664b,
    0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070,
    0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a,
    0x5b9cca4f, 0x682e6ff3, 0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208,
    0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2,
};

/* n is always 1..31 here, so neither shift is by 32. */
static uint32_t
sha256_rotr(uint32_t x, unsigned n)
{
	return (x >> n) | (x << (32 - n));
}

static uint32_t
sha256_load_be32(const unsigned char *p)
{
	return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 |
	       (uint32_t)p[2] << 8 | (uint32_t)p[3];
}

static void
sha256_store_be32(unsigned char *p, uint32_t x)
{
	p[0] = (unsigned char)(x >> 24);
	p[1] = (unsigned char)(x >> 16);
	p[2] = (unsigned char)(x >> 8);
	p[3] = (unsigned char)x;
}

/* Expands one 64-byte block into the 64-word schedule w. */
static void
sha256_schedule(uint32_t w[64], const unsigned char *block)
{
	for (int t = 0; t < 16; t++)
		w[t] = sha256_load_be32(block + 4 * t);
	for (int t = 16; t < 64; t++) {
		uint32_t s0 = sha256_rotr(w[t - 15], 7) ^
		              sha256_rotr(w[t - 15], 18) ^ (w[t - 15] >> 3);
		uint32_t s1 = sha256_rotr(w[t - 2], 17) ^
		              sha256_rotr(w[t - 2], 19) ^ (w[t - 2] >> 10);

		w[t] = w[t - 16] + s0 + w[t - 7] + s1;
	}
}

/* Folds one 64-byte block into state (FIPS 180-4, 6.2.2). */
static void
sha256_compress(uint32_t state[8], const unsigned char *block)
{
	uint32_t w[64];
	uint32_t a = state[0], b = state[1], c = state[2], d = state[3];
	uint32_t e = state[4], f = state[5], g = state[6], h = state[7];

	sha256_schedule(w, block);
	for (int t = 0; t < 64; t++) {
		uint32_t s1 =
		    sha256_rotr(e, 6) ^ sha256_rotr(e, 11) ^ sha256_rotr(e, 25);
		uint32_t t1 =
		    h + s1 + ((e & f) ^ (~e & g)) + sha256_k[t] + w[t];
		uint32_t s0 =
		    sha256_rotr(a, 2) ^ sha256_rotr(a, 13) ^ sha256_rotr(a, 22);
		uint32_t t2 = s0 + ((a & b) ^ (a & c) ^ (b & c));

		h = g;
		g = f;
		f = e;
		e = d + t1;
		d = c;
		c = b;
		b = a;
		a = t1 + t2;
	}
	state[0] += a;
	state[1] += b;
	state[2] += c;
	state[3] += d;
	state[4] += e;
	state[5] += f;
	state[6] += g;
	state[7] += h;
}

void
sha256_init(struct sha256_ctx *ctx)
{
	static const uint32_t h0[8] = {
	    0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a,
	    0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19,
	};

	memcpy(ctx->state, h0, sizeof(ctx->state));
	ctx->bytes = 0;
	ctx->used = 0;
}

/*
 * Tops up a partly filled block first, then compresses whole blocks straight
 * from data, and keeps the tail for the next call.
 */
void
sha256_update(struct sha256_ctx *ctx, const void *data, size_t len)
{
	const unsigned char *p = data;

	/* data may be NULL when len is 0, and memcpy must not see that. */
	if (len == 0)
		return;
	ctx->bytes += len;
	if (ctx->used > 0) {
		size_t n = SHA256_BLOCK_SIZE - ctx->used;

		if (n > len)
			n = len;
		memcpy(ctx->block + ctx->used, p, n);
		ctx->used += n;
		p += n;
		len -= n;
		if (ctx->used < SHA256_BLOCK_SIZE)
			return;
		sha256_compress(ctx->state, ctx->block);
		ctx->used = 0;
	}
	for (; len >= SHA256_BLOCK_SIZE; len -= SHA256_BLOCK_SIZE) {
		sha256_compress(ctx->state, p);
		p += SHA256_BLOCK_SIZE;
	}
	if (len > 0)
		memcpy(ctx->block, p, len);
	ctx->used = len;
}

/*
 * Pads with 0x80, zeros and the message length in bits as a big-endian
 * 64-bit number (FIPS 180-4, 5.1.1) and writes the digest.  ctx must be
 * initialised again before it is reused.
 */
void
sha256_final(struct sha256_ctx *ctx, unsigned char digest[SHA256_DIGEST_SIZE])
{
	uint64_t bits = ctx->bytes * 8;

	ctx->block[ctx->used++] = 0x80;
	if (ctx->used > SHA256_BLOCK_SIZE - 8) {
		memset(ctx->block + ctx->used, 0,
		       SHA256_BLOCK_SIZE - ctx->used);
		sha256_compress(ctx->state, ctx->block);
		ctx->used = 0;
	}
	memset(ctx->block + ctx->used, 0, SHA256_BLOCK_SIZE - 8 - ctx->used);
	for (int i = 0; i < 8; i++)
		ctx->block[SHA256_BLOCK_SIZE - 1 - i] =
		    (unsigned char)(bits >> (8 * i));
	sha256_compress(ctx->state, ctx->block);
	for (int i = 0; i < 8; i++)
		sha256_store_be32(digest + 4 * i, ctx->state[i]);
}

void
sha256(const void *data, size_t len, unsigned char digest[SHA256_DIGEST_SIZE])
{
	struct sha256_ctx ctx;

	sha256_init(&ctx);
	sha256_update(&ctx, data, len);
	sha256_final(&ctx, digest);
}

void
sha256_hex(const void *data, size_t len, char hex[SHA256_HEX_SIZE])
{
	static const char digits[] = "0123456789abcdef";
	unsigned char digest[SHA256_DIGEST_SIZE];

	sha256(data, len, digest);
	for (int i = 0; i < SHA256_DIGEST_SIZE; i++) {
		hex[2 * i] = digits[digest[i] >> 4];
		hex[2 * i + 1] = digits[digest[i] & 0x0f];
	}
	hex[2 * SHA256_DIGEST_SIZE] = '\0';
}

/*
 * H((K ^ opad) || H((K ^ ipad) || data)), K being the key zero-padded to one
 * block, or its digest zero-padded when it is longer than a block.
 */
void
sha256_hmac(const void *key, size_t key_len, const void *data, size_t len,
            unsigned char mac[SHA256_DIGEST_SIZE])
{
	unsigned char k[SHA256_BLOCK_SIZE] = {0}, pad[SHA256_BLOCK_SIZE];
	unsigned char inner[SHA256_DIGEST_SIZE];
	struct sha256_ctx ctx;

	if (key_len > SHA256_BLOCK_SIZE)
		sha256(key, key_len, k);
	else if (key_len > 0)
		memcpy(k, key, key_len);
	for (int i = 0; i < SHA256_BLOCK_SIZE; i++)
		pad[i] = k[i] ^ 0x36;
	sha256_init(&ctx);
	sha256_update(&ctx, pad, sizeof(pad));
	sha256_update(&ctx, data, len);
	sha256_final(&ctx, inner);

	for (int i = 0; i < SHA256_BLOCK_SIZE; i++)
		pad[i] = k[i] ^ 0x5c;
	sha256_init(&ctx);
	sha256_update(&ctx, pad, sizeof(pad));
	sha256_update(&ctx, inner, sizeof(inner));
	sha256_final(&ctx, mac);
}
