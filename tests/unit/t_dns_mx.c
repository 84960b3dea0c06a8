/*
 * t_dns_mx.c -- dns_mx_parse on answers built byte by byte: MX records
 * in preference order (stable for equal ones), compressed names, records
 * of other types skipped, truncated and garbage answers refused.  TAP.
 */
#include <stdio.h>
#include <string.h>

#include "dns.h"
#include "tap.h"

static size_t
put16(unsigned char *p, size_t o, int v)
{
	p[o] = (unsigned char)(v >> 8);
	p[o + 1] = (unsigned char)v;
	return o + 2;
}

/* a name in labels ("a.b" -> 1a1b0) */
static size_t
putname(unsigned char *p, size_t o, const char *name)
{
	while (*name != '\0') {
		size_t l = strcspn(name, ".");
		p[o++] = (unsigned char)l;
		memcpy(p + o, name, l);
		o += l;
		name += l;
		if (*name == '.')
			name++;
	}
	p[o++] = 0;
	return o;
}

/* header + question for example.org MX */
static size_t
header(unsigned char *p, int nan)
{
	size_t o = 0;
	o = put16(p, o, 0x1234);
	o = put16(p, o, 0x8180);
	o = put16(p, o, 1);
	o = put16(p, o, nan);
	o = put16(p, o, 0);
	o = put16(p, o, 0);
	o = putname(p, o, "example.org");
	o = put16(p, o, 15);
	o = put16(p, o, 1);
	return o;
}

/* one RR owned by the question name (pointer 0xc00c) */
static size_t
rr(unsigned char *p, size_t o, int type, const unsigned char *rd, size_t rdl)
{
	o = put16(p, o, 0xc00c);
	o = put16(p, o, type);
	o = put16(p, o, 1);
	o = put16(p, o, 0);
	o = put16(p, o, 300);
	o = put16(p, o, (int)rdl);
	memcpy(p + o, rd, rdl);
	return o + rdl;
}

static size_t
mxrd(unsigned char *rd, int pref, const char *host)
{
	size_t o = put16(rd, 0, pref);
	return putname(rd, o, host);
}

int
main(void)
{
	unsigned char p[1024], rd[300];
	struct dns_mx mx[DNS_MAXMX];
	size_t o, l;

	o = header(p, 4);
	l = mxrd(rd, 20, "b.example.org");
	o = rr(p, o, 15, rd, l);
	l = mxrd(rd, 10, "a.example.org");
	o = rr(p, o, 15, rd, l);
	o = rr(p, o, 1, (const unsigned char *)"\x7f\0\0\1", 4);	/* an A */
	/* compressed: "c" + pointer to "example.org" at offset 12 */
	rd[0] = 0; rd[1] = 20; rd[2] = 1; rd[3] = 'c'; rd[4] = 0xc0; rd[5] = 12;
	o = rr(p, o, 15, rd, 6);
	int n = dns_mx_parse(p, (int)o, mx, DNS_MAXMX);
	ok(n == 3, "three MX records, the A record skipped");
	ok(n == 3 && mx[0].pref == 10 && strcmp(mx[0].host, "a.example.org") == 0,
	    "lowest preference first");
	ok(n == 3 && strcmp(mx[1].host, "b.example.org") == 0 &&
	    strcmp(mx[2].host, "c.example.org") == 0,
	    "equal preferences keep the answer's order; compressed name");
	ok(dns_mx_parse(p, (int)o, mx, 1) == 1, "at most max records");
	ok(dns_mx_parse(p, 20, mx, DNS_MAXMX) < 0 ||
	    dns_mx_parse(p, 20, mx, DNS_MAXMX) == 0, "truncated answer: none");
	ok(dns_mx_parse(p, 5, mx, DNS_MAXMX) == DNS_TEMPFAIL,
	    "shorter than a header: refused");
	o = header(p, 0);
	ok(dns_mx_parse(p, (int)o, mx, DNS_MAXMX) == 0, "no answers: zero");
	return tap_done();
}
