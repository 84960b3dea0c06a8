/*
 * cf.h -- the loaded configuration: what sendmail builds from its .cf.
 *
 * One struct cf owns everything read from a configuration (macros,
 * classes, rulesets, mailers, maps, options, headers).  It is filled by
 * cf_read (from cf text) or by cfb_load (from a compiled image, which
 * replays the same line handlers), and used by the VM and the runtime.
 */
#ifndef RT_CF_H
#define RT_CF_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "buf.h"
#include "cf_opttab.h"
#include "rw_class.h"
#include "rw_macro.h"
#include "rw_meta.h"
#include "rw_msg.h"
#include "rw_tok.h"

#define CF_NO_UID	(-1)
#define MAX_SUBR	16
#define DEFAULT_MAX_RCPT 100

/* A compiled rule: two END-terminated programs over a string base. */
struct cf_rule {
	const uint32_t	*lhs;
	const uint32_t	*rhs;
	const char	*str;		/* base for string operands */
	int		 line;		/* cf line number */
	int		 nfuzzy;
	uint64_t	 litmask;	/* bloom bits of the LHS literal tokens */
	uint64_t	 needcls[4];	/* classes a match needs to be non-empty */
	const char	*firstlit;	/* pattern starts with this literal, or NULL */
	const char	*lastlit;	/* pattern ends with this literal, or NULL */
	uint16_t	 minlen;	/* a match needs at least this many tokens */
	uint16_t	 maxlen;	/* and at most this many (UINT16_MAX: any) */
	bool		 rhsmeta;	/* RHS may put a token that starts a lookup
					 * or call ($[ $( $>) in the workspace other
					 * than through $N or $& (or has a second
					 * $: $@) */
	bool		 rhslookup;	/* RHS may put a $[ or $( token there
					 * other than through $N */
	bool		 rhsrepl;	/* RHS has a $N */
	bool		 rhsmacro;	/* RHS has a $& */
	bool		 rhscall0;	/* RHS (after $: or $@) starts with $> and
					 * a name literal and has no other $> */
	unsigned char	 rhslitmeta;	/* OR of cf_actmeta of the RHS literals'
					 * first bytes */
	bool		 needany;	/* needcls is not empty */
	unsigned char	*rhsidx;	/* cf_tokidx of RHS literal rhs[k] at [k] */
	unsigned char	*lhsidx;	/* cf_tokidx of LHS literal lhs[k] at [k] */
	void		*owned;		/* storage to free, if not image-backed */
};

static inline const char *
cf_rule_str(const struct cf_rule *r, uint32_t off)
{
	return r->str + off;
}

/*
 * The cheap necessary conditions for rule r[i] to match (set by
 * cf_add_rule), packed apart from the rules so the VM scans them
 * without touching struct cf_rule: a workspace fails them only if the
 * pattern cannot match it.
 */
struct cf_rulepf {
	uint64_t	 litmask;	/* = r[i].litmask */
	uint64_t	 pairmask;	/* cf_pairbit of literals next to each
					 * other in the pattern */
	uint16_t	 minlen, maxlen; /* = r[i].minlen, r[i].maxlen */
	unsigned char	 first, last;	/* folded first byte of firstlit, lastlit */
	unsigned char	 flags;		/* CF_PF_* */
};
#define CF_PF_FIRST	1	/* r[i].firstlit != NULL */
#define CF_PF_LAST	2	/* r[i].lastlit != NULL */
#define CF_PF_NEEDCLS	4	/* r[i].needany */
#define CF_PF_WS	8	/* a condition on the workspace (any but needcls) */

/*
 * 0200 for the first byte of a token that starts a lookup or a call
 * after a rewrite ($[ $( $>), else 0
 */
static inline unsigned
cf_actmeta(unsigned c)
{
	return c == CALLSUBR || c == HOSTBEGIN || c == LOOKUPBEGIN ? 0200 : 0;
}

/* ASCII case folding as strcasecmp in the C locale does it */
static inline unsigned
cf_fold(unsigned c)
{
	return c - 'A' < 26u ? c + 32 : c;
}

struct cf_ruleset {
	struct cf_rule	*r;
	struct cf_rulepf *pf;		/* pf[i] for r[i] */
	int		 n, cap;
	char		*name;		/* RuleSetNames[] */
	bool		 defined;	/* an S line (or reference) was seen */
};

struct cf_mailer {
	char	*name, *path, **argv, *eol, *mtatype, *addrtype, *diagtype;
	char	*execdir, *defcharset, *rootdir, *qgrp;
	int	 mno, se_rwset, sh_rwset, re_rwset, rh_rwset;
	long	 maxsize;
	int	 uid, gid, linelimit, maxrcpt, maxdeliveries, nice, wait;
	unsigned char flags[16];	/* bit per ASCII character */
	int	 line;
};

#define MAILER_HAS(m, c) (((m)->flags[((unsigned char)(c)) >> 3] >> ((c) & 7)) & 1)

struct map_class;
struct cf_map {
	char			*name;
	const struct map_class	*cls;
	char			*spec;		/* raw K-line arguments */
	char			*file;
	char			*app, *tapp, *domain, *keycolnm, *valcolnm;
	char			 spacesub;
	char			 coldelim;
	int			 mflags;
	int			 keycol, valcol;
	char			**stack;	/* sequence/switch members */
	int			 nstack;
	void			*impl;		/* class-private state */
	bool			 valid, open, opened_ok;
	int			 line;
};

/* map flags (subset with sendmail's meanings) */
#define MF_VALID	0x00000001
#define MF_INCLNULL	0x00000002
#define MF_OPTIONAL	0x00000004
#define MF_NOFOLDCASE	0x00000008
#define MF_MATCHONLY	0x00000010
#define MF_OPEN		0x00000020
#define MF_WRITABLE	0x00000040
#define MF_ALIAS	0x00000080
#define MF_TRY0NULL	0x00000100
#define MF_TRY1NULL	0x00000200
#define MF_LOCKED	0x00000400
#define MF_ALIASWAIT	0x00000800
#define MF_IMPL_HASH	0x00001000
#define MF_IMPL_NDBM	0x00002000
#define MF_APPEND	0x00008000
#define MF_KEEPQUOTES	0x00010000
#define MF_NODEFER	0x00020000
#define MF_REGEX_NOT	0x00040000
#define MF_DEFER	0x00080000
#define MF_SINGLEMATCH	0x00100000
#define MF_SINGLEDN	0x00200000
#define MF_FILECLASS	0x00400000
#define MF_OPENBOGUS	0x00800000
#define MF_CLOSING	0x01000000

struct cf_header {
	char	*name, *value;
	unsigned char flags[16];
	char	*macro_cond;	/* ?${x}? */
	int	 line;
};

struct cf_msgrec {
	int	 line;
	char	*text;
};



struct cf {
	struct rw_macnames	 mn;
	struct rw_mactab	 mac;		/* configuration macros */
	struct rw_mactab	 meta;		/* $* $+ ... $0-9, $n */
	struct rw_classes	 cls;
	struct rw_toktabs	 tok;
	struct cf_ruleset	 rs[MAXRWSETS];
	struct {
		char	*name;
		int	 num;
	}			*rsnames;	/* named ruleset symbol table */
	int			 nrsnames, caprsnames;
	int			*rsidx;		/* hash index of rsnames (1-based) */
	uint32_t		 rsidx_mask;
	int			 rsidx_n;	/* nrsnames when rsidx was built */
	int			 nextruleset;
	struct cf_mailer	*mailer[MAXMAILERS];
	int			 nmailers;
	struct cf_map		**maps;
	int			 nmaps, capmaps;
	struct cf_header	*hdr;
	int			 nhdr, caphdr;
	char			*optv[OPT__COUNT];	/* raw option values */
	unsigned char		 sticky[(OPT__COUNT + 7) / 8];
	struct { char *name; char *value; } *opts;	/* every O line, in order */
	int			 nopts, capopts;
	struct { char *name; int val; } pri[MAXPRIORITIES];
	int			 npri;
	struct { char *name; long secs; bool sticky; } *timeouts; /* Timeout.* */
	int			 ntimeouts;
	int			 conflevel;
	bool			 colonok;
	bool			 opchars_from_cmdline;
	bool			 toks_frozen;
	char			*opchars_used;	/* expanded OperatorChars at freeze */
	bool			 compile_only;	/* cfc: skip host-dependent work */
	bool			 no_hostname_canon;
	int			 cur_ruleset;	/* readcf state */
	const char		*filename;
	int			 lineno;
	int			 errors;
	bool			 testmode;
	struct rw_msgs		 out;		/* where messages go */
	/* messages recorded for the image (permissive compile) */
	struct cf_msgrec	*msgs;
	int			 nmsgs, capmsgs;
	bool			 record_msgs;
	int			 sticky_opts[4];	/* reserved */
};

void	 cf_init(struct cf *cf, const struct rw_msgs *out);
void	 cf_fini(struct cf *cf);

/* sendmail-style error reporting during readcf (adds "FILE: line N: ") */
void	 cf_syserr(struct cf *cf, int err, const char *fmt, ...) PRINTF_LIKE(3, 4);
void	 cf_printf(struct cf *cf, const char *fmt, ...) PRINTF_LIKE(2, 3);

/*
 * Read a whole configuration text.  Lines are folded as sendmail folds
 * them; each logical line goes to cf_line.  Returns the number of
 * errors reported.
 */
int	 cf_read_text(struct cf *cf, const char *filename, const char *text,
	    size_t len);
/* Handle one logical (folded, untranslated) line at line number lineno. */
void	 cf_line(struct cf *cf, const char *line, size_t len, int lineno);
/* After the last line: defaults sendmail sets up after readcf. */
void	 cf_finish(struct cf *cf);
/* apply OperatorChars to the token tables (once, like sendmail) */
void	 cf_freeze_tokens(struct cf *cf);

/* bloom index of a token: equal tokens (ignoring ASCII case, as
 * strcasecmp compares) have the same index */
static inline unsigned
cf_tokidx(const char *s)
{
	/* the first three bytes with bit 5 set (that folds A-Z to a-z),
	 * no strlen: this runs over whole workspaces */
	unsigned c0 = (unsigned char)s[0];
	unsigned c1 = c0 != 0 ? (unsigned char)s[1] : 0;
	unsigned c2 = c1 != 0 ? (unsigned char)s[2] : 0;

	return ((c0 | 32) * 7 + (c1 | 32) * 13 + (c2 | 32) * 29) & 63;
}

static inline uint64_t
cf_tokbit(const char *s)
{
	return (uint64_t)1 << cf_tokidx(s);
}

/* bloom bit of two adjacent tokens, from their indexes */
static inline uint64_t
cf_pairbit(unsigned a, unsigned b)
{
	return (uint64_t)1 << (((a << 6 | b) * 0x9E3779B1u) >> 26);
}

/* add a word to a class as sendmail's setclass does ("$=Y" copies Y) */
void	 cf_setclass(struct cf *cf, int cls, const char *word);

/* append a ready-made rule (from an image) to the current ruleset */
void	 cf_add_rule(struct cf *cf, const struct cf_rule *r);

/* ruleset names and numbers (sendmail's strtorwset) */
enum { CF_ST_FIND, CF_ST_ENTER };
int	 cf_strtorwset(struct cf *cf, const char *p, const char **endp,
	    int mode);
const char *cf_rsname(const struct cf *cf, int rs, char *tmp, size_t tmpsz);

/* options */
void	 cf_setoption(struct cf *cf, int letter, const char *val,
	    bool sticky_cmdline);

/* Timeout.NAME in seconds (dflt when not set); sendmail's convtime */
long	 cf_timeout(const struct cf *cf, const char *name, long dflt);
long	 cf_convtime(const char *p, int units);

/* mailers */
void	 cf_makemailer(struct cf *cf, char *line);
/* release a mailer; returns NULL */
struct cf_mailer *cf_mailer_free(struct cf_mailer *m);
void	 cf_printmailer(const struct cf *cf, FILE *fp,
	    const struct cf_mailer *m);
struct cf_mailer *cf_findmailer(const struct cf *cf, const char *name);

/* maps */
struct cf_map *cf_findmap(const struct cf *cf, const char *name);
struct cf_map *cf_makemap(struct cf *cf, char *line);

/* string helpers shared with the compiler */
char	*cf_munchstring(const char *p, const char **delimptr, int delim,
	    struct buf *out);

/* rules: compile one R line's LHS/RHS (expanded, internal form) */
bool	 cf_compile_rule(struct cf *cf, struct cf_rule *r, char **lhs,
	    char **rhs);

#endif /* RT_CF_H */
