/*
 * cf_mailer.c -- M lines: mailer definitions, sendmail's built-in
 * mailers, and the =M listing of address test mode.
 */
#include <ctype.h>
#include <errno.h>
#include <grp.h>
#include <pwd.h>
#include <stdlib.h>
#include <string.h>

#include "cf.h"
#include "rw_print.h"
#include "xmem.h"

#define ISSPACE(c)	(isascii((unsigned char)(c)) && isspace((unsigned char)(c)))

static void
setflag(struct cf_mailer *m, int c)
{
	c &= 0x7f;
	m->flags[c >> 3] |= (unsigned char)(1 << (c & 7));
}

static char **
makeargv(const char *s)
{
	char *copy = xstrdup(s), *p = copy;
	char *argv[MAXLINE / 2];
	int i = 0;

	while (*p != '\0' && i < 126) {
		char *q = p;
		while (*p != '\0' && !ISSPACE(*p))
			p++;
		while (ISSPACE(*p))
			*p++ = '\0';
		argv[i++] = xstrdup(q);
	}
	char **av = xcalloc((size_t)i + 1, sizeof(char *));
	memcpy(av, argv, (size_t)i * sizeof(char *));
	free(copy);
	return av;
}

struct cf_mailer *
cf_mailer_free(struct cf_mailer *m)
{
	if (m == NULL)
		return NULL;
	free(m->name); free(m->path); free(m->eol); free(m->mtatype);
	free(m->addrtype); free(m->diagtype); free(m->execdir);
	free(m->defcharset); free(m->rootdir); free(m->qgrp);
	if (m->argv != NULL)
		for (char **a = m->argv; *a; a++)
			free(*a);
	free(m->argv);
	free(m);
	return NULL;
}

struct cf_mailer *
cf_findmailer(const struct cf *cf, const char *name)
{
	for (int i = 0; i < MAXMAILERS; i++)
		if (cf->mailer[i] != NULL && strcmp(cf->mailer[i]->name, name) == 0)
			return cf->mailer[i];
	return NULL;
}

static long
convtime_s(const char *p)
{
	long t = 0, r;
	while (*p != '\0') {
		char *e;
		r = strtol(p, &e, 10);
		p = e;
		int c = *p != '\0' ? *p++ : 's';
		switch (c) {
		case 'w': r *= 7; FALLTHROUGH;
		case 'd': r *= 24; FALLTHROUGH;
		case 'h': r *= 60; FALLTHROUGH;
		case 'm': r *= 60; FALLTHROUGH;
		case 's': break;
		default: break;
		}
		t += r;
	}
	return t;
}

void
cf_makemailer(struct cf *cf, char *line)
{
	char *p;
	struct cf_mailer *m = xcalloc(1, sizeof(*m));
	struct buf mb = BUF_INIT;
	const char *endp;
	int i;

	errno = 0;
	for (p = line; *p != '\0' && *p != ',' && !ISSPACE(*p); p++)
		continue;
	if (*p != '\0')
		*p++ = '\0';
	if (line[0] == '\0') {
		cf_syserr(cf, 0, "name required for mailer");
		free(m);
		return;
	}
	m->name = xstrdup(line);
	m->uid = CF_NO_UID;
	m->gid = CF_NO_UID;
	m->line = cf->lineno;

	while (*p != '\0') {
		const char *delimptr;
		int fcode;

		while (*p != '\0' && (*p == ',' || ISSPACE(*p)))
			p++;
		fcode = *p;
		while (*p != '\0' && *p != '=' && *p != ',')
			p++;
		if (*p++ != '=') {
			cf_syserr(cf, 0, "mailer %s: `=' expected", m->name);
			goto fail;
		}
		while (ISSPACE(*p))
			p++;
		char *v = cf_munchstring(p, &delimptr, ',', &mb);
		switch (fcode) {
		case 'P':
			if (*v != '\0') {
				free(m->path);
				m->path = xstrdup(v);
			}
			break;
		case 'F':
			for (; *v != '\0'; v++)
				if (!ISSPACE(*v))
					setflag(m, *v);
			break;
		case 'S':
		case 'R':
			i = cf_strtorwset(cf, v, &endp, CF_ST_ENTER);
			if (i < 0)
				goto fail;
			if (fcode == 'S')
				m->sh_rwset = m->se_rwset = i;
			else
				m->rh_rwset = m->re_rwset = i;
			if (*endp++ == '/') {
				i = cf_strtorwset(cf, endp, NULL, CF_ST_ENTER);
				if (i < 0)
					goto fail;
				if (fcode == 'S')
					m->sh_rwset = i;
				else
					m->rh_rwset = i;
			}
			break;
		case 'E':
			if (*v == '\0')
				cf_syserr(cf, 0, "mailer %s: null end-of-line string", m->name);
			else {
				free(m->eol);
				m->eol = xstrdup(v);
			}
			break;
		case 'A':
			if (*v != '\0') {
				if (m->argv != NULL) {
					for (char **a = m->argv; *a; a++)
						free(*a);
					free(m->argv);
				}
				m->argv = makeargv(v);
			}
			break;
		case 'M': m->maxsize = atol(v); break;
		case 'm': m->maxdeliveries = atoi(v); break;
		case 'r': m->maxrcpt = atoi(v); break;
		case 'L':
			m->linelimit = atoi(v);
			if (m->linelimit < 0)
				m->linelimit = 0;
			break;
		case 'N': m->nice = atoi(v); break;
		case 'D':
			if (*v == '\0')
				cf_syserr(cf, 0, "mailer %s: null working directory", m->name);
			else { free(m->execdir); m->execdir = xstrdup(v); }
			break;
		case 'C':
			if (*v == '\0')
				cf_syserr(cf, 0, "mailer %s: null charset", m->name);
			else { free(m->defcharset); m->defcharset = xstrdup(v); }
			break;
		case 'Q':
			if (*v == '\0') {
				cf_syserr(cf, 0, "mailer %s: null queue", m->name);
				break;
			}
			free(m->qgrp);
			m->qgrp = xstrdup(v);
			break;
		case 'T': {
			char *t = xstrdup(v), *s2, *s3 = NULL;
			s2 = strchr(t, '/');
			if (s2 != NULL) {
				*s2++ = '\0';
				if (*s2 == '\0')
					s2 = NULL;
			}
			free(m->mtatype); free(m->addrtype); free(m->diagtype);
			m->mtatype = xstrdup(*t == '\0' ? "dns" : t);
			if (s2 != NULL && (s3 = strchr(s2, '/')) != NULL) {
				*s3++ = '\0';
				if (*s3 == '\0')
					s3 = NULL;
			}
			m->addrtype = xstrdup(s2 == NULL || *s2 == '\0' ? "rfc822" : s2);
			m->diagtype = xstrdup(s3 == NULL || *s3 == '\0' ? "smtp" : s3);
			free(t);
			break;
		}
		case 'U': {
			char *u = xstrdup(v), *q = u, *s = u;
			if (isascii((unsigned char)*s) && !isdigit((unsigned char)*s)) {
				while (*s != '\0' && isascii((unsigned char)*s) &&
				    (isalnum((unsigned char)*s) || strchr("-_", *s) != NULL))
					s++;
				while (ISSPACE(*s))
					*s++ = '\0';
				if (*s != '\0')
					*s++ = '\0';
				if (*q == '\0') {
					cf_syserr(cf, 0, "mailer %s: null user name", m->name);
					free(u);
					break;
				}
				struct passwd *pw = cf->compile_only ? NULL : getpwnam(q);
				if (cf->compile_only) {
					free(u);
					break;
				}
				if (pw == NULL) {
					cf_syserr(cf, 0, "readcf: mailer U= flag: unknown user %s", q);
					free(u);
					break;
				}
				m->uid = (int)pw->pw_uid;
				m->gid = (int)pw->pw_gid;
			} else {
				char *e;
				m->uid = (int)strtol(s, &e, 0);
				s = e;
				while (ISSPACE(*s))
					s++;
				if (*s != '\0')
					s++;
			}
			while (ISSPACE(*s))
				s++;
			if (*s == '\0') {
				free(u);
				break;
			}
			if (isascii((unsigned char)*s) && !isdigit((unsigned char)*s)) {
				char *g = s;
				while (isascii((unsigned char)*s) &&
				    (isalnum((unsigned char)*s) || strchr("-_.", *s) != NULL) && *s)
					s++;
				*s = '\0';
				if (*g == '\0') {
					cf_syserr(cf, 0, "mailer %s: null group name", m->name);
					free(u);
					break;
				}
				struct group *gr = cf->compile_only ? NULL : getgrnam(g);
				if (!cf->compile_only && gr == NULL) {
					cf_syserr(cf, 0, "readcf: mailer U= flag: unknown group %s", g);
					free(u);
					break;
				} else if (gr != NULL)
					m->gid = (int)gr->gr_gid;
			} else
				m->gid = (int)strtol(s, NULL, 0);
			free(u);
			break;
		}
		case 'W': m->wait = (int)convtime_s(v); break;
		case '/':
			if (*v == '\0')
				cf_syserr(cf, 0, "mailer %s: null root directory", m->name);
			else { free(m->rootdir); m->rootdir = xstrdup(v); }
			break;
		default:
			cf_syserr(cf, 0, "M%s: unknown mailer equate %c=", m->name, fcode);
			break;
		}
		p = (char *)delimptr;
	}

	if (m->argv == NULL) {
		cf_syserr(cf, 0, "M%s: A= argument required", m->name);
		goto fail;
	}
	if (m->path == NULL) {
		cf_syserr(cf, 0, "M%s: P= argument required", m->name);
		goto fail;
	}
	struct cf_mailer *old = cf_findmailer(cf, m->name);
	if (old == NULL && cf->nmailers >= MAXMAILERS) {
		cf_syserr(cf, 0, "too many mailers defined (%d max)", MAXMAILERS);
		goto fail;
	}
	if (m->maxrcpt <= 0)
		m->maxrcpt = DEFAULT_MAX_RCPT;
	if (MAILER_HAS(m, 'L')) {
		if (m->linelimit == 0)
			m->linelimit = 990;
		if (cf->conflevel < 2)
			setflag(m, '7');
	}
	if (strcmp(m->path, "[TCP]") == 0) {
		cf_syserr(cf, 0, "M%s: P=[TCP] must be replaced by P=[IPC]", m->name);
		goto fail;
	}
	if (strcmp(m->path, "[IPC]") == 0) {
		if (m->argv[0] == NULL || m->argv[1] == NULL || m->argv[1][0] == '\0') {
			cf_syserr(cf, 0, "M%s: too few parameters for %s mailer",
			    m->name, m->path);
			goto fail;
		}
		if (strcmp(m->argv[0], "TCP") != 0 && strcmp(m->argv[0], "FILE") != 0)
			cf_printf(cf, "M%s: Warning: first argument in %s mailer must be %s\n",
			    m->name, m->path, "TCP or FILE");
		if (m->mtatype == NULL)
			m->mtatype = xstrdup("dns");
		if (m->addrtype == NULL)
			m->addrtype = xstrdup("rfc822");
		if (m->diagtype == NULL)
			m->diagtype = xstrdup(strcmp(m->argv[0], "FILE") == 0 ?
			    "x-unix" : "smtp");
	} else if (strcmp(m->path, "[FILE]") == 0) {
		if (m->argv[0] == NULL || m->argv[1] == NULL || m->argv[2] != NULL) {
			cf_syserr(cf, 0, "M%s: too %s parameters for [FILE] mailer",
			    m->name, (m->argv[0] == NULL || m->argv[1] == NULL) ?
			    "few" : "many");
			goto fail;
		} else if (strcmp(m->argv[0], "FILE") != 0) {
			cf_syserr(cf, 0, "M%s: first argument in [FILE] mailer must be FILE",
			    m->name);
			goto fail;
		}
	}
	if (m->eol == NULL) {
		char **pp;
		for (pp = m->argv; *pp != NULL; pp++) {
			const char *s = *pp;
			while (*s != '\0') {
				if ((unsigned char)*s++ == MACROEXPAND && *s == 'u')
					break;
			}
			if (*s != '\0')
				break;
		}
		m->eol = xstrdup(*pp == NULL ? "\r\n" : "\n");
	}
	if (old != NULL) {
		m->mno = old->mno;
		(void)cf_mailer_free(old);
	} else
		m->mno = cf->nmailers++;
	cf->mailer[m->mno] = m;
	buf_fini(&mb);
	return;
fail:
	buf_fini(&mb);
	(void)cf_mailer_free(m);
}

static void
putrw(const struct cf *cf, FILE *fp, int rs, const char *sep)
{
	if (rs >= 0 && rs < MAXRWSETS && cf->rs[rs].name != NULL)
		fprintf(fp, "%s%s", cf->rs[rs].name, sep);
	else
		fprintf(fp, "%d%s", rs, sep);
}

void
cf_printmailer(const struct cf *cf, FILE *fp, const struct cf_mailer *m)
{
	fprintf(fp, "mailer %d (%s): P=%s S=", m->mno, m->name, m->path);
	putrw(cf, fp, m->se_rwset, "/");
	putrw(cf, fp, m->sh_rwset, " R=");
	putrw(cf, fp, m->re_rwset, "/");
	putrw(cf, fp, m->rh_rwset, " ");
	fprintf(fp, "M=%ld U=%d:%d F=", m->maxsize, m->uid, m->gid);
	for (int j = 0; j <= 0177; j++)
		if (MAILER_HAS(m, j))
			putc(j, fp);
	fprintf(fp, " L=%d E=", m->linelimit);
	rw_xputs(fp, &cf->mn, m->eol);
	if (m->defcharset != NULL)
		fprintf(fp, " C=%s", m->defcharset);
	fprintf(fp, " T=%s/%s/%s", m->mtatype ? m->mtatype : "<undefined>",
	    m->addrtype ? m->addrtype : "<undefined>",
	    m->diagtype ? m->diagtype : "<undefined>");
	fprintf(fp, " r=%d", m->maxrcpt);
	if (m->argv != NULL) {
		fprintf(fp, " A=");
		for (char **a = m->argv; *a != NULL; a++) {
			if (a != m->argv)
				putc(' ', fp);
			rw_xputs(fp, &cf->mn, *a);
		}
	}
	putc('\n', fp);
}
