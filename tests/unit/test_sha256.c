/*
 * test_sha256: the FIPS 180-4 example digests, the padding boundaries,
 * every length up to a few blocks against an independent reference, and
 * the RFC 4231 HMAC-SHA256 test cases — what the wrapper over nettle must
 * give.
 */
#include "sha256.h"

#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdlib.h>
#include <string.h>

/* Lower-case hex of n bytes into hex, which holds 2 * n + 1. */
static void
sha256_test_hex(const unsigned char *bytes, size_t n, char *hex)
{
	static const char digits[] = "0123456789abcdef";

	for (size_t i = 0; i < n; i++) {
		hex[2 * i] = digits[bytes[i] >> 4];
		hex[2 * i + 1] = digits[bytes[i] & 0x0f];
	}
	hex[2 * n] = '\0';
}

static void
assert_digest(const unsigned char digest[SHA256_DIGEST_SIZE], const char *want)
{
	char hex[SHA256_HEX_SIZE];

	sha256_test_hex(digest, SHA256_DIGEST_SIZE, hex);
	assert_string_equal(hex, want);
}

/* One-shot and hex must both give want. */
static void
assert_sha256(const void *data, size_t len, const char *want)
{
	unsigned char digest[SHA256_DIGEST_SIZE];
	char hex[SHA256_HEX_SIZE];

	sha256(data, len, digest);
	assert_digest(digest, want);
	sha256_hex(data, len, hex);
	assert_string_equal(hex, want);
}

static void
test_nist_vectors(void **state)
{
	(void)state;
	assert_sha256("", 0,
	              "e3b0c44298fc1c149afbf4c8996fb924"
	              "27ae41e4649b934ca495991b7852b855");
	assert_sha256("abc", 3,
	              "ba7816bf8f01cfea414140de5dae2223"
	              "b00361a396177a9cb410ff61f20015ad");
	assert_sha256(
	    "abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq", 56,
	    "248d6a61d20638b8e5c026930c3e6039"
	    "a33ce45964ff2167f6ecedd419db06c1");
	assert_sha256(
	    "abcdefghbcdefghicdefghijdefghijkefghijklfghijklmghijklmn"
	    "hijklmnoijklmnopjklmnopqklmnopqrlmnopqrsmnopqrstnopqrstu",
	    112,
	    "cf5b16a778af8380036ce59e7b049237"
	    "0b249b11e8f07a51afac45037afee9d1");
}

/* A NULL buffer of length 0 is the empty message, in every entry point. */
static void
test_null_empty(void **state)
{
	static const char *want = "e3b0c44298fc1c149afbf4c8996fb924"
	                          "27ae41e4649b934ca495991b7852b855";
	unsigned char digest[SHA256_DIGEST_SIZE];
	char hex[SHA256_HEX_SIZE];

	(void)state;
	sha256(NULL, 0, digest);
	assert_digest(digest, want);
	sha256_hex(NULL, 0, hex);
	assert_string_equal(hex, want);
}

static void
test_million_a(void **state)
{
	static const char *want = "cdc76e5c9914fb9281a1c7e284d73e67"
	                          "f1809a48a497200e046d39ccc7112cd0";
	unsigned char digest[SHA256_DIGEST_SIZE];
	char *a = malloc(1000000);

	(void)state;
	assert_non_null(a);
	memset(a, 'a', 1000000);
	sha256(a, 1000000, digest);
	assert_digest(digest, want);
	free(a);
}

/*
 * Lengths around the point where the length field no longer fits the last
 * block; byte i is (7 * i + 3) mod 256.  Digests from Python's hashlib.
 */
static void
test_padding_boundaries(void **state)
{
	static const struct {
		size_t len;
		const char *want;
	} cases[] = {
	    {55, "e7313d333c272e639f790978283f9eb3"
	         "92e843d0f29b7016828bb1daa4aac70b"},
	    {56, "4324d65f3c103567f5589c710bc08f85"
	         "23f929a9272e3af36fc968e52abc6c27"},
	    {57, "35df609437dcfea3279283ab79fd554e"
	         "2bf78f8f7ae2de532d8ee300b09e8f73"},
	    {63, "81c80242132f230c3bd41b3e63bbcff1"
	         "6107339549214a99614ff26664625055"},
	    {64, "39e3d7b6b5d075d37d053ad89b24b41b"
	         "ef4f3c29760c84447cab3f3be1882241"},
	    {65, "aacca6ff74fdbb296d165a45cecfa04e"
	         "5127bc008770fbbdd48006f2d2fae95e"},
	    {119, "9ce7368e4daf32341631b492e80359dc"
	          "9f594b48453cd0dd5bf0b19279cc177e"},
	    {120, "7836b787757e95e58b3ca5aec90b1b00"
	          "4e8deba1e50e9675af9cabf1a13a04b5"},
	    {127, "a8d23e75d936f303d248888d9b165ee5"
	          "43f4cbafcad3c9dd2a79bd84faa11d07"},
	    {128, "d2742f1f4ac6bb7ca2b239ee18402ba8"
	          "b3f9f8e652d2a72973c2b9ba11c08cf6"},
	};
	unsigned char data[128];

	(void)state;
	for (size_t i = 0; i < sizeof(data); i++)
		data[i] = (unsigned char)(7 * i + 3);
	for (size_t i = 0; i < sizeof(cases) / sizeof(*cases); i++)
		assert_sha256(data, cases[i].len, cases[i].want);
}

static void
assert_hmac(const void *key, size_t key_len, const void *data, size_t len,
            const char *want)
{
	unsigned char mac[SHA256_DIGEST_SIZE];
	char hex[SHA256_HEX_SIZE];
	size_t n = strlen(want) / 2;

	sha256_hmac(key, key_len, data, len, mac);
	sha256_test_hex(mac, n, hex);
	assert_string_equal(hex, want);
}

static void
test_rfc4231(void **state)
{
	unsigned char key[131], data[50];
	const char *s;

	(void)state;
	/* Test case 1 */
	memset(key, 0x0b, 20);
	assert_hmac(key, 20, "Hi There", 8,
	            "b0344c61d8db38535ca8afceaf0bf12b"
	            "881dc200c9833da726e9376c2e32cff7");
	/* Test case 2: a key shorter than the output. */
	s = "what do ya want for nothing?";
	assert_hmac("Jefe", 4, s, strlen(s),
	            "5bdcc146bf60754e6a042426089575c7"
	            "5a003f089d2739839dec58b964ec3843");
	/* Test case 3 */
	memset(key, 0xaa, 20);
	memset(data, 0xdd, 50);
	assert_hmac(key, 20, data, 50,
	            "773ea91e36800e46854db8ebd09181a7"
	            "2959098b3ef8c122d9635514ced565fe");
	/* Test case 4 */
	for (int i = 0; i < 25; i++)
		key[i] = (unsigned char)(i + 1);
	memset(data, 0xcd, 50);
	assert_hmac(key, 25, data, 50,
	            "82558a389a443c0ea4cc819899f2083a"
	            "85f0faa3e578f8077a2e3ff46729665b");
	/* Test case 5: the RFC gives only the first 128 bits. */
	memset(key, 0x0c, 20);
	s = "Test With Truncation";
	assert_hmac(key, 20, s, strlen(s), "a3b6167473100ee06e0c796c2955552b");
	/* Test case 6: a 131-byte key is hashed first. */
	memset(key, 0xaa, 131);
	s = "Test Using Larger Than Block-Size Key - Hash Key First";
	assert_hmac(key, 131, s, strlen(s),
	            "60e431591ee0b67f0d8a26aacbf5b77f"
	            "8e0bc6213728c5140546040f0ee37f54");
	/* Test case 7: key and data both longer than a block. */
	s = "This is a test using a larger than block-size key and a larger "
	    "than block-size data. The key needs to be hashed before being "
	    "used by the HMAC algorithm.";
	assert_hmac(key, 131, s, strlen(s),
	            "9b09ffa71b942fcb27635fbcd5b0e944"
	            "bfdc63644f0713938a7f51535c3a35e2");
}

/* A key of exactly one block is used as is; empty key and data are valid. */
static void
test_hmac_edges(void **state)
{
	unsigned char key[64];

	(void)state;
	memset(key, 'k', sizeof(key));
	assert_hmac(key, sizeof(key), "x", 1,
	            "f91c4c403625fb06910ef93999265bbd"
	            "2d62baeaec6ff36455498cc124fe3e66");
	assert_hmac(NULL, 0, NULL, 0,
	            "b613679a0814d9ec772f95d778c35fc5"
	            "ff1697c493715653c6c712144292c5ad");
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_nist_vectors),
	    cmocka_unit_test(test_null_empty),
	    cmocka_unit_test(test_million_a),
	    cmocka_unit_test(test_padding_boundaries),
	    cmocka_unit_test(test_rfc4231),
	    cmocka_unit_test(test_hmac_edges),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
