/*
 * buf.c -- struct buf implementation.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "xmem.h"

void
buf_init(struct buf *b)
{
	b->s = NULL;
	b->len = 0;
	b->cap = 0;
}

void
buf_fini(struct buf *b)
{
	free(b->s);
	buf_init(b);
}

void
buf_reset(struct buf *b)
{
	b->len = 0;
	if (b->s)
		b->s[0] = '\0';
}

void
buf_reserve(struct buf *b, size_t extra)
{
	size_t need = b->len + extra + 1;

	if (need < b->len)
		fatalx("buffer size overflow");
	if (need <= b->cap)
		return;
	size_t ncap = b->cap ? b->cap : 64;
	while (ncap < need)
		ncap = ncap * 2 > ncap ? ncap * 2 : need;
	b->s = xrealloc(b->s, ncap);
	b->cap = ncap;
	b->s[b->len] = '\0';
}

void
buf_addch(struct buf *b, int c)
{
	buf_reserve(b, 1);
	b->s[b->len++] = (char)c;
	b->s[b->len] = '\0';
}

void
buf_append(struct buf *b, const void *p, size_t n)
{
	buf_reserve(b, n);
	if (n)
		memcpy(b->s + b->len, p, n);
	b->len += n;
	b->s[b->len] = '\0';
}

void
buf_puts(struct buf *b, const char *s)
{
	buf_append(b, s, strlen(s));
}

void
buf_vprintf(struct buf *b, const char *fmt, va_list ap)
{
	va_list ap2;
	int n;

	va_copy(ap2, ap);
	n = vsnprintf(NULL, 0, fmt, ap2);
	va_end(ap2);
	if (n < 0)
		fatalx("buf_printf: bad format");
	buf_reserve(b, (size_t)n);
	vsnprintf(b->s + b->len, (size_t)n + 1, fmt, ap);
	b->len += (size_t)n;
}

void
buf_printf(struct buf *b, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	buf_vprintf(b, fmt, ap);
	va_end(ap);
}

void
buf_truncate(struct buf *b, size_t len)
{
	if (len < b->len) {
		b->len = len;
		b->s[len] = '\0';
	}
}

const char *
buf_cstr(struct buf *b)
{
	return b->s ? b->s : "";
}

char *
buf_steal(struct buf *b)
{
	char *s = b->s ? b->s : xstrdup("");

	buf_init(b);
	return s;
}
