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
#include <sys/stat.h>
#include <unistd.h>

#include "map_db.h"
#include "map_impl.h"
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
	if (access(buf_cstr(&path), F_OK) != 0) {
		if (!(m->mflags & MF_OPTIONAL))
			map_syserr(cf, errno, "%s map \"%s\": missing map file %s",
			    cname, m->name, buf_cstr(&path));
		buf_fini(&path);
		return false;
	}
	rc = db_create(&db, NULL, 0);
	if (rc == 0) {
		db->set_errfile(db, NULL);
		db->set_errcall(db, NULL);
		rc = db->open(db, NULL, buf_cstr(&path), NULL, type, DB_RDONLY, 0);
	}
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
				cf_syserr(cf, e, "Cannot open %s database %s",
				    cname, buf_cstr(&path));
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
	/*
	 * An alias database not built yet: sendmail reads the text file
	 * into its symbol table instead (the stab class), saying so only
	 * in verbose mode, which cfmta does not have.
	 */
	if (!ok && (m->mflags & MF_ALIAS)) {
		const struct map_class *st = map_findclass("stab");
		struct rw_msgs out = cf->out;
		cf->out.emit = NULL;
		bool sok = st != NULL && st->open(cf, m);
		cf->out = out;
		if (sok) {
			m->cls = st;
			return true;
		}
	}
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

/* ------------------------------------------------------------------ */
/* writing and dumping map files (cfmakemap, newaliases) */

struct mapdb_writer {
	DB	*db;
	char	*final, *tmp;
	bool	 dups;
};

static int
dbtype_of(const char *type, DBTYPE *t)
{
	if (strcmp(type, "hash") == 0)
		*t = DB_HASH;
	else if (strcmp(type, "btree") == 0)
		*t = DB_BTREE;
	else
		return -1;
	return 0;
}

char *
mapdb_path(const char *file)
{
	struct buf p = BUF_INIT;
	size_t fl = strlen(file);

	buf_puts(&p, file);
	if (fl < 3 || strcmp(file + fl - 3, ".db") != 0)
		buf_puts(&p, ".db");
	return buf_steal(&p);
}

struct mapdb_writer *
mapdb_writer_new(const char *type, const char *file, bool keep_old, bool dups,
    char *err, size_t errsz)
{
	struct mapdb_writer *w;
	DBTYPE t;
	int rc, fd;

	if (dbtype_of(type, &t) != 0) {
		snprintf(err, errsz, "Unknown database type %s", type);
		return NULL;
	}
	w = xcalloc(1, sizeof(*w));
	w->final = mapdb_path(file);
	w->dups = dups;
	struct buf tp = BUF_INIT;
	buf_printf(&tp, "%s.tmpXXXXXX", w->final);
	w->tmp = buf_steal(&tp);
	fd = mkstemp(w->tmp);
	if (fd < 0) {
		snprintf(err, errsz, "cannot create %s: %s", w->tmp, strerror(errno));
		goto fail;
	}
	/* sendmail's DBMMODE; libdb recreates the file itself */
	(void)fchmod(fd, 0640);
	close(fd);
	unlink(w->tmp);
	if ((rc = db_create(&w->db, NULL, 0)) != 0)
		goto dberr;
	w->db->set_errfile(w->db, NULL);
	if (dups && t == DB_BTREE)
		(void)w->db->set_flags(w->db, DB_DUP);
	rc = w->db->open(w->db, NULL, w->tmp, NULL, t, DB_CREATE | DB_EXCL, 0640);
	if (rc != 0)
		goto dberr;
	if (keep_old && access(w->final, F_OK) == 0) {
		/* -o: start from the old contents, still writing a new file */
		DB *old = NULL;
		DBC *c = NULL;
		DBT k, v;
		if ((rc = db_create(&old, NULL, 0)) != 0)
			goto dberr;
		old->set_errfile(old, NULL);
		rc = old->open(old, NULL, w->final, NULL, t, DB_RDONLY, 0);
		if (rc == 0)
			rc = old->cursor(old, NULL, &c, 0);
		memset(&k, 0, sizeof(k));
		memset(&v, 0, sizeof(v));
		while (rc == 0 && (rc = c->get(c, &k, &v, DB_NEXT)) == 0)
			rc = w->db->put(w->db, NULL, &k, &v, 0);
		if (c != NULL)
			c->close(c);
		old->close(old, 0);
		if (rc != DB_NOTFOUND)
			goto dberr;
	}
	return w;
dberr:
	snprintf(err, errsz, "%s: %s", w->final, db_strerror(rc));
fail:
	mapdb_writer_abort(w);
	return NULL;
}

int
mapdb_put(struct mapdb_writer *w, const void *key, size_t klen,
    const void *val, size_t vlen, bool replace)
{
	DBT k, v;
	int rc;

	memset(&k, 0, sizeof(k));
	memset(&v, 0, sizeof(v));
	k.data = (void *)key;
	k.size = (u_int32_t)klen;
	v.data = (void *)val;
	v.size = (u_int32_t)vlen;
	rc = w->db->put(w->db, NULL, &k, &v,
	    replace || w->dups ? 0 : DB_NOOVERWRITE);
	if (rc == DB_KEYEXIST)
		return 1;
	return rc == 0 ? 0 : -1;
}

int
mapdb_get(struct mapdb_writer *w, const void *key, size_t klen, char **valp,
    size_t *vlenp)
{
	DBT k, v;
	int rc;

	memset(&k, 0, sizeof(k));
	memset(&v, 0, sizeof(v));
	k.data = (void *)key;
	k.size = (u_int32_t)klen;
	rc = w->db->get(w->db, NULL, &k, &v, 0);
	if (rc != 0)
		return rc == DB_NOTFOUND ? 1 : -1;
	*valp = xstrndup(v.data, v.size);
	*vlenp = v.size;
	return 0;
}

int
mapdb_del(struct mapdb_writer *w, const void *key, size_t klen)
{
	DBT k;
	int rc;

	memset(&k, 0, sizeof(k));
	k.data = (void *)key;
	k.size = (u_int32_t)klen;
	rc = w->db->del(w->db, NULL, &k, 0);
	if (rc == DB_NOTFOUND)
		return 1;
	return rc == 0 ? 0 : -1;
}

bool
mapdb_writer_commit(struct mapdb_writer *w, char *err, size_t errsz)
{
	int rc = w->db->close(w->db, 0);
	bool ok = true;

	w->db = NULL;
	if (rc != 0) {
		snprintf(err, errsz, "%s: %s", w->tmp, db_strerror(rc));
		ok = false;
	} else if (chmod(w->tmp, 0640) != 0 || rename(w->tmp, w->final) != 0) {
		snprintf(err, errsz, "%s: %s", w->final, strerror(errno));
		ok = false;
	}
	if (!ok)
		unlink(w->tmp);
	free(w->tmp);
	free(w->final);
	free(w);
	return ok;
}

void
mapdb_writer_abort(struct mapdb_writer *w)
{
	if (w == NULL)
		return;
	if (w->db != NULL)
		w->db->close(w->db, 0);
	unlink(w->tmp);
	free(w->tmp);
	free(w->final);
	free(w);
}

int
mapdb_dump(const char *type, const char *file, mapdb_dump_fn *fn, void *arg,
    char *err, size_t errsz)
{
	DB *db = NULL;
	DBC *c = NULL;
	DBT k, v;
	DBTYPE t;
	char *path;
	int rc;

	if (dbtype_of(type, &t) != 0) {
		snprintf(err, errsz, "Unknown database type %s", type);
		return -1;
	}
	path = mapdb_path(file);
	rc = db_create(&db, NULL, 0);
	if (rc == 0) {
		db->set_errfile(db, NULL);
		rc = db->open(db, NULL, path, NULL, t, DB_RDONLY, 0);
	}
	if (rc == 0)
		rc = db->cursor(db, NULL, &c, 0);
	memset(&k, 0, sizeof(k));
	memset(&v, 0, sizeof(v));
	while (rc == 0 && (rc = c->get(c, &k, &v, DB_NEXT)) == 0)
		fn(arg, k.data, k.size, v.data, v.size);
	if (c != NULL)
		c->close(c);
	if (db != NULL)
		db->close(db, 0);
	if (rc != DB_NOTFOUND) {
		snprintf(err, errsz, "%s: %s", path,
		    rc > 0 ? strerror(rc) : db_strerror(rc));
		free(path);
		return -1;
	}
	free(path);
	return 0;
}
