/*
 * ctl.h: what complaintctl's command files share — the parsed options,
 * opening the configuration and the store, and output helpers for aligned
 * tables (CJK-aware widths) and JSON.
 */
#ifndef COMPLAINTD_CTL_H
#define COMPLAINTD_CTL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#include "classify.h"
#include "conf.h"
#include "ingest.h"
#include "outbound.h"
#include "store.h"

/* Exit status for "no such ticket / entry". */
#define CTL_EX_NOTFOUND 1
/* Exit status for "not allowed now" (a ticket cannot make that move). */
#define CTL_EX_CONFLICT 2

struct ctl_options {
	const char *config_path;
	bool json;
};

/* An opened desk; ctl_close releases what ctl_open took. */
struct ctl {
	const struct ctl_options *opts;
	struct conf *conf;
	struct store *store;
};

/*
 * Loads the configuration and, when with_store, opens the store; uses the
 * desk's time zone for times.  Returns 0, or the exit status after
 * printing why on stderr.
 */
int ctl_open(const struct ctl_options *opts, bool with_store, struct ctl *ctl);
void ctl_close(struct ctl *ctl);

/* Parses a ticket or entry id ("12" or "#12"); 0 or -1. */
int ctl_parse_id(const char *text, long long *id_r);

/* "2026-12-04 17:05" in the desk's time zone, "-" for t < 0. */
const char *ctl_time(long long t, char *buf, size_t size);

/* Writes s as a JSON string (NULL: null). */
void ctl_json_string(FILE *out, const char *s);
/* Writes ,"key":"value" (or without the comma when first). */
void ctl_json_field(FILE *out, bool first, const char *key, const char *s);
void ctl_json_int(FILE *out, bool first, const char *key, long long v);

/* A ticket's survey (NULL: none) in show: ,"survey":{...} or null, and
 * the lines for people (ctl_survey.c). */
struct store_survey;
void ctl_survey_json(FILE *out, const struct store_survey *s);
void ctl_survey_text(const struct store_survey *s);

/* Columns of width display cells: s cut with "…" or padded.  The last
 * column of a row takes width 0: printed whole, not padded. */
void ctl_cell(FILE *out, const char *s, int width);

/*
 * For commands that triage or write mail: the rules, the templates with
 * the desk's secret and the model (loaded into *model), and cfg filled
 * as the daemon fills it.  0, or the exit status after printing why
 * (nothing kept).  Release with ctl_release_ingest.
 */
int ctl_prepare_ingest(struct ctl *ctl, struct ingest_config *cfg,
                       struct ingest_rules **rules_r,
                       struct outbound_config **out_r,
                       struct classify_model *model);
void ctl_release_ingest(struct ingest_rules *rules, struct outbound_config *out,
                        struct classify_model *model);

/*
 * Reads a whole mail from path ("-": stdin) into a new buffer (caller
 * frees).  0, or the exit status after printing why: 66 cannot open,
 * 74 cannot read, 65 empty.
 */
int ctl_read_input(const char *path, char **raw_r, size_t *len_r);
/* The same, parsed (caller frees with mime_message_free). */
int ctl_read_mail(const char *path, struct mime_message **msg_r);

/* Who acts: --as, else $COMPLAINTD_AGENT, the sudo user, the login. */
const char *ctl_actor(const char *as);

/* Tells a running complaintd (SIGUSR2) that deadlines changed, so its
 * scheduler looks now; silent when none runs. */
void ctl_wake_daemon(struct ctl *ctl);

/* A change to one stored ticket, inside the transaction: EX_OK, or an
 * exit status (after saying why, unless the store failed). */
typedef int (*ctl_work_fn)(struct ctl *ctl, const struct store_ticket *t,
                           void *arg);

/*
 * Runs fn on ticket id in one transaction, committed only when fn
 * returns EX_OK.  Says on stderr why nothing changed: no such ticket,
 * or a store failure.  Returns the exit status (ctl_change.c).
 */
int ctl_work_tx(struct ctl *ctl, long long id, ctl_work_fn fn, void *arg);
/* ctl_open, then --as (when given) must name a configured agent. */
int ctl_work_open(const struct ctl_options *opts, const char *as,
                  struct ctl *ctl);
/* ctl_work_open, and the SLA desk whose clocks a change keeps
 * (*desk_r: free with sla_desk_free before ctl_close).  0, or the exit
 * status after saying why (nothing left open). */
struct sla_desk;
int ctl_work_open_desk(const struct ctl_options *opts, const char *as,
                       struct ctl *ctl, struct sla_desk **desk_r);
/* The options of a command that takes only --as AGENT (into *as); 0, or
 * -1 on any other. */
int ctl_as_option(int argc, char **argv, const char **as);

/* The agent acting in command: --as, else $COMPLAINTD_AGENT; NULL after
 * saying why (none given, or no such agent). */
const struct conf_agent *ctl_acting_agent(const struct conf *conf,
                                          const char *as, const char *command);
/*
 * A text (a note, a reply) from -m text, or else from path ("-": stdin),
 * trailing blanks trimmed, into *out (caller frees, also on failure).  0,
 * or the exit status after saying why: 64 empty, not text or too long,
 * 66 cannot be read.
 */
int ctl_read_text(const char *text, const char *path, const char *what,
                  char **out);

/* ID [-m TEXT | -f FILE | -] [--as AGENT] into *id, *text, *path (NULL
 * when not given) and *as; 0, or -1 on a usage error. */
int ctl_text_args(int argc, char **argv, const char **as, const char **text,
                  const char **path, long long *id);

/* Where a ticket stands with its deadlines (ctl_sla.c). */
enum ctl_sla_state {
	CTL_SLA_FINE,
	CTL_SLA_AT_RISK,  /* a warning passed, no deadline yet */
	CTL_SLA_BREACHED, /* a deadline passed */
};

/* t's state now under desk's policies; -1 when the store failed. */
int ctl_sla_state(struct ctl *ctl, const struct sla_desk *desk,
                  const struct store_ticket *t);

/* "training: 120/210" on stderr, when it is a terminal; done == total
 * ends the line. */
void ctl_progress(const char *what, size_t done, size_t total);

/* The commands, one file per group; each returns the exit status. */
int ctl_cmd_info(const struct ctl_options *opts, int argc, char **argv);
int ctl_cmd_check_config(const struct ctl_options *opts, int argc, char **argv);
int ctl_cmd_ingest(const struct ctl_options *opts, int argc, char **argv);
int ctl_cmd_list(const struct ctl_options *opts, int argc, char **argv);
int ctl_cmd_show(const struct ctl_options *opts, int argc, char **argv);
int ctl_cmd_quarantine(const struct ctl_options *opts, int argc, char **argv);
int ctl_cmd_outbox(const struct ctl_options *opts, int argc, char **argv);
int ctl_cmd_classify(const struct ctl_options *opts, int argc, char **argv);
int ctl_cmd_reclassify(const struct ctl_options *opts, int argc, char **argv);
int ctl_cmd_train(const struct ctl_options *opts, int argc, char **argv);
int ctl_cmd_agent(const struct ctl_options *opts, int argc, char **argv);
int ctl_cmd_customer(const struct ctl_options *opts, int argc, char **argv);
int ctl_cmd_sla(const struct ctl_options *opts, int argc, char **argv);
int ctl_cmd_status(const struct ctl_options *opts, int argc, char **argv);
int ctl_cmd_assign(const struct ctl_options *opts, int argc, char **argv);
int ctl_cmd_take(const struct ctl_options *opts, int argc, char **argv);
int ctl_cmd_note(const struct ctl_options *opts, int argc, char **argv);
int ctl_cmd_reopen(const struct ctl_options *opts, int argc, char **argv);
int ctl_cmd_tag(const struct ctl_options *opts, int argc, char **argv);
int ctl_cmd_reply(const struct ctl_options *opts, int argc, char **argv);
int ctl_cmd_attachment(const struct ctl_options *opts, int argc, char **argv);
int ctl_cmd_merge(const struct ctl_options *opts, int argc, char **argv);
int ctl_cmd_report(const struct ctl_options *opts, int argc, char **argv);
/* Counters and gauges for Prometheus (ctl_metrics.c). */
int ctl_cmd_metrics(const struct ctl_options *opts, int argc, char **argv);

#endif
