/*
 * test_survey_answer: survey answers as customers send them — the
 * one-click mailto: lines and subjects, plain replies that start with a
 * rating in English and Chinese, aspect ratings, requests to stop
 * surveys — and the texts that only look like a rating.
 */
#include "survey_answer.h"

#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdlib.h>
#include <string.h>

/* What an answer should read as. */
struct want {
	int rating, nps, speed, result, overall;
	bool unsubscribe;
	const char *comment; /* NULL: none */
};

#define NONE -1

/*
 * The parser sees exact-size heap copies, so the sanitizer build catches
 * a read past the terminating NUL.
 */
static char *
survey_test_copy(const char *s)
{
	char *copy;

	if (s == NULL)
		return NULL;
	copy = strdup(s);
	assert_non_null(copy);
	return copy;
}

static void
survey_test_field(const char *text, const char *name, int got, int want)
{
	if (got != want)
		fail_msg("\"%s\": %s = %d, want %d", text, name, got, want);
}

static void
assert_answer(const char *subject, const char *text, struct want w)
{
	char *s = survey_test_copy(subject), *t = survey_test_copy(text);
	struct survey_answer a;

	assert_int_equal(survey_answer_parse(s, t, &a), 0);
	survey_test_field(text, "rating", a.rating, w.rating);
	survey_test_field(text, "nps", a.nps, w.nps);
	survey_test_field(text, "speed", a.speed, w.speed);
	survey_test_field(text, "result", a.result, w.result);
	survey_test_field(text, "overall", a.overall, w.overall);
	survey_test_field(text, "unsubscribe", a.unsubscribe, w.unsubscribe);
	if (w.comment == NULL && a.comment != NULL)
		fail_msg("\"%s\": comment \"%s\", want none", text, a.comment);
	if (w.comment != NULL &&
	    (a.comment == NULL || strcmp(a.comment, w.comment) != 0))
		fail_msg("\"%s\": comment \"%s\", want \"%s\"", text,
		         a.comment ? a.comment : "(none)", w.comment);
	survey_answer_clear(&a);
	free(s);
	free(t);
}

/* An answer with only a rating and a comment. */
static void
assert_rating(const char *text, int rating, const char *comment)
{
	assert_answer(
	    NULL, text,
	    (struct want){rating, NONE, NONE, NONE, NONE, false, comment});
}

static void
assert_nps(const char *text, int nps, const char *comment)
{
	assert_answer(
	    NULL, text,
	    (struct want){NONE, nps, NONE, NONE, NONE, false, comment});
}

/* No rating of any kind: the whole text is the comment. */
static void
assert_no_rating(const char *text)
{
	assert_rating(text, NONE, text);
}

static void
assert_aspects(const char *text, int speed, int result, int overall,
               const char *comment)
{
	assert_answer(
	    NULL, text,
	    (struct want){NONE, NONE, speed, result, overall, false, comment});
}

/* The subject's rating with an empty body. */
static void
assert_subject(const char *subject, int rating, int nps, bool unsubscribe)
{
	assert_answer(
	    subject, "",
	    (struct want){rating, nps, NONE, NONE, NONE, unsubscribe, NULL});
}

static void
assert_composite(const char *text, double want)
{
	char *t = survey_test_copy(text);
	struct survey_answer a;

	assert_int_equal(survey_answer_parse(NULL, t, &a), 0);
	assert_true(survey_answer_composite(&a) == want);
	survey_answer_clear(&a);
	free(t);
}

/* The lines a mailto: link prefills, wherever they stand. */
static void
test_one_click_body(void **state)
{
	(void)state;
	assert_rating("Rating: 4", 4, NULL);
	assert_rating("Rating 4", 4, NULL);
	assert_rating("RATING:4", 4, NULL);
	assert_rating("rating : 2", 2, NULL);
	assert_rating("评分：4", 4, NULL);
	assert_rating("评分: 1", 1, NULL);
	assert_rating("评分：４", 4, NULL);
	assert_rating("Rating: 4/5", 4, NULL);
	assert_nps("Recommend: 9", 9, NULL);
	assert_nps("推荐：10", 10, NULL);
	assert_nps("NPS: 0", 0, NULL);
	assert_nps("NPS = 7", 7, NULL);
	assert_answer(NULL, "Rating: 4\r\nRecommend: 9\r\nComment:\r\n\r\n",
	              (struct want){4, 9, NONE, NONE, NONE, false, NULL});
	assert_answer(NULL, "Rating: 4, Recommend: 9",
	              (struct want){4, 9, NONE, NONE, NONE, false, NULL});
	assert_answer(NULL, "评分：5，推荐：9\n意见：很好",
	              (struct want){5, 9, NONE, NONE, NONE, false, "很好"});
	/* Anywhere in the text, and cut from the comment. */
	assert_answer(NULL,
	              "Thanks\n\nRating: 4\n\nRecommend: 9\n\nComment: "
	              "great job\n",
	              (struct want){4, 9, NONE, NONE, NONE, false,
	                            "Thanks\n\ngreat job"});
	assert_rating("The fix held.\nRating: 5\nThanks", 5,
	              "The fix held.\nThanks");
	assert_rating("Rating: 3 - the fix held", 3, "the fix held");
	/* The first label wins over a later one and a plain start. */
	assert_rating("Rating: 2\nRating: 5", 2, NULL);
	assert_rating("Rating: 3\n5 stars", 3, "5 stars");
}

static void
test_comment_label(void **state)
{
	(void)state;
	assert_rating("Rating: 4\nComment: quick and friendly", 4,
	              "quick and friendly");
	assert_rating("Rating: 4\nComments: quick", 4, "quick");
	assert_rating("评分：4\n评论：处理很快", 4, "处理很快");
	assert_rating("评分：4\n意见：处理很快", 4, "处理很快");
	assert_rating("Comment:\nThe kettle works.", NONE, "The kettle works.");
	/* A labelled comment is no plain reply: its start is no rating. */
	assert_rating("Comment: 5 stars", NONE, "5 stars");
	/* Only the label with its colon. */
	assert_no_rating("Commentary on the repair follows");
	assert_no_rating("意见很大");
}

/* In the subject only labels count: tags and tokens carry numbers. */
static void
test_one_click_subject(void **state)
{
	(void)state;
	assert_subject("Re: [ACME #12] Rating 4 (S12-K3JD9QX2MA)", 4, NONE,
	               false);
	assert_subject("Rating 4 (S12-K3JD9QX2MA)", 4, NONE, false);
	assert_subject("[ACME #12] 评分 2 (S12-K3JD9QX2MA)", 2, NONE, false);
	assert_subject("Re: [ACME #12] Recommend 9 (S12-K3JD9QX2MA)", NONE, 9,
	               false);
	assert_subject("回复：[ACME #3] 推荐：0 (S3-AAAAAAAAAA)", NONE, 0,
	               false);
	assert_subject("Re: [ACME #12] How did we do? (S12-K3JD9QX2MA)", NONE,
	               NONE, false);
	assert_subject("[ACME #5] (S5-K3JD9QX2MA)", NONE, NONE, false);
	assert_subject("[ACME #4] S4-5TARS", NONE, NONE, false);
	/* Plain-reply forms are not read in the subject. */
	assert_subject("5 stars", NONE, NONE, false);
	assert_subject("Re: 4", NONE, NONE, false);
	assert_subject("很满意", NONE, NONE, false);
	assert_subject("Re: [ACME #12] Rating 7 (S12-K3JD9QX2MA)", NONE, NONE,
	               false);
	assert_subject("Re: [ACME #12] Ratings 4", NONE, NONE, false);
	/* The body's label, then its start, win over the subject. */
	assert_answer("Rating 4", "Rating: 2",
	              (struct want){2, NONE, NONE, NONE, NONE, false, NULL});
	assert_answer(
	    "Rating 4", "2 stars, it broke again",
	    (struct want){2, NONE, NONE, NONE, NONE, false, "it broke again"});
	assert_answer(
	    "Rating 4", "Thanks!",
	    (struct want){4, NONE, NONE, NONE, NONE, false, "Thanks!"});
}

/* A plain reply that starts with a number, stars or a numeral. */
static void
test_start_number(void **state)
{
	(void)state;
	assert_rating("5", 5, NULL);
	assert_rating("1", 1, NULL);
	assert_rating("5/5", 5, NULL);
	assert_rating("4 / 5", 4, NULL);
	assert_rating("4 stars", 4, NULL);
	assert_rating("4 star", 4, NULL);
	assert_rating("5-star service", 5, "service");
	assert_rating("4星", 4, NULL);
	assert_rating("4分", 4, NULL);
	assert_rating("五", 5, NULL);
	assert_rating("五星", 5, NULL);
	assert_rating("五分", 5, NULL);
	assert_rating("一星", 1, NULL);
	assert_rating("五颗星", 5, NULL);
	assert_rating("五星好评", 5, "好评");
	assert_rating("★★★★", 4, NULL);
	assert_rating("★", 1, NULL);
	assert_rating("★★★☆☆", 3, NULL);
	assert_rating("⭐⭐⭐⭐⭐ great", 5, "great");
	assert_rating("4 out of 5", 4, NULL);
	assert_rating("4，还可以", 4, "还可以");
	assert_rating("5 - thanks, quick help", 5, "thanks, quick help");
	assert_rating("3. Slow but done", 3, "Slow but done");
	assert_rating("5!", 5, NULL);
	assert_rating("5 stars\nThe agent was quick.\n\nThanks", 5,
	              "The agent was quick.\n\nThanks");
	assert_rating("  \n\n 4 stars  \n", 4, NULL);
	/* Full-width digits and punctuation from a Chinese IME. */
	assert_rating("４，还可以", 4, "还可以");
	assert_rating("５／５", 5, NULL);
	assert_rating("３：一般般", 3, "一般般");
	/* Too many stars is no rating. */
	assert_no_rating("★★★★★★");
	assert_no_rating("6 stars");
	assert_no_rating("0/5");
}

/* 6..10, "x/10" and a lone 0 are the recommendation, never a rating. */
static void
test_start_nps(void **state)
{
	(void)state;
	assert_nps("9/10", 9, NULL);
	assert_nps("10 out of 10", 10, NULL);
	assert_nps("10/10 would recommend", 10, "would recommend");
	assert_nps("5/10", 5, NULL);
	assert_nps("0", 0, NULL);
	assert_nps("6", 6, NULL);
	assert_nps("10", 10, NULL);
	assert_nps("8分", 8, NULL);
	assert_nps("7, the wait was long", 7, "the wait was long");
	assert_no_rating("11");
	assert_no_rating("11/10");
	assert_answer(NULL, "9/10\nRating: 4",
	              (struct want){4, 9, NONE, NONE, NONE, false, NULL});
}

static void
test_start_phrase_chinese(void **state)
{
	(void)state;
	assert_rating("非常满意", 5, NULL);
	assert_rating("很满意，谢谢", 5, "谢谢");
	assert_rating("满意", 4, NULL);
	assert_rating("比较满意。发货有点慢", 4, "发货有点慢");
	assert_rating("一般", 3, NULL);
	assert_rating("还可以", 3, NULL);
	assert_rating("还行，就是慢", 3, "就是慢");
	assert_rating("不太满意", 2, NULL);
	assert_rating("不满意！", 2, NULL);
	assert_rating("非常不满意，太慢了", 1, "太慢了");
	assert_rating("很不满意\n换了两次还是坏的", 1, "换了两次还是坏的");
}

static void
test_start_phrase_english(void **state)
{
	(void)state;
	assert_rating("Very satisfied!", 5, NULL);
	assert_rating("excellent service", 5, "service");
	assert_rating("Satisfied.", 4, NULL);
	assert_rating("Good, but slow", 4, "but slow");
	assert_rating("Neutral", 3, NULL);
	assert_rating("OK, thanks", 3, "thanks");
	assert_rating("okay", 3, NULL);
	assert_rating("Average", 3, NULL);
	assert_rating("Not satisfied, the kettle leaks again", 2,
	              "the kettle leaks again");
	assert_rating("dissatisfied", 2, NULL);
	assert_rating("Unsatisfied", 2, NULL);
	assert_rating("poor", 2, NULL);
	assert_rating("Bad.", 2, NULL);
	assert_rating("Very dissatisfied", 1, NULL);
	assert_rating("very unsatisfied", 1, NULL);
	assert_rating("Terrible!", 1, NULL);
	assert_rating("awful", 1, NULL);
	assert_rating("VERY  SATISFIED", 5, NULL);
}

/* A phrase or number further in never gives a rating. */
static void
test_not_at_start(void **state)
{
	(void)state;
	assert_no_rating("The agent was not good");
	assert_no_rating("I am not satisfied");
	assert_no_rating("Thanks, 5 stars");
	assert_no_rating("我很满意");
	assert_no_rating("Thanks, but the replacement is still broken");
}

/* What only looks like a rating. */
static void
test_boundaries(void **state)
{
	(void)state;
	assert_no_rating("goodness, what a mess");
	assert_no_rating("Okapi");
	assert_no_rating("5000 yuan refund missing");
	assert_no_rating("5th time I write");
	assert_no_rating("2 weeks later still broken");
	assert_no_rating("4.5 stars");
	assert_no_rating("1-2 days late");
	assert_no_rating("5:30 nobody called");
	assert_no_rating("3 starships");
	assert_no_rating("5% discount was promised");
	assert_no_rating("5分钟后才回复");
	assert_no_rating("一星期了还没修好");
	assert_no_rating("一分钱都没退");
	assert_no_rating("三天了还没修好");
	assert_no_rating("三星手机又坏了");
	assert_no_rating("Good morning, the kettle still leaks");
	assert_no_rating("满意度很低");
	assert_no_rating("一般来说，产品不错");
}

static void
test_aspects_english(void **state)
{
	(void)state;
	assert_aspects("speed 4, result 5, overall 3", 4, 5, 3, NULL);
	assert_aspects("speed: 4", 4, NONE, NONE, NULL);
	assert_aspects("Speed: 4/5\nResult: 2\nOverall: 3 - the fix held", 4, 2,
	               3, "the fix held");
	assert_aspects("speed 4 result 5 overall 3", 4, 5, 3, NULL);
	assert_aspects("speed 4 and result 5", 4, 5, NONE, NULL);
	assert_aspects("Great service, speed 5, thanks", 5, NONE, NONE,
	               "Great service, thanks");
	assert_composite("speed 4, result 5, overall 3", 4.0);
	assert_composite("speed 5, result 2", 3.5);
	assert_composite("overall 3", 3.0);
	/* Not a rating: units, decimals, other words. */
	assert_no_rating("speed 2 weeks late");
	assert_no_rating("speed 4.5");
	assert_no_rating("The speed was fine");
	assert_no_rating("airspeed 4");
	assert_no_rating("speed 5% faster than last time");
	assert_aspects("speed 5 (fast), result 4", 5, 4, NONE, "(fast)");
	assert_no_rating("speed 7, result 0");
	assert_answer(NULL, "5 stars\nspeed 4, result 5",
	              (struct want){5, NONE, 4, 5, NONE, false, NULL});
}

static void
test_aspects_chinese(void **state)
{
	(void)state;
	assert_aspects("速度4 结果5 整体3", 4, 5, 3, NULL);
	assert_aspects("速度4结果5整体3", 4, 5, 3, NULL);
	assert_aspects("速度：4，结果：5，整体：3", 4, 5, 3, NULL);
	assert_aspects("处理速度：5，处理结果：4，总体评价：3，谢谢", 5, 4, 3,
	               "谢谢");
	assert_aspects("总体：2", NONE, NONE, 2, NULL);
	assert_aspects("速度：４", 4, NONE, NONE, NULL);
	assert_aspects("谢谢！速度5分", 5, NONE, NONE, "谢谢！");
	assert_composite("速度4 结果5 整体3", 4.0);
	assert_composite("处理速度：5，处理结果：4，总体评价：3", 4.0);
	assert_no_rating("结果3天后又坏了");
	assert_no_rating("速度4分钟");
	assert_no_rating("结果还是坏了");
	assert_aspects("速度：7，结果：5", NONE, 5, NONE, "速度：7");
}

static void
test_unsubscribe(void **state)
{
	static const char *const lines[] = {
	    "unsubscribe",      "Unsubscribe.", "STOP SURVEYS", "stop surveys",
	    "No more surveys!", "退订",         "不要再发",     "不要再发了",
	    "取消订阅",         "退订！",
	};

	(void)state;
	for (size_t i = 0; i < sizeof(lines) / sizeof(*lines); i++)
		assert_answer(
		    NULL, lines[i],
		    (struct want){NONE, NONE, NONE, NONE, NONE, true, NULL});
	assert_answer(
	    NULL, "Rating: 2\nUnsubscribe\nToo many mails.",
	    (struct want){2, NONE, NONE, NONE, NONE, true, "Too many mails."});
	assert_subject("Unsubscribe", NONE, NONE, true);
	assert_subject("Re: [ACME #12] Unsubscribe (S12-K3JD9QX2MA)", NONE,
	               NONE, true);
	assert_subject("回复：[ACME #12] 退订 (S12-K3JD9QX2MA)", NONE, NONE,
	               true);
	assert_subject("[ACME #12] 取消订阅", NONE, NONE, true);
	/* Only a line or subject that is just that. */
	assert_no_rating("Please do not unsubscribe me");
	assert_no_rating("unsubscribe me from the newsletter, not the "
	                 "ticket");
	assert_subject("Re: Why did you unsubscribe me?", NONE, NONE, false);
}

/* Labelled numbers out of range stay in the comment. */
static void
test_out_of_range(void **state)
{
	(void)state;
	assert_no_rating("Rating: 7");
	assert_no_rating("评分：0");
	assert_no_rating("Rating: 4.5");
	assert_no_rating("Recommend: 11");
	assert_no_rating("推荐：-1");
	assert_no_rating("Rating: 9/10");
	assert_no_rating("NPS: 4/5");
}

static void
test_empty(void **state)
{
	(void)state;
	assert_rating("", NONE, NULL);
	assert_rating(" \n\t\r\n\xe3\x80\x80\n", NONE, NULL);
	assert_answer(NULL, NULL,
	              (struct want){NONE, NONE, NONE, NONE, NONE, false, NULL});
	assert_answer("", "",
	              (struct want){NONE, NONE, NONE, NONE, NONE, false, NULL});
}

/* Trimmed around, kept inside. */
static void
test_comment_shape(void **state)
{
	(void)state;
	assert_rating("\n\n  The kettle works.  \n\n", NONE,
	              "The kettle works.");
	assert_rating("Line one\r\nLine two\r\n", NONE, "Line one\nLine two");
	assert_rating("One\n\n\nTwo", NONE, "One\n\n\nTwo");
	assert_rating("One\n\nRating: 4\n\nTwo", 4, "One\n\nTwo");
	assert_rating("One\nRating: 4\n\nTwo", 4, "One\n\nTwo");
	assert_rating("  indented\nnot", NONE, "indented\nnot");
	assert_rating("a\n  indented", NONE, "a\n  indented");
}

/* The comment stops at 4000 bytes, between two characters. */
static void
test_comment_limit(void **state)
{
	char *text = malloc(3 * 2000 + 1);
	struct survey_answer a;

	(void)state;
	assert_non_null(text);
	for (int i = 0; i < 2000; i++)
		memcpy(text + 3 * i, "好", 3);
	text[3 * 2000] = '\0';
	assert_int_equal(survey_answer_parse(NULL, text, &a), 0);
	assert_non_null(a.comment);
	assert_int_equal(strlen(a.comment), 3999);
	assert_memory_equal(a.comment, text, 3999);
	survey_answer_clear(&a);
	free(text);
}

/* A megabyte of one thing, each a different path through the parser. */
static void
test_long_input(void **state)
{
	static const char *const units[] = {
	    "a",        " ",  "\n", "5",   "★", "速度", "speed ",
	    "Rating: ", "，", "四", "Re:", "[", ")",
	};
	size_t size = (size_t)1 << 20;
	char *text = malloc(size + 1);
	struct survey_answer a;

	(void)state;
	assert_non_null(text);
	for (size_t u = 0; u < sizeof(units) / sizeof(*units); u++) {
		size_t n = strlen(units[u]), len = size / n * n;

		for (size_t i = 0; i < len; i += n)
			memcpy(text + i, units[u], n);
		text[len] = '\0';
		assert_int_equal(survey_answer_parse(text, text, &a), 0);
		assert_int_equal(a.rating, NONE);
		assert_true(a.comment == NULL || strlen(a.comment) <= 4000);
		survey_answer_clear(&a);
	}
	memset(text, 'a', size);
	text[size] = '\0';
	assert_int_equal(survey_answer_parse(NULL, text, &a), 0);
	assert_int_equal(a.rating, NONE);
	assert_non_null(a.comment);
	assert_int_equal(strlen(a.comment), 4000);
	survey_answer_clear(&a);
	free(text);
}

static void
test_clear_and_composite(void **state)
{
	struct survey_answer a = {NONE, NONE, NONE, NONE, NONE, false, NULL};

	(void)state;
	assert_true(survey_answer_composite(&a) == -1.0);
	a.comment = strdup("x");
	assert_non_null(a.comment);
	a.rating = 3;
	survey_answer_clear(&a);
	assert_null(a.comment);
	assert_int_equal(a.rating, NONE);
	survey_answer_clear(&a);
	survey_answer_clear(NULL);
	assert_composite("Rating: 5", -1.0);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_one_click_body),
	    cmocka_unit_test(test_comment_label),
	    cmocka_unit_test(test_one_click_subject),
	    cmocka_unit_test(test_start_number),
	    cmocka_unit_test(test_start_nps),
	    cmocka_unit_test(test_start_phrase_chinese),
	    cmocka_unit_test(test_start_phrase_english),
	    cmocka_unit_test(test_not_at_start),
	    cmocka_unit_test(test_boundaries),
	    cmocka_unit_test(test_aspects_english),
	    cmocka_unit_test(test_aspects_chinese),
	    cmocka_unit_test(test_unsubscribe),
	    cmocka_unit_test(test_out_of_range),
	    cmocka_unit_test(test_empty),
	    cmocka_unit_test(test_comment_shape),
	    cmocka_unit_test(test_comment_limit),
	    cmocka_unit_test(test_long_input),
	    cmocka_unit_test(test_clear_and_composite),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
