/*
 * ident.h -- RFC 1413 identification of an SMTP client (see ident.c).
 */
#ifndef CFRT_IDENT_H
#define CFRT_IDENT_H

#include <stdbool.h>
#include <stddef.h>

/*
 * Parse an identd reply (len bytes, the first line counts) to the query
 * "rport , lport": true and the user id in user (printable, at most
 * usz - 1 bytes; characters that could confuse $_ become '?') for a
 * "USERID" answer about that pair, false for anything else.
 */
bool	ident_parse(const char *reply, size_t len, unsigned rport,
	    unsigned lport, char *user, size_t usz);

/*
 * Ask the identd of the peer of connected socket fd (port 113, from the
 * local address fd uses), waiting at most timeout_s seconds in all;
 * false (user empty) when there is no usable answer.
 */
bool	ident_query(int fd, long timeout_s, char *user, size_t usz);

#endif
