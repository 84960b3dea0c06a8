/*
 * bounce.c -- delivery status notifications (RFC 3464): a multipart/report
 * from MAILER-DAEMON to the envelope sender listing the recipients that
 * failed permanently, with the original headers attached.  A failed
 * bounce (null sender) goes to the postmaster instead; a failed double
 * bounce is only logged.  Failures of a list with an owner-LIST alias
 * go to that owner instead of the sender.  RFC 3461: recipients with
 * NOTIFY=SUCCESS get a success report ("delivered (to mailbox)"), ENVID
 * and ORCPT appear as Original-Envelope-Id and Original-Recipient, and
 * RET=FULL returns the whole message (message/rfc822), RET=HDRS or no
 * RET only its headers (text/rfc822-headers).  dsn_queue also writes
 * the delay DSN (queue_time.c: "Warning: could not send message for
 * past 4 hours", Action: delayed) and a bounce's transcript lines.
 */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "deliver.h"
#include "hdr.h"
#include "maillog.h"
#include "spool.h"
#include "xmem.h"

static void
put(struct spool *sp, const char *fmt, ...) PRINTF_LIKE(2, 3);

static void
put(struct spool *sp, const char *fmt, ...)
{
	va_list ap;
	struct buf b = BUF_INIT;

	va_start(ap, fmt);
	buf_vprintf(&b, fmt, ap);
	va_end(ap);
	/* one spool line per \n */
	const char *p = buf_cstr(&b);
	for (;;) {
		size_t n = strcspn(p, "\n");
		spool_line(sp, p, n);
		if (p[n] == '\0')
			break;
		p += n + 1;
	}
	buf_fini(&b);
}

/* the recipients a DSN of this kind reports: for a failure, those of
 * this owner */
static bool
mine(const struct q_rcpt *r, const char *owner, enum dsn_kind kind)
{
	if (kind == DSN_SUCCESS)
		return r->dsnsuccess;
	if (kind == DSN_DELAY)
		return r->dsndelay;
	if (r->stat != QR_FAILED)
		return false;
	if (owner == NULL || r->owner == NULL)
		return owner == r->owner;
	return strcmp(owner, r->owner) == 0;
}

/*
 * The Status: of a recipient: the enhanced code of its last reply; a
 * failed recipient with a temporary code timed out in the queue (4.4.7,
 * as sendmail; so does one without a code when the bounce is for a
 * queue timeout); a delayed one without a code: 4.4.1 for a connection
 * that failed, else 4.0.0.
 */
static void
dsn_status(const struct q_rcpt *r, enum dsn_kind kind, bool timeout, char *st,
    size_t sz)
{
	const char *d = r->diag != NULL ? r->diag : "";
	const char *c = NULL;

	if (strlen(d) > 5 && d[3] == ' ' && (d[4] == '4' || d[4] == '5') &&
	    d[5] == '.')
		c = d + 4;
	else if (strlen(d) > 2 && (d[0] == '4' || d[0] == '5') && d[1] == '.')
		c = d;
	if (kind == DSN_DELAY) {
		if (c != NULL && *c == '4')
			snprintf(st, sz, "%.*s", (int)strcspn(c, " "), c);
		else
			snprintf(st, sz, "%s", strstr(d, "onnection") != NULL ?
			    "4.4.1" : "4.0.0");
		return;
	}
	if (c != NULL && *c == '5')
		snprintf(st, sz, "%.*s", (int)strcspn(c, " "), c);
	else
		snprintf(st, sz, "%s", c != NULL || timeout ? "4.4.7" : "5.0.0");
}

/*
 * Final-Recipient: a local address gets this host's name ($j), as in
 * sendmail's control files ("RFC822; root@mx.example.com"); programs,
 * files and :include:s are left as they are.
 */
static void
final_rcpt(struct mta *mta, const char *addr, char *out, size_t sz)
{
	const char *me = rw_macvalue(&mta->vm.env, 'j');

	if (strchr(addr, '@') == NULL && addr[0] != '|' && addr[0] != '/' &&
	    strncasecmp(addr, ":include:", 9) != 0 && me != NULL)
		snprintf(out, sz, "RFC822; %.700s@%.100s", addr, me);
	else
		snprintf(out, sz, "RFC822; %.800s", addr);
}

/* a mailer's reply ("451 ..."), not a text of our own */
static bool
is_reply(const char *d)
{
	return isdigit((unsigned char)d[0]) && isdigit((unsigned char)d[1]) &&
	    isdigit((unsigned char)d[2]) && d[3] == ' ';
}

/* the RFC 5322 date of t, as $b gives it */
static void
dsn_date(struct mta *mta, time_t t, char *out, size_t sz)
{
	hdr_setdates(mta, t);
	const char *b = rw_macvalue(&mta->vm.env, 'b');
	snprintf(out, sz, "%s", b != NULL ? b : "");
}

/* an xtext value decoded, for the report (RFC 3464 2.2.1, 2.3.1) */
static char *
unxtext(const char *v)
{
	struct buf b = BUF_INIT;

	q_xtext_decode(v, &b);
	return buf_steal(&b);
}

bool
bounce_queue(struct mta *mta, const char *qdir, struct q_env *e,
    const char *owner, bool success)
{
	struct dsn_note note = {
		.kind = success ? DSN_SUCCESS : DSN_FAILURE,
		.transcript = success ? NULL : e->dsnnote
	};

	return dsn_queue(mta, qdir, e, owner, &note);
}

bool
dsn_queue(struct mta *mta, const char *qdir, struct q_env *e,
    const char *owner, const struct dsn_note *note)
{
	bool success = note->kind == DSN_SUCCESS;
	bool delay = note->kind == DSN_DELAY;
	/* a bounce for a queue timeout: sendmail cites only SMTP replies */
	bool timeout = note->kind == DSN_FAILURE && note->transcript != NULL;
	struct q_env b;
	struct spool sp;
	const char *me = rw_macvalue(&mta->vm.env, 'j');
	const char *to;
	char boundary[64];
	char date[64], byd[64] = "", until[64] = "";

	if (me == NULL)
		me = "localhost";
	if (owner == NULL && e->isbounce && e->sender[0] == '\0') {
		maillog(ML_DSN, ML_ERR, e->id, "double bounce dropped");
		return true;
	}
	to = owner != NULL ? owner : e->sender[0] != '\0' ? e->sender :
	    "postmaster";
	q_env_init(&b);
	b.sender = xstrdup("");
	b.isbounce = true;
	b.ctime = time(NULL);
	q_env_addrcpt(&b, to);
	q_env_setmacro(&b, "r", "internal");
	const char *arrival = rw_macvalue(&mta->vm.env, 'b');
	snprintf(date, sizeof(date), "%s", arrival != NULL ? arrival : "");
	if (e->dlvbymode != 0)
		dsn_date(mta, e->ctime + e->dlvby, byd, sizeof(byd));
	if (delay)
		dsn_date(mta, note->retry_until, until, sizeof(until));
	if (!spool_begin(&sp, mta, &b, qdir, false)) {
		q_env_fini(&b);
		return false;
	}
	snprintf(boundary, sizeof(boundary), "%s.%ld/%s", b.id,
	    (long)b.ctime, me);
	hdr_setdates(mta, b.ctime);
	put(&sp, "Date: %s", rw_macvalue(&mta->vm.env, 'b'));
	put(&sp, "From: Mail Delivery Subsystem <MAILER-DAEMON@%s>", me);
	put(&sp, "To: <%s>", to);
	put(&sp, "Message-Id: <%s.%s@%s>", rw_macvalue(&mta->vm.env, 't'),
	    b.id, me);
	put(&sp, "MIME-Version: 1.0");
	put(&sp, "Content-Type: multipart/report; report-type=delivery-status;\n"
	    "\tboundary=\"%s\"", boundary);
	put(&sp, "Subject: %s", note->subject != NULL ? note->subject :
	    success ? "Successful Mail Delivery Report" :
	    "Returned mail: see transcript for details");
	put(&sp, "Auto-Submitted: auto-generated (%s)",
	    success ? "success" : delay ? "warning-timeout" : "failure");
	put(&sp, "%s", "");
	put(&sp, "This is a MIME-encapsulated message\n\n--%s\n", boundary);
	if (delay)
		put(&sp, "    **********************************************\n"
		    "    **      THIS IS A WARNING MESSAGE ONLY      **\n"
		    "    **  YOU DO NOT NEED TO RESEND YOUR MESSAGE  **\n"
		    "    **********************************************\n");
	put(&sp, "The original message was received at %s\nfrom %s\n",
	    date, q_env_macro(e, "_") != NULL ? q_env_macro(e, "_") : "localhost");
	if (delay) {
		if (note->nonfatal) {
			put(&sp, "   ----- The following addresses had transient "
			    "non-fatal errors -----");
			for (int i = 0; i < e->nrcpt; i++)
				if (mine(&e->rcpt[i], owner, note->kind))
					put(&sp, "<%s>", e->rcpt[i].addr);
			put(&sp, "%s", "");
		}
	} else if (success) {
		put(&sp, "   ----- The following addresses had successful "
		    "delivery notifications -----");
		for (int i = 0; i < e->nrcpt; i++)
			if (mine(&e->rcpt[i], owner, true))
				put(&sp, "<%s>  (successfully delivered to mailbox)",
				    e->rcpt[i].addr);
	} else {
		put(&sp, "   ----- The following addresses had permanent fatal "
		    "errors -----");
		for (int i = 0; i < e->nrcpt; i++)
			if (!mine(&e->rcpt[i], owner, DSN_FAILURE))
				continue;
			else if (timeout && (e->rcpt[i].diag == NULL ||
			    !is_reply(e->rcpt[i].diag)))
				put(&sp, "<%s>", e->rcpt[i].addr);
			else
				put(&sp, "<%s>\n    (reason: %.400s)",
				    e->rcpt[i].addr, e->rcpt[i].diag != NULL ?
				    e->rcpt[i].diag : "");
	}
	if (note->transcript != NULL) {
		if (!delay)
			put(&sp, "%s", "");
		put(&sp, "   ----- Transcript of session follows -----\n%s",
		    note->transcript);
	}
	put(&sp, "\n--%s\nContent-Type: message/delivery-status\n", boundary);
	if (e->envid != NULL) {
		char *v = unxtext(e->envid);
		put(&sp, "Original-Envelope-Id: %.800s", v);
		free(v);
	}
	put(&sp, "Reporting-MTA: dns; %s\nArrival-Date: %s", me, date);
	if (byd[0] != '\0')
		put(&sp, "Deliver-By-Date: %s", byd);
	char fr[1024];
	for (int i = 0; i < e->nrcpt; i++) {
		if (!mine(&e->rcpt[i], owner, note->kind))
			continue;
		if (success) {
			put(&sp, "%s", "");
			if (e->rcpt[i].orcpt != NULL) {
				char *v = unxtext(e->rcpt[i].orcpt);
				put(&sp, "Original-Recipient: %.800s", v);
				free(v);
			}
			final_rcpt(mta, e->rcpt[i].addr, fr, sizeof(fr));
			put(&sp, "Final-Recipient: %s\nAction: delivered "
			    "(to mailbox)\nStatus: 2.0.0\nLast-Attempt-Date: %s",
			    fr, rw_macvalue(&mta->vm.env, 'b'));
			continue;
		}
		if (e->rcpt[i].orcpt != NULL) {
			char *v = unxtext(e->rcpt[i].orcpt);
			put(&sp, "\nOriginal-Recipient: %.800s", v);
			free(v);
		}
		const char *d = e->rcpt[i].diag != NULL ? e->rcpt[i].diag : "";
		char status[16];
		dsn_status(&e->rcpt[i], note->kind, timeout, status,
		    sizeof(status));
		final_rcpt(mta, e->rcpt[i].addr, fr, sizeof(fr));
		put(&sp, "%sFinal-Recipient: %s\nAction: %s\n"
		    "Status: %s", e->rcpt[i].orcpt != NULL ? "" : "\n",
		    fr, delay ? "delayed" : "failed", status);
		/* a reply of the remote (or local) mailer; not our own words */
		if (!(d[0] == status[0] && d[1] == '.') &&
		    (is_reply(d) || !(timeout || delay)))
			put(&sp, "Diagnostic-Code: smtp; %.400s", d);
		put(&sp, "Last-Attempt-Date: %s", rw_macvalue(&mta->vm.env, 'b'));
		if (delay)
			put(&sp, "Will-Retry-Until: %s", until);
	}
	/* the whole message unless RET=HDRS, as sendmail returns it */
	bool full = e->ret != 'H';
	put(&sp, "\n--%s\nContent-Type: %s\n", boundary,
	    full ? "message/rfc822" : "text/rfc822-headers");
	FILE *df = queue_df_open(qdir, e->id);
	if (df != NULL) {
		struct buf line = BUF_INIT;
		char chunk[1024];
		long n = 0;
		bool inhdr = true;
		/* whole lines, however long; at most 10,000 of them */
		while (fgets(chunk, sizeof(chunk), df) != NULL && n < 10000) {
			size_t l = strcspn(chunk, "\n");
			buf_append(&line, chunk, l);
			if (chunk[l] != '\n' && !feof(df))
				continue;
			if (inhdr && line.len == 0) {
				if (!full)
					break;
				inhdr = false;
			}
			spool_line(&sp, buf_cstr(&line), line.len);
			buf_reset(&line);
			n++;
		}
		buf_fini(&line);
		fclose(df);
	}
	put(&sp, "\n--%s--", boundary);
	bool ok = spool_commit(&sp);
	if (ok && maillog_on(ML_DSN)) {
		/* the reason of the first recipient reported */
		struct buf why = BUF_INIT;
		for (int i = 0; i < e->nrcpt && !success; i++)
			if (mine(&e->rcpt[i], owner, false)) {
				maillog_failtext(e->rcpt[i].diag != NULL ?
				    e->rcpt[i].diag : "", false, &why);
				break;
			}
		maillog(ML_DSN, ML_INFO, e->id, "%s: %s: %s", b.id,
		    e->isbounce ? "return to sender" : "DSN",
		    success ? "Return receipt" : buf_cstr(&why));
		buf_fini(&why);
	}
	q_env_fini(&b);
	return ok;
}
