/*
 * map_text.c -- the text class (a flat file searched line by line, with
 * sendmail's column rules) and the stab class (an aliases text file read
 * into memory at open, as sendmail's stab_map_open does).
 */
#include <ctype.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>

#include "dbg.h"
#include "map_alias.h"
#include "map_impl.h"
#include "xmem.h"

bool
text_open(struct cf *cf, struct cf_map *m)
{
	struct stat st;

	if (tTd(38, 2))
		dbg_printf("text_map_open(%s, %s, 0)\n", m->name, m->file);
	if (*m->file == '\0') {
		map_syserr(cf, 0, "text map \"%s\": file name required", m->name);
		return false;
	}
	if (m->file[0] != '/') {
		map_syserr(cf, 0, "text map \"%s\": file name must be fully qualified",
		    m->name);
		return false;
	}
	if (stat(m->file, &st) != 0 || !S_ISREG(st.st_mode)) {
		if (!(m->mflags & MF_OPTIONAL))
			map_syserr(cf, 0, "text map \"%s\": unsafe map file %s",
			    m->name, m->file);
		return false;
	}
	m->keycol = 0;
	if (m->keycolnm != NULL) {
		if (!isdigit((unsigned char)*m->keycolnm)) {
			map_syserr(cf, 0, "text map \"%s\", file %s: -k should specify a number, not %s",
			    m->name, m->file, m->keycolnm);
			return false;
		}
		m->keycol = atoi(m->keycolnm);
	}
	m->valcol = 0;
	if (m->valcolnm != NULL) {
		if (!isdigit((unsigned char)*m->valcolnm)) {
			map_syserr(cf, 0, "text map \"%s\", file %s: -v should specify a number, not %s",
			    m->name, m->file, m->valcolnm);
			return false;
		}
		m->valcol = atoi(m->valcolnm);
	}
	if (tTd(38, 2)) {
		dbg_printf("text_map_open(%s, %s): delimiter = ", m->name, m->file);
		if (m->coldelim == '\0')
			dbg_printf("(white space)\n");
		else
			dbg_printf("%c\n", m->coldelim);
	}
	return true;
}

char *
text_lookup(struct map_ctx *ctx, struct cf_map *m, const char *name,
    char **av, int *statp)
{
	char key[MAXNAME + 1], line[MAXLINE], buf[MAXNAME + 1];
	bool found = false;
	FILE *f;
	char *vp;

	(void)ctx;
	if (tTd(38, 20))
		dbg_printf("text_map_lookup(%s, %s)\n", m->name, name);
	snprintf(key, sizeof(key), "%s", name);
	if (!(m->mflags & MF_NOFOLDCASE))
		map_makelower(key);
	f = fopen(m->file, "r");
	if (f == NULL) {
		m->valid = false;
		*statp = EX_UNAVAILABLE;
		return NULL;
	}
	while (fgets(line, sizeof(line), f) != NULL) {
		char *p;
		if (line[0] == '#')
			continue;
		if ((p = strchr(line, '\n')) != NULL)
			*p = '\0';
		p = map_get_column(line, m->keycol, m->coldelim, buf, sizeof(buf));
		if (p != NULL && strcasecmp(key, p) == 0) {
			found = true;
			break;
		}
	}
	fclose(f);
	if (!found) {
		*statp = EX_NOTFOUND;
		return NULL;
	}
	vp = map_get_column(line, m->valcol, m->coldelim, buf, sizeof(buf));
	if (vp == NULL) {
		*statp = EX_NOTFOUND;
		return NULL;
	}
	*statp = EX_OK;
	if (m->mflags & MF_MATCHONLY)
		return map_rewrite(m, name, strlen(name), NULL);
	return map_rewrite(m, vp, strlen(vp), av);
}

/* stab: one process-wide alias table, as sendmail's symbol table is */
static struct {
	char	**key, **val;
	size_t	  n, cap;
} stab_aliases;

static long
stab_store(void *arg, const char *lhs, const char *rhs)
{
	(void)arg;
	for (size_t i = 0; i < stab_aliases.n; i++)
		if (strcasecmp(stab_aliases.key[i], lhs) == 0) {
			free(stab_aliases.val[i]);
			stab_aliases.val[i] = xstrdup(rhs);
			return (long)strlen(lhs);
		}
	if (stab_aliases.n == stab_aliases.cap) {
		stab_aliases.cap = stab_aliases.cap ? stab_aliases.cap * 2 : 16;
		stab_aliases.key = xreallocarray(stab_aliases.key, stab_aliases.cap,
		    sizeof(char *));
		stab_aliases.val = xreallocarray(stab_aliases.val, stab_aliases.cap,
		    sizeof(char *));
	}
	stab_aliases.key[stab_aliases.n] = xstrdup(lhs);
	stab_aliases.val[stab_aliases.n++] = xstrdup(rhs);
	return (long)strlen(lhs);
}

bool
stab_open(struct cf *cf, struct cf_map *m)
{
	FILE *af;

	if (tTd(38, 2))
		dbg_printf("stab_map_open(%s, %s, 0)\n", m->name, m->file);
	af = fopen(m->file, "r");
	if (af == NULL)
		return false;
	/* -bt runs verbose: sendmail always announces the counts here */
	alias_read(cf, m->file, af, stab_store, NULL, true);
	fclose(af);
	return true;
}

char *
stab_lookup(struct map_ctx *ctx, struct cf_map *m, const char *name,
    char **av, int *statp)
{
	(void)ctx;
	*statp = EX_OK;
	if (tTd(38, 20))
		dbg_printf("stab_lookup(%s, %s)\n", m->name, name);
	for (size_t i = 0; i < stab_aliases.n; i++)
		if (strcasecmp(stab_aliases.key[i], name) == 0) {
			if (m->mflags & MF_MATCHONLY)
				return map_rewrite(m, name, strlen(name), NULL);
			return map_rewrite(m, stab_aliases.val[i],
			    strlen(stab_aliases.val[i]), av);
		}
	return NULL;
}

void
stab_close(struct cf_map *m)
{
	(void)m;
}
