/*
 * map_alias.c -- sendmail's readaliases over a text aliases file.  The
 * caller decides where aliases go (the stab map's table, or a database
 * being built by newaliases); this module owns only the file syntax and
 * the messages sendmail prints about it.
 */
#include <ctype.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "buf.h"
#include "map_alias.h"
#include "map_impl.h"
#include "xmem.h"

#define ALIAS_MAXLINE	(16 * 1024)

static void
amsg(struct cf *cf, const char *file, long line, const char *fmt, ...)
    PRINTF_LIKE(4, 5);

static void
amsg(struct cf *cf, const char *file, long line, const char *fmt, ...)
{
	struct buf b = BUF_INIT;
	va_list ap;

	if (line > 0)
		buf_printf(&b, "%s: line %ld: ", file, line);
	else
		buf_printf(&b, "%s: ", file);
	va_start(ap, fmt);
	buf_vprintf(&b, fmt, ap);
	va_end(ap);
	buf_addch(&b, '\n');
	if (cf->out.emit != NULL)
		cf->out.emit(cf->out.arg, RWM_PRINT, NULL, buf_cstr(&b));
	buf_fini(&b);
}

/* one physical line without its newline; false at EOF */
static bool
getline_buf(FILE *fp, struct buf *b)
{
	int c;

	buf_reset(b);
	while ((c = getc(fp)) != EOF) {
		if (c == '\n')
			return true;
		buf_addch(b, c);
	}
	return b->len > 0;
}

struct alias_stats
alias_read(struct cf *cf, const char *file, FILE *fp, alias_store_fn *store,
    void *arg, bool announce)
{
	struct alias_stats st = { 0, 0, 0, 0 };
	struct buf line = BUF_INIT, more = BUF_INIT;
	long lineno = 0;
	bool skipping = false;

	while (getline_buf(fp, &line)) {
		long first;
		int c;

		lineno++;
		/* a trailing backslash joins the next line */
		while (line.len > 0 && line.s[line.len - 1] == '\\') {
			line.len--;
			line.s[line.len] = '\0';
			if (!getline_buf(fp, &more))
				break;
			lineno++;
			buf_append(&line, more.s, more.len);
		}
		first = lineno;
		switch (line.len == 0 ? '\0' : line.s[0]) {
		case '#':
		case '\0':
			skipping = false;
			continue;
		case ' ':
		case '\t':
			if (!skipping) {
				amsg(cf, file, lineno, "Non-continuation line starts with space");
				st.errors++;
			}
			skipping = true;
			continue;
		}
		skipping = false;
		char *colon = strchr(buf_cstr(&line), ':');
		if (colon == NULL) {
			amsg(cf, file, lineno, "missing colon");
			st.errors++;
			continue;
		}
		/* the value: this line's rest plus continuation lines */
		struct buf rhs = BUF_INIT;
		const char *p = colon + 1;
		while (isascii((unsigned char)*p) && isspace((unsigned char)*p))
			p++;
		buf_puts(&rhs, p);
		while ((c = getc(fp)) == ' ' || c == '\t') {
			ungetc(c, fp);
			if (!getline_buf(fp, &more))
				break;
			lineno++;
			buf_append(&rhs, more.s, more.len);
		}
		if (c != EOF)
			ungetc(c, fp);
		/* blanks after the colon are skipped across continuation lines */
		{
			size_t k = 0;
			while (k < rhs.len && isascii((unsigned char)rhs.s[k]) &&
			    isspace((unsigned char)rhs.s[k]))
				k++;
			if (k > 0) {
				memmove(rhs.s, rhs.s + k, rhs.len - k + 1);
				rhs.len -= k;
			}
		}

		/* the name: up to the colon, without trailing blanks */
		size_t ln = (size_t)(colon - line.s);
		while (ln > 0 && isascii((unsigned char)line.s[ln - 1]) &&
		    isspace((unsigned char)line.s[ln - 1]))
			ln--;
		char *lhs = xstrndup(line.s, ln);
		if (ln == 0) {
			amsg(cf, file, first, "%.40s... illegal alias name", line.s);
			st.errors++;
			free(lhs);
			buf_fini(&rhs);
			continue;
		}
		if (strcasecmp(lhs, "postmaster") == 0)
			map_makelower(lhs);
		const char *q = buf_cstr(&rhs);
		while (isascii((unsigned char)*q) && isspace((unsigned char)*q))
			q++;
		if (rhs.len == 0 || *q == '\0') {
			amsg(cf, file, first, "%.40s... missing value for alias",
			    line.s);
			st.errors++;
		} else {
			long cfline = cf->lineno;
			const char *cfname = cf->filename;
			cf->filename = file;
			cf->lineno = (int)first;
			long klen = store(arg, lhs, buf_cstr(&rhs));
			cf->filename = cfname;
			cf->lineno = (int)cfline;
			if (klen >= 0) {
				st.naliases++;
				st.bytes += klen + (long)rhs.len;
				if ((long)rhs.len > st.longest)
					st.longest = (long)rhs.len;
			} else
				st.errors++;
		}
		free(lhs);
		buf_fini(&rhs);
	}
	if (st.naliases > 0 || announce)
		amsg(cf, file, 0, "%ld aliases, longest %ld bytes, %ld bytes total",
		    st.naliases, st.longest, st.bytes);
	buf_fini(&line);
	buf_fini(&more);
	return st;
}
