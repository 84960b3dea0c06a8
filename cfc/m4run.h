/*
 * m4run.h -- expand a .mc file with GNU m4 (-s synclines) over a sendmail
 * cf tree and report m4's own errors and the macros' "*** ERROR" messages
 * at the .mc / .m4 line they come from.
 */
#ifndef CFC_M4RUN_H
#define CFC_M4RUN_H

#include <stdbool.h>

#include "buf.h"

struct diag;

/*
 * Run m4 on mcpath with cfdir/m4/cf.m4; the generated cf goes into out.
 * Returns true on success; false after reporting through d (m4 failed,
 * exited non-zero, or printed "*** ERROR").
 */
bool	m4_expand(const char *cfdir, const char *mcpath, struct buf *out,
	    struct diag *d);

#endif /* CFC_M4RUN_H */
