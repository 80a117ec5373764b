/* outbound_p.h: what the outbound files share and nobody else sees. */
#ifndef COMPLAINTD_OUTBOUND_P_H
#define COMPLAINTD_OUTBOUND_P_H

#include "outbound.h"
#include "template.h"

/* The kinds, in the order of conf_template_kinds. */
enum {
	OUTBOUND_ACK,
	OUTBOUND_NOTIFY_NEW,
	OUTBOUND_NOTIFY_REPLY,
	OUTBOUND_URGENT_ALERT,
	OUTBOUND_REPEAT_CUSTOMER,
	OUTBOUND_SLA_NOTICE,
	OUTBOUND_REPLY,
	OUTBOUND_SURVEY,
	OUTBOUND_SURVEY_LOW,
	OUTBOUND_SURGE_ALERT,
	OUTBOUND_N_KINDS,
};

struct outbound_lang {
	char *lang;
	struct template tpl[OUTBOUND_N_KINDS];
};

struct outbound_config {
	const struct conf *conf;
	struct outbound_lang *langs;
	size_t n_langs;
	unsigned char secret[STORE_SECRET_SIZE];
	char from_addr[256]; /* the envelope sender, smtp.from's address */
};

const struct outbound_lang *outbound_lang(const struct outbound_config *ocfg,
                                          const char *lang);
const struct outbound_lang *
outbound_choose_lang(const struct outbound_config *ocfg, const char *lang);

/* "Friday, 4 December 2026, 18:30 CET" / "2026年12月4日 18:30". */
void outbound_format_time(const char *lang, long long when, char *buf,
                          size_t size);

/* A mail's placeholder values (borrowed strings). */
#define OUTBOUND_MAX_VALUES 56
struct outbound_values {
	const char *names[OUTBOUND_MAX_VALUES];
	const char *values[OUTBOUND_MAX_VALUES];
	size_t n;
};

/* Sets name to value (replacing an earlier value). */
void outbound_put(struct outbound_values *v, const char *name,
                  const char *value);
/* template_lookup over struct outbound_values. */
const char *outbound_value(void *arg, const char *name);

/* Everything a template may name, for one cause. */
struct outbound_fill {
	struct outbound_values v;
	char ticket[24], ref[64], received[96], due[96], priority[24];
	char *text; /* the new part of the customer's text, owned */
};

/* Fills f for c in lang; free f->text after. */
void outbound_fill(const struct outbound_config *ocfg,
                   const struct outbound_cause *c,
                   const struct outbound_lang *lang, struct outbound_fill *f);

/* One mail to write and queue. */
struct outbound_draft {
	const char *kind; /* conf_template_kinds[kind_index] */
	size_t kind_index;
	const char *event; /* the audit event, "ack.queued" ... */
	long long ticket_id;
	const struct outbound_lang *lang;
	struct outbound_values *values; /* template_render wants it mutable */
	const char *to_name;
	const char *to_addr;
	const struct mime_message *cause; /* threaded to it */
	const char *auto_submitted;
	long long send_at;  /* 0: now */
	char *message_id_r; /* NULL, or where the Message-ID goes */
	size_t message_id_size;
	const char *thread_kind; /* the copy in the thread's kind; NULL:
	                            kind (a digest is told apart there) */
};

/* The written mail, owned. */
struct outbound_text {
	char *subject;
	char *body;
	char *raw;
	size_t raw_len;
	char message_id[320];
	char error[256]; /* why compose refused it */
};

/*
 * Writes d and queues it with its copy in the thread.  Returns 0 queued,
 * 1 not queued because it cannot be written (the recipient is no
 * address we can write; why says so), -1 when the store failed.
 */
int outbound_queue(struct store *store, const struct outbound_config *ocfg,
                   const struct outbound_draft *d, long long now,
                   long long *outbox_id_r, char *why, size_t why_size);

#endif
