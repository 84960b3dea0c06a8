/*
 * rw_macro.h -- macro names, macro tables and expansion.
 *
 * Macro ids are bytes: a printable character names itself; long names
 * ({client_addr}) get ids from 0240 upward in order of first use, at most
 * 96 of them, as in sendmail.  A macro environment is a stack of tables
 * searched top-down (envelope, then configuration defaults).
 */
#ifndef RT_RW_MACRO_H
#define RT_RW_MACRO_H

#include <stdbool.h>
#include <stddef.h>

#include "buf.h"
#include "rw_msg.h"

struct rw_macnames {
	char	*name[256];	/* long names by id; NULL if unused */
	int	 next;		/* next free long id */
};

void	 rw_macnames_init(struct rw_macnames *mn);
void	 rw_macnames_fini(struct rw_macnames *mn);
/* Find or allocate the id of a long name (without braces); 0 if full. */
int	 rw_macid_long(struct rw_macnames *mn, const char *name);
/*
 * Register name at exactly id (loading an image whose code uses it).
 * True if name now has that id; false on a conflict.
 */
bool	 rw_macnames_force(struct rw_macnames *mn, int id, const char *name);
/* Find the id of a long name without allocating; 0 if unknown. */
int	 rw_macid_find(const struct rw_macnames *mn, const char *name);
/*
 * Parse "x" or "{name}" at p.  Returns the id (1..255) or 0 after
 * reporting an error via msgs.  *ep is set past the name.
 */
int	 rw_macid_parse(struct rw_macnames *mn, const char *p, const char **ep,
	    const struct rw_msgs *msgs);
const char *rw_macname(const struct rw_macnames *mn, int id);

struct rw_mactab {
	char	*val[256];	/* owned strings; NULL = undefined */
};

void	 rw_mactab_init(struct rw_mactab *t);
void	 rw_mactab_fini(struct rw_mactab *t);
void	 rw_mactab_set(struct rw_mactab *t, int id, const char *val);
void	 rw_mactab_copy(struct rw_mactab *dst, const struct rw_mactab *src);

#define RW_MACENV_MAX 4
struct rw_macenv {
	struct rw_mactab *layer[RW_MACENV_MAX];	/* [0] is searched first */
	int		  n;
};

const char *rw_macvalue(const struct rw_macenv *env, int id);

/* Define the metasymbol macros ($* $+ ... $0-$9) and $n, like initmacros. */
void	 rw_mactab_initmeta(struct rw_mactab *t);

/*
 * Expand s (internal form) into out, interpreting MACROEXPAND and the
 * $? $| $. conditionals; out is truncated at bufsize-1 like sendmail's
 * fixed buffers.  Returns false if recursion was too deep (error reported).
 */
bool	 rw_expand(const struct rw_macenv *env, const char *s, struct buf *out,
	    size_t bufsize, const struct rw_msgs *msgs);

/*
 * Translate cf text to internal form: $x -> MACROEXPAND id, $$ -> $,
 * '#' comments (config level >= 3) and trailing blanks removed, 8-bit
 * characters quoted.  Appends to out.
 */
void	 rw_translate_dollars(struct rw_macnames *mn, const char *in,
	    size_t len, int conflevel, struct buf *out,
	    const struct rw_msgs *msgs);

/* Undo rw_translate_dollars for display (decompiler, diagnostics). */
void	 rw_untranslate(const struct rw_macnames *mn, const char *in,
	    struct buf *out);

#endif /* RT_RW_MACRO_H */
