/*
 * fuzz_dnsmx.c -- libFuzzer target: arbitrary bytes as the answer to an
 * MX query, through dns_mx_parse (what delivery does with a resolver's
 * reply).  Must never crash; the results must be sorted and bounded.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "dns.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct dns_mx mx[DNS_MAXMX];
	int n = dns_mx_parse(data, size > 65535 ? 65535 : (int)size, mx,
	    DNS_MAXMX);

	if (n > DNS_MAXMX)
		abort();
	for (int i = 1; i < n; i++)
		if (mx[i - 1].pref > mx[i].pref ||
		    strlen(mx[i].host) >= sizeof(mx[i].host))
			abort();
	return 0;
}
