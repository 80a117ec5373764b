/*
 * surge: early warning — whether the new complaints of one value of a
 * dimension (a category, a product, a mailbox) are a surge, how an
 * episode opens, goes on and ends, and the words the surge's subjects
 * share.  Pure: counts and now come in, verdicts go out; nothing is read
 * from a clock, a store or the configuration.
 *
 * The rule.  count: new tickets in the last window; baseline: those of
 * the same value in the baseline period just before the window; history:
 * how much of that period the store covers (a desk younger than the
 * period is not compared with days it never saw).  The usual rate per
 * window is baseline * window / max(history, window).  A volume surge is
 * count >= min_tickets and count >= factor_percent / 100 * usual; an
 * urgent burst is urgent_count (> 0) or more urgent tickets in the last
 * urgent_window.  An episode opens when either holds (the one alert),
 * stays open while one holds, and ends once quiet has passed without.
 */
#ifndef COMPLAINTD_SURGE_H
#define COMPLAINTD_SURGE_H

#include <stdbool.h>
#include <stddef.h>

/* The thresholds (conf "surge"; durations in seconds). */
struct surge_rule {
	long window;        /* new tickets are counted over this */
	long baseline;      /* the usual rate comes from this before it */
	int factor_percent; /* 300: three times the usual rate */
	int min_tickets;    /* fewer in the window is never a surge */
	int urgent_count;   /* this many urgent tickets ... 0: off */
	long urgent_window; /* ... within this is a burst */
	long quiet;         /* an episode ends this long after the last */
};

/* What the store counted for one value at now. */
struct surge_counts {
	long long count;    /* new tickets in (now - window, now] */
	long long urgent;   /* urgent ones in (now - urgent_window, now] */
	long long baseline; /* in the baseline period before the window */
	long long history;  /* seconds of that period the store covers,
	                       0 .. rule.baseline */
};

enum surge_kind {
	SURGE_NONE,
	SURGE_VOLUME, /* count against the usual rate */
	SURGE_URGENT, /* urgent tickets close together */
};

/* The verdict for c; an urgent burst wins over volume (more pressing). */
enum surge_kind surge_check(const struct surge_rule *r,
                            const struct surge_counts *c);

/* The usual rate per window (see above), for logs and the alert. */
double surge_usual(const struct surge_rule *r, const struct surge_counts *c);

/* "volume", "urgent" or "none". */
const char *surge_kind_name(enum surge_kind kind);

enum surge_step {
	SURGE_STEP_NONE,     /* no episode, no surge */
	SURGE_STEP_OPEN,     /* a new episode: alert */
	SURGE_STEP_CONTINUE, /* the open episode goes on: last_seen = now */
	SURGE_STEP_HOLD,     /* open, quiet for less than rule.quiet */
	SURGE_STEP_CLOSE,    /* quiet long enough: the episode ends */
};

/*
 * What a check at now does to a value's episode: surging is the verdict
 * (surge_check != SURGE_NONE), open whether an episode is open and
 * last_seen when it last surged.
 */
enum surge_step surge_episode_step(const struct surge_rule *r, bool surging,
                                   bool open, long long last_seen,
                                   long long now);

/*
 * The words most of subjects share: each token (tokenize.h: Latin words,
 * CJK character pairs; single CJK characters, numbers and reply prefixes
 * left out) counted once per subject, at most max of those in two or more
 * subjects (in the only one, when n is 1), most frequent first, written
 * "refund (6), charged (5), 扣费 (4)" into buf ("" for none; cut to size
 * between words).  Returns 0, or -1 when out of memory (buf "").
 */
int surge_common_words(const char *const *subjects, size_t n, size_t max,
                       char *buf, size_t size);

/* ---- the scheduler's run over the store (surge_run.c) ------------- */

struct conf;
struct outbound_config;
struct store;

struct surge_run_result {
	bool checked;   /* false: not due yet (surge.check_every) */
	size_t opened;  /* episodes begun ... */
	size_t joined;  /* ... of those, covered by another one's alert */
	size_t ongoing; /* episodes still surging */
	size_t closed;  /* episodes ended after surge.quiet */
	size_t alerts;  /* alert mails queued */
};

/*
 * When the check is due at now (surge.check_every after the last one,
 * kept in the store's settings so a restart does not check early or
 * late), checks every value of every dimension with new tickets and
 * every open episode, inside the caller's transaction: an episode that
 * opens records its row, the event "surge" on its newest ticket (key
 * surge:DIMENSION:VALUE:STARTED) and queues the alert to the managers
 * (else the leads), and logs event=surge — unless at least half of its
 * tickets are those of an open episode of another dimension that alerted
 * itself (a burst in one category is one in its mailbox too): then it is
 * recorded as covered by that one, logged event=surge.joined, and no
 * mail goes.  Dimensions are checked category, product, mailbox, so the
 * most specific alerts.  Borrows everything.  Returns
 * 0, or -1 when the store failed (store_error says what; nothing of the
 * run should be committed).
 */
int surge_run(struct store *store, const struct conf *conf,
              const struct outbound_config *ocfg, long long now,
              struct surge_run_result *res);

/* When the next check is due into *at_r: -1 when detection is off, 0
 * when it never ran.  0, or -1 when the store failed. */
int surge_next_check(struct store *store, const struct conf *conf,
                     long long *at_r);

#endif
