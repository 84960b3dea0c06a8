/*
 * rw_class.h -- word classes ($=X).
 * One table holds every word of every class with a 256-bit membership set,
 * matched case-insensitively.  Dumps list members in the order sendmail's
 * symbol table would (hash bucket, then first insertion), so "$=w" in
 * address test mode prints the same lines in the same order.
 */
#ifndef RT_RW_CLASS_H
#define RT_RW_CLASS_H

#include <stdbool.h>
#include <stdint.h>

struct rw_classword {
	char		*name;		/* spelling of the first insertion */
	uint32_t	 seq;		/* global insertion order */
	uint32_t	 bucket;	/* sendmail symbol-table bucket */
	uint32_t	 hash;		/* our hash of the folded name */
	uint64_t	 bits[4];
};

struct rw_classes {
	struct rw_classword	*w;
	uint32_t		 n, cap;
	uint32_t		*index;		/* open addressing, size mask+1 */
	uint32_t		 mask;
	uint32_t		 seq;
	uint64_t		 used[4];	/* classes with at least one word */
	uint64_t		*pfx;		/* Bloom filter of (class, prefix) */
	uint32_t		 pfxmask;	/* its size in bits - 1 */
	uint32_t		 npfx;		/* (class, prefix) pairs entered */
};

void	rw_classes_init(struct rw_classes *c);
void	rw_classes_fini(struct rw_classes *c);
void	rw_class_add(struct rw_classes *c, int cls, const char *word);
bool	rw_class_has(const struct rw_classes *c, int cls, const char *word);
void	rw_class_copy(struct rw_classes *c, int src, int dst);
/*
 * False when no member of cls starts with word (ignoring case): a $=
 * binding that spells word cannot be extended into a member.  May be
 * true wrongly (a Bloom filter), never false wrongly.
 */
bool	rw_class_maybe_prefix(const struct rw_classes *c, int cls,
	    const char *word);
/* rw_class_maybe_prefix of the word whose rw_class_hash is h */
bool	rw_class_maybe_prefix_h(const struct rw_classes *c, int cls,
	    uint32_t h);
/*
 * The hash of the words' table: FNV-1a of the bytes folded to lower case
 * (ASCII, as strcasecmp in the C locale); a word's is
 * rw_class_hash(RW_CLASS_HASH0, word), and the hash of a word that
 * starts with w continues from w's.
 */
#define RW_CLASS_HASH0	2166136261u
/* rw_class_hash continued over the byte c */
static inline uint32_t
rw_class_hashc(uint32_t h, unsigned c)
{
	c &= 0xff;
	return (h ^ (c - 'A' < 26u ? c + 32 : c)) * 16777619u;
}
static inline uint32_t
rw_class_hash(uint32_t h, const char *s)
{
	for (; *s != '\0'; s++)
		h = rw_class_hashc(h, (unsigned char)*s);
	return h;
}
/* rw_class_has, and when word is not a member and prefix is not NULL,
 * rw_class_maybe_prefix into *prefix: one hash of word for both (h,
 * its rw_class_hash, which a caller extending a word keeps) */
bool	rw_class_probe(const struct rw_classes *c, int cls, const char *word,
	    uint32_t h, bool *prefix);
bool	rw_class_nonempty(const struct rw_classes *c, int cls);
/* Calls fn for each member of cls in sendmail's dump order. */
void	rw_class_dump(const struct rw_classes *c, int cls,
	    void (*fn)(void *arg, const char *word), void *arg);
/* sendmail's symbol-table bucket for (type, name) */
uint32_t rw_stab_bucket(int type, const char *name);

#endif /* RT_RW_CLASS_H */
