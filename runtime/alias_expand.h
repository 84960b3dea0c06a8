/*
 * alias_expand.h -- what a recipient becomes before delivery (sendmail's
 * recipient(), alias(), forward(), include()): aliases from AliasFile,
 * :include: files, ~/.forward per ForwardPath, owner-LIST senders,
 * duplicate suppression and loop breaking.  A struct alias_list owns
 * every string in it.
 */
#ifndef RT_ALIAS_EXPAND_H
#define RT_ALIAS_EXPAND_H

#include <stdbool.h>

#include "buf.h"
#include "mta.h"

enum alias_state {
	AD_DELIVER,	/* a final delivery: mailer, host, user */
	AD_EXPANDED,	/* an alias, list or .forward owner: not delivered */
	AD_ERROR	/* refused: stat and diag say why */
};

struct alias_dest {
	char	*addr;		/* printable form ("list", "|/bin/cat", "/x") */
	char	*mailer, *host, *user;	/* the resolved triple */
	char	*key;		/* duplicate key: mailer, host, folded user */
	char	*owner;		/* owner-LIST: sender for errors, or NULL */
	long	 uid, gid;	/* programs and files run as; -1: DefaultUser */
	int	 state;		/* enum alias_state */
	int	 stat;		/* AD_ERROR: EX_NOUSER, EX_TEMPFAIL, ... */
	char	*diag;		/* AD_ERROR: "550 5.1.1 <x>... User unknown" */
	int	 pass;		/* which alias_expand call added it */
	int	 parent;	/* the entry whose expansion added it, or -1 */
	int	 nmembers;	/* addresses its list named (duplicates too) */
	bool	 selfref;	/* (internal) named in its own expansion */
};

struct alias_list {
	struct alias_dest *v;
	int	 n, cap;
	int	 pass;
};

void	alias_list_init(struct alias_list *l);
void	alias_list_fini(struct alias_list *l);

/*
 * Record a delivery that exists already (a recipient expanded in an
 * earlier attempt), so that it counts for duplicate suppression.
 */
void	alias_list_seed(struct alias_list *l, struct mta *mta,
	    const char *mailer, const char *host, const char *user);

/*
 * Expand the top-level recipient addr into l (borrows mta; errors are
 * reported through mta->vm.msgs as well, so -bv prints them).  Returns
 * the index of the first entry this call added, or l->n if addr was a
 * duplicate of an earlier recipient.
 */
int	alias_expand(struct mta *mta, struct alias_list *l, const char *addr);

/*
 * The checks sendmail makes at RCPT time without expanding: no direct
 * mail to programs, files and :include:s; a local user must exist unless
 * an alias of that name does.  Returns true if acceptable; otherwise
 * reply holds "550 5.1.1 ... User unknown" style text.
 */
bool	alias_rcpt_ok(struct mta *mta, const char *path, const char *mailer,
	    const char *user, struct buf *reply);

/*
 * sendmail's send queue order of l: each member of an expansion right
 * after the entry it came from, so members come out last-first, each
 * followed by its own expansion.  seq[i] is entry i's place (malloc'd).
 */
int	*alias_sendq_order(const struct alias_list *l);

/*
 * The AliasFile maps opened for cf are cf's: forget them before cf is
 * freed (a configuration loaded later, even at the same address, opens
 * its own)
 */
void	aliases_forget(const struct cf *cf);
/* is name an alias (in the AliasFile databases)? */
bool	alias_exists(struct mta *mta, const char *name);
/* the full name of a local user from the password file, or "" */
void	alias_fullname(const char *user, char *out, size_t sz);

/* the duplicate key of a triple, malloc'd */
char	*alias_key(struct mta *mta, const char *mailer, const char *host,
	    const char *user);

#endif /* RT_ALIAS_EXPAND_H */
