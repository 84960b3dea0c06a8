/*
 * spool.c -- write an incoming message into the queue: the data file
 * gets the Received header of the cf (expanded now, with $i, $u, $b),
 * then the message lines; header size, hop count and MaxMessageSize are
 * enforced while the data streams in (nothing is held in memory but the
 * header block).  spool_commit fsyncs the data file, then writes the
 * control file (queue_qf_write fsyncs it and the directory).
 */
#include <ctype.h>
#include <pwd.h>
#include <grp.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

#include "hdr.h"
#include "map.h"
#include "spool.h"
#include "xmem.h"

long
mta_optlong(const struct cf *cf, int id, long dflt)
{
	const char *v = cf->optv[id];
	char *end;
	long n;

	if (v == NULL || *v == '\0')
		return dflt;
	n = strtol(v, &end, 10);
	if (end == v)
		return dflt;
	return n;
}

void
mta_softbounce(char *t)
{
	if (t[0] != '5' || !isdigit((unsigned char)t[1]) ||
	    !isdigit((unsigned char)t[2]) || (t[3] != ' ' && t[3] != '-'))
		return;
	t[0] = '4';
	if (t[4] == '5' && t[5] == '.')
		t[4] = '4';
}

bool
mta_optbool(const struct cf *cf, int id, bool dflt)
{
	const char *v = cf->optv[id];

	if (v == NULL)
		return dflt;
	return *v == '\0' || strchr("TtYy", *v) != NULL;
}

long
mta_opttime(const struct cf *cf, int id, long dflt)
{
	const char *v = cf->optv[id];

	if (v == NULL || *v == '\0')
		return dflt;
	return cf_convtime(v, 's');
}

/* DefaultUser: "user", "uid", or "uid:gid"; 1:1 otherwise */
void
mta_defaultuser(const struct cf *cf, uid_t *uid, gid_t *gid)
{
	const char *v = cf->optv[OPT_DEFAULTUSER];
	struct passwd *pw;

	*uid = 1;
	*gid = 1;
	if (v == NULL || *v == '\0')
		return;
	char *copy = xstrdup(v), *colon = strchr(copy, ':');
	if (colon != NULL)
		*colon++ = '\0';
	if ((pw = getpwnam(copy)) != NULL) {
		*uid = pw->pw_uid;
		*gid = pw->pw_gid;
	} else
		*uid = (uid_t)strtoul(copy, NULL, 10);
	if (colon != NULL) {
		struct group *gr = getgrnam(colon);
		*gid = gr != NULL ? gr->gr_gid : (gid_t)strtoul(colon, NULL, 10);
	}
	free(copy);
}

const char *
mta_qdir(const struct cf *cf)
{
	const char *q = cf->optv[OPT_QUEUEDIRECTORY];

	return q != NULL && *q != '\0' ? q : "/var/spool/mqueue";
}

bool
spool_begin(struct spool *sp, struct mta *mta, struct q_env *env,
    const char *qdir, bool received)
{
	memset(sp, 0, sizeof(*sp));
	sp->mta = mta;
	sp->env = env;
	sp->qdir = qdir;
	sp->maxsize = mta_optlong(&mta->cf, OPT_MAXMESSAGESIZE, 0);
	sp->maxhdr = mta_optlong(&mta->cf, OPT_MAXHEADERSLENGTH, 32768);
	if (sp->maxhdr <= 0)
		sp->maxhdr = 32768;
	sp->maxhops = (int)mta_optlong(&mta->cf, OPT_MAXHOPCOUNT, 25);
	buf_init(&sp->hdrs);
	sp->df = queue_df_create(qdir, env);
	if (sp->df == NULL) {
		sp->err = SPOOL_IOERR;
		return false;
	}
	sp->created = true;
	rw_mactab_set(&mta->vm.envmac, 'i', env->id);
	if (env->ctime == 0)
		env->ctime = time(NULL);
	hdr_setdates(mta, env->ctime);
	/* $u of "for $u": the one recipient as it came (<addr> by SMTP) */
	const char *proto = rw_macvalue(&mta->vm.env, 'r');
	struct buf u = BUF_INIT;
	if (env->nrcpt == 1)
		buf_printf(&u, proto != NULL && strstr(proto, "SMTP") != NULL ?
		    "<%s>" : "%s", env->rcpt[0].addr);
	rw_mactab_set(&mta->vm.envmac, 'u', env->nrcpt == 1 ? u.s : NULL);
	buf_fini(&u);
	if (received) {
		struct buf v = BUF_INIT;
		if (hdr_expand_cf(mta, "Received", &v)) {
			fprintf(sp->df, "Received: %s\n", buf_cstr(&v));
			sp->size += (long)v.len + 11;
		}
		buf_fini(&v);
	}
	rw_mactab_set(&mta->vm.envmac, 'u', NULL);
	return true;
}

void
spool_line(struct spool *sp, const char *line, size_t len)
{
	if (sp->err != SPOOL_OK)
		return;
	sp->size += (long)len + 1;
	if (sp->maxsize > 0 && sp->size > sp->maxsize) {
		sp->err = SPOOL_TOOBIG;
		return;
	}
	if (!sp->inbody) {
		if (len == 0) {
			sp->inbody = true;
		} else if (line[0] != ' ' && line[0] != '\t' &&
		    memchr(line, ':', len) == NULL) {
			/* not a header: the body starts here (no blank line) */
			sp->inbody = true;
			fputc('\n', sp->df);
			sp->size++;
		} else {
			sp->hdrlen += (long)len + 1;
			if (sp->hdrlen > sp->maxhdr) {
				sp->err = SPOOL_HDRTOOBIG;
				return;
			}
			if (len >= 9 && strncasecmp(line, "Received:", 9) == 0 &&
			    ++sp->hops > sp->maxhops) {
				sp->err = SPOOL_HOPS;
				return;
			}
			buf_append(&sp->hdrs, line, len);
			buf_addch(&sp->hdrs, '\n');
		}
	}
	if (fwrite(line, 1, len, sp->df) != len || fputc('\n', sp->df) == EOF)
		sp->err = SPOOL_IOERR;
}

bool
spool_commit(struct spool *sp)
{
	FILE *df = sp->df;

	sp->df = NULL;
	if (sp->err != SPOOL_OK) {
		if (df != NULL)
			fclose(df);
		spool_abort(sp);
		return false;
	}
	if (!sp->inbody)
		fputc('\n', df);	/* header-only message: end the headers */
	sp->env->size = ftell(df);
	if (!queue_df_commit(df)) {
		sp->err = SPOOL_IOERR;
		spool_abort(sp);
		return false;
	}
	/* (8-bit data without BODY= stays without: sendmail announces no
	 * BODY=8BITMIME for it either) */
	if (!queue_qf_write(sp->qdir, sp->env)) {
		sp->err = SPOOL_IOERR;
		spool_abort(sp);
		return false;
	}
	buf_fini(&sp->hdrs);
	return true;
}

void
spool_abort(struct spool *sp)
{
	if (sp->df != NULL) {
		fclose(sp->df);
		sp->df = NULL;
	}
	if (sp->created) {
		struct buf p = BUF_INIT;
		buf_printf(&p, "%s/df%s", sp->qdir, sp->env->id);
		(void)unlink(p.s);
		buf_fini(&p);
	}
	buf_fini(&sp->hdrs);
}
