/*
 * image.c -- cfc back end (emitter, disassembler, decompiler).
 * Placeholder until the image format lands.
 */
#include "image.h"

int
cfc_image_build(const char *srcname, const char *text, size_t len,
    const char *outpath, bool permissive, cfc_diag_fn *diag, void *arg)
{
	(void)srcname; (void)text; (void)len; (void)outpath; (void)permissive;
	diag(arg, CFC_SEV_ERROR, 0, "image output is not implemented yet");
	return 1;
}

int
cfc_image_disasm(const char *path, FILE *out)
{
	(void)path; (void)out;
	return 2;
}

int
cfc_image_decompile(const char *path, FILE *out)
{
	(void)path; (void)out;
	return 2;
}
