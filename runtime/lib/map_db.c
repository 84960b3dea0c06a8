/*
 * map_db.c -- Berkeley DB back end for hash/btree/implicit maps.
 * Keys are tried without and with a trailing NUL (makemap writes either),
 * then the flag that worked is remembered, as sendmail does.
 */
#include <ctype.h>
#include <db.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "map_db.h"
#include "xmem.h"

static bool
db_open(struct cf *cf, struct cf_map *m, DBTYPE type, const char *cname)
{
	DB *db = NULL;
	struct buf path = BUF_INIT;
	size_t fl;
	int rc;

	if (m->file == NULL)
		return false;
	buf_puts(&path, m->file);
	fl = strlen(m->file);
	if (fl < 3 || strcmp(m->file + fl - 3, ".db") != 0)
		buf_puts(&path, ".db");
	rc = db_create(&db, NULL, 0);
	if (rc == 0)
		rc = db->open(db, NULL, buf_cstr(&path), NULL, type, DB_RDONLY, 0);
	if (rc != 0) {
		int e = rc == ENOENT ? ENOENT : (rc > 0 ? rc : EINVAL);
		if (db != NULL)
			db->close(db, 0);
		if (!(m->mflags & MF_OPTIONAL)) {
			const char *save = cf->filename;
			cf->filename = NULL;
			if (e == ENOENT)
				cf_syserr(cf, e, "%s map \"%s\": missing map file %s",
				    cname, m->name, buf_cstr(&path));
			else
				cf_syserr(cf, e, "%s map \"%s\": cannot open %s",
				    cname, m->name, buf_cstr(&path));
			cf->filename = save;
		}
		buf_fini(&path);
		return false;
	}
	m->impl = db;
	buf_fini(&path);
	return true;
}

bool
mapdb_open_hash(struct cf *cf, struct cf_map *m)
{
	return db_open(cf, m, DB_HASH, "hash");
}

bool
mapdb_open_btree(struct cf *cf, struct cf_map *m)
{
	return db_open(cf, m, DB_BTREE, "btree");
}

bool
mapdb_open_implicit(struct cf *cf, struct cf_map *m)
{
	int save = m->mflags;
	m->mflags |= MF_OPTIONAL;
	bool ok = db_open(cf, m, DB_HASH, "hash");
	m->mflags = save;
	if (!ok && !(m->mflags & MF_OPTIONAL))
		return false;
	return ok;
}

char *
mapdb_lookup(struct map_ctx *ctx, struct cf_map *m, const char *name,
    char **av, int *statp)
{
	DB *db = m->impl;
	char keybuf[MAXKEY];
	DBT key, val;
	int st = 1;
	size_t kl = strlen(name);

	(void)ctx;
	*statp = EX_OK;
	if (db == NULL) {
		*statp = EX_UNAVAILABLE;
		return NULL;
	}
	if (kl > sizeof(keybuf) - 1)
		kl = sizeof(keybuf) - 1;
	memcpy(keybuf, name, kl);
	keybuf[kl] = '\0';
	if (!(m->mflags & MF_NOFOLDCASE))
		for (size_t i = 0; i < kl; i++)
			if (isascii((unsigned char)keybuf[i]) &&
			    isupper((unsigned char)keybuf[i]))
				keybuf[i] = (char)tolower((unsigned char)keybuf[i]);
	memset(&key, 0, sizeof(key));
	memset(&val, 0, sizeof(val));
	key.data = keybuf;
	key.size = (u_int32_t)kl;
	if (m->mflags & MF_TRY0NULL) {
		st = db->get(db, NULL, &key, &val, 0);
		if (st == 0)
			m->mflags &= ~MF_TRY1NULL;
	}
	if (st != 0 && (m->mflags & MF_TRY1NULL)) {
		key.size++;
		st = db->get(db, NULL, &key, &val, 0);
		if (st == 0)
			m->mflags &= ~MF_TRY0NULL;
	}
	if (st != 0) {
		if (st != DB_NOTFOUND)
			*statp = EX_TEMPFAIL;
		return NULL;
	}
	if (m->mflags & MF_MATCHONLY)
		return map_rewrite(m, name, strlen(name), NULL);
	size_t vl = val.size;
	if (vl > 0 && ((char *)val.data)[vl - 1] == '\0')
		vl--;
	return map_rewrite(m, val.data, vl, av);
}

void
mapdb_close(struct cf_map *m)
{
	DB *db = m->impl;
	if (db != NULL && !(m->mflags & MF_FILECLASS ? 0 : 0))
		db->close(db, 0);
	m->impl = NULL;
}
