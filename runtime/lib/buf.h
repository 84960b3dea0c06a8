/*
 * buf.h -- growable, always NUL-terminated byte strings (Postfix VSTRING).
 * A struct buf owns its storage; buf_fini releases it.  May hold NUL bytes.
 */
#ifndef RT_BUF_H
#define RT_BUF_H

#include <stdarg.h>
#include <stddef.h>

#include "log.h"

struct buf {
	char	*s;	/* always NUL-terminated when cap > 0 */
	size_t	 len;
	size_t	 cap;
};

#define BUF_INIT { NULL, 0, 0 }

void	 buf_init(struct buf *b);
void	 buf_fini(struct buf *b);
void	 buf_reset(struct buf *b);
void	 buf_reserve(struct buf *b, size_t extra);
void	 buf_addch(struct buf *b, int c);
void	 buf_append(struct buf *b, const void *p, size_t n);
void	 buf_puts(struct buf *b, const char *s);
void	 buf_printf(struct buf *b, const char *fmt, ...) PRINTF_LIKE(2, 3);
void	 buf_vprintf(struct buf *b, const char *fmt, va_list ap);
void	 buf_truncate(struct buf *b, size_t len);
const char *buf_cstr(struct buf *b);	/* never NULL */
char	*buf_steal(struct buf *b);	/* caller owns result; b is reset */

#endif /* RT_BUF_H */
