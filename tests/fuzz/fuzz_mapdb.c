/*
 * fuzz_mapdb.c -- libFuzzer target: arbitrary bytes as a hash (or btree)
 * map file, opened and looked up through cfmta's map reader the way a K
 * line does, then dumped the way cfmakemap -u does.  Must never crash.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cf.h"
#include "map.h"
#include "map_db.h"
#include "xmem.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void
quiet(void *arg, enum rw_msgkind kind, const char *to, const char *text)
{
	(void)arg; (void)kind; (void)to; (void)text;
}

static void
count(void *arg, const void *k, size_t kl, const void *v, size_t vl)
{
	(void)k; (void)v;
	*(size_t *)arg += kl + vl;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char dir[] = "/tmp/fuzz_mapdb.XXXXXX", path[64], line[128], err[256];
	struct rw_msgs out = { quiet, NULL };
	struct cf cf;
	FILE *f;
	size_t n = 0;

	if (size < 1 || mkdtemp(dir) == NULL)
		return 0;
	snprintf(path, sizeof(path), "%s/m.db", dir);
	f = fopen(path, "wb");
	if (f == NULL) {
		rmdir(dir);
		return 0;
	}
	fwrite(data + 1, 1, size - 1, f);
	fclose(f);
	const char *type = (data[0] & 1) ? "btree" : "hash";
	cf_init(&cf, &out);
	snprintf(line, sizeof(line), "m %s -o %s/m", type, dir);
	struct cf_map *m = cf_makemap(&cf, line);
	if (m != NULL && map_ensure_open(&cf, m)) {
		struct map_ctx ctx = { &cf, NULL, NULL };
		char key[] = "foo", *av[] = { key, NULL };
		int st = 0;
		free(map_lookup(&ctx, m, key, av, &st));
		char at[] = "@", *av2[] = { at, NULL };
		free(map_lookup(&ctx, m, at, av2, &st));
	}
	(void)mapdb_dump(type, path, count, &n, err, sizeof(err));
	cf_fini(&cf);
	unlink(path);
	rmdir(dir);
	return 0;
}
