/*
 * netwait.h -- waiting on sockets with deadlines (a monotonic clock in
 * milliseconds): connect and readiness bounded in time, for the SMTP
 * client and the daemon's ident query.
 */
#ifndef CFRT_NETWAIT_H
#define CFRT_NETWAIT_H

#include <poll.h>		/* POLLIN, POLLOUT for fd_wait */
#include <sys/socket.h>

/* now on the monotonic clock, in milliseconds */
long	mono_ms(void);

/*
 * Wait until fd is ready for events (POLLIN, POLLOUT) or the deadline
 * (mono_ms() time; 0: none) passes: 1 ready, 0 timed out, -1 error.
 */
int	fd_wait(int fd, short events, long deadline);

/*
 * connect(2) non-blocking socket fd to sa before the deadline (0: as
 * long as the kernel tries): 0, or -1 with errno (ETIMEDOUT when the
 * deadline passed).
 */
int	connect_by(int fd, const struct sockaddr *sa, socklen_t len,
	    long deadline);

#endif
