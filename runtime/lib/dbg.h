/*
 * dbg.h -- sendmail-style debug flags (-dX.Y) and debug output.
 * Debug output goes to the debug stream (stdout by default), interleaved
 * with normal output exactly as sendmail's sm_dprintf does.
 */
#ifndef RT_DBG_H
#define RT_DBG_H

#include <stdio.h>

#include "log.h"

#define DBG_NFLAGS 100

extern unsigned char dbg_level[DBG_NFLAGS];

#define tTd(flag, lev) ((flag) < DBG_NFLAGS && dbg_level[(flag)] >= (lev))

/* Parse "21.12,60.5,0-99.1"; returns 0 on success, -1 on syntax error. */
int	dbg_parse(const char *spec);
void	dbg_set_stream(FILE *fp);
FILE	*dbg_stream(void);
void	dbg_printf(const char *fmt, ...) PRINTF_LIKE(1, 2);

#endif /* RT_DBG_H */
