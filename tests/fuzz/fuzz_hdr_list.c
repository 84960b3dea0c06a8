/*
 * fuzz_hdr_list.c -- libFuzzer target: arbitrary header field values
 * through hdr_list_format (sendmail's commaize layout), new and old
 * style, with a callback that keeps, drops or lengthens addresses.
 */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "hdr_list.h"
#include "rw_tok.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void
quiet(void *arg, enum rw_msgkind kind, const char *to, const char *text)
{
	(void)arg; (void)kind; (void)to; (void)text;
}

static void
rewrite(void *arg, const char *addr, struct buf *out)
{
	size_t n = strlen(addr);

	(void)arg;
	if (n % 3 == 0)
		return;				/* dropped */
	buf_puts(out, addr);
	if (n % 3 == 1)
		buf_puts(out, "@a.long.domain.example");
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static struct rw_toktabs tt;
	static int ready;
	struct rw_msgs msgs = { quiet, NULL };
	struct buf out = BUF_INIT;

	if (!ready) {
		rw_toktabs_init(&tt);
		rw_toktabs_opchars(&tt, ".:%@!^/[]+");
		ready = 1;
	}
	if (size < 1 || size > 8192)
		return 0;
	char *value = malloc(size);
	memcpy(value, data + 1, size - 1);
	value[size - 1] = '\0';
	struct hdr_list_opts o = { tt.ext, &msgs, data[0] & 1,
	    (int)(data[0] >> 1) };
	(void)hdr_list_format(&o, "To", value, rewrite, NULL, &out);
	buf_fini(&out);
	free(value);
	return 0;
}
