/*
 * map_alias.h -- reading an aliases text file the way sendmail's
 * readaliases does: comments, continuation lines (leading blank or a
 * trailing backslash), "name: value", sendmail's messages and counts.
 */
#ifndef RT_MAP_ALIAS_H
#define RT_MAP_ALIAS_H

#include <stdbool.h>
#include <stdio.h>

#include "cf.h"

/* called for every alias; lhs is the alias name as written (postmaster
 * folded to lower case), rhs the joined value; returns the length of the
 * key it stored (counted in the summary), or -1 when it refused the alias */
typedef long alias_store_fn(void *arg, const char *lhs, const char *rhs);

struct alias_stats {
	long	naliases, longest, bytes;
	int	errors;
};

/* Read fp (named file for messages); messages go through cf's output
 * with "file: line N: " prefixes.  announce: always print the summary. */
struct alias_stats alias_read(struct cf *cf, const char *file, FILE *fp,
	    alias_store_fn *store, void *arg, bool announce);

#endif /* RT_MAP_ALIAS_H */
