/*
 * cfmakemap -- sendmail's makemap for cfmta: build a hash or btree map
 * file from "key value" lines on stdin, or dump one (-u).  The files are
 * the ones the real makemap writes (Berkeley DB 5.3, keys lower-cased
 * unless -f, NUL-terminated with -N).  The new map is written beside the
 * old one and renamed over it, so readers never see a partial file.
 *
 * usage: cfmakemap [-N] [-c size] [-C cf] [-d] [-D char] [-e] [-f] [-l]
 *                  [-o] [-r] [-s] [-t delim] [-u] [-v] type mapname
 */
#include <ctype.h>
#include <errno.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "buf.h"
#include "map_db.h"

#define EX_USAGE	64
#define EX_DATAERR	65
#define EX_IOERR	74
#define EX_UNAVAILABLE	69

static const char *progname = "cfmakemap";

static void
usage(void)
{
	fprintf(stderr, "Usage: %s [-N] [-c cachesize] [-C cffile] [-d] [-D commentchar] "
	    "[-e] [-f] [-l] [-o] [-r] [-s] [-t delimiter] [-u] [-v] type mapname\n",
	    progname);
	exit(EX_USAGE);
}

struct dumpctx {
	int sep;
};

static void
dump_one(void *arg, const void *key, size_t klen, const void *val, size_t vlen)
{
	struct dumpctx *d = arg;

	/* makemap prints with %.*s: a NUL ends each part */
	printf("%.*s%c%.*s\n", (int)klen, (const char *)key, d->sep,
	    (int)vlen, (const char *)val);
}

int
main(int argc, char **argv)
{
	bool inclnull = false, foldcase = true, keep_old = false, replace = false;
	bool allowempty = false, dups = false, unmake = false, verbose = false;
	int sep = '\0', comment = '#', ch, exitstat = 0;
	char err[512];

	if (argv[0] != NULL) {
		const char *s = strrchr(argv[0], '/');
		progname = s != NULL ? s + 1 : argv[0];
	}
	while ((ch = getopt(argc, argv, "C:D:Nc:deflorst:uv")) != -1) {
		switch (ch) {
		case 'C': break;		/* no TrustedUser here */
		case 'D': comment = optarg[0]; break;
		case 'N': inclnull = true; break;
		case 'c': break;		/* cache size: libdb's default */
		case 'd': dups = true; break;
		case 'e': allowempty = true; break;
		case 'f': foldcase = false; break;
		case 'l': printf("hash\nbtree\n"); return 0;
		case 'o': keep_old = true; break;
		case 'r': replace = true; break;
		case 's': break;		/* no safefile checks to skip */
		case 't':
			if (optarg == NULL || optarg[0] == '\0') {
				fprintf(stderr, "Invalid separator\n");
				return EX_USAGE;
			}
			sep = optarg[0];
			break;
		case 'u': unmake = true; break;
		case 'v': verbose = true; break;
		default: usage();
		}
	}
	argc -= optind;
	argv += optind;
	if (argc != 2)
		usage();
	const char *type = argv[0], *mapname = argv[1];
	if (strcmp(type, "hash") != 0 && strcmp(type, "btree") != 0) {
		fprintf(stderr, "%s: Unknown database type %s\n", progname, type);
		return EX_USAGE;
	}
	if (unmake) {
		struct dumpctx d = { sep != '\0' ? sep : '\t' };
		if (mapdb_dump(type, mapname, dump_one, &d, err, sizeof(err)) != 0) {
			fprintf(stderr, "%s: error opening type %s map %s: %s\n",
			    progname, type, mapname, err);
			return EX_UNAVAILABLE;
		}
		return 0;
	}
	struct mapdb_writer *w = mapdb_writer_new(type, mapname, keep_old, dups,
	    err, sizeof(err));
	if (w == NULL) {
		fprintf(stderr, "%s: error opening type %s map %s: %s\n",
		    progname, type, mapname, err);
		return EX_UNAVAILABLE;
	}
	struct buf line = BUF_INIT;
	unsigned lineno = 0;
	int c;
	for (;;) {
		buf_reset(&line);
		while ((c = getchar()) != EOF && c != '\n')
			buf_addch(&line, c);
		if (c == EOF && line.len == 0)
			break;
		lineno++;
		char *ibuf = (char *)buf_cstr(&line), *p;
		if (ibuf[0] == '\0' || ibuf[0] == comment)
			continue;
		if (sep == '\0' && isascii((unsigned char)ibuf[0]) &&
		    isspace((unsigned char)ibuf[0])) {
			fprintf(stderr, "%s: %s: line %u: syntax error (leading space)\n",
			    progname, mapname, lineno);
			exitstat = EX_DATAERR;
			continue;
		}
		/* the key ends at the first blank (or the -t separator) */
		for (p = ibuf; *p != '\0'; p++) {
			if (*p == '\\' && p[1] == comment) {
				memmove(p, p + 1, strlen(p));
				continue;
			}
			if ((sep == '\0' && isascii((unsigned char)*p) &&
			    isspace((unsigned char)*p)) || *p == sep)
				break;
		}
		size_t klen = (size_t)(p - ibuf);
		if (*p != '\0')
			*p++ = '\0';
		while (*p != '\0' && ((sep == '\0' && isascii((unsigned char)*p) &&
		    isspace((unsigned char)*p)) || *p == sep))
			p++;
		if (!allowempty && *p == '\0') {
			fprintf(stderr, "%s: %s: line %u: no RHS for LHS %s\n",
			    progname, mapname, lineno, ibuf);
			exitstat = EX_DATAERR;
			continue;
		}
		if (foldcase)
			for (char *q = ibuf; *q != '\0'; q++)
				if (isascii((unsigned char)*q) && isupper((unsigned char)*q))
					*q = (char)tolower((unsigned char)*q);
		if (verbose)
			printf("key=`%s', val=`%s'\n", ibuf, p);
		int st = mapdb_put(w, ibuf, klen + (inclnull ? 1 : 0), p,
		    strlen(p) + (inclnull ? 1 : 0), replace);
		if (st < 0) {
			fprintf(stderr, "%s: %s: line %u: key %s: put error: %s\n",
			    progname, mapname, lineno, ibuf, strerror(errno));
			exitstat = EX_IOERR;
		} else if (st > 0) {
			fprintf(stderr, "%s: %s: line %u: key %s: duplicate key\n",
			    progname, mapname, lineno, ibuf);
			exitstat = EX_DATAERR;
		}
	}
	buf_fini(&line);
	if (!mapdb_writer_commit(w, err, sizeof(err))) {
		fprintf(stderr, "%s: %s\n", progname, err);
		return EX_IOERR;
	}
	return exitstat;
}
