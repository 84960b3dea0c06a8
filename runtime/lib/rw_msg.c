/*
 * rw_msg.c -- formatting helpers for rw_msgs callbacks.
 */
#include <ctype.h>
#include <stdarg.h>
#include <stdio.h>

#include "buf.h"
#include "rw_msg.h"

static void
vemit(const struct rw_msgs *m, enum rw_msgkind kind, const char *to,
    const char *fmt, va_list ap)
{
	struct buf b = BUF_INIT;

	if (m == NULL || m->emit == NULL)
		return;
	buf_vprintf(&b, fmt, ap);
	m->emit(m->arg, kind, to, buf_cstr(&b));
	buf_fini(&b);
}

void
rw_usrerr(const struct rw_msgs *m, const char *to, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vemit(m, RWM_USRERR, to, fmt, ap);
	va_end(ap);
}

void
rw_syserr(const struct rw_msgs *m, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vemit(m, RWM_SYSERR, NULL, fmt, ap);
	va_end(ap);
}

void
rw_message(const struct rw_msgs *m, const char *to, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vemit(m, RWM_MESSAGE, to, fmt, ap);
	va_end(ap);
}

const char *
rw_skip_dsncode(const char *t)
{
	if (isdigit((unsigned char)t[0]) && t[1] == '.') {
		const char *s = t;
		while (*s && *s != ' ')
			s++;
		if (*s == ' ')
			return s + 1;
	}
	return t;
}
