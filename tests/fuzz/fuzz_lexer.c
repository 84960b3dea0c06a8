/*
 * fuzz_lexer.c -- libFuzzer target: run the cf lexer alone over arbitrary
 * bytes until end of input; token offsets must stay inside the input and
 * never go backwards.
 */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>

#include "cf_parser.h"
#include "cf_lexer.h"
#include "parse_glue.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct cf_lex st = { 0 };
	yyscan_t scanner;
	YY_BUFFER_STATE bs;
	CF_YYSTYPE val;
	CF_YYLTYPE loc;
	uint32_t last = 0;
	int tok;

	if (size > (1u << 20))
		return 0;
	if (cf_yylex_init_extra(&st, &scanner) != 0)
		return 0;
	bs = cf_yy_scan_bytes((const char *)data, (int)size, scanner);
	while ((tok = cf_yylex(&val, &loc, scanner)) != 0) {
		if (loc.start > loc.end || loc.end > size || loc.start < last)
			abort();
		last = loc.start;
	}
	cf_yy_delete_buffer(bs, scanner);
	cf_yylex_destroy(scanner);
	return 0;
}
