/*
 * deliver.h -- delivering queued messages: each pending recipient is
 * resolved through rulesets 3,0 to a mailer triple and handed to the
 * mailer (deliver_local.c: P= program, deliver_smtp.c: [IPC]).  Failures
 * are either retried (temporary) or bounced to the sender (bounce.c).
 */
#ifndef RT_DELIVER_H
#define RT_DELIVER_H

#include <stdbool.h>
#include <stdio.h>

#include "buf.h"
#include "mta.h"
#include "queue_fs.h"

/* outcome of one delivery attempt for a recipient */
enum dlv_stat {
	DLV_OK,
	DLV_TEMP,
	DLV_PERM
};

struct dlv_result {
	enum dlv_stat	 st;
	char		 text[512];	/* "550 5.1.1 ..." or stat= text */
	char		 relay[300];	/* SMTP: "name [addr]" for the log */
	bool		 rcpt;		/* SMTP: the refusal of its own RCPT
					   (logged alone, not with the rest) */
	/* SMTP: the next hop offered DSN (NOTIFY went on); its RCPT reply */
	bool		 hopdsn;
	char		 rcptreply[256];
	/* SMTP, for a DSN's transcript: the command the next hop refused
	 * ("" if none), the session (conn) and the order of the RCPTs */
	char		 cmd[320];
	unsigned	 conn, seq;
};

/*
 * Attempt every pending recipient of queued message id (locking it);
 * returns the number of recipients still pending, or -1 if the message
 * is locked by someone else or unreadable.
 */
int	deliver_queued(struct mta *mta, const char *qdir, const char *id);

/* after a message has been accepted: honour DeliveryMode */
void	deliver_after_accept(struct mta *mta, const char *qdir,
	    const char *id);

/* deliver_local.c: run the mailer program with the message on stdin */
/* uid, gid: who the program runs as (-1: the mailer's U= or DefaultUser) */
void	deliver_prog(struct mta *mta, const struct cf_mailer *m,
	    const char *host, const char *user, long uid, long gid,
	    struct q_env *e, FILE *df, struct dlv_result *r);
/* the *file* mailer: append the message to path, as uid/gid */
void	deliver_file(struct mta *mta, const struct cf_mailer *m,
	    const char *path, long uid, long gid, struct q_env *e, FILE *df,
	    struct dlv_result *r);

/* deliver_smtp.c: one SMTP transaction to host for the recipients */
struct dlv_rcpt {
	const char		*addr;		/* envelope address to send */
	const char		*shown;		/* -v: as sendmail names it, or NULL */
	int			 notify;	/* RFC 3461 NOTIFY (Q_NOTIFY_*) */
	const char		*orcpt;		/* ORCPT, or NULL */
	struct dlv_result	 res;
};
/* the outcome as the log's stat= and -v say it ("Sent (...)", "Deferred:
 * ...", "User unknown"), appended to out; smtp: an SMTP mailer's */
void	dlv_stattext(const struct dlv_result *res, bool smtp, struct buf *out);
/* -v: "who... text" on standard output, as sendmail shows a delivery */
void	dlv_show(const char *who, const char *text);
void	deliver_smtp(struct mta *mta, const struct cf_mailer *m,
	    const char *host, struct q_env *e, const char *sender, FILE *df,
	    struct dlv_rcpt *rv, int nr);

/* write the message for mailer m: added headers, then the data file */
void	deliver_writemsg(struct mta *mta, const struct cf_mailer *m,
	    struct q_env *e, FILE *df, FILE *out, bool smtp_dots,
	    const char *eol);

/*
 * bounce.c: queue a DSN for the failed recipients whose owner is owner
 * (NULL: those without one, reported to the envelope sender); with
 * success set, a "Return receipt" for the recipients marked dsnsuccess
 * instead (RFC 3461 NOTIFY=SUCCESS)
 */
bool	bounce_queue(struct mta *mta, const char *qdir, struct q_env *e,
	    const char *owner, bool success);

/* a DSN's kind and the words sendmail puts in its first part */
enum dsn_kind {
	DSN_FAILURE,		/* recipients QR_FAILED of the owner */
	DSN_SUCCESS,		/* recipients marked dsnsuccess */
	DSN_DELAY		/* recipients marked dsndelay: a warning */
};
struct dsn_note {
	enum dsn_kind	 kind;
	const char	*subject;	/* NULL: sendmail's for the kind */
	const char	*transcript;	/* "Transcript of session" lines */
	bool		 nonfatal;	/* list "transient non-fatal errors" */
	/* DSN_FAILURE: the recipients marked dsnsuccess are reported too,
	 * as sendmail reports a run's successes and failures at once */
	bool		 with_success;
	/* the transcript of this run's deliveries (successes, SMTP
	 * failures), before transcript */
	const char	*run_lines;
	time_t		 retry_until;	/* Will-Retry-Until (DSN_DELAY) */
	/* DSN_FAILURE: the copy of the sender's bounce (owner NULL) for
	 * PostmasterCopy, sent to this address: its own subject, the
	 * headers only, "postmaster notify" in the log */
	const char	*pmcopy;
};
/* a recipient as sendmail's DSN texts show it: "<addr>" as SMTP gave it,
 * a list member bare, a program quoted ("\"|prog\"") */
void	dsn_showaddr(const struct q_env *e, const struct q_rcpt *r,
	    struct buf *out);
/* the order of e's recipients in a DSN (sendmail's send queue): each
 * list member where its top-level recipient was; malloc'd, e->nrcpt */
int	*dsn_order(const struct q_env *e);
/* bounce_queue with the kind and words given; e->dsnnote is not used */
bool	dsn_queue(struct mta *mta, const char *qdir, struct q_env *e,
	    const char *owner, const struct dsn_note *note);

#endif /* RT_DELIVER_H */
