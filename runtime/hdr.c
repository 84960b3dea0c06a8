/*
 * hdr.c -- header fields from the configuration's H lines, expanded with
 * the envelope macros of the VM (mta->vm.envmac).  Conditional headers
 * (H?F?From:) are emitted for a mailer with one of the flags, and only
 * if the message does not have the field already (sendmail's putheader).
 * Address fields are rewritten per mailer (hdr_rewrite_field), the
 * list layout being hdr_list.c's.
 */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "hdr.h"
#include "hdr_list.h"
#include "map.h"
#include "xmem.h"

void
hdr_arpadate(time_t t, char *b, size_t bsz)
{
	struct tm tm;

	localtime_r(&t, &tm);
	/* sendmail names a zero offset "GMT", others as +hhmm */
	strftime(b, bsz, tm.tm_gmtoff == 0 ? "%a, %e %b %Y %H:%M:%S GMT" :
	    "%a, %e %b %Y %H:%M:%S %z", &tm);
	/* sendmail prints the day without padding: "Wed, 3 Jan" */
	char *p = b + 5;
	if (*p == ' ')
		memmove(p, p + 1, strlen(p));
}

void
hdr_setdates(struct mta *mta, time_t t)
{
	char b[64], d[64], tt[32];
	struct tm tm;

	hdr_arpadate(t, b, sizeof(b));
	localtime_r(&t, &tm);
	strftime(d, sizeof(d), "%a %b %e %H:%M:%S %Y", &tm);
	strftime(tt, sizeof(tt), "%Y%m%d%H%M", &tm);
	rw_mactab_set(&mta->vm.envmac, 'b', b);
	rw_mactab_set(&mta->vm.envmac, 'a', b);
	rw_mactab_set(&mta->vm.envmac, 'd', d);
	rw_mactab_set(&mta->vm.envmac, 't', tt);
}

static const struct cf_header *
find_cf(const struct cf *cf, const char *name)
{
	for (int i = 0; i < cf->nhdr; i++)
		if (strcasecmp(cf->hdr[i].name, name) == 0)
			return &cf->hdr[i];
	return NULL;
}

bool
hdr_expand_cf(struct mta *mta, const char *name, struct buf *out)
{
	const struct cf_header *h = find_cf(&mta->cf, name);

	buf_reset(out);
	if (h == NULL)
		return false;
	rw_expand(&mta->vm.env, h->value, out, MACBUFSIZE, NULL);
	return true;
}

bool
hdr_present(const char *block, const char *name)
{
	size_t n = strlen(name);
	const char *p = block;

	while (p != NULL && *p != '\0') {
		if (strncasecmp(p, name, n) == 0) {
			const char *q = p + n;
			while (*q == ' ' || *q == '\t')
				q++;
			if (*q == ':')
				return true;
		}
		p = strchr(p, '\n');
		if (p != NULL)
			p++;
	}
	return false;
}

/* sendmail's "resent" fields: one of them makes a Resent- message */
static const char *const resent_fields[] = {
	"Resent-From", "Resent-Sender", "Resent-Reply-To", "Resent-To",
	"Resent-Cc", "Resent-Bcc", "Resent-Date", "Resent-Message-Id",
};

static bool
hdr_resent(const char *block)
{
	for (size_t i = 0; i < sizeof(resent_fields) / sizeof(resent_fields[0]); i++)
		if (hdr_present(block, resent_fields[i]))
			return true;
	return false;
}

static bool
flags_match(const struct cf_header *h, const struct cf_mailer *m,
    bool *conditional)
{
	*conditional = false;
	for (int c = 0; c < 128; c++)
		if ((h->flags[c >> 3] >> (c & 7)) & 1) {
			*conditional = true;
			if (MAILER_HAS(m, c))
				return true;
		}
	return !*conditional;
}

void
hdr_for_mailer(struct mta *mta, const struct cf_mailer *m, const char *have,
    struct buf *out)
{
	const struct cf *cf = &mta->cf;
	struct buf v = BUF_INIT;

	for (int i = 0; i < cf->nhdr; i++) {
		const struct cf_header *h = &cf->hdr[i];
		bool cond;

		/* Received is added once, when the message is accepted */
		if (strcasecmp(h->name, "Received") == 0)
			continue;
		if (!flags_match(h, m, &cond) || !cond)
			continue;
		/* Resent- headers only go with a Resent- message */
		if (strncasecmp(h->name, "Resent-", 7) == 0 &&
		    !hdr_resent(have))
			continue;
		if (hdr_present(have, h->name) ||
		    (strcasecmp(h->name, "Return-Path") != 0 &&
		     hdr_present(buf_cstr(out), h->name)))
			continue;
		if (h->macro_cond != NULL) {
			int id = (unsigned char)h->macro_cond[1];
			const char *mv = rw_macvalue(&mta->vm.env, id);
			if (mv == NULL || *mv == '\0')
				continue;
		}
		buf_reset(&v);
		rw_expand(&mta->vm.env, h->value, &v, MACBUFSIZE, NULL);
		/* an empty value is not written (sendmail drops it too) */
		const char *s = buf_cstr(&v);
		while (isspace((unsigned char)*s))
			s++;
		if (*s == '\0')
			continue;
		buf_printf(out, "%s: %s\n", h->name, buf_cstr(&v));
	}
	buf_fini(&v);
}

/* sendmail's sender and recipient fields, lower case */
static const struct {
	const char	*name;
	enum hdr_kind	 kind;
} addr_fields[] = {
	{ "resent-sender", HK_FROM }, { "resent-from", HK_FROM },
	{ "resent-reply-to", HK_FROM }, { "sender", HK_FROM },
	{ "from", HK_FROM }, { "reply-to", HK_FROM },
	{ "errors-to", HK_FROM }, { "disposition-notification-to", HK_FROM },
	{ "to", HK_RCPT }, { "resent-to", HK_RCPT }, { "cc", HK_RCPT },
	{ "resent-cc", HK_RCPT }, { "apparently-to", HK_RCPT },
	{ "bcc", HK_BCC }, { "resent-bcc", HK_BCC },
	/* checked fields, kept only for a mailer with a flag of the cf's
	 * H line for them */
	{ "full-name", HK_CHECK }, { "content-length", HK_CHECK },
};

enum hdr_kind
hdr_kind(const char *name, size_t n)
{
	for (size_t i = 0; i < sizeof(addr_fields) / sizeof(addr_fields[0]); i++)
		if (strlen(addr_fields[i].name) == n &&
		    strncasecmp(addr_fields[i].name, name, n) == 0)
			return addr_fields[i].kind;
	return HK_OTHER;
}

/*
 * sendmail treats a message's lists as blank-separated until one of
 * its address fields shows a comma, semicolon, angle bracket or
 * parenthesis
 */
bool
hdr_oldstyle(const char *block)
{
	bool inaddr = false;

	for (const char *p = block; *p != '\0';) {
		size_t n = strcspn(p, "\n");
		const char *s = p;

		if (*p != ' ' && *p != '\t') {
			size_t k = strcspn(p, ": \t\n");
			const char *c = memchr(p, ':', n);
			enum hdr_kind hk = k < n ? hdr_kind(p, k) : HK_OTHER;
			inaddr = hk == HK_FROM || hk == HK_RCPT || hk == HK_BCC;
			s = c != NULL ? c + 1 : p + n;
		}
		if (inaddr)
			for (; s < p + n; s++)
				if (strchr(",;<(", *s) != NULL)
					return false;
		p += n;
		if (*p == '\n')
			p++;
	}
	return true;
}

struct rw_arg {
	struct mta		*mta;
	const struct cf_mailer	*m;
	int			 flags;
};

static void
rewrite_one(void *arg, const char *addr, struct buf *out)
{
	struct rw_arg *a = arg;
	int st = EX_OK;
	char *r = addr_remotename(a->mta, addr, a->m, a->flags, &st);

	buf_puts(out, r);
	free(r);
	vm_reset(&a->mta->vm);
}

bool
hdr_check_keep(struct mta *mta, const struct cf_mailer *m, const char *name,
    size_t n)
{
	const struct cf *cf = &mta->cf;

	for (int i = 0; i < cf->nhdr; i++) {
		const struct cf_header *h = &cf->hdr[i];
		bool cond;

		if (strlen(h->name) == n && strncasecmp(h->name, name, n) == 0 &&
		    flags_match(h, m, &cond) && cond)
			return true;
	}
	return false;
}

bool
hdr_rewrite_field(struct mta *mta, const struct cf_mailer *m,
    const char *name, const char *value, bool oldstyle, struct buf *out)
{
	enum hdr_kind k = hdr_kind(name, strlen(name));
	struct rw_arg a = { mta, m, RF_HEADERADDR };
	struct rw_msgs save = mta->vm.msgs;
	struct hdr_list_opts o;
	bool ok;

	if (k == HK_FROM)
		a.flags |= RF_SENDERADDR;
	o.toktab = mta->cf.tok.ext;
	o.msgs = &mta->vm.msgs;
	/* sender fields are never blank-separated */
	o.oldstyle = k == HK_FROM ? false : oldstyle;
	o.omax = m->linelimit - 2;
	/* what prescan says of a header address is not the sender's business */
	mta->vm.msgs.emit = NULL;
	ok = hdr_list_format(&o, name, value, rewrite_one, &a, out);
	mta->vm.msgs = save;
	return ok;
}
