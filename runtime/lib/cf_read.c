/*
 * cf_read.c -- read a sendmail.cf into a struct cf, line by line, with
 * sendmail 8.17's semantics and messages (its readcf).  The same line
 * handler replays the lines stored in a compiled image.
 */
#include <ctype.h>
#include <errno.h>
#include <grp.h>
#include <pwd.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "cf.h"
#include "cf_opttab.h"
#include "cfb_ops.h"
#include "map.h"
#include "xmem.h"

#define ISSPACE(c)	(isascii((unsigned char)(c)) && isspace((unsigned char)(c)))

void
cf_init(struct cf *cf, const struct rw_msgs *out)
{
	memset(cf, 0, sizeof(*cf));
	rw_macnames_init(&cf->mn);
	rw_mactab_init(&cf->mac);
	rw_mactab_init(&cf->meta);
	rw_mactab_initmeta(&cf->meta);
	rw_classes_init(&cf->cls);
	rw_toktabs_init(&cf->tok);
	cf->nextruleset = MAXRWSETS;
	cf->cur_ruleset = -1;
	cf->colonok = true;
	cf->conflevel = 0;
	if (out != NULL)
		cf->out = *out;
	map_builtin_classes_init();
}

static void
free_rules(struct cf_ruleset *rs)
{
	for (int i = 0; i < rs->n; i++) {
		free(rs->r[i].owned);
		free(rs->r[i].rhsidx);
		free(rs->r[i].lhsidx);
	}
	free(rs->r);
	free(rs->pf);
	free(rs->name);
}

void
cf_fini(struct cf *cf)
{
	for (int i = 0; i < MAXRWSETS; i++)
		free_rules(&cf->rs[i]);
	for (int i = 0; i < cf->nrsnames; i++)
		free(cf->rsnames[i].name);
	free(cf->rsnames);
	free(cf->rsidx);
	for (int i = 0; i < MAXMAILERS; i++)
		cf->mailer[i] = cf_mailer_free(cf->mailer[i]);
	for (int i = 0; i < cf->nmaps; i++)
		map_free(cf->maps[i]);
	free(cf->maps);
	for (int i = 0; i < cf->nhdr; i++) {
		free(cf->hdr[i].name); free(cf->hdr[i].value);
		free(cf->hdr[i].macro_cond);
	}
	free(cf->hdr);
	for (int i = 0; i < OPT__COUNT; i++)
		free(cf->optv[i]);
	for (int i = 0; i < cf->nopts; i++) {
		free(cf->opts[i].name); free(cf->opts[i].value);
	}
	free(cf->opts);
	for (int i = 0; i < cf->npri; i++)
		free(cf->pri[i].name);
	for (int i = 0; i < cf->nmsgs; i++)
		free(cf->msgs[i].text);
	free(cf->msgs);
	free(cf->opchars_used);
	for (int i = 0; i < cf->ntimeouts; i++)
		free(cf->timeouts[i].name);
	free(cf->timeouts);
	rw_classes_fini(&cf->cls);
	rw_mactab_fini(&cf->meta);
	rw_mactab_fini(&cf->mac);
	rw_macnames_fini(&cf->mn);
}

/* ------------------------------------------------------------------ */
/* messages */

static void
vmsg(struct cf *cf, enum rw_msgkind kind, int err, const char *fmt,
    va_list ap)
{
	struct buf b = BUF_INIT;

	if (cf->filename != NULL)
		buf_printf(&b, "%s: line %d: ", cf->filename, cf->lineno);
	buf_vprintf(&b, fmt, ap);
	if (err != 0)
		buf_printf(&b, ": %s", strerror(err));
	if (cf->record_msgs) {
		if (cf->nmsgs == cf->capmsgs) {
			cf->capmsgs = cf->capmsgs ? cf->capmsgs * 2 : 8;
			cf->msgs = xreallocarray(cf->msgs, (size_t)cf->capmsgs,
			    sizeof(*cf->msgs));
		}
		cf->msgs[cf->nmsgs].line = cf->lineno;
		cf->msgs[cf->nmsgs++].text = xstrdup(buf_cstr(&b));
	}
	if (cf->out.emit != NULL)
		cf->out.emit(cf->out.arg, kind, NULL, buf_cstr(&b));
	buf_fini(&b);
}

void
cf_syserr(struct cf *cf, int err, const char *fmt, ...)
{
	va_list ap;

	cf->errors++;
	va_start(ap, fmt);
	vmsg(cf, RWM_SYSERR, err, fmt, ap);
	va_end(ap);
}

/* Plain output line (sendmail writes these with sm_io_fprintf). */
void
cf_printf(struct cf *cf, const char *fmt, ...)
{
	va_list ap;
	struct buf b = BUF_INIT;

	va_start(ap, fmt);
	buf_vprintf(&b, fmt, ap);
	va_end(ap);
	if (cf->out.emit != NULL)
		cf->out.emit(cf->out.arg, RWM_PRINT, NULL, buf_cstr(&b));
	buf_fini(&b);
}

/* rw_msgs adapter: prescan/expand errors during readcf get the prefix */
static void
readcf_emit(void *arg, enum rw_msgkind kind, const char *to, const char *text)
{
	struct cf *cf = arg;
	const char *t = text;

	(void)to;
	(void)kind;
	/* drop the reply code and enhanced status, as sendmail's fmtmsg */
	if (isdigit((unsigned char)t[0]) && isdigit((unsigned char)t[1]) &&
	    isdigit((unsigned char)t[2]) && t[3] == ' ') {
		t = rw_skip_dsncode(t + 4);
	}
	cf_syserr(cf, 0, "%s", t);
}

static struct rw_msgs
readcf_msgs(struct cf *cf)
{
	struct rw_msgs m = { readcf_emit, cf };
	return m;
}

/* ------------------------------------------------------------------ */
/* strings */

char *
cf_munchstring(const char *p, const char **delimptr, int delim,
    struct buf *out)
{
	bool backslash = false, quotemode = false;

	buf_reset(out);
	for (; *p != '\0' && out->len < MAXLINE - 1; p++) {
		if (backslash) {
			backslash = false;
			switch (*p) {
			case 'r': buf_addch(out, '\r'); continue;
			case 'n': buf_addch(out, '\n'); continue;
			case 'f': buf_addch(out, '\f'); continue;
			case 'b': buf_addch(out, '\b'); continue;
			}
			buf_addch(out, *p);
		} else {
			if (*p == '\\')
				backslash = true;
			else if (*p == '"')
				quotemode = !quotemode;
			else if (quotemode || *p != delim)
				buf_addch(out, *p);
			else
				break;
		}
	}
	if (delimptr != NULL)
		*delimptr = p;
	return (char *)buf_cstr(out);
}

static char *
extrquotstr(const char *p, const char **delimptr, const char *delimbuf,
    bool *st, struct buf *out)
{
	bool backslash = false, quotemode = false;

	buf_reset(out);
	for (; *p != '\0' && out->len < MAXLINE - 1; p++) {
		if (backslash) {
			backslash = false;
			if (*p != ' ')
				buf_addch(out, '\\');
		}
		if (*p == '\\')
			backslash = true;
		else if (*p == '"')
			quotemode = !quotemode;
		else if (quotemode || strchr(delimbuf, *p) == NULL)
			buf_addch(out, *p);
		else
			break;
	}
	if (delimptr != NULL)
		*delimptr = p;
	if (st != NULL)
		*st = !(quotemode || backslash);
	return (char *)buf_cstr(out);
}

static void
expand_cf(struct cf *cf, const char *s, struct buf *out)
{
	struct rw_macenv env = { { &cf->mac, &cf->meta }, 2 };
	struct rw_msgs m = readcf_msgs(cf);

	buf_reset(out);
	rw_expand(&env, s, out, MAXLINE, &m);
}

/* ------------------------------------------------------------------ */
/* rulesets */


/* ruleset names are looked up often ($> calls): a small hash index */
static uint32_t
rsname_hash(const char *s, size_t n)
{
	uint32_t h = 2166136261u;
	for (size_t i = 0; i < n; i++)
		h = (h ^ (unsigned char)s[i]) * 16777619u;
	return h;
}

static int
rsname_lookup(struct cf *cf, const char *q, size_t qlen)
{
	if (cf->rsidx == NULL || cf->rsidx_n != cf->nrsnames) {
		/* (re)build: 4 slots per name, open addressing */
		size_t sz = 64;
		while (sz < (size_t)cf->nrsnames * 4)
			sz *= 2;
		free(cf->rsidx);
		cf->rsidx = xcalloc(sz, sizeof(int));
		cf->rsidx_mask = (uint32_t)sz - 1;
		for (int k = 0; k < cf->nrsnames; k++) {
			const char *nm = cf->rsnames[k].name;
			uint32_t h = rsname_hash(nm, strlen(nm)) & cf->rsidx_mask;
			while (cf->rsidx[h] != 0)
				h = (h + 1) & cf->rsidx_mask;
			cf->rsidx[h] = k + 1;
		}
		cf->rsidx_n = cf->nrsnames;
	}
	uint32_t h = rsname_hash(q, qlen) & cf->rsidx_mask;
	while (cf->rsidx[h] != 0) {
		const char *nm = cf->rsnames[cf->rsidx[h] - 1].name;
		if (strncmp(nm, q, qlen) == 0 && nm[qlen] == '\0')
			return cf->rsidx[h] - 1;
		h = (h + 1) & cf->rsidx_mask;
	}
	return -1;
}

int
cf_strtorwset(struct cf *cf, const char *p, const char **endp, int mode)
{
	int ruleset;

	while (ISSPACE(*p))
		p++;
	if (!isascii((unsigned char)*p)) {
		cf_syserr(cf, 0, "invalid ruleset name: \"%.20s\"", p);
		return -1;
	}
	if (isdigit((unsigned char)*p)) {
		/* strtol's value up to the clamp below (the address test mode
		 * parses a number per ruleset of each line: no strtol call) */
		const char *e = p;
		long v = 0;
		for (; *e >= '0' && *e <= '9'; e++)
			if (v <= 100000)
				v = v * 10 + (*e - '0');

		if (endp != NULL)
			*endp = e;
		ruleset = v > 100000 ? 100000 : (int)v;
		if (ruleset >= MAXRWSETS / 2 || ruleset < 0) {
			cf_syserr(cf, 0, "bad ruleset %d (%d max)", ruleset,
			    MAXRWSETS / 2);
			ruleset = -1;
		}
		return ruleset;
	}
	const char *q = p;	/* sendmail's messages show the text from here */
	while (*p != '\0' && isascii((unsigned char)*p) &&
	    (isalnum((unsigned char)*p) || *p == '_'))
		p++;
	if (q == p || !isalpha((unsigned char)*q)) {
		cf_syserr(cf, 0, "invalid ruleset name: \"%.20s\"", q);
		return -1;
	}
	size_t qlen = (size_t)(p - q);
	while (ISSPACE(*p))
		p++;
	char delim = *p;
	int si = rsname_lookup(cf, q, qlen);
	if (si < 0 && mode == CF_ST_FIND)
		return -1;
	if (si < 0) {
		if (cf->nrsnames == cf->caprsnames) {
			cf->caprsnames = cf->caprsnames ? cf->caprsnames * 2 : 16;
			cf->rsnames = xreallocarray(cf->rsnames,
			    (size_t)cf->caprsnames, sizeof(*cf->rsnames));
		}
		si = cf->nrsnames++;
		cf->rsnames[si].name = xstrndup(q, qlen);
		cf->rsnames[si].num = -1;
	}
	int cur = cf->rsnames[si].num;
	if (mode == CF_ST_ENTER && delim == '=') {
		p++;
		while (ISSPACE(*p))
			p++;
		if (!isdigit((unsigned char)*p)) {
			cf_syserr(cf, 0, "bad ruleset definition \"%s\" (number required after `=')",
			    q);
			ruleset = -1;
		} else {
			char *e;
			long v = strtol(p, &e, 10);
			if (endp != NULL)
				*endp = e;
			ruleset = v > 100000 ? 100000 : (int)v;
			if (ruleset >= MAXRWSETS / 2 || ruleset < 0) {
				cf_syserr(cf, 0, "bad ruleset number %d in \"%s\" (%d max)",
				    ruleset, q, MAXRWSETS / 2);
				ruleset = -1;
			}
		}
	} else {
		if (endp != NULL)
			*endp = p;
		if (cur >= 0)
			ruleset = cur;
		else if ((ruleset = --cf->nextruleset) < MAXRWSETS / 2) {
			cf_syserr(cf, 0, "%s: too many named rulesets (%d max)",
			    q, MAXRWSETS / 2);
			ruleset = -1;
		}
	}
	if (cur >= 0 && ruleset >= 0 && ruleset != cur) {
		cf_syserr(cf, 0, "%s: ruleset changed value (old %d, new %d)",
		    q, cur, ruleset);
		ruleset = cur;
	} else if (ruleset >= 0)
		cf->rsnames[si].num = ruleset;
	if (ruleset >= 0 && mode == CF_ST_ENTER && cf->rs[ruleset].name == NULL)
		cf->rs[ruleset].name = xstrndup(q, qlen);
	return ruleset;
}

const char *
cf_rsname(const struct cf *cf, int rs, char *tmp, size_t tmpsz)
{
	if (rs >= 0 && rs < MAXRWSETS && cf->rs[rs].name != NULL)
		return cf->rs[rs].name;
	snprintf(tmp, tmpsz, "%d", rs);
	return tmp;
}

/* ------------------------------------------------------------------ */
/* token tables: OperatorChars takes effect at the first tokenization */

void
cf_freeze_tokens(struct cf *cf)
{
	const char *oc;
	struct buf ex = BUF_INIT;

	if (cf->toks_frozen)
		return;
	cf->toks_frozen = true;
	oc = cf->optv[OPT_OPERATORCHARS];
	if (oc == NULL && cf->conflevel < 7)
		oc = cf->mac.val['o'];
	if (oc == NULL)
		oc = ".:@[]";
	expand_cf(cf, oc, &ex);
	rw_toktabs_opchars(&cf->tok, buf_cstr(&ex));
	free(cf->opchars_used);
	cf->opchars_used = buf_steal(&ex);
}

/* ------------------------------------------------------------------ */
/* R lines */

static void
rule_line(struct cf *cf, char *bp)
{
	char *p;
	struct buf ex = BUF_INIT;
	char pvpbuf[MAXLINE + MAXATOM];
	struct rw_tokens *lt = xmalloc(sizeof(*lt));
	struct rw_tokens *rt = xmalloc(sizeof(*rt));
	struct rw_msgs m = readcf_msgs(cf);
	const unsigned char *tt = cf->conflevel >= 9 ? cf->tok.noc : cf->tok.intl;
	char **lhs = NULL, **rhs = NULL;
	static char *null_list[1] = { NULL };
	int nfuzzy = 0;

	if (cf->cur_ruleset < 0) {
		cf_syserr(cf, 0, "missing valid ruleset for \"%s\"", bp);
		goto out;
	}
	for (p = &bp[1]; *p != '\0' && *p != '\t'; p++)
		continue;
	if (*p == '\0') {
		cf_syserr(cf, 0, "invalid rewrite line \"%s\" (tab expected)", bp);
		goto out;
	}
	cf_freeze_tokens(cf);

	*p = '\0';
	expand_cf(cf, &bp[1], &ex);
	{
		char *exs = xstrdup(buf_cstr(&ex));
		int n = rw_prescan(tt, exs, '\t', pvpbuf, sizeof(pvpbuf), lt,
		    NULL, true, &m);
		if (n >= 0) {
			lhs = xcalloc((size_t)n + 1, sizeof(char *));
			for (int i = 0; i < n; i++)
				lhs[i] = xstrdup(lt->av[i]);
			for (char **ap = lhs; *ap != NULL; ap++) {
				const char *botch = NULL;
				switch ((unsigned char)ap[0][0]) {
				case MATCHZANY: case MATCHANY: case MATCHONE:
				case MATCHCLASS: case MATCHNCLASS:
					nfuzzy++; break;
				case MATCHREPL: botch = "$1-$9"; break;
				case CANONUSER: botch = "$:"; break;
				case CALLSUBR: botch = "$>"; break;
				case CONDIF: botch = "$?"; break;
				case CONDFI: botch = "$."; break;
				case HOSTBEGIN: botch = "$["; break;
				case HOSTEND: botch = "$]"; break;
				case LOOKUPBEGIN: botch = "$("; break;
				case LOOKUPEND: botch = "$)"; break;
				}
				if (botch != NULL)
					cf_syserr(cf, 0, "Inappropriate use of %s on LHS", botch);
			}
		} else {
			cf_syserr(cf, 0, "R line: null LHS");
			lhs = null_list;
		}
		free(exs);
	}
	if (nfuzzy > MAXMATCH) {
		cf_syserr(cf, 0, "R line: too many wildcards");
		if (lhs != null_list) {
			for (char **ap = lhs; *ap; ap++)
				free(*ap);
			free(lhs);
		}
		lhs = null_list;
	}

	while (*++p == '\t')
		continue;
	char *q = p;
	while (*p != '\0' && *p != '\t')
		p++;
	*p = '\0';
	expand_cf(cf, q, &ex);
	{
		char *exs = xstrdup(buf_cstr(&ex));
		int n = rw_prescan(tt, exs, '\t', pvpbuf, sizeof(pvpbuf), rt,
		    NULL, true, &m);
		if (n >= 0) {
			bool inmap = false;
			int args = 0, endtoken = 0;
			rhs = xcalloc((size_t)n + 1, sizeof(char *));
			for (int i = 0; i < n; i++)
				rhs[i] = xstrdup(rt->av[i]);
			int nf = nfuzzy + '0';
			for (char **ap = rhs; *ap != NULL; ap++) {
				const char *botch = NULL;
				switch ((unsigned char)ap[0][0]) {
				case MATCHREPL:
					if (ap[0][1] <= '0' || ap[0][1] > nf)
						cf_syserr(cf, 0, "replacement $%c out of bounds", ap[0][1]);
					break;
				case MATCHZANY: botch = "$*"; break;
				case MATCHANY: botch = "$+"; break;
				case MATCHONE: botch = "$-"; break;
				case MATCHCLASS: botch = "$="; break;
				case MATCHNCLASS: botch = "$~"; break;
				case CANONHOST:
					if (!inmap)
						break;
					if (++args >= MAX_MAP_ARGS)
						cf_syserr(cf, 0, "too many arguments for map lookup");
					break;
				case HOSTBEGIN:
				case LOOKUPBEGIN:
					endtoken = (unsigned char)ap[0][0] == HOSTBEGIN ?
					    HOSTEND : LOOKUPEND;
					if (inmap)
						cf_syserr(cf, 0, "cannot nest map lookups");
					inmap = true;
					args = 0;
					break;
				case HOSTEND:
				case LOOKUPEND:
					if ((unsigned char)ap[0][0] != endtoken)
						break;
					inmap = false;
					endtoken = 0;
					break;
				}
				if (botch != NULL)
					cf_syserr(cf, 0, "Inappropriate use of %s on RHS", botch);
			}
			if (inmap)
				cf_syserr(cf, 0, "missing map closing token");
		} else {
			cf_syserr(cf, 0, "R line: null RHS");
			rhs = null_list;
		}
		free(exs);
	}

	/* append the rule */
	struct cf_rule nr;
	memset(&nr, 0, sizeof(nr));
	nr.line = cf->lineno;
	nr.nfuzzy = nfuzzy;
	cf_compile_rule(cf, &nr, lhs, rhs);
	cf_add_rule(cf, &nr);
	if (lhs != null_list) {
		for (char **ap = lhs; *ap; ap++)
			free(*ap);
		free(lhs);
	}
	if (rhs != null_list && rhs != NULL) {
		for (char **ap = rhs; *ap; ap++)
			free(*ap);
		free(rhs);
	}
out:
	free(lt);
	free(rt);
	buf_fini(&ex);
}

void
cf_add_rule(struct cf *cf, const struct cf_rule *r)
{
	struct cf_ruleset *rs = &cf->rs[cf->cur_ruleset];

	if (rs->n == rs->cap) {
		rs->cap = rs->cap ? rs->cap * 2 : 8;
		rs->r = xreallocarray(rs->r, (size_t)rs->cap, sizeof(*rs->r));
		rs->pf = xreallocarray(rs->pf, (size_t)rs->cap, sizeof(*rs->pf));
	}
	struct cf_rule *nr = &rs->r[rs->n++];
	*nr = *r;
	/*
	 * Necessary conditions for a match, so the VM can skip hopeless rules
	 * without changing any result: every literal is some workspace token,
	 * every $= class has a member, a leading literal is the first token
	 * and a trailing literal the last (the pattern spans the workspace).
	 */
	uint64_t m = 0, pairs = 0;
	const uint32_t *pc;
	unsigned minlen = 0, previdx = 64;	/* 64: not after a literal */
	bool bounded = true;
	memset(nr->needcls, 0, sizeof(nr->needcls));
	nr->firstlit = nr->lastlit = NULL;
	for (pc = r->lhs; CFB_GET_OP(*pc) != OP_END; pc++)
		continue;
	nr->lhsidx = xcalloc((size_t)(pc - r->lhs) + 1, 1);
	for (pc = r->lhs; CFB_GET_OP(*pc) != OP_END; pc++) {
		uint32_t w = *pc;
		unsigned idx = 64;
		switch (CFB_GET_OP(w)) {
		case OP_MATCH_LIT:
			/* two literals in a row match two tokens in a row */
			idx = cf_tokidx(r->str + CFB_GET_Bx(w));
			nr->lhsidx[pc - r->lhs] = (unsigned char)idx;
			m |= (uint64_t)1 << idx;
			if (previdx < 64)
				pairs |= cf_pairbit(previdx, idx);
			minlen++;
			break;
		case OP_MATCH_CLASS: {
			unsigned c = CFB_GET_B(w) & 0xff;
			nr->needcls[c >> 6] |= (uint64_t)1 << (c & 63);
			minlen++;
			bounded = false;
			break;
		}
		case OP_MATCH_ONE:
		case OP_MATCH_NCLASS:
			minlen++;
			break;
		case OP_MATCH_ANY:
			minlen++;
			bounded = false;
			break;
		case OP_MATCH_ZERO:
			break;
		default:	/* $* $&: any number of tokens */
			bounded = false;
			break;
		}
		previdx = idx;
	}
	/* every token of a match is consumed by one pattern element */
	nr->minlen = (uint16_t)(minlen < UINT16_MAX ? minlen : UINT16_MAX - 1);
	nr->maxlen = bounded ? nr->minlen : UINT16_MAX;
	if (CFB_GET_OP(r->lhs[0]) == OP_MATCH_LIT)
		nr->firstlit = r->str + CFB_GET_Bx(r->lhs[0]);
	if (pc > r->lhs && CFB_GET_OP(pc[-1]) == OP_MATCH_LIT)
		nr->lastlit = r->str + CFB_GET_Bx(pc[-1]);

	/* what the RHS can put in the workspace */
	const uint32_t *rp;
	nr->rhsmeta = nr->rhslookup = nr->rhsrepl = false;
	nr->rhslitmeta = 0;
	nr->rhsmacro = false;
	nr->rhscall0 = false;
	nr->rhsidx = NULL;
	for (rp = r->rhs; CFB_GET_OP(*rp) != OP_END; rp++)
		continue;
	if (rp > r->rhs)
		nr->rhsidx = xcalloc((size_t)(rp - r->rhs), 1);
	rp = r->rhs;
	if (CFB_GET_OP(*rp) == OP_RHS_CONT || CFB_GET_OP(*rp) == OP_RHS_RETURN)
		rp++;
	int ncall = 0;
	const uint32_t *rp0 = rp;
	for (; CFB_GET_OP(*rp) != OP_END; rp++) {
		switch (CFB_GET_OP(*rp)) {
		case OP_EMIT_LIT: {
			unsigned c = (unsigned char)r->str[CFB_GET_Bx(*rp)];
			/* only these start anything after the build: other
			 * metasymbols ($# $@ $: ...) are inert tokens there */
			if (c == CALLSUBR || c == HOSTBEGIN || c == LOOKUPBEGIN)
				nr->rhsmeta = true;
			if (c == HOSTBEGIN || c == LOOKUPBEGIN)
				nr->rhslookup = true;
			nr->rhslitmeta |= (unsigned char)cf_actmeta(c);
			if (c == CALLSUBR)
				ncall++;
			nr->rhsidx[rp - r->rhs] =
			    (unsigned char)cf_tokidx(r->str + CFB_GET_Bx(*rp));
			break;
		}
		case OP_EMIT_REPL:
			nr->rhsrepl = true;
			break;
		default:	/* $&x, a second $: or $@ */
			/* (the VM looks at the tokens of $&x as it puts them
			 * there: no rhsmeta for them) */
			nr->rhslookup = true;
			if (CFB_GET_OP(*rp) == OP_EMIT_MACRO)
				nr->rhsmacro = true;
			else
				nr->rhsmeta = true;
			break;
		}
	}
	nr->rhscall0 = ncall == 1 && CFB_GET_OP(rp0[0]) == OP_EMIT_LIT &&
	    (unsigned char)r->str[CFB_GET_Bx(rp0[0])] == CALLSUBR &&
	    CFB_GET_OP(rp0[1]) == OP_EMIT_LIT;
	nr->litmask = m;
	nr->needany = (nr->needcls[0] | nr->needcls[1] | nr->needcls[2] |
	    nr->needcls[3]) != 0;

	struct cf_rulepf *pf = &rs->pf[rs->n - 1];
	memset(pf, 0, sizeof(*pf));
	pf->litmask = nr->litmask;
	pf->pairmask = pairs;
	pf->minlen = nr->minlen;
	pf->maxlen = nr->maxlen;
	if (nr->firstlit != NULL) {
		pf->flags |= CF_PF_FIRST;
		pf->first = (unsigned char)cf_fold((unsigned char)nr->firstlit[0]);
	}
	if (nr->lastlit != NULL) {
		pf->flags |= CF_PF_LAST;
		pf->last = (unsigned char)cf_fold((unsigned char)nr->lastlit[0]);
	}
	if (nr->needany)
		pf->flags |= CF_PF_NEEDCLS;
	if (pf->litmask != 0 || pf->pairmask != 0 || pf->minlen != 0 ||
	    pf->maxlen != UINT16_MAX ||
	    (pf->flags & (CF_PF_FIRST | CF_PF_LAST)))
		pf->flags |= CF_PF_WS;
}

/* ------------------------------------------------------------------ */
/* classes */

void
cf_setclass(struct cf *cf, int cls, const char *word)
{
	/* "$=Y" as a word (from expanding a C line) copies class Y */
	if ((unsigned char)word[0] == MATCHCLASS) {
		if (word[1] != '\0')
			rw_class_copy(&cf->cls, (unsigned char)word[1], cls);
		return;
	}
	rw_class_add(&cf->cls, cls, word);
}

static void
parse_class_words(struct cf *cf, int cls, char *line)
{
	while (line != NULL && *line != '\0') {
		while (ISSPACE(*line))
			line++;
		if (*line == '\0')
			break;
		char *q = line;
		while (*line != '\0' && !ISSPACE(*line))
			line++;
		if (*line != '\0')
			*line++ = '\0';
		cf_setclass(cf, cls, q);
	}
}

/* a scanf format with one string conversion, applied safely */
static bool
scan_one(const char *line, const char *fmt, char *word, size_t wsz)
{
	/* only formats producing one %s / %[...] result are meaningful */
	struct buf f = BUF_INIT;
	bool ok;
	int n;

	/* bound every %s / %[ conversion to the buffer size */
	for (const char *p = fmt; *p; p++) {
		buf_addch(&f, *p);
		if (*p == '%' && p[1] != '%' && p[1] != '*' &&
		    !isdigit((unsigned char)p[1]))
			buf_printf(&f, "%zu", wsz - 1);
		else if (*p == '%' && p[1] == '%')
			buf_addch(&f, *++p);
	}
	word[0] = '\0';
	n = sscanf(line, buf_cstr(&f), word);
	ok = n == 1;
	buf_fini(&f);
	return ok;
}

static void
fileclass(struct cf *cf, int cls, const char *filename, const char *fmt,
    bool ismap, bool optional)
{
	FILE *f;
	char buf[MAXLINE];
	bool isprog = false;

	if (*filename == '\0') {
		cf_syserr(cf, 0, "fileclass: missing file name");
		return;
	}
	if (ismap) {
		map_fileclass(cf, cls, filename, optional);
		return;
	}
	if (filename[0] == '|') {
		f = popen(filename + 1, "r");
		isprog = true;
	} else
		f = fopen(filename, "r");
	if (f == NULL) {
		int e = errno;
		if (!optional)
			cf_syserr(cf, e, "fileclass: cannot open '%s'", filename);
		return;
	}
	while (fgets(buf, sizeof(buf), f) != NULL) {
		char word[MAXLINE + 1];

		if (buf[0] == '#')
			continue;
		if (!scan_one(buf, fmt, word, sizeof(word)))
			continue;
		parse_class_words(cf, cls, word);
	}
	if (isprog)
		pclose(f);
	else
		fclose(f);
}

static void
class_line(struct cf *cf, char *bp)
{
	int mid;
	const char *ep;
	struct buf ex = BUF_INIT;
	char *p;
	struct rw_msgs m = readcf_msgs(cf);

	if (bp[0] == 'C') {
		mid = rw_macid_parse(&cf->mn, &bp[1], &ep, &m);
		if (mid == 0)
			return;
		expand_cf(cf, ep, &ex);
		p = (char *)buf_cstr(&ex);
	} else {
		mid = 't';
		p = &bp[1];
	}
	parse_class_words(cf, mid, p);
	buf_fini(&ex);
}

static void
fclass_line(struct cf *cf, char *bp)
{
	const char *ep, *q = NULL;
	struct rw_msgs m = readcf_msgs(cf);
	int mid = rw_macid_parse(&cf->mn, &bp[1], &ep, &m);
	bool optional, ismap = false, ok;
	const char *p, *file, *fmt;
	struct buf fb = BUF_INIT;

	if (mid == 0)
		return;
	for (p = ep; ISSPACE(*p);)
		p++;
	if (p[0] == '-' && p[1] == 'o') {
		optional = true;
		while (*p != '\0' && !ISSPACE(*p))
			p++;
		while (ISSPACE(*p))
			p++;
	} else
		optional = false;
	if (*p != '/' && *p != '|' && (q = strchr(p, '@')) != NULL) {
		q++;
		if (strcmp(q, "LDAP") == 0 || (*q != ':' && strchr(q, ':') != NULL))
			ismap = true;
	}
	if (ismap)
		file = p;
	else {
		file = extrquotstr(p, &q, " ", &ok, &fb);
		if (!ok) {
			cf_syserr(cf, 0, "illegal filename '%s'", p);
			buf_fini(&fb);
			return;
		}
	}
	if (*file == '|' || ismap)
		fmt = "%s";
	else {
		fmt = q;
		if (*fmt == '\0')
			fmt = "%s";
		else {
			fmt++;
			while (ISSPACE(*fmt))
				fmt++;
		}
	}
	char *fcopy = xstrdup(file);
	if (!cf->compile_only)
		fileclass(cf, mid, fcopy, fmt, ismap, optional);
	free(fcopy);
	buf_fini(&fb);
}

/* ------------------------------------------------------------------ */
/* other line types */

static void
header_line(struct cf *cf, char *line)
{
	struct cf_header h;
	char *p = line, *fname, *fvalue;

	memset(&h, 0, sizeof(h));
	h.line = cf->lineno;
	if (*p == '?') {
		char *q = strchr(++p, '?');
		if (q == NULL)
			goto hse;
		*q = '\0';
		if ((unsigned char)*p == MACROEXPAND)
			h.macro_cond = xstrdup(p);
		else
			for (char *f = p; *f; f++)
				h.flags[((unsigned char)*f >> 3) & 15] |=
				    (unsigned char)(1 << (*f & 7));
		p = q + 1;
	}
	fname = p;
	while (isascii((unsigned char)*p) && isgraph((unsigned char)*p) && *p != ':')
		p++;
	fvalue = p;
	while (ISSPACE(*p))
		p++;
	if (*p++ != ':' || fname == fvalue) {
hse:
		cf_syserr(cf, 0, "header syntax error, line \"%s\"", line);
		free(h.macro_cond);
		return;
	}
	*fvalue = '\0';
	if (*p == ' ')
		p++;
	h.name = xstrdup(fname);
	h.value = xstrdup(p);
	if (cf->nhdr == cf->caphdr) {
		cf->caphdr = cf->caphdr ? cf->caphdr * 2 : 16;
		cf->hdr = xreallocarray(cf->hdr, (size_t)cf->caphdr, sizeof(*cf->hdr));
	}
	cf->hdr[cf->nhdr++] = h;
}

/* Q lines: queue groups (checked as sendmail checks them; used by the MTA) */
static void
queue_line(struct cf *cf, char *line)
{
	char *p;
	bool havepath = false;
	struct buf mb = BUF_INIT;

	for (p = line; *p != '\0' && *p != ',' && !ISSPACE(*p); p++)
		continue;
	if (*p != '\0')
		*p++ = '\0';
	while (*p != '\0') {
		const char *delimptr;
		int fcode;

		while (*p != '\0' && (*p == ',' || ISSPACE(*p)))
			p++;
		if (*p == '\0')
			break;
		fcode = *p;
		while (*p != '\0' && *p != '=' && *p != ',')
			p++;
		if (*p++ != '=') {
			cf_syserr(cf, 0, "queue %s: `=' expected", line);
			buf_fini(&mb);
			return;
		}
		while (ISSPACE(*p))
			p++;
		(void)cf_munchstring(p, &delimptr, ',', &mb);
		switch (fcode) {
		case 'P': havepath = true; break;
		case 'F': case 'N': case 'I': case 'R': case 'J': case 'r':
			break;
		default:
			cf_syserr(cf, 0, "Q%s: unknown queue equate %c=", line, fcode);
			break;
		}
		p = (char *)delimptr;
	}
	buf_fini(&mb);
	if (line[0] == '\0') {
		cf_syserr(cf, 0, "name required for queue");
		return;
	}
	if (!havepath && cf->optv[OPT_QUEUEDIRECTORY] == NULL)
		cf_syserr(cf, 0, "QueueDir must be defined before queue groups");
}

static bool
setvendor(const char *v)
{
	return strcasecmp(v, "Berkeley") == 0;
}

static void
version_line(struct cf *cf, char *bp)
{
	char *p, *ep;

	for (p = &bp[1]; ISSPACE(*p); p++)
		continue;
	if (!isascii((unsigned char)*p) || !isdigit((unsigned char)*p)) {
		cf_syserr(cf, 0, "invalid argument to V line: \"%.20s\"", &bp[1]);
		return;
	}
	long v = strtol(p, &ep, 10);
	cf->conflevel = v > 1000 ? 1000 : (int)v;
	if (cf->conflevel >= 5) {
		const char *w = cf->mac.val['w'];
		const char *dot;
		if (w != NULL && (dot = strchr(w, '.')) != NULL) {
			char *nw = xstrndup(w, (size_t)(dot - w));
			rw_mactab_set(&cf->mac, 'w', nw);
			free(nw);
		}
	}
	if (cf->conflevel >= 6)
		cf->colonok = false;
	if (*ep++ == '/') {
		for (p = ep; isascii((unsigned char)*p) && isalpha((unsigned char)*p);)
			p++;
		*p = '\0';
		if (!setvendor(ep))
			cf_syserr(cf, 0, "invalid V line vendor code: \"%s\"", ep);
	}
}

void
cf_line(struct cf *cf, const char *line, size_t len, int lineno)
{
	struct buf tb = BUF_INIT;
	struct rw_msgs m = readcf_msgs(cf);
	char *bp;

	cf->lineno = lineno;
	if (len > 0 && line[0] == '#')
		return;
	rw_translate_dollars(&cf->mn, line, len, cf->conflevel, &tb, &m);
	bp = (char *)buf_cstr(&tb);
	errno = 0;
	switch (bp[0]) {
	case '\0':
	case '#':
		break;
	case 'R':
		rule_line(cf, bp);
		break;
	case 'S': {
		struct buf ex = BUF_INIT;
		expand_cf(cf, &bp[1], &ex);
		int rs = cf_strtorwset(cf, buf_cstr(&ex), NULL, CF_ST_ENTER);
		buf_fini(&ex);
		cf->cur_ruleset = rs;
		if (rs < 0)
			break;
		if (cf->rs[rs].n > 0) {
			if (cf->testmode)
				cf_printf(cf, "WARNING: Ruleset %s has multiple definitions\n",
				    &bp[1]);
		}
		cf->rs[rs].defined = true;
		break;
	}
	case 'D': {
		const char *ep;
		struct buf mb = BUF_INIT;
		int mid = rw_macid_parse(&cf->mn, &bp[1], &ep, &m);
		if (mid == 0)
			break;
		cf_munchstring(ep, NULL, '\0', &mb);
		rw_mactab_set(&cf->mac, mid, buf_cstr(&mb));
		buf_fini(&mb);
		break;
	}
	case 'H':
		header_line(cf, &bp[1]);
		break;
	case 'C':
	case 'T':
		class_line(cf, bp);
		break;
	case 'F':
		fclass_line(cf, bp);
		break;
	case 'M':
		cf_makemailer(cf, &bp[1]);
		break;
	case 'O':
		cf_setoption(cf, bp[1], bp[1] ? &bp[2] : &bp[1], false);
		break;
	case 'P': {
		char *p;
		if (cf->npri >= MAXPRIORITIES) {
			cf_syserr(cf, 0, "too many %c lines, %d max", 'P', MAXPRIORITIES);
			break;
		}
		for (p = &bp[1]; *p != '\0' && *p != '='; p++)
			continue;
		if (*p == '\0')
			goto badline;
		*p = '\0';
		cf->pri[cf->npri].name = xstrdup(&bp[1]);
		cf->pri[cf->npri].val = atoi(++p);
		cf->npri++;
		break;
	}
	case 'Q':
		queue_line(cf, &bp[1]);
		break;
	case 'V':
		version_line(cf, bp);
		break;
	case 'K': {
		struct buf ex = BUF_INIT;
		expand_cf(cf, &bp[1], &ex);
		char *s = xstrdup(buf_cstr(&ex));
		(void)cf_makemap(cf, s);
		free(s);
		buf_fini(&ex);
		break;
	}
	case 'E':
	case 'X':
		break;
	default:
	badline:
		cf_syserr(cf, 0, "unknown configuration line \"%s\"", bp);
	}
	buf_fini(&tb);
}

static void
mailer_setflag(struct cf_mailer *m, int c)
{
	if (m != NULL)
		m->flags[(c & 0x7f) >> 3] |= (unsigned char)(1 << (c & 7));
}

static void
mailer_clrflag(struct cf_mailer *m, int c)
{
	if (m != NULL)
		m->flags[(c & 0x7f) >> 3] &= (unsigned char)~(1 << (c & 7));
}

void
cf_finish(struct cf *cf)
{
	const char *j;
	struct cf_mailer *local, *prog, *file;

	cf->filename = NULL;
	if (cf_findmap(cf, "host") == NULL) {
		char def[] = "host host -a. -D";
		(void)cf_makemap(cf, def);
	}
	if (cf->conflevel < 10)
		cf_printf(cf, "Warning: .cf file is out of date: sendmail %s supports version %d, .cf file is version %d\n",
		    "8.17.1.9", 10, cf->conflevel);
	j = cf->mac.val['j'];
	if (j == NULL || *j == '\0')
		j = "localhost";
	if (strchr(j, '.') == NULL)
		cf_printf(cf, "WARNING: local host name (%s) is not qualified; see cf/README: WHO AM I?\n", j);
	rw_class_add(&cf->cls, 'w', j);
	local = cf_findmailer(cf, "local");
	if (local == NULL)
		cf_syserr(cf, 0, "No local mailer defined");
	prog = cf_findmailer(cf, "prog");
	if (prog == NULL)
		cf_syserr(cf, 0, "No prog mailer defined");
	mailer_clrflag(prog, 'm');
	file = cf_findmailer(cf, "*file*");
	if (file == NULL)
		cf_syserr(cf, 0, "No *file* mailer defined");
	mailer_clrflag(file, 'm');
	if (cf_findmailer(cf, "*include*") == NULL)
		cf_syserr(cf, 0, "No *include* mailer defined");
	if (cf->conflevel < 6) {
		for (const char *f = "Aw5:|/@"; *f; f++)
			mailer_setflag(local, *f);
		mailer_setflag(prog, 'o');
		mailer_setflag(file, 'o');
	}
	if (cf->conflevel < 7) {
		mailer_setflag(local, 'q');
		mailer_setflag(prog, 'q');
		mailer_setflag(file, 'q');
	}
	rw_class_add(&cf->cls, 'n', "multipart/signed");
	rw_class_add(&cf->cls, 's', "rfc822");
	rw_class_add(&cf->cls, 'e', "7bit");
	rw_class_add(&cf->cls, 'e', "8bit");
	rw_class_add(&cf->cls, 'e', "binary");
	static const char *const mime[][2] = {
		{ "checkMIMEFieldHeaders", "content-disposition" },
		{ "checkMIMEFieldHeaders", "content-type" },
		{ "checkMIMETextHeaders", "content-description" },
		{ "checkMIMEHeaders", "content-disposition" },
		{ "checkMIMEHeaders", "content-id" },
		{ "checkMIMEHeaders", "content-transfer-encoding" },
		{ "checkMIMEHeaders", "content-type" },
		{ "checkMIMEHeaders", "mime-version" },
		{ "persistentMacros", "r" },
		{ "persistentMacros", "s" },
		{ "persistentMacros", "_" },
		{ "persistentMacros", "{if_addr}" },
		{ "persistentMacros", "{daemon_flags}" },
	};
	for (size_t i = 0; i < sizeof(mime) / sizeof(mime[0]); i++)
		rw_class_add(&cf->cls, rw_macid_long(&cf->mn, mime[i][0]), mime[i][1]);
}

int
cf_read_text(struct cf *cf, const char *filename, const char *text,
    size_t len)
{
	struct buf lb = BUF_INIT;
	size_t i = 0;
	int lineno = 0;

	cf->filename = filename;
	while (i < len) {
		buf_reset(&lb);
		/* one logical line: physical lines joined while the next starts with SP/HT */
		for (;;) {
			size_t s = i;
			while (i < len && text[i] != '\n')
				i++;
			size_t e = i;
			if (e > s && text[e - 1] == '\r')
				e--;
			buf_append(&lb, text + s, e - s);
			lineno++;
			if (i < len)
				i++;	/* the newline */
			if (i < len && (text[i] == ' ' || text[i] == '\t')) {
				buf_addch(&lb, '\n');
				continue;
			}
			break;
		}
		cf_line(cf, lb.s ? lb.s : "", lb.len, lineno);
	}
	buf_fini(&lb);
	cf->filename = NULL;
	return cf->errors;
}
