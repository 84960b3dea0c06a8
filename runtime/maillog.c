/*
 * maillog.c -- the mail log in sendmail's syslog format, sent by our own
 * RFC 3164 datagram writer ("<PRI>Mmm dd hh:mm:ss ident[pid]: text", as
 * glibc's syslog() writes to the local socket) rather than by syslog(3).
 * Why: the tests must capture the log without root; with syslog(3) the
 * socket path is fixed at /dev/log and a test would need a mount
 * namespace to put a reader there.  Our writer takes the path from
 * CFMTA_SYSLOG_SOCKET (documented as a test hook, not honoured in a
 * set-id process), and it keeps the ident (-L tag) per call, with the
 * pid of the process that logs (deliveries run in children).  Owns one
 * socket, opened at the first line and close-on-exec.  If no syslog
 * daemon listens, lines are dropped, as syslog(3) drops them.
 */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

#include "buf.h"
#include "maillog.h"

#define ML_FACILITY	(2 << 3)	/* LOG_MAIL */
#define ML_LINEMAX	2048		/* longer lines are cut */

static struct {
	bool	 open;
	int	 level;
	int	 fd;
	bool	 stream;		/* the socket is SOCK_STREAM */
	char	 ident[64];
	struct sockaddr_un sa;
} ml = { .fd = -1 };

void
maillog_open(const char *ident, int level)
{
	const char *path = "/dev/log", *env = getenv("CFMTA_SYSLOG_SOCKET");

	if (env != NULL && *env != '\0' && getuid() == geteuid() &&
	    getgid() == getegid())
		path = env;
	snprintf(ml.ident, sizeof(ml.ident), "%s",
	    ident != NULL && *ident != '\0' ? ident : "cfmta");
	memset(&ml.sa, 0, sizeof(ml.sa));
	ml.sa.sun_family = AF_UNIX;
	snprintf(ml.sa.sun_path, sizeof(ml.sa.sun_path), "%s", path);
	ml.level = level;
	ml.open = true;
}

void
maillog_setlevel(int level)
{
	ml.level = level;
}

bool
maillog_on(int level)
{
	return ml.open && ml.level >= level;
}

static bool
connect_log(void)
{
	static const int types[] = { SOCK_DGRAM, SOCK_STREAM };

	for (size_t i = 0; i < sizeof(types) / sizeof(types[0]); i++) {
		int fd = socket(AF_UNIX, types[i] | SOCK_CLOEXEC, 0);
		if (fd < 0)
			return false;
		if (connect(fd, (struct sockaddr *)&ml.sa, sizeof(ml.sa)) == 0) {
			ml.fd = fd;
			ml.stream = types[i] == SOCK_STREAM;
			return true;
		}
		int err = errno;
		close(fd);
		if (err != EPROTOTYPE)
			return false;
	}
	return false;
}

static void
send_line(const char *s, size_t n)
{
	for (int attempt = 0; attempt < 2; attempt++) {
		if (ml.fd < 0 && !connect_log())
			return;
		/* a stream socket needs a terminator between messages */
		if (send(ml.fd, s, n + (ml.stream ? 1 : 0), MSG_NOSIGNAL) >= 0)
			return;
		/* the syslog daemon restarted: reconnect once */
		close(ml.fd);
		ml.fd = -1;
	}
}

static void
vmaillog(int sev, const char *id, const char *fmt, va_list ap)
{
	struct buf b = BUF_INIT, text = BUF_INIT;
	char stamp[32];
	time_t now = time(NULL);
	struct tm tm;

	buf_vprintf(&text, fmt, ap);
	if (localtime_r(&now, &tm) == NULL ||
	    strftime(stamp, sizeof(stamp), "%b %e %H:%M:%S", &tm) == 0)
		snprintf(stamp, sizeof(stamp), "Jan  1 00:00:00");
	buf_printf(&b, "<%d>%s %s[%ld]: ", ML_FACILITY | sev, stamp, ml.ident,
	    (long)getpid());
	if (id != NULL)
		buf_printf(&b, "%s: ", *id != '\0' ? id : "NOQUEUE");
	/* what a peer sent must not split or forge a log line */
	for (size_t i = 0; i < text.len && b.len < ML_LINEMAX; i++) {
		unsigned char c = (unsigned char)text.s[i];
		buf_addch(&b, c < 0x20 || c == 0x7f ? '?' : (char)c);
	}
	send_line(b.s, b.len);
	buf_fini(&text);
	buf_fini(&b);
}

void
maillog(int level, int sev, const char *id, const char *fmt, ...)
{
	va_list ap;

	if (!maillog_on(level))
		return;
	va_start(ap, fmt);
	vmaillog(sev, id, fmt, ap);
	va_end(ap);
}

/* ", name=value" unless value is NULL or empty */
static void
field(struct buf *b, const char *name, const char *value)
{
	if (value != NULL && *value != '\0')
		buf_printf(b, ", %s=%s", name, value);
}

void
maillog_interval(long secs, char *out, size_t outsz)
{
	if (secs < 0)
		secs = 0;
	if (secs >= 86400)
		snprintf(out, outsz, "%ld+%02ld:%02ld:%02ld", secs / 86400,
		    secs / 3600 % 24, secs / 60 % 60, secs % 60);
	else
		snprintf(out, outsz, "%02ld:%02ld:%02ld", secs / 3600,
		    secs / 60 % 60, secs % 60);
}

void
maillog_from(const struct maillog_from *f)
{
	struct buf b = BUF_INIT;

	if (!maillog_on(ML_FROM))
		return;
	buf_printf(&b, "from=%.300s, size=%ld, class=%d, nrcpts=%d", f->sender,
	    f->size, f->class, f->nrcpts);
	field(&b, "msgid", f->msgid);
	field(&b, "bodytype", f->bodytype);
	field(&b, "proto", f->proto);
	field(&b, "daemon", f->daemon);
	field(&b, "relay", f->relay);
	maillog(ML_FROM, ML_INFO, f->id, "%s", b.s);
	buf_fini(&b);
}

void
maillog_to(const struct maillog_to *t)
{
	struct buf b = BUF_INIT;
	char delay[32], xdelay[32];
	int level = t->noattempt ? ML_DEFERRED :
	    t->dsn != NULL && t->dsn[0] == '2' ? ML_SENT :
	    t->dsn != NULL && t->dsn[0] == '4' ? ML_DEFERRED : ML_FAILED;
	time_t now = time(NULL);

	if (!maillog_on(level))
		return;
	maillog_interval((long)(now - t->queued), delay, sizeof(delay));
	maillog_interval((long)(now - t->start), xdelay, sizeof(xdelay));
	buf_printf(&b, "to=%.1000s", t->to);
	field(&b, "ctladdr", t->ctladdr);
	buf_printf(&b, ", delay=%s", delay);
	if (!t->noattempt)
		buf_printf(&b, ", xdelay=%s", xdelay);
	field(&b, "mailer", t->mailer);
	buf_printf(&b, ", pri=%ld", t->pri);
	field(&b, "relay", t->relay);
	field(&b, "dsn", t->dsn);
	field(&b, "reply", t->reply);
	buf_printf(&b, ", stat=%s", t->stat != NULL ? t->stat : "");
	maillog(level, ML_INFO, t->id, "%s", b.s);
	buf_fini(&b);
}

void
maillog_reject(const char *id, const char *ruleset, const char *arg1,
    const char *arg2, const char *relay, const char *reply)
{
	struct buf b = BUF_INIT;

	if (!maillog_on(ML_REJECT))
		return;
	buf_printf(&b, "ruleset=%s, arg1=%.300s", ruleset, arg1 != NULL ? arg1 : "");
	field(&b, "arg2", arg2);
	field(&b, "relay", relay);
	if (reply == NULL)
		buf_puts(&b, ", discard");
	else
		buf_printf(&b, ", reject=%s", reply);
	maillog(ML_REJECT, ML_NOTICE, id, "%s", b.s);
	buf_fini(&b);
}

const char *
maillog_replytext(const char *reply)
{
	const char *p = reply;

	if (strlen(p) >= 4 && p[0] >= '2' && p[0] <= '5' && p[3] == ' ') {
		p += 4;
		if (p[0] >= '2' && p[0] <= '5' && p[1] == '.') {
			p += strcspn(p, " ");
			if (*p == ' ')
				p++;
		}
	}
	return p;
}

void
maillog_failtext(const char *diag, bool smtp, struct buf *out)
{
	const char *t = maillog_replytext(diag);
	bool coded = t != diag;

	buf_reset(out);
	if (coded && (strncmp(diag + 4, "5.1.1 ", 6) == 0 || (smtp &&
	    (strncmp(diag, "550", 3) == 0 || strncmp(diag, "551", 3) == 0 ||
	     strncmp(diag, "553", 3) == 0))))
		buf_puts(out, "User unknown");
	else if (coded && smtp && diag[0] == '5')
		buf_puts(out, "Service unavailable");
	else
		buf_puts(out, t);
}

void
maillog_msgid(const char *hdrs, struct buf *out)
{
	buf_reset(out);
	for (const char *p = hdrs; p != NULL && *p != '\0'; ) {
		size_t n = strcspn(p, "\n");
		if (n > 11 && strncasecmp(p, "Message-Id:", 11) == 0) {
			const char *v = p + 11;
			while (*v == ' ' || *v == '\t')
				v++;
			buf_append(out, v, (size_t)(p + n - v));
			return;
		}
		p += n + (p[n] == '\n');
	}
}
