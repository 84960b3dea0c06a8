/*
 * map_regex.c -- the regex class (POSIX regcomp/regexec) with sendmail's
 * flags: -n negate, -f case-sensitive, -b basic syntax, -s[fields]
 * substring result joined by -d (default $|), -m key only, -a append.
 */
#include <ctype.h>
#include <regex.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "dbg.h"
#include "map_impl.h"
#include "rw_meta.h"
#include "xmem.h"

#define MAX_MATCH	32
#define END_OF_FIELDS	(-1)

struct regex_impl {
	regex_t	 re;
	bool	 compiled;
	int	*fields;	/* -s: substring numbers, END_OF_FIELDS ended */
	char	*delim;
};

static int
parse_fields(struct cf *cf, bool inread, char *s, int *ibuf, int blen, int nsub)
{
	char *cp = s;
	int i = 0;
	bool last = false;

	blen--;
	do {
		for (;; cp++) {
			if (*cp == ',') {
				*cp = '\0';
				break;
			}
			if (*cp == '\0') {
				last = true;
				break;
			}
		}
		if (i < blen) {
			int val = atoi(s);
			if (val < 0 || val >= nsub) {
				if (inread)
					cf_syserr(cf, 0, "field (%d) out of range, only %d substrings in pattern",
					    val, nsub);
				else
					map_syserr(cf, 0, "field (%d) out of range, only %d substrings in pattern",
					    val, nsub);
				return -1;
			}
			ibuf[i++] = val;
		} else {
			if (inread)
				cf_syserr(cf, 0, "too many fields, %d max", blen);
			else
				map_syserr(cf, 0, "too many fields, %d max", blen);
			return -1;
		}
		s = ++cp;
	} while (!last);
	ibuf[i] = END_OF_FIELDS;
	return i;
}

static char *
word(char **pp)
{
	char *p = *pp, *s = p;
	while (*p != '\0' && !MAP_ISSPACE(*p))
		p++;
	*pp = p;
	return xstrndup(s, (size_t)(p - s));
}

bool
regex_parse(struct cf *cf, struct cf_map *m, char *p)
{
	int pflags = REG_ICASE | REG_EXTENDED | REG_NOSUB, rc;
	struct regex_impl *ri = xcalloc(1, sizeof(*ri));
	char *sub = NULL;

	if (tTd(38, 2))
		dbg_printf("regex_map_init: mapname '%s', args '%s'\n", m->name, p);
	m->impl = ri;
	for (;;) {
		while (MAP_ISSPACE(*p))
			p++;
		if (*p != '-')
			break;
		switch (*++p) {
		case 'n': m->mflags |= MF_REGEX_NOT; break;
		case 'f': m->mflags |= MF_NOFOLDCASE; pflags &= ~REG_ICASE; break;
		case 'b': pflags &= ~REG_EXTENDED; break;
		case 's': p++; free(sub); sub = word(&p); pflags &= ~REG_NOSUB; break;
		case 'd': p++; free(ri->delim); ri->delim = word(&p); break;
		case 'a': p++; free(m->app); m->app = word(&p); break;
		case 'm': m->mflags |= MF_MATCHONLY; break;
		case 'q': m->mflags |= MF_KEEPQUOTES; break;
		case 'S': m->spacesub = *++p; break;
		case 'D': m->mflags |= MF_DEFER; break;
		}
		while (*p != '\0' && !MAP_ISSPACE(*p))
			p++;
		if (*p != '\0')
			p++;
	}
	if (tTd(38, 3))
		dbg_printf("regex_map_init: compile '%s' 0x%x\n", p, pflags);
	if ((rc = regcomp(&ri->re, p, pflags)) != 0) {
		char eb[80];
		regerror(rc, &ri->re, eb, sizeof(eb));
		cf_syserr(cf, 0, "pattern-compile-error: %s", eb);
		free(sub);
		return false;
	}
	ri->compiled = true;
	if (ri->delim == NULL) {
		ri->delim = xmalloc(2);
		ri->delim[0] = (char)CONDELSE;
		ri->delim[1] = '\0';
	}
	if (!(pflags & REG_NOSUB)) {
		int nsub = (int)ri->re.re_nsub + 1;
		ri->fields = xcalloc(MAX_MATCH + 1, sizeof(int));
		if (tTd(38, 3))
			dbg_printf("regex_map_init: nr of substrings %d\n", nsub);
		if (nsub >= MAX_MATCH) {
			cf_syserr(cf, 0, "too many substrings, %d max", MAX_MATCH);
			free(sub);
			return false;
		}
		if (sub != NULL && sub[0] != '\0') {
			if (parse_fields(cf, true, sub, ri->fields, MAX_MATCH + 1, nsub) == -1) {
				free(sub);
				return false;
			}
		} else {
			int i;
			for (i = 0; i < nsub; i++)
				ri->fields[i] = i;
			ri->fields[i] = END_OF_FIELDS;
		}
	}
	free(sub);
	return true;
}

static char *
regex_result(struct cf_map *m, const char *s, char **av)
{
	if (m->mflags & MF_MATCHONLY)
		return map_rewrite(m, av[0], strlen(av[0]), NULL);
	return map_rewrite(m, s, strlen(s), av);
}

char *
regex_lookup(struct map_ctx *ctx, struct cf_map *m, const char *name,
    char **av, int *statp)
{
	struct regex_impl *ri = m->impl;
	regmatch_t pm[MAX_MATCH];
	char *fallback[2] = { (char *)name, NULL };
	int rc;

	(void)ctx;
	if (av == NULL)
		av = fallback;
	if (tTd(38, 20)) {
		dbg_printf("regex_map_lookup: key '%s'\n", name);
		for (char **cpp = av; *cpp != NULL; cpp++)
			dbg_printf("regex_map_lookup: arg '%s'\n", *cpp);
	}
	*statp = EX_OK;
	if (ri == NULL || !ri->compiled)
		return NULL;
	rc = regexec(&ri->re, name, MAX_MATCH, pm, 0);
	if (m->mflags & MF_REGEX_NOT)
		return rc == REG_NOMATCH ? regex_result(m, "", av) : NULL;
	if (rc == REG_NOMATCH)
		return NULL;
	if (ri->fields == NULL)
		return regex_result(m, "", av);

	/* -s: the chosen substrings, joined by the delimiter */
	char retbuf[MAXNAME], *dp = retbuf, *ldp = retbuf + sizeof(retbuf) - 1;
	int fields[MAX_MATCH + 1], *ip;
	int anglecnt = 0, cmntcnt = 0, spacecnt = 0;
	bool quotemode = false, bslashmode = false, first = true;

	if (av[0] != NULL && av[1] != NULL) {
		char *copy = xstrdup(av[1]);
		int n = parse_fields(ctx->cf, false, copy, fields, MAX_MATCH + 1,
		    (int)ri->re.re_nsub + 1);
		free(copy);
		if (n == -1) {
			*statp = EX_CONFIG;
			return NULL;
		}
		ip = fields;
	} else
		ip = ri->fields;
	for (; *ip != END_OF_FIELDS; ip++) {
		if (!first) {
			for (const char *sp = ri->delim; *sp; sp++)
				if (dp < ldp)
					*dp++ = *sp;
		} else
			first = false;
		if (*ip >= MAX_MATCH || pm[*ip].rm_so < 0 || pm[*ip].rm_eo < 0)
			continue;
		for (const char *sp = name + pm[*ip].rm_so, *ep = name + pm[*ip].rm_eo;
		    ep > sp; sp++) {
			if (dp >= ldp)
				continue;
			if (bslashmode) {
				*dp++ = *sp;
				bslashmode = false;
			} else if (quotemode && *sp != '"' && *sp != '\\')
				*dp++ = *sp;
			else switch (*dp++ = *sp) {
			case '\\': bslashmode = true; break;
			case '(': cmntcnt++; break;
			case ')': cmntcnt--; break;
			case '<': anglecnt++; break;
			case '>': anglecnt--; break;
			case ' ': spacecnt++; break;
			case '"': quotemode = !quotemode; break;
			}
		}
	}
	if (anglecnt != 0 || cmntcnt != 0 || quotemode || bslashmode ||
	    spacecnt != 0)
		return NULL;
	*dp = '\0';
	return regex_result(m, retbuf, av);
}

void
regex_close(struct cf_map *m)
{
	struct regex_impl *ri = m->impl;

	if (ri != NULL) {
		if (ri->compiled)
			regfree(&ri->re);
		free(ri->fields);
		free(ri->delim);
		free(ri);
	}
	m->impl = NULL;
}
