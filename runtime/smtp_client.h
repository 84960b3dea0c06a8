/*
 * smtp_client.h -- the client side of an SMTP conversation: connecting
 * (host names, [literal] addresses, a port), reading bounded multi-line
 * replies, EHLO with its extensions, STARTTLS.
 */
#ifndef RT_SMTP_CLIENT_H
#define RT_SMTP_CLIENT_H

#include <stdbool.h>

#include "buf.h"
#include "sio.h"

struct tls_ctx;

struct smtp_conn {
	struct sio	 io;
	int		 fd;
	bool		 esmtp, pipelining, eightbit, starttls, tls;
	bool		 dsn;		/* the server offers DSN (RFC 3461) */
	bool		 deliverby;	/* the server offers DELIVERBY (RFC 2852) */
	long		 maxsize;
	char		 peer[300];	/* "[addr]" or "name [addr]" for stat= */
};

/* connect to host (name or [addr]) on port; false with why */
bool	smtpc_connect(struct smtp_conn *c, const char *host, const char *port,
	    int timeout_ms, char *why, size_t whysz);
void	smtpc_close(struct smtp_conn *c);

/*
 * Read one reply (all its lines); returns the code (100..599), or -1 on
 * I/O error / garbage.  text gets the last line ("250 2.0.0 ok").
 */
int	smtpc_reply(struct smtp_conn *c, struct buf *text);
/* send a command line (CRLF added) and read the reply */
int	smtpc_cmd(struct smtp_conn *c, struct buf *text, const char *fmt, ...)
	    PRINTF_LIKE(3, 4);
/* greeting, EHLO (HELO fallback), STARTTLS when offered and ctx given */
int	smtpc_hello(struct smtp_conn *c, const char *myname,
	    struct tls_ctx *tls, const char *servername, struct buf *text);

#endif /* RT_SMTP_CLIENT_H */
