/*
 * hdr_list.c -- split an address header field into its addresses and
 * write it back, each address replaced by a callback, in sendmail's
 * layout: ", " between addresses, a fold (",\n" and eight blanks) when
 * the next address would pass the column, at most MAXLINE characters a
 * line.  Every step consumes input, so the work is linear in the value
 * times the address count, both bounded.
 */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "hdr_list.h"
#include "rw_meta.h"
#include "rw_tok.h"
#include "xmem.h"

static bool
blank_or_comma(int c)
{
	return c == '\0' || c == ',' || (c < 128 && isspace(c));
}

/*
 * prescan value[pos..] with delim; returns the token count (-1: none or
 * an error) and sets *end to the index of the delimiter (or the end)
 */
static int
scan_one(const struct hdr_list_opts *o, const char *value, size_t len,
    size_t pos, int delim, char *work, char *pvpbuf, struct rw_tokens *t,
    size_t *end)
{
	char *dp = NULL;
	int n;

	memcpy(work, value + pos, len - pos + 1);
	n = rw_prescan(o->toktab, work, delim, pvpbuf, PSBUFSIZE, t, &dp,
	    false, o->msgs);
	if (dp == NULL || dp < work)
		*end = pos;
	else
		*end = pos + (size_t)(dp - work);
	if (*end > len)
		*end = len;
	return n;
}

/* append s to the current output line, which holds at most MAXLINE */
static void
put_capped(struct buf *out, size_t linestart, const char *s)
{
	for (; *s != '\0' && out->len - linestart < MAXLINE; s++)
		buf_addch(out, *s == '\n' ? ' ' : *s);
}

bool
hdr_list_format(const struct hdr_list_opts *o, const char *field,
    const char *value, hdr_list_fn fn, void *arg, struct buf *out)
{
	size_t len = strlen(value), pos = 0, linestart, nscan = 0;
	int delim = o->oldstyle ? ' ' : ',';
	int omax = o->omax;
	size_t opos;
	bool first = true, ok = true;
	struct buf addr = BUF_INIT, rep = BUF_INIT;

	if (len > HDR_LIST_MAXVALUE)
		return false;
	char *work = xmalloc(len + 1);
	char *pvpbuf = xmalloc(PSBUFSIZE);
	struct rw_tokens *t = xmalloc(sizeof(*t));

	buf_reset(out);
	linestart = out->len;
	buf_puts(out, field);
	buf_puts(out, ": ");
	opos = strlen(field) + 2;
	if (opos > 202)
		opos = 202;
	if (omax < 0 || omax > 78)
		omax = 78;

	while (pos < len) {
		size_t start, name, p, q;
		int n;

		while (pos < len && blank_or_comma((unsigned char)value[pos]))
			pos++;
		if (pos >= len)
			break;
		start = name = p = pos;
		/* one address, with "user @ host" parts joined */
		for (;;) {
			size_t oldp;

			if (++nscan > HDR_LIST_MAXADDRS) {
				ok = false;
				goto out;
			}
			n = scan_one(o, value, len, p, delim, work, pvpbuf, t,
			    &oldp);
			p = oldp;
			while (p < len && isascii((unsigned char)value[p]) &&
			    isspace((unsigned char)value[p]))
				p++;
			if (p >= len || value[p] != '@') {
				p = oldp;
				break;
			}
			p++;
			while (p < len && isascii((unsigned char)value[p]) &&
			    isspace((unsigned char)value[p]))
				p++;
		}
		/* trailing blanks and commas are not part of it */
		q = p;
		while (q > name && blank_or_comma((unsigned char)value[q]))
			q--;
		if (!blank_or_comma((unsigned char)value[q]))
			q++;
		if (q > name && n < 0 && q < len &&
		    !blank_or_comma((unsigned char)value[q]))
			q--;
		/* always move on, whatever prescan made of it */
		pos = q > start ? q : start + 1;
		if (q <= name)
			continue;
		buf_reset(&addr);
		buf_append(&addr, value + name, q - name);
		buf_reset(&rep);
		fn(arg, buf_cstr(&addr), &rep);
		if (rep.len == 0)
			continue;

		opos += rep.len;
		if (!first)
			opos += 2;
		if (opos > (size_t)omax && !first) {
			buf_puts(out, ",\n");
			linestart = out->len;
			buf_puts(out, "        ");
			opos = 8 + rep.len;
		} else if (!first)
			put_capped(out, linestart, ", ");
		put_capped(out, linestart, buf_cstr(&rep));
		first = false;
	}
	/* a field left empty is "Name:" alone */
	if (first)
		buf_truncate(out, out->len - 1);
out:
	free(t);
	free(pvpbuf);
	free(work);
	buf_fini(&addr);
	buf_fini(&rep);
	return ok;
}
