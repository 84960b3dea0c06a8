/*
 * smtp_server.c -- one ESMTP conversation, server side (RFC 5321), as
 * sendmail 8.17 words it: greeting, EHLO/HELO, MAIL, RCPT, DATA, RSET,
 * NOOP, QUIT, VRFY, EXPN, HELP, STARTTLS.  Policy is the image's check_*
 * rulesets (policy.c) with sendmail's macros; addresses go through
 * rulesets 3,0 (addr.c); messages go to the queue (spool.c) and the 250
 * after DATA is sent only once the files are on disk.  Every input is
 * bounded: command lines, data lines, recipients, errors, message size.
 */
#include <ctype.h>
#include <errno.h>
#include <fcntl.h>
#include <pwd.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/wait.h>
#include <unistd.h>

#include "deliver.h"
#include "alias_expand.h"
#include "hdr.h"
#include "loadavg.h"
#include "maillog.h"
#include "map.h"
#include "modes.h"
#include "policy.h"
#include "queue_time.h"
#include "queue_fs.h"
#include "sasl.h"
#include "sio.h"
#include "smtp_server.h"
#include "spool.h"
#include "tls.h"
#include "xmem.h"

#define SMTP_CMDMAX	2048		/* command line (RFC 5321: 512 + ext.) */
#define SMTP_DATAMAX	(64 * 1024)	/* one data line; longer ones split */
#define SMTP_MAXRCPT	1000		/* hard bound without the option */
#define SMTP_MAXERRS	25		/* bad commands before we hang up */

struct sess {
	struct mta		*mta;
	const struct smtp_peer	*peer;
	struct sio		 io;
	struct tls_ctx		*tlsctx;
	const char		*qdir;
	char			*helo;
	bool			 esmtp, tls, discard;
	bool			 quit;
	struct q_env		 env;
	bool			 have_mail;
	bool			 retparam;	/* RET= seen (sticky, as sendmail) */
	char			*nullserver;	/* check_relay refusal */
	char			*authuser;	/* after AUTH */
	struct ssasl		*sasl;		/* NULL: no AUTH */
	long			 maxsize;
	int			 maxrcpt;
	bool			 softbounce;	/* SoftBounce: 5xy replies as 4xy */
	int			 badrcpts;	/* RCPTs refused in this transaction */
	char			 lastcode;	/* first digit of the last reply */
	int			 nerrs;
	/* commands that slow the session down when repeated (too_often) */
	int			 nnoop, nhelo, nvrfy, netrn;
	struct buf		 reply;		/* first usrerr while parsing */
	int			 exitstat;
	char			**rkey;		/* per recipient: duplicate key */
	char			**rpath;	/* and the path as given */
	int			 nrkey;
	char			**rmailer;	/* per envelope recipient: mailer */
	bool			 mailseen;	/* MAIL/EXPN/VRFY/ETRN issued */
	char			 cmdname[16];	/* for "lost input channel" */
	char			 features[32];	/* srv_features letters */
	int			 ncmds;		/* commands since connect/STARTTLS */
};

/* the libsasl2 context of a session (NULL: AUTH not offered) */
static struct ssasl *
sess_sasl(struct sess *s)
{
	const struct smtp_peer *p = s->peer;

	if (p->local)
		return ssasl_new(s->mta, NULL, NULL, NULL, NULL);
	return ssasl_new(s->mta, p->daemon_addr, p->daemon_port, p->addr,
	    p->port);
}

/* ------------------------------------------------------------------ */
/* replies */

static void
reply(struct sess *s, const char *fmt, ...) PRINTF_LIKE(2, 3);

static void
reply(struct sess *s, const char *fmt, ...)
{
	va_list ap;
	struct buf b = BUF_INIT;

	va_start(ap, fmt);
	buf_vprintf(&b, fmt, ap);
	va_end(ap);
	/* never echo a line end the peer smuggled into an argument */
	for (size_t i = 0; i < b.len; i++)
		if (b.s[i] == '\r' || b.s[i] == '\n')
			b.s[i] = ' ';
	/* SoftBounce: every permanent refusal temporary */
	if (s->softbounce)
		mta_softbounce(b.s);
	s->lastcode = b.s[0];
	sio_write(&s->io, b.s, b.len);
	sio_puts(&s->io, "\r\n");
	maillog(ML_COMMANDS, ML_INFO, s->env.id, "--- %s", b.s);
	buf_fini(&b);
}

static const char *protocol(const struct sess *s);

/* $_ as the logs' relay= ("root@localhost" for -bs, "name [addr]") */
static const char *
relay_of(const struct sess *s)
{
	const char *r = rw_macvalue(&s->mta->vm.env, '_');

	return r != NULL ? r : "localhost";
}

/* the daemon's name in the logs: Name= of DaemonPortOptions, or stdin */
static const char *
daemon_of(const struct sess *s)
{
	return s->peer->local || s->peer->daemon_name[0] == '\0' ? "stdin" :
	    s->peer->daemon_name;
}

/* a refusal by a check_* ruleset (reply NULL: DISCARD) */
static void
log_policy(struct sess *s, const char *ruleset, const char *arg1,
    const char *arg2, const char *reply)
{
	maillog_reject(s->env.id, ruleset, arg1, arg2, relay_of(s), reply);
}

/* the from= line of the envelope (msgid NULL: none) */
static void
log_from(struct sess *s, long size, const char *msgid, int class)
{
	struct maillog_from f;
	struct buf from = BUF_INIT;

	buf_printf(&from, "<%s>", s->env.sender != NULL ? s->env.sender : "");
	memset(&f, 0, sizeof(f));
	f.id = s->env.id;
	f.sender = from.s;
	f.size = size;
	f.nrcpts = s->env.nrcpt;
	f.class = class;
	f.msgid = msgid != NULL && *msgid != '\0' ? msgid : NULL;
	f.bodytype = s->env.body;
	f.proto = protocol(s);
	f.daemon = s->peer->local ? NULL : s->peer->daemon_name;
	f.relay = relay_of(s);
	maillog_from(&f);
	buf_fini(&from);
}

/* send buffered replies unless the client has pipelined more commands */
static void
flush_maybe(struct sess *s)
{
	if (!sio_pending(&s->io))
		(void)sio_flush(&s->io);
}

/* messages from addr.c and the VM during a command become the reply */
static void
sess_emit(void *arg, enum rw_msgkind kind, const char *to, const char *text)
{
	struct sess *s = arg;
	const char *t = text;
	char code[4] = "", enh[32] = "";

	if (kind == RWM_PRINT || kind == RWM_MESSAGE || s->reply.len > 0)
		return;
	if (isdigit((unsigned char)t[0]) && isdigit((unsigned char)t[1]) &&
	    isdigit((unsigned char)t[2]) && (t[3] == ' ' || t[3] == '-')) {
		memcpy(code, t, 3);
		t += 4;
		if (isdigit((unsigned char)t[0]) && t[1] == '.') {
			size_t n = strcspn(t, " ");
			snprintf(enh, sizeof(enh), "%.*s", (int)n, t);
			t += n;
			if (*t == ' ')
				t++;
		}
	} else
		memcpy(code, kind == RWM_SYSERR ? "451" : "553", 4);
	if (enh[0] == '\0')
		snprintf(enh, sizeof(enh), "%c.0.0", code[0]);
	buf_printf(&s->reply, "%s %s ", code, enh);
	if (to != NULL && *to != '\0' && policy_names_addr(code))
		buf_printf(&s->reply, "%.200s... ", to);
	buf_puts(&s->reply, t);
}

static void
setmac(struct sess *s, const char *name, const char *val)
{
	policy_setmacro(s->mta, name, val);
}

/* ------------------------------------------------------------------ */
/* state */

static void
reset_envelope(struct sess *s)
{
	for (int i = 0; s->rmailer != NULL && i < s->env.nrcpt; i++)
		free(s->rmailer[i]);
	free(s->rmailer);
	s->rmailer = NULL;
	q_env_fini(&s->env);
	q_env_init(&s->env);
	for (int i = 0; i < s->nrkey; i++) {
		free(s->rkey[i]);
		free(s->rpath[i]);
	}
	free(s->rkey);
	free(s->rpath);
	s->rkey = s->rpath = NULL;
	s->nrkey = 0;
	s->have_mail = false;
	s->badrcpts = 0;
	s->retparam = false;
	s->discard = false;
	setmac(s, "mail_mailer", NULL);
	setmac(s, "mail_host", NULL);
	setmac(s, "mail_addr", NULL);
	setmac(s, "rcpt_mailer", NULL);
	setmac(s, "rcpt_host", NULL);
	setmac(s, "rcpt_addr", NULL);
	setmac(s, "nrcpts", "0");
	setmac(s, "dsn_envid", NULL);
	setmac(s, "dsn_ret", NULL);
	setmac(s, "dsn_notify", NULL);
	setmac(s, "auth_author", NULL);
	rw_mactab_set(&s->mta->vm.envmac, 'f', NULL);
	/* as in sendmail, the next transaction has its id already: the
	 * session's lines (did not issue MAIL, attacks) name it too, and
	 * the rulesets see it as $i */
	queue_newid(&s->env);
	rw_mactab_set(&s->mta->vm.envmac, 'i', s->env.id);
}

/*
 * A message left in the queue by DeliveryMode queue or defer: sendmail
 * logs "stat=queued" per recipient -- when none of them is for a local
 * mailer (F=l), as measured (with one, it logs nothing at acceptance).
 */
static void
log_queued(struct sess *s, long size, int class)
{
	const char *dm = s->mta->cf.optv[OPT_DELIVERYMODE];

	if (dm == NULL || (*dm != 'q' && *dm != 'd') || s->rmailer == NULL)
		return;
	for (int i = 0; i < s->env.nrcpt; i++) {
		const struct cf_mailer *m = addr_findmailer(&s->mta->cf,
		    s->rmailer[i]);
		if (m == NULL || MAILER_HAS(m, 'l'))
			return;
	}
	for (int i = 0; i < s->env.nrcpt; i++) {
		struct maillog_to t;
		struct buf to = BUF_INIT;
		buf_printf(&to, "<%s>", s->env.rcpt[i].addr);
		memset(&t, 0, sizeof(t));
		t.id = s->env.id;
		t.to = to.s;
		t.queued = t.start = time(NULL);
		t.mailer = s->rmailer[i];
		t.pri = size - 1800L * class + 30000L * s->env.nrcpt;
		t.stat = "queued";
		t.noattempt = true;
		maillog_to(&t);
		buf_fini(&to);
	}
}

/* a transaction given up (RSET, HELO): sendmail logs its from= line */
static void
drop_envelope(struct sess *s)
{
	if (s->have_mail)
		log_from(s, 0, NULL, 0);
	reset_envelope(s);
}

static const char *
protocol(const struct sess *s)
{
	if (!s->esmtp)
		return "SMTP";
	if (s->authuser != NULL)
		return s->tls ? "ESMTPSA" : "ESMTPA";
	return s->tls ? "ESMTPS" : "ESMTP";
}

/* the address inside "FROM:<...> params": returns it, sets *rest */
static char *
split_path(char *arg, char **rest)
{
	char *p = arg, *start;
	bool q = false;
	int depth = 0;

	while (*p == ' ')
		p++;
	start = p;
	if (*p == '<') {
		for (; *p != '\0'; p++) {
			if (*p == '\\' && p[1] != '\0') {
				p++;
				continue;
			}
			if (*p == '"')
				q = !q;
			else if (!q && *p == '<')
				depth++;
			else if (!q && *p == '>' && --depth == 0) {
				p++;
				break;
			}
		}
		if (depth != 0)
			return NULL;
	} else {
		while (*p != '\0' && *p != ' ')
			p++;
	}
	if (*p != '\0' && *p != ' ')
		return NULL;
	if (*p == ' ')
		*p++ = '\0';
	*rest = p;
	return start;
}

/* strip one pair of < > (and an RFC 5321 source route) */
static void
bare_addr(const char *path, struct buf *out)
{
	size_t n = strlen(path);

	buf_reset(out);
	if (n >= 2 && path[0] == '<' && path[n - 1] == '>') {
		const char *p = path + 1;
		n -= 2;
		if (*p == '@') {
			const char *c = memchr(p, ':', n);
			if (c != NULL) {
				n -= (size_t)(c + 1 - p);
				p = c + 1;
			}
		}
		buf_append(out, p, n);
	} else
		buf_puts(out, path);
}

static bool
skip_word(char **pp, const char *word)
{
	size_t n = strlen(word);
	char *p = *pp;

	while (*p == ' ')
		p++;
	if (strncasecmp(p, word, n) != 0)
		return false;
	p += n;
	while (*p == ' ')
		p++;
	*pp = p;
	return true;
}

/* ------------------------------------------------------------------ */
/* commands */

static bool	privacy(const struct cf *cf, const char *word);

/*
 * Is something turned off for this session: by a PrivacyOptions word, or
 * by the upper-case letter srv_features returned (D DSN, E ETRN, X EXPN,
 * B VERB, ...)?
 */
static bool
off(const struct sess *s, const char *privword, char feature)
{
	if (feature != 0 && strchr(s->features, feature) != NULL)
		return true;
	return privword != NULL && privacy(&s->mta->cf, privword);
}

/* DSN is offered unless PrivacyOptions has noreceipts (or SendMimeErrors
 * is off, as sendmail's EHLO decides) or srv_features says D */
static bool
dsn_offered(const struct sess *s)
{
	const char *v = s->mta->cf.optv[OPT_SENDMIMEERRORS];

	if (v != NULL && strchr("fFnN0", v[0]) != NULL && v[0] != '\0')
		return false;
	return !off(s, "noreceipts", 'D');
}

/*
 * MAIL's RFC 3461 parameters, as sendmail's mail_esmtp_args checks them
 * (and in its order).  val is NULL for a keyword without "=".  The RET
 * flag and the ENVID stay set after a refused MAIL until RSET, as in
 * sendmail.  Returns false after replying with the error.
 */
static bool
mail_dsn_arg(struct sess *s, const char *kw, const char *val)
{
	if (strcasecmp(kw, "ENVID") == 0) {
		if (off(s, "noreceipts", 'D')) {
			reply(s, "504 5.7.0 Sorry, ENVID not supported, we do "
			    "not allow DSN");
			return false;
		}
		if (val == NULL) {
			reply(s, "501 5.5.2 ENVID requires a value");
			return false;
		}
		if (!q_xtext_ok(val)) {
			reply(s, "501 5.5.4 Syntax error in ENVID parameter value");
			return false;
		}
		if (s->env.envid != NULL) {
			reply(s, "501 5.5.0 Duplicate ENVID parameter");
			return false;
		}
		s->env.envid = xstrndup(val, 100);
		setmac(s, "dsn_envid", val);	/* as given (xtext) */
		return true;
	}
	/* RET */
	if (off(s, "noreceipts", 'D')) {
		reply(s, "504 5.7.0 Sorry, RET not supported, we do not allow DSN");
		return false;
	}
	if (val == NULL) {
		reply(s, "501 5.5.2 RET requires a value");
		return false;
	}
	if (s->retparam) {
		reply(s, "501 5.5.0 Duplicate RET parameter");
		return false;
	}
	s->retparam = true;
	setmac(s, "dsn_ret", val);
	if (strcasecmp(val, "HDRS") == 0)
		s->env.ret = 'H';
	else if (strcasecmp(val, "FULL") == 0)
		s->env.ret = 'F';
	else {
		reply(s, "501 5.5.2 Bad argument \"%s\" to RET", val);
		return false;
	}
	return true;
}

/*
 * RCPT's NOTIFY and ORCPT (sendmail's rcpt_esmtp_args): a repeated
 * NOTIFY replaces the earlier one, a repeated ORCPT is an error.
 */
static bool
rcpt_dsn_arg(struct sess *s, const char *kw, char *val, int *notify,
    char **orcpt)
{
	const char *what = strcasecmp(kw, "NOTIFY") == 0 ? "NOTIFY" : "ORCPT";

	if (off(s, "noreceipts", 'D')) {
		reply(s, "504 5.7.0 Sorry, %s not supported, we do not allow DSN",
		    what);
		return false;
	}
	if (val == NULL) {
		reply(s, "501 5.5.2 %s requires a value", what);
		return false;
	}
	if (what[0] == 'O') {
		if (strchr(val, ';') == NULL || !q_xtext_ok(val)) {
			reply(s, "501 5.5.4 Syntax error in ORCPT parameter value");
			return false;
		}
		if (*orcpt != NULL) {
			reply(s, "501 5.5.0 Duplicate ORCPT parameter");
			return false;
		}
		*orcpt = xstrndup(val, 500);
		return true;
	}
	*notify = Q_NOTIFY_SET;
	setmac(s, "dsn_notify", val);	/* as given, before the split */
	if (strcasecmp(val, "NEVER") == 0)
		return true;
	for (char *p = val, *v; p != NULL; ) {
		v = p;
		p = strchr(p, ',');
		if (p != NULL)
			*p++ = '\0';
		if (strcasecmp(v, "SUCCESS") == 0)
			*notify |= Q_NOTIFY_SUCCESS;
		else if (strcasecmp(v, "FAILURE") == 0)
			*notify |= Q_NOTIFY_FAILURE;
		else if (strcasecmp(v, "DELAY") == 0)
			*notify |= Q_NOTIFY_DELAY;
		else {
			/* sic: two blanks, as sendmail words it */
			reply(s, "501 5.5.4 Bad argument \"%s\"  to NOTIFY", v);
			return false;
		}
	}
	return true;
}

/*
 * RFC 2852 BY=<seconds>;R|N[T], checked as sendmail's mail_esmtp_args
 * checks it (its replies, its order).  Only when DeliverByMin >= 0.
 */
static bool
mail_by_arg(struct sess *s, const char *val)
{
	long min = qtime_deliverby_min(&s->mta->cf);
	char *end;

	if (val == NULL) {
		reply(s, "501 5.5.2 BY= requires a value");
		return false;
	}
	errno = 0;
	long by = strtol(val, &end, 10);
	if (errno == ERANGE || by > 999999999L || by < -999999999L) {
		reply(s, "501 5.5.2 BY=%s out of range", val);
		return false;
	}
	if (*end != ';') {
		reply(s, "501 5.5.2 BY= missing ';'");
		return false;
	}
	const char *p = end + 1;
	switch (tolower((unsigned char)*p)) {
	case 'n':
		s->env.dlvbymode = 'N';
		break;
	case 'r':
		s->env.dlvbymode = 'R';
		if (by <= 0) {
			reply(s, "501 5.5.4 mode R requires BY time > 0");
			return false;
		}
		if (min > 0 && by < min) {
			reply(s, "555 5.5.2 time %ld less than %ld", by, min);
			return false;
		}
		break;
	default:
		reply(s, "501 5.5.2 illegal by-mode '%c'", *p != '\0' ? *p : '?');
		return false;
	}
	s->env.dlvby = by;
	s->env.dlvbytrace = false;
	if (p[1] != '\0' && toupper((unsigned char)p[1]) == 'T')
		s->env.dlvbytrace = true;
	else if (p[1] != '\0') {
		reply(s, "501 5.5.2 illegal by-trace '%c'", p[1]);
		return false;
	}
	return true;
}

static void
cmd_helo(struct sess *s, char *arg, bool ehlo)
{
	struct mta *mta = s->mta;
	const char *me = rw_macvalue(&mta->vm.env, 'j');

	while (*arg == ' ')
		arg++;
	if (*arg == '\0') {
		reply(s, "501 5.0.0 %s requires domain address",
		    ehlo ? "EHLO" : "HELO");
		s->nerrs++;
		return;
	}
	for (char *p = arg; *p != '\0'; p++)
		if (!isprint((unsigned char)*p)) {
			reply(s, "501 5.0.0 Invalid domain name");
			s->nerrs++;
			return;
		}
	drop_envelope(s);
	free(s->helo);
	s->helo = xstrndup(arg, MAXNAME);
	s->esmtp = ehlo;
	rw_mactab_set(&mta->vm.envmac, 's', s->helo);
	rw_mactab_set(&mta->vm.envmac, 'r', protocol(s));

	struct buf who = BUF_INIT;
	buf_puts(&who, relay_of(s));
	if (!ehlo) {
		reply(s, "250 %s Hello %s, pleased to meet you", me, who.s);
		buf_fini(&who);
		return;
	}
	reply(s, "250-%s Hello %s, pleased to meet you", me, who.s);
	buf_fini(&who);
	/* a refused client is offered nothing but status codes */
	if (s->nullserver != NULL) {
		reply(s, "250 ENHANCEDSTATUSCODES");
		return;
	}
	reply(s, "250-ENHANCEDSTATUSCODES");
	if (!off(s, NULL, 'P'))
		reply(s, "250-PIPELINING");
	/* sendmail offers VERB only together with EXPN */
	if (!off(s, "noexpn", 'X')) {
		reply(s, "250-EXPN");
		if (!off(s, "noverb", 'B'))
			reply(s, "250-VERB");
	}
	reply(s, "250-8BITMIME");
	if (s->maxsize > 0)
		reply(s, "250-SIZE %ld", s->maxsize);
	else
		reply(s, "250-SIZE");
	if (dsn_offered(s))
		reply(s, "250-DSN");
	if (!off(s, "noetrn", 'E'))
		reply(s, "250-ETRN");
	const char *mechs = ssasl_mechs(s->sasl);
	if (mechs != NULL && !off(s, NULL, 'A'))
		reply(s, "250-AUTH %s", mechs);
	if (s->tlsctx != NULL && !s->tls && !off(s, NULL, 'S'))
		reply(s, "250-STARTTLS");
	long bymin = qtime_deliverby_min(&mta->cf);
	if (bymin > 0)
		reply(s, "250-DELIVERBY %ld", bymin);
	else if (bymin == 0)
		reply(s, "250-DELIVERBY");
	reply(s, "250 HELP");
}

/*
 * The next "KEYWORD[=value]" of a MAIL or RCPT parameter list, split in
 * place as sendmail splits them: the keyword is letters, digits and
 * "-"; a "=" after it starts the value, which ends at a blank, a control
 * character or another "="; the character that ends either is dropped.
 * So "A=b=c" is A=b and then c, "X_Y=1" is X and then Y=1 (goldens
 * authmac-4).  val is NULL without "="; false at the end.
 */
static bool
next_param(char **rest, char **kw, char **val)
{
	unsigned char *p = (unsigned char *)*rest;

	while (isascii(*p) && isspace(*p))
		p++;
	if (*p == '\0')
		return false;
	*kw = (char *)p;
	*val = NULL;
	while (isascii(*p) && (isalnum(*p) || *p == '-'))
		p++;
	if (*p == '=') {
		*p++ = '\0';
		*val = (char *)p;
		while (*p != '\0' && *p != ' ' && !(isascii(*p) && iscntrl(*p)) &&
		    *p != '=')
			p++;
	}
	if (*p != '\0')
		*p++ = '\0';
	*rest = (char *)p;
	return true;
}

/*
 * MAIL's AUTH= (RFC 4954 5) as sendmail takes it, offered or not: the
 * value as given (xtext) is ${auth_author} for the rest of the
 * transaction; what is passed on to the next hop is that value when the
 * ruleset trust_auth accepts it, else "<>" (a refusal there is not
 * told to the client).  Like RET and ENVID it stays set after a refused
 * MAIL until RSET.  Returns false after replying with the error.
 */
static bool
mail_auth_arg(struct sess *s, const char *val)
{
	struct pol_result pr;

	if (val == NULL) {
		reply(s, "501 5.5.2 AUTH= requires a value");
		return false;
	}
	if (s->env.authparam != NULL) {
		reply(s, "501 5.5.0 Duplicate AUTH parameter");
		return false;
	}
	if (!q_xtext_ok(val)) {
		reply(s, "501 5.5.4 Syntax error in AUTH parameter value");
		return false;
	}
	setmac(s, "auth_author", val);
	bool trusted = strcmp(val, "<>") == 0 ||
	    policy_check(s->mta, "trust_auth", val, NULL, &pr) == POL_OK;
	s->env.authparam = xstrdup(trusted ? val : "<>");
	return true;
}

static void
cmd_mail(struct sess *s, char *arg)
{
	struct mta *mta = s->mta;
	char *rest, *path;
	struct buf a = BUF_INIT;
	struct pol_result pr;

	if (s->have_mail) {
		reply(s, "503 5.5.0 Sender already specified");
		s->nerrs++;
		return;
	}
	/* srv_features "l": AUTH first */
	if (strchr(s->features, 'l') != NULL && s->authuser == NULL) {
		reply(s, "530 5.7.0 Authentication required");
		s->nerrs++;
		return;
	}
	if (!skip_word(&arg, "FROM:") || (path = split_path(arg, &rest)) == NULL ||
	    *path == '\0') {
		reply(s, "501 5.5.2 Syntax error in parameters scanning \"from\"");
		s->nerrs++;
		return;
	}
	/* the transaction's queue id, seen by check_mail as $i */
	rw_mactab_set(&mta->vm.envmac, 'i', s->env.id);
	/* ESMTP parameters */
	char *body = NULL;
	long msgsize = 0;
	char *kw, *val;
	while (next_param(&rest, &kw, &val)) {
		if (strcasecmp(kw, "RET") == 0 || strcasecmp(kw, "ENVID") == 0) {
			if (!mail_dsn_arg(s, kw, val)) {
				s->nerrs++;
				free(body);
				return;
			}
			continue;
		}
		if (strcasecmp(kw, "BY") == 0 &&
		    qtime_deliverby_min(&mta->cf) >= 0) {
			if (!mail_by_arg(s, val)) {
				s->env.dlvbymode = 0;
				s->nerrs++;
				free(body);
				return;
			}
			continue;
		}
		if (strcasecmp(kw, "SIZE") == 0) {
			/* sendmail's: digits as far as they go (none: 0) */
			if (val == NULL) {
				reply(s, "501 5.5.2 SIZE requires a value");
				s->nerrs++;
				free(body);
				return;
			}
			long sz = strtol(val, NULL, 10);
			if (sz < 0) {
				reply(s, "552 5.2.3 Message size invalid");
				free(body);
				return;
			}
			msgsize = sz;
			if (s->maxsize > 0 && sz > s->maxsize) {
				reply(s, "552 5.2.3 Message size exceeds fixed "
				    "maximum message size (%ld)", s->maxsize);
				free(body);
				return;
			}
		} else if (strcasecmp(kw, "BODY") == 0 && val != NULL &&
		    (strcasecmp(val, "7BIT") == 0 ||
		     strcasecmp(val, "8BITMIME") == 0)) {
			free(body);
			body = xstrdup(val);
			for (char *p = body; *p; p++)
				*p = (char)toupper((unsigned char)*p);
		} else if (strcasecmp(kw, "AUTH") == 0) {
			if (!mail_auth_arg(s, val)) {
				s->nerrs++;
				free(body);
				return;
			}
		} else if (strcasecmp(kw, "BODY") == 0) {
			reply(s, "501 5.5.4 Unknown BODY type %s",
			    val != NULL ? val : "");
			s->nerrs++;
			free(body);
			return;
		} else {
			reply(s, "555 5.5.4 %s parameter unrecognized", kw);
			s->nerrs++;
			free(body);
			return;
		}
	}

	/* MinFreeBlocks (and SIZE=) against the queue's file system */
	if (!queue_space_ok(s->qdir, mta_optlong(&mta->cf, OPT_MINFREEBLOCKS, 0),
	    msgsize)) {
		maillog(ML_REJECT, ML_NOTICE, s->env.id, "low on space (have "
		    "too little in %s, SIZE=%ld)", s->qdir, msgsize);
		reply(s, "452 4.4.5 Insufficient disk space; try again later");
		free(body);
		return;
	}
	bare_addr(path, &a);
	buf_reset(&s->reply);
	mta->e_to = path;
	if (a.len > 0) {
		char *copy = xstrdup(a.s);
		struct addr_result res;
		bool bad = addr_invalid(mta, copy, false);
		free(copy);
		/* freed below even when addr_parse did not run (bad) */
		memset(&res, 0, sizeof(res));
		if (!bad && addr_parse(mta, a.s, RF_SENDERADDR, &res) &&
		    res.status == EX_OK) {
			setmac(s, "mail_mailer", res.mailer);
			setmac(s, "mail_host", res.host);
			setmac(s, "mail_addr", res.user);
		} else if (s->reply.len == 0)
			buf_printf(&s->reply, "553 5.1.7 %s... Invalid sender",
			    path);
		free(res.mailer); free(res.host); free(res.user);
		vm_reset(&mta->vm);
		mta->e_to = path;
	} else {
		setmac(s, "mail_mailer", "local");
		setmac(s, "mail_host", NULL);
		setmac(s, "mail_addr", "");
	}
	if (s->reply.len > 0) {
		reply(s, "%s", s->reply.s);
		mta->e_to = NULL;
		buf_fini(&a);
		free(body);
		s->nerrs++;
		return;
	}
	rw_mactab_set(&mta->vm.envmac, 'f', a.len > 0 ? a.s : "<>");
	if (policy_check(mta, "check_mail", path, NULL, &pr) != POL_OK &&
	    pr.v != POL_DISCARD) {
		log_policy(s, "check_mail", path, NULL, pr.reply);
		reply(s, "%s", pr.reply);
		mta->e_to = NULL;
		buf_fini(&a);
		free(body);
		rw_mactab_set(&mta->vm.envmac, 'f', NULL);
		return;
	}
	mta->e_to = NULL;
	if (pr.v == POL_DISCARD) {
		log_policy(s, "check_mail", path, NULL, NULL);
		s->discard = true;
	}
	s->env.sender = buf_steal(&a);
	s->env.body = body;
	s->have_mail = true;
	reply(s, "250 2.1.0 %s... Sender ok", path);
}

/*
 * sendmail's brake on a command repeated in a session: from the max-th
 * time on (logged once) its reply waits 2^(n - max) seconds, at most 4
 * minutes (BRAKE_DOUBLING), or n / max seconds (BRAKE_LINEAR: VRFY and
 * EXPN), or not at all (BRAKE_LOG); with MaxDaemonChildren set, at twice
 * max the session ends (true: say 421).
 */
#define SMTP_MAXWAIT	240
enum brake { BRAKE_DOUBLING, BRAKE_LINEAR, BRAKE_LOG };

static bool
too_often(struct sess *s, int *n, long max, const char *name, enum brake how)
{
	if (max <= 0 || ++*n < max)
		return false;
	if (*n == max)
		maillog(ML_ATTACK, ML_INFO, s->env.id, "%s: possible SMTP attack: "
		    "command=%s, count=%d", relay_of(s), name, *n);
	if (how == BRAKE_LOG)
		return false;
	long secs = how == BRAKE_LINEAR ? *n / max :
	    *n - max >= 8 ? SMTP_MAXWAIT : 1L << (*n - max);
	if (secs > SMTP_MAXWAIT)
		secs = SMTP_MAXWAIT;
	(void)sio_flush(&s->io);
	sleep((unsigned)secs);
	return mta_optlong(&s->mta->cf, OPT_MAXDAEMONCHILDREN, 0) > 0 &&
	    *n >= 2 * max;
}

/*
 * BadRcptThrottle: once that many RCPTs of a transaction were refused,
 * every further one waits a second (logged once, as sendmail does)
 */
static void
rcpt_throttle(struct sess *s)
{
	long n = mta_optlong(&s->mta->cf, OPT_BADRCPTTHROTTLE, 0);

	if (n <= 0 || !s->have_mail || s->badrcpts < n)
		return;
	if (s->badrcpts == n)
		maillog(ML_RCPTFLOOD, ML_INFO, s->env.id, "%s: Possible SMTP "
		    "RCPT flood, throttling.", relay_of(s));
	(void)sio_flush(&s->io);
	sleep(1);
}

static void
cmd_rcpt(struct sess *s, char *arg)
{
	struct mta *mta = s->mta;
	char *rest, *path;
	struct buf a = BUF_INIT;
	struct addr_result res;
	struct pol_result pr;
	char n[16];

	if (!s->have_mail) {
		reply(s, "503 5.0.0 Need MAIL before RCPT");
		s->nerrs++;
		return;
	}
	if (!skip_word(&arg, "TO:") || (path = split_path(arg, &rest)) == NULL ||
	    *path == '\0') {
		reply(s, "501 5.5.2 Syntax error in parameters scanning \"%s\"",
		    *arg == '\0' ? "" : "to");
		s->nerrs++;
		return;
	}
	int notify = 0;
	char *orcpt = NULL;
	char *kw, *val;
	while (next_param(&rest, &kw, &val)) {
		if (strcasecmp(kw, "NOTIFY") == 0 || strcasecmp(kw, "ORCPT") == 0) {
			if (rcpt_dsn_arg(s, kw, val, &notify, &orcpt))
				continue;
		} else
			reply(s, "555 5.5.4 %s parameter unrecognized", kw);
		free(orcpt);
		s->nerrs++;
		return;
	}
	if (s->env.nrcpt >= s->maxrcpt) {
		reply(s, "452 4.5.3 Too many recipients");
		free(orcpt);
		return;
	}
	bare_addr(path, &a);
	if (a.len == 0) {
		reply(s, "553 5.0.0 %s... User address required", path);
		buf_fini(&a);
		s->nerrs++;
		free(orcpt);
		return;
	}
	buf_reset(&s->reply);
	mta->e_to = path;
	char *copy = xstrdup(a.s);
	bool bad = addr_invalid(mta, copy, true);
	free(copy);
	memset(&res, 0, sizeof(res));
	char *key = NULL;
	struct buf unknown = BUF_INIT;
	if (!bad && addr_parse(mta, a.s, 0, &res) && res.status == EX_OK &&
	    s->reply.len == 0) {
		/* sendmail's recipient(): after check_rcpt */
		(void)alias_rcpt_ok(mta, path, res.mailer, res.user, &unknown);
		/* \user is not the same recipient as user (sendmail) */
		if (res.user[0] != '\\')
			key = alias_key(mta, res.mailer, res.host, res.user);
		setmac(s, "rcpt_mailer", res.mailer);
		setmac(s, "rcpt_host", res.host);
		setmac(s, "rcpt_addr", res.user);
	} else if (s->reply.len == 0)
		buf_printf(&s->reply, "%s %s... Invalid recipient",
		    res.status == EX_TEMPFAIL ? "451 4.3.0" : "553 5.1.3", path);
	free(res.mailer); free(res.host); free(res.user);
	vm_reset(&mta->vm);
	mta->e_to = path;
	if (s->reply.len > 0) {
		maillog(ML_REJECT, ML_NOTICE, s->env.id, "%s",
		    maillog_replytext(s->reply.s));
		reply(s, "%s", s->reply.s);
		mta->e_to = NULL;
		buf_fini(&a);
		free(key);
		buf_fini(&unknown);
		s->nerrs++;
		free(orcpt);
		return;
	}
	if (policy_check(mta, "check_rcpt", path, NULL, &pr) != POL_OK &&
	    pr.v != POL_DISCARD) {
		log_policy(s, "check_rcpt", path, NULL, pr.reply);
		reply(s, "%s", pr.reply);
		mta->e_to = NULL;
		buf_fini(&a);
		free(key);
		buf_fini(&unknown);
		free(orcpt);
		return;
	}
	mta->e_to = NULL;
	if (unknown.len > 0) {
		maillog(ML_REJECT, ML_NOTICE, s->env.id, "%s",
		    maillog_replytext(unknown.s));
		reply(s, "%s", unknown.s);
		buf_fini(&a);
		free(key);
		buf_fini(&unknown);
		s->nerrs++;
		free(orcpt);
		return;
	}
	buf_fini(&unknown);
	if (pr.v == POL_DISCARD) {
		log_policy(s, "check_rcpt", path, NULL, NULL);
		s->discard = true;
	}
	/* the same address twice: one recipient, named as it came first */
	for (int i = 0; key != NULL && i < s->nrkey; i++)
		if (strcmp(s->rkey[i], key) == 0) {
			reply(s, "250 2.1.5 %s... Recipient ok", s->rpath[i]);
			free(key);
			buf_fini(&a);
			free(orcpt);
			return;
		}
	if (key != NULL) {
		s->rkey = xreallocarray(s->rkey, (size_t)s->nrkey + 1,
		    sizeof(*s->rkey));
		s->rpath = xreallocarray(s->rpath, (size_t)s->nrkey + 1,
		    sizeof(*s->rpath));
		s->rkey[s->nrkey] = key;
		s->rpath[s->nrkey++] = xstrdup(path);
	}
	q_env_addrcpt(&s->env, a.s);
	s->rmailer = xreallocarray(s->rmailer, (size_t)s->env.nrcpt,
	    sizeof(*s->rmailer));
	/* (res is freed by now; ${rcpt_mailer} holds its mailer) */
	const char *rm = policy_getmacro(mta, "rcpt_mailer");
	s->rmailer[s->env.nrcpt - 1] = xstrdup(rm != NULL ? rm : "");
	s->env.rcpt[s->env.nrcpt - 1].notify = notify;
	s->env.rcpt[s->env.nrcpt - 1].orcpt = orcpt;
	snprintf(n, sizeof(n), "%d", s->env.nrcpt);
	setmac(s, "nrcpts", n);
	buf_fini(&a);
	reply(s, "250 2.1.5 %s... Recipient ok", path);
}

static void
save_macros(struct sess *s)
{
	static const char *const keep[] = {
		"client_addr", "client_name", "client_port", "client_resolve",
		"daemon_name", "tls_version", "cipher", "cipher_bits",
		"auth_type", "auth_authen",
	};
	struct mta *mta = s->mta;

	q_env_setmacro(&s->env, "r", protocol(s));
	if (s->helo != NULL)
		q_env_setmacro(&s->env, "s", s->helo);
	q_env_setmacro(&s->env, "_", rw_macvalue(&mta->vm.env, '_'));
	for (size_t i = 0; i < sizeof(keep) / sizeof(keep[0]); i++) {
		const char *v = policy_getmacro(mta, keep[i]);
		if (v != NULL)
			q_env_setmacro(&s->env, keep[i], v);
	}
}

/* a read timed out (Timeout.*): say so; the line out is still usable */
static void
lost_input(struct sess *s)
{
	s->io.err = false;
	reply(s, "421 4.4.2 %s Lost input channel: timeout",
	    rw_macvalue(&s->mta->vm.env, 'j'));
	(void)sio_flush(&s->io);
}

/*
 * check_data, check_eoh, check_eom: true when the ruleset refuses (the
 * refusal logged, its reply in pr); a $#discard marks the message
 */
static bool
data_refused(struct sess *s, const char *ruleset, const char *a1,
    const char *a2, struct pol_result *pr)
{
	if (policy_check(s->mta, ruleset, a1, a2, pr) != POL_OK &&
	    pr->v != POL_DISCARD) {
		log_policy(s, ruleset, a1, a2, pr->reply);
		return true;
	}
	if (pr->v == POL_DISCARD)
		s->discard = true;
	return false;
}

static void
cmd_data(struct sess *s)
{
	struct mta *mta = s->mta;
	struct pol_result pr;
	struct spool sp;
	struct buf line = BUF_INIT;
	enum sio_eol eol, preveol = SIO_CRLF;
	char n[24];
	bool ended = false;

	if (!s->have_mail) {
		reply(s, "503 5.0.0 Need MAIL command");
		s->nerrs++;
		return;
	}
	if (s->env.nrcpt == 0) {
		reply(s, "503 5.0.0 Need RCPT (recipient)");
		s->nerrs++;
		return;
	}
	snprintf(n, sizeof(n), "%d", s->env.nrcpt);
	if (data_refused(s, "check_data", n, NULL, &pr)) {
		reply(s, "%s", pr.reply);
		return;
	}
	rw_mactab_set(&mta->vm.envmac, 'r', protocol(s));
	save_macros(s);
	if (!spool_begin(&sp, mta, &s->env, s->qdir, true)) {
		log_warn("cannot create data file in %s", s->qdir);
		reply(s, "451 4.3.0 Temporary system failure. Please try again later.");
		return;
	}
	long size0 = sp.size;	/* the Received header is not counted */
	/* Debian's 8.17.1.9 (with the SMTP smuggling fix) words it so */
	reply(s, "354 End data with <CR><LF>.<CR><LF>");
	(void)sio_flush(&s->io);

	/*
	 * Only <CRLF>.<CRLF> ends the data: a "." line counts when it and
	 * the line before it both ended in CRLF.  Bare LF still separates
	 * lines, so nothing is lost, but it can never end the message.
	 */
	int cmd_timeout = s->io.timeout_ms;
	s->io.timeout_ms = (int)cf_timeout(&s->mta->cf, "datablock", 3600) * 1000;
	for (;;) {
		int r = sio_getline(&s->io, &line, SMTP_DATAMAX, &eol);
		if (r <= 0)
			break;
		if (r == 2 && sp.err == SPOOL_OK)
			sp.err = SPOOL_LINE;
		/*
		 * Stray CRs at the end of a line are not content, and such a
		 * line ("x\r\r\n") does not count as a clean CRLF for the
		 * end-of-data test: "\r\r\n.\r\n" cannot end the message.
		 */
		while (line.len > 0 && line.s[line.len - 1] == '\r') {
			buf_truncate(&line, line.len - 1);
			eol = SIO_LF;
		}
		if (line.len == 1 && line.s[0] == '.' && eol == SIO_CRLF &&
		    preveol == SIO_CRLF && r == 1) {
			ended = true;
			break;
		}
		preveol = eol;
		const char *p = line.s;
		size_t len = line.len;
		if (len > 0 && p[0] == '.') {
			p++;
			len--;
		}
		spool_line(&sp, p, len);
	}
	s->io.timeout_ms = cmd_timeout;
	buf_fini(&line);
	if (!ended) {
		/* connection lost mid-message: nothing was accepted */
		struct buf m = BUF_INIT;
		maillog_msgid(buf_cstr(&sp.hdrs), &m);
		log_from(s, sp.size - size0, m.s,
		    qtime_precedence(&mta->cf, buf_cstr(&sp.hdrs)));
		buf_fini(&m);
		s->have_mail = false;
		spool_abort(&sp);
		if (s->io.timedout)
			lost_input(s);
		s->quit = true;
		s->exitstat = EX_IOERR;
		return;
	}
	switch (sp.err) {
	case SPOOL_OK:
		break;
	case SPOOL_TOOBIG:
		spool_abort(&sp);
		reply(s, "552 5.2.3 Message exceeds maximum fixed size (%ld)",
		    s->maxsize);
		reset_envelope(s);
		return;
	case SPOOL_HDRTOOBIG:
		spool_abort(&sp);
		reply(s, "552 5.6.0 Headers too large (%ld max)", sp.maxhdr);
		reset_envelope(s);
		return;
	case SPOOL_HOPS:
		spool_abort(&sp);
		reply(s, "554 5.4.6 Too many hops %d (%d max)", sp.hops,
		    sp.maxhops);
		reset_envelope(s);
		return;
	case SPOOL_LINE:
		spool_abort(&sp);
		reply(s, "554 5.6.0 Line too long (%d max)", SMTP_DATAMAX);
		reset_envelope(s);
		return;
	case SPOOL_IOERR:
		spool_abort(&sp);
		reply(s, "451 4.3.0 I/O error");
		reset_envelope(s);
		return;
	}
	/* check_eoh: the number of header fields $| their size, the
	 * blank line after them included (as sendmail's collect counts) */
	{
		int nh = 0;
		for (const char *h = buf_cstr(&sp.hdrs); *h != '\0';
		    h = strchr(h, '\n') + 1) {
			if (*h != ' ' && *h != '\t')
				nh++;
			if (strchr(h, '\n') == NULL)
				break;
		}
		char hn[16], hs[24];
		snprintf(hn, sizeof(hn), "%d", nh);
		snprintf(hs, sizeof(hs), "%ld", sp.hdrlen + (sp.inbody ? 1 : 0));
		if (data_refused(s, "check_eoh", hn, hs, &pr)) {
			spool_abort(&sp);
			reply(s, "%s", pr.reply);
			reset_envelope(s);
			return;
		}
	}
	snprintf(n, sizeof(n), "%ld", sp.size);
	setmac(s, "msg_size", n);
	if (data_refused(s, "check_eom", n, NULL, &pr)) {
		spool_abort(&sp);
		reply(s, "%s", pr.reply);
		reset_envelope(s);
		return;
	}
	if (s->discard) {
		char id[Q_IDLEN + 1];
		snprintf(id, sizeof(id), "%s", s->env.id);
		spool_abort(&sp);
		reply(s, "250 2.0.0 %s Message accepted for delivery", id);
		reset_envelope(s);
		return;
	}
	/* the message id for the log, before commit frees the headers */
	struct buf msgid = BUF_INIT;
	int class = 0;
	if (maillog_on(ML_FROM)) {
		class = qtime_precedence(&mta->cf, buf_cstr(&sp.hdrs));
		maillog_msgid(buf_cstr(&sp.hdrs), &msgid);
		if (msgid.len == 0)
			(void)hdr_expand_cf(mta, "Message-Id", &msgid);
	}
	if (!spool_commit(&sp)) {
		buf_fini(&msgid);
		log_warn("cannot write queue file in %s", s->qdir);
		reply(s, "451 4.3.0 I/O error");
		reset_envelope(s);
		return;
	}
	char id[Q_IDLEN + 1];
	snprintf(id, sizeof(id), "%s", s->env.id);
	/* sendmail's size: what the client sent, as LF lines */
	log_from(s, sp.size - size0, msgid.s, class);
	log_queued(s, sp.size - size0, class);
	buf_fini(&msgid);
	reply(s, "250 2.0.0 %s Message accepted for delivery", id);
	(void)sio_flush(&s->io);
	reset_envelope(s);
	deliver_after_accept(mta, s->qdir, id);
}

/*
 * ETRN (RFC 1985): start a queue run for the recipients at a domain in
 * a detached process (as sendmail's runqueue: "@domain" matched against
 * the recipients, an argument starting with '@' taken as it is).  The
 * only queue group is mqueue.
 */
static void
cmd_etrn(struct sess *s, char *arg)
{
	struct pol_result pr;

	if (off(s, "noetrn", 'E')) {
		reply(s, "502 5.7.0 Sorry, we do not allow this operation");
		return;
	}
	if (*arg == '\0') {
		reply(s, "500 5.5.2 Parameter required");
		s->nerrs++;
		return;
	}
	if (policy_check(s->mta, "check_etrn", arg, NULL, &pr) != POL_OK &&
	    pr.v != POL_DISCARD) {
		log_policy(s, "check_etrn", arg, NULL, pr.reply);
		reply(s, "%s", pr.reply);
		return;
	}
	if (arg[0] == '#' && strcmp(arg + 1, "mqueue") != 0) {
		reply(s, "459 4.5.4 Queue %s unknown", arg + 1);
		return;
	}
	struct buf m = BUF_INIT;
	if (arg[0] != '#' && arg[0] != '@')
		buf_addch(&m, '@');
	if (arg[0] != '#')
		buf_puts(&m, arg);
	(void)sio_flush(&s->io);
	pid_t pid = fork();
	if (pid == 0) {
		/* detach: the grandchild runs the queue, nobody waits for it */
		if (fork() != 0)
			_exit(0);
		int fd = open("/dev/null", O_RDWR);
		if (fd >= 0) {
			(void)dup2(fd, 0);
			(void)dup2(fd, 1);
			if (fd > 1)
				close(fd);
		}
		struct mode_args sel;
		memset(&sel, 0, sizeof(sel));
		sel.qsel = m.len > 0 ? 'R' : 0;
		sel.qarg = buf_cstr(&m);
		(void)queue_run(s->mta, &sel, false);
		_exit(0);
	}
	if (pid > 0)
		(void)waitpid(pid, NULL, 0);
	if (arg[0] == '#')
		reply(s, "250 2.0.0 Queuing for queue group %s started", arg + 1);
	else
		reply(s, "250 2.0.0 Queuing for node %s started", arg);
	buf_fini(&m);
}

static void
cmd_help(struct sess *s, char *arg)
{
	const char *hf = s->mta->cf.optv[OPT_HELPFILE];
	FILE *f = hf != NULL && *hf != '\0' ? fopen(hf, "r") : NULL;
	char topic[32], line[512];
	int n = 0;

	if (f == NULL) {
		reply(s, "502 5.3.0 Sendmail 8.17.1.9 -- HELP not implemented");
		return;
	}
	while (*arg == ' ')
		arg++;
	snprintf(topic, sizeof(topic), "%s", *arg ? arg : "smtp");
	for (char *p = topic; *p; p++)
		*p = (char)tolower((unsigned char)*p);
	size_t tl = strlen(topic);
	while (fgets(line, sizeof(line), f) != NULL && n < 200) {
		if (strncmp(line, topic, tl) != 0 || line[tl] != '\t')
			continue;
		line[strcspn(line, "\n")] = '\0';
		struct buf v = BUF_INIT, t = BUF_INIT;
		rw_translate_dollars(&s->mta->cf.mn, line + tl + 1,
		    strlen(line + tl + 1), 0, &t, NULL);
		rw_expand(&s->mta->vm.env, buf_cstr(&t), &v, MAXLINE, NULL);
		reply(s, "214-2.0.0 %s", buf_cstr(&v));
		buf_fini(&v);
		buf_fini(&t);
		n++;
	}
	fclose(f);
	if (n == 0)
		reply(s, "504 5.3.0 HELP topic \"%.20s\" unknown", topic);
	else
		reply(s, "214 2.0.0 End of HELP info");
}

static void
cmd_starttls(struct sess *s, char *arg)
{
	char why[256];

	/* sendmail's replies: turned off for this client, no TLS here */
	if (off(s, NULL, 'S')) {
		reply(s, "503 5.5.0 TLS not available");
		s->nerrs++;
		return;
	}
	if (s->tlsctx == NULL) {
		reply(s, "454 4.3.3 TLS not available after start");
		s->nerrs++;
		return;
	}
	if (s->tls) {
		reply(s, "500 5.5.1 Command unrecognized: \"STARTTLS\"");
		s->nerrs++;
		return;
	}
	if (*arg != '\0') {
		reply(s, "501 5.5.2 Syntax error (no parameters allowed)");
		s->nerrs++;
		return;
	}
	reply(s, "220 2.0.0 Ready to start TLS");
	(void)sio_flush(&s->io);
	/* RFC 3207 4.2: nothing sent before the handshake is kept */
	sio_discard_input(&s->io);
	/* Timeout.starttls bounds the handshake (default 1h) */
	int cmd_ms = s->io.timeout_ms;
	s->io.timeout_ms = (int)cf_timeout(&s->mta->cf, "starttls", 3600) * 1000;
	/* srv_features V: no client certificate asked for */
	bool hs = tls_start_server(s->tlsctx, &s->io, !off(s, NULL, 'V'), why,
	    sizeof(why));
	s->io.timeout_ms = cmd_ms;
	if (!hs) {
		log_warnx("STARTTLS: %s", why);
		maillog(ML_DSN, ML_WARNING, NULL, "STARTTLS=server, error: "
		    "accept failed=%s, relay=%s", why, relay_of(s));
		s->quit = true;
		s->exitstat = EX_PROTOCOL;
		return;
	}
	s->tls = true;
	struct tls_peer tp;
	tls_peer_get(s->io.tls, s->mta->cf.optv[OPT_CERTFINGERPRINTALGORITHM],
	    &tp);
	setmac(s, "tls_version", tp.version);
	setmac(s, "cipher", tp.cipher);
	snprintf(why, sizeof(why), "%d", tp.bits);
	setmac(s, "cipher_bits", why);
	setmac(s, "verify", tp.verify);
	setmac(s, "cert_subject", tp.cert_subject);
	ssasl_free(s->sasl);
	s->sasl = sess_sasl(s);
	ssasl_tls(s->sasl, tp.bits > 0 ? (unsigned)tp.bits : 0,
	    tp.cert_subject);
	setmac(s, "cert_issuer", tp.cert_issuer);
	setmac(s, "cn_subject", tp.cn_subject);
	setmac(s, "cn_issuer", tp.cn_issuer);
	setmac(s, "cert_md5", tp.cert_md5);
	setmac(s, "cert_fp", tp.cert_fp);
	maillog(ML_DEFERRED, ML_INFO, NULL, "STARTTLS=server, relay=%s, "
	    "version=%s, verify=%s, cipher=%s, bits=%d/%d", relay_of(s),
	    tp.version, tp.verify, tp.cipher, tp.bits, tp.algbits);
	/*
	 * tls_client with "${verify} $| STARTTLS": a refusal answers every
	 * later transaction command (as a check_relay refusal does)
	 */
	struct pol_result pr;
	if (policy_check(s->mta, "tls_client", tp.verify, "STARTTLS", &pr) !=
	    POL_OK && pr.v != POL_DISCARD) {
		log_policy(s, "tls_client", tp.verify, "STARTTLS", pr.reply);
		free(s->nullserver);
		s->nullserver = xstrdup(pr.reply);
	}
	tls_peer_fini(&tp);
	/* the client starts over with EHLO (and AUTH) */
	s->ncmds = 0;
	free(s->authuser);
	s->authuser = NULL;
	free(s->helo);
	s->helo = NULL;
	s->esmtp = false;
	reset_envelope(s);
}

static void
cmd_auth(struct sess *s, char *arg)
{
	struct ssasl_result r;
	const char *mechs = ssasl_mechs(s->sasl);

	/* sendmail's order (goldens auth-3, edge-1) */
	if (s->authuser != NULL) {
		reply(s, "503 5.5.0 Already Authenticated");
		return;
	}
	if (s->have_mail) {
		reply(s, "503 5.5.0 AUTH not permitted during a mail transaction");
		return;
	}
	if (mechs == NULL || off(s, NULL, 'A')) {
		reply(s, "503 5.3.3 AUTH not available");
		s->nerrs++;
		return;
	}
	while (*arg == ' ' || *arg == '\t')
		arg++;
	if (*arg == '\0') {
		reply(s, "501 5.5.2 AUTH mechanism must be specified");
		return;
	}
	char *mech = arg, *initial = arg + strcspn(arg, " \t");
	if (*initial != '\0')
		*initial++ = '\0';
	while (*initial == ' ' || *initial == '\t')
		initial++;
	(void)sio_flush(&s->io);
	/* Timeout.auth bounds each wait in the dialogue (default 10m) */
	int cmd_ms = s->io.timeout_ms;
	s->io.timeout_ms = (int)cf_timeout(&s->mta->cf, "auth", 600) * 1000;
	bool authok = ssasl_auth(s->sasl, &s->io, mech, initial, &r);
	s->io.timeout_ms = cmd_ms;
	if (s->io.timedout) {
		ssasl_result_fini(&r);
		lost_input(s);
		s->quit = true;
		s->exitstat = EX_IOERR;
		return;
	}
	if (r.lost) {		/* the command loop sees the end of input */
		ssasl_result_fini(&r);
		return;
	}
	if (!authok) {
		reply(s, "%s", r.reply);
		if (r.failed)
			maillog(ML_DONE, ML_WARNING, s->env.id, "AUTH failure "
			    "(%s): %s%s%s, relay=%s", mech, r.detail,
			    r.authen != NULL ? ", user=" : "",
			    r.authen != NULL ? r.authen : "", relay_of(s));
		s->nerrs++;
		ssasl_result_fini(&r);
		return;
	}
	s->authuser = r.authen;
	r.authen = NULL;
	for (char *p = mech; *p; p++)
		*p = (char)toupper((unsigned char)*p);
	char ssf[16];
	snprintf(ssf, sizeof(ssf), "%u", r.ssf);
	setmac(s, "auth_type", mech);
	setmac(s, "auth_authen", s->authuser);
	setmac(s, "auth_ssf", ssf);
	rw_mactab_set(&s->mta->vm.envmac, 'r', protocol(s));
	reply(s, "%s", r.reply);
	maillog(ML_DONE, ML_INFO, NULL, "AUTH=server, relay=%s, "
	    "authid=%.128s, mech=%.16s, bits=%u", relay_of(s), s->authuser,
	    mech, r.ssf);
	ssasl_result_fini(&r);
}

static bool
privacy(const struct cf *cf, const char *word)
{
	const char *p = cf->optv[OPT_PRIVACYOPTIONS];
	size_t n = strlen(word);

	while (p != NULL && *p != '\0') {
		while (*p == ' ' || *p == ',' || *p == '\t')
			p++;
		size_t l = strcspn(p, " ,\t");
		if ((l == n && strncasecmp(p, word, n) == 0) ||
		    (l == 6 && strncasecmp(p, "goaway", 6) == 0))
			return true;
		p += l;
	}
	return false;
}

/*
 * srv_features, called with the client's name: "$# letters" turns
 * features off (upper case) or on (lower case, the defaults); "$#temp"
 * makes every transaction command fail temporarily.
 */
static void
srv_features(struct sess *s)
{
	struct pol_result pr;

	(void)policy_check(s->mta, "srv_features", s->peer->name, NULL, &pr);
	if (pr.verdict[0] == '\0')
		return;
	if (strcasecmp(pr.verdict, "temp") == 0) {
		if (s->nullserver == NULL)
			s->nullserver = xstrdup("450 4.3.0 Please try again "
			    "later.");
		return;
	}
	size_t n = 0;
	for (const char *p = pr.words; *p != '\0' && n < sizeof(s->features) - 1;
	    p++)
		if (isalpha((unsigned char)*p))
			s->features[n++] = *p;
	s->features[n] = '\0';
}

/* VRFY and EXPN: PrivacyOptions first, then check_vrfy / check_expn */
static void
cmd_vrfy(struct sess *s, char *arg, bool vrfy)
{
	struct mta *mta = s->mta;
	struct pol_result pr;
	bool refused = off(s, vrfy ? "novrfy" : "noexpn", vrfy ? 0 : 'X') ||
	    (!vrfy && privacy(&mta->cf, "restrictexpn") && getuid() != 0);

	maillog(ML_VRFY, ML_INFO, s->env.id, "%s: %s%s%.200s%s", relay_of(s),
	    vrfy ? "VRFY" : "EXPN", *arg != '\0' ? " " : "", arg,
	    refused ? " [rejected]" : "");
	if (refused) {
		if (vrfy)
			reply(s, "252 2.5.2 Cannot VRFY user; try RCPT to "
			    "attempt delivery (or try finger)");
		else
			reply(s, "502 5.7.0 Sorry, we do not allow this "
			    "operation");
		return;
	}
	if (s->helo == NULL &&
	    privacy(&mta->cf, vrfy ? "needvrfyhelo" : "needexpnhelo")) {
		reply(s, "503 5.0.0 I demand that you introduce yourself first");
		s->nerrs++;
		return;
	}
	if (policy_check(mta, vrfy ? "check_vrfy" : "check_expn", arg, NULL,
	    &pr) != POL_OK && pr.v != POL_DISCARD) {
		reply(s, "%s", pr.reply);
		s->nerrs++;
		return;
	}
	struct buf out = BUF_INIT;
	smtp_vrfy(mta, arg, vrfy, &out);
	for (char *line = out.s, *nl; line != NULL && *line != '\0';
	    line = nl + 1) {
		nl = strchr(line, '\n');
		*nl = '\0';
		reply(s, "%s", line);
	}
	buf_fini(&out);
}

/* ------------------------------------------------------------------ */

static void
greet(struct sess *s)
{
	struct mta *mta = s->mta;
	const char *g = mta->cf.optv[OPT_SMTPGREETINGMESSAGE];
	struct buf in = BUF_INIT, out = BUF_INIT;

	if (g == NULL || *g == '\0')
		g = "$j Sendmail $v ready at $b";
	if (g == mta->cf.optv[OPT_SMTPGREETINGMESSAGE])
		buf_puts(&in, g);	/* option values are in internal form */
	else
		rw_translate_dollars(&mta->cf.mn, g, strlen(g),
		    mta->cf.conflevel, &in, NULL);
	rw_expand(&mta->vm.env, buf_cstr(&in), &out, MAXLINE, NULL);
	const char *t = buf_cstr(&out);
	if (strstr(t, "ESMTP") == NULL) {
		size_t w = strcspn(t, " ");
		reply(s, "220 %.*s ESMTP%s", (int)w, t, t + w);
	} else
		reply(s, "220 %s", t);
	buf_fini(&in);
	buf_fini(&out);
}

/* ${load_avg}: the load average now (sendmail defines it throughout) */
static void
set_loadavg(struct sess *s)
{
	char n[16];

	snprintf(n, sizeof(n), "%d", la_current());
	setmac(s, "load_avg", n);
}

/* the commands sendmail holds a second at DelayLA: all but QUIT, RSET
 * and those it does not know */
static bool
la_delayed(const char *cmd)
{
	static const char *const slow[] = { "EHLO", "HELO", "MAIL", "RCPT",
	    "DATA", "VRFY", "EXPN", "ETRN", "HELP", "NOOP", "VERB", "AUTH",
	    "STARTTLS" };

	for (size_t i = 0; i < sizeof(slow) / sizeof(slow[0]); i++)
		if (strcasecmp(cmd, slow[i]) == 0)
			return true;
	return false;
}

static void
connect_macros(struct sess *s)
{
	const struct smtp_peer *p = s->peer;

	if (!p->local) {
		setmac(s, "client_addr", p->addr);
		setmac(s, "client_name", p->name);
		setmac(s, "client_port", p->port);
		setmac(s, "client_resolve", p->resolve);
		struct buf u = BUF_INIT;
		/* $_: "user@host [addr]" when the client's identd named one;
		 * an unresolved client is only "[addr]" */
		if (p->ident[0] != '\0')
			buf_printf(&u, "%s@", p->ident);
		if (p->name[0] == '[')
			buf_puts(&u, p->name);
		else
			buf_printf(&u, "%s [%s]", p->name, p->addr);
		rw_mactab_set(&s->mta->vm.envmac, '_', u.s);
		buf_fini(&u);
	} else {
		/* -bs: what sendmail's macros say for the user on stdin */
		setmac(s, "client_addr", "0");
		setmac(s, "client_port", "0");
		setmac(s, "daemon_flags", "c u");
	}
	if (p->daemon_name[0] != '\0')
		setmac(s, "daemon_name", p->daemon_name);
	if (p->daemon_addr[0] != '\0')
		setmac(s, "daemon_addr", p->daemon_addr);
	if (p->daemon_port[0] != '\0')
		setmac(s, "daemon_port", p->daemon_port);
	if (p->daemon_family != NULL)
		setmac(s, "daemon_family", p->daemon_family);
	if (p->modifiers[0] != '\0')
		setmac(s, "daemon_flags", p->modifiers);
	if (p->client_rate >= 0 && !p->local) {
		char n[16];
		snprintf(n, sizeof(n), "%d", p->client_rate);
		setmac(s, "client_rate", n);
		snprintf(n, sizeof(n), "%d", p->total_rate);
		setmac(s, "total_rate", n);
		snprintf(n, sizeof(n), "%d", p->client_conns);
		setmac(s, "client_connections", n);
	}
	rw_mactab_set(&s->mta->vm.envmac, 'r', "SMTP");
	hdr_setdates(s->mta, time(NULL));
	set_loadavg(s);
}

int
smtp_server_run(struct mta *mta, int rfd, int wfd,
    const struct smtp_peer *peer, struct tls_ctx *tls)
{
	struct sess s;
	struct buf line = BUF_INIT;
	struct rw_msgs saved = mta->vm.msgs;
	enum sio_eol eol;
	struct pol_result pr;

	memset(&s, 0, sizeof(s));
	snprintf(s.cmdname, sizeof(s.cmdname), "startup");
	s.mta = mta;
	s.peer = peer;
	s.tlsctx = tls;
	s.qdir = mta_qdir(&mta->cf);
	s.maxsize = mta_optlong(&mta->cf, OPT_MAXMESSAGESIZE, 0);
	s.softbounce = mta_optbool(&mta->cf, OPT_SOFTBOUNCE, false);
	s.maxrcpt = (int)mta_optlong(&mta->cf, OPT_MAXRECIPIENTSPERMESSAGE, 0);
	if (s.maxrcpt <= 0 || s.maxrcpt > SMTP_MAXRCPT)
		s.maxrcpt = SMTP_MAXRCPT;
	buf_init(&s.reply);
	q_env_init(&s.env);
	/* Timeout.command bounds the wait for each command (default 1h) */
	sio_init(&s.io, rfd, wfd, (int)cf_timeout(&mta->cf, "command", 3600) * 1000);
	mta->vm.msgs.emit = sess_emit;
	mta->vm.msgs.arg = &s;
	mta->cf.out = mta->vm.msgs;

	connect_macros(&s);
	s.sasl = sess_sasl(&s);
	reset_envelope(&s);
	s.env.id[0] = '\0';	/* connect and check_relay lines: NOQUEUE */
	rw_mactab_set(&mta->vm.envmac, 'i', NULL);
	maillog(peer->local ? ML_DONE : ML_CONNECT, ML_INFO, "",
	    "connect from %s", relay_of(&s));
	if (ssasl_mechs(s.sasl) != NULL)
		maillog(ML_CONNECT, ML_INFO, NULL, "AUTH: available mech=%s, "
		    "allowed mech=%s", ssasl_avail(s.sasl),
		    mta->cf.optv[OPT_AUTHMECHANISMS]);
	if (!peer->local &&
	    policy_check(mta, "check_relay", peer->name, peer->addr, &pr) !=
	    POL_OK && pr.v != POL_DISCARD) {
		log_policy(&s, "check_relay", peer->name, peer->addr, pr.reply);
		s.nullserver = xstrdup(pr.reply);
	}
	queue_newid(&s.env);
	rw_mactab_set(&mta->vm.envmac, 'i', s.env.id);
	srv_features(&s);
	greet(&s);
	struct buf whole = BUF_INIT;
	(void)sio_flush(&s.io);

	while (!s.quit) {
		int r = sio_getline(&s.io, &line, SMTP_CMDMAX, &eol);
		if (r < 0) {
			if (s.io.timedout)
				lost_input(&s);
			s.exitstat = EX_IOERR;
			break;
		}
		if (r == 0)
			break;
		if (r == 2) {
			reply(&s, "500 5.5.0 Command line too long");
			s.nerrs++;
			goto next;
		}
		/* trailing blanks and stray CRs are not part of a command */
		while (line.len > 0 && (line.s[line.len - 1] == ' ' ||
		    line.s[line.len - 1] == '\r' || line.s[line.len - 1] == '\t'))
			buf_truncate(&line, line.len - 1);
		if (memchr(line.s, '\0', line.len) != NULL) {
			reply(&s, "500 5.5.1 Command unrecognized");
			s.nerrs++;
			goto next;
		}
		char *cmd = (char *)buf_cstr(&line);
		while (*cmd == ' ' || *cmd == '\t')
			cmd++;
		/* the line as sent, for "Command unrecognized" */
		buf_reset(&whole);
		buf_puts(&whole, cmd);
		s.ncmds++;
		size_t cl = strcspn(cmd, " \t");
		char *arg = cmd + cl;
		if (*arg != '\0')
			*arg++ = '\0';
		while (*arg == ' ' || *arg == '\t')
			arg++;
		if (maillog_on(ML_COMMANDS))
			maillog(ML_COMMANDS, ML_INFO, s.env.id, "<-- %s%s%s", cmd,
			    *arg != '\0' ? " " : "", strcasecmp(cmd, "AUTH") == 0 ?
			    "..." : arg);
		size_t ci;
		for (ci = 0; ci < sizeof(s.cmdname) - 1 && cmd[ci] != '\0'; ci++)
			s.cmdname[ci] = (char)tolower((unsigned char)cmd[ci]);
		s.cmdname[ci] = '\0';
		if (strcasecmp(cmd, "MAIL") == 0 || strcasecmp(cmd, "EXPN") == 0 ||
		    strcasecmp(cmd, "VRFY") == 0 || strcasecmp(cmd, "ETRN") == 0)
			s.mailseen = true;
		set_loadavg(&s);
		if (la_delayed(cmd))
			(void)la_delay(&mta->cf, peer->delayla);

		if ((s.ncmds == 1 || strchr(s.features, 'h') != NULL) &&
		    (strcasecmp(cmd, "GET") == 0 || strcasecmp(cmd, "POST") == 0 ||
		    strcasecmp(cmd, "CONNECT") == 0 ||
		    strcasecmp(cmd, "USER") == 0)) {
			/* an HTTP or POP client: someone probing for a proxy */
			reply(&s, "421 4.7.0 %s Rejecting open proxy %s",
			    rw_macvalue(&mta->vm.env, 'j'), relay_of(&s));
			s.quit = true;
		} else if (strcasecmp(cmd, "QUIT") == 0) {
			reply(&s, "221 2.0.0 %s closing connection",
			    rw_macvalue(&mta->vm.env, 'j'));
			s.quit = true;
		} else if (strcasecmp(cmd, "NOOP") == 0) {
			if (too_often(&s, &s.nnoop, mta_optlong(&mta->cf,
			    OPT_MAXNOOPCOMMANDS, 20), "NOOP", BRAKE_DOUBLING))
				goto toomany;
			reply(&s, "250 2.0.0 OK");
		} else if (strcasecmp(cmd, "RSET") == 0) {
			drop_envelope(&s);
			reply(&s, "250 2.0.0 Reset state");
		} else if (s.nullserver != NULL &&
		    (strcasecmp(cmd, "MAIL") == 0 || strcasecmp(cmd, "RCPT") == 0 ||
		     strcasecmp(cmd, "DATA") == 0 || strcasecmp(cmd, "VRFY") == 0 ||
		     strcasecmp(cmd, "EXPN") == 0 || strcasecmp(cmd, "ETRN") == 0)) {
			reply(&s, "%s", s.nullserver);
			s.nerrs++;
		} else if (strcasecmp(cmd, "EHLO") == 0 ||
		    strcasecmp(cmd, "HELO") == 0) {
			if (too_often(&s, &s.nhelo, 3, "HELO/EHLO", BRAKE_DOUBLING))
				goto toomany;
			cmd_helo(&s, arg, strcasecmp(cmd, "EHLO") == 0);
		} else if (strcasecmp(cmd, "MAIL") == 0) {
			if (s.helo == NULL && privacy(&mta->cf, "needmailhelo"))
				reply(&s, "503 5.0.0 Polite people say HELO first");
			else
				cmd_mail(&s, arg);
		} else if (strcasecmp(cmd, "RCPT") == 0) {
			rcpt_throttle(&s);
			cmd_rcpt(&s, arg);
			if (s.have_mail && s.lastcode != '2')
				s.badrcpts++;
		} else if (strcasecmp(cmd, "DATA") == 0) {
			if (*arg != '\0') {
				reply(&s, "501 5.5.2 Syntax error (no parameters allowed)");
				s.nerrs++;
			} else
				cmd_data(&s);
		} else if (strcasecmp(cmd, "VRFY") == 0 ||
		    strcasecmp(cmd, "EXPN") == 0) {
			bool vrfy = strcasecmp(cmd, "VRFY") == 0;
			if (too_often(&s, &s.nvrfy, 6, vrfy ? "VRFY" : "EXPN",
			    BRAKE_LINEAR))
				goto toomany;
			cmd_vrfy(&s, arg, vrfy);
		} else if (strcasecmp(cmd, "VERB") == 0) {
			if (off(&s, "noverb", 'B'))
				reply(&s, "502 5.7.0 Verbose unavailable");
			else
				reply(&s, "250 2.0.0 Verbose mode");
		} else if (strcasecmp(cmd, "HELP") == 0) {
			cmd_help(&s, arg);
		} else if (strcasecmp(cmd, "ETRN") == 0) {
			/* (sendmail's ETRN brake: logged; its waits not known) */
			if (*arg != '\0') {
				(void)too_often(&s, &s.netrn, 8, "ETRN", BRAKE_LOG);
				maillog(ML_VRFY, ML_INFO, s.env.id, "%s: ETRN %.200s",
				    relay_of(&s), arg);
			}
			cmd_etrn(&s, arg);
		} else if (strcasecmp(cmd, "AUTH") == 0) {
			cmd_auth(&s, arg);
		} else if (strcasecmp(cmd, "STARTTLS") == 0) {
			cmd_starttls(&s, arg);
		} else {
			/* the whole line, shortened as sendmail does */
			struct buf q = BUF_INIT;
			const char *w = buf_cstr(&whole);
			size_t wl = strlen(w);
			for (size_t i = 0; i < wl; i++) {
				if (wl >= 203 && i == 100) {
					buf_puts(&q, "...");
					i = wl - 100;
				}
				buf_addch(&q, isprint((unsigned char)w[i]) || w[i] == '\t' ||
				    (w[i] & 0x80) ? w[i] : '?');
			}
			reply(&s, "500 5.5.1 Command unrecognized: \"%s\"",
			    buf_cstr(&q));
			buf_fini(&q);
			s.nerrs++;
		}
next:
		if (s.nerrs > SMTP_MAXERRS) {
toomany:
			reply(&s, "421 4.7.0 %s Too many bad commands; closing "
			    "connection", rw_macvalue(&mta->vm.env, 'j'));
			s.quit = true;
		}
		if (s.quit)
			(void)sio_flush(&s.io);
		else
			flush_maybe(&s);
		if (s.io.err)
			break;
	}
	(void)sio_flush(&s.io);
	if (!s.quit && s.io.timedout)
		maillog(ML_LOST, ML_NOTICE, s.env.id, "timeout waiting for input "
		    "from %s during server cmd read", relay_of(&s));
	else if (!s.quit)
		maillog(ML_LOST, ML_NOTICE, s.env.id, "lost input channel from %s "
		    "to %s after %s", relay_of(&s), daemon_of(&s), s.cmdname);
	/* a transaction left open (QUIT or a lost connection) */
	if (s.have_mail)
		log_from(&s, 0, NULL, 0);
	if (!s.mailseen)
		maillog(ML_DSN, ML_INFO, s.env.id, "%s did not issue "
		    "MAIL/EXPN/VRFY/ETRN during connection to %s", relay_of(&s),
		    daemon_of(&s));
	mta->vm.msgs = saved;
	mta->cf.out = saved;
	buf_fini(&line);
	buf_fini(&whole);
	buf_fini(&s.reply);
	free(s.helo);
	free(s.nullserver);
	free(s.authuser);
	ssasl_free(s.sasl);
	reset_envelope(&s);
	q_env_fini(&s.env);
	sio_fini(&s.io);
	return s.exitstat;
}

int
smtp_server_stdio(struct mta *mta)
{
	struct smtp_peer p;
	struct tls_ctx *tls;
	char why[256];

	memset(&p, 0, sizeof(p));
	p.local = true;
	p.client_rate = p.total_rate = p.client_conns = -1;
	snprintf(p.name, sizeof(p.name), "localhost");
	tls = tls_ctx_server(&mta->cf, why, sizeof(why));
	int st = smtp_server_run(mta, 0, 1, &p, tls);
	tls_ctx_free(tls);
	return st;
}
