/*
 * hdr_list.h -- an address header field written for a mailer the way
 * sendmail's commaize does: the value split into addresses (prescan with
 * ',' as delimiter, or ' ' for an "old style" list), each one replaced
 * through a callback, joined with ", " and folded at a column.  Knows
 * nothing of rulesets: the caller's callback rewrites.
 */
#ifndef RT_HDR_LIST_H
#define RT_HDR_LIST_H

#include <stdbool.h>
#include <stddef.h>

#include "buf.h"
#include "rw_msg.h"

#define HDR_LIST_MAXVALUE	32768	/* longer values are not rewritten */
#define HDR_LIST_MAXADDRS	1000	/* nor lists of more addresses */

/* one address in, its replacement appended to out ("" drops it) */
typedef void (*hdr_list_fn)(void *arg, const char *addr, struct buf *out);

struct hdr_list_opts {
	const unsigned char	*toktab;	/* the external token table */
	const struct rw_msgs	*msgs;		/* prescan's complaints */
	bool			 oldstyle;	/* addresses separated by blanks */
	int			 omax;		/* fold after this column */
};

/*
 * Write "field: a, b,\n        c" to out (lines separated by '\n', no
 * final newline).  value is the field body, continuation lines joined
 * with '\n'.  Returns false, out unspecified, when the value is beyond
 * the limits above: the caller copies the field as it was.
 */
bool	hdr_list_format(const struct hdr_list_opts *o, const char *field,
	    const char *value, hdr_list_fn fn, void *arg, struct buf *out);

#endif /* RT_HDR_LIST_H */
