/*
 * verify.c -- -bv: resolve each address through rulesets 3 and 0 as
 * sendmail does, check local users against the password database, and
 * report "deliverable" or the error, after alias, :include: and .forward
 * expansion (alias_expand.c).
 */
#include <ctype.h>
#include <pwd.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "alias_expand.h"
#include "map.h"
#include "mta.h"
#include "xmem.h"

struct vres {
	const struct alias_dest *d;
	int	 seq;
};

static int
cmpres(const void *a, const void *b)
{
	const struct vres *x = a, *y = b;
	bool xh = x->d->host[0] != '\0', yh = y->d->host[0] != '\0';

	if (xh != yh)
		return xh ? 1 : -1;
	int c = strcmp(x->d->host, y->d->host);
	if (c != 0)
		return c;
	return x->seq - y->seq;
}

int
mta_verify(struct mta *mta, char **addrs, int n)
{
	struct alias_list l;
	int rc = EX_OK;

	alias_list_init(&l);
	for (int i = 0; i < n; i++)
		(void)alias_expand(mta, &l, addrs[i]);
	struct vres *ok = xcalloc((size_t)l.n + 1, sizeof(*ok));
	int *seq = alias_sendq_order(&l);
	int nok = 0;
	for (int i = 0; i < l.n; i++) {
		if (l.v[i].state == AD_ERROR && rc == EX_OK)
			rc = l.v[i].stat == EX_TEMPFAIL ? EX_TEMPFAIL :
			    l.v[i].stat == EX_CONFIG ? EX_USAGE : EX_NOUSER;
		if (l.v[i].state != AD_DELIVER)
			continue;
		ok[nok].d = &l.v[i];
		ok[nok].seq = seq[i];
		nok++;
	}
	qsort(ok, (size_t)nok, sizeof(*ok), cmpres);
	for (int i = 0; i < nok; i++) {
		const struct alias_dest *d = ok[i].d;
		if (d->host[0] != '\0')
			printf("%s... deliverable: mailer %s, host %s, user %s\n",
			    d->addr, d->mailer, d->host, d->user);
		else
			printf("%s... deliverable: mailer %s, user %s\n",
			    d->addr, d->mailer, d->user);
	}
	free(ok);
	free(seq);
	alias_list_fini(&l);
	fflush(stdout);
	return rc;
}
