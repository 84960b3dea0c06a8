/*
 * cfb_read.c -- image loader (placeholder).
 */
#include <string.h>

#include "cfb.h"

bool
cfb_is_image(const void *p, size_t len)
{
	return len >= 8 && memcmp(p, "\x89" "CFB\r\n\x1a\n", 8) == 0;
}

int
cfb_load(struct cf *cf, const char *path, const void *p, size_t len,
    char *why, size_t whysz)
{
	(void)cf; (void)path; (void)p; (void)len;
	strncpy(why, "not implemented", whysz);
	return -1;
}
