/*
 * map.c -- K-line map classes with sendmail's semantics: argument flags,
 * key folding, lookups with and without the trailing NUL, %n rewriting.
 * Berkeley DB details stay in map_db.c.
 */
#include <ctype.h>
#include <errno.h>
#include <pwd.h>
#include <regex.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "dbg.h"
#include "map.h"
#include "map_db.h"
#include "rw_print.h"
#include "xmem.h"

#define ISSPACE(c)	(isascii((unsigned char)(c)) && isspace((unsigned char)(c)))
#define MAXMAPSTACK	12

/* ------------------------------------------------------------------ */
/* generic argument parsing (sendmail's map_parseargs) */

static bool
parseargs(struct cf *cf, struct cf_map *m, char *p, bool optfile)
{
	m->mflags |= MF_TRY0NULL | MF_TRY1NULL;
	for (;;) {
		while (ISSPACE(*p))
			p++;
		if (*p != '-')
			break;
		switch (*++p) {
		case 'A': m->mflags |= MF_APPEND; break;
		case 'a': free(m->app); m->app = (char *)++p; m->app = NULL;
			{
				const char *s = p;
				while (*p != '\0' && !ISSPACE(*p)) p++;
				m->app = xstrndup(s, (size_t)(p - s));
			}
			break;
		case 'D': m->mflags |= MF_DEFER; break;
		case 'd': break;
		case 'f': m->mflags |= MF_NOFOLDCASE; break;
		case 'k':
			while (ISSPACE(*++p)) continue;
			{
				const char *s = p;
				while (*p != '\0' && !ISSPACE(*p)) p++;
				free(m->keycolnm);
				m->keycolnm = xstrndup(s, (size_t)(p - s));
			}
			break;
		case 'm': m->mflags |= MF_MATCHONLY; break;
		case 'N': m->mflags |= MF_INCLNULL; m->mflags &= ~MF_TRY0NULL; break;
		case 'O': m->mflags &= ~MF_TRY1NULL; break;
		case 'o': m->mflags |= MF_OPTIONAL; break;
		case 'q': m->mflags |= MF_KEEPQUOTES; break;
		case 'S': m->spacesub = *++p; break;
		case 'T':
			{
				const char *s = ++p;
				while (*p != '\0' && !ISSPACE(*p)) p++;
				free(m->tapp);
				m->tapp = xstrndup(s, (size_t)(p - s));
			}
			break;
		case 't': m->mflags |= MF_NODEFER; break;
		case 'v':
			while (ISSPACE(*++p)) continue;
			{
				const char *s = p;
				while (*p != '\0' && !ISSPACE(*p)) p++;
				free(m->valcolnm);
				m->valcolnm = xstrndup(s, (size_t)(p - s));
			}
			break;
		case 'z':
			if (*++p != '\\')
				m->coldelim = *p;
			else {
				switch (*++p) {
				case 'n': m->coldelim = '\n'; break;
				case 't': m->coldelim = '\t'; break;
				default: m->coldelim = '\\'; break;
				}
			}
			break;
		default:
			cf_syserr(cf, 0, "Illegal option %c map %s", *p, m->name);
			break;
		}
		while (*p != '\0' && !ISSPACE(*p))
			p++;
		if (*p != '\0')
			p++;
	}
	if (*p != '\0') {
		const char *s = p;
		while (*p != '\0' && !ISSPACE(*p))
			p++;
		m->file = xstrndup(s, (size_t)(p - s));
	}
	if (m->file == NULL && !optfile) {
		cf_syserr(cf, 0, "No file name for %s map %s", m->cls->name, m->name);
		return false;
	}
	return true;
}

char *
map_rewrite(const struct cf_map *m, const char *s, size_t slen, char **av)
{
	struct buf b = BUF_INIT;

	if (av == NULL)
		buf_append(&b, s, slen);
	else {
		while (slen-- > 0) {
			int c = (unsigned char)*s++;
			if (c == '\0')
				break;
			if (c != '%') {
				buf_addch(&b, c);
				continue;
			}
			if (slen == 0 || *s == '\0') {
				buf_addch(&b, '%');
				break;
			}
			slen--;
			c = (unsigned char)*s++;
			if (c == '%') {
				buf_addch(&b, c);
				continue;
			}
			if (!isdigit(c)) {
				buf_addch(&b, '%');
				buf_addch(&b, c);
				continue;
			}
			char **avp;
			for (avp = av; --c >= '0' && *avp != NULL; avp++)
				continue;
			if (*avp == NULL)
				continue;
			buf_puts(&b, *avp);
		}
	}
	if (m->app != NULL)
		buf_puts(&b, m->app);
	if (tTd(39, 1))
		dbg_printf("map_rewrite => %s\n", buf_cstr(&b));
	return buf_steal(&b);
}

/* ------------------------------------------------------------------ */
/* classes */

static bool
parse_std(struct cf *cf, struct cf_map *m, char *args)
{
	return parseargs(cf, m, args, false);
}

static bool
parse_optfile(struct cf *cf, struct cf_map *m, char *args)
{
	return parseargs(cf, m, args, true);
}

static bool
open_ok(struct cf *cf, struct cf_map *m)
{
	(void)cf; (void)m;
	return true;
}

/* dequote */
static char *
dequote_lookup(struct map_ctx *ctx, struct cf_map *m, const char *key,
    char **av, int *statp)
{
	char *name = xstrdup(key), *p, *q;
	int c, anglecnt = 0, cmntcnt = 0, quotecnt = 0, spacecnt = 0;
	bool quotemode = false, bslashmode = false;

	(void)ctx; (void)av;
	*statp = EX_OK;
	for (p = q = name; (c = (unsigned char)*p++) != '\0';) {
		if (bslashmode) {
			bslashmode = false;
			*q++ = (char)c;
			continue;
		}
		if (c == ' ' && m->spacesub != '\0')
			c = (unsigned char)m->spacesub;
		switch (c) {
		case '\\': bslashmode = true; break;
		case '(': cmntcnt++; break;
		case ')':
			if (cmntcnt-- <= 0) { free(name); return NULL; }
			break;
		case ' ': case '\t': spacecnt++; break;
		}
		if (cmntcnt > 0) {
			*q++ = (char)c;
			continue;
		}
		switch (c) {
		case '"':
			quotemode = !quotemode;
			quotecnt++;
			continue;
		case '<': anglecnt++; break;
		case '>':
			if (anglecnt-- <= 0) { free(name); return NULL; }
			break;
		}
		*q++ = (char)c;
	}
	if (anglecnt != 0 || cmntcnt != 0 || bslashmode || quotemode ||
	    quotecnt <= 0 || spacecnt != 0) {
		free(name);
		return NULL;
	}
	*q = '\0';
	char *r = map_rewrite(m, name, strlen(name), NULL);
	free(name);
	return r;
}

static bool
dequote_parse(struct cf *cf, struct cf_map *m, char *args)
{
	char *p = args;
	(void)cf;
	m->mflags |= MF_KEEPQUOTES;
	for (;;) {
		while (ISSPACE(*p))
			p++;
		if (*p != '-')
			break;
		switch (*++p) {
		case 'a':
			{
				const char *s = ++p;
				while (*p != '\0' && !ISSPACE(*p)) p++;
				free(m->app);
				m->app = xstrndup(s, (size_t)(p - s));
			}
			break;
		case 'D': m->mflags |= MF_DEFER; break;
		case 'S': case 's': m->spacesub = *++p; break;
		}
		while (*p != '\0' && !ISSPACE(*p))
			p++;
		if (*p != '\0')
			p++;
	}
	return true;
}

/* arith */
static char *
arith_lookup(struct map_ctx *ctx, struct cf_map *m, const char *key,
    char **av, int *statp)
{
	long r = 0, v[2];
	bool res = false, boolres = false;
	char buf[64];

	(void)ctx;
	*statp = EX_CONFIG;
	if (av == NULL || av[0] == NULL || av[1] == NULL || av[2] == NULL)
		return NULL;
	for (int i = 0; i < 2; i++) {
		char *e;
		errno = 0;
		v[i] = strtol(av[i + 1], &e, 10);
		if (*e != '\0' || errno != 0) {
			*statp = EX_CONFIG;
			return NULL;
		}
	}
	*statp = EX_OK;
	switch (key[0] == '\0' || key[1] != '\0' ? 0 : key[0]) {
	case '+': r = v[0] + v[1]; res = true; break;
	case '-': r = v[0] - v[1]; res = true; break;
	case '*': r = v[0] * v[1]; res = true; break;
	case '/':
		if (v[1] == 0) { *statp = EX_CONFIG; return NULL; }
		r = v[0] / v[1]; res = true; break;
	case '%':
		if (v[1] == 0) { *statp = EX_CONFIG; return NULL; }
		r = v[0] % v[1]; res = true; break;
	case 'l': boolres = v[0] < v[1]; break;
	case '=': boolres = v[0] == v[1]; break;
	case '|': r = v[0] | v[1]; res = true; break;
	case '&': r = v[0] & v[1]; res = true; break;
	case 'r': {
		long lo = v[0], hi = v[1];
		if (lo > hi) { *statp = EX_CONFIG; return NULL; }
		r = lo + (hi - lo + 1 > 0 ? random() % (hi - lo + 1) : 0);
		res = true;
		break;
	}
	default:
		*statp = EX_CONFIG;
		return NULL;
	}
	if (res)
		snprintf(buf, sizeof(buf), "%ld", r);
	else
		snprintf(buf, sizeof(buf), "%s", boolres ? "TRUE" : "FALSE");
	return map_rewrite(m, buf, strlen(buf), NULL);
}

/* macro */
static char *
macro_lookup(struct map_ctx *ctx, struct cf_map *m, const char *key,
    char **av, int *statp)
{
	int mid;
	const char *ep;

	(void)m;
	if (key == NULL || *key == '\0') {
		*statp = EX_CONFIG;
		return NULL;
	}
	mid = rw_macid_parse(&ctx->cf->mn, key, &ep, NULL);
	if (mid == 0) {
		*statp = EX_CONFIG;
		return NULL;
	}
	if (ctx->envmac != NULL)
		rw_mactab_set(ctx->envmac, mid, av == NULL || av[1] == NULL ? NULL : av[1]);
	*statp = EX_OK;
	return xstrdup("");
}

/* host: canonicalization through the hosts file only (no DNS) */
static const char *
hostsfile(struct cf *cf)
{
	const char *h = cf->optv[OPT_HOSTSFILE];
	return h != NULL && *h != '\0' ? h : "/etc/hosts";
}

static char *
shorten_hostname(struct cf *cf, char *host)
{
	size_t i = strlen(host);
	bool canon = false;
	char *p = &host[i == 0 ? 0 : i - 1];
	const char *mydom = cf->mac.val['m'] ? cf->mac.val['m'] : "";

	if (*p == '.') {
		*p = '\0';
		canon = true;
	}
	p = strchr(host, '.');
	if (p == NULL)
		return NULL;
	i = strlen(++p);
	if ((canon ? strcasecmp(p, mydom) : strncasecmp(p, mydom, i)) == 0 &&
	    (mydom[i] == '.' || mydom[i] == '\0'))
		return --p;
	return NULL;
}

static bool
extract_canonname(struct cf *cf, char *name, char *dot, char *line,
    char *cbuf, size_t cbuflen)
{
	bool found = false;
	char *save, *tok;
	int col = 0;

	cbuf[0] = '\0';
	if (line[0] == '#')
		return false;
	for (tok = strtok_r(line, " \t", &save); tok != NULL;
	    tok = strtok_r(NULL, " \t", &save), col++) {
		if (col == 0)
			continue;
		if (cbuf[0] == '\0' ||
		    (strchr(cbuf, '.') == NULL && strchr(tok, '.') != NULL))
			snprintf(cbuf, cbuflen, "%s", tok);
		if (strcasecmp(name, tok) == 0)
			found = true;
		else if (dot != NULL) {
			*dot = '\0';
			if (strcasecmp(name, tok) == 0)
				found = true;
			*dot = '.';
		}
	}
	if (found && strchr(cbuf, '.') == NULL) {
		const char *domain = cf->mac.val['m'];
		size_t i = strlen(cbuf);
		if (domain != NULL && strlen(domain) + i + 1 < cbuflen)
			snprintf(cbuf + i, cbuflen - i, ".%s", domain);
	}
	return found;
}

bool
map_getcanonname(struct cf *cf, char *host, size_t hsz, int *statp)
{
	char nbuf[MAXNAME + 1], cbuf[MAXNAME + 1], line[256];
	FILE *f;
	bool found = false;

	if (strlen(host) >= sizeof(nbuf)) {
		*statp = EX_UNAVAILABLE;
		return false;
	}
	snprintf(nbuf, sizeof(nbuf), "%s", host);
	char *dot = shorten_hostname(cf, nbuf);
	f = fopen(hostsfile(cf), "r");
	if (f == NULL) {
		*statp = EX_UNAVAILABLE;
		return false;
	}
	while (!found && fgets(line, sizeof(line), f) != NULL) {
		char *p = strpbrk(line, "#\n");
		if (p != NULL)
			*p = '\0';
		if (line[0] != '\0')
			found = extract_canonname(cf, nbuf, dot, line, cbuf, sizeof(cbuf));
	}
	fclose(f);
	if (!found) {
		*statp = EX_NOHOST;
		return false;
	}
	if (strlen(cbuf) >= hsz) {
		*statp = EX_UNAVAILABLE;
		return false;
	}
	snprintf(host, hsz, "%s", cbuf);
	*statp = EX_OK;
	return true;
}

static char *
host_lookup(struct map_ctx *ctx, struct cf_map *m, const char *name,
    char **av, int *statp)
{
	char hbuf[MAXNAME + 1];

	*statp = EX_OK;
	if (*name == '[') {
		/* address literals: reverse lookups go to the system resolver
		 * in sendmail; we answer from the hosts file */
		const char *e = strchr(name, ']');
		char line[256], addr[MAXNAME];
		FILE *f;
		if (e == NULL)
			return NULL;
		snprintf(addr, sizeof(addr), "%.*s", (int)(e - name - 1), name + 1);
		if (strncasecmp(addr, "IPv6:", 5) == 0)
			memmove(addr, addr + 5, strlen(addr + 5) + 1);
		f = fopen("/etc/hosts", "r");
		if (f != NULL) {
			while (fgets(line, sizeof(line), f) != NULL) {
				char *save, *ip, *nm, *p = strpbrk(line, "#\n");
				if (p != NULL)
					*p = '\0';
				ip = strtok_r(line, " \t", &save);
				nm = ip ? strtok_r(NULL, " \t", &save) : NULL;
				if (ip && nm && strcmp(ip, addr) == 0) {
					fclose(f);
					return map_rewrite(m, nm, strlen(nm), av);
				}
			}
			fclose(f);
		}
		*statp = EX_NOHOST;
		return NULL;
	}
	snprintf(hbuf, sizeof(hbuf), "%s", name);
	if (!map_getcanonname(ctx->cf, hbuf, sizeof(hbuf) - 1, statp))
		return NULL;
	if (m->mflags & MF_MATCHONLY)
		return map_rewrite(m, name, strlen(name), NULL);
	return map_rewrite(m, hbuf, strlen(hbuf), av);
}

/* sequence */
static bool
seq_parse(struct cf *cf, struct cf_map *m, char *args)
{
	char *p = args;

	if (tTd(38, 2))
		dbg_printf("seq_map_parse(%s, %s)\n", m->name, args);
	for (;;) {
		while (ISSPACE(*p))
			p++;
		if (*p == '\0')
			break;
		char *ap = p;
		while (*p != '\0' && !ISSPACE(*p) && *p != ',')
			p++;
		if (*p != '\0')
			*p++ = '\0';
		if (m->nstack >= MAXMAPSTACK) {
			cf_syserr(cf, 0, "Sequence map %s: too many member maps (%d max)",
			    m->name, MAXMAPSTACK);
			break;
		}
		if (cf_findmap(cf, ap) == NULL) {
			cf_syserr(cf, 0, "Sequence map %s: unknown member map %s",
			    m->name, ap);
			continue;
		}
		m->stack = xreallocarray(m->stack, (size_t)m->nstack + 1, sizeof(char *));
		m->stack[m->nstack++] = xstrdup(ap);
	}
	return true;
}

static char *
seq_lookup(struct map_ctx *ctx, struct cf_map *m, const char *key,
    char **av, int *statp)
{
	bool tempfail = false;

	for (int i = 0; i < m->nstack; i++) {
		struct cf_map *sm = cf_findmap(ctx->cf, m->stack[i]);
		if (sm == NULL || !sm->valid)
			continue;
		if (!map_ensure_open(ctx->cf, sm))
			continue;
		char *rv = sm->cls->lookup(ctx, sm, key, av, statp);
		if (rv != NULL)
			return rv;
		if (*statp == EX_TEMPFAIL)
			tempfail = true;
	}
	if (tempfail)
		*statp = EX_TEMPFAIL;
	return NULL;
}

/* user */
static char *
user_lookup(struct map_ctx *ctx, struct cf_map *m, const char *key,
    char **av, int *statp)
{
	struct passwd *pw = getpwnam(key);

	(void)ctx;
	*statp = EX_OK;
	if (pw == NULL)
		return NULL;
	if (m->mflags & MF_MATCHONLY)
		return map_rewrite(m, key, strlen(key), NULL);
	return map_rewrite(m, key, strlen(key), av);
}

/* null */
static char *
null_lookup(struct map_ctx *ctx, struct cf_map *m, const char *key,
    char **av, int *statp)
{
	(void)ctx; (void)m; (void)key; (void)av;
	*statp = EX_NOTFOUND;
	return NULL;
}

/* regex */
struct regex_impl {
	regex_t re;
	bool	ok;
};

static bool
regex_parse(struct cf *cf, struct cf_map *m, char *args)
{
	char *p = args;
	int cflags = REG_EXTENDED | REG_NOSUB;
	struct regex_impl *ri = xcalloc(1, sizeof(*ri));

	for (;;) {
		while (ISSPACE(*p))
			p++;
		if (*p != '-')
			break;
		switch (*++p) {
		case 'n': m->mflags ^= MF_REGEX_NOT; break;
		case 'f': cflags |= REG_ICASE; break;
		case 'b': cflags &= ~REG_EXTENDED; break;
		case 's': cflags &= ~REG_NOSUB; break;
		case 'm': m->mflags |= MF_MATCHONLY; break;
		case 'a':
			{
				const char *s = ++p;
				while (*p != '\0' && !ISSPACE(*p)) p++;
				free(m->app);
				m->app = xstrndup(s, (size_t)(p - s));
			}
			break;
		case 'q': m->mflags |= MF_KEEPQUOTES; break;
		case 'D': m->mflags |= MF_DEFER; break;
		case 'd': case 'S':
			if (p[1]) p++;
			break;
		}
		while (*p != '\0' && !ISSPACE(*p))
			p++;
		if (*p != '\0')
			p++;
	}
	int rc = regcomp(&ri->re, p, cflags);
	if (rc != 0) {
		char eb[256];
		regerror(rc, &ri->re, eb, sizeof(eb));
		cf_syserr(cf, 0, "pattern-compile-error: %s", eb);
		free(ri);
		return false;
	}
	ri->ok = true;
	m->impl = ri;
	return true;
}

static char *
regex_lookup(struct map_ctx *ctx, struct cf_map *m, const char *key,
    char **av, int *statp)
{
	struct regex_impl *ri = m->impl;
	(void)ctx; (void)av;
	*statp = EX_OK;
	if (ri == NULL || !ri->ok)
		return NULL;
	bool match = regexec(&ri->re, key, 0, NULL, 0) == 0;
	if (m->mflags & MF_REGEX_NOT)
		match = !match;
	if (!match)
		return NULL;
	if (m->mflags & MF_MATCHONLY)
		return map_rewrite(m, key, strlen(key), NULL);
	return map_rewrite(m, "", 0, NULL);
}

static void
regex_close(struct cf_map *m)
{
	struct regex_impl *ri = m->impl;
	if (ri != NULL && ri->ok)
		regfree(&ri->re);
	free(ri);
	m->impl = NULL;
}

/* text: flat files with key and value columns */
static char *
text_lookup(struct map_ctx *ctx, struct cf_map *m, const char *key,
    char **av, int *statp)
{
	FILE *f;
	char line[MAXLINE];
	int kc = m->keycolnm ? atoi(m->keycolnm) : 0;
	int vc = m->valcolnm ? atoi(m->valcolnm) : 1;
	char delim = m->coldelim;

	(void)ctx;
	*statp = EX_OK;
	f = fopen(m->file, "r");
	if (f == NULL) {
		*statp = EX_UNAVAILABLE;
		return NULL;
	}
	while (fgets(line, sizeof(line), f) != NULL) {
		char *cols[32];
		int n = 0;
		char *p = strchr(line, '\n');
		if (p)
			*p = '\0';
		if (line[0] == '#')
			continue;
		p = line;
		while (n < 32) {
			if (delim == '\0') {
				while (ISSPACE(*p)) p++;
				if (*p == '\0') break;
				cols[n++] = p;
				while (*p && !ISSPACE(*p)) p++;
			} else {
				cols[n++] = p;
				p = strchr(p, delim);
				if (p == NULL) break;
			}
			if (*p == '\0') break;
			*p++ = '\0';
		}
		if (kc >= n || vc >= n)
			continue;
		if (((m->mflags & MF_NOFOLDCASE) ? strcmp(cols[kc], key) :
		    strcasecmp(cols[kc], key)) != 0)
			continue;
		fclose(f);
		if (m->mflags & MF_MATCHONLY)
			return map_rewrite(m, key, strlen(key), NULL);
		return map_rewrite(m, cols[vc], strlen(cols[vc]), av);
	}
	fclose(f);
	return NULL;
}

static bool
text_open(struct cf *cf, struct cf_map *m)
{
	(void)cf;
	FILE *f = fopen(m->file, "r");
	if (f == NULL)
		return false;
	fclose(f);
	return true;
}

static bool
dns_parse(struct cf *cf, struct cf_map *m, char *args)
{
	char *p = args;

	(void)cf;
	for (;;) {
		while (ISSPACE(*p))
			p++;
		if (*p != '-')
			break;
		switch (*++p) {
		case 'o': m->mflags |= MF_OPTIONAL; break;
		case 'q': m->mflags |= MF_KEEPQUOTES; break;
		case 'D': m->mflags |= MF_DEFER; break;
		case 't': m->mflags |= MF_NODEFER; break;
		case 'm': m->mflags |= MF_MATCHONLY; break;
		case 'f': m->mflags |= MF_NOFOLDCASE; break;
		default: break;	/* resolver options: accepted */
		}
		while (*p != '\0' && !ISSPACE(*p))
			p++;
	}
	return true;
}

static char *
dns_lookup(struct map_ctx *ctx, struct cf_map *m, const char *key,
    char **av, int *statp)
{
	(void)ctx; (void)m; (void)key; (void)av;
	*statp = EX_TEMPFAIL;
	return NULL;
}

static const struct map_class classes[] = {
	{ "hash", MCF_ALIASOK, parse_std, mapdb_open_hash, mapdb_lookup, mapdb_close },
	{ "btree", MCF_ALIASOK, parse_std, mapdb_open_btree, mapdb_lookup, mapdb_close },
	{ "implicit", MCF_ALIASOK | MCF_OPTFILE, parse_std, mapdb_open_implicit, mapdb_lookup, mapdb_close },
	{ "text", 0, parse_std, text_open, text_lookup, NULL },
	{ "host", MCF_OPTFILE | MCF_NOTPERSIST, parse_optfile, open_ok, host_lookup, NULL },
	{ "dequote", MCF_OPTFILE, dequote_parse, open_ok, dequote_lookup, NULL },
	{ "arith", MCF_OPTFILE, parse_optfile, open_ok, arith_lookup, NULL },
	{ "macro", MCF_OPTFILE, parse_optfile, open_ok, macro_lookup, NULL },
	{ "sequence", MCF_OPTFILE, seq_parse, open_ok, seq_lookup, NULL },
	{ "user", MCF_OPTFILE, parse_optfile, open_ok, user_lookup, NULL },
	{ "null", MCF_OPTFILE | MCF_ALIASOK, parse_optfile, open_ok, null_lookup, NULL },
	{ "regex", 0, regex_parse, open_ok, regex_lookup, regex_close },
	/* no resolver: DNS-based maps answer "temporarily unavailable" */
	{ "dns", MCF_OPTFILE, dns_parse, open_ok, dns_lookup, NULL },
	{ "bestmx", MCF_OPTFILE, dns_parse, open_ok, dns_lookup, NULL },
};

void
map_builtin_classes_init(void)
{
}

const struct map_class *
map_findclass(const char *name)
{
	for (size_t i = 0; i < sizeof(classes) / sizeof(classes[0]); i++)
		if (strcmp(classes[i].name, name) == 0)
			return &classes[i];
	return NULL;
}

void
map_free(struct cf_map *m)
{
	if (m == NULL)
		return;
	if (m->cls != NULL && m->cls->close != NULL)
		m->cls->close(m);
	free(m->name); free(m->spec); free(m->file); free(m->app);
	free(m->tapp); free(m->domain); free(m->keycolnm); free(m->valcolnm);
	for (int i = 0; i < m->nstack; i++)
		free(m->stack[i]);
	free(m->stack);
	free(m);
}

struct cf_map *
cf_findmap(const struct cf *cf, const char *name)
{
	for (int i = 0; i < cf->nmaps; i++)
		if (strcmp(cf->maps[i]->name, name) == 0)
			return cf->maps[i];
	return NULL;
}

struct cf_map *
cf_makemap(struct cf *cf, char *line)
{
	char *p = line, *mapname, *classname;

	while (ISSPACE(*p))
		p++;
	if (!isascii((unsigned char)*p) || !isalnum((unsigned char)*p)) {
		cf_syserr(cf, 0, "readcf: config K line: no map name");
		return NULL;
	}
	mapname = p;
	while ((isascii((unsigned char)*++p) && isalnum((unsigned char)*p)) ||
	    *p == '_' || *p == '.')
		continue;
	if (*p != '\0')
		*p++ = '\0';
	while (ISSPACE(*p))
		p++;
	if (!isascii((unsigned char)*p) || !isalnum((unsigned char)*p)) {
		cf_syserr(cf, 0, "readcf: config K line, map %s: no map class", mapname);
		return NULL;
	}
	classname = p;
	while (isascii((unsigned char)*++p) && isalnum((unsigned char)*p))
		continue;
	if (*p != '\0')
		*p++ = '\0';
	while (ISSPACE(*p))
		p++;
	const struct map_class *mc = map_findclass(classname);
	if (mc == NULL) {
		cf_syserr(cf, 0, "readcf: map %s: class %s not available",
		    mapname, classname);
		return NULL;
	}
	struct cf_map *m = cf_findmap(cf, mapname);
	if (m != NULL) {
		/* redefinition replaces the old map in place */
		for (int i = 0; i < cf->nmaps; i++)
			if (cf->maps[i] == m) {
				map_free(m);
				m = xcalloc(1, sizeof(*m));
				cf->maps[i] = m;
				break;
			}
	} else {
		m = xcalloc(1, sizeof(*m));
		if (cf->nmaps == cf->capmaps) {
			cf->capmaps = cf->capmaps ? cf->capmaps * 2 : 16;
			cf->maps = xreallocarray(cf->maps, (size_t)cf->capmaps,
			    sizeof(*cf->maps));
		}
		cf->maps[cf->nmaps++] = m;
	}
	m->name = xstrdup(mapname);
	m->cls = mc;
	m->spec = xstrdup(p);
	m->line = cf->lineno;
	char *args = xstrdup(p);
	m->valid = mc->parse(cf, m, args);
	free(args);
	return m;
}

bool
map_ensure_open(struct cf *cf, struct cf_map *m)
{
	if (m->open)
		return m->opened_ok;
	m->open = true;
	m->opened_ok = m->cls->open(cf, m);
	return m->opened_ok;
}

static void
stripquotes(char *s)
{
	char *p = s, *q = s;
	int c;
	bool bs = false;

	if (s == NULL)
		return;
	do {
		c = (unsigned char)*p++;
		if (bs)
			bs = false;
		else if (c == '\\')
			bs = true;
		else if (c == '"')
			continue;
		*q++ = (char)c;
	} while (c != '\0');
}

char *
map_lookup(struct map_ctx *ctx, struct cf_map *m, char *key, char **av,
    int *pstat)
{
	int status = EX_OK;
	char *replac;

	if (m == NULL)
		return NULL;
	if (!m->valid)
		return NULL;
	if (!map_ensure_open(ctx->cf, m)) {
		/* an optional map that failed to open just finds nothing */
		if (!(m->mflags & MF_OPTIONAL))
			*pstat = EX_TEMPFAIL;
		return NULL;
	}
	if (!(m->mflags & MF_KEEPQUOTES))
		stripquotes(key);
	if (tTd(60, 1)) {
		dbg_printf("map_lookup(%s, ", m->name);
		rw_xputs(dbg_stream(), &ctx->cf->mn, key);
		if (tTd(60, 5)) {
			for (int i = 0; av[i] != NULL; i++)
				dbg_printf(", %%%d=%s", i, av[i]);
		}
		dbg_printf(") => ");
	}
	replac = m->cls->lookup(ctx, m, key, av, &status);
	if (tTd(60, 1))
		/* sendmail clears MF_SECURE right after the lookup: ad=0 */
		dbg_printf("%s (%d), ad=0\n", replac != NULL ? replac : "NOT FOUND",
		    status);
	if (status == EX_TEMPFAIL && !(m->mflags & MF_NODEFER))
		*pstat = EX_TEMPFAIL;
	if (status == EX_TEMPFAIL && m->tapp != NULL) {
		struct buf b = BUF_INIT;
		buf_puts(&b, key);
		buf_puts(&b, m->tapp);
		free(replac);
		replac = buf_steal(&b);
	}
	return replac;
}

void
map_fileclass(struct cf *cf, int cls, const char *spec, bool optional)
{
	char *copy = xstrdup(spec);
	char *at = strchr(copy, '@');
	const char *mn = rw_macname(&cf->mn, cls);

	if (at == NULL) {
		cf_syserr(cf, 0, "fileclass: bogus map specification");
		free(copy);
		return;
	}
	*at++ = '\0';
	char *colon = strchr(at, ':');
	if (colon == NULL) {
		cf_syserr(cf, 0, "fileclass: F{%s}: missing map class", mn);
		free(copy);
		return;
	}
	*colon++ = '\0';
	const struct map_class *mc = map_findclass(at);
	if (mc == NULL) {
		cf_syserr(cf, 0, "fileclass: F{%s}: class %s not available", mn, at);
		free(copy);
		return;
	}
	struct cf_map *m = xcalloc(1, sizeof(*m));
	m->name = xstrdup(mn);
	m->cls = mc;
	m->mflags |= MF_FILECLASS;
	char *args = xstrdup(colon);
	bool ok = mc->parse(cf, m, args);
	free(args);
	if (ok) {
		if (!mc->open(cf, m)) {
			if (!optional && !(m->mflags & MF_OPTIONAL))
				cf_syserr(cf, 0, "fileclass: F{%s}: map open failed", mn);
		} else {
			struct map_ctx ctx = { cf, NULL, NULL };
			int st = EX_OK;
			char *r = mc->lookup(&ctx, m, copy, NULL, &st);
			if (st != EX_OK && st != EX_NOTFOUND && !optional)
				cf_syserr(cf, 0, "fileclass: F{%s}: map lookup failed", mn);
			if (r != NULL) {
				char *s = r;
				while (*s) {
					while (ISSPACE(*s)) s++;
					if (*s == '\0') break;
					char *w = s;
					while (*s && !ISSPACE(*s)) s++;
					if (*s) *s++ = '\0';
					rw_class_add(&cf->cls, cls, w);
				}
				free(r);
			}
		}
	}
	map_free(m);
	free(copy);
}
