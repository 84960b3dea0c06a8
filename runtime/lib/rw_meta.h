/*
 * rw_meta.h -- the internal byte encoding of the rewriting language.
 *
 * Rules and workspaces hold tokens as C strings.  Metasymbols are single
 * bytes with the high bit set; the values are sendmail's, because -bt output
 * and map keys must come out byte-identical.  A macro or class reference is
 * the metabyte followed by one id byte: the character itself for one-letter
 * names, or a long-name id in [MACID_LONG_FIRST, MACID_MAX].
 */
#ifndef RT_RW_META_H
#define RT_RW_META_H

#define META_QUOTE	0377	/* next octet is literal */

#define MATCHZANY	0220	/* $*  zero or more tokens */
#define MATCHANY	0221	/* $+  one or more tokens */
#define MATCHONE	0222	/* $-  exactly one token */
#define MATCHCLASS	0223	/* $=X one or more tokens forming a class member */
#define MATCHNCLASS	0224	/* $~X one token not in class */
#define MATCHREPL	0225	/* $1..$9 */
#define CANONNET	0226	/* $#  mailer */
#define CANONHOST	0227	/* $@  host; on the LHS: match zero tokens */
#define CANONUSER	0230	/* $:  user */
#define CALLSUBR	0231	/* $>  call ruleset */
#define CONDIF		0232	/* $?x */
#define CONDELSE	0233	/* $|  */
#define CONDFI		0234	/* $.  */
#define HOSTBEGIN	0235	/* $[  */
#define HOSTEND		0236	/* $]  */
#define LOOKUPBEGIN	0205	/* $(  */
#define LOOKUPEND	0206	/* $)  */
#define MACROEXPAND	0201	/* $x  (read-time expansion) */
#define MACRODEXPAND	0202	/* $&x (run-time expansion) */
#define MATCHZERO	CANONHOST

#define MID_OPMODE	0202	/* the {opMode} macro id */

#define MACID_MAX	0377
#define MACID_LONG_FIRST 0240
#define MAXMACNAMELEN	25

/* limits, as in sendmail 8.17 */
#define MAXLINE		2048
#define MAXNAME		256
#define MAXATOM		1000
#define MAXMATCH	9
#define MAX_MAP_ARGS	10
#define MAXRWSETS	200
#define MAXKEY		1024
#define MACBUFSIZE	4096
#define PSBUFSIZE	(MAXNAME + MAXATOM)
#define MAXRULERECURSION 50
#define MAXMACROREC	10
#define MAXMAILERS	25
#define MAXPRIORITIES	25
#define MAXSHORTSTR	203

#define IS_META(c)	(((unsigned char)(c) & 0340) == 0200)

#endif /* RT_RW_META_H */
