/*
 * xmem.h -- allocators that never return NULL.
 * On exhaustion they call fatalx(); in the runtime that ends only the
 * current process, whose parent restarts it.
 */
#ifndef RT_XMEM_H
#define RT_XMEM_H

#include <stddef.h>

void *xmalloc(size_t n);
void *xcalloc(size_t nmemb, size_t size);
void *xrealloc(void *p, size_t n);
void *xreallocarray(void *p, size_t nmemb, size_t size);
char *xstrdup(const char *s);
char *xstrndup(const char *s, size_t n);
void *xmemdup(const void *p, size_t n);

#endif /* RT_XMEM_H */
