/*
 * policy.c -- sendmail's rscheck(): run a check_* ruleset of the image
 * over "p1 $| p2", and turn a "$#error $@ x.y.z $: text" result into the
 * SMTP reply sendmail would give; "$#discard" marks the message for
 * discarding; anything else lets the transaction go on.
 */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "map.h"
#include "policy.h"
#include "xmem.h"
#include "rw_tok.h"

void
policy_setmacro(struct mta *mta, const char *name, const char *val)
{
	int id = rw_macid_long(&mta->cf.mn, name);

	if (id != 0)
		rw_mactab_set(&mta->vm.envmac, id, val);
}

const char *
policy_getmacro(struct mta *mta, const char *name)
{
	int id = rw_macid_find(&mta->cf.mn, name);

	return id != 0 ? rw_macvalue(&mta->vm.env, id) : NULL;
}

bool
policy_names_addr(const char *code)
{
	static const char *const named[] = {
		"050", "250", "252", "450", "550", "553",
	};

	for (size_t i = 0; i < sizeof(named) / sizeof(named[0]); i++)
		if (strncmp(code, named[i], 3) == 0)
			return true;
	return false;
}

/*
 * The reply of $#error: "CODE ENH <to>... text" as sendmail words it.
 * A text without its own reply code is "553 5.3.0" whatever $@ says;
 * with one, the enhanced code is the text's, else $@ when that is one,
 * else X.0.0.  Only some codes name the address (policy_names_addr).
 */
static void
error_reply(const char *host, bool hashost, char *user, const char *to,
    struct pol_result *r)
{
	char ap[MAXSHORTSTR + 8] = "";
	const char *code = "553", *enh = "5.3.0", *text = user;
	char codebuf[4], enhbuf[32];

	rw_stripquotes(user);
	if (isdigit((unsigned char)user[0]) && isdigit((unsigned char)user[1]) &&
	    isdigit((unsigned char)user[2]) && user[3] == ' ') {
		memcpy(codebuf, user, 3);
		codebuf[3] = '\0';
		code = codebuf;
		text = user + 4;
		int off = addr_isenhsc(text, ' ');
		if (off > 0) {
			snprintf(enhbuf, sizeof(enhbuf), "%.*s", off, text);
			enh = enhbuf;
			text += off + 1;
		} else if (hashost && addr_isenhsc(host, '\0') > 0)
			enh = host;
		else
			enh = code[0] == '4' ? "4.0.0" : code[0] == '2' ?
			    "2.0.0" : "5.0.0";
	}
	if (code[0] != '4' && code[0] != '5')
		code = "553", enh = "5.3.0";
	if (to != NULL && *to != '\0' && policy_names_addr(code))
		snprintf(ap, sizeof(ap), "%.200s... ", to);
	snprintf(r->reply, sizeof(r->reply), "%s %s %s%s", code, enh, ap, text);
	r->v = code[0] == '4' ? POL_TEMPFAIL : POL_REJECT;
}

/* concatenate tokens (sendmail's cataddr without spacing rules) */
static void
join(struct mta *mta, char **from, char **to, char *buf, size_t sz, int sub)
{
	vm_cataddr(&mta->cf, from, to, buf, sz, sub);
}

enum pol_verdict
policy_check(struct mta *mta, const char *rsname, const char *p1,
    const char *p2, struct pol_result *r)
{
	struct cf *cf = &mta->cf;
	char *pvp[MAXATOM + 1];
	struct buf in = BUF_INIT;
	struct rw_msgs save = mta->vm.msgs;
	int rs, n;

	memset(r, 0, sizeof(*r));
	r->v = POL_OK;
	rs = cf_strtorwset(cf, rsname, NULL, CF_ST_FIND);
	if (rs < 0 || !cf->rs[rs].defined || cf->rs[rs].n == 0)
		return POL_OK;
	buf_puts(&in, p1 != NULL ? p1 : "");
	if (p2 != NULL) {
		buf_addch(&in, CONDELSE);
		buf_puts(&in, p2);
	}
	/* an address longer than the tokenizer allows is refused early */
	if (in.len > MAXLINE) {
		snprintf(r->reply, sizeof(r->reply),
		    "553 5.1.0 Address too long");
		r->v = POL_REJECT;
		buf_fini(&in);
		return r->v;
	}
	mta->vm.msgs.emit = NULL;	/* SuprErrs */
	cf_freeze_tokens(cf);
	/* sendmail's rscheck with RSF_RMCOMM: the internal token table */
	n = vm_prescan(&mta->vm, buf_cstr(&in), '\0', pvp, NULL, cf->tok.intl);
	buf_fini(&in);
	if (n < 0) {
		mta->vm.msgs = save;
		vm_reset(&mta->vm);
		return POL_OK;
	}
	(void)vm_rewrite(&mta->vm, pvp, rs, 0, MAXATOM);
	mta->vm.msgs = save;

	if (pvp[0] != NULL && (unsigned char)pvp[0][0] == CANONNET &&
	    pvp[0][1] == '\0') {
		char **tv = pvp + 1, **hostp = NULL, **userp = NULL;
		char host[MAXNAME + 1] = "", user[MAXNAME + 2] = "";
		const char *mname = *tv != NULL ? *tv++ : "";

		snprintf(r->verdict, sizeof(r->verdict), "%s", mname);
		for (char **w = pvp + 1; *w != NULL; w++) {
			size_t l = strlen(r->words);
			snprintf(r->words + l, sizeof(r->words) - l, "%s%s",
			    l > 0 ? " " : "", *w);
		}
		if (*tv != NULL && (unsigned char)**tv == CANONHOST)
			hostp = ++tv;
		while (*tv != NULL && (unsigned char)**tv != CANONUSER)
			tv++;
		if (*tv != NULL)
			userp = tv + 1;
		if (hostp != NULL && (userp == NULL || hostp < userp - 1))
			join(mta, hostp, userp != NULL ? userp - 2 : NULL,
			    host, sizeof(host), '\0');
		if (userp != NULL)
			join(mta, userp, NULL, user, sizeof(user), ' ');
		if (strcasecmp(mname, "discard") == 0)
			r->v = POL_DISCARD;
		else if (strcasecmp(mname, "error") == 0)
			error_reply(host, hostp != NULL, user, mta->e_to, r);
	}
	vm_reset(&mta->vm);
	return r->v;
}
