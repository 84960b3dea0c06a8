/*
 * sasl.c -- SMTP AUTH through Cyrus SASL (libsasl2), as sendmail 8.17:
 * sasl_server_init(callbacks, "Sendmail") once, sasl_server_new("smtp",
 * AuthRealm or $j, ...) per session; libsasl2 checks the credentials
 * (sasldb, saslauthd, ... as Sendmail.conf says).  No security layer
 * is negotiated (max_ssf 0): the session stays as it was.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

#include <sasl/sasl.h>
#include <sasl/saslutil.h>

#include "buf.h"
#include "log.h"
#include "sasl.h"
#include "sio.h"
#include "xmem.h"

#define SASL_LINEMAX	12288	/* RFC 4954: 12288 octets per line */

struct ssasl {
	struct mta	*mta;
	sasl_conn_t	*conn;
	char		 mechs[256];	/* the offer, "" for none */
	char		*avail;		/* sasl_listmech's list */
	bool		 listed;
};

static int	sasl_state;	/* 0 not tried, 1 usable, -1 failed */

static int
cb_log(void *ctx, int level, const char *msg)
{
	(void)ctx;
	if (level <= SASL_LOG_ERR && msg != NULL)
		log_warnx("SASL: %s", msg);
	return SASL_OK;
}

/* as sendmail: the authorization id is not restricted here */
static int
cb_proxy(sasl_conn_t *conn, void *ctx, const char *req, unsigned rlen,
    const char *auth, unsigned alen, const char *realm, unsigned urlen,
    struct propctx *pc)
{
	(void)conn; (void)ctx; (void)req; (void)rlen; (void)alen;
	(void)realm; (void)urlen; (void)pc;
	return auth == NULL ? SASL_FAIL : SASL_OK;
}

static sasl_callback_t callbacks[] = {
	{ SASL_CB_LOG, (int (*)(void))(void (*)(void))cb_log, NULL },
	{ SASL_CB_PROXY_POLICY, (int (*)(void))(void (*)(void))cb_proxy, NULL },
	{ SASL_CB_LIST_END, NULL, NULL },
};

static bool
sasl_ready(void)
{
	if (sasl_state == 0) {
		const char *dir = getenv("CFMTA_SASL_CONFDIR");

		if (dir != NULL && *dir != '\0' && getuid() == geteuid() &&
		    getgid() == getegid())
			(void)sasl_set_path(SASL_PATH_TYPE_CONFIG, (char *)dir);
		sasl_state = sasl_server_init(callbacks, "Sendmail") ==
		    SASL_OK ? 1 : -1;
	}
	return sasl_state > 0;
}

void
ssasl_preinit(struct mta *mta)
{
	const char *am = mta->cf.optv[OPT_AUTHMECHANISMS];

	if (am != NULL && *am != '\0')
		(void)sasl_ready();
}

static bool
has_opt(const char *ao, char c)
{
	return ao != NULL && strchr(ao, c) != NULL;
}

static void
secprops(struct ssasl *c)
{
	const char *ao = c->mta->cf.optv[OPT_AUTHOPTIONS];
	sasl_security_properties_t sp;

	memset(&sp, 0, sizeof(sp));
	sp.max_ssf = 0;
	sp.maxbufsize = 0;
	if (has_opt(ao, 'c'))
		sp.security_flags |= SASL_SEC_PASS_CREDENTIALS;
	if (has_opt(ao, 'd'))
		sp.security_flags |= SASL_SEC_NODICTIONARY;
	if (has_opt(ao, 'f'))
		sp.security_flags |= SASL_SEC_FORWARD_SECRECY;
	if (has_opt(ao, 'm'))
		sp.security_flags |= SASL_SEC_MUTUAL_AUTH;
	if (has_opt(ao, 'p'))
		sp.security_flags |= SASL_SEC_NOPLAINTEXT;
	if (has_opt(ao, 'y'))
		sp.security_flags |= SASL_SEC_NOANONYMOUS;
	(void)sasl_setprop(c->conn, SASL_SEC_PROPS, &sp);
}

struct ssasl *
ssasl_new(struct mta *mta, const char *laddr, const char *lport,
    const char *raddr, const char *rport)
{
	const char *am = mta->cf.optv[OPT_AUTHMECHANISMS];
	const char *realm = mta->cf.optv[OPT_AUTHREALM];
	char lip[128], rip[128];
	struct ssasl *c;

	if (am == NULL || *am == '\0' || !sasl_ready())
		return NULL;
	if (realm == NULL || *realm == '\0')
		realm = rw_macvalue(&mta->vm.env, 'j');
	lip[0] = rip[0] = '\0';
	if (laddr != NULL && *laddr != '\0' && lport != NULL && *lport != '\0')
		snprintf(lip, sizeof(lip), "%s;%s", laddr, lport);
	/* (libsasl2 wants the bare address: "IPv6:" is how sendmail
	 * shows an IPv6 client, daemon.c) */
	if (raddr != NULL && strncmp(raddr, "IPv6:", 5) == 0)
		raddr += 5;
	if (raddr != NULL && *raddr != '\0' && rport != NULL && *rport != '\0')
		snprintf(rip, sizeof(rip), "%s;%s", raddr, rport);
	c = xcalloc(1, sizeof(*c));
	c->mta = mta;
	if (sasl_server_new("smtp", realm, NULL, lip[0] ? lip : NULL,
	    rip[0] ? rip : NULL, NULL, 0, &c->conn) != SASL_OK) {
		free(c);
		return NULL;
	}
	secprops(c);
	return c;
}

void
ssasl_free(struct ssasl *c)
{
	if (c == NULL)
		return;
	sasl_dispose(&c->conn);
	free(c->avail);
	free(c);
}

void
ssasl_tls(struct ssasl *c, unsigned bits, const char *authid)
{
	sasl_ssf_t ssf = bits;

	if (c == NULL)
		return;
	(void)sasl_setprop(c->conn, SASL_SSF_EXTERNAL, &ssf);
	(void)sasl_setprop(c->conn, SASL_AUTH_EXTERNAL,
	    authid != NULL && *authid != '\0' ? authid : NULL);
	c->listed = false;
}

static bool
in_list(const char *list, const char *w, size_t n)
{
	while (list != NULL && *list != '\0') {
		while (*list == ' ' || *list == ',' || *list == '\t')
			list++;
		size_t l = strcspn(list, " ,\t");
		if (l == n && l > 0 && strncasecmp(list, w, n) == 0)
			return true;
		list += l;
	}
	return false;
}

const char *
ssasl_mechs(struct ssasl *c)
{
	const char *list = NULL, *am;
	unsigned len = 0;
	int count = 0;

	if (c == NULL)
		return NULL;
	if (!c->listed) {
		c->listed = true;
		c->mechs[0] = '\0';
		if (sasl_listmech(c->conn, NULL, "", " ", "", &list, &len,
		    &count) != SASL_OK || list == NULL)
			return NULL;
		free(c->avail);
		c->avail = xstrdup(list);
		/* AuthMechanisms' order, as sendmail's intersect() */
		am = c->mta->cf.optv[OPT_AUTHMECHANISMS];
		while (am != NULL && *am != '\0') {
			while (*am == ' ' || *am == ',' || *am == '\t')
				am++;
			size_t l = strcspn(am, " ,\t");
			size_t used = strlen(c->mechs);
			if (l > 0 && in_list(list, am, l) &&
			    !in_list(c->mechs, am, l) &&
			    used + l + 2 < sizeof(c->mechs)) {
				/* (room checked: " " and the name and a NUL) */
				if (used > 0)
					c->mechs[used++] = ' ';
				memcpy(c->mechs + used, am, l);
				c->mechs[used + l] = '\0';
			}
			am += l;
		}
	}
	return c->mechs[0] != '\0' ? c->mechs : NULL;
}

const char *
ssasl_avail(struct ssasl *c)
{
	return c != NULL && c->avail != NULL ? c->avail : "";
}

/* xtext (RFC 3461) of s, as sendmail's xtextify(s, "<>\")") */
static char *
xtextify(const char *s)
{
	struct buf b = BUF_INIT;

	for (; *s; s++) {
		unsigned char ch = (unsigned char)*s;
		if (ch < '!' || ch > '~' || ch == '+' || ch == '=' ||
		    strchr("<>\")", ch) != NULL)
			buf_printf(&b, "+%02X", ch);
		else
			buf_addch(&b, (char)ch);
	}
	return buf_steal(&b);
}

void
ssasl_result_fini(struct ssasl_result *r)
{
	free(r->authen);
	r->authen = NULL;
}

bool
ssasl_auth(struct ssasl *c, struct sio *io, const char *mech,
    const char *initial, struct ssasl_result *r)
{
	struct buf line = BUF_INIT;
	char *in = xmalloc(SASL_LINEMAX), *enc = NULL;
	unsigned inlen = 0;
	const char *out = NULL;
	unsigned outlen = 0;
	bool ok = false, have_in = false;
	int rc;

	memset(r, 0, sizeof(*r));
	if (ssasl_mechs(c) == NULL || !in_list(c->mechs, mech, strlen(mech))) {
		snprintf(r->reply, sizeof(r->reply),
		    "504 5.3.3 AUTH mechanism %.32s not available", mech);
		goto out;
	}
	if (initial != NULL && *initial != '\0') {
		have_in = true;
		if (strcmp(initial, "=") != 0 &&
		    (strlen(initial) >= SASL_LINEMAX ||
		     sasl_decode64(initial, (unsigned)strlen(initial), in,
		     SASL_LINEMAX, &inlen) != SASL_OK)) {
			snprintf(r->reply, sizeof(r->reply),
			    "501 5.5.4 cannot BASE64 decode '%.400s'", initial);
			goto out;
		}
	}
	rc = sasl_server_start(c->conn, mech, have_in ? in : NULL,
	    have_in ? inlen : 0, &out, &outlen);
	while (rc == SASL_CONTINUE) {
		enum sio_eol eol;
		unsigned elen = 0;
		size_t esz = 4 * ((size_t)outlen / 3 + 1) + 1;

		free(enc);
		enc = xmalloc(esz);
		if (sasl_encode64(out != NULL ? out : "", outlen, enc,
		    (unsigned)esz, &elen) != SASL_OK)
			enc[0] = '\0';
		sio_printf(io, "334 %s\r\n", enc);
		buf_reset(&line);
		int got = sio_flush(io) ?
		    sio_getline(io, &line, SASL_LINEMAX, &eol) : -1;
		if (got <= 0) {		/* end of input, error, timeout */
			r->lost = true;
			goto out;
		}
		if (got != 1) {		/* longer than RFC 4954 allows */
			snprintf(r->reply, sizeof(r->reply),
			    "501 5.0.0 AUTH aborted");
			goto out;
		}
		const char *l = buf_cstr(&line);
		if (strcmp(l, "*") == 0) {
			snprintf(r->reply, sizeof(r->reply),
			    "501 5.0.0 AUTH aborted");
			goto out;
		}
		if (strlen(l) >= SASL_LINEMAX ||
		    sasl_decode64(l, (unsigned)strlen(l), in, SASL_LINEMAX,
		    &inlen) != SASL_OK) {
			snprintf(r->reply, sizeof(r->reply),
			    "501 5.5.4 cannot decode AUTH parameter %.400s", l);
			goto out;
		}
		rc = sasl_server_step(c->conn, in, inlen, &out, &outlen);
	}
	if (rc != SASL_OK) {
		const char *d = sasl_errdetail(c->conn);
		r->failed = true;
		snprintf(r->detail, sizeof(r->detail), "%s (%d) %s",
		    sasl_errstring(rc, NULL, NULL), rc, d != NULL ? d : "");
		snprintf(r->reply, sizeof(r->reply),
		    "535 5.7.0 authentication failed");
		const void *u = NULL;
		if (sasl_getprop(c->conn, SASL_USERNAME, &u) == SASL_OK &&
		    u != NULL)
			r->authen = xstrndup(u, 64);
		goto out;
	}
	/*
	 * ${auth_authen}: the authentication id, also with another
	 * authorization id (golden authmac-1); ${auth_author} stays unset
	 * here, as by sendmail (it comes from MAIL AUTH=)
	 */
	const void *v = NULL;
	if ((sasl_getprop(c->conn, SASL_AUTHUSER, &v) == SASL_OK && v != NULL) ||
	    (sasl_getprop(c->conn, SASL_USERNAME, &v) == SASL_OK && v != NULL))
		r->authen = xtextify(v);
	else
		r->authen = xstrdup("");
	v = NULL;
	if (sasl_getprop(c->conn, SASL_SSF, &v) == SASL_OK && v != NULL)
		r->ssf = *(const sasl_ssf_t *)v;
	ok = true;
	snprintf(r->reply, sizeof(r->reply), "235 2.0.0 OK Authenticated");
out:
	memset(in, 0, SASL_LINEMAX);
	free(in);
	free(enc);
	buf_fini(&line);
	return ok;
}
