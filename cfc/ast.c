/*
 * ast.c -- AST builders called by the parser.  Nodes are allocated in the
 * compilation arena and appended to ctx's line list.
 */
#include <stdlib.h>
#include <string.h>

#include "arena.h"
#include "ast.h"
#include "diag.h"
#include "srcmap.h"

static struct span
sp(struct cf_loc l)
{
	struct span s = { l.start, l.end };

	return s;
}

static struct ast_line *
append(struct cfc_ctx *ctx, enum ast_kind kind, struct cf_loc all)
{
	struct ast_line *n = arena_alloc(ctx->arena, sizeof(*n));

	n->kind = kind;
	n->loc = sp(all);
	/* the EOL token is part of the line; keep the newline out */
	while (n->loc.end > n->loc.start &&
	    ctx->text[n->loc.end - 1] == '\n')
		n->loc.end--;
	if (ctx->tail != NULL)
		ctx->tail->next = n;
	else
		ctx->head = n;
	ctx->tail = n;
	ctx->nlines++;
	return n;
}

void
ast_line(struct cfc_ctx *ctx, int kind, struct cf_loc all, struct cf_loc body)
{
	struct ast_line *n = append(ctx, (enum ast_kind)kind, all);

	n->body = sp(body);
	if (n->body.end < n->body.start)
		n->body.end = n->body.start;
}

void
ast_rule(struct cfc_ctx *ctx, struct cf_loc all, struct cf_loc lhs,
    struct cf_loc rhs, struct cf_loc cmt)
{
	struct ast_line *n = append(ctx, AST_R, all);

	n->body = sp(lhs);
	n->rhs = sp(rhs);
	n->cmt = sp(cmt);
	/* the comment production includes its tab */
	if (n->cmt.end > n->cmt.start && ctx->text[n->cmt.start] == '\t')
		n->cmt.start++;
}

void
ast_rule_notab(struct cfc_ctx *ctx, struct cf_loc all, struct cf_loc body)
{
	struct ast_line *n = append(ctx, AST_R, all);

	n->body = sp(body);
	if (n->body.end < n->body.start)
		n->body.end = n->body.start;
	n->notab = true;
}

void
ast_sync(struct cfc_ctx *ctx, struct cf_loc loc)
{
	const char *p = ctx->text + loc.start, *e = ctx->text + loc.end;
	const char *f = NULL, *fe = NULL;
	unsigned long n = 0;

	p += 5;				/* "#line" */
	while (p < e && (*p == ' ' || *p == '\t'))
		p++;
	while (p < e && *p >= '0' && *p <= '9' && n < 100000000)
		n = n * 10 + (unsigned long)(*p++ - '0');
	while (p < e && *p != '"')
		p++;
	if (p < e) {
		f = ++p;
		fe = memchr(f, '"', (size_t)(e - f));
		if (fe == NULL)
			fe = e;
	}
	srcmap_add(ctx->sm, diag_line_of(ctx->diag, loc.start), (unsigned)n,
	    f, f != NULL ? (size_t)(fe - f) : 0);
}
