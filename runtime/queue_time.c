/*
 * queue_time.c -- queue lifetime as sendmail 8.17 has it (queue_time.h).
 * The class comes from the message's headers each time it is tried (as
 * sendmail does when it reads a queue file); the timeouts from the cf's
 * Timeout.queuereturn / Timeout.queuewarn (cf_option.c), a class suffix
 * first.  The "warned" flag of the control file (X record "w") makes the
 * delay DSN a one-time event, shared by queuewarn and BY=;N as sendmail
 * shares its EF_WARNING.
 */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <syslog.h>

#include "deliver.h"
#include "queue_time.h"
#include "spool.h"
#include "xmem.h"

#define QT_RETURN_DFLT	(5L * 24 * 60 * 60)
#define QT_WARN_DFLT	(4L * 60 * 60)
#define QT_HDRMAX	(64 * 1024)	/* header block scanned for the class */

static const char *const class_suffix[] = {
	[QT_NORMAL] = "normal", [QT_URGENT] = "urgent",
	[QT_NONURGENT] = "non-urgent", [QT_DSN] = "dsn"
};

/* Timeout.NAME.CLASS, else Timeout.NAME, else dflt */
static long
class_timeout(const struct cf *cf, const char *name, enum qt_class c,
    long dflt)
{
	char full[64];

	snprintf(full, sizeof(full), "%s.%s", name, class_suffix[c]);
	return cf_timeout(cf, full, cf_timeout(cf, name, dflt));
}

/* sendmail's priencode: the P line named v (case-insensitive), else 0 */
static int
priencode(const struct cf *cf, const char *v)
{
	for (int i = 0; i < cf->npri; i++)
		if (strcasecmp(cf->pri[i].name, v) == 0)
			return cf->pri[i].val;
	return 0;
}

/* the (unfolded, trimmed) value of the first header called name */
static bool
header_value(const char *block, const char *name, struct buf *out)
{
	size_t nl = strlen(name);

	for (const char *p = block; *p != '\0';) {
		size_t n = strcspn(p, "\n");
		if (n > nl && strncasecmp(p, name, nl) == 0 && p[nl] == ':') {
			const char *v = p + nl + 1;
			buf_reset(out);
			for (;;) {
				buf_append(out, v, (size_t)(p + n - v));
				p += n;
				if (*p == '\n')
					p++;
				if (*p != ' ' && *p != '\t')
					break;
				n = strcspn(p, "\n");
				v = p;
			}
			/* trim blanks at both ends */
			const char *s = buf_cstr(out);
			size_t a = strspn(s, " \t"), z = out->len;
			while (z > a && isspace((unsigned char)s[z - 1]))
				z--;
			char *t = xstrndup(s + a, z - a);
			buf_reset(out);
			buf_puts(out, t);
			free(t);
			return true;
		}
		p += n;
		if (*p == '\n')
			p++;
	}
	return false;
}

int
qtime_precedence(const struct cf *cf, const char *hdrs)
{
	struct buf v = BUF_INIT;
	int prec = 0;

	if (header_value(hdrs, "Precedence", &v))
		prec = priencode(cf, buf_cstr(&v));
	buf_fini(&v);
	return prec;
}

void
qtime_classify(struct mta *mta, const struct q_env *e, FILE *df,
    struct qt_info *qi)
{
	struct buf hdrs = BUF_INIT, v = BUF_INIT;
	char line[1024];

	if (df != NULL) {
		bool bol = true;
		rewind(df);
		while (fgets(line, sizeof(line), df) != NULL &&
		    !(bol && line[0] == '\n') && hdrs.len < QT_HDRMAX) {
			buf_puts(&hdrs, line);
			bol = strchr(line, '\n') != NULL;
		}
		rewind(df);
	}
	qi->prec = qtime_precedence(&mta->cf, buf_cstr(&hdrs));
	qi->cls = QT_NORMAL;
	if (qi->prec < 0)
		qi->cls = QT_NONURGENT;
	else if (qi->prec > 0)
		qi->cls = QT_URGENT;
	if (header_value(buf_cstr(&hdrs), "Priority", &v)) {
		if (strcasecmp(buf_cstr(&v), "urgent") == 0)
			qi->cls = QT_URGENT;
		else if (strcasecmp(buf_cstr(&v), "normal") == 0)
			qi->cls = QT_NORMAL;
		else if (strcasecmp(buf_cstr(&v), "non-urgent") == 0)
			qi->cls = QT_NONURGENT;
		else if (e->isbounce)
			qi->cls = QT_DSN;
	} else if (e->isbounce)
		qi->cls = QT_DSN;
	qi->qreturn = class_timeout(&mta->cf, "queuereturn", qi->cls,
	    QT_RETURN_DFLT);
	qi->qwarn = class_timeout(&mta->cf, "queuewarn", qi->cls, QT_WARN_DFLT);
	buf_fini(&hdrs);
	buf_fini(&v);
}

void
qtime_interval(long secs, struct buf *out)
{
	static const struct { long n; const char *unit; } u[] = {
		{ 7L * 24 * 3600, "week" }, { 24L * 3600, "day" },
		{ 3600, "hour" }, { 60, "minute" }, { 1, "second" }
	};
	bool any = false;

	if (secs < 0)
		secs = 0;
	for (size_t i = 0; i < sizeof(u) / sizeof(u[0]); i++) {
		long k = secs / u[i].n;
		secs %= u[i].n;
		if (k == 0 && !(i == 4 && !any))
			continue;
		buf_printf(out, "%s%ld %s%s", any ? ", " : "", k, u[i].unit,
		    k == 1 ? "" : "s");
		any = true;
	}
}

bool
qtime_by_expired(const struct q_env *e, time_t now, char *diag, size_t sz)
{
	if (e->dlvbymode != 'R' || now <= e->ctime + e->dlvby)
		return false;
	snprintf(diag, sz, "5.4.7 Delivery time (%lds) expired", e->dlvby);
	return true;
}

/* sendmail warns neither <>, nor owner-* and *-request senders */
static bool
warnable_sender(const char *s)
{
	size_t n = strlen(s);

	return n > 0 && strncasecmp(s, "owner-", 6) != 0 &&
	    !(n > 8 && strcasecmp(s + n - 8, "-request") == 0);
}

/* the transcript lines sendmail writes for the deferred recipients */
static void
deferred_lines(const struct q_env *e, struct buf *t)
{
	for (int i = 0; i < e->nrcpt; i++)
		if (e->rcpt[i].stat == QR_PENDING)
			buf_printf(t, "<%s>... Deferred: %.400s\n", e->rcpt[i].addr,
			    e->rcpt[i].diag != NULL ? e->rcpt[i].diag : "");
}

static void
delay_dsn(struct mta *mta, const char *qdir, struct q_env *e,
    const struct qt_info *qi, const char *what, bool nonfatal)
{
	struct buf subj = BUF_INIT, t = BUF_INIT, ret = BUF_INIT;
	int n = 0;

	e->warned = true;
	for (int i = 0; i < e->nrcpt; i++) {
		struct q_rcpt *r = &e->rcpt[i];
		r->dsndelay = r->stat == QR_PENDING && (!(r->notify & Q_NOTIFY_SET) ||
		    (r->notify & Q_NOTIFY_DELAY));
		if (r->dsndelay)
			n++;
	}
	if (n == 0) {
		syslog(LOG_MAIL | LOG_INFO, "%s: delay DSN not requested (NOTIFY)",
		    e->id);
		goto out;
	}
	qtime_interval(qi->qreturn, &ret);
	buf_printf(&subj, "Warning: %s", what);
	deferred_lines(e, &t);
	if (nonfatal)
		buf_printf(&t, "Warning: %s\n", what);
	else {
		struct buf w = BUF_INIT;
		qtime_interval(qi->qwarn, &w);
		buf_printf(&t, "Warning: message still undelivered after %s\n",
		    buf_cstr(&w));
		buf_fini(&w);
	}
	buf_printf(&t, "Will keep trying until message is %s old",
	    buf_cstr(&ret));
	struct dsn_note note = {
		.kind = DSN_DELAY, .subject = buf_cstr(&subj),
		.transcript = buf_cstr(&t), .nonfatal = nonfatal,
		.retry_until = e->ctime + qi->qreturn
	};
	if (!dsn_queue(mta, qdir, e, NULL, &note)) {
		log_warn("%s: cannot queue the delay DSN", e->id);
		e->warned = false;	/* try again next time */
	} else {
		/* mailq shows it until the next attempt, as sendmail's */
		free(e->errmsg);
		e->errmsg = xstrdup(buf_cstr(&subj));
	}
out:
	for (int i = 0; i < e->nrcpt; i++)
		e->rcpt[i].dsndelay = false;
	buf_fini(&subj);
	buf_fini(&t);
	buf_fini(&ret);
}

int
qtime_after_attempt(struct mta *mta, const char *qdir, struct q_env *e,
    const struct qt_info *qi, time_t now)
{
	int pending = 0;

	for (int i = 0; i < e->nrcpt; i++)
		if (e->rcpt[i].stat == QR_PENDING)
			pending++;
	if (pending == 0)
		return 0;
	if (now > e->ctime + qi->qreturn) {
		struct buf t = BUF_INIT, iv = BUF_INIT;
		/* Timeout.queuereturn=now (0): sendmail says "too long" */
		if (qi->qreturn > 0)
			qtime_interval(qi->qreturn, &iv);
		else
			buf_puts(&iv, "too long");
		deferred_lines(e, &t);
		buf_printf(&t, "Message could not be delivered for %s\n"
		    "Message will be deleted from queue", buf_cstr(&iv));
		free(e->dsnnote);
		e->dsnnote = buf_steal(&t);
		for (int i = 0; i < e->nrcpt; i++)
			if (e->rcpt[i].stat == QR_PENDING)
				e->rcpt[i].stat = QR_FAILED;
		syslog(LOG_MAIL | LOG_INFO, "%s: Cannot send message for %s",
		    e->id, buf_cstr(&iv));
		buf_fini(&iv);
		return pending;
	}
	if (e->warned || e->isbounce || qi->prec < 0 ||
	    !warnable_sender(e->sender))
		return 0;
	if (qi->qwarn > 0 && now > e->ctime + qi->qwarn) {
		struct buf w = BUF_INIT, what = BUF_INIT;
		qtime_interval(qi->qwarn, &w);
		buf_printf(&what, "could not send message for past %s",
		    buf_cstr(&w));
		delay_dsn(mta, qdir, e, qi, buf_cstr(&what), false);
		buf_fini(&w);
		buf_fini(&what);
	} else if (e->dlvbymode == 'N' && now > e->ctime + e->dlvby) {
		char what[80];
		snprintf(what, sizeof(what), "Delivery time (%lds) exceeded",
		    e->dlvby);
		delay_dsn(mta, qdir, e, qi, what, true);
	}
	return 0;
}

static long
opt_time(const struct cf *cf, int id, int unit)
{
	const char *v = cf->optv[id];

	return v != NULL && *v != '\0' ? cf_convtime(v, unit) : 0;
}

/*
 * sendmail retries a deferred message on every queue run, unless
 * MinQueueAge says the last attempt is too recent, or MaxQueueAge > 0
 * makes the wait grow with the message's age (doubling per attempt),
 * capped at MaxQueueAge.
 */
time_t
qtime_nexttry(const struct cf *cf, const struct q_env *e)
{
	long wait = opt_time(cf, OPT_MINQUEUEAGE, 'm');
	long maxage = opt_time(cf, OPT_MAXQUEUEAGE, 'm');

	if (e->lasttry == 0)
		return 0;
	if (maxage > 0) {
		long age = (long)(e->lasttry - e->ctime);
		if (age > maxage)
			age = maxage;
		if (age > wait)
			wait = age;
	}
	return e->lasttry + (wait > 0 ? wait : 0);
}

long
qtime_deliverby_min(const struct cf *cf)
{
	return mta_opttime(cf, OPT_DELIVERBYMIN, 0);
}
