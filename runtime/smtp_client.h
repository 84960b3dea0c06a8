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

/* sendmail's client-side Timeout.* values, in seconds (0: no limit) */
struct smtpc_timeouts {
	long	 connect;	/* each connect(2) (iconnect on a first try) */
	long	 aconnect;	/* all connection attempts of one delivery */
	long	 initial, helo, starttls, mail, rcpt, datainit, datablock,
		 datafinal, rset, quit;
};

/*
 * -v: what sendmail shows of a delivery on standard output -- the
 * connection attempts, the commands (">>> ") and the replies; set
 * before smtpc_connect, which keeps it
 */
struct smtpc_show {
	bool		 on;
	const char	*who;		/* the recipients, "a,b" */
	const char	*via;		/* the mailer's name */
	bool		 port;		/* the mailer names its port: shown */
};

struct smtp_conn {
	struct sio	 io;
	struct smtpc_timeouts tmo;
	int		 fd;
	bool		 esmtp, pipelining, eightbit, starttls, tls;
	bool		 dsn;		/* the server offers DSN (RFC 3461) */
	bool		 deliverby;	/* the server offers DELIVERBY (RFC 2852) */
	bool		 auth;		/* the server offers AUTH (RFC 4954) */
	struct smtpc_show show;
	long		 maxsize;
	char		 peer[300];	/* "[addr]" or "name [addr]" for stat= */
	char		 host[256];	/* the host connected to, as named */
};

/*
 * Connect to the first of hosts (names or [addr]s, in order: the MX list)
 * that answers on port, within the timeouts t.  False with why: an SMTP
 * text ("Connection refused by host"; "5.1.2 Host unknown ..." when
 * every host is unknown).
 */
bool	smtpc_connect(struct smtp_conn *c, char *const *hosts, int nhosts,
	    const char *port, const struct smtpc_timeouts *t, char *why,
	    size_t whysz);
/* the wait for the next reply (or write), in seconds; 0: no limit */
void	smtpc_settimeout(struct smtp_conn *c, long secs);
void	smtpc_close(struct smtp_conn *c);

/*
 * Read one reply (all its lines); returns the code (100..599), or -1 on
 * I/O error / garbage.  text gets the last line ("250 2.0.0 ok").
 */
int	smtpc_reply(struct smtp_conn *c, struct buf *text);
/* queue one command line (PIPELINING: sent with the next flush) */
void	smtpc_send(struct smtp_conn *c, const char *line);
/* send a command line (CRLF added) and read the reply */
int	smtpc_cmd(struct smtp_conn *c, struct buf *text, const char *fmt, ...)
	    PRINTF_LIKE(3, 4);
/* greeting, EHLO (HELO fallback), STARTTLS when offered and ctx given */
int	smtpc_hello(struct smtp_conn *c, const char *myname,
	    struct tls_ctx *tls, const char *servername, struct buf *text);

#endif /* RT_SMTP_CLIENT_H */
