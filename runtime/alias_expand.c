/*
 * alias_expand.c -- sendmail's recipient(), alias(), forward() and
 * include(): a recipient goes through rulesets 3,0 (addr.c) to a mailer
 * triple; if the mailer has F=A its user is looked up in the AliasFile
 * databases (written by -bi, aliases.c), if it has F=w the user must be
 * in the password file and its ForwardPath file (~/.forward) replaces it.
 * Alias values, :include: files and .forward files are address lists
 * expanded again, to MaxAliasRecursion levels.  Programs, files and
 * :include:s are only accepted from such lists, never directly.  Every
 * address enters the list once (sendmail's sameaddr); a list that names
 * itself keeps its own delivery (self reference); an address that expands
 * to nothing but itself is a loop.  owner-LIST becomes the sender of the
 * list's deliveries.  The list (struct alias_list) owns its strings.
 */
#include <ctype.h>
#include <errno.h>
#include <pwd.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <grp.h>
#include <signal.h>
#include <sys/stat.h>
#include <unistd.h>

#include "alias_expand.h"
#include "map.h"
#include "spool.h"
#include "xmem.h"

#define AX_MAXDEPTH	10		/* MaxAliasRecursion default */
#define AX_MAXALIASDB	16
#define AX_MAXLISTLINE	8192		/* longest :include:/.forward line */
#define AX_MAXLISTADDRS	1000		/* addresses read from one file */
#define AX_FORWARDPATH	"$z/.forward.$w+$h:$z/.forward+$h:$z/.forward.$w:$z/.forward"

/* the controlling address of a list member (sendmail's ctladdr) */
struct ax_ctl {
	int	 parent;	/* index of the list's entry */
	long	 uid, gid;	/* run as; -1 = DefaultUser */
	const char *owner;	/* owner-LIST, or NULL */
};

/* one top-level expansion */
struct ax {
	struct mta	*mta;
	struct alias_list *l;
	int		 maxdepth;
	bool		 dup_this_pass;
	struct rw_msgs	 outer;		/* the caller's message sink */
	struct buf	 lasterr;	/* last error text from addr_parse */
};

void
alias_list_init(struct alias_list *l)
{
	memset(l, 0, sizeof(*l));
}

void
alias_list_fini(struct alias_list *l)
{
	for (int i = 0; i < l->n; i++) {
		struct alias_dest *d = &l->v[i];
		free(d->addr); free(d->mailer); free(d->host); free(d->user);
		free(d->key); free(d->owner); free(d->diag);
	}
	free(l->v);
	alias_list_init(l);
}

static int
list_add(struct alias_list *l)
{
	if (l->n == l->cap) {
		l->cap = l->cap ? l->cap * 2 : 8;
		l->v = xreallocarray(l->v, (size_t)l->cap, sizeof(*l->v));
	}
	memset(&l->v[l->n], 0, sizeof(l->v[0]));
	l->v[l->n].uid = l->v[l->n].gid = -1;
	l->v[l->n].pass = l->pass;
	l->v[l->n].parent = -1;
	return l->n++;
}

char *
alias_key(struct mta *mta, const char *mailer, const char *host,
    const char *user)
{
	const struct cf_mailer *m = addr_findmailer(&mta->cf, mailer);
	struct buf k = BUF_INIT;

	for (const char *p = mailer; *p; p++)
		buf_addch(&k, (char)tolower((unsigned char)*p));
	buf_addch(&k, '\001');
	for (const char *p = host != NULL ? host : ""; *p; p++)
		buf_addch(&k, (char)tolower((unsigned char)*p));
	buf_addch(&k, '\001');
	if (*user == '\\')
		user++;
	for (const char *p = user; *p; p++)
		buf_addch(&k, m != NULL && MAILER_HAS(m, 'u') ? *p :
		    (char)tolower((unsigned char)*p));
	return buf_steal(&k);
}

void
alias_list_seed(struct alias_list *l, struct mta *mta, const char *mailer,
    const char *host, const char *user)
{
	int i = list_add(l);

	l->v[i].key = alias_key(mta, mailer, host, user);
	l->v[i].addr = xstrdup(user);
	l->v[i].mailer = xstrdup(mailer);
	l->v[i].host = xstrdup(host);
	l->v[i].user = xstrdup(user);
	l->v[i].pass = -1;
}

/* ---- the alias databases -------------------------------------------- */

static struct cf_map *aliasdb[AX_MAXALIASDB];
static int naliasdb = -1;
static const struct cf *aliascf;

/* sendmail's setalias: one map "AliasN" per AliasFile entry */
static void
aliases_open(struct mta *mta)
{
	const char *spec = mta->cf.optv[OPT_ALIASFILE];

	if (naliasdb >= 0 && aliascf == &mta->cf)
		return;
	naliasdb = 0;
	aliascf = &mta->cf;
	if (spec == NULL || *spec == '\0')
		spec = "/etc/mail/aliases";
	char *copy = xstrdup(spec), *save = NULL;
	for (char *f = strtok_r(copy, ",", &save); f != NULL &&
	    naliasdb < AX_MAXALIASDB; f = strtok_r(NULL, ",", &save)) {
		while (isspace((unsigned char)*f))
			f++;
		const char *cls = "implicit", *file = f;
		char *colon = strchr(f, ':');
		if (colon != NULL && f[0] != '/') {
			*colon = '\0';
			cls = f;
			file = colon + 1;
		}
		struct buf line = BUF_INIT;
		/* a database not built yet means no aliases, not a failure */
		buf_printf(&line, "Alias%d %s -o %s", naliasdb, cls, file);
		struct cf_map *m = cf_makemap(&mta->cf, line.s);
		buf_fini(&line);
		if (m != NULL) {
			m->mflags |= MF_ALIAS;
			aliasdb[naliasdb++] = m;
		}
	}
	free(copy);
}

void
aliases_forget(const struct cf *cf)
{
	if (aliascf == cf)
		naliasdb = -1;
}

/* sendmail's aliaslookup: value malloc'd, or NULL with *st set */
static char *
aliases_lookup(struct mta *mta, const char *name, int *st)
{
	struct map_ctx ctx = { &mta->cf, &mta->vm.env, &mta->vm.envmac };
	bool tempfail = false;

	aliases_open(mta);
	*st = EX_NOTFOUND;
	for (int i = 0; i < naliasdb; i++) {
		char *key = xstrdup(name), *v;
		int s = EX_OK;
		if (!map_ensure_open(&mta->cf, aliasdb[i])) {
			free(key);
			continue;
		}
		v = map_lookup(&ctx, aliasdb[i], key, NULL, &s);
		free(key);
		if (v != NULL) {
			*st = EX_OK;
			return v;
		}
		if (s == EX_TEMPFAIL || s == EX_UNAVAILABLE)
			tempfail = true;
	}
	if (tempfail)
		*st = EX_TEMPFAIL;
	return NULL;
}

/* ---- reporting ---------------------------------------------------------- */

/* records the text of errors addr_parse reports, then passes them on */
static void
ax_emit(void *arg, enum rw_msgkind kind, const char *to, const char *text)
{
	struct ax *x = arg;

	if (kind == RWM_USRERR || kind == RWM_SYSERR) {
		buf_reset(&x->lasterr);
		buf_puts(&x->lasterr, text);
	}
	if (x->outer.emit != NULL)
		x->outer.emit(x->outer.arg, kind, to, text);
}

/*
 * Mark entry i refused: text is "550 5.1.1 User unknown"; the diagnostic
 * becomes "550 5.1.1 <addr>... User unknown" and the caller's sink hears
 * it as sendmail's usrerr.
 */
static void
ax_fail(struct ax *x, int i, int stat, const char *text)
{
	struct alias_dest *d = &x->l->v[i];
	struct buf t = BUF_INIT;
	size_t n = strspn(text, "0123456789");
	const char *rest = text;

	if (n == 3 && text[3] == ' ') {
		rest = text + 4;
		if (isdigit((unsigned char)rest[0]) && rest[1] == '.') {
			rest += strcspn(rest, " ");
			rest += *rest == ' ';
		}
		buf_append(&t, text, (size_t)(rest - text));
	}
	buf_printf(&t, "<%s>... %s", d->addr, rest);
	d->state = AD_ERROR;
	d->stat = stat;
	free(d->diag);
	d->diag = buf_steal(&t);
	if (x->outer.emit != NULL)
		x->outer.emit(x->outer.arg, RWM_USRERR, d->addr, text);
}

static int	recipient(struct ax *x, const char *addr,
		    const struct ax_ctl *ctl, int depth);

/*
 * sendmail's sendtolist: split a comma-separated list (commas inside
 * quotes, <> and comments do not count) and expand each member under ctl.
 */
static void
sendtolist(struct ax *x, const char *list, const struct ax_ctl *ctl,
    int depth)
{
	const char *p = list;

	while (*p != '\0') {
		int angle = 0, paren = 0;
		bool quote = false;
		const char *s = p;
		for (; *p != '\0'; p++) {
			if (*p == '\\' && p[1] != '\0') {
				p++;
				continue;
			}
			if (*p == '"')
				quote = !quote;
			else if (quote)
				continue;
			else if (*p == '(')
				paren++;
			else if (*p == ')' && paren > 0)
				paren--;
			else if (*p == '<')
				angle++;
			else if (*p == '>' && angle > 0)
				angle--;
			else if (*p == ',' && angle == 0 && paren == 0)
				break;
		}
		while (s < p && isspace((unsigned char)*s))
			s++;
		const char *e = p;
		while (e > s && isspace((unsigned char)e[-1]))
			e--;
		if (e > s) {
			char *one = xstrndup(s, (size_t)(e - s));
			(void)recipient(x, one, ctl, depth);
			free(one);
		}
		if (*p == ',')
			p++;
	}
}

/*
 * sendmail's include(): every line of path is an address list; comments
 * (#) and blank lines are skipped.  Programs and files named in it run
 * as the file's owner (DefaultUser if root owns it).  Returns the number
 * of address lines, or -1 (errno set) if the file cannot be read.
 */
/*
 * Open path for reading as uid:gid, as sendmail opens :include: and
 * .forward files: a .forward cannot name a file its owner could not read
 * (":include:/etc/shadow"), nor an alias one DefaultUser could not.
 * Only a root process switches; it always switches back.
 */
static void
on_alarm(int sig)
{
	(void)sig;
}

/* fopen bounded by Timeout.fileopen (a hung NFS server, a FIFO) */
static FILE *
open_timed(const char *path, long secs)
{
	struct sigaction sa, old;

	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_alarm;	/* no SA_RESTART: open gets EINTR */
	sigaction(SIGALRM, &sa, &old);
	alarm(secs > 0 ? (unsigned)secs : 0);
	FILE *fp = fopen(path, "r");
	int err = errno;
	alarm(0);
	sigaction(SIGALRM, &old, NULL);
	errno = fp == NULL && err == EINTR ? ETIMEDOUT : err;
	return fp;
}

static FILE *
open_as(const char *path, uid_t uid, gid_t gid, long secs)
{
	if (geteuid() != 0 || uid == 0)
		return open_timed(path, secs);
	int ng = getgroups(0, NULL);
	gid_t *groups = xcalloc((size_t)(ng > 0 ? ng : 1), sizeof(gid_t));
	ng = getgroups(ng, groups);
	FILE *fp = NULL;
	int err = EPERM;
	if (ng >= 0 && setgroups(1, &gid) == 0 && setegid(gid) == 0 &&
	    seteuid(uid) == 0) {
		fp = open_timed(path, secs);
		err = errno;
	}
	if (seteuid(0) != 0 || setegid(getgid()) != 0 ||
	    (ng >= 0 && setgroups((size_t)ng, groups) != 0))
		fatal("cannot return to root after reading %s", path);
	free(groups);
	errno = err;
	return fp;
}

static int
include_file(struct ax *x, const char *path, struct ax_ctl *ctl, int depth,
    bool forward)
{
	struct stat st;
	char line[AX_MAXLISTLINE];
	int naddr = 0;
	uid_t uid;
	gid_t gid;

	if (ctl->uid >= 0) {
		uid = (uid_t)ctl->uid;
		gid = (gid_t)ctl->gid;
	} else
		mta_defaultuser(&x->mta->cf, &uid, &gid);
	FILE *fp = open_as(path, uid, gid,
	    cf_timeout(&x->mta->cf, "fileopen", 60));

	if (fp == NULL)
		return -1;
	if (fstat(fileno(fp), &st) != 0 || !S_ISREG(st.st_mode) ||
	    (st.st_mode & S_IWOTH) != 0 ||
	    (forward && (st.st_mode & S_IWGRP) != 0)) {
		fclose(fp);
		errno = EPERM;
		return -1;
	}
	if (!forward && st.st_uid != 0) {
		ctl->uid = (long)st.st_uid;
		ctl->gid = (long)st.st_gid;
	}
	while (fgets(line, sizeof(line), fp) != NULL && naddr < AX_MAXLISTADDRS) {
		line[strcspn(line, "\r\n")] = '\0';
		char *p = line;
		while (isspace((unsigned char)*p))
			p++;
		if (*p == '#' || *p == '\0')
			continue;
		sendtolist(x, p, ctl, depth);
		naddr++;
	}
	fclose(fp);
	return naddr;
}

/* sendmail's forward(): the first ForwardPath file that exists */
static void
forward(struct ax *x, int i, const struct passwd *pw, int depth)
{
	struct mta *mta = x->mta;
	const char *fp = mta->cf.optv[OPT_FORWARDPATH];
	struct buf paths = BUF_INIT;

	if (fp == NULL || *fp == '\0')
		fp = AX_FORWARDPATH;
	rw_mactab_set(&mta->vm.envmac, 'z', pw->pw_dir);
	rw_mactab_set(&mta->vm.envmac, 'u', x->l->v[i].user);
	rw_mactab_set(&mta->vm.envmac, 'h', x->l->v[i].host);
	rw_expand(&mta->vm.env, fp, &paths, MAXLINE, NULL);
	rw_mactab_set(&mta->vm.envmac, 'z', NULL);
	rw_mactab_set(&mta->vm.envmac, 'u', NULL);
	rw_mactab_set(&mta->vm.envmac, 'h', NULL);

	char *save = NULL;
	for (char *p = strtok_r(paths.s, ":", &save); p != NULL;
	    p = strtok_r(NULL, ":", &save)) {
		struct stat st;
		if (stat(p, &st) != 0)
			continue;
		/* the user's own file (or root's), writable only by them */
		if (st.st_uid != pw->pw_uid && st.st_uid != 0) {
			log_warnx("forward: %s: not owned by %s, ignored", p,
			    pw->pw_name);
			continue;
		}
		struct ax_ctl ctl = { i, (long)pw->pw_uid, (long)pw->pw_gid,
		    x->l->v[i].owner };
		int n = include_file(x, p, &ctl, depth + 1, true);
		if (n < 0) {
			log_warn("forward: %s: ignored", p);
			continue;
		}
		/* an empty .forward does not count */
		if (n > 0)
			x->l->v[i].state = AD_EXPANDED;
		break;
	}
	buf_fini(&paths);
}

/* which built-in mailer: 'p' prog, 'f' *file*, 'i' *include*, 0 other */
static int
special(const struct cf_mailer *m, const char *user)
{
	if (m == NULL)
		return 0;
	if (strcasecmp(m->name, "*include*") == 0)
		return 'i';
	if (strcasecmp(m->name, "*file*") == 0)
		return 'f';
	if (strcasecmp(m->name, "prog") == 0 &&
	    (*user == '|' || (*user == '"' && user[1] == '|')))
		return 'p';
	return 0;
}

static int
findentry(struct alias_list *l, const char *key)
{
	for (int i = 0; i < l->n; i++)
		if (l->v[i].key != NULL && strcmp(l->v[i].key, key) == 0)
			return i;
	return -1;
}

/* the user part before +detail, for the password file */
static struct passwd *
finduser(const char *user)
{
	char *u = xstrdup(user);
	u[strcspn(u, "+")] = '\0';
	struct passwd *pw = *u != '\0' ? getpwnam(u) : NULL;
	free(u);
	return pw;
}

/* alias name of a user: folded to lower case unless the mailer has F=u */
static char *
alias_name(const struct cf_mailer *m, const char *user)
{
	char *k = xstrdup(user);

	if (!MAILER_HAS(m, 'u'))
		for (char *p = k; *p; p++)
			*p = (char)tolower((unsigned char)*p);
	return k;
}

/*
 * One address: parse, suppress duplicates, then alias, include or
 * forward.  Returns its entry index, or -1 for a duplicate.
 */
static int
recipient(struct ax *x, const char *addr, const struct ax_ctl *ctl, int depth)
{
	struct mta *mta = x->mta;
	struct alias_list *l = x->l;
	struct addr_result res;
	int i;

	/* RFC 3461: a list of more than one address is "expanded" */
	if (ctl != NULL && ctl->parent >= 0 && ctl->parent < l->n)
		l->v[ctl->parent].nmembers++;
	vm_reset(&mta->vm);
	buf_reset(&x->lasterr);
	memset(&res, 0, sizeof(res));
	bool ok = addr_parse(mta, addr, 0, &res);
	vm_reset(&mta->vm);
	if (!ok || res.status != EX_OK || res.mailer == NULL ||
	    strcmp(res.mailer, "*error*") == 0) {
		i = list_add(l);
		l->v[i].addr = xstrdup(addr);
		l->v[i].parent = ctl != NULL ? ctl->parent : -1;
		if (ctl != NULL && ctl->owner != NULL)
			l->v[i].owner = xstrdup(ctl->owner);
		const char *t = x->lasterr.len > 0 ? x->lasterr.s :
		    "553 5.1.3 Invalid address";
		struct alias_dest *d = &l->v[i];
		d->state = AD_ERROR;
		d->stat = res.status == EX_TEMPFAIL || t[0] == '4' ?
		    EX_TEMPFAIL : res.status != EX_OK ? res.status : EX_DATAERR;
		struct buf b = BUF_INIT;
		size_t n = strspn(t, "0123456789");
		if (n == 3 && t[3] == ' ') {
			const char *r = t + 4;
			if (isdigit((unsigned char)r[0]) && r[1] == '.') {
				r += strcspn(r, " ");
				r += *r == ' ';
			}
			buf_append(&b, t, (size_t)(r - t));
			buf_printf(&b, "<%s>... %s", addr, r);
		} else
			buf_puts(&b, t);
		d->diag = buf_steal(&b);
		free(res.mailer); free(res.host); free(res.user);
		return i;
	}
	const struct cf_mailer *m = addr_findmailer(&mta->cf, res.mailer);
	bool quoted = res.user[0] == '\\';
	char *key = alias_key(mta, res.mailer, res.host, res.user);
	int dup = findentry(l, key);
	if (dup >= 0) {
		if (ctl != NULL && dup == ctl->parent)
			l->v[dup].selfref = true;
		else if (l->v[dup].pass == l->pass)
			x->dup_this_pass = true;
		free(key);
		free(res.mailer); free(res.host); free(res.user);
		return -1;
	}
	i = list_add(l);
	struct alias_dest *d = &l->v[i];
	d->addr = xstrdup(addr);
	d->mailer = res.mailer;
	d->host = res.host;
	d->user = quoted ? xstrdup(res.user + 1) : res.user;
	if (quoted)
		free(res.user);
	d->key = key;
	d->state = AD_DELIVER;
	d->parent = ctl != NULL ? ctl->parent : -1;
	if (ctl != NULL) {
		d->uid = ctl->uid;
		d->gid = ctl->gid;
		if (ctl->owner != NULL)
			d->owner = xstrdup(ctl->owner);
	}

	int sp = special(m, d->user);
	if (sp != 0) {
		/* sendmail's stripquotes: "|prog args" runs prog args */
		char *w = d->user;
		for (char *r = d->user; *r; r++)
			if (*r != '"')
				*w++ = *r;
		*w = '\0';
	}
	if (ctl == NULL && sp != 0) {
		ax_fail(x, i, EX_UNAVAILABLE, sp == 'p' ?
		    "550 5.7.1 Cannot mail directly to programs" : sp == 'f' ?
		    "550 5.7.1 Cannot mail directly to files" :
		    "550 5.7.1 Cannot mail directly to :include:s");
		return i;
	}
	if (sp == 'p' || sp == 'f')
		return i;
	if (depth > x->maxdepth) {
		struct buf t = BUF_INIT;
		buf_printf(&t, "554 5.4.6 aliasing/forwarding loop broken (%d aliases deep; %d max)",
		    depth, x->maxdepth);
		ax_fail(x, i, EX_CONFIG, t.s);
		buf_fini(&t);
		return i;
	}
	if (sp == 'i') {
		struct ax_ctl ic = { i, -1, -1, d->owner };
		char *path = xstrdup(l->v[i].user);
		if (include_file(x, path, &ic, depth + 1, false) < 0) {
			struct buf t = BUF_INIT;
			int e = errno;
			buf_printf(&t, "%s 5.2.4 Cannot open %s: %s",
			    e == ENOENT || e == EACCES || e == EPERM ? "550" :
			    "451 4.2.4", path, strerror(e));
			/* "451 4.2.4 5.2.4" would be wrong: fix the code */
			if (t.s[0] == '4') {
				buf_reset(&t);
				buf_printf(&t, "451 4.2.4 Cannot open %s: %s",
				    path, strerror(e));
			}
			ax_fail(x, i, e == ENOENT || e == EACCES || e == EPERM ?
			    EX_CANTCREAT : EX_TEMPFAIL, t.s);
			buf_fini(&t);
		} else
			l->v[i].state = AD_EXPANDED;
		free(path);
		return i;
	}
	if (m != NULL && MAILER_HAS(m, 'A') && !quoted && !mta_noalias(mta)) {
		int st;
		char *name = alias_name(m, l->v[i].user);
		char *val = aliases_lookup(mta, name, &st);
		if (val == NULL && st == EX_TEMPFAIL) {
			ax_fail(x, i, EX_TEMPFAIL,
			    "451 4.3.0 alias database unavailable");
			free(name);
			return i;
		}
		/*
		 * -v: "<name>... aliased to value", the name as given (<>
		 * around a recipient that came by SMTP).  sendmail expands a
		 * command-line submission's aliases when it takes the
		 * message, so a later queue run has none to show.
		 */
		bool bysmtp = rw_macvalue(&mta->vm.env, 'r') != NULL;
		if (val != NULL && mta_verbose(mta) && (bysmtp || !mta->qrun)) {
			bool br = ctl == NULL && bysmtp;
			printf("%s%s%s... aliased to %s\n", br ? "<" : "",
			    l->v[i].addr, br ? ">" : "", val);
			fflush(stdout);
		}
		if (val != NULL) {
			/* owner-NAME: the list's errors and envelope sender */
			struct buf on = BUF_INIT;
			if (strncmp(name, "owner-", 6) == 0)
				buf_puts(&on, "owner-owner");
			else
				buf_printf(&on, "owner-%s", name);
			int ost;
			char *owner = aliases_lookup(mta, on.s, &ost);
			if (owner != NULL) {
				if (strpbrk(owner, ",:/|\"") != NULL) {
					free(owner);
					owner = buf_steal(&on);
				}
				free(l->v[i].owner);
				l->v[i].owner = owner;
			}
			buf_fini(&on);
			struct ax_ctl ac = { i, -1, -1, l->v[i].owner };
			l->v[i].selfref = false;
			sendtolist(x, val, &ac, depth + 1);
			free(val);
			free(name);
			if (!l->v[i].selfref) {
				l->v[i].state = AD_EXPANDED;
				return i;
			}
			/* self reference: deliver it too */
		} else
			free(name);
	}
	if (m != NULL && MAILER_HAS(m, 'w')) {
		struct passwd *pw = finduser(l->v[i].user);
		if (pw == NULL) {
			ax_fail(x, i, EX_NOUSER, "550 5.1.1 User unknown");
			return i;
		}
		if (!quoted) {
			struct passwd pwc = *pw;
			pwc.pw_name = xstrdup(pw->pw_name);
			pwc.pw_dir = xstrdup(pw->pw_dir);
			l->v[i].selfref = false;
			forward(x, i, &pwc, depth);
			if (l->v[i].selfref)
				l->v[i].state = AD_DELIVER;
			free(pwc.pw_name);
			free(pwc.pw_dir);
		}
	}
	return i;
}

int
alias_expand(struct mta *mta, struct alias_list *l, const char *addr)
{
	struct ax x;
	const char *md = mta->cf.optv[OPT_MAXALIASRECURSION];
	int first;

	memset(&x, 0, sizeof(x));
	x.mta = mta;
	x.l = l;
	x.maxdepth = md != NULL && *md != '\0' ? atoi(md) : AX_MAXDEPTH;
	if (x.maxdepth <= 0)
		x.maxdepth = AX_MAXDEPTH;
	x.outer = mta->vm.msgs;
	buf_init(&x.lasterr);
	mta->vm.msgs.emit = ax_emit;
	mta->vm.msgs.arg = &x;
	l->pass++;
	first = l->n;
	int top = recipient(&x, addr, NULL, 0);
	mta->vm.msgs = x.outer;

	/* expanded to nothing new but itself: a loop (sendmail 5.4.6) */
	if (top >= 0 && x.dup_this_pass) {
		bool any = false;
		for (int i = first; i < l->n; i++)
			if (l->v[i].state != AD_EXPANDED)
				any = true;
		if (!any) {
			x.outer = mta->vm.msgs;
			ax_fail(&x, top, EX_CONFIG,
			    "554 5.4.6 aliasing/forwarding loop broken");
		}
	}
	buf_fini(&x.lasterr);
	return top >= 0 ? first : l->n;
}

bool
alias_rcpt_ok(struct mta *mta, const char *path, const char *mailer,
    const char *user, struct buf *reply)
{
	const struct cf_mailer *m = addr_findmailer(&mta->cf, mailer);
	int sp = special(m, user);

	if (sp != 0) {
		buf_printf(reply, "550 5.7.1 %s... Cannot mail directly to %s",
		    path, sp == 'p' ? "programs" : sp == 'f' ? "files" :
		    ":include:s");
		return false;
	}
	if (m == NULL || !MAILER_HAS(m, 'w'))
		return true;
	bool quoted = *user == '\\';
	if (quoted)
		user++;
	if (MAILER_HAS(m, 'A') && !quoted && !mta_noalias(mta)) {
		int st;
		char *name = alias_name(m, user);
		char *v = aliases_lookup(mta, name, &st);
		free(name);
		if (v != NULL || st == EX_TEMPFAIL) {
			free(v);
			return true;	/* expanded (or retried) at delivery */
		}
	}
	if (finduser(user) == NULL) {
		buf_printf(reply, "550 5.1.1 %s... User unknown", path);
		return false;
	}
	return true;
}

static void
sendq_walk(const struct alias_list *l, int node, int *seq, int *next)
{
	seq[node] = (*next)++;
	for (int c = l->n - 1; c > node; c--)
		if (l->v[c].parent == node)
			sendq_walk(l, c, seq, next);
}

int *
alias_sendq_order(const struct alias_list *l)
{
	int *seq = xcalloc((size_t)l->n + 1, sizeof(*seq));
	int next = 0;

	for (int i = 0; i < l->n; i++)
		if (l->v[i].parent < 0)
			sendq_walk(l, i, seq, &next);
	return seq;
}

bool
alias_exists(struct mta *mta, const char *name)
{
	int st;
	char *v = aliases_lookup(mta, name, &st);

	free(v);
	return v != NULL;
}

void
alias_fullname(const char *user, char *out, size_t sz)
{
	struct passwd *pw = finduser(user);
	struct buf b = BUF_INIT;

	out[0] = '\0';
	if (pw == NULL || pw->pw_gecos == NULL)
		return;
	/* the GECOS name up to its first comma; "&" is the login, capitalised */
	for (const char *g = pw->pw_gecos; *g != '\0' && *g != ','; g++) {
		if (*g != '&') {
			buf_addch(&b, *g);
			continue;
		}
		buf_addch(&b, (char)toupper((unsigned char)pw->pw_name[0]));
		if (pw->pw_name[0] != '\0')
			buf_puts(&b, pw->pw_name + 1);
	}
	snprintf(out, sz, "%s", buf_cstr(&b));
	buf_fini(&b);
}
