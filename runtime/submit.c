/*
 * submit.c -- mail submitted on standard input (-bm, the default, and -t):
 * the MSP role.  The sender is -f or the invoking user, the recipients
 * the arguments or (-t) the To:/Cc:/Bcc: headers, Bcc: removed; a line
 * with a single "." ends the message unless -i / -oi (IgnoreDots).  The
 * message is queued (QueueDirectory) and then delivered per DeliveryMode.
 */
#include <ctype.h>
#include <pwd.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

#include "deliver.h"
#include "hdr.h"
#include "maillog.h"
#include "modes.h"
#include "policy.h"
#include "sio.h"
#include "spool.h"
#include "xmem.h"

#define SUBMIT_LINEMAX	(64 * 1024)

/* split an address list header value on commas outside quotes and <> */
static void
add_list(struct q_env *e, const char *v)
{
	struct buf a = BUF_INIT;
	bool q = false;
	int ang = 0, par = 0;

	for (const char *p = v;; p++) {
		if (*p == '\0' || (*p == ',' && !q && ang == 0 && par == 0)) {
			/* keep the route-addr if there is one */
			const char *s = buf_cstr(&a), *lt = strrchr(s, '<');
			struct buf one = BUF_INIT;
			if (lt != NULL && strchr(lt, '>') != NULL)
				buf_append(&one, lt + 1, strcspn(lt + 1, ">"));
			else {
				while (isspace((unsigned char)*s))
					s++;
				buf_puts(&one, s);
				while (one.len > 0 &&
				    isspace((unsigned char)one.s[one.len - 1]))
					buf_truncate(&one, one.len - 1);
			}
			if (one.len > 0 && strchr(one.s, ':') == NULL &&
			    e->nrcpt < Q_MAXRCPT)
				q_env_addrcpt(e, one.s);
			buf_fini(&one);
			buf_reset(&a);
			if (*p == '\0')
				break;
			continue;
		}
		if (*p == '"')
			q = !q;
		else if (!q && *p == '<')
			ang++;
		else if (!q && *p == '>' && ang > 0)
			ang--;
		else if (!q && *p == '(')
			par++;
		else if (!q && *p == ')' && par > 0)
			par--;
		if (par == 0 || *p == ')')
			buf_addch(&a, *p == '\n' || *p == '\t' ? ' ' : *p);
		if (a.len > MAXLINE)
			buf_truncate(&a, MAXLINE);
	}
	buf_fini(&a);
}

/* recipients from To:, Cc:, Bcc: (unfolded header block) */
static void
rcpts_from_headers(struct q_env *e, const char *hdrs)
{
	static const char *const names[] = { "To", "Cc", "Bcc" };
	const char *p = hdrs;

	while (*p != '\0') {
		const char *eol = p;
		/* the field with its continuation lines */
		do {
			eol = strchr(eol, '\n');
			if (eol == NULL)
				eol = p + strlen(p);
			else
				eol++;
		} while (*eol == ' ' || *eol == '\t');
		for (size_t i = 0; i < 3; i++) {
			size_t n = strlen(names[i]);
			if (strncasecmp(p, names[i], n) == 0 && p[n] == ':') {
				char *v = xstrndup(p + n + 1, (size_t)(eol - p - n - 1));
				add_list(e, v);
				free(v);
			}
		}
		p = eol;
	}
}

int
submit_main(struct mta *mta, const struct mode_args *a)
{
	struct q_env e;
	struct spool sp;
	struct sio io;
	struct buf line = BUF_INIT, sender = BUF_INIT;
	enum sio_eol eol;
	const char *qdir = mta_qdir(&mta->cf);
	bool ignoredots = mta_optbool(&mta->cf, OPT_IGNOREDOTS, false);
	bool first = true, tmp_rcpts = false;

	q_env_init(&e);
	if (a->from != NULL)
		buf_puts(&sender, a->from);
	else {
		struct passwd *pw = getpwuid(getuid());
		buf_puts(&sender, pw != NULL ? pw->pw_name : "nobody");
	}
	if (sender.len >= 2 && sender.s[0] == '<' &&
	    sender.s[sender.len - 1] == '>') {
		memmove(sender.s, sender.s + 1, sender.len - 2);
		buf_truncate(&sender, sender.len - 2);
	} else
		e.senderbare = true;	/* its DSNs say "To: addr" */
	e.sender = buf_steal(&sender);
	if (a->fullname != NULL)
		e.fullname = xstrdup(a->fullname);
	if (!a->tflag)
		for (int i = 0; i < a->nrcpts; i++)
			add_list(&e, a->rcpts[i]);
	if (e.nrcpt == 0 && !a->tflag) {
		fprintf(stderr, "Recipient names must be specified\n");
		q_env_fini(&e);
		return EX_USAGE;
	}
	/* the Received header wants $u; with -t it is not known yet */
	if (a->tflag) {
		q_env_addrcpt(&e, "");
		q_env_addrcpt(&e, "");
		tmp_rcpts = true;
	}
	q_env_setmacro(&e, "_", rw_macvalue(&mta->vm.env, '_'));
	rw_mactab_set(&mta->vm.envmac, 'f', e.sender);
	if (!spool_begin(&sp, mta, &e, qdir, true)) {
		log_warn("cannot create a data file in %s", qdir);
		q_env_fini(&e);
		return EX_CANTCREAT;
	}
	long size0 = sp.size;	/* the Received header is not counted */
	sio_init(&io, 0, -1, 0);
	for (;;) {
		int r = sio_getline(&io, &line, SUBMIT_LINEMAX, &eol);
		if (r <= 0)
			break;
		if (r == 2 && sp.err == SPOOL_OK)
			sp.err = SPOOL_LINE;
		if (line.len > 0 && line.s[line.len - 1] == '\r')
			buf_truncate(&line, line.len - 1);
		if (!ignoredots && line.len == 1 && line.s[0] == '.')
			break;
		/* a mailbox "From " line is not a header */
		if (first && line.len >= 5 && strncmp(line.s, "From ", 5) == 0) {
			first = false;
			continue;
		}
		first = false;
		/* -t: Bcc: is not passed on (nor its continuation lines) */
		if (a->tflag && !sp.inbody && line.len >= 4 &&
		    strncasecmp(line.s, "Bcc:", 4) == 0) {
			buf_puts(&sp.hdrs, line.s);
			buf_addch(&sp.hdrs, '\n');
			continue;
		}
		spool_line(&sp, line.s, line.len);
	}
	buf_fini(&line);
	sio_fini(&io);
	if (a->tflag) {
		/* drop the placeholder, then take the headers' recipients */
		free(e.rcpt[0].addr);
		free(e.rcpt[1].addr);
		e.nrcpt = 0;
		rcpts_from_headers(&e, buf_cstr(&sp.hdrs));
		/* addresses given as arguments are removed (sendmail -t) */
		for (int i = 0; i < a->nrcpts; i++)
			for (int k = 0; k < e.nrcpt; k++)
				if (strcasecmp(e.rcpt[k].addr, a->rcpts[i]) == 0) {
					e.rcpt[k].stat = QR_SENT;
				}
		(void)tmp_rcpts;
		if (e.nrcpt == 0) {
			spool_abort(&sp);
			fprintf(stderr, "No recipient addresses found in header\n");
			q_env_fini(&e);
			return EX_USAGE;
		}
	}
	/* -N, -R, -V: RFC 3461 for the whole submission, as sendmail's */
	for (int i = 0; i < e.nrcpt && a->notify != 0; i++)
		e.rcpt[i].notify = a->notify;
	e.ret = a->ret;
	if (a->body != NULL && e.body == NULL)
		e.body = xstrdup(a->body);
	if (a->envid != NULL)
		e.envid = xstrdup(a->envid);
	if (sp.err != SPOOL_OK) {
		const char *why = sp.err == SPOOL_TOOBIG ? "Message too large" :
		    sp.err == SPOOL_LINE ? "Line too long" :
		    sp.err == SPOOL_HOPS ? "Too many hops" :
		    sp.err == SPOOL_HDRTOOBIG ? "Headers too large" : "I/O error";
		spool_abort(&sp);
		fprintf(stderr, "cfmta: %s; message not sent\n", why);
		q_env_fini(&e);
		return sp.err == SPOOL_IOERR ? EX_IOERR : EX_DATAERR;
	}
	struct buf msgid = BUF_INIT;	/* for the log, before commit */
	if (maillog_on(ML_FROM)) {
		maillog_msgid(buf_cstr(&sp.hdrs), &msgid);
		if (msgid.len == 0)
			(void)hdr_expand_cf(mta, "Message-Id", &msgid);
	}
	if (!spool_commit(&sp)) {
		buf_fini(&msgid);
		log_warn("cannot queue the message in %s", qdir);
		q_env_fini(&e);
		return EX_CANTCREAT;
	}
	char id[Q_IDLEN + 1];
	snprintf(id, sizeof(id), "%s", e.id);
	if (maillog_on(ML_FROM)) {
		struct maillog_from f;
		memset(&f, 0, sizeof(f));
		f.id = id;
		f.sender = e.sender;
		f.size = sp.size - size0;
		f.nrcpts = e.nrcpt;
		f.msgid = msgid.len > 0 ? msgid.s : NULL;
		f.bodytype = e.body;
		f.relay = rw_macvalue(&mta->vm.env, '_');
		maillog_from(&f);
	}
	buf_fini(&msgid);
	q_env_fini(&e);
	deliver_after_accept(mta, qdir, id);
	return EX_OK;
}
