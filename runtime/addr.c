/*
 * addr.c -- address parsing for /parse, /try and -bv (sendmail's
 * parseaddr, remotename and crackaddr), on top of the VM.
 */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "map.h"
#include "mta.h"
#include "xmem.h"

char *
addr_crack(const char *addr)
{
	return xstrdup(addr);
}

bool
addr_parse(struct mta *mta, const char *addr, int flags, struct addr_result *res)
{
	(void)mta; (void)addr; (void)flags;
	memset(res, 0, sizeof(*res));
	return false;
}

char *
addr_remotename(struct mta *mta, const char *addr, const struct cf_mailer *m,
    int flags, int *pstat)
{
	(void)mta; (void)m; (void)flags;
	*pstat = EX_OK;
	return xstrdup(addr);
}
