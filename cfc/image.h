/*
 * image.h -- the back end of cfc: turn checked cf text into a .cfb image,
 * and read images back for --disasm and --decompile.  The front end
 * (parser, checks, diagnostics) hands over the whole cf text; line numbers
 * in callbacks are 1-based lines of that text.
 */
#ifndef CFC_IMAGE_H
#define CFC_IMAGE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

enum cfc_sev { CFC_SEV_ERROR, CFC_SEV_WARNING, CFC_SEV_NOTE };

typedef void cfc_diag_fn(void *arg, enum cfc_sev sev, unsigned line,
    const char *msg);

/*
 * Compile cf text into an image written (atomically) to outpath.
 * srcname is the path sendmail would print in readcf messages.  With
 * permissive, lines sendmail would drop with an error are dropped and
 * the messages recorded in the image; otherwise they are errors.
 * Returns 0 on success, 1 on errors (nothing written), 2 on I/O failure.
 */
int	cfc_image_build(const char *srcname, const char *text, size_t len,
	    const char *outpath, bool permissive, cfc_diag_fn *diag, void *arg);
/* Print a human-readable listing / cf text of the image; same returns. */
int	cfc_image_disasm(const char *path, FILE *out);
int	cfc_image_decompile(const char *path, FILE *out);

#endif /* CFC_IMAGE_H */
