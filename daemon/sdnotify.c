/* sdnotify: the notify datagram and the watchdog settings. */
#include "sdnotify.h"

#include <errno.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

int
sdnotify(const char *state)
{
	const char *path = getenv("NOTIFY_SOCKET");
	struct sockaddr_un sun = {.sun_family = AF_UNIX};
	size_t len;
	socklen_t addrlen;
	ssize_t sent;
	int fd;

	if (path == NULL || path[0] == '\0')
		return 0;
	len = strlen(path);
	/* Only absolute paths and abstract sockets ("@name") are valid. */
	if ((path[0] != '/' && path[0] != '@') || len >= sizeof(sun.sun_path)) {
		errno = EINVAL;
		return -1;
	}
	memcpy(sun.sun_path, path, len);
	if (path[0] == '@')
		sun.sun_path[0] = '\0';
	addrlen = (socklen_t)(offsetof(struct sockaddr_un, sun_path) + len);
	fd = socket(AF_UNIX, SOCK_DGRAM | SOCK_CLOEXEC, 0);
	if (fd < 0)
		return -1;
	sent = sendto(fd, state, strlen(state), MSG_NOSIGNAL,
	              (struct sockaddr *)&sun, addrlen);
	close(fd);
	return sent < 0 ? -1 : 1;
}

int
sdnotifyf(const char *fmt, ...)
{
	char buf[1024];
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(buf, sizeof(buf), fmt, ap);
	va_end(ap);
	if (n < 0 || (size_t)n >= sizeof(buf)) {
		errno = EMSGSIZE;
		return -1;
	}
	return sdnotify(buf);
}

unsigned long long
sdnotify_watchdog_usec(void)
{
	const char *usec = getenv("WATCHDOG_USEC");
	const char *pid = getenv("WATCHDOG_PID");
	unsigned long long v;
	char *end;

	if (usec == NULL)
		return 0;
	if (pid != NULL && strtol(pid, NULL, 10) != (long)getpid())
		return 0;
	errno = 0;
	v = strtoull(usec, &end, 10);
	if (errno != 0 || *end != '\0' || end == usec)
		return 0;
	return v;
}
