/*
 * bench_classify: classification throughput on one core — the default
 * rules (config/rules.conf) plus a model trained on the labelled corpus
 * (tests/data/classify) — over complaints of about 2 KB of text each,
 * made by joining corpus mails.  Prints mails/s, time per mail and the
 * model's memory; asserts nothing.
 *
 *   bench_classify SOURCE_DIR [MAILS]
 */
#include "classify.h"
#include "conf.h"
#include "mime.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#define BENCH_MAX_MAILS 1024
#define BENCH_BODY 2048

struct bench_mail {
	char *subject;
	char *text;
	char category[64];
	char severity[16];
};

struct bench {
	struct bench_mail mails[BENCH_MAX_MAILS];
	size_t n;
};

static char *
bench_read(const char *path, size_t *len_r)
{
	FILE *f = fopen(path, "rb");
	char *buf = NULL;
	long len;

	if (f == NULL)
		return NULL;
	if (fseek(f, 0, SEEK_END) == 0 && (len = ftell(f)) >= 0 &&
	    fseek(f, 0, SEEK_SET) == 0 && (buf = malloc((size_t)len + 1))) {
		*len_r = fread(buf, 1, (size_t)len, f);
		buf[*len_r] = '\0';
	}
	fclose(f);
	return buf;
}

/* The corpus: each line of labels.tsv, parsed. */
static int
bench_load_corpus(const char *dir, struct bench *b)
{
	char path[4400], line[512], file[256];
	struct mime_limits limits;
	FILE *f;

	mime_limits_default(&limits);
	if (strlen(dir) > 4000)
		return -1;
	snprintf(path, sizeof(path), "%s/labels.tsv", dir);
	if ((f = fopen(path, "r")) == NULL)
		return -1;
	while (b->n < BENCH_MAX_MAILS && fgets(line, sizeof(line), f)) {
		struct bench_mail *m = &b->mails[b->n];
		struct mime_message *msg;
		size_t len;
		char *raw;
		if (line[0] == '#' || sscanf(line, "%255s %63s %15s", file,
		                             m->category, m->severity) != 3)
			continue;
		snprintf(path, sizeof(path), "%s/%s", dir, file);
		if ((raw = bench_read(path, &len)) == NULL)
			continue;
		msg = mime_parse(raw, len, &limits);
		free(raw);
		if (msg == NULL)
			continue;
		m->subject = strdup(msg->subject);
		m->text = strdup(msg->text);
		mime_message_free(msg);
		b->n++;
	}
	fclose(f);
	return b->n > 0 ? 0 : -1;
}

static int
bench_train(struct bench *b, struct classify_model *model)
{
	for (size_t i = 0; i < b->n; i++) {
		struct bench_mail *m = &b->mails[i];
		struct bayes_doc doc;
		int c = bayes_class_index(model->category, m->category);
		int s = bayes_class_index(model->severity, m->severity);
		if (classify_doc(m->subject, m->text, &doc) != 0)
			return -1;
		if (c >= 0)
			bayes_learn(model->category, (size_t)c, &doc, 1);
		if (s >= 0)
			bayes_learn(model->severity, (size_t)s, &doc, 1);
		bayes_doc_clear(&doc);
	}
	return 0;
}

/*
 * A body of BENCH_BODY bytes (less up to 3, to end on a whole UTF-8
 * character): mail i's text, then i+1's ..., the last one cut short.
 * Several complaints in one body is the hard case: more rules' words
 * occur, so more patterns run.
 */
static char *
bench_body(const struct bench *b, size_t i)
{
	size_t len = 0;
	char *out = malloc(BENCH_BODY + 1);

	if (out == NULL)
		return NULL;
	for (size_t k = i; len < BENCH_BODY; k++) {
		const char *t = b->mails[k % b->n].text;
		size_t n = strlen(t) + 1;

		if (n > BENCH_BODY - len) {
			n = BENCH_BODY - len;
			while (n > 0 && ((unsigned char)t[n] & 0xC0) == 0x80)
				n--;
			memcpy(out + len, t, n);
			len += n;
			break;
		}
		memcpy(out + len, t, n - 1);
		len += n;
		out[len - 1] = '\n';
	}
	out[len] = '\0';
	return out;
}

static double
bench_clock(clockid_t id)
{
	struct timespec ts;

	clock_gettime(id, &ts);
	return (double)ts.tv_sec + ts.tv_nsec / 1e9;
}

/* A desk with the default rules: DIR/complaintd.conf includes a copy of
 * the source's rules.conf beside it (includes are relative). */
static struct conf *
bench_conf(const char *source, char *dir)
{
	struct conf_errors errors = {0};
	char path[4400], *rules;
	struct conf *conf;
	size_t len;
	FILE *f;

	snprintf(path, sizeof(path), "%s/config/rules.conf", source);
	if (mkdtemp(dir) == NULL || (rules = bench_read(path, &len)) == NULL)
		return NULL;
	snprintf(path, sizeof(path), "%s/rules.conf", dir);
	if ((f = fopen(path, "w")) != NULL) {
		fwrite(rules, 1, len, f);
		fclose(f);
	}
	free(rules);
	snprintf(path, sizeof(path), "%s/complaintd.conf", dir);
	if ((f = fopen(path, "w")) == NULL)
		return NULL;
	fprintf(f,
	        "store = { path = \"%s/b.db\"; };\n"
	        "desk = { name = \"B\"; addresses = [ \"s@b.example\" ]; "
	        "ticket_tag = \"B\"; };\n"
	        "smtp = { url = \"smtp://127.0.0.1:25\"; tls = \"none\"; "
	        "from = \"s@b.example\"; };\n"
	        "templates = { dir = \"%s/config/templates\"; };\n"
	        "@include \"rules.conf\"\n",
	        dir, source);
	fclose(f);
	conf = conf_load(path, &errors);
	for (size_t i = 0; i < errors.n; i++)
		fprintf(stderr, "%s\n", errors.v[i]);
	conf_errors_free(&errors);
	unlink(path);
	snprintf(path, sizeof(path), "%s/rules.conf", dir);
	unlink(path);
	rmdir(dir);
	return conf;
}

static void
bench_run(const struct classify_rules *rules,
          const struct classify_model *model, const struct bench *b,
          char **bodies, size_t iterations)
{
	struct classify_facts facts = {"c@example.net", "support", "en",
	                               "standard", false};
	size_t bytes = 0, urgent = 0;
	double start = bench_clock(CLOCK_MONOTONIC), secs;
	double cpu = bench_clock(CLOCK_PROCESS_CPUTIME_ID);

	for (size_t i = 0; i < iterations; i++) {
		const struct bench_mail *m = &b->mails[i % b->n];
		const char *body = bodies[i % b->n];
		struct classify_scan scan;
		struct classify_decision d;
		if (classify_scan(rules, m->subject, body, &scan) != 0)
			return;
		classify_decide(rules, &scan, &facts, model, &d);
		urgent += strcmp(d.severity, "urgent") == 0;
		bytes += strlen(body);
		classify_scan_clear(&scan);
	}
	/* CPU time is the figure: on a shared machine the wall clock also
	 * counts other processes' turns. */
	secs = bench_clock(CLOCK_MONOTONIC) - start;
	cpu = bench_clock(CLOCK_PROCESS_CPUTIME_ID) - cpu;
	printf("classify: %zu mails, average body %zu bytes, %zu urgent\n",
	       iterations, bytes / iterations, urgent);
	printf("classify: %.0f mails/s on one core (%.1f us CPU per mail; "
	       "target >= 5000/s); wall clock %.0f mails/s\n",
	       iterations / cpu, cpu * 1e6 / iterations, iterations / secs);
}

int
main(int argc, char **argv)
{
	static struct bench b;
	struct classify_model model;
	struct classify_rules *rules;
	size_t iterations = argc > 2 ? (size_t)atol(argv[2]) : 20000;
	char corpus[4096], err[600], *bodies[BENCH_MAX_MAILS];
	char dir[] = "/tmp/bench_classify.XXXXXX";
	struct conf *conf;

	if (argc < 2) {
		fprintf(stderr, "usage: bench_classify SOURCE_DIR [MAILS]\n");
		return 64;
	}
	snprintf(corpus, sizeof(corpus), "%s/tests/data/classify", argv[1]);
	if ((conf = bench_conf(argv[1], dir)) == NULL ||
	    bench_load_corpus(corpus, &b) != 0 ||
	    (rules = classify_rules_new(conf, err, sizeof(err))) == NULL ||
	    classify_model_init(&model, conf) != 0 ||
	    bench_train(&b, &model) != 0) {
		fprintf(stderr, "bench_classify: cannot set up\n");
		return 1;
	}
	for (size_t i = 0; i < b.n; i++)
		if ((bodies[i] = bench_body(&b, i)) == NULL)
			return 1;
	printf("classify: %zu rules, model of %lld complaints, %zu KiB "
	       "(category and severity)\n",
	       conf->n_rules, bayes_documents(model.category),
	       classify_model_memory(&model) / 1024);
	bench_run(rules, &model, &b, bodies, iterations);
	for (size_t i = 0; i < b.n; i++) {
		free(bodies[i]);
		free(b.mails[i].subject);
		free(b.mails[i].text);
	}
	classify_model_clear(&model);
	classify_rules_free(rules);
	conf_free(conf);
	return 0;
}
