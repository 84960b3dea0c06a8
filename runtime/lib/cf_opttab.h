/*
 * cf_opttab.h -- the sendmail option table (options.def) and lookups that
 * match names the way sendmail 8.17 does: exact (case-insensitive) or a
 * unique prefix; one-letter names by code.  Shared by cfc and cfmta.
 */
#ifndef RT_CF_OPTTAB_H
#define RT_CF_OPTTAB_H

#include <stdbool.h>
#include <stddef.h>

#include "buf.h"

enum cf_opt_type {
	OT_BOOL,	/* true/false, yes/no, t/f, y/n (atobool) */
	OT_INT,		/* decimal integer */
	OT_TIME,	/* time with units s m h d w (convtime) */
	OT_SIZE,	/* byte count (long) */
	OT_MODE,	/* octal file mode */
	OT_STR,		/* free text */
	OT_PATH,	/* file name */
	OT_ENUM,	/* one of a fixed set of keywords or letters */
	OT_CHAR,	/* single character */
	OT_USER,	/* user or group name or number */
	OT_SUBOPT,	/* key=value list (DaemonPortOptions ...) */
	OT_LIST		/* list of words */
};

#define OPTF_SAFE		0x01	/* safe for unprivileged users */
#define OPTF_SUBOPT		0x02	/* accepts Name.sub=value */
#define OPTF_NOTCOMPILED	0x04	/* unknown to the reference binary */

enum cf_opt_id {
#define OPT(name, letter, id, type, flags) OPT_##id,
#include "options.def"
#undef OPT
	OPT__COUNT
};

struct cf_optinfo {
	const char	*name;		/* "" for letter-only options */
	int		 letter;	/* 0 if none */
	enum cf_opt_id	 id;
	enum cf_opt_type type;
	unsigned	 flags;
};

extern const struct cf_optinfo cf_opttab[OPT__COUNT];

enum cf_optmatch {
	CF_OPT_EXACT,		/* res->opt */
	CF_OPT_ABBREV,		/* res->opt; unique prefix (sendmail says so) */
	CF_OPT_UNKNOWN,
	CF_OPT_AMBIGUOUS,	/* res->opt and res->other: first two matches */
	CF_OPT_NULL		/* empty name */
};

struct cf_optlookup {
	enum cf_optmatch	 match;
	const struct cf_optinfo	*opt;
	const struct cf_optinfo	*other;
};

/*
 * Look up name[0..len) as sendmail's setoption does.  With all, options
 * flagged OPTF_NOTCOMPILED take part too.  Returns res->match.
 */
enum cf_optmatch cf_opt_byname(const char *name, size_t len, bool all,
	    struct cf_optlookup *res);
/* Option with old one-letter name c, or NULL. */
const struct cf_optinfo *cf_opt_byletter(int c, bool all);
const struct cf_optinfo *cf_opt_byid(enum cf_opt_id id);
const char *cf_opt_typename(enum cf_opt_type t);

/*
 * Append to out the message sendmail prints for a lookup result that is
 * not CF_OPT_EXACT (e.g. "readcf: unknown option name Foo"); name is the
 * text looked up.  For a letter lookup use cf_opt_letter_message.
 */
void	cf_opt_message(const struct cf_optlookup *res, const char *name,
	    size_t len, struct buf *out);
void	cf_opt_letter_message(int c, struct buf *out);

/*
 * Split the text after "O " of a long-name option line the way sendmail
 * does: name up to '=' with surrounding blanks removed, an optional
 * ".subopt" suffix, and the value after '=' with leading blanks removed.
 * Offsets are relative to s.
 */
struct cf_optsplit {
	size_t	name_off, name_len;
	size_t	sub_off, sub_len;	/* sub_len 0 and sub_off 0: none */
	bool	has_sub;
	size_t	val_off, val_len;
};
void	cf_opt_split(const char *s, size_t len, struct cf_optsplit *sp);

#endif /* RT_CF_OPTTAB_H */
