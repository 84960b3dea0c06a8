/*
 * spool.h -- turning an incoming message (SMTP DATA or a submission on
 * stdin) into a queued message: Received header first, then the lines
 * as they arrive, with the header and size limits; commit makes the
 * data file and the control file durable.  A struct spool borrows the
 * envelope it is given.
 */
#ifndef RT_SPOOL_H
#define RT_SPOOL_H

#include <stdbool.h>
#include <stdio.h>
#include <sys/types.h>

#include "mta.h"
#include "queue_fs.h"

enum spool_err {
	SPOOL_OK,
	SPOOL_TOOBIG,		/* MaxMessageSize exceeded */
	SPOOL_HDRTOOBIG,	/* MaxHeadersLength exceeded */
	SPOOL_HOPS,		/* too many Received headers */
	SPOOL_LINE,		/* a line longer than the receiver's bound */
	SPOOL_IOERR
};

struct spool {
	struct mta	*mta;
	struct q_env	*env;
	const char	*qdir;
	FILE		*df;
	long		 maxsize;	/* 0: no limit */
	long		 maxhdr;
	int		 maxhops, hops;
	long		 size, hdrlen;
	bool		 inbody;
	bool		 created;	/* df<id> is ours to remove */
	enum spool_err	 err;
	struct buf	 hdrs;		/* the header block (for -t and checks) */
};

/* open a data file (sets env->id and $i); false on I/O error */
bool	spool_begin(struct spool *sp, struct mta *mta, struct q_env *env,
	    const char *qdir, bool received);
/* one message line without its line end (dot already unstuffed) */
void	spool_line(struct spool *sp, const char *line, size_t len);
/* make it durable (df fsync, qf written, directory fsync) */
bool	spool_commit(struct spool *sp);
/* drop the data file (message refused or discarded) */
void	spool_abort(struct spool *sp);

/* option helpers shared by the receivers */
long	mta_optlong(const struct cf *cf, int id, long dflt);
/* SoftBounce: a reply "5xy[ -]5.x.y ..." made "4xy[ -]4.x.y ..." in place */
void	mta_softbounce(char *reply);
/* a boolean option as sendmail reads one (empty, T..., Y...: true) */
bool	mta_optbool(const struct cf *cf, int id, bool dflt);
/* DefaultUser: "user", "uid" or "uid:gid"; 1:1 when unset */
void	mta_defaultuser(const struct cf *cf, uid_t *uid, gid_t *gid);
/* a time option ("60", "1m") in seconds; dflt when unset */
long	mta_opttime(const struct cf *cf, int id, long dflt);
const char *mta_qdir(const struct cf *cf);

#endif /* RT_SPOOL_H */
