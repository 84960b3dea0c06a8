/*
 * verify.c -- -bv: resolve each address through rulesets 3 and 0 as
 * sendmail does, check local users against the password database, and
 * report "deliverable" or the error.  Alias expansion is not done yet.
 */
#include <ctype.h>
#include <pwd.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "map.h"
#include "mta.h"
#include "xmem.h"

struct vres {
	char	*addr;
	struct addr_result r;
	int	 seq;
};

static int
cmpres(const void *a, const void *b)
{
	const struct vres *x = a, *y = b;
	bool xh = x->r.host[0] != '\0', yh = y->r.host[0] != '\0';

	if (xh != yh)
		return xh ? 1 : -1;
	int c = strcmp(x->r.host, y->r.host);
	if (c != 0)
		return c;
	return x->seq - y->seq;
}

int
mta_verify(struct mta *mta, char **addrs, int n)
{
	struct vres *ok = xcalloc((size_t)n + 1, sizeof(*ok));
	int nok = 0, rc = EX_OK;

	for (int i = 0; i < n; i++) {
		struct addr_result r;

		vm_reset(&mta->vm);
		if (!addr_parse(mta, addrs[i], 0, &r) ||
		    strcmp(r.mailer, "*error*") == 0 || r.status != EX_OK) {
			free(r.mailer); free(r.host); free(r.user);
			if (rc == EX_OK)
				rc = EX_NOUSER;
			continue;
		}
		const struct cf_mailer *m = cf_findmailer(&mta->cf, r.mailer);
		if (m != NULL && MAILER_HAS(m, 'w')) {
			char *u = xstrdup(r.user);
			char *plus = strchr(u, '+');
			if (plus != NULL)
				*plus = '\0';
			if (getpwnam(u) == NULL) {
				rw_usrerr(&mta->vm.msgs, addrs[i], "550 5.1.1 User unknown");
				rc = EX_NOUSER;
				free(u);
				free(r.mailer); free(r.host); free(r.user);
				continue;
			}
			free(u);
		}
		ok[nok].addr = addrs[i];
		ok[nok].r = r;
		ok[nok].seq = nok;
		nok++;
	}
	qsort(ok, (size_t)nok, sizeof(*ok), cmpres);
	for (int i = 0; i < nok; i++) {
		if (ok[i].r.host[0] != '\0')
			printf("%s... deliverable: mailer %s, host %s, user %s\n",
			    ok[i].addr, ok[i].r.mailer, ok[i].r.host, ok[i].r.user);
		else
			printf("%s... deliverable: mailer %s, user %s\n",
			    ok[i].addr, ok[i].r.mailer, ok[i].r.user);
		free(ok[i].r.mailer); free(ok[i].r.host); free(ok[i].r.user);
	}
	free(ok);
	fflush(stdout);
	return rc;
}
