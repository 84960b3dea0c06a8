/*
 * sio.c -- buffered, bounded line I/O for SMTP (both directions).
 * Reads wait with poll() for at most timeout_ms; lines are cut at LF and
 * report whether a CR preceded it, so the DATA reader can insist on
 * <CRLF>.<CRLF>.  When s->tls is set, bytes go through tls.c.
 */
#include <errno.h>
#include <poll.h>
#include <stdarg.h>
#include <string.h>
#include <unistd.h>

#include "sio.h"
#include "tls.h"

void
sio_init(struct sio *s, int rfd, int wfd, int timeout_ms)
{
	memset(s, 0, sizeof(*s));
	s->rfd = rfd;
	s->wfd = wfd;
	s->timeout_ms = timeout_ms;
	buf_init(&s->wbuf);
}

void
sio_fini(struct sio *s)
{
	if (s->tls != NULL) {
		tls_close(s->tls);
		s->tls = NULL;
	}
	buf_fini(&s->wbuf);
}

static bool
sio_wait(struct sio *s, int fd, short ev)
{
	struct pollfd p = { .fd = fd, .events = ev };
	int r;

	do
		r = poll(&p, 1, s->timeout_ms > 0 ? s->timeout_ms : -1);
	while (r < 0 && errno == EINTR);
	if (r == 0) {
		s->timedout = true;
		s->err = true;
		return false;
	}
	if (r < 0) {
		s->err = true;
		return false;
	}
	return true;
}

/* refill the read buffer; false at EOF or on error */
static bool
sio_fill(struct sio *s)
{
	ssize_t n;

	if (s->eof || s->err)
		return false;
	if (s->rpos > 0) {
		memmove(s->rbuf, s->rbuf + s->rpos, s->rlen - s->rpos);
		s->rlen -= s->rpos;
		s->rpos = 0;
	}
	for (;;) {
		if (s->tls != NULL) {
			int ww = 0;
			if (!tls_pending(s->tls) && !sio_wait(s, s->rfd, POLLIN))
				return false;
			n = tls_read(s->tls, s->rbuf + s->rlen,
			    sizeof(s->rbuf) - s->rlen, &ww);
			if (n == -2) {
				if (ww && !sio_wait(s, s->wfd, POLLOUT))
					return false;
				continue;
			}
		} else {
			if (!sio_wait(s, s->rfd, POLLIN))
				return false;
			n = read(s->rfd, s->rbuf + s->rlen,
			    sizeof(s->rbuf) - s->rlen);
			if (n < 0 && (errno == EINTR || errno == EAGAIN))
				continue;
		}
		break;
	}
	if (n == 0) {
		s->eof = true;
		return false;
	}
	if (n < 0) {
		s->err = true;
		return false;
	}
	s->rlen += (size_t)n;
	return true;
}

int
sio_getline(struct sio *s, struct buf *line, size_t max, enum sio_eol *eol)
{
	bool toolong = false, any = false;

	buf_reset(line);
	*eol = SIO_NONE;
	for (;;) {
		if (s->rpos == s->rlen && !sio_fill(s)) {
			if (s->err)
				return -1;
			if (!any)
				return 0;
			return toolong ? 2 : 1;
		}
		char *start = s->rbuf + s->rpos;
		size_t avail = s->rlen - s->rpos;
		char *nl = memchr(start, '\n', avail);
		size_t take = nl != NULL ? (size_t)(nl - start) : avail;

		any = true;
		if (line->len + take > max) {
			size_t room = max > line->len ? max - line->len : 0;
			buf_append(line, start, room);
			toolong = true;
		} else
			buf_append(line, start, take);
		s->rpos += take;
		if (nl != NULL) {
			s->rpos++;
			*eol = SIO_LF;
			if (line->len > 0 && line->s[line->len - 1] == '\r' &&
			    !toolong) {
				buf_truncate(line, line->len - 1);
				*eol = SIO_CRLF;
			} else if (toolong && take > 0 && start[take - 1] == '\r')
				*eol = SIO_CRLF;
			return toolong ? 2 : 1;
		}
	}
}

bool
sio_pending(const struct sio *s)
{
	return s->rpos < s->rlen;
}

void
sio_discard_input(struct sio *s)
{
	s->rpos = s->rlen = 0;
}

void
sio_write(struct sio *s, const void *p, size_t n)
{
	buf_append(&s->wbuf, p, n);
}

void
sio_puts(struct sio *s, const char *str)
{
	buf_puts(&s->wbuf, str);
}

void
sio_printf(struct sio *s, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	buf_vprintf(&s->wbuf, fmt, ap);
	va_end(ap);
}

bool
sio_flush(struct sio *s)
{
	size_t off = 0;

	while (off < s->wbuf.len && !s->err) {
		ssize_t n;
		if (s->tls != NULL) {
			int wr = 0;
			n = tls_write(s->tls, s->wbuf.s + off, s->wbuf.len - off, &wr);
			if (n == -2) {
				if (!sio_wait(s, wr ? s->rfd : s->wfd,
				    wr ? POLLIN : POLLOUT))
					break;
				continue;
			}
		} else {
			if (!sio_wait(s, s->wfd, POLLOUT))
				break;
			n = write(s->wfd, s->wbuf.s + off, s->wbuf.len - off);
			if (n < 0 && (errno == EINTR || errno == EAGAIN))
				continue;
		}
		if (n <= 0) {
			s->err = true;
			break;
		}
		off += (size_t)n;
	}
	buf_reset(&s->wbuf);
	return !s->err;
}
