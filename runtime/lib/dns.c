/*
 * dns.c -- MX lookups through libresolv (see dns.h).
 */
#include <netinet/in.h>
#include <arpa/inet.h>
#include <arpa/nameser.h>
#include <netdb.h>
#include <resolv.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "dns.h"

#define DNS_ANSWERMAX	8192

int
dns_mx_parse(const unsigned char *ans, int n, struct dns_mx *mx, int max)
{
	ns_msg msg;
	int count = 0;

	if (n <= 0 || ns_initparse(ans, n, &msg) != 0)
		return DNS_TEMPFAIL;
	int nan = ns_msg_count(msg, ns_s_an);
	for (int i = 0; i < nan && count < max; i++) {
		ns_rr rr;
		if (ns_parserr(&msg, ns_s_an, i, &rr) != 0)
			break;
		if (ns_rr_type(rr) != ns_t_mx || ns_rr_class(rr) != ns_c_in ||
		    ns_rr_rdlen(rr) < 3)
			continue;
		const unsigned char *rd = ns_rr_rdata(rr);
		char host[NS_MAXDNAME];
		if (ns_name_uncompress(ns_msg_base(msg), ns_msg_end(msg),
		    rd + 2, host, sizeof(host)) < 0)
			continue;
		size_t hl = strlen(host);
		if (hl >= sizeof(mx[0].host))
			continue;
		mx[count].pref = (rd[0] << 8) | rd[1];
		memcpy(mx[count].host, host, hl + 1);
		count++;
	}
	/* insertion sort: stable, the lists are short */
	for (int i = 1; i < count; i++) {
		struct dns_mx t = mx[i];
		int j = i;
		while (j > 0 && mx[j - 1].pref > t.pref) {
			mx[j] = mx[j - 1];
			j--;
		}
		mx[j] = t;
	}
	return count;
}

int
dns_mx(const char *name, struct dns_mx *mx, int max)
{
	struct __res_state rs;
	unsigned char ans[DNS_ANSWERMAX];
	int n;

	memset(&rs, 0, sizeof(rs));
	if (res_ninit(&rs) != 0)
		return DNS_TEMPFAIL;
	/* the name as given: no search list, like sendmail's "domain." */
	n = res_nquery(&rs, name, ns_c_in, ns_t_mx, ans, sizeof(ans));
	if (n < 0) {
		int h = rs.res_h_errno;
		res_nclose(&rs);
		if (h == HOST_NOT_FOUND)
			return DNS_NOTFOUND;
		if (h == NO_DATA)
			return 0;
		return DNS_TEMPFAIL;
	}
	res_nclose(&rs);
	if (n > (int)sizeof(ans))
		n = (int)sizeof(ans);
	return dns_mx_parse(ans, n, mx, max);
}

void
dns_addrtext(const struct sockaddr *sa, char *buf, size_t sz)
{
	char t[INET6_ADDRSTRLEN];

	buf[0] = '\0';
	if (sa->sa_family == AF_INET) {
		const struct sockaddr_in *in = (const void *)sa;
		if (inet_ntop(AF_INET, &in->sin_addr, t, sizeof(t)) != NULL)
			snprintf(buf, sz, "%s", t);
	} else if (sa->sa_family == AF_INET6) {
		const struct sockaddr_in6 *in6 = (const void *)sa;
		const unsigned char *b = in6->sin6_addr.s6_addr;
		if (IN6_IS_ADDR_V4MAPPED(&in6->sin6_addr)) {
			snprintf(buf, sz, "%u.%u.%u.%u", b[12], b[13], b[14], b[15]);
			return;
		}
		snprintf(buf, sz, "IPv6:%x:%x:%x:%x:%x:%x:%x:%x",
		    (unsigned)(b[0] << 8 | b[1]), (unsigned)(b[2] << 8 | b[3]),
		    (unsigned)(b[4] << 8 | b[5]), (unsigned)(b[6] << 8 | b[7]),
		    (unsigned)(b[8] << 8 | b[9]), (unsigned)(b[10] << 8 | b[11]),
		    (unsigned)(b[12] << 8 | b[13]), (unsigned)(b[14] << 8 | b[15]));
	}
}
