/*
 * smtp: handing one mail to the SMTP server over libcurl, on a
 * connection kept open between mails.  Only this file sees curl.
 */
#ifndef COMPLAINTD_SMTP_H
#define COMPLAINTD_SMTP_H

#include <stddef.h>

#include "conf.h"

struct smtp;

/* How a delivery ended, for the retry decision. */
enum smtp_result {
	SMTP_SENT,
	SMTP_TEMPFAIL, /* 4xx, network, TLS or login trouble: try later */
	SMTP_PERMFAIL, /* 5xx for this mail or recipient: never again */
};

/* Loads libcurl once, before threads start; 0 or -1. */
int smtp_global_init(void);

/* A client for conf's server (borrowed until smtp_free); NULL when
 * memory runs out. */
struct smtp *smtp_new(const struct conf_smtp *conf);
void smtp_free(struct smtp *s);

/*
 * Sends len bytes of raw mail from sender to recipient.  *code_r gets the
 * server's last reply code (0 when it never answered) and answer its last
 * reply line or curl's reason.
 */
enum smtp_result smtp_send(struct smtp *s, const char *sender,
                           const char *recipient, const char *raw, size_t len,
                           long *code_r, char *answer, size_t answer_size);

#endif
