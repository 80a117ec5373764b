/*
 * test_text: subjects as the mail clients a helpdesk meets write them
 * (Outlook, Gmail, Foxmail, Apple Mail, QQ mail, in English, German,
 * Nordic and Chinese), the desk's "[TAG #123]" tag, and the language guess
 * on mixed-script mail.
 */
#include "text.h"

#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdlib.h>
#include <string.h>

#define N(a) (sizeof(a) / sizeof(*(a)))

/*
 * The functions see an exact-size heap copy, so the sanitizer build
 * catches a read past the terminating NUL.
 */
static char *
text_test_copy(const char *s)
{
	char *copy = strdup(s);

	assert_non_null(copy);
	return copy;
}

static void
assert_norm(const char *subject, const char *want)
{
	char *in = text_test_copy(subject);
	char *got = text_subject_norm(in);

	assert_non_null(got);
	if (strcmp(got, want) != 0)
		fail_msg("norm(\"%s\") = \"%s\", want \"%s\"", subject, got,
		         want);
	free(got);
	free(in);
}

static void
assert_reply(const char *subject, bool want)
{
	char *in = text_test_copy(subject);

	if (text_subject_is_reply(in) != want)
		fail_msg("is_reply(\"%s\") should be %s", subject,
		         want ? "true" : "false");
	free(in);
}

static void
assert_tag(const char *subject, const char *tag, long long want)
{
	char *in = text_test_copy(subject);
	long long got = text_subject_tag(in, tag);

	if (got != want)
		fail_msg("tag(\"%s\", \"%s\") = %lld, want %lld", subject, tag,
		         got, want);
	free(in);
}

static void
assert_language(const char *text, const char *want)
{
	char *in = text_test_copy(text);
	const char *got = text_language(in);

	assert_non_null(got);
	if (strcmp(got, want) != 0)
		fail_msg("language(\"%s\") = %s, want %s", text, got, want);
	free(in);
}

/* Every client's way of answering one mail leads back to its subject. */
static void
test_norm_reply_prefixes(void **state)
{
	static const char *const subjects[] = {
	    "Kettle leaks",
	    "Re: Kettle leaks",          /* Gmail, Apple Mail */
	    "RE: Kettle leaks",          /* Outlook */
	    "re:Kettle leaks",           /* no space */
	    "Re: Re: Kettle leaks",      /* Gmail, twice */
	    "Re: Re: AW: Kettle leaks",  /* a German colleague in between */
	    "RE[3]: Kettle leaks",       /* counting clients */
	    "Re(2): Kettle leaks",       /* another counter */
	    "Re^2: Kettle leaks",        /* and another */
	    "AW: Kettle leaks",          /* Outlook, German */
	    "Antw: Kettle leaks",        /* Dutch */
	    "Antwort: Kettle leaks",     /* German */
	    "SV: Kettle leaks",          /* Swedish, Danish, Norwegian */
	    "VS: Kettle leaks",          /* Finnish */
	    "Re : Kettle leaks",         /* French typography */
	    "Re：Kettle leaks",          /* full-width colon from an IME */
	    "  Re:   Kettle leaks  ",    /* stray white space */
	    "Fwd: Kettle leaks",         /* Gmail, Apple Mail forward */
	    "FW: Kettle leaks",          /* Outlook forward */
	    "Fw: Re: Kettle leaks",      /* forwarded reply */
	    "WG: AW: Kettle leaks",      /* German Outlook */
	    "Re: Fwd: RE: Kettle leaks", /* mixed chain */
	    "KETTLE LEAKS",              /* ASCII case */
	    "Kettle\tleaks",             /* inner white space */
	    "Re:\r\n Kettle  leaks",     /* an unfolded header */
	};

	(void)state;
	for (size_t i = 0; i < N(subjects); i++)
		assert_norm(subjects[i], "kettle leaks");
}

static void
test_norm_chinese_prefixes(void **state)
{
	static const char *const subjects[] = {
	    "关于订单未发货",
	    "回复：关于订单未发货",       /* QQ mail, full-width colon */
	    "回复: 关于订单未发货",       /* Foxmail */
	    "回复：回复：关于订单未发货", /* QQ mail, twice */
	    "答复: 关于订单未发货",       /* Outlook, Simplified */
	    "回覆：关于订单未发货",       /* Traditional */
	    "转发: 关于订单未发货",       /* Outlook forward */
	    "转发：回复：关于订单未发货", /* forwarded reply */
	    "Re: 回复：关于订单未发货",   /* a Gmail user answering */
	    "回复：Re: 关于订单未发货",   /* and back */
	    "回复：　关于订单未发货",     /* ideographic space */
	    "　回复：关于订单未发货　",   /* around it too */
	    "轉寄：回覆：关于订单未发货", /* Traditional forward */
	    "返信：关于订单未发货",       /* Japanese reply */
	    "転送: 关于订单未发货",       /* Japanese forward */
	};

	(void)state;
	for (size_t i = 0; i < N(subjects); i++)
		assert_norm(subjects[i], "关于订单未发货");
	/* Inner ideographic space collapses like any other. */
	assert_norm("关于　订单", "关于 订单");
	/* Mixed script: ASCII folds, Han stays. */
	assert_norm("回复：iPhone 15 屏幕坏了", "iphone 15 屏幕坏了");
}

/* Tags of any desk go, wherever they stand. */
static void
test_norm_tags(void **state)
{
	static const char *const subjects[] = {
	    "[ACME #12] Kettle leaks",
	    "Re: [ACME #12] Kettle leaks",
	    "[ACME #12] Re: Kettle leaks",
	    "RE: [ACME #12] RE: Kettle leaks",
	    "[ACME#12] Kettle leaks",
	    "[ ACME # 12 ] Kettle leaks",
	    "[acme #12] Kettle leaks",
	    "[OTHERDESK #4711] Re: Kettle leaks",
	    "[ACME #12] [OLD-DESK #3] Kettle leaks",
	    "Kettle leaks [ACME #12]",
	    "Kettle [ACME #12] leaks",
	    "回复：[ACME #12] Kettle leaks",
	};

	(void)state;
	for (size_t i = 0; i < N(subjects); i++)
		assert_norm(subjects[i], "kettle leaks");
}

/* Only a prefix word followed by a colon is a prefix. */
static void
test_norm_keeps_words(void **state)
{
	(void)state;
	assert_norm("Refund please", "refund please");
	assert_norm("Re kettle", "re kettle");
	assert_norm("Regarding: my kettle", "regarding: my kettle");
	assert_norm("Reklamation: Wasserkocher", "reklamation: wasserkocher");
	assert_norm("Forward planning", "forward planning");
	assert_norm("Order: 12345", "order: 12345");
	assert_norm("Kettle Re: leaks", "kettle re: leaks");
	assert_norm("RE[]: Kettle", "re[]: kettle");
	/* Leading brackets ("[EXTERNAL]" from gateways) go, as reply
	 * detection skips them; inner ones that are no tag stay. */
	assert_norm("[URGENT] Kettle", "kettle");
	assert_norm("[EXTERNAL] Re: Kettle", "kettle");
	assert_norm("Kettle [#12]", "kettle [#12]");
	assert_norm("Kettle [ACME 12]", "kettle [acme 12]");
	assert_norm("回复关于订单", "回复关于订单");
}

static void
test_norm_empty(void **state)
{
	(void)state;
	assert_norm("", "");
	assert_norm("   ", "");
	assert_norm("　", "");
	assert_norm("Re:", "");
	assert_norm("Re: ", "");
	assert_norm("回复：", "");
	assert_norm("Fwd:", "");
	assert_norm("[ACME #12]", "");
	assert_norm("Re: [ACME #12]", "");
	assert_norm("Re: [ACME #12] ", "");
	assert_norm("[", "[");
	assert_norm("[ACME #12", "[acme #12");
}

static void
test_is_reply(void **state)
{
	static const char *const replies[] = {
	    "Re: Kettle leaks",
	    "RE: Kettle leaks",
	    "re:Kettle leaks",
	    "  Re: Kettle leaks",
	    "Re: Re: AW: Kettle leaks",
	    "RE[3]: Kettle leaks",
	    "Re(2): Kettle leaks",
	    "AW: Kettle leaks",
	    "SV: Kettle leaks",
	    "VS: Kettle leaks",
	    "Antw: Kettle leaks",
	    "Antwort: Kettle leaks",
	    "Re : Kettle leaks",
	    "Re：Kettle leaks",
	    "Re: Fwd: Kettle leaks",
	    "回复：关于订单",
	    "回复: 关于订单",
	    "答复: 关于订单",
	    "回覆：关于订单",
	    "[ACME #12] Re: Kettle leaks",
	    "Re: [ACME #12] Kettle leaks",
	    "[ACME #12] [OTHER #3] RE: Kettle leaks",
	    "[EXTERNAL] Re: Kettle leaks",
	    "Re:",
	};
	static const char *const others[] = {
	    "Kettle leaks",
	    "Refund please",
	    "Re",
	    "Re kettle",
	    "Regarding: kettle",
	    "Reply needed",
	    "Fwd: Kettle leaks",
	    "FW: Kettle leaks",
	    "Fw: Re: Kettle leaks",
	    "WG: AW: Kettle leaks",
	    "转发: 关于订单",
	    "转发：回复：关于订单",
	    "[ACME #12] Kettle leaks",
	    "[ACME #12] Fwd: Kettle leaks",
	    "[ACME #12 Re: Kettle leaks",
	    "Kettle Re: leaks",
	    "回复关于订单",
	    "",
	    "   ",
	    "[",
	};

	(void)state;
	for (size_t i = 0; i < N(replies); i++)
		assert_reply(replies[i], true);
	for (size_t i = 0; i < N(others); i++)
		assert_reply(others[i], false);
}

static void
test_tag_found(void **state)
{
	(void)state;
	assert_tag("[ACME #12] Kettle leaks", "ACME", 12);
	assert_tag("Re: [ACME #12] Kettle leaks", "ACME", 12);
	assert_tag("[ACME #12] Re: Kettle leaks", "ACME", 12);
	assert_tag("回复：[ACME #12] 关于订单", "ACME", 12);
	assert_tag("Kettle leaks [ACME #12]", "ACME", 12);
	assert_tag("[ACME #123456789] x", "ACME", 123456789);
	assert_tag("[ACME #0012] x", "ACME", 12);
	/* TAG compared case-insensitively, in both directions. */
	assert_tag("[acme #12] x", "ACME", 12);
	assert_tag("[ACME #12] x", "acme", 12);
	assert_tag("[Help-Desk.EU #7] x", "help-desk.eu", 7);
}

static void
test_tag_spacing(void **state)
{
	(void)state;
	assert_tag("[ACME#12]", "ACME", 12);
	assert_tag("[ ACME # 12 ]", "ACME", 12);
	assert_tag("[ACME  #  12]", "ACME", 12);
	assert_tag("[\tACME\t#12\t]", "ACME", 12);
	assert_tag("[ACME　#12]", "ACME", 12); /* ideographic space */
	assert_tag("[ACME #\r\n 12]", "ACME", 12);
}

/* Another desk's tag, or something like a tag, is no tag of ours. */
static void
test_tag_other(void **state)
{
	(void)state;
	assert_tag("[OTHER #12] Kettle", "ACME", 0);
	assert_tag("[ACMEX #12] Kettle", "ACME", 0);
	assert_tag("[ACM #12] Kettle", "ACME", 0);
	assert_tag("[X-ACME #12] Kettle", "ACME", 0);
	assert_tag("[OTHER #5] Re: [ACME #12] Kettle", "ACME", 12);
	assert_tag("[OTHER #5] Re: [ACME #12] Kettle", "OTHER", 5);
	assert_tag("[[ACME #12]] Kettle", "ACME", 12);
	/* The first of ours counts; a broken one is passed over. */
	assert_tag("[ACME #12] Re: [ACME #13]", "ACME", 12);
	assert_tag("[ACME #x] Re: [ACME #13]", "ACME", 13);
}

static void
test_tag_malformed(void **state)
{
	static const char *const subjects[] = {
	    "",
	    "Kettle leaks",
	    "ACME #12 Kettle",
	    "[ACME 12] Kettle",
	    "[ACME #] Kettle",
	    "[ACME #12 Kettle",
	    "[ACME #12x] Kettle",
	    "[ACME #1 2] Kettle",
	    "[ACME #-5] Kettle",
	    "[ACME #+5] Kettle",
	    "[ACME ##12] Kettle",
	    "[#12] Kettle",
	    "[ #12] Kettle",
	    "[ACME #１２] Kettle", /* full-width digits */
	    "[ACME",
	    "[ACME #",
	    "[ACME #12",
	    "[",
	};

	(void)state;
	for (size_t i = 0; i < N(subjects); i++)
		assert_tag(subjects[i], "ACME", 0);
}

/* A number too large for a ticket is no tag, and nothing overflows. */
static void
test_tag_overflow(void **state)
{
	(void)state;
	assert_tag("[ACME #9223372036854775807]", "ACME", 0);
	assert_tag("[ACME #9223372036854775808]", "ACME", 0);
	assert_tag("[ACME #99999999999999999999999999999999]", "ACME", 0);
	assert_tag("[ACME #99999999999999999999] [ACME #12]", "ACME", 12);
}

static void
test_language_latin(void **state)
{
	(void)state;
	assert_language("", "en");
	assert_language("   ", "en");
	assert_language("12345 !!!", "en");
	assert_language("My kettle leaks. I want a refund.", "en");
	assert_language("Mein Wasserkocher ist undicht.", "en");
	/* An English mail quoting a Chinese name or address. */
	assert_language("Dear support, the parcel for 王小明 never arrived "
	                "at our Shanghai office. Please check order 12345.",
	                "en");
	assert_language("Hi, I bought the 小米 rice cooker last week and the "
	                "lid is cracked, can you send a new one?",
	                "en");
	/* One CJK character is not enough. */
	assert_language("Thanks 谢", "en");
}

static void
test_language_chinese(void **state)
{
	(void)state;
	assert_language("我的水壶漏水了，要求退款。", "zh");
	assert_language("訂單還沒收到，請盡快處理", "zh");
	/* Product names in English do not make it English. */
	assert_language("我买的 iPhone 15 Pro Max 屏幕坏了，请尽快处理", "zh");
	assert_language("Re: 关于 MacBook Pro 的保修问题\n"
	                "你好，我的 MacBook Pro 键盘失灵，Apple Store "
	                "说要寄回维修。",
	                "zh");
	assert_language("回复：订单号 SO20261204001", "zh");
}

static void
test_language_japanese_korean(void **state)
{
	(void)state;
	assert_language("注文した商品がまだ届いていません。", "ja");
	assert_language("至急返金を希望します", "ja");
	assert_language("ソニーのヘッドホンが壊れました", "ja");
	assert_language("iPhone 15 の画面が割れました", "ja");
	assert_language("주문한 상품이 아직 도착하지 않았습니다", "ko");
	assert_language("Galaxy S24 화면이 깨졌어요", "ko");
}

/* Broken UTF-8 is read without running past the end. */
static void
test_language_bad_utf8(void **state)
{
	(void)state;
	assert_language("\xff\xfe kettle", "en");
	assert_language("kettle \xe4", "en");
	assert_language("kettle \xe4\xbd", "en");
	assert_language("\xf0\x9f", "en");
	assert_language("\x80\x80\x80", "en");
	assert_language("\xe6\x88\x91\xe7\x9a", "en");
	assert_language("\xe6\x88\x91\xe7\x9a\x84\xe6", "zh");
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_norm_reply_prefixes),
	    cmocka_unit_test(test_norm_chinese_prefixes),
	    cmocka_unit_test(test_norm_tags),
	    cmocka_unit_test(test_norm_keeps_words),
	    cmocka_unit_test(test_norm_empty),
	    cmocka_unit_test(test_is_reply),
	    cmocka_unit_test(test_tag_found),
	    cmocka_unit_test(test_tag_spacing),
	    cmocka_unit_test(test_tag_other),
	    cmocka_unit_test(test_tag_malformed),
	    cmocka_unit_test(test_tag_overflow),
	    cmocka_unit_test(test_language_latin),
	    cmocka_unit_test(test_language_chinese),
	    cmocka_unit_test(test_language_japanese_korean),
	    cmocka_unit_test(test_language_bad_utf8),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
