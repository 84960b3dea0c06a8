/*
 * rw_print.c -- xputs-compatible rendering of internal strings.
 */
#include <ctype.h>
#include <stdbool.h>
#include <string.h>

#include "rw_meta.h"
#include "rw_print.h"

static int
metaname(int c)
{
	switch (c) {
	case MATCHZANY:		return '*';
	case MATCHANY:		return '+';
	case MATCHONE:		return '-';
	case MATCHCLASS:	return '=';
	case MATCHNCLASS:	return '~';
	case CANONNET:		return '#';
	case CANONHOST:		return '@';
	case CANONUSER:		return ':';
	case CALLSUBR:		return '>';
	case CONDIF:		return '?';
	case CONDELSE:		return '|';
	case CONDFI:		return '.';
	case HOSTBEGIN:		return '[';
	case HOSTEND:		return ']';
	case LOOKUPBEGIN:	return '(';
	case LOOKUPEND:		return ')';
	case MACRODEXPAND:	return '&';
	}
	return 0;
}

static void
putname_buf(struct buf *b, const struct rw_macnames *mn, int id)
{
	if (id & 0200) {
		buf_addch(b, '{');
		buf_puts(b, rw_macname(mn, id));
		buf_addch(b, '}');
	} else
		buf_addch(b, id);
}

/* sendmail's xputs into a buffer: metasymbols as $x, 8-bit as M-x */
static void
xputs_buf(struct buf *b, const struct rw_macnames *mn, const char *str)
{
	const unsigned char *s = (const unsigned char *)str;
	int c;

	while ((c = *s++) != '\0') {
		if (!isascii(c)) {
			if (c == MATCHREPL) {
				buf_addch(b, '$');
				if (*s == '\0')
					continue;
				c = *s++;
				goto printchar;
			}
			if (c == MACROEXPAND || c == MACRODEXPAND) {
				buf_addch(b, '$');
				if (c == MACRODEXPAND)
					buf_addch(b, '&');
				if (*s == '\0')
					continue;
				if (strchr("=~&?", *s) != NULL)
					buf_addch(b, *s++);
				if (*s == '\0')
					continue;
				putname_buf(b, mn, *s++);
				continue;
			}
			int m = metaname(c);
			if (m != 0) {
				buf_addch(b, '$');
				buf_addch(b, m);
				if ((c == MATCHCLASS || c == MATCHNCLASS) &&
				    *s != '\0')
					putname_buf(b, mn, *s++);
				continue;
			}
			buf_append(b, "M-", 2);
			c &= 0177;
		}
printchar:
		if (isascii(c) && isprint(c)) {
			buf_addch(b, c);
			continue;
		}
		switch (c) {
		case '\n': c = 'n'; break;
		case '\r': c = 'r'; break;
		case '\t': c = 't'; break;
		}
		if (isascii(c) && isprint(c)) {
			buf_addch(b, '\\');
			buf_addch(b, c);
		}
	}
}

void
rw_xputs(FILE *fp, const struct rw_macnames *mn, const char *str)
{
	const unsigned char *s = (const unsigned char *)str;

	if (str == NULL) {
		fputs("<null>", fp);
		return;
	}
	/* fast path: plain printable ASCII */
	const unsigned char *q = s;
	while (*q >= 0x20 && *q < 0x7f)
		q++;
	if (*q == '\0') {
		fwrite_unlocked(str, 1, (size_t)(q - s), fp);
		return;
	}
	struct buf b = BUF_INIT;
	xputs_buf(&b, mn, str);
	if (b.len > 0)
		fwrite_unlocked(b.s, 1, b.len, fp);
	buf_fini(&b);
}

/* printable ASCII (as the fast paths copy it) */
static inline bool
plainch(unsigned c)
{
	return c - 0x20u < 0x5fu;
}

size_t
rw_render_av(struct buf *b, const struct rw_macnames *mn,
    const char *const *av)
{
	const char *const *av0 = av;
	char line[1024];
	char *w = line;
	/* room for a four-byte step, then a metasymbol pair and the newline */
	char *const wend = line + sizeof(line) - 8;

	for (; *av != NULL; av++) {
		const unsigned char *q = (const unsigned char *)*av;
		unsigned c;
		int m;

		if (w >= wend) {
			buf_append(b, line, (size_t)(w - line));
			w = line;
		}
		*w++ = ' ';
		/*
		 * Printable ASCII is copied as it is, four bytes a step while
		 * there is room (one bound test per step instead of one per
		 * byte; tokens are mostly short words and operators).
		 */
		for (;;) {
			if (w >= wend) {
				buf_append(b, line, (size_t)(w - line));
				w = line;
			}
			if (!plainch(c = q[0]))
				break;
			w[0] = (char)c;
			if (!plainch(c = q[1])) {
				q += 1, w += 1;
				break;
			}
			w[1] = (char)c;
			if (!plainch(c = q[2])) {
				q += 2, w += 2;
				break;
			}
			w[2] = (char)c;
			if (!plainch(c = q[3])) {
				q += 3, w += 3;
				break;
			}
			w[3] = (char)c;
			q += 4, w += 4;
		}
		if (c == '\0')
			continue;
		/* a metasymbol alone ($# $@ $: ...) */
		if (q[1] == '\0' && c != MATCHREPL && c != MACROEXPAND &&
		    c != MACRODEXPAND && (m = metaname((int)c)) != 0) {
			*w++ = '$';
			*w++ = (char)m;
			continue;
		}
		buf_append(b, line, (size_t)(w - line));
		w = line;
		xputs_buf(b, mn, (const char *)q);
	}
	*w++ = '\n';
	buf_append(b, line, (size_t)(w - line));
	return (size_t)(av - av0);
}

void
rw_printav_prefixed(FILE *fp, const struct rw_macnames *mn, const char *prefix,
    size_t plen, const char *const *av)
{
	char line[2048];
	size_t n = 0;

	if (prefix != NULL) {
		if (plen < sizeof(line) / 2) {
			memcpy(line, prefix, plen);
			n = plen;
		} else
			fwrite_unlocked(prefix, 1, plen, fp);
	}
	/* plain tokens are collected and written in one call */
	for (; *av != NULL; av++) {
		const unsigned char *q = (const unsigned char *)*av;
		size_t start = n;
		unsigned c;

		line[n++] = ' ';
		/* copy while the bytes are printable ASCII and fit */
		while ((c = *q) - 0x20u < 0x5fu && n < sizeof(line) - 1) {
			line[n++] = (char)c;
			q++;
		}
		if (c == '\0')
			continue;
		fwrite_unlocked(line, 1, start, fp);
		n = 0;
		putc_unlocked(' ', fp);
		rw_xputs(fp, mn, *av);
	}
	line[n++] = '\n';
	fwrite_unlocked(line, 1, n, fp);
}

void
rw_printav(FILE *fp, const struct rw_macnames *mn, const char *const *av)
{
	rw_printav_prefixed(fp, mn, NULL, 0, av);
}
