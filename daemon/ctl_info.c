/* ctl_info: "info" and "check-config" — the desk as configured. */
#include "ctl.h"
#include "version.h"

#include <stdio.h>
#include <sysexits.h>

int
ctl_cmd_check_config(const struct ctl_options *opts, int argc, char **argv)
{
	struct ctl ctl;
	int status;

	(void)argv;
	if (argc != 1) {
		fprintf(stderr, "complaintctl: check-config takes no "
		                "arguments\n");
		return EX_USAGE;
	}
	struct conf_errors errors = {0};

	if ((status = ctl_open(opts, false, &ctl)) != 0)
		return status;
	if (conf_check_templates(ctl.conf, &errors) != 0) {
		for (size_t i = 0; i < errors.n; i++)
			fprintf(stderr, "%s\n", errors.v[i]);
		conf_errors_free(&errors);
		ctl_close(&ctl);
		return EX_CONFIG;
	}
	ctl_close(&ctl);
	printf(opts->json ? "{\"ok\":true}\n" : "OK\n");
	return EX_OK;
}

static const char *const ctl_tls_names[] = {"implicit", "starttls", "none"};

static void
ctl_info_json(const struct conf *conf, int schema_version)
{
	printf("{\"version\":");
	ctl_json_string(stdout, COMPLAINTD_VERSION);
	printf(",\"config\":");
	ctl_json_string(stdout, conf->path);
	printf(",\"desk\":");
	ctl_json_string(stdout, conf->desk.name);
	printf(",\"store\":");
	ctl_json_string(stdout, conf->store.path);
	printf(",\"schema_version\":%d,\"mailboxes\":[", schema_version);
	for (size_t i = 0; i < conf->n_mailboxes; i++) {
		const struct conf_mailbox *mb = &conf->mailboxes[i];

		printf("%s{\"name\":", i ? "," : "");
		ctl_json_string(stdout, mb->name);
		printf(",\"host\":");
		ctl_json_string(stdout, mb->host);
		printf(",\"port\":%d,\"tls\":\"%s\",\"folder\":", mb->port,
		       ctl_tls_names[mb->tls]);
		ctl_json_string(stdout, mb->folder);
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

int
ctl_cmd_info(const struct ctl_options *opts, int argc, char **argv)
{
	struct ctl ctl;
	int status;

	(void)argv;
	if (argc != 1) {
		fprintf(stderr, "complaintctl: info takes no arguments\n");
		return EX_USAGE;
	}
	if ((status = ctl_open(opts, true, &ctl)) != 0)
		return status;
	if (opts->json)
		ctl_info_json(ctl.conf, store_user_version(ctl.store));
	else
		ctl_info_table(ctl.conf, store_user_version(ctl.store));
	ctl_close(&ctl);
	return EX_OK;
}
