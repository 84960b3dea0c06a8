/*
 * map_db.h -- hash and btree maps over Berkeley DB (libdb 5.3), in the
 * file format sendmail's makemap writes.  All libdb specifics live in
 * map_db.c.
 */
#ifndef RT_MAP_DB_H
#define RT_MAP_DB_H

#include "map.h"

bool	 mapdb_open_hash(struct cf *cf, struct cf_map *m);
bool	 mapdb_open_btree(struct cf *cf, struct cf_map *m);
bool	 mapdb_open_implicit(struct cf *cf, struct cf_map *m);
char	*mapdb_lookup(struct map_ctx *ctx, struct cf_map *m, const char *key,
	    char **av, int *status);
void	 mapdb_close(struct cf_map *m);

#endif /* RT_MAP_DB_H */
