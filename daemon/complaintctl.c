/*
 * complaintctl: the desk's command line for agents and admins.  It works
 * on the same configuration and store as the daemon, which may be running
 * at the same time (the store is WAL with a busy timeout).
 */
#include "conf.h"
#include "store.h"
#include "version.h"

#include <getopt.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sysexits.h>

struct ctl_options {
	const char *config_path;
	bool json;
};

struct ctl_command {
	const char *name;
	const char *summary;
	int (*run)(const struct ctl_options *opts, int argc, char **argv);
};

static int ctl_cmd_info(const struct ctl_options *opts, int argc, char **argv);
static int ctl_cmd_check_config(const struct ctl_options *opts, int argc,
                                char **argv);

static const struct ctl_command ctl_commands[] = {
    {"info", "show the desk, its mailboxes and the store", ctl_cmd_info},
    {"check-config", "validate the configuration file", ctl_cmd_check_config},
    {NULL, NULL, NULL},
};

static void
ctl_usage(FILE *out)
{
	fprintf(out, "usage: complaintctl [-c FILE] [--json] COMMAND [ARGS]\n"
	             "\n"
	             "Commands:\n");
	for (const struct ctl_command *c = ctl_commands; c->name; c++)
		fprintf(out, "  %-14s %s\n", c->name, c->summary);
	fprintf(out,
	        "\nOptions:\n"
	        "  -c, --config FILE  configuration file (default %s)\n"
	        "  -j, --json         machine-readable output\n"
	        "  -h, --help         show this help and exit\n"
	        "  -V, --version      show the version and exit\n"
	        "\nExit status: 0 success, 64 usage, 78 configuration error, "
	        "73 store cannot\nbe opened.\n",
	        COMPLAINTD_CONFIG_PATH);
}

static struct conf *
ctl_load_config(const char *path)
{
	struct conf_errors errors = {0};
	struct conf *conf = conf_load(path, &errors);

	if (conf == NULL) {
		for (size_t i = 0; i < errors.n; i++)
			fprintf(stderr, "%s\n", errors.v[i]);
		conf_errors_free(&errors);
	}
	return conf;
}

static int
ctl_cmd_check_config(const struct ctl_options *opts, int argc, char **argv)
{
	struct conf *conf;

	(void)argv;
	if (argc != 1) {
		fprintf(stderr, "complaintctl: check-config takes no "
		                "arguments\n");
		return EX_USAGE;
	}
	if ((conf = ctl_load_config(opts->config_path)) == NULL)
		return EX_CONFIG;
	conf_free(conf);
	printf(opts->json ? "{\"ok\":true}\n" : "OK\n");
	return EX_OK;
}

/* Writes s as a JSON string. */
static void
ctl_json_string(const char *s)
{
	putchar('"');
	for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
		if (*p == '"' || *p == '\\')
			printf("\\%c", *p);
		else if (*p < 0x20)
			printf("\\u%04x", *p);
		else
			putchar(*p);
	}
	putchar('"');
}

static const char *const ctl_tls_names[] = {"implicit", "starttls", "none"};

static void
ctl_info_json(const struct conf *conf, int schema_version)
{
	printf("{\"version\":");
	ctl_json_string(COMPLAINTD_VERSION);
	printf(",\"config\":");
	ctl_json_string(conf->path);
	printf(",\"desk\":");
	ctl_json_string(conf->desk.name);
	printf(",\"store\":");
	ctl_json_string(conf->store.path);
	printf(",\"schema_version\":%d,\"mailboxes\":[", schema_version);
	for (size_t i = 0; i < conf->n_mailboxes; i++) {
		const struct conf_mailbox *mb = &conf->mailboxes[i];

		printf("%s{\"name\":", i ? "," : "");
		ctl_json_string(mb->name);
		printf(",\"host\":");
		ctl_json_string(mb->host);
		printf(",\"port\":%d,\"tls\":\"%s\",\"folder\":", mb->port,
		       ctl_tls_names[mb->tls]);
		ctl_json_string(mb->folder);
		printf("}");
	}
	printf("]}\n");
}

static void
ctl_info_table(const struct conf *conf, int schema_version)
{
	printf("%-15s %s\n", "version", COMPLAINTD_VERSION);
	printf("%-15s %s\n", "config", conf->path);
	printf("%-15s %s\n", "desk", conf->desk.name);
	printf("%-15s %s\n", "store", conf->store.path);
	printf("%-15s %d\n", "schema version", schema_version);
	printf("%-15s %zu\n", "mailboxes", conf->n_mailboxes);
	if (conf->n_mailboxes == 0)
		return;
	printf("\n%-16s %-30s %5s %-8s %s\n", "MAILBOX", "HOST", "PORT", "TLS",
	       "FOLDER");
	for (size_t i = 0; i < conf->n_mailboxes; i++) {
		const struct conf_mailbox *mb = &conf->mailboxes[i];

		printf("%-16s %-30s %5d %-8s %s\n", mb->name, mb->host,
		       mb->port, ctl_tls_names[mb->tls], mb->folder);
	}
}

static int
ctl_cmd_info(const struct ctl_options *opts, int argc, char **argv)
{
	struct conf *conf;
	struct store *store;
	char *err = NULL;

	(void)argv;
	if (argc != 1) {
		fprintf(stderr, "complaintctl: info takes no arguments\n");
		return EX_USAGE;
	}
	if ((conf = ctl_load_config(opts->config_path)) == NULL)
		return EX_CONFIG;
	if ((store = store_open(conf->store.path, &err)) == NULL) {
		fprintf(stderr, "complaintctl: %s\n",
		        err ? err
		            : "cannot open "
		              "the store");
		free(err);
		conf_free(conf);
		return EX_CANTCREAT;
	}
	if (opts->json)
		ctl_info_json(conf, store_user_version(store));
	else
		ctl_info_table(conf, store_user_version(store));
	store_close(store);
	conf_free(conf);
	return EX_OK;
}

/* Returns -1 to go on, or the exit status. */
static int
ctl_parse_options(int argc, char **argv, struct ctl_options *opts)
{
	static const struct option longopts[] = {
	    {"config", required_argument, NULL, 'c'},
	    {"json", no_argument, NULL, 'j'},
	    {"help", no_argument, NULL, 'h'},
	    {"version", no_argument, NULL, 'V'},
	    {NULL, 0, NULL, 0},
	};
	int ch;

	opts->config_path = COMPLAINTD_CONFIG_PATH;
	opts->json = false;
	/* "+": options after the command belong to the command. */
	while ((ch = getopt_long(argc, argv, "+c:jhV", longopts, NULL)) != -1) {
		switch (ch) {
		case 'c':
			opts->config_path = optarg;
			break;
		case 'j':
			opts->json = true;
			break;
		case 'h':
			ctl_usage(stdout);
			return EX_OK;
		case 'V':
			printf("complaintctl %s\n", COMPLAINTD_VERSION);
			return EX_OK;
		default:
			ctl_usage(stderr);
			return EX_USAGE;
		}
	}
	return -1;
}

int
main(int argc, char **argv)
{
	struct ctl_options opts;
	int status = ctl_parse_options(argc, argv, &opts);

	if (status != -1)
		return status;
	if (optind >= argc) {
		ctl_usage(stderr);
		return EX_USAGE;
	}
	for (const struct ctl_command *c = ctl_commands; c->name; c++)
		if (strcmp(c->name, argv[optind]) == 0)
			return c->run(&opts, argc - optind, argv + optind);
	fprintf(stderr,
	        "complaintctl: unknown command '%s' (see "
	        "complaintctl --help)\n",
	        argv[optind]);
	return EX_USAGE;
}
