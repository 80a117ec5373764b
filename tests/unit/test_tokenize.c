/*
 * test_tokenize: complaint text as the classifier sees it — the fold
 * (case, full-width forms, ideographic space, Traditional to Simplified
 * Chinese), the match form keyword scanning reads, the tokens of English,
 * Chinese and mixed text — and the keyword automaton over it: whole words,
 * prefixes, phrases across punctuation, Chinese substrings, keywords that
 * fold alike, overlapping keywords and a few thousand at once.
 */
#include "kwmatch.h"
#include "tokenize.h"

#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define N(a) (sizeof(a) / sizeof(*(a)))

/* ---- folding and the match form ------------------------------------ */

static void
assert_fold(const char *text, const char *want)
{
	char *in = strdup(text), *got;

	assert_non_null(in);
	got = tok_fold(in);
	assert_non_null(got);
	if (strcmp(got, want) != 0)
		fail_msg("tok_fold(\"%s\") = \"%s\", want \"%s\"", text, got,
		         want);
	free(got);
	free(in);
}

static void
assert_match_form(const char *text, const char *want)
{
	char *in = strdup(text), *got;

	assert_non_null(in);
	got = tok_match_form(in);
	assert_non_null(got);
	if (strcmp(got, want) != 0)
		fail_msg("tok_match_form(\"%s\") = \"%s\", want \"%s\"", text,
		         got, want);
	free(got);
	free(in);
}

static void
test_fold_case_and_width(void **state)
{
	(void)state;
	assert_fold("Refund", "refund");
	assert_fold("REFUND NOW", "refund now");
	/* Full-width letters and digits are ASCII. */
	assert_fold("ＲＥＦＵＮＤ １２３", "refund 123");
	assert_fold("ｒｅｆｕｎｄ", "refund");
	assert_fold("订单号：ＡＢ１２３４５６", "订单号:ab123456");
	/* The ideographic space is a space. */
	assert_fold("退款\xE3\x80\x80ＯＫ", "退款 ok");
	/* Latin-1 capitals, but not the multiplication sign. */
	assert_fold("CAFÉ ÜBER 2×3", "café über 2×3");
	assert_fold("", "");
	/* Stray bytes are dropped, valid text around them kept. */
	assert_fold("ab\xFF"
	            "cd\xC3",
	            "abcd");
}

static void
test_fold_traditional(void **state)
{
	(void)state;
	assert_fold("數據丟失", "数据丢失");
	assert_fold("我要退貨，請儘快處理", "我要退货,请尽快处理");
	assert_fold("iPhone屏幕壞了", "iphone屏幕坏了");
	/* Simplified text is left as it is. */
	assert_fold("数据丢失", "数据丢失");
	/* Kana and Hangul are not Chinese. */
	assert_fold("データ 데이터", "データ 데이터");
}

static void
test_match_form(void **state)
{
	(void)state;
	assert_match_form("I was charged TWICE!!! 扣了两次。",
	                  " i was charged twice 扣了两次 ");
	assert_match_form("System—DOWN!", " system down ");
	assert_match_form("system\r\n\r\n   down", " system down ");
	assert_match_form("  --refund--  ", " refund ");
	assert_match_form("ＲＥＦＵＮＤ\xE3\x80\x80１２３", " refund 123 ");
	assert_match_form("數據，丟失", " 数据 丢失 ");
	/* A Latin word or number beside Chinese is a word of its own. */
	assert_match_form("iPhone屏幕坏了", " iphone 屏幕坏了 ");
	assert_match_form("打12315投诉", " 打 12315 投诉 ");
	assert_match_form("扣了2次", " 扣了 2 次 ");
	assert_match_form("数据abc数据", " 数据 abc 数据 ");
	assert_match_form("a", " a ");
	/* Nothing but punctuation: the two ends are one space. */
	assert_match_form("!!! ...", " ");
	assert_match_form("", " ");
}

/* tok_collapse is the match form of text already folded. */
static void
test_collapse(void **state)
{
	static const char *const texts[] = {
	    "I was charged TWICE!!! 扣了两次。", "iPhone屏幕壞了", "", "!!",
	    "ＲＥＦＵＮＤ\xE3\x80\x80１２３ 打12315投诉"};

	(void)state;
	for (size_t i = 0; i < N(texts); i++) {
		char *folded = tok_fold(texts[i]);
		char *a = tok_match_form(texts[i]);
		char *b = folded ? tok_collapse(folded) : NULL;
		assert_non_null(a);
		assert_non_null(b);
		assert_string_equal(a, b);
		free(folded);
		free(a);
		free(b);
	}
}

/* ---- tokens ---------------------------------------------------------- */

struct toks {
	char *v[128];
	size_t n;
	size_t stop_at; /* non-zero: return 7 on that token (1-based) */
};

static int
toks_add(const char *token, size_t len, void *arg)
{
	struct toks *t = arg;

	assert_true(t->n < N(t->v));
	assert_true(len > 0);
	t->v[t->n] = strndup(token, len);
	assert_non_null(t->v[t->n]);
	t->n++;
	return t->stop_at != 0 && t->n == t->stop_at ? 7 : 0;
}

static void
toks_clear(struct toks *t)
{
	for (size_t i = 0; i < t->n; i++)
		free(t->v[i]);
	memset(t, 0, sizeof(*t));
}

static int
toks_cmp(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static void
toks_print(const char *text, const struct toks *t)
{
	print_message("tokens of \"%s\":", text);
	for (size_t i = 0; i < t->n; i++)
		print_message(" [%s]", t->v[i]);
	print_message("\n");
}

/*
 * The tokens of text (folded first) are exactly want, in that order, or,
 * with any_order, the same multiset in any order.
 */
static void
assert_tokens(const char *text, bool any_order, const char *const *want,
              size_t n_want)
{
	char *folded = tok_fold(text);
	const char *sorted[128];
	struct toks t = {0};

	assert_non_null(folded);
	assert_int_equal(tok_each(folded, toks_add, &t), 0);
	assert_true(n_want <= N(sorted));
	memcpy(sorted, want, n_want * sizeof(*want));
	if (any_order) {
		qsort(t.v, t.n, sizeof(*t.v), toks_cmp);
		qsort(sorted, n_want, sizeof(*sorted), toks_cmp);
	}
	if (t.n != n_want) {
		toks_print(text, &t);
		fail_msg("%zu tokens, want %zu", t.n, n_want);
	}
	for (size_t i = 0; i < n_want; i++)
		if (strcmp(t.v[i], sorted[i]) != 0) {
			toks_print(text, &t);
			fail_msg("token %zu is \"%s\", want \"%s\"", i, t.v[i],
			         sorted[i]);
		}
	toks_clear(&t);
	free(folded);
}

#define TOKENS(text, ...)                                                      \
	assert_tokens((text), false, (const char *const[]){__VA_ARGS__},       \
	              N(((const char *const[]){__VA_ARGS__})))
#define TOKENS_ANY_ORDER(text, ...)                                            \
	assert_tokens((text), true, (const char *const[]){__VA_ARGS__},        \
	              N(((const char *const[]){__VA_ARGS__})))

static void
assert_no_tokens(const char *text)
{
	char *folded = tok_fold(text);
	struct toks t = {0};

	assert_non_null(folded);
	assert_int_equal(tok_each(folded, toks_add, &t), 0);
	if (t.n != 0) {
		toks_print(text, &t);
		fail_msg("\"%s\" should give no tokens", text);
	}
	free(folded);
}

static void
test_tokens_english(void **state)
{
	(void)state;
	/* Lower case; function words and one-letter words dropped. */
	TOKENS("The Parcel IS late and I am ANGRY", "parcel", "late", "angry");
	TOKENS("Hello, this is a refund request from my wife.", "refund",
	       "request", "wife");
	/* Digit runs of up to 5 stay; longer ones (orders, phones) go. */
	TOKENS("order 1234567 cost 12345 not 123456 yet 99", "order", "cost",
	       "12345", "not", "yet", "99");
	/* Letters and digits mixed are a word whatever its digits. */
	TOKENS("model X1234567 broke", "model", "x1234567", "broke");
	/* 2 to 24 bytes. */
	TOKENS("x yy aaaaaaaaaaaaaaaaaaaaaaaa bbbbbbbbbbbbbbbbbbbbbbbbb", "yy",
	       "aaaaaaaaaaaaaaaaaaaaaaaa");
	/* Full-width and capitals are one word. */
	TOKENS("ＲＥＦＵＮＤ Refund refund", "refund", "refund", "refund");
	/* Punctuation separates; apostrophes too. */
	TOKENS("can't-wait...delivery!!", "can", "wait", "delivery");
	assert_no_tokens("");
	assert_no_tokens("the and of a i 1234567 !!!");
}

static void
test_tokens_chinese(void **state)
{
	(void)state;
	/* Each character and each adjacent pair. */
	TOKENS_ANY_ORDER("数据丢失", "数", "据", "丢", "失", "数据", "据丢",
	                 "丢失");
	/* Particles are not tokens alone, but still make pairs. */
	TOKENS_ANY_ORDER("我的手机坏了", "手", "机", "坏", "我的", "的手",
	                 "手机", "机坏", "坏了");
	/* Punctuation breaks the pairs. */
	TOKENS_ANY_ORDER("退款，谢谢", "退", "款", "退款", "谢", "谢", "谢谢");
	/* A single character is a token. */
	TOKENS("慢", "慢");
	/* Particles alone give nothing. */
	assert_no_tokens("的");
}

static void
test_tokens_traditional(void **state)
{
	(void)state;
	/* Traditional text gives the Simplified tokens. */
	TOKENS_ANY_ORDER("數據丟失", "数", "据", "丢", "失", "数据", "据丢",
	                 "丢失");
}

static void
test_tokens_mixed(void **state)
{
	(void)state;
	/* The Latin word ends at the first Chinese character; no pair
	 * spans the two scripts. */
	TOKENS_ANY_ORDER("iPhone屏幕坏了", "iphone", "屏", "幕", "坏", "屏幕",
	                 "幕坏", "坏了");
	TOKENS_ANY_ORDER("退款refund请求", "退", "款", "退款", "refund", "请",
	                 "求", "请求");
	/* Full-width digits of an order number are a digit run. */
	TOKENS_ANY_ORDER("订单１２３４５６７８", "订", "单", "订单");
	/* Kana and Hangul are CJK too. */
	TOKENS_ANY_ORDER("データ", "デ", "ー", "タ", "デー", "ータ");
}

static void
test_tokens_stop(void **state)
{
	struct toks t = {.stop_at = 2};

	(void)state;
	/* The callback's non-zero result ends the walk and is returned. */
	assert_int_equal(tok_each("parcel late again today", toks_add, &t), 7);
	assert_int_equal(t.n, 2);
	assert_string_equal(t.v[1], "late");
	toks_clear(&t);
	t.stop_at = 1;
	assert_int_equal(tok_each("数据", toks_add, &t), 7);
	assert_int_equal(t.n, 1);
	toks_clear(&t);
}

static void
test_utf8_next(void **state)
{
	const char *s = "a\xC3\xA9\xE6\x95\xB0\xF0\x9F\x98\x80\xFF"
	                "b";
	const char *p = s;

	(void)state;
	assert_int_equal(tok_utf8_next(&p), 'a');
	assert_int_equal(tok_utf8_next(&p), 0xE9);
	assert_int_equal(tok_utf8_next(&p), 0x6570); /* 数 */
	assert_int_equal(tok_utf8_next(&p), 0x1F600);
	assert_int_equal(tok_utf8_next(&p), 0xFFFD);
	assert_ptr_equal(p, s + 11);
	assert_int_equal(tok_utf8_next(&p), 'b');
	assert_int_equal(*p, '\0');
	/* A sequence cut by the NUL is a stray byte, not read past. */
	p = "\xE6\x95";
	assert_int_equal(tok_utf8_next(&p), 0xFFFD);
	/* A surrogate or a code point past U+10FFFF is no character: the
	 * fold drops it, so what patterns see is valid UTF-8. */
	p = "\xED\xA0\x80";
	assert_int_equal(tok_utf8_next(&p), 0xFFFD);
	p = "\xF4\x90\x80\x80";
	assert_int_equal(tok_utf8_next(&p), 0xFFFD);
	assert_fold("a\xED\xA0\x80"
	            "b\xF4\x90\x80\x80"
	            "c\xF4\x8F\xBF\xBF",
	            "abc\xF4\x8F\xBF\xBF");
	assert_true(tok_is_cjk(0x6570));
	assert_true(tok_is_cjk(0x30C7)); /* デ */
	assert_true(tok_is_cjk(0xB370)); /* 데 */
	assert_false(tok_is_cjk('a'));
	assert_false(tok_is_cjk(0x3002)); /* 。 */
	assert_false(tok_is_cjk(0xFF01));
}

/* ---- the keyword set ------------------------------------------------- */

/* hits (kw_set_count entries, zeroed) for text, caller frees. */
static unsigned char *
kw_hits(const struct kw_set *set, const char *text)
{
	char *form = tok_match_form(text);
	unsigned char *hits = calloc(kw_set_count(set) + 1, 1);

	assert_non_null(form);
	assert_non_null(hits);
	kw_set_scan(set, form, hits);
	free(form);
	return hits;
}

static bool
kw_found(const struct kw_set *set, int id, const char *text)
{
	unsigned char *hits = kw_hits(set, text);
	bool found;

	assert_true(id >= 0 && (size_t)id < kw_set_count(set));
	found = hits[id] != 0;
	free(hits);
	return found;
}

static void
assert_kw(const struct kw_set *set, int id, const char *keyword,
          const char *text, bool want)
{
	if (kw_found(set, id, text) != want)
		fail_msg("keyword \"%s\" %s in \"%s\"", keyword,
		         want ? "not found" : "found", text);
}

static int
kw_add(struct kw_set *set, const char *keyword)
{
	int id = kw_set_add(set, keyword);

	if (id < 0)
		fail_msg("kw_set_add(\"%s\") refused", keyword);
	return id;
}

static void
test_kw_whole_words(void **state)
{
	struct kw_set *set = kw_set_new();
	int refund, prefix, ups;

	(void)state;
	assert_non_null(set);
	refund = kw_add(set, "refund");
	prefix = kw_add(set, "refund*");
	ups = kw_add(set, "ups");
	assert_true(refund != prefix);
	assert_int_equal(kw_set_count(set), 3);
	assert_int_equal(kw_set_build(set), 0);

	assert_kw(set, refund, "refund", "I want a refund.", true);
	assert_kw(set, refund, "refund", "REFUND", true);
	assert_kw(set, refund, "refund", "refund!", true);
	assert_kw(set, refund, "refund", "I was refunded", false);
	assert_kw(set, refund, "refund", "nonrefund policy", false);
	assert_kw(set, refund, "refund", "refunds", false);
	assert_kw(set, prefix, "refund*", "I was refunded", true);
	assert_kw(set, prefix, "refund*", "Refunds please", true);
	assert_kw(set, prefix, "refund*", "refund", true);
	/* A prefix keyword still starts at a word's start. */
	assert_kw(set, prefix, "refund*", "nonrefundable", false);
	assert_kw(set, ups, "ups", "UPS lost it", true);
	assert_kw(set, ups, "ups", "the cups broke", false);
	assert_kw(set, ups, "ups", "ups", true);
	kw_set_free(set);
}

static void
test_kw_phrases(void **state)
{
	struct kw_set *set = kw_set_new();
	int down, twice;

	(void)state;
	assert_non_null(set);
	down = kw_add(set, "system down");
	/* The keyword's own punctuation is folded the same way. */
	twice = kw_add(set, "charged-twice");
	assert_int_equal(kw_set_build(set), 0);
	assert_kw(set, down, "system down", "System—DOWN!", true);
	assert_kw(set, down, "system down", "the system\r\n\r\ndown", true);
	assert_kw(set, down, "system down", "system, down.", true);
	assert_kw(set, down, "system down", "ｓｙｓｔｅｍ　ｄｏｗｎ", true);
	assert_kw(set, down, "system down", "ecosystem down", false);
	assert_kw(set, down, "system down", "system downtime", false);
	assert_kw(set, down, "system down", "system is down", false);
	assert_kw(set, twice, "charged-twice", "I was charged twice", true);
	assert_kw(set, twice, "charged-twice", "CHARGED...TWICE", true);
	kw_set_free(set);
}

static void
test_kw_chinese(void **state)
{
	struct kw_set *set = kw_set_new();
	int refund, lost, star;

	(void)state;
	assert_non_null(set);
	refund = kw_add(set, "退款");
	/* Written in Traditional, matched in both. */
	lost = kw_add(set, "數據丟失");
	star = kw_add(set, "退货*");
	assert_int_equal(kw_set_build(set), 0);
	/* Anywhere, without word boundaries. */
	assert_kw(set, refund, "退款", "我要求退款谢谢", true);
	assert_kw(set, refund, "退款", "退款", true);
	assert_kw(set, refund, "退款", "Please 退款 now", true);
	assert_kw(set, refund, "退款", "退 款", false);
	assert_kw(set, lost, "數據丟失", "我的数据丢失了", true);
	assert_kw(set, lost, "數據丟失", "我的數據丟失了", true);
	assert_kw(set, lost, "數據丟失", "数据没有丢失", false);
	assert_kw(set, star, "退货*", "申请退货", true);
	kw_set_free(set);
}

/*
 * A Latin keyword next to Chinese: Chinese is written without spaces, so
 * "我的iPhone坏了" has "iphone" as a word (tok_each gives it as one, see
 * test_tokens_mixed, and the match form sets it apart); the word boundary
 * kwmatch.h promises is there.
 */
static void
test_kw_latin_beside_chinese(void **state)
{
	struct kw_set *set = kw_set_new();
	int iphone, order;

	(void)state;
	assert_non_null(set);
	iphone = kw_add(set, "iphone");
	order = kw_add(set, "order");
	assert_int_equal(kw_set_build(set), 0);
	assert_kw(set, iphone, "iphone", "我的iPhone坏了", true);
	assert_kw(set, iphone, "iphone", "iPhone屏幕坏了", true);
	assert_kw(set, iphone, "iphone", "屏幕iphone", true);
	assert_kw(set, order, "order", "请查order号", true);
	/* Still whole words on the Latin side. */
	assert_kw(set, iphone, "iphone", "我的iPhones坏了", false);
	kw_set_free(set);
}

static void
test_kw_dedupe(void **state)
{
	struct kw_set *set = kw_set_new();
	int a;

	(void)state;
	assert_non_null(set);
	a = kw_add(set, "Refund");
	assert_int_equal(kw_set_add(set, "refund"), a);
	assert_int_equal(kw_set_add(set, "ＲＥＦＵＮＤ"), a);
	assert_int_equal(kw_set_add(set, "  REFUND! "), a);
	assert_int_equal(kw_set_count(set), 1);
	/* Traditional and Simplified fold alike. */
	assert_int_equal(kw_set_add(set, "數據"), 1);
	assert_int_equal(kw_set_add(set, "数据"), 1);
	/* Phrases with different punctuation are one keyword. */
	assert_int_equal(kw_set_add(set, "system down"), 2);
	assert_int_equal(kw_set_add(set, "System--Down"), 2);
	/* A prefix is another keyword. */
	assert_int_equal(kw_set_add(set, "refund*"), 3);
	assert_int_equal(kw_set_count(set), 4);
	assert_int_equal(kw_set_build(set), 0);
	assert_kw(set, a, "refund", "ＲＥＦＵＮＤ please", true);
	kw_set_free(set);
}

static void
test_kw_punctuation_only(void **state)
{
	struct kw_set *set = kw_set_new();
	unsigned char *hits;

	(void)state;
	assert_non_null(set);
	assert_int_equal(kw_set_add(set, "!!!"), -1);
	assert_int_equal(kw_set_add(set, ""), -1);
	assert_int_equal(kw_set_add(set, " "), -1);
	assert_int_equal(kw_set_add(set, "*"), -1);
	assert_int_equal(kw_set_add(set, "—？"), -1);
	assert_int_equal(kw_set_add(set, "\xE3\x80\x80"), -1);
	assert_int_equal(kw_set_count(set), 0);
	/* An empty set builds and scans to nothing. */
	assert_int_equal(kw_set_build(set), 0);
	hits = kw_hits(set, "anything at all 数据");
	free(hits);
	/* A real keyword after refused ones gets id 0. */
	kw_set_free(set);
	set = kw_set_new();
	assert_non_null(set);
	assert_int_equal(kw_set_add(set, "..."), -1);
	assert_int_equal(kw_set_add(set, "ok"), 0);
	kw_set_free(set);
}

/* The classic Aho-Corasick case he/she/his/hers, where one match ends
 * inside another: in Chinese (no boundaries) and in ASCII prefixes. */
static void
test_kw_overlapping(void **state)
{
	/* he = 甲乙, she = 丙甲乙, hers = 甲乙丁丙, his = 甲戊丙 */
	static const char *const cjk[] = {"甲乙", "丙甲乙", "甲乙丁丙",
	                                  "甲戊丙"};
	struct kw_set *set = kw_set_new();
	unsigned char *hits;
	int ids[4], card, charged, both, cred;

	(void)state;
	assert_non_null(set);
	for (size_t i = 0; i < N(cjk); i++)
		ids[i] = kw_add(set, cjk[i]);
	card = kw_add(set, "credit card");
	charged = kw_add(set, "card charged");
	both = kw_add(set, "card");
	cred = kw_add(set, "cred*");
	assert_int_equal(kw_set_build(set), 0);

	/* "ushers": she, he and hers, not his. */
	hits = kw_hits(set, "乌丙甲乙丁丙");
	assert_int_equal(hits[ids[0]], 1);
	assert_int_equal(hits[ids[1]], 1);
	assert_int_equal(hits[ids[2]], 1);
	assert_int_equal(hits[ids[3]], 0);
	free(hits);
	/* "his" only, and "he" after a failed "hers". */
	hits = kw_hits(set, "甲戊丙乌甲乙丁");
	assert_int_equal(hits[ids[0]], 1);
	assert_int_equal(hits[ids[1]], 0);
	assert_int_equal(hits[ids[2]], 0);
	assert_int_equal(hits[ids[3]], 1);
	free(hits);
	/* Phrases sharing a word (and its spaces). */
	hits = kw_hits(set, "My credit card charged twice");
	assert_int_equal(hits[card], 1);
	assert_int_equal(hits[charged], 1);
	assert_int_equal(hits[both], 1);
	assert_int_equal(hits[cred], 1);
	free(hits);
	hits = kw_hits(set, "credit cards charged");
	assert_int_equal(hits[card], 0);
	assert_int_equal(hits[charged], 0);
	assert_int_equal(hits[both], 0);
	assert_int_equal(hits[cred], 1);
	free(hits);
	kw_set_free(set);
}

static void
test_kw_hits_kept(void **state)
{
	struct kw_set *set = kw_set_new();
	unsigned char hits[2] = {1, 0};
	char *form;

	(void)state;
	assert_non_null(set);
	assert_int_equal(kw_add(set, "parcel"), 0);
	assert_int_equal(kw_add(set, "late"), 1);
	assert_int_equal(kw_set_build(set), 0);
	form = tok_match_form("it is late");
	assert_non_null(form);
	kw_set_scan(set, form, hits);
	/* Entries of keywords not found are left as they were. */
	assert_int_equal(hits[0], 1);
	assert_int_equal(hits[1], 1);
	free(form);
	kw_set_free(set);
}

/* Thousands of keywords, ASCII words and Chinese pairs: each one in the
 * text is found, each one left out is not. */
static void
test_kw_many(void **state)
{
	enum { N_ASCII = 1200, N_CJK = 800 };
	struct kw_set *set = kw_set_new();
	size_t cap = (N_ASCII + N_CJK) * 16 + 1, len = 0;
	char *text = malloc(cap), kw[32];
	int ids[N_ASCII + N_CJK];
	unsigned char *hits;

	(void)state;
	assert_non_null(set);
	assert_non_null(text);
	for (int i = 0; i < N_ASCII; i++) {
		/* Words of letters, many sharing prefixes. */
		snprintf(kw, sizeof(kw), "k%c%c%c%c", 'a' + i % 26,
		         'a' + i / 26 % 26, 'a' + i / 676 % 26, 'q');
		ids[i] = kw_add(set, kw);
		assert_int_equal(ids[i], i);
		if (i % 7 != 0)
			len +=
			    (size_t)snprintf(text + len, cap - len, "%s, ", kw);
	}
	for (int i = 0; i < N_CJK; i++) {
		/* A unique pair of Han characters. */
		unsigned a = 0x5A00 + (unsigned)i, b = 0x5F00 + (unsigned)i;
		int n = snprintf(kw, sizeof(kw), "%c%c%c%c%c%c", 0xE0 | a >> 12,
		                 0x80 | (a >> 6 & 0x3F), 0x80 | (a & 0x3F),
		                 0xE0 | b >> 12, 0x80 | (b >> 6 & 0x3F),
		                 0x80 | (b & 0x3F));
		char *folded = tok_fold(kw);
		assert_int_equal(n, 6);
		assert_non_null(folded);
		ids[N_ASCII + i] = kw_add(set, kw);
		if (strcmp(folded, kw) != 0) {
			/* A Traditional character: its pair may repeat a
			 * Simplified one; the text uses what it folds to. */
			free(folded);
			continue;
		}
		free(folded);
		if (i % 5 != 0)
			len +=
			    (size_t)snprintf(text + len, cap - len, "%s。", kw);
	}
	assert_int_equal(kw_set_build(set), 0);
	hits = kw_hits(set, text);
	for (int i = 0; i < N_ASCII; i++)
		if (hits[ids[i]] != (i % 7 != 0))
			fail_msg("ASCII keyword %d: hit %d", i, hits[ids[i]]);
	for (int i = 0; i < N_CJK; i++) {
		unsigned a = 0x5A00 + (unsigned)i, b = 0x5F00 + (unsigned)i;
		snprintf(kw, sizeof(kw), "%c%c%c%c%c%c", 0xE0 | a >> 12,
		         0x80 | (a >> 6 & 0x3F), 0x80 | (a & 0x3F),
		         0xE0 | b >> 12, 0x80 | (b >> 6 & 0x3F),
		         0x80 | (b & 0x3F));
		char *folded = tok_fold(kw);
		bool plain = strcmp(folded, kw) == 0;
		free(folded);
		if (plain && hits[ids[N_ASCII + i]] != (i % 5 != 0))
			fail_msg("Chinese keyword %d (%s): hit %d", i, kw,
			         hits[ids[N_ASCII + i]]);
	}
	free(hits);
	free(text);
	kw_set_free(set);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_fold_case_and_width),
	    cmocka_unit_test(test_fold_traditional),
	    cmocka_unit_test(test_match_form),
	    cmocka_unit_test(test_collapse),
	    cmocka_unit_test(test_tokens_english),
	    cmocka_unit_test(test_tokens_chinese),
	    cmocka_unit_test(test_tokens_traditional),
	    cmocka_unit_test(test_tokens_mixed),
	    cmocka_unit_test(test_tokens_stop),
	    cmocka_unit_test(test_utf8_next),
	    cmocka_unit_test(test_kw_whole_words),
	    cmocka_unit_test(test_kw_phrases),
	    cmocka_unit_test(test_kw_chinese),
	    cmocka_unit_test(test_kw_latin_beside_chinese),
	    cmocka_unit_test(test_kw_dedupe),
	    cmocka_unit_test(test_kw_punctuation_only),
	    cmocka_unit_test(test_kw_overlapping),
	    cmocka_unit_test(test_kw_hits_kept),
	    cmocka_unit_test(test_kw_many),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
