/*
 * loadavg.c -- QueueLA, RefuseLA, DelayLA over getloadavg(3); see
 * loadavg.h.  The load is read each time it is asked for (a read of
 * /proc/loadavg on Linux), so a long session sees it change.
 */
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

#include "loadavg.h"
#include "spool.h"

#define LA_QUEUEFACTOR	600000L		/* QueueFactor default */

int
la_current(void)
{
	const char *fake = getenv("CFMTA_LOADAVG");
	double avg[1];

	if (fake != NULL && *fake != '\0' && getuid() == geteuid() &&
	    getgid() == getegid()) {
		char v[32] = "0";
		if (fake[0] == '/') {
			/* a file holding the number: a test can change it */
			FILE *f = fopen(fake, "r");
			if (f != NULL) {
				if (fgets(v, sizeof(v), f) == NULL)
					v[0] = '\0';
				fclose(f);
			}
		} else
			snprintf(v, sizeof(v), "%s", fake);
		long n = strtol(v, NULL, 10);
		return n < 0 ? 0 : n > 100000 ? 100000 : (int)n;
	}
	if (getloadavg(avg, 1) < 1 || avg[0] < 0 || avg[0] > 100000)
		return 0;
	return (int)(avg[0] + 0.5);
}

static int
ncpu(void)
{
	long n = sysconf(_SC_NPROCESSORS_ONLN);

	return n > 0 && n < 4096 ? (int)n : 1;
}

static int
optint(const struct cf *cf, int id, int dflt)
{
	long v = mta_optlong(cf, id, dflt);

	return v < 0 ? 0 : v > 100000 ? 100000 : (int)v;
}

int
la_queuela(const struct cf *cf)
{
	return optint(cf, OPT_QUEUELA, 8 * ncpu());
}

int
la_refusela(const struct cf *cf)
{
	return optint(cf, OPT_REFUSELA, 12 * ncpu());
}

int
la_delayla(const struct cf *cf)
{
	return optint(cf, OPT_DELAYLA, 0);
}

bool
la_shouldqueue(const struct cf *cf, int queuela, long pri, int la)
{
	int q = queuela > 0 ? queuela : la_queuela(cf);
	long f = mta_optlong(cf, OPT_QUEUEFACTOR, LA_QUEUEFACTOR);

	if (q <= 0 || la < q)
		return false;
	return pri > f / (la - q + 1);
}

bool
la_refuse(const struct cf *cf, int refusela, int la)
{
	int r = refusela > 0 ? refusela : la_refusela(cf);

	return r > 0 && la >= r;
}

bool
la_delay(const struct cf *cf, int delayla)
{
	int d = delayla > 0 ? delayla : la_delayla(cf);

	if (d <= 0 || la_current() < d)
		return false;
	sleep(1);
	return true;
}
