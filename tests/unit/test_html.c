/*
 * test_html: HTML mail to text — entities, block layout, links, images,
 * what is dropped (scripts, styles, comments), <pre>, broken markup, the
 * <meta> charset sniffer, and hostile input that must stay linear.
 */
#include "html.h"

#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdlib.h>
#include <string.h>

static void
assert_text(const char *html, const char *want)
{
	char *got = html_to_text(html, strlen(html));

	assert_non_null(got);
	assert_string_equal(got, want);
	free(got);
}

static void
test_entities(void **state)
{
	(void)state;
	assert_text("a &amp; b &lt;c&gt; &quot;d&quot; &apos;e&apos;",
	            "a & b <c> \"d\" 'e'");
	assert_text("&copy; 2024 &mdash; x&nbsp;y &hellip;", "© 2024 — x y …");
	assert_text("&#169; &#xA9; &#X1F600; &#65;&#x42;", "© © 😀 AB");
	assert_text("&eacute;t&eacute; &Auml;&szlig; &euro;5 &trade;",
	            "été Äß €5 ™");
	/* Without ';', as browsers accept, but not inside a URL query. */
	assert_text("fish &amp chips &copy", "fish & chips ©");
	assert_text("&#0;&#xD800;&#x110000;&#1114112;",
	            "\xef\xbf\xbd\xef\xbf\xbd\xef\xbf\xbd\xef\xbf\xbd");
	assert_text("&bogus; &#xZZ; & alone &", "&bogus; &#xZZ; & alone &");
	assert_text("soft&shy;hyphen zero&#x200B;width",
	            "softhyphen zerowidth");
}

static void
test_blocks(void **state)
{
	(void)state;
	assert_text("<p>One</p><p>Two<br>Three</p><div>Four</div>"
	            "<ul><li>a</li><li>b</li></ul><h1>T</h1>"
	            "<table><tr><td>x</td><td>y</td></tr>"
	            "<tr><td>z</td></tr></table>",
	            "One\n\nTwo\nThree\n\nFour\n\n- a\n- b\n\nT\n\nx y\nz");
	assert_text("<div>a</div><div>b</div><blockquote>q</blockquote>c",
	            "a\nb\n\nq\n\nc");
	/* At most one blank line, however many breaks. */
	assert_text("<p></p><p>&nbsp;</p><p>x</p><br><br><br><br>y", "x\n\ny");
	assert_text("<br><br>lead and trail<br><br>", "lead and trail");
}

static void
test_whitespace(void **state)
{
	(void)state;
	assert_text("  a\n\n  b\t\tc  ", "a b c");
	assert_text("<b>bold</b><i>italic</i> <span>x</span>", "bolditalic x");
	assert_text("a\xc2\xa0\xc2\xa0"
	            "b",
	            "a b");
}

static void
test_dropped(void **state)
{
	(void)state;
	assert_text("<html><head><title>T</title>"
	            "<style>p { color: red }</style>"
	            "<script>alert('<p>x</p>')</script></head>"
	            "<body><!-- hidden --><p>Visible</p>"
	            "<!--[if mso]><xml>o</xml><![endif]--></body></html>",
	            "Visible");
	assert_text("<!DOCTYPE html><?xml version=\"1.0\"?>ok", "ok");
	assert_text("<SCRIPT type=x>bad</SCRIPT>good", "good");
	assert_text("<xml><o:OfficeDocumentSettings>96</o:Office"
	            "DocumentSettings></xml>text",
	            "text");
}

static void
test_links(void **state)
{
	(void)state;
	assert_text("<a href=\"https://x.com/a?b=1&amp;c=2\">Click here</a>",
	            "Click here <https://x.com/a?b=1&c=2>");
	assert_text("<a href=\"https://x.com/\">https://x.com/</a>",
	            "https://x.com/");
	assert_text("<a href='mailto:a@b.c'>a@b.c</a>", "a@b.c");
	assert_text("<a href=http://www.x.com/>www.x.com</a>", "www.x.com");
	assert_text("<a href=\"#top\">Top</a> <a href=\"javascript:x()\">"
	            "Run</a>",
	            "Top Run");
	assert_text("<a href=\"https://x\"><img src=l.png alt=\"Logo\"></a>",
	            "[Logo] <https://x>");
	assert_text("<a href=\"https://x\"><img src=l.png></a>after", "after");
	assert_text("<A HREF=\"https://ex\n ample.com\">site</A>",
	            "site <https://example.com>");
	/* A new link closes the one left open. */
	assert_text("<a href=\"u1\">one<a href=\"u2\">two</a>",
	            "one <u1>two <u2>");
}

static void
test_images(void **state)
{
	(void)state;
	assert_text("<img src=\"a.png\" alt=\"Company &amp; logo\"> text "
	            "<img src=\"b.png\"><img alt=\"  \">",
	            "[Company & logo] text");
}

static void
test_pre(void **state)
{
	(void)state;
	assert_text("<pre>\n  code\n    more\n</pre>after",
	            "code\n    more\n\nafter");
	assert_text("<p>x</p><pre>a  b</pre>", "x\n\na  b");
}

static void
test_broken_markup(void **state)
{
	(void)state;
	assert_text("a < b and c > d", "a < b and c > d");
	assert_text("<p>unclosed <b tag", "unclosed <b tag");
	assert_text("x <!-- never closed", "x");
	assert_text("x <!-- no end > y", "x y");
	assert_text("</>a</ p>", "</>a</ p>");
	assert_text("<p title='a>b'>text", "b'>text");
	assert_text("", "");
	assert_text("<", "<");
	assert_text("\x01\x02text\x7f", "text");
}

static void
assert_meta(const char *html, const char *want)
{
	char buf[32];
	bool found = html_meta_charset(html, strlen(html), buf, sizeof(buf));

	if (want == NULL) {
		assert_false(found);
		return;
	}
	assert_true(found);
	assert_string_equal(buf, want);
}

static void
test_meta_charset(void **state)
{
	(void)state;
	assert_meta("<html><head><meta charset=\"gbk\"></head>", "gbk");
	assert_meta("<meta charset=utf-8/>", "utf-8");
	assert_meta("<META HTTP-EQUIV=\"Content-Type\" CONTENT=\"text/html; "
	            "charset=big5\">",
	            "big5");
	assert_meta("<meta http-equiv=content-type "
	            "content='text/html;charset = \"koi8-r\"'>",
	            "koi8-r");
	assert_meta("<meta name=\"x\" content=\"charset=evil\">", NULL);
	assert_meta("<!-- <meta charset=a> --><script>'<meta charset=b>'"
	            "</script><meta charset=c>",
	            "c");
	assert_meta("<body><meta charset=utf-8>", NULL);
	assert_meta("<meta charset=\"this-label-is-far-too-long-for-buf\">",
	            NULL);
	assert_meta("no markup", NULL);
}

/* Input ending in '&' or '<', in a buffer without a NUL after it (the
 * fuzzer found a read past an '&' at the very end). */
static void
test_unterminated_input(void **state)
{
	static const char *const ends[] = {"x&", "&#",  "&#x",  "<",    "</",
	                                   "<a", "<!-", "<!--", "&amp", "\xc2"};
	char *buf, *out;

	(void)state;
	for (size_t i = 0; i < sizeof(ends) / sizeof(*ends); i++) {
		size_t n = strlen(ends[i]);
		buf = malloc(n);
		assert_non_null(buf);
		memcpy(buf, ends[i], n);
		out = html_to_text(buf, n);
		assert_non_null(out);
		free(out);
		html_meta_charset(buf, n, (char[16]){0}, 16);
		free(buf);
	}
}

/* Pathological input: no crash, and no quadratic rescans (each would
 * take minutes at this size). */
static void
test_hostile(void **state)
{
	static const char *const units[] = {
	    "<", "<a", "&", "<!--", "<a '", "<div>", "<pre>", "<a href=x>"};
	size_t n = 1 << 20;
	char *big = malloc(n + 1), *out;

	(void)state;
	assert_non_null(big);
	for (size_t u = 0; u < sizeof(units) / sizeof(*units); u++) {
		size_t k = strlen(units[u]);
		for (size_t i = 0; i < n; i++)
			big[i] = units[u][i % k];
		big[n] = '\0';
		out = html_to_text(big, n);
		assert_non_null(out);
		free(out);
		html_meta_charset(big, n, (char[16]){0}, 16);
	}
	free(big);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_entities),
	    cmocka_unit_test(test_blocks),
	    cmocka_unit_test(test_whitespace),
	    cmocka_unit_test(test_dropped),
	    cmocka_unit_test(test_links),
	    cmocka_unit_test(test_images),
	    cmocka_unit_test(test_pre),
	    cmocka_unit_test(test_broken_markup),
	    cmocka_unit_test(test_meta_charset),
	    cmocka_unit_test(test_unterminated_input),
	    cmocka_unit_test(test_hostile),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
