/*
 * rw_macro.c -- macro ids, tables, expansion and $-translation of cf text.
 */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "rw_macro.h"
#include "rw_meta.h"
#include "xmem.h"

void
rw_macnames_init(struct rw_macnames *mn)
{
	memset(mn, 0, sizeof(*mn));
	mn->next = MACID_LONG_FIRST;
	mn->name[MID_OPMODE] = xstrdup("opMode");
}

void
rw_macnames_fini(struct rw_macnames *mn)
{
	for (int i = 0; i < 256; i++)
		free(mn->name[i]);
	memset(mn, 0, sizeof(*mn));
}

int
rw_macid_find(const struct rw_macnames *mn, const char *name)
{
	if (name[0] != '\0' && name[1] == '\0' && (unsigned char)name[0] >= 0x20)
		return (unsigned char)name[0];
	for (int i = 0; i < 256; i++)
		if (mn->name[i] != NULL && strcmp(mn->name[i], name) == 0)
			return i;
	return 0;
}

bool
rw_macnames_force(struct rw_macnames *mn, int id, const char *name)
{
	int have = rw_macid_find(mn, name);

	if (have != 0)
		return have == id;
	if (id < MACID_LONG_FIRST || id > MACID_MAX || mn->name[id] != NULL)
		return false;
	mn->name[id] = xstrdup(name);
	if (mn->next <= id)
		mn->next = id + 1;
	return true;
}

int
rw_macid_long(struct rw_macnames *mn, const char *name)
{
	int id = rw_macid_find(mn, name);

	if (id != 0)
		return id;
	if (mn->next > MACID_MAX)
		return 0;
	id = mn->next++;
	mn->name[id] = xstrdup(name);
	return id;
}

int
rw_macid_parse(struct rw_macnames *mn, const char *p, const char **ep,
    const struct rw_msgs *msgs)
{
	char name[MAXMACNAMELEN + 1];
	size_t n = 0;
	int mid = -1;

	if (*p == '\0' || (p[0] == '{' && p[1] == '}')) {
		rw_syserr(msgs, "Name required for macro/class");
		if (ep)
			*ep = p;
		return 0;
	}
	if (*p != '{') {
		if (ep)
			*ep = p + 1;
		return (unsigned char)*p;
	}
	while (*++p != '\0' && *p != '}' && n < MAXMACNAMELEN) {
		if (isascii((unsigned char)*p) &&
		    (isalnum((unsigned char)*p) || *p == '_'))
			name[n++] = *p;
		else
			rw_syserr(msgs, "Invalid macro/class character %c", *p);
	}
	name[n] = '\0';
	if (*p == '\0')
		rw_syserr(msgs, "Unbalanced { on %s", name);
	else if (*p != '}')
		rw_syserr(msgs, "Macro/class name ({%s}) too long (%d chars max)",
		    name, MAXMACNAMELEN);
	else if (name[0] != '\0' && name[1] == '\0' &&
	    (unsigned char)name[0] >= 0x20) {
		mid = (unsigned char)name[0];
		p++;
	} else {
		mid = rw_macid_long(mn, name);
		if (mid == 0) {
			rw_syserr(msgs, "Macro/class {%s}: too many long names",
			    name);
			mid = -1;
		}
		p++;
	}
	if (ep)
		*ep = p;
	if (mid <= 0 || mid > MACID_MAX) {
		rw_syserr(msgs, "Unable to assign macro/class ID (mid = 0x%x)",
		    mid);
		return 0;
	}
	return mid;
}

const char *
rw_macname(const struct rw_macnames *mn, int id)
{
	static char one[2];

	id &= 0xff;
	if (id <= 0x20 || id > 0x7f) {
		if (mn != NULL && mn->name[id] != NULL)
			return mn->name[id];
		return "***UNDEFINED MACRO***";
	}
	one[0] = (char)id;
	one[1] = '\0';
	return one;
}

void
rw_mactab_init(struct rw_mactab *t)
{
	memset(t, 0, sizeof(*t));
}

void
rw_mactab_fini(struct rw_mactab *t)
{
	for (int i = 0; i < 256; i++)
		free(t->val[i]);
	memset(t, 0, sizeof(*t));
}

void
rw_mactab_set(struct rw_mactab *t, int id, const char *val)
{
	char *old;

	id &= 0xff;
	old = t->val[id];
	t->val[id] = val ? xstrdup(val) : NULL;
	free(old);
}

void
rw_mactab_copy(struct rw_mactab *dst, const struct rw_mactab *src)
{
	for (int i = 0; i < 256; i++)
		rw_mactab_set(dst, i, src->val[i]);
}

const char *
rw_macvalue(const struct rw_macenv *env, int id)
{
	id &= 0xff;
	for (int i = 0; i < env->n; i++)
		if (env->layer[i] && env->layer[i]->val[id] != NULL)
			return env->layer[i]->val[id];
	return NULL;
}

void
rw_mactab_initmeta(struct rw_mactab *t)
{
	static const char meta[][2] = {
		{ '*', (char)MATCHZANY }, { '+', (char)MATCHANY },
		{ '-', (char)MATCHONE }, { '=', (char)MATCHCLASS },
		{ '~', (char)MATCHNCLASS }, { '#', (char)CANONNET },
		{ '@', (char)CANONHOST }, { ':', (char)CANONUSER },
		{ '>', (char)CALLSUBR }, { '?', (char)CONDIF },
		{ '|', (char)CONDELSE }, { '.', (char)CONDFI },
		{ '[', (char)HOSTBEGIN }, { ']', (char)HOSTEND },
		{ '(', (char)LOOKUPBEGIN }, { ')', (char)LOOKUPEND },
		{ '&', (char)MACRODEXPAND },
	};
	char v[3];

	for (size_t i = 0; i < sizeof(meta) / sizeof(meta[0]); i++) {
		v[0] = meta[i][1];
		v[1] = '\0';
		rw_mactab_set(t, (unsigned char)meta[i][0], v);
	}
	for (int c = '0'; c <= '9'; c++) {
		v[0] = (char)MATCHREPL;
		v[1] = (char)c;
		v[2] = '\0';
		rw_mactab_set(t, c, v);
	}
	rw_mactab_set(t, 'n', "MAILER-DAEMON");
}

static bool
doexpand(const struct rw_macenv *env, const char *s, struct buf *out,
    size_t bufsize, int level, const struct rw_msgs *msgs)
{
	struct buf x = BUF_INIT;
	bool skipping = false, recurse = false, quotenext = false;
	int skiplev = 0, iflev = 0;
	const size_t xmax = MACBUFSIZE - 1;

	buf_reserve(&x, 64);
	for (; *s != '\0'; s++) {
		const char *q = NULL;
		int c = (unsigned char)*s;

		if (quotenext) {
			quotenext = false;
			goto emit;
		}
		switch (c) {
		case CONDIF:
			iflev++;
			c = (unsigned char)*++s;
			if (skipping)
				skiplev++;
			else {
				const char *mv = c ? rw_macvalue(env, c) : NULL;

				skipping = (mv == NULL || *mv == '\0');
			}
			if (c == '\0')
				s--;
			continue;
		case CONDELSE:
			if (iflev == 0)
				break;
			if (skiplev == 0)
				skipping = !skipping;
			continue;
		case CONDFI:
			if (iflev == 0)
				break;
			iflev--;
			if (skiplev == 0)
				skipping = false;
			if (skipping)
				skiplev--;
			continue;
		case MACROEXPAND:
			c = (unsigned char)*++s;
			if (c != '\0')
				q = rw_macvalue(env, c);
			else
				s--;
			if (q == NULL)
				continue;
			break;
		case META_QUOTE:
			quotenext = true;
			break;
		}
emit:
		if (skipping || x.len >= xmax)
			continue;
		if (q == NULL)
			buf_addch(&x, c);
		else {
			bool hide = false;

			for (; *q != '\0' && x.len < xmax; q++) {
				int qc = (unsigned char)*q;

				if (!hide && IS_META(qc))
					recurse = true;
				buf_addch(&x, qc);
				hide = qc == META_QUOTE;
			}
		}
	}

	if (recurse) {
		if (level < MAXMACROREC) {
			bool ok = doexpand(env, buf_cstr(&x), out, bufsize,
			    level + 1, msgs);
			buf_fini(&x);
			return ok;
		}
		rw_syserr(msgs, "expand: recursion too deep (%d max)",
		    MAXMACROREC);
	}
	buf_reset(out);
	buf_append(out, buf_cstr(&x), x.len < bufsize ? x.len : bufsize - 1);
	buf_fini(&x);
	return !recurse;
}

bool
rw_expand(const struct rw_macenv *env, const char *s, struct buf *out,
    size_t bufsize, const struct rw_msgs *msgs)
{
	if (s == NULL)
		s = "";
	if (bufsize == 0)
		bufsize = 1;
	return doexpand(env, s, out, bufsize, 0, msgs);
}

static bool
must_quote(int c)
{
	return c == META_QUOTE || IS_META(c);
}

void
rw_translate_dollars(struct rw_macnames *mn, const char *in, size_t len,
    int conflevel, struct buf *out, const struct rw_msgs *msgs)
{
	struct buf b = BUF_INIT;
	size_t i;

	/* quote octets that would look like metasymbols */
	for (i = 0; i < len; i++) {
		int c = (unsigned char)in[i];

		if (must_quote(c))
			buf_addch(&b, META_QUOTE);
		buf_addch(&b, c);
	}

	char *bp = b.s ? b.s : (char *)"";
	size_t blen = b.len;
	size_t p;

	for (p = 0; p < blen; p++) {
		if (bp[p] == '#' && p > 0 && conflevel >= 3) {
			size_t k = p - 1;
			int prev = (unsigned char)bp[k];

			if (prev == MACROEXPAND)
				continue;
			if (prev == '\\') {
				memmove(bp + k, bp + k + 1, blen - k);
				blen--;
				/* '#' now sits at k; continue after it */
				p = k;
				continue;
			}
			while (k > 0 && isascii((unsigned char)bp[k]) &&
			    isspace((unsigned char)bp[k]) && bp[k] != '\n')
				k--;
			k++;
			char *nl = memchr(bp + k, '\n', blen - k);
			if (nl != NULL) {
				size_t nlpos = (size_t)(nl - bp);

				memmove(bp + k, bp + nlpos, blen - nlpos + 1);
				blen -= nlpos - k;
				p = k;	/* now at '\n'; loop skips it */
			} else {
				bp[k] = '\0';
				blen = k;
				break;
			}
			continue;
		}
		if (bp[p] != '$' || p + 1 >= blen)
			continue;
		if (bp[p + 1] == '$') {
			memmove(bp + p, bp + p + 1, blen - p);
			blen--;
			continue;
		}
		bp[p++] = (char)MACROEXPAND;
		if (bp[p] == '=' || bp[p] == '~' || bp[p] == '&' || bp[p] == '?')
			p++;
		const char *ep;
		int mid = rw_macid_parse(mn, bp + p, &ep, msgs);
		size_t eoff = (size_t)(ep - bp);

		bp[p] = (char)mid;
		if (eoff != p + 1 && eoff <= blen) {
			memmove(bp + p + 1, bp + eoff, blen - eoff + 1);
			blen -= eoff - (p + 1);
		}
		if (mid == 0) {
			blen = p;
			break;
		}
	}
	/* strip trailing white space */
	while (blen > 1 && isascii((unsigned char)bp[blen - 1]) &&
	    isspace((unsigned char)bp[blen - 1]))
		blen--;
	/* the first byte is never stripped, as in sendmail */
	buf_append(out, bp, blen);
	buf_fini(&b);
}

void
rw_untranslate(const struct rw_macnames *mn, const char *in, struct buf *out)
{
	const unsigned char *p = (const unsigned char *)in;

	for (; *p; p++) {
		if (*p == META_QUOTE && p[1]) {
			buf_addch(out, *++p);
			continue;
		}
		if (*p == MACROEXPAND && p[1]) {
			buf_addch(out, '$');
			p++;
			if (*p == '=' || *p == '~' || *p == '&' || *p == '?') {
				buf_addch(out, *p);
				p++;
				if (!*p)
					break;
			}
			if (*p > 0x20 && *p < 0x7f)
				buf_addch(out, *p);
			else
				buf_printf(out, "{%s}", rw_macname(mn, *p));
			continue;
		}
		if (*p == '$')
			buf_puts(out, "$$");
		else
			buf_addch(out, *p);
	}
}
