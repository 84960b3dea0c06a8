/*
 * smtp_client.c -- SMTP client primitives: connect (getaddrinfo over the
 * host name or the [literal] address, each address in turn), bounded
 * reply reading, EHLO extension parsing, STARTTLS.
 */
#include <ctype.h>
#include <errno.h>
#include <netdb.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <fcntl.h>
#include <sys/socket.h>
#include <unistd.h>
#include <arpa/inet.h>

#include "dns.h"
#include "netwait.h"
#include "smtp_client.h"
#include "tls.h"

#define REPLY_MAXLINES	100
#define REPLY_MAXLINE	2048

/*
 * connect(2) to one address, waiting at most ms (0: as long as the
 * kernel does).  The (blocking) descriptor, or -1 with errno set.
 */
static int
connect_one(const struct addrinfo *ai, long ms)
{
	int fd = socket(ai->ai_family, ai->ai_socktype | SOCK_CLOEXEC |
	    SOCK_NONBLOCK, ai->ai_protocol);
	if (fd < 0)
		return -1;
	if (connect_by(fd, ai->ai_addr, ai->ai_addrlen,
	    ms > 0 ? mono_ms() + ms : 0) != 0) {
		int e = errno;
		close(fd);
		errno = e;
		return -1;
	}
	int fl = fcntl(fd, F_GETFL);
	if (fl >= 0)
		(void)fcntl(fd, F_SETFL, fl & ~O_NONBLOCK);
	return fd;
}

bool
smtpc_connect(struct smtp_conn *c, char *const *hosts, int nhosts,
    const char *port, const struct smtpc_timeouts *t, char *why,
    size_t whysz)
{
	long deadline = t->aconnect > 0 ? mono_ms() + t->aconnect * 1000 : 0;
	int fd = -1, nunknown = 0;
	char unknown[400] = "";

	struct smtpc_show show = c->show;
	memset(c, 0, sizeof(*c));
	c->show = show;
	c->fd = -1;
	c->tmo = *t;
	snprintf(why, whysz, "4.4.1 no host to connect to");
	for (int h = 0; h < nhosts && fd < 0; h++) {
		const char *host = hosts[h];
		struct addrinfo hints, *res = NULL, *ai;
		char name[300];
		size_t n = strlen(host);

		if (c->show.on) {
			printf("%s... Connecting to %s%s%s via %s...\n",
			    c->show.who, host, c->show.port ? " port " : "",
			    c->show.port ? port : "", c->show.via);
			fflush(stdout);
		}

		memset(&hints, 0, sizeof(hints));
		hints.ai_socktype = SOCK_STREAM;
		if (n >= 2 && host[0] == '[' && host[n - 1] == ']') {
			snprintf(name, sizeof(name), "%.*s", (int)(n - 2),
			    host + 1);
			if (strncasecmp(name, "IPv6:", 5) == 0)
				memmove(name, name + 5, strlen(name + 5) + 1);
			hints.ai_flags = AI_NUMERICHOST;
		} else
			snprintf(name, sizeof(name), "%s", host);
		int err = getaddrinfo(name, port, &hints, &res);
		if (err != 0) {
			if (err == EAI_NONAME) {
				nunknown++;
				snprintf(unknown, sizeof(unknown), "5.1.2 "
				    "Host unknown (Name server: %s: host not "
				    "found)", host);
			} else
				snprintf(why, whysz, "4.4.3 Name server: "
				    "%s: host name lookup failure", host);
			continue;
		}
		for (ai = res; ai != NULL; ai = ai->ai_next) {
			long ms = t->connect * 1000;
			if (deadline != 0) {
				long left = deadline - mono_ms();
				if (left <= 0) {
					snprintf(why, whysz, "Connection "
					    "timed out (Timeout.aconnect)");
					h = nhosts;
					break;
				}
				if (ms == 0 || left < ms)
					ms = left;
			}
			fd = connect_one(ai, ms);
			if (fd >= 0) {
				char a[64];
				dns_addrtext(ai->ai_addr, a, sizeof(a));
				snprintf(c->peer, sizeof(c->peer), "%s [%s]",
				    host, a);
				snprintf(c->host, sizeof(c->host), "%s", host);
				break;
			}
			if (errno == ECONNREFUSED)
				snprintf(why, whysz, "Connection "
				    "refused by %s", host);
			else if (errno == ETIMEDOUT)
				snprintf(why, whysz, "Connection "
				    "timed out with %s", host);
			else
				snprintf(why, whysz, "%s: %s", host,
				    strerror(errno));
		}
		freeaddrinfo(res);
	}
	if (fd < 0) {
		/* permanent only when every host is unknown */
		if (nunknown > 0 && nunknown == nhosts)
			snprintf(why, whysz, "%s", unknown);
		return false;
	}
	c->fd = fd;
	sio_init(&c->io, fd, fd, (int)(t->initial * 1000));
	return true;
}

void
smtpc_settimeout(struct smtp_conn *c, long secs)
{
	c->io.timeout_ms = secs > 0 ? (int)(secs * 1000) : 0;
}

void
smtpc_close(struct smtp_conn *c)
{
	if (c->fd >= 0) {
		sio_fini(&c->io);
		close(c->fd);
		c->fd = -1;
	}
}

/* -v: one line of the dialogue on standard output, as sendmail shows it */
static void
verbose_line(const char *prefix, const char *line)
{
	printf("%s%s\n", prefix, line);
	fflush(stdout);
}

int
smtpc_reply(struct smtp_conn *c, struct buf *text)
{
	struct buf line = BUF_INIT;
	enum sio_eol eol;
	int code = -1;

	buf_reset(text);
	for (int i = 0; i < REPLY_MAXLINES; i++) {
		int r = sio_getline(&c->io, &line, REPLY_MAXLINE, &eol);
		if (r <= 0)
			break;
		const char *s = buf_cstr(&line);
		if (c->show.on)
			verbose_line("", s);
		if (line.len < 3 || !isdigit((unsigned char)s[0]) ||
		    !isdigit((unsigned char)s[1]) || !isdigit((unsigned char)s[2]) ||
		    (line.len > 3 && s[3] != ' ' && s[3] != '-'))
			break;
		int lc = (s[0] - '0') * 100 + (s[1] - '0') * 10 + (s[2] - '0');
		buf_reset(text);
		buf_append(text, s, line.len);
		bool last = line.len == 3 || s[3] == ' ';
		/* EHLO extensions are remembered as they go by: every line
		 * but the first (the host name), the last one too */
		if (i > 0 && line.len > 4) {
			const char *kw = s + 4;
			if (strncasecmp(kw, "PIPELINING", 10) == 0)
				c->pipelining = true;
			else if (strncasecmp(kw, "8BITMIME", 8) == 0)
				c->eightbit = true;
			else if (strncasecmp(kw, "STARTTLS", 8) == 0)
				c->starttls = true;
			else if (strcasecmp(kw, "DSN") == 0)
				c->dsn = true;
			else if (strncasecmp(kw, "DELIVERBY", 9) == 0 &&
			    (kw[9] == '\0' || kw[9] == ' '))
				c->deliverby = true;
			else if (strncasecmp(kw, "SIZE", 4) == 0)
				c->maxsize = strtol(kw + 4, NULL, 10);
			else if (strncasecmp(kw, "AUTH", 4) == 0 &&
			    (kw[4] == ' ' || kw[4] == '=') && kw[5] != '\0')
				c->auth = true;
		}
		if (last) {
			code = lc;
			break;
		}
	}
	buf_fini(&line);
	if (code < 100 || code > 599)
		return -1;
	return code;
}

void
smtpc_send(struct smtp_conn *c, const char *line)
{
	if (c->show.on)
		verbose_line(">>> ", line);
	sio_puts(&c->io, line);
	sio_puts(&c->io, "\r\n");
}

int
smtpc_cmd(struct smtp_conn *c, struct buf *text, const char *fmt, ...)
{
	va_list ap;
	size_t at = c->io.wbuf.len;

	va_start(ap, fmt);
	buf_vprintf(&c->io.wbuf, fmt, ap);
	va_end(ap);
	if (c->show.on) {
		struct buf cmd = BUF_INIT;
		buf_append(&cmd, c->io.wbuf.s + at, c->io.wbuf.len - at);
		verbose_line(">>> ", buf_cstr(&cmd));
		buf_fini(&cmd);
	}
	sio_puts(&c->io, "\r\n");
	if (!sio_flush(&c->io))
		return -1;
	return smtpc_reply(c, text);
}

int
smtpc_hello(struct smtp_conn *c, const char *myname, struct tls_ctx *tls,
    const char *servername, struct buf *text)
{
	int code;
	char why[256];

	smtpc_settimeout(c, c->tmo.initial);
	code = smtpc_reply(c, text);
	if (code != 220)
		return code;
	c->pipelining = c->eightbit = c->starttls = c->dsn = false;
	c->deliverby = false;
	smtpc_settimeout(c, c->tmo.helo);
	code = smtpc_cmd(c, text, "EHLO %s", myname);
	if (code == 250)
		c->esmtp = true;
	else if (code >= 500) {
		code = smtpc_cmd(c, text, "HELO %s", myname);
		return code;
	}
	if (code == 250 && c->starttls && tls != NULL && !c->tls) {
		smtpc_settimeout(c, c->tmo.starttls);
		code = smtpc_cmd(c, text, "STARTTLS");
		if (code != 220)
			return 250;	/* go on in clear text */
		if (!tls_start_client(tls, &c->io, servername, why, sizeof(why))) {
			buf_reset(text);
			buf_printf(text, "454 4.7.0 TLS handshake failed: %s", why);
			return -1;
		}
		c->tls = true;
		c->pipelining = c->eightbit = c->starttls = c->dsn = false;
		c->deliverby = false;
		smtpc_settimeout(c, c->tmo.helo);
		code = smtpc_cmd(c, text, "EHLO %s", myname);
	}
	return code;
}
