/*
 * rw_msg.h -- how the rewriting core reports errors.
 * The core never prints: it calls back with sendmail-style messages that
 * start with an SMTP reply code ("553 5.1.1 Address too long").  The owner
 * (cfc diagnostics, cfmta -bt printer, SMTP server) decides the rendering.
 */
#ifndef RT_RW_MSG_H
#define RT_RW_MSG_H

#include "log.h"

enum rw_msgkind {
	RWM_USRERR,	/* user error: prefixed with "to... " when applicable */
	RWM_SYSERR,	/* configuration/system error */
	RWM_MESSAGE,	/* informational (050) */
	RWM_PRINT	/* raw text to the output channel (no codes) */
};

struct rw_msgs {
	void	(*emit)(void *arg, enum rw_msgkind kind, const char *to,
		    const char *text);
	void	*arg;
};

/* t past an enhanced status code ("5.1.1 ") at its start, if any: what
 * sendmail's fmtmsg leaves of a reply text after its 3-digit code */
const char *rw_skip_dsncode(const char *t);
void rw_usrerr(const struct rw_msgs *m, const char *to, const char *fmt, ...)
    PRINTF_LIKE(3, 4);
void rw_syserr(const struct rw_msgs *m, const char *fmt, ...)
    PRINTF_LIKE(2, 3);
void rw_message(const struct rw_msgs *m, const char *to, const char *fmt, ...)
    PRINTF_LIKE(3, 4);

#endif /* RT_RW_MSG_H */
