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

static void
assert_strip(const char *text, const char *want)
{
	char *in = text_test_copy(text);
	char *got = text_strip_quoted(in);

	assert_non_null(got);
	if (strcmp(got, want) != 0)
		fail_msg("strip(\"%s\") = \"%s\", want \"%s\"", text, got,
		         want);
	free(got);
	free(in);
}

/* The text comes back unchanged. */
static void
assert_kept(const char *text)
{
	assert_strip(text, text);
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

/* --- text_strip_quoted ------------------------------------------------- */

static void
test_strip_gmail(void **state)
{
	(void)state;
	assert_strip("Thanks, it works now.\n\nOn Thu, Dec 4, 2025 at 9:30 AM "
	             "ACME Support <support@acme.example> wrote:\n> Dear "
	             "Alice,\n>\n> we have received your message.\n",
	             "Thanks, it works now.");
	/* Gmail wraps a long attribution over two lines. */
	assert_strip("Still broken.\n\nOn Thu, Dec 4, 2025 at 9:30 AM ACME "
	             "Customer Support <\nsupport@acme.example> wrote:\n\n> "
	             "Dear Alice,\n",
	             "Still broken.");
	/* Thunderbird and Apple Mail. */
	assert_strip("See attached.\n\nOn 12/4/25 9:30 AM, ACME Support "
	             "wrote:\n> Dear Alice,\n",
	             "See attached.");
	assert_strip("Yes.\r\n\r\n   On 4 Dec 2025, at 09:30, ACME Support "
	             "<support@acme.example> wrote:\r\n\r\n> Hi\r\n",
	             "Yes.");
	/* Lines kept as written, CRLF inside included. */
	assert_strip("Line 1\r\nLine 2\r\n\r\nOn Thu, ACME wrote:\r\n> x\r\n",
	             "Line 1\r\nLine 2");
}

static void
test_strip_outlook(void **state)
{
	(void)state;
	assert_strip("Please refund.\r\n\r\n________________________________"
	             "\r\nFrom: ACME Support <support@acme.example>\r\nSent: "
	             "Thursday, December 4, 2025 9:30 AM\r\nTo: Alice "
	             "<alice@example.org>\r\nSubject: [ACME #123] We have "
	             "received your message\r\n\r\nDear Alice,\r\n",
	             "Please refund.");
	assert_strip("Please refund.\n\nFrom: ACME Support "
	             "<support@acme.example>\nDate: Thursday, 4 December 2025 "
	             "at 09:30\nTo: Alice\n",
	             "Please refund.");
	/* Bold made text by an HTML converter. */
	assert_strip("Refund please.\n\n*From:* ACME Support\n*Sent:* "
	             "Thursday\n*To:* Alice\n",
	             "Refund please.");
	assert_strip("Any news?\n\n-----Original Message-----\nFrom: ACME "
	             "Support\nSent: Thursday\n\nDear Alice\n",
	             "Any news?");
	assert_strip("Any news?\n\n----- Original Message -----\nFrom: "
	             "support@acme.example\n",
	             "Any news?");
}

static void
test_strip_chinese(void **state)
{
	(void)state;
	/* Outlook in Chinese, half- and full-width colons. */
	assert_strip(
	    "请尽快处理。\n\n发件人: ACME 客服 "
	    "<support@acme.example>\n发送时间: 2025年12月4日 "
	    "9:30\n收件人: 张三\n主题: [ACME #123] 我们已收到您的来信\n",
	    "请尽快处理。");
	assert_strip("请尽快处理。\n\n________________________________\n"
	             "发件人：ACME 客服\n发送时间：2025年12月4日 9:30\n",
	             "请尽快处理。");
	/* Gmail and Apple Mail in Chinese, one line or two. */
	assert_strip("好的，谢谢。\n\n在 2025年12月4日周四 09:30，ACME Support "
	             "<support@acme.example> 写道：\n> 您好\n",
	             "好的，谢谢。");
	assert_strip(
	    "好的，谢谢。\n\n在 2025年12月4日周四 09:30，ACME Customer "
	    "Support <\nsupport@acme.example> 写道：\n\n> 您好\n",
	    "好的，谢谢。");
	assert_strip("收到。\n\n2025年12月4日 09:30，ACME 客服 "
	             "<support@acme.example> 写道：\n\n> 您好\n",
	             "收到。");
	/* QQ Mail and Foxmail. */
	assert_strip("已收到，谢谢\n\n------------------ 原始邮件 "
	             "------------------\n发件人: "
	             "\"ACME\"<support@acme.example>;\n发送时间: "
	             "2025年12月4日(星期四) 上午9:30\n收件人: "
	             "\"张三\"<zhang@example.cn>;\n主题: 我们已收到您的来信\n",
	             "已收到，谢谢");
}

static void
test_strip_quote_lines(void **state)
{
	(void)state;
	assert_strip("I agree.\n\n> You said\n> something\n", "I agree.");
	/* The line introducing the quote goes with it, in any language. */
	assert_strip("D'accord.\n\nLe jeu. 4 déc. 2025 à 09:30, ACME a écrit "
	             ":\n> texte\n",
	             "D'accord.");
	assert_strip("Ja.\n\nAm 04.12.2025 um 09:30 schrieb ACME:\n\n> Text\n",
	             "Ja.");
	/* Answers between quotes are new text; only a trailing quote goes. */
	assert_kept("> Is it broken?\nYes.\n> Since when?\nMonday.");
	assert_strip("> Is it broken?\nYes.\n\n> Since when?\n>\n",
	             "> Is it broken?\nYes.");
	assert_strip("Text\n\n  > indented quote\n", "Text");
}

static void
test_strip_signature(void **state)
{
	(void)state;
	assert_strip("Please help.\n\n-- \nAlice Smith\nACME Corp\n",
	             "Please help.");
	assert_strip("Please help.\r\n-- \r\nAlice\r\n", "Please help.");
	/* Signature first, then the quote. */
	assert_strip("Text\n-- \nSig\n\nOn Thu, ACME wrote:\n> q\n", "Text");
	/* Only "-- " exactly. */
	assert_kept("Please help.\n--\nAlice");
	assert_kept("Please help.\n-- not a signature\nAlice");
	assert_kept("Price: 10 -- 20 EUR");
}

static void
test_strip_nothing_new(void **state)
{
	(void)state;
	/* Only quoted text: the original, unchanged. */
	assert_kept("On Thu, Dec 4, 2025 ACME wrote:\n> the text\n");
	assert_kept("> only a quote\n");
	assert_kept("-- \nsignature only\n");
	assert_kept("\n\n-----Original Message-----\nFrom: x\n");
	assert_kept("  \n\t\n");
	assert_kept("");
	/* No quote: trailing blank lines trimmed, the rest as written. */
	assert_strip("Hi\n\n\n  \n", "Hi");
	assert_strip("  Hi  \r\n\r\n", "  Hi");
	assert_strip("您好\xe3\x80\x80\n", "您好");
	assert_kept("\nLeading blank line kept\nline 2");
}

/* Ordinary sentences that look a little like the markers. */
static void
test_strip_false_friends(void **state)
{
	(void)state;
	assert_kept("On Monday the kettle broke.\nIt leaks.");
	assert_kept("From: my account page, the order shows as sent.\nIt was "
	            "not.");
	assert_kept("From: Alice\nTo: ACME\nI want a refund.");
	assert_kept("----- notes -----\nitem 1");
	assert_kept("The manual wrote: do not immerse.\nI did not.");
	assert_kept("在 12月4日我下了订单，\n至今未收到。");
}

static void
test_strip_hostile(void **state)
{
	char *big = malloc(1 << 20);

	(void)state;
	assert_non_null(big);
	memset(big, 'x', (1 << 20) - 1);
	big[(1 << 20) - 1] = '\0';
	assert_kept(big);
	memcpy(big, "On ", 3);
	memcpy(big + (1 << 20) - 7, "wrote:", 6);
	/* A one-megabyte line is no attribution. */
	assert_kept(big);
	free(big);
	assert_strip("\xff\xfe\n\xe4\n> \xe5", "\xff\xfe\n\xe4");
	assert_strip("a\n>\n>\n>", "a");
	assert_kept(">");
	assert_strip("x\nOn ", "x\nOn");
	assert_kept("发件人");
	assert_strip("text\n\xe3\x80\x80\n", "text");
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
	    cmocka_unit_test(test_strip_gmail),
	    cmocka_unit_test(test_strip_outlook),
	    cmocka_unit_test(test_strip_chinese),
	    cmocka_unit_test(test_strip_quote_lines),
	    cmocka_unit_test(test_strip_signature),
	    cmocka_unit_test(test_strip_nothing_new),
	    cmocka_unit_test(test_strip_false_friends),
	    cmocka_unit_test(test_strip_hostile),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
