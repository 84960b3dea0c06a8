/*
 * rw_class.c -- class membership table.
 */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "rw_class.h"
#include "xmem.h"

#define STABSIZE	2003
#define ST_CLASS	1

uint32_t
rw_stab_bucket(int type, const char *name)
{
	int h = type;

	for (const char *p = name; *p; p++) {
		int c = *p;	/* plain char, as sendmail hashes it */

		if (isascii(c) && isupper(c))
			c = tolower(c);
		h = ((h << 1) ^ (c & 0377)) % STABSIZE;
	}
	return (uint32_t)h;
}

/* ASCII case folding, as tolower and strcasecmp do it in the C locale */
#define FOLD(c)	((unsigned)(c) - 'A' < 26u ? (unsigned)(c) + 32 : (unsigned)(c))

static uint32_t
foldhash(const char *s)
{
	return rw_class_hash(RW_CLASS_HASH0, s);
}

void
rw_classes_init(struct rw_classes *c)
{
	memset(c, 0, sizeof(*c));
}

void
rw_classes_fini(struct rw_classes *c)
{
	for (uint32_t i = 0; i < c->n; i++)
		free(c->w[i].name);
	free(c->w);
	free(c->index);
	free(c->pfx);
	memset(c, 0, sizeof(*c));
}

static int
foldcmp(const char *a, const char *b)
{
	return strcasecmp(a, b);
}

static int64_t
lookup(const struct rw_classes *c, const char *word, uint32_t h)
{
	if (c->index == NULL)
		return -1;
	for (uint32_t i = h & c->mask;; i = (i + 1) & c->mask) {
		uint32_t v = c->index[i];

		if (v == 0)
			return -1;
		if (c->w[v - 1].hash == h && foldcmp(c->w[v - 1].name, word) == 0)
			return (int64_t)(v - 1);
	}
}

static void
rehash(struct rw_classes *c, uint32_t size)
{
	free(c->index);
	c->index = xcalloc(size, sizeof(uint32_t));
	c->mask = size - 1;
	for (uint32_t k = 0; k < c->n; k++) {
		uint32_t i = c->w[k].hash & c->mask;

		while (c->index[i] != 0)
			i = (i + 1) & c->mask;
		c->index[i] = k + 1;
	}
}

static struct rw_classword *
enter(struct rw_classes *c, const char *word)
{
	uint32_t h = foldhash(word);
	int64_t at = lookup(c, word, h);

	if (at >= 0)
		return &c->w[at];
	if (c->n == c->cap) {
		c->cap = c->cap ? c->cap * 2 : 64;
		c->w = xreallocarray(c->w, c->cap, sizeof(*c->w));
	}
	struct rw_classword *w = &c->w[c->n++];
	memset(w, 0, sizeof(*w));
	w->name = xstrdup(word);
	w->seq = c->seq++;
	w->hash = h;
	w->bucket = rw_stab_bucket(ST_CLASS, word);
	if (c->index == NULL || c->n * 2 > c->mask + 1)
		rehash(c, c->index ? (c->mask + 1) * 2 : 256);
	else {
		uint32_t i = h & c->mask;

		while (c->index[i] != 0)
			i = (i + 1) & c->mask;
		c->index[i] = c->n;
	}
	return w;
}

/*
 * The prefix filter starts small (it is probed at random while
 * matching, so it should stay in cache) and grows, rebuilt from the
 * word table, to keep under one bit in 16 per entered pair.
 */
#define PFX_MINBITS	(1u << 15)
#define PFX_MAXBITS	(1u << 24)

static void
pfx_set(struct rw_classes *c, uint64_t key)
{
	uint32_t a = (uint32_t)key & c->pfxmask;
	uint32_t b = (uint32_t)(key >> 32) & c->pfxmask;

	c->pfx[a >> 6] |= (uint64_t)1 << (a & 63);
	c->pfx[b >> 6] |= (uint64_t)1 << (b & 63);
}

static uint64_t
pfx_key(uint32_t h, int cls)
{
	uint64_t k = ((uint64_t)h << 8 | (uint64_t)cls) * 0x9E3779B97F4A7C15ull;
	return k ^ (k >> 29);
}

static void
pfx_enter(struct rw_classes *c, int cls, const char *word)
{
	uint32_t h = 2166136261u;

	for (const char *s = word; *s; s++) {
		h = (h ^ FOLD((unsigned char)*s)) * 16777619u;
		pfx_set(c, pfx_key(h, cls));
		c->npfx++;
	}
}

/* record every prefix of word for class cls */
static void
pfx_add(struct rw_classes *c, int cls, const char *word)
{
	size_t need = strlen(word);

	if (c->pfx == NULL) {
		c->pfxmask = PFX_MINBITS - 1;
		c->pfx = xcalloc(PFX_MINBITS / 64, sizeof(uint64_t));
	}
	if ((uint64_t)(c->npfx + need) * 16 > (uint64_t)c->pfxmask + 1 &&
	    c->pfxmask + 1 < PFX_MAXBITS) {
		uint32_t bits = (c->pfxmask + 1) * 8;
		while ((uint64_t)(c->npfx + need) * 16 > bits && bits < PFX_MAXBITS)
			bits *= 8;
		if (bits > PFX_MAXBITS)
			bits = PFX_MAXBITS;
		free(c->pfx);
		c->pfx = xcalloc(bits / 64, sizeof(uint64_t));
		c->pfxmask = bits - 1;
		c->npfx = 0;
		for (uint32_t i = 0; i < c->n; i++)
			for (int k = 0; k < 256; k++)
				if ((c->w[i].bits[k >> 6] >> (k & 63)) & 1)
					pfx_enter(c, k, c->w[i].name);
	}
	pfx_enter(c, cls, word);
}

bool
rw_class_maybe_prefix(const struct rw_classes *c, int cls, const char *word)
{
	return rw_class_maybe_prefix_h(c, cls, foldhash(word));
}

bool
rw_class_maybe_prefix_h(const struct rw_classes *c, int cls, uint32_t h)
{
	if (c->pfx == NULL)
		return false;
	uint64_t key = pfx_key(h, cls & 0xff);
	uint32_t a = (uint32_t)key & c->pfxmask;
	uint32_t b = (uint32_t)(key >> 32) & c->pfxmask;
	return ((c->pfx[a >> 6] >> (a & 63)) & 1) && ((c->pfx[b >> 6] >> (b & 63)) & 1);
}

void
rw_class_add(struct rw_classes *c, int cls, const char *word)
{
	struct rw_classword *w = enter(c, word);

	cls &= 0xff;
	pfx_add(c, cls, word);
	w->bits[cls >> 6] |= (uint64_t)1 << (cls & 63);
	c->used[cls >> 6] |= (uint64_t)1 << (cls & 63);
}

bool
rw_class_has(const struct rw_classes *c, int cls, const char *word)
{
	int64_t at = lookup(c, word, foldhash(word));

	cls &= 0xff;
	return at >= 0 && (c->w[at].bits[cls >> 6] >> (cls & 63)) & 1;
}

bool
rw_class_probe(const struct rw_classes *c, int cls, const char *word,
    uint32_t h, bool *prefix)
{
	bool pfx = false;

	cls &= 0xff;
	if (prefix != NULL && c->pfx != NULL) {
		/* rw_class_maybe_prefix: its hash is foldhash */
		uint64_t key = pfx_key(h, cls);
		uint32_t a = (uint32_t)key & c->pfxmask;
		uint32_t b = (uint32_t)(key >> 32) & c->pfxmask;
		pfx = ((c->pfx[a >> 6] >> (a & 63)) & 1) &&
		    ((c->pfx[b >> 6] >> (b & 63)) & 1);
		/* a member is a prefix of itself (pfx_add enters the
		 * whole word): not even that, no lookup */
		if (!pfx) {
			*prefix = false;
			return false;
		}
	}
	int64_t at = lookup(c, word, h);
	if (at >= 0 && (c->w[at].bits[cls >> 6] >> (cls & 63)) & 1)
		return true;
	if (prefix != NULL)
		*prefix = pfx;
	return false;
}

bool
rw_class_nonempty(const struct rw_classes *c, int cls)
{
	cls &= 0xff;
	return (c->used[cls >> 6] >> (cls & 63)) & 1;
}

void
rw_class_copy(struct rw_classes *c, int src, int dst)
{
	src &= 0xff;
	dst &= 0xff;
	for (uint32_t i = 0; i < c->n; i++)
		if ((c->w[i].bits[src >> 6] >> (src & 63)) & 1) {
			pfx_add(c, dst, c->w[i].name);
			c->w[i].bits[dst >> 6] |= (uint64_t)1 << (dst & 63);
			c->used[dst >> 6] |= (uint64_t)1 << (dst & 63);
		}
}

static int
dumporder(const void *a, const void *b)
{
	const struct rw_classword *x = *(const struct rw_classword *const *)a;
	const struct rw_classword *y = *(const struct rw_classword *const *)b;

	if (x->bucket != y->bucket)
		return x->bucket < y->bucket ? -1 : 1;
	return x->seq < y->seq ? -1 : x->seq > y->seq;
}

void
rw_class_dump(const struct rw_classes *c, int cls,
    void (*fn)(void *arg, const char *word), void *arg)
{
	const struct rw_classword **v;
	uint32_t n = 0;

	cls &= 0xff;
	v = xcalloc(c->n + 1, sizeof(*v));
	for (uint32_t i = 0; i < c->n; i++)
		if ((c->w[i].bits[cls >> 6] >> (cls & 63)) & 1)
			v[n++] = &c->w[i];
	qsort(v, n, sizeof(*v), dumporder);
	for (uint32_t i = 0; i < n; i++)
		fn(arg, v[i]->name);
	free(v);
}
