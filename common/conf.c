/*
 * conf: the validation engine.  It walks the section tables of
 * conf_schema.c over a libconfig tree, converts each value to its kind,
 * reports every problem with its file and line, and rejects keys that no
 * table knows, so a typo never passes silently.
 */
#include "conf.h"
#include "conf_p.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdbool.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

struct conf_ctx {
	const char *path;
	char *dir; /* directory of path, for relative paths */
	struct conf_errors *errors;
	char where[64];                /* "smtp", "mailboxes[2]" */
	const config_setting_t *group; /* the group being read */
	int failed;                    /* errors reported for this file */
};

void
conf_errors_add(struct conf_errors *errors, const char *line)
{
	char **v = realloc(errors->v, (errors->n + 1) * sizeof(*v));
	char *copy = strdup(line);

	/* Out of memory: drop the line rather than the whole report. */
	if (v == NULL || copy == NULL) {
		free(copy);
		if (v != NULL)
			errors->v = v;
		return;
	}
	errors->v = v;
	errors->v[errors->n++] = copy;
}

void
conf_error(struct conf_ctx *ctx, const config_setting_t *s, const char *fmt,
           ...)
{
	const char *file = s && s->file ? s->file : ctx->path;
	unsigned line = s && s->line ? s->line : 1;
	char msg[768], full[1024];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	if (s != NULL && s != ctx->group && s->name != NULL)
		snprintf(full, sizeof(full), "%s:%u: %s%s%s: %s", file, line,
		         ctx->where, ctx->where[0] ? "." : "", s->name, msg);
	else if (ctx->where[0] != '\0')
		snprintf(full, sizeof(full), "%s:%u: %s: %s", file, line,
		         ctx->where, msg);
	else
		snprintf(full, sizeof(full), "%s:%u: %s", file, line, msg);
	conf_errors_add(ctx->errors, full);
	ctx->failed++;
}

void
conf_set_where(struct conf_ctx *ctx, const char *section, int index,
               const config_setting_t *group)
{
	ctx->group = group;
	if (section == NULL)
		ctx->where[0] = '\0';
	else if (index >= 0)
		snprintf(ctx->where, sizeof(ctx->where), "%s[%d]", section,
		         index);
	else
		snprintf(ctx->where, sizeof(ctx->where), "%s", section);
}

char *
conf_resolve_path(const struct conf_ctx *ctx, const char *path)
{
	char *out;

	if (path[0] == '/' || ctx->dir == NULL)
		return strdup(path);
	if (asprintf(&out, "%s/%s", ctx->dir, path) < 0)
		return NULL;
	return out;
}

char *
conf_read_secret(struct conf_ctx *ctx, const config_setting_t *s,
                 const char *path)
{
	char buf[4096];
	struct stat st;
	ssize_t n;
	int fd;

	fd = open(path, O_RDONLY | O_CLOEXEC | O_NOFOLLOW);
	if (fd < 0) {
		conf_error(ctx, s, "cannot read password file %s: %s", path,
		           strerror(errno));
		return NULL;
	}
	if (fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
		conf_error(ctx, s, "password file %s is not a regular file",
		           path);
		close(fd);
		return NULL;
	}
	if (st.st_mode & S_IROTH) {
		conf_error(ctx, s,
		           "password file %s is readable by everyone "
		           "(mode %04o); chmod o-r it",
		           path, (unsigned)(st.st_mode & 07777));
		close(fd);
		return NULL;
	}
	n = read(fd, buf, sizeof(buf) - 1);
	close(fd);
	if (n < 0) {
		conf_error(ctx, s, "cannot read password file %s: %s", path,
		           strerror(errno));
		return NULL;
	}
	while (n > 0 && (buf[n - 1] == '\n' || buf[n - 1] == '\r'))
		n--;
	if (n == 0) {
		conf_error(ctx, s, "password file %s is empty", path);
		return NULL;
	}
	buf[n] = '\0';
	return strdup(buf);
}

int
conf_parse_duration(const char *text, long *seconds_r)
{
	long long total = 0;
	const char *p = text;

	if (*p == '\0')
		return -1;
	while (*p != '\0') {
		long long n = 0, unit;
		if (*p < '0' || *p > '9')
			return -1;
		for (; *p >= '0' && *p <= '9'; p++) {
			n = n * 10 + (*p - '0');
			if (n > INT32_MAX)
				return -1;
		}
		switch (*p++) {
		case 's':
			unit = 1;
			break;
		case 'm':
			unit = 60;
			break;
		case 'h':
			unit = 3600;
			break;
		case 'd':
			unit = 86400;
			break;
		default:
			return -1;
		}
		total += n * unit;
		if (total > LONG_MAX / 2)
			return -1;
	}
	*seconds_r = (long)total;
	return 0;
}

int
conf_parse_size(const char *text, long long *bytes_r)
{
	long long n = 0, unit = 1;
	const char *p = text;

	if (*p < '0' || *p > '9')
		return -1;
	for (; *p >= '0' && *p <= '9'; p++) {
		n = n * 10 + (*p - '0');
		if (n > (1LL << 40))
			return -1;
	}
	switch (*p) {
	case '\0':
		break;
	case 'K':
		unit = 1LL << 10;
		p++;
		break;
	case 'M':
		unit = 1LL << 20;
		p++;
		break;
	case 'G':
		unit = 1LL << 30;
		p++;
		break;
	default:
		return -1;
	}
	if (*p != '\0' || n > LLONG_MAX / unit)
		return -1;
	*bytes_r = n * unit;
	return 0;
}

static const char *
conf_type_name(int type)
{
	switch (type) {
	case CONFIG_TYPE_GROUP:
		return "a group { ... }";
	case CONFIG_TYPE_INT:
	case CONFIG_TYPE_INT64:
		return "an integer";
	case CONFIG_TYPE_FLOAT:
		return "a number";
	case CONFIG_TYPE_STRING:
		return "a string";
	case CONFIG_TYPE_BOOL:
		return "true or false";
	case CONFIG_TYPE_ARRAY:
		return "an array [ ... ]";
	case CONFIG_TYPE_LIST:
		return "a list ( ... )";
	default:
		return "nothing";
	}
}

static const char *
conf_kind_expected(enum conf_kind kind)
{
	switch (kind) {
	case CONF_KIND_STRING:
		return "a string";
	case CONF_KIND_INT:
		return "an integer";
	case CONF_KIND_BOOL:
		return "true or false";
	case CONF_KIND_DURATION:
		return "a duration such as \"30s\", \"15m\", \"4h\" or \"2d\"";
	case CONF_KIND_SIZE:
		return "a size such as \"512K\" or \"25M\"";
	case CONF_KIND_ENUM:
		return "a string";
	case CONF_KIND_STRINGS:
		return "an array of strings [ \"...\" ]";
	case CONF_KIND_TRISTATE:
		return "true or false";
	}
	return "?";
}

static int
conf_enum_index(const struct conf_key *key, const char *text)
{
	for (int i = 0; key->choices[i] != NULL; i++)
		if (strcmp(key->choices[i], text) == 0)
			return i;
	return -1;
}

static void
conf_enum_error(struct conf_ctx *ctx, const config_setting_t *s,
                const struct conf_key *key, const char *text)
{
	char list[256] = "";
	size_t len = 0;

	for (int i = 0; key->choices[i] != NULL; i++) {
		int n = snprintf(list + len, sizeof(list) - len, "%s\"%s\"",
		                 i ? ", " : "", key->choices[i]);
		if (n < 0 || (size_t)n >= sizeof(list) - len)
			break;
		len += (size_t)n;
	}
	conf_error(ctx, s, "\"%s\" is not one of %s", text, list);
}

/* 86400 → "1d", 5400 → "90m": bounds shown the way the file writes them. */
static void
conf_format_bound(char *buf, size_t size, enum conf_kind kind, long long v)
{
	static const struct {
		long long unit;
		const char *suffix;
	} durations[] = {{86400, "d"}, {3600, "h"}, {60, "m"}, {1, "s"}},
	  sizes[] = {
	      {1LL << 30, "G"}, {1LL << 20, "M"}, {1LL << 10, "K"}, {1, ""}};
	const bool is_size = kind == CONF_KIND_SIZE;

	if (kind != CONF_KIND_DURATION && !is_size) {
		snprintf(buf, size, "%lld", v);
		return;
	}
	for (size_t i = 0; i < 4; i++) {
		long long unit = is_size ? sizes[i].unit : durations[i].unit;
		if (v % unit == 0) {
			snprintf(buf, size, "%lld%s", v / unit,
			         is_size ? sizes[i].suffix
			                 : durations[i].suffix);
			return;
		}
	}
}

static int
conf_range_ok(struct conf_ctx *ctx, const config_setting_t *s,
              const struct conf_key *key, long long v)
{
	char lo[32], hi[32], val[32];

	if ((key->min == 0 && key->max == 0) ||
	    (v >= key->min && v <= key->max))
		return 0;
	conf_format_bound(lo, sizeof(lo), key->kind, key->min);
	conf_format_bound(hi, sizeof(hi), key->kind, key->max);
	conf_format_bound(val, sizeof(val), key->kind, v);
	conf_error(ctx, s, "%s is out of range %s..%s", val, lo, hi);
	return -1;
}

/* Stores one scalar given as text (a string setting or a default). */
static int
conf_store_text(struct conf_ctx *ctx, const config_setting_t *s,
                const struct conf_key *key, const char *text, void *field)
{
	long seconds;
	long long bytes;
	int idx;

	switch (key->kind) {
	case CONF_KIND_STRING:
		if (text[0] == '\0') {
			conf_error(ctx, s, "must not be empty");
			return -1;
		}
		*(char **)field = key->flags & CONF_PATH
		                      ? conf_resolve_path(ctx, text)
		                      : strdup(text);
		return *(char **)field ? 0 : -1;
	case CONF_KIND_DURATION:
		if (conf_parse_duration(text, &seconds) != 0) {
			conf_error(ctx, s, "\"%s\" is not %s", text,
			           conf_kind_expected(key->kind));
			return -1;
		}
		*(long *)field = seconds;
		return conf_range_ok(ctx, s, key, seconds);
	case CONF_KIND_SIZE:
		if (conf_parse_size(text, &bytes) != 0) {
			conf_error(ctx, s, "\"%s\" is not %s", text,
			           conf_kind_expected(key->kind));
			return -1;
		}
		*(long long *)field = bytes;
		return conf_range_ok(ctx, s, key, bytes);
	case CONF_KIND_ENUM:
		idx = conf_enum_index(key, text);
		if (idx < 0) {
			conf_enum_error(ctx, s, key, text);
			return -1;
		}
		*(int *)field = idx;
		return 0;
	case CONF_KIND_INT:
		*(int *)field = atoi(text);
		return 0;
	case CONF_KIND_BOOL:
		*(bool *)field = strcmp(text, "true") == 0;
		return 0;
	case CONF_KIND_TRISTATE:
		*(int *)field = strcmp(text, "true") == 0    ? 1
		                : strcmp(text, "false") == 0 ? 0
		                                             : -1;
		return 0;
	case CONF_KIND_STRINGS:
		return 0;
	}
	return -1;
}

static int
conf_store_strings(struct conf_ctx *ctx, const config_setting_t *s,
                   const struct conf_key *key, struct conf_strings *out)
{
	int n = config_setting_length(s);

	if (n < key->min) {
		conf_error(ctx, s, "needs at least %lld entr%s", key->min,
		           key->min == 1 ? "y" : "ies");
		return -1;
	}
	out->v = calloc((size_t)n + 1, sizeof(*out->v));
	if (out->v == NULL)
		return -1;
	for (int i = 0; i < n; i++) {
		const config_setting_t *e =
		    config_setting_get_elem(s, (unsigned)i);
		if (config_setting_type(e) != CONFIG_TYPE_STRING) {
			conf_error(ctx, s, "entry %d is %s, expected a string",
			           i + 1,
			           conf_type_name(config_setting_type(e)));
			return -1;
		}
		out->v[out->n] = strdup(config_setting_get_string(e));
		if (out->v[out->n] == NULL)
			return -1;
		out->n++;
	}
	return 0;
}

/* Converts a present setting to the key's kind; 0, or -1 (reported). */
static int
conf_store_setting(struct conf_ctx *ctx, const config_setting_t *s,
                   const struct conf_key *key, void *field)
{
	int type = config_setting_type(s);
	long long v;

	switch (key->kind) {
	case CONF_KIND_INT:
		if (type != CONFIG_TYPE_INT && type != CONFIG_TYPE_INT64)
			break;
		v = config_setting_get_int64(s);
		if (conf_range_ok(ctx, s, key, v) != 0)
			return -1;
		*(int *)field = (int)v;
		return 0;
	case CONF_KIND_BOOL:
		if (type != CONFIG_TYPE_BOOL)
			break;
		*(bool *)field = config_setting_get_bool(s);
		return 0;
	case CONF_KIND_TRISTATE:
		if (type != CONFIG_TYPE_BOOL)
			break;
		*(int *)field = config_setting_get_bool(s) ? 1 : 0;
		return 0;
	case CONF_KIND_SIZE:
		if (type == CONFIG_TYPE_INT || type == CONFIG_TYPE_INT64) {
			v = config_setting_get_int64(s);
			*(long long *)field = v;
			return conf_range_ok(ctx, s, key, v);
		}
		/* Sizes may also be written as strings ("25M"). */
		/* FALLTHROUGH */
	case CONF_KIND_STRING:
	case CONF_KIND_DURATION:
	case CONF_KIND_ENUM:
		if (type != CONFIG_TYPE_STRING)
			break;
		return conf_store_text(ctx, s, key,
		                       config_setting_get_string(s), field);
	case CONF_KIND_STRINGS:
		if (type != CONFIG_TYPE_ARRAY && type != CONFIG_TYPE_LIST)
			break;
		return conf_store_strings(ctx, s, key, field);
	}
	conf_error(ctx, s, "is %s, expected %s", conf_type_name(type),
	           conf_kind_expected(key->kind));
	return -1;
}

static int
conf_read_key(struct conf_ctx *ctx, const config_setting_t *group,
              const struct conf_key *key, char *base)
{
	const config_setting_t *s =
	    group ? config_setting_get_member(group, key->name) : NULL;
	void *field = base + key->offset;

	if (s == NULL) {
		if (key->flags & CONF_REQUIRED) {
			conf_error(ctx, group, "missing required key \"%s\"",
			           key->name);
			return -1;
		}
		return key->def
		           ? conf_store_text(ctx, NULL, key, key->def, field)
		           : 0;
	}
	if (conf_store_setting(ctx, s, key, field) != 0)
		return -1;
	return key->check ? key->check(ctx, s, field) : 0;
}

static const struct conf_key *
conf_key_find(const struct conf_key *keys, const char *name)
{
	for (; keys->name != NULL; keys++)
		if (strcmp(keys->name, name) == 0)
			return keys;
	return NULL;
}

static void
conf_check_unknown(struct conf_ctx *ctx, const config_setting_t *group,
                   const struct conf_key *keys)
{
	int n = config_setting_length(group);

	for (int i = 0; i < n; i++) {
		const config_setting_t *m =
		    config_setting_get_elem(group, (unsigned)i);
		if (conf_key_find(keys, m->name) == NULL)
			conf_error(ctx, m, "unknown key");
	}
}

/* Reads one group (a section, or one element of a list section). */
static int
conf_read_group(struct conf_ctx *ctx, const struct conf_section *sec,
                const config_setting_t *group, void *elem, struct conf *conf)
{
	int before = ctx->failed;

	ctx->group = group;
	if (group != NULL && !config_setting_is_group(group)) {
		conf_error(ctx, group, "is %s, expected a group { ... }",
		           conf_type_name(config_setting_type(group)));
		return -1;
	}
	if (group != NULL)
		conf_check_unknown(ctx, group, sec->keys);
	for (const struct conf_key *k = sec->keys; k->name != NULL; k++)
		conf_read_key(ctx, group, k, elem);
	/* Cross-key checks only make sense on values that parsed. */
	if (ctx->failed == before && sec->finish != NULL)
		sec->finish(ctx, group, elem, conf);
	return ctx->failed == before ? 0 : -1;
}

static int
conf_read_list(struct conf_ctx *ctx, const struct conf_section *sec,
               const config_setting_t *list, struct conf *conf)
{
	char **array = (char **)((char *)conf + sec->offset);
	size_t *count = (size_t *)((char *)conf + sec->count_offset);
	int n = list ? config_setting_length(list) : 0;

	if (list != NULL && !config_setting_is_list(list)) {
		conf_error(ctx, list, "is %s, expected a list ( { ... }, ... )",
		           conf_type_name(config_setting_type(list)));
		return -1;
	}
	if (n == 0)
		return 0;
	*array = calloc((size_t)n, sec->elem_size);
	if (*array == NULL)
		return -1;
	for (int i = 0; i < n; i++) {
		snprintf(ctx->where, sizeof(ctx->where), "%s[%d]", sec->name,
		         i);
		/* Counted before finish so it can compare with earlier ones. */
		*count = (size_t)i + 1;
		conf_read_group(ctx, sec,
		                config_setting_get_elem(list, (unsigned)i),
		                *array + (size_t)i * sec->elem_size, conf);
	}
	return 0;
}

/* Every section, the core ones first, then the desk's people and rules. */
static const struct conf_section *const conf_tables[] = {
    conf_sections,
    conf_desk_sections,
    conf_sla_sections,
    conf_survey_sections,
    conf_metrics_sections,
    conf_surge_sections,
    NULL,
};

/* The section after sec in conf_tables order; pass NULL for the first. */
static const struct conf_section *
conf_section_next(const struct conf_section *sec, size_t *table)
{
	if (sec == NULL)
		*table = 0;
	else
		sec++;
	while (conf_tables[*table] != NULL) {
		if (sec == NULL)
			sec = conf_tables[*table];
		if (sec->name != NULL)
			return sec;
		(*table)++;
		sec = NULL;
	}
	return NULL;
}

#define CONF_FOR_EACH_SECTION(sec_, table_)                                    \
	for (const struct conf_section *sec_ =                                 \
	         conf_section_next(NULL, &table_);                             \
	     sec_ != NULL; sec_ = conf_section_next(sec_, &table_))

static const struct conf_section *
conf_section_find(const char *name)
{
	size_t table;

	CONF_FOR_EACH_SECTION(sec, table)
	if (strcmp(sec->name, name) == 0)
		return sec;
	return NULL;
}

static void
conf_read_sections(struct conf_ctx *ctx, const config_setting_t *root,
                   struct conf *conf)
{
	int n = config_setting_length(root);
	size_t table;

	for (int i = 0; i < n; i++) {
		const config_setting_t *m =
		    config_setting_get_elem(root, (unsigned)i);
		if (conf_section_find(m->name) == NULL)
			conf_error(ctx, m, "unknown section \"%s\"", m->name);
	}
	CONF_FOR_EACH_SECTION(sec, table)
	{
		const config_setting_t *s =
		    config_setting_get_member(root, sec->name);
		ctx->group = NULL;
		ctx->where[0] = '\0';
		if (s == NULL && (sec->flags & CONF_REQUIRED)) {
			conf_error(ctx, NULL, "missing required section \"%s\"",
			           sec->name);
			continue;
		}
		if (sec->flags & CONF_LIST) {
			conf_read_list(ctx, sec, s, conf);
			continue;
		}
		snprintf(ctx->where, sizeof(ctx->where), "%s", sec->name);
		conf_read_group(ctx, sec, s, (char *)conf + sec->offset, conf);
	}
	conf_set_where(ctx, NULL, -1, NULL);
	/* Names are only worth resolving once each one parsed. */
	if (ctx->failed == 0)
		conf_check_references(ctx, root, conf);
}

static char *
conf_dirname(const char *path)
{
	const char *slash = strrchr(path, '/');

	if (slash == NULL)
		return strdup(".");
	if (slash == path)
		return strdup("/");
	return strndup(path, (size_t)(slash - path));
}

struct conf *
conf_load(const char *path, struct conf_errors *errors)
{
	struct conf_ctx ctx = {.path = path, .errors = errors};
	struct conf *conf = calloc(1, sizeof(*conf));
	config_t cfg;
	char line[1024];

	if (conf == NULL)
		return NULL;
	config_init(&cfg);
	/* @include "rules.conf" is found beside the file, not in the cwd. */
	ctx.dir = conf_dirname(path);
	config_set_include_dir(&cfg, ctx.dir);
	if (config_read_file(&cfg, path) != CONFIG_TRUE) {
		if (config_error_type(&cfg) == CONFIG_ERR_FILE_IO)
			snprintf(line, sizeof(line), "%s:0: cannot read: %s",
			         path, strerror(errno ? errno : ENOENT));
		else
			snprintf(
			    line, sizeof(line), "%s:%d: cannot parse: %s",
			    config_error_file(&cfg) ? config_error_file(&cfg)
			                            : path,
			    config_error_line(&cfg), config_error_text(&cfg));
		conf_errors_add(errors, line);
		config_destroy(&cfg);
		free(ctx.dir);
		free(conf);
		return NULL;
	}
	conf->path = strdup(path);
	conf_read_sections(&ctx, config_root_setting(&cfg), conf);
	config_destroy(&cfg);
	free(ctx.dir);
	if (ctx.failed > 0 || conf->path == NULL) {
		conf_free(conf);
		return NULL;
	}
	return conf;
}

static void
conf_free_fields(const struct conf_key *keys, char *base)
{
	for (; keys->name != NULL; keys++) {
		void *field = base + keys->offset;
		if (keys->kind == CONF_KIND_STRING) {
			free(*(char **)field);
		} else if (keys->kind == CONF_KIND_STRINGS) {
			struct conf_strings *list = field;
			for (size_t i = 0; i < list->n; i++)
				free(list->v[i]);
			free(list->v);
		}
	}
}

void
conf_free(struct conf *conf)
{
	size_t table;

	if (conf == NULL)
		return;
	CONF_FOR_EACH_SECTION(sec, table)
	{
		if (!(sec->flags & CONF_LIST)) {
			conf_free_fields(sec->keys, (char *)conf + sec->offset);
			continue;
		}
		char *array = *(char **)((char *)conf + sec->offset);
		size_t count = *(size_t *)((char *)conf + sec->count_offset);
		for (size_t i = 0; i < count; i++)
			conf_free_fields(sec->keys, array + i * sec->elem_size);
		free(array);
	}
	free(conf->path);
	free(conf);
}

void
conf_errors_free(struct conf_errors *errors)
{
	for (size_t i = 0; i < errors->n; i++)
		free(errors->v[i]);
	free(errors->v);
	errors->v = NULL;
	errors->n = 0;
}

const struct conf_mailbox *
conf_mailbox_find(const struct conf *conf, const char *name)
{
	for (size_t i = 0; i < conf->n_mailboxes; i++)
		if (strcmp(conf->mailboxes[i].name, name) == 0)
			return &conf->mailboxes[i];
	return NULL;
}
