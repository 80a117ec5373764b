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

/* The MAC of "PURPOSE:TICKET" as THREADREF_TOKEN_LEN base32 characters:
 * a survey's token opens no way into the ticket's thread, and back. */
static void
threadref_mac(const unsigned char *key, size_t key_len, const char *purpose,
              long long ticket, char token[THREADREF_TOKEN_LEN + 1])
{
	unsigned char mac[SHA256_DIGEST_SIZE];
	char data[48];
	int n = snprintf(data, sizeof(data), "%s:%lld", purpose, ticket);
	unsigned long long bits = 0;

	sha256_hmac(key, key_len, data, (size_t)n, mac);
	for (int i = 0; i < 8; i++)
		bits = bits << 8 | mac[i];
	/* 10 characters of 5 bits: the top 50 bits of the MAC. */
	for (int i = 0; i < THREADREF_TOKEN_LEN; i++)
		token[i] = threadref_alphabet[(bits >> (59 - 5 * i)) & 31];
	token[THREADREF_TOKEN_LEN] = '\0';
}

void
threadref_token(const unsigned char *key, size_t key_len, long long ticket,
                char token[THREADREF_TOKEN_LEN + 1])
{
	threadref_mac(key, key_len, "ticket", ticket, token);
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
 * Reads "TICKET<sep>TOKEN" at p; the ticket when the token verifies as
 * purpose's MAC and is followed by one of the bytes in end (NULL: by
 * anything but a letter or digit, the end of the text too), else 0.
 */
static long long
threadref_parse(const unsigned char *key, size_t key_len, const char *purpose,
                const char *p, char sep, const char *end)
{
	char want[THREADREF_TOKEN_LEN + 1];
	long long ticket = 0;
	const char *digits = p;
	char after;

	for (; isdigit((unsigned char)*p); p++) {
		if (ticket > 100000000000LL)
			return 0;
		ticket = ticket * 10 + (*p - '0');
	}
	if (p == digits || ticket == 0 || *p++ != sep ||
	    strnlen(p, THREADREF_TOKEN_LEN + 1) < THREADREF_TOKEN_LEN)
		return 0;
	after = p[THREADREF_TOKEN_LEN];
	if (end != NULL ? after == '\0' || strchr(end, after) == NULL
	                : isalnum((unsigned char)after))
		return 0;
	threadref_mac(key, key_len, purpose, ticket, want);
	return threadref_token_equal(p, want) ? ticket : 0;
}

long long
threadref_from_msgid(const unsigned char *key, size_t key_len,
                     const char *msgid)
{
	if (strncasecmp(msgid, "cd.", 3) != 0)
		return 0;
	return threadref_parse(key, key_len, "ticket", msgid + 3, '.', ".");
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
	return threadref_parse(key, key_len, "ticket", plus, '-', "@");
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

void
threadref_survey_ref(const unsigned char *key, size_t key_len, long long ticket,
                     char buf[THREADREF_SURVEY_REF_SIZE])
{
	char token[THREADREF_TOKEN_LEN + 1];

	threadref_mac(key, key_len, "survey", ticket, token);
	snprintf(buf, THREADREF_SURVEY_REF_SIZE, "S%lld-%s", ticket, token);
}

long long
threadref_survey_find(const unsigned char *key, size_t key_len,
                      const char *text)
{
	for (const char *p = text; *p != '\0'; p++) {
		if ((*p != 'S' && *p != 's') ||
		    (p > text && isalnum((unsigned char)p[-1])))
			continue;
		long long ticket =
		    threadref_parse(key, key_len, "survey", p + 1, '-', NULL);
		if (ticket > 0)
			return ticket;
	}
	return 0;
}
