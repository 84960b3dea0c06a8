/*
 * loadtime.c -- time image verify+load in-process (no process start-up):
 * loadtime IMAGE [N]; prints the mean microseconds of cfb_verify alone
 * and of cfb_load (which verifies the image first, as cfmta loads it).
 */
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "cf.h"
#include "cfb.h"

static void
quiet(void *a, enum rw_msgkind k, const char *t, const char *x)
{
	(void)a; (void)k; (void)t; (void)x;
}

int
main(int argc, char **argv)
{
	int n = argc > 2 ? atoi(argv[2]) : 200;
	int fd = argc > 1 ? open(argv[1], O_RDONLY) : -1;
	struct stat st;
	char why[256];

	if (fd < 0 || fstat(fd, &st) != 0)
		return 2;
	void *p = mmap(NULL, (size_t)st.st_size, PROT_READ, MAP_PRIVATE, fd, 0);
	struct timespec a, b;
	double vtot = 0, ltot = 0;
	for (int i = 0; i < n; i++) {
		struct cfb_image img;
		struct cf cf;
		struct rw_msgs out = { quiet, NULL };
		clock_gettime(CLOCK_MONOTONIC, &a);
		if (!cfb_verify(p, (size_t)st.st_size, &img, why, sizeof(why)))
			return 1;
		clock_gettime(CLOCK_MONOTONIC, &b);
		vtot += (double)(b.tv_sec - a.tv_sec) * 1e6 + (double)(b.tv_nsec - a.tv_nsec) / 1e3;
		cf_init(&cf, &out);
		clock_gettime(CLOCK_MONOTONIC, &a);
		if (cfb_load(&cf, argv[1], p, (size_t)st.st_size, why, sizeof(why)) != 0)
			return 1;
		clock_gettime(CLOCK_MONOTONIC, &b);
		ltot += (double)(b.tv_sec - a.tv_sec) * 1e6 + (double)(b.tv_nsec - a.tv_nsec) / 1e3;
		cf_fini(&cf);
	}
	printf("verify %.1f us, verify+load %.1f us (mean of %d)\n", vtot / n,
	    ltot / n, n);
	return 0;
}
