/*
 * cfb_read.c -- check, verify and load a .cfb image.  Nothing in an
 * image is trusted before cfb_verify has checked the header field by
 * field, every section's bounds, every string reference, and every
 * instruction of every rule.  The image memory is never written to.
 */
#include <ctype.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cfb.h"
#include "cfb_ops.h"
#include "xmem.h"

bool
cfb_is_image(const void *p, size_t len)
{
	/* the first four bytes survive any newline damage */
	return len >= 4 && memcmp(p, "\x89" "CFB", 4) == 0;
}

static bool
fail(char *why, size_t whysz, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(why, whysz, fmt, ap);
	va_end(ap);
	return false;
}

static uint32_t
get32(const unsigned char *p)
{
	uint32_t v;
	memcpy(&v, p, 4);
	return v;
}

const char *
cfb_str(const struct cfb_image *img, uint32_t off)
{
	return img->strings + off;
}

static bool
str_ok(const struct cfb_image *img, uint32_t off)
{
	return off < img->strings_len;
}

static bool
verify_code(const struct cfb_image *img, const struct cfb_rule *r,
    char *why, size_t whysz, uint32_t ri)
{
	if (r->nlhs == 0 || r->nrhs == 0 ||
	    (uint64_t)r->code + r->nlhs + r->nrhs > img->ncode)
		return fail(why, whysz, "rule %u: code out of bounds", ri);
	const uint32_t *pc = img->code + r->code;
	int slots = 0;
	for (uint32_t i = 0; i < r->nlhs + r->nrhs; i++) {
		uint32_t w = pc[i];
		uint32_t op = w >> 24;
		bool lhs = i < r->nlhs;
		bool last = i == r->nlhs - 1 || i == r->nlhs + r->nrhs - 1;

		if (op >= NUM_OPS)
			return fail(why, whysz, "rule %u: bad opcode %u", ri, op);
		if ((op == OP_END) != last)
			return fail(why, whysz, "rule %u: misplaced END", ri);
		if (op != OP_END && lhs && !(op_flags[op] & OPF_LHS))
			return fail(why, whysz, "rule %u: %s in pattern", ri, op_name[op]);
		if (op != OP_END && !lhs && !(op_flags[op] & OPF_RHS))
			return fail(why, whysz, "rule %u: %s in replacement", ri, op_name[op]);
		switch (op) {
		case OP_MATCH_LIT:
		case OP_EMIT_LIT:
			if (!str_ok(img, CFB_GET_Bx(w)))
				return fail(why, whysz, "rule %u: string out of bounds", ri);
			break;
		case OP_MATCH_ZANY: case OP_MATCH_ANY: case OP_MATCH_ONE:
			if ((int)CFB_GET_A(w) != slots++ || slots > MAXMATCH)
				return fail(why, whysz, "rule %u: bad wildcard slot", ri);
			if (CFB_GET_B(w) != 0)
				return fail(why, whysz, "rule %u: bad operand", ri);
			break;
		case OP_MATCH_CLASS: case OP_MATCH_NCLASS:
			if ((int)CFB_GET_A(w) != slots++ || slots > MAXMATCH)
				return fail(why, whysz, "rule %u: bad wildcard slot", ri);
			FALLTHROUGH;
		case OP_MATCH_MACRO: case OP_EMIT_MACRO:
			if (CFB_GET_B(w) == 0 || CFB_GET_B(w) > 0xff)
				return fail(why, whysz, "rule %u: bad macro or class id", ri);
			break;
		case OP_EMIT_REPL:
			/* sendmail checks $n against the match list at run time */
			if (CFB_GET_B(w) != 0)
				return fail(why, whysz, "rule %u: bad operand", ri);
			break;
		case OP_RHS_CONT: case OP_RHS_RETURN:
			if (i != r->nlhs)
				return fail(why, whysz, "rule %u: misplaced prefix", ri);
			break;
		default:
			if ((w & 0xffffffu) != 0)
				return fail(why, whysz, "rule %u: bad operand", ri);
			break;
		}
	}
	if ((int)r->nfuzzy != slots)
		return fail(why, whysz, "rule %u: wildcard count mismatch", ri);
	return true;
}

bool
cfb_verify(const void *p, size_t len, struct cfb_image *img, char *why,
    size_t whysz)
{
	const unsigned char *b = p;

	memset(img, 0, sizeof(*img));
	if (len < 8)
		return fail(why, whysz, "truncated header");
	if (memcmp(b, CFB_MAGIC, 8) != 0) {
		if (memcmp(b, "\x89" "CFB\n\x1a\n", 7) == 0)
			return fail(why, whysz, "CRLF converted to LF (text-mode transfer)");
		if (memcmp(b, "\x89" "CFB\r\r\n", 7) == 0)
			return fail(why, whysz, "LF converted to CRLF (text-mode transfer)");
		if (b[0] == 0x09 && memcmp(b + 1, "CFB", 3) == 0)
			return fail(why, whysz, "high bit stripped (7-bit transfer)");
		return fail(why, whysz, "bad magic");
	}
	if (len < CFB_HDRSIZE)
		return fail(why, whysz, "truncated header");
	uint16_t maj, min;
	memcpy(&maj, b + 8, 2);
	memcpy(&min, b + 10, 2);
	if (get32(b + 12) != CFB_BYTEORDER)
		return fail(why, whysz, "byte order mismatch");
	if (maj != CFB_MAJOR)
		return fail(why, whysz, "version mismatch: image %u.%u, runtime %u.%u",
		    maj, min, CFB_MAJOR, CFB_MINOR);
	uint32_t hsize = get32(b + 16), total = get32(b + 20), nsec = get32(b + 24);
	if (total != len)
		return fail(why, whysz, total > len ? "truncated (%zu of %u bytes)" :
		    "trailing garbage (%zu bytes, header says %u)", len, total);
	if (nsec == 0 || nsec > 64 || hsize != CFB_HDRSIZE + 16 * nsec || hsize > len)
		return fail(why, whysz, "bad section table");
	if (cfb_crc32(b + hsize, len - hsize) != get32(b + 28))
		return fail(why, whysz, "checksum mismatch");
	memcpy(&img->srchash, b + 32, 8);
	memcpy(img->version, b + 40, 16);
	img->version[16] = '\0';
	img->flags = get32(b + 56);
	img->base = b;
	img->len = len;
	for (uint32_t i = 0; i < nsec; i++) {
		const struct cfb_secent *e = (const void *)(b + CFB_HDRSIZE + 16 * i);
		if (e->kind == 0 || e->kind >= CFB_SEC_MAX)
			continue;	/* unknown sections of a newer minor: skipped */
		if (img->sec[e->kind] != NULL)
			return fail(why, whysz, "duplicate section %u", e->kind);
		if (e->off < hsize || e->off % 8 != 0 || e->off > len ||
		    e->len > len - e->off)
			return fail(why, whysz, "section %u out of bounds", e->kind);
		img->sec[e->kind] = e;
	}
	for (int k = CFB_SEC_STRINGS; k < CFB_SEC_MAX; k++)
		if (img->sec[k] == NULL)
			return fail(why, whysz, "missing section %d", k);
#define SEC(k) (b + img->sec[k]->off)
#define CHECKSZ(k, T, n) \
	if ((uint64_t)(n) * sizeof(T) != img->sec[k]->len) \
		return fail(why, whysz, "section %d size mismatch", k)
	img->strings = (const char *)SEC(CFB_SEC_STRINGS);
	img->strings_len = img->sec[CFB_SEC_STRINGS]->len;
	if (img->strings_len == 0 || img->strings[img->strings_len - 1] != '\0')
		return fail(why, whysz, "string section not terminated");
	CHECKSZ(CFB_SEC_META, uint32_t, META_N);
	img->meta = (const uint32_t *)SEC(CFB_SEC_META);
	img->nevents = img->sec[CFB_SEC_EVENTS]->count;
	CHECKSZ(CFB_SEC_EVENTS, struct cfb_event, img->nevents);
	img->events = (const void *)SEC(CFB_SEC_EVENTS);
	img->nrules = img->sec[CFB_SEC_RULES]->count;
	CHECKSZ(CFB_SEC_RULES, struct cfb_rule, img->nrules);
	img->rules = (const void *)SEC(CFB_SEC_RULES);
	img->ncode = img->sec[CFB_SEC_CODE]->count;
	CHECKSZ(CFB_SEC_CODE, uint32_t, img->ncode);
	img->code = (const void *)SEC(CFB_SEC_CODE);
	img->nlinemap = img->sec[CFB_SEC_LINEMAP]->count;
	CHECKSZ(CFB_SEC_LINEMAP, struct cfb_linemap, img->nlinemap);
	img->linemap = (const void *)SEC(CFB_SEC_LINEMAP);
	img->nmsgs = img->sec[CFB_SEC_MESSAGES]->count;
	CHECKSZ(CFB_SEC_MESSAGES, struct cfb_msg, img->nmsgs);
	img->msgs = (const void *)SEC(CFB_SEC_MESSAGES);
	img->nmacnames = img->sec[CFB_SEC_MACNAMES]->count;
	CHECKSZ(CFB_SEC_MACNAMES, struct cfb_macname, img->nmacnames);
	img->macnames = (const void *)SEC(CFB_SEC_MACNAMES);
#undef SEC
#undef CHECKSZ

	if (!str_ok(img, img->meta[META_SRCPATH]) || !str_ok(img, img->meta[META_OPCHARS]))
		return fail(why, whysz, "bad metadata");
	if (img->meta[META_NEVENTS] != img->nevents || img->meta[META_NRULES] != img->nrules)
		return fail(why, whysz, "bad metadata counts");
	uint32_t lastline = 0, nextrule = 0;
	for (uint32_t i = 0; i < img->nevents; i++) {
		const struct cfb_event *ev = &img->events[i];
		if (!str_ok(img, ev->text) || ev->textlen >= img->strings_len - ev->text ||
		    img->strings[ev->text + ev->textlen] != '\0' ||
		    strlen(img->strings + ev->text) != ev->textlen)
			return fail(why, whysz, "event %u: bad text", i);
		if (ev->line < lastline || ev->line == 0)
			return fail(why, whysz, "event %u: line numbers out of order", i);
		lastline = ev->line;
		if (ev->kind != (unsigned char)img->strings[ev->text])
			return fail(why, whysz, "event %u: kind mismatch", i);
		if (ev->rule != CFB_NOREF) {
			if (ev->rule != nextrule++ || ev->kind != 'R')
				return fail(why, whysz, "event %u: bad rule reference", i);
			if (img->rules[ev->rule].line != ev->line)
				return fail(why, whysz, "event %u: rule line mismatch", i);
		}
	}
	if (nextrule != img->nrules)
		return fail(why, whysz, "unreferenced rules");
	for (uint32_t i = 0; i < img->nrules; i++)
		if (!verify_code(img, &img->rules[i], why, whysz, i))
			return false;
	for (uint32_t i = 0; i < img->nlinemap; i++)
		if (!str_ok(img, img->linemap[i].file))
			return fail(why, whysz, "line map %u: bad file", i);
	for (uint32_t i = 0; i < img->nmsgs; i++)
		if (!str_ok(img, img->msgs[i].text))
			return fail(why, whysz, "message %u: bad text", i);
	/* named[id / 64] bit id % 64: id has a name (or needs none) */
	uint64_t named[(MACID_MAX + 64) / 64] = { 0 };
	for (uint32_t id = 0; id < MACID_LONG_FIRST; id++)
		named[id / 64] |= (uint64_t)1 << (id % 64);
	named[MID_OPMODE / 64] |= (uint64_t)1 << (MID_OPMODE % 64);
	for (uint32_t i = 0; i < img->nmacnames; i++) {
		const struct cfb_macname *m = &img->macnames[i];
		if (m->id < MACID_LONG_FIRST || m->id > MACID_MAX ||
		    !str_ok(img, m->name) || img->strings[m->name] == '\0')
			return fail(why, whysz, "macro name %u: bad entry", i);
		named[m->id / 64] |= (uint64_t)1 << (m->id % 64);
	}
	/* every long macro or class id in the code must be named */
	for (uint32_t i = 0; i < img->ncode; i++) {
		uint32_t w = img->code[i], op = w >> 24;
		if (op == OP_MATCH_CLASS || op == OP_MATCH_NCLASS ||
		    op == OP_MATCH_MACRO || op == OP_EMIT_MACRO) {
			uint32_t id = CFB_GET_B(w);
			if (id > MACID_MAX || !(named[id / 64] >> (id % 64) & 1))
				return fail(why, whysz, "unnamed macro id %u in code", id);
		}
	}
	return true;
}

int
cfb_load(struct cf *cf, const char *path, const void *p, size_t len,
    char *why, size_t whysz)
{
	struct cfb_image img;
	bool relink_all = false, checked_tokens = false;

	(void)path;
	if (!cfb_verify(p, len, &img, why, whysz))
		return -1;
	cf->filename = cfb_str(&img, img.meta[META_SRCPATH]);
	/* the code refers to long names by id: give them the same ids here */
	for (uint32_t i = 0; i < img.nmacnames; i++)
		if (!rw_macnames_force(&cf->mn, (int)img.macnames[i].id,
		    cfb_str(&img, img.macnames[i].name)))
			relink_all = true;
	for (uint32_t i = 0; i < img.nevents; i++) {
		const struct cfb_event *ev = &img.events[i];
		const char *text = cfb_str(&img, ev->text);

		if (ev->rule != CFB_NOREF && cf->cur_ruleset >= 0 &&
		    !(img.rules[ev->rule].flags & CFB_RULE_RELINK)) {
			cf->lineno = (int)ev->line;
			cf_freeze_tokens(cf);
			if (!checked_tokens) {
				checked_tokens = true;
				relink_all = relink_all || strcmp(cf->opchars_used,
				    cfb_str(&img, img.meta[META_OPCHARS])) != 0 ||
				    cf->conflevel != (int)img.meta[META_CONFLEVEL];
			}
			if (!relink_all) {
				const struct cfb_rule *r = &img.rules[ev->rule];
				struct cf_rule cr;
				memset(&cr, 0, sizeof(cr));
				cr.lhs = img.code + r->code;
				cr.rhs = img.code + r->code + r->nlhs;
				cr.str = img.strings;
				cr.line = (int)r->line;
				cr.nfuzzy = (int)r->nfuzzy;
				cf_add_rule(cf, &cr);
				continue;
			}
		}
		cf_line(cf, text, ev->textlen, (int)ev->line);
	}
	cf->filename = NULL;
	return 0;
}
