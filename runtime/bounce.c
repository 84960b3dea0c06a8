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
 * RET only its headers (text/rfc822-headers).
 */
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

/* the failed recipients bounce_queue reports: those of this owner */
static bool
mine(const struct q_rcpt *r, const char *owner, bool success)
{
	if (success)
		return r->dsnsuccess;
	if (r->stat != QR_FAILED)
		return false;
	if (owner == NULL || r->owner == NULL)
		return owner == r->owner;
	return strcmp(owner, r->owner) == 0;
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
	struct q_env b;
	struct spool sp;
	const char *me = rw_macvalue(&mta->vm.env, 'j');
	const char *to;
	char boundary[64];
	char date[64];

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
	put(&sp, "Subject: %s", success ? "Successful Mail Delivery Report" :
	    "Returned mail: see transcript for details");
	put(&sp, "Auto-Submitted: auto-generated (%s)",
	    success ? "success" : "failure");
	put(&sp, "%s", "");
	put(&sp, "This is a MIME-encapsulated message\n\n--%s\n", boundary);
	put(&sp, "The original message was received at %s\nfrom %s\n",
	    date, q_env_macro(e, "_") != NULL ? q_env_macro(e, "_") : "localhost");
	if (success) {
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
			if (mine(&e->rcpt[i], owner, false))
				put(&sp, "<%s>\n    (reason: %.400s)",
				    e->rcpt[i].addr, e->rcpt[i].diag != NULL ?
				    e->rcpt[i].diag : "");
	}
	put(&sp, "\n--%s\nContent-Type: message/delivery-status\n", boundary);
	if (e->envid != NULL) {
		char *v = unxtext(e->envid);
		put(&sp, "Original-Envelope-Id: %.800s", v);
		free(v);
	}
	put(&sp, "Reporting-MTA: dns; %s\nArrival-Date: %s", me, date);
	for (int i = 0; i < e->nrcpt; i++) {
		if (!mine(&e->rcpt[i], owner, success))
			continue;
		if (success) {
			put(&sp, "%s", "");
			if (e->rcpt[i].orcpt != NULL) {
				char *v = unxtext(e->rcpt[i].orcpt);
				put(&sp, "Original-Recipient: %.800s", v);
				free(v);
			}
			put(&sp, "Final-Recipient: RFC822; %s\nAction: delivered "
			    "(to mailbox)\nStatus: 2.0.0\nLast-Attempt-Date: %s",
			    e->rcpt[i].addr, rw_macvalue(&mta->vm.env, 'b'));
			continue;
		}
		if (e->rcpt[i].orcpt != NULL) {
			char *v = unxtext(e->rcpt[i].orcpt);
			put(&sp, "\nOriginal-Recipient: %.800s", v);
			free(v);
		}
		const char *d = e->rcpt[i].diag != NULL ? e->rcpt[i].diag : "";
		char status[16] = "5.0.0";
		if (strlen(d) > 5 && d[3] == ' ' && d[4] == '5' && d[5] == '.')
			snprintf(status, sizeof(status), "%.*s",
			    (int)strcspn(d + 4, " "), d + 4);
		put(&sp, "%sFinal-Recipient: RFC822; %s\nAction: failed\n"
		    "Status: %s\nDiagnostic-Code: smtp; %.400s\n"
		    "Last-Attempt-Date: %s", e->rcpt[i].orcpt != NULL ? "" : "\n",
		    e->rcpt[i].addr, status, d,
		    rw_macvalue(&mta->vm.env, 'b'));
	}
	bool full = e->ret == 'F';
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
