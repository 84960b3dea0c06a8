/*
 * map.c -- K-line map classes with sendmail 8.17's semantics: the class
 * table, argument flags (map_parseargs), opening with sendmail's
 * "bogus map" fallback, key quoting, %n rewriting, and the small classes
 * (host, dequote, arith, macro, arpa, user, null, syslog).  The file,
 * database, sequence, program and regex classes live in map_*.c.
 */
#include <arpa/inet.h>
#include <ctype.h>
#include <errno.h>
#include <limits.h>
#include <netinet/in.h>
#include <pwd.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <syslog.h>

#include "dbg.h"
#include "map.h"
#include "map_db.h"
#include "map_impl.h"
#include "rw_print.h"
#include "xmem.h"
#include "rw_tok.h"

#define ISSPACE(c)	MAP_ISSPACE(c)

/* ------------------------------------------------------------------ */
/* helpers shared with map_*.c */

void
map_syserr(struct cf *cf, int err, const char *fmt, ...)
{
	const char *save = cf->filename;
	struct buf b = BUF_INIT;
	va_list ap;

	va_start(ap, fmt);
	buf_vprintf(&b, fmt, ap);
	va_end(ap);
	cf->filename = NULL;
	cf_syserr(cf, err, "%s", buf_cstr(&b));
	cf->filename = save;
	buf_fini(&b);
}

void
map_makelower(char *s)
{
	for (; *s != '\0'; s++)
		if (isascii((unsigned char)*s) && isupper((unsigned char)*s))
			*s = (char)tolower((unsigned char)*s);
}

char *
map_get_column(const char *line, int col, int delim, char *buf, size_t buflen)
{
	const char *begin = line, *end;
	char delims[4];
	size_t n;

	if (delim == '\0')
		snprintf(delims, sizeof(delims), "\n\t ");
	else {
		delims[0] = (char)delim;
		delims[1] = '\0';
	}
	if (*line == '\0')
		return NULL;
	if (delim != '\0' && *line == (char)delim && col == 0)
		return NULL;
	if (col == 0 && delim == '\0')
		while (*begin != '\0' && ISSPACE(*begin))
			begin++;
	for (int i = 0; i < col; i++) {
		if ((begin = strpbrk(begin, delims)) == NULL)
			return NULL;
		begin++;
		if (delim == '\0')
			while (*begin != '\0' && ISSPACE(*begin))
				begin++;
	}
	end = strpbrk(begin, delims);
	n = end == NULL ? strlen(begin) : (size_t)(end - begin);
	if (n >= buflen)
		n = buflen - 1;
	memcpy(buf, begin, n);
	buf[n] = '\0';
	return buf;
}

static char *
dupword(char **pp)
{
	char *p = *pp, *s = p;

	while (*p != '\0' && !ISSPACE(*p))
		p++;
	*pp = p;
	return xstrndup(s, (size_t)(p - s));
}

/* sendmail's map_parseargs */
bool
map_parseargs(struct cf *cf, struct cf_map *m, char *p, bool optfile)
{
	m->mflags |= MF_TRY0NULL | MF_TRY1NULL;
	for (;;) {
		while (ISSPACE(*p))
			p++;
		if (*p != '-')
			break;
		switch (*++p) {
		case 'N': m->mflags |= MF_INCLNULL; m->mflags &= ~MF_TRY0NULL; break;
		case 'O': m->mflags &= ~MF_TRY1NULL; break;
		case 'o': m->mflags |= MF_OPTIONAL; break;
		case 'f': m->mflags |= MF_NOFOLDCASE; break;
		case 'm': m->mflags |= MF_MATCHONLY; break;
		case 'A': m->mflags |= MF_APPEND; break;
		case 'q': m->mflags |= MF_KEEPQUOTES; break;
		case 'a': p++; free(m->app); m->app = dupword(&p); break;
		case 'T': p++; free(m->tapp); m->tapp = dupword(&p); break;
		case 'k':
			p++;
			while (ISSPACE(*p))
				p++;
			free(m->keycolnm);
			m->keycolnm = dupword(&p);
			break;
		case 'v':
			p++;
			while (ISSPACE(*p))
				p++;
			free(m->valcolnm);
			m->valcolnm = dupword(&p);
			break;
		case 'z':
			if (*++p != '\\')
				m->coldelim = *p;
			else {
				switch (*++p) {
				case 'n': m->coldelim = '\n'; break;
				case 't': m->coldelim = '\t'; break;
				default: m->coldelim = '\\'; break;
				}
			}
			break;
		case 't': m->mflags |= MF_NODEFER; break;
		case 'S': m->spacesub = *++p; break;
		case 'D': m->mflags |= MF_DEFER; break;
		default:
			cf_syserr(cf, 0, "Illegal option %c map %s", *p, m->name);
			break;
		}
		while (*p != '\0' && !ISSPACE(*p))
			p++;
		if (*p != '\0')
			p++;
	}
	if (*p != '\0') {
		free(m->file);
		m->file = dupword(&p);
	}
	while (ISSPACE(*p))
		p++;
	if (*p != '\0') {
		/* sendmail's map_rebuild: the program map's arguments */
		free(m->domain);
		m->domain = xstrdup(p);
	}
	if (m->file == NULL && !optfile) {
		cf_syserr(cf, 0, "No file name for %s map %s", m->cls->name, m->name);
		return false;
	}
	return true;
}

char *
map_rewrite(const struct cf_map *m, const char *s, size_t slen, char **av)
{
	struct buf b = BUF_INIT;

	if (tTd(39, 1)) {
		dbg_printf("map_rewrite(%.*s), av =", (int)slen, s);
		if (av == NULL)
			dbg_printf(" (nullv)");
		else
			for (char **avp = av; *avp != NULL; avp++)
				dbg_printf("\n\t%s", *avp);
		dbg_printf("\n");
	}
	if (av == NULL) {
		size_t n = strnlen(s, slen);
		buf_append(&b, s, n);
	} else {
		while (slen-- > 0) {
			int c = (unsigned char)*s++;
			if (c == '\0')
				break;
			if (c != '%') {
				/* the run of plain bytes from here, at once */
				size_t k = 0;
				while (k < slen && s[k] != '\0' && s[k] != '%')
					k++;
				buf_append(&b, s - 1, k + 1);
				s += k;
				slen -= k;
				continue;
			}
			if (slen == 0 || *s == '\0') {
				buf_addch(&b, '%');
				break;
			}
			slen--;
			c = (unsigned char)*s++;
			if (c == '%') {
				buf_addch(&b, c);
				continue;
			}
			if (!isdigit(c)) {
				buf_addch(&b, '%');
				buf_addch(&b, c);
				continue;
			}
			char **avp;
			for (avp = av; --c >= '0' && *avp != NULL; avp++)
				continue;
			if (*avp == NULL)
				continue;
			buf_puts(&b, *avp);
		}
	}
	if (m->app != NULL)
		buf_puts(&b, m->app);
	if (tTd(39, 1))
		dbg_printf("map_rewrite => %s\n", buf_cstr(&b));
	return buf_steal(&b);
}

/* ------------------------------------------------------------------ */
/* small classes */

static bool
parse_std(struct cf *cf, struct cf_map *m, char *args)
{
	return map_parseargs(cf, m, args, false);
}

static bool
parse_optfile(struct cf *cf, struct cf_map *m, char *args)
{
	return map_parseargs(cf, m, args, true);
}

static bool
open_ok(struct cf *cf, struct cf_map *m)
{
	(void)cf; (void)m;
	return true;
}

/* dequote */
static char *
dequote_lookup(struct map_ctx *ctx, struct cf_map *m, const char *key,
    char **av, int *statp)
{
	char *name = xstrdup(key), *p, *q;
	int c, anglecnt = 0, cmntcnt = 0, quotecnt = 0, spacecnt = 0;
	bool quotemode = false, bslashmode = false;

	(void)ctx; (void)av;
	*statp = EX_OK;
	for (p = q = name; (c = (unsigned char)*p++) != '\0';) {
		if (bslashmode) {
			bslashmode = false;
			*q++ = (char)c;
			continue;
		}
		if (c == ' ' && m->spacesub != '\0')
			c = (unsigned char)m->spacesub;
		switch (c) {
		case '\\': bslashmode = true; break;
		case '(': cmntcnt++; break;
		case ')':
			if (cmntcnt-- <= 0) { free(name); return NULL; }
			break;
		case ' ': case '\t': spacecnt++; break;
		}
		if (cmntcnt > 0) {
			*q++ = (char)c;
			continue;
		}
		switch (c) {
		case '"':
			quotemode = !quotemode;
			quotecnt++;
			continue;
		case '<': anglecnt++; break;
		case '>':
			if (anglecnt-- <= 0) { free(name); return NULL; }
			break;
		}
		*q++ = (char)c;
	}
	if (anglecnt != 0 || cmntcnt != 0 || bslashmode || quotemode ||
	    quotecnt <= 0 || spacecnt != 0) {
		free(name);
		return NULL;
	}
	*q = '\0';
	char *r = map_rewrite(m, name, strlen(name), NULL);
	free(name);
	return r;
}

static bool
dequote_parse(struct cf *cf, struct cf_map *m, char *args)
{
	char *p = args;
	(void)cf;
	m->mflags |= MF_KEEPQUOTES;
	for (;;) {
		while (ISSPACE(*p))
			p++;
		if (*p != '-')
			break;
		switch (*++p) {
		case 'a':
			{
				const char *s = ++p;
				while (*p != '\0' && !ISSPACE(*p)) p++;
				free(m->app);
				m->app = xstrndup(s, (size_t)(p - s));
			}
			break;
		case 'D': m->mflags |= MF_DEFER; break;
		case 'S': case 's': m->spacesub = *++p; break;
		}
		while (*p != '\0' && !ISSPACE(*p))
			p++;
		if (*p != '\0')
			p++;
	}
	return true;
}

/* arith: the operator is the key, the operands are $@ arguments */
static char *
arith_lookup(struct map_ctx *ctx, struct cf_map *m, const char *key,
    char **av, int *statp)
{
	long r = 0, v[2];
	bool res = false, boolres = false;
	char buf[64];
	char **cpp;

	(void)ctx; (void)m;
	if (tTd(38, 2)) {
		dbg_printf("arith_map_lookup: key '%s'\n", key);
		for (cpp = av; cpp != NULL && *cpp != NULL; cpp++)
			dbg_printf("arith_map_lookup: arg '%s'\n", *cpp);
	}
	*statp = EX_OK;
	/* no check that the operands are numbers; extra ones are ignored */
	for (cpp = av == NULL ? NULL : av + 1; cpp != NULL && *cpp != NULL && r < 2;
	    cpp++)
		v[r++] = strtol(*cpp, NULL, 0);
	if (key == NULL || r != 2) {
		*statp = EX_CONFIG;
		return NULL;
	}
	switch (*key) {
	case '|': r = v[0] | v[1]; break;
	case '&': r = v[0] & v[1]; break;
	case '%':
		if (v[1] == 0)
			return NULL;
		r = v[0] % v[1];
		break;
	case '+': r = (long)((unsigned long)v[0] + (unsigned long)v[1]); break;
	case '-': r = (long)((unsigned long)v[0] - (unsigned long)v[1]); break;
	case '*': r = (long)((unsigned long)v[0] * (unsigned long)v[1]); break;
	case '/':
		if (v[1] == 0 || (v[1] == -1 && v[0] == LONG_MIN))
			return NULL;
		r = v[0] / v[1];
		break;
	case 'l': res = v[0] < v[1]; boolres = true; break;
	case '=': res = v[0] == v[1]; boolres = true; break;
	case 'r':
		r = (long)((unsigned long)v[1] - (unsigned long)v[0] + 1);
		if (r <= 0)
			return NULL;
		r = random() % r + v[0];
		break;
	default:
		*statp = EX_CONFIG;
		return NULL;
	}
	if (boolres)
		snprintf(buf, sizeof(buf), "%s", res ? "TRUE" : "FALSE");
	else
		snprintf(buf, sizeof(buf), "%ld", r);
	return xstrdup(buf);
}

/* macro */
static char *
macro_lookup(struct map_ctx *ctx, struct cf_map *m, const char *key,
    char **av, int *statp)
{
	int mid;
	const char *ep;

	(void)m;
	if (key == NULL || *key == '\0') {
		*statp = EX_CONFIG;
		return NULL;
	}
	mid = rw_macid_parse(&ctx->cf->mn, key, &ep, NULL);
	if (mid == 0) {
		*statp = EX_CONFIG;
		return NULL;
	}
	if (ctx->envmac != NULL)
		rw_mactab_set(ctx->envmac, mid, av == NULL || av[1] == NULL ? NULL : av[1]);
	*statp = EX_OK;
	return xstrdup("");
}

/* host: canonicalization through the hosts file only (no DNS) */
static const char *
hostsfile(struct cf *cf)
{
	const char *h = cf->optv[OPT_HOSTSFILE];
	return h != NULL && *h != '\0' ? h : "/etc/hosts";
}

/*
 * Small files read on every host lookup (the hosts file, the switch
 * file) are read once per process, as sendmail caches its host lookups.
 */
struct fcache {
	char	*path;
	char	*data;	/* NULL: could not be opened */
	size_t	 len;
};
static struct fcache fcache[8];
static bool fcache_hit;	/* the last cached_open used the cache */

static FILE *
cached_open(const char *path)
{
	struct fcache *fc = NULL;

	for (int i = 0; i < 8; i++) {
		if (fcache[i].path != NULL && strcmp(fcache[i].path, path) == 0) {
			fc = &fcache[i];
			break;
		}
		if (fcache[i].path == NULL) {
			FILE *f = fopen(path, "r");
			struct buf b = BUF_INIT;
			char chunk[4096];
			size_t n;
			fc = &fcache[i];
			fc->path = xstrdup(path);
			if (f != NULL) {
				while ((n = fread(chunk, 1, sizeof(chunk), f)) > 0)
					buf_append(&b, chunk, n);
				fclose(f);
				buf_addch(&b, '\n');	/* never empty */
				fc->len = b.len;
				fc->data = buf_steal(&b);
			}
			break;
		}
	}
	fcache_hit = fc != NULL;
	if (fc == NULL)
		return fopen(path, "r");	/* cache full */
	if (fc->data == NULL)
		return NULL;
	return fmemopen(fc->data, fc->len, "r");
}

/* switch_hosts from the open switch file f (closed) */
static int
switch_hosts_read(FILE *f, const char *svc)
{
	char line[512];
	int r = -1;

	while (fgets(line, sizeof(line), f) != NULL) {
		char *save, *tok = strtok_r(line, " \t\n", &save);
		if (tok == NULL || tok[0] == '#' || strcmp(tok, "hosts") != 0)
			continue;
		r = 0;
		while ((tok = strtok_r(NULL, " \t\n", &save)) != NULL)
			if (strcmp(tok, svc) == 0)
				r = 1;
		break;
	}
	fclose(f);
	return r;
}

/*
 * Does the service switch file (ServiceSwitchFile, default
 * /etc/mail/service.switch: lines like "hosts files dns") send "hosts"
 * lookups to service svc?  1 yes, 0 no, -1 no file or no hosts line.
 */
static int
switch_hosts(struct cf *cf, const char *svc)
{
	const char *sw = cf->optv[OPT_SERVICESWITCHFILE];
	int r;
	FILE *f;
	/* the last answer: the file is read once (cached_open), so the
	 * answer depends on its name and svc only */
	static char *lastsw;
	static const char *lastsvc;
	static int lastr;

	if (sw == NULL || *sw == '\0')
		sw = "/etc/mail/service.switch";
	if (lastsw != NULL && lastsvc == svc && strcmp(lastsw, sw) == 0)
		return lastr;
	free(lastsw);
	lastsw = NULL;
	if ((f = cached_open(sw)) == NULL)
		r = -1;
	else
		r = switch_hosts_read(f, svc);
	if (!fcache_hit)	/* (cache full: read every time) */
		return r;
	lastsw = xstrdup(sw);
	lastsvc = svc;
	lastr = r;
	return r;
}

/*
 * Host names for the host map and $[ $] come from the hosts file unless
 * the switch file names other services only (the host map does not ask
 * DNS: its answers must not depend on the network).
 */
static bool
hosts_via_files(struct cf *cf)
{
	return switch_hosts(cf, "files") != 0;
}

/*
 * MX lookups for delivery: when the switch file lists "dns" for hosts;
 * without one, when the system's /etc/nsswitch.conf does (or has no
 * hosts line), as a resolver-using sendmail does.
 */
bool
map_hosts_via_dns(struct cf *cf)
{
	int r = switch_hosts(cf, "dns");
	char line[512];
	FILE *f;

	if (r >= 0)
		return r == 1;
	if ((f = cached_open("/etc/nsswitch.conf")) == NULL)
		return true;
	r = -1;
	while (fgets(line, sizeof(line), f) != NULL) {
		char *save, *tok = strtok_r(line, " \t\n", &save);
		if (tok == NULL || strcmp(tok, "hosts:") != 0)
			continue;
		r = 0;
		while ((tok = strtok_r(NULL, " \t\n", &save)) != NULL)
			if (strcmp(tok, "dns") == 0)
				r = 1;
		break;
	}
	fclose(f);
	return r != 0;
}

/* snprintf(dst, sz, "%s", src) without the format machinery (sz > 0;
 * host_lookup copies a name per lookup) */
static void
copy_name(char *dst, size_t sz, const char *src)
{
	size_t n = strnlen(src, sz - 1);

	memcpy(dst, src, n);
	dst[n] = '\0';
}

static char *
shorten_hostname(struct cf *cf, char *host)
{
	size_t i = strlen(host);
	bool canon = false;
	char *p = &host[i == 0 ? 0 : i - 1];
	const char *mydom = cf->mac.val['m'] ? cf->mac.val['m'] : "";

	if (*p == '.') {
		*p = '\0';
		canon = true;
	}
	p = strchr(host, '.');
	if (p == NULL)
		return NULL;
	i = strlen(++p);
	if ((canon ? strcasecmp(p, mydom) : strncasecmp(p, mydom, i)) == 0 &&
	    (mydom[i] == '.' || mydom[i] == '\0'))
		return --p;
	return NULL;
}

static bool
extract_canonname(struct cf *cf, char *name, char *dot, char *line,
    char *cbuf, size_t cbuflen)
{
	bool found = false;
	char *save, *tok;
	int col = 0;

	cbuf[0] = '\0';
	if (line[0] == '#')
		return false;
	for (tok = strtok_r(line, " \t", &save); tok != NULL;
	    tok = strtok_r(NULL, " \t", &save), col++) {
		if (col == 0)
			continue;
		if (cbuf[0] == '\0' ||
		    (strchr(cbuf, '.') == NULL && strchr(tok, '.') != NULL))
			copy_name(cbuf, cbuflen, tok);
		if (strcasecmp(name, tok) == 0)
			found = true;
		else if (dot != NULL) {
			*dot = '\0';
			if (strcasecmp(name, tok) == 0)
				found = true;
			*dot = '.';
		}
	}
	if (found && strchr(cbuf, '.') == NULL) {
		const char *domain = cf->mac.val['m'];
		size_t i = strlen(cbuf);
		if (domain != NULL && strlen(domain) + i + 1 < cbuflen)
			snprintf(cbuf + i, cbuflen - i, ".%s", domain);
	}
	return found;
}

bool
map_getcanonname(struct cf *cf, char *host, size_t hsz, int *statp)
{
	char nbuf[MAXNAME + 1], cbuf[MAXNAME + 1], line[MAXLINE];
	FILE *f;
	bool found = false;

	if (strlen(host) >= sizeof(nbuf)) {
		*statp = EX_UNAVAILABLE;
		return false;
	}
	if (!hosts_via_files(cf)) {
		*statp = EX_NOHOST;
		return false;
	}
	copy_name(nbuf, sizeof(nbuf), host);
	char *dot = shorten_hostname(cf, nbuf);
	f = cached_open(hostsfile(cf));
	if (f == NULL) {
		*statp = EX_UNAVAILABLE;
		return false;
	}
	while (!found && fgets(line, sizeof(line), f) != NULL) {
		char *p = strpbrk(line, "#\n");
		if (p != NULL)
			*p = '\0';
		if (line[0] != '\0')
			found = extract_canonname(cf, nbuf, dot, line, cbuf, sizeof(cbuf));
	}
	fclose(f);
	if (!found) {
		*statp = EX_NOHOST;
		return false;
	}
	if (strlen(cbuf) >= hsz) {
		*statp = EX_UNAVAILABLE;
		return false;
	}
	copy_name(host, hsz, cbuf);
	*statp = EX_OK;
	return true;
}

static char *
host_lookup(struct map_ctx *ctx, struct cf_map *m, const char *name,
    char **av, int *statp)
{
	char hbuf[MAXNAME + 1];

	*statp = EX_OK;
	if (*name == '[') {
		/* address literals: reverse lookups go to the system resolver
		 * in sendmail; we answer from the hosts file */
		const char *e = strchr(name, ']');
		char line[MAXLINE], addr[MAXNAME];
		FILE *f;
		if (e == NULL)
			return NULL;
		snprintf(addr, sizeof(addr), "%.*s", (int)(e - name - 1), name + 1);
		if (strncasecmp(addr, "IPv6:", 5) == 0)
			memmove(addr, addr + 5, strlen(addr + 5) + 1);
		f = cached_open("/etc/hosts");
		if (f != NULL) {
			while (fgets(line, sizeof(line), f) != NULL) {
				char *save, *ip, *nm, *p = strpbrk(line, "#\n");
				if (p != NULL)
					*p = '\0';
				ip = strtok_r(line, " \t", &save);
				nm = ip ? strtok_r(NULL, " \t", &save) : NULL;
				if (ip && nm && strcmp(ip, addr) == 0) {
					fclose(f);
					return map_rewrite(m, nm, strlen(nm), av);
				}
			}
			fclose(f);
		}
		*statp = EX_NOHOST;
		return NULL;
	}
	/* answers are remembered per name, as sendmail's host cache does;
	 * hcidx is an open-addressing index (slot = entry + 1) by folded hash */
	static struct { char *name, *canon; int stat; uint32_t h; } hc[512];
	static unsigned short hcidx[1024];
	static unsigned nhc;
	unsigned i = nhc, slot;
	uint32_t h = 2166136261u;
	for (const char *s = name; *s != '\0'; s++) {
		unsigned char c = (unsigned char)*s;
		if (c >= 'A' && c <= 'Z')
			c = (unsigned char)(c + 32);
		h = (h ^ c) * 16777619u;
	}
	for (slot = h & 1023; hcidx[slot] != 0; slot = (slot + 1) & 1023) {
		unsigned k = hcidx[slot] - 1u;
		if (hc[k].h == h && strcasecmp(hc[k].name, name) == 0) {
			i = k;
			break;
		}
	}
	if (i < nhc) {
		*statp = hc[i].stat;
		if (hc[i].canon == NULL)
			return NULL;
		copy_name(hbuf, sizeof(hbuf), hc[i].canon);
	} else {
		copy_name(hbuf, sizeof(hbuf), name);
		bool ok = map_getcanonname(ctx->cf, hbuf, sizeof(hbuf) - 1, statp);
		if (nhc == sizeof(hc) / sizeof(hc[0])) {
			for (i = 0; i < nhc; i++) {
				free(hc[i].name);
				free(hc[i].canon);
			}
			nhc = 0;
			memset(hcidx, 0, sizeof(hcidx));
		}
		for (slot = h & 1023; hcidx[slot] != 0; slot = (slot + 1) & 1023)
			continue;
		hcidx[slot] = (unsigned short)(nhc + 1);
		hc[nhc].name = xstrdup(name);
		hc[nhc].canon = ok ? xstrdup(hbuf) : NULL;
		hc[nhc].stat = *statp;
		hc[nhc].h = h;
		nhc++;
		if (!ok)
			return NULL;
	}
	if (m->mflags & MF_MATCHONLY)
		return map_rewrite(m, name, strlen(name), NULL);
	return map_rewrite(m, hbuf, strlen(hbuf), av);
}

static bool
dns_parse(struct cf *cf, struct cf_map *m, char *args)
{
	char *p = args;

	(void)cf;
	for (;;) {
		while (ISSPACE(*p))
			p++;
		if (*p != '-')
			break;
		switch (*++p) {
		case 'o': m->mflags |= MF_OPTIONAL; break;
		case 'q': m->mflags |= MF_KEEPQUOTES; break;
		case 'D': m->mflags |= MF_DEFER; break;
		case 't': m->mflags |= MF_NODEFER; break;
		case 'm': m->mflags |= MF_MATCHONLY; break;
		case 'f': m->mflags |= MF_NOFOLDCASE; break;
		default: break;	/* resolver options: accepted */
		}
		while (*p != '\0' && !ISSPACE(*p))
			p++;
	}
	return true;
}

static char *
dns_lookup(struct map_ctx *ctx, struct cf_map *m, const char *key,
    char **av, int *statp)
{
	(void)ctx;
	bool bestmx = strcmp(m->cls->name, "bestmx") == 0;
	/* an address literal is its own (only) MX host, as getmxrr says */
	if (bestmx && key[0] == '[') {
		*statp = EX_OK;
		return map_rewrite(m, key, strlen(key), av);
	}
	/* no resolver here (as in -bt's /mx): the name is not found */
	*statp = bestmx ? EX_OK : EX_NOTFOUND;
	return NULL;
}

/* user: the passwd database; -v names the field */
static bool
user_open(struct cf *cf, struct cf_map *m)
{
	static const char *const cols[] = {
		"name", "passwd", "uid", "gid", "gecos", "dir", "shell"
	};

	if (tTd(38, 2))
		dbg_printf("user_map_open(%s, 0)\n", m->name);
	m->valcol = 0;
	if (m->valcolnm == NULL)
		return true;
	for (size_t i = 0; i < sizeof(cols) / sizeof(cols[0]); i++)
		if (strcasecmp(m->valcolnm, cols[i]) == 0) {
			m->valcol = (int)i + 1;
			return true;
		}
	map_syserr(cf, 0, "User map %s: unknown column name %s", m->name,
	    m->valcolnm);
	return false;
}

static char *
user_lookup(struct map_ctx *ctx, struct cf_map *m, const char *key,
    char **av, int *statp)
{
	struct passwd *pw;
	char buf[32];
	const char *v;

	(void)ctx;
	if (tTd(38, 20))
		dbg_printf("user_map_lookup(%s, %s)\n", m->name, key);
	pw = *key == '\0' ? NULL : getpwnam(key);
	if (pw == NULL) {
		*statp = EX_NOUSER;
		return NULL;
	}
	*statp = EX_OK;
	if (m->mflags & MF_MATCHONLY)
		return map_rewrite(m, key, strlen(key), NULL);
	switch (m->valcol) {
	case 2: v = "x"; break;
	case 3: snprintf(buf, sizeof(buf), "%d", (int)pw->pw_uid); v = buf; break;
	case 4: snprintf(buf, sizeof(buf), "%d", (int)pw->pw_gid); v = buf; break;
	case 5: v = pw->pw_gecos != NULL ? pw->pw_gecos : ""; break;
	case 6: v = pw->pw_dir; break;
	case 7: v = pw->pw_shell; break;
	default: v = pw->pw_name; break;
	}
	return map_rewrite(m, v, strlen(v), av);
}

/* arpa: an IP address in reverse (in-addr.arpa / ip6.arpa) order */
static char *
arpa_lookup(struct map_ctx *ctx, struct cf_map *m, const char *key,
    char **av, int *statp)
{
	struct buf b = BUF_INIT;
	unsigned char a6[16];
	struct in_addr a4;

	(void)ctx; (void)av;
	if (tTd(38, 2))
		dbg_printf("arpa_map_lookup: key '%s'\n", key);
	*statp = EX_DATAERR;
	if (strncasecmp(key, "IPv6:", 5) == 0) {
		if (inet_pton(AF_INET6, key + 5, a6) != 1)
			return NULL;
		for (int i = 15; i >= 0; i--)
			buf_printf(&b, "%x.%x%s", a6[i] & 0xf, a6[i] >> 4,
			    i > 0 ? "." : "");
	} else {
		if (inet_pton(AF_INET, key, &a4) != 1)
			return NULL;
		const unsigned char *q = (const unsigned char *)&a4.s_addr;
		buf_printf(&b, "%u.%u.%u.%u", q[3], q[2], q[1], q[0]);
	}
	*statp = EX_OK;
	char *r = map_rewrite(m, buf_cstr(&b), b.len, NULL);
	buf_fini(&b);
	return r;
}

/* syslog: log the key, return "" */
struct syslog_impl {
	int prio;
};

static bool
syslog_parse(struct cf *cf, struct cf_map *m, char *args)
{
	static const struct { const char *name; int prio; } lv[] = {
		{ "EMERG", LOG_EMERG }, { "ALERT", LOG_ALERT },
		{ "CRIT", LOG_CRIT }, { "ERR", LOG_ERR },
		{ "WARNING", LOG_WARNING }, { "NOTICE", LOG_NOTICE },
		{ "INFO", LOG_INFO }, { "DEBUG", LOG_DEBUG },
	};
	struct syslog_impl *si = xcalloc(1, sizeof(*si));
	char *p = args;

	si->prio = LOG_INFO;
	m->impl = si;
	for (;;) {
		while (ISSPACE(*p))
			p++;
		if (*p != '-')
			break;
		p++;
		if (*p == 'D')
			m->mflags |= MF_DEFER;
		else if (*p == 'S')
			m->spacesub = *++p;
		else if (*p == 'L') {
			char *lvl;
			p++;
			while (ISSPACE(*p))
				p++;
			lvl = dupword(&p);
			size_t i, n = sizeof(lv) / sizeof(lv[0]);
			const char *s = strncasecmp(lvl, "LOG_", 4) == 0 ? lvl + 4 : lvl;
			for (i = 0; i < n; i++)
				if (strcasecmp(s, lv[i].name) == 0)
					break;
			if (i < n)
				si->prio = lv[i].prio;
			else if (isdigit((unsigned char)*s))
				si->prio = atoi(s);
			else
				cf_syserr(cf, 0, "syslog map \"%s\", unknown level %s",
				    m->name, lvl);
			free(lvl);
		}
		while (*p != '\0' && !ISSPACE(*p))
			p++;
	}
	return true;
}

static char *
syslog_lookup(struct map_ctx *ctx, struct cf_map *m, const char *key,
    char **av, int *statp)
{
	struct syslog_impl *si = m->impl;

	(void)ctx; (void)av;
	if (key != NULL) {
		if (tTd(38, 20))
			dbg_printf("syslog_map_lookup(%s (priority %d): %s\n",
			    m->name, si->prio, key);
		syslog(LOG_MAIL | si->prio, "%s", key);
	}
	*statp = EX_OK;
	return xstrdup("");
}

static void
impl_free(struct cf_map *m)
{
	free(m->impl);
	m->impl = NULL;
}

/* null */
static char *
null_lookup(struct map_ctx *ctx, struct cf_map *m, const char *key,
    char **av, int *statp)
{
	(void)ctx; (void)m; (void)key; (void)av;
	*statp = EX_NOTFOUND;
	return NULL;
}

/* sendmail's BogusMapClass: what a map becomes when it cannot be opened */
static char *
bogus_lookup(struct map_ctx *ctx, struct cf_map *m, const char *key,
    char **av, int *statp)
{
	(void)ctx; (void)m; (void)key; (void)av;
	*statp = EX_TEMPFAIL;
	return NULL;
}

static const struct map_class bogus_class = {
	"bogus-map", 0, NULL, open_ok, bogus_lookup, NULL
};

/*
 * Classes the reference sendmail has but cfmta does not serve (no NIS,
 * NIS+, LDAP or socket map client).  The K line is accepted as sendmail
 * accepts it; opening fails with a message naming the map, so the map
 * answers "temporarily unavailable" (or, with -o, is simply not open).
 */
static bool
nis_open(struct cf *cf, struct cf_map *m)
{
	const char *f = m->file != NULL && *m->file != '\0' ? m->file : "mail.aliases";
	char *at = strchr(f, '@');
	/* no NIS client: sendmail's message when no NIS domain is bound */
	if (!(m->mflags & MF_OPTIONAL))
		map_syserr(cf, 0, "451 4.3.5 NIS map %.*s specified, but NIS not running",
		    at != NULL ? (int)(at - f) : (int)strlen(f), f);
	return false;
}

static bool
nisplus_open(struct cf *cf, struct cf_map *m)
{
	(void)cf; (void)m;
	errno = EAGAIN;		/* sendmail is silent here too */
	return false;
}

static bool
unsupported_open(struct cf *cf, struct cf_map *m)
{
	const char *f = m->file != NULL ? m->file : "";
	const char *colon = strchr(f, ':');

	if (strcmp(m->cls->name, "socket") == 0 && (colon == NULL ||
	    strncasecmp(f, "unix:", 5) == 0 || strncasecmp(f, "local:", 6) == 0)) {
		const char *path = colon == NULL ? f : colon + 1;
		struct stat st;
		if (stat(path, &st) != 0) {
			/* sendmail's safefile check fails first */
			map_syserr(cf, errno, "socket map \"%s\": local socket name %s unsafe",
			    m->name, path);
			return false;
		}
	}
	if (!(m->mflags & MF_OPTIONAL))
		map_syserr(cf, 0, "451 4.3.5 %s map \"%s\": map class %s is not supported by cfmta",
		    m->cls->name, m->name, m->cls->name);
	return false;
}

static bool
unsupported_parse(struct cf *cf, struct cf_map *m, char *args)
{
	/* ldap, socket: their own option letters; keep only the generic ones */
	char *p = args;
	(void)cf;
	m->mflags |= MF_TRY0NULL | MF_TRY1NULL;
	for (;;) {
		while (ISSPACE(*p))
			p++;
		if (*p != '-')
			break;
		switch (*++p) {
		case 'o': m->mflags |= MF_OPTIONAL; break;
		case 't': m->mflags |= MF_NODEFER; break;
		case 'D': m->mflags |= MF_DEFER; break;
		case 'q': m->mflags |= MF_KEEPQUOTES; break;
		case 'T': p++; free(m->tapp); m->tapp = dupword(&p); break;
		default: break;
		}
		while (*p != '\0' && !ISSPACE(*p))
			p++;
	}
	if (*p != '\0') {
		free(m->file);
		m->file = dupword(&p);
	}
	return true;
}

/* userdb: answers from the UserDatabaseSpec option, which cfmta lacks */
static char *
userdb_lookup(struct map_ctx *ctx, struct cf_map *m, const char *key,
    char **av, int *statp)
{
	const char *spec = ctx->cf->optv[OPT_USERDATABASESPEC];

	(void)key; (void)av;
	*statp = EX_OK;
	if (spec != NULL && *spec != '\0') {
		map_syserr(ctx->cf, 0, "userdb map \"%s\": user database %s is not supported by cfmta",
		    m->name, spec);
		*statp = EX_TEMPFAIL;
	}
	return NULL;
}

/* ------------------------------------------------------------------ */
/* the class table (sendmail's setupmaps, as Debian's 8.17.1.9 has it) */

static const struct map_class classes[] = {
	{ "hash", MCF_ALIASOK, parse_std, mapdb_open_hash, mapdb_lookup, mapdb_close },
	{ "btree", MCF_ALIASOK, parse_std, mapdb_open_btree, mapdb_lookup, mapdb_close },
	{ "nis", MCF_ALIASOK, parse_optfile, nis_open, null_lookup, NULL },
	{ "nisplus", MCF_ALIASOK, parse_optfile, nisplus_open, null_lookup, NULL },
	{ "ldap", MCF_ALIASOK, unsupported_parse, unsupported_open, null_lookup, NULL },
	{ "dns", 0, dns_parse, open_ok, dns_lookup, NULL },
	{ "bestmx", MCF_OPTFILE, parse_optfile, open_ok, dns_lookup, NULL },
	{ "host", MCF_OPTFILE | MCF_NOTPERSIST, parse_optfile, open_ok, host_lookup, NULL },
	{ "text", MCF_ALIASOK, parse_std, text_open, text_lookup, NULL },
	{ "stab", MCF_ALIASOK, parse_std, stab_open, stab_lookup, stab_close },
	{ "implicit", MCF_ALIASOK, parse_std, mapdb_open_implicit, mapdb_lookup, mapdb_close },
	{ "user", MCF_OPTFILE, parse_optfile, user_open, user_lookup, NULL },
	{ "dequote", MCF_OPTFILE, dequote_parse, open_ok, dequote_lookup, NULL },
	{ "regex", MCF_OPTFILE, regex_parse, open_ok, regex_lookup, regex_close },
	{ "userdb", 0, parse_std, open_ok, userdb_lookup, NULL },
	{ "program", MCF_ALIASOK, parse_std, open_ok, prog_lookup, NULL },
	{ "sequence", MCF_ALIASOK | MCF_OPTFILE, seq_parse, open_ok, seq_lookup, NULL },
	{ "switch", MCF_ALIASOK, parse_std, switch_open, seq_lookup, impl_free },
	{ "null", MCF_ALIASOK | MCF_OPTFILE, parse_optfile, open_ok, null_lookup, NULL },
	{ "syslog", MCF_OPTFILE, syslog_parse, open_ok, syslog_lookup, impl_free },
	{ "macro", MCF_OPTFILE, dequote_parse, open_ok, macro_lookup, NULL },
	{ "arith", MCF_OPTFILE, dequote_parse, open_ok, arith_lookup, NULL },
	{ "arpa", MCF_OPTFILE, dequote_parse, open_ok, arpa_lookup, NULL },
	{ "socket", 0, unsupported_parse, unsupported_open, null_lookup, NULL },
};

void
map_builtin_classes_init(void)
{
}

const struct map_class *
map_findclass(const char *name)
{
	for (size_t i = 0; i < sizeof(classes) / sizeof(classes[0]); i++)
		if (strcmp(classes[i].name, name) == 0)
			return &classes[i];
	return NULL;
}

bool
map_class_supported(const struct map_class *mc)
{
	return mc->open != unsupported_open && mc->open != nis_open &&
	    mc->open != nisplus_open;
}

void
map_free(struct cf_map *m)
{
	if (m == NULL)
		return;
	if (m->cls != NULL && m->cls->close != NULL)
		m->cls->close(m);
	free(m->name); free(m->spec); free(m->file); free(m->app);
	free(m->tapp); free(m->domain); free(m->keycolnm); free(m->valcolnm);
	for (int i = 0; i < m->nstack; i++)
		free(m->stack[i]);
	free(m->stack);
	free(m);
}

struct cf_map *
cf_findmap(const struct cf *cf, const char *name)
{
	/* (the first bytes first: most names differ there) */
	for (int i = 0; i < cf->nmaps; i++)
		if (cf->maps[i]->name[0] == name[0] &&
		    strcmp(cf->maps[i]->name, name) == 0)
			return cf->maps[i];
	return NULL;
}

struct cf_map *
cf_makemap(struct cf *cf, char *line)
{
	char *p = line, *mapname, *classname;

	while (ISSPACE(*p))
		p++;
	if (!isascii((unsigned char)*p) || !isalnum((unsigned char)*p)) {
		cf_syserr(cf, 0, "readcf: config K line: no map name");
		return NULL;
	}
	mapname = p;
	while ((isascii((unsigned char)*++p) && isalnum((unsigned char)*p)) ||
	    *p == '_' || *p == '.')
		continue;
	if (*p != '\0')
		*p++ = '\0';
	while (ISSPACE(*p))
		p++;
	if (!isascii((unsigned char)*p) || !isalnum((unsigned char)*p)) {
		cf_syserr(cf, 0, "readcf: config K line, map %s: no map class", mapname);
		return NULL;
	}
	classname = p;
	while (isascii((unsigned char)*++p) && isalnum((unsigned char)*p))
		continue;
	if (*p != '\0')
		*p++ = '\0';
	while (ISSPACE(*p))
		p++;
	const struct map_class *mc = map_findclass(classname);
	if (mc == NULL) {
		cf_syserr(cf, 0, "readcf: map %s: class %s not available",
		    mapname, classname);
		return NULL;
	}
	struct cf_map *m = cf_findmap(cf, mapname);
	if (m != NULL) {
		/* redefinition replaces the old map in place */
		for (int i = 0; i < cf->nmaps; i++)
			if (cf->maps[i] == m) {
				map_free(m);
				m = xcalloc(1, sizeof(*m));
				cf->maps[i] = m;
				break;
			}
	} else {
		m = xcalloc(1, sizeof(*m));
		if (cf->nmaps == cf->capmaps) {
			cf->capmaps = cf->capmaps ? cf->capmaps * 2 : 16;
			cf->maps = xreallocarray(cf->maps, (size_t)cf->capmaps,
			    sizeof(*cf->maps));
		}
		cf->maps[cf->nmaps++] = m;
	}
	m->name = xstrdup(mapname);
	m->cls = mc;
	m->spec = xstrdup(p);
	m->line = cf->lineno;
	char *args = xstrdup(p);
	m->valid = mc->parse(cf, m, args);
	free(args);
	return m;
}

/*
 * sendmail's openmap: open on first use.  A map that cannot be opened
 * becomes a "bogus" map answering every lookup with a temporary failure,
 * unless it is optional (-o): then it is simply not valid any more.
 */
bool
map_ensure_open(struct cf *cf, struct cf_map *m)
{
	if (!m->valid)
		return false;
	if (m->open)
		return true;
	errno = 0;
	if (m->cls->open(cf, m)) {
		if (tTd(38, 4))
			dbg_printf("openmap()\t%s:%s %s: valid\n", m->cls->name,
			    m->name, m->file != NULL ? m->file : "NULL");
		m->open = m->opened_ok = true;
		return true;
	}
	int e = errno;
	if (tTd(38, 4))
		dbg_printf("openmap()\t%s:%s %s: invalid%s%s\n", m->cls->name,
		    m->name, m->file != NULL ? m->file : "NULL",
		    e == 0 ? "" : ": ", e == 0 ? "" : strerror(e));
	if (m->cls->close != NULL)
		m->cls->close(m);
	if (!(m->mflags & MF_OPTIONAL)) {
		m->cls = &bogus_class;
		m->mflags |= MF_OPENBOGUS;
		m->open = m->opened_ok = true;
		return true;
	}
	m->valid = false;
	return false;
}

char *
map_lookup(struct map_ctx *ctx, struct cf_map *m, char *key, char **av,
    int *pstat)
{
	int status = EX_OK;
	char *replac;

	if (m == NULL)
		return NULL;
	if (!m->valid || !map_ensure_open(ctx->cf, m))
		return NULL;
	if (!(m->mflags & MF_KEEPQUOTES))
		rw_stripquotes(key);
	if (tTd(60, 1)) {
		dbg_printf("map_lookup(%s, ", m->name);
		rw_xputs(dbg_stream(), &ctx->cf->mn, key);
		if (tTd(60, 5)) {
			for (int i = 0; av[i] != NULL; i++)
				dbg_printf(", %%%d=%s", i, av[i]);
		}
		dbg_printf(") => ");
	}
	replac = m->cls->lookup(ctx, m, key, av, &status);
	if (tTd(60, 1))
		dbg_printf("%s (%d), ad=%d\n", replac != NULL ? replac : "NOT FOUND",
		    status, 0);	/* no DNSSEC: never authenticated data */
	if (status == EX_TEMPFAIL && !(m->mflags & MF_NODEFER))
		*pstat = EX_TEMPFAIL;
	if (status == EX_TEMPFAIL && m->tapp != NULL) {
		struct buf b = BUF_INIT;
		buf_puts(&b, key);
		buf_puts(&b, m->tapp);
		free(replac);
		replac = buf_steal(&b);
	}
	return replac;
}

void
map_fileclass(struct cf *cf, int cls, const char *spec, bool optional)
{
	char *copy = xstrdup(spec);
	char *at = strchr(copy, '@');
	const char *mn = rw_macname(&cf->mn, cls);

	if (at == NULL) {
		cf_syserr(cf, 0, "fileclass: bogus map specification");
		free(copy);
		return;
	}
	*at++ = '\0';
	char *colon = strchr(at, ':');
	if (colon == NULL) {
		cf_syserr(cf, 0, "fileclass: F{%s}: missing map class", mn);
		free(copy);
		return;
	}
	*colon++ = '\0';
	const struct map_class *mc = map_findclass(at);
	if (mc == NULL) {
		cf_syserr(cf, 0, "fileclass: F{%s}: class %s not available", mn, at);
		free(copy);
		return;
	}
	struct cf_map *m = xcalloc(1, sizeof(*m));
	m->name = xstrdup(mn);
	m->cls = mc;
	m->mflags |= MF_FILECLASS;
	char *args = xstrdup(colon);
	bool ok = mc->parse(cf, m, args);
	free(args);
	if (ok) {
		if (!mc->open(cf, m)) {
			if (!optional && !(m->mflags & MF_OPTIONAL))
				cf_syserr(cf, 0, "fileclass: F{%s}: map open failed", mn);
		} else {
			struct map_ctx ctx = { cf, NULL, NULL };
			int st = EX_OK;
			char *r = mc->lookup(&ctx, m, copy, NULL, &st);
			if (st != EX_OK && st != EX_NOTFOUND && !optional)
				cf_syserr(cf, 0, "fileclass: F{%s}: map lookup failed", mn);
			if (r != NULL) {
				char *s = r;
				while (*s) {
					while (ISSPACE(*s)) s++;
					if (*s == '\0') break;
					char *w = s;
					while (*s && !ISSPACE(*s)) s++;
					if (*s) *s++ = '\0';
					rw_class_add(&cf->cls, cls, w);
				}
				free(r);
			}
		}
	}
	map_free(m);
	free(copy);
}
