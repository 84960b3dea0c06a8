/*
 * rw_print.h -- printing internal-form strings and token vectors the way
 * sendmail's address test mode shows them ("$# esmtp $@ host ...").
 */
#ifndef RT_RW_PRINT_H
#define RT_RW_PRINT_H

#include <stdio.h>

#include "buf.h"
#include "rw_macro.h"

void	rw_xputs(FILE *fp, const struct rw_macnames *mn, const char *s);
/* prefix (printed as is, may be NULL), then " tok tok tok\n" */
void	rw_printav_prefixed(FILE *fp, const struct rw_macnames *mn,
	    const char *prefix, size_t plen, const char *const *av);
/* " tok tok tok\n" */
/* append " tok tok ...\n" to b, the bytes rw_printav would write;
 * returns the number of tokens */
size_t	rw_render_av(struct buf *b, const struct rw_macnames *mn,
	    const char *const *av);
void	rw_printav(FILE *fp, const struct rw_macnames *mn,
	    const char *const *av);

#endif /* RT_RW_PRINT_H */
