/*
 * cfc.h -- one compilation: the cf text (borrowed), its arena, the AST
 * (arena-owned), the diagnostics sink and the source map.
 */
#ifndef CFC_CFC_H
#define CFC_CFC_H

#include <stdbool.h>
#include <stddef.h>

struct arena;
struct diag;
struct srcmap;
struct ast_line;

struct cfc_ctx {
	struct arena	*arena;
	struct diag	*diag;
	struct srcmap	*sm;
	const char	*text;		/* NUL-terminated */
	size_t		 len;
	struct ast_line	*head, *tail;	/* lines in file order */
	size_t		 nlines;
	bool		 env;		/* --env: host-dependent checks */
};

#endif /* CFC_CFC_H */
