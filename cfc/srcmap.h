/*
 * srcmap.h -- maps lines of generated cf text back to .mc / .m4 lines,
 * from the `#line N "file"` sync lines GNU m4 -s writes.  The map owns
 * copies of the file names.
 */
#ifndef CFC_SRCMAP_H
#define CFC_SRCMAP_H

#include <stdbool.h>
#include <stddef.h>

struct srcmap;

struct srcmap *srcmap_new(void);
struct srcmap *srcmap_free(struct srcmap *sm);
/*
 * Record a sync line found at cf line cfline (1-based) saying that the
 * next line is line n of file (NULL: same file as before).
 */
void	srcmap_add(struct srcmap *sm, unsigned cfline, unsigned n,
	    const char *file, size_t filelen);
/* Origin of cf line cfline; false if no sync line precedes it. */
bool	srcmap_lookup(const struct srcmap *sm, unsigned cfline,
	    const char **file, unsigned *line);

#endif /* CFC_SRCMAP_H */
