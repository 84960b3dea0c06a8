/*
 * map_seq.c -- sequence maps (members named on the K line) and switch
 * maps (members NAME.SERVICE from the ServiceSwitchFile), tried in order
 * as sendmail's seq_map_lookup does.
 */
#include <ctype.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "dbg.h"
#include "map_impl.h"
#include "xmem.h"

static void
stack_add(struct cf_map *m, const char *name)
{
	m->stack = xreallocarray(m->stack, (size_t)m->nstack + 1, sizeof(char *));
	m->stack[m->nstack++] = name == NULL ? NULL : xstrdup(name);
}

bool
seq_parse(struct cf *cf, struct cf_map *m, char *ap)
{
	int maxmap = 0;

	if (tTd(38, 2))
		dbg_printf("seq_map_parse(%s, %s)\n", m->name, ap);
	while (*ap != '\0') {
		char *p;
		while (MAP_ISSPACE(*ap))
			ap++;
		for (p = ap; (isascii((unsigned char)*p) && isalnum((unsigned char)*p)) ||
		    *p == '_' || *p == '.'; p++)
			continue;
		if (*p != '\0')
			*p++ = '\0';
		while (*p != '\0' && !(isascii((unsigned char)*p) && isalnum((unsigned char)*p)))
			p++;
		if (*ap == '\0') {
			ap = p;
			continue;
		}
		if (cf_findmap(cf, ap) == NULL)
			cf_syserr(cf, 0, "Sequence map %s: unknown member map %s",
			    m->name, ap);
		else if (maxmap >= MAXMAPSTACK) {
			cf_syserr(cf, 0, "Sequence map %s: too many member maps (%d max)",
			    m->name, MAXMAPSTACK);
			maxmap++;
		} else {
			stack_add(m, ap);
			maxmap++;
		}
		ap = p;
	}
	return true;
}

/* sendmail's switch_map_find (the service.switch fallback flavour) */
static int
switch_find(struct cf *cf, const char *service, char types[MAXMAPSTACK][32])
{
	const char *sw = cf->optv[OPT_SERVICESWITCHFILE];
	char line[MAXLINE];
	FILE *fp;
	int n = -1;

	if (sw == NULL || *sw == '\0')
		sw = "/etc/mail/service.switch";
	fp = fopen(sw, "r");
	if (fp != NULL) {
		while (fgets(line, sizeof(line), fp) != NULL) {
			char *p = strpbrk(line, "#\n");
			if (p != NULL)
				*p = '\0';
			p = strpbrk(line, " \t");
			if (p != NULL)
				*p++ = '\0';
			if (line[0] == '\0' || p == NULL)
				continue;
			while (isspace((unsigned char)*p))
				p++;
			if (*p == '\0' || strcmp(line, service) != 0)
				continue;
			n = 0;
			while (n < MAXMAPSTACK && *p != '\0') {
				char *e = strpbrk(p, " \t");
				size_t l = e == NULL ? strlen(p) : (size_t)(e - p);
				snprintf(types[n++], 32, "%.*s", (int)l, p);
				if (e == NULL)
					break;
				p = e;
				while (isspace((unsigned char)*p))
					p++;
			}
		}
		fclose(fp);
	}
	if (n >= 0)
		return n;
	/* no entry: sendmail's absolute fallback */
	if (strcmp(service, "aliases") == 0) {
		snprintf(types[0], 32, "files");
		return 1;
	}
	if (strcmp(service, "hosts") == 0) {
		snprintf(types[0], 32, "dns");
		snprintf(types[1], 32, "files");
		return 2;
	}
	return -1;
}

bool
switch_open(struct cf *cf, struct cf_map *m)
{
	char types[MAXMAPSTACK][32];
	int n;

	if (tTd(38, 2))
		dbg_printf("switch_map_open(%s, %s, 0)\n", m->name, m->file);
	n = switch_find(cf, m->file, types);
	if (tTd(38, 19)) {
		dbg_printf("\tswitch_map_find => %d\n", n);
		for (int i = 0; i < n; i++)
			dbg_printf("\t\t%s\n", types[i]);
	}
	if (n <= 0 || n > MAXMAPSTACK)
		return false;
	for (int i = 0; i < m->nstack; i++)
		free(m->stack[i]);
	m->nstack = 0;
	for (int i = 0; i < n; i++) {
		struct buf nb = BUF_INIT;
		buf_printf(&nb, "%s.%s", m->name, types[i]);
		const char *nbuf = buf_cstr(&nb);
		struct cf_map *sm = cf_findmap(cf, nbuf);
		if (sm == NULL) {
			map_syserr(cf, 0, "Switch map %s: unknown member map %s",
			    m->name, nbuf);
			stack_add(m, NULL);
		} else {
			stack_add(m, nbuf);
			if (tTd(38, 4))
				dbg_printf("\tmap_stack[%d] = %s:%s\n", i,
				    sm->cls->name, nbuf);
		}
		buf_fini(&nb);
	}
	return true;
}

char *
seq_lookup(struct map_ctx *ctx, struct cf_map *m, const char *key,
    char **av, int *pstat)
{
	bool tempfail = false;

	if (tTd(38, 20))
		dbg_printf("seq_map_lookup(%s, %s)\n", m->name, key);
	for (int i = 0; i < m->nstack; i++) {
		struct cf_map *sm;
		char *rv;

		if (m->stack[i] == NULL ||
		    (sm = cf_findmap(ctx->cf, m->stack[i])) == NULL)
			continue;
		if (!map_ensure_open(ctx->cf, sm))
			continue;
		*pstat = EX_OK;
		rv = sm->cls->lookup(ctx, sm, key, av, pstat);
		if (rv != NULL)
			return rv;
		if (*pstat == EX_TEMPFAIL)
			tempfail = true;
	}
	if (tempfail)
		*pstat = EX_TEMPFAIL;
	else if (*pstat == EX_OK)
		*pstat = EX_NOTFOUND;
	return NULL;
}
