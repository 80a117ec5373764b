/*
 * complaintd: the daemon.  Runs in the foreground under systemd
 * (Type=notify): reads the configuration, opens the store, starts the
 * mailbox and sender threads, then waits for signals — SIGHUP reloads,
 * SIGUSR1 polls now, SIGTERM/SIGINT stop.
 */
#include "conf.h"
#include "log.h"
#include "runtime.h"
#include "sdnotify.h"
#include "smtp.h"
#include "store.h"
#include "testknob.h"
#include "tlsverify.h"
#include "version.h"

#include <errno.h>
#include <getopt.h>
#include <limits.h>
#include <pthread.h>
#include <signal.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sysexits.h>
#include <time.h>
#include <unistd.h>

struct main_options {
	const char *config_path;
	bool check_config;
};

static void
main_usage(FILE *out)
{
	fprintf(out,
	        "usage: complaintd [-c FILE] [--check-config]\n"
	        "\n"
	        "The complaint desk daemon: fetches customer mail from IMAP, "
	        "turns it into\ntickets and answers them.  Runs in the "
	        "foreground; logs to stderr.\n"
	        "\n"
	        "  -c, --config FILE   configuration file (default %s)\n"
	        "  -t, --check-config  validate the configuration, print OK or "
	        "each error\n"
	        "                      as FILE:LINE: message, and exit\n"
	        "  -h, --help          show this help and exit\n"
	        "  -V, --version       show the version and exit\n"
	        "\n"
	        "Signals: HUP reloads the configuration, USR1 polls every "
	        "mailbox now,\nUSR2 looks at the SLA deadlines now, TERM or "
	        "INT stops.\n"
	        "Exit status: 0 stopped cleanly, 64 usage, 78 configuration "
	        "error,\n73 store cannot be opened, 71 system error.\n",
	        COMPLAINTD_CONFIG_PATH);
}

/* Returns -1 to go on, or the exit status. */
static int
main_parse_options(int argc, char **argv, struct main_options *opts)
{
	static const struct option longopts[] = {
	    {"config", required_argument, NULL, 'c'},
	    {"check-config", no_argument, NULL, 't'},
	    {"help", no_argument, NULL, 'h'},
	    {"version", no_argument, NULL, 'V'},
	    {NULL, 0, NULL, 0},
	};
	int ch;

	opts->config_path = COMPLAINTD_CONFIG_PATH;
	opts->check_config = false;
	while ((ch = getopt_long(argc, argv, "c:thV", longopts, NULL)) != -1) {
		switch (ch) {
		case 'c':
			opts->config_path = optarg;
			break;
		case 't':
			opts->check_config = true;
			break;
		case 'h':
			main_usage(stdout);
			return EX_OK;
		case 'V':
			printf("complaintd %s\n", COMPLAINTD_VERSION);
			return EX_OK;
		default:
			main_usage(stderr);
			return EX_USAGE;
		}
	}
	if (optind < argc) {
		fprintf(stderr, "complaintd: unexpected argument '%s'\n",
		        argv[optind]);
		main_usage(stderr);
		return EX_USAGE;
	}
	return -1;
}

/* --check-config: errors on stderr, one per line, "OK" on stdout. */
static int
main_check_config(const char *path)
{
	struct conf_errors errors = {0};
	struct conf *conf = conf_load_all(path, &errors);

	if (conf == NULL) {
		for (size_t i = 0; i < errors.n; i++)
			fprintf(stderr, "%s\n", errors.v[i]);
		conf_errors_free(&errors);
		return EX_CONFIG;
	}
	conf_free(conf);
	printf("OK\n");
	return EX_OK;
}

static struct conf *
main_load_config(const char *path)
{
	struct conf_errors errors = {0};
	struct conf *conf = conf_load_all(path, &errors);

	if (conf == NULL) {
		for (size_t i = 0; i < errors.n; i++)
			log_errx("config: %s", errors.v[i]);
		log_errx("complaintd: not starting: %zu error%s in the "
		         "configuration",
		         errors.n, errors.n == 1 ? "" : "s");
		conf_errors_free(&errors);
	}
	return conf;
}

/*
 * Opening the store at start-up creates or migrates the schema and turns a
 * missing, unwritable or corrupt database into one clear error now rather
 * than a failure in every thread later.
 */
static struct store *
main_open_store(const struct conf *conf)
{
	char *err = NULL;
	struct store *store = store_open(conf->store.path, &err);
	char qpath[PATH_MAX];

	if (store == NULL) {
		log_errx("store: %s; not starting", err ? err : "cannot open");
		free(err);
		return NULL;
	}
	log_info("store: opened path=%s schema_version=%d",
	         log_quote(qpath, sizeof(qpath), conf->store.path),
	         store_user_version(store));
	return store;
}

static long long
main_monotonic_usec(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (long long)ts.tv_sec * 1000000LL + ts.tv_nsec / 1000;
}

static void
main_notify_ready(const struct runtime *rt)
{
	char status[256];

	if (sdnotifyf("READY=1\nSTATUS=%s",
	              runtime_status(rt, status, sizeof(status))) == -1)
		log_warn("sdnotify: cannot tell systemd we are ready");
}

static void
main_notify(const char *state)
{
	if (sdnotify(state) == -1)
		log_warn("sdnotify: cannot send %s", state);
}

/* SIGHUP.  Returns false when the desk could not be brought back up. */
static bool
main_reload(struct runtime *rt)
{
	enum runtime_reload_result r;
	char qpath[PATH_MAX];

	log_info("complaintd: reloading event=config.reload file=%s",
	         log_quote(qpath, sizeof(qpath), rt->conf->path));
	if (sdnotifyf("RELOADING=1\nMONOTONIC_USEC=%lld\nSTATUS=Reloading",
	              main_monotonic_usec()) == -1)
		log_warn("sdnotify: cannot send RELOADING=1");
	r = runtime_reload(rt);
	if (r == RUNTIME_FAILED)
		return false;
	main_notify_ready(rt);
	return true;
}

static void
main_block_signals(sigset_t *set)
{
	sigemptyset(set);
	sigaddset(set, SIGTERM);
	sigaddset(set, SIGINT);
	sigaddset(set, SIGHUP);
	sigaddset(set, SIGUSR1);
	sigaddset(set, SIGUSR2);
	/* Threads inherit the mask, so only the main loop sees these. */
	pthread_sigmask(SIG_BLOCK, set, NULL);
	/* A peer that hangs up is an error return, not a dead daemon. */
	signal(SIGPIPE, SIG_IGN);
}

/*
 * Waits for the next signal, pinging the watchdog at half its interval.
 * Returns the signal number.
 */
static int
main_wait_signal(const sigset_t *set, unsigned long long watchdog_usec)
{
	struct timespec ts;
	int sig;

	if (watchdog_usec == 0) {
		while ((sig = sigwaitinfo(set, NULL)) == -1)
			;
		return sig;
	}
	ts.tv_sec = (time_t)(watchdog_usec / 2 / 1000000ULL);
	ts.tv_nsec = (long)(watchdog_usec / 2 % 1000000ULL) * 1000L;
	for (;;) {
		sig = sigtimedwait(set, NULL, &ts);
		if (sig > 0)
			return sig;
		if (errno == EAGAIN)
			main_notify("WATCHDOG=1");
	}
}

/* Returns the exit status. */
static int
main_loop(struct runtime *rt, const sigset_t *set)
{
	unsigned long long watchdog_usec = sdnotify_watchdog_usec();

	if (watchdog_usec > 0)
		main_notify("WATCHDOG=1");
	for (;;) {
		int sig = main_wait_signal(set, watchdog_usec);

		switch (sig) {
		case SIGHUP:
			if (!main_reload(rt))
				return EX_OSERR;
			break;
		case SIGUSR1:
			log_info(
			    "complaintd: poll requested event=daemon.wakeup "
			    "signal=USR1");
			runtime_wake(rt);
			break;
		case SIGUSR2:
			log_debug("complaintd: a ticket changed event=daemon."
			          "wakeup signal=USR2");
			runtime_wake_scheduler(rt);
			break;
		default:
			log_info("complaintd: stopping event=daemon.stopping "
			         "signal=%s",
			         sig == SIGINT ? "INT" : "TERM");
			return EX_OK;
		}
	}
}

static int
main_run(const char *config_path)
{
	struct runtime rt;
	struct conf *conf;
	struct store *store;
	unsigned char secret[STORE_SECRET_SIZE];
	sigset_t set;
	int status;
	char qpath[PATH_MAX];

	if ((conf = main_load_config(config_path)) == NULL)
		return EX_CONFIG;
	log_set_level(conf->log.level);
	/* The desk's time zone from the first line on: mail, notices and the
	 * log's timestamps read in it (the offset is in every timestamp). */
	setenv("TZ", conf->desk.timezone, 1);
	tzset();
	if ((store = main_open_store(conf)) == NULL) {
		conf_free(conf);
		return EX_CANTCREAT;
	}
	log_info("complaintd: starting event=daemon.started version=%s "
	         "config=%s mailboxes=%zu",
	         COMPLAINTD_VERSION,
	         log_quote(qpath, sizeof(qpath), conf->path),
	         conf->n_mailboxes);
	main_block_signals(&set);
	/* complaintctl signals this process (SIGUSR2) when it changes a
	 * ticket's deadlines. */
	if (store_secret(store, secret) != 0 ||
	    store_setting_put_int(store, "daemon_pid", (long long)getpid())) {
		log_errx("store: %s; not starting", store_error(store));
		store_close(store);
		conf_free(conf);
		return EX_CANTCREAT;
	}
	if (runtime_start(&rt, conf, secret) == -1) {
		store_close(store);
		return EX_OSERR;
	}
	main_notify_ready(&rt);
	status = main_loop(&rt, &set);
	main_notify("STOPPING=1\nSTATUS=Stopping");
	runtime_stop(&rt);
	store_close(store);
	log_info("complaintd: stopped event=daemon.stopped status=%d", status);
	return status;
}

int
main(int argc, char **argv)
{
	struct main_options opts;
	int status = main_parse_options(argc, argv, &opts);

	if (status != -1)
		return status;
	if (opts.check_config)
		return main_check_config(opts.config_path);
	log_init(LOG_LEVEL_INFO);
	testknob_init();
	if (tlsverify_init() != 0 || smtp_global_init() != 0) {
		log_errx("complaintd: cannot initialise GnuTLS or libcurl; not "
		         "starting");
		return EX_OSERR;
	}
	return main_run(opts.config_path);
}
