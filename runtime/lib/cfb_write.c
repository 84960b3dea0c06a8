/*
 * cfb_write.c -- serialize a configuration into the .cfb layout
 * described in cfb.h.  Output depends only on the input: strings are
 * interned in first-use order, no time stamps, no pointers.
 */
#include <stdlib.h>
#include <string.h>

#include "cfb.h"
#include "cfb_ops.h"
#include "xmem.h"

struct vec {
	unsigned char	*p;
	size_t		 len, cap;
};

static void
vec_add(struct vec *v, const void *p, size_t n)
{
	if (v->len + n > v->cap) {
		while (v->len + n > v->cap)
			v->cap = v->cap ? v->cap * 2 : 256;
		v->p = xrealloc(v->p, v->cap);
	}
	memcpy(v->p + v->len, p, n);
	v->len += n;
}

struct strent {
	uint32_t	off;
	uint32_t	len;
	uint64_t	hash;
};

struct cfb_writer {
	struct vec	 strings, events, rules, code, linemap, msgs, macnames;
	struct strent	*tab;		/* open addressing */
	size_t		 tabsz, ntab;
	uint32_t	 nevents, nrules, nlinemap, nmsgs, nmacnames;
	uint32_t	 meta[META_N];
	uint32_t	 flags;
	uint64_t	 srchash;
};

static uint64_t
fnv(uint64_t h, const void *p, size_t n)
{
	const unsigned char *s = p;
	for (size_t i = 0; i < n; i++)
		h = (h ^ s[i]) * 1099511628211ull;
	return h;
}

static uint32_t
intern(struct cfb_writer *w, const char *s, size_t n)
{
	uint64_t h = fnv(14695981039346656037ull, s, n);

	if (w->ntab * 2 >= w->tabsz) {
		size_t nsz = w->tabsz ? w->tabsz * 2 : 1024;
		struct strent *nt = xcalloc(nsz, sizeof(*nt));
		for (size_t i = 0; i < w->tabsz; i++) {
			if (w->tab[i].len == 0 && w->tab[i].off == 0)
				continue;
			size_t j = w->tab[i].hash & (nsz - 1);
			while (nt[j].off != 0 || nt[j].len != 0)
				j = (j + 1) & (nsz - 1);
			nt[j] = w->tab[i];
		}
		free(w->tab);
		w->tab = nt;
		w->tabsz = nsz;
	}
	size_t j = h & (w->tabsz - 1);
	while (w->tab[j].off != 0 || w->tab[j].len != 0) {
		if (w->tab[j].hash == h && w->tab[j].len == n + 1 &&
		    memcmp(w->strings.p + w->tab[j].off, s, n) == 0)
			return w->tab[j].off;
		j = (j + 1) & (w->tabsz - 1);
	}
	uint32_t off = (uint32_t)w->strings.len;
	vec_add(&w->strings, s, n);
	vec_add(&w->strings, "", 1);
	w->tab[j].off = off;
	w->tab[j].len = (uint32_t)n + 1;
	w->tab[j].hash = h;
	w->ntab++;
	return off;
}

struct cfb_writer *
cfb_writer_new(const char *srcpath, bool permissive)
{
	struct cfb_writer *w = xcalloc(1, sizeof(*w));

	vec_add(&w->strings, "", 1);	/* offset 0: the empty string */
	w->meta[META_SRCPATH] = intern(w, srcpath, strlen(srcpath));
	w->meta[META_OPCHARS] = 0;
	w->flags = permissive ? CFB_F_PERMISSIVE : 0;
	w->srchash = 14695981039346656037ull;
	return w;
}

struct cfb_writer *
cfb_writer_free(struct cfb_writer *w)
{
	if (w == NULL)
		return NULL;
	free(w->strings.p); free(w->events.p); free(w->rules.p);
	free(w->code.p); free(w->linemap.p); free(w->msgs.p);
	free(w->macnames.p);
	free(w->tab);
	free(w);
	return NULL;
}

void
cfb_set_opchars(struct cfb_writer *w, const char *opchars, int conflevel)
{
	w->meta[META_OPCHARS] = intern(w, opchars, strlen(opchars));
	w->meta[META_CONFLEVEL] = (uint32_t)conflevel;
}

void
cfb_add_event(struct cfb_writer *w, int line, const char *text, size_t len,
    const struct cf_rule *rule, bool relink)
{
	struct cfb_event ev;
	uint32_t l = (uint32_t)line;

	ev.line = l;
	ev.kind = len > 0 ? (unsigned char)text[0] : 0;
	ev.text = intern(w, text, len);
	ev.textlen = (uint32_t)len;
	ev.rule = CFB_NOREF;
	w->srchash = fnv(w->srchash, &l, sizeof(l));
	w->srchash = fnv(w->srchash, text, len);
	w->srchash = fnv(w->srchash, "\n", 1);
	if (rule != NULL) {
		struct cfb_rule r;
		const uint32_t *pc;
		uint32_t nl = 0, nr = 0;

		memset(&r, 0, sizeof(r));
		r.line = l;
		r.code = (uint32_t)(w->code.len / sizeof(uint32_t));
		r.nfuzzy = (uint32_t)rule->nfuzzy;
		r.flags = relink ? CFB_RULE_RELINK : 0;
		for (pc = rule->lhs;; pc++) {
			uint32_t word = *pc;
			enum opcode op = CFB_GET_OP(word);
			if (op == OP_MATCH_LIT)
				word = CFB_MK_Bx(op, intern(w, rule->str + CFB_GET_Bx(word),
				    strlen(rule->str + CFB_GET_Bx(word))));
			vec_add(&w->code, &word, sizeof(word));
			nl++;
			if (op == OP_END)
				break;
		}
		for (pc = rule->rhs;; pc++) {
			uint32_t word = *pc;
			enum opcode op = CFB_GET_OP(word);
			if (op == OP_EMIT_LIT)
				word = CFB_MK_Bx(op, intern(w, rule->str + CFB_GET_Bx(word),
				    strlen(rule->str + CFB_GET_Bx(word))));
			vec_add(&w->code, &word, sizeof(word));
			nr++;
			if (op == OP_END)
				break;
		}
		r.nlhs = nl;
		r.nrhs = nr;
		ev.rule = w->nrules++;
		vec_add(&w->rules, &r, sizeof(r));
	}
	vec_add(&w->events, &ev, sizeof(ev));
	w->nevents++;
}

void
cfb_add_linemap(struct cfb_writer *w, int cf_line, const char *file,
    int file_line)
{
	struct cfb_linemap lm = { (uint32_t)cf_line, intern(w, file, strlen(file)),
	    (uint32_t)file_line };
	vec_add(&w->linemap, &lm, sizeof(lm));
	w->nlinemap++;
}

void
cfb_add_message(struct cfb_writer *w, int line, const char *text)
{
	struct cfb_msg m = { (uint32_t)line, intern(w, text, strlen(text)) };
	vec_add(&w->msgs, &m, sizeof(m));
	w->nmsgs++;
}

void
cfb_add_macname(struct cfb_writer *w, int id, const char *name)
{
	struct cfb_macname m = { (uint32_t)id, intern(w, name, strlen(name)) };
	vec_add(&w->macnames, &m, sizeof(m));
	w->nmacnames++;
}

static void
put32(unsigned char *p, uint32_t v)
{
	memcpy(p, &v, 4);
}

void *
cfb_finish(struct cfb_writer *w, size_t *lenp)
{
	struct { uint32_t kind; struct vec *v; uint32_t count; } secs[] = {
		{ CFB_SEC_STRINGS, &w->strings, 0 },
		{ CFB_SEC_META, NULL, META_N },
		{ CFB_SEC_EVENTS, &w->events, w->nevents },
		{ CFB_SEC_RULES, &w->rules, w->nrules },
		{ CFB_SEC_CODE, &w->code, 0 },
		{ CFB_SEC_LINEMAP, &w->linemap, w->nlinemap },
		{ CFB_SEC_MESSAGES, &w->msgs, w->nmsgs },
		{ CFB_SEC_MACNAMES, &w->macnames, w->nmacnames },
	};
	const uint32_t nsec = sizeof(secs) / sizeof(secs[0]);
	struct vec out = { NULL, 0, 0 };
	unsigned char hdr[CFB_HDRSIZE];
	uint32_t hsize = CFB_HDRSIZE + 16 * nsec;

	w->meta[META_NEVENTS] = w->nevents;
	w->meta[META_NRULES] = w->nrules;
	secs[4].count = (uint32_t)(w->code.len / 4);
	secs[0].count = (uint32_t)w->strings.len;
	memset(hdr, 0, sizeof(hdr));
	vec_add(&out, hdr, sizeof(hdr));
	for (uint32_t i = 0; i < nsec; i++) {
		unsigned char ent[16];
		memset(ent, 0, sizeof(ent));
		vec_add(&out, ent, sizeof(ent));
	}
	for (uint32_t i = 0; i < nsec; i++) {
		static const unsigned char zero[8];
		const void *data = secs[i].v ? secs[i].v->p : (const void *)w->meta;
		size_t len = secs[i].v ? secs[i].v->len : sizeof(w->meta);
		if (out.len % 8)
			vec_add(&out, zero, 8 - out.len % 8);
		uint32_t off = (uint32_t)out.len;
		if (len > 0)
			vec_add(&out, data, len);
		unsigned char *ent = out.p + CFB_HDRSIZE + 16 * i;
		put32(ent, secs[i].kind);
		put32(ent + 4, off);
		put32(ent + 8, (uint32_t)len);
		put32(ent + 12, secs[i].count);
	}
	{
		static const unsigned char zero[8];
		if (out.len % 8)
			vec_add(&out, zero, 8 - out.len % 8);
	}
	unsigned char *h = out.p;
	memcpy(h, CFB_MAGIC, 8);
	uint16_t maj = CFB_MAJOR, min = CFB_MINOR;
	memcpy(h + 8, &maj, 2);
	memcpy(h + 10, &min, 2);
	put32(h + 12, CFB_BYTEORDER);
	put32(h + 16, hsize);
	put32(h + 20, (uint32_t)out.len);
	put32(h + 24, nsec);
	memcpy(h + 32, &w->srchash, 8);
	strncpy((char *)h + 40, CFC_VERSION, 16);
	put32(h + 56, w->flags);
	put32(h + 28, cfb_crc32(out.p + hsize, out.len - hsize));
	*lenp = out.len;
	return out.p;
}

/*
 * CRC-32 (IEEE 802.3, reflected, as zlib's crc32), eight bytes per step
 * ("slicing by 8": table k gives the CRC of a byte followed by k zero
 * bytes, so the eight lookups of a step are independent of each other
 * instead of a chain of eight dependent ones).  The image loader checks
 * every image with it: at one byte per step it was a third of the time
 * of loading a 50 KB image.
 */
uint32_t
cfb_crc32(const void *p, size_t len)
{
	static uint32_t t[8][256];
	static int init;
	const unsigned char *s = p;
	uint32_t c = 0xffffffffu;

	if (!init) {
		for (uint32_t i = 0; i < 256; i++) {
			uint32_t k = i;
			for (int j = 0; j < 8; j++)
				k = k & 1 ? 0xedb88320u ^ (k >> 1) : k >> 1;
			t[0][i] = k;
		}
		for (int j = 1; j < 8; j++)
			for (uint32_t i = 0; i < 256; i++)
				t[j][i] = (t[j - 1][i] >> 8) ^ t[0][t[j - 1][i] & 0xff];
		init = 1;
	}
	for (; len >= 8; s += 8, len -= 8) {
		uint32_t a = c ^ ((uint32_t)s[0] | (uint32_t)s[1] << 8 |
		    (uint32_t)s[2] << 16 | (uint32_t)s[3] << 24);
		c = t[7][a & 0xff] ^ t[6][(a >> 8) & 0xff] ^
		    t[5][(a >> 16) & 0xff] ^ t[4][a >> 24] ^
		    t[3][s[4]] ^ t[2][s[5]] ^ t[1][s[6]] ^ t[0][s[7]];
	}
	while (len-- > 0)
		c = t[0][(c ^ *s++) & 0xff] ^ (c >> 8);
	return c ^ 0xffffffffu;
}
