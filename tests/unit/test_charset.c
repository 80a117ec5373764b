/*
 * test_charset: every charset mail uses, encoded here with iconv from known
 * UTF-8 and decoded back; the aliases; and the fallbacks for missing,
 * unknown and lying charsets, with the flags each sets.  Output must always
 * be valid UTF-8 without NULs, whatever the bytes.
 */
#include "charset.h"

#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <iconv.h>
#include <stdlib.h>
#include <string.h>

/* utf8 encoded in charset to; caller frees. */
static char *
test_encode(const char *to, const char *utf8, size_t *len_r)
{
	iconv_t cd = iconv_open(to, "UTF-8");
	size_t il = strlen(utf8), ol = il * 4 + 16;
	char *out = malloc(ol), *op = out;
	char *ip = (char *)(uintptr_t)utf8;

	assert_true(cd != (iconv_t)-1);
	assert_non_null(out);
	assert_int_not_equal(iconv(cd, &ip, &il, &op, &ol), (size_t)-1);
	assert_int_not_equal(iconv(cd, NULL, NULL, &op, &ol), (size_t)-1);
	iconv_close(cd);
	*len_r = (size_t)(op - out);
	return out;
}

/* charset_to_utf8 of len bytes must be want, with exactly flags. */
static void
assert_decodes(const char *label, const char *in, size_t len, const char *want,
               unsigned flags)
{
	unsigned got_flags = 0xFFFF;
	char *got = charset_to_utf8(label, in, len, &got_flags);

	assert_non_null(got);
	assert_string_equal(got, want);
	assert_int_equal(got_flags, flags);
	free(got);
}

struct test_case {
	const char *label;  /* as mail declares it */
	const char *encode; /* iconv name the test encodes with */
	const char *text;
};

static const struct test_case test_matrix[] = {
    {"gb2312", "GB2312", "投诉：产品质量问题，请尽快退款。"},
    {"GBK", "GBK", "朱镕基说：客户投诉要认真处理"},
    {"x-gbk", "GBK", "镕"},
    {"gb18030", "GB18030", "𠀀 表情 😀 中文"},
    {"big5", "BIG5", "繁體中文投訴：請退款"},
    {"big5", "BIG5-HKSCS", "升𨋢故障"},
    {"big5-hkscs", "CP950", "價格 €100"},
    {"shift_jis", "CP932", "日本語の苦情です。返金してください①"},
    {"euc-jp", "EUC-JP", "日本語のメール"},
    {"iso-2022-jp", "ISO-2022-JP", "日本語のメール"},
    {"euc-kr", "EUC-KR", "환불을 요청합니다"},
    {"ks_c_5601-1987", "CP949", "고객 불만 똠방각하"},
    {"iso-8859-1", "ISO-8859-1", "Crème brûlée, déjà vu"},
    {"ISO-8859-2", "ISO-8859-2", "Zażółć gęślą jaźń"},
    {"iso-8859-15", "ISO-8859-15", "Prix : 50 €, œuvre"},
    {"windows-1250", "CP1250", "Příliš žluťoučký kůň"},
    {"windows-1251", "CP1251", "Жалоба на качество"},
    {"cp1251", "CP1251", "Жалоба"},
    {"windows-1252", "CP1252", "“Smart” quotes – 10 €"},
    {"koi8-r", "KOI8-R", "Привет, мир"},
    {"utf-8", "UTF-8", "Ünïcödé ✓ 中文"},
    {"utf8", "UTF-8", "Ünïcödé"},
    {"utf-7", "UTF-7", "Hi Mom -☺-! 中文"},
    {"unicode-1-1-utf-7", "UTF-7", "A≢Α."},
    {"utf-16le", "UTF-16LE", "wide 中文"},
};

static void
test_matrix_roundtrip(void **state)
{
	(void)state;
	for (size_t i = 0; i < sizeof(test_matrix) / sizeof(*test_matrix);
	     i++) {
		const struct test_case *c = &test_matrix[i];
		size_t len;
		char *bytes = test_encode(c->encode, c->text, &len);

		assert_decodes(c->label, bytes, len, c->text, 0);
		free(bytes);
	}
}

static void
test_canonical(void **state)
{
	const char *label = "ISO-8859-2";

	(void)state;
	assert_string_equal(charset_canonical("gb2312"), "GB18030");
	assert_string_equal(charset_canonical("GBK"), "GB18030");
	assert_string_equal(charset_canonical("x-gbk"), "GB18030");
	assert_string_equal(charset_canonical("ks_c_5601-1987"), "CP949");
	assert_string_equal(charset_canonical("euc-kr"), "CP949");
	assert_string_equal(charset_canonical("Big5"), "CP950");
	assert_string_equal(charset_canonical("Shift_JIS"), "CP932");
	assert_string_equal(charset_canonical("x-sjis"), "CP932");
	assert_string_equal(charset_canonical("utf8"), "UTF-8");
	assert_string_equal(charset_canonical("latin1"), "WINDOWS-1252");
	assert_string_equal(charset_canonical("unicode-1-1-utf-7"), "UTF-7");
	assert_string_equal(charset_canonical("x-cp1251"), "cp1251");
	assert_ptr_equal(charset_canonical(label), label);
}

static void
test_utf8_valid(void **state)
{
	(void)state;
	assert_true(charset_utf8_valid("", 0));
	assert_true(charset_utf8_valid("abc", 3));
	assert_true(charset_utf8_valid("\xc3\xa9", 2));
	assert_true(charset_utf8_valid("\xf0\x9f\x98\x80", 4));
	assert_true(charset_utf8_valid("\xf4\x8f\xbf\xbf", 4));
	assert_false(charset_utf8_valid("\xc0\x80", 2));         /* overlong */
	assert_false(charset_utf8_valid("\xe0\x80\x80", 3));     /* overlong */
	assert_false(charset_utf8_valid("\xed\xa0\x80", 3));     /* surrogate */
	assert_false(charset_utf8_valid("\xf4\x90\x80\x80", 4)); /* > 10FFFF */
	assert_false(charset_utf8_valid("\xe4\xb8", 2));         /* truncated */
	assert_false(charset_utf8_valid("\x80", 1));
	assert_false(charset_utf8_valid("\xfe", 1));
	assert_true(charset_utf8_valid("a\0b", 3));
}

/* Rule 1: no charset, us-ascii or utf-8: UTF-8 where well-formed,
 * Windows-1252 byte by byte elsewhere. */
static void
test_utf8_family(void **state)
{
	(void)state;
	assert_decodes(NULL,
	               "Gr\xc3\xbc\xc3\x9f"
	               "e",
	               7, "Grüße", 0);
	assert_decodes("", "plain", 5, "plain", 0);
	assert_decodes(NULL,
	               "Gr\xfc\xdf"
	               "e",
	               5, "Grüße", CHARSET_CP1252);
	assert_decodes("utf-8", "Caf\xe9", 4, "Café",
	               CHARSET_CP1252 | CHARSET_FALLBACK);
	assert_decodes("us-ascii", "caf\xc3\xa9", 5, "café", 0);
	assert_decodes("ascii", "caf\xe9 \x93q\x94", 8, "café “q”",
	               CHARSET_CP1252 | CHARSET_FALLBACK);
	/* Forwarded text mixing both keeps both. */
	assert_decodes(NULL, "\xe4\xb8\xad caf\xe9", 8, "中 café",
	               CHARSET_CP1252);
}

/* Rule 3: real mail declares iso-8859-1 around UTF-8. */
static void
test_lying_single_byte(void **state)
{
	(void)state;
	assert_decodes("iso-8859-1", "Grüße aus Köln", strlen("Grüße aus Köln"),
	               "Grüße aus Köln", CHARSET_FALLBACK);
	assert_decodes("windows-1251", "\xd0\x96", 2, "Ж", CHARSET_FALLBACK);
	/* Latin-1 that is not UTF-8 stays Latin-1 (as Windows-1252). */
	assert_decodes("iso-8859-1", "na\xefve \x80", 7, "naïve €", 0);
}

/* Rule 3 for multi-byte charsets needs 8 sequences: shorter UTF-8
 * declared GB2312 is read as GB18030, as declared (and garbled: the price
 * of never misreading short GBK text, which is often well-formed UTF-8 by
 * accident). */
static void
test_lying_multi_byte(void **state)
{
	const char *long_utf8 = "这是一个很长的中文句子";

	(void)state;
	assert_decodes("gb2312", long_utf8, strlen(long_utf8), long_utf8,
	               CHARSET_FALLBACK);
	assert_decodes("gb2312", "中文", strlen("中文"), "涓\xee\x85\x9f枃", 0);
}

/* Rule 5: a truncated character is replaced, the rest kept; bytes that
 * are mostly wrong fall back to rule 1. */
static void
test_declared_with_errors(void **state)
{
	size_t len;
	char *gbk = test_encode("GBK", "投诉内容很多", &len), *cut;

	(void)state;
	cut = realloc(gbk, len + 1);
	assert_non_null(cut);
	cut[len] = '\xcd';
	assert_decodes("gbk", cut, len + 1, "投诉内容很多\xef\xbf\xbd",
	               CHARSET_REPLACED);
	free(cut);
	assert_decodes("gbk", "caf\xe9 cr\xe8me", 10, "café crème",
	               CHARSET_FALLBACK | CHARSET_CP1252);
	assert_decodes("utf-7", "caf\xc3\xa9", 5, "café", CHARSET_FALLBACK);
}

static void
test_unknown_charset(void **state)
{
	(void)state;
	assert_decodes("x-foo",
	               "Gr\xfc\xdf"
	               "e",
	               5, "Grüße",
	               CHARSET_UNKNOWN | CHARSET_FALLBACK | CHARSET_CP1252);
	assert_decodes("x-foo", "ok \xc3\xa9", 5, "ok é",
	               CHARSET_UNKNOWN | CHARSET_FALLBACK);
	/* A label never reaches iconv_open with options or paths in it. */
	assert_decodes("UTF-8//IGNORE", "a\xe9", 2, "aé",
	               CHARSET_UNKNOWN | CHARSET_FALLBACK | CHARSET_CP1252);
	assert_decodes("../../x", "a", 1, "a",
	               CHARSET_UNKNOWN | CHARSET_FALLBACK);
}

/* Windows-1252 leaves 0x81, 0x8D, 0x8F, 0x90, 0x9D undefined. */
static void
test_cp1252_holes(void **state)
{
	(void)state;
	assert_decodes("windows-1252", "\x80\x81\x8d\x8f\x90\x9d\x9f", 7,
	               "€\xef\xbf\xbd\xef\xbf\xbd\xef\xbf\xbd\xef\xbf\xbd\xef"
	               "\xbf\xbdŸ",
	               CHARSET_REPLACED);
}

static void
test_nul_replaced(void **state)
{
	(void)state;
	assert_decodes(NULL, "a\0b", 3,
	               "a\xef\xbf\xbd"
	               "b",
	               CHARSET_REPLACED);
	assert_decodes("iso-8859-2", "\0\xb1", 2, "\xef\xbf\xbdą",
	               CHARSET_REPLACED);
	assert_decodes("utf-16le", "a\0\0\0b\0", 6,
	               "a\xef\xbf\xbd"
	               "b",
	               CHARSET_REPLACED);
	assert_decodes("gbk", "", 0, "", 0);
}

/*
 * A bad byte met when iconv has just filled the output buffer: U+FFFD
 * must still fit (a fuzzer found it writing past the end).  Bad bytes
 * grow the output threefold, then a run of good characters fills it.
 */
static void
test_iconv_buffer_edges(void **state)
{
	char in[200], *out;

	(void)state;
	for (size_t bad = 0; bad < 40; bad++) {
		for (size_t good = 0; good < 60; good++) {
			size_t n = 0;
			memset(in, '\xff', bad);
			for (n = bad; n < bad + 2 * good; n += 2)
				memcpy(in + n, "\xd6\xd0", 2);
			in[n++] = '\xff';
			out = charset_to_utf8("gbk", in, n, NULL);
			assert_non_null(out);
			assert_true(charset_utf8_valid(out, strlen(out)));
			free(out);
		}
	}
}

/* Whatever the bytes and the label: valid UTF-8, no NUL inside. */
static void
test_garbage_always_valid(void **state)
{
	static const char *const labels[] = {
	    NULL,         "utf-8",   "gbk",          "big5",   "shift_jis",
	    "euc-kr",     "utf-7",   "utf-16",       "koi8-r", "iso-2022-jp",
	    "iso-8859-8", "x-bogus", "windows-1252",
	};
	unsigned char buf[512];
	uint32_t seed = 12345;

	(void)state;
	for (int round = 0; round < 50; round++) {
		for (size_t i = 0; i < sizeof(buf); i++) {
			seed = seed * 1103515245 + 12345;
			buf[i] = (unsigned char)(seed >> 16);
		}
		for (size_t l = 0; l < sizeof(labels) / sizeof(*labels); l++) {
			size_t n = (size_t)round * 10;
			char *out =
			    charset_to_utf8(labels[l], (char *)buf, n, NULL);
			assert_non_null(out);
			assert_true(charset_utf8_valid(out, strlen(out)));
			free(out);
		}
	}
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_matrix_roundtrip),
	    cmocka_unit_test(test_canonical),
	    cmocka_unit_test(test_utf8_valid),
	    cmocka_unit_test(test_utf8_family),
	    cmocka_unit_test(test_lying_single_byte),
	    cmocka_unit_test(test_lying_multi_byte),
	    cmocka_unit_test(test_declared_with_errors),
	    cmocka_unit_test(test_unknown_charset),
	    cmocka_unit_test(test_cp1252_holes),
	    cmocka_unit_test(test_nul_replaced),
	    cmocka_unit_test(test_iconv_buffer_edges),
	    cmocka_unit_test(test_garbage_always_valid),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
