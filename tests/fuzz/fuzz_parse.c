/*
 * fuzz_parse.c -- libFuzzer target: the whole front end (parser, AST,
 * every semantic check, text diagnostics to /dev/null) on arbitrary bytes.
 */
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "arena.h"
#include "cfc.h"
#include "diag.h"
#include "parse_glue.h"
#include "sema.h"
#include "srcmap.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static FILE *devnull;
	struct cfc_ctx ctx;
	char *text;

	if (size > (1u << 20))
		return 0;
	if (devnull == NULL && (devnull = fopen("/dev/null", "w")) == NULL)
		return 0;
	text = malloc(size + 1);
	if (text == NULL)
		return 0;
	memcpy(text, data, size);
	text[size] = '\0';
	memset(&ctx, 0, sizeof(ctx));
	ctx.arena = arena_new();
	ctx.sm = srcmap_new();
	ctx.diag = diag_new(devnull);
	diag_set_limit(ctx.diag, 0);
	ctx.text = text;
	ctx.len = size;
	diag_set_source(ctx.diag, "fuzz.cf", text, size, ctx.sm);
	cfc_parse(&ctx);
	sema_check(&ctx);
	diag_finish(ctx.diag);
	ctx.diag = diag_free(ctx.diag);
	ctx.sm = srcmap_free(ctx.sm);
	ctx.arena = arena_free(ctx.arena);
	free(text);
	return 0;
}
