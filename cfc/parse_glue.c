/*
 * parse_glue.c -- owns the scanner for one parse; the AST goes into ctx.
 */
#include "cf_parser.h"
#include "cf_lexer.h"
#include "diag.h"
#include "parse_glue.h"

int
cfc_parse(struct cfc_ctx *ctx)
{
	struct cf_lex st = { 0 };
	yyscan_t scanner;
	YY_BUFFER_STATE bs;
	int rc;

	if (cf_yylex_init_extra(&st, &scanner) != 0)
		return 2;
	bs = cf_yy_scan_bytes(ctx->text, (int)ctx->len, scanner);
	rc = cf_yyparse(scanner, ctx);
	cf_yy_delete_buffer(bs, scanner);
	cf_yylex_destroy(scanner);
	return rc;
}

void
parse_error(struct cfc_ctx *ctx, uint32_t start, uint32_t end,
    const char *msg)
{
	diag_report(ctx->diag, CK_SYNTAX, start, end, "%s", msg);
}
