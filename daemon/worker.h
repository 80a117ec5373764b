/*
 * worker: a thread that sleeps until a deadline, a wake-up or a stop
 * request.  The wake-up is a pipe rather than a condition variable so a
 * thread blocked on a socket (IMAP IDLE) can poll both at once.
 */
#ifndef COMPLAINTD_WORKER_H
#define COMPLAINTD_WORKER_H

#include <pthread.h>
#include <stdatomic.h>
#include <stdbool.h>

struct worker {
	pthread_t thread;
	int wake_pipe[2];
	atomic_bool stopping;
	bool running;
	char name[64];
	void (*run)(struct worker *w);
	void *arg; /* borrowed; the owner keeps it alive until worker_join */
};

enum worker_wait_result {
	WORKER_TIMEOUT,
	WORKER_WOKEN,
	WORKER_STOPPING,
	WORKER_FD_READY, /* worker_wait_fd: the other fd is readable */
};

/*
 * Starts a thread running run(w).  w must stay in place until worker_join.
 * Returns 0, or -1 with errno set (nothing to clean up then).
 */
int worker_start(struct worker *w, const char *name,
                 void (*run)(struct worker *w), void *arg);

/* Ask the thread to look at its work now; safe from any thread. */
void worker_wake(struct worker *w);

/* Ask the thread to finish what it is doing and return. */
void worker_stop(struct worker *w);

/* Waits for the thread to return and releases the pipe; NULL-safe. */
void worker_join(struct worker *w);

/*
 * Waits up to timeout_ms for the thread to return.  Returns 0 when it has
 * (the pipe is released), -1 when it is still running; the caller may
 * then exit the process but must keep what the thread uses alive.
 */
int worker_join_timeout(struct worker *w, long timeout_ms);

bool worker_stopping(struct worker *w);

/* The fd that becomes readable on a wake-up or stop, for poll(2). */
int worker_wake_fd(const struct worker *w);

/*
 * Sleeps up to timeout_ms (-1: no limit) or until woken or stopped; a
 * wake-up that came while the thread was busy is not lost.
 */
enum worker_wait_result worker_wait(struct worker *w, long timeout_ms);

/* As worker_wait, but also returns WORKER_FD_READY when fd is readable
 * (or hung up). */
enum worker_wait_result worker_wait_fd(struct worker *w, int fd,
                                       long timeout_ms);

#endif
