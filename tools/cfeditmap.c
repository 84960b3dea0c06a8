/*
 * cfeditmap -- sendmail's editmap for cfmta: query, set or delete one
 * record of a hash or btree map file.  Edits build a new file and rename
 * it over the old one (see cfmakemap), so readers never see a torn map.
 *
 * usage: cfeditmap [-C cf] [-N] [-f] [-q|-u|-x] type mapname key [value ...]
 *   -q key          print the value (exit 69 when absent)
 *   -u key value    set (add or replace) the record
 *   -x key          delete the record (exit 69 when absent)
 */
#include <ctype.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "buf.h"
#include "map_db.h"

#define EX_USAGE	64
#define EX_UNAVAILABLE	69
#define EX_IOERR	74

static void
usage(void)
{
	fprintf(stderr, "Usage: cfeditmap [-C cffile] [-N] [-f] [-q|-u|-x] "
	    "type mapname key [value ...]\n");
	exit(EX_USAGE);
}

struct findctx {
	const char *key;
	size_t klen;
	bool found;
};

static void
find_one(void *arg, const void *key, size_t klen, const void *val, size_t vlen)
{
	struct findctx *f = arg;

	if (!f->found && klen == f->klen && memcmp(key, f->key, klen) == 0) {
		printf("%.*s\n", (int)vlen, (const char *)val);
		f->found = true;
	}
}

int
main(int argc, char **argv)
{
	bool inclnull = false, foldcase = true;
	int mode = 0, ch;
	char err[512];

	while ((ch = getopt(argc, argv, "C:Nfqux")) != -1) {
		switch (ch) {
		case 'C': break;
		case 'N': inclnull = true; break;
		case 'f': foldcase = false; break;
		case 'q': case 'u': case 'x':
			if (mode != 0)
				usage();
			mode = ch;
			break;
		default: usage();
		}
	}
	argc -= optind;
	argv += optind;
	if (mode == 0 || argc < 3 || (mode == 'u' && argc < 4) ||
	    (mode != 'u' && argc != 3))
		usage();
	const char *type = argv[0], *mapname = argv[1];
	char *key = argv[2];
	if (foldcase)
		for (char *q = key; *q != '\0'; q++)
			if (isascii((unsigned char)*q) && isupper((unsigned char)*q))
				*q = (char)tolower((unsigned char)*q);
	size_t klen = strlen(key) + (inclnull ? 1 : 0);
	if (mode == 'q') {
		struct findctx f = { key, klen, false };
		if (mapdb_dump(type, mapname, find_one, &f, err, sizeof(err)) != 0) {
			fprintf(stderr, "cfeditmap: error opening type %s map %s: %s\n",
			    type, mapname, err);
			return EX_UNAVAILABLE;
		}
		return f.found ? 0 : EX_UNAVAILABLE;
	}
	struct mapdb_writer *w = mapdb_writer_new(type, mapname, true, false,
	    err, sizeof(err));
	if (w == NULL) {
		fprintf(stderr, "cfeditmap: error opening type %s map %s: %s\n",
		    type, mapname, err);
		return EX_UNAVAILABLE;
	}
	int rc = 0;
	if (mode == 'u') {
		struct buf v = BUF_INIT;
		for (int i = 3; i < argc; i++) {
			if (i > 3)
				buf_addch(&v, ' ');
			buf_puts(&v, argv[i]);
		}
		if (mapdb_put(w, key, klen, buf_cstr(&v), v.len + (inclnull ? 1 : 0),
		    true) != 0) {
			fprintf(stderr, "cfeditmap: %s: key %s: put error\n", mapname, key);
			rc = EX_IOERR;
		}
		buf_fini(&v);
	} else {
		int st = mapdb_del(w, key, klen);
		if (st > 0) {
			fprintf(stderr, "cfeditmap: %s: key %s: not found\n", mapname, key);
			rc = EX_UNAVAILABLE;
		} else if (st < 0) {
			fprintf(stderr, "cfeditmap: %s: key %s: delete error\n", mapname, key);
			rc = EX_IOERR;
		}
	}
	if (rc == EX_IOERR) {
		mapdb_writer_abort(w);
		return rc;
	}
	if (!mapdb_writer_commit(w, err, sizeof(err))) {
		fprintf(stderr, "cfeditmap: %s\n", err);
		return EX_IOERR;
	}
	return rc;
}
