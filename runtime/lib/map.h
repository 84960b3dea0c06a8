/*
 * map.h -- K-line map classes (sendmail's map.c): parsing the K line
 * flags, opening, and looking up keys, with sendmail's key folding,
 * NUL-termination rules and %n result rewriting.
 */
#ifndef RT_MAP_H
#define RT_MAP_H

#include <stdbool.h>

#include "cf.h"

/* sendmail exit codes used as lookup status */
#define EX_OK		0
#define EX_NOTFOUND	EX_NOHOST
#define EX_USAGE	64
#define EX_DATAERR	65
#define EX_NOINPUT	66
#define EX_NOUSER	67
#define EX_NOHOST	68
#define EX_UNAVAILABLE	69
#define EX_SOFTWARE	70
#define EX_OSERR	71
#define EX_OSFILE	72
#define EX_CANTCREAT	73
#define EX_IOERR	74
#define EX_TEMPFAIL	75
#define EX_PROTOCOL	76
#define EX_NOPERM	77
#define EX_CONFIG	78

struct map_ctx {
	struct cf		*cf;
	const struct rw_macenv	*env;	/* for the macro map */
	struct rw_mactab	*envmac;	/* writable layer for macro map */
};

struct map_class {
	const char *name;
	unsigned    cflags;
#define MCF_ALIASOK	0x01
#define MCF_OPTFILE	0x04
#define MCF_NOTPERSIST	0x08
	bool	(*parse)(struct cf *, struct cf_map *, char *args);
	bool	(*open)(struct cf *, struct cf_map *);
	char	*(*lookup)(struct map_ctx *, struct cf_map *, const char *key,
		    char **av, int *status);
	void	(*close)(struct cf_map *);
};

void	 map_builtin_classes_init(void);
const struct map_class *map_findclass(const char *name);
/* false for classes cfmta accepts but cannot serve (nis, ldap, socket...) */
bool	 map_class_supported(const struct map_class *mc);
void	 map_free(struct cf_map *m);
/* open lazily; returns false if the map cannot be used */
bool	 map_ensure_open(struct cf *cf, struct cf_map *m);
/* sendmail's map_rewrite: %0..%9 from av, then the -a suffix; malloc'd */
char	*map_rewrite(const struct cf_map *m, const char *s, size_t slen,
	    char **av);
/* F{x}key@class:spec */
void	 map_fileclass(struct cf *cf, int cls, const char *spec, bool optional);
/* the lookup the rewriting engine does (with -d60 trace); malloc'd */
char	*map_lookup(struct map_ctx *ctx, struct cf_map *m, char *key,
	    char **av, int *pstat);
/* host name canonicalization through the hosts file (host map) */
bool	 map_getcanonname(struct cf *cf, char *host, size_t hsz, int *statp);
/* delivery looks up MX records (the switch sends hosts to "dns") */
bool	 map_hosts_via_dns(struct cf *cf);

#endif /* RT_MAP_H */
