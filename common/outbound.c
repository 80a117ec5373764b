/*
 * outbound: the templates by language, the placeholders of one mail, and
 * writing a mail into the outbox with its copy in the ticket's thread.
 */
#include "outbound.h"
#include "outbound_p.h"

#include "compose.h"
#include "sha256.h"
#include "template.h"
#include "threadref.h"

#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/random.h>
#include <sys/stat.h>
#include <time.h>

void
outbound_config_free(struct outbound_config *ocfg)
{
	if (ocfg == NULL)
		return;
	for (size_t i = 0; i < ocfg->n_langs; i++) {
		free(ocfg->langs[i].lang);
		for (size_t k = 0; k < OUTBOUND_N_KINDS; k++)
			template_clear(&ocfg->langs[i].tpl[k]);
	}
	free(ocfg->langs);
	free(ocfg);
}

/* Loads every kind of one language; -1 with err when one is missing. */
static int
outbound_load_lang(struct outbound_config *ocfg, const char *dir,
                   const char *lang, char *err, size_t err_size)
{
	struct outbound_lang *l;
	void *bigger = realloc(ocfg->langs, (ocfg->n_langs + 1) * sizeof(*l));

	if (bigger == NULL)
		return -1;
	ocfg->langs = bigger;
	l = &ocfg->langs[ocfg->n_langs];
	memset(l, 0, sizeof(*l));
	if ((l->lang = strdup(lang)) == NULL)
		return -1;
	ocfg->n_langs++;
	for (size_t k = 0; k < OUTBOUND_N_KINDS; k++) {
		char path[4096], why[512];
		snprintf(path, sizeof(path), "%s/%s/%s.txt", dir, lang,
		         conf_template_kinds[k]);
		if (template_load(path, &l->tpl[k], why, sizeof(why)) != 0) {
			snprintf(err, err_size, "template %s: %s", path, why);
			return -1;
		}
	}
	return 0;
}

struct outbound_config *
outbound_config_new(const struct conf *conf, char *err, size_t err_size)
{
	struct outbound_config *ocfg = calloc(1, sizeof(*ocfg));
	const char *dir = conf->templates.dir;
	DIR *d = opendir(dir);
	struct dirent *e;
	int rc = 0;

	snprintf(err, err_size, "out of memory");
	if (ocfg == NULL || d == NULL) {
		if (d == NULL)
			snprintf(err, err_size, "cannot read %s", dir);
		if (d != NULL)
			closedir(d);
		free(ocfg);
		return NULL;
	}
	ocfg->conf = conf;
	while (rc == 0 && (e = readdir(d)) != NULL) {
		char sub[4096];
		struct stat st;
		snprintf(sub, sizeof(sub), "%s/%s", dir, e->d_name);
		if (e->d_name[0] != '.' && stat(sub, &st) == 0 &&
		    S_ISDIR(st.st_mode))
			rc = outbound_load_lang(ocfg, dir, e->d_name, err,
			                        err_size);
	}
	closedir(d);
	if (rc == 0 && compose_address_of(conf->smtp.from, ocfg->from_addr,
	                                  sizeof(ocfg->from_addr)) != 0) {
		snprintf(err, err_size, "smtp.from holds no address");
		rc = -1;
	}
	if (rc == 0 &&
	    outbound_lang(ocfg, conf->templates.default_language) == NULL) {
		snprintf(err, err_size,
		         "no templates for the default language");
		rc = -1;
	}
	if (rc != 0) {
		outbound_config_free(ocfg);
		return NULL;
	}
	return ocfg;
}

void
outbound_set_secret(struct outbound_config *ocfg,
                    const unsigned char key[STORE_SECRET_SIZE])
{
	memcpy(ocfg->secret, key, STORE_SECRET_SIZE);
}

const struct outbound_lang *
outbound_lang(const struct outbound_config *ocfg, const char *lang)
{
	for (size_t i = 0; lang != NULL && i < ocfg->n_langs; i++)
		if (strcmp(ocfg->langs[i].lang, lang) == 0)
			return &ocfg->langs[i];
	return NULL;
}

/* The customer's language when templates exist for it (or the one the
 * configuration fixes), else the default. */
const struct outbound_lang *
outbound_choose_lang(const struct outbound_config *ocfg, const char *lang)
{
	const struct conf_templates *tp = &ocfg->conf->templates;
	const struct outbound_lang *l = NULL;

	if (strcmp(tp->language, "auto") != 0)
		l = outbound_lang(ocfg, tp->language);
	else
		l = outbound_lang(ocfg, lang);
	return l ? l : outbound_lang(ocfg, tp->default_language);
}

/*
 * A time as a customer reads it, in the desk's time zone (TZ is set to
 * it at start-up): Chinese readers get 2026年12月4日 18:30.
 */
void
outbound_format_time(const char *lang, long long when, char *buf, size_t size)
{
	static const char *const days[] = {"Sunday",    "Monday",   "Tuesday",
	                                   "Wednesday", "Thursday", "Friday",
	                                   "Saturday"};
	static const char *const months[] = {"January", "February", "March",
	                                     "April",   "May",      "June",
	                                     "July",    "August",   "September",
	                                     "October", "November", "December"};
	time_t t = (time_t)when;
	struct tm tm;

	if (localtime_r(&t, &tm) == NULL) {
		snprintf(buf, size, "?");
		return;
	}
	if (strcmp(lang, "zh") == 0)
		snprintf(buf, size, "%d年%d月%d日 %02d:%02d", tm.tm_year + 1900,
		         tm.tm_mon + 1, tm.tm_mday, tm.tm_hour, tm.tm_min);
	else
		snprintf(buf, size, "%s, %d %s %d, %02d:%02d %s",
		         days[tm.tm_wday], tm.tm_mday, months[tm.tm_mon],
		         tm.tm_year + 1900, tm.tm_hour, tm.tm_min,
		         tm.tm_zone ? tm.tm_zone : "");
}

const char *
outbound_value(void *arg, const char *name)
{
	const struct outbound_values *v = arg;

	for (size_t i = 0; i < v->n; i++)
		if (strcmp(v->names[i], name) == 0)
			return v->values[i];
	return NULL;
}

void
outbound_put(struct outbound_values *v, const char *name, const char *value)
{
	/* A second put replaces: one fill serves several recipients. */
	for (size_t i = 0; i < v->n; i++)
		if (strcmp(v->names[i], name) == 0) {
			v->values[i] = value;
			return;
		}
	if (v->n < OUTBOUND_MAX_VALUES) {
		v->names[v->n] = name;
		v->values[v->n] = value;
		v->n++;
	}
}

/* 12 random hex digits: the unique part of our Message-IDs. */
static int
outbound_unique(char out[13])
{
	static const char hex[] = "0123456789abcdef";
	unsigned char bytes[6];

	if (getrandom(bytes, sizeof(bytes), 0) != (ssize_t)sizeof(bytes))
		return -1;
	for (int i = 0; i < 6; i++) {
		out[2 * i] = hex[bytes[i] >> 4];
		out[2 * i + 1] = hex[bytes[i] & 15];
	}
	out[12] = '\0';
	return 0;
}

/* "their References, then their Message-ID": the thread our mail joins. */
static char *
outbound_references(const struct mime_message *msg)
{
	size_t len = 1, o = 0;
	char *out;

	/* A mail no mail caused (an agent's correction): no thread. */
	if (msg == NULL)
		return strdup("");
	for (size_t i = 0; i < msg->references.n; i++)
		len += strlen(msg->references.v[i]) + 1;
	len += msg->message_id ? strlen(msg->message_id) + 1 : 0;
	if ((out = malloc(len)) == NULL)
		return NULL;
	for (size_t i = 0; i <= msg->references.n; i++) {
		const char *id = i < msg->references.n ? msg->references.v[i]
		                                       : msg->message_id;
		size_t n = id ? strlen(id) : 0;
		if (n == 0)
			continue;
		if (o > 0)
			out[o++] = ' ';
		memcpy(out + o, id, n);
		o += n;
	}
	out[o] = '\0';
	return out;
}

/* The stored copy in the ticket's thread and the outbox row. */
static int
outbound_store(struct store *store, const struct outbound_config *ocfg,
               const struct outbound_draft *d, const struct outbound_text *t,
               long long now, long long *outbox_id_r)
{
	char sha[SHA256_HEX_SIZE];
	struct store_message_new m = {
	    .ticket_id = d->ticket_id,
	    .direction = "out",
	    .kind = d->thread_kind ? d->thread_kind : d->kind,
	    .message_id = t->message_id,
	    .raw_sha256 = sha,
	    .from_addr = ocfg->from_addr,
	    .to_addrs = d->to_addr,
	    .subject = t->subject,
	    .date = now,
	    .received = now,
	    .body_text = t->body,
	    .mailbox_id = -1,
	    .uid = -1,
	    .raw = t->raw,
	    .raw_len = t->raw_len,
	};
	struct store_outbox_new o = {
	    .kind = d->kind,
	    .ticket_id = d->ticket_id,
	    .sender = ocfg->from_addr,
	    .recipient = d->to_addr,
	    .message_id = t->message_id,
	    .subject = t->subject,
	    .language = d->lang->lang,
	    .raw = t->raw,
	    .raw_len = t->raw_len,
	    .now = now,
	    .send_at = d->send_at,
	};
	char detail[320];

	sha256_hex(t->raw, t->raw_len, sha);
	if (store_message_insert(store, &m, &o.message_row) != 0 ||
	    store_outbox_add(store, &o, outbox_id_r) != 0)
		return -1;
	snprintf(detail, sizeof(detail), "to=%s language=%s outbox=%lld",
	         d->to_addr, d->lang->lang, *outbox_id_r);
	return store_event_add(store, d->ticket_id, now, d->event, "complaintd",
	                       detail, NULL) < 0
	           ? -1
	           : 0;
}

static void
outbound_text_clear(struct outbound_text *t)
{
	free(t->subject);
	free(t->body);
	free(t->raw);
	memset(t, 0, sizeof(*t));
}

/* Renders d's template and composes the mail into t. */
static int
outbound_write(const struct outbound_config *ocfg,
               const struct outbound_draft *d, long long now,
               struct outbound_text *t)
{
	const struct template *tpl = &d->lang->tpl[d->kind_index];
	const struct conf *conf = ocfg->conf;
	char unique[13], reply_to[320];
	char *refs = outbound_references(d->cause);
	struct compose_mail m = {
	    .date = now,
	    .from = conf->smtp.from,
	    .to_name = d->to_name,
	    .to_addr = d->to_addr,
	    .message_id = t->message_id,
	    .in_reply_to = d->cause ? d->cause->message_id : NULL,
	    .references = refs,
	    .auto_submitted = d->auto_submitted,
	};
	int rc = -1;

	t->subject = template_render(tpl->subject, outbound_value, d->values);
	t->body = template_render(tpl->body, outbound_value, d->values);
	if (refs == NULL || t->subject == NULL || t->body == NULL ||
	    outbound_unique(unique) != 0 ||
	    threadref_msgid(ocfg->secret, sizeof(ocfg->secret), d->ticket_id,
	                    unique, conf->desk.domain, t->message_id,
	                    sizeof(t->message_id)) != 0)
		goto out;
	if (conf->desk.plus_addressing &&
	    threadref_address(ocfg->secret, sizeof(ocfg->secret), d->ticket_id,
	                      conf->desk.addresses.v[0], reply_to,
	                      sizeof(reply_to)) == 0)
		m.reply_to = reply_to;
	m.subject = t->subject;
	m.text = t->body;
	rc = compose_mail(&m, &t->raw, &t->raw_len, t->error, sizeof(t->error));
out:
	free(refs);
	return rc;
}

int
outbound_queue(struct store *store, const struct outbound_config *ocfg,
               const struct outbound_draft *d, long long now,
               long long *outbox_id_r, char *why, size_t why_size)
{
	struct outbound_text t = {0};
	int rc = outbound_write(ocfg, d, now, &t);

	/* A mail that cannot be written (a recipient that is no address)
	 * is not queued; only the store failing is an error. */
	if (rc == 0) {
		rc = outbound_store(store, ocfg, d, &t, now, outbox_id_r);
		if (rc == 0 && d->message_id_r != NULL)
			snprintf(d->message_id_r, d->message_id_size, "%s",
			         t.message_id);
	} else {
		snprintf(why, why_size, "%s", t.error[0] ? t.error : "");
		rc = 1;
	}
	outbound_text_clear(&t);
	return rc;
}

void
outbound_cause_of_ticket(const struct store_ticket *t,
                         const struct mime_message *msg,
                         struct outbound_cause *c)
{
	*c = (struct outbound_cause){
	    .ticket_id = t->id,
	    .msg = msg,
	    .text = msg ? NULL : "",
	    .customer_name = t->customer_name,
	    .sender = t->customer_address ? t->customer_address : "",
	    .ticket_subject = t->subject,
	    .language = t->language,
	    .order_number = t->order_number,
	    .expectation = t->expected_resolution,
	    .mailbox = t->mailbox,
	    .mailbox_first_seen = -1,
	    .uid = -1,
	    .received = t->created,
	    .category = t->category,
	    .severity = t->severity,
	    .team = t->team,
	    .assignee = t->assignee,
	    .reasons = t->reasons,
	    .priority = t->priority,
	};
}
