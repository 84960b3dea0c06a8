/*
 * vm.h -- the rewriting engine: runs compiled rulesets over a token
 * vector with sendmail 8.17's semantics (matching with backup, $: $@
 * prefixes, $[ $] and $( $) lookups, $> subroutine calls, limits).
 */
#ifndef RT_VM_H
#define RT_VM_H

#include <stdbool.h>
#include <stdio.h>

#include "cf.h"
#include "map.h"

#define VM_SHOWN	4	/* vectors remembered */
#define VM_SHOWN_MAX	64	/* tokens in one */

struct vm {
	struct cf		*cf;
	struct rw_mactab	 envmac;	/* envelope / run-time macros */
	struct rw_macenv	 env;		/* envmac, cf->mac, cf->meta */
	bool			 testmode;	/* print input:/returns: lines */
	int			 maxrecursion;
	int			 sendmode_defer;
	struct rw_msgs		 msgs;		/* user-visible errors */
	char			**arena;	/* strings owned until vm_reset */
	size_t			 narena, caparena;
	char			*bump;		/* small strings: bump allocated */
	size_t			 bumpused, bumpcap;
	char			*scratch;	/* prescan buffers, reused */
	struct rw_tokens	*toks;
	/*
	 * The last VM_SHOWN workspaces printed by the input:/returns: lines,
	 * as pointer vectors and text.  A token's text cannot change
	 * while one top-level vm_rewrite runs (tokens are image strings
	 * or strings owned until vm_reset, and the VM writes new tokens
	 * instead of changing old ones), so the same vector prints the
	 * same text; the cache is emptied when a top-level call starts
	 * (unless shown_keep) and by vm_reset.
	 */
	struct vm_shown {
		const char	*av[VM_SHOWN_MAX + 1];	/* NULL-terminated */
		size_t		 n;		/* SIZE_MAX: empty */
		struct buf	 text;		/* " tok tok\n" */
		/* the rule prefilters' description of the vector (vm.c's
		 * struct wsinfo), when wsok: a vector printed is often
		 * matched again (by the ruleset it is passed to, or by the
		 * caller it is returned to) */
		bool		 wsok;
		unsigned	 meta, c0, cl;
		uint64_t	 mask, pairs;
		unsigned char	 idx[VM_SHOWN_MAX];
	} shown[VM_SHOWN];
	unsigned		 shownext;
	bool			 shown_keep;	/* set while the caller changes no
						 * token between top-level calls:
						 * vm->shown outlives them */
	struct vm_shown		*shown_ret;	/* the entry of the vector the
						 * last vm_rewrite returned
						 * (after its returns: line) */
	struct vm_rshead	*rshead;	/* "name   input:" per ruleset */
	/* $> names found lately: name -> ruleset (cf_strtorwset is a pure
	 * function of the name once it has found it) */
	struct vm_subr {
		char		 name[24];	/* "": empty */
		int		 rs;
	} subr[32];
	int			 subr_nrsnames;	/* cf->nrsnames when filled */
	/* $> names that are rule literals, by address (vm.c subr_lit) */
	struct vm_subrlit {
		const char	*name;
		int		 rs, nrsnames;
	} subrlit[64];
	size_t			 retlen;	/* length of the workspace the last
						 * vm_rewrite returned, or
						 * SIZE_MAX */
};

void	 vm_init(struct vm *vm, struct cf *cf, const struct rw_msgs *msgs);
void	 vm_fini(struct vm *vm);
/* free strings created while rewriting (call between addresses) */
void	 vm_reset(struct vm *vm);
char	*vm_strdup(struct vm *vm, const char *s);

/*
 * Rewrite pvp (NULL-terminated, room for MAXATOM+1 entries) with
 * ruleset rs.  Returns an EX_* status (EX_OK = 0).
 */
int	 vm_rewrite(struct vm *vm, char **pvp, int rs, int reclevel,
	    int maxatom);

/* decode a rule side back into tokens (for =S, traces, decompiling) */
int	 vm_rule_tokens(const struct cf_rule *r, bool lhs, char *store,
	    size_t storesz, const char **av, int maxav);

/* sendmail's cataddr */
void	 vm_cataddr(const struct cf *cf, char **pvp, char **evp, char *buf,
	    size_t sz, int spacesub);

/* tokenize an address with the external table (sendmail's prescan) */
int	 vm_prescan(struct vm *vm, const char *addr, int delim, char **pvp,
	    const char **delimptr, const unsigned char *toktab);

#endif /* RT_VM_H */
