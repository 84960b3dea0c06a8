/*
 * bounce.c -- delivery status notifications (RFC 3464): a multipart/report
 * from MAILER-DAEMON to the envelope sender listing the recipients that
 * failed permanently, with the original headers attached.  A failed
 * bounce (null sender) goes to the postmaster instead; a failed double
 * bounce is only logged.  Failures of a list with an owner-LIST alias
 * go to that owner instead of the sender.  RFC 3461: recipients with
 * NOTIFY=SUCCESS get a "Return receipt": "delivered (to mailbox)" by a
 * local mailer (F=l), "relayed (to non-DSN-aware mailer)" past a next
 * hop without DSN, with sendmail's transcript lines (each delivery,
 * lists "expanded to multiple addresses") and X-Actual-Recipient.  ENVID
 * and ORCPT appear as Original-Envelope-Id and Original-Recipient; a
 * bounce returns the whole message (message/rfc822) unless RET=HDRS, a
 * return receipt only the headers (text/rfc822-headers), both with the
 * header fields sendmail keeps in its queue file.  dsn_queue also writes
 * the delay DSN (queue_time.c: "Warning: could not send message for
 * past 4 hours", Action: delayed) and a bounce's transcript lines.
 */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
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

/* an xtext value decoded, for the report (RFC 3464 2.2.1, 2.3.1) */
static char *
unxtext(const char *v)
{
	struct buf b = BUF_INIT;

	q_xtext_decode(v, &b);
	return buf_steal(&b);
}

void
dsn_showaddr(const struct q_env *e, const struct q_rcpt *r, struct buf *out)
{
	const char *a = r->addr;

	if (r->parent != NULL)
		buf_printf(out, a[0] == '|' ? "\"%s\"" : "%s", a);
	else if (q_env_macro(e, "r") != NULL && a[0] != '|' && a[0] != '/')
		buf_printf(out, "<%s>", a);
	else
		buf_puts(out, a);
}

int *
dsn_order(const struct q_env *e)
{
	int *ord = xcalloc((size_t)e->nrcpt + 1, sizeof(int));
	int n = 0, c = 0;

	/* the members come after every top-level recipient, in the order
	 * of the recipients they stand for */
	while (c < e->nrcpt && e->rcpt[c].parent == NULL)
		c++;
	int firstchild = c;
	for (int i = 0; i < firstchild; i++) {
		ord[n++] = i;
		while (c < e->nrcpt && e->rcpt[c].top != NULL &&
		    strcmp(e->rcpt[c].top, e->rcpt[i].addr) == 0)
			ord[n++] = c++;
	}
	while (c < e->nrcpt)
		ord[n++] = c++;
	return ord;
}

/* X-Actual-Recipient: what was delivered to ("X-Unix; |prog") */
static void
actual_rcpt(struct mta *mta, const char *addr, struct buf *out)
{
	const char *me = rw_macvalue(&mta->vm.env, 'j');
	size_t n = strlen(addr);

	if (n > 2 && addr[0] == '"' && addr[n - 1] == '"' &&
	    (addr[1] == '|' || addr[1] == '/'))
		buf_printf(out, "X-Unix; %.*s", (int)(n > 802 ? 800 : n - 2),
		    addr + 1);
	else if (addr[0] == '|' || addr[0] == '/')
		buf_printf(out, "X-Unix; %.800s", addr);
	else if (strchr(addr, '@') == NULL && me != NULL)
		buf_printf(out, "rfc822; %.700s@%.100s", addr, me);
	else
		buf_printf(out, "rfc822; %.800s", addr);
}

/* the lines of a success DSN's first part for recipient r */
static void
success_line(struct spool *sp, const struct q_env *e, const struct q_rcpt *r)
{
	struct buf a = BUF_INIT;

	dsn_showaddr(e, r, &a);
	put(sp, "%s  (%s)", a.s, r->dsnrelayed ?
	    "relayed to non-DSN-aware mailer" :
	    "successfully delivered to mailbox");
	if (r->parent != NULL)
		put(sp, "    (expanded from: %s)", r->parent);
	buf_fini(&a);
}

/* the first part's list of the successes reported (owner as mine()) */
static void
success_listing(struct spool *sp, const struct q_env *e, const char *owner,
    const int *ord, int *nlisted)
{
	/* those delivered, then those relayed (sendmail's order) */
	for (int pass = 0; pass < 2; pass++)
		for (int o = 0; o < e->nrcpt; o++) {
			const struct q_rcpt *r = &e->rcpt[ord[o]];
			if (!mine(r, owner, DSN_SUCCESS) ||
			    r->dsnrelayed != (pass == 1))
				continue;
			if ((*nlisted)++ == 0)
				put(sp, "   ----- The following addresses had "
				    "successful delivery notifications -----");
			success_line(sp, e, r);
		}
}

/* the per-recipient fields of a success DSN for r */
static void
success_fields(struct mta *mta, struct spool *sp, const struct q_rcpt *r)
{
	char fr[1024];
	struct buf act = BUF_INIT;

	put(sp, "%s", "");
	if (r->orcpt != NULL) {
		char *v = unxtext(r->orcpt);
		put(sp, "Original-Recipient: %.800s", v);
		free(v);
	}
	final_rcpt(mta, r->top != NULL ? r->top : r->addr, fr, sizeof(fr));
	actual_rcpt(mta, r->addr, &act);
	put(sp, "Final-Recipient: %s\nX-Actual-Recipient: %s", fr, act.s);
	if (r->dsnrelayed) {
		put(sp, "Action: relayed (to non-DSN-aware mailer)\n"
		    "Status: 2.0.0");
		if (r->dsnmta != NULL && r->dsnmta[0] != '\0')
			put(sp, "Remote-MTA: DNS; %.300s", r->dsnmta);
		if (r->dsnreply != NULL && r->dsnreply[0] != '\0')
			put(sp, "Diagnostic-Code: SMTP; %.400s", r->dsnreply);
	} else
		put(sp, "Action: delivered (to mailbox)\nStatus: 2.1.5");
	put(sp, "Last-Attempt-Date: %s", rw_macvalue(&mta->vm.env, 'b'));
	buf_fini(&act);
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

/*
 * The original message's header block as sendmail returns it: the
 * configuration's headers its queue file holds (Return-Path, Date, From,
 * Message-Id, ... -- the H lines of every mailer, the message's own
 * fields first) in delivery order: Return-Path, the Received lines, the
 * added ones, then the message's.  Leaves df at the body.
 */
static void
orig_headers(struct mta *mta, struct q_env *e, FILE *df, struct buf *out)
{
	struct buf hdrs = BUF_INIT, add = BUF_INIT, line = BUF_INIT;
	struct cf_mailer any;
	char chunk[1024];
	long n = 0;

	/* whole lines, however long; at most 10,000 of them */
	while (n < 10000 && fgets(chunk, sizeof(chunk), df) != NULL) {
		size_t l = strcspn(chunk, "\n");
		buf_append(&line, chunk, l);
		if (chunk[l] != '\n' && !feof(df))
			continue;
		if (line.len == 0)
			break;
		buf_printf(&hdrs, "%s\n", buf_cstr(&line));
		buf_reset(&line);
		n++;
	}
	buf_fini(&line);
	memset(&any, 0, sizeof(any));
	memset(any.flags, 0xff, sizeof(any.flags));
	hdr_setdates(mta, e->ctime);
	rw_mactab_set(&mta->vm.envmac, 'i', e->id);
	hdr_for_mailer(mta, &any, buf_cstr(&hdrs), &add);
	const char *p, *h = buf_cstr(&hdrs);
	for (p = buf_cstr(&add); *p != '\0'; p += strcspn(p, "\n") + 1)
		if (strncasecmp(p, "Return-Path:", 12) == 0)
			buf_append(out, p, strcspn(p, "\n") + 1);
	/* the leading Received lines (with their continuations) */
	bool inrcvd = false;
	for (; *h != '\0'; h += strcspn(h, "\n") + 1) {
		if (strncasecmp(h, "Received:", 9) == 0)
			inrcvd = true;
		else if (!(inrcvd && (*h == ' ' || *h == '\t')))
			break;
		buf_append(out, h, strcspn(h, "\n") + 1);
	}
	for (p = buf_cstr(&add); *p != '\0'; p += strcspn(p, "\n") + 1)
		if (strncasecmp(p, "Return-Path:", 12) != 0)
			buf_append(out, p, strcspn(p, "\n") + 1);
	buf_puts(out, h);
	buf_fini(&hdrs);
	buf_fini(&add);
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
	int nlisted = 0;
	int *ord;

	if (me == NULL)
		me = "localhost";
	/*
	 * Without a sender to return it to (<>, as every DSN has), the
	 * report goes to DoubleBounceAddress (macros expanded; default
	 * postmaster; empty: nowhere); when that report fails, it is lost.
	 */
	struct buf dbl = BUF_INIT;
	bool dbounce = owner == NULL && e->sender[0] == '\0' &&
	    note->pmcopy == NULL;
	if (dbounce) {
		const char *v = mta->cf.optv[OPT_DOUBLEBOUNCEADDRESS];
		if (v == NULL)
			buf_puts(&dbl, "postmaster");
		else
			rw_expand(&mta->vm.env, v, &dbl, MAXLINE, NULL);
		if (e->isdouble || dbl.len == 0) {
			maillog(ML_DSN, ML_ERR, e->id, "double bounce dropped");
			buf_fini(&dbl);
			return true;
		}
	}
	if (!dbounce)
		buf_puts(&dbl, note->pmcopy != NULL ? note->pmcopy :
		    owner != NULL ? owner : e->sender);
	to = dbl.s;	/* (dbl: freed at the end) */
	/* the original's headers now, while $i, $b are still its own */
	struct buf ohdr = BUF_INIT;
	FILE *df = queue_df_open(qdir, e->id);
	if (df != NULL)
		orig_headers(mta, e, df, &ohdr);
	q_env_init(&b);
	b.sender = xstrdup("");
	b.isbounce = true;
	b.isdouble = dbounce;
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
		buf_fini(&ohdr);
		buf_fini(&dbl);
		if (df != NULL)
			fclose(df);
		return false;
	}
	ord = dsn_order(e);
	snprintf(boundary, sizeof(boundary), "%s.%ld/%s", b.id,
	    (long)b.ctime, me);
	hdr_setdates(mta, b.ctime);
	/* the cf's Received, as for mail from this host ("from localhost
	 * (localhost) by $j ... id $i") */
	struct buf rcvd = BUF_INIT;
	rw_mactab_set(&mta->vm.envmac, 's', "localhost");
	rw_mactab_set(&mta->vm.envmac, '_', "localhost");
	rw_mactab_set(&mta->vm.envmac, 'r', NULL);
	rw_mactab_set(&mta->vm.envmac, 'u', NULL);
	if (hdr_expand_cf(mta, "Received", &rcvd))
		put(&sp, "Received: %s", buf_cstr(&rcvd));
	buf_fini(&rcvd);
	put(&sp, "Date: %s", rw_macvalue(&mta->vm.env, 'b'));
	/* unqualified: each mailer's header rulesets qualify it (or not) */
	put(&sp, "From: Mail Delivery Subsystem <MAILER-DAEMON>");
	put(&sp, "Message-Id: <%s.%s@%s>", rw_macvalue(&mta->vm.env, 't'),
	    b.id, me);
	/* the address as given: a PostmasterCopy name stays bare, so
	 * does a sender given without <> on the command line (-f) */
	put(&sp, note->pmcopy != NULL || (!dbounce && owner == NULL &&
	    e->senderbare) ? "To: %s" : "To: <%s>", to);
	put(&sp, "MIME-Version: 1.0");
	put(&sp, "Content-Type: multipart/report; report-type=delivery-status;\n"
	    "\tboundary=\"%s\"", boundary);
	put(&sp, "Subject: %s", note->subject != NULL ? note->subject :
	    success ? "Return receipt" : note->pmcopy != NULL ?
	    "Postmaster notify: see transcript for details" :
	    "Returned mail: see transcript for details");
	put(&sp, "Auto-Submitted: auto-generated (%s)",
	    success ? "return-receipt" : delay ? "warning-timeout" :
	    note->pmcopy != NULL ? "postmaster-notification" : "failure");
	put(&sp, "%s", "");
	put(&sp, "This is a MIME-encapsulated message\n\n--%s\n", boundary);
	if (delay)
		put(&sp, "    **********************************************\n"
		    "    **      THIS IS A WARNING MESSAGE ONLY      **\n"
		    "    **  YOU DO NOT NEED TO RESEND YOUR MESSAGE  **\n"
		    "    **********************************************\n");
	put(&sp, "The original message was received at %s\nfrom %s",
	    date, q_env_macro(e, "_") != NULL ? q_env_macro(e, "_") : "localhost");
	/* the postmaster's copy names the queue id too */
	if (note->pmcopy != NULL)
		put(&sp, "with id %s", e->id);
	put(&sp, "%s", "");
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
		success_listing(&sp, e, owner, ord, &nlisted);
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
		/* the successes of the same run, in the same report */
		if (note->with_success) {
			put(&sp, "%s", "");
			success_listing(&sp, e, NULL, ord, &nlisted);
		}
	}
	const char *sl = note->run_lines != NULL ? note->run_lines : "";
	const char *tl = note->transcript != NULL ? note->transcript : "";
	if (note->transcript != NULL || sl[0] != '\0') {
		if (!delay && !(success && nlisted == 0))
			put(&sp, "%s", "");
		put(&sp, "   ----- Transcript of session follows -----");
		if (sl[0] != '\0')
			put(&sp, "%s", sl);
		if (note->transcript != NULL)
			put(&sp, "%s", tl);
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
	for (int pass = 0; (success || note->with_success) && pass < 2; pass++)
		for (int o = 0; o < e->nrcpt; o++)
			if (mine(&e->rcpt[ord[o]], success ? owner : NULL,
			    DSN_SUCCESS) && e->rcpt[ord[o]].dsnrelayed == (pass == 1))
				success_fields(mta, &sp, &e->rcpt[ord[o]]);
	free(ord);
	for (int i = 0; i < e->nrcpt && !success; i++) {
		if (!mine(&e->rcpt[i], owner, note->kind))
			continue;
		if (e->rcpt[i].orcpt != NULL) {
			char *v = unxtext(e->rcpt[i].orcpt);
			put(&sp, "\nOriginal-Recipient: %.800s", v);
			free(v);
		}
		const char *d = e->rcpt[i].diag != NULL ? e->rcpt[i].diag : "";
		char status[16];
		dsn_status(&e->rcpt[i], note->kind, timeout, status,
		    sizeof(status));
		const struct q_rcpt *r = &e->rcpt[i];
		final_rcpt(mta, r->addr, fr, sizeof(fr));
		put(&sp, "%sFinal-Recipient: %s", r->orcpt != NULL ? "" : "\n",
		    fr);
		/* a failure of a delivery in this run: what was attempted,
		 * the next hop, the mailer's T= diagnostic type */
		bool now = !delay && r->dsntype != NULL;
		if (now) {
			struct buf act = BUF_INIT;
			actual_rcpt(mta, r->addr, &act);
			put(&sp, "X-Actual-Recipient: %s", act.s);
			buf_fini(&act);
		}
		put(&sp, "Action: %s\nStatus: %s", delay ? "delayed" : "failed",
		    status);
		if (now && r->dsnmta != NULL && r->dsnmta[0] != '\0')
			put(&sp, "Remote-MTA: DNS; %.300s", r->dsnmta);
		/* a reply of the remote (or local) mailer; not our own words */
		if (!(d[0] == status[0] && d[1] == '.') &&
		    (is_reply(d) || !(timeout || delay)))
			put(&sp, "Diagnostic-Code: %s; %.400s", now ? r->dsntype :
			    "smtp", d);
		put(&sp, "Last-Attempt-Date: %s", rw_macvalue(&mta->vm.env, 'b'));
		if (delay)
			put(&sp, "Will-Retry-Until: %s", until);
	}
	/* the whole message unless RET=HDRS, as sendmail returns it; a
	 * return receipt only its headers */
	bool full = e->ret != 'H' && !success && note->pmcopy == NULL;
	put(&sp, "\n--%s\nContent-Type: %s\n", boundary,
	    full ? "message/rfc822" : "text/rfc822-headers");
	if (ohdr.len > 0) {
		ohdr.s[--ohdr.len] = '\0';	/* put adds the last \n */
		put(&sp, "%s", buf_cstr(&ohdr));
	}
	buf_fini(&ohdr);
	if (df != NULL && full) {
		struct buf line = BUF_INIT;
		char chunk[1024];
		long n = 0;
		spool_line(&sp, "", 0);
		/* whole lines, however long; at most 10,000 of them */
		while (fgets(chunk, sizeof(chunk), df) != NULL && n < 10000) {
			size_t l = strcspn(chunk, "\n");
			buf_append(&line, chunk, l);
			if (chunk[l] != '\n' && !feof(df))
				continue;
			spool_line(&sp, buf_cstr(&line), line.len);
			buf_reset(&line);
			n++;
		}
		buf_fini(&line);
	}
	if (df != NULL)
		fclose(df);
	put(&sp, "\n--%s--\n", boundary);
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
		    note->pmcopy != NULL ? "postmaster notify" :
		    e->isbounce ? "return to sender" : "DSN",
		    success ? "Return receipt" : buf_cstr(&why));
		buf_fini(&why);
	}
	q_env_fini(&b);
	buf_fini(&dbl);
	return ok;
}
