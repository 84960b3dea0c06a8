/*
 * rw_tok.c -- the address scanner.
 *
 * A six-state machine (operator, atom, quoted string, space, single
 * metacharacter, illegal) splits a string into tokens.  Comments in
 * parentheses are dropped when the table says '(' is space; backslash
 * escapes and quoted strings stay inside their token; unbalanced quotes,
 * parentheses and angle brackets are diagnosed and repaired exactly as
 * sendmail 8.17 does, because rulesets see the repaired token list.
 */
#include <ctype.h>
#include <string.h>

#include "rw_meta.h"
#include "rw_tok.h"

/* transition flags */
#define F_META	020	/* drop the character */
#define F_BREAK	040	/* the character starts a new token */
#define ST_MASK	017

static const unsigned char next_state[6][6] = {
	/* from OPR */ { TT_OPR|F_BREAK, TT_ATM|F_BREAK, TT_QST|F_BREAK,
			 TT_SPC|F_META|F_BREAK, TT_ONE|F_BREAK,
			 TT_ILL|F_META|F_BREAK },
	/* from ATM */ { TT_OPR|F_BREAK, TT_ATM, TT_QST|F_BREAK,
			 TT_SPC|F_META|F_BREAK, TT_ONE|F_BREAK,
			 TT_ILL|F_META|F_BREAK },
	/* from QST */ { TT_QST, TT_QST, TT_OPR, TT_QST, TT_QST, TT_QST },
	/* from SPC */ { TT_OPR, TT_ATM, TT_QST, TT_SPC|F_META, TT_ONE,
			 TT_ILL|F_META|F_BREAK },
	/* from ONE */ { TT_OPR, TT_OPR, TT_OPR, TT_OPR, TT_OPR,
			 TT_ILL|F_META|F_BREAK },
	/* from ILL */ { TT_OPR|F_BREAK, TT_ATM|F_BREAK, TT_QST|F_BREAK,
			 TT_SPC|F_META|F_BREAK, TT_ONE|F_BREAK, TT_ILL|F_META },
};

static void
lowhalf(unsigned char *t, bool mime)
{
	for (int c = 0; c < 128; c++)
		t[c] = mime ? TT_ILL : TT_ATM;
	if (mime)
		for (int c = 32; c < 127; c++)
			t[c] = TT_ATM;
	t[0x7f] = mime ? TT_ATM : TT_ATM;
	for (int c = '\t'; c <= '\r'; c++)
		t[c] = TT_SPC;
	t[' '] = TT_SPC;
	t['"'] = TT_QST;
	t['('] = TT_SPC;
	t[')'] = TT_SPC;
}

void
rw_toktabs_init(struct rw_toktabs *t)
{
	memset(t, 0, sizeof(*t));
	lowhalf(t->ext, false);
	for (int c = 128; c < 256; c++)
		t->ext[c] = TT_ATM;

	lowhalf(t->intl, false);
	for (int c = 0x80; c < 0xa0; c++)
		t->intl[c] = TT_OPR;
	for (int c = 0xa0; c < 0x100; c++)
		t->intl[c] = TT_ATM;
	/* metasymbols that carry one following name byte */
	t->intl[MACRODEXPAND] = TT_ONE;
	t->intl[MATCHCLASS] = TT_ONE;
	t->intl[MATCHNCLASS] = TT_ONE;
	t->intl[MATCHREPL] = TT_ONE;
	t->intl[META_QUOTE] = TT_ONE;

	memcpy(t->noc, t->intl, sizeof(t->noc));
	t->noc['('] = TT_OPR;
	t->noc[')'] = TT_OPR;

	lowhalf(t->mime, true);
	for (const char *p = ",/:;<=>?@[\\]"; *p; p++)
		t->mime[(unsigned char)*p] = TT_OPR;
	for (int c = 128; c < 256; c++)
		t->mime[c] = TT_ILL;
	t->mime[0xff] = TT_ONE;
}

void
rw_toktabs_opchars(struct rw_toktabs *t, const char *opchars)
{
	char all[256];
	size_t n = 0;

	for (const char *p = opchars; *p && n < sizeof(all) - 16; p++)
		all[n++] = *p;
	for (const char *p = RW_DELIMCHARS; *p; p++)
		all[n++] = *p;
	for (size_t i = 0; i < n; i++) {
		unsigned char c = (unsigned char)all[i];

		if (t->intl[c] == TT_ATM)
			t->intl[c] = TT_OPR;
		if (t->ext[c] == TT_ATM)
			t->ext[c] = TT_OPR;
		if (t->noc[c] == TT_ATM)
			t->noc[c] = TT_OPR;
	}
	t->opchars_set = true;
}

#define NOCHAR (-1)

/* bytes that an atom character may be in a table but that the scanner
 * treats specially: the end, escapes, comments, angle brackets, quotes,
 * the 0xff that becomes 0x7f */
static const unsigned char tok_special[256] = {
	[0] = 1, ['\\'] = 1, ['('] = 1, [')'] = 1, ['<'] = 1, ['>'] = 1,
	['"'] = 1, [0xff] = 1,
};

int
rw_prescan(const unsigned char *toktab, char *addr, int delim, char *pvpbuf,
    size_t pvpbsize, struct rw_tokens *out, char **delimptr, bool ignore,
    const struct rw_msgs *msgs)
{
	char *p = addr;
	char *q = pvpbuf;
	char *limit = pvpbuf + (pvpbsize > 5 ? pvpbsize - 5 : 0);
	int c = NOCHAR;
	int state = TT_ATM;
	int cmntcnt = 0, anglecnt = 0;
	bool bslash = false, route_syntax = false;
	int n = 0;
	const char *to = addr;

	do {
		char *tok = q;
		size_t tlen = 0;

		for (;;) {
			/* commit the lookahead character */
			if (c != NOCHAR && !bslash) {
				if (q >= limit)
					goto toolong;
				if ((unsigned char)c == 0xff)
					c &= 0x7f;
				*q++ = (char)c;
				tlen++;
			}
			/*
			 * Inside an atom, outside comments and escapes, an
			 * atom character that is nothing special just joins
			 * the token (what the state machine below would do
			 * with it, one character at a time).
			 */
			if (state == TT_ATM && !bslash && cmntcnt <= 0) {
				unsigned char ch;
				while (toktab[ch = (unsigned char)*p] == TT_ATM &&
				    !tok_special[ch] && ch != delim && q < limit) {
					*q++ = (char)ch;
					p++;
					tlen++;
				}
			}

			c = (unsigned char)*p++;
			/*
			 * An ordinary character (not the end, the delimiter,
			 * a space, an escape, a quote, a parenthesis or an
			 * angle bracket) outside quotes, comments and escapes
			 * passes every test below untouched: straight to the
			 * state machine (operators and each token's first
			 * character come here).
			 */
			if (c > ' ' && !tok_special[c] && c != delim && !bslash &&
			    cmntcnt <= 0 && state != TT_QST) {
				*q = '\0';
				goto transition;
			}
			if (c == '\0') {
				if (ignore)
					break;
				if (state == TT_QST) {
					rw_usrerr(msgs, to, "553 Unbalanced '\"'");
					c = '"';
				} else if (cmntcnt > 0) {
					rw_usrerr(msgs, to, "553 Unbalanced '('");
					c = ')';
				} else if (anglecnt > 0) {
					c = '>';
					rw_usrerr(msgs, to, "553 Unbalanced '<'");
				} else
					break;
				p--;
			} else if (c == delim && cmntcnt <= 0 && state != TT_QST) {
				if (anglecnt <= 0)
					break;
				if (delim == ',' && !route_syntax && !ignore) {
					rw_usrerr(msgs, to, "553 Unbalanced '<'");
					c = '>';
					p--;
				}
			}

			*q = '\0';
			if (bslash) {
				bslash = false;
				if (cmntcnt > 0) {
					c = NOCHAR;
					continue;
				} else if (c != '!' || state == TT_QST) {
					if (q >= limit)
						goto toolong;
					*q++ = '\\';
					tlen++;
					continue;
				}
			}

			if (c == '\\')
				bslash = true;
			else if (state == TT_QST)
				;
			else if (c == '(' && toktab['('] == TT_SPC) {
				cmntcnt++;
				c = NOCHAR;
			} else if (c == ')' && toktab['('] == TT_SPC) {
				if (cmntcnt <= 0) {
					if (!ignore) {
						rw_usrerr(msgs, to,
						    "553 Unbalanced ')'");
						c = NOCHAR;
					}
				} else
					cmntcnt--;
			} else if (cmntcnt > 0)
				c = NOCHAR;
			else if (c == '<') {
				const char *ptr = p;

				anglecnt++;
				while (*ptr == ' ' || *ptr == '\t' ||
				    *ptr == '\n' || *ptr == '\r' ||
				    *ptr == '\f' || *ptr == '\v')
					ptr++;
				if (*ptr == '@')
					route_syntax = true;
			} else if (c == '>') {
				if (anglecnt <= 0) {
					if (!ignore) {
						rw_usrerr(msgs, to,
						    "553 Unbalanced '>'");
						c = NOCHAR;
					}
				} else
					anglecnt--;
				route_syntax = false;
			} else if (delim == ' ' && c < 128 && isspace(c))
				c = ' ';

			if (c == NOCHAR)
				continue;

			if (c == delim && anglecnt <= 0 && state != TT_QST)
				break;
		transition:;
			int ns = next_state[state][toktab[c & 0xff]];
			state = ns & ST_MASK;
			if (state == TT_ILL) {
				if (c < 128 && isprint(c))
					rw_usrerr(msgs, to,
					    "553 Illegal character %c", c);
				else
					rw_usrerr(msgs, to,
					    "553 Illegal character 0x%02x",
					    c & 0xff);
			}
			if (ns & F_META)
				c = NOCHAR;
			if (ns & F_BREAK)
				break;
		}

		if (tok != q) {
			if (q >= limit)
				goto toolong;
			*q++ = '\0';
			if (n >= MAXATOM) {
				rw_usrerr(msgs, to,
				    "553 5.1.0 prescan: too many tokens");
				goto fail;
			}
			if (tlen > MAXNAME) {
				rw_usrerr(msgs, to,
				    "553 5.1.0 prescan: token too long");
				goto fail;
			}
			out->av[n++] = tok;
		}
	} while (c != '\0' && (c != delim || anglecnt > 0));

	out->av[n] = NULL;
	out->n = n;
	if (delimptr != NULL) {
		if (p > addr)
			p--;
		*delimptr = p;
	}
	return n == 0 ? -1 : n;

toolong:
	rw_usrerr(msgs, to, "553 5.1.1 Address too long");
	if (strlen(addr) > MAXNAME)
		addr[MAXNAME] = '\0';
fail:
	if (delimptr != NULL) {
		if (p > addr)
			p--;
		*delimptr = p;
	}
	out->av[0] = NULL;
	out->n = 0;
	return -1;
}

void
rw_stripquotes(char *s)
{
	char *p = s, *q = s;
	int c;
	bool bs = false;

	/* without a quote it copies every byte (backslashes too) */
	if (s == NULL || strchr(s, '"') == NULL)
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
