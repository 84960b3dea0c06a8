/*
 * hdr.c -- header fields from the configuration's H lines, expanded with
 * the envelope macros of the VM (mta->vm.envmac).  Conditional headers
 * (H?F?From:) are emitted for a mailer with one of the flags, and only
 * if the message does not have the field already (sendmail's putheader).
 */
#include <ctype.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "hdr.h"

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
		    !hdr_present(have, "Resent-From") &&
		    !hdr_present(have, "Resent-Date"))
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
