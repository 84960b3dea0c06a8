/*
 * cf_opttab.c -- option table built from options.def, and name lookups
 * with sendmail's matching rules (first exact match wins; otherwise a
 * prefix must match exactly one option, checked in table order).
 */
#include <ctype.h>
#include <string.h>
#include <strings.h>

#include "cf_opttab.h"

const struct cf_optinfo cf_opttab[OPT__COUNT] = {
#define OPT(name, letter, id, type, flags) \
	{ name, letter, OPT_##id, type, flags },
#include "options.def"
#undef OPT
};

enum cf_optmatch
cf_opt_byname(const char *name, size_t len, bool all, struct cf_optlookup *res)
{
	const struct cf_optinfo *sel = NULL, *o = NULL;
	size_t i;

	res->opt = res->other = NULL;
	if (len == 0)
		return res->match = CF_OPT_NULL;
	for (i = 0; i < OPT__COUNT; i++) {
		const struct cf_optinfo *c = &cf_opttab[i];

		if (!all && (c->flags & OPTF_NOTCOMPILED))
			continue;
		if (strlen(c->name) < len ||
		    strncasecmp(c->name, name, len) != 0)
			continue;
		if (strlen(c->name) == len) {
			res->opt = c;
			return res->match = CF_OPT_EXACT;
		}
		if (sel != NULL) {
			o = c;
			break;
		}
		sel = c;
	}
	if (sel == NULL)
		return res->match = CF_OPT_UNKNOWN;
	res->opt = sel;
	if (o != NULL) {
		res->other = o;
		return res->match = CF_OPT_AMBIGUOUS;
	}
	return res->match = CF_OPT_ABBREV;
}

const struct cf_optinfo *
cf_opt_byletter(int c, bool all)
{
	size_t i;

	if (c == 0)
		return NULL;
	for (i = 0; i < OPT__COUNT; i++) {
		if (cf_opttab[i].letter != c)
			continue;
		if (!all && (cf_opttab[i].flags & OPTF_NOTCOMPILED))
			continue;
		return &cf_opttab[i];
	}
	return NULL;
}

const struct cf_optinfo *
cf_opt_byid(enum cf_opt_id id)
{
	if ((unsigned)id >= OPT__COUNT)
		return NULL;
	return &cf_opttab[id];
}

const char *
cf_opt_typename(enum cf_opt_type t)
{
	static const char *const names[] = {
		"boolean", "integer", "time", "size", "file mode", "string",
		"path", "keyword", "character", "user", "key=value list",
		"list"
	};

	if ((unsigned)t >= sizeof(names) / sizeof(names[0]))
		return "?";
	return names[t];
}

void
cf_opt_message(const struct cf_optlookup *res, const char *name, size_t len,
    struct buf *out)
{
	int n = (int)len;

	switch (res->match) {
	case CF_OPT_NULL:
		buf_puts(out, "readcf: null option name");
		break;
	case CF_OPT_UNKNOWN:
		buf_printf(out, "readcf: unknown option name %.*s", n, name);
		break;
	case CF_OPT_AMBIGUOUS:
		buf_printf(out,
		    "readcf: ambiguous option name %.*s (matches %s and %s)",
		    n, name, res->opt->name, res->other->name);
		break;
	case CF_OPT_ABBREV:
		buf_printf(out, "Option %.*s used as abbreviation for %s",
		    n, name, res->opt->name);
		break;
	case CF_OPT_EXACT:
		break;
	}
}

void
cf_opt_letter_message(int c, struct buf *out)
{
	buf_printf(out, "readcf: unknown option name 0x%x", c & 0xff);
}

void
cf_opt_split(const char *s, size_t len, struct cf_optsplit *sp)
{
	const char *eq = memchr(s, '=', len);
	size_t end = eq != NULL ? (size_t)(eq - s) : len;
	size_t b = 0, e = end, v;
	const char *dot;

	memset(sp, 0, sizeof(*sp));
	/* like sendmail, only blanks before '=' are removed */
	while (e > b && s[e - 1] == ' ')
		e--;
	sp->name_off = b;
	sp->name_len = e - b;
	dot = memchr(s + b, '.', e - b);
	if (dot != NULL) {
		sp->has_sub = true;
		sp->sub_off = (size_t)(dot - s) + 1;
		sp->sub_len = e - sp->sub_off;
		sp->name_len = (size_t)(dot - s) - b;
	}
	v = eq != NULL ? end + 1 : len;
	while (v < len && s[v] == ' ')
		v++;
	sp->val_off = v;
	sp->val_len = len - v;
}
