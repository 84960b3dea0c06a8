/*
 * netwait.c -- see netwait.h.
 */
#include <errno.h>
#include <poll.h>
#include <time.h>

#include "netwait.h"

long
mono_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

int
fd_wait(int fd, short events, long deadline)
{
	for (;;) {
		int ms = -1;
		if (deadline > 0) {
			long left = deadline - mono_ms();
			if (left <= 0)
				return 0;
			/* (poll takes an int; a long wait is taken in parts) */
			ms = left > 60000 ? 60000 : (int)left;
		}
		struct pollfd p = { .fd = fd, .events = events };
		int r = poll(&p, 1, ms);
		if (r > 0)
			return 1;
		if (r < 0 && errno != EINTR)
			return -1;
	}
}

int
connect_by(int fd, const struct sockaddr *sa, socklen_t len, long deadline)
{
	int err = 0;
	socklen_t el = sizeof(err);

	if (connect(fd, sa, len) == 0)
		return 0;
	if (errno != EINPROGRESS)
		return -1;
	switch (fd_wait(fd, POLLOUT, deadline)) {
	case 0:
		errno = ETIMEDOUT;
		return -1;
	case -1:
		return -1;
	}
	if (getsockopt(fd, SOL_SOCKET, SO_ERROR, &err, &el) != 0)
		return -1;
	if (err != 0) {
		errno = err;
		return -1;
	}
	return 0;
}
