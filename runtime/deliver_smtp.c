/*
 * deliver_smtp.c -- the [IPC] mailer: one SMTP transaction for all the
 * recipients of a message that go to the same host.  The port comes from
 * A= (A=TCP $h 2525); the host from the $@ of the triple (a smart host,
 * a mailertable entry or a [literal]).  Each recipient gets its own
 * result; a failure of the whole transaction applies to all.
 */
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "deliver.h"
#include "dns.h"
#include "map.h"
#include "smtp_client.h"
#include "tls.h"
#include "xmem.h"

#define SMTP_MAXHOSTS	(DNS_MAXMX + 2)


static void
all(struct dlv_rcpt *rv, int nr, enum dlv_stat st, const char *text)
{
	for (int i = 0; i < nr; i++) {
		rv[i].res.st = st;
		snprintf(rv[i].res.text, sizeof(rv[i].res.text), "%s", text);
	}
}

/* the command the failures of rv answer, for the DSN's transcript */
static void
all_cmd(struct dlv_rcpt *rv, int nr, const char *cmd)
{
	for (int i = 0; i < nr; i++)
		if (rv[i].res.st != DLV_OK && rv[i].res.cmd[0] == '\0')
			snprintf(rv[i].res.cmd, sizeof(rv[i].res.cmd), "%s", cmd);
}

static enum dlv_stat
classify(int code)
{
	if (code >= 200 && code < 300)
		return DLV_OK;
	if (code >= 500 && code < 600)
		return DLV_PERM;
	return DLV_TEMP;
}

/* the port in A= ("TCP $h 2525"), expanded; "25" if none (false) */
static bool
mailer_port(struct mta *mta, const struct cf_mailer *m, char *port, size_t sz)
{
	bool given = false;

	snprintf(port, sz, "25");
	if (m->argv != NULL && m->argv[0] != NULL && m->argv[1] != NULL &&
	    m->argv[2] != NULL) {
		struct buf v = BUF_INIT;
		rw_expand(&mta->vm.env, m->argv[2], &v, 64, NULL);
		if (v.len > 0 && strspn(v.s, "0123456789") == v.len) {
			snprintf(port, sz, "%s", v.s);
			given = true;
		}
		buf_fini(&v);
	}
	return given;
}

/* the n recipients from r on as sendmail names them, "a,b" */
static void
shown_list(const struct dlv_rcpt *r, int n, struct buf *out)
{
	for (int i = 0; i < n; i++) {
		if (i > 0)
			buf_addch(out, ',');
		buf_puts(out, r[i].shown != NULL ? r[i].shown : r[i].addr);
	}
}

/* -v: "who... outcome" for the n recipients from r on, as sendmail */
static void
show_outcome(const struct smtp_conn *c, const struct dlv_rcpt *r, int n)
{
	struct buf who = BUF_INIT, st = BUF_INIT;

	if (!c->show.on)
		return;
	shown_list(r, n, &who);
	dlv_stattext(&r[0].res, true, &st);
	dlv_show(buf_cstr(&who), buf_cstr(&st));
	buf_fini(&who);
	buf_fini(&st);
}

/* the reply text for a conversation that broke off (code < 0) */
static const char *
io_fail(const struct smtp_conn *c, const char *phase, char *buf, size_t sz)
{
	if (c->io.timedout)
		snprintf(buf, sz, "4.4.2 timeout waiting for input from "
		    "%s during %s", c->peer, phase);
	else
		snprintf(buf, sz, "4.4.1 lost connection with %s during %s",
		    c->peer, phase);
	return buf;
}

/* the client-side Timeout.* values, with sendmail's defaults */
static void
smtp_timeouts(const struct cf *cf, bool first, struct smtpc_timeouts *t)
{
	long ic = cf_timeout(cf, "iconnect", 0);

	t->connect = cf_timeout(cf, "connect", 0);
	if (first && ic > 0)
		t->connect = ic;
	t->aconnect = cf_timeout(cf, "aconnect", 0);
	t->initial = cf_timeout(cf, "initial", 5 * 60);
	t->helo = cf_timeout(cf, "helo", 5 * 60);
	t->starttls = cf_timeout(cf, "starttls", 60 * 60);
	t->mail = cf_timeout(cf, "mail", 10 * 60);
	t->rcpt = cf_timeout(cf, "rcpt", 60 * 60);
	t->datainit = cf_timeout(cf, "datainit", 5 * 60);
	t->datablock = cf_timeout(cf, "datablock", 60 * 60);
	t->datafinal = cf_timeout(cf, "datafinal", 60 * 60);
	t->rset = cf_timeout(cf, "rset", 5 * 60);
	t->quit = cf_timeout(cf, "quit", 2 * 60);
}

static void
add_host(char **hv, int *n, int max, const char *h, size_t len)
{
	for (int i = 0; i < *n; i++)
		if (strlen(hv[i]) == len && strncasecmp(hv[i], h, len) == 0)
			return;
	if (*n < max)
		hv[(*n)++] = xstrndup(h, len);
}

/*
 * The hosts to try for $@ host, in order, as sendmail's getmxrr finds
 * them: host may list several ("a:b", tried in turn); a [literal] or a
 * mailer with F=0 is used as is; otherwise the MX records when the
 * switch sends hosts to DNS (the name itself when it has none), stopping
 * at this host's own preference; FallbackMXhost last.  Returns how many
 * (malloc'd names in hv), or 0 with an SMTP reply text in why.
 */
static int
smtp_hosts(struct mta *mta, const struct cf_mailer *m, const char *host,
    char **hv, int max, char *why, size_t whysz)
{
	bool mx = !MAILER_HAS(m, '0') && map_hosts_via_dns(&mta->cf);
	int n = 0;
	const char *p = host;

	snprintf(why, whysz, "553 5.3.5 no host for the SMTP mailer");
	while (*p != '\0') {
		/* one part: up to a ':' outside brackets */
		const char *q = p;
		int depth = 0;
		while (*q != '\0' && (*q != ':' || depth > 0)) {
			depth += *q == '[' ? 1 : *q == ']' ? -1 : 0;
			q++;
		}
		const char *part = p;
		size_t len = (size_t)(q - p);
		p = *q == ':' ? q + 1 : q;
		if (len == 0)
			continue;
		if (!mx || part[0] == '[') {
			add_host(hv, &n, max, part, len);
			continue;
		}
		char name[256];
		snprintf(name, sizeof(name), "%.*s", (int)len, part);
		size_t nl = strlen(name);
		if (nl > 0 && name[nl - 1] == '.')
			name[nl - 1] = '\0';
		struct dns_mx mxv[DNS_MAXMX];
		int k = dns_mx(name, mxv, DNS_MAXMX);
		if (k == DNS_NOTFOUND) {
			snprintf(why, whysz, "5.1.2 Host unknown (Name "
			    "server: %s: host not found)", name);
			continue;
		}
		if (k == DNS_TEMPFAIL || k == 0) {
			/* no MX (or no answer now): the name's own address */
			add_host(hv, &n, max, name, strlen(name));
			continue;
		}
		/* an MX list that reaches this host stops before it */
		int cut = k;
		for (int i = 0; i < k; i++)
			if (rw_class_has(&mta->cf.cls, 'w', mxv[i].host)) {
				while (i > 0 && mxv[i - 1].pref == mxv[i].pref)
					i--;
				cut = i;
				break;
			}
		if (cut == 0) {
			snprintf(why, whysz, "5.3.5 MX list for %s points "
			    "back to %s", name, rw_macvalue(&mta->vm.env, 'j'));
			continue;
		}
		for (int i = 0; i < cut; i++)
			add_host(hv, &n, max, mxv[i].host, strlen(mxv[i].host));
	}
	const char *fb = mta->cf.optv[OPT_FALLBACKMXHOST];
	if (n > 0 && fb != NULL && *fb != '\0')
		add_host(hv, &n, max, fb, strlen(fb));
	return n;
}

void
deliver_smtp(struct mta *mta, const struct cf_mailer *m, const char *host,
    struct q_env *e, const char *sender, FILE *df, struct dlv_rcpt *rv,
    int nr)
{
	struct smtp_conn c;
	struct buf text = BUF_INIT;
	char port[16], why[512], ft[512];
	const char *me;
	struct tls_ctx *tls;
	int code, ok = 0;

	static unsigned conns, rcpts;

	conns++;
	for (int i = 0; i < nr; i++) {
		rv[i].res.conn = conns;
		rv[i].res.seq = rcpts++;
		rv[i].res.cmd[0] = '\0';
	}
	rw_mactab_set(&mta->vm.envmac, 'h', host);
	mailer_port(mta, m, port, sizeof(port));
	if (host == NULL || *host == '\0') {
		all(rv, nr, DLV_PERM, "553 5.3.5 no host for the SMTP mailer");
		return;
	}
	struct smtpc_timeouts tmo;
	smtp_timeouts(&mta->cf, e->ntries == 0, &tmo);
	/* -v: "who... Connecting to host [port N] via mailer..." and on */
	struct buf who = BUF_INIT;
	memset(&c.show, 0, sizeof(c.show));
	if (mta_verbose(mta)) {
		shown_list(rv, nr, &who);
		c.show.on = true;
		c.show.who = buf_cstr(&who);
		c.show.via = m->name;
		c.show.port = mailer_port(mta, m, port, sizeof(port));
	}
	char *hosts[SMTP_MAXHOSTS];
	int nh = smtp_hosts(mta, m, host, hosts, SMTP_MAXHOSTS, why,
	    sizeof(why));
	bool connected = nh > 0 && smtpc_connect(&c, hosts, nh, port, &tmo,
	    why, sizeof(why));
	for (int i = 0; i < nh; i++)
		free(hosts[i]);
	if (!connected) {
		/* no host, or none that answered */
		all(rv, nr, why[0] == '5' ? DLV_PERM : DLV_TEMP, why);
		show_outcome(&c, rv, nr);
		buf_fini(&who);
		return;
	}
	for (int i = 0; i < nr; i++)
		snprintf(rv[i].res.relay, sizeof(rv[i].res.relay), "%s", c.peer);
	me = mta->cf.optv[OPT_HELONAME];
	if (me == NULL || *me == '\0')
		me = rw_macvalue(&mta->vm.env, 'j');
	tls = tls_ctx_client(&mta->cf, why, sizeof(why));
	code = smtpc_hello(&c, me != NULL ? me : "localhost", tls, host, &text);
	if (code != 250) {
		all(rv, nr, code >= 500 ? DLV_PERM : DLV_TEMP,
		    code < 0 && text.len == 0 ? io_fail(&c, "client greeting",
		    ft, sizeof(ft)) : buf_cstr(&text));
		goto quit;
	}
	bool eight = e->body != NULL && strcasecmp(e->body, "8BITMIME") == 0;
	struct buf mail = BUF_INIT;
	buf_printf(&mail, "MAIL From:<%s>", sender);
	/* (sendmail announces no SIZE for the DSNs it sends) */
	if (c.esmtp && c.maxsize > 0 && !e->isbounce)
		buf_printf(&mail, " SIZE=%ld", e->size);
	if (c.esmtp && c.eightbit && eight)
		buf_puts(&mail, " BODY=8BITMIME");
	/* RFC 3461: passed on to a next hop that offers DSN */
	if (c.dsn && e->envid != NULL)
		buf_printf(&mail, " ENVID=%s", e->envid);
	if (c.dsn && e->ret != 0)
		buf_puts(&mail, e->ret == 'H' ? " RET=HDRS" : " RET=FULL");
	/* RFC 4954 5: the author trusted at submission (else "<>") */
	if (c.auth && e->authparam != NULL && *e->authparam != '\0')
		buf_printf(&mail, " AUTH=%s", e->authparam);
	/* RFC 2852: the time left, to a next hop that offers DELIVERBY */
	if (c.deliverby && e->dlvbymode != 0) {
		long left = e->dlvby - (long)(time(NULL) - e->ctime);
		if (left <= 0 && e->dlvbymode == 'R') {
			struct buf t = BUF_INIT;
			buf_printf(&t, "5.4.7 Delivery time (%lds) expired", e->dlvby);
			all(rv, nr, DLV_PERM, t.s);
			buf_fini(&t);
			buf_fini(&mail);
			goto quit;
		}
		buf_printf(&mail, " BY=%ld;%c%s", left, e->dlvbymode,
		    e->dlvbytrace ? "T" : "");
	}
	/* the RCPT commands */
	struct buf *rcmd = xcalloc((size_t)nr + 1, sizeof(*rcmd));
	for (int i = 0; i < nr; i++) {
		struct buf *rc = &rcmd[i];
		buf_printf(rc, "RCPT To:<%s>", rv[i].addr);
		if (c.dsn && rv[i].notify != 0) {
			int f = rv[i].notify;
			if (!(f & (Q_NOTIFY_SUCCESS | Q_NOTIFY_FAILURE |
			    Q_NOTIFY_DELAY)))
				buf_puts(rc, " NOTIFY=NEVER");
			else
				buf_printf(rc, " NOTIFY=%s%s%s%s%s",
				    f & Q_NOTIFY_SUCCESS ? "SUCCESS" : "",
				    (f & Q_NOTIFY_SUCCESS) &&
				    (f & (Q_NOTIFY_FAILURE | Q_NOTIFY_DELAY)) ?
				    "," : "",
				    f & Q_NOTIFY_FAILURE ? "FAILURE" : "",
				    (f & Q_NOTIFY_FAILURE) && (f & Q_NOTIFY_DELAY) ?
				    "," : "",
				    f & Q_NOTIFY_DELAY ? "DELAY" : "");
		}
		if (c.dsn && rv[i].orcpt != NULL)
			buf_printf(rc, " ORCPT=%s", rv[i].orcpt);
	}
	/*
	 * MAIL waits for its reply; then, to a server that offers
	 * PIPELINING (RFC 2920), the RCPTs and DATA go in one write and
	 * their replies are read after, so a refused RCPT is reported after
	 * DATA (">>> DATA" in a DSN's transcript) -- all as sendmail does
	 * (its -v transcript shows the order).
	 */
	bool pipe = c.esmtp && c.pipelining;
	smtpc_settimeout(&c, tmo.mail);
	code = smtpc_cmd(&c, &text, "%s", mail.s);
	if (code != 250) {
		all(rv, nr, classify(code) == DLV_PERM ? DLV_PERM : DLV_TEMP,
		    code < 0 ? io_fail(&c, "MAIL", ft, sizeof(ft)) :
		    buf_cstr(&text));
		if (code > 0)
			all_cmd(rv, nr, mail.s);
		buf_fini(&mail);
		goto rcmd_done;
	}
	buf_fini(&mail);
	if (pipe) {
		for (int i = 0; i < nr; i++)
			smtpc_send(&c, buf_cstr(&rcmd[i]));
		smtpc_send(&c, "DATA");
		if (!sio_flush(&c.io)) {
			all(rv, nr, DLV_TEMP, io_fail(&c, "RCPT", ft, sizeof(ft)));
			goto rcmd_done;
		}
	}
	for (int i = 0; i < nr; i++) {
		smtpc_settimeout(&c, tmo.rcpt);
		code = pipe ? smtpc_reply(&c, &text) :
		    smtpc_cmd(&c, &text, "%s", buf_cstr(&rcmd[i]));
		rv[i].res.st = code < 0 ? DLV_TEMP : classify(code);
		snprintf(rv[i].res.text, sizeof(rv[i].res.text), "%s",
		    code < 0 ? io_fail(&c, "RCPT", ft, sizeof(ft)) :
		    buf_cstr(&text));
		rv[i].res.hopdsn = c.dsn;
		if (code > 0)
			snprintf(rv[i].res.rcptreply,
			    sizeof(rv[i].res.rcptreply), "%s", buf_cstr(&text));
		if (code > 0 && rv[i].res.st != DLV_OK) {
			snprintf(rv[i].res.cmd, sizeof(rv[i].res.cmd), "%s",
			    pipe ? "DATA" : buf_cstr(&rcmd[i]));
			show_outcome(&c, &rv[i], 1);
		}
		if (rv[i].res.st == DLV_OK)
			ok++;
		else
			rv[i].res.rcpt = true;
		if (code < 0)
			break;
	}
	if (code < 0 || (!pipe && ok == 0))
		goto rcmd_done;
	smtpc_settimeout(&c, tmo.datainit);
	code = pipe ? smtpc_reply(&c, &text) : smtpc_cmd(&c, &text, "DATA");
	if (pipe && ok == 0) {
		/* every RCPT refused: a server that said 354 gets no message */
		if (code == 354) {
			smtpc_settimeout(&c, tmo.datafinal);
			(void)smtpc_cmd(&c, &text, ".");
		}
		goto rcmd_done;
	}
	if (code != 354) {
		for (int i = 0; i < nr; i++)
			if (rv[i].res.st == DLV_OK) {
				rv[i].res.st = classify(code) == DLV_PERM ?
				    DLV_PERM : DLV_TEMP;
				snprintf(rv[i].res.text, sizeof(rv[i].res.text),
				    "%s", code < 0 ? io_fail(&c, "DATA", ft,
				    sizeof(ft)) : buf_cstr(&text));
				if (code > 0)
					snprintf(rv[i].res.cmd,
					    sizeof(rv[i].res.cmd), "DATA");
			}
		goto rcmd_done;
	}
	for (int i = 0; i < nr; i++)
		buf_fini(&rcmd[i]);
	free(rcmd);
	rcmd = NULL;
	{
		char *mem = NULL;
		size_t memlen = 0;
		FILE *mf = open_memstream(&mem, &memlen);
		if (mf != NULL) {
			deliver_writemsg(mta, m, e, df, mf, true, "\r\n");
			fclose(mf);
			smtpc_settimeout(&c, tmo.datablock);
			sio_write(&c.io, mem, memlen);
			(void)sio_flush(&c.io);
			free(mem);
		}
	}
	smtpc_settimeout(&c, tmo.datafinal);
	code = c.io.err ? -1 : smtpc_cmd(&c, &text, ".");
	for (int i = 0; i < nr; i++)
		if (rv[i].res.st == DLV_OK) {
			rv[i].res.st = code < 0 ? DLV_TEMP : classify(code);
			snprintf(rv[i].res.text, sizeof(rv[i].res.text), "%s",
			    code < 0 ? io_fail(&c, "end of data", ft,
			    sizeof(ft)) : buf_cstr(&text));
			if (code > 0 && rv[i].res.st != DLV_OK)
				snprintf(rv[i].res.cmd, sizeof(rv[i].res.cmd),
				    ".");
		}
	goto quit;
rcmd_done:
	for (int i = 0; i < nr; i++)
		buf_fini(&rcmd[i]);
	free(rcmd);
quit:
	/* -v: the outcome of those not told at their RCPT, a line for each
	 * run of recipients that share it */
	for (int i = 0; i < nr && c.show.on; ) {
		int k = i + 1;
		while (k < nr && !rv[i].res.rcpt && !rv[k].res.rcpt &&
		    rv[k].res.st == rv[i].res.st &&
		    strcmp(rv[k].res.text, rv[i].res.text) == 0)
			k++;
		if (!rv[i].res.rcpt)
			show_outcome(&c, &rv[i], k - i);
		i = k;
	}
	if (c.show.on && c.fd >= 0) {
		printf("Closing connection to %s\n", c.host);
		fflush(stdout);
	}
	smtpc_settimeout(&c, tmo.quit);
	if (!c.io.err)
		(void)smtpc_cmd(&c, &text, "QUIT");
	smtpc_close(&c);
	tls_ctx_free(tls);
	buf_fini(&text);
	buf_fini(&who);
}
