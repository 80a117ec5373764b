/*
 * sdnotify: systemd's readiness and watchdog protocol — one datagram of
 * "KEY=VALUE" lines to the socket named by NOTIFY_SOCKET.  This is the
 * self-contained sender systemd documents as a stable interface, so the
 * daemon does not need libsystemd.
 */
#ifndef COMPLAINTD_SDNOTIFY_H
#define COMPLAINTD_SDNOTIFY_H

/*
 * Sends state (e.g. "READY=1\nSTATUS=...") when NOTIFY_SOCKET is set.
 * Returns 1 when sent, 0 when not under systemd, -1 on error (errno).
 */
int sdnotify(const char *state);
int sdnotifyf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/*
 * The watchdog interval in microseconds systemd asked for (WATCHDOG_USEC,
 * when WATCHDOG_PID is unset or ours), or 0 when there is none.
 */
unsigned long long sdnotify_watchdog_usec(void);

#endif
