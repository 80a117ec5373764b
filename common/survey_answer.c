/*
 * survey_answer: one pass over the answer's lines cuts out labels and
 * aspect ratings as it meets them, then the start of the first line is
 * read as a plain reply's rating, then the subject's labels fill what is
 * still missing.  Matches compare whole characters, so a cut never splits
 * one.
 */
#include "survey_answer.h"

#include <stddef.h>
#include <stdlib.h>
#include <string.h>

/* The longest comment kept, in bytes. */
#define SURVEY_ANSWER_COMMENT_MAX 4000
/* What survey_answer_fold returns for anything but (full-width) ASCII. */
#define SURVEY_ANSWER_OTHER 0x100

/* The fields a label or a start can set. */
enum survey_answer_field {
	SURVEY_ANSWER_RATING,
	SURVEY_ANSWER_NPS,
	SURVEY_ANSWER_SPEED,
	SURVEY_ANSWER_RESULT,
	SURVEY_ANSWER_OVERALL,
};

/* A word of a table and what it means.  ASCII words are lower case. */
struct survey_answer_word {
	const char *word;
	int value;
};

/* Labels, the longest match at a position wins ("处理速度" over "速度"). */
static const struct survey_answer_word survey_answer_labels[] = {
    {"rating", SURVEY_ANSWER_RATING},    {"评分", SURVEY_ANSWER_RATING},
    {"recommend", SURVEY_ANSWER_NPS},    {"推荐", SURVEY_ANSWER_NPS},
    {"nps", SURVEY_ANSWER_NPS},          {"speed", SURVEY_ANSWER_SPEED},
    {"速度", SURVEY_ANSWER_SPEED},       {"处理速度", SURVEY_ANSWER_SPEED},
    {"result", SURVEY_ANSWER_RESULT},    {"结果", SURVEY_ANSWER_RESULT},
    {"处理结果", SURVEY_ANSWER_RESULT},  {"overall", SURVEY_ANSWER_OVERALL},
    {"整体", SURVEY_ANSWER_OVERALL},     {"总体", SURVEY_ANSWER_OVERALL},
    {"总体评价", SURVEY_ANSWER_OVERALL}, {NULL, 0},
};

/* Satisfaction phrases a plain reply may start with. */
static const struct survey_answer_word survey_answer_phrases[] = {
    {"非常满意", 5},
    {"很满意", 5},
    {"十分满意", 5},
    {"满意", 4},
    {"比较满意", 4},
    {"一般", 3},
    {"还可以", 3},
    {"还行", 3},
    {"不太满意", 2},
    {"不满意", 2},
    {"非常不满意", 1},
    {"很不满意", 1},
    {"very satisfied", 5},
    {"very good", 5},
    {"excellent", 5},
    {"satisfied", 4},
    {"good", 4},
    {"neutral", 3},
    {"ok", 3},
    {"okay", 3},
    {"average", 3},
    {"not satisfied", 2},
    {"dissatisfied", 2},
    {"unsatisfied", 2},
    {"poor", 2},
    {"bad", 2},
    {"very dissatisfied", 1},
    {"very unsatisfied", 1},
    {"very poor", 1},
    {"very bad", 1},
    {"terrible", 1},
    {"awful", 1},
    {NULL, 0},
};

/* Starts that look like a phrase and are none: a greeting, "满意度"
 * (the satisfaction rate), "一般来说" (generally). */
static const struct survey_answer_word survey_answer_false_starts[] = {
    {"good morning", 0}, {"good afternoon", 0}, {"good evening", 0},
    {"good day", 0},     {"good night", 0},     {"满意度", 0},
    {"一般来说", 0},     {"一般来讲", 0},       {"一般情况", 0},
    {NULL, 0},
};

/* After a number: what gives its scale; 0 when the scale is not said
 * ("4分" is a rating, "8分" the recommendation). */
static const struct survey_answer_word survey_answer_suffixes[] = {
    {"/ 5", 5},   {"/ 10", 10}, {"out of 5", 5}, {"out of 10", 10},
    {"stars", 5}, {"star", 5},  {"-stars", 5},   {"-star", 5},
    {"颗星", 5},  {"星", 5},    {"分", 0},       {NULL, 0},
};

/* Units that start like a suffix: weeks, minutes, a fraction, cents. */
static const struct survey_answer_word survey_answer_false_suffixes[] = {
    {"星期", 0}, {"分钟", 0}, {"分鐘", 0}, {"分之", 0},
    {"分钱", 0}, {"分錢", 0}, {NULL, 0},
};

static const struct survey_answer_word survey_answer_numerals[] = {
    {"一", 1}, {"二", 2}, {"三", 3}, {"四", 4}, {"五", 5}, {NULL, 0},
};

static const struct survey_answer_word survey_answer_unsubscribes[] = {
    {"unsubscribe", 0},    {"stop surveys", 0},
    {"stop survey", 0},    {"no more surveys", 0},
    {"no more survey", 0}, {"退订", 0},
    {"不要再发", 0},       {"不要再发了", 0},
    {"取消订阅", 0},       {NULL, 0},
};

static const struct survey_answer_word survey_answer_comment_labels[] = {
    {"comment", 0}, {"comments", 0}, {"评论", 0}, {"意见", 0}, {NULL, 0},
};

/* Reply prefixes of a subject in Chinese; ASCII ones are read by form. */
static const struct survey_answer_word survey_answer_cjk_prefixes[] = {
    {"回复", 0}, {"答复", 0}, {"回覆", 0}, {"转发", 0}, {"轉寄", 0}, {NULL, 0},
};

/* The length of the UTF-8 sequence at p, never past end. */
static size_t
survey_answer_seq_len(const char *p, const char *end)
{
	unsigned char c = (unsigned char)*p;
	size_t n = c < 0xc0 ? 1 : c < 0xe0 ? 2 : c < 0xf0 ? 3 : 4;

	return n <= (size_t)(end - p) ? n : (size_t)(end - p);
}

/*
 * The character at p (p < end) as lower-case ASCII, full-width forms
 * ("４", "：", "Ｒ") and the wide spaces (U+3000, U+00A0) folded in;
 * SURVEY_ANSWER_OTHER for the rest.  Its length in *len_r.
 */
static int
survey_answer_fold(const char *p, const char *end, size_t *len_r)
{
	const unsigned char *s = (const unsigned char *)p;
	size_t n = survey_answer_seq_len(p, end);
	int c = SURVEY_ANSWER_OTHER;

	*len_r = n;
	if (s[0] < 0x80)
		c = s[0];
	else if (n == 3 && s[0] == 0xef && (s[1] == 0xbc || s[1] == 0xbd)) {
		unsigned cp = 0xf000 | (s[1] & 0x3fu) << 6 | (s[2] & 0x3fu);
		if (cp >= 0xff01 && cp <= 0xff5e)
			c = (int)(cp - 0xfee0);
	} else if ((n == 3 && memcmp(p, "\xe3\x80\x80", 3) == 0) ||
	           (n == 2 && s[0] == 0xc2 && s[1] == 0xa0))
		c = ' ';
	return c >= 'A' && c <= 'Z' ? c + ('a' - 'A') : c;
}

static bool
survey_answer_is_alnum(int c)
{
	return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
}

static bool
survey_answer_is_space(const char *p, const char *end, size_t *len_r)
{
	int c = survey_answer_fold(p, end, len_r);

	return c == ' ' || c == '\t' || c == '\r' || c == '\n';
}

static const char *
survey_answer_skip_space(const char *p, const char *end)
{
	size_t n;

	while (p < end && survey_answer_is_space(p, end, &n))
		p += n;
	return p;
}

/* The length of the separator at p: , . : ; - ! in both widths, "。",
 * "、" and dashes; 0 when there is none. */
static size_t
survey_answer_sep(const char *p, const char *end)
{
	size_t n;
	int c = survey_answer_fold(p, end, &n);

	if (c == ',' || c == '.' || c == ':' || c == ';' || c == '-' ||
	    c == '!')
		return n;
	if (n == 3 && (memcmp(p, "。", 3) == 0 || memcmp(p, "、", 3) == 0 ||
	               memcmp(p, "—", 3) == 0 || memcmp(p, "–", 3) == 0))
		return n;
	return 0;
}

/* Past the separators and spaces at p. */
static const char *
survey_answer_skip_seps(const char *p, const char *end)
{
	size_t n;

	while (p < end) {
		if (survey_answer_is_space(p, end, &n))
			p += n;
		else if ((n = survey_answer_sep(p, end)) != 0)
			p += n;
		else
			break;
	}
	return p;
}

/* The end of [p, end) without trailing white space. */
static const char *
survey_answer_trim_end(const char *p, const char *end)
{
	for (;;) {
		if (end > p && strchr(" \t\r\n", end[-1]) != NULL)
			end--;
		else if (end - p >= 3 &&
		         memcmp(end - 3, "\xe3\x80\x80", 3) == 0)
			end -= 3;
		else if (end - p >= 2 && memcmp(end - 2, "\xc2\xa0", 2) == 0)
			end -= 2;
		else
			return end;
	}
}

/* Whether the character before p (not before start) is a letter or digit. */
static bool
survey_answer_alnum_before(const char *start, const char *p)
{
	const char *q = p;
	size_t n;

	if (p == start)
		return false;
	do
		q--;
	while (q > start && p - q < 4 && ((unsigned char)*q & 0xc0) == 0x80);
	return survey_answer_is_alnum(survey_answer_fold(q, p, &n));
}

/*
 * When p starts with word, the end of the match; else NULL.  ASCII
 * compares folded, a space in word matches any run of spaces (or none),
 * and a word ending in a letter or digit must end a word of the text too:
 * "good" is not "goodness", "/ 5" not "/50".
 */
static const char *
survey_answer_word_at(const char *p, const char *end, const char *word)
{
	const char *w = word;
	size_t n;

	while (*w != '\0') {
		if (*w == ' ') {
			p = survey_answer_skip_space(p, end);
			w++;
		} else if ((unsigned char)*w < 0x80) {
			if (p >= end || survey_answer_fold(p, end, &n) != *w)
				return NULL;
			p += n;
			w++;
		} else {
			/* A character outside ASCII, compared as written. */
			n = survey_answer_seq_len(w, w + strnlen(w, 4));
			if ((size_t)(end - p) < n || memcmp(p, w, n) != 0)
				return NULL;
			p += n;
			w += n;
		}
	}
	if (p < end && survey_answer_is_alnum((unsigned char)w[-1]) &&
	    survey_answer_is_alnum(survey_answer_fold(p, end, &n)))
		return NULL;
	return p;
}

/* The entry of table that matches longest at p, its end in *end_r;
 * NULL when none does. */
static const struct survey_answer_word *
survey_answer_longest(const char *p, const char *end,
                      const struct survey_answer_word *table,
                      const char **end_r)
{
	const struct survey_answer_word *best = NULL;
	const char *best_end = p, *q;

	for (; table->word != NULL; table++) {
		q = survey_answer_word_at(p, end, table->word);
		if (q != NULL && (best == NULL || q > best_end)) {
			best = table;
			best_end = q;
		}
	}
	if (best != NULL)
		*end_r = best_end;
	return best;
}

static bool
survey_answer_in(const char *p, const char *end,
                 const struct survey_answer_word *table)
{
	const char *q;

	return survey_answer_longest(p, end, table, &q) != NULL;
}

/* The digit at p, ASCII or full-width, or -1. */
static int
survey_answer_digit(const char *p, const char *end, size_t *len_r)
{
	int c = survey_answer_fold(p, end, len_r);

	return c >= '0' && c <= '9' ? c - '0' : -1;
}

/* The number at *pp, advanced past it; -1 when there is none.  Large
 * numbers stop growing, out of every range. */
static int
survey_answer_number(const char **pp, const char *end)
{
	int value = -1, d;
	size_t n;

	while (*pp < end && (d = survey_answer_digit(*pp, end, &n)) >= 0) {
		value = value < 0 ? d : value < 1000 ? value * 10 + d : value;
		*pp += n;
	}
	return value;
}

/* "4.5", "1-2", "5:30", "3/7": the number goes on at q. */
static bool
survey_answer_continues(const char *q, const char *end)
{
	size_t n, m;
	int c;

	if (q >= end)
		return false;
	c = survey_answer_fold(q, end, &n);
	if (c != '.' && c != ',' && c != ':' && c != '-' && c != '/')
		return false;
	return q + n < end && survey_answer_digit(q + n, end, &m) >= 0;
}

/*
 * Whether a bare number ending at q stands alone: at the end, or before
 * a separator ("4，", "5 - "), not "2 weeks" or "5th".  After a label
 * (loose) also before other punctuation ("Rating 4 (S12-...)") and the
 * next label ("速度4 结果5", "speed 4 and result 5").
 */
static bool
survey_answer_ends(const char *q, const char *end, bool loose)
{
	const char *r;
	size_t n;
	int c;

	if (survey_answer_continues(q, end))
		return false;
	r = survey_answer_skip_space(q, end);
	if (r == end || survey_answer_sep(r, end) != 0)
		return true;
	if (!loose)
		return false;
	/* Brackets and quotes, not units: "speed 5% faster" is no rating. */
	c = survey_answer_fold(r, end, &n);
	if (c != '\0' && c < 0x80 && strchr("()[]{}<>\"'?&*", c) != NULL)
		return true;
	return survey_answer_in(r, end, survey_answer_labels) ||
	       survey_answer_word_at(r, end, "and") != NULL ||
	       survey_answer_word_at(r, end, "和") != NULL;
}

/* A number and what tells its scale. */
struct survey_answer_score {
	int value;
	int scale; /* 5 or 10 when the text says, else 0 */
	const char *end;
};

/*
 * The score at p: a number with a suffix ("4 stars", "9/10", "4分"), or
 * a bare one that stands alone.  Chinese numerals ("五星") only at the
 * start of a reply, which reads bare numbers strictly.
 */
static bool
survey_answer_score_at(const char *p, const char *end, bool start,
                       struct survey_answer_score *s)
{
	const struct survey_answer_word *w = NULL;
	const char *q = p, *r, *after;

	s->value = survey_answer_number(&q, end);
	if (s->value < 0 && start &&
	    (w = survey_answer_longest(p, end, survey_answer_numerals, &q)))
		s->value = w->value;
	if (s->value < 0)
		return false;
	r = survey_answer_skip_space(q, end);
	if (!survey_answer_in(r, end, survey_answer_false_suffixes) &&
	    (w = survey_answer_longest(r, end, survey_answer_suffixes,
	                               &after)) != NULL) {
		s->scale = w->value;
		s->end = after;
		return true;
	}
	s->scale = 0;
	s->end = q;
	return survey_answer_ends(q, end, !start);
}

static int *
survey_answer_field(struct survey_answer *a, int field)
{
	switch (field) {
	case SURVEY_ANSWER_RATING:
		return &a->rating;
	case SURVEY_ANSWER_NPS:
		return &a->nps;
	case SURVEY_ANSWER_SPEED:
		return &a->speed;
	case SURVEY_ANSWER_RESULT:
		return &a->result;
	default:
		return &a->overall;
	}
}

/* Whether s is a value for field: 0..10 out of 10 for the
 * recommendation, 1..5 out of 5 for the rest. */
static bool
survey_answer_fits(int field, const struct survey_answer_score *s)
{
	if (field == SURVEY_ANSWER_NPS)
		return (s->scale == 0 || s->scale == 10) && s->value <= 10;
	return (s->scale == 0 || s->scale == 5) && s->value >= 1 &&
	       s->value <= 5;
}

/*
 * A label and its score at p ("Rating: 4", "速度4", "NPS = 9"): sets the
 * field unless an earlier label did and returns where the score ends.
 * NULL when there is none or the score does not fit (it stays in the
 * comment).  Rating and recommendation labels count only at a line's
 * head (head); aspects only when aspects.
 */
static const char *
survey_answer_label(struct survey_answer *a, const char *p, const char *end,
                    bool head, bool aspects)
{
	const struct survey_answer_word *w;
	struct survey_answer_score s;
	const char *q;
	size_t n;
	int *field, c;

	if ((w = survey_answer_longest(p, end, survey_answer_labels, &q)) ==
	    NULL)
		return NULL;
	if (w->value <= SURVEY_ANSWER_NPS ? !head : !aspects)
		return NULL;
	q = survey_answer_skip_space(q, end);
	if (q < end &&
	    ((c = survey_answer_fold(q, end, &n)) == ':' || c == '='))
		q = survey_answer_skip_space(q + n, end);
	if (!survey_answer_score_at(q, end, false, &s) ||
	    !survey_answer_fits(w->value, &s))
		return NULL;
	field = survey_answer_field(a, w->value);
	if (*field < 0)
		*field = s.value;
	return s.end;
}

/* A label at p in a text starting at start: English ones begin a word. */
static const char *
survey_answer_label_in(struct survey_answer *a, const char *start,
                       const char *p, const char *end, bool head, bool aspects)
{
	size_t n;

	if (survey_answer_is_alnum(survey_answer_fold(p, end, &n)) &&
	    survey_answer_alnum_before(start, p))
		return NULL;
	return survey_answer_label(a, p, end, head, aspects);
}

/* "★★★★☆", "⭐⭐⭐⭐": the filled stars, 1..5 of at most 5; else -1. */
static int
survey_answer_stars(const char *p, const char *end, const char **end_r)
{
	int filled = 0, empty = 0;
	const char *q;

	for (;;) {
		if ((q = survey_answer_word_at(p, end, "★")) == NULL &&
		    (q = survey_answer_word_at(p, end, "⭐")) == NULL)
			break;
		filled++;
		/* The emoji often comes with its presentation selector. */
		if ((p = survey_answer_word_at(q, end, "\xef\xb8\x8f")) == NULL)
			p = q;
	}
	while ((q = survey_answer_word_at(p, end, "☆")) != NULL) {
		empty++;
		p = q;
	}
	*end_r = p;
	return filled >= 1 && filled + empty <= 5 ? filled : -1;
}

/*
 * The rating or recommendation a plain reply starts with at p: stars, a
 * phrase ("很满意", "not satisfied"), or a score ("4 stars", "五星",
 * "9/10", "0").  Sets *field_r and *value_r and returns its end; NULL
 * when the start is none.
 */
static const char *
survey_answer_start(const char *p, const char *end, int *field_r, int *value_r)
{
	const struct survey_answer_word *w;
	struct survey_answer_score s;
	const char *q;

	*field_r = SURVEY_ANSWER_RATING;
	if ((*value_r = survey_answer_stars(p, end, &q)) > 0)
		return q;
	if (survey_answer_in(p, end, survey_answer_false_starts))
		return NULL;
	if ((w = survey_answer_longest(p, end, survey_answer_phrases, &q))) {
		*value_r = w->value;
		return q;
	}
	/* "三星" is Samsung too, unless it stands alone. */
	if ((q = survey_answer_word_at(p, end, "三星")) != NULL &&
	    !survey_answer_ends(q, end, false))
		return NULL;
	if (!survey_answer_score_at(p, end, true, &s))
		return NULL;
	*value_r = s.value;
	/* A bare 0 or 6..10 can only be the recommendation. */
	if (s.scale == 10 || (s.scale == 0 && (s.value == 0 || s.value > 5)))
		*field_r = SURVEY_ANSWER_NPS;
	return survey_answer_fits(*field_r, &s) ? s.end : NULL;
}

/* The line [p, end) is nothing but a wish for no more surveys. */
static bool
survey_answer_is_unsubscribe(const char *p, const char *end)
{
	const char *q;

	if (survey_answer_longest(p, end, survey_answer_unsubscribes, &q) ==
	    NULL)
		return false;
	return survey_answer_skip_seps(q, end) == end;
}

/* Past the separators after a cut label, and an "and" / "和" that only
 * joins it to the next ("speed 4 and result 5"). */
static const char *
survey_answer_skip_joint(const char *p, const char *end)
{
	const char *q;

	p = survey_answer_skip_seps(p, end);
	if ((q = survey_answer_word_at(p, end, "and")) == NULL)
		q = survey_answer_word_at(p, end, "和");
	q = q ? survey_answer_skip_space(q, end) : NULL;
	if (q != NULL && survey_answer_in(q, end, survey_answer_labels))
		return q;
	return p;
}

/* The comment as it is written, line by line. */
struct survey_answer_out {
	char *buf;
	size_t len;
	size_t first;     /* where the first non-blank line starts in buf */
	bool first_seen;  /* a non-blank line was met */
	bool first_plain; /* and nothing was cut from its head */
	bool blank;       /* the last line written was blank, or none was */
	bool dropped;     /* a line was dropped since the last text */
};

static void
survey_answer_put(struct survey_answer_out *o, const char *p, size_t n)
{
	memcpy(o->buf + o->len, p, n);
	o->len += n;
}

/* A line that lost labels keeps no separators or spaces at its ends:
 * "Great, speed 4" is "Great". */
static void
survey_answer_tidy(struct survey_answer_out *o, size_t start)
{
	static const char *const tails[] = {"，", "；", "：", "、",
	                                    "—",  "–",  "　", "\xc2\xa0"};
	const char *line = o->buf + start, *end = o->buf + o->len;
	size_t lead = (size_t)(survey_answer_skip_seps(line, end) - line);
	bool more = true;

	memmove(o->buf + start, line + lead, o->len - start - lead);
	o->len -= lead;
	while (more && o->len > start) {
		more = strchr(" \t,;:-", o->buf[o->len - 1]) != NULL;
		if (more) {
			o->len--;
			continue;
		}
		for (size_t i = 0; i < sizeof(tails) / sizeof(*tails); i++) {
			size_t n = strlen(tails[i]);
			if (o->len - start >= n &&
			    memcmp(o->buf + o->len - n, tails[i], n) == 0) {
				o->len -= n;
				more = true;
				break;
			}
		}
	}
}

/* A blank line; one left by a dropped line between blank ones is not
 * doubled. */
static void
survey_answer_blank(struct survey_answer_out *o)
{
	if (o->blank && o->dropped)
		return;
	o->buf[o->len++] = '\n';
	o->blank = true;
}

/* The labels and aspects of the line [s, e), the rest copied to o;
 * cut_r tells whether anything was cut, head_cut_r whether at its head. */
static void
survey_answer_scan(struct survey_answer *a, struct survey_answer_out *o,
                   const char *text, const char *s, const char *e, bool *cut_r,
                   bool *head_cut_r)
{
	const char *p = s, *q;
	bool head = true, copied = false;

	if (survey_answer_longest(s, e, survey_answer_comment_labels, &q) &&
	    (q = survey_answer_word_at(q, e, " :")) != NULL) {
		p = survey_answer_skip_space(q, e);
		*cut_r = *head_cut_r = true;
	}
	while (p < e) {
		size_t n = survey_answer_seq_len(p, e);

		/* A label may follow a cut: "评分：4，推荐：9". */
		if ((q = survey_answer_label_in(a, text, p, e, head, true))) {
			*head_cut_r = *head_cut_r || !copied;
			*cut_r = head = true;
			p = survey_answer_skip_joint(q, e);
			continue;
		}
		survey_answer_put(o, p, n);
		p += n;
		head = false;
		copied = true;
	}
}

/* One line [ls, le) of the text. */
static void
survey_answer_line(struct survey_answer *a, struct survey_answer_out *o,
                   const char *text, const char *ls, const char *le)
{
	const char *s = survey_answer_skip_space(ls, le);
	const char *e = survey_answer_trim_end(s, le);
	size_t start = o->len;
	bool first = !o->first_seen, cut = false, head_cut = false;

	if (s == e) {
		survey_answer_blank(o);
		return;
	}
	o->first_seen = true;
	if (survey_answer_is_unsubscribe(s, e)) {
		a->unsubscribe = true;
		o->dropped = true;
		return;
	}
	survey_answer_put(o, ls, (size_t)(s - ls));
	survey_answer_scan(a, o, text, s, e, &cut, &head_cut);
	if (cut)
		survey_answer_tidy(o, start);
	if (first) {
		o->first = start;
		o->first_plain = !head_cut && o->len > start;
	}
	if (o->len == start) {
		o->dropped = true;
		return;
	}
	o->buf[o->len++] = '\n';
	o->blank = o->dropped = false;
}

/* A plain reply's rating at the start of the first line, cut out, unless
 * a label gave that field already. */
static void
survey_answer_apply_start(struct survey_answer *a, struct survey_answer_out *o)
{
	const char *line = o->buf + o->first, *end = o->buf + o->len;
	const char *p, *q, *eol;
	int field, value, *f;

	if (!o->first_plain)
		return;
	eol = memchr(line, '\n', (size_t)(end - line));
	eol = eol ? eol : end;
	p = survey_answer_skip_space(line, eol);
	if ((q = survey_answer_start(p, eol, &field, &value)) == NULL)
		return;
	f = survey_answer_field(a, field);
	if (*f >= 0)
		return;
	*f = value;
	q = survey_answer_skip_seps(q, eol);
	memmove(o->buf + (p - o->buf), q, (size_t)(end - q));
	o->len -= (size_t)(q - p);
}

/* A character of an ASCII reply prefix, counter included ("RE[2]"). */
static bool
survey_answer_is_prefix_char(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
	       (c >= '0' && c <= '9') ||
	       (c != '\0' && strchr("[]()^", c) != NULL);
}

/* Past a reply prefix at p ("Re:", "AW:", "RE[2]:", "回复："), or NULL. */
static const char *
survey_answer_prefix(const char *p, const char *end)
{
	const char *q = p;

	if (!survey_answer_longest(p, end, survey_answer_cjk_prefixes, &q))
		while (q < end && q - p < 10 &&
		       survey_answer_is_prefix_char(*q))
			q++;
	if (q == p)
		return NULL;
	q = survey_answer_skip_space(q, end);
	return survey_answer_word_at(q, end, ":");
}

/* The subject, without prefixes, "[...]" tags and "(...)" tokens, is a
 * wish for no more surveys. */
static bool
survey_answer_subject_unsubscribe(const char *p, const char *end)
{
	const char *q;

	for (;;) {
		p = survey_answer_skip_space(p, end);
		if (p < end && *p == '[' &&
		    (q = memchr(p, ']', (size_t)(end - p))) != NULL)
			p = q + 1;
		else if ((q = survey_answer_prefix(p, end)) != NULL)
			p = q;
		else
			break;
	}
	for (;;) {
		char open;

		end = survey_answer_trim_end(p, end);
		if (end == p || (end[-1] != ')' && end[-1] != ']'))
			break;
		open = end[-1] == ')' ? '(' : '[';
		q = end - 1;
		while (q > p && q[-1] != open)
			q--;
		if (q == p)
			break;
		end = q - 1;
	}
	return survey_answer_is_unsubscribe(p, end);
}

/* In the subject only labels count: it carries ticket numbers and tokens
 * ("[ACME #12]", "S12-K3JD9QX2MA") that are no ratings. */
static void
survey_answer_subject(struct survey_answer *a, const char *subject)
{
	const char *end = subject + strlen(subject);

	for (const char *p = subject; p < end;
	     p += survey_answer_seq_len(p, end))
		survey_answer_label_in(a, subject, p, end, true, false);
	if (survey_answer_subject_unsubscribe(subject, end))
		a->unsubscribe = true;
}

/* The comment from o, trimmed and cut to size; NULL when empty.  Takes
 * o's buffer. */
static char *
survey_answer_finish(struct survey_answer_out *o)
{
	const char *end = o->buf + o->len;
	const char *p = survey_answer_skip_space(o->buf, end);
	size_t n = (size_t)(survey_answer_trim_end(p, end) - p);
	char *small;

	if (n > SURVEY_ANSWER_COMMENT_MAX) {
		n = SURVEY_ANSWER_COMMENT_MAX;
		while (n > 0 && ((unsigned char)p[n] & 0xc0) == 0x80)
			n--;
		n = (size_t)(survey_answer_trim_end(p, p + n) - p);
	}
	if (n == 0) {
		free(o->buf);
		return NULL;
	}
	memmove(o->buf, p, n);
	o->buf[n] = '\0';
	/* Shrinking cannot really fail; if it does the big one serves. */
	small = realloc(o->buf, n + 1);
	return small ? small : o->buf;
}

static void
survey_answer_reset(struct survey_answer *a)
{
	a->rating = a->nps = -1;
	a->speed = a->result = a->overall = -1;
	a->unsubscribe = false;
	a->comment = NULL;
}

int
survey_answer_parse(const char *subject, const char *text,
                    struct survey_answer *out)
{
	struct survey_answer_out o = {.blank = true};
	const char *end, *nl;

	survey_answer_reset(out);
	text = text ? text : "";
	end = text + strlen(text);
	/* Lines only shrink; the last one may gain a newline. */
	if ((o.buf = malloc((size_t)(end - text) + 2)) == NULL)
		return -1;
	for (const char *p = text; p < end; p = nl + 1) {
		nl = memchr(p, '\n', (size_t)(end - p));
		nl = nl ? nl : end;
		survey_answer_line(out, &o, text, p, nl);
	}
	survey_answer_apply_start(out, &o);
	if (subject != NULL)
		survey_answer_subject(out, subject);
	out->comment = survey_answer_finish(&o);
	return 0;
}

void
survey_answer_clear(struct survey_answer *a)
{
	if (a == NULL)
		return;
	free(a->comment);
	survey_answer_reset(a);
}

double
survey_answer_composite(const struct survey_answer *a)
{
	const int aspects[] = {a->speed, a->result, a->overall};
	int sum = 0, count = 0;

	for (size_t i = 0; i < sizeof(aspects) / sizeof(*aspects); i++) {
		if (aspects[i] >= 1 && aspects[i] <= 5) {
			sum += aspects[i];
			count++;
		}
	}
	return count > 0 ? (double)sum / count : -1.0;
}
