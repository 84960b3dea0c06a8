/*
 * arena.h -- bump allocator: one arena per compilation holds the AST and
 * everything the checks build; arena_free releases it all at once.
 */
#ifndef CFC_ARENA_H
#define CFC_ARENA_H

#include <stddef.h>

struct arena;

struct arena *arena_new(void);
struct arena *arena_free(struct arena *a);	/* returns NULL */
void	*arena_alloc(struct arena *a, size_t n);	/* zeroed, never NULL */
char	*arena_strndup(struct arena *a, const char *s, size_t n);

#endif /* CFC_ARENA_H */
