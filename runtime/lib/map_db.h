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

/*
 * Writing: a new file is built beside the target (NAME.db.tmpXXXXXX) and
 * renamed over it on commit, so readers never see a half-written map.
 * keep_old (makemap -o) starts from the old contents.
 */
struct mapdb_writer;
char	*mapdb_path(const char *file);		/* FILE[.db], malloc'd */
struct mapdb_writer *mapdb_writer_new(const char *type, const char *file,
	    bool keep_old, bool dups, char *err, size_t errsz);
/* 0 stored, 1 key exists (and !replace), -1 error */
int	 mapdb_put(struct mapdb_writer *w, const void *key, size_t klen,
	    const void *val, size_t vlen, bool replace);
/* 0 found (*valp malloc'd), 1 not found, -1 error */
int	 mapdb_get(struct mapdb_writer *w, const void *key, size_t klen,
	    char **valp, size_t *vlenp);
int	 mapdb_del(struct mapdb_writer *w, const void *key, size_t klen);
bool	 mapdb_writer_commit(struct mapdb_writer *w, char *err, size_t errsz);
void	 mapdb_writer_abort(struct mapdb_writer *w);

typedef void mapdb_dump_fn(void *arg, const void *key, size_t klen,
	    const void *val, size_t vlen);
/* every record in file order; 0 or -1 with err set */
int	 mapdb_dump(const char *type, const char *file, mapdb_dump_fn *fn,
	    void *arg, char *err, size_t errsz);

#endif /* RT_MAP_DB_H */
