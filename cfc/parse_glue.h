/*
 * parse_glue.h -- runs the Flex lexer and Bison parser over the cf text
 * of a compilation.  Only this module, the grammar and the lexer see the
 * generated headers' scanner internals.
 */
#ifndef CFC_PARSE_GLUE_H
#define CFC_PARSE_GLUE_H

#include <stdint.h>

#include "cfc.h"

struct cf_lex {
	uint32_t	pos;	/* byte offset of the next unread byte */
};

/* Parse ctx->text, building the AST; returns the parser's status. */
int	cfc_parse(struct cfc_ctx *ctx);
/* Called by the parser on a syntax error. */
void	parse_error(struct cfc_ctx *ctx, uint32_t start, uint32_t end,
	    const char *msg);

#endif /* CFC_PARSE_GLUE_H */
