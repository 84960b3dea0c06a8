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
#include "map.h"
#include "smtp_client.h"
#include "tls.h"


static void
all(struct dlv_rcpt *rv, int nr, enum dlv_stat st, const char *text)
{
	for (int i = 0; i < nr; i++) {
		rv[i].res.st = st;
		snprintf(rv[i].res.text, sizeof(rv[i].res.text), "%s", text);
	}
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

/* the port in A= ("TCP $h 2525"), expanded; "25" if none */
static void
mailer_port(struct mta *mta, const struct cf_mailer *m, char *port, size_t sz)
{
	snprintf(port, sz, "25");
	if (m->argv != NULL && m->argv[0] != NULL && m->argv[1] != NULL &&
	    m->argv[2] != NULL) {
		struct buf v = BUF_INIT;
		rw_expand(&mta->vm.env, m->argv[2], &v, 64, NULL);
		if (v.len > 0 && strspn(v.s, "0123456789") == v.len)
			snprintf(port, sz, "%s", v.s);
		buf_fini(&v);
	}
}

void
deliver_smtp(struct mta *mta, const struct cf_mailer *m, const char *host,
    struct q_env *e, const char *sender, FILE *df, struct dlv_rcpt *rv,
    int nr)
{
	struct smtp_conn c;
	struct buf text = BUF_INIT;
	char port[16], why[512];
	const char *me;
	struct tls_ctx *tls;
	int code, ok = 0;

	rw_mactab_set(&mta->vm.envmac, 'h', host);
	mailer_port(mta, m, port, sizeof(port));
	if (host == NULL || *host == '\0') {
		all(rv, nr, DLV_PERM, "553 5.3.5 no host for the SMTP mailer");
		return;
	}
	/* Timeout.initial (default 5m) bounds each wait for the server; a
	 * Timeout.connect, when set, is the shorter limit for the connect */
	long t_init = cf_timeout(&mta->cf, "initial", 5 * 60);
	long t_conn = cf_timeout(&mta->cf, "connect", 0);
	if (!smtpc_connect(&c, host, port, (int)((t_conn > 0 && t_conn < t_init ?
	    t_conn : t_init) * 1000), why, sizeof(why))) {
		struct buf t = BUF_INIT;
		buf_printf(&t, "%s", why);
		all(rv, nr, DLV_TEMP, t.s);
		buf_fini(&t);
		return;
	}
	me = mta->cf.optv[OPT_HELONAME];
	if (me == NULL || *me == '\0')
		me = rw_macvalue(&mta->vm.env, 'j');
	tls = tls_ctx_client(&mta->cf, why, sizeof(why));
	code = smtpc_hello(&c, me != NULL ? me : "localhost", tls, host, &text);
	if (code != 250) {
		all(rv, nr, code >= 500 ? DLV_PERM : DLV_TEMP,
		    code < 0 && text.len == 0 ? "451 4.4.1 lost connection" :
		    buf_cstr(&text));
		goto quit;
	}
	bool eight = e->body != NULL && strcasecmp(e->body, "8BITMIME") == 0;
	struct buf mail = BUF_INIT;
	buf_printf(&mail, "MAIL From:<%s>", sender);
	if (c.esmtp && c.maxsize > 0)
		buf_printf(&mail, " SIZE=%ld", e->size);
	if (c.esmtp && c.eightbit && eight)
		buf_puts(&mail, " BODY=8BITMIME");
	/* RFC 3461: passed on to a next hop that offers DSN */
	if (c.dsn && e->envid != NULL)
		buf_printf(&mail, " ENVID=%s", e->envid);
	if (c.dsn && e->ret != 0)
		buf_puts(&mail, e->ret == 'H' ? " RET=HDRS" : " RET=FULL");
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
	code = smtpc_cmd(&c, &text, "%s", mail.s);
	buf_fini(&mail);
	if (code != 250) {
		all(rv, nr, classify(code) == DLV_PERM ? DLV_PERM : DLV_TEMP,
		    code < 0 ? "451 4.4.1 lost connection" : buf_cstr(&text));
		goto quit;
	}
	for (int i = 0; i < nr; i++) {
		struct buf rc = BUF_INIT;
		buf_printf(&rc, "RCPT To:<%s>", rv[i].addr);
		if (c.dsn && rv[i].notify != 0) {
			int f = rv[i].notify;
			if (!(f & (Q_NOTIFY_SUCCESS | Q_NOTIFY_FAILURE |
			    Q_NOTIFY_DELAY)))
				buf_puts(&rc, " NOTIFY=NEVER");
			else
				buf_printf(&rc, " NOTIFY=%s%s%s%s%s",
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
			buf_printf(&rc, " ORCPT=%s", rv[i].orcpt);
		code = smtpc_cmd(&c, &text, "%s", buf_cstr(&rc));
		buf_fini(&rc);
		rv[i].res.st = code < 0 ? DLV_TEMP : classify(code);
		snprintf(rv[i].res.text, sizeof(rv[i].res.text), "%s",
		    code < 0 ? "451 4.4.1 lost connection" : buf_cstr(&text));
		if (rv[i].res.st == DLV_OK)
			ok++;
		if (code < 0)
			break;
	}
	if (ok == 0)
		goto quit;
	code = smtpc_cmd(&c, &text, "DATA");
	if (code != 354) {
		for (int i = 0; i < nr; i++)
			if (rv[i].res.st == DLV_OK) {
				rv[i].res.st = classify(code) == DLV_PERM ?
				    DLV_PERM : DLV_TEMP;
				snprintf(rv[i].res.text, sizeof(rv[i].res.text),
				    "%s", code < 0 ? "451 4.4.1 lost connection" :
				    buf_cstr(&text));
			}
		goto quit;
	}
	{
		char *mem = NULL;
		size_t memlen = 0;
		FILE *mf = open_memstream(&mem, &memlen);
		if (mf != NULL) {
			deliver_writemsg(mta, m, e, df, mf, true, "\r\n");
			fclose(mf);
			sio_write(&c.io, mem, memlen);
			free(mem);
		}
	}
	code = smtpc_cmd(&c, &text, ".");
	for (int i = 0; i < nr; i++)
		if (rv[i].res.st == DLV_OK) {
			rv[i].res.st = code < 0 ? DLV_TEMP : classify(code);
			snprintf(rv[i].res.text, sizeof(rv[i].res.text), "%s",
			    code < 0 ? "451 4.4.1 lost connection after DATA" :
			    buf_cstr(&text));
		}
quit:
	if (!c.io.err)
		(void)smtpc_cmd(&c, &text, "QUIT");
	smtpc_close(&c);
	tls_ctx_free(tls);
	buf_fini(&text);
}
