/*
 * rtok.c -- rule-side tokenizer (see rtok.h).
 */
#include <string.h>

#include "arena.h"
#include "rtok.h"

static int
is_blank(char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

static int
is_op(const char *opchars, char c)
{
	return c != '\0' && (strchr("()<>,;", c) != NULL ||
	    (opchars != NULL && strchr(opchars, c) != NULL));
}

/* Parse a macro name at p: "x" or "{name}"; returns its end. */
static uint32_t
macname(const char *text, uint32_t p, uint32_t end, struct span *name)
{
	if (p >= end) {
		name->start = name->end = p;
		return p;
	}
	if (text[p] == '{') {
		uint32_t q = p + 1;

		while (q < end && text[q] != '}' && !is_blank(text[q]))
			q++;
		name->start = p + 1;
		name->end = q;
		return q < end && text[q] == '}' ? q + 1 : q;
	}
	name->start = p;
	name->end = p + 1;
	return p + 1;
}

size_t
rtok_split(struct arena *a, const char *text, struct span sp,
    const char *opchars, struct rtok **out)
{
	size_t n = 0, cap = (sp.end - sp.start) + 1;
	struct rtok *v = arena_alloc(a, cap * sizeof(*v));
	uint32_t p = sp.start, end = sp.end;

	while (p < end) {
		struct rtok *t;
		char c = text[p];

		if (is_blank(c)) {
			p++;
			continue;
		}
		t = &v[n++];
		t->s.start = p;
		if (c == '$' && p + 1 < end && text[p + 1] != '$') {
			char m = text[p + 1];

			if (strchr("*+-@:#>[]()|.?=~&", m) != NULL ||
			    (m >= '0' && m <= '9')) {
				t->type = RT_META;
				t->meta = m;
				p += 2;
				if (m == '=' || m == '~' || m == '&' || m == '?')
					p = macname(text, p, end, &t->name);
			} else {
				t->type = RT_MACRO;
				p = macname(text, p + 1, end, &t->name);
			}
		} else if (c == '"') {
			t->type = RT_QSTR;
			p++;
			while (p < end && text[p] != '"') {
				if (text[p] == '\\' && p + 1 < end)
					p++;
				p++;
			}
			if (p < end)
				p++;
		} else if (is_op(opchars, c)) {
			t->type = RT_OP;
			p++;
		} else {
			t->type = RT_ATOM;
			while (p < end && !is_blank(text[p]) &&
			    !is_op(opchars, text[p]) && text[p] != '"') {
				if (text[p] == '$' && !(p + 1 < end &&
				    text[p + 1] == '$'))
					break;
				if (text[p] == '$' || text[p] == '\\')
					p++;
				p++;
			}
			if (p == t->s.start)
				p++;	/* a lone '$' */
			if (p > end)
				p = end;
		}
		t->s.end = p;
	}
	*out = v;
	return n;
}

int
rtok_equal(const char *text, const struct rtok *a, const struct rtok *b)
{
	return a->type == b->type && a->meta == b->meta &&
	    a->s.end - a->s.start == b->s.end - b->s.start &&
	    memcmp(text + a->s.start, text + b->s.start,
		a->s.end - a->s.start) == 0;
}
