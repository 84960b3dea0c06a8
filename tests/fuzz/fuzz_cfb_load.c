/*
 * fuzz_cfb_load.c -- libFuzzer target: any bytes through the image
 * verifier, and verified images through the loader and the VM.  Nothing
 * may crash, hang or read out of bounds.
 */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "cf.h"
#include "cfb.h"
#include "vm.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void
quiet(void *arg, enum rw_msgkind kind, const char *to, const char *text)
{
	(void)arg; (void)kind; (void)to; (void)text;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct cfb_image img;
	char why[256];
	/* the image must stay mapped while the cf uses it: copy to own memory */
	uint8_t *copy = malloc(size ? size : 1);

	memcpy(copy, data, size);
	/* half the inputs get a correct checksum, so mutations reach the
	 * semantic verifier and the loader instead of stopping at the CRC */
	if (size >= CFB_HDRSIZE && (data[size - 1] & 1)) {
		uint32_t hs, crc;
		memcpy(&hs, copy + 16, 4);
		if (hs <= size) {
			crc = cfb_crc32(copy + hs, size - hs);
			memcpy(copy + 28, &crc, 4);
		}
	}
	if (cfb_verify(copy, size, &img, why, sizeof(why))) {
		struct rw_msgs out = { quiet, NULL };
		struct cf cf;
		struct vm vm;
		cf_init(&cf, &out);
		cf.compile_only = true;
		if (cfb_load(&cf, "fuzz", copy, size, why, sizeof(why)) == 0) {
			vm_init(&vm, &cf, &out);
			for (int rs = 0; rs < 5; rs++) {
				char *pvp[MAXATOM + 1];
				cf_freeze_tokens(&cf);
				if (vm_prescan(&vm, "user@example.org", '\0', pvp, NULL, NULL) >= 0)
					(void)vm_rewrite(&vm, pvp, rs, 0, MAXATOM);
				vm_reset(&vm);
			}
			vm_fini(&vm);
		}
		cf_fini(&cf);
	}
	free(copy);
	return 0;
}
