/*
 * bench_sla: the SLA scheduler over a large store — a million tickets, a
 * tenth of them open — in-process, as daemon/scheduler.c drives it:
 * store_sla_next_due() to find the next event, and runs of sla_tick()
 * (SLA_TICK_BATCH due tickets at most), each in its own transaction.
 * Also times sla_refresh_page() over every open ticket (what the daemon
 * does after a change of policies) and the catch-up that follows it.
 * Prints figures, the store's size and the peak RSS; asserts nothing.
 *
 *   bench_sla SOURCE_DIR [TICKETS [OPEN]]     default 1000000 100000
 *
 * The store goes in a fresh directory under $TMPDIR (default /var/tmp),
 * removed at the end (also on Ctrl-C) unless BENCH_SLA_KEEP is set.
 */
#include "conf.h"
#include "log.h"
#include "outbound.h"
#include "sla.h"
#include "sla_ticket.h"
#include "store.h"

#include <sqlite3.h>

#include <errno.h>
#include <fcntl.h>
#include <malloc.h>
#include <math.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

/* "now" is fixed, so runs are comparable: Wednesday 11 June 2025, 10:00
 * UTC (12:00 in Berlin, the desk's and the office calendar's zone). */
#define BENCH_NOW 1749636000LL
#define BENCH_HOUR 3600LL
#define BENCH_DAY (24 * BENCH_HOUR)
#define BENCH_YEAR (365 * BENCH_DAY)
/* The ticks: at now - 1h everything older is caught up; then one tick
 * an hour from now on, each finding the events of the hour before. */
#define BENCH_TICKS 7 /* instants; BENCH_SLA_HOURS overrides */
#define BENCH_MAX_TICKS 1000
#define BENCH_NEXT_DUE_CALLS 1000
#define BENCH_MAX_RUNS 100000

/* ---- small helpers ------------------------------------------------ */

static FILE *bench_out; /* the real stderr: messages and progress */
static bool bench_tty;  /* bench_out is a terminal: progress lines */
static bool bench_keep; /* BENCH_SLA_KEEP: leave the store behind */
static char bench_dir[4096], bench_db[4200], bench_conf_path[4200];

static double
bench_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec * 1e3 + (double)ts.tv_nsec / 1e6;
}

static uint64_t bench_state = 0x243f6a8885a308d3ULL;

/* splitmix64: the same fixture every run. */
static uint64_t
bench_rand(void)
{
	uint64_t z = (bench_state += 0x9e3779b97f4a7c15ULL);

	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
	z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
	return z ^ (z >> 31);
}

/* In (0, 1). */
static double
bench_unit(void)
{
	return ((double)(bench_rand() >> 11) + 0.5) / 9007199254740992.0;
}

static size_t
bench_pick(size_t n)
{
	return (size_t)(bench_rand() % n);
}

/* A pure hash of x, for what must be the same every time it is asked
 * (a customer's name from their id). */
static uint64_t
bench_hash(uint64_t x)
{
	x = (x ^ (x >> 33)) * 0xff51afd7ed558ccdULL;
	x = (x ^ (x >> 33)) * 0xc4ceb9fe1a85ec53ULL;
	return x ^ (x >> 33);
}

static void
bench_progress(const char *what, size_t done, size_t total)
{
	static double last;
	double now = bench_ms();

	if (!bench_tty)
		return;
	if (done < total && now - last < 500)
		return;
	last = now;
	if (done >= total)
		fprintf(bench_out, "\r%-72s\r", "");
	else
		fprintf(bench_out, "\rsla: %s: %zu/%zu", what, done, total);
	fflush(bench_out);
}

static int
bench_cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return x < y ? -1 : x > y;
}

/* The q-quantile of v (sorted here), nearest rank. */
static double
bench_quantile(double *v, size_t n, double q)
{
	if (n == 0)
		return 0;
	qsort(v, n, sizeof(*v), bench_cmp_double);
	return v[(size_t)(q * (double)(n - 1) + 0.5)];
}

/* "kB" figure of key in /proc/self/status; -1 unknown. */
static long
bench_status_kb(const char *key)
{
	char line[256];
	size_t len = strlen(key);
	long kb = -1;
	FILE *f = fopen("/proc/self/status", "r");

	if (f == NULL)
		return -1;
	while (fgets(line, sizeof(line), f))
		if (strncmp(line, key, len) == 0 && line[len] == ':')
			kb = atol(line + len + 1);
	fclose(f);
	return kb;
}

/* Starts VmHWM again from the current RSS (Linux 4.0 and later). */
static bool
bench_reset_peak(void)
{
	int fd = open("/proc/self/clear_refs", O_WRONLY);
	bool ok;

	if (fd < 0)
		return false;
	ok = write(fd, "5", 1) == 1;
	close(fd);
	return ok;
}

static double
bench_file_mb(const char *path)
{
	struct stat st;

	return stat(path, &st) == 0 ? (double)st.st_size / (1024.0 * 1024.0)
	                            : 0;
}

static void
bench_remove(void)
{
	static const char *const tails[] = {"", "-wal", "-shm", "-journal"};
	char path[4300];

	if (bench_dir[0] == '\0' || bench_keep)
		return;
	for (size_t i = 0; i < sizeof(tails) / sizeof(*tails); i++) {
		snprintf(path, sizeof(path), "%s%s", bench_db, tails[i]);
		unlink(path);
	}
	unlink(bench_conf_path);
	rmdir(bench_dir);
}

/* Ctrl-C must not leave gigabytes behind in the temporary directory. */
static void
bench_on_signal(int sig)
{
	static const char *const tails[] = {"", "-wal", "-shm", "-journal"};
	char path[4300];
	size_t len = strlen(bench_db);

	if (bench_keep)
		_exit(128 + sig);
	for (size_t i = 0; i < sizeof(tails) / sizeof(*tails); i++) {
		size_t n = strlen(tails[i]);
		memcpy(path, bench_db, len);
		memcpy(path + len, tails[i], n + 1);
		unlink(path);
	}
	unlink(bench_conf_path);
	rmdir(bench_dir);
	_exit(128 + sig);
}

/* ---- the desk ----------------------------------------------------- */

/*
 * Agents, three teams (leads and a manager), a business calendar and two
 * policies: urgent tickets on the 24x7 clock (first response 1h, next
 * response 2h, resolution 8h, notices at once) and all others on office
 * hours (8 business hours, i.e. one business day, for a response;
 * 27 business hours, three business days, to resolve; notices wait for
 * business hours).  Warnings at 80 %; the breach escalates to the team's
 * lead at once and to the manager 2h later, with a raise.
 */
static struct conf *
bench_conf(const char *source)
{
	struct conf_errors errors = {0};
	struct conf *conf;
	FILE *f;

	snprintf(bench_conf_path, sizeof(bench_conf_path), "%s/complaintd.conf",
	         bench_dir);
	if ((f = fopen(bench_conf_path, "w")) == NULL)
		return NULL;
	fprintf(
	    f,
	    "store = { path = \"%s\"; };\n"
	    "desk = { name = \"Bench Care\"; addresses = [ "
	    "\"support@b.example\" ];\n"
	    "  ticket_tag = \"B\"; timezone = \"Europe/Berlin\"; };\n"
	    "smtp = { url = \"smtp://127.0.0.1:25\"; tls = \"none\";\n"
	    "  from = \"Bench Care <support@b.example>\"; };\n"
	    "templates = { dir = \"%s/config/templates\"; };\n"
	    "agents = (\n"
	    "  { name = \"alice\"; address = \"alice@b.example\"; },\n"
	    "  { name = \"bob\"; address = \"bob@b.example\"; },\n"
	    "  { name = \"li.wei\"; address = \"li.wei@b.example\"; },\n"
	    "  { name = \"wang.fang\"; address = \"wang.fang@b.example\"; },\n"
	    "  { name = \"carol\"; address = \"carol@b.example\"; "
	    "role = \"lead\"; },\n"
	    "  { name = \"erin\"; address = \"erin@b.example\"; "
	    "role = \"lead\"; },\n"
	    "  { name = \"dave\"; address = \"dave@b.example\"; "
	    "role = \"manager\"; }\n"
	    ");\n"
	    "teams = (\n"
	    "  { name = \"care\"; address = \"care-team@b.example\"; "
	    "lead = \"carol\";\n"
	    "    manager = \"dave\"; members = [ \"alice\", \"bob\", "
	    "\"li.wei\" ]; },\n"
	    "  { name = \"billing\"; address = \"billing@b.example\"; "
	    "lead = \"erin\";\n"
	    "    manager = \"dave\"; members = [ \"wang.fang\", \"bob\" ]; },\n"
	    "  { name = \"logistics\"; address = \"shipping@b.example\"; "
	    "lead = \"erin\";\n"
	    "    manager = \"dave\"; assign = \"queue\"; }\n"
	    ");\n"
	    "calendars = (\n"
	    "  { name = \"office\"; timezone = \"Europe/Berlin\";\n"
	    "    weekdays = [ \"09:00-18:00\" ];\n"
	    "    holidays = [ \"2024-10-03\", \"2024-12-25\", \"2024-12-26\",\n"
	    "      \"2025-01-01\", \"2025-04-18\", \"2025-04-21\", "
	    "\"2025-05-01\",\n"
	    "      \"2025-05-29\", \"2025-06-09\", \"2025-10-03\", "
	    "\"2025-12-25\" ]; }\n"
	    ");\n"
	    "policies = (\n"
	    "  { name = \"urgent\"; severity = [ \"urgent\" ];\n"
	    "    first_response = \"1h\"; next_response = \"2h\"; "
	    "resolution = \"8h\";\n"
	    "    warn = \"80%%\"; notify = \"immediately\";\n"
	    "    level1_to = [ \"lead\" ];\n"
	    "    level2_after = \"2h\"; level2_to = [ \"manager\" ]; "
	    "level2_raise = 20; },\n"
	    "  { name = \"standard\"; calendar = \"office\";\n"
	    "    first_response = \"8h\"; next_response = \"8h\"; "
	    "resolution = \"27h\";\n"
	    "    warn = \"80%%\";\n"
	    "    level1_to = [ \"lead\" ];\n"
	    "    level2_after = \"2h\"; level2_to = [ \"manager\" ]; "
	    "level2_raise = 10; }\n"
	    ");\n",
	    bench_db, source);
	if (fclose(f) != 0)
		return NULL;
	conf = conf_load(bench_conf_path, &errors);
	for (size_t i = 0; i < errors.n; i++)
		fprintf(bench_out, "%s\n", errors.v[i]);
	conf_errors_free(&errors);
	return conf;
}

/* ---- the fixture -------------------------------------------------- */

struct bench_topic {
	const char *category;
	bool zh;
	const char *subject; /* "{}": the order number */
	const char *lines[3];
};

static const struct bench_topic bench_topics[] = {
    {"logistics",
     false,
     "Order {} has not arrived",
     {"The tracking page has said \"in transit\" for nine days now.",
      "I paid for express delivery and I am still waiting.",
      "Nobody at the courier could tell me where the parcel is."}},
    {"logistics",
     false,
     "Parcel for order {} delivered to the wrong address",
     {"The driver marked it as delivered but it is not at my door.",
      "My neighbours have not seen it either.",
      "The photo in the tracking mail shows a building that is not "
      "mine."}},
    {"logistics",
     false,
     "Where is my package? Order {}",
     {"You promised delivery within three working days.",
      "The order confirmation says it shipped last Monday.",
      "I need it before the weekend, it is a present."}},
    {"product_quality",
     false,
     "Broken on arrival - order {}",
     {"The screen was cracked when I opened the box.",
      "The box itself was undamaged, so it left your warehouse broken.",
      "I attach photos of the device and of the packaging."}},
    {"product_quality",
     false,
     "Defective product in order {}",
     {"After two days of normal use it no longer switches on.",
      "I followed the manual exactly and charged it overnight.",
      "This is the second unit with the same fault."}},
    {"billing",
     false,
     "Charged twice for order {}",
     {"My card statement shows the same amount twice on the same day.",
      "Your shop only shows one order, so one payment is wrong.",
      "Please refund the second payment at once."}},
    {"billing",
     false,
     "Refund for order {} still not received",
     {"You confirmed the return three weeks ago.",
      "The money is still not back on my account.",
      "Your e-mail said refunds take five working days."}},
    {"service_attitude",
     false,
     "Rude answer from your hotline about order {}",
     {"The agent on the phone interrupted me and hung up.",
      "I was told that it is my own fault that the item broke.",
      "I expect an apology and a proper answer."}},
    {"suggestion",
     false,
     "Please let me change the delivery date (order {})",
     {"It would help if the delivery date could be moved online.",
      "Other shops offer this and it saves everyone a phone call.",
      "Otherwise I am happy with your service."}},
    {"other",
     false,
     "Question about my account and order {}",
     {"I cannot log in since you changed the website.",
      "The password reset mail never arrives.",
      "I need the invoice for my tax return."}},
    {"logistics",
     true,
     "订单{}还没有收到",
     {"物流信息已经九天没有更新了。", "我付了加急运费，到现在还没到。",
      "快递公司说不知道包裹在哪里。"}},
    {"product_quality",
     true,
     "收到的商品有质量问题（订单{}）",
     {"打开包装就发现屏幕碎了。", "外包装完好，说明出库时就是坏的。",
      "附件是商品和包装的照片。"}},
    {"billing",
     true,
     "订单{}重复扣款",
     {"银行账单显示同一天扣了两次款。", "你们网站上只有一个订单。",
      "请尽快退还多扣的钱。"}},
    {"service_attitude",
     true,
     "客服态度很差（订单{}）",
     {"客服在电话里打断我，然后直接挂断了。", "还说商品坏了是我自己的问题。",
      "我希望得到道歉和一个合理的答复。"}},
};

static const char *const bench_filler_en[] = {
    "I have been your customer for many years and this is the first time I "
    "write to complain.",
    "I called your hotline twice and waited more than forty minutes each "
    "time.",
    "Please tell me what you are going to do about it, and when.",
    "Your website says such problems are solved within three working days, "
    "but nothing has happened.",
    "If I do not hear from you this week I will ask my bank to reverse the "
    "payment.",
    "I expect either a replacement or my money back.",
    "I have kept the original packaging and the receipt.",
    "Frankly, I am very disappointed with how this has been handled.",
    "Please do not send me another automatic answer, I need a person to "
    "look at this.",
    "My order number is in the subject; my customer number is on the "
    "invoice.",
};

static const char *const bench_filler_zh[] = {
    "我已经打了三次客服电话，每次都要等很久。",
    "请尽快给我一个明确的答复。",
    "我希望你们能退款或者换货。",
    "这是我第一次遇到这种情况，非常失望。",
    "原包装和发票我都保留着。",
    "如果这周还没有处理结果，我会向消费者协会投诉。",
};

static const char *const bench_first[] = {
    "anna",  "ben",   "clara",   "daniel", "emma",  "felix",  "grace",
    "henry", "ines",  "jonas",   "katrin", "lukas", "maria",  "nina",
    "oscar", "paula", "quentin", "rosa",   "simon", "theresa"};
static const char *const bench_last[] = {
    "miller", "schmidt",  "fischer", "weber",   "meyer", "wagner", "becker",
    "schulz", "hoffmann", "koch",    "richter", "klein", "wolf",   "neumann"};
static const char *const bench_zh_names[][2] = {
    {"王伟", "wang.wei"}, {"李娜", "li.na"},       {"张敏", "zhang.min"},
    {"刘洋", "liu.yang"}, {"陈静", "chen.jing"},   {"杨磊", "yang.lei"},
    {"赵丽", "zhao.li"},  {"黄强", "huang.qiang"}, {"周杰", "zhou.jie"}};
static const char *const bench_domains[] = {
    "mail.example", "web.example", "post.example", "outlook.example",
    "example.net",  "example.org", "qq.example",   "163.example"};

#define BENCH_N(a) (sizeof(a) / sizeof(*(a)))

/* A customer, a pure function of the id. */
struct bench_customer {
	char address[96], name[64];
	bool zh, vip;
};

static void
bench_customer(long long id, struct bench_customer *c)
{
	uint64_t h = bench_hash((uint64_t)id);
	const char *domain = bench_domains[(h >> 8) % BENCH_N(bench_domains)];

	c->zh = h % 100 < 20;
	c->vip = (h >> 16) % 100 < 3;
	if (c->zh) {
		const char *const *n =
		    bench_zh_names[(h >> 24) % BENCH_N(bench_zh_names)];
		snprintf(c->name, sizeof(c->name), "%s", n[0]);
		snprintf(c->address, sizeof(c->address), "%s%lld@%s", n[1], id,
		         domain);
	} else {
		const char *f = bench_first[(h >> 24) % BENCH_N(bench_first)];
		const char *l = bench_last[(h >> 32) % BENCH_N(bench_last)];
		snprintf(c->name, sizeof(c->name), "%c%s %c%s", f[0] - 32,
		         f + 1, l[0] - 32, l + 1);
		snprintf(c->address, sizeof(c->address), "%s.%s%lld@%s", f, l,
		         id, domain);
	}
}

/* One ticket as the fixture writes it; times -1 for none. */
struct bench_ticket {
	long long id, customer, created, updated, first_response, resolved,
	    closed, paused_since, waiting_since, priority, boost;
	const struct bench_topic *topic;
	const char *severity, *team, *assignee, *lead, *status;
	char order[16], subject[200];
};

struct bench_fill {
	sqlite3 *db;
	sqlite3_stmt *customer, *ticket, *message, *event;
	long long n_customers, n_events, n_status[3], n_closed;
	long long n_urgent_open;
	double message_bytes;
};

static int
bench_sql_fail(sqlite3 *db, const char *what)
{
	fprintf(bench_out, "bench_sla: %s: %s\n", what, sqlite3_errmsg(db));
	return -1;
}

static void
bench_bind_text(sqlite3_stmt *st, int i, const char *s)
{
	if (s == NULL)
		sqlite3_bind_null(st, i);
	else
		sqlite3_bind_text(st, i, s, -1, SQLITE_TRANSIENT);
}

static void
bench_bind_opt(sqlite3_stmt *st, int i, long long v)
{
	if (v < 0)
		sqlite3_bind_null(st, i);
	else
		sqlite3_bind_int64(st, i, v);
}

static int
bench_step(struct bench_fill *f, sqlite3_stmt *st, const char *what)
{
	int rc = sqlite3_step(st);

	sqlite3_reset(st);
	sqlite3_clear_bindings(st);
	return rc == SQLITE_DONE ? 0 : bench_sql_fail(f->db, what);
}

static int
bench_event(struct bench_fill *f, long long ticket, long long at,
            const char *kind, const char *actor, const char *detail)
{
	sqlite3_bind_int64(f->event, 1, ticket);
	sqlite3_bind_int64(f->event, 2, at);
	bench_bind_text(f->event, 3, kind);
	bench_bind_text(f->event, 4, actor);
	bench_bind_text(f->event, 5, detail);
	f->n_events++;
	return bench_step(f, f->event, "inserting an event");
}

/* s with "{}" replaced by order. */
static void
bench_subst(char *out, size_t size, const char *s, const char *order)
{
	const char *at = strstr(s, "{}");

	if (at == NULL)
		snprintf(out, size, "%s", s);
	else
		snprintf(out, size, "%.*s%s%s", (int)(at - s), s, order,
		         at + 2);
}

static void
bench_rfc5322_date(long long t, char *buf, size_t size)
{
	time_t tt = (time_t)t;
	struct tm tm;

	gmtime_r(&tt, &tm);
	strftime(buf, size, "%a, %d %b %Y %H:%M:%S +0000", &tm);
}

/* n pseudo-base64 characters. */
static size_t
bench_b64(char *out, size_t n)
{
	static const char a[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrst"
	                        "uvwxyz0123456789+/";

	for (size_t i = 0; i < n; i++)
		out[i] = a[bench_rand() % 64];
	return n;
}

/* The complaint's text: greeting, the topic's lines, filler, closing:
 * 0.5 to 2 KB. */
static size_t
bench_body(const struct bench_ticket *t, const struct bench_customer *c,
           char *out, size_t size)
{
	const struct bench_topic *tp = t->topic;
	const char *const *filler = tp->zh ? bench_filler_zh : bench_filler_en;
	size_t n_filler =
	    tp->zh ? BENCH_N(bench_filler_zh) : BENCH_N(bench_filler_en);
	size_t len = 0, extra = 2 + bench_pick(8);

	len += (size_t)snprintf(out + len, size - len, "%s\n\n",
	                        tp->zh ? "您好，" : "Hello,");
	for (int i = 0; i < 3; i++)
		len += (size_t)snprintf(out + len, size - len, "%s%s",
		                        tp->lines[i], tp->zh ? "" : " ");
	len += (size_t)snprintf(out + len, size - len, "\n\n");
	for (size_t i = 0; i < extra && len < size - 400; i++)
		len += (size_t)snprintf(out + len, size - len, "%s%s",
		                        filler[bench_pick(n_filler)],
		                        i % 3 == 2 ? "\n\n" : " ");
	len += (size_t)snprintf(out + len, size - len, "\n\n%s\n%s\n",
	                        tp->zh ? "谢谢" : "Regards,", c->name);
	return len;
}

/* The mail as it came in: Received, DKIM, the usual headers, the body. */
static size_t
bench_raw(const struct bench_ticket *t, const struct bench_customer *c,
          const char *msgid, const char *body, size_t body_len, char *out,
          size_t size)
{
	const char *domain = strchr(c->address, '@') + 1;
	char date[64], sig[400];
	size_t len, n = 0;

	bench_rfc5322_date(t->created, date, sizeof(date));
	for (int line = 0; line < 5; line++) {
		n += (size_t)snprintf(sig + n, sizeof(sig) - n, "\r\n\t ");
		n += bench_b64(sig + n, 70);
	}
	sig[n] = '\0';
	len = (size_t)snprintf(
	    out, size,
	    "Return-Path: <%s>\r\n"
	    "Received: from mx%u.%s (mx%u.%s [203.0.113.%u])\r\n"
	    "\tby mx.b.example (Postfix) with ESMTPS id 4Q%08llX\r\n"
	    "\tfor <support@b.example>; %s\r\n"
	    "Received: by mx%u.%s with SMTP id %016llx; %s\r\n"
	    "DKIM-Signature: v=1; a=rsa-sha256; c=relaxed/relaxed; d=%s;\r\n"
	    "\ts=s2024; h=from:to:subject:date:message-id:mime-version;\r\n"
	    "\tbh=%.*s=;\r\n"
	    "\tb=%s\r\n"
	    "From: %s <%s>\r\n"
	    "To: support@b.example\r\n"
	    "Subject: %s\r\n"
	    "Date: %s\r\n"
	    "Message-ID: %s\r\n"
	    "MIME-Version: 1.0\r\n"
	    "Content-Type: text/plain; charset=UTF-8\r\n"
	    "Content-Transfer-Encoding: 8bit\r\n\r\n",
	    c->address, (unsigned)(t->id % 9), domain, (unsigned)(t->id % 9),
	    domain, (unsigned)(t->id % 250), (unsigned long long)t->id, date,
	    (unsigned)(t->id % 9), domain,
	    (unsigned long long)bench_hash((uint64_t)t->id), date, domain, 43,
	    sig + 4, sig, c->name, c->address, t->subject, date, msgid);
	if (len + body_len >= size)
		body_len = size - len - 1;
	memcpy(out + len, body, body_len);
	return len + body_len;
}

/*
 * Ticket id's facts and clocks at BENCH_NOW.  Open tickets: no first
 * response yet ("new"), or answered and then either waiting for the
 * customer ("pending": resolution paused) or worked on ("open", a third
 * of them with a customer mail waiting for the next response).  Closed
 * tickets were answered, resolved and closed in the past.
 */
static void
bench_ticket(struct bench_ticket *t, long long id, long long customer,
             long long created, bool open, bool zh)
{
	static const char *const care[] = {"alice", "bob", "li.wei"};
	static const char *const billing[] = {"wang.fang", "bob"};
	size_t n_topics = BENCH_N(bench_topics), k;
	double r = bench_unit();
	bool urgent = r < 0.05;
	long long fr;

	memset(t, 0, sizeof(*t));
	t->id = id;
	t->customer = customer;
	t->created = created;
	t->first_response = t->resolved = t->closed = -1;
	t->paused_since = t->waiting_since = -1;
	do
		k = bench_pick(n_topics);
	while (bench_topics[k].zh != zh);
	t->topic = &bench_topics[k];
	snprintf(t->order, sizeof(t->order), "7%07u",
	         (unsigned)(bench_rand() % 10000000));
	bench_subst(t->subject, sizeof(t->subject), t->topic->subject,
	            t->order);
	t->severity = r < 0.05 ? "urgent" : r < 0.25 ? "serious" : "general";
	t->boost = bench_pick(4) == 0 ? 10 : 0;
	t->priority = (r < 0.05 ? 80 : r < 0.25 ? 40 : 10) + t->boost;
	if (strcmp(t->topic->category, "billing") == 0) {
		t->team = "billing";
		t->lead = "erin";
		t->assignee = billing[id % 2];
	} else if (strcmp(t->topic->category, "logistics") == 0) {
		t->team = "logistics"; /* a queue: nobody assigned */
		t->lead = "erin";
	} else {
		t->team = "care";
		t->lead = "carol";
		t->assignee = care[id % 3];
	}
	/* Answered after minutes to hours; urgent sooner. */
	r = bench_unit();
	fr = created + (urgent ? 300 + (long long)(r * r * 3 * BENCH_HOUR)
	                       : 1200 + (long long)(r * r * 30 * BENCH_HOUR));
	if (open) {
		if (fr > BENCH_NOW) {
			t->status = "new";
		} else if ((r = bench_unit()) < 0.30) {
			t->first_response = fr;
			t->status = "pending";
			t->paused_since =
			    fr + (long long)(bench_unit() * (BENCH_NOW - fr));
		} else {
			t->first_response = fr;
			t->status = "open";
			if (r < 0.53)
				t->waiting_since =
				    fr + (long long)(bench_unit() *
				                     (BENCH_NOW - fr));
		}
		t->updated = t->paused_since > t->waiting_since
		                 ? t->paused_since
		                 : t->waiting_since;
		if (t->updated < 0)
			t->updated =
			    t->first_response > 0 ? t->first_response : created;
		return;
	}
	t->status = "closed";
	if (fr >= BENCH_NOW)
		fr = created + (BENCH_NOW - created) / 4;
	t->first_response = fr;
	t->resolved = fr + (long long)(bench_unit() * 4 * BENCH_DAY);
	t->closed =
	    t->resolved + BENCH_DAY + (long long)(bench_unit() * 6 * BENCH_DAY);
	if (t->closed >= BENCH_NOW)
		t->closed = BENCH_NOW - 60;
	if (t->resolved > t->closed)
		t->resolved = t->closed;
	if (t->first_response > t->resolved)
		t->first_response = t->resolved;
	t->paused_since = t->resolved;
	t->updated = t->closed;
}

static int
bench_put_customer(struct bench_fill *f, long long id, long long created)
{
	struct bench_customer c;
	sqlite3_stmt *st = f->customer;

	bench_customer(id, &c);
	sqlite3_bind_int64(st, 1, id);
	bench_bind_text(st, 2, c.address);
	bench_bind_text(st, 3, c.name);
	bench_bind_text(st, 4, c.vip ? "vip" : "standard");
	sqlite3_bind_int64(st, 5, created);
	f->n_customers++;
	return bench_step(f, st, "inserting a customer");
}

static int
bench_put_ticket(struct bench_fill *f, const struct bench_ticket *t)
{
	sqlite3_stmt *st = f->ticket;
	char reasons[256], norm[200];
	bool closed = t->closed >= 0;
	int i = 1;

	for (size_t k = 0; k <= strlen(t->subject) && k < sizeof(norm); k++)
		norm[k] = t->subject[k] >= 'A' && t->subject[k] <= 'Z'
		              ? (char)(t->subject[k] + 32)
		              : t->subject[k];
	norm[sizeof(norm) - 1] = '\0';
	snprintf(reasons, sizeof(reasons),
	         "category %s by the model (%.0f%%); severity %s by rule "
	         "default; team %s by route; priority %lld",
	         t->topic->category, 60 + 40 * bench_unit(), t->severity,
	         t->team, t->priority);
	sqlite3_bind_int64(st, i++, t->id);
	sqlite3_bind_int64(st, i++, t->customer);
	bench_bind_text(st, i++, t->subject);
	bench_bind_text(st, i++, norm);
	bench_bind_text(st, i++, t->topic->category);
	bench_bind_text(st, i++, t->severity);
	sqlite3_bind_int64(st, i++, t->priority);
	bench_bind_text(st, i++, t->status);
	bench_bind_text(st, i++, t->team);
	bench_bind_text(st, i++, t->assignee);
	bench_bind_text(st, i++, "support");
	bench_bind_text(st, i++, t->topic->zh ? "zh" : "en");
	bench_bind_text(st, i++, t->order);
	sqlite3_bind_int64(st, i++, t->created);
	sqlite3_bind_int64(st, i++, t->updated);
	bench_bind_opt(st, i++, t->first_response);
	bench_bind_opt(st, i++, t->resolved);
	bench_bind_opt(st, i++, t->closed);
	bench_bind_opt(st, i++, t->paused_since);
	sqlite3_bind_int64(st, i++, 0);
	bench_bind_opt(st, i++, t->waiting_since);
	bench_bind_text(st, i++, reasons);
	bench_bind_text(st, i++, t->boost ? "vip-words" : "");
	sqlite3_bind_double(st, i++, 0.6 + 0.4 * bench_unit());
	sqlite3_bind_int64(st, i++, t->boost);
	/* A closed ticket keeps its policy; its clocks are stopped, so it
	 * has no deadlines and no next event.  Open tickets get theirs from
	 * sla_refresh_page(), timed. */
	bench_bind_text(st, i++,
	                !closed                              ? NULL
	                : strcmp(t->severity, "urgent") == 0 ? "urgent"
	                                                     : "standard");
	return bench_step(f, st, "inserting a ticket");
}

static int
bench_put_message(struct bench_fill *f, const struct bench_ticket *t,
                  const struct bench_customer *c)
{
	static char body[4096], raw[8192];
	sqlite3_stmt *st = f->message;
	char msgid[160], sha[65];
	size_t body_len = bench_body(t, c, body, sizeof(body)), raw_len;
	int i = 1;

	snprintf(msgid, sizeof(msgid), "<%016llx.%lld@%s>",
	         (unsigned long long)bench_hash((uint64_t)t->id * 7 + 1), t->id,
	         strchr(c->address, '@') + 1);
	raw_len = bench_raw(t, c, msgid, body, body_len, raw, sizeof(raw));
	/* Unique, not a real digest: nothing measured reads it. */
	for (int k = 0; k < 4; k++)
		snprintf(sha + 16 * k, 17, "%016llx",
		         (unsigned long long)bench_hash((uint64_t)t->id * 4 +
		                                        (uint64_t)k));
	sqlite3_bind_int64(st, i++, t->id);
	sqlite3_bind_int64(st, i++, t->id);
	bench_bind_text(st, i++, msgid);
	bench_bind_text(st, i++, sha);
	bench_bind_text(st, i++, c->address);
	bench_bind_text(st, i++, c->name);
	bench_bind_text(st, i++, "support@b.example");
	bench_bind_text(st, i++, t->subject);
	sqlite3_bind_int64(st, i++, t->created);
	sqlite3_bind_int64(st, i++, t->created);
	sqlite3_bind_text(st, i++, body, (int)body_len, SQLITE_STATIC);
	sqlite3_bind_int64(st, i++, t->id);
	sqlite3_bind_blob(st, i++, raw, (int)raw_len, SQLITE_STATIC);
	f->message_bytes += (double)raw_len + (double)body_len;
	return bench_step(f, st, "inserting a message");
}

/* The audit trail ingest and the agents leave: created, classified,
 * assigned, and a status change for pending and closed tickets. */
static int
bench_put_events(struct bench_fill *f, const struct bench_ticket *t,
                 const struct bench_customer *c)
{
	char detail[256];

	snprintf(detail, sizeof(detail), "mailbox=support from=%s language=%s",
	         c->address, t->topic->zh ? "zh" : "en");
	if (bench_event(f, t->id, t->created, "ticket.created", "complaintd",
	                detail) != 0)
		return -1;
	snprintf(detail, sizeof(detail),
	         "category=%s severity=%s team=%s priority=%lld",
	         t->topic->category, t->severity, t->team, t->priority);
	if (bench_event(f, t->id, t->created, "ticket.classified", "complaintd",
	                detail) != 0)
		return -1;
	if (t->assignee != NULL) {
		snprintf(detail, sizeof(detail), "to %s", t->assignee);
		if (bench_event(f, t->id, t->created, "ticket.assigned",
		                "complaintd", detail) != 0)
			return -1;
	}
	if (strcmp(t->status, "closed") == 0 ||
	    strcmp(t->status, "pending") == 0) {
		snprintf(detail, sizeof(detail), "%s -> %s", "open", t->status);
		return bench_event(f, t->id,
		                   t->closed >= 0 ? t->closed : t->paused_since,
		                   "ticket.status",
		                   t->assignee ? t->assignee : t->lead, detail);
	}
	return 0;
}

struct bench_key {
	double key;
	uint32_t index;
};

static int
bench_cmp_key(const void *a, const void *b)
{
	double x = ((const struct bench_key *)a)->key;
	double y = ((const struct bench_key *)b)->key;

	return x > y ? -1 : x < y;
}

/*
 * Which tickets are open: exactly n_open of them, drawn with weights
 * that fall with age (exp(-age/tau), tau = n_open / intake rate; weighted
 * sampling without replacement by Efraimidis–Spirakis keys), so almost
 * every ticket of the last days is open and few of last year are — a
 * desk that closes most tickets within weeks.  created[] ascends.
 */
static unsigned char *
bench_choose_open(const long long *created, size_t n, size_t n_open)
{
	struct bench_key *keys = malloc(n * sizeof(*keys));
	unsigned char *open = calloc(n, 1);
	double tau = (double)n_open * (double)BENCH_YEAR / (double)n;

	if (keys == NULL || open == NULL) {
		free(keys);
		free(open);
		return NULL;
	}
	for (size_t i = 0; i < n; i++) {
		double x = (double)(BENCH_NOW - created[i]) / tau;
		keys[i].key = log(bench_unit()) * exp(x < 700 ? x : 700);
		keys[i].index = (uint32_t)i;
	}
	qsort(keys, n, sizeof(*keys), bench_cmp_key);
	for (size_t i = 0; i < n_open; i++)
		open[keys[i].index] = 1;
	free(keys);
	return open;
}

static int
bench_prepare(sqlite3 *db, const char *sql, sqlite3_stmt **st)
{
	if (sqlite3_prepare_v2(db, sql, -1, st, NULL) != SQLITE_OK)
		return bench_sql_fail(db, "preparing the fixture's inserts");
	return 0;
}

static int
bench_exec(sqlite3 *db, const char *sql)
{
	if (sqlite3_exec(db, sql, NULL, NULL, NULL) != SQLITE_OK)
		return bench_sql_fail(db, sql);
	return 0;
}

/*
 * Fills the store (its schema made by store_open) with n tickets, one
 * message each, their customers and events.
 *
 * A second, raw sqlite3 connection bulk-inserts the rows in one
 * transaction with prepared statements.  This is fixture generation
 * only: going through ingest (parse, classify, route, compose the
 * acknowledgement) would take hours for a million mails, and none of it
 * is what this benchmark measures.  Everything measured goes through the
 * store module and the SLA code, as the daemon does.  The store is closed
 * meanwhile, so the connection may switch the journal off WAL for the
 * load (no WAL as large as the database) and back.
 */
static int
bench_fill_store(size_t n, size_t n_open, struct bench_fill *f)
{
	static const char ticket_sql[] =
	    "INSERT INTO tickets (id, customer_id, subject, subject_norm, "
	    "category, severity, priority, status, team, assignee, mailbox, "
	    "language, order_number, created, updated, first_response, "
	    "resolved, closed, sla_paused_since, sla_paused_total, "
	    "sla_waiting_since, reasons, rules_fired, confidence, boost, "
	    "sla_policy) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, "
	    "?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
	static const char message_sql[] =
	    "INSERT INTO messages (id, ticket_id, direction, kind, message_id, "
	    "raw_sha256, from_addr, from_name, to_addrs, subject, date, "
	    "received, body_text, mailbox_id, uid, server_action_done, raw) "
	    "VALUES (?, ?, 'in', 'mail', ?, ?, ?, ?, ?, ?, ?, ?, ?, 1, ?, 1, "
	    "?)";
	long long *created = malloc(n * sizeof(*created));
	long long start = BENCH_NOW - BENCH_YEAR, next_customer = 1;
	double slot = (double)BENCH_YEAR / (double)n;
	unsigned char *open = NULL;
	char sql[256];
	int rc = -1;

	memset(f, 0, sizeof(*f));
	if (created == NULL)
		return -1;
	/* Mail arrives evenly over the year before now. */
	for (size_t i = 0; i < n; i++)
		created[i] =
		    start + (long long)(((double)i + bench_unit()) * slot);
	if ((open = bench_choose_open(created, n, n_open)) == NULL)
		goto out;
	if (sqlite3_open(bench_db, &f->db) != SQLITE_OK) {
		bench_sql_fail(f->db, "opening the store for the fixture");
		goto out;
	}
	/* The connection's cache and memory journal count in the peak RSS
	 * of the fixture, which is reported apart from the measured one. */
	if (bench_exec(f->db, "PRAGMA journal_mode=MEMORY; "
	                      "PRAGMA synchronous=OFF; "
	                      "PRAGMA cache_size=-262144; BEGIN") != 0 ||
	    bench_prepare(f->db,
	                  "INSERT INTO customers (id, address, name, tier, "
	                  "created) VALUES (?, ?, ?, ?, ?)",
	                  &f->customer) != 0 ||
	    bench_prepare(f->db, ticket_sql, &f->ticket) != 0 ||
	    bench_prepare(f->db, message_sql, &f->message) != 0 ||
	    bench_prepare(f->db,
	                  "INSERT INTO events (ticket_id, time, kind, actor, "
	                  "detail) VALUES (?, ?, ?, ?, ?)",
	                  &f->event) != 0)
		goto out;
	snprintf(sql, sizeof(sql),
	         "INSERT INTO mailboxes (id, name, uidvalidity, last_uid, "
	         "first_seen, first_uid) VALUES (1, 'support', 1, %zu, %lld, "
	         "1)",
	         n, start - BENCH_DAY);
	if (bench_exec(f->db, sql) != 0)
		goto out;
	for (size_t i = 0; i < n; i++) {
		struct bench_customer c;
		struct bench_ticket t;
		long long id = (long long)i + 1, customer;

		/* 60 % of the mail comes from new customers, the rest from
		 * earlier ones. */
		if (next_customer == 1 || bench_unit() < 0.6) {
			customer = next_customer++;
			if (bench_put_customer(f, customer, created[i]) != 0)
				goto out;
		} else {
			customer = 1 + (long long)bench_pick(
			                   (size_t)(next_customer - 1));
		}
		bench_customer(customer, &c);
		bench_ticket(&t, id, customer, created[i], open[i], c.zh);
		if (bench_put_ticket(f, &t) != 0 ||
		    bench_put_message(f, &t, &c) != 0 ||
		    bench_put_events(f, &t, &c) != 0)
			goto out;
		if (open[i]) {
			f->n_status[t.status[0] == 'n'   ? 0
			            : t.status[0] == 'o' ? 1
			                                 : 2]++;
			f->n_urgent_open += strcmp(t.severity, "urgent") == 0;
		} else {
			f->n_closed++;
		}
		if (i % 1024 == 0)
			bench_progress("filling the store", i, n);
	}
	bench_progress("filling the store", n, n);
	if (bench_exec(f->db, "COMMIT") != 0)
		goto out;
	rc = 0;
out:
	sqlite3_finalize(f->customer);
	sqlite3_finalize(f->ticket);
	sqlite3_finalize(f->message);
	sqlite3_finalize(f->event);
	if (f->db != NULL) {
		if (rc != 0)
			sqlite3_exec(f->db, "ROLLBACK", NULL, NULL, NULL);
		if (bench_exec(f->db, "PRAGMA journal_mode=WAL") != 0)
			rc = -1;
		sqlite3_close(f->db);
		f->db = NULL;
	}
	free(open);
	free(created);
	return rc;
}

/* count(*) of sql (with ?1 = a when it has a parameter), on a read-only side
 * connection (for the report only, never inside a measurement). */
static long long
bench_count(const char *sql, long long a)
{
	sqlite3 *db = NULL;
	sqlite3_stmt *st = NULL;
	long long n = -1;

	if (sqlite3_open_v2(bench_db, &db, SQLITE_OPEN_READONLY, NULL) ==
	        SQLITE_OK &&
	    sqlite3_prepare_v2(db, sql, -1, &st, NULL) == SQLITE_OK) {
		if (sqlite3_bind_parameter_count(st) > 0)
			sqlite3_bind_int64(st, 1, a);
		if (sqlite3_step(st) == SQLITE_ROW)
			n = sqlite3_column_int64(st, 0);
	}
	sqlite3_finalize(st);
	sqlite3_close(db);
	return n;
}

/* ---- the measurements --------------------------------------------- */

struct bench_ctx {
	struct store *store;
	const struct sla_desk *desk;
	const struct outbound_config *ocfg;
};

/* One scheduler run as scheduler_tick() makes it. */
struct bench_run {
	struct sla_tick_result res;
	double ms, tick_ms, commit_ms;
};

static int
bench_run_once(struct bench_ctx *b, long long at, struct bench_run *r)
{
	double t0 = bench_ms(), t1, t2;

	if (store_begin(b->store) != 0)
		goto fail;
	t1 = bench_ms();
	if (sla_tick(b->store, b->desk, b->ocfg, at, &r->res) != 0) {
		fprintf(bench_out, "bench_sla: sla_tick: %s\n",
		        store_error(b->store));
		store_rollback(b->store);
		return -1;
	}
	t2 = bench_ms();
	if (store_commit(b->store) != 0)
		goto fail;
	r->ms = bench_ms() - t0;
	r->tick_ms = t2 - t1;
	r->commit_ms = r->ms - (t2 - t0);
	return 0;
fail:
	fprintf(bench_out, "bench_sla: %s\n", store_error(b->store));
	return -1;
}

/* After a change of policies: every ticket that is not closed, a page
 * per transaction, as scheduler_refresh() does. */
static int
bench_refresh(struct bench_ctx *b, size_t n_open)
{
	size_t cap = n_open / SLA_TICK_BATCH + 2, n, total = 0, n_pages = 0;
	double *pages = malloc(cap * sizeof(*pages));
	double start = bench_ms(), first = 0, ms, slow = -1, slow_commit = 0;
	long long after = 0, slow_from = 0, slow_to = 0;
	size_t slow_page = 0;

	if (pages == NULL)
		return -1;
	do {
		long long from = after;
		double t0 = bench_ms(), t1;
		if (store_begin(b->store) != 0 ||
		    sla_refresh_page(b->store, b->desk, &after, &n) != 0) {
			fprintf(bench_out, "bench_sla: refresh: %s\n",
			        store_error(b->store));
			store_rollback(b->store);
			free(pages);
			return -1;
		}
		t1 = bench_ms();
		if (store_commit(b->store) != 0) {
			fprintf(bench_out, "bench_sla: refresh: %s\n",
			        store_error(b->store));
			free(pages);
			return -1;
		}
		if (n > 0 && n_pages < cap) {
			pages[n_pages++] = bench_ms() - t0;
			if (n_pages == 1)
				first = pages[0];
			if (pages[n_pages - 1] > slow) {
				slow = pages[n_pages - 1];
				slow_commit = bench_ms() - t1;
				slow_page = n_pages;
				slow_from = from;
				slow_to = after;
			}
		}
		total += n;
		bench_progress("policies applied to tickets", total, n_open);
	} while (n > 0);
	bench_progress("policies applied to tickets", n_open, n_open);
	ms = bench_ms() - start;
	printf("sla: policies applied (sla_refresh_page) to %zu tickets in "
	       "%.2f s: %zu pages of up to %d, %.0f us a ticket; page median "
	       "%.1f ms, first %.1f ms\n",
	       total, ms / 1e3, n_pages, SLA_TICK_BATCH,
	       total ? ms * 1e3 / (double)total : 0,
	       bench_quantile(pages, n_pages, 0.5), first);
	if (n_pages > 0)
		printf("sla: slowest page: #%zu, %.1f ms (commit %.1f ms), "
		       "ids %lld to %lld\n",
		       slow_page, slow, slow_commit, slow_from + 1, slow_to);
	free(pages);
	return 0;
}

/* The backlog the refresh leaves: every event already past at now - 1h,
 * recorded (and told) in runs of SLA_TICK_BATCH tickets, as the daemon's
 * first runs would after policies are configured on an existing store. */
static int
bench_catch_up(struct bench_ctx *b, long long at)
{
	double *ms = malloc(BENCH_MAX_RUNS * sizeof(*ms));
	double start = bench_ms(), max_ms = 0;
	size_t runs = 0, tickets = 0, events = 0, notices = 0, max_tickets = 0;
	struct bench_run r;
	long long due = bench_count("SELECT count(*) FROM tickets WHERE "
	                            "sla_next IS NOT NULL AND sla_next <= ?1",
	                            at);

	if (ms == NULL)
		return -1;
	do {
		if (bench_run_once(b, at, &r) != 0) {
			free(ms);
			return -1;
		}
		if (r.ms > max_ms) {
			max_ms = r.ms;
			max_tickets = r.res.tickets;
		}
		ms[runs++] = r.ms;
		tickets += r.res.tickets;
		events += r.res.events;
		notices += r.res.notices;
		bench_progress("catching up", tickets,
		               due > 0 ? (size_t)due : tickets + 1);
	} while (r.res.more && runs < BENCH_MAX_RUNS);
	bench_progress("catching up", 1, 1);
	printf("sla: catch-up at now-1h: %lld tickets due, %zu runs: %zu "
	       "tickets, %zu events, %zu notices in %.2f s; run median %.1f "
	       "ms, max %.1f ms (%zu tickets)\n",
	       due, runs, tickets, events, notices, (bench_ms() - start) / 1e3,
	       bench_quantile(ms, runs, 0.5), max_ms, max_tickets);
	if (r.res.more)
		printf("sla: catch-up: still more due after %d runs; stopped "
		       "(a ticket that stays due?)\n",
		       BENCH_MAX_RUNS);
	free(ms);
	return 0;
}

static void
bench_next_due(struct bench_ctx *b, double *median, double *p99)
{
	static double v[BENCH_NEXT_DUE_CALLS];
	long long at = -1;

	for (int i = 0; i < BENCH_NEXT_DUE_CALLS; i++) {
		double t0 = bench_ms();
		if (store_sla_next_due(b->store, &at) != 0) {
			fprintf(bench_out, "bench_sla: next due: %s\n",
			        store_error(b->store));
			break;
		}
		v[i] = bench_ms() - t0;
	}
	*median = bench_quantile(v, BENCH_NEXT_DUE_CALLS, 0.5);
	*p99 = bench_quantile(v, BENCH_NEXT_DUE_CALLS, 0.99);
	printf("sla: next due (store_sla_next_due): median %.3f ms, p99 %.3f "
	       "ms over %d calls; next event at now%+lldmin\n",
	       *median, *p99, BENCH_NEXT_DUE_CALLS,
	       at < 0 ? 0 : (at - BENCH_NOW) / 60);
}

/* What the ticks found, for the summary. */
struct bench_ticks {
	struct bench_run first, worst;
	double idle[BENCH_MAX_TICKS], *ms, total_ms;
	size_t runs, over, n_idle, tickets, cap;
};

/* The runs at instant at until nothing more is due, then one more that
 * finds nothing. */
static int
bench_tick_at(struct bench_ctx *b, long long at, struct bench_ticks *s)
{
	struct bench_run r, idle;
	char when[32];
	int n = 0;

	snprintf(when, sizeof(when), "now%+lldh", (at - BENCH_NOW) / 3600);
	if (at == BENCH_NOW)
		snprintf(when, sizeof(when), "now");
	do {
		if (bench_run_once(b, at, &r) != 0)
			return -1;
		n++;
		printf("sla: tick at %-7s run %d: %3zu tickets, %4zu events, "
		       "%2zu notices: %6.2f ms (sla_tick %.2f, commit %.2f)\n",
		       when, n, r.res.tickets, r.res.events, r.res.notices,
		       r.ms, r.tick_ms, r.commit_ms);
		if (s->runs == 0)
			s->first = r;
		if (r.ms > s->worst.ms)
			s->worst = r;
		if (s->runs == s->cap) {
			size_t cap = s->cap ? 2 * s->cap : 64;
			double *v = realloc(s->ms, cap * sizeof(*v));
			if (v == NULL)
				return -1;
			s->ms = v;
			s->cap = cap;
		}
		s->ms[s->runs++] = r.ms;
		s->total_ms += r.ms;
		s->tickets += r.res.tickets;
		s->over += r.ms >= 20.0;
	} while (r.res.more && n < BENCH_MAX_RUNS);
	/* The scheduler checkpoints the WAL when it goes to sleep, outside
	 * its runs (its connection does not checkpoint on commit). */
	double c0 = bench_ms();
	if (store_checkpoint(b->store) != 0)
		return -1;
	printf("sla: tick at %-7s checkpoint when idle: %.2f ms\n", when,
	       bench_ms() - c0);
	if (bench_run_once(b, at, &idle) != 0)
		return -1;
	printf("sla: tick at %-7s idle : %3zu tickets: %.3f ms (sla_tick "
	       "%.3f, commit %.3f)%s\n",
	       when, idle.res.tickets, idle.ms, idle.tick_ms, idle.commit_ms,
	       idle.res.tickets ? "  <- still due after the runs" : "");
	s->idle[s->n_idle++] = idle.ms;
	return 0;
}

int
main(int argc, char **argv)
{
	size_t n = argc > 2 ? (size_t)atol(argv[2]) : 1000000;
	size_t n_open = argc > 3 ? (size_t)atol(argv[3]) : n / 10;
	const char *tmp = getenv("TMPDIR");
	struct bench_ticks ticks = {0};
	struct bench_fill fill;
	struct bench_ctx b = {0};
	unsigned char secret[STORE_SECRET_SIZE];
	struct sla_desk *desk = NULL;
	struct outbound_config *ocfg = NULL;
	struct conf *conf = NULL;
	double t0, fill_s, next_med = 0, next_p99 = 0, idle_med;
	long fill_peak, peak;
	bool reset;
	char err[600], *serr = NULL, *source = NULL, wal[4300];
	int fd, status = 1, hours = BENCH_TICKS;

	if ((bench_out = fdopen(dup(STDERR_FILENO), "w")) == NULL)
		return 1;
	setvbuf(bench_out, NULL, _IOLBF, 0);
	setvbuf(stdout, NULL, _IOLBF, 0);
	if (getenv("BENCH_SLA_HOURS") != NULL)
		hours = atoi(getenv("BENCH_SLA_HOURS"));
	bench_tty = isatty(STDERR_FILENO);
	bench_keep = getenv("BENCH_SLA_KEEP") != NULL;
	if (argc < 2 || n == 0 || n_open > n || n > UINT32_MAX || hours < 1 ||
	    hours > BENCH_MAX_TICKS) {
		fprintf(bench_out, "usage: bench_sla SOURCE_DIR [TICKETS "
		                   "[OPEN]]  (default 1000000 100000)\n");
		return 64;
	}
	snprintf(bench_dir, sizeof(bench_dir), "%s/bench_sla.XXXXXX",
	         tmp && tmp[0] ? tmp : "/var/tmp");
	if (mkdtemp(bench_dir) == NULL) {
		fprintf(bench_out, "bench_sla: mkdtemp %s: %s\n", bench_dir,
		        strerror(errno));
		bench_dir[0] = '\0';
		return 1;
	}
	snprintf(bench_db, sizeof(bench_db), "%s/sla.db", bench_dir);
	snprintf(wal, sizeof(wal), "%s-wal", bench_db);
	signal(SIGINT, bench_on_signal);
	signal(SIGTERM, bench_on_signal);
	signal(SIGHUP, bench_on_signal);

	/* The daemon's setup: its log level, the desk's zone for times in
	 * notices, the policies' calendars, the templates and the secret. */
	log_init(LOG_LEVEL_INFO);
	/* Relative paths in the file are taken from its directory. */
	if ((source = realpath(argv[1], NULL)) == NULL ||
	    (conf = bench_conf(source)) == NULL) {
		fprintf(bench_out,
		        "bench_sla: cannot load the configuration\n");
		goto out;
	}
	setenv("TZ", conf->desk.timezone, 1);
	tzset();
	if ((desk = sla_desk_new(conf, err, sizeof(err))) == NULL ||
	    (ocfg = outbound_config_new(conf, err, sizeof(err))) == NULL) {
		fprintf(bench_out, "bench_sla: %s\n", err);
		goto out;
	}
	if ((b.store = store_open(bench_db, &serr)) == NULL ||
	    store_secret(b.store, secret) != 0) {
		fprintf(bench_out, "bench_sla: store: %s\n",
		        serr ? serr : store_error(b.store));
		goto out;
	}
	outbound_set_secret(ocfg, secret);
	store_close(b.store);
	b.store = NULL;

	printf("sla: %zu tickets (%zu open) over the year before now = "
	       "2025-06-11T10:00Z (Wed 12:00 Berlin); store in %s\n",
	       n, n_open, bench_dir);
	t0 = bench_ms();
	if (bench_fill_store(n, n_open, &fill) != 0)
		goto out;
	/* The load ran with synchronous=OFF: flush it now, or the first
	 * fsync of a measured commit would write back gigabytes. */
	if ((fd = open(bench_db, O_RDWR)) < 0 || fsync(fd) != 0) {
		fprintf(bench_out, "bench_sla: fsync %s: %s\n", bench_db,
		        strerror(errno));
		goto out;
	}
	close(fd);
	fill_s = (bench_ms() - t0) / 1e3;
	printf("sla: fixture: %lld open (%lld new, %lld open, %lld pending; "
	       "%lld urgent), %lld closed; %lld customers, %zu messages "
	       "(%.0f bytes each, raw and text), %lld events; written in "
	       "%.1f s; store %.0f MB\n",
	       fill.n_status[0] + fill.n_status[1] + fill.n_status[2],
	       fill.n_status[0], fill.n_status[1], fill.n_status[2],
	       fill.n_urgent_open, fill.n_closed, fill.n_customers, n,
	       fill.message_bytes / (double)n, fill.n_events, fill_s,
	       bench_file_mb(bench_db));

	/* From here on every figure is the code under test.  Its log (a
	 * line per SLA event, at the daemon's level) is written to
	 * /dev/null: formatted and written, so its cost counts. */
	malloc_trim(0);
	fill_peak = bench_status_kb("VmHWM");
	reset = bench_reset_peak();
	fflush(stdout);
	if ((fd = open("/dev/null", O_WRONLY)) < 0 ||
	    dup2(fd, STDERR_FILENO) < 0)
		goto out;
	close(fd);
	if ((b.store = store_open(bench_db, &serr)) == NULL ||
	    store_autocheckpoint(b.store, false) != 0) {
		fprintf(bench_out, "bench_sla: store: %s\n",
		        serr ? serr : store_error(b.store));
		goto out;
	}
	b.desk = desk;
	b.ocfg = ocfg;

	if (bench_refresh(&b, n_open) != 0)
		goto out;
	printf("sla: after it: %lld tickets with a next event, %lld of them "
	       "due at now-1h, %lld more by now\n",
	       bench_count("SELECT count(*) FROM tickets WHERE sla_next IS "
	                   "NOT NULL",
	                   0),
	       bench_count("SELECT count(*) FROM tickets WHERE sla_next <= ?1",
	                   BENCH_NOW - BENCH_HOUR),
	       bench_count("SELECT count(*) FROM tickets WHERE sla_next > "
	                   "?1 - 3600 AND sla_next <= ?1",
	                   BENCH_NOW));
	if (bench_catch_up(&b, BENCH_NOW - BENCH_HOUR) != 0)
		goto out;
	bench_next_due(&b, &next_med, &next_p99);
	for (int k = 0; k < hours; k++)
		if (bench_tick_at(&b, BENCH_NOW + k * BENCH_HOUR, &ticks) != 0)
			goto out;
	idle_med = bench_quantile(ticks.idle, ticks.n_idle, 0.5);

	peak = bench_status_kb("VmHWM");
	printf("sla: store %.1f MB + WAL %.1f MB; %lld SLA events recorded, "
	       "%lld mails queued in the outbox\n",
	       bench_file_mb(bench_db), bench_file_mb(wal),
	       bench_count("SELECT count(*) FROM events WHERE kind LIKE "
	                   "'sla.%'",
	                   0),
	       bench_count("SELECT count(*) FROM outbox", 0));
	printf("sla: peak RSS %.1f MB %s (%.1f MB while the fixture was "
	       "written)\n",
	       (double)peak / 1024.0,
	       reset ? "from the refresh on" : "of the whole run",
	       (double)fill_peak / 1024.0);
	printf("sla: runs from now on: %zu, %zu tickets, %.0f us a ticket; "
	       "median %.1f ms, worst %.1f ms (%zu tickets, commit %.1f ms); "
	       "%zu at 20 ms or more\n",
	       ticks.runs, ticks.tickets,
	       ticks.tickets ? ticks.total_ms * 1e3 / (double)ticks.tickets : 0,
	       bench_quantile(ticks.ms, ticks.runs, 0.5), ticks.worst.ms,
	       ticks.worst.res.tickets, ticks.worst.commit_ms, ticks.over);
	printf("sla: tick %.1f ms for %zu tickets (%zu events, %zu notices) "
	       "at now; worst run %.1f ms; idle tick %.2f ms; next due %.3f "
	       "ms (p99 %.3f); target < 20 ms per tick\n",
	       ticks.first.ms, ticks.first.res.tickets, ticks.first.res.events,
	       ticks.first.res.notices, ticks.worst.ms, idle_med, next_med,
	       next_p99);
	status = 0;
out:
	fflush(stdout);
	if (b.store != NULL)
		store_close(b.store);
	free(serr);
	free(source);
	free(ticks.ms);
	outbound_config_free(ocfg);
	sla_desk_free(desk);
	conf_free(conf);
	bench_remove();
	if (bench_keep)
		fprintf(bench_out, "bench_sla: kept %s\n", bench_dir);
	return status;
}
