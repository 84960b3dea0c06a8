/*
 * aliases.c -- -bi / newaliases: rebuild each AliasFile's database the
 * way sendmail does: every name goes through rulesets 3 and 0 and must
 * resolve to a mailer that may be aliased (F=A); keys are the parsed
 * user, lower-cased unless the mailer has F=u; keys and values are
 * stored NUL-terminated; the "@" record marks a complete database.
 */
#include <ctype.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "map_alias.h"
#include "map_db.h"
#include "mta.h"
#include "xmem.h"

struct aliasctx {
	struct mta		*mta;
	struct mapdb_writer	*w;
	const char		*file;
	int			 errors;
};

/* messages during the rebuild carry "FILE: line N: " as in sendmail */
static void
prefixed_emit(void *arg, enum rw_msgkind kind, const char *to, const char *text)
{
	struct aliasctx *ac = arg;
	struct cf *cf = &ac->mta->cf;
	const char *t = text;
	int code = 0;

	if (kind == RWM_PRINT) {
		mta_emit(ac->mta, kind, to, text);
		return;
	}
	if (isdigit((unsigned char)t[0]) && isdigit((unsigned char)t[1]) &&
	    isdigit((unsigned char)t[2]) && t[3] == ' ') {
		code = atoi(t);
		t += 4;
		if (isdigit((unsigned char)t[0]) && t[1] == '.') {
			const char *s = strchr(t, ' ');
			if (s != NULL)
				t = s + 1;
		}
	}
	printf("%s: line %d: ", cf->filename, cf->lineno);
	if (to != NULL && (code == 50 || code == 250 || code == 252 ||
	    code == 450 || code == 550 || code == 553))
		printf("%s... ", to);
	printf("%s\n", t);
	if (kind == RWM_SYSERR)
		ac->errors++;
}

static long
store(void *arg, const char *lhs, const char *rhs)
{
	struct aliasctx *ac = arg;
	struct addr_result r;
	struct cf *cf = &ac->mta->cf;

	vm_reset(&ac->mta->vm);
	if (!addr_parse(ac->mta, lhs, 0, &r)) {
		printf("%s: line %d: %.40s... illegal alias name\n", cf->filename,
		    cf->lineno, lhs);
		ac->errors++;
		return -1;
	}
	const struct cf_mailer *m = cf_findmailer(cf, r.mailer);
	if (m == NULL || !MAILER_HAS(m, 'A')) {
		printf("%s: line %d: %s... cannot alias non-local names\n",
		    cf->filename, cf->lineno, lhs);
		ac->errors++;
		free(r.mailer); free(r.host); free(r.user);
		return -1;
	}
	char *key = xstrdup(r.user);
	if (!MAILER_HAS(m, 'u'))
		for (char *p = key; *p; p++)
			if (isascii((unsigned char)*p) && isupper((unsigned char)*p))
				*p = (char)tolower((unsigned char)*p);
	size_t kl = strlen(key);
	int rc = mapdb_put(ac->w, key, kl + 1, rhs, strlen(rhs) + 1, false);
	if (rc == 1) {
		printf("%s: line %d: %s... Warning: duplicate alias name %s\n",
		    cf->filename, cf->lineno, lhs, key);
		(void)mapdb_put(ac->w, key, kl + 1, rhs, strlen(rhs) + 1, true);
	} else if (rc < 0)
		ac->errors++;
	free(key);
	free(r.mailer); free(r.host); free(r.user);
	return (long)kl;
}

static int
rebuild(struct mta *mta, const char *spec)
{
	char err[256];
	const char *file = spec;
	const char *colon = strchr(spec, ':');
	char type[16] = "hash";

	if (colon != NULL && spec[0] != '/') {
		snprintf(type, sizeof(type), "%.*s", (int)(colon - spec), spec);
		file = colon + 1;
	}
	if (strcmp(type, "hash") != 0 && strcmp(type, "btree") != 0) {
		printf("%s: cannot rebuild a %s alias database\n", file, type);
		return EX_UNAVAILABLE;
	}
	FILE *fp = fopen(file, "r");
	if (fp == NULL) {
		printf("Can't open %s: %s\n", file, strerror(errno));
		return EX_OSFILE;
	}
	struct aliasctx ac = { mta, NULL, file, 0 };
	ac.w = mapdb_writer_new(type, file, false, false, err, sizeof(err));
	if (ac.w == NULL) {
		printf("%s: %s\n", file, err);
		fclose(fp);
		return EX_CANTCREAT;
	}
	struct rw_msgs save = mta->vm.msgs;
	mta->vm.msgs.emit = prefixed_emit;
	mta->vm.msgs.arg = &ac;
	struct alias_stats st = alias_read(&mta->cf, file, fp, store, &ac, true);
	mta->vm.msgs = save;
	fclose(fp);
	(void)mapdb_put(ac.w, "@", 2, "@", 2, true);
	if (!mapdb_writer_commit(ac.w, err, sizeof(err))) {
		printf("%s: %s\n", file, err);
		return EX_CANTCREAT;
	}
	return st.errors > 0 || ac.errors > 0 ? EX_SOFTWARE : EX_OK;
}

int
mta_newaliases(struct mta *mta)
{
	const char *spec = mta->cf.optv[OPT_ALIASFILE];
	int rc = EX_OK;

	if (spec == NULL || *spec == '\0')
		spec = "/etc/mail/aliases";
	char *copy = xstrdup(spec), *save = NULL;
	for (char *f = strtok_r(copy, ",", &save); f != NULL;
	    f = strtok_r(NULL, ",", &save)) {
		while (isspace((unsigned char)*f))
			f++;
		int r = rebuild(mta, f);
		if (r != EX_OK)
			rc = r;
	}
	free(copy);
	fflush(stdout);
	return rc;
}
