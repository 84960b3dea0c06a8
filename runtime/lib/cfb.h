/*
 * cfb.h -- the compiled configuration image (.cfb).  Placeholder.
 */
#ifndef RT_CFB_H
#define RT_CFB_H

#include <stdbool.h>
#include <stddef.h>

#include "cf.h"

bool	cfb_is_image(const void *p, size_t len);
int	cfb_load(struct cf *cf, const char *path, const void *p, size_t len,
	    char *why, size_t whysz);

#endif /* RT_CFB_H */
