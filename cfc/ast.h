/*
 * ast.h -- the parsed cf file: one node per logical line, in file order,
 * with byte-offset spans into the cf text.  Nodes live in the compilation
 * arena.  The builders are called from the grammar actions (cf.y).
 */
#ifndef CFC_AST_H
#define CFC_AST_H

#include <stdbool.h>
#include <stdint.h>

#include "cfc.h"
#include "loc.h"

enum ast_kind {
	AST_V, AST_D, AST_C, AST_F, AST_O, AST_S, AST_M, AST_H, AST_P,
	AST_K, AST_T, AST_E, AST_Q, AST_X, AST_L, AST_UNKNOWN,
	AST_R		/* rewrite rule */
};

struct span {
	uint32_t	start, end;
};

struct ast_line {
	struct ast_line	*next;
	enum ast_kind	 kind;
	struct span	 loc;	/* whole logical line */
	struct span	 body;	/* after the key letter; R: left-hand side */
	struct span	 rhs;	/* R only */
	struct span	 cmt;	/* R only; empty if none */
	bool		 notab;	/* R line without a tab */
};

void	ast_line(struct cfc_ctx *ctx, int kind, struct cf_loc all,
	    struct cf_loc body);
void	ast_rule(struct cfc_ctx *ctx, struct cf_loc all, struct cf_loc lhs,
	    struct cf_loc rhs, struct cf_loc cmt);
void	ast_rule_notab(struct cfc_ctx *ctx, struct cf_loc all,
	    struct cf_loc body);
void	ast_sync(struct cfc_ctx *ctx, struct cf_loc loc);

#endif /* CFC_AST_H */
