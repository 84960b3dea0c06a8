/*
 * smtp_server.h -- the ESMTP server side of one connection (or of -bs on
 * stdin/stdout): commands, limits, policy rulesets, queueing.
 */
#ifndef RT_SMTP_SERVER_H
#define RT_SMTP_SERVER_H

#include <stdbool.h>

#include "mta.h"

struct tls_ctx;

struct smtp_peer {
	char	 addr[64];		/* ${client_addr}; "" for -bs */
	char	 name[MAXNAME + 1];	/* ${client_name} */
	char	 port[8];		/* ${client_port} */
	const char *resolve;		/* ${client_resolve}: OK FAIL ... */
	char	 ident[64];		/* its RFC 1413 user id, or "" */
	char	 daemon_name[64];	/* ${daemon_name} (Name=) */
	char	 daemon_addr[64];
	char	 daemon_port[8];
	const char *daemon_family;
	char	 modifiers[32];		/* DaemonPortOptions M= letters */
	bool	 local;			/* -bs: the user on stdin */
	/* counted by the daemon (-1: not counted, as in -bs) */
	int	 client_rate;		/* ${client_rate}: this address */
	int	 total_rate;		/* ${total_rate}: everybody */
	int	 client_conns;		/* ${client_connections} open now */
	int	 delayla;		/* DaemonPortOptions delayLA (0: DelayLA) */
};

/* run the conversation until QUIT or EOF; returns an exit status */
int	smtp_server_run(struct mta *mta, int rfd, int wfd,
	    const struct smtp_peer *peer, struct tls_ctx *tls);

/* smtp_vrfy.c: the reply lines ("250 2.1.5 ...\n" each) to VRFY
 * (vrfy) or EXPN arg, when PrivacyOptions allow the command */
void	smtp_vrfy(struct mta *mta, const char *arg, bool vrfy, struct buf *out);

/* the -bs entry point */
int	smtp_server_stdio(struct mta *mta);

#endif /* RT_SMTP_SERVER_H */
