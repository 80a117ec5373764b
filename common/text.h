/*
 * text: small judgements on UTF-8 text that threading and replies need —
 * a subject without its reply prefixes and tags, the desk's tag in a
 * subject, the script a customer writes in, and a reply without its
 * quoted history.  Pure.
 */
#ifndef COMPLAINTD_TEXT_H
#define COMPLAINTD_TEXT_H

#include <stdbool.h>

/*
 * The subject for comparison: reply and forward prefixes in many languages
 * ("Re:", "RE[2]:", "AW:", "SV:", "VS:", "Antw:", "Fwd:", "WG:", "回复：",
 * "答复:", "回覆:", "转发:" ...), any "[TAG #123]" tags and surrounding
 * white space removed, inner white space collapsed, ASCII lower-cased.
 * Caller frees; NULL only when memory runs out.
 */
char *text_subject_norm(const char *subject);

/* True when the subject starts with a reply prefix (not a forward). */
bool text_subject_is_reply(const char *subject);

/*
 * The ticket number in the first "[TAG #123]" of subject (TAG compared
 * case-insensitively; "[TAG#123]" and "[ TAG # 123 ]" accepted), or 0.
 */
long long text_subject_tag(const char *subject, const char *tag);

/*
 * The language the text is written in, as far as its script tells:
 * "zh" (Han), "ja" (kana), "ko" (Hangul), "en" (Latin letters or none).
 * Returns a static string.
 */
const char *text_language(const char *text);

/*
 * The new part of a reply: text before the first line that starts quoted
 * history — an attribution ("On <date>, <name> wrote:", also split over
 * two lines as Gmail wraps it; "在 2025年12月4日 ... 写道："), a separator
 * ("-----Original Message-----", "------------------ 原始邮件
 * ------------------"), Outlook's header block ("From: ... Sent: ...",
 * "发件人: ... 发送时间: ..."), or a trailing block of "> " lines with
 * the line that introduces it — and before a "-- " signature line;
 * trailing blank lines removed.  When nothing but quotes and signature
 * is left, the text unchanged.  Caller frees; NULL only when memory runs
 * out.
 */
char *text_strip_quoted(const char *text);

#endif
