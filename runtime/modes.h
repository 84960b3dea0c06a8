/*
 * modes.h -- the MTA modes of cfmta besides address test: -bs, -bd/-bD,
 * -bp, -q, and submission (-bm, -t).  cfmta.c fills a struct mode_args
 * from the command line and calls mode_run once the image is loaded.
 */
#ifndef RT_MODES_H
#define RT_MODES_H

#include <stdbool.h>

#include "mta.h"

struct mode_args {
	int	 mode;		/* 's' 'd' 'D' 'p' 'm' (or 0 = -bm default) */
	bool	 tflag;		/* -t: recipients from the headers */
	const char *from;	/* -f / -r */
	const char *fullname;	/* -F */
	int	 notify;	/* -N: Q_NOTIFY_* (Q_NOTIFY_SET given), 0 none */
	char	 ret;		/* -R: 'H' hdrs, 'F' full, 0 none */
	const char *envid;	/* -V: the ENVID (xtext), or NULL */
	const char *body;	/* -B: "7BIT" or "8BITMIME", or NULL */
	bool	 qflag;		/* -q given */
	long	 qinterval;	/* -q30m: seconds; 0 = one run */
	char	 qsel;		/* 'I' 'R' 'S' or 0 */
	bool	 qnegate;	/* -q!I... */
	const char *qarg;	/* the substring to match */
	char	**rcpts;	/* remaining arguments */
	int	 nrcpts;
};

/*
 * Parse a -q argument (after "-q"): "", "30m", "Ipattern", "Rpattern",
 * "Spattern", "!Ipattern".  False if malformed.
 */
bool	mode_parse_q(struct mode_args *a, const char *arg);
/* run the mode; returns the process exit status */
int	mode_run(struct mta *mta, struct mode_args *a);

/* queue_run.c */
int	queue_run(struct mta *mta, const struct mode_args *sel, bool due_only);
/* daemon.c */
int	daemon_main(struct mta *mta, const struct mode_args *a);
/* submit.c */
int	submit_main(struct mta *mta, const struct mode_args *a);

#endif /* RT_MODES_H */
