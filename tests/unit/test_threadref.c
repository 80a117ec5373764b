/*
 * test_threadref: the signed ticket references in our Message-IDs and
 * plus-addresses — round trips over many tickets, the token recomputed
 * independently from the HMAC, and the ids and addresses that must not
 * lead into a ticket: tampered, under another key, truncated, overflowing,
 * or another program's "cd." ids; survey references likewise.
 */
#include "threadref.h"

#include "sha256.h"

#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define N(a) (sizeof(a) / sizeof(*(a)))

static const unsigned char threadref_test_key[] =
    "desk secret, 32 bytes of it....";
static const unsigned char threadref_test_other[] = "another desk's secret";
#define KEY threadref_test_key, sizeof(threadref_test_key) - 1
#define OTHER threadref_test_other, sizeof(threadref_test_other) - 1

/* Tickets around digit-count and small-number boundaries. */
static const long long threadref_test_tickets[] = {
    1,
    2,
    9,
    10,
    99,
    100,
    1000,
    4711,
    65535,
    65536,
    2147483647LL,
    2147483648LL,
    4294967296LL,
    99999999999LL,
    100000000000LL,
    999999999999LL,
    1000000000000LL,
};

/* The functions see an exact-size heap copy, so ASan sees an overread. */
static long long
threadref_test_msgid(const unsigned char *key, size_t key_len, const char *s)
{
	char *copy = strdup(s);
	long long ticket;

	assert_non_null(copy);
	ticket = threadref_from_msgid(key, key_len, copy);
	free(copy);
	return ticket;
}

static long long
threadref_test_address(const unsigned char *key, size_t key_len, const char *s)
{
	char *copy = strdup(s);
	long long ticket;

	assert_non_null(copy);
	ticket = threadref_from_address(key, key_len, copy);
	free(copy);
	return ticket;
}

static void
threadref_test_upper(char *s)
{
	for (; *s != '\0'; s++)
		*s = (char)toupper((unsigned char)*s);
}

/* The token, computed here bit by bit from the HMAC of "ticket:N". */
static void
threadref_test_expected(const unsigned char *key, size_t key_len,
                        long long ticket, char *token)
{
	static const char alphabet[] = "abcdefghijklmnopqrstuvwxyz234567";
	unsigned char mac[SHA256_DIGEST_SIZE];
	char data[32];
	int n = snprintf(data, sizeof(data), "ticket:%lld", ticket);

	sha256_hmac(key, key_len, data, (size_t)n, mac);
	for (int c = 0; c < THREADREF_TOKEN_LEN; c++) {
		unsigned v = 0;

		for (int b = 5 * c; b < 5 * c + 5; b++)
			v = v << 1 | ((mac[b / 8] >> (7 - b % 8)) & 1);
		token[c] = alphabet[v];
	}
	token[THREADREF_TOKEN_LEN] = '\0';
}

static void
test_token(void **state)
{
	char token[THREADREF_TOKEN_LEN + 1], want[THREADREF_TOKEN_LEN + 1];
	char again[THREADREF_TOKEN_LEN + 1], other[THREADREF_TOKEN_LEN + 1];

	(void)state;
	for (size_t i = 0; i < N(threadref_test_tickets); i++) {
		long long ticket = threadref_test_tickets[i];

		memset(token, 'X', sizeof(token));
		threadref_token(KEY, ticket, token);
		assert_int_equal(strlen(token), THREADREF_TOKEN_LEN);
		assert_int_equal(strspn(token, "abcdefghijklmnopqrstuvwxyz"
		                               "234567"),
		                 THREADREF_TOKEN_LEN);
		threadref_test_expected(KEY, ticket, want);
		assert_string_equal(token, want);
		threadref_token(KEY, ticket, again);
		assert_string_equal(token, again);
		threadref_token(OTHER, ticket, other);
		assert_string_not_equal(token, other);
	}
	threadref_token(KEY, 1, token);
	threadref_token(KEY, 2, other);
	assert_string_not_equal(token, other);
	/* An empty key is still a key (HMAC pads it). */
	threadref_token(NULL, 0, 1, token);
	threadref_test_expected(NULL, 0, 1, want);
	assert_string_equal(token, want);
}

static void
test_msgid_round_trip(void **state)
{
	char buf[256], prefix[64], token[THREADREF_TOKEN_LEN + 1];

	(void)state;
	for (long long ticket = 1; ticket <= 3000; ticket++) {
		assert_int_equal(threadref_msgid(KEY, ticket, "1767000000.4242",
		                                 "desk.example.com", buf,
		                                 sizeof(buf)),
		                 0);
		assert_int_equal(threadref_test_msgid(KEY, buf), ticket);
	}
	for (size_t i = 0; i < N(threadref_test_tickets); i++) {
		long long ticket = threadref_test_tickets[i];

		assert_int_equal(threadref_msgid(KEY, ticket, "u", "d.example",
		                                 buf, sizeof(buf)),
		                 0);
		threadref_token(KEY, ticket, token);
		snprintf(prefix, sizeof(prefix), "cd.%lld.%s.u@d.example",
		         ticket, token);
		assert_string_equal(buf, prefix);
		assert_int_equal(threadref_test_msgid(KEY, buf), ticket);
	}
	/* The unique part may itself hold dots. */
	assert_int_equal(
	    threadref_msgid(KEY, 42, "a.b.c.d", "x.example", buf, sizeof(buf)),
	    0);
	assert_int_equal(threadref_test_msgid(KEY, buf), 42);
}

static void
test_address_round_trip(void **state)
{
	static const char *const bases[] = {
	    "support@example.com",
	    "help.desk@support.example.co.uk",
	    "support+eu@example.com", /* a '+' of its own */
	    "a+b+c@example.com",
	};
	char buf[256], want[256], token[THREADREF_TOKEN_LEN + 1];

	(void)state;
	for (long long ticket = 1; ticket <= 3000; ticket++) {
		assert_int_equal(threadref_address(KEY, ticket,
		                                   "support@example.com", buf,
		                                   sizeof(buf)),
		                 0);
		assert_int_equal(threadref_test_address(KEY, buf), ticket);
	}
	for (size_t b = 0; b < N(bases); b++) {
		for (size_t i = 0; i < N(threadref_test_tickets); i++) {
			long long ticket = threadref_test_tickets[i];
			const char *at = strchr(bases[b], '@');

			assert_int_equal(threadref_address(KEY, ticket,
			                                   bases[b], buf,
			                                   sizeof(buf)),
			                 0);
			threadref_token(KEY, ticket, token);
			snprintf(want, sizeof(want), "%.*s+%lld-%s%s",
			         (int)(at - bases[b]), bases[b], ticket, token,
			         at);
			assert_string_equal(buf, want);
			assert_int_equal(threadref_test_address(KEY, buf),
			                 ticket);
		}
	}
}

/* MTAs and some clients fold the case of local parts and ids. */
static void
test_upper_case(void **state)
{
	char buf[256];

	(void)state;
	for (size_t i = 0; i < N(threadref_test_tickets); i++) {
		long long ticket = threadref_test_tickets[i];

		assert_int_equal(threadref_address(KEY, ticket,
		                                   "support@example.com", buf,
		                                   sizeof(buf)),
		                 0);
		threadref_test_upper(buf);
		assert_int_equal(threadref_test_address(KEY, buf), ticket);
		assert_int_equal(threadref_msgid(KEY, ticket, "u1",
		                                 "example.com", buf,
		                                 sizeof(buf)),
		                 0);
		threadref_test_upper(buf);
		assert_int_equal(threadref_test_msgid(KEY, buf), ticket);
	}
}

/* Any one character of the token changed, and the reference is void. */
static void
test_tampered_token(void **state)
{
	char msgid[256], addr[256], copy[256];
	const char *token_at;

	(void)state;
	assert_int_equal(threadref_msgid(KEY, 4711, "u", "example.com", msgid,
	                                 sizeof(msgid)),
	                 0);
	assert_int_equal(threadref_address(KEY, 4711, "support@example.com",
	                                   addr, sizeof(addr)),
	                 0);
	token_at = strchr(msgid + 3, '.') + 1;
	for (int i = 0; i < THREADREF_TOKEN_LEN; i++) {
		size_t at = (size_t)(token_at - msgid) + (size_t)i;

		for (const char *c = "a7z2Q"; *c != '\0'; c++) {
			if (tolower((unsigned char)msgid[at]) == tolower(*c))
				continue;
			snprintf(copy, sizeof(copy), "%s", msgid);
			copy[at] = *c;
			assert_int_equal(threadref_test_msgid(KEY, copy), 0);
		}
	}
	token_at = strchr(addr, '-') + 1;
	for (int i = 0; i < THREADREF_TOKEN_LEN; i++) {
		size_t at = (size_t)(token_at - addr) + (size_t)i;

		for (const char *c = "a7z2Q"; *c != '\0'; c++) {
			if (tolower((unsigned char)addr[at]) == tolower(*c))
				continue;
			snprintf(copy, sizeof(copy), "%s", addr);
			copy[at] = *c;
			assert_int_equal(threadref_test_address(KEY, copy), 0);
		}
	}
}

/* A valid token moved to another ticket number opens nothing. */
static void
test_token_of_another_ticket(void **state)
{
	char token[THREADREF_TOKEN_LEN + 1], buf[256];

	(void)state;
	threadref_token(KEY, 4711, token);
	snprintf(buf, sizeof(buf), "cd.4712.%s.u@example.com", token);
	assert_int_equal(threadref_test_msgid(KEY, buf), 0);
	snprintf(buf, sizeof(buf), "cd.47110.%s.u@example.com", token);
	assert_int_equal(threadref_test_msgid(KEY, buf), 0);
	snprintf(buf, sizeof(buf), "support+4712-%s@example.com", token);
	assert_int_equal(threadref_test_address(KEY, buf), 0);
	snprintf(buf, sizeof(buf), "support+471-%s@example.com", token);
	assert_int_equal(threadref_test_address(KEY, buf), 0);
}

static void
test_wrong_key(void **state)
{
	char buf[256];

	(void)state;
	for (size_t i = 0; i < N(threadref_test_tickets); i++) {
		long long ticket = threadref_test_tickets[i];

		assert_int_equal(threadref_msgid(OTHER, ticket, "u",
		                                 "example.com", buf,
		                                 sizeof(buf)),
		                 0);
		assert_int_equal(threadref_test_msgid(KEY, buf), 0);
		assert_int_equal(threadref_test_msgid(OTHER, buf), ticket);
		assert_int_equal(threadref_address(OTHER, ticket,
		                                   "support@example.com", buf,
		                                   sizeof(buf)),
		                 0);
		assert_int_equal(threadref_test_address(KEY, buf), 0);
		/* A key that is a prefix of the right one is another key. */
		assert_int_equal(threadref_test_address(
		                     threadref_test_other,
		                     sizeof(threadref_test_other) - 2, buf),
		                 0);
	}
}

/* Message-IDs other software writes, some of them starting with "cd.". */
static void
test_foreign_msgids(void **state)
{
	static const char *const ids[] = {
	    "",
	    "CAFx9K2m+7tW3=Qk@mail.gmail.com",
	    "20260101120000.4242@mail.example.com",
	    "cd",
	    "cd.",
	    "cd.@example.com",
	    "cd.12345@example.com",
	    "cd.12345.67890@example.com",
	    "cd.20260101120000.4242@mail.example.com",
	    "cd.1767000000.abcdefghij.1@host.example",
	    "cd.4711.abcdefghij.xyz@example.com",
	    "cd.4711.ABCDEFGHIJ.xyz@example.com",
	    "cd.abc.defghijklm.n@example.com",
	    "cd.-4711.abcdefghij.u@example.com",
	    "cd..abcdefghij.u@example.com",
	    "xcd.4711.abcdefghij.u@example.com",
	    "cdx4711.abcdefghij.u@example.com",
	    "<cd.4711.abcdefghij.u@example.com>",
	};

	(void)state;
	for (size_t i = 0; i < N(ids); i++) {
		if (threadref_test_msgid(KEY, ids[i]) != 0)
			fail_msg("\"%s\" taken for one of ours", ids[i]);
	}
}

/* Ticket 0 and leading signs are never ours, even with a good token. */
static void
test_ticket_zero(void **state)
{
	char token[THREADREF_TOKEN_LEN + 1], buf[256];

	(void)state;
	threadref_token(KEY, 0, token);
	snprintf(buf, sizeof(buf), "cd.0.%s.u@example.com", token);
	assert_int_equal(threadref_test_msgid(KEY, buf), 0);
	snprintf(buf, sizeof(buf), "support+0-%s@example.com", token);
	assert_int_equal(threadref_test_address(KEY, buf), 0);
	threadref_token(KEY, 5, token);
	snprintf(buf, sizeof(buf), "cd.+5.%s.u@example.com", token);
	assert_int_equal(threadref_test_msgid(KEY, buf), 0);
	snprintf(buf, sizeof(buf), "support+ 5-%s@example.com", token);
	assert_int_equal(threadref_test_address(KEY, buf), 0);
}

/* Digits beyond any ticket are refused before they overflow. */
static void
test_overflow_digits(void **state)
{
	static const char *const numbers[] = {
	    "9223372036854775807",
	    "9223372036854775808",
	    "99999999999999999999999999999999999999",
	    /* wraps to 1 in 64 bits: 2^64 + 1 */
	    "18446744073709551617",
	};
	char token[THREADREF_TOKEN_LEN + 1], buf[256];

	(void)state;
	/* Whatever the digits would wrap to, offer every small ticket's
	 * token: none may verify. */
	for (size_t i = 0; i < N(numbers); i++) {
		for (long long t = 1; t <= 3; t++) {
			threadref_token(KEY, t, token);
			snprintf(buf, sizeof(buf), "cd.%s.%s.u@example.com",
			         numbers[i], token);
			assert_int_equal(threadref_test_msgid(KEY, buf), 0);
			snprintf(buf, sizeof(buf), "support+%s-%s@example.com",
			         numbers[i], token);
			assert_int_equal(threadref_test_address(KEY, buf), 0);
		}
	}
}

/* An id cut anywhere before the end of its token is no reference. */
static void
test_truncated_msgid(void **state)
{
	char buf[128], cut[256];
	size_t len, token_end;

	(void)state;
	assert_int_equal(threadref_msgid(KEY, 4711, "1767000000.42",
	                                 "example.com", buf, sizeof(buf)),
	                 0);
	len = strlen(buf);
	token_end = strlen("cd.4711.") + THREADREF_TOKEN_LEN;
	for (size_t n = 0; n <= len; n++) {
		long long want = n > token_end ? 4711 : 0;

		snprintf(cut, sizeof(cut), "%.*s", (int)n, buf);
		if (threadref_test_msgid(KEY, cut) != want)
			fail_msg("\"%s\" should give %lld", cut, want);
	}
	/* A token one character too long is not the token. */
	snprintf(cut, sizeof(cut), "%.*sa%s", (int)token_end, buf,
	         buf + token_end);
	assert_int_equal(threadref_test_msgid(KEY, cut), 0);
}

static void
test_truncated_address(void **state)
{
	char buf[256], cut[256];
	const char *at;

	(void)state;
	assert_int_equal(threadref_address(KEY, 4711, "support@example.com",
	                                   buf, sizeof(buf)),
	                 0);
	at = strchr(buf, '@');
	assert_non_null(at);
	/* Cut anywhere in the local part, with or without the domain. */
	for (size_t n = 0; n < (size_t)(at - buf); n++) {
		snprintf(cut, sizeof(cut), "%.*s%s", (int)n, buf, at);
		if (threadref_test_address(KEY, cut) != 0)
			fail_msg("\"%s\" should give 0", cut);
		snprintf(cut, sizeof(cut), "%.*s", (int)n, buf);
		assert_int_equal(threadref_test_address(KEY, cut), 0);
	}
	snprintf(cut, sizeof(cut), "%.*s", (int)(at - buf), buf);
	assert_int_equal(threadref_test_address(KEY, cut), 0);
}

static void
test_malformed_addresses(void **state)
{
	char token[THREADREF_TOKEN_LEN + 1], buf[256];

	(void)state;
	threadref_token(KEY, 4711, token);
	assert_int_equal(threadref_test_address(KEY, ""), 0);
	assert_int_equal(threadref_test_address(KEY, "@"), 0);
	assert_int_equal(threadref_test_address(KEY, "+@"), 0);
	assert_int_equal(threadref_test_address(KEY, "support@example.com"), 0);
	assert_int_equal(
	    threadref_test_address(KEY, "support+4711@example.com"), 0);
	assert_int_equal(
	    threadref_test_address(KEY, "support+4711-@example.com"), 0);
	snprintf(buf, sizeof(buf), "support+4711-%s", token);
	assert_int_equal(threadref_test_address(KEY, buf), 0);
	snprintf(buf, sizeof(buf), "support+4711_%s@example.com", token);
	assert_int_equal(threadref_test_address(KEY, buf), 0);
	snprintf(buf, sizeof(buf), "support+4711-%sx@example.com", token);
	assert_int_equal(threadref_test_address(KEY, buf), 0);
	snprintf(buf, sizeof(buf), "support+4711-%s.@example.com", token);
	assert_int_equal(threadref_test_address(KEY, buf), 0);
	/* The '+' must be the last before '@'. */
	snprintf(buf, sizeof(buf), "support+4711-%s+x@example.com", token);
	assert_int_equal(threadref_test_address(KEY, buf), 0);
	/* The whole of it as the domain's part is no local part. */
	snprintf(buf, sizeof(buf), "support@x+4711-%s.example.com", token);
	assert_int_equal(threadref_test_address(KEY, buf), 0);
	/* With a '+' right at the start the local part is only the tag. */
	snprintf(buf, sizeof(buf), "+4711-%s@example.com", token);
	assert_int_equal(threadref_test_address(KEY, buf), 4711);
}

/* Output that does not fit is refused, never cut. */
static void
test_buffer_size(void **state)
{
	char buf[256], small[256];
	size_t len;

	(void)state;
	assert_int_equal(
	    threadref_msgid(KEY, 4711, "u", "example.com", buf, sizeof(buf)),
	    0);
	len = strlen(buf);
	assert_int_equal(
	    threadref_msgid(KEY, 4711, "u", "example.com", small, len + 1), 0);
	assert_string_equal(small, buf);
	assert_int_equal(
	    threadref_msgid(KEY, 4711, "u", "example.com", small, len), -1);

	assert_int_equal(threadref_address(KEY, 4711, "support@example.com",
	                                   buf, sizeof(buf)),
	                 0);
	len = strlen(buf);
	assert_int_equal(
	    threadref_address(KEY, 4711, "support@example.com", small, len + 1),
	    0);
	assert_string_equal(small, buf);
	assert_int_equal(
	    threadref_address(KEY, 4711, "support@example.com", small, len),
	    -1);
	/* A base without '@' is no address to extend. */
	assert_int_equal(
	    threadref_address(KEY, 4711, "support", buf, sizeof(buf)), -1);
	assert_int_equal(threadref_address(KEY, 4711, "", buf, sizeof(buf)),
	                 -1);
}

static long long
threadref_test_survey(const unsigned char *key, size_t key_len, const char *s)
{
	char *copy = strdup(s);
	long long ticket;

	assert_non_null(copy);
	ticket = threadref_survey_find(key, key_len, copy);
	free(copy);
	return ticket;
}

static void
test_survey_ref(void **state)
{
	char ref[THREADREF_SURVEY_REF_SIZE], text[160];
	char token[THREADREF_TOKEN_LEN + 1];

	(void)state;
	for (size_t i = 0; i < N(threadref_test_tickets); i++) {
		long long t = threadref_test_tickets[i];
		threadref_survey_ref(KEY, t, ref);
		snprintf(text, sizeof(text), "Re: [ACME #%lld] Rating 4 (%s)",
		         t, ref);
		assert_int_equal(threadref_test_survey(KEY, text), t);
		/* At the very end, and upper-cased by a mail client. */
		assert_int_equal(threadref_test_survey(KEY, ref), t);
		threadref_test_upper(text);
		assert_int_equal(threadref_test_survey(KEY, text), t);
		assert_int_equal(threadref_test_survey(OTHER, text), 0);
	}
	threadref_survey_ref(KEY, 4711, ref);
	/* Not the thread's token: a survey reference is no way into a
	 * ticket, nor a ticket's token a survey's. */
	threadref_token(KEY, 4711, token);
	assert_string_not_equal(strchr(ref, '-') + 1, token);
	snprintf(text, sizeof(text), "S4711-%s", token);
	assert_int_equal(threadref_test_survey(KEY, text), 0);
	/* Inside a word, truncated, followed by more letters, tampered. */
	snprintf(text, sizeof(text), "XS4711-%s", strchr(ref, '-') + 1);
	assert_int_equal(threadref_test_survey(KEY, text), 0);
	snprintf(text, sizeof(text), "%.*s", (int)strlen(ref) - 1, ref);
	assert_int_equal(threadref_test_survey(KEY, text), 0);
	snprintf(text, sizeof(text), "%sx", ref);
	assert_int_equal(threadref_test_survey(KEY, text), 0);
	snprintf(text, sizeof(text), "%s", ref);
	text[strlen(text) - 1] = text[strlen(text) - 1] == 'a' ? 'b' : 'a';
	assert_int_equal(threadref_test_survey(KEY, text), 0);
	assert_int_equal(threadref_test_survey(KEY, "S0-aaaaaaaaaa"), 0);
	assert_int_equal(
	    threadref_test_survey(KEY, "S99999999999999999999-aaaaaaaaaa"), 0);
	assert_int_equal(threadref_test_survey(KEY, ""), 0);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_token),
	    cmocka_unit_test(test_msgid_round_trip),
	    cmocka_unit_test(test_address_round_trip),
	    cmocka_unit_test(test_upper_case),
	    cmocka_unit_test(test_tampered_token),
	    cmocka_unit_test(test_token_of_another_ticket),
	    cmocka_unit_test(test_wrong_key),
	    cmocka_unit_test(test_foreign_msgids),
	    cmocka_unit_test(test_ticket_zero),
	    cmocka_unit_test(test_overflow_digits),
	    cmocka_unit_test(test_truncated_msgid),
	    cmocka_unit_test(test_truncated_address),
	    cmocka_unit_test(test_malformed_addresses),
	    cmocka_unit_test(test_buffer_size),
	    cmocka_unit_test(test_survey_ref),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
