/*
 * sio.h -- buffered, bounded line I/O on a pair of descriptors, with an
 * optional TLS layer (tls.c) and a timeout per read.  One struct sio per
 * SMTP conversation, server or client side; it owns its buffers but not
 * the descriptors.
 */
#ifndef RT_SIO_H
#define RT_SIO_H

#include <stdbool.h>
#include <stddef.h>

#include "buf.h"

#define SIO_RBUFSZ	16384

struct sio {
	int	 rfd, wfd;
	void	*tls;		/* struct tls_conn * once STARTTLS is done */
	char	 rbuf[SIO_RBUFSZ];
	size_t	 rpos, rlen;
	struct buf wbuf;
	int	 timeout_ms;	/* per read/write wait; <= 0 waits forever */
	bool	 eof, err, timedout;
};

/* how a line read by sio_getline ended */
enum sio_eol {
	SIO_CRLF,	/* "\r\n" */
	SIO_LF,		/* bare "\n" */
	SIO_NONE	/* end of file before any newline */
};

void	 sio_init(struct sio *s, int rfd, int wfd, int timeout_ms);
void	 sio_fini(struct sio *s);

/*
 * Read one line into line (without its terminator).  At most max bytes
 * are kept; the rest of an overlong line is read and dropped.  Returns
 * 1 for a line, 2 for an overlong (truncated) line, 0 at end of file
 * with nothing read, -1 on error or timeout.
 */
int	 sio_getline(struct sio *s, struct buf *line, size_t max,
	    enum sio_eol *eol);
/* bytes already buffered (the peer pipelined more input) */
bool	 sio_pending(const struct sio *s);
/* drop buffered input (before TLS starts: RFC 3207 section 4.2) */
void	 sio_discard_input(struct sio *s);

void	 sio_write(struct sio *s, const void *p, size_t n);
void	 sio_puts(struct sio *s, const char *str);
void	 sio_printf(struct sio *s, const char *fmt, ...) PRINTF_LIKE(2, 3);
/* write out everything buffered; false on error or timeout */
bool	 sio_flush(struct sio *s);

#endif /* RT_SIO_H */
