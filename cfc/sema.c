/*
 * sema.c -- semantic checks.  Pass 1 walks the lines in order, as readcf
 * does, checking each line and recording definitions (rulesets, mailers,
 * maps, classes, queue groups) and references; pass 2 resolves the
 * references, since a cf may use a name before defining it.  All tables
 * live in the compilation arena.
 */
#include <ctype.h>
#include <grp.h>
#include <pwd.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

#include "arena.h"
#include "ast.h"
#include "buf.h"
#include "map_db.h"
#include "cf_opttab.h"
#include "diag.h"
#include "rtok.h"
#include "sema.h"

#define MAXRWSETS	200	/* sendmail: numbered S lines < 100 */
#define MAXMATCH	9
#define MAXNAME_MACRO	25

enum symkind { SY_MAILER, SY_MAP, SY_CLASS, SY_RSNAME, SY_QUEUE, SY__N };
enum refkind { RF_RULESET, RF_MAILER, RF_MAP, RF_CLASS, RF_QUEUE };

struct sym {
	struct sym	*next;
	const char	*name;
	struct span	 loc;
	int		 num;
};

struct ref {
	struct ref	*next;
	enum refkind	 kind;
	const char	*name;
	struct span	 loc;
	const char	*what;	/* e.g. "mailer 'esmtp' S=" */
};

struct rsinfo {
	bool		 defined;
	struct span	 loc;		/* first S line */
	bool		 has_catchall;
	struct span	 catchall;	/* the rule */
	bool		 reported;
	unsigned	 nrules;
};

struct sema {
	struct cfc_ctx	*ctx;
	const char	*t;
	struct diag	*d;
	struct arena	*a;
	char		*opchars;
	struct sym	*syms[SY__N];
	struct ref	*refs;
	struct rsinfo	 rs[MAXRWSETS];
	int		 cur;
	int		 nextnamed;
};

static const char *
sdup(struct sema *s, struct span sp)
{
	return arena_strndup(s->a, s->t + sp.start, sp.end - sp.start);
}

static struct span
mkspan(uint32_t a, uint32_t b)
{
	struct span sp = { a, b };

	return sp;
}

static struct sym *
sym_find(struct sema *s, enum symkind k, const char *name, size_t n)
{
	struct sym *y;

	for (y = s->syms[k]; y != NULL; y = y->next)
		if (strlen(y->name) == n && strncmp(y->name, name, n) == 0)
			return y;
	return NULL;
}

static struct sym *
sym_add(struct sema *s, enum symkind k, const char *name, size_t n,
    struct span loc)
{
	struct sym *y = sym_find(s, k, name, n);

	if (y != NULL)
		return y;
	y = arena_alloc(s->a, sizeof(*y));
	y->name = arena_strndup(s->a, name, n);
	y->loc = loc;
	y->next = s->syms[k];
	s->syms[k] = y;
	return y;
}

static void
ref_add(struct sema *s, enum refkind k, struct span name, const char *what)
{
	struct ref *r = arena_alloc(s->a, sizeof(*r));

	r->kind = k;
	r->name = sdup(s, name);
	r->loc = name;
	r->what = what;
	r->next = s->refs;
	s->refs = r;
}

static uint32_t
skipbl(const char *t, uint32_t p, uint32_t end)
{
	while (p < end && isspace((unsigned char)t[p]))
		p++;
	return p;
}

static uint32_t
rtrim(const char *t, uint32_t start, uint32_t end)
{
	while (end > start && isspace((unsigned char)t[end - 1]))
		end--;
	return end;
}

static int
quotelen(struct span sp)
{
	return (int)(sp.end - sp.start);
}

/*
 * Macro or class name at p ("x" or "{name}"), as sendmail's macid_parse.
 * Returns false after reporting; *np is the name, *ep just past it.
 */
static bool
macro_name(struct sema *s, uint32_t p, uint32_t end, struct span *np,
    uint32_t *ep)
{
	const char *t = s->t;

	if (p >= end || t[p] == ' ' || t[p] == '\t' || t[p] == '\n') {
		diag_report(s->d, CK_MACRO_NAME, p, p + 1,
		    "missing or invalid macro/class name");
		return false;
	}
	if (t[p] != '{') {
		*np = mkspan(p, p + 1);
		*ep = p + 1;
		return true;
	}
	{
		uint32_t q = p + 1;

		while (q < end && t[q] != '}') {
			if (!isalnum((unsigned char)t[q]) && t[q] != '_' &&
			    t[q] != '.' && t[q] != '-' && t[q] != '/') {
				diag_report(s->d, CK_MACRO_NAME, q, q + 1,
				    "invalid character '%c' in macro/class name",
				    t[q]);
				return false;
			}
			q++;
		}
		if (q >= end) {
			diag_report(s->d, CK_MACRO_NAME, p, end,
			    "unbalanced '{' in macro/class name '%.*s'",
			    (int)(end - p), t + p);
			return false;
		}
		if (q - p - 1 == 0) {
			diag_report(s->d, CK_MACRO_NAME, p, q + 1,
			    "empty macro/class name '{}'");
			return false;
		}
		if (q - p - 1 > MAXNAME_MACRO) {
			diag_report(s->d, CK_MACRO_NAME, p, q + 1,
			    "macro/class name '%.*s' too long (%d characters max)",
			    (int)(q - p + 1), t + p, MAXNAME_MACRO);
			return false;
		}
		*np = mkspan(p + 1, q);
		*ep = q + 1;
		return true;
	}
}

/* $? $| $. nesting in macro text (D, H, O values, rule sides). */
static void
check_conditionals(struct sema *s, struct span sp)
{
	const char *t = s->t;
	uint32_t p, open[16];
	int depth = 0;
	bool seen_else[16] = { false };

	for (p = sp.start; p + 1 < sp.end; p++) {
		if (t[p] != '$')
			continue;
		if (t[p + 1] == '$') {
			p++;
			continue;
		}
		if (t[p + 1] == '?') {
			if (depth < 16) {
				open[depth] = p;
				seen_else[depth] = false;
			}
			depth++;
		} else if (t[p + 1] == '|') {
			if (depth == 0)
				diag_report(s->d, CK_CONDITIONAL, p, p + 2,
				    "'$|' outside a '$?' conditional");
			else if (depth <= 16) {
				if (seen_else[depth - 1])
					diag_report(s->d, CK_CONDITIONAL, p,
					    p + 2, "second '$|' in one "
					    "conditional");
				seen_else[depth - 1] = true;
			}
		} else if (t[p + 1] == '.') {
			if (depth == 0)
				diag_report(s->d, CK_CONDITIONAL, p, p + 2,
				    "'$.' without a matching '$?'");
			else
				depth--;
		}
		p++;
	}
	if (depth > 0 && depth <= 16)
		diag_report(s->d, CK_CONDITIONAL, open[depth - 1],
		    open[depth - 1] + 2, "'$?' conditional without a closing '$.'");
}

/* ------------------------------------------------------------------ */
/* Options */

static bool
is_bool(const char *v, size_t n)
{
	static const char *const words[] = { "true", "false", "yes", "no",
	    "t", "f", "y", "n", "on", "off" };
	size_t i;

	if (n == 0)
		return true;	/* empty means true */
	for (i = 0; i < sizeof(words) / sizeof(words[0]); i++)
		if (strlen(words[i]) == n && strncasecmp(words[i], v, n) == 0)
			return true;
	return false;
}

static bool
is_int(const char *v, size_t n, bool slash)
{
	size_t i = 0;
	bool digits = false;

	if (i < n && (v[i] == '-' || v[i] == '+'))
		i++;
	for (; i < n; i++) {
		if (isdigit((unsigned char)v[i]))
			digits = true;
		else if (!(slash && v[i] == '/' && digits))
			return false;
	}
	return digits;
}

/* convtime syntax; on a bad unit *bad is its offset. */
static bool
is_time(const char *v, size_t n, size_t *bad)
{
	size_t i = 0;

	if (n == 0)
		return true;
	while (i < n) {
		if (!isdigit((unsigned char)v[i])) {
			*bad = i;
			return false;
		}
		while (i < n && isdigit((unsigned char)v[i]))
			i++;
		if (i < n) {
			if (strchr("smhdw", v[i]) == NULL) {
				*bad = i;
				return false;
			}
			i++;
		}
	}
	return true;
}

static const char *const timeout_names[] = {
	"initial", "connect", "aconnect", "iconnect", "helo", "mail", "rcpt",
	"datainit", "datablock", "datafinal", "command", "rset", "quit",
	"misc", "ident", "fileopen", "control", "queuereturn",
	"queuereturn.normal", "queuereturn.urgent", "queuereturn.non-urgent",
	"queuereturn.dsn", "queuewarn", "queuewarn.normal", "queuewarn.urgent",
	"queuewarn.non-urgent", "queuewarn.dsn", "hoststatus", "resolver.retrans",
	"resolver.retrans.first", "resolver.retrans.normal", "resolver.retry",
	"resolver.retry.first", "resolver.retry.normal", "lhlo", "auth",
	"starttls", "tls", "milterquit"
};

static void
check_time(struct sema *s, const char *oname, uint32_t vs, uint32_t ve)
{
	size_t bad = 0;

	if (!is_time(s->t + vs, ve - vs, &bad))
		diag_report(s->d, CK_OPTION_VALUE, vs + (uint32_t)bad,
		    vs + (uint32_t)bad + 1, "invalid time unit '%c' in value "
		    "'%.*s' of option '%s' (expected s, m, h, d or w)",
		    s->t[vs + bad], (int)(ve - vs), s->t + vs, oname);
}

static bool
enum_ok(enum cf_opt_id id, const char *v, size_t n)
{
	static const char *const nra[] = { "none", "add-to",
	    "add-apparently-to", "add-bcc", "add-to-undisclosed" };
	size_t i;
	int c = n > 0 ? tolower((unsigned char)v[0]) : 0;

	switch (id) {
	case OPT_EIGHTBITMODE:
		return c != 0 && strchr("pms", v[0]) != NULL;
	case OPT_DELIVERYMODE:
		return c == 0 || strchr("ibqd", v[0]) != NULL;
	case OPT_ERRORMODE:
		return c == 0 || strchr("pqmwe", v[0]) != NULL;
	case OPT_SUPERSAFE:
		return c == 'i' || c == 'p' || is_bool(v, n);
	case OPT_QUEUESORTORDER:
		return c != 0 && strchr("fhmptrns", c) != NULL;
	case OPT_NORECIPIENTACTION:
		for (i = 0; i < sizeof(nra) / sizeof(nra[0]); i++)
			if (strlen(nra[i]) == n && strncasecmp(nra[i], v, n) == 0)
				return true;
		return false;
	case OPT_DONTPROBEINTERFACES:
		return (n == 8 && strncasecmp(v, "loopback", 8) == 0) ||
		    is_bool(v, n);
	default:
		return true;
	}
}

static void
check_user(struct sema *s, uint32_t vs, uint32_t ve, const char *what)
{
	char *u;
	size_t i;

	if (!s->ctx->env || ve == vs || isdigit((unsigned char)s->t[vs]))
		return;
	u = arena_strndup(s->a, s->t + vs, ve - vs);
	for (i = 0; u[i] != '\0'; i++)
		if (u[i] == ':' || u[i] == '.' || u[i] == '/') {
			u[i] = '\0';
			break;
		}
	if (getpwnam(u) == NULL)
		diag_report(s->d, CK_ENV_USER, vs, vs + (uint32_t)i,
		    "unknown user '%s' in %s", u, what);
}

static void
check_portopts(struct sema *s, const char *oname, uint32_t vs, uint32_t ve)
{
	const char *t = s->t;
	uint32_t p = vs;

	while (p < ve) {
		uint32_t ks, ke, eq, vend;

		while (p < ve && (t[p] == ',' || t[p] == ' '))
			p++;
		if (p >= ve)
			break;
		ks = p;
		while (p < ve && t[p] != ',' && t[p] != '=')
			p++;
		ke = p;
		eq = p;
		while (p < ve && t[p] != ',')
			p++;
		vend = p;
		if (strchr("acdfilmnpqrsADFILMNPRS", t[ks]) == NULL) {
			diag_report(s->d, CK_DAEMON_OPTIONS, ks, ke,
			    "unknown %s key '%.*s'", oname, (int)(ke - ks),
			    t + ks);
			continue;
		}
		if (eq >= ve || t[eq] != '=')
			continue;
		eq++;
		if (t[ks] == 'F' || t[ks] == 'f') {
			static const char *const fam[] = { "inet", "inet6",
			    "local", "unix", "iso", "ns", "x.25" };
			size_t i, n = vend - eq;
			bool ok = false;

			for (i = 0; i < sizeof(fam) / sizeof(fam[0]); i++)
				if (strlen(fam[i]) == n &&
				    strncasecmp(fam[i], t + eq, n) == 0)
					ok = true;
			if (!ok)
				diag_report(s->d, CK_DAEMON_OPTIONS, eq, vend,
				    "unknown address family '%.*s' in %s "
				    "(expected inet, inet6 or local)", (int)n,
				    t + eq, oname);
		} else if (t[ks] == 'D' && vend > eq &&
		    strchr("ibqd", t[eq]) == NULL) {
			diag_report(s->d, CK_DAEMON_OPTIONS, eq, vend,
			    "unknown delivery mode '%.*s' in %s", (int)(vend - eq),
			    t + eq, oname);
		}
	}
}

static void
check_option_value(struct sema *s, const struct cf_optinfo *o,
    const char *oname, uint32_t vs, uint32_t ve)
{
	const char *v = s->t + vs;
	size_t n = ve - vs;

	switch (o->type) {
	case OT_BOOL:
		if (!is_bool(v, n))
			diag_report(s->d, CK_OPTION_VALUE, vs, ve,
			    "option '%s' expects a boolean, not '%.*s'", oname,
			    (int)n, v);
		break;
	case OT_INT:
		if (n > 0 && !is_int(v, n, true))
			diag_report(s->d, CK_OPTION_VALUE, vs, ve,
			    "option '%s' expects a number, not '%.*s'", oname,
			    (int)n, v);
		break;
	case OT_SIZE:
		if (n > 0 && !is_int(v, n, false))
			diag_report(s->d, CK_OPTION_VALUE, vs, ve,
			    "option '%s' expects a size in bytes, not '%.*s'",
			    oname, (int)n, v);
		break;
	case OT_MODE:
		if (n == 0 || strspn(v, "01234567") < n)
			diag_report(s->d, CK_OPTION_VALUE, vs, ve,
			    "option '%s' expects an octal file mode, not '%.*s'",
			    oname, (int)n, v);
		break;
	case OT_TIME:
		if (o->id == OPT_QUEUETIMEOUT) {
			const char *sl = memchr(v, '/', n);

			if (sl != NULL) {
				check_time(s, oname, vs, vs + (uint32_t)(sl - v));
				check_time(s, oname, vs + (uint32_t)(sl - v) + 1, ve);
				break;
			}
		}
		if (o->id == OPT_TIMEOUT)
			break;	/* checked with its suboption */
		/* DeliverByMin < 0: DELIVERBY not offered (sendmail's -1) */
		if (o->id == OPT_DELIVERBYMIN && n > 1 && v[0] == '-') {
			check_time(s, oname, vs + 1, ve);
			break;
		}
		check_time(s, oname, vs, ve);
		break;
	case OT_ENUM:
		if (!enum_ok(o->id, v, n))
			diag_report(s->d, CK_OPTION_VALUE, vs, ve > vs ? ve : vs + 1,
			    "invalid value '%.*s' for option '%s'", (int)n, v,
			    oname);
		break;
	case OT_USER:
		check_user(s, vs, ve, oname);
		break;
	case OT_SUBOPT:
		check_portopts(s, oname, vs, ve);
		break;
	case OT_STR: case OT_PATH: case OT_CHAR: case OT_LIST:
		break;
	}
	if (o->id == OPT_SMTPUTF8 && n > 0 && is_bool(v, n) &&
	    (v[0] == 't' || v[0] == 'T' || v[0] == 'y' || v[0] == 'Y'))
		diag_report(s->d, CK_OPTION_VALUE, vs, ve,
		    "option 'SmtpUTF8' set, but the reference sendmail has no "
		    "EAI support");
	if (o->id == OPT_OPERATORCHARS)
		s->opchars = arena_strndup(s->a, v, n);
}

static void
do_option(struct sema *s, const struct ast_line *l)
{
	const char *t = s->t;
	uint32_t b = l->body.start, e = rtrim(t, l->body.start, l->body.end);
	const struct cf_optinfo *o;

	if (b >= e) {
		diag_report(s->d, CK_UNKNOWN_OPTION, l->loc.start, l->loc.end,
		    "option line without an option name");
		return;
	}
	if (t[b] != ' ') {
		o = cf_opt_byletter((unsigned char)t[b], false);
		if (o == NULL) {
			diag_report(s->d, CK_UNKNOWN_OPTION, b, b + 1,
			    "unknown option letter '%c'", t[b]);
			return;
		}
		check_option_value(s, o, o->name[0] ? o->name : "?", b + 1, e);
		return;
	}
	{
		struct cf_optsplit sp;
		struct cf_optlookup r;
		uint32_t ns, ne;

		cf_opt_split(t + b + 1, e - b - 1, &sp);
		ns = b + 1 + (uint32_t)sp.name_off;
		ne = ns + (uint32_t)sp.name_len;
		switch (cf_opt_byname(t + ns, sp.name_len, false, &r)) {
		case CF_OPT_NULL:
			diag_report(s->d, CK_UNKNOWN_OPTION, b, e,
			    "option line without an option name");
			return;
		case CF_OPT_UNKNOWN:
			if (cf_opt_byname(t + ns, sp.name_len, true, &r) ==
			    CF_OPT_EXACT) {
				diag_report(s->d, CK_UNKNOWN_OPTION, ns, ne,
				    "option '%.*s' is not compiled into the "
				    "reference sendmail 8.17", (int)(ne - ns),
				    t + ns);
				return;
			}
			diag_report(s->d, CK_UNKNOWN_OPTION, ns, ne,
			    "unknown option '%.*s'", (int)(ne - ns), t + ns);
			return;
		case CF_OPT_AMBIGUOUS:
			diag_report(s->d, CK_UNKNOWN_OPTION, ns, ne,
			    "ambiguous option name '%.*s' (matches '%s' and '%s')",
			    (int)(ne - ns), t + ns, r.opt->name, r.other->name);
			return;
		case CF_OPT_ABBREV:
			diag_report(s->d, CK_OPTION_ABBREV, ns, ne,
			    "option '%.*s' used as an abbreviation for '%s'",
			    (int)(ne - ns), t + ns, r.opt->name);
			break;
		case CF_OPT_EXACT:
			break;
		}
		o = r.opt;
		if (sp.has_sub && o->id == OPT_TIMEOUT) {
			uint32_t ss = b + 1 + (uint32_t)sp.sub_off;
			size_t i, n = sp.sub_len;
			bool ok = false;

			for (i = 0; i < sizeof(timeout_names) /
			    sizeof(timeout_names[0]); i++)
				if (strlen(timeout_names[i]) == n &&
				    strncasecmp(timeout_names[i], t + ss, n) == 0)
					ok = true;
			if (!ok)
				diag_report(s->d, CK_OPTION_VALUE, ss,
				    ss + (uint32_t)n, "unknown timeout '%.*s'",
				    (int)n, t + ss);
			check_time(s, o->name, b + 1 + (uint32_t)sp.val_off, e);
			return;
		}
		check_option_value(s, o, o->name, b + 1 + (uint32_t)sp.val_off,
		    e);
	}
}

/* ------------------------------------------------------------------ */
/* Rulesets */

static bool
ruleset_digits(const char *t, uint32_t p, uint32_t e, long *v, uint32_t *ep)
{
	long n = 0;

	if (p >= e || !isdigit((unsigned char)t[p]))
		return false;
	while (p < e && isdigit((unsigned char)t[p])) {
		if (n < 100000)
			n = n * 10 + (t[p] - '0');
		p++;
	}
	*v = n;
	*ep = p;
	return true;
}

static void
do_ruleset(struct sema *s, const struct ast_line *l)
{
	const char *t = s->t;
	uint32_t p = skipbl(t, l->body.start, l->body.end);
	uint32_t e = rtrim(t, l->body.start, l->body.end), q;
	long n;
	int rs;

	s->cur = -1;
	if (ruleset_digits(t, p, e, &n, &q)) {
		if (n >= MAXRWSETS / 2) {
			diag_report(s->d, CK_RULESET, p, q,
			    "bad ruleset %ld (%d max)", n, MAXRWSETS / 2);
			return;
		}
		rs = (int)n;
	} else {
		struct sym *y;

		q = p;
		while (q < e && (isalnum((unsigned char)t[q]) || t[q] == '_'))
			q++;
		if (q == p || !isalpha((unsigned char)t[p])) {
			diag_report(s->d, CK_RULESET, p, e > p ? e : p + 1,
			    "invalid ruleset name '%.*s'", (int)(e - p), t + p);
			return;
		}
		y = sym_find(s, SY_RSNAME, t + p, q - p);
		if (q < e && t[q] == '=') {
			uint32_t ns = q + 1, ne;

			if (!ruleset_digits(t, ns, e, &n, &ne) ||
			    n >= MAXRWSETS / 2) {
				diag_report(s->d, CK_RULESET, ns, e > ns ? e : ns + 1,
				    "bad ruleset number '%.*s' for '%.*s' "
				    "(%d max)", (int)(e - ns), t + ns,
				    (int)(q - p), t + p, MAXRWSETS / 2);
				return;
			}
			rs = (int)n;
			if (y != NULL && y->num != rs) {
				diag_report(s->d, CK_RULESET, p, ne,
				    "ruleset '%s' renumbered from %d to %d",
				    y->name, y->num, rs);
				diag_note(s->d, y->loc.start, y->loc.end,
				    "first defined here");
			}
		} else if (y != NULL)
			rs = y->num;
		else {
			if (s->nextnamed < MAXRWSETS / 2) {
				diag_report(s->d, CK_RULESET, p, q,
				    "too many named rulesets (%d max)",
				    MAXRWSETS / 2);
				return;
			}
			rs = s->nextnamed--;
		}
		if (y == NULL)
			y = sym_add(s, SY_RSNAME, t + p, q - p, mkspan(p, q));
		y->num = rs;
	}
	if (s->rs[rs].defined && s->rs[rs].nrules > 0) {
		diag_report(s->d, CK_RULESET_REDEF, p, e,
		    "ruleset '%.*s' has multiple definitions", (int)(e - p),
		    t + p);
		diag_note(s->d, s->rs[rs].loc.start, s->rs[rs].loc.end,
		    "earlier rules of this ruleset start here");
	} else if (!s->rs[rs].defined) {
		s->rs[rs].defined = true;
		s->rs[rs].loc = mkspan(p, e);
	}
	s->cur = rs;
}

/* ------------------------------------------------------------------ */
/* Rules */

static bool
is_fuzzy(const struct rtok *k)
{
	return k->type == RT_META && strchr("*+-=~", k->meta) != NULL;
}

static void
rule_refs(struct sema *s, struct rtok *v, size_t n, size_t i)
{
	size_t j = i + 1;

	if (j >= n || v[j].type != RT_ATOM || v[j].s.start != v[i].s.end ||
	    v[j].s.end <= v[j].s.start)
		goto spaced;
	goto found;
spaced:
	/* "$# local" and "$> 3" are allowed too */
	if (j >= n || v[j].type != RT_ATOM)
		return;
found:
	switch (v[i].meta) {
	case '>':
		ref_add(s, RF_RULESET, v[j].s, "'$>'");
		break;
	case '#': {
		size_t k;

		/*
		 * Only a delivery triple ($#mailer ... $: user) names a
		 * mailer; policy rulesets return other values with $#.
		 */
		for (k = j + 1; k < n; k++)
			if (v[k].type == RT_META && v[k].meta == ':') {
				ref_add(s, RF_MAILER, v[j].s, "'$#'");
				break;
			}
		break;
	}
	case '(':
		ref_add(s, RF_MAP, v[j].s, "'$('");
		break;
	default:
		break;
	}
}

static void
check_angles(struct sema *s, struct rtok *v, size_t n, const char *side)
{
	size_t i;
	int depth = 0;

	for (i = 0; i < n; i++) {
		if (v[i].type != RT_OP)
			continue;
		if (s->t[v[i].s.start] == '<')
			depth++;
		else if (s->t[v[i].s.start] == '>' && --depth < 0) {
			diag_report(s->d, CK_UNBALANCED_ANGLE, v[i].s.start,
			    v[i].s.end, "unbalanced '>' on the %s", side);
			return;
		}
	}
	if (depth > 0)
		for (i = n; i-- > 0;)
			if (v[i].type == RT_OP && s->t[v[i].s.start] == '<') {
				diag_report(s->d, CK_UNBALANCED_ANGLE,
				    v[i].s.start, v[i].s.end,
				    "unbalanced '<' on the %s", side);
				return;
			}
}

static bool
side_is_blank(const char *t, struct span sp)
{
	return skipbl(t, sp.start, sp.end) >= sp.end;
}

static void
do_rule(struct sema *s, const struct ast_line *l)
{
	const char *t = s->t;
	struct rtok *lv, *rv;
	size_t ln, rn, i, nfuzzy = 0;
	uint32_t inmap = 0;
	char endtok = 0;
	struct rsinfo *rs;

	if (s->cur < 0) {
		diag_report(s->d, CK_RULE_SYNTAX, l->loc.start, l->loc.start + 1,
		    "rule outside of any ruleset (no valid 'S' line before it)");
		return;
	}
	rs = &s->rs[s->cur];
	rs->nrules++;
	if (l->notab || rtrim(t, l->rhs.start, l->rhs.end) == l->rhs.start) {
		uint32_t at = rtrim(t, l->body.start, l->body.end);

		diag_report(s->d, CK_RULE_SYNTAX, at, at + 1,
		    "invalid rewrite line: expected a tab between the "
		    "left-hand and right-hand side");
		return;
	}
	if (rs->has_catchall && !rs->reported) {
		rs->reported = true;
		diag_report(s->d, CK_UNREACHABLE, l->loc.start, l->body.end,
		    "rule can never be reached");
		diag_note(s->d, rs->catchall.start, rs->catchall.end,
		    "every address is returned by this earlier rule");
	}
	ln = rtok_split(s->a, t, l->body, s->opchars, &lv);
	rn = rtok_split(s->a, t, l->rhs, s->opchars, &rv);
	if (ln == 0 || side_is_blank(t, l->body))
		diag_report(s->d, CK_RULE_SYNTAX, l->loc.start, l->loc.start + 1,
		    "empty left-hand side");
	for (i = 0; i < ln; i++) {
		struct rtok *k = &lv[i];

		if (is_fuzzy(k)) {
			nfuzzy++;
			if (k->meta == '=' || k->meta == '~')
				ref_add(s, RF_CLASS, k->name, k->meta == '=' ?
				    "'$='" : "'$~'");
		} else if (k->type == RT_META &&
		    strchr("123456789:>?.[]()", k->meta) != NULL)
			diag_report(s->d, CK_RULE_SYNTAX, k->s.start, k->s.end,
			    "'%s' cannot be used on the left-hand side",
			    isdigit((unsigned char)k->meta) ? "$1-$9" :
			    arena_strndup(s->a, t + k->s.start, 2));
	}
	if (nfuzzy > MAXMATCH)
		diag_report(s->d, CK_RULE_SYNTAX, l->body.start, l->body.end,
		    "too many wildcards on the left-hand side (%zu, %d max)",
		    nfuzzy, MAXMATCH);
	if (rn == 0) {
		diag_report(s->d, CK_RULE_SYNTAX, l->rhs.start, l->rhs.end,
		    "empty right-hand side");
		return;
	}
	for (i = 0; i < rn; i++) {
		struct rtok *k = &rv[i];

		if (k->type != RT_META)
			continue;
		if (isdigit((unsigned char)k->meta)) {
			if (k->meta == '0' || (size_t)(k->meta - '0') > nfuzzy)
				diag_report(s->d, CK_REPL_BOUNDS, k->s.start,
				    k->s.end, "replacement '$%c' out of bounds: "
				    "the left-hand side has %zu wildcard%s",
				    k->meta, nfuzzy, nfuzzy == 1 ? "" : "s");
		} else if (strchr("*+-=~", k->meta) != NULL) {
			diag_report(s->d, CK_RULE_SYNTAX, k->s.start, k->s.end,
			    "'$%c' cannot be used on the right-hand side",
			    k->meta);
		} else if (k->meta == '(' || k->meta == '[') {
			if (endtok != 0) {
				diag_report(s->d, CK_MAP_SYNTAX, k->s.start,
				    k->s.end, "cannot nest map lookups");
				diag_note(s->d, inmap, inmap + 2,
				    "inside this lookup");
			}
			endtok = k->meta == '(' ? ')' : ']';
			inmap = k->s.start;
			if (i + 1 >= rn || (rv[i + 1].type == RT_META &&
			    strchr("@:)]", rv[i + 1].meta) != NULL))
				diag_report(s->d, CK_MAP_SYNTAX, k->s.start,
				    k->s.end, "missing %s after '$%c'",
				    k->meta == '(' ? "map name" : "host name",
				    k->meta);
		} else if (k->meta == ')' || k->meta == ']') {
			if (endtok == k->meta)
				endtok = 0;
			else
				diag_report(s->d, CK_UNBALANCED_MAP, k->s.start,
				    k->s.end, "'$%c' without a matching '$%c'",
				    k->meta, k->meta == ')' ? '(' : '[');
		}
		if (strchr(">#(", k->meta) != NULL)
			rule_refs(s, rv, rn, i);
	}
	if (endtok != 0) {
		diag_report(s->d, CK_MAP_SYNTAX, inmap, inmap + 2,
		    "missing map closing token '$%c'", endtok);
	}
	check_angles(s, lv, ln, "left-hand side");
	check_angles(s, rv, rn, "right-hand side");

	/* catch-all: R$* <tab> $@ ... or $# ... */
	if (ln == 1 && lv[0].type == RT_META && lv[0].meta == '*' &&
	    rv[0].type == RT_META && (rv[0].meta == '@' || rv[0].meta == '#') &&
	    !rs->has_catchall) {
		rs->has_catchall = true;
		rs->catchall = mkspan(l->loc.start, l->body.end);
	}
	/* rewrites into itself: RHS is the LHS with $n for each wildcard */
	if (rv[0].type != RT_META || strchr("@:#", rv[0].meta) == NULL) {
		size_t nf = 0;
		bool same = ln == rn && ln > 0;

		for (i = 0; same && i < rn; i++) {
			if (rv[i].type == RT_META &&
			    strchr(">#([", rv[i].meta) != NULL)
				same = false;
			else if (is_fuzzy(&lv[i]))
				same = rv[i].type == RT_META &&
				    rv[i].meta == (char)('1' + nf++);
			else
				same = rtok_equal(t, &lv[i], &rv[i]) &&
				    lv[i].type != RT_MACRO;
		}
		if (same)
			diag_report(s->d, CK_REWRITE_LOOP, l->rhs.start,
			    rtrim(t, l->rhs.start, l->rhs.end),
			    "rule rewrites its input into itself and loops "
			    "forever (prefix the right-hand side with '$@' or "
			    "'$:')");
	}
}

/* ------------------------------------------------------------------ */
/* Mailers */

static void
ruleset_ref_list(struct sema *s, uint32_t vs, uint32_t ve, const char *what)
{
	const char *t = s->t;
	uint32_t p = vs;

	while (p < ve) {
		uint32_t q = p;

		while (q < ve && t[q] != '/')
			q++;
		{
			uint32_t a = skipbl(t, p, q), b = rtrim(t, a, q);

			if (b > a && !(t[a] == '$'))
				ref_add(s, RF_RULESET, mkspan(a, b), what);
		}
		p = q + 1;
	}
}

static void
do_mailer(struct sema *s, const struct ast_line *l)
{
	const char *t = s->t;
	uint32_t p = l->body.start, e = rtrim(t, l->body.start, l->body.end);
	uint32_t ns;
	bool haveP = false, haveA = false;
	struct span name;
	const char *nm;

	ns = p;
	while (p < e && t[p] != ',' && !isspace((unsigned char)t[p]))
		p++;
	if (p == ns) {
		diag_report(s->d, CK_MAILER_EQUATE, l->loc.start, l->loc.start + 1,
		    "mailer definition without a name");
		return;
	}
	name = mkspan(ns, p);
	nm = sdup(s, name);
	sym_add(s, SY_MAILER, t + ns, p - ns, name);
	while (p < e) {
		uint32_t ks, vs, ve;
		bool inq = false;
		char key;

		while (p < e && (t[p] == ',' || isspace((unsigned char)t[p])))
			p++;
		if (p >= e)
			break;
		ks = p;
		key = t[p];
		while (p < e && t[p] != '=' && t[p] != ',')
			p++;
		if (p >= e || t[p] != '=') {
			diag_report(s->d, CK_MAILER_EQUATE, ks, p,
			    "mailer '%s': expected '=' after '%.*s'", nm,
			    (int)(p - ks), t + ks);
			continue;
		}
		p = skipbl(t, p + 1, e);
		vs = p;
		while (p < e && (inq || t[p] != ',')) {
			if (t[p] == '"')
				inq = !inq;
			else if (t[p] == '\\' && p + 1 < e)
				p++;
			p++;
		}
		ve = rtrim(t, vs, p);
		switch (key) {
		case 'P':
			haveP = true;
			break;
		case 'A':
			haveA = true;
			break;
		case 'F': {
			uint32_t i;

			for (i = vs; i < ve; i++)
				if (strchr("0123456789:|/@%!aAbcCdDeEfFghiIjklLmMnNopPqrRsSuUwWxXzZ",
				    t[i]) == NULL || t[i] == '4')
					diag_report(s->d, CK_MAILER_FLAG, i, i + 1,
					    "unknown flag '%c' for mailer '%s'",
					    t[i], nm);
			break;
		}
		case 'S': case 'R':
			ruleset_ref_list(s, vs, ve, key == 'S' ?
			    "mailer S=" : "mailer R=");
			break;
		case 'L': case 'N': case 'M': case 'm': case 'r':
			if (!is_int(t + vs, ve - vs, false))
				diag_report(s->d, CK_MAILER_EQUATE, vs,
				    ve > vs ? ve : vs + 1, "mailer '%s': %c= "
				    "expects a number, not '%.*s'", nm, key,
				    (int)(ve - vs), t + vs);
			break;
		case 'W': {
			size_t bad = 0;

			if (!is_time(t + vs, ve - vs, &bad))
				diag_report(s->d, CK_MAILER_EQUATE, vs, ve,
				    "mailer '%s': invalid time '%.*s' in W=",
				    nm, (int)(ve - vs), t + vs);
			break;
		}
		case 'U':
			check_user(s, vs, ve, "mailer U=");
			break;
		case 'Q':
			ref_add(s, RF_QUEUE, mkspan(vs, ve), "mailer Q=");
			break;
		case 'E': case 'T': case 'C': case 'D':
			break;
		default:
			diag_report(s->d, CK_MAILER_EQUATE, ks, ks + 1,
			    "mailer '%s': unknown equate '%c='", nm, key);
			break;
		}
	}
	if (!haveP)
		diag_report(s->d, CK_MAILER_EQUATE, name.start, name.end,
		    "mailer '%s' has no P= (path)", nm);
	else if (!haveA)
		diag_report(s->d, CK_MAILER_EQUATE, name.start, name.end,
		    "mailer '%s' has no A= (argument vector)", nm);
}

/* ------------------------------------------------------------------ */
/* Maps */

static const char *const map_classes[] = {
	"arith", "arpa", "bestmx", "btree", "dequote", "dns", "hash", "host",
	"implicit", "ldap", "macro", "nis", "nisplus", "null", "program",
	"regex", "sequence", "socket", "stab", "switch", "syslog", "text",
	"user", "userdb"
};
static const char *const map_classes_absent[] = {
	"cdb", "dbm", "hesiod", "ldapx", "netinfo", "nsd", "ph"
};

static bool
in_list(const char *const *v, size_t n, const char *s, size_t len)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (strlen(v[i]) == len && strncmp(v[i], s, len) == 0)
			return true;
	return false;
}

struct keystats {
	size_t	 n, nul, upper;
};

static void
count_key(void *arg, const void *key, size_t klen, const void *val, size_t vlen)
{
	struct keystats *ks = arg;
	const unsigned char *k = key;

	(void)val; (void)vlen;
	ks->n++;
	if (klen > 0 && k[klen - 1] == '\0')
		ks->nul++;
	for (size_t i = 0; i < klen; i++)
		if (k[i] >= 'A' && k[i] <= 'Z') {
			ks->upper++;
			break;
		}
}

/* --env: do the K flags fit the keys actually stored in the .db? */
static void
check_map_keys(struct sema *s, uint32_t ws, uint32_t we, const char *nm,
    const char *dbfile, const char *type, bool flag_n, bool flag_o, bool flag_f)
{
	struct keystats ks = { 0, 0, 0 };
	char err[256];
	char *file = arena_strndup(s->a, dbfile, strlen(dbfile) - 3);

	if (mapdb_dump(type, file, count_key, &ks, err, sizeof(err)) != 0 || ks.n == 0)
		return;
	if (flag_n && ks.nul == 0)
		diag_report(s->d, CK_ENV_MAP, ws, we, "map '%s' looks keys up with a "
		    "trailing NUL (-N) but no key in '%s' has one", nm, dbfile);
	else if (flag_o && ks.nul == ks.n)
		diag_report(s->d, CK_ENV_MAP, ws, we, "map '%s' looks keys up without "
		    "a trailing NUL (-O) but every key in '%s' has one", nm, dbfile);
	if (!flag_f && ks.upper > 0)
		diag_report(s->d, CK_ENV_MAP, ws, we, "map '%s' folds keys to lower "
		    "case (no -f) but %zu key(s) in '%s' contain upper case and can "
		    "never match", nm, ks.upper, dbfile);
}

static void
do_map(struct sema *s, const struct ast_line *l)
{
	const char *t = s->t;
	uint32_t p = l->body.start, e = rtrim(t, l->body.start, l->body.end);
	uint32_t ns, cs, ce;
	const char *nm;
	bool generic, seq, dns, have_r = false, optional = false;
	bool flag_n = false, flag_o = false, flag_f = false;

	ns = p;
	while (p < e && !isspace((unsigned char)t[p]))
		p++;
	if (p == ns) {
		diag_report(s->d, CK_MAP_CLASS, l->loc.start, l->loc.start + 1,
		    "map declaration without a name");
		return;
	}
	nm = arena_strndup(s->a, t + ns, p - ns);
	sym_add(s, SY_MAP, t + ns, p - ns, mkspan(ns, p));
	cs = p = skipbl(t, p, e);
	while (p < e && !isspace((unsigned char)t[p]))
		p++;
	ce = p;
	if (cs == ce) {
		diag_report(s->d, CK_MAP_CLASS, ns, ns + (uint32_t)strlen(nm),
		    "map '%s' has no map class", nm);
		return;
	}
	if (in_list(map_classes_absent, sizeof(map_classes_absent) /
	    sizeof(map_classes_absent[0]), t + cs, ce - cs)) {
		diag_report(s->d, CK_MAP_CLASS, cs, ce, "map class '%.*s' of map "
		    "'%s' is not available in the reference sendmail",
		    (int)(ce - cs), t + cs, nm);
		return;
	}
	if (!in_list(map_classes, sizeof(map_classes) / sizeof(map_classes[0]),
	    t + cs, ce - cs)) {
		diag_report(s->d, CK_MAP_CLASS, cs, ce,
		    "unknown map class '%.*s' for map '%s'", (int)(ce - cs),
		    t + cs, nm);
		return;
	}
	generic = in_list((const char *const[]){ "hash", "btree", "implicit" },
	    3, t + cs, ce - cs);
	seq = in_list((const char *const[]){ "sequence", "switch" }, 1,
	    t + cs, ce - cs);
	dns = ce - cs == 3 && strncmp(t + cs, "dns", 3) == 0;
	while ((p = skipbl(t, p, e)) < e) {
		uint32_t ws = p;

		while (p < e && !isspace((unsigned char)t[p]))
			p++;
		if (t[ws] == '-' && ws + 1 < p) {
			if (generic && strchr("adfkmoqtvzADNOST", t[ws + 1]) == NULL)
				diag_report(s->d, CK_MAP_FLAG, ws, ws + 2,
				    "illegal option '-%c' for map '%s'",
				    t[ws + 1], nm);
			if (dns && t[ws + 1] == 'R')
				have_r = true;
			if (t[ws + 1] == 'o')
				optional = true;
			if (t[ws + 1] == 'N')
				flag_n = true;
			if (t[ws + 1] == 'O')
				flag_o = true;
			if (t[ws + 1] == 'f')
				flag_f = true;
			continue;
		}
		if (seq)
			ref_add(s, RF_MAP, mkspan(ws, p), "sequence map member");
		else if (generic && s->ctx->env && !optional) {
			char *f = arena_alloc(s->a, p - ws + 4);

			memcpy(f, t + ws, p - ws);
			memcpy(f + (p - ws), ".db", 4);
			if (access(f, R_OK) != 0)
				diag_report(s->d, CK_ENV_FILE, ws, p,
				    "map file '%s' of map '%s' is missing or "
				    "unreadable", f, nm);
			else
				check_map_keys(s, ws, p, nm, f, strncmp(t + cs,
				    "btree", 5) == 0 ? "btree" : "hash",
				    flag_n, flag_o, flag_f);
		}
		if (generic)
			break;	/* the rest is the file name */
	}
	if (dns && !have_r)
		diag_report(s->d, CK_MAP_FLAG, ns, ns + (uint32_t)strlen(nm),
		    "dns map '%s' needs a '-R' record type", nm);
}

/* ------------------------------------------------------------------ */
/* Other line kinds */

static void
class_words(struct sema *s, struct span name)
{
	sym_add(s, SY_CLASS, s->t + name.start, name.end - name.start, name);
}

static void
do_class(struct sema *s, const struct ast_line *l, bool file)
{
	const char *t = s->t;
	uint32_t p = l->body.start, e = rtrim(t, l->body.start, l->body.end);
	struct span name;

	if (!file && p < e && t[p] == '-')
		p++;
	if (!macro_name(s, p, e, &name, &p))
		return;
	class_words(s, name);
	if (!file)
		return;
	p = skipbl(t, p, e);
	if (p + 1 < e && t[p] == '-' && t[p + 1] == 'o') {
		while (p < e && !isspace((unsigned char)t[p]))
			p++;
		p = skipbl(t, p, e);
		return;	/* optional file */
	}
	if (p >= e) {
		diag_report(s->d, CK_SYNTAX, l->loc.start, l->loc.end,
		    "class file line without a file name");
		return;
	}
	if (s->ctx->env && t[p] == '/') {
		uint32_t q = p;
		char *f;

		while (q < e && !isspace((unsigned char)t[q]))
			q++;
		f = arena_strndup(s->a, t + p, q - p);
		if (strchr(f, '@') == NULL && access(f, R_OK) != 0)
			diag_report(s->d, CK_ENV_FILE, p, q,
			    "class file '%s' is missing or unreadable", f);
	}
}

static void
do_header(struct sema *s, const struct ast_line *l)
{
	const char *t = s->t;
	uint32_t p = l->body.start, e = rtrim(t, l->body.start, l->body.end);
	uint32_t ns;

	if (p < e && t[p] == '?') {
		uint32_t q = p + 1;

		while (q < e && t[q] != '?')
			q++;
		if (q >= e) {
			diag_report(s->d, CK_SYNTAX, p, e,
			    "header flags '?...' are not closed by '?'");
			return;
		}
		p = q + 1;
	}
	ns = p;
	while (p < e && t[p] != ':' && !isspace((unsigned char)t[p]))
		p++;
	{
		uint32_t c = skipbl(t, p, e);

		if (p == ns || c >= e || t[c] != ':') {
			diag_report(s->d, CK_SYNTAX, l->body.start,
			    e > l->body.start ? e : l->body.start + 1,
			    "header syntax error: expected 'name: value' in "
			    "'%.*s'", (int)(e - l->body.start), t + l->body.start);
			return;
		}
		check_conditionals(s, mkspan(c + 1, e));
		/* header check: "HName: $>ruleset" or "$>+ruleset" */
		c = skipbl(t, c + 1, e);
		if (c + 2 < e && t[c] == '$' && t[c + 1] == '>') {
			uint32_t a = c + 2 + (t[c + 2] == '+'), b = a;

			while (b < e && (isalnum((unsigned char)t[b]) ||
			    t[b] == '_'))
				b++;
			if (b > a)
				ref_add(s, RF_RULESET, mkspan(a, b),
				    "a header check");
		}
	}
}

static void
do_line(struct sema *s, const struct ast_line *l)
{
	const char *t = s->t;
	uint32_t b = l->body.start, e = rtrim(t, l->body.start, l->body.end);
	struct span name;
	uint32_t p;

	switch (l->kind) {
	case AST_R:
		do_rule(s, l);
		break;
	case AST_S:
		do_ruleset(s, l);
		break;
	case AST_O:
		do_option(s, l);
		break;
	case AST_M:
		do_mailer(s, l);
		break;
	case AST_K:
		do_map(s, l);
		break;
	case AST_C:
		do_class(s, l, false);
		break;
	case AST_F:
		do_class(s, l, true);
		break;
	case AST_T:
		sym_add(s, SY_CLASS, "t", 1, l->loc);
		break;
	case AST_D:
		if (macro_name(s, b, e, &name, &p))
			check_conditionals(s, mkspan(p, e));
		break;
	case AST_H:
		do_header(s, l);
		break;
	case AST_V:
		p = skipbl(t, b, e);
		if (p >= e || !isdigit((unsigned char)t[p]))
			diag_report(s->d, CK_SYNTAX, b, e > b ? e : b + 1,
			    "invalid argument to V line: '%.*s' (expected a "
			    "version number)", quotelen(mkspan(b, e)), t + b);
		break;
	case AST_P:
		p = b;
		while (p < e && t[p] != '=')
			p++;
		if (p >= e)
			diag_report(s->d, CK_SYNTAX, l->loc.start, e > b ? e : b,
			    "precedence line without '=': expected "
			    "'Pname=number'");
		else if (!is_int(t + p + 1, e - p - 1, false))
			diag_report(s->d, CK_SYNTAX, p + 1, e > p + 1 ? e : p + 2,
			    "precedence value '%.*s' is not a number",
			    (int)(e - p - 1), t + p + 1);
		break;
	case AST_Q:
		p = skipbl(t, b, e);
		if (p >= e || t[p] == ',')
			diag_report(s->d, CK_SYNTAX, l->loc.start,
			    l->loc.start + 1, "queue group without a name");
		else {
			uint32_t q = p;

			while (q < e && t[q] != ',' && !isspace((unsigned char)t[q]))
				q++;
			sym_add(s, SY_QUEUE, t + p, q - p, mkspan(p, q));
		}
		break;
	case AST_X:
		p = skipbl(t, b, e);
		if (p >= e || t[p] == ',')
			diag_report(s->d, CK_SYNTAX, l->loc.start,
			    l->loc.start + 1, "mail filter without a name");
		break;
	case AST_E:
		break;
	case AST_L:
		diag_report(s->d, CK_SYNTAX, l->loc.start, l->loc.start + 1,
		    "'L' lines (extended load average) are not supported by "
		    "the reference sendmail");
		break;
	case AST_UNKNOWN:
		if (side_is_blank(t, mkspan(l->loc.start, l->loc.end)))
			break;
		if (t[l->loc.start] == '\n') {
			p = skipbl(t, l->loc.start, l->loc.end);
			diag_report(s->d, CK_SYNTAX, p, rtrim(t, p, l->loc.end),
			    "continuation line after an empty line: "
			    "nothing to continue");
			break;
		}
		diag_report(s->d, CK_SYNTAX, l->loc.start, l->loc.start + 1,
		    "unknown configuration line '%.*s'",
		    (int)(rtrim(t, l->loc.start, l->loc.end) - l->loc.start),
		    t + l->loc.start);
		break;
	}
}

/* ------------------------------------------------------------------ */
/* Pass 2: references */

static bool
builtin(enum refkind k, const char *name)
{
	/* built-in mailers, and the check_* ruleset verdicts */
	static const char *const mailers[] = { "prog", "*file*",
	    "*include*", "local" };
	static const char *const verdicts[] = { "error", "discard", "ok",
	    "relay", "temp" };
	static const char *const maps[] = { "host" };
	/*
	 * Classes sendmail fills itself (w, k, m, t) and the classes the
	 * cf.m4 templates test but only fill on demand, so that an empty
	 * one is normal there (from the upstream m4 tree).
	 */
	static const char *const classes[] = { "w", "k", "m", "t", "e",
	    "A", "Accept", "B", "Canonify", "E", "G", "L", "LDAPRoute",
	    "LDAPRouteEquiv", "M", "MappedDomain", "N", "O", "P", "R",
	    "ResOk", "SMTPOpModes", "SpamTag", "Src", "Tls", "TlsVerified",
	    "TrustAuthMech", "U", "V", "VirtHost", "W", "X", "Y", "Z",
	    "cert_altnames" };
	size_t i;

	switch (k) {
	case RF_MAILER:
		for (i = 0; i < sizeof(verdicts) / sizeof(verdicts[0]); i++)
			if (strcasecmp(verdicts[i], name) == 0)
				return true;
		return in_list(mailers, 4, name, strlen(name));
	case RF_MAP:
		return in_list(maps, 1, name, strlen(name));
	case RF_CLASS:
		return in_list(classes, sizeof(classes) / sizeof(classes[0]),
		    name, strlen(name));
	case RF_QUEUE:
		return strcmp(name, "mqueue") == 0;
	case RF_RULESET:
		return false;
	}
	return false;
}

static void
resolve(struct sema *s)
{
	struct ref *r, *rev = NULL, *nx;

	for (r = s->refs; r != NULL; r = nx) {	/* back to file order */
		nx = r->next;
		r->next = rev;
		rev = r;
	}
	for (r = rev; r != NULL; r = r->next) {
		size_t n = strlen(r->name);

		if (builtin(r->kind, r->name))
			continue;
		switch (r->kind) {
		case RF_RULESET:
			if (isdigit((unsigned char)r->name[0])) {
				long v = strtol(r->name, NULL, 10);

				if (v < 0 || v >= MAXRWSETS / 2)
					diag_report(s->d, CK_RULESET, r->loc.start,
					    r->loc.end, "bad ruleset %ld (%d max) "
					    "in %s", v, MAXRWSETS / 2, r->what);
				else if (!s->rs[v].defined)
					diag_report(s->d, CK_UNDEF_RULESET,
					    r->loc.start, r->loc.end, "ruleset %ld "
					    "used in %s is never defined", v,
					    r->what);
			} else if (sym_find(s, SY_RSNAME, r->name, n) == NULL)
				diag_report(s->d, CK_UNDEF_RULESET, r->loc.start,
				    r->loc.end, "ruleset '%s' used in %s is "
				    "never defined", r->name, r->what);
			break;
		case RF_MAILER:
			if (sym_find(s, SY_MAILER, r->name, n) == NULL)
				diag_report(s->d, CK_UNDEF_MAILER, r->loc.start,
				    r->loc.end, "unknown mailer '%s' in $# "
				    "resolution", r->name);
			break;
		case RF_MAP:
			if (sym_find(s, SY_MAP, r->name, n) == NULL)
				diag_report(s->d, CK_UNDEF_MAP, r->loc.start,
				    r->loc.end, "map '%s' used in %s is never "
				    "declared with K", r->name, r->what);
			break;
		case RF_CLASS:
			if (sym_find(s, SY_CLASS, r->name, n) == NULL)
				diag_report(s->d, CK_UNDEF_CLASS, r->loc.start,
				    r->loc.end, "class '%s' tested with %s is "
				    "never defined", r->name, r->what);
			break;
		case RF_QUEUE:
			if (sym_find(s, SY_QUEUE, r->name, n) == NULL)
				diag_report(s->d, CK_MAILER_EQUATE, r->loc.start,
				    r->loc.end, "unknown queue group '%s' in %s",
				    r->name, r->what);
			break;
		}
	}
}

void
sema_check(struct cfc_ctx *ctx)
{
	struct sema *s = arena_alloc(ctx->arena, sizeof(*s));
	const struct ast_line *l;

	s->ctx = ctx;
	s->t = ctx->text;
	s->d = ctx->diag;
	s->a = ctx->arena;
	s->opchars = arena_strndup(s->a, ".:@[]", 5);
	s->cur = -1;
	s->nextnamed = MAXRWSETS - 1;
	for (l = ctx->head; l != NULL; l = l->next)
		do_line(s, l);
	resolve(s);
}
