/*
 * complaintctl: the desk's command line for agents and admins.  It works
 * on the same configuration and store as the daemon, which may be running
 * at the same time (the store is WAL with a busy timeout).
 */
#include "ctl.h"
#include "version.h"

#include <getopt.h>
#include <locale.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sysexits.h>

struct ctl_command {
	const char *name;
	const char *summary;
	int (*run)(const struct ctl_options *opts, int argc, char **argv);
};

static const struct ctl_command ctl_commands[] = {
    {"list", "list tickets, filtered and sorted (list --help for the options)",
     ctl_cmd_list},
    {"show", "show a ticket: ID", ctl_cmd_show},
    {"reply",
     "answer the customer: ID [-m TEXT | -f FILE | -] [--as AGENT] "
     "($EDITOR without text)",
     ctl_cmd_reply},
    {"status", "move a ticket: ID open|pending|resolved|closed [--as AGENT]",
     ctl_cmd_status},
    {"assign", "give a ticket to an agent: ID AGENT [--force] [--as AGENT]",
     ctl_cmd_assign},
    {"take", "take a ticket yourself: ID [--force] [--as AGENT]", ctl_cmd_take},
    {"note", "an internal note: ID (-m TEXT | -f FILE | -) [--as AGENT]",
     ctl_cmd_note},
    {"reopen", "a resolved or closed ticket open again: ID [--as AGENT]",
     ctl_cmd_reopen},
    {"tag", "show or change tags: ID [+TAG|-TAG ...] [--as AGENT]",
     ctl_cmd_tag},
    {"merge", "a duplicate into another ticket: DUPLICATE INTO [--as AGENT]",
     ctl_cmd_merge},
    {"attachment", "an attachment's bytes: get ID [-o FILE | -o -]",
     ctl_cmd_attachment},
    {"sla", "tickets at risk or breached, with business time left",
     ctl_cmd_sla},
    {"report",
     "the desk's figures: [--from DATE] [--to DATE] [--by GROUP] "
     "[--format table|json|csv|html]",
     ctl_cmd_report},
    {"classify",
     "what the desk would decide about FILE.eml, and why; stores nothing",
     ctl_cmd_classify},
    {"reclassify",
     "correct a ticket: ID [--category C] [--severity S] [--as AGENT]",
     ctl_cmd_reclassify},
    {"train", "teach the model from LABELS.tsv (FILE, CATEGORY, SEVERITY)",
     ctl_cmd_train},
    {"agent", "list agents; away NAME; back NAME", ctl_cmd_agent},
    {"customer", "show a customer: ADDRESS [--tier T] [--owner AGENT]",
     ctl_cmd_customer},
    {"ingest", "store one raw mail from FILE or stdin (-) [--mailbox M]",
     ctl_cmd_ingest},
    {"quarantine", "list mail that needs a look; reprocess ID",
     ctl_cmd_quarantine},
    {"outbox", "list queued and failed mail [--all]; retry ID; cancel ID",
     ctl_cmd_outbox},
    {"metrics", "counters and gauges in Prometheus' text format (or --json)",
     ctl_cmd_metrics},
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
	        "\nExit status: 0 success, 1 no such ticket or entry, 2 not "
	        "allowed now\n(a ticket already so), 64 usage, 65 input is "
	        "not mail, 66 input cannot be read, 73 "
	        "store cannot be opened,\n75 temporary failure (try again), "
	        "78 configuration error.\n",
	        COMPLAINTD_CONFIG_PATH);
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

/*
 * "--json" (or "-j") is accepted after the command too, as in
 * "complaintctl show 12 --json"; it is taken out before the command
 * parses its own arguments.  Returns the new argc.
 */
static int
ctl_take_json(int argc, char **argv, struct ctl_options *opts)
{
	int out = 0;

	for (int i = 0; i < argc; i++) {
		if (strcmp(argv[i], "--") == 0) {
			while (i < argc)
				argv[out++] = argv[i++];
			break;
		}
		if (strcmp(argv[i], "--json") == 0 ||
		    strcmp(argv[i], "-j") == 0) {
			opts->json = true;
			continue;
		}
		argv[out++] = argv[i];
	}
	argv[out] = NULL;
	return out;
}

int
main(int argc, char **argv)
{
	struct ctl_options opts;
	int status = ctl_parse_options(argc, argv, &opts);

	if (status != -1)
		return status;
	/* Widths of CJK text in tables; the desk's data is UTF-8. */
	setlocale(LC_CTYPE, "C.UTF-8");
	if (optind >= argc) {
		ctl_usage(stderr);
		return EX_USAGE;
	}
	for (const struct ctl_command *c = ctl_commands; c->name; c++) {
		if (strcmp(c->name, argv[optind]) != 0)
			continue;
		argc = ctl_take_json(argc - optind, argv + optind, &opts);
		argv += optind;
		/* Commands run getopt again on their own arguments. */
		optind = 0;
		return c->run(&opts, argc, argv);
	}
	fprintf(stderr,
	        "complaintctl: unknown command '%s' (see "
	        "complaintctl --help)\n",
	        argv[optind]);
	return EX_USAGE;
}
