/*
 * srcmap.c -- sorted list of sync points; a lookup finds the last sync
 * line before the cf line and counts forward from it.
 */
#include <stdlib.h>
#include <string.h>

#include "srcmap.h"
#include "xmem.h"

struct sync {
	unsigned	 cfline;	/* line of the #line directive */
	unsigned	 n;		/* origin line of cfline + 1 */
	const char	*file;
};

struct srcmap {
	struct sync	*v;
	size_t		 n, cap;
	char		**names;
	size_t		 nnames;
};

struct srcmap *
srcmap_new(void)
{
	return xcalloc(1, sizeof(struct srcmap));
}

struct srcmap *
srcmap_free(struct srcmap *sm)
{
	size_t i;

	if (sm == NULL)
		return NULL;
	for (i = 0; i < sm->nnames; i++)
		free(sm->names[i]);
	free(sm->names);
	free(sm->v);
	free(sm);
	return NULL;
}

void
srcmap_add(struct srcmap *sm, unsigned cfline, unsigned n, const char *file,
    size_t filelen)
{
	const char *name = NULL;
	size_t i;

	if (file != NULL) {
		for (i = 0; i < sm->nnames; i++)
			if (strlen(sm->names[i]) == filelen &&
			    memcmp(sm->names[i], file, filelen) == 0)
				name = sm->names[i];
		if (name == NULL) {
			sm->names = xreallocarray(sm->names, sm->nnames + 1,
			    sizeof(char *));
			name = sm->names[sm->nnames++] = xstrndup(file, filelen);
		}
	} else if (sm->n > 0)
		name = sm->v[sm->n - 1].file;
	else
		return;
	if (sm->n == sm->cap) {
		sm->cap = sm->cap ? sm->cap * 2 : 64;
		sm->v = xreallocarray(sm->v, sm->cap, sizeof(*sm->v));
	}
	sm->v[sm->n].cfline = cfline;
	sm->v[sm->n].n = n;
	sm->v[sm->n].file = name;
	sm->n++;
}

bool
srcmap_lookup(const struct srcmap *sm, unsigned cfline, const char **file,
    unsigned *line)
{
	size_t lo = 0, hi;

	if (sm == NULL || sm->n == 0 || sm->v[0].cfline >= cfline)
		return false;
	hi = sm->n;
	while (hi - lo > 1) {	/* last entry with cfline < wanted */
		size_t mid = (lo + hi) / 2;

		if (sm->v[mid].cfline < cfline)
			lo = mid;
		else
			hi = mid;
	}
	*file = sm->v[lo].file;
	*line = sm->v[lo].n + (cfline - sm->v[lo].cfline - 1);
	return true;
}
