/*
 * ident.c -- the RFC 1413 query sendmail makes of every SMTP client
 * (Timeout.ident, default 5s): who owns the connection at the far end.
 * The answer only decorates $_ ("user@host [addr]") in the greeting's
 * Hello, Received: and the log; it is never trusted for anything.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <netinet/in.h>
#include <sys/socket.h>

#include "ident.h"
#include "netwait.h"

/* the longest reply read (RFC 1413: 1000 characters is plenty) */
#define IDENT_REPLYMAX	1000

static const char *
skip_blanks(const char *p)
{
	while (*p == ' ' || *p == '\t')
		p++;
	return p;
}

/* a decimal port at *pp, blanks around it; false if none */
static bool
port_field(const char **pp, unsigned *port)
{
	const char *p = skip_blanks(*pp);
	unsigned long v = 0;
	int n = 0;

	while (*p >= '0' && *p <= '9' && n < 6) {
		v = v * 10 + (unsigned long)(*p++ - '0');
		n++;
	}
	if (n == 0 || n == 6 || v > 65535)
		return false;
	*port = (unsigned)v;
	*pp = skip_blanks(p);
	return true;
}

bool
ident_parse(const char *reply, size_t len, unsigned rport, unsigned lport,
    char *user, size_t usz)
{
	char line[IDENT_REPLYMAX + 1];
	unsigned p1, p2;

	if (usz == 0)
		return false;
	user[0] = '\0';
	/* one line: up to the first CR or LF (or NUL) */
	size_t n = 0;
	while (n < len && n < IDENT_REPLYMAX && reply[n] != '\r' &&
	    reply[n] != '\n' && reply[n] != '\0')
		n++;
	memcpy(line, reply, n);
	line[n] = '\0';

	const char *p = line;
	if (!port_field(&p, &p1) || *p++ != ',' || !port_field(&p, &p2) ||
	    *p++ != ':')
		return false;
	if (p1 != rport || p2 != lport)
		return false;	/* an answer about another connection */
	p = skip_blanks(p);
	if (strncmp(p, "USERID", 6) != 0)
		return false;	/* ERROR : NO-USER and the like */
	p = skip_blanks(p + 6);
	if (*p++ != ':')
		return false;
	/* the operating system (and a charset after a comma) */
	p = strchr(p, ':');
	if (p == NULL)
		return false;
	p = skip_blanks(p + 1);
	/* the user id: the rest of the line, trailing blanks cut */
	size_t ul = strlen(p);
	while (ul > 0 && (p[ul - 1] == ' ' || p[ul - 1] == '\t'))
		ul--;
	if (ul == 0)
		return false;
	if (ul >= usz)
		ul = usz - 1;
	/* printable ASCII only: it goes into headers and the log */
	for (size_t i = 0; i < ul; i++) {
		unsigned char c = (unsigned char)p[i];
		user[i] = c > ' ' && c < 0x7f && c != '@' && c != '[' &&
		    c != ']' && c != '(' && c != ')' && c != '<' && c != '>' ?
		    (char)c : '?';
	}
	user[ul] = '\0';
	return true;
}

static unsigned
sa_port(const struct sockaddr_storage *ss)
{
	if (ss->ss_family == AF_INET)
		return ntohs(((const struct sockaddr_in *)ss)->sin_port);
	if (ss->ss_family == AF_INET6)
		return ntohs(((const struct sockaddr_in6 *)ss)->sin6_port);
	return 0;
}

static void
sa_setport(struct sockaddr_storage *ss, unsigned port)
{
	if (ss->ss_family == AF_INET)
		((struct sockaddr_in *)ss)->sin_port = htons((uint16_t)port);
	else if (ss->ss_family == AF_INET6)
		((struct sockaddr_in6 *)ss)->sin6_port = htons((uint16_t)port);
}

bool
ident_query(int fd, long timeout_s, char *user, size_t usz)
{
	struct sockaddr_storage peer, self;
	socklen_t pl = sizeof(peer), sl = sizeof(self);
	char q[32], reply[IDENT_REPLYMAX];
	size_t got = 0;
	int s = -1;
	bool ok = false;

	if (usz > 0)
		user[0] = '\0';
	if (timeout_s <= 0 || getpeername(fd, (struct sockaddr *)&peer, &pl) != 0 ||
	    getsockname(fd, (struct sockaddr *)&self, &sl) != 0 ||
	    (peer.ss_family != AF_INET && peer.ss_family != AF_INET6) ||
	    self.ss_family != peer.ss_family)
		return false;
	long deadline = mono_ms() + timeout_s * 1000;
	unsigned rport = sa_port(&peer), lport = sa_port(&self);

	s = socket(peer.ss_family, SOCK_STREAM | SOCK_CLOEXEC | SOCK_NONBLOCK, 0);
	if (s < 0)
		return false;
	/* from the address the client reached, so its identd sees the pair */
	sa_setport(&self, 0);
	if (bind(s, (struct sockaddr *)&self, sl) != 0)
		goto out;
	sa_setport(&peer, 113);
	if (connect_by(s, (struct sockaddr *)&peer, pl, deadline) != 0)
		goto out;
	int ql = snprintf(q, sizeof(q), "%u , %u\r\n", rport, lport);
	if (ql <= 0 || send(s, q, (size_t)ql, MSG_NOSIGNAL) != ql)
		goto out;
	/* the reply ends with a line end or when the server closes */
	while (got < sizeof(reply)) {
		if (fd_wait(s, POLLIN, deadline) != 1)
			goto out;
		ssize_t r = recv(s, reply + got, sizeof(reply) - got, 0);
		if (r < 0 && (errno == EINTR || errno == EAGAIN))
			continue;
		if (r <= 0)
			break;
		got += (size_t)r;
		if (memchr(reply, '\n', got) != NULL)
			break;
	}
	ok = ident_parse(reply, got, rport, lport, user, usz);
out:
	close(s);
	return ok;
}
