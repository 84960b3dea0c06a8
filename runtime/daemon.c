/*
 * daemon.c -- -bd / -bD: listen on every DaemonPortOptions entry (Port=,
 * Addr=, Family=, Name=, M=), write PidFile, fork one process per
 * connection (at most MaxDaemonChildren), run the queue every -q
 * interval.  SIGTERM closes the listeners, lets the sessions finish,
 * removes the pid file and exits.  Children drop to RunAsUser if set.
 *
 * RefuseLA closes the sockets while the load average is at or above it
 * (loadavg.c); DelayLA holds each accept a second.
 *
 * SIGHUP reloads the configuration in place of sendmail's re-exec: the
 * new image is loaded and verified beside the old one; if that fails the
 * old one keeps serving and the reason is logged.  Otherwise listeners
 * whose DaemonPortOptions value is unchanged stay open (no window where
 * connections are refused), new ones are bound, dropped ones closed; the
 * TLS context and PidFile follow the new configuration.  Sessions in
 * flight are forked processes and finish with the image they started
 * with (the daemon reads images into its own memory, see mta_load).
 */
#include <ctype.h>
#include <errno.h>
#include <fcntl.h>
#include <grp.h>
#include <netdb.h>
#include <poll.h>
#include <pwd.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>
#include <netinet/in.h>
#include <arpa/inet.h>

#include "dns.h"
#include "ident.h"
#include "loadavg.h"
#include "maillog.h"
#include "map.h"
#include "modes.h"
#include "sasl.h"
#include "smtp_server.h"
#include "spool.h"
#include "tls.h"
#include "xmem.h"

#define DAEMON_BINDTRIES	10
#define DAEMON_BINDWAIT_MS	500
#define MAX_LISTEN	16

struct listener {
	int	 fd;
	char	 name[64];
	char	 addr[64];
	char	 port[8];
	const char *family;
	char	 modifiers[32];
	char	*spec;		/* the DaemonPortOptions value */
	int	 backlog;	/* Listen= (default 10, as sendmail) */
	int	 sndbuf, rcvbuf;	/* SndBufSize=, RcvBufSize= (0: system) */
	int	 maxkids;	/* children= (0: no limit of its own) */
	char	 dmode[8];	/* DeliveryMode= for its sessions, or "" */
	int	 id;		/* for counting its sessions (struct counts) */
	/* refuseLA=, delayLA= (0: the options RefuseLA, DelayLA) */
	int	 refusela, delayla;
	bool	 refusing;	/* closed for the load average (RefuseLA) */
};

static int next_listener_id = 1;

static volatile sig_atomic_t got_term, got_chld, got_hup;

static void
on_hup(int sig)
{
	(void)sig;
	got_hup = 1;
}

static void
on_term(int sig)
{
	(void)sig;
	got_term = 1;
}

static void
on_chld(int sig)
{
	(void)sig;
	got_chld = 1;
}

/* one "Port=25, Addr=127.0.0.1, Name=MTA" value */
static bool
parse_dpo(const char *v, struct listener *l, char *why, size_t whysz)
{
	char *copy = xstrdup(v), *p = copy;
	char port[32] = "smtp", addr[64] = "", fam[16] = "inet";

	snprintf(l->name, sizeof(l->name), "Daemon%d", 0);
	l->modifiers[0] = '\0';
	l->backlog = 10;
	l->sndbuf = l->rcvbuf = l->maxkids = 0;
	l->id = next_listener_id++;
	l->dmode[0] = '\0';
	l->refusela = l->delayla = 0;
	l->refusing = false;
	while (*p != '\0') {
		while (*p == ' ' || *p == ',' || *p == '\t')
			p++;
		if (*p == '\0')
			break;
		char *kv = p;
		p += strcspn(p, ",");
		if (*p == ',')
			*p++ = '\0';
		char *eq = strchr(kv, '=');
		if (eq == NULL)
			continue;
		*eq++ = '\0';
		while (*eq == ' ')
			eq++;
		size_t el = strlen(eq);
		while (el > 0 && eq[el - 1] == ' ')
			eq[--el] = '\0';
		/* sendmail tells the keys by their first letter, and the
		 * case matters for c(hildren), d(elayLA), q(ueueLA),
		 * r(efuseLA); the others are taken in either case */
		int key = strchr("cdqr", kv[0]) != NULL ? kv[0] :
		    toupper((unsigned char)kv[0]);
		switch (key) {
		case 'L': l->backlog = atoi(eq) > 0 ? atoi(eq) : 10; break;
		case 'S': l->sndbuf = atoi(eq); break;
		case 'R': l->rcvbuf = atoi(eq); break;
		case 'c': l->maxkids = atoi(eq); break;
		case 'r': l->refusela = atoi(eq) > 0 ? atoi(eq) : 0; break;
		case 'd': l->delayla = atoi(eq) > 0 ? atoi(eq) : 0; break;
		case 'D': snprintf(l->dmode, sizeof(l->dmode), "%s", eq); break;
		case 'P': snprintf(port, sizeof(port), "%s", eq); break;
		case 'A': snprintf(addr, sizeof(addr), "%s", eq); break;
		case 'F': snprintf(fam, sizeof(fam), "%s", eq); break;
		case 'N': snprintf(l->name, sizeof(l->name), "%s", eq); break;
		case 'M': snprintf(l->modifiers, sizeof(l->modifiers), "%s", eq);
			break;
		default: break;
		}
	}
	free(copy);
	if (strcasecmp(fam, "inet") != 0 && strcasecmp(fam, "inet6") != 0) {
		snprintf(why, whysz, "unsupported Family=%s", fam);
		return false;
	}
	l->family = strcasecmp(fam, "inet6") == 0 ? "inet6" : "inet";

	struct addrinfo hints, *res;
	memset(&hints, 0, sizeof(hints));
	hints.ai_family = strcmp(l->family, "inet6") == 0 ? AF_INET6 : AF_INET;
	hints.ai_socktype = SOCK_STREAM;
	hints.ai_flags = AI_PASSIVE;
	int err = getaddrinfo(addr[0] ? addr : NULL, port, &hints, &res);
	if (err != 0) {
		snprintf(why, whysz, "Addr=%s Port=%s: %s", addr, port,
		    gai_strerror(err));
		return false;
	}
	l->fd = socket(res->ai_family, res->ai_socktype, res->ai_protocol);
	int one = 1;
	if (l->fd >= 0) {
		setsockopt(l->fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof(one));
		if (l->sndbuf > 0)
			setsockopt(l->fd, SOL_SOCKET, SO_SNDBUF, &l->sndbuf,
			    sizeof(l->sndbuf));
		if (l->rcvbuf > 0)
			setsockopt(l->fd, SOL_SOCKET, SO_RCVBUF, &l->rcvbuf,
			    sizeof(l->rcvbuf));
		if (res->ai_family == AF_INET6)
			setsockopt(l->fd, IPPROTO_IPV6, IPV6_V6ONLY, &one,
			    sizeof(one));
	}
	if (l->fd < 0 || bind(l->fd, res->ai_addr, res->ai_addrlen) != 0 ||
	    listen(l->fd, l->backlog) != 0) {
		snprintf(why, whysz, "cannot bind %s port %s: %s",
		    addr[0] ? addr : "*", port, strerror(errno));
		if (l->fd >= 0)
			close(l->fd);
		freeaddrinfo(res);
		return false;
	}
	getnameinfo(res->ai_addr, res->ai_addrlen, l->addr, sizeof(l->addr),
	    l->port, sizeof(l->port), NI_NUMERICHOST | NI_NUMERICSERV);
	freeaddrinfo(res);
	fcntl(l->fd, F_SETFD, FD_CLOEXEC);
	return true;
}

static void
expand_opt(struct mta *mta, const char *v, struct buf *out)
{
	struct buf in = BUF_INIT;

	buf_puts(&in, v);	/* option values are in internal form */
	rw_expand(&mta->vm.env, buf_cstr(&in), out, MAXLINE, NULL);
	buf_fini(&in);
}

static void
drop_privs(struct mta *mta)
{
	const char *ru = mta->cf.optv[OPT_RUNASUSER];
	uid_t uid;
	gid_t gid;

	if (ru == NULL || *ru == '\0' || geteuid() != 0)
		return;
	char *copy = xstrdup(ru), *colon = strchr(copy, ':');
	if (colon != NULL)
		*colon++ = '\0';
	struct passwd *pw = getpwnam(copy);
	if (pw != NULL) {
		uid = pw->pw_uid;
		gid = pw->pw_gid;
	} else {
		uid = (uid_t)strtoul(copy, NULL, 10);
		gid = (gid_t)uid;
	}
	if (colon != NULL) {
		struct group *gr = getgrnam(colon);
		gid = gr != NULL ? gr->gr_gid : (gid_t)strtoul(colon, NULL, 10);
	}
	free(copy);
	if (setgroups(0, NULL) != 0 || setresgid(gid, gid, gid) != 0 ||
	    setresuid(uid, uid, uid) != 0)
		fatal("cannot drop privileges to RunAsUser");
}

/*
 * What the daemon counts per client address for ${client_rate},
 * ${total_rate} (connections within ConnectionRateWindowSize, default
 * 60s; FEATURE(ratecontrol)) and ${client_connections} (sessions open
 * now; FEATURE(conncontrol)).  Arrays in the parent only; bounded.
 */
#define RATE_MAX	8192
#define SESS_MAX	4096

struct counts {
	struct { time_t t; char addr[64]; } hit[RATE_MAX];
	int	 nhit;
	struct { pid_t pid; int lid; char addr[64]; } sess[SESS_MAX];
	int	 nsess;
};

static void
counts_connect(struct counts *c, const char *addr, time_t now, long window,
    struct smtp_peer *p)
{
	int k = 0;

	/* forget what left the window (the array is in time order) */
	while (k < c->nhit && c->hit[k].t <= now - window)
		k++;
	if (k == 0 && c->nhit == RATE_MAX)
		k = 1;
	if (k > 0) {
		memmove(&c->hit[0], &c->hit[k], (size_t)(c->nhit - k) *
		    sizeof(c->hit[0]));
		c->nhit -= k;
	}
	c->hit[c->nhit].t = now;
	snprintf(c->hit[c->nhit].addr, sizeof(c->hit[0].addr), "%s", addr);
	c->nhit++;
	p->total_rate = c->nhit;
	p->client_rate = 0;
	for (int i = 0; i < c->nhit; i++)
		if (strcmp(c->hit[i].addr, addr) == 0)
			p->client_rate++;
	p->client_conns = 1;	/* this one */
	for (int i = 0; i < c->nsess; i++)
		if (strcmp(c->sess[i].addr, addr) == 0)
			p->client_conns++;
}

static void
counts_session(struct counts *c, pid_t pid, int lid, const char *addr)
{
	if (c->nsess == SESS_MAX)
		return;
	c->sess[c->nsess].pid = pid;
	c->sess[c->nsess].lid = lid;
	snprintf(c->sess[c->nsess].addr, sizeof(c->sess[0].addr), "%s", addr);
	c->nsess++;
}

/* sessions open now on listener lid (its children= limit) */
static int
counts_kids(const struct counts *c, int lid)
{
	int n = 0;

	for (int i = 0; i < c->nsess; i++)
		n += c->sess[i].lid == lid;
	return n;
}

static void
counts_exit(struct counts *c, pid_t pid)
{
	for (int i = 0; i < c->nsess; i++)
		if (c->sess[i].pid == pid) {
			c->sess[i] = c->sess[--c->nsess];
			return;
		}
}

/*
 * The address as sendmail shows it (dns_addrtext; "IPv6:0:0:0:0:0:0:0:1"
 * for ::1, as measured against sendmail 8.17's daemon) and the port.
 */
static void
peer_addr(const struct sockaddr_storage *ss, socklen_t sl, char *a,
    size_t asz, char *port, size_t psz)
{
	port[0] = '\0';
	getnameinfo((const struct sockaddr *)ss, sl, NULL, 0, port, psz,
	    NI_NUMERICSERV);
	dns_addrtext((const struct sockaddr *)ss, a, asz);
}

static void
serve(struct mta *mta, const struct listener *l, int fd,
    struct sockaddr_storage *ss, socklen_t sl, struct tls_ctx *tls,
    const struct smtp_peer *counted)
{
	struct smtp_peer p;

	memset(&p, 0, sizeof(p));
	p.client_rate = counted->client_rate;
	p.total_rate = counted->total_rate;
	p.client_conns = counted->client_conns;
	peer_addr(ss, sl, p.addr, sizeof(p.addr), p.port, sizeof(p.port));
	int rc = getnameinfo((struct sockaddr *)ss, sl, p.name, sizeof(p.name),
	    NULL, 0, NI_NAMEREQD);
	if (rc == 0)
		p.resolve = "OK";
	else {
		snprintf(p.name, sizeof(p.name), "[%s]", p.addr);
		/* a resolver that did not answer: TEMP, as sendmail says */
		p.resolve = rc == EAI_AGAIN ? "TEMP" : "FAIL";
	}
	/* Timeout.ident (sendmail's default 5s): ask the client's identd */
	(void)ident_query(fd, cf_timeout(&mta->cf, "ident", 5), p.ident,
	    sizeof(p.ident));
	snprintf(p.daemon_name, sizeof(p.daemon_name), "%s", l->name);
	snprintf(p.daemon_addr, sizeof(p.daemon_addr), "%s", l->addr);
	snprintf(p.daemon_port, sizeof(p.daemon_port), "%s", l->port);
	p.daemon_family = l->family;
	snprintf(p.modifiers, sizeof(p.modifiers), "%s", l->modifiers);
	p.delayla = l->delayla;
	(void)smtp_server_run(mta, fd, fd, &p, tls);
}

/*
 * Open the listeners cf asks for.  A DaemonPortOptions value equal to one
 * of the nold listeners takes that socket over (old[i].fd becomes -1);
 * a configured socket that cannot be bound yet (the old daemon's is still
 * closing) is tried again, as sendmail's opendaemonsocket does, unless
 * this is a reload.  The default port is only for a cf without any.
 * Returns the number opened, or -1 when the cf names sockets and none
 * could be opened.
 */
static int
open_listeners(const struct cf *cf, struct listener *ls,
    struct listener *old, int nold)
{
	char why[256];
	int nl = 0, ndpo = 0;
	int tries = nold > 0 ? DAEMON_BINDTRIES - 1 : 0;

	for (; nl == 0 && tries < DAEMON_BINDTRIES; tries++) {
		if (tries > 0 && nold == 0)
			usleep(DAEMON_BINDWAIT_MS * 1000);
		ndpo = 0;
		for (int i = 0; i < cf->nopts && nl < MAX_LISTEN; i++) {
			const char *v = cf->opts[i].value;
			if (strcmp(cf->opts[i].name, "DaemonPortOptions") != 0)
				continue;
			ndpo++;
			int k;
			for (k = 0; k < nold; k++)
				if (old[k].fd >= 0 && strcmp(old[k].spec, v) == 0)
					break;
			if (k < nold) {
				ls[nl] = old[k];
				ls[nl].spec = xstrdup(v);
				old[k].fd = -1;
				nl++;
				continue;
			}
			if (!parse_dpo(v, &ls[nl], why, sizeof(why))) {
				log_warnx("DaemonPortOptions %s: %s", v, why);
				continue;
			}
			ls[nl++].spec = xstrdup(v);
		}
		if (ndpo == 0)
			break;
	}
	if (nl == 0 && ndpo > 0)
		return -1;
	if (nl == 0) {
		for (int k = 0; k < nold; k++)
			if (old[k].fd >= 0 && strcmp(old[k].spec, "") == 0) {
				ls[0] = old[k];
				ls[0].spec = xstrdup("");
				old[k].fd = -1;
				return 1;
			}
		if (!parse_dpo("Name=MTA", &ls[0], why, sizeof(why))) {
			log_warnx("%s", why);
			return -1;
		}
		ls[0].spec = xstrdup("");
		nl = 1;
	}
	return nl;
}

/*
 * RefuseLA: at or above it a listener's socket is closed, so connections
 * are refused, as sendmail does; it is bound again once the load is
 * below.  Called once per turn of the daemon's loop (at least once a
 * second).
 */
static void
refuse_for_load(const struct cf *cf, struct listener *ls, int n)
{
	int la = la_current();
	char why[256];

	for (int i = 0; i < n; i++) {
		struct listener *l = &ls[i];
		bool refuse = la_refuse(cf, l->refusela, la);
		if (refuse && !l->refusing && l->fd >= 0) {
			close(l->fd);
			l->fd = -1;
			l->refusing = true;
			maillog(ML_REJECT, ML_NOTICE, "", "rejecting connections "
			    "on daemon %s: load average: %d", l->name, la);
		} else if (!refuse && l->refusing) {
			struct listener t;
			memset(&t, 0, sizeof(t));
			if (!parse_dpo(l->spec != NULL && l->spec[0] != '\0' ?
			    l->spec : "Name=MTA", &t, why, sizeof(why)))
				continue;	/* the next turn tries again */
			l->fd = t.fd;
			l->refusing = false;
			maillog(ML_REJECT, ML_NOTICE, "", "accepting connections "
			    "again for daemon %s", l->name);
		}
	}
}

static void
close_listeners(struct listener *ls, int n)
{
	for (int i = 0; i < n; i++) {
		if (ls[i].fd >= 0)
			close(ls[i].fd);
		ls[i].fd = -1;
		free(ls[i].spec);
		ls[i].spec = NULL;
	}
}

static void
write_pidfile(struct mta *mta, int mode, struct buf *pidfile)
{
	const char *pf = mta->cf.optv[OPT_PIDFILE];

	buf_reset(pidfile);
	if (pf == NULL || *pf == '\0')
		return;
	expand_opt(mta, pf, pidfile);
	FILE *f = fopen(pidfile->s, "w");
	if (f != NULL) {
		fprintf(f, "%ld\ncfmta -b%c\n", (long)getpid(), mode);
		fclose(f);
	} else
		log_warn("cannot write PidFile %s", pidfile->s);
}

/*
 * SIGHUP: load the configuration again.  On success *mtap is the new
 * one (the old one freed unless it is the caller's) and the listeners,
 * TLS context and PidFile follow it; on failure nothing changes.
 */
static void
reload(struct mta **mtap, struct mta *orig, int mode, struct listener *ls,
    int *nl, struct tls_ctx **tls, struct buf *pidfile)
{
	struct mta *old = *mtap, *nm = xcalloc(1, sizeof(*nm));
	struct listener nls[MAX_LISTEN];
	char why[256] = "";

	int lr = mta_load(nm, old->spec, why, sizeof(why));
	if (lr == 0 && old->is_image && !nm->is_image) {
		snprintf(why, sizeof(why), "not a compiled image");
		lr = MTA_BADIMAGE;
	}
	if (lr != 0) {
		log_warnx("SIGHUP: %s: %s; keeping the running configuration",
		    old->spec->cfpath, why);
		maillog(1, ML_ERR, NULL, "SIGHUP: %s: %s; keeping the running "
		    "configuration", old->spec->cfpath, why);
		mta_unload(nm);
		free(nm);
		return;
	}
	int n = open_listeners(&nm->cf, nls, ls, *nl);
	if (n < 0) {
		log_warnx("SIGHUP: %s: no daemon socket could be opened; "
		    "keeping the running configuration", old->spec->cfpath);
		/* (none of the old sockets was taken over) */
		mta_unload(nm);
		free(nm);
		return;
	}
	close_listeners(ls, *nl);
	memcpy(ls, nls, (size_t)n * sizeof(*ls));
	*nl = n;
	tls_ctx_free(*tls);
	*tls = tls_ctx_server(&nm->cf, why, sizeof(why));
	if (pidfile->len > 0)
		(void)unlink(pidfile->s);
	write_pidfile(nm, mode, pidfile);
	mta_unload(old);
	if (old != orig)
		free(old);
	*mtap = nm;
	maillog_setlevel((int)mta_optlong(&nm->cf, OPT_LOGLEVEL, 9));
	log_warnx("SIGHUP: %s reloaded", nm->spec->cfpath);
	/* sendmail logs its restart at LogLevel > 3 */
	maillog(4, ML_INFO, NULL, "restarting with %s due to signal",
	    nm->spec->cfpath);
}

int
daemon_main(struct mta *orig, const struct mode_args *a)
{
	struct mta *mta = orig;
	struct listener ls[MAX_LISTEN];
	int nl = 0, children = 0;
	char why[256];
	struct buf pidfile = BUF_INIT;
	time_t nextq = 0;

	nl = open_listeners(&mta->cf, ls, NULL, 0);
	if (nl < 0) {
		log_warnx("no daemon socket could be opened");
		return EX_OSERR;
	}
	if (a->mode == 'd') {
		pid_t pid = fork();
		if (pid < 0)
			fatal("fork");
		if (pid > 0)
			_exit(0);
		(void)setsid();
		int dn = open("/dev/null", O_RDWR);
		if (dn >= 0) {
			dup2(dn, 0);
			dup2(dn, 1);
			if (dn > 2)
				close(dn);
		}
	}
	write_pidfile(mta, a->mode, &pidfile);

	struct sigaction sa;
	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_term;
	sigaction(SIGTERM, &sa, NULL);
	sigaction(SIGINT, &sa, NULL);
	sa.sa_handler = on_chld;
	sigaction(SIGCHLD, &sa, NULL);
	sa.sa_handler = on_hup;
	sigaction(SIGHUP, &sa, NULL);
	signal(SIGPIPE, SIG_IGN);

	struct tls_ctx *tls = tls_ctx_server(&mta->cf, why, sizeof(why));
	/* libsasl2 once, as sendmail: each child inherits it */
	ssasl_preinit(mta);
	if (a->qinterval > 0)
		nextq = time(NULL);
	struct counts *cnt = xcalloc(1, sizeof(*cnt));
	/* ConnectionRateThrottle: accepts per listener in the current second */
	int accepted[MAX_LISTEN] = { 0 };
	time_t second = 0;

	while (!got_term) {
		struct pollfd pf2[MAX_LISTEN];
		long maxkids = mta_optlong(&mta->cf, OPT_MAXDAEMONCHILDREN, 0);
		if (got_hup) {
			got_hup = 0;
			reload(&mta, orig, a->mode, ls, &nl, &tls, &pidfile);
		}
		if (got_chld) {
			pid_t w;
			got_chld = 0;
			while ((w = waitpid(-1, NULL, WNOHANG)) > 0) {
				children--;
				counts_exit(cnt, w);
			}
		}
		if (nextq != 0 && time(NULL) >= nextq) {
			pid_t q = fork();
			if (q == 0) {
				for (int i = 0; i < nl; i++)
					close(ls[i].fd);
				(void)queue_run(mta, a, true);
				fflush(NULL);
				_exit(0);
			}
			if (q > 0)
				children++;
			nextq = time(NULL) + a->qinterval;
		}
		long throttle = mta_optlong(&mta->cf, OPT_CONNECTIONRATETHROTTLE, 0);
		long window = mta_opttime(&mta->cf, OPT_CONNECTIONRATEWINDOWSIZE, 60);
		time_t now = time(NULL);
		if (now != second) {
			second = now;
			memset(accepted, 0, sizeof(accepted));
		}
		refuse_for_load(&mta->cf, ls, nl);
		bool throttled = false;
		for (int i = 0; i < nl; i++) {
			/* a listener at its rate waits for the next second;
			 * the connection waits in the listen queue */
			pf2[i].fd = throttle > 0 && accepted[i] >= throttle ?
			    -1 : ls[i].fd;
			/* children=: this listener's own limit */
			if (ls[i].maxkids > 0 &&
			    counts_kids(cnt, ls[i].id) >= ls[i].maxkids)
				pf2[i].fd = -1;
			throttled |= pf2[i].fd < 0 && !ls[i].refusing;
			pf2[i].events = POLLIN;
			pf2[i].revents = 0;
		}
		bool full = maxkids > 0 && children >= maxkids;
		int r = poll(pf2, full ? 0 : (nfds_t)nl, throttled ? 100 : 1000);
		if (r <= 0)
			continue;
		for (int i = 0; i < nl; i++) {
			if (!(pf2[i].revents & POLLIN) || ls[i].fd < 0)
				continue;
			/* DelayLA: a second before taking the connection */
			(void)la_delay(&mta->cf, ls[i].delayla);
			struct sockaddr_storage ss;
			socklen_t sl = sizeof(ss);
			int fd = accept(ls[i].fd, (struct sockaddr *)&ss, &sl);
			if (fd < 0)
				continue;
			accepted[i]++;
			struct smtp_peer counted;
			char ca[64], cp[8];
			peer_addr(&ss, sl, ca, sizeof(ca), cp, sizeof(cp));
			counts_connect(cnt, ca, time(NULL), window, &counted);
			pid_t pid = fork();
			if (pid == 0) {
				signal(SIGTERM, SIG_DFL);
				signal(SIGCHLD, SIG_DFL);
				signal(SIGHUP, SIG_DFL);
				for (int k = 0; k < nl; k++)
					close(ls[k].fd);
				drop_privs(mta);
				if (ls[i].dmode[0] != '\0') {
					/* DeliveryMode= of this listener */
					free(mta->cf.optv[OPT_DELIVERYMODE]);
					mta->cf.optv[OPT_DELIVERYMODE] =
					    xstrdup(ls[i].dmode);
				}
				serve(mta, &ls[i], fd, &ss, sl, tls, &counted);
				close(fd);
				fflush(NULL);	/* -d traces */
				_exit(0);
			}
			if (pid > 0) {
				children++;
				counts_session(cnt, pid, ls[i].id, ca);
			}
			close(fd);
		}
	}
	/* TERM: no new connections; sessions in flight finish */
	close_listeners(ls, nl);
	while (children > 0) {
		pid_t w = waitpid(-1, NULL, 0);
		if (w < 0 && errno != EINTR)
			break;
		if (w > 0)
			children--;
	}
	if (pidfile.len > 0)
		(void)unlink(pidfile.s);
	buf_fini(&pidfile);
	tls_ctx_free(tls);
	free(cnt);
	if (mta != orig) {
		mta_unload(mta);
		free(mta);
	}
	return EX_OK;
}
