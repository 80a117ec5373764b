/* worker: thread start, wake-up and stop for the fetchers and the sender. */
#include "worker.h"

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

static void *
worker_main(void *arg)
{
	struct worker *w = arg;
	char name[16];

	/* Named threads show in top -H, ps -L and perf; 15 bytes at most. */
	snprintf(name, sizeof(name), "%.15s", w->name);
	pthread_setname_np(pthread_self(), name);
	w->run(w);
	return NULL;
}

int
worker_start(struct worker *w, const char *name, void (*run)(struct worker *w),
             void *arg)
{
	int rc;

	memset(w, 0, sizeof(*w));
	snprintf(w->name, sizeof(w->name), "%s", name);
	w->run = run;
	w->arg = arg;
	atomic_init(&w->stopping, false);
	if (pipe2(w->wake_pipe, O_CLOEXEC | O_NONBLOCK) != 0)
		return -1;
	rc = pthread_create(&w->thread, NULL, worker_main, w);
	if (rc != 0) {
		close(w->wake_pipe[0]);
		close(w->wake_pipe[1]);
		errno = rc;
		return -1;
	}
	w->running = true;
	return 0;
}

void
worker_wake(struct worker *w)
{
	static const char byte = 'w';

	/* A full pipe already holds a pending wake-up; EAGAIN is fine. */
	if (w->running && write(w->wake_pipe[1], &byte, 1) < 0 &&
	    errno != EAGAIN)
		return;
}

void
worker_stop(struct worker *w)
{
	atomic_store(&w->stopping, true);
	worker_wake(w);
}

void
worker_join(struct worker *w)
{
	if (w == NULL || !w->running)
		return;
	pthread_join(w->thread, NULL);
	close(w->wake_pipe[0]);
	close(w->wake_pipe[1]);
	w->running = false;
}

int
worker_join_timeout(struct worker *w, long timeout_ms)
{
	struct timespec deadline;

	if (w == NULL || !w->running)
		return 0;
	clock_gettime(CLOCK_REALTIME, &deadline);
	deadline.tv_sec += timeout_ms / 1000;
	deadline.tv_nsec += (timeout_ms % 1000) * 1000000L;
	if (deadline.tv_nsec >= 1000000000L) {
		deadline.tv_sec++;
		deadline.tv_nsec -= 1000000000L;
	}
	if (pthread_timedjoin_np(w->thread, NULL, &deadline) != 0)
		return -1;
	close(w->wake_pipe[0]);
	close(w->wake_pipe[1]);
	w->running = false;
	return 0;
}

bool
worker_stopping(struct worker *w)
{
	return atomic_load(&w->stopping);
}

int
worker_wake_fd(const struct worker *w)
{
	return w->wake_pipe[0];
}

static void
worker_drain(struct worker *w)
{
	char buf[64];

	while (read(w->wake_pipe[0], buf, sizeof(buf)) > 0)
		;
}

enum worker_wait_result
worker_wait_fd(struct worker *w, int fd, long timeout_ms)
{
	struct pollfd pfd[2] = {{.fd = w->wake_pipe[0], .events = POLLIN},
	                        {.fd = fd, .events = POLLIN}};
	int n;

	if (worker_stopping(w))
		return WORKER_STOPPING;
	do {
		n = poll(pfd, fd >= 0 ? 2 : 1,
		         timeout_ms > (long)INT32_MAX ? INT32_MAX
		                                      : (int)timeout_ms);
	} while (n < 0 && errno == EINTR);
	if (worker_stopping(w))
		return WORKER_STOPPING;
	if (n > 0 && pfd[0].revents != 0) {
		worker_drain(w);
		return WORKER_WOKEN;
	}
	if (n > 0 && fd >= 0 && pfd[1].revents != 0)
		return WORKER_FD_READY;
	return WORKER_TIMEOUT;
}

enum worker_wait_result
worker_wait(struct worker *w, long timeout_ms)
{
	return worker_wait_fd(w, -1, timeout_ms);
}
