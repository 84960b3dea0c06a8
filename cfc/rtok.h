/*
 * rtok.h -- tokenizer for the two sides of a rewrite rule, close to
 * sendmail's prescan: blanks separate, OperatorChars and ()<>,; are
 * one-character operators, "..." is one token, $x is a meta symbol or a
 * macro.  Tokens are spans into the cf text; the array is arena-owned.
 */
#ifndef CFC_RTOK_H
#define CFC_RTOK_H

#include <stddef.h>
#include <stdint.h>

#include "ast.h"

enum rt_type { RT_ATOM, RT_OP, RT_QSTR, RT_META, RT_MACRO };

struct rtok {
	enum rt_type	 type;
	char		 meta;	/* RT_META: the character after '$' */
	struct span	 s;	/* whole token */
	struct span	 name;	/* $=X $~X $&X $?X ${x}: the name, no braces */
};

struct arena;

/* Tokenize text[start,end); returns the count, *out arena-allocated. */
size_t	rtok_split(struct arena *a, const char *text, struct span sp,
	    const char *opchars, struct rtok **out);
/* True if tokens a and b have the same type and text. */
int	rtok_equal(const char *text, const struct rtok *a, const struct rtok *b);

#endif /* CFC_RTOK_H */
