/*
 * rw_rule.c -- compile one rule (token vectors from readcf) into the
 * two programs the VM runs.  Every LHS/RHS token becomes one
 * instruction; literal strings go to the rule's string block.
 */
#include <stdlib.h>
#include <string.h>

#include "cf.h"
#include "cfb_ops.h"
#include "xmem.h"

static uint32_t
addstr(struct buf *sb, const char *s)
{
	uint32_t off = (uint32_t)sb->len;
	buf_append(sb, s, strlen(s) + 1);
	return off;
}

static void
emit(uint32_t **code, size_t *n, size_t *cap, uint32_t w)
{
	if (*n == *cap) {
		*cap = *cap ? *cap * 2 : 16;
		*code = xreallocarray(*code, *cap, sizeof(uint32_t));
	}
	(*code)[(*n)++] = w;
}

bool
cf_compile_rule(struct cf *cf, struct cf_rule *r, char **lhs, char **rhs)
{
	uint32_t *code = NULL;
	size_t n = 0, cap = 0, rhs_start;
	struct buf sb = BUF_INIT;
	int slot = 0;

	(void)cf;
	buf_addch(&sb, '\0');	/* offset 0 = empty string */
	for (char **ap = lhs; ap != NULL && *ap != NULL; ap++) {
		const unsigned char *t = (const unsigned char *)*ap;
		switch (t[0]) {
		case MATCHZANY:
			emit(&code, &n, &cap, CFB_MK_AB(OP_MATCH_ZANY, slot++, 0));
			break;
		case MATCHANY:
			emit(&code, &n, &cap, CFB_MK_AB(OP_MATCH_ANY, slot++, 0));
			break;
		case MATCHONE:
			emit(&code, &n, &cap, CFB_MK_AB(OP_MATCH_ONE, slot++, 0));
			break;
		case MATCHZERO:
			emit(&code, &n, &cap, CFB_MK_AB(OP_MATCH_ZERO, 0, 0));
			break;
		case MATCHCLASS:
			emit(&code, &n, &cap, CFB_MK_AB(OP_MATCH_CLASS, slot++, t[1]));
			break;
		case MATCHNCLASS:
			emit(&code, &n, &cap, CFB_MK_AB(OP_MATCH_NCLASS, slot++, t[1]));
			break;
		case MACRODEXPAND:
			emit(&code, &n, &cap, CFB_MK_AB(OP_MATCH_MACRO, 0, t[1]));
			break;
		default:
			emit(&code, &n, &cap, CFB_MK_Bx(OP_MATCH_LIT, addstr(&sb, *ap)));
			break;
		}
	}
	emit(&code, &n, &cap, CFB_MK_AB(OP_END, 0, 0));
	r->nfuzzy = slot;	/* wildcards actually in the compiled pattern */
	rhs_start = n;
	for (char **ap = rhs; ap != NULL && *ap != NULL; ap++) {
		const unsigned char *t = (const unsigned char *)*ap;
		if (ap == rhs && t[0] == CANONUSER) {
			emit(&code, &n, &cap, CFB_MK_AB(OP_RHS_CONT, 0, 0));
			continue;
		}
		if (ap == rhs && t[0] == CANONHOST) {
			emit(&code, &n, &cap, CFB_MK_AB(OP_RHS_RETURN, 0, 0));
			continue;
		}
		switch (t[0]) {
		case MATCHREPL:
			emit(&code, &n, &cap, CFB_MK_AB(OP_EMIT_REPL, t[1], 0));
			break;
		case MACRODEXPAND:
			emit(&code, &n, &cap, CFB_MK_AB(OP_EMIT_MACRO, 0, t[1]));
			break;
		default:
			emit(&code, &n, &cap, CFB_MK_Bx(OP_EMIT_LIT, addstr(&sb, *ap)));
			break;
		}
	}
	emit(&code, &n, &cap, CFB_MK_AB(OP_END, 0, 0));

	/* one block: code words, then strings */
	size_t csz = n * sizeof(uint32_t);
	char *blk = xmalloc(csz + sb.len + 1);
	memcpy(blk, code, csz);
	memcpy(blk + csz, sb.s, sb.len);
	blk[csz + sb.len] = '\0';
	r->owned = blk;
	r->lhs = (const uint32_t *)blk;
	r->rhs = (const uint32_t *)blk + rhs_start;
	r->str = blk + csz;
	free(code);
	buf_fini(&sb);
	return true;
}
