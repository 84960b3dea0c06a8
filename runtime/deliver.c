/*
 * deliver.c -- one delivery attempt of a queued message: lock the control
 * file, restore the envelope macros, resolve each pending recipient with
 * rulesets 3,0 (addr.c), group [IPC] recipients by mailer and host, hand
 * them to deliver_smtp/deliver_prog, record the outcome per recipient,
 * bounce permanent failures (bounce.c), retry the rest; how long they
 * may stay queued is queue_time.c's (queuewarn, queuereturn, BY=).
 */
#include <ctype.h>
#include <errno.h>
#include <pwd.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/wait.h>
#include <unistd.h>

#include "alias_expand.h"
#include "deliver.h"
#include "hdr.h"
#include "loadavg.h"
#include "maillog.h"
#include "map.h"
#include "policy.h"
#include "queue_time.h"
#include "spool.h"
#include "xmem.h"

/* first error message reported while resolving an address */
struct capture {
	struct buf text;
};

static void
cap_emit(void *arg, enum rw_msgkind kind, const char *to, const char *text)
{
	struct capture *c = arg;

	if (kind == RWM_PRINT || kind == RWM_MESSAGE || c->text.len > 0)
		return;
	(void)to;
	buf_puts(&c->text, text);
}

/* one header line (no newline) as mailer m gets it */
static void
put_hdrline(const struct cf_mailer *m, FILE *out, const char *s, size_t n,
    bool smtp_dots, const char *eol)
{
	if (smtp_dots && n > 0 && s[0] == '.')
		fputc('.', out);
	if (MAILER_HAS(m, '7'))
		for (size_t i = 0; i < n; i++)
			fputc(s[i] & 0x7f, out);
	else
		fwrite(s, 1, n, out);
	fputs(eol, out);
}

/* every line of text (LF-separated, the last may lack it) */
static void
put_hdrlines(const struct cf_mailer *m, FILE *out, const char *s, size_t n,
    bool smtp_dots, const char *eol)
{
	const char *end = s + n;

	while (s < end) {
		const char *nl = memchr(s, '\n', (size_t)(end - s));
		size_t k = nl != NULL ? (size_t)(nl - s) : (size_t)(end - s);
		put_hdrline(m, out, s, k, smtp_dots, eol);
		s += k + (nl != NULL);
	}
}

/*
 * One field (its first line and continuation lines, each ending in LF)
 * for mailer m: Bcc left out, the addresses of sender and recipient
 * fields rewritten (hdr.c), anything else as it was.
 */
static void
put_field(struct mta *mta, const struct cf_mailer *m, FILE *out,
    const char *f, size_t n, bool oldstyle, bool smtp_dots, const char *eol)
{
	size_t k = strcspn(f, ": \t\n");
	const char *colon = memchr(f, ':', n);
	enum hdr_kind kind = HK_OTHER;

	/* "Name:" or "Name :" makes a field; other lines go as they are */
	if (colon != NULL && k > 0 && k < n) {
		const char *q = f + k;
		while (q < colon && (*q == ' ' || *q == '\t'))
			q++;
		if (q == colon)
			kind = hdr_kind(f, k);
	}
	if (kind == HK_BCC || (kind == HK_CHECK && !hdr_check_keep(mta, m, f, k)))
		return;
	if (kind == HK_FROM || kind == HK_RCPT) {
		struct buf name = BUF_INIT, value = BUF_INIT, res = BUF_INIT;
		const char *v = colon + 1, *end = f + n;
		bool ok;

		while (end > v && end[-1] == '\n')
			end--;
		while (v < end && (*v == ' ' || *v == '\t'))
			v++;
		buf_append(&name, f, k);
		buf_append(&value, v, (size_t)(end - v));
		ok = hdr_rewrite_field(mta, m, buf_cstr(&name),
		    buf_cstr(&value), oldstyle, &res);
		if (ok)
			put_hdrlines(m, out, buf_cstr(&res), res.len, smtp_dots,
			    eol);
		buf_fini(&name);
		buf_fini(&value);
		buf_fini(&res);
		if (ok)
			return;
	}
	put_hdrlines(m, out, f, n, smtp_dots, eol);
}

/* length of the field at p: its line and the continuation lines */
static size_t
field_len(const char *p)
{
	const char *q = p;

	do {
		q += strcspn(q, "\n");
		if (*q == '\n')
			q++;
	} while (*q == ' ' || *q == '\t');
	return (size_t)(q - p);
}

void
deliver_writemsg(struct mta *mta, const struct cf_mailer *m, struct q_env *e,
    FILE *df, FILE *out, bool smtp_dots, const char *eol)
{
	struct buf hdrs = BUF_INIT, add = BUF_INIT, rest = BUF_INIT;
	char line[8192];
	bool bol = true, sep = false;

	(void)e;
	/* the message's own header block, up to the blank line */
	rewind(df);
	while (fgets(line, sizeof(line), df) != NULL) {
		if (bol && line[0] == '\n') {
			sep = true;
			break;
		}
		size_t n = strlen(line);
		buf_puts(&hdrs, line);
		/* (a NUL byte ends what fgets gives early) */
		bol = n == 0 || line[n - 1] == '\n';
	}
	if (!bol)
		buf_addch(&hdrs, '\n');
	hdr_for_mailer(mta, m, buf_cstr(&hdrs), &add);
	if (MAILER_HAS(m, 'U')) {
		const char *g = rw_macvalue(&mta->vm.env, 'g');
		const char *d = rw_macvalue(&mta->vm.env, 'd');
		fprintf(out, "From %s  %s%s", g != NULL && *g ? g : "MAILER-DAEMON",
		    d != NULL ? d : "", eol);
	}
	/*
	 * sendmail's order: Return-Path, the Received lines, the other
	 * headers the mailer adds, then the message's own headers.
	 */
	for (const char *p = buf_cstr(&add); *p != '\0';) {
		size_t n = strcspn(p, "\n");
		if (strncasecmp(p, "Return-Path:", 12) == 0)
			put_hdrline(m, out, p, n, false, eol);
		else {
			buf_append(&rest, p, n);
			buf_addch(&rest, '\n');
		}
		p += n;
		if (*p == '\n')
			p++;
	}
	bool oldstyle = hdr_oldstyle(buf_cstr(&hdrs)), restdone = false;
	const char *p = buf_cstr(&hdrs);
	for (;;) {
		size_t n = *p != '\0' ? field_len(p) : 0;
		if (!restdone && (n == 0 || strncasecmp(p, "Received:", 9) != 0)) {
			for (const char *r = buf_cstr(&rest); *r != '\0';) {
				size_t k = field_len(r);
				put_field(mta, m, out, r, k, oldstyle, false, eol);
				r += k;
			}
			restdone = true;
		}
		if (n == 0)
			break;
		put_field(mta, m, out, p, n, oldstyle, smtp_dots, eol);
		p += n;
	}
	buf_fini(&rest);
	buf_fini(&hdrs);
	buf_fini(&add);
	if (!sep)
		return;
	fputs(eol, out);
	/* the body */
	bol = true;
	while (fgets(line, sizeof(line), df) != NULL) {
		size_t n = strlen(line);
		bool nl = n > 0 && line[n - 1] == '\n';
		if (nl)
			line[--n] = '\0';
		if (bol) {
			if (smtp_dots && line[0] == '.')
				fputc('.', out);
			if (MAILER_HAS(m, 'E') && strncmp(line, "From ", 5) == 0)
				fputc('>', out);
		}
		if (MAILER_HAS(m, '7'))
			for (size_t i = 0; i < n; i++)
				line[i] &= 0x7f;
		fwrite(line, 1, n, out);
		if (nl)
			fputs(eol, out);
		bol = nl;
	}
	if (!bol)
		fputs(eol, out);
}

static void
restore_macros(struct mta *mta, struct q_env *e)
{
	for (int i = 0; i < e->nmacro; i++) {
		char *eq = strchr(e->macro[i], '=');
		if (eq == NULL)
			continue;
		*eq = '\0';
		if (e->macro[i][1] == '\0')
			rw_mactab_set(&mta->vm.envmac,
			    (unsigned char)e->macro[i][0], eq + 1);
		else
			policy_setmacro(mta, e->macro[i], eq + 1);
		*eq = '=';
	}
	rw_mactab_set(&mta->vm.envmac, 'i', e->id);
	rw_mactab_set(&mta->vm.envmac, 'f',
	    e->sender[0] != '\0' ? e->sender : "<>");
	rw_mactab_set(&mta->vm.envmac, 'x', e->fullname);
	hdr_setdates(mta, e->ctime);
}

static void
set_result(struct dlv_result *r, enum dlv_stat st, const char *text)
{
	size_t n = strlen(text);

	/* a longer reply is cut (policy replies may be up to 1 KB) */
	if (n >= sizeof(r->text))
		n = sizeof(r->text) - 1;
	r->st = st;
	memcpy(r->text, text, n);
	r->text[n] = '\0';
}

struct job {
	int	 idx;			/* recipient index in the envelope */
	char	*mailer, *host, *user;
	const struct cf_mailer *m;
	const char *sender;		/* owner-LIST, or NULL: the sender */
	long	 uid, gid;		/* from alias expansion, or -1 */
	struct dlv_result res;
	bool	 done;
};

static bool
is_smtp(const struct cf_mailer *m)
{
	return m != NULL && m->path != NULL && strcmp(m->path, "[IPC]") == 0;
}

/* jobs a and b go to the same SMTP server in one transaction */
static bool
same_transaction(const struct job *a, const struct job *b)
{
	return a->m == b->m && is_smtp(a->m) &&
	    strcasecmp(a->host, b->host) == 0 &&
	    (a->sender == NULL) == (b->sender == NULL) &&
	    (a->sender == NULL || strcmp(a->sender, b->sender) == 0);
}

/* a recipient as the log names it: <addr> as it came by SMTP, bare
 * from the command line or an alias; programs and files always bare */
static void
log_addr(const struct q_env *e, const struct q_rcpt *r, struct buf *to)
{
	if (r->parent == NULL && q_env_macro(e, "r") != NULL &&
	    r->addr[0] != '|' && r->addr[0] != '/')
		buf_printf(to, "<%s>", r->addr);
	else
		buf_puts(to, r->addr);
}

void
dlv_stattext(const struct dlv_result *res, bool smtp, struct buf *out)
{
	const char *text = res->text, *rest = maillog_replytext(text);

	switch (res->st) {
	case DLV_OK:
		if (smtp)
			buf_printf(out, "Sent (%s)", rest != text ? text + 4 : text);
		else
			buf_puts(out, "Sent");
		break;
	case DLV_TEMP:
		buf_printf(out, "Deferred: %s", text);
		break;
	case DLV_PERM:
		maillog_failtext(text, smtp, out);
		break;
	}
}

void
dlv_show(const char *who, const char *text)
{
	printf("%s... %s\n", who, text);
	fflush(stdout);
}

/*
 * The to= line of recipients jl[0..n) with one outcome (one SMTP
 * transaction's, or a single recipient's), as sendmail words it: dsn=
 * is the enhanced code of the result, reply= the SMTP server's refusal,
 * stat= "Sent", "Sent (server's reply)", "Deferred: why", or the
 * failure; ctladdr= the alias or .forward a program or file came from.
 */
static void
log_delivery(struct mta *mta, struct q_env *e, struct job **jl, int n,
    int prec, time_t start)
{
	const struct job *j = jl[0];
	const char *text = j->res.text, *rest = maillog_replytext(text);
	bool smtp = is_smtp(j->m);
	bool coded = rest != text;
	struct buf to = BUF_INIT, stat = BUF_INIT, relay = BUF_INIT;
	struct buf ctl = BUF_INIT;
	char dsn[32];
	struct maillog_to t;

	for (int k = 0; k < n; k++) {
		if (k > 0)
			buf_addch(&to, ',');
		log_addr(e, &e->rcpt[jl[k]->idx], &to);
	}
	const struct q_rcpt *r0 = &e->rcpt[j->idx];
	if (n == 1 && r0->parent != NULL && j->mailer != NULL &&
	    (strcmp(j->mailer, "prog") == 0 || strcmp(j->mailer, "*file*") == 0)) {
		/* sendmail: the owner's ids, else DefaultUser's uid and 0 */
		uid_t du;
		gid_t dg;
		mta_defaultuser(&mta->cf, &du, &dg);
		buf_printf(&ctl, "%s (%ld/%ld)", r0->parent,
		    r0->uid > 0 ? r0->uid : (long)du, r0->uid > 0 ? r0->gid : 0L);
	}
	if (coded && text[4] != ' ' && text[4] != '\0' && text[5] == '.')
		snprintf(dsn, sizeof(dsn), "%.*s", (int)strcspn(text + 4, " "),
		    text + 4);
	else
		snprintf(dsn, sizeof(dsn), "%s", j->res.st == DLV_OK ? "2.0.0" :
		    j->res.st == DLV_PERM ? "5.0.0" : smtp ? "4.4.1" : "4.0.0");
	dlv_stattext(&j->res, smtp, &stat);
	if (smtp)
		buf_puts(&relay, j->res.relay[0] != '\0' ? j->res.relay : "");
	if (smtp && relay.len == 0 && j->host != NULL)
		buf_printf(&relay, j->host[0] == '[' ? "%s %s" : "%s", j->host,
		    j->host);
	/*
	 * sendmail's priority: the size, the class (Precedence) and the
	 * recipients as accepted, and WkTimeFact for each queue run that
	 * took the message (the delivery right after acceptance adds none)
	 */
	int nrcpts = 0;
	for (int i = 0; i < e->nrcpt; i++)
		if (e->rcpt[i].parent == NULL)
			nrcpts++;
	long runs = 0;
	if (mta->qrun) {
		const char *dm = mta->cf.optv[OPT_DELIVERYMODE];
		int mode = dm != NULL && *dm != '\0' ? tolower((unsigned char)*dm) : 'b';
		runs = e->ntries + 1 - (mode == 'b' || mode == 'i');
		if (runs < 1)
			runs = 1;
	}
	memset(&t, 0, sizeof(t));
	t.id = e->id;
	t.to = to.s;
	t.ctladdr = ctl.len > 0 ? ctl.s : NULL;
	t.queued = e->ctime;
	t.start = start;
	t.mailer = j->mailer != NULL ? j->mailer : "*error*";
	t.pri = e->size - 1800L * prec + 30000L * nrcpts + 90000L * runs;
	t.relay = relay.len > 0 ? relay.s : NULL;
	t.dsn = dsn;
	t.reply = smtp && coded && j->res.st != DLV_OK ? text : NULL;
	t.stat = stat.s;
	maillog_to(&t);
	buf_fini(&to);
	buf_fini(&stat);
	buf_fini(&relay);
	buf_fini(&ctl);
}

/*
 * The to= lines of this attempt.  Recipients of one SMTP transaction
 * come in the order they were sent (run_jobs); one refused at RCPT has
 * its own line, the rest that share an outcome share one (sendmail's
 * "to=<a>,<b>").  Every other delivery has its own line.
 */
static void
log_deliveries(struct mta *mta, struct q_env *e, struct job *jv, int nj,
    int prec, time_t start)
{
	bool *seen = xcalloc((size_t)nj + 1, sizeof(*seen));
	struct job **grp = xcalloc((size_t)nj + 1, sizeof(*grp));
	struct job **same = xcalloc((size_t)nj + 1, sizeof(*same));

	for (int i = 0; i < nj; i++) {
		if (seen[i])
			continue;
		int ng = 0;
		if (jv[i].m != NULL && is_smtp(jv[i].m)) {
			/* the transaction, in the order of its RCPTs */
			for (int k = nj - 1; k >= i; k--)
				if (!seen[k] && jv[k].m != NULL &&
				    same_transaction(&jv[i], &jv[k]))
					grp[ng++] = &jv[k];
		} else
			grp[ng++] = &jv[i];
		for (int g = 0; g < ng; g++)
			seen[grp[g] - jv] = true;
		for (int g = 0; g < ng; g++) {
			if (grp[g] == NULL)
				continue;
			int ns = 0;
			same[ns++] = grp[g];
			for (int h = g + 1; h < ng && !grp[g]->res.rcpt; h++)
				if (grp[h] != NULL && !grp[h]->res.rcpt &&
				    grp[h]->res.st == grp[g]->res.st &&
				    strcmp(grp[h]->res.text, grp[g]->res.text) == 0) {
					same[ns++] = grp[h];
					grp[h] = NULL;
				}
			log_delivery(mta, e, same, ns, prec, start);
		}
	}
	free(seen);
	free(grp);
	free(same);
}

/* the sender (or the list owner) as mailer m wants it, in $g */
static void
set_sender_for(struct mta *mta, const char *sender, const struct cf_mailer *m)
{
	int st = EX_OK;

	/* the null sender: <> by SMTP, MAILER-DAEMON to every other mailer
	 * (Return-Path: <MAILER-DAEMON> in a mailbox, as sendmail writes) */
	if (sender[0] == '\0' && is_smtp(m)) {
		rw_mactab_set(&mta->vm.envmac, 'g', "");
		return;
	}
	char *g = addr_remotename(mta, sender[0] == '\0' ? "MAILER-DAEMON" :
	    sender, m, RF_SENDERADDR, &st);
	rw_mactab_set(&mta->vm.envmac, 'g', g);
	free(g);
	vm_reset(&mta->vm);
}

/* a job's place in sendmail's send queue, and the job */
struct sendq_pos {
	long	 key;
	int	 job;
};

static int
by_addr(const void *a, const void *b, void *arg)
{
	const struct q_env *e = arg;

	return strcmp(e->rcpt[*(const int *)a].addr, e->rcpt[*(const int *)b].addr);
}

static int
by_key(const void *a, const void *b)
{
	long x = ((const struct sendq_pos *)a)->key;
	long y = ((const struct sendq_pos *)b)->key;

	return x < y ? -1 : x > y;
}

/*
 * The jobs jv[0..nj) in sendmail's send-queue order, in ord: an alias's
 * members come where the alias stood (the envelope has them after every
 * top-level recipient, in the queue's order among themselves).  A member
 * names its top-level recipient by address (top): those are looked up in
 * a sorted copy, so a list of many members costs n log n.
 */
static void
sendq_order(const struct q_env *e, const struct job *jv, int nj, int *ord)
{
	int *tops = xcalloc((size_t)e->nrcpt + 1, sizeof(int)), nt = 0;
	struct sendq_pos *pos = xcalloc((size_t)nj + 1, sizeof(*pos));

	for (int t = 0; t < e->nrcpt; t++)
		if (e->rcpt[t].top == NULL)
			tops[nt++] = t;
	qsort_r(tops, (size_t)nt, sizeof(int), by_addr, (void *)e);
	for (int i = 0; i < nj; i++) {
		const struct q_rcpt *r = &e->rcpt[jv[i].idx];
		long at = jv[i].idx, sub = 0;
		int lo = 0, hi = nt;
		while (r->top != NULL && lo < hi) {
			int mid = (lo + hi) / 2;
			int c = strcmp(e->rcpt[tops[mid]].addr, r->top);
			if (c == 0) {
				at = tops[mid];
				sub = 1 + jv[i].idx;
				break;
			}
			if (c < 0)
				lo = mid + 1;
			else
				hi = mid;
		}
		pos[i].key = at * (Q_MAXRCPT + 2L) + sub;
		pos[i].job = i;
	}
	qsort(pos, (size_t)nj, sizeof(*pos), by_key);
	for (int i = 0; i < nj; i++)
		ord[i] = pos[i].job;
	free(pos);
	free(tops);
}

static void
run_jobs(struct mta *mta, struct q_env *e, FILE *df, struct job *jv, int nj)
{
	/* in the send queue's order (sendmail delivers, and -v shows, so) */
	int *ord = xcalloc((size_t)nj + 1, sizeof(int));
	sendq_order(e, jv, nj, ord);
	for (int o = 0; o < nj; o++) {
		int i = ord[o];
		struct job *j = &jv[i];
		if (j->done)
			continue;
		const char *from = j->sender != NULL ? j->sender : e->sender;
		set_sender_for(mta, from, j->m);
		if (j->m->path != NULL && strcmp(j->m->path, "[IPC]") == 0) {
			/*
			 * every recipient for the same mailer and host at
			 * once, the last first as sendmail sends them
			 */
			struct dlv_rcpt *rv = xcalloc((size_t)nj, sizeof(*rv));
			struct buf *shown = xcalloc((size_t)nj, sizeof(*shown));
			int *map = xcalloc((size_t)nj, sizeof(int));
			int nr = 0;
			for (int k = nj - 1; k >= 0; k--) {
				if (jv[k].done || !same_transaction(j, &jv[k]))
					continue;
				rv[nr].addr = jv[k].user;
				log_addr(e, &e->rcpt[jv[k].idx], &shown[nr]);
				rv[nr].shown = buf_cstr(&shown[nr]);
				rv[nr].notify = e->rcpt[jv[k].idx].notify;
				rv[nr].orcpt = e->rcpt[jv[k].idx].orcpt;
				map[nr++] = k;
			}
			const char *g = rw_macvalue(&mta->vm.env, 'g');
			deliver_smtp(mta, j->m, j->host, e, g != NULL ? g : "",
			    df, rv, nr);
			for (int k = 0; k < nr; k++) {
				jv[map[k]].res = rv[k].res;
				jv[map[k]].done = true;
				buf_fini(&shown[k]);
			}
			free(rv);
			free(shown);
			free(map);
			continue;
		}
		struct buf who = BUF_INIT, st = BUF_INIT;
		log_addr(e, &e->rcpt[j->idx], &who);
		if (j->m->path != NULL && strcmp(j->m->path, "[FILE]") == 0)
			deliver_file(mta, j->m, j->user, j->uid, j->gid, e, df,
			    &j->res);
		else {
			if (mta_verbose(mta)) {
				buf_printf(&st, "Connecting to %s...", j->m->name);
				dlv_show(buf_cstr(&who), buf_cstr(&st));
				buf_reset(&st);
			}
			deliver_prog(mta, j->m, j->host, j->user, j->uid, j->gid,
			    e, df, &j->res);
		}
		j->done = true;
		if (mta_verbose(mta)) {
			dlv_stattext(&j->res, false, &st);
			dlv_show(buf_cstr(&who), buf_cstr(&st));
		}
		buf_fini(&who);
		buf_fini(&st);
	}
	free(ord);
}

/* sort the entry indices v[0..n) by their place seq[] (insertion sort:
 * the entries of one recipient's expansion) */
static void
sort_by_seq(int *v, int n, const int *seq)
{
	for (int i = 1; i < n; i++) {
		int x = v[i], j = i;
		for (; j > 0 && seq[v[j - 1]] > seq[x]; j--)
			v[j] = v[j - 1];
		v[j] = x;
	}
}

/*
 * Alias, :include: and .forward expansion of the recipients not yet
 * resolved (alias_expand.c).  A recipient that stays itself gets its
 * mailer triple; one that expands is marked X and its deliveries are
 * appended as resolved recipients (record C), so a retry delivers only
 * what is left and every address once.  A temporary failure (alias map
 * unavailable) leaves the recipient to the next attempt.  RFC 3461, as
 * sendmail does it: NOTIFY=SUCCESS goes on to the members of a list of
 * one address; a list of more than one is reported in the success DSN's
 * transcript (sx) as "expanded to multiple addresses" and its members
 * lose SUCCESS.  Each member remembers the alias it came from and the
 * top-level recipient (the DSN's "expanded from" and Final-Recipient).
 */
static void
expand_all(struct mta *mta, struct q_env *e, struct buf *sx)
{
	struct alias_list al;
	struct capture cap;
	struct rw_msgs save = mta->vm.msgs;
	int n0 = e->nrcpt;

	alias_list_init(&al);
	for (int i = 0; i < n0; i++)
		if (e->rcpt[i].mailer != NULL)
			alias_list_seed(&al, mta, e->rcpt[i].mailer,
			    e->rcpt[i].host, e->rcpt[i].user);
	buf_init(&cap.text);
	mta->vm.msgs.emit = cap_emit;
	mta->vm.msgs.arg = &cap;
	for (int i = 0; i < n0; i++) {
		if (e->rcpt[i].stat != QR_PENDING || e->rcpt[i].mailer != NULL)
			continue;
		int first = alias_expand(mta, &al, e->rcpt[i].addr);
		struct q_rcpt *r = &e->rcpt[i];
		if (first == al.n) {
			/* the same address as an earlier recipient */
			r->stat = QR_EXPANDED;
			continue;
		}
		bool temp = false;
		for (int k = first; k < al.n; k++)
			if (al.v[k].state == AD_ERROR && al.v[k].stat == EX_TEMPFAIL)
				temp = true;
		const struct alias_dest *d = &al.v[first];
		if (temp) {
			for (int k = first; k < al.n; k++)
				if (al.v[k].state == AD_ERROR &&
				    al.v[k].stat == EX_TEMPFAIL) {
					free(r->diag);
					r->diag = xstrdup(al.v[k].diag);
					break;
				}
			continue;
		}
		if (al.n - first == 1 && d->state == AD_DELIVER) {
			/* the address itself */
			r->mailer = xstrdup(d->mailer);
			r->host = xstrdup(d->host);
			r->user = xstrdup(d->user);
			continue;
		}
		if (al.n - first == 1 && d->state == AD_ERROR) {
			free(r->diag);
			r->diag = xstrdup(d->diag);
			r->stat = QR_FAILED;
			continue;
		}
		r->stat = QR_EXPANDED;
		/* RFC 3461 NOTIFY and ORCPT carry over to the expansion */
		int pnotify = r->notify;
		char *porcpt = r->orcpt != NULL ? xstrdup(r->orcpt) : NULL;
		char *top = xstrdup(r->addr);
		struct buf topshow = BUF_INIT;
		dsn_showaddr(e, r, &topshow);
		bool *succ = xcalloc((size_t)(al.n - first), sizeof(bool));
		for (int k = first; k < al.n; k++) {
			int p = al.v[k].parent;
			succ[k - first] = k == first ?
			    (pnotify & Q_NOTIFY_SUCCESS) != 0 :
			    p >= first && p < k && succ[p - first] &&
			    al.v[p].nmembers <= 1;
			if (succ[k - first] && al.v[k].state == AD_EXPANDED &&
			    al.v[k].nmembers > 1 && e->sender[0] != '\0')
				buf_printf(sx, "%s... expanded to multiple "
				    "addresses\n", k == first ? topshow.s :
				    al.v[k].addr);
		}
		/* the members in sendmail's send queue order */
		int *seq = alias_sendq_order(&al);
		int *ord = xcalloc((size_t)(al.n - first), sizeof(int));
		for (int k = first; k < al.n; k++)
			ord[k - first] = k;
		sort_by_seq(ord, al.n - first, seq);
		free(seq);
		int firstchild = e->nrcpt;
		for (int o = 0; o < al.n - first; o++) {
			int k = ord[o];
			d = &al.v[k];
			if (d->state == AD_EXPANDED)
				continue;
			if (d->state == AD_DELIVER) {
				q_env_addchild(e, d->addr, d->mailer, d->host,
				    d->user, d->owner, d->uid, d->gid);
				continue;
			}
			q_env_addchild(e, d->addr, d->mailer != NULL ? d->mailer :
			    "*error*", d->host, d->user != NULL ? d->user : d->addr,
			    d->owner, -1, -1);
			r = &e->rcpt[e->nrcpt - 1];
			r->stat = QR_FAILED;
			r->diag = xstrdup(d->diag);
		}
		/* (the loop above adds one recipient per delivery) */
		for (int o = 0, c = firstchild; o < al.n - first; o++) {
			int k = ord[o];
			if (al.v[k].state == AD_EXPANDED || c >= e->nrcpt)
				continue;
			struct q_rcpt *cr = &e->rcpt[c++];
			int p = al.v[k].parent;
			cr->notify = pnotify;
			if (!succ[k - first] && (pnotify & Q_NOTIFY_SUCCESS))
				cr->notify = (pnotify & ~Q_NOTIFY_SUCCESS) |
				    Q_NOTIFY_EXPANDED;
			cr->orcpt = porcpt != NULL ? xstrdup(porcpt) : NULL;
			cr->top = xstrdup(top);
			cr->parent = xstrdup(p == first || p < 0 ? topshow.s :
			    al.v[p].addr);
		}
		free(succ);
		free(ord);
		free(top);
		buf_fini(&topshow);
		free(porcpt);
	}
	mta->vm.msgs = save;
	buf_fini(&cap.text);
	alias_list_fini(&al);
}

static int
by_seq(const void *a, const void *b)
{
	const struct job *x = *(const struct job *const *)a;
	const struct job *y = *(const struct job *const *)b;

	return x->res.seq < y->res.seq ? -1 : x->res.seq > y->res.seq;
}

/*
 * The transcript lines of the commands SMTP next hops refused for good,
 * in the order they were sent, as sendmail writes them: the host once
 * per session, the command, the reply, then the recipient's status.
 */
static void
smtp_refusals(const struct q_env *e, struct job *jv, int nj, struct buf *out)
{
	struct job **v = xcalloc((size_t)nj + 1, sizeof(*v));
	int n = 0;

	for (int i = 0; i < nj; i++)
		if (jv[i].res.st == DLV_PERM && jv[i].res.cmd[0] != '\0')
			v[n++] = &jv[i];
	qsort(v, (size_t)n, sizeof(*v), by_seq);
	for (int i = 0; i < n; i++) {
		const struct dlv_result *r = &v[i]->res;
		const char *t = r->text;
		if (i == 0 || v[i - 1]->res.conn != r->conn)
			buf_printf(out, "... while talking to %.*s:\n",
			    (int)strcspn(r->relay, " "), r->relay);
		/* one command refused for several recipients: once */
		if (i == 0 || v[i - 1]->res.conn != r->conn ||
		    strcmp(v[i - 1]->res.cmd, r->cmd) != 0) {
			buf_printf(out, ">>> %s\n", r->cmd);
			for (const char *p = t; *p != '\0';) {
				size_t k = strcspn(p, "\n");
				buf_printf(out, "<<< %.*s\n", (int)k, p);
				p += k + (p[k] == '\n');
			}
		}
		/* "550 5.1.1 <addr>... User unknown" */
		struct buf why = BUF_INIT;
		maillog_failtext(t, true, &why);
		size_t cl = strspn(t, "0123456789");
		if (cl == 3 && t[3] == ' ') {
			const char *x = t + 4;
			size_t xl = isdigit((unsigned char)x[0]) && x[1] == '.' ?
			    strcspn(x, " ") : 0;
			buf_printf(out, "%.3s %.*s%s", t, (int)xl, x,
			    xl > 0 ? " " : "");
		}
		dsn_showaddr(e, &e->rcpt[v[i]->idx], out);
		buf_printf(out, "... %s\n", buf_cstr(&why));
		buf_fini(&why);
	}
	free(v);
}

/*
 * RFC 3461 NOTIFY=SUCCESS, as sendmail answers it: a local mailer (F=l)
 * "delivered" the message; a next hop that offered DSN got NOTIFY and
 * reports itself; any other mailer "relayed" it (SMTP: with the next
 * hop's name and RCPT reply).  A member of a list of more than one
 * (Q_NOTIFY_EXPANDED) is only noted in the transcript.  True if r is in
 * the success DSN.
 */
static bool
success_dsn(struct q_rcpt *r, const struct job *j)
{
	bool smtp = j->m->path != NULL && strcmp(j->m->path, "[IPC]") == 0;

	if (smtp && j->res.hopdsn)
		return false;
	r->dsnnoted = true;
	r->dsnsuccess = (r->notify & Q_NOTIFY_SUCCESS) != 0;
	r->dsnrelayed = smtp || !MAILER_HAS(j->m, 'l');
	if (smtp) {
		free(r->dsnreply);
		r->dsnreply = xstrdup(j->res.rcptreply);
	}
	return true;
}

int
deliver_queued(struct mta *mta, const char *qdir, const char *id)
{
	struct q_env e;
	char why[256];
	struct job *jv;
	int nj = 0, pending = 0;
	bool failed = false, success = false;
	time_t now = time(NULL);

	if (!queue_qf_read(qdir, id, &e, true, why, sizeof(why))) {
		if (strcmp(why, "locked") != 0)
			log_warnx("%s: cannot read control file: %s", id, why);
		return -1;
	}
	FILE *df = queue_df_open(qdir, id);
	if (df == NULL) {
		log_warnx("%s: no data file; control file removed", id);
		queue_remove(qdir, &e);
		q_env_fini(&e);
		return 0;
	}
	/* this message's macros must not leak into the next one */
	struct rw_mactab savemac;
	rw_mactab_init(&savemac);
	rw_mactab_copy(&savemac, &mta->vm.envmac);
	restore_macros(mta, &e);

	struct buf sx = BUF_INIT;	/* the success DSN's transcript */
	expand_all(mta, &e, &sx);
	jv = xcalloc((size_t)e.nrcpt + 1, sizeof(*jv));
	for (int i = 0; i < e.nrcpt; i++) {
		struct q_rcpt *r = &e.rcpt[i];
		struct job *j;

		if (r->stat != QR_PENDING)
			continue;
		j = &jv[nj++];
		j->idx = i;
		j->uid = r->uid;
		j->gid = r->gid;
		j->sender = r->owner;
		if (r->mailer == NULL) {
			/* expansion failed for now: alias map, :include: */
			set_result(&j->res, DLV_TEMP, r->diag != NULL ? r->diag :
			    "451 4.3.0 address expansion failed");
			j->done = true;
			continue;
		}
		j->mailer = xstrdup(r->mailer);
		j->host = xstrdup(r->host);
		j->user = xstrdup(r->user);
		j->m = addr_findmailer(&mta->cf, r->mailer);
		if (j->m == NULL) {
			set_result(&j->res, DLV_PERM, "554 5.3.5 unknown mailer");
			j->done = true;
			continue;
		}
		/* check_compat: sender $| recipient, asked before delivery as
		 * sendmail does; $#discard drops the recipient quietly */
		struct pol_result pr;
		struct buf from = BUF_INIT;
		buf_printf(&from, "<%s>", e.sender);
		if (policy_check(mta, "check_compat", buf_cstr(&from), r->addr,
		    &pr) != POL_OK) {
			if (pr.v == POL_DISCARD)
				set_result(&j->res, DLV_OK, "discarded");
			else
				set_result(&j->res, pr.v == POL_TEMPFAIL ?
				    DLV_TEMP : DLV_PERM, pr.reply);
			j->done = true;
		}
		buf_fini(&from);
	}

	/* queue lifetime: the class, an expired BY=;R (queue_time.c) */
	struct qt_info qi;
	char bydiag[128];
	qtime_classify(mta, &e, df, &qi);
	if (qtime_by_expired(&e, now, bydiag, sizeof(bydiag))) {
		for (int i = 0; i < nj; i++)
			if (!jv[i].done) {
				set_result(&jv[i].res, DLV_PERM, bydiag);
				jv[i].done = true;
			}
		struct buf t = BUF_INIT;
		buf_printf(&t, "%s\nMessage will be deleted from queue",
		    bydiag + 6);
		free(e.dsnnote);
		e.dsnnote = buf_steal(&t);
	}
	run_jobs(mta, &e, df, jv, nj);
	fclose(df);
	/* SoftBounce: a permanent failure is kept for another try */
	if (mta_optbool(&mta->cf, OPT_SOFTBOUNCE, false))
		for (int i = 0; i < nj; i++)
			if (jv[i].res.st == DLV_PERM) {
				jv[i].res.st = DLV_TEMP;
				mta_softbounce(jv[i].res.text);
			}
	struct buf sf = BUF_INIT;	/* the SMTP refusals, for the DSNs */
	smtp_refusals(&e, jv, nj, &sf);

	log_deliveries(mta, &e, jv, nj, qi.prec, now);
	for (int i = 0; i < nj; i++) {
		struct job *j = &jv[i];
		struct q_rcpt *r = &e.rcpt[j->idx];
		free(r->diag);
		r->diag = xstrdup(j->res.text);
		/* for the DSNs of this run: the mailer, the next hop */
		if (j->m != NULL && j->m->diagtype != NULL) {
			free(r->dsntype);
			r->dsntype = xstrdup(j->m->diagtype);
		}
		if (j->m != NULL && j->m->path != NULL &&
		    strcmp(j->m->path, "[IPC]") == 0) {
			free(r->dsnmta);
			r->dsnmta = xstrndup(j->res.relay,
			    strcspn(j->res.relay, " "));
		}
		switch (j->res.st) {
		case DLV_OK:
			r->stat = QR_SENT;
			if ((r->notify & (Q_NOTIFY_SUCCESS | Q_NOTIFY_EXPANDED)) &&
			    e.sender[0] != '\0' && j->m != NULL)
				success |= success_dsn(r, j);
			break;
		case DLV_PERM:
			r->stat = QR_FAILED;
			failed = true;
			break;
		case DLV_TEMP: {
			pending++;
			free(e.errmsg);
			struct buf t = BUF_INIT;
			buf_printf(&t, "Deferred: %s", j->res.text);
			e.errmsg = buf_steal(&t);
			break;
		}
		}
		free(j->mailer);
		free(j->host);
		free(j->user);
	}
	free(jv);
	/* past Timeout.queuereturn they fail; queuewarn: one delay DSN */
	pending -= qtime_after_attempt(mta, qdir, &e, &qi, now);

	for (int i = 0; i < e.nrcpt; i++) {
		struct q_rcpt *r = &e.rcpt[i];
		/* RFC 3461: NOTIFY without FAILURE (NEVER) asks for no bounce */
		if (r->stat == QR_FAILED && (r->notify & Q_NOTIFY_SET) &&
		    !(r->notify & Q_NOTIFY_FAILURE)) {
			maillog(ML_DSN, ML_INFO, e.id, "<%s>: failure DSN not "
			    "requested (NOTIFY)", r->addr);
			r->stat = QR_BOUNCED;
		}
		if (r->stat == QR_FAILED)
			failed = true;
	}
	/* the DSNs' transcript: expansions, then deliveries (sendmail's
	 * order: the local ones, the SMTP refusals, those relayed) */
	int *ord = dsn_order(&e);
	for (int pass = 0; pass < 2; pass++) {
		if (pass == 1) {
			success |= sx.len > 0;
			buf_puts(&sx, buf_cstr(&sf));
		}
		for (int o = 0; o < e.nrcpt; o++) {
			struct q_rcpt *r = &e.rcpt[ord[o]];
			if (!r->dsnnoted || r->dsnrelayed != (pass == 1))
				continue;
			success = true;
			dsn_showaddr(&e, r, &sx);
			buf_puts(&sx, r->dsnrelayed ? "... relayed; expect no "
			    "further notifications\n" :
			    "... Successfully delivered\n");
		}
	}
	free(ord);
	if (sx.len > 0 && sx.s[sx.len - 1] == '\n')
		sx.s[--sx.len] = '\0';
	if (sf.len > 0 && sf.s[sf.len - 1] == '\n')
		sf.s[--sf.len] = '\0';
	/* the sender's bounce of this run reports the successes too */
	bool merged = false;
	for (int i = 0; i < e.nrcpt && success; i++)
		if (e.rcpt[i].stat == QR_FAILED && e.rcpt[i].owner == NULL)
			merged = true;
	if (success && !merged) {
		struct dsn_note note = { .kind = DSN_SUCCESS,
		    .run_lines = buf_cstr(&sx) };
		if (!dsn_queue(mta, qdir, &e, NULL, &note))
			log_warn("%s: cannot queue the success DSN", e.id);
	}
	if (failed) {
		/* PostmasterCopy: the sender's failures, headers only, unless
		 * the message has a negative precedence */
		const char *pmc = mta->cf.optv[OPT_POSTMASTERCOPY];
		bool anymine = false;
		for (int i = 0; i < e.nrcpt; i++)
			if (e.rcpt[i].stat == QR_FAILED && e.rcpt[i].owner == NULL)
				anymine = true;
		if (pmc != NULL && *pmc != '\0' && qi.prec >= 0 && anymine) {
			struct dsn_note note = { .kind = DSN_FAILURE,
			    .transcript = e.dsnnote, .run_lines = buf_cstr(&sf),
			    .pmcopy = pmc };
			if (!dsn_queue(mta, qdir, &e, NULL, &note))
				log_warn("%s: cannot queue the postmaster copy",
				    e.id);
		}
		/* one DSN to the sender, one to each list owner */
		for (int i = 0; i < e.nrcpt; i++) {
			if (e.rcpt[i].stat != QR_FAILED)
				continue;
			char *owner = e.rcpt[i].owner != NULL ?
			    xstrdup(e.rcpt[i].owner) : NULL;
			struct dsn_note note = { .kind = DSN_FAILURE,
			    .transcript = e.dsnnote,
			    .with_success = merged && owner == NULL,
			    .run_lines = owner == NULL ? buf_cstr(&sx) :
			    buf_cstr(&sf) };
			bool ok = dsn_queue(mta, qdir, &e, owner, &note);
			for (int k = i; k < e.nrcpt; k++) {
				struct q_rcpt *r = &e.rcpt[k];
				if (r->stat == QR_FAILED && (owner == NULL ?
				    r->owner == NULL : r->owner != NULL &&
				    strcmp(r->owner, owner) == 0))
					r->stat = ok ? QR_BOUNCED : QR_FAILED;
			}
			free(owner);
			if (!ok) {
				pending++;	/* keep it until it is queued */
				break;
			}
		}
	}
	buf_fini(&sx);
	buf_fini(&sf);
	if (pending == 0) {
		char delay[32];
		maillog_interval((long)(time(NULL) - e.ctime), delay,
		    sizeof(delay));
		maillog(ML_DONE, ML_INFO, e.id, "done; delay=%s, ntries=%d",
		    delay, e.ntries + 1);
		queue_remove(qdir, &e);
	} else {
		e.ntries++;
		e.lasttry = now;
		e.nexttry = qtime_nexttry(&mta->cf, &e);
		if (!queue_qf_write(qdir, &e))
			log_warn("%s: cannot update control file", e.id);
	}
	q_env_fini(&e);
	rw_mactab_copy(&mta->vm.envmac, &savemac);
	rw_mactab_fini(&savemac);
	return pending;
}

void
deliver_after_accept(struct mta *mta, const char *qdir, const char *id)
{
	const char *dm = mta->cf.optv[OPT_DELIVERYMODE];
	int mode = dm != NULL && *dm != '\0' ? tolower((unsigned char)*dm) : 'b';
	pid_t pid;

	if (mode == 'q' || mode == 'd')
		return;
	/* QueueLA: under load a message is only queued */
	int la = la_current();
	if (la >= la_queuela(&mta->cf) &&
	    la_shouldqueue(&mta->cf, 0, queue_priority(qdir, id), la)) {
		maillog(ML_DONE, ML_INFO, id, "queued: load average: %d", la);
		return;
	}
	fflush(NULL);
	pid = fork();
	if (pid < 0)
		return;		/* stays queued */
	if (pid == 0) {
		signal(SIGPIPE, SIG_IGN);
		(void)deliver_queued(mta, qdir, id);
		_exit(0);
	}
	if (mode == 'i') {
		int st;
		while (waitpid(pid, &st, 0) < 0 && errno == EINTR)
			continue;
	}
}
