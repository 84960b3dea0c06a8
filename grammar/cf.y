/*
 * cf.y -- Bison grammar for sendmail.cf (8.17, op.txt section 5).  One
 * production per line kind; actions hand byte-offset spans to the ast_*
 * builders in cfc/ast.c.  A malformed line is reported and skipped
 * (error EOL), so every error in the file is seen.  Pure and reentrant.
 */
%define api.pure full
%define api.prefix {cf_yy}
%define api.location.type {struct cf_loc}
%define parse.error detailed
%locations
%expect 0

%param {yyscan_t scanner}
%parse-param {struct cfc_ctx *ctx}

%code requires {
#include "loc.h"
#ifndef YY_TYPEDEF_YY_SCANNER_T
#define YY_TYPEDEF_YY_SCANNER_T
typedef void *yyscan_t;
#endif
struct cfc_ctx;
#define YYLLOC_DEFAULT(Cur, Rhs, N) do {			\
	if (N) {						\
		(Cur).start = YYRHSLOC(Rhs, 1).start;		\
		(Cur).end = YYRHSLOC(Rhs, N).end;		\
	} else {						\
		(Cur).start = (Cur).end = YYRHSLOC(Rhs, 0).end;	\
	}							\
} while (0)
}

%code {
#include "ast.h"
#include "parse_glue.h"
int cf_yylex(CF_YYSTYPE *lval, CF_YYLTYPE *lloc, yyscan_t scanner);
static void cf_yyerror(CF_YYLTYPE *loc, yyscan_t scanner,
    struct cfc_ctx *ctx, const char *msg);
}

%token T_R "R (rule)" T_V "V (version)" T_D "D (macro)" T_C "C (class)"
%token T_F "F (file class)" T_O "O (option)" T_S "S (ruleset)"
%token T_M "M (mailer)" T_H "H (header)" T_P "P (precedence)"
%token T_K "K (map)" T_T "T (trusted users)" T_E "E (environment)"
%token T_Q "Q (queue group)" T_X "X (mail filter)" T_L "L (load average)"
%token T_UNKNOWN "unknown line"
%token SYNCLINE "#line directive"
%token TEXT "text" TAB "tab" EOL "end of line"

%%

file	: %empty
	| file line
	;

line	: kind opt_text EOL	{ ast_line(ctx, $1, @$, @2); }
	| SYNCLINE opt_text EOL		{ ast_sync(ctx, @1); }
	| T_R text EOL		{ ast_rule_notab(ctx, @$, @2); }
	| T_R EOL		{ ast_rule_notab(ctx, @$, @2); }
	| T_R opt_text TAB opt_text opt_comment EOL
				{ ast_rule(ctx, @$, @2, @4, @5); }
	| error EOL		{ yyerrok; }
	;

kind	: T_V { $$ = AST_V; } | T_D { $$ = AST_D; } | T_C { $$ = AST_C; }
	| T_F { $$ = AST_F; } | T_O { $$ = AST_O; } | T_S { $$ = AST_S; }
	| T_M { $$ = AST_M; } | T_H { $$ = AST_H; } | T_P { $$ = AST_P; }
	| T_K { $$ = AST_K; } | T_T { $$ = AST_T; } | T_E { $$ = AST_E; }
	| T_Q { $$ = AST_Q; } | T_X { $$ = AST_X; } | T_L { $$ = AST_L; }
	| T_UNKNOWN { $$ = AST_UNKNOWN; }
	;

text	: TEXT
	| text TEXT
	;

opt_text : %empty
	| text
	;

opt_comment : %empty
	| TAB opt_text
	;

%%

static void
cf_yyerror(CF_YYLTYPE *loc, yyscan_t scanner, struct cfc_ctx *ctx,
    const char *msg)
{
	(void)scanner;
	parse_error(ctx, loc->start, loc->end, msg);
}
