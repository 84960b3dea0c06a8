/*
 * dbg.c -- debug flag table and output stream.
 */
#include <ctype.h>
#include <stdarg.h>
#include <stdlib.h>

#include "dbg.h"

unsigned char dbg_level[DBG_NFLAGS];
static FILE *dbg_fp;

FILE *
dbg_stream(void)
{
	return dbg_fp ? dbg_fp : stdout;
}

void
dbg_set_stream(FILE *fp)
{
	dbg_fp = fp;
}

void
dbg_printf(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vfprintf(dbg_stream(), fmt, ap);
	va_end(ap);
}

static int
getnum(const char **pp, long *v)
{
	const char *p = *pp;
	char *e;

	if (!isdigit((unsigned char)*p))
		return -1;
	*v = strtol(p, &e, 10);
	*pp = e;
	return 0;
}

int
dbg_parse(const char *spec)
{
	const char *p = spec;

	while (*p != '\0') {
		long lo, hi, lev = 1;

		if (getnum(&p, &lo) < 0)
			return -1;
		hi = lo;
		if (*p == '-') {
			p++;
			if (getnum(&p, &hi) < 0)
				return -1;
		}
		if (*p == '.') {
			p++;
			if (getnum(&p, &lev) < 0)
				return -1;
		}
		if (lev > 255)
			lev = 255;
		for (long f = lo; f <= hi && f < DBG_NFLAGS; f++)
			if (f >= 0)
				dbg_level[f] = (unsigned char)lev;
		if (*p == ',')
			p++;
		else if (*p != '\0')
			return -1;
	}
	return 0;
}
