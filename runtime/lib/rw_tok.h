/*
 * rw_tok.h -- address and rule tokenization ("prescan").
 * Token type tables are per configuration: OperatorChars turns atom
 * characters into single-character operator tokens.  Tokens are written
 * NUL-separated into a caller buffer; av[] points into it.
 */
#ifndef RT_RW_TOK_H
#define RT_RW_TOK_H

#include <stdbool.h>
#include <stddef.h>

#include "rw_msg.h"

enum { TT_OPR = 0, TT_ATM, TT_QST, TT_SPC, TT_ONE, TT_ILL };

struct rw_toktabs {
	unsigned char	ext[256];	/* external strings (addresses) */
	unsigned char	intl[256];	/* internal strings (rules, map values) */
	unsigned char	noc[256];	/* internal, comments kept (V9+ rules) */
	unsigned char	mime[256];	/* MIME header parsing */
	bool		opchars_set;	/* OperatorChars applied */
};

void rw_toktabs_init(struct rw_toktabs *t);
/* Apply expanded OperatorChars (plus the built-in delimiters). */
void rw_toktabs_opchars(struct rw_toktabs *t, const char *opchars);

#define RW_DELIMCHARS "()<>,;\r\n"

struct rw_tokens {
	const char	*av[1000 + 1];	/* MAXATOM + 1; NULL-terminated */
	int		 n;
};

/*
 * Tokenize addr.  Returns the number of tokens, or -1 (sendmail's NULL)
 * on error or when no token was found.  addr may be modified: an
 * overlong address is truncated at MAXNAME, as sendmail does.
 * delimptr, if not NULL, receives the position of the terminating delimiter.
 */
int rw_prescan(const unsigned char *toktab, char *addr, int delim,
    char *pvpbuf, size_t pvpbsize, struct rw_tokens *out, char **delimptr,
    bool ignore, const struct rw_msgs *msgs);

/* remove double quotes (not backslash-escaped ones) in place, as
 * sendmail's stripquotes does */
void rw_stripquotes(char *s);

#endif /* RT_RW_TOK_H */
