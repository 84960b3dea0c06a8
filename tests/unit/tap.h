/*
 * tap.h -- the unit tests' TAP output: ok() per check, tap_done() prints
 * the plan and gives main's exit status.  Included once per test program.
 */
#ifndef TESTS_TAP_H
#define TESTS_TAP_H

#include <stdio.h>

static int ntest, nfail;

static void
ok(int cond, const char *name)
{
	ntest++;
	if (!cond)
		nfail++;
	printf("%sok %d - %s\n", cond ? "" : "not ", ntest, name);
}

static int
tap_done(void)
{
	printf("1..%d\n", ntest);
	return nfail != 0;
}

#endif
