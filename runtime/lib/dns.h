/*
 * dns.h -- the resolver questions cfmta asks: the MX records of a domain
 * (delivery, the bestmx map) and whether the service switch sends host
 * lookups to DNS at all.  libresolv does the talking (res_nquery), with
 * the system's resolv.conf; answers are parsed with ns_initparse.
 */
#ifndef RT_DNS_H
#define RT_DNS_H

#include <stdbool.h>
#include <stddef.h>

#define DNS_MAXMX	32
#define DNS_NOTFOUND	(-1)	/* no such domain (NXDOMAIN) */
#define DNS_TEMPFAIL	(-2)	/* no answer now: try again later */

struct dns_mx {
	char	 host[256];
	int	 pref;
};

/*
 * The MX records of name, lowest preference first (equal preferences
 * keep the order of the answer).  Returns how many (0: the domain exists
 * but has no MX), DNS_NOTFOUND or DNS_TEMPFAIL.
 */
int	dns_mx(const char *name, struct dns_mx *mx, int max);
/* the MX records of a DNS answer of n bytes (the same results) */
int	dns_mx_parse(const unsigned char *ans, int n, struct dns_mx *mx,
	    int max);

struct sockaddr;
/*
 * A socket address as sendmail writes one (${client_addr}, "[addr]" in
 * replies, the log): IPv4 dotted, the IPv4 part of a mapped IPv6 one,
 * any other IPv6 one as "IPv6:" and its eight groups in hex, none
 * elided ("IPv6:0:0:0:0:0:0:0:1" for ::1).  buf gets "" if unknown.
 */
void	dns_addrtext(const struct sockaddr *sa, char *buf, size_t sz);

#endif /* RT_DNS_H */
