/*
 * threadref: the references the desk writes into its own mail so that a
 * reply finds its ticket even when the store no longer knows the message:
 * Message-IDs "<cd.123.TOKEN.UNIQUE@domain>" and plus-addresses
 * "support+123-TOKEN@domain", where TOKEN is a short HMAC of the ticket
 * number under the desk's secret, so nobody can forge a way into another
 * customer's ticket.  Pure.
 */
#ifndef COMPLAINTD_THREADREF_H
#define COMPLAINTD_THREADREF_H

#include <stddef.h>

#define THREADREF_TOKEN_LEN 10

/* The token for ticket as THREADREF_TOKEN_LEN base32 characters and NUL. */
void threadref_token(const unsigned char *key, size_t key_len, long long ticket,
                     char token[THREADREF_TOKEN_LEN + 1]);

/* The ticket a msg-id (without <>) of ours names, or 0 (not ours, or a
 * token that does not verify). */
long long threadref_from_msgid(const unsigned char *key, size_t key_len,
                               const char *msgid);

/* The ticket a plus-address names, or 0. */
long long threadref_from_address(const unsigned char *key, size_t key_len,
                                 const char *addr);

/*
 * Writes "cd.TICKET.TOKEN.UNIQUE@DOMAIN" (no <>) into buf.  Returns 0, or
 * -1 when it does not fit.
 */
int threadref_msgid(const unsigned char *key, size_t key_len, long long ticket,
                    const char *unique, const char *domain, char *buf,
                    size_t size);

/* Writes "LOCAL+TICKET-TOKEN@DOMAIN" for base "LOCAL@DOMAIN"; 0 or -1. */
int threadref_address(const unsigned char *key, size_t key_len,
                      long long ticket, const char *base, char *buf,
                      size_t size);

/*
 * A survey's reference "S123-TOKEN" (TOKEN: the MAC of the survey, not of
 * the ticket's thread), written into its subject and one-click links.
 */
#define THREADREF_SURVEY_REF_SIZE 40
void threadref_survey_ref(const unsigned char *key, size_t key_len,
                          long long ticket,
                          char buf[THREADREF_SURVEY_REF_SIZE]);

/* The ticket whose survey reference text carries (verified), or 0. */
long long threadref_survey_find(const unsigned char *key, size_t key_len,
                                const char *text);

#endif
