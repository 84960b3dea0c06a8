/*
 * cf_option.c -- O lines and -O/-o options: name matching, stickiness
 * of command-line settings, and the few options that change how the
 * configuration itself is read (OperatorChars, ColonOkInAddr).
 */
#include <ctype.h>
#include <grp.h>
#include <pwd.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "cf.h"
#include "xmem.h"

#define ISSPACE(c)	(isascii((unsigned char)(c)) && isspace((unsigned char)(c)))

static bool
atobool(const char *s)
{
	return s == NULL || *s == '\0' || strchr("tTyY", *s) != NULL;
}

/* sendmail's convtime: "1h30m", "90" (in the default unit) */
long
cf_convtime(const char *p, int units)
{
	long t = 0;

	while (*p != '\0') {
		char *e;
		long r = strtol(p, &e, 10);
		int c;

		if (e == p)
			break;
		p = e;
		c = *p != '\0' ? *p++ : units;
		switch (c) {
		case 'w': r *= 7; FALLTHROUGH;
		case 'd': r *= 24; FALLTHROUGH;
		case 'h': r *= 60; FALLTHROUGH;
		case 'm': r *= 60; break;
		default: break;		/* 's' and anything else: seconds */
		}
		t += r;
	}
	return t;
}

/* each Timeout.NAME is sticky on its own (a -O setting), as in sendmail */
static void
store_timeout(struct cf *cf, const char *name, long secs, bool sticky)
{
	for (int i = 0; i < cf->ntimeouts; i++)
		if (strcasecmp(cf->timeouts[i].name, name) == 0) {
			cf->timeouts[i].secs = secs;
			cf->timeouts[i].sticky |= sticky;
			return;
		}
	cf->timeouts = xreallocarray(cf->timeouts, (size_t)cf->ntimeouts + 1,
	    sizeof(*cf->timeouts));
	cf->timeouts[cf->ntimeouts].name = xstrdup(name);
	cf->timeouts[cf->ntimeouts].sticky = sticky;
	cf->timeouts[cf->ntimeouts++].secs = secs;
}

static bool
timeout_sticky(const struct cf *cf, const char *name)
{
	for (int i = 0; i < cf->ntimeouts; i++)
		if (strcasecmp(cf->timeouts[i].name, name) == 0)
			return cf->timeouts[i].sticky;
	return false;
}

long
cf_timeout(const struct cf *cf, const char *name, long dflt)
{
	for (int i = 0; i < cf->ntimeouts; i++)
		if (strcasecmp(cf->timeouts[i].name, name) == 0)
			return cf->timeouts[i].secs;
	return dflt;
}

static void
settimeout(struct cf *cf, const char *name, const char *val, bool sticky)
{
	static const char *const names[] = {
		"initial", "mail", "rcpt", "datainit", "datablock",
		"datafinal", "command", "rset", "helo", "quit", "misc",
		"ident", "fileopen", "connect", "iconnect", "aconnect",
		"queuewarn", "queuereturn", "hoststatus", "resolver",
		"control", "lhlo", "auth", "starttls", "ctx", NULL
	};
	char base[64];
	const char *dot = strchr(name, '.');

	snprintf(base, sizeof(base), "%.*s", dot != NULL ? (int)(dot - name) :
	    (int)strlen(name), name);
	bool queue = strcasecmp(base, "queuereturn") == 0 ||
	    strcasecmp(base, "queuewarn") == 0;
	/* queuewarn/queuereturn take a precedence class; others no suffix */
	if (dot != NULL && strncasecmp(name, "resolver.", 9) != 0 && (!queue ||
	    (strcasecmp(dot, ".normal") != 0 && strcasecmp(dot, ".urgent") != 0 &&
	    strcasecmp(dot, ".non-urgent") != 0 && strcasecmp(dot, ".dsn") != 0))) {
		cf_syserr(cf, 0, "settimeout: invalid timeout %s", name);
		return;
	}
	if (!sticky && timeout_sticky(cf, name))
		return;
	/*
	 * The plain name sets every class, as sendmail does (even one set
	 * on the command line); set on the command line, it makes them all
	 * sticky.  A class not set falls back to the plain value.
	 */
	if (queue && dot == NULL && val != NULL) {
		static const char *const cls[] = { "normal", "urgent",
		    "non-urgent", "dsn" };
		long secs = cf_convtime(val, base[5] == 'r' ? 'd' : 'h');
		for (size_t k = 0; k < sizeof(cls) / sizeof(cls[0]); k++) {
			char full[96];
			snprintf(full, sizeof(full), "%s.%s", base, cls[k]);
			for (int i = 0; i < cf->ntimeouts; i++)
				if (strcasecmp(cf->timeouts[i].name, full) == 0)
					cf->timeouts[i].secs = secs;
			if (sticky)
				store_timeout(cf, full, secs, true);
		}
	}
	for (int i = 0; names[i] != NULL; i++)
		if (strcasecmp(names[i], base) == 0) {
			if (val != NULL) {
				int unit = strcasecmp(base, "queuereturn") == 0 ? 'd' :
				    strcasecmp(base, "queuewarn") == 0 ? 'h' :
				    strcasecmp(base, "connect") == 0 ? 's' : 'm';
				store_timeout(cf, name, cf_convtime(val, unit), sticky);
			}
			return;
		}
	if (strncasecmp(name, "resolver.", 9) == 0)
		return;
	cf_syserr(cf, 0, "settimeout: invalid timeout %s", name);
}

static void
timeouts(struct cf *cf, const char *val, const char *subopt, bool sticky)
{
	if (subopt != NULL) {
		settimeout(cf, subopt, val, sticky);
		return;
	}
	char *copy = xstrdup(val), *v = copy, *p;
	for (;; v = p) {
		while (ISSPACE(*v))
			v++;
		if (*v == '\0')
			break;
		for (p = v; *p != '\0' && *p != ','; p++)
			continue;
		if (*p != '\0')
			*p++ = '\0';
		if (isdigit((unsigned char)*v)) {
			/* old form: one value for the SMTP read timeouts */
			static const char *const all[] = { "mail", "rcpt",
			    "datainit", "datablock", "datafinal", "command" };
			long t = cf_convtime(v, 'm');
			for (size_t k = 0; k < sizeof(all) / sizeof(all[0]); k++)
				if (sticky || !timeout_sticky(cf, all[k]))
					store_timeout(cf, all[k], t, sticky);
			continue;
		}
		char *q = strchr(v, ':');
		if (q == NULL && (q = strchr(v, '=')) == NULL)
			continue;
		*q++ = '\0';
		char *dot = strchr(v, '.');
		if (dot != NULL && strncasecmp(v, "queue", 5) == 0)
			*dot = '\0';
		settimeout(cf, v, q, sticky);
	}
	free(copy);
}

static void
checkuser(struct cf *cf, const char *optname, const char *val, bool group)
{
	char *u, *g = NULL;

	if (cf->compile_only)
		return;
	u = xstrdup(val);

	if (group && (g = strpbrk(u, ":./")) != NULL)
		*g++ = '\0';
	if (*u != '\0' && !isdigit((unsigned char)*u) && getpwnam(u) == NULL) {
		cf_syserr(cf, 0, "readcf: option %s: unknown user %s", optname, u);
		free(u);
		return;
	}
	if (g != NULL && *g != '\0' && !isdigit((unsigned char)*g) &&
	    getgrnam(g) == NULL)
		cf_syserr(cf, 0, "readcf: option %s: unknown group %s", optname, g);
	free(u);
}

void
cf_setoption(struct cf *cf, int letter, const char *val, bool sticky)
{
	const struct cf_optinfo *o;
	char *subopt = NULL;
	char *vcopy = NULL;
	struct buf msg = BUF_INIT;

	if (letter == ' ') {
		struct cf_optsplit sp;
		struct cf_optlookup res;
		size_t len = strlen(val);

		cf_opt_split(val, len, &sp);
		if (sp.name_len == 0) {
			cf_syserr(cf, 0, "readcf: null option name");
			return;
		}
		enum cf_optmatch mt = cf_opt_byname(val + sp.name_off, sp.name_len,
		    false, &res);
		if (mt != CF_OPT_EXACT && mt != CF_OPT_ABBREV) {
			cf_opt_message(&res, val + sp.name_off, sp.name_len, &msg);
			cf_syserr(cf, 0, "%s", buf_cstr(&msg));
			buf_fini(&msg);
			return;
		}
		o = res.opt;
		if (mt == CF_OPT_ABBREV) {
			char *nm = xstrndup(val + sp.name_off, sp.name_len);
			cf_printf(cf, "Option %s used as abbreviation for %s\n",
			    nm, o->name);
			free(nm);
		}
		if (sp.has_sub)
			subopt = xstrndup(val + sp.sub_off, sp.sub_len);
		vcopy = xstrndup(val + sp.val_off, sp.val_len);
	} else {
		o = cf_opt_byletter(letter, false);
		if (o == NULL) {
			cf_opt_letter_message(letter, &msg);
			cf_syserr(cf, 0, "%s", buf_cstr(&msg));
			buf_fini(&msg);
			return;
		}
		vcopy = xstrdup(val);
	}
	if (subopt != NULL && !(o->flags & OPTF_SUBOPT)) {
		free(subopt);
		subopt = NULL;
	}
	int id = (int)o->id;
	/* Timeout.* and T: each timeout is sticky on its own (settimeout) */
	bool pertimeout = o->id == OPT_TIMEOUT || o->id == OPT_QUEUETIMEOUT;
	if (!sticky && !pertimeout &&
	    (cf->sticky[id >> 3] & (1 << (id & 7)))) {
		free(vcopy);
		free(subopt);
		return;
	}
	if (sticky)
		cf->sticky[id >> 3] |= (unsigned char)(1 << (id & 7));

	switch (o->id) {
	case OPT_DEFAULTUSER:
	case OPT_RUNASUSER:
		checkuser(cf, o->id == OPT_DEFAULTUSER ? "u" : "RunAsUser", vcopy, true);
		break;
	case OPT_TRUSTEDUSER:
		checkuser(cf, "TrustedUser", vcopy, false);
		break;
	case OPT_TIMEOUT:
		timeouts(cf, vcopy, subopt, sticky);
		break;
	case OPT_QUEUETIMEOUT: {
		/* T: "5d" or "5d/4h" = Timeout.queuereturn[/queuewarn] */
		char *slash = strchr(vcopy, '/');
		if (slash != NULL) {
			*slash = '\0';
			settimeout(cf, "queuewarn", slash + 1, sticky);
		}
		settimeout(cf, "queuereturn", vcopy, sticky);
		if (slash != NULL)
			*slash = '/';
		break;
	}
	case OPT_COLONOKINADDR:
		cf->colonok = atobool(vcopy);
		break;
	case OPT_OPERATORCHARS: {
		struct buf mb = BUF_INIT;
		cf_munchstring(vcopy, NULL, '\0', &mb);
		free(vcopy);
		vcopy = buf_steal(&mb);
		break;
	}
	default:
		break;
	}
	if (subopt == NULL) {
		free(cf->optv[id]);
		cf->optv[id] = vcopy;
		vcopy = NULL;
	}
	/* keep every setting in order for the runtime */
	if (cf->nopts == cf->capopts) {
		cf->capopts = cf->capopts ? cf->capopts * 2 : 32;
		cf->opts = xreallocarray(cf->opts, (size_t)cf->capopts,
		    sizeof(*cf->opts));
	}
	cf->opts[cf->nopts].name = xstrdup(o->name[0] ? o->name : "?");
	cf->opts[cf->nopts].value = xstrdup(cf->optv[id] ? cf->optv[id] : "");
	cf->nopts++;
	free(vcopy);
	free(subopt);
}
