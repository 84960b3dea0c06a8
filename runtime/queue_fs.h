/*
 * queue_fs.h -- the durable mail queue in QueueDirectory: one message is
 * a data file dfID (the message, headers and body, LF line ends) and a
 * control file qfID (typed, length-prefixed records; see queue_fs.c).
 * A struct q_env is the in-memory control file; it owns its strings.
 */
#ifndef RT_QUEUE_FS_H
#define RT_QUEUE_FS_H

#include <stdbool.h>
#include <stdio.h>
#include <time.h>

#include "buf.h"

#define Q_IDLEN		20
#define Q_MAXRCPT	100000		/* bound on recipients per file */
#define Q_MAXMACROS	64

enum q_rstat {
	QR_PENDING = 'P',	/* not yet delivered */
	QR_SENT = 'S',		/* delivered */
	QR_FAILED = 'F',	/* permanent failure, bounced (or to bounce) */
	QR_BOUNCED = 'B',	/* failure reported to the sender */
	QR_EXPANDED = 'X'	/* replaced by its alias/.forward expansion */
};

struct q_rcpt {
	char	*addr;		/* envelope recipient, without < > */
	int	 stat;		/* enum q_rstat */
	char	*diag;		/* last status text, or NULL */
	/* set when alias expansion produced it (record C): */
	char	*mailer, *host, *user;	/* resolved triple, or NULL */
	char	*owner;		/* owner-LIST sender, or NULL */
	long	 uid, gid;	/* programs and files run as; -1 default */
	int	 notify;	/* RFC 3461 NOTIFY: Q_NOTIFY_* bits, 0 unset */
	char	*orcpt;		/* ORCPT "addr-type;xtext", or NULL */
	/* set for an expansion's member (record P): the alias it came
	 * from, as DSNs show it ("<list>", "list"), and the top-level
	 * recipient it stands for (DSN Final-Recipient) */
	char	*parent, *top;
	bool	 dsnsuccess;	/* not stored: a success DSN is due now */
	bool	 dsndelay;	/* not stored: in the delay DSN due now */
	/* not stored: delivered by SMTP to a next hop without DSN, whose
	 * name and RCPT reply the success DSN gives (Action: relayed) */
	bool	 dsnrelayed;
	char	*dsnmta, *dsnreply;
	bool	 dsnnoted;	/* not stored: in that DSN's transcript */
	/* not stored: the T= diagnostic type of the mailer that delivered
	 * or failed it in this run ("SMTP", "X-Unix"), or NULL */
	char	*dsntype;
};

/* NOTIFY= of a recipient (Q_NOTIFY_SET alone: NOTIFY=NEVER) */
#define Q_NOTIFY_SET		0x01
#define Q_NOTIFY_SUCCESS	0x02
#define Q_NOTIFY_FAILURE	0x04
#define Q_NOTIFY_DELAY		0x08
/* a member of a list of more than one whose recipient asked SUCCESS:
 * its delivery is noted in the transcript of the return receipt only */
#define Q_NOTIFY_EXPANDED	0x10

struct q_env {
	char	 id[Q_IDLEN + 1];
	char	*sender;	/* "" for the null sender <> */
	char	*fullname;	/* $x, or NULL */
	char	*body;		/* "7BIT" / "8BITMIME", or NULL */
	char	*errmsg;	/* last deferral message for mailq, or NULL */
	char	*envid;		/* RFC 3461 ENVID (xtext), or NULL */
	char	*authparam;	/* RFC 4954 MAIL AUTH= to pass on: the
				   author (xtext) or "<>"; NULL: none */
	int	 ret;		/* RET=: 'F' full, 'H' headers only, 0 unset */
	time_t	 ctime, lasttry, nexttry;
	int	 ntries;
	long	 size;		/* bytes in the data file */
	bool	 isbounce;	/* a DSN: its failure goes to the postmaster */
	bool	 isdouble;	/* that report (DoubleBounceAddress): dropped
				   when it fails */
	bool	 senderbare;	/* the sender was given without <> (-f) */
	bool	 warned;	/* the one delay DSN was sent (queuewarn, BY N) */
	long	 dlvby;		/* RFC 2852 BY= seconds (dlvbymode set) */
	int	 dlvbymode;	/* 'R' return, 'N' notify, 0: no BY= */
	bool	 dlvbytrace;	/* BY= ...T */
	char	*dsnnote;	/* not stored: transcript for this run's bounce */
	char	*macro[Q_MAXMACROS];	/* "name=value" to restore */
	int	 nmacro;
	struct q_rcpt *rcpt;
	int	 nrcpt, caprcpt;
	int	 lockfd;	/* qf descriptor holding the lock, or -1 */
};

void	 q_env_init(struct q_env *e);
void	 q_env_fini(struct q_env *e);
void	 q_env_addrcpt(struct q_env *e, const char *addr);
/* a recipient alias expansion produced, already resolved */
void	 q_env_addchild(struct q_env *e, const char *addr, const char *mailer,
	    const char *host, const char *user, const char *owner, long uid,
	    long gid);
/* RFC 3461 xtext: well formed? decode into out (a NUL-terminated copy) */
bool	 q_xtext_ok(const char *s);
void	 q_xtext_decode(const char *s, struct buf *out);
void	 q_xtext_encode(const char *s, struct buf *out);
/* sendmail's priority of a message: its size, 30000 per recipient
 * (RecipientFactor) and 90000 per attempt so far (RetryFactor) */
long	 q_env_priority(const struct q_env *e);
/* the priority of queued message id (control file read unlocked), or -1 */
long	 queue_priority(const char *dir, const char *id);
void	 q_env_setmacro(struct q_env *e, const char *name, const char *val);
const char *q_env_macro(const struct q_env *e, const char *name);

/*
 * MinFreeBlocks: true when the file system of dir has minblocks free
 * blocks beyond the msgsize bytes a message announced (SIZE=)
 */
bool	queue_space_ok(const char *dir, long minblocks, long msgsize);
/* a new queue id in e->id (sendmail gives one at MAIL) */
void	queue_newid(struct q_env *e);
/*
 * Create a new data file in dir named by e->id, or by a new id when
 * e->id is empty or taken (e->id is updated); returns a stream open
 * for writing, or NULL (errno set).
 */
FILE	*queue_df_create(const char *dir, struct q_env *e);
/* flush and fsync the data file, close it; false on error */
bool	 queue_df_commit(FILE *df);
FILE	*queue_df_open(const char *dir, const char *id);

/*
 * Write the control file atomically (tfID, fsync, rename to qfID,
 * fsync the directory).  The new file stays locked if e->lockfd was
 * set (the old lock is released).  Returns false on error.
 */
bool	 queue_qf_write(const char *dir, struct q_env *e);
/* read qfID; lock it first when lock is set (false if busy) */
bool	 queue_qf_read(const char *dir, const char *id, struct q_env *e,
	    bool lock, char *why, size_t whysz);
/* remove qf and df (message done) */
void	 queue_remove(const char *dir, struct q_env *e);
void	 queue_unlock(struct q_env *e);

/* ids of every complete control file in dir, sorted by age; free() each */
char	**queue_list(const char *dir, int *np);

/* mailq: print the queue as sendmail -bp does */
int	 queue_print(const char *dir, FILE *out);

/* remove stale tf files and orphan df files left by a crash */
void	 queue_recover(const char *dir);

#endif /* RT_QUEUE_FS_H */
