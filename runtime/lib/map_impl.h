/*
 * map_impl.h -- private interface between map.c (the K-line core and the
 * class table) and the class back ends in map_*.c.  Nothing outside the
 * map modules includes it.
 */
#ifndef RT_MAP_IMPL_H
#define RT_MAP_IMPL_H

#include <stdbool.h>

#include "map.h"

#define MAP_ISSPACE(c)	(isascii((unsigned char)(c)) && isspace((unsigned char)(c)))
#define MAXMAPSTACK	12

/* a map error outside readcf: no "file: line N:" prefix (sendmail's syserr) */
void	 map_syserr(struct cf *cf, int err, const char *fmt, ...)
    PRINTF_LIKE(3, 4);
/* sendmail's map_parseargs; optfile: the class needs no file name */
bool	 map_parseargs(struct cf *cf, struct cf_map *m, char *p, bool optfile);
/* lower-case ASCII in place (sendmail's makelower) */
void	 map_makelower(char *s);
/* sendmail's get_column: column col of line split at delim ('\0': blanks) */
char	*map_get_column(const char *line, int col, int delim, char *buf,
	    size_t buflen);

/* map_text.c: text and stab */
bool	 text_open(struct cf *cf, struct cf_map *m);
char	*text_lookup(struct map_ctx *ctx, struct cf_map *m, const char *key,
	    char **av, int *statp);
bool	 stab_open(struct cf *cf, struct cf_map *m);
char	*stab_lookup(struct map_ctx *ctx, struct cf_map *m, const char *key,
	    char **av, int *statp);
void	 stab_close(struct cf_map *m);

/* map_seq.c: sequence and switch */
bool	 seq_parse(struct cf *cf, struct cf_map *m, char *args);
bool	 switch_open(struct cf *cf, struct cf_map *m);
char	*seq_lookup(struct map_ctx *ctx, struct cf_map *m, const char *key,
	    char **av, int *statp);

/* map_prog.c: program */
char	*prog_lookup(struct map_ctx *ctx, struct cf_map *m, const char *key,
	    char **av, int *statp);

/* map_regex.c: regex */
bool	 regex_parse(struct cf *cf, struct cf_map *m, char *args);
char	*regex_lookup(struct map_ctx *ctx, struct cf_map *m, const char *key,
	    char **av, int *statp);
void	 regex_close(struct cf_map *m);

#endif /* RT_MAP_IMPL_H */
