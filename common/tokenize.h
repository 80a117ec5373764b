/*
 * tokenize: complaint text as the classifier sees it.  Text is first
 * folded — full-width forms to ASCII, capitals to lower case, Traditional
 * Chinese characters to Simplified — so "ＲＥＦＵＮＤ", "Refund" and "refund"
 * are one word and "數據丟失" is "数据丢失".  Words are then Latin letter
 * and digit runs; Chinese (and Japanese, Korean) text, written without
 * spaces, becomes overlapping character pairs and single characters.
 * Pure; input must be UTF-8 (ingest guarantees it; stray bytes are
 * dropped).
 */
#ifndef COMPLAINTD_TOKENIZE_H
#define COMPLAINTD_TOKENIZE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* The fold described above; caller frees, NULL only on OOM.  The result
 * is valid UTF-8 whatever text was: bytes that are not a character are
 * dropped. */
char *tok_fold(const char *text);

/*
 * The fold with every run of characters that are not letters, digits or
 * CJK made one space, a space between CJK and a Latin word or number
 * beside it, and one space at each end: " i was charged twice 扣了 2 次 ".
 * Keyword matching scans this form, so a phrase matches whatever
 * punctuation or line breaks separate its words, and "12315" is a word
 * in "打12315投诉".  Caller frees, NULL only on OOM.
 */
char *tok_match_form(const char *text);
/* The same on text tok_fold already folded (folding is done once). */
char *tok_collapse(const char *folded);

/* Called with each token (not NUL-terminated); non-zero stops the walk
 * and is returned by tok_each. */
typedef int (*tok_fn)(const char *token, size_t len, void *arg);

/*
 * The tokens of folded text (tok_fold's output), in order: Latin words of
 * 2-24 bytes other than common English function words ("the", "and") and
 * digit runs longer than 5 (order and phone numbers); each CJK character
 * but the most common particles (的, 了, 是 ...), and each pair of
 * adjacent CJK characters.  Returns 0 or fn's non-zero result.
 */
int tok_each(const char *folded, tok_fn fn, void *arg);

/* One UTF-8 character at *p: its code point, *p advanced; a stray byte
 * yields 0xFFFD and advances one byte.  *p must not be at the NUL. */
uint32_t tok_utf8_next(const char **p);

/* Han, kana or Hangul: scripts written without spaces between words. */
bool tok_is_cjk(uint32_t cp);

#endif
