/*
 * arena.c -- chunked bump allocator; the arena owns every block.
 */
#include <stdlib.h>
#include <string.h>

#include "arena.h"
#include "xmem.h"

struct chunk {
	struct chunk	*next;
	size_t		 used, size;
	_Alignas(16) unsigned char data[];
};

struct arena {
	struct chunk	*head;
};

struct arena *
arena_new(void)
{
	return xcalloc(1, sizeof(struct arena));
}

struct arena *
arena_free(struct arena *a)
{
	struct chunk *c, *n;

	if (a == NULL)
		return NULL;
	for (c = a->head; c != NULL; c = n) {
		n = c->next;
		free(c);
	}
	free(a);
	return NULL;
}

void *
arena_alloc(struct arena *a, size_t n)
{
	struct chunk *c = a->head;
	void *p;

	n = (n + 15) & ~(size_t)15;
	if (c == NULL || c->size - c->used < n) {
		size_t sz = n > 65536 ? n : 65536;

		c = xmalloc(sizeof(*c) + sz);
		c->size = sz;
		c->used = 0;
		c->next = a->head;
		a->head = c;
	}
	p = c->data + c->used;
	c->used += n;
	memset(p, 0, n);
	return p;
}

char *
arena_strndup(struct arena *a, const char *s, size_t n)
{
	char *p = arena_alloc(a, n + 1);

	memcpy(p, s, n);
	p[n] = '\0';
	return p;
}
