/*
 * vm.c -- the rewriting VM.  One dispatch switch per side of a rule:
 * the LHS program is matched against the workspace with sendmail's
 * backtracking (only $* $+ and $= extend their bindings), the RHS
 * program builds the new workspace.  Then map lookups and subroutine
 * calls are resolved exactly as sendmail 8.17 orders them.
 *
 * The VM trusts only verified code: images pass cfb_verify first,
 * rules compiled in-process come from rw_rule.c.
 */
#include <ctype.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "cfb_ops.h"
#include "dbg.h"
#include "rw_print.h"
#include "vm.h"
#include "xmem.h"
#include "rw_tok.h"

static void vm_panic(const char *what) NORETURN;

static void
vm_panic(const char *what)
{
	panic("vm: %s", what);
}

void
vm_init(struct vm *vm, struct cf *cf, const struct rw_msgs *msgs)
{
	memset(vm, 0, sizeof(*vm));
	vm->cf = cf;
	rw_mactab_init(&vm->envmac);
	vm->env.layer[0] = &vm->envmac;
	vm->env.layer[1] = &cf->mac;
	vm->env.layer[2] = &cf->meta;
	vm->env.n = 3;
	vm->maxrecursion = MAXRULERECURSION;
	for (int k = 0; k < VM_SHOWN; k++)
		vm->shown[k].n = SIZE_MAX;
	if (msgs != NULL)
		vm->msgs = *msgs;
}

void
vm_reset(struct vm *vm)
{
	for (size_t i = 0; i < vm->narena; i++)
		free(vm->arena[i]);
	vm->narena = 0;
	vm->bumpused = 0;
	for (int k = 0; k < VM_SHOWN; k++)
		vm->shown[k].n = SIZE_MAX;
}

void
vm_fini(struct vm *vm)
{
	vm_reset(vm);
	free(vm->arena);
	free(vm->bump);
	free(vm->scratch);
	free(vm->toks);
	for (int k = 0; k < VM_SHOWN; k++)
		buf_fini(&vm->shown[k].text);
	free(vm->rshead);
	rw_mactab_fini(&vm->envmac);
}

static char *
vm_keep(struct vm *vm, char *s)
{
	if (vm->narena == vm->caparena) {
		vm->caparena = vm->caparena ? vm->caparena * 2 : 64;
		vm->arena = xreallocarray(vm->arena, vm->caparena, sizeof(char *));
	}
	vm->arena[vm->narena++] = s;
	return s;
}

/* n bytes owned until vm_reset */
static char *
vm_alloc(struct vm *vm, size_t n)
{
	/* one block per command for the many short token strings */
	if (vm->bump == NULL) {
		vm->bumpcap = 64 * 1024;
		vm->bump = xmalloc(vm->bumpcap);
	}
	if (n > 4096 || vm->bumpused + n > vm->bumpcap)
		return vm_keep(vm, xmalloc(n));
	char *p = vm->bump + vm->bumpused;
	vm->bumpused += n;
	return p;
}

char *
vm_strdup(struct vm *vm, const char *s)
{
	size_t n = strlen(s) + 1;
	char *p = vm_alloc(vm, n);

	memcpy(p, s, n);
	return p;
}

int
vm_prescan(struct vm *vm, const char *addr, int delim, char **pvp,
    const char **delimptr, const unsigned char *toktab)
{
	char stackcopy[512];
	size_t alen = strlen(addr);
	char *copy = alen < sizeof(stackcopy) ? stackcopy : xmalloc(alen + 1);
	char *dp = NULL;
	int n;

	memcpy(copy, addr, alen + 1);
	if (vm->scratch == NULL) {
		vm->scratch = xmalloc(PSBUFSIZE);
		vm->toks = xmalloc(sizeof(*vm->toks));
	}
	char *pvpbuf = vm->scratch;
	struct rw_tokens *t = vm->toks;

	if (toktab == NULL)
		toktab = vm->cf->tok.ext;
	n = rw_prescan(toktab, copy, delim, pvpbuf, PSBUFSIZE, t, &dp, false,
	    &vm->msgs);
	if (delimptr != NULL)
		*delimptr = dp != NULL ? addr + (dp - copy) : NULL;
	if (n >= 0) {
		/* the tokens lie in order in pvpbuf: one copy for all */
		size_t used = (size_t)(t->av[n - 1] - pvpbuf) +
		    strlen(t->av[n - 1]) + 1;
		char *blk = vm_alloc(vm, used);
		memcpy(blk, pvpbuf, used);
		for (int i = 0; i < n; i++)
			pvp[i] = blk + (t->av[i] - pvpbuf);
		pvp[n] = NULL;
	}
	if (copy != stackcopy)
		free(copy);
	return n;
}

/* what vm_cataddr puts between two atoms when not told */
static int
cat_spacesub(const struct cf *cf)
{
	const char *bs = cf->optv[OPT_BLANKSUB];

	return bs != NULL && *bs ? *bs : ' ';
}

void
vm_cataddr(const struct cf *cf, char **pvp, char **evp, char *buf, size_t sz,
    int spacesub)
{
	bool oatomtok = false, natomtok;
	char *p = buf;
	long left;

	if (sz == 0)
		return;
	if (spacesub == '\0')
		spacesub = cat_spacesub(cf);
	if (pvp == NULL) {
		*buf = '\0';
		return;
	}
	left = (long)sz - 2;
	while (*pvp != NULL && left > 0) {
		natomtok = cf->tok.intl[(unsigned char)**pvp] == TT_ATM;
		if (oatomtok && natomtok) {
			*p++ = (char)spacesub;
			if (--left <= 0)
				break;
		}
		size_t i = strlen(*pvp);
		size_t cp = (size_t)left > i ? i : (size_t)left - 1;
		memcpy(p, *pvp, cp);
		p[cp] = '\0';
		left -= (long)i;
		if (left <= 0) {
			p += cp;
			break;
		}
		oatomtok = i > 0 && cf->tok.intl[(unsigned char)p[i - 1]] == TT_ATM;
		p += i;
		if (pvp++ == evp)
			break;
	}
	*p = '\0';
}

int
vm_rule_tokens(const struct cf_rule *r, bool lhs, char *store, size_t storesz,
    const char **av, int maxav)
{
	const uint32_t *pc = lhs ? r->lhs : r->rhs;
	int n = 0;
	size_t used = 0;

	for (; CFB_GET_OP(*pc) != OP_END && n < maxav - 1; pc++) {
		uint32_t w = *pc;
		char tmp[3] = { 0, 0, 0 };
		const char *tok = tmp;

		switch (CFB_GET_OP(w)) {
		case OP_MATCH_LIT:
		case OP_EMIT_LIT:
			tok = r->str + CFB_GET_Bx(w);
			break;
		case OP_MATCH_ZANY: tmp[0] = (char)MATCHZANY; break;
		case OP_MATCH_ANY: tmp[0] = (char)MATCHANY; break;
		case OP_MATCH_ONE: tmp[0] = (char)MATCHONE; break;
		case OP_MATCH_ZERO: tmp[0] = (char)MATCHZERO; break;
		case OP_MATCH_CLASS:
			tmp[0] = (char)MATCHCLASS; tmp[1] = (char)CFB_GET_B(w); break;
		case OP_MATCH_NCLASS:
			tmp[0] = (char)MATCHNCLASS; tmp[1] = (char)CFB_GET_B(w); break;
		case OP_MATCH_MACRO:
		case OP_EMIT_MACRO:
			tmp[0] = (char)MACRODEXPAND; tmp[1] = (char)CFB_GET_B(w); break;
		case OP_RHS_CONT: tmp[0] = (char)CANONUSER; break;
		case OP_RHS_RETURN: tmp[0] = (char)CANONHOST; break;
		case OP_EMIT_REPL:
			tmp[0] = (char)MATCHREPL; tmp[1] = (char)CFB_GET_A(w); break;
		default:
			vm_panic("bad opcode in rule_tokens");
		}
		size_t l = strlen(tok) + 1;
		if (used + l > storesz)
			break;
		memcpy(store + used, tok, l);
		av[n++] = store + used;
		used += l;
	}
	av[n] = NULL;
	return n;
}

static void
printav(struct vm *vm, char **av)
{
	rw_printav(dbg_stream(), &vm->cf->mn, (const char *const *)av);
}

static void
printrule(struct vm *vm, const struct cf_rule *r, bool lhs)
{
	char store[MAXLINE * 2];
	const char *av[MAXATOM + 1];

	vm_rule_tokens(r, lhs, store, sizeof(store), av, MAXATOM + 1);
	rw_printav(dbg_stream(), &vm->cf->mn, av);
}

static bool
wordinclass(struct vm *vm, const char *w, int cls)
{
	return rw_class_has(&vm->cf->cls, cls, w);
}

/*
 * The rw_class_hash of what vm_cataddr(cf, first, last, buf, sz, '\0')
 * writes, without writing it, in *h; false (and *h unset) when that
 * would be truncated (sz - 2 bytes or more).
 */
static bool
cat_hash(const struct cf *cf, char **first, char **last, size_t sz,
    uint32_t *h)
{
	const unsigned char *intl = cf->tok.intl;
	uint32_t x = RW_CLASS_HASH0;
	size_t len = 0;
	bool oatom = false;

	for (char **pp = first; pp <= last; pp++) {
		const unsigned char *t = (const unsigned char *)*pp;
		if (oatom && intl[t[0]] == TT_ATM) {
			x = rw_class_hashc(x, (unsigned)cat_spacesub(cf));
			len++;
		}
		size_t i;
		for (i = 0; t[i] != '\0'; i++)
			x = rw_class_hashc(x, t[i]);
		len += i;
		if (len + 3 > sz)
			return false;
		oatom = i > 0 && intl[t[i - 1]] == TT_ATM;
	}
	*h = x;
	return true;
}

/* "%-16.16s   input:" and " returns:" for a ruleset, made once */
struct vm_rshead {
	unsigned char	 len[2];
	char		 s[2][32];
};

/*
 * "%s%-16.16s%s" and the tokens, in one write: this line is printed for
 * every ruleset call in address test mode.  The tokens' text comes from
 * vm->shown when the same vector was printed lately.
 */
/* what the prefilters know about the workspace (when valid) */
struct wsinfo {
	bool		 valid;
	uint64_t	 mask;		/* cf_tokbit of every token */
	uint64_t	 pairs;		/* cf_pairbit of each two in a row */
	size_t		 len;		/* tokens */
	unsigned	 meta;		/* OR of cf_actmeta of the tokens'
					 * first bytes */
	unsigned	 c0, cl;	/* folded first byte of the first, last */
	unsigned char	*idx;		/* cf_tokidx of each token, then
					 * IDXPAD bytes 0xff (no index) */
};
#define IDXPAD	8
#define IDXPAD_SET(p)	memcpy((p), "\377\377\377\377\377\377\377\377", IDXPAD)

/* cf_actmeta by table (ws_scan runs over whole workspaces) */
static const unsigned char actmeta[256] = {
	[CALLSUBR] = 0200, [HOSTBEGIN] = 0200, [LOOKUPBEGIN] = 0200,
};

/* remember wi (describing sh's vector) in sh */
static void
ws_save(struct vm_shown *sh, const struct wsinfo *wi)
{
	if (sh->wsok || !wi->valid || wi->len != sh->n)
		return;
	memcpy(sh->idx, wi->idx, wi->len);
	sh->mask = wi->mask;
	sh->pairs = wi->pairs;
	sh->meta = wi->meta;
	sh->c0 = wi->c0;
	sh->cl = wi->cl;
	sh->wsok = true;
}

/* two tokens (different strings) have the same text */
static inline bool
tok_same(const char *a, const char *b)
{
	while (*a == *b) {
		if (*a == '\0')
			return true;
		a++, b++;
	}
	return false;
}

/*
 * The entry in vm->shown of a vector with the text of pvp, or NULL:
 * what is printed and what the prefilters know depend on the tokens'
 * text only, and a ruleset often returns, in tokens of its own, the
 * text it was given or another ruleset returned.
 */
static inline struct vm_shown *
shown_find(struct vm *vm, char **pvp)
{
	/* the latest entry first: most vectors found are the one printed
	 * last (a ruleset's input is often its caller's input or what
	 * another ruleset just returned) */
	unsigned k = vm->shownext;

	for (int t = 0; t < VM_SHOWN; t++) {
		k = (k + VM_SHOWN - 1) % VM_SHOWN;
		const char **a = vm->shown[k].av;
		if (vm->shown[k].n == SIZE_MAX)
			continue;
		for (size_t i = 0;; i++) {
			const char *x = a[i], *y = pvp[i];
			if (x == y) {
				if (x == NULL)	/* the end of both */
					return &vm->shown[k];
			} else if (x == NULL || y == NULL || !tok_same(x, y))
				break;
		}
	}
	return NULL;
}

/*
 * The input:/returns: line of the workspace pvp; when wi describes it,
 * that is remembered with the vector.  The vector's entry in
 * vm->shown (known, when not NULL), or NULL.
 */
static struct vm_shown *
print_rsline(struct vm *vm, int ruleset, const char *name, bool returns,
    char **pvp, const struct wsinfo *wi, struct vm_shown *known)
{
	const char *prefix = vm->testmode ? "" : "rewrite: ruleset ";
	const char *suffix = returns ? " returns:" : "   input:";
	char head[96], line[2048];
	const char *hs;
	size_t hl, n;

	if (vm->testmode && ruleset >= 0 && ruleset < MAXRWSETS) {
		if (vm->rshead == NULL)
			vm->rshead = xcalloc(MAXRWSETS, sizeof(*vm->rshead));
		struct vm_rshead *h = &vm->rshead[ruleset];
		if (h->len[returns] == 0) {
			size_t l = strlen(name);
			if (l > 16)
				l = 16;
			memcpy(h->s[returns], name, l);
			memset(h->s[returns] + l, ' ', 16 - l);
			memcpy(h->s[returns] + 16, suffix, 9);
			h->len[returns] = 25;
		}
		hs = h->s[returns];
		hl = h->len[returns];
	} else {
		size_t p = strlen(prefix), l = strlen(name), k = strlen(suffix);
		if (l > 16)
			l = 16;
		memcpy(head, prefix, p);
		memcpy(head + p, name, l);
		memset(head + p + l, ' ', 16 - l);
		memcpy(head + p + 16, suffix, k);
		hs = head;
		hl = p + 16 + k;
	}

	struct vm_shown *sh = known != NULL ? known : shown_find(vm, pvp);
	if (sh == NULL) {
		sh = &vm->shown[vm->shownext];
		vm->shownext = (vm->shownext + 1) % VM_SHOWN;
		buf_reset(&sh->text);
		/* (the render finds the vector's length: one walk) */
		n = rw_render_av(&sh->text, &vm->cf->mn,
		    (const char *const *)pvp);
		sh->wsok = false;
		if (n <= VM_SHOWN_MAX) {
			memcpy(sh->av, pvp, (n + 1) * sizeof(*pvp));
			sh->n = n;
		} else
			sh->n = SIZE_MAX;	/* too long to remember */
	}
	/* (the text is written all the same) */
	struct vm_shown *ret = sh->n != SIZE_MAX ? sh : NULL;
	if (wi != NULL && wi->valid)
		ws_save(sh, wi);
	FILE *fp = dbg_stream();
#ifdef __GLIBC__
	/*
	 * Room in the stream's buffer (a fully buffered stream being
	 * written): the line goes straight there, as putc_unlocked puts
	 * a byte, without an fwrite call and a copy per line.  A line or
	 * unbuffered stream keeps _IO_write_end at or below _IO_write_ptr.
	 */
	ptrdiff_t room = fp->_IO_write_end - fp->_IO_write_ptr;
	/* (the fixed-size header copy may write past hl: room for it too) */
	if (room > 0 && (size_t)room >= hl + sh->text.len &&
	    (size_t)room >= sizeof(vm->rshead->s[0])) {
		char *w = fp->_IO_write_ptr;
		if (hs != head)
			memcpy(w, hs, sizeof(vm->rshead->s[0]));
		else
			memcpy(w, hs, hl);
		memcpy(w + hl, sh->text.s, sh->text.len);
		fp->_IO_write_ptr = w + hl + sh->text.len;
		return ret;
	}
#endif
	if (hl + sh->text.len <= sizeof(line)) {
		/* (a fixed size when it can be: no rep movs for 25 bytes) */
		if (hs != head)
			memcpy(line, hs, sizeof(vm->rshead->s[0]));
		else
			memcpy(line, hs, hl);
		memcpy(line + hl, sh->text.s, sh->text.len);
		fwrite_unlocked(line, 1, hl + sh->text.len, fp);
	} else {
		fwrite_unlocked(hs, 1, hl, dbg_stream());
		fwrite_unlocked(sh->text.s, 1, sh->text.len, fp);
	}
	return ret;
}

/* lit_eq from the second byte on (apart: its callers stay leaf code) */
static bool __attribute__((noinline))
lit_eq_tail(const char *lit, const char *ap)
{
	return strcasecmp(lit + 1, ap + 1) == 0;
}

/*
 * The MATCH_LIT test: equal ignoring ASCII case (as strcasecmp in C).
 * Two first bytes that differ are the same letter in two cases only
 * when they differ in bit 5 alone and one of them is a lower-case
 * letter (no folding when they are equal: the usual case).
 */
static inline bool
lit_eq(const char *lit, const char *ap)
{
	unsigned c1 = (unsigned char)lit[0], c2 = (unsigned char)ap[0];

	if (c1 != c2 && ((c1 ^ c2) != 32 || (c1 | 32) - 'a' >= 26u))
		return false;
	if (c1 == '\0')
		return true;
	/* one-byte literals (most of them: operators) need no call */
	if (lit[1] == '\0')
		return ap[1] == '\0';
	return lit_eq_tail(lit, ap);
}

/* lit_eq when the first bytes are known to be equal ignoring case */
static inline bool
lit_eq_rest(const char *lit, const char *ap)
{
	if (lit[0] == '\0')
		return true;
	if (lit[1] == '\0')
		return ap[1] == '\0';
	return lit_eq_tail(lit, ap);
}

/*
 * The first token from avp on that equals lit, or NULL.  A $* or $+
 * followed by a literal is extended one token at a time until the
 * literal matches; every binding skipped here is one whose literal
 * test fails, and when the input runs out first the rule fails as a
 * whole (sendmail stops at "end of input, pattern left").
 */
static char **
lit_scan(char **avp, const char *lit)
{
	unsigned char c1 = (unsigned char)lit[0];

	if (c1 >= 'A' && c1 <= 'Z')
		c1 = (unsigned char)(c1 + 32);
	for (char *ap; (ap = *avp) != NULL; avp++) {
		unsigned char c2 = (unsigned char)ap[0];
		if (c2 >= 'A' && c2 <= 'Z')
			c2 = (unsigned char)(c2 + 32);
		if (c1 == c2 && (c1 == '\0' || (lit[1] == '\0' && ap[1] == '\0') ||
		    strcasecmp(lit + 1, ap + 1) == 0))
			return avp;
	}
	return NULL;
}

/* describe the workspace pvp in *wi */
static void
ws_scan(char **pvp, struct wsinfo *wi)
{
	uint64_t mask = 0, pairs = 0;
	unsigned meta = 0, prev;
	unsigned char *ix = wi->idx;
	const char *s;
	size_t n = 0;

	/*
	 * (The first token apart: no pair test in the loop.  Each token's
	 * bytes are read before its index byte is stored, which could
	 * alias them and force reloads.)
	 */
	if ((s = pvp[0]) != NULL) {
		prev = cf_tokidx(s);
		meta = actmeta[(unsigned char)s[0]];
		ix[0] = (unsigned char)prev;
		mask = (uint64_t)1 << prev;
		for (n = 1; (s = pvp[n]) != NULL; n++) {
			unsigned idx = cf_tokidx(s);
			meta |= actmeta[(unsigned char)s[0]];
			ix[n] = (unsigned char)idx;
			mask |= (uint64_t)1 << idx;
			pairs |= cf_pairbit(prev, idx);
			prev = idx;
		}
	}
	IDXPAD_SET(ix + n);
	wi->valid = true;
	wi->pairs = pairs;
	wi->mask = mask;
	wi->len = n;
	wi->meta = meta;
	wi->c0 = n > 0 ? cf_fold((unsigned char)pvp[0][0]) : 0;
	wi->cl = n > 0 ? cf_fold((unsigned char)pvp[n - 1][0]) : 0;
}

/*
 * Describe the workspace pvp in *wi: as remembered with the same
 * vector when it was printed (sh, when not NULL, is its entry in
 * vm->shown), else by ws_scan (and then remembered).
 */
static void
ws_describe(char **pvp, struct vm_shown *sh, struct wsinfo *wi)
{
	if (sh != NULL && sh->wsok) {
		memcpy(wi->idx, sh->idx, sh->n);
		IDXPAD_SET(wi->idx + sh->n);
		wi->valid = true;
		wi->mask = sh->mask;
		wi->pairs = sh->pairs;
		wi->len = sh->n;
		wi->meta = sh->meta;
		wi->c0 = sh->c0;
		wi->cl = sh->cl;
		return;
	}
	ws_scan(pvp, wi);
	if (sh != NULL)
		ws_save(sh, wi);
}

/*
 * The prefilters of rule ri other than the masks and lengths (which
 * the caller tested): false if it cannot match the described workspace.
 */
static inline bool
rule_may_match_rest(const struct cf *cf, const struct cf_ruleset *rs, int ri,
    const struct wsinfo *wi, char **pvp)
{
	const struct cf_rulepf *pf = &rs->pf[ri];

	if ((pf->flags & (CF_PF_FIRST | CF_PF_LAST | CF_PF_NEEDCLS)) == 0)
		return true;
	/* minlen > 0 when there is a first or last literal */
	if ((pf->flags & CF_PF_FIRST) && pf->first != wi->c0)
		return false;
	if ((pf->flags & CF_PF_LAST) && pf->last != wi->cl)
		return false;
	/* (the first bytes are equal: pf->first and last are folded) */
	const struct cf_rule *r = &rs->r[ri];
	if ((pf->flags & CF_PF_FIRST) && !lit_eq_rest(r->firstlit, pvp[0]))
		return false;
	if ((pf->flags & CF_PF_LAST) &&
	    !lit_eq_rest(r->lastlit, pvp[wi->len - 1]))
		return false;
	return !(pf->flags & CF_PF_NEEDCLS) ||
	    ((r->needcls[0] & ~cf->cls.used[0]) == 0 &&
	     (r->needcls[1] & ~cf->cls.used[1]) == 0 &&
	     (r->needcls[2] & ~cf->cls.used[2]) == 0 &&
	     (r->needcls[3] & ~cf->cls.used[3]) == 0);
}

/*
 * The first rule from ri on whose prefilters the described workspace
 * passes, or rs->n.  Most rules fail on their literal masks or lengths:
 * those are tested in a tight loop (a rule without workspace conditions
 * has empty masks and lengths 0..UINT16_MAX, cf_add_rule, so it passes
 * them), the rest only for the rules that pass.
 */
static inline int
rule_next(const struct cf *cf, const struct cf_ruleset *rs, int ri,
    const struct wsinfo *wi, char **pvp)
{
	const struct cf_rulepf *pf = rs->pf;
	const uint64_t nmask = ~wi->mask, npairs = ~wi->pairs;
	const size_t len = wi->len;
	const int n = rs->n;

	for (; ri < n; ri++) {
		if (((pf[ri].litmask & nmask) | (pf[ri].pairmask & npairs)) != 0 ||
		    len < pf[ri].minlen || len > pf[ri].maxlen)
			continue;
		if (rule_may_match_rest(cf, rs, ri, wi, pvp))
			break;
	}
	return ri;
}

/*
 * lit_scan in a described workspace pvp, x being lit's cf_tokidx:
 * equal tokens (ignoring case) have equal indexes, so only the tokens
 * whose index is x are compared; those are found eight index bytes at
 * a time (fewer branches than a test per token: a mispredicted branch
 * costs more than the arithmetic).
 */
static inline __attribute__((always_inline)) char **
lit_find(char **pvp, char **avp, const struct wsinfo *wi, const char *lit,
    unsigned x)
{
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
	const uint64_t lo7 = 0x7f7f7f7f7f7f7f7fu;
	const uint64_t pat = 0x0101010101010101u * x;
	size_t len = wi->len;

	if (!wi->valid)
		return lit_scan(avp, lit);
	/* the bytes from len on are 0xff (IDXPAD): never x, never read past */
	for (size_t base = (size_t)(avp - pvp); base < len; base += 8) {
		uint64_t v;
		memcpy(&v, wi->idx + base, 8);
		v ^= pat;
		/* the high bit of each byte of v that is 0, exactly */
		uint64_t z = ~(((v & lo7) + lo7) | v | lo7);
		while (z != 0) {
			size_t at = base + (size_t)__builtin_ctzll(z) / 8;
			if (lit_eq(lit, pvp[at]))
				return &pvp[at];
			z &= z - 1;
		}
	}
	return NULL;
#else
	(void)pvp; (void)wi; (void)x;
	return lit_scan(avp, lit);
#endif
}

struct match {
	char		**first;
	char		**last;
	const uint32_t	*pattern;
};

/* where the $> tokens of a new workspace are, when known */
struct calls {
	int		 n;
	int		 at[MAX_SUBR];	/* ascending */
};

static int callsubr(struct vm *vm, char **pvp, size_t len,
    const struct calls *known, int reclevel, struct vm_shown **whole);

/*
 * The $> tokens that the RHS of rwr put in the new workspace (matched
 * by mlist), each followed by a name literal: true when those are all
 * there are, that is when no other token can be one (copied tokens
 * start with no metasymbol: metaok, no $& and no lookup) and there
 * are at most MAX_SUBR of them.
 */
static bool
calls_known(const struct cf_rule *rwr, const struct match *mlist,
    bool metaok, struct calls *c)
{
	const uint32_t *rvp = rwr->rhs;
	size_t at = 0;

	if (!metaok || rwr->rhslookup || rwr->rhsmacro)
		return false;
	if (rwr->rhscall0) {
		/* (most calls: "$: $>name ...") */
		c->n = 1;
		c->at[0] = 0;
		return true;
	}
	c->n = 0;
	if (CFB_GET_OP(*rvp) == OP_RHS_CONT || CFB_GET_OP(*rvp) == OP_RHS_RETURN)
		rvp++;
	for (; CFB_GET_OP(*rvp) != OP_END; rvp++) {
		uint32_t w = *rvp;
		switch (CFB_GET_OP(w)) {
		case OP_EMIT_REPL: {
			const struct match *m = &mlist[CFB_GET_A(w) - '1'];
			at += (size_t)(m->last + 1 - m->first);
			break;
		}
		case OP_EMIT_LIT:
			if ((unsigned char)*cf_rule_str(rwr, CFB_GET_Bx(w)) ==
			    CALLSUBR) {
				/* (a MAX_SUBR-th call is an error: the scan
				 * reports it) */
				if (c->n == MAX_SUBR - 1 ||
				    CFB_GET_OP(rvp[1]) != OP_EMIT_LIT)
					return false;
				c->at[c->n++] = (int)at;
			}
			at++;
			break;
		case OP_RHS_CONT:
		case OP_RHS_RETURN:
			at++;
			break;
		default:
			return false;
		}
	}
	return true;
}

/*
 * The workspace pvp into the caller's vector pvp0; status.  n: pvp's
 * length when known, else SIZE_MAX; vm->retlen: the length when known.
 */
static int
ws_done(struct vm *vm, char **pvp0, char **pvp, int status, size_t n)
{
	if (pvp != pvp0) {
		if (n == SIZE_MAX)
			for (n = 0; pvp[n] != NULL; n++)
				continue;
		memcpy(pvp0, pvp, (n + 1) * sizeof(*pvp));
	}
	vm->retlen = n;
	return status;
}

/* tTd(21, k) in rewrite(): false when fast */
#define TTD21(k)	(!fast && tTd(21, (k)))

/*
 * The body of vm_rewrite, made twice: with fast (no -d21 traces, the
 * prefilters on) every trace test is a constant false (tTd(21, k) for
 * k >= 1 implies tTd(21, 1)) and drops out of the matching loops.
 */
static inline __attribute__((always_inline)) int
rewrite(struct vm *vm, char **pvp0, int ruleset, int reclevel, int maxatom,
    const bool fast)
{
	struct cf *cf = vm->cf;
	char **avp, *ap;
	const uint32_t *rvp;
	struct match mlist[MAXMATCH + 2], *mlp;
	int ruleno, loopcount, rstat = EX_OK;
	/*
	 * The workspace (pvp) and the one being built (npvp) take turns
	 * in the caller's vector and wsbuf; the caller's has the result
	 * when we return (ws_done).
	 */
	char *wsbuf[MAXATOM + 1];
	char **pvp = pvp0, **npvp = wsbuf;
	char namebuf[16];
	const char *rulename;

	if (ruleset < 0 || ruleset >= MAXRWSETS) {
		rw_syserr(&vm->msgs, "554 5.3.5 rewrite: illegal ruleset number %d", ruleset);
		return EX_CONFIG;
	}
	rulename = cf_rsname(cf, ruleset, namebuf, sizeof(namebuf));
	if (reclevel == 0 && !vm->shown_keep) {
		/* tokens may have changed between top-level calls */
		for (int k = 0; k < VM_SHOWN; k++)
		vm->shown[k].n = SIZE_MAX;
	}
	/* the entry in vm->shown of the vector pvp (while known) */
	struct vm_shown *cursh = NULL;
	if (vm->testmode || !fast)
		cursh = print_rsline(vm, ruleset, rulename, false, pvp, NULL,
		    NULL);
	if (reclevel++ > vm->maxrecursion) {
		rw_syserr(&vm->msgs, "rewrite: excessive recursion (max %d), ruleset %s",
		    vm->maxrecursion, rulename);
		return EX_CONFIG;
	}
	if (pvp == NULL)
		return EX_USAGE;

	const struct cf_ruleset *rs = &cf->rs[ruleset];
	int ri = 0;
	const bool prefilter = fast;
	const bool trace35 = !fast && tTd(21, 35);
	const bool trace36 = !fast && tTd(21, 36);
	const bool trace12 = !fast && tTd(21, 12);
	struct wsinfo wi;
	unsigned char idxbuf[2][MAXATOM + 1 + IDXPAD];

	wi.valid = false;	/* described when a prefilter needs it */
	wi.idx = idxbuf[0];
	ruleno = 1;
	loopcount = 0;
	while (ri < rs->n) {
		const struct cf_rule *rwr;
		int status;

		if (pvp[0] != NULL && (unsigned char)pvp[0][0] == CANONNET)
			break;
		if (trace12) {
			rwr = &rs->r[ri];
			if (TTD21(15))
				dbg_printf("-----trying rule (line %d):", rwr->line);
			else
				dbg_printf("-----trying rule:");
			printrule(vm, rwr, true);
		}
		if (++loopcount > 100) {
			rw_syserr(&vm->msgs, "554 5.3.5 Infinite loop in ruleset %s, rule %d",
			    rulename, ruleno);
			if (TTD21(1)) {
				dbg_printf("workspace: ");
				printav(vm, pvp);
			}
			break;
		}
		if (prefilter) {
			/*
			 * While the pattern cannot match this workspace: on to
			 * the next rule (the workspace stays the same, there
			 * are no traces, each skipped try resets loopcount).
			 */
			int first = ri;
			if (!wi.valid)
				ws_describe(pvp, cursh, &wi);
			ri = rule_next(cf, rs, ri, &wi, pvp);
			ruleno += ri - first;
			if (ri >= rs->n)
				break;
			if (ri != first)
				loopcount = 1;
		}
		rwr = &rs->r[ri];
		mlp = mlist;
		rvp = rwr->lhs;
		avp = pvp;

		while ((ap = *avp) != NULL || CFB_GET_OP(*rvp) != OP_END) {
			uint32_t w = *rvp;
			enum opcode op = CFB_GET_OP(w);

			if (trace35) {
				dbg_printf("ADVANCE rp=");
				char st[MAXLINE];
				const char *one[2];
				struct cf_rule tmp = *rwr;
				tmp.lhs = rvp;
				vm_rule_tokens(&tmp, true, st, sizeof(st), one, 2);
				rw_xputs(dbg_stream(), &cf->mn, one[0] ? one[0] : "");
				dbg_printf(", ap=");
				rw_xputs(dbg_stream(), &cf->mn, ap);
				dbg_printf("\n");
			}
			if (op == OP_END)
				goto backup;	/* end of pattern, address left */
			if (ap == NULL && op != OP_MATCH_ZANY && op != OP_MATCH_ZERO)
				break;		/* end of input, pattern left */

			switch (op) {
			/*
			** Op: MATCH_CLASS A B
			** Synopsis: $=B -- one or more tokens spelling a member of class B
			** The binding starts with one token and is extended one token
			** at a time (on backup, too) until the concatenation is a member.
			*/
			case OP_MATCH_CLASS: {
				char buf[MAXLINE];
				mlp->pattern = rvp;
				mlp->first = avp;
			extendclass:
				ap = *avp;
				if (ap == NULL)
					goto backup;
				mlp->last = avp++;
				/* one short token spells itself */
				const char *word = buf;
				uint32_t wh;
				if (mlp->first == mlp->last &&
				    strnlen(ap, sizeof(buf) - 2) < sizeof(buf) - 2) {
					word = ap;
					wh = rw_class_hash(RW_CLASS_HASH0, ap);
				} else {
					/* (a longer binding, mostly one that backup
					 * extends: given up without its text when
					 * no member starts so) */
					bool hashed = prefilter &&
					    cat_hash(cf, mlp->first, mlp->last,
					    sizeof(buf), &wh);
					if (hashed && !rw_class_maybe_prefix_h(&cf->cls,
					    (int)CFB_GET_B(*mlp->pattern), wh))
						goto backup;
					vm_cataddr(cf, mlp->first, mlp->last, buf, sizeof(buf), '\0');
					if (!hashed)
						wh = rw_class_hash(RW_CLASS_HASH0, buf);
				}
				bool pfx = true;
				if (!rw_class_probe(&cf->cls, (int)CFB_GET_B(*mlp->pattern),
				    word, wh, prefilter ? &pfx : NULL)) {
					/* no member starts so: longer bindings cannot match */
					if (!pfx)
						goto backup;
					if (trace36) {
						dbg_printf("EXTEND  rp=");
						dbg_printf(", ap=");
						rw_xputs(dbg_stream(), &cf->mn, ap);
						dbg_printf("\n");
					}
					goto extendclass;
				}
				if (trace36)
					dbg_printf("CLMATCH\n");
				mlp++;
				break;
			}
			/*
			** Op: MATCH_NCLASS A B
			** Synopsis: $~B -- one token that is not in class B
			*/
			case OP_MATCH_NCLASS:
				if (wordinclass(vm, ap, (int)CFB_GET_B(w)))
					goto backup;
				FALLTHROUGH;
			/*
			** Op: MATCH_ONE A / MATCH_ANY A
			** Synopsis: $- exactly one token; $+ one or more (extended on backup)
			*/
			case OP_MATCH_ONE:
				mlp->pattern = rvp;
				mlp->first = avp;
				mlp->last = avp++;
				mlp++;
				break;
			case OP_MATCH_ANY:
				mlp->pattern = rvp;
				mlp->first = avp;
				mlp->last = avp++;
				if (!prefilter || ((op = CFB_GET_OP(rvp[1])) != OP_MATCH_LIT &&
				    op != OP_END)) {
					mlp++;
					break;
				}
				goto extendfast;
			/*
			** Op: MATCH_ZANY A
			** Synopsis: $* -- zero tokens at first, extended on backup
			*/
			case OP_MATCH_ZANY:
				mlp->pattern = rvp;
				mlp->first = avp;
				mlp->last = avp - 1;
				if (!prefilter)	{
					mlp++;
					break;
				}
				op = CFB_GET_OP(rvp[1]);
			extendfast:
				/*
				 * Without traces, the extensions backup would
				 * try one by one are skipped: a trailing $* or $+
				 * takes the rest at once, one before a literal
				 * goes straight to the literal's next occurrence.
				 */
				if (op == OP_END) {
					/* (the described length: no walk) */
					if (wi.valid)
						avp = pvp + wi.len;
					else
						while (*avp != NULL)
							avp++;
					mlp->last = avp - 1;
				} else if (op == OP_MATCH_LIT) {
					char **at = lit_find(pvp, avp, &wi,
					    cf_rule_str(rwr, CFB_GET_Bx(rvp[1])),
					    rwr->lhsidx[rvp + 1 - rwr->lhs]);
					if (at == NULL)
						goto rulefails;
					mlp->last = at - 1;
					avp = at;
				}
				mlp++;
				break;
			/*
			** Op: MATCH_ZERO
			** Synopsis: $@ on the LHS -- matches zero tokens
			*/
			case OP_MATCH_ZERO:
				break;
			/*
			** Op: MATCH_MACRO B
			** Synopsis: $&B -- tokens that spell the current value of macro B
			*/
			case OP_MATCH_MACRO: {
				const char *mv = rw_macvalue(&vm->env, (int)CFB_GET_B(w));
				mlp->first = avp;
				if (TTD21(2))
					dbg_printf("rewrite: LHS $&{%s} => \"%s\"\n",
					    rw_macname(&cf->mn, (int)CFB_GET_B(w)),
					    mv == NULL ? "(NULL)" : mv);
				if (mv == NULL)
					break;
				while (*mv != '\0') {
					if (*avp == NULL ||
					    strncasecmp(mv, *avp, strlen(*avp)) != 0) {
						avp = mlp->first;
						goto backup;
					}
					mv += strlen(*avp++);
				}
				break;
			}
			/*
			** Op: MATCH_LIT Bx
			** Synopsis: the token equals string Bx, ignoring case
			*/
			case OP_MATCH_LIT:
				if (!lit_eq(cf_rule_str(rwr, CFB_GET_Bx(w)), ap))
					goto backup;
				avp++;
				break;
			default:
				vm_panic("bad LHS opcode");
			}
			rvp++;
			continue;

		backup:
			while (--mlp >= mlist) {
				rvp = mlp->pattern;
				avp = mlp->last + 1;
				ap = *avp;
				if (trace36) {
					dbg_printf("BACKUP  rp=..., ap=");
					rw_xputs(dbg_stream(), &cf->mn, ap ? ap : "");
					dbg_printf("\n");
				}
				if (ap == NULL)
					continue;
				op = CFB_GET_OP(*rvp);
				if (op == OP_MATCH_ANY || op == OP_MATCH_ZANY) {
					mlp->last = avp++;
					if (prefilter &&
					    CFB_GET_OP(rvp[1]) == OP_MATCH_LIT) {
						char **at = lit_find(pvp, avp, &wi,
						    cf_rule_str(rwr, CFB_GET_Bx(rvp[1])),
						    rwr->lhsidx[rvp + 1 - rwr->lhs]);
						if (at == NULL)
							goto rulefails;
						mlp->last = at - 1;
						avp = at;
					}
					rvp++;
					mlp++;
					break;
				}
				if (op == OP_MATCH_CLASS) {
					mlp->last = avp;
					goto extendclass;
				}
			}
			if (mlp < mlist)
				break;
		}

		if (mlp < mlist || CFB_GET_OP(*rvp) != OP_END) {
		rulefails:
			if (TTD21(10))
				dbg_printf("----- rule fails\n");
			ri++;
			ruleno++;
			loopcount = 0;
			continue;
		}

		/* the rule matched: build the replacement */
		cursh = NULL;
		rvp = rwr->rhs;
		if (trace12) {
			dbg_printf("-----rule matches:");
			printrule(vm, rwr, false);
		}
		if (CFB_GET_OP(*rvp) == OP_RHS_CONT) {
			rvp++;
			ri++;
			ruleno++;
			loopcount = 0;
		} else if (CFB_GET_OP(*rvp) == OP_RHS_RETURN) {
			rvp++;
			ri = rs->n;
		}

		/*
		 * A plain rewrite (no token that starts a lookup or a call can
		 * come out of it; $# $@ $: tokens may) describes the new
		 * workspace as it builds it, from the literals' and the old
		 * tokens' Bloom indexes.
		 */
		bool plain = prefilter && !rwr->rhsmeta;
		if (plain && rwr->rhsrepl && !wi.valid)
			ws_describe(pvp, cursh, &wi);
		if (plain && rwr->rhsrepl && (wi.meta & 0200) != 0)
			plain = false;
		bool trackidx = plain && (wi.valid || !rwr->rhsrepl);
		unsigned char *nidx = wi.idx == idxbuf[0] ? idxbuf[1] : idxbuf[0];
		uint64_t nmask = 0, npairs = 0;
		unsigned nprev = 64;	/* 64: no token yet */

		char **const nlimit = &npvp[maxatom];	/* no room from here */
		for (avp = npvp; CFB_GET_OP(*rvp) != OP_END; rvp++) {
			uint32_t w = *rvp;

			switch (CFB_GET_OP(w)) {
			/*
			** Op: EMIT_REPL A
			** Synopsis: $A -- append the tokens bound to LHS wildcard A
			*/
			case OP_EMIT_REPL: {
				int c = (int)CFB_GET_A(w);
				struct match *m = &mlist[c - '1'];
				if (c < '1' || m >= mlp) {
					rw_syserr(&vm->msgs, "554 5.3.5 rewrite: ruleset %s: replacement $%c out of bounds",
					    rulename, c);
					return ws_done(vm, pvp0, pvp, EX_CONFIG, SIZE_MAX);
				}
				if (TTD21(15)) {
					dbg_printf("$%c:", c);
					for (char **pp = m->first; pp <= m->last; pp++) {
						dbg_printf(" %p=\"", (void *)*pp);
						rw_xputs(dbg_stream(), &cf->mn, *pp);
						dbg_printf("\"");
					}
					dbg_printf("\n");
				}
				char **src = m->first;
				size_t cnt = (size_t)(m->last + 1 - src), at = (size_t)(avp - npvp);
				if (at + cnt > (size_t)maxatom)
					goto toolong;
				if (trackidx) {
					const unsigned char *oi = wi.idx + (src - pvp);
					for (size_t i = 0; i < cnt; i++) {
						unsigned x = oi[i];
						avp[i] = src[i];
						nidx[at + i] = (unsigned char)x;
						nmask |= (uint64_t)1 << x;
						if (nprev < 64)
							npairs |= cf_pairbit(nprev, x);
						nprev = x;
					}
				} else
					for (size_t i = 0; i < cnt; i++)
						avp[i] = src[i];
				avp += cnt;
				break;
			}
			/*
			** Op: EMIT_MACRO B
			** Synopsis: $&B -- append the tokens of macro B's current value
			*/
			case OP_EMIT_MACRO: {
				const char *mval = rw_macvalue(&vm->env, (int)CFB_GET_B(w));
				char *xpvp[MAXATOM + 1];
				if (avp >= &npvp[maxatom])
					goto toolong;
				if (TTD21(2))
					dbg_printf("rewrite: RHS $&{%s} => \"%s\"\n",
					    rw_macname(&cf->mn, (int)CFB_GET_B(w)),
					    mval == NULL ? "(NULL)" : mval);
				if (mval == NULL || *mval == '\0')
					continue;
				if (vm_prescan(vm, mval, '\0', xpvp, NULL, NULL) < 0)
					return ws_done(vm, pvp0, pvp, EX_DATAERR, SIZE_MAX);
				for (char **x = xpvp; *x != NULL; x++) {
					/* a token that starts a lookup or call
					 * makes the rewrite not plain */
					if (actmeta[(unsigned char)**x] != 0)
						plain = trackidx = false;
					if (trackidx) {
						unsigned k = cf_tokidx(*x);
						nidx[avp - npvp] = (unsigned char)k;
						nmask |= (uint64_t)1 << k;
						if (nprev < 64)
							npairs |= cf_pairbit(nprev, k);
						nprev = k;
					}
					*avp++ = *x;
					if (avp >= &npvp[maxatom])
						goto toolong;
				}
				break;
			}
			/*
			** Op: EMIT_LIT Bx
			** Synopsis: append the token string Bx (words, operators, $# $@ ...)
			*/
			case OP_EMIT_LIT:
				if (avp >= nlimit)
					goto toolong;
				*avp = (char *)cf_rule_str(rwr, CFB_GET_Bx(w));
				if (trackidx) {
					unsigned x = rwr->rhsidx[rvp - rwr->rhs];
					nidx[avp - npvp] = (unsigned char)x;
					nmask |= (uint64_t)1 << x;
					if (nprev < 64)
						npairs |= cf_pairbit(nprev, x);
					nprev = x;
				}
				avp++;
				break;
			/*
			** Op: RHS_CONT / RHS_RETURN
			** Synopsis: $: / $@ prefixes; handled before the loop,
			** a later one is an ordinary token
			*/
			case OP_RHS_CONT:
			case OP_RHS_RETURN:
				if (avp >= &npvp[maxatom])
					goto toolong;
				*avp++ = (char *)(CFB_GET_OP(w) == OP_RHS_CONT ?
				    "\230" : "\227");
				break;
			default:
				vm_panic("bad RHS opcode");
			}
			continue;
		toolong:
			rw_syserr(&vm->msgs, "554 5.3.0 rewrite: expansion too long");
			return ws_done(vm, pvp0, pvp, EX_DATAERR, SIZE_MAX);
		}
		*avp = NULL;
		char **npend = avp;	/* the new workspace's NULL */

		/*
		 * Without a token that starts a lookup or a call in the new
		 * workspace there is nothing to look up or call: its tokens
		 * are the rule's own and those $N copied from the old
		 * workspace.
		 */
		if (plain) {
			/* the new workspace replaces the old one */
			size_t n = (size_t)(npend - npvp);
			char **t = pvp;
			pvp = npvp;
			npvp = t;
			if (trackidx) {
				IDXPAD_SET(nidx + n);
				wi.idx = nidx;
				wi.valid = true;
				wi.mask = nmask;
				wi.pairs = npairs;
				/* first bytes: the old ones (for $N) cover
				 * the copies, rhslitmeta the literals */
				wi.meta = (rwr->rhsrepl ? wi.meta : 0) |
				    rwr->rhslitmeta;
				wi.len = n;
				wi.c0 = n > 0 ? cf_fold((unsigned char)pvp[0][0]) : 0;
				wi.cl = n > 0 ? cf_fold((unsigned char)pvp[n - 1][0]) : 0;
			} else
				wi.valid = false;
			if (TTD21(4)) {
				dbg_printf("rewritten as:");
				printav(vm, pvp);
			}
			continue;
		}

		/* $[ $] and $( $) lookups (none when the RHS cannot have one) */
		avp = npvp;
		/* (copied tokens may carry them: only a described workspace
		 * says they do not) */
		if (prefilter && !rwr->rhslookup && (!rwr->rhsrepl ||
		    (wi.valid && (wi.meta & 0200) == 0)))
			avp = npend;
		for (rvp = NULL; *avp != NULL; avp++) {
			char **hbrvp, **xpvp, **key_rvp, **default_rvp;
			char **arg_rvp, *replac, *argvect[MAX_MAP_ARGS];
			char *pvpb1[MAXATOM + 1], *xbuf[MAXATOM + 1], *nullpvp[1];
			char cbuf[MAXKEY], pvpbuf[PSBUFSIZE];
			const char *mapname;
			int endtoken;
			size_t trsize;
			bool external;
			char **r2 = avp;
			char *replbuf = pvpbuf;

			hbrvp = r2;
			if ((unsigned char)**r2 == HOSTBEGIN) {
				endtoken = HOSTEND;
				mapname = "host";
			} else if ((unsigned char)**r2 == LOOKUPBEGIN) {
				endtoken = LOOKUPEND;
				mapname = *++r2;
				if (mapname == NULL) {
					rw_syserr(&vm->msgs, "554 5.3.0 rewrite: missing mapname");
					return ws_done(vm, pvp0, pvp, EX_CONFIG, SIZE_MAX);
				}
			} else
				continue;

			struct cf_map *map = cf_findmap(cf, mapname);
			if (map == NULL)
				rw_syserr(&vm->msgs, "554 5.3.0 rewrite: map %s not found", mapname);

			key_rvp = ++r2;
			default_rvp = NULL;
			arg_rvp = argvect;
			xpvp = NULL;
			while (*r2 != NULL && (unsigned char)**r2 != endtoken) {
				int nodetype = (unsigned char)**r2;
				if (nodetype != CANONHOST && nodetype != CANONUSER) {
					r2++;
					continue;
				}
				*r2++ = NULL;
				if (xpvp != NULL) {
					vm_cataddr(cf, xpvp, NULL, replbuf,
					    (size_t)(&pvpbuf[sizeof(pvpbuf)] - replbuf), '\0');
					if (arg_rvp < &argvect[MAX_MAP_ARGS - 1])
						*++arg_rvp = replbuf;
					replbuf += strlen(replbuf) + 1;
					xpvp = NULL;
				}
				if (nodetype == CANONHOST)
					xpvp = r2;
				else
					default_rvp = r2;
			}
			if (*r2 != NULL)
				*r2++ = NULL;
			if (xpvp != NULL) {
				vm_cataddr(cf, xpvp, NULL, replbuf,
				    (size_t)(&pvpbuf[sizeof(pvpbuf)] - replbuf), '\0');
				if (arg_rvp < &argvect[MAX_MAP_ARGS - 1])
					*++arg_rvp = replbuf;
			}
			if (arg_rvp >= &argvect[MAX_MAP_ARGS - 1])
				argvect[MAX_MAP_ARGS - 1] = NULL;
			else
				*++arg_rvp = NULL;

			/* save the rest of the workspace */
			char **end = r2;
			while (*end != NULL)
				end++;
			trsize = (size_t)(end - r2 + 1);
			memmove(pvpb1, r2, trsize * sizeof(char *));

			vm_cataddr(cf, key_rvp, NULL, cbuf, sizeof(cbuf),
			    map == NULL ? '\0' : map->spacesub);
			argvect[0] = cbuf;
			struct map_ctx mctx = { cf, &vm->env, &vm->envmac };
			replac = map == NULL ? NULL : map_lookup(&mctx, map, cbuf, argvect, &rstat);
			if (replac != NULL)
				vm_keep(vm, replac);
			external = replac != NULL;

			if (replac == NULL && default_rvp != NULL) {
				vm_cataddr(cf, default_rvp, NULL, cbuf, sizeof(cbuf), '\0');
				replac = cbuf;
			}
			if (replac == NULL)
				xpvp = key_rvp;
			else if (*replac == '\0') {
				nullpvp[0] = NULL;
				xpvp = nullpvp;
			} else {
				if (vm_prescan(vm, replac, '\0', xbuf, NULL,
				    external ? NULL : cf->tok.intl) < 0)
					return ws_done(vm, pvp0, pvp, EX_DATAERR, SIZE_MAX);
				xpvp = xbuf;
			}
			avp = hbrvp;
			for (; *xpvp != NULL; xpvp++) {
				*avp++ = external || xpvp == xbuf || replac == NULL ?
				    *xpvp : *xpvp;
				if (avp >= &npvp[maxatom]) {
					rw_syserr(&vm->msgs, "554 5.3.0 rewrite: expansion too long");
					return ws_done(vm, pvp0, pvp, EX_DATAERR, SIZE_MAX);
				}
			}
			char **restart = avp - 1;
			for (char **x = pvpb1; (*avp++ = *x++) != NULL;)
				if (avp >= &npvp[maxatom]) {
					rw_syserr(&vm->msgs, "554 5.3.0 rewrite: expansion too long");
					return ws_done(vm, pvp0, pvp, EX_DATAERR, SIZE_MAX);
				}
			avp = restart;
		}

		struct calls known;
		if (prefilter && calls_known(rwr, mlist, !rwr->rhsrepl ||
		    (wi.valid && (wi.meta & 0200) == 0), &known))
			status = callsubr(vm, npvp, (size_t)(npend - npvp),
			    &known, reclevel, &cursh);
		else
			status = callsubr(vm, npvp, SIZE_MAX, NULL, reclevel,
			    &cursh);
		if (rstat == EX_OK || status == EX_TEMPFAIL)
			rstat = status;

		char **t = pvp;
		pvp = npvp;
		npvp = t;
		wi.valid = false;
		if (TTD21(4)) {
			dbg_printf("rewritten as:");
			printav(vm, pvp);
		}
	}

	vm->shown_ret = NULL;
	if (vm->testmode || !fast)
		vm->shown_ret = print_rsline(vm, ruleset, rulename, true, pvp,
		    prefilter ? &wi : NULL, cursh);
	return ws_done(vm, pvp0, pvp, rstat, wi.valid ? wi.len : SIZE_MAX);
}

int
vm_rewrite(struct vm *vm, char **pvp0, int ruleset, int reclevel, int maxatom)
{
	if (tTd(21, 1))
		return rewrite(vm, pvp0, ruleset, reclevel, maxatom, false);
	return rewrite(vm, pvp0, ruleset, reclevel, maxatom, true);
}

/* cf_strtorwset(name, FIND), remembering the names it found */
static int
subr_find(struct vm *vm, const char *name)
{
	struct cf *cf = vm->cf;
	uint32_t h = 2166136261u;
	size_t n;

	if (vm->subr_nrsnames != cf->nrsnames) {
		memset(vm->subr, 0, sizeof(vm->subr));
		vm->subr_nrsnames = cf->nrsnames;
	}
	for (n = 0; name[n] != '\0'; n++)
		h = (h ^ (unsigned char)name[n]) * 16777619u;
	/* up to four slots from the hashed one; the first free one is filled */
	const size_t nslot = sizeof(vm->subr) / sizeof(vm->subr[0]);
	struct vm_subr *e = NULL;
	for (size_t k = 0; k < 4; k++) {
		struct vm_subr *t = &vm->subr[(h + k) % nslot];
		if (t->name[0] == '\0') {
			e = t;
			break;
		}
		if (strcmp(t->name, name) == 0)
			return t->rs;
	}
	int rs = cf_strtorwset(cf, name, NULL, CF_ST_FIND);
	if (rs >= 0 && e != NULL && n < sizeof(e->name) &&
	    vm->subr_nrsnames == cf->nrsnames) {
		memcpy(e->name, name, n + 1);
		e->rs = rs;
	}
	return rs;
}

/*
 * The ruleset of the $> name literal at name (an image or rule string:
 * its text never changes, so its address stands for it), or -1 when
 * callsubr must look at it (quotes to strip, an unknown name).
 */
static int
subr_lit(struct vm *vm, const char *name)
{
	const size_t nslot = sizeof(vm->subrlit) / sizeof(vm->subrlit[0]);
	struct vm_subrlit *e = &vm->subrlit[(((uint64_t)(uintptr_t)name *
	    0x9E3779B97F4A7C15u) >> 32) % nslot];

	if (e->name == name && e->nrsnames == vm->cf->nrsnames)
		return e->rs;
	if (strchr(name, '"') != NULL)
		return -1;
	int rs = subr_find(vm, name);
	if (rs >= 0) {
		e->name = name;
		e->rs = rs;
		e->nrsnames = vm->cf->nrsnames;
	}
	return rs;
}

/*
 * The $> calls in the workspace pvp, last first.  len: pvp's length,
 * when known (else SIZE_MAX).  known: where the $> tokens are and that
 * their names are rule literals, when calls_known said so (else NULL).
 * *whole: the entry in vm->shown of the new workspace when the first
 * call's result is all of it (its returns: line printed it), else NULL.
 */
static int
callsubr(struct vm *vm, char **pvp, size_t len, const struct calls *known,
    int reclevel, struct vm_shown **whole)
{
	char **avp;
	int i, j, subr, nsubr = 0, status, rstat = EX_OK;
	int subrnumber[MAX_SUBR], subrindex[MAX_SUBR];
	char *tpvp[MAXATOM + 1];
	bool skipped = false;

	*whole = NULL;
	if (known != NULL) {
		/*
		 * As the scan below would find them, without the scan and
		 * without hashing the names; anything else it would do
		 * (strip quotes, skip an empty ruleset, report an unknown
		 * name) is left to it.
		 */
		for (int k = 0; k < known->n; k++) {
			j = known->at[k];
			subr = subr_lit(vm, pvp[j + 1]);
			if (subr < 0 || vm->cf->rs[subr].n == 0) {
				nsubr = 0;
				goto scan;
			}
			subrnumber[++nsubr] = subr;
			subrindex[nsubr] = j;
		}
		goto call;
	}
scan:
	for (avp = pvp, j = 0; *avp != NULL; avp++, j++) {
		if ((unsigned char)**avp == CALLSUBR && avp[1] != NULL) {
			char *name = avp[1];
			if (strchr(name, '"') != NULL) {
				/* stripquotes changes it: a copy */
				name = vm_strdup(vm, name);
				rw_stripquotes(name);
				avp[1] = name;
			}
			subr = subr_find(vm, name);
			if (subr < 0) {
				rw_syserr(&vm->msgs, "554 5.3.5 Unknown ruleset %s", name);
				return EX_CONFIG;
			}
			if (vm->cf->rs[subr].n == 0) {
				if (tTd(21, 3))
					dbg_printf("-----skip subr %s (%d)\n", name, subr);
				for (i = 2; avp[i] != NULL; i++)
					avp[i - 2] = avp[i];
				avp[i - 2] = NULL;
				skipped = true;
				continue;
			}
			if (++nsubr >= MAX_SUBR) {
				rw_syserr(&vm->msgs, "554 5.3.0 Too many subroutine calls (%d max)",
				    MAX_SUBR);
				return EX_CONFIG;
			}
			subrnumber[nsubr] = subr;
			subrindex[nsubr] = j;
		}
	}
	/* (a skipped call shortened the workspace: the scan's end says
	 * nothing then) */
	len = (size_t)j;
	if (skipped)
		for (len = 0; pvp[len] != NULL; len++)
			continue;

call:
	for (; nsubr > 0; nsubr--) {
		j = subrindex[nsubr];
		subr = subrnumber[nsubr];
		/* the tail after "$> name" (and its NULL) is the
		 * subroutine's workspace */
		memcpy(tpvp, pvp + j + 2, (len - (size_t)j - 1) * sizeof(*tpvp));
		status = vm_rewrite(vm, tpvp, subr, reclevel, MAXATOM - j);
		if (status != EX_OK && status != EX_TEMPFAIL) {
			/* sendmail leaves the workspace as the call left it */
			for (i = j, avp = tpvp; *avp != NULL && i < MAXATOM; avp++, i++)
				pvp[i] = *avp;
			pvp[i] = NULL;
			return status;
		}
		if (rstat == EX_OK || status == EX_TEMPFAIL)
			rstat = status;
		size_t rl = vm->retlen;
		if (rl == SIZE_MAX)
			for (rl = 0; tpvp[rl] != NULL; rl++)
				continue;
		if ((size_t)j + rl > MAXATOM) {
			/* as sendmail copies it: up to the limit */
			for (i = j, avp = tpvp; i < MAXATOM; avp++, i++)
				pvp[i] = *avp;
			rw_syserr(&vm->msgs, "554 5.3.0 callsubr: expansion too long");
			return EX_DATAERR;
		}
		memcpy(pvp + j, tpvp, (rl + 1) * sizeof(*tpvp));
		len = (size_t)j + rl;
		/* (only a call that got to its end sets shown_ret) */
		*whole = j == 0 ? vm->shown_ret : NULL;
	}
	return rstat;
}
