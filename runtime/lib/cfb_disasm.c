/*
 * cfb_disasm.c -- human-readable listing of an image (cfc --disasm) and
 * cf text back from an image (cfc --decompile).  The decompiled text
 * puts every line at its original line number, so sendmail's own
 * messages about it name the same lines; it compiles to the same image.
 */
#include <stdio.h>
#include <string.h>

#include "cfb.h"
#include "cfb_ops.h"

static void
putstr(FILE *out, const char *s)
{
	putc('"', out);
	for (; *s; s++) {
		unsigned char c = (unsigned char)*s;
		if (c == '"' || c == '\\')
			fprintf(out, "\\%c", c);
		else if (c < 0x20 || c >= 0x7f)
			fprintf(out, "\\%03o", c);
		else
			putc(c, out);
	}
	putc('"', out);
}

static const char *
secname(uint32_t k)
{
	static const char *const n[] = { "?", "strings", "meta", "events",
	    "rules", "code", "linemap", "messages", "macnames" };
	return k < CFB_SEC_MAX ? n[k] : "?";
}

static const struct cfb_linemap *
origin(const struct cfb_image *img, uint32_t line)
{
	const struct cfb_linemap *best = NULL;
	for (uint32_t i = 0; i < img->nlinemap; i++)
		if (img->linemap[i].cf_line == line)
			best = &img->linemap[i];
	return best;
}

void
cfb_disasm(const struct cfb_image *img, FILE *out)
{
	fprintf(out, "; cfb image: format %u.%u, %zu bytes, built by %s\n",
	    CFB_MAJOR, CFB_MINOR, img->len, img->version);
	fprintf(out, "; source %s, hash %016llx%s\n",
	    cfb_str(img, img->meta[META_SRCPATH]),
	    (unsigned long long)img->srchash,
	    (img->flags & CFB_F_PERMISSIVE) ? ", permissive" : "");
	for (int k = 1; k < CFB_SEC_MAX; k++)
		fprintf(out, "; section %-8s offset %6u length %6u count %u\n",
		    secname((uint32_t)k), img->sec[k]->off, img->sec[k]->len,
		    img->sec[k]->count);
	fprintf(out, "; OperatorChars at first rule: ");
	putstr(out, cfb_str(img, img->meta[META_OPCHARS]));
	fprintf(out, ", config level %u\n", img->meta[META_CONFLEVEL]);
	for (uint32_t i = 0; i < img->nmacnames; i++)
		fprintf(out, "; macro id %u = {%s}\n", img->macnames[i].id,
		    cfb_str(img, img->macnames[i].name));
	for (uint32_t i = 0; i < img->nmsgs; i++)
		fprintf(out, "; message line %u: %s\n", img->msgs[i].line,
		    cfb_str(img, img->msgs[i].text));
	for (uint32_t i = 0; i < img->nevents; i++) {
		const struct cfb_event *ev = &img->events[i];
		const struct cfb_linemap *lm = origin(img, ev->line);

		fprintf(out, "\n%5u  %c  ", ev->line, ev->kind ? ev->kind : '?');
		putstr(out, cfb_str(img, ev->text));
		if (lm != NULL)
			fprintf(out, "   ; %s:%u", cfb_str(img, lm->file), lm->file_line);
		putc('\n', out);
		if (ev->rule == CFB_NOREF)
			continue;
		const struct cfb_rule *r = &img->rules[ev->rule];
		if (r->flags & CFB_RULE_RELINK)
			fprintf(out, "       ; relinked at load (read-time macros)\n");
		for (uint32_t j = 0; j < r->nlhs + r->nrhs; j++) {
			uint32_t w = img->code[r->code + j];
			enum opcode op = CFB_GET_OP(w);
			fprintf(out, "       %04u %s %-12s", r->code + j,
			    j < r->nlhs ? "L" : "R", op_name[op]);
			switch (op) {
			case OP_MATCH_LIT:
			case OP_EMIT_LIT:
				putc(' ', out);
				putstr(out, cfb_str(img, CFB_GET_Bx(w)));
				break;
			case OP_MATCH_ZANY: case OP_MATCH_ANY: case OP_MATCH_ONE:
				fprintf(out, " slot %u", CFB_GET_A(w) + 1);
				break;
			case OP_MATCH_CLASS: case OP_MATCH_NCLASS:
				fprintf(out, " slot %u class %u", CFB_GET_A(w) + 1, CFB_GET_B(w));
				break;
			case OP_MATCH_MACRO: case OP_EMIT_MACRO:
				fprintf(out, " macro %u", CFB_GET_B(w));
				break;
			case OP_EMIT_REPL:
				fprintf(out, " $%c", (int)CFB_GET_A(w));
				break;
			default:
				break;
			}
			putc('\n', out);
		}
	}
}

void
cfb_decompile(const struct cfb_image *img, FILE *out)
{
	uint32_t cur = 0;	/* physical lines written so far */

	for (uint32_t i = 0; i < img->nevents; i++) {
		const struct cfb_event *ev = &img->events[i];
		const char *t = cfb_str(img, ev->text);
		uint32_t nl = 0;

		for (const char *s = t; *s; s++)
			nl += *s == '\n';
		while (cur + 1 < ev->line - nl) {
			putc('\n', out);
			cur++;
		}
		fputs(t, out);
		putc('\n', out);
		cur += nl + 1;
	}
	fprintf(out, "#@cfc-source %s\n", cfb_str(img, img->meta[META_SRCPATH]));
}
