/*
 * mta.h -- state of one cfmta process: the loaded configuration, the
 * rewriting VM, host identity and command-line settings.
 */
#ifndef RT_MTA_H
#define RT_MTA_H

#include <stdbool.h>
#include <stdio.h>

#include "cf.h"
#include "vm.h"

/* what to load, from the command line; kept for reloading (SIGHUP) */
struct mta_spec {
	const char	*cfpath;
	char		**optv;		/* sticky options: " Name=value" or "Xvalue" */
	int		 nopt;
	int		 mode;		/* the -b letter, or 0 */
	char		 opmode[2];	/* ${opMode} */
	bool		 privcopy;	/* read the image into memory, not mmap */
	char		**macv;		/* -Mxvalue / -oMxvalue: "xvalue" */
	int		 nmac;
	bool		 noalias;	/* -n: no alias expansion */
	bool		 verbose;	/* -v: deliveries shown on stdout */
};

struct mta {
	struct cf	 cf;
	struct vm	 vm;
	const struct mta_spec *spec;
	void		*image;		/* the image or .cf text */
	size_t		 imagelen;
	bool		 image_mapped;
	bool		 is_image;	/* a .cfb, not .cf text */
	const char	*cfpath;
	int		 tryflags;
	bool		 testmode;
	int		 exitstat;
	const char	*e_to;		/* address being processed ("to... ") */
	bool		 qrun;		/* delivering in a queue run */
};

/* -n: aliases are not expanded */
static inline bool
mta_noalias(const struct mta *m)
{
	return m->spec != NULL && m->spec->noalias;
}

/* -v: deliveries are shown on standard output, as sendmail shows them */
static inline bool
mta_verbose(const struct mta *m)
{
	return m->spec != NULL && m->spec->verbose;
}

/* mta.c: load / free one configuration */
#define MTA_NOFILE	(-1)
#define MTA_BADIMAGE	(-2)
int	mta_load(struct mta *m, const struct mta_spec *spec, char *why,
	    size_t whysz);
void	mta_unload(struct mta *m);

#define RF_SENDERADDR	0x001
#define RF_HEADERADDR	0x002

/* bt.c */
void	bt_run(struct mta *mta, FILE *in);
void	bt_line(struct mta *mta, char *line);

/* addr.c: parseaddr / remotename for /parse, /try and -bv */
struct addr_result {
	char	*mailer, *host, *user;
	int	 status;
};
bool	addr_parse(struct mta *mta, const char *addr, int flags,
	    struct addr_result *res);
char	*addr_remotename(struct mta *mta, const char *addr,
	    const struct cf_mailer *m, int flags, int *pstat);
char	*addr_crack(struct mta *mta, const char *addr);
bool	addr_invalid(struct mta *mta, char *addr, bool isrcpt);
const struct cf_mailer *addr_findmailer(const struct cf *cf, const char *name);
void	addr_setstat(struct mta *mta, int st);
/* length of an enhanced status code "d.ddd.ddd" followed by delim, or 0 */
int	addr_isenhsc(const char *s, int delim);

/* aliases.c: -bi, newaliases */
int	mta_newaliases(struct mta *mta);

/* verify.c: -bv */
int	mta_verify(struct mta *mta, char **addrs, int n);

/* printing of messages the way sendmail does in test mode */
void	mta_emit(void *arg, enum rw_msgkind kind, const char *to,
	    const char *text);

#endif /* RT_MTA_H */
