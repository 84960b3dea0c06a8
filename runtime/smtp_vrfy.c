/*
 * smtp_vrfy.c -- the answers to VRFY and EXPN when PrivacyOptions allow
 * them, worded as sendmail's: VRFY names the address without expanding
 * it, EXPN lists what an alias expands to (in sendmail's send queue
 * order).  Each line is "250 2.1.5 Full Name <user@$j>", "<user@$j>" or
 * "<address>"; 252 for VRFY of an address whose mailer lacks F=q (it
 * cannot be verified here); errors first, as sendmail reports them while
 * expanding.
 */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "alias_expand.h"
#include "smtp_server.h"
#include "xmem.h"

/* "550 5.1.1 <x>... User unknown" as VRFY says it: "... x... User unknown" */
static void
error_line(const struct alias_dest *d, struct buf *out)
{
	const char *t = d->diag != NULL ? d->diag : "550 5.1.3 Invalid address";
	size_t n = strspn(t, "0123456789");
	const char *text = t;

	if (n == 3 && t[3] == ' ') {
		const char *r = t + 4;
		if (isdigit((unsigned char)r[0]) && r[1] == '.')
			r += strcspn(r, " ");
		r += *r == ' ';
		buf_append(out, t, (size_t)(r - t));
		text = r;
	} else
		buf_puts(out, "553 5.1.3 ");
	const char *dots = strstr(text, "... ");
	if (dots != NULL && text[0] == '<')
		text = dots + 4;
	buf_printf(out, "%s... %s\n", d->addr, text);
}

/* sendmail's printvrfyaddr */
static void
addr_line(struct mta *mta, const struct alias_dest *d, bool last, bool vrfy,
    bool fullname, struct buf *out)
{
	const struct cf_mailer *m = addr_findmailer(&mta->cf, d->mailer);
	const char *me = rw_macvalue(&mta->vm.env, 'j');
	bool v250 = !vrfy || m == NULL || MAILER_HAS(m, 'q');
	bool rfc822 = m == NULL || m->addrtype == NULL ||
	    strcasecmp(m->addrtype, "rfc822") == 0;
	char full[256] = "";

	if (fullname && m != NULL && MAILER_HAS(m, 'l') && d->host[0] == '\0')
		alias_fullname(d->user, full, sizeof(full));
	buf_printf(out, "%s%c2.1.5 ", v250 ? "250" : "252", last ? ' ' : '-');
	if (full[0] != '\0')
		buf_printf(out, "%s ", full);
	if (rfc822 && strchr(d->user, '@') == NULL)
		buf_printf(out, "<%s@%s>\n", d->user, me != NULL ? me : "");
	else
		buf_printf(out, "<%s>\n", d->user);
}

void
smtp_vrfy(struct mta *mta, const char *arg, bool vrfy, struct buf *out)
{
	struct alias_list l;
	struct rw_msgs save = mta->vm.msgs;

	while (*arg == ' ' || *arg == '\t')
		arg++;
	if (*arg == '\0') {
		buf_puts(out, "501 5.5.2 Argument required\n");
		return;
	}
	alias_list_init(&l);
	mta->vm.msgs.emit = NULL;	/* the errors are in the list */
	int top = alias_expand(mta, &l, arg);
	mta->vm.msgs = save;
	int nerr = 0;
	for (int i = 0; i < l.n; i++)
		if (l.v[i].state == AD_ERROR && (!vrfy || i == top)) {
			error_line(&l.v[i], out);
			nerr++;
		}
	if (vrfy) {
		/* the address itself, not what it expands to */
		if (top < l.n && l.v[top].state != AD_ERROR) {
			struct alias_dest *d = &l.v[top];
			bool alias = d->host[0] == '\0' &&
			    alias_exists(mta, d->user);
			addr_line(mta, d, true, true, !alias, out);
		} else if (nerr == 0)
			buf_puts(out, "554 5.5.2 Nothing to VRFY\n");
		alias_list_fini(&l);
		return;
	}
	int *seq = alias_sendq_order(&l);
	int n = 0, *order = xcalloc((size_t)l.n + 1, sizeof(int));
	for (int i = 0; i < l.n; i++)
		if (l.v[i].state == AD_DELIVER)
			order[n++] = i;
	/* insertion sort by send queue place (short lists) */
	for (int i = 1; i < n; i++) {
		int t = order[i], j = i;
		while (j > 0 && seq[order[j - 1]] > seq[t]) {
			order[j] = order[j - 1];
			j--;
		}
		order[j] = t;
	}
	for (int i = 0; i < n; i++)
		addr_line(mta, &l.v[order[i]], i == n - 1, false, true, out);
	if (n == 0 && nerr == 0)
		buf_puts(out, "554 5.5.2 Nothing to EXPN\n");
	free(order);
	free(seq);
	alias_list_fini(&l);
}
