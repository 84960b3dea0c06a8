/*
 * t_cfb_verify.c -- the image verifier refuses every kind of damage with
 * its own reason, and accepts what the writer produces.  TAP output.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cf.h"
#include "cfb.h"
#include "cfb_ops.h"

static int ntest, nfail;

static void
ok(int cond, const char *name, const char *detail)
{
	ntest++;
	if (!cond)
		nfail++;
	printf("%sok %d - %s%s%s\n", cond ? "" : "not ", ntest, name,
	    detail ? ": " : "", detail ? detail : "");
}

static const char cftext[] =
    "V10/Berkeley\n"
    "DjMX.example.com\n"
    "S3\n"
    "R$* < $* > $*\t$2\n"
    "R$+ @ $=w\t$@ $1 < @ $2 >\n"
    "S0\n"
    "R$+\t$#local $: $1\n";

static void
quiet(void *a, enum rw_msgkind k, const char *t, const char *x)
{
	(void)a; (void)k; (void)t; (void)x;
}

static unsigned char *
build(size_t *len)
{
	struct rw_msgs out = { quiet, NULL };
	struct cf cf;
	struct cfb_writer *w = cfb_writer_new("test.cf", false);
	const char *p = cftext;
	int line = 0;

	cf_init(&cf, &out);
	cf.compile_only = true;
	while (*p) {
		const char *e = strchr(p, '\n');
		int before = cf.cur_ruleset >= 0 ? cf.rs[cf.cur_ruleset].n : 0;
		int cur = cf.cur_ruleset;
		line++;
		cf_line(&cf, p, (size_t)(e - p), line);
		if (cf.toks_frozen && line == 4)
			cfb_set_opchars(w, cf.opchars_used, cf.conflevel);
		const struct cf_rule *r = NULL;
		if (*p == 'R' && cur >= 0 && cf.rs[cur].n == before + 1)
			r = &cf.rs[cur].r[before];
		cfb_add_event(w, line, p, (size_t)(e - p), r, false);
		p = e + 1;
	}
	void *img = cfb_finish(w, len);
	cfb_writer_free(w);
	cf_fini(&cf);
	return img;
}

static void
recrc(unsigned char *b, size_t len)
{
	uint32_t hs, crc;
	memcpy(&hs, b + 16, 4);
	if (hs > len)
		return;
	crc = cfb_crc32(b + hs, len - hs);
	memcpy(b + 28, &crc, 4);
}

static void
expect(const unsigned char *b, size_t len, const char *name, const char *want)
{
	struct cfb_image img;
	char why[256] = "";
	bool r = cfb_verify(b, len, &img, why, sizeof(why));
	ok(!r && strstr(why, want) != NULL, name, why);
}

int
main(void)
{
	size_t len, len2;
	unsigned char *img = build(&len), *img2 = build(&len2);
	unsigned char *b = malloc(len + 16);
	struct cfb_image vi;
	char why[256];

	ok(len == len2 && memcmp(img, img2, len) == 0, "deterministic output", NULL);
	ok(cfb_verify(img, len, &vi, why, sizeof(why)), "fresh image verifies", why);
	ok(vi.nrules == 3, "three rules", NULL);

	expect(img, 5, "tiny file", "truncated header");
	expect(img, len - 8, "truncated body", "truncated");
	memcpy(b, img, len); memset(b + len, 0, 8);
	expect(b, len + 8, "trailing bytes", "trailing garbage");

	memcpy(b, img, len); b[1] = 'X';
	expect(b, len, "bad magic", "bad magic");
	/* CRLF -> LF conversion: "\r\n" becomes "\n", everything shifts */
	memcpy(b, "\x89" "CFB\n\x1a\n", 7); memcpy(b + 7, img + 8, len - 8);
	expect(b, len - 1, "CRLF damage", "CRLF converted to LF");
	memcpy(b, img, len); b[0] &= 0x7f;
	expect(b, len, "7-bit damage", "high bit stripped");
	memcpy(b, img, len); b[8] = 9;
	expect(b, len, "future major version", "version mismatch");
	memcpy(b, img, len); { uint32_t x = 0x04030201; memcpy(b + 12, &x, 4); }
	expect(b, len, "byte order", "byte order");
	memcpy(b, img, len); b[len - 20] ^= 0x10;
	expect(b, len, "bit flip in body", "checksum");

	/* semantic damage with a valid checksum: the verifier proper */
	struct cfb_image im;
	cfb_verify(img, len, &im, why, sizeof(why));
	size_t code_off = (size_t)((const unsigned char *)im.code - img);
	memcpy(b, img, len);
	{ uint32_t w = CFB_MK_AB(200, 0, 0); memcpy(b + code_off, &w, 4); }
	recrc(b, len);
	expect(b, len, "opcode out of range", "bad opcode");
	memcpy(b, img, len);
	{ uint32_t w = CFB_MK_Bx(OP_MATCH_LIT, 0xffffff); memcpy(b + code_off, &w, 4); }
	recrc(b, len);
	expect(b, len, "string reference out of bounds", "string out of bounds");
	memcpy(b, img, len);
	{ uint32_t w = CFB_MK_AB(OP_EMIT_LIT, 0, 0); memcpy(b + code_off, &w, 4); }
	recrc(b, len);
	expect(b, len, "replacement op in a pattern", "in pattern");
	memcpy(b, img, len);
	{ uint32_t w = CFB_MK_AB(OP_MATCH_ZERO, 0, 0);
	  /* overwrite every END of rule 0 so the program runs off its end */
	  for (uint32_t i = 0; i < im.rules[0].nlhs + im.rules[0].nrhs; i++)
		memcpy(b + code_off + 4 * (im.rules[0].code + i), &w, 4); }
	recrc(b, len);
	expect(b, len, "missing END", "END");
	memcpy(b, img, len);
	{ size_t roff = (size_t)((const unsigned char *)im.rules - img);
	  uint32_t big = 1000000; memcpy(b + roff + 8, &big, 4); }
	recrc(b, len);
	expect(b, len, "code index out of bounds", "code out of bounds");
	memcpy(b, img, len);
	{ size_t eoff = (size_t)((const unsigned char *)im.events - img);
	  uint32_t big = 0x7fffffff; memcpy(b + eoff + 8, &big, 4); }
	recrc(b, len);
	expect(b, len, "event text out of bounds", "bad text");
	memcpy(b, img, len);
	{ uint32_t hs = 0; memcpy(&hs, b + 16, 4);
	  uint32_t off = (uint32_t)len; memcpy(b + 64 + 4, &off, 4); }
	recrc(b, len);
	expect(b, len, "section out of bounds", "out of bounds");

	/* every single-byte corruption is either refused or harmless */
	int crashes = 0;
	for (size_t i = 0; i < len; i++) {
		memcpy(b, img, len);
		b[i] ^= 0xff;
		recrc(b, len);
		struct cfb_image x;
		(void)cfb_verify(b, len, &x, why, sizeof(why));
	}
	ok(crashes == 0, "all single-byte corruptions handled", NULL);

	printf("1..%d\n", ntest);
	free(b);
	free(img);
	free(img2);
	return nfail != 0;
}
