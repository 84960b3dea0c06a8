/*
 * addr.c -- address parsing for /parse, /try and -bv: sendmail 8.17's
 * parseaddr (rulesets 3 and 0, then the $# triple turned into mailer,
 * host and user), remotename (3, 1 or 2, the mailer's S=/R= ruleset, 4,
 * with the comment text kept around $g) and crackaddr, on top of the VM.
 * Strings returned are malloc'd and owned by the caller.
 */
#include <ctype.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "dbg.h"
#include "map.h"
#include "mta.h"
#include "rw_print.h"
#include "xmem.h"
#include "rw_tok.h"

static bool
ISASCIISPACE(int c)
{
	return isascii((unsigned char)c) && isspace((unsigned char)c);
}

/* sendmail's exit-status bookkeeping (ExitStat), used for /quit */
void
addr_setstat(struct mta *mta, int st)
{
	if (mta->exitstat == EX_OK || mta->exitstat == EX_TEMPFAIL)
		mta->exitstat = st;
}

/* mailers are found by name ignoring case, as sendmail's symbol table does */
const struct cf_mailer *
addr_findmailer(const struct cf *cf, const char *name)
{
	for (int i = 0; i < MAXMAILERS; i++)
		if (cf->mailer[i] != NULL &&
		    strcasecmp(cf->mailer[i]->name, name) == 0)
			return cf->mailer[i];
	return NULL;
}

/*
 * Addresses with 8-bit bytes (replaced by '?') or longer than MAXNAME-1
 * are refused with sendmail's messages.  addr is modified in place.
 */
bool
addr_invalid(struct mta *mta, char *addr, bool isrcpt)
{
	bool bad = false;
	size_t len = strlen(addr);

	if (len <= MAXNAME - 1) {
		/* the usual address: not too long, no byte with the high
		 * bit set (then none in 0200..0237), eight bytes a step */
		uint64_t hi = 0, v;
		size_t i = 0;
		for (; i + 8 <= len; i += 8) {
			memcpy(&v, addr + i, 8);
			hi |= v;
		}
		for (; i < len; i++)
			hi |= (unsigned char)addr[i];
		if ((hi & 0x8080808080808080u) == 0)
			return false;
	}
	len = 0;
	for (char *p = addr; *p != '\0'; p++) {
		if (((unsigned char)*p & 0340) == 0200) {
			addr_setstat(mta, EX_USAGE);
			bad = true;
			*p = '?';
		}
		if (++len > MAXNAME - 1) {
			char save = *p;
			*p = '\0';
			rw_usrerr(&mta->vm.msgs, NULL,
			    "553 5.1.0 Address \"%s\" too long (%d bytes max)",
			    addr, MAXNAME - 1);
			*p = save;
			return true;
		}
	}
	if (bad)
		rw_usrerr(&mta->vm.msgs, NULL,
		    "501 5.1.%d 8-bit character in mailbox address \"%s\"",
		    isrcpt ? 3 : 7, addr);
	return bad;
}

/*
 * crackaddr: keep the comment and phrase parts of an address, replace
 * the address proper by $g.  The output lives in a MAXNAME+1 buffer;
 * room for closing quotes, parens and angles is reserved as they open
 * (lim), and when the text does not fit the result is "<$g>".
 */
struct crack {
	char	buf[MAXNAME + 1];
	char	*bp, *lim, *end;
	bool	overflow;
};

static bool
cr_room(const struct crack *c)
{
	return c->bp < c->lim && c->lim <= c->end;
}

static void
cr_put(struct crack *c, int ch)
{
	if (c->overflow)
		return;
	if (cr_room(c))
		*c->bp++ = (char)ch;
	else
		c->overflow = true;
}

char *
addr_crack(struct mta *mta, const char *addr)
{
	struct cf *cf = &mta->cf;
	struct crack *c = xcalloc(1, sizeof(*c));
	const char *p, *addrhead;
	char *bufhead, *res;
	int cmtlev = 0, realcmtlev = 0, anglelev = 0, copylev = 0, bracklev = 0;
	bool addangle = false, qmode = false, realqmode = false;
	bool putgmac = false, quoteit = false, gotangle = false;
	bool gotcolon = false;
	char mustquote[128];
	const char *mq = cf->optv[OPT_MUSTQUOTECHARS];
	int ch;

	if (mq != NULL)
		snprintf(mustquote, sizeof(mustquote), "@,;:\\()[]%s", mq);
	else
		snprintf(mustquote, sizeof(mustquote), "@,;:\\()[].'");
	if (tTd(33, 1))
		dbg_printf("crackaddr(%s)\n", addr);

	c->end = c->lim = &c->buf[sizeof(c->buf) - 1];
	c->bp = c->buf;

	/* leading blanks are kept */
	while (*addr != '\0' && ISASCIISPACE(*addr))
		cr_put(c, *addr++);
	bufhead = c->bp;
	p = addrhead = addr;

	while (!c->overflow && (ch = *p++) != '\0') {
		if (copylev > 0)
			cr_put(c, ch);

		if (ch == '\\') {
			if (cmtlev <= 0 && !qmode)
				quoteit = true;
			if ((ch = *p++) == '\0') {
				p--;
				goto putg;
			}
			if (copylev > 0)
				cr_put(c, ch);
			goto putg;
		}

		if (ch == '"' && cmtlev <= 0) {
			qmode = !qmode;
			if (copylev > 0 && cr_room(c)) {
				if (realqmode)
					c->lim--;
				else
					c->lim++;
				realqmode = !realqmode;
			}
			continue;
		}
		if (qmode)
			goto putg;

		if (ch == '(') {
			cmtlev++;
			if (cr_room(c)) {
				c->lim--;
				realcmtlev++;
				if (copylev++ <= 0) {
					if (c->bp != bufhead)
						cr_put(c, ' ');
					cr_put(c, ch);
				}
			}
		}
		if (cmtlev > 0) {
			if (ch == ')') {
				cmtlev--;
				copylev--;
				if (cr_room(c)) {
					realcmtlev--;
					c->lim++;
				}
			}
			continue;
		} else if (ch == ')') {
			/* a stray ')' is dropped */
			if (copylev > 0 && cr_room(c) && c->bp > bufhead)
				c->bp--;
		}

		if (ch == '[')
			bracklev++;
		else if (ch == ']')
			bracklev--;

		/* "group: list;" */
		if (ch == ':' && anglelev <= 0 && bracklev <= 0 && !gotcolon &&
		    !cf->colonok) {
			const char *q;

			if (*p == ':' || *p == '.') {
				/* DECnet host::user or :. syntax */
				if (cmtlev <= 0 && !qmode)
					quoteit = true;
				if (copylev > 0) {
					cr_put(c, ch);
					cr_put(c, *p);
				}
				p++;
				goto putg;
			}
			gotcolon = true;
			c->bp = bufhead;
			if (quoteit) {
				cr_put(c, '"');
				--p;
				while (p > addr && ISASCIISPACE(*--p))
					continue;
				p++;
			}
			for (q = addrhead; q < p; q++) {
				if (quoteit && *q == '"')
					cr_put(c, '\\');
				cr_put(c, *q);
			}
			if (quoteit) {
				if (c->bp == &bufhead[1])
					c->bp--;
				else
					cr_put(c, '"');
				while ((ch = *p++) != ':')
					cr_put(c, ch);
				cr_put(c, ch);
			}
			while (ISASCIISPACE(*p))
				cr_put(c, *p++);
			copylev = 0;
			putgmac = quoteit = false;
			bufhead = c->bp;
			addrhead = p;
			continue;
		}

		if (ch == ';' && copylev <= 0 && !cf->colonok)
			cr_put(c, ch);

		if (ch != '\0' && strchr(mustquote, ch) != NULL &&
		    cmtlev <= 0 && !qmode)
			quoteit = true;

		if (ch == '<') {
			const char *q;

			if (gotangle)
				quoteit = true;
			gotangle = true;
			anglelev = 1;
			if (cr_room(c)) {
				if (!addangle)
					c->lim--;
				addangle = true;
			}
			c->bp = bufhead;
			if (quoteit) {
				cr_put(c, '"');
				--p;
				while (p > addr && ISASCIISPACE(*--p))
					continue;
				p++;
			}
			for (q = addrhead; q < p; q++) {
				if (quoteit && *q == '"')
					cr_put(c, '\\');
				cr_put(c, *q);
			}
			if (quoteit) {
				if (c->bp == &c->buf[1])
					c->bp--;
				else
					cr_put(c, '"');
				while ((ch = *p++) != '<')
					cr_put(c, ch);
				cr_put(c, ch);
			}
			copylev = 0;
			putgmac = quoteit = false;
			continue;
		}

		if (ch == '>') {
			if (anglelev > 0) {
				anglelev--;
				if (cr_room(c)) {
					if (addangle)
						c->lim++;
					addangle = false;
				}
			} else if (cr_room(c)) {
				/* a stray '>' is dropped */
				if (copylev > 0 && c->bp > bufhead)
					c->bp--;
				quoteit = true;
				continue;
			}
			if (copylev++ <= 0)
				cr_put(c, ch);
			continue;
		}

	putg:
		if (copylev <= 0 && !putgmac) {
			if (c->bp > c->buf && c->bp[-1] == ')')
				cr_put(c, ' ');
			cr_put(c, MACROEXPAND);
			cr_put(c, 'g');
			putgmac = true;
		}
	}

	if (!c->overflow) {
		/* close what is still open */
		if (realqmode && c->bp < c->end)
			*c->bp++ = '"';
		while (realcmtlev-- > 0 && c->bp < c->end)
			*c->bp++ = ')';
		if (addangle && c->bp < c->end)
			*c->bp++ = '>';
		*c->bp = '\0';
		if (c->bp >= c->end)
			c->overflow = true;
	}
	if (c->overflow) {
		c->buf[0] = '<';
		c->buf[1] = (char)MACROEXPAND;
		c->buf[2] = 'g';
		c->buf[3] = '>';
		c->buf[4] = '\0';
	}
	if (tTd(33, 1)) {
		dbg_printf("crackaddr=>`");
		rw_xputs(dbg_stream(), &cf->mn, c->buf);
		dbg_printf("'\n");
	}
	res = xstrdup(c->buf);
	free(c);
	return res;
}

/*
 * sendmail's cataddr: join tokens, putting spacesub between two atoms
 * ('\0' = BlankSub); external drops META_QUOTE prefixes.  Output is
 * truncated to sz-2 characters as sendmail's fixed buffers do.
 */
static void
cataddr(const struct cf *cf, char **pvp, char **evp, char *buf, int sz,
    int spacesub, bool external)
{
	bool oatomtok = false, natomtok;
	char *p = buf;

	if (sz <= 0)
		return;
	if (spacesub == '\0') {
		const char *bs = cf->optv[OPT_BLANKSUB];
		spacesub = bs != NULL && *bs ? *bs : ' ';
	}
	if (pvp == NULL) {
		*buf = '\0';
		return;
	}
	sz -= 2;
	while (*pvp != NULL && sz > 0) {
		const char *q;

		natomtok = cf->tok.intl[(unsigned char)**pvp] == TT_ATM;
		if (oatomtok && natomtok) {
			*p++ = (char)spacesub;
			if (--sz <= 0)
				break;
		}
		for (q = *pvp; *q != '\0';) {
			int ch;

			if (--sz <= 0)
				break;
			*p++ = (char)(ch = *q++);
			if ((ch & 0377) == META_QUOTE && external && *q != '\0')
				p[-1] = *q++;
		}
		if (sz <= 0)
			break;
		oatomtok = natomtok;
		if (pvp++ == evp)
			break;
	}
	*p = '\0';
}

/* length of an enhanced status code "d.ddd.ddd" followed by delim, or 0 */
int
addr_isenhsc(const char *s, int delim)
{
	int l, h;

	if (s == NULL || !(*s == '2' || *s == '4' || *s == '5') || s[1] != '.')
		return 0;
	l = 2;
	for (h = 0; h < 3 && isdigit((unsigned char)s[l + h]); h++)
		continue;
	if (h == 0 || s[l + h] != '.')
		return 0;
	l += h + 1;
	for (h = 0; h < 3 && isdigit((unsigned char)s[l + h]); h++)
		continue;
	if (h == 0 || s[l + h] != delim)
		return 0;
	return l + h;
}

static int
dsntoexitstat(const char *dsn)
{
	if (dsn[0] == '2')
		return EX_OK;
	if (dsn[0] == '4')
		return EX_TEMPFAIL;
	if (strncmp(dsn + 1, ".1.", 3) == 0)
		return dsn[4] == '0' ? EX_NOUSER : EX_NOHOST;
	return EX_UNAVAILABLE;
}

static const struct {
	const char *name;
	int code;
} errcodes[] = {
	{ "usage", EX_USAGE }, { "nouser", EX_NOUSER },
	{ "nohost", EX_NOHOST }, { "unavailable", EX_UNAVAILABLE },
	{ "software", EX_SOFTWARE }, { "tempfail", EX_TEMPFAIL },
	{ "protocol", EX_PROTOCOL }, { "config", EX_CONFIG },
};

static void
setmailer(struct addr_result *res, const char *name)
{
	free(res->mailer);
	res->mailer = xstrdup(name);
}

/* the $#error mailer: report the message, set the exit status */
static void
error_triple(struct mta *mta, struct addr_result *res, const char *hbuf,
    bool hashost, char *ubuf, bool *tempfail)
{
	res->user = xstrdup(ubuf);
	if (hashost) {
		res->host = xstrdup(hbuf);
		if (strchr(hbuf, '.') != NULL)
			addr_setstat(mta, dsntoexitstat(hbuf));
		else if (isdigit((unsigned char)hbuf[0]))
			addr_setstat(mta, atoi(hbuf));
		else {
			int code = EX_UNAVAILABLE;
			for (size_t i = 0; i < sizeof(errcodes) / sizeof(errcodes[0]); i++)
				if (strcasecmp(errcodes[i].name, hbuf) == 0)
					code = errcodes[i].code;
			addr_setstat(mta, code);
		}
	} else
		addr_setstat(mta, EX_UNAVAILABLE);
	rw_stripquotes(ubuf);
	if (isdigit((unsigned char)ubuf[0]) && isdigit((unsigned char)ubuf[1]) &&
	    isdigit((unsigned char)ubuf[2]) && ubuf[3] == ' ') {
		int off = addr_isenhsc(ubuf + 4, ' ');

		if (off > 0)
			rw_usrerr(&mta->vm.msgs, mta->e_to, "%s", ubuf);
		else if (addr_isenhsc(hbuf, '\0') > 0)
			rw_usrerr(&mta->vm.msgs, mta->e_to, "%.3s %s %s", ubuf,
			    hbuf, ubuf + 4);
		else
			rw_usrerr(&mta->vm.msgs, mta->e_to, "%.3s %s", ubuf,
			    ubuf + 4);
		if (ubuf[0] == '4')
			*tempfail = true;
	} else
		rw_usrerr(&mta->vm.msgs, mta->e_to, "553 5.3.0 %s", ubuf);
}

static void
lower(char *s)
{
	for (; s != NULL && *s != '\0'; s++)
		if (isascii((unsigned char)*s) && isupper((unsigned char)*s))
			*s = (char)tolower((unsigned char)*s);
}

/*
 * sendmail's buildaddr: turn the "$# mailer $@ host $: user" vector into
 * res, running the user through ruleset 2, the mailer's R= ruleset and
 * ruleset 4.  Returns false for "bad address" (res still filled).
 */
static bool
buildaddr(struct mta *mta, char **tv, int flags, struct addr_result *res)
{
	struct cf *cf = &mta->cf;
	char hbuf[MAXNAME + 1], ubuf[MAXNAME + 2];
	char **hostp;
	const char *mname;
	const struct cf_mailer *m;
	int maxatom = MAXATOM;
	bool tempfail = false;
	char *p;

	hbuf[0] = '\0';
	if (tTd(24, 5)) {
		dbg_printf("buildaddr, flags=%x, tv=", flags);
		rw_printav(dbg_stream(), &cf->mn, (const char *const *)tv);
	}
	if (*tv == NULL || (unsigned char)**tv != CANONNET) {
		rw_syserr(&mta->vm.msgs, "554 5.3.5 buildaddr: no mailer in parsed address");
		goto badaddr;
	}
	mname = *++tv;
	--maxatom;
	if (mname == NULL) {
		/* "$#" alone: sendmail reads past it as an empty name */
		mname = "";
		tv--;
	}
	if (*++tv != NULL && (unsigned char)**tv == CANONHOST) {
		hostp = ++tv;
		--maxatom;
	} else
		hostp = NULL;
	--maxatom;
	while (*tv != NULL && (unsigned char)**tv != CANONUSER) {
		tv++;
		--maxatom;
	}
	if (*tv == NULL) {
		rw_syserr(&mta->vm.msgs, "554 5.3.5 buildaddr: no user");
		goto badaddr;
	}
	if (tv == hostp)
		hostp = NULL;
	else if (hostp != NULL)
		cataddr(cf, hostp, tv - 1, hbuf, sizeof(hbuf), '\0', true);
	cataddr(cf, ++tv, NULL, ubuf, sizeof(ubuf), ' ', false);
	--maxatom;

	if (strcasecmp(mname, "error") == 0) {
		setmailer(res, "*error*");
		error_triple(mta, res, hbuf, hostp != NULL, ubuf, &tempfail);
		goto badaddr;
	}

	m = addr_findmailer(cf, mname);
	if (m == NULL) {
		rw_syserr(&mta->vm.msgs, "554 5.3.5 buildaddr: unknown mailer %s", mname);
		goto badaddr;
	}
	setmailer(res, m->name);
	if (hostp == NULL) {
		if (!MAILER_HAS(m, 'l')) {
			rw_syserr(&mta->vm.msgs, "554 5.3.5 buildaddr: no host");
			goto badaddr;
		}
	} else
		res->host = xstrdup(hbuf);

	p = ubuf;
	if (MAILER_HAS(m, '@') && *p == '@') {
		p++;
		tv++;
		--maxatom;
	}
	if (*p == '"')
		p++;
	if (*p == '|' && MAILER_HAS(m, '|')) {
		m = addr_findmailer(cf, "prog");
		setmailer(res, m != NULL ? m->name : "prog");
	} else if (*p == '/' && MAILER_HAS(m, '/')) {
		m = addr_findmailer(cf, "*file*");
		setmailer(res, m != NULL ? m->name : "*file*");
	} else if (*p == ':' && MAILER_HAS(m, ':')) {
		rw_stripquotes(ubuf);
		if (strncasecmp(ubuf, ":include:", 9) == 0) {
			setmailer(res, "*include*");
			res->user = xstrdup(&ubuf[9]);
			return true;
		}
	}
	if (m == NULL)
		return false;

	rw_mactab_set(&mta->vm.envmac, 'h', res->host);
	if (cf->conflevel >= 10 ||
	    (flags & (RF_SENDERADDR | RF_HEADERADDR)) == 0) {
		(void)vm_rewrite(&mta->vm, tv, 2, 0, maxatom);
		if (m->re_rwset > 0)
			(void)vm_rewrite(&mta->vm, tv, m->re_rwset, 0, maxatom);
	}
	(void)vm_rewrite(&mta->vm, tv, 4, 0, maxatom);
	cataddr(cf, tv, NULL, ubuf, sizeof(ubuf), '\0', true);
	res->user = xstrdup(ubuf);

	if (res->host != NULL && !MAILER_HAS(m, 'h'))
		lower(res->host);
	if (!MAILER_HAS(m, 'u'))
		lower(res->user);
	return true;

badaddr:
	if (mta->exitstat == EX_TEMPFAIL || tempfail)
		res->status = EX_TEMPFAIL;
	else {
		res->status = EX_UNAVAILABLE;
		if (res->mailer == NULL || strcmp(res->mailer, "*error*") != 0)
			setmailer(res, "*error*");
	}
	return false;
}

/*
 * Non-printable characters outside quotes, unbalanced quotes, a trailing
 * backslash or more than MAXNAME-1 bytes make an address bad; complain
 * reports it (and repairs the string in place).
 */
static bool
hasctrlchar(struct mta *mta, char *addr, bool isrcpt, bool complain)
{
	bool quoted = false;
	const char *why = NULL;
	char *b = addr;
	size_t len = 0;

	if (addr == NULL)
		return false;
	for (; *addr != '\0'; addr++) {
		if (++len > MAXNAME - 1) {
			if (complain) {
				b[MAXNAME - 1] = '\0';
				rw_usrerr(&mta->vm.msgs, mta->e_to,
				    "553 5.1.0 Address \"%s\" too long (%d bytes max)",
				    b, MAXNAME - 1);
				return true;
			}
			why = "too long";
		}
		if (!quoted && ((unsigned char)*addr < 32 || *addr == 127)) {
			why = "non-printable character";
			*addr = '?';
			continue;
		}
		if (*addr == '"')
			quoted = !quoted;
		else if (*addr == '\\') {
			if (*++addr == '\0') {
				why = "trailing \\ character";
				*--addr = '?';
				break;
			}
		}
		if (((unsigned char)*addr & 0340) == 0200) {
			addr_setstat(mta, EX_USAGE);
			why = "8-bit character";
			*addr = '?';
			continue;
		}
	}
	if (quoted)
		why = "unbalanced quote";
	if (why != NULL && complain)
		rw_usrerr(&mta->vm.msgs, mta->e_to,
		    "501 5.1.%d Syntax error in mailbox address \"%s\" (%s)",
		    isrcpt ? 3 : 7, b, why);
	return why != NULL;
}

/*
 * prescan on addr itself (sendmail's prescan truncates an overlong
 * address in place, and callers print it afterwards); tokens are kept
 * in the VM arena.
 */
static int
prescan(struct mta *mta, char *addr, char **pvp, const unsigned char *toktab)
{
	char *pvpbuf = xmalloc(PSBUFSIZE);
	struct rw_tokens *t = xmalloc(sizeof(*t));
	int n;

	n = rw_prescan(toktab, addr, '\0', pvpbuf, PSBUFSIZE, t, NULL, false,
	    &mta->vm.msgs);
	for (int i = 0; i < n; i++)
		pvp[i] = vm_strdup(&mta->vm, t->av[i]);
	if (n >= 0)
		pvp[n] = NULL;
	free(t);
	free(pvpbuf);
	return n;
}

/* sendmail's rscap for the queuegroup ruleset: run it if it exists */
static void
queuegroup(struct mta *mta, const char *user)
{
	struct cf *cf = &mta->cf;
	char *pvp[MAXATOM + 1];
	struct rw_msgs save = mta->vm.msgs;
	int rs, n;

	rs = cf_strtorwset(cf, "queuegroup", NULL, CF_ST_FIND);
	if (rs < 0)
		return;
	mta->vm.msgs.emit = NULL;
	n = vm_prescan(&mta->vm, user, '\0', pvp, NULL, cf->tok.intl);
	mta->vm.msgs = save;
	if (n < 0)
		return;
	(void)vm_rewrite(&mta->vm, pvp, rs, 0, MAXATOM);
}

bool
addr_parse(struct mta *mta, const char *addr, int flags, struct addr_result *res)
{
	struct cf *cf = &mta->cf;
	char *pvp[MAXATOM + 1];
	char *a = xstrdup(addr);
	bool qup = false, ok;

	memset(res, 0, sizeof(*res));
	mta->e_to = a;
	/* ${addr_type}: what is parsed ("e s" the envelope sender ...) */
	char at[4] = { (flags & RF_HEADERADDR) ? 'h' : 'e', ' ',
	    (flags & RF_SENDERADDR) ? 's' : 'r', '\0' };
	rw_mactab_set(&mta->vm.envmac, rw_macid_long(&cf->mn, "addr_type"), at);
	if (tTd(20, 1))
		dbg_printf("\n--parseaddr(%s)\n", a);
	if (prescan(mta, a, pvp, cf->tok.ext) < 0) {
		if (tTd(20, 1))
			dbg_printf("parseaddr-->NULL\n");
		ok = false;
		goto done;
	}
	if (addr_invalid(mta, a, true)) {
		if (tTd(20, 1))
			dbg_printf("parseaddr-->bad address\n");
		ok = false;
		goto done;
	}
	if (vm_rewrite(&mta->vm, pvp, 3, 0, MAXATOM) == EX_TEMPFAIL)
		qup = true;
	if (vm_rewrite(&mta->vm, pvp, 0, 0, MAXATOM) == EX_TEMPFAIL)
		qup = true;

	(void)buildaddr(mta, pvp, flags, res);
	if (hasctrlchar(mta, res->user, true, true))
		res->status = EX_UNAVAILABLE;
	if (res->user == NULL)
		res->user = xstrdup("");
	if (res->host == NULL)
		res->host = xstrdup("");
	if (res->mailer == NULL) {
		/* sendmail would dereference a NULL mailer here */
		res->mailer = xstrdup("(null)");
	}
	ok = true;
	if (res->status == EX_UNAVAILABLE)
		goto done;
	if ((flags & (RF_SENDERADDR | RF_HEADERADDR)) == 0)
		queuegroup(mta, res->user);
	if (qup)
		rw_message(&mta->vm.msgs, mta->e_to, "050 %s",
		    "Transient parse error -- message queued for future delivery");
done:
	mta->e_to = NULL;
	free(a);
	return ok;
}

char *
addr_remotename(struct mta *mta, const char *name, const struct cf_mailer *m,
    int flags, int *pstat)
{
	struct cf *cf = &mta->cf;
	char *pvp[MAXATOM + 1];
	char lbuf[MAXNAME + 1];
	char addrtype[4];
	char *fancy, *oldg;
	struct buf out = BUF_INIT;
	char *nm;
	int rwset;

	if (tTd(12, 1)) {
		dbg_printf("remotename(");
		rw_xputs(dbg_stream(), &cf->mn, name);
		dbg_printf(")\n");
	}
	if (flags & RF_SENDERADDR) {
		rwset = (flags & RF_HEADERADDR) ? m->sh_rwset : m->se_rwset;
		addrtype[2] = 's';
	} else {
		rwset = (flags & RF_HEADERADDR) ? m->rh_rwset : m->re_rwset;
		addrtype[2] = 'r';
	}
	if (rwset < 0)
		return xstrdup(name);
	addrtype[0] = (flags & RF_HEADERADDR) ? 'h' : 'e';
	addrtype[1] = ' ';
	addrtype[3] = '\0';
	rw_mactab_set(&mta->vm.envmac, rw_macid_long(&cf->mn, "addr_type"),
	    addrtype);

	if (MAILER_HAS(m, 'c'))
		fancy = xstrdup("\201g");
	else
		fancy = addr_crack(mta, name);

	nm = xstrdup(name);
	if (prescan(mta, nm, pvp, cf->tok.ext) < 0) {
		free(fancy);
		return nm;
	}
	free(nm);
	if (vm_rewrite(&mta->vm, pvp, 3, 0, MAXATOM) == EX_TEMPFAIL)
		*pstat = EX_TEMPFAIL;
	if (vm_rewrite(&mta->vm, pvp, (flags & RF_SENDERADDR) ? 1 : 2, 0,
	    MAXATOM) == EX_TEMPFAIL)
		*pstat = EX_TEMPFAIL;
	if (rwset > 0 &&
	    vm_rewrite(&mta->vm, pvp, rwset, 0, MAXATOM) == EX_TEMPFAIL)
		*pstat = EX_TEMPFAIL;
	if (vm_rewrite(&mta->vm, pvp, 4, 0, MAXATOM) == EX_TEMPFAIL)
		*pstat = EX_TEMPFAIL;

	cataddr(cf, pvp, NULL, lbuf, sizeof(lbuf), '\0', false);
	oldg = mta->vm.envmac.val['g'] ? xstrdup(mta->vm.envmac.val['g']) : NULL;
	rw_mactab_set(&mta->vm.envmac, 'g', lbuf);
	rw_expand(&mta->vm.env, fancy, &out, MAXNAME + 1, &mta->vm.msgs);
	rw_mactab_set(&mta->vm.envmac, 'g', oldg);
	free(oldg);
	free(fancy);
	if (tTd(12, 1)) {
		dbg_printf("remotename => `");
		rw_xputs(dbg_stream(), &cf->mn, buf_cstr(&out));
		dbg_printf("', stat=%d\n", *pstat);
	}
	return buf_steal(&out);
}
