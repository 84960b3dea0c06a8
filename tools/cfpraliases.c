/*
 * cfpraliases.c -- print an aliases database the way praliases does:
 * "name:value" per record (the trailing NULs sendmail stores are not
 * shown), or only the given names (looked up in lower case).
 *
 *   cfpraliases [-f FILE] [name ...]      (FILE defaults to /etc/mail/aliases)
 */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "map_db.h"
#include "xmem.h"

int main(int argc, char **argv);

struct want {
	const char	*key;	/* NULL: print every record */
	int		 found;
};

static size_t
unnul(const void *p, size_t n)
{
	return n > 0 && ((const char *)p)[n - 1] == '\0' ? n - 1 : n;
}

static void
show(void *arg, const void *key, size_t klen, const void *val, size_t vlen)
{
	struct want *w = arg;
	size_t kl = unnul(key, klen);

	if (w->key != NULL && (strlen(w->key) != kl || memcmp(w->key, key, kl) != 0))
		return;
	w->found++;
	printf("%.*s:%.*s\n", (int)kl, (const char *)key,
	    (int)unnul(val, vlen), (const char *)val);
}

int
main(int argc, char **argv)
{
	const char *file = "/etc/mail/aliases";
	char err[256];
	int c, rc = 0;

	while ((c = getopt(argc, argv, "f:")) != -1) {
		if (c != 'f') {
			fprintf(stderr, "usage: cfpraliases [-f file] [name ...]\n");
			return 64;
		}
		file = optarg;
	}
	if (optind == argc) {
		struct want all = { NULL, 0 };
		if (mapdb_dump("hash", file, show, &all, err, sizeof(err)) != 0) {
			fprintf(stderr, "cfpraliases: %s: %s\n", file, err);
			return 66;
		}
		return 0;
	}
	for (; optind < argc; optind++) {
		char *k = xstrdup(argv[optind]);
		for (char *p = k; *p; p++)
			*p = (char)tolower((unsigned char)*p);
		struct want one = { k, 0 };
		if (mapdb_dump("hash", file, show, &one, err, sizeof(err)) != 0) {
			fprintf(stderr, "cfpraliases: %s: %s\n", file, err);
			free(k);
			return 66;
		}
		if (one.found == 0) {
			printf("%s: No such key\n", argv[optind]);
			rc = 1;
		}
		free(k);
	}
	return rc;
}
