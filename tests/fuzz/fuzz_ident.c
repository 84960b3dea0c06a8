/*
 * fuzz_ident.c -- libFuzzer target: arbitrary bytes as an identd's reply,
 * through ident_parse (what the daemon does with it).  Must never crash;
 * an accepted user id must be short and printable without blanks.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "ident.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char user[64];

	if (ident_parse((const char *)data, size, 1025, 25, user, sizeof(user))) {
		size_t n = strlen(user);
		if (n == 0 || n >= sizeof(user))
			abort();
		for (size_t i = 0; i < n; i++)
			if (user[i] <= ' ' || user[i] >= 0x7f || user[i] == '@')
				abort();
	}
	return 0;
}
