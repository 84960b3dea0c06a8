/*
 * loc.h -- a source location: byte offsets into the cf text of one
 * compilation.  The parser's location type (cf.y) and every AST node use
 * it; line and column are computed only when a diagnostic is printed.
 */
#ifndef CFC_LOC_H
#define CFC_LOC_H

#include <stdint.h>

struct cf_loc {
	uint32_t	start, end;	/* byte offsets, end exclusive */
};

#endif /* CFC_LOC_H */
