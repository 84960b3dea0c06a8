/*
 * maillog.h -- the mail log: one syslog line per event, facility mail,
 * worded and levelled as sendmail 8.17 logs them (op.txt "Log Level"),
 * so that log tools written for sendmail (pflogsumm-like summaries,
 * fail2ban filters) read ours.  Nothing is logged until maillog_open;
 * the address test mode never opens it.
 */
#ifndef RT_MAILLOG_H
#define RT_MAILLOG_H

#include <stdbool.h>
#include <time.h>

#include "buf.h"
#include "log.h"

/* the LogLevel at which each event is logged (sendmail's, as measured) */
enum {
	ML_LOST		= 2,	/* lost input channel */
	ML_REJECT	= 4,	/* check_* rejections, unknown users */
	ML_FROM		= 5,	/* from=: a message received */
	ML_DSN		= 6,	/* a DSN created; no MAIL in a session */
	ML_RCPTFLOOD	= 6,	/* BadRcptThrottle reached */
	ML_VRFY		= 6,	/* VRFY, EXPN, ETRN and their arguments */
	ML_ATTACK	= 6,	/* a command repeated too often */
	ML_FAILED	= 7,	/* to=: permanent failure */
	ML_SENT		= 8,	/* to=: delivered */
	ML_DEFERRED	= 9,	/* to=: deferred; STARTTLS=server */
	ML_DONE		= 10,	/* done; connect from (-bs); AUTH=server */
	ML_CONNECT	= 12,	/* connect from (network) */
	ML_COMMANDS	= 15	/* every SMTP command and reply */
};

/* syslog severities used (RFC 5424 numbers, as <syslog.h>) */
enum {
	ML_ERR		= 3,
	ML_WARNING	= 4,
	ML_NOTICE	= 5,
	ML_INFO		= 6
};

/*
 * Start logging: ident is the -L tag (NULL: "cfmta"), level the
 * LogLevel option.  The socket is /dev/log unless the environment
 * variable CFMTA_SYSLOG_SOCKET names another one (a test hook; ignored
 * in a set-id process).
 */
void	maillog_open(const char *ident, int level);
/* a new LogLevel (a reloaded configuration) */
void	maillog_setlevel(int level);
/* is an event of this level logged? */
bool	maillog_on(int level);

/* "id: text", or "text" when id is NULL; "NOQUEUE" for a missing id */
void	maillog(int level, int sev, const char *id, const char *fmt, ...)
	    PRINTF_LIKE(4, 5);

/* the value of the first Message-Id: in a header block (LF lines) */
void	maillog_msgid(const char *hdrs, struct buf *out);

/* from=SENDER (as given: "<a@b>" by SMTP, "user" locally), size=,
 * class=0, nrcpts=, msgid=, bodytype=, proto=, daemon=, relay= (a NULL
 * or empty field is left out, as sendmail does) */
struct maillog_from {
	const char	*id, *sender;
	long		 size;
	int		 nrcpts, class;
	const char	*msgid, *bodytype, *proto, *daemon, *relay;
};
void	maillog_from(const struct maillog_from *f);

/* to=, delay=, xdelay=, mailer=, pri=, relay=, dsn=, reply=, stat=;
 * the level follows from the status: 2.x.x sent, 4.x.x deferred,
 * anything else failed */
struct maillog_to {
	const char	*id, *to, *ctladdr;
	time_t		 queued, start;	/* message queued, attempt began */
	const char	*mailer;
	long		 pri;
	const char	*relay, *dsn, *reply, *stat;
	bool		 noattempt;	/* stat=queued: no xdelay=, logged
					   at the deferred level */
};
void	maillog_to(const struct maillog_to *t);

/* ruleset=NAME, arg1=, [arg2=,] relay=, reject=REPLY (or "discard") */
void	maillog_reject(const char *id, const char *ruleset, const char *arg1,
	    const char *arg2, const char *relay, const char *reply);

/*
 * sendmail's stat= words for a permanent failure with diagnostic diag
 * ("550 5.1.1 ..."): "User unknown", "Service unavailable" (from an
 * SMTP server when smtp is set), or the text of diag; also the text of
 * the "DSN:" line
 */
void	maillog_failtext(const char *diag, bool smtp, struct buf *out);

/* the text of a reply without its code and enhanced code */
const char *maillog_replytext(const char *reply);

/* "00:00:01" or "1+02:03:04", as sendmail's pintvl */
void	maillog_interval(long secs, char *out, size_t outsz);

#endif /* RT_MAILLOG_H */
