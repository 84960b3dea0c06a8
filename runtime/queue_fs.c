/*
 * queue_fs.c -- queue files on disk.
 *
 * Data file dfID: the message as received (headers, blank line, body),
 * lines ending in LF, dots unstuffed.
 *
 * Control file qfID: a sequence of records, each
 *	<tag><decimal length>:<bytes>\n
 * so any byte may appear in a value.  Tags:
 *	V version ("1")		I queue id		T creation time
 *	K last attempt time	N next attempt time	A number of attempts
 *	S envelope sender	F full name ($x)	B body type
 *	Z data file size	E last deferral message
 *	X flags: "b" the message is a DSN, "w" its delay DSN was sent,
 *	  "d" a double bounce report, "a" the sender was given without <>
 *	M macro "name=value"	R recipient: status letter (P S F B) + address
 *	D diagnostic of the preceding R
 *	Y NOTIFY of the preceding R: letters S F D, or N for NEVER; E: a
 *	  list member noted in a return receipt (Q_NOTIFY_EXPANDED)
 *	O ORCPT of the preceding R ("addr-type;xtext")
 *	G ENVID (xtext)		H RET ("F" full or "H" headers)
 *	U RFC 4954 AUTH= to pass on: the trusted author (xtext) or "<>"
 *	W RFC 2852 BY=: "seconds;R" or "seconds;N", a "T" appended for trace
 *	C the preceding R came from alias expansion (status X marks its
 *	  parent): "mailer\nhost\nuser\nowner\nuid\ngid"
 *	P the alias the preceding R came from and the top-level recipient,
 *	  for its DSNs: "parent\ntop"
 *	. end of file (length 0): a file without it is incomplete.
 * Unknown tags are skipped, so newer writers stay readable.
 *
 * Writing: tfID is created O_EXCL, locked, written, fsync'ed, renamed
 * over qfID and the directory fsync'ed.  Only then is a message accepted.
 */
#include <ctype.h>
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <sys/statvfs.h>
#include <unistd.h>

#include "buf.h"
#include "queue_fs.h"
#include "xmem.h"

#define QF_MAXSIZE	(64L * 1024 * 1024)
/* bound on a number read from a control file: a time (some 30000
 * years of seconds), a size, the BY= seconds */
#define QF_NUMMAX	999999999999LL

static const char QueueIdChars[] =
    "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwx";

void
q_env_init(struct q_env *e)
{
	memset(e, 0, sizeof(*e));
	e->lockfd = -1;
}

void
q_env_fini(struct q_env *e)
{
	free(e->sender);
	free(e->fullname);
	free(e->body);
	free(e->errmsg);
	free(e->envid);
	free(e->authparam);
	free(e->dsnnote);
	for (int i = 0; i < e->nmacro; i++)
		free(e->macro[i]);
	for (int i = 0; i < e->nrcpt; i++) {
		free(e->rcpt[i].addr);
		free(e->rcpt[i].diag);
		free(e->rcpt[i].mailer);
		free(e->rcpt[i].host);
		free(e->rcpt[i].user);
		free(e->rcpt[i].owner);
		free(e->rcpt[i].orcpt);
		free(e->rcpt[i].parent);
		free(e->rcpt[i].top);
		free(e->rcpt[i].dsnmta);
		free(e->rcpt[i].dsnreply);
		free(e->rcpt[i].dsntype);
	}
	free(e->rcpt);
	queue_unlock(e);
	q_env_init(e);
}

long
q_env_priority(const struct q_env *e)
{
	return e->size + 30000L * e->nrcpt + 90000L * e->ntries;
}

long
queue_priority(const char *dir, const char *id)
{
	struct q_env e;
	char why[128];
	long pri = -1;

	if (queue_qf_read(dir, id, &e, false, why, sizeof(why))) {
		pri = q_env_priority(&e);
		q_env_fini(&e);
	}
	return pri;
}

void
q_env_addrcpt(struct q_env *e, const char *addr)
{
	if (e->nrcpt == e->caprcpt) {
		e->caprcpt = e->caprcpt ? e->caprcpt * 2 : 8;
		e->rcpt = xreallocarray(e->rcpt, (size_t)e->caprcpt,
		    sizeof(*e->rcpt));
	}
	e->rcpt[e->nrcpt].addr = xstrdup(addr);
	e->rcpt[e->nrcpt].stat = QR_PENDING;
	e->rcpt[e->nrcpt].diag = NULL;
	e->rcpt[e->nrcpt].mailer = e->rcpt[e->nrcpt].host = NULL;
	e->rcpt[e->nrcpt].user = e->rcpt[e->nrcpt].owner = NULL;
	e->rcpt[e->nrcpt].uid = e->rcpt[e->nrcpt].gid = -1;
	e->rcpt[e->nrcpt].notify = 0;
	e->rcpt[e->nrcpt].orcpt = NULL;
	e->rcpt[e->nrcpt].dsnsuccess = false;
	e->rcpt[e->nrcpt].dsndelay = false;
	e->rcpt[e->nrcpt].parent = e->rcpt[e->nrcpt].top = NULL;
	e->rcpt[e->nrcpt].dsnrelayed = false;
	e->rcpt[e->nrcpt].dsnnoted = false;
	e->rcpt[e->nrcpt].dsntype = NULL;
	e->rcpt[e->nrcpt].dsnmta = e->rcpt[e->nrcpt].dsnreply = NULL;
	e->nrcpt++;
}

void
q_env_addchild(struct q_env *e, const char *addr, const char *mailer,
    const char *host, const char *user, const char *owner, long uid, long gid)
{
	q_env_addrcpt(e, addr);
	struct q_rcpt *r = &e->rcpt[e->nrcpt - 1];
	r->mailer = xstrdup(mailer);
	r->host = xstrdup(host != NULL ? host : "");
	r->user = xstrdup(user);
	r->owner = owner != NULL ? xstrdup(owner) : NULL;
	r->uid = uid;
	r->gid = gid;
}

/* record C: the fields of an expanded recipient, one per line */
static void
child_rec(struct buf *b, const struct q_rcpt *r)
{
	buf_printf(b, "%s\n%s\n%s\n%s\n%ld\n%ld", r->mailer, r->host, r->user,
	    r->owner != NULL ? r->owner : "", r->uid, r->gid);
}

static bool
child_parse(struct q_rcpt *r, const char *v)
{
	char *f[6], *copy = xstrdup(v), *p = copy;

	for (int i = 0; i < 6; i++) {
		f[i] = p;
		p = strchr(p, '\n');
		if (p == NULL && i < 5) {
			free(copy);
			return false;
		}
		if (p != NULL)
			*p++ = '\0';
	}
	r->mailer = xstrdup(f[0]);
	r->host = xstrdup(f[1]);
	r->user = xstrdup(f[2]);
	r->owner = *f[3] != '\0' ? xstrdup(f[3]) : NULL;
	r->uid = strtol(f[4], NULL, 10);
	r->gid = strtol(f[5], NULL, 10);
	free(copy);
	return true;
}

/* RFC 3461 4: xtext is printable ASCII but '+' and '=', or "+" 2HEX
 * (either case of hex digit, as sendmail's xtextok accepts) */
bool
q_xtext_ok(const char *s)
{
	for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
		if (*p == '+') {
			if (!isxdigit(p[1]) || !isxdigit(p[2]))
				return false;
			p += 2;
		} else if (*p < '!' || *p > '~' || *p == '=')
			return false;
	}
	return true;
}

void
q_xtext_decode(const char *s, struct buf *out)
{
	for (const char *p = s; *p; p++) {
		if (*p == '+' && isxdigit((unsigned char)p[1]) &&
		    isxdigit((unsigned char)p[2])) {
			char h[3] = { p[1], p[2], '\0' };
			buf_addch(out, (char)strtol(h, NULL, 16));
			p += 2;
		} else
			buf_addch(out, *p);
	}
	(void)buf_cstr(out);
}

void
q_xtext_encode(const char *s, struct buf *out)
{
	for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
		if (*p < '!' || *p > '~' || *p == '+' || *p == '=')
			buf_printf(out, "+%02X", *p);
		else
			buf_addch(out, (char)*p);
	}
	(void)buf_cstr(out);
}

void
q_env_setmacro(struct q_env *e, const char *name, const char *val)
{
	size_t nl = strlen(name);

	for (int i = 0; i < e->nmacro; i++)
		if (strncmp(e->macro[i], name, nl) == 0 && e->macro[i][nl] == '=') {
			free(e->macro[i]);
			e->macro[i] = e->macro[--e->nmacro];
			break;
		}
	if (val == NULL || e->nmacro >= Q_MAXMACROS)
		return;
	struct buf b = BUF_INIT;
	buf_printf(&b, "%s=%s", name, val);
	e->macro[e->nmacro++] = buf_steal(&b);
}

const char *
q_env_macro(const struct q_env *e, const char *name)
{
	size_t nl = strlen(name);

	for (int i = 0; i < e->nmacro; i++)
		if (strncmp(e->macro[i], name, nl) == 0 && e->macro[i][nl] == '=')
			return e->macro[i] + nl + 1;
	return NULL;
}

static void
path(struct buf *b, const char *dir, const char *pfx, const char *id)
{
	buf_reset(b);
	buf_printf(b, "%s/%s%s", dir, pfx, id);
}

/* sendmail's queue id: YMDhms, two sequence characters, the pid */
static void
make_id(char *id, size_t sz, unsigned seq)
{
	time_t now = time(NULL);
	struct tm tm;

	localtime_r(&now, &tm);
	snprintf(id, sz, "%c%c%c%c%c%c%c%c%06ld",
	    QueueIdChars[tm.tm_year % 60], QueueIdChars[tm.tm_mon],
	    QueueIdChars[tm.tm_mday], QueueIdChars[tm.tm_hour],
	    QueueIdChars[tm.tm_min], QueueIdChars[tm.tm_sec % 60],
	    QueueIdChars[(seq / 60) % 60], QueueIdChars[seq % 60],
	    (long)getpid() % 1000000);
}

/* the id generator's sequence: two base-60 digits, per process */
static unsigned id_seq;

void
queue_newid(struct q_env *e)
{
	if (id_seq == 0)
		id_seq = (unsigned)(time(NULL) ^ getpid()) % 3600;
	make_id(e->id, sizeof(e->id), id_seq++);
}

FILE *
queue_df_create(const char *dir, struct q_env *e)
{
	struct buf p = BUF_INIT;
	int fd = -1;

	/* the id given at MAIL when it is still free, else a new one */
	if (e->id[0] == '\0')
		queue_newid(e);
	for (int tries = 0; tries < 3600; tries++) {
		path(&p, dir, "df", e->id);
		fd = open(p.s, O_WRONLY | O_CREAT | O_EXCL, 0600);
		if (fd >= 0 || errno != EEXIST)
			break;
		queue_newid(e);
	}
	buf_fini(&p);
	if (fd < 0)
		return NULL;
	FILE *f = fdopen(fd, "w");
	if (f == NULL)
		close(fd);
	return f;
}

bool
queue_df_commit(FILE *df)
{
	bool ok = fflush(df) == 0 && fsync(fileno(df)) == 0;

	if (fclose(df) != 0)
		ok = false;
	return ok;
}

FILE *
queue_df_open(const char *dir, const char *id)
{
	struct buf p = BUF_INIT;
	FILE *f;

	path(&p, dir, "df", id);
	f = fopen(p.s, "r");
	buf_fini(&p);
	return f;
}

bool
queue_space_ok(const char *dir, long minblocks, long msgsize)
{
	struct statvfs sv;

	if (minblocks <= 0 && msgsize <= 0)
		return true;
	if (statvfs(dir, &sv) != 0 || sv.f_frsize == 0)
		return true;	/* cannot tell: the writes will say */
	unsigned long long need = (unsigned long long)(minblocks > 0 ? minblocks : 0) +
	    (unsigned long long)(msgsize > 0 ? msgsize : 0) / sv.f_frsize;
	return (unsigned long long)sv.f_bavail >= need;
}

static void
rec(struct buf *b, int tag, const char *v)
{
	size_t n = v != NULL ? strlen(v) : 0;

	buf_printf(b, "%c%zu:", tag, n);
	if (n > 0)
		buf_append(b, v, n);
	buf_addch(b, '\n');
}

static void
recnum(struct buf *b, int tag, long long v)
{
	char t[32];

	snprintf(t, sizeof(t), "%lld", v);
	rec(b, tag, t);
}

static bool
fsync_dir(const char *dir)
{
	int fd = open(dir, O_RDONLY | O_DIRECTORY);
	bool ok;

	if (fd < 0)
		return false;
	ok = fsync(fd) == 0;
	close(fd);
	return ok;
}

bool
queue_qf_write(const char *dir, struct q_env *e)
{
	struct buf b = BUF_INIT, tf = BUF_INIT, qf = BUF_INIT;
	bool ok = false;
	int fd;

	rec(&b, 'V', "1");
	rec(&b, 'I', e->id);
	recnum(&b, 'T', (long long)e->ctime);
	recnum(&b, 'K', (long long)e->lasttry);
	recnum(&b, 'N', (long long)e->nexttry);
	recnum(&b, 'A', e->ntries);
	rec(&b, 'S', e->sender != NULL ? e->sender : "");
	if (e->fullname != NULL)
		rec(&b, 'F', e->fullname);
	if (e->body != NULL)
		rec(&b, 'B', e->body);
	recnum(&b, 'Z', e->size);
	if (e->errmsg != NULL)
		rec(&b, 'E', e->errmsg);
	if (e->isbounce || e->warned || e->isdouble || e->senderbare) {
		char x[5], *p = x;
		if (e->isbounce)
			*p++ = 'b';
		if (e->warned)
			*p++ = 'w';
		if (e->isdouble)
			*p++ = 'd';
		if (e->senderbare)
			*p++ = 'a';
		*p = '\0';
		rec(&b, 'X', x);
	}
	if (e->dlvbymode != 0) {
		char by[40];
		snprintf(by, sizeof(by), "%ld;%c%s", e->dlvby, e->dlvbymode,
		    e->dlvbytrace ? "T" : "");
		rec(&b, 'W', by);
	}
	if (e->envid != NULL)
		rec(&b, 'G', e->envid);
	if (e->authparam != NULL)
		rec(&b, 'U', e->authparam);
	if (e->ret != 0)
		rec(&b, 'H', e->ret == 'H' ? "H" : "F");
	for (int i = 0; i < e->nmacro; i++)
		rec(&b, 'M', e->macro[i]);
	for (int i = 0; i < e->nrcpt; i++) {
		struct buf r = BUF_INIT;
		buf_addch(&r, e->rcpt[i].stat);
		buf_puts(&r, e->rcpt[i].addr);
		rec(&b, 'R', buf_cstr(&r));
		buf_fini(&r);
		if (e->rcpt[i].diag != NULL)
			rec(&b, 'D', e->rcpt[i].diag);
		if (e->rcpt[i].notify != 0) {
			char nt[8], *p = nt;
			int f = e->rcpt[i].notify;
			if (f & Q_NOTIFY_SUCCESS) *p++ = 'S';
			if (f & Q_NOTIFY_FAILURE) *p++ = 'F';
			if (f & Q_NOTIFY_DELAY) *p++ = 'D';
			if (p == nt) *p++ = 'N';
			if (f & Q_NOTIFY_EXPANDED) *p++ = 'E';
			*p = '\0';
			rec(&b, 'Y', nt);
		}
		if (e->rcpt[i].orcpt != NULL)
			rec(&b, 'O', e->rcpt[i].orcpt);
		if (e->rcpt[i].mailer != NULL) {
			struct buf c = BUF_INIT;
			child_rec(&c, &e->rcpt[i]);
			rec(&b, 'C', c.s);
			buf_fini(&c);
		}
		if (e->rcpt[i].parent != NULL && e->rcpt[i].top != NULL) {
			struct buf c = BUF_INIT;
			buf_printf(&c, "%s\n%s", e->rcpt[i].parent,
			    e->rcpt[i].top);
			rec(&b, 'P', c.s);
			buf_fini(&c);
		}
	}
	rec(&b, '.', "");

	path(&tf, dir, "tf", e->id);
	path(&qf, dir, "qf", e->id);
	(void)unlink(tf.s);	/* a stale one from a crash */
	fd = open(tf.s, O_WRONLY | O_CREAT | O_EXCL, 0600);
	if (fd < 0)
		goto out;
	if (flock(fd, LOCK_EX | LOCK_NB) != 0) {
		close(fd);
		(void)unlink(tf.s);
		goto out;
	}
	size_t off = 0;
	while (off < b.len) {
		ssize_t n = write(fd, b.s + off, b.len - off);
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			break;
		off += (size_t)n;
	}
	if (off != b.len || fsync(fd) != 0 || rename(tf.s, qf.s) != 0 ||
	    !fsync_dir(dir)) {
		int save = errno;
		close(fd);
		(void)unlink(tf.s);
		errno = save;
		goto out;
	}
	if (e->lockfd >= 0) {
		close(e->lockfd);
		e->lockfd = fd;
	} else
		close(fd);
	ok = true;
out:
	buf_fini(&b);
	buf_fini(&tf);
	buf_fini(&qf);
	return ok;
}

static char *
slurp(int fd, size_t *lenp)
{
	struct buf b = BUF_INIT;
	char chunk[8192];
	ssize_t n;

	while ((n = read(fd, chunk, sizeof(chunk))) != 0) {
		if (n < 0) {
			if (errno == EINTR)
				continue;
			buf_fini(&b);
			return NULL;
		}
		buf_append(&b, chunk, (size_t)n);
		if (b.len > QF_MAXSIZE) {
			buf_fini(&b);
			errno = EFBIG;
			return NULL;
		}
	}
	*lenp = b.len;
	buf_addch(&b, '\0');
	return buf_steal(&b);
}

/*
 * A number of a record, within -max..max: times, sizes and counts of a
 * damaged file must not overflow what is computed from them (ages,
 * deadlines, the priority)
 */
static long long
num(const char *s, long long max)
{
	long long v = strtoll(s, NULL, 10);

	return v > max ? max : v < -max ? -max : v;
}

static bool
valid_id(const char *id)
{
	size_t n = strlen(id);

	if (n == 0 || n > Q_IDLEN)
		return false;
	for (size_t i = 0; i < n; i++)
		if (!isalnum((unsigned char)id[i]))
			return false;
	return true;
}

/* parse the records; false if malformed or incomplete */
static bool
parse_qf(char *s, size_t len, struct q_env *e, char *why, size_t whysz)
{
	size_t i = 0;
	bool done = false;

	while (i < len && !done) {
		int tag = (unsigned char)s[i++];
		size_t n = 0;
		int digits = 0;
		while (i < len && isdigit((unsigned char)s[i]) && digits < 9) {
			n = n * 10 + (size_t)(s[i++] - '0');
			digits++;
		}
		if (digits == 0 || i >= len || s[i] != ':' || n > len - i - 1 ||
		    i + 1 + n >= len || s[i + 1 + n] != '\n') {
			snprintf(why, whysz, "malformed record at byte %zu", i);
			return false;
		}
		char *v = s + i + 1;
		v[n] = '\0';
		i += n + 2;
		switch (tag) {
		case 'V':
			if (strcmp(v, "1") != 0) {
				snprintf(why, whysz, "unknown version %s", v);
				return false;
			}
			break;
		case 'I':
			/* the id names the files the runner writes and
			 * removes: never a path, never cut short */
			if (!valid_id(v)) {
				snprintf(why, whysz, "bad queue id record");
				return false;
			}
			snprintf(e->id, sizeof(e->id), "%s", v);
			break;
		case 'T': e->ctime = (time_t)num(v, QF_NUMMAX); break;
		case 'K': e->lasttry = (time_t)num(v, QF_NUMMAX); break;
		case 'N': e->nexttry = (time_t)num(v, QF_NUMMAX); break;
		case 'A': e->ntries = (int)num(v, INT_MAX); break;
		case 'Z': e->size = (long)num(v, QF_NUMMAX); break;
		case 'S': free(e->sender); e->sender = xstrdup(v); break;
		case 'F': free(e->fullname); e->fullname = xstrdup(v); break;
		case 'B': free(e->body); e->body = xstrdup(v); break;
		case 'E': free(e->errmsg); e->errmsg = xstrdup(v); break;
		case 'X':
			e->isbounce = strchr(v, 'b') != NULL;
			e->warned = strchr(v, 'w') != NULL;
			e->isdouble = strchr(v, 'd') != NULL;
			e->senderbare = strchr(v, 'a') != NULL;
			break;
		case 'W': {
			char *semi = strchr(v, ';');
			if (semi != NULL && (semi[1] == 'R' || semi[1] == 'N')) {
				e->dlvby = (long)num(v, QF_NUMMAX);
				e->dlvbymode = semi[1];
				e->dlvbytrace = semi[2] == 'T';
			}
			break;
		}
		case 'G': free(e->envid); e->envid = xstrdup(v); break;
		case 'U': free(e->authparam); e->authparam = xstrdup(v); break;
		case 'H': e->ret = v[0] == 'H' ? 'H' : 'F'; break;
		case 'Y':
			if (e->nrcpt > 0) {
				int f = Q_NOTIFY_SET;
				if (strchr(v, 'S')) f |= Q_NOTIFY_SUCCESS;
				if (strchr(v, 'F')) f |= Q_NOTIFY_FAILURE;
				if (strchr(v, 'D')) f |= Q_NOTIFY_DELAY;
				if (strchr(v, 'E')) f |= Q_NOTIFY_EXPANDED;
				e->rcpt[e->nrcpt - 1].notify = f;
			}
			break;
		case 'O':
			if (e->nrcpt > 0) {
				free(e->rcpt[e->nrcpt - 1].orcpt);
				e->rcpt[e->nrcpt - 1].orcpt = xstrdup(v);
			}
			break;
		case 'M':
			if (e->nmacro < Q_MAXMACROS && strchr(v, '=') != NULL)
				e->macro[e->nmacro++] = xstrdup(v);
			break;
		case 'R':
			/* status and address as C strings: one cut short
			 * by a NUL would be written back unreadable (and
			 * strchr finds the NUL) */
			if (v[0] == '\0' || v[1] == '\0' ||
			    strchr("PSFBX", v[0]) == NULL ||
			    e->nrcpt >= Q_MAXRCPT) {
				snprintf(why, whysz, "bad recipient record");
				return false;
			}
			q_env_addrcpt(e, v + 1);
			e->rcpt[e->nrcpt - 1].stat = v[0];
			break;
		case 'D':
			if (e->nrcpt > 0) {
				free(e->rcpt[e->nrcpt - 1].diag);
				e->rcpt[e->nrcpt - 1].diag = xstrdup(v);
			}
			break;
		case 'C':
			if (e->nrcpt == 0 || e->rcpt[e->nrcpt - 1].mailer != NULL ||
			    !child_parse(&e->rcpt[e->nrcpt - 1], v)) {
				snprintf(why, whysz, "bad expansion record");
				return false;
			}
			break;
		case 'P': {
			char *nl = strchr(v, '\n');
			if (e->nrcpt == 0 || nl == NULL) {
				snprintf(why, whysz, "bad expansion record");
				return false;
			}
			struct q_rcpt *r = &e->rcpt[e->nrcpt - 1];
			free(r->parent);
			free(r->top);
			r->parent = xstrndup(v, (size_t)(nl - v));
			r->top = xstrdup(nl + 1);
			break;
		}
		case '.':
			done = true;
			break;
		default:
			break;
		}
	}
	if (!done) {
		snprintf(why, whysz, "incomplete control file");
		return false;
	}
	if (e->sender == NULL || e->id[0] == '\0') {
		snprintf(why, whysz, "control file without sender or id");
		return false;
	}
	return true;
}

bool
queue_qf_read(const char *dir, const char *id, struct q_env *e, bool lock,
    char *why, size_t whysz)
{
	struct buf p = BUF_INIT;
	size_t len;
	char *s;
	int fd;

	q_env_init(e);
	if (!valid_id(id)) {
		snprintf(why, whysz, "bad queue id");
		return false;
	}
	path(&p, dir, "qf", id);
	fd = open(p.s, O_RDONLY);
	buf_fini(&p);
	if (fd < 0) {
		snprintf(why, whysz, "%s", strerror(errno));
		return false;
	}
	if (lock) {
		struct stat a, b;
		path(&p, dir, "qf", id);
		/* the file may have been replaced (rename) while we waited */
		if (flock(fd, LOCK_EX | LOCK_NB) != 0 || fstat(fd, &a) != 0 ||
		    stat(p.s, &b) != 0 || a.st_ino != b.st_ino) {
			snprintf(why, whysz, "locked");
			close(fd);
			buf_fini(&p);
			return false;
		}
		buf_fini(&p);
	}
	s = slurp(fd, &len);
	if (s == NULL) {
		snprintf(why, whysz, "%s", strerror(errno));
		close(fd);
		return false;
	}
	bool ok = parse_qf(s, len, e, why, whysz);
	free(s);
	if (!ok) {
		close(fd);
		q_env_fini(e);
		return false;
	}
	if (lock)
		e->lockfd = fd;
	else
		close(fd);
	return true;
}

void
queue_remove(const char *dir, struct q_env *e)
{
	struct buf p = BUF_INIT;

	path(&p, dir, "df", e->id);
	(void)unlink(p.s);
	path(&p, dir, "qf", e->id);
	(void)unlink(p.s);
	(void)fsync_dir(dir);
	buf_fini(&p);
	queue_unlock(e);
}

void
queue_unlock(struct q_env *e)
{
	if (e->lockfd >= 0) {
		close(e->lockfd);
		e->lockfd = -1;
	}
}

struct qent {
	char	*id;
	time_t	 mtime;
};

static int
qent_cmp(const void *a, const void *b)
{
	const struct qent *x = a, *y = b;

	if (x->mtime != y->mtime)
		return x->mtime < y->mtime ? -1 : 1;
	return strcmp(x->id, y->id);
}

char **
queue_list(const char *dir, int *np)
{
	DIR *d = opendir(dir);
	struct qent *v = NULL;
	int n = 0, cap = 0;
	struct dirent *de;
	struct buf p = BUF_INIT;

	*np = 0;
	if (d == NULL)
		return NULL;
	while ((de = readdir(d)) != NULL) {
		struct stat st;
		if (strncmp(de->d_name, "qf", 2) != 0 || !valid_id(de->d_name + 2))
			continue;
		path(&p, dir, "", de->d_name);
		if (stat(p.s, &st) != 0 || !S_ISREG(st.st_mode))
			continue;
		if (n == cap) {
			cap = cap ? cap * 2 : 64;
			v = xreallocarray(v, (size_t)cap, sizeof(*v));
		}
		v[n].id = xstrdup(de->d_name + 2);
		v[n].mtime = st.st_mtime;
		n++;
	}
	closedir(d);
	buf_fini(&p);
	if (n > 1)
		qsort(v, (size_t)n, sizeof(*v), qent_cmp);
	char **ids = xreallocarray(NULL, (size_t)n + 1, sizeof(char *));
	for (int i = 0; i < n; i++)
		ids[i] = v[i].id;
	ids[n] = NULL;
	free(v);
	*np = n;
	return ids;
}

int
queue_print(const char *dir, FILE *out)
{
	int n;
	char **ids = queue_list(dir, &n);
	char why[256];

	if (n == 0) {
		fprintf(out, "%s is empty\n", dir);
		fprintf(out, "\t\tTotal requests: 0\n");
		free(ids);
		return 0;
	}
	fprintf(out, "\t\t%s (%d request%s)\n", dir, n, n == 1 ? "" : "s");
	fprintf(out, "-----Q-ID----- --Size-- -----Q-Time----- "
	    "------------Sender/Recipient-----------\n");
	for (int i = 0; i < n; i++) {
		struct q_env e;
		bool locked = false;
		if (!queue_qf_read(dir, ids[i], &e, true, why, sizeof(why))) {
			if (strcmp(why, "locked") != 0 ||
			    !queue_qf_read(dir, ids[i], &e, false, why, sizeof(why))) {
				fprintf(out, "%-14s (cannot read: %s)\n", ids[i], why);
				free(ids[i]);
				continue;
			}
			locked = true;
		}
		char tbuf[32];
		struct tm tm;
		localtime_r(&e.ctime, &tm);
		strftime(tbuf, sizeof(tbuf), "%a %b %e %H:%M", &tm);
		fprintf(out, "%14s%c%8ld %.16s ", e.id, locked ? '*' : ' ',
		    e.size, tbuf);
		fprintf(out, "<%.45s>\n", e.sender);
		if (e.errmsg != NULL)
			fprintf(out, "%17s(%.60s)\n", "", e.errmsg);
		for (int r = 0; r < e.nrcpt; r++)
			if (e.rcpt[r].stat == QR_PENDING)
				fprintf(out, "\t\t\t\t\t <%.38s>\n", e.rcpt[r].addr);
		q_env_fini(&e);
		free(ids[i]);
	}
	fprintf(out, "\t\tTotal requests: %d\n", n);
	free(ids);
	return n;
}

void
queue_recover(const char *dir)
{
	DIR *d = opendir(dir);
	struct dirent *de;
	struct buf p = BUF_INIT, q = BUF_INIT;
	time_t now = time(NULL);

	if (d == NULL)
		return;
	while ((de = readdir(d)) != NULL) {
		struct stat st;
		bool tf = strncmp(de->d_name, "tf", 2) == 0;
		bool df = strncmp(de->d_name, "df", 2) == 0;
		if ((!tf && !df) || !valid_id(de->d_name + 2))
			continue;
		path(&p, dir, "", de->d_name);
		if (stat(p.s, &st) != 0)
			continue;
		if (tf) {
			/* a tf nobody holds locked is a crashed writer's */
			int fd = open(p.s, O_RDONLY);
			if (fd >= 0 && flock(fd, LOCK_EX | LOCK_NB) == 0)
				(void)unlink(p.s);
			if (fd >= 0)
				close(fd);
			continue;
		}
		/* a df without a qf, older than an hour: a dead session's */
		path(&q, dir, "qf", de->d_name + 2);
		if (access(q.s, F_OK) != 0 && now - st.st_mtime > 3600)
			(void)unlink(p.s);
	}
	closedir(d);
	buf_fini(&p);
	buf_fini(&q);
}
