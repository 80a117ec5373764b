/*
 * threadref: making and checking the ticket references in our own
 * Message-IDs and reply addresses.
 */
#include "threadref.h"

#include "sha256.h"

#include <ctype.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

/* Lower-case base32: survives MTAs that fold the case of local parts. */
static const char threadref_alphabet[] = "abcdefghijklmnopqrstuvwxyz234567";

void
threadref_token(const unsigned char *key, size_t key_len, long long ticket,
                char token[THREADREF_TOKEN_LEN + 1])
{
	unsigned char mac[SHA256_DIGEST_SIZE];
	char data[32];
	int n = snprintf(data, sizeof(data), "ticket:%lld", ticket);
	unsigned long long bits = 0;

	sha256_hmac(key, key_len, data, (size_t)n, mac);
	for (int i = 0; i < 8; i++)
		bits = bits << 8 | mac[i];
	/* 10 characters of 5 bits: the top 50 bits of the MAC. */
	for (int i = 0; i < THREADREF_TOKEN_LEN; i++)
		token[i] = threadref_alphabet[(bits >> (59 - 5 * i)) & 31];
	token[THREADREF_TOKEN_LEN] = '\0';
}

/* Compares without an early exit, so timing tells nothing of the token. */
static bool
threadref_token_equal(const char *a, const char *b)
{
	unsigned diff = 0;

	for (int i = 0; i < THREADREF_TOKEN_LEN; i++)
		diff |= (unsigned)(tolower((unsigned char)a[i]) ^
		                   tolower((unsigned char)b[i]));
	return diff == 0;
}

/*
 * Reads "TICKET<sep>TOKEN" at p; the ticket when the token verifies and is
 * followed by one of the bytes in end, else 0.
 */
static long long
threadref_parse(const unsigned char *key, size_t key_len, const char *p,
                char sep, const char *end)
{
	char want[THREADREF_TOKEN_LEN + 1];
	long long ticket = 0;
	const char *digits = p;

	for (; isdigit((unsigned char)*p); p++) {
		if (ticket > 100000000000LL)
			return 0;
		ticket = ticket * 10 + (*p - '0');
	}
	if (p == digits || ticket == 0 || *p++ != sep)
		return 0;
	if (strnlen(p, THREADREF_TOKEN_LEN + 1) < THREADREF_TOKEN_LEN ||
	    strchr(end, p[THREADREF_TOKEN_LEN]) == NULL ||
	    p[THREADREF_TOKEN_LEN] == '\0')
		return 0;
	threadref_token(key, key_len, ticket, want);
	return threadref_token_equal(p, want) ? ticket : 0;
}

long long
threadref_from_msgid(const unsigned char *key, size_t key_len,
                     const char *msgid)
{
	if (strncasecmp(msgid, "cd.", 3) != 0)
		return 0;
	return threadref_parse(key, key_len, msgid + 3, '.', ".");
}

long long
threadref_from_address(const unsigned char *key, size_t key_len,
                       const char *addr)
{
	const char *at = strchr(addr, '@');
	const char *plus;

	if (at == NULL)
		return 0;
	/* The last '+' before '@': a local part may contain others. */
	for (plus = at; plus > addr && plus[-1] != '+'; plus--)
		;
	if (plus == addr)
		return 0;
	return threadref_parse(key, key_len, plus, '-', "@");
}

int
threadref_msgid(const unsigned char *key, size_t key_len, long long ticket,
                const char *unique, const char *domain, char *buf, size_t size)
{
	char token[THREADREF_TOKEN_LEN + 1];
	int n;

	threadref_token(key, key_len, ticket, token);
	n = snprintf(buf, size, "cd.%lld.%s.%s@%s", ticket, token, unique,
	             domain);
	return n < 0 || (size_t)n >= size ? -1 : 0;
}

int
threadref_address(const unsigned char *key, size_t key_len, long long ticket,
                  const char *base, char *buf, size_t size)
{
	char token[THREADREF_TOKEN_LEN + 1];
	const char *at = strchr(base, '@');
	int n;

	if (at == NULL)
		return -1;
	threadref_token(key, key_len, ticket, token);
	n = snprintf(buf, size, "%.*s+%lld-%s%s", (int)(at - base), base,
	             ticket, token, at);
	return n < 0 || (size_t)n >= size ? -1 : 0;
}
