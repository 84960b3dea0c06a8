/*
 * main.c -- cfc command line: read a .cf (or expand a .mc with m4), parse,
 * run the checks, and on success hand the cf text to the back end
 * (image.h).  Owns the compilation context for the whole run.
 */
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "arena.h"
#include "buf.h"
#include "cfc.h"
#include "diag.h"
#include "image.h"
#include "log.h"
#include "m4run.h"
#include "parse_glue.h"
#include "sema.h"
#include "srcmap.h"

#define CFC_VERSION "0.1"

int main(int argc, char **argv);

static void
usage(FILE *f)
{
	fprintf(f,
"usage: cfc [options] FILE.cf|FILE.mc\n"
"       cfc --disasm IMAGE.cfb | --decompile IMAGE.cfb\n"
"  --lint, -n          check only, write nothing\n"
"  -o OUT.cfb          compile into an image after the checks pass\n"
"  --permissive        let the back end drop lines sendmail would drop\n"
"  --cf-dir DIR        cf tree for .mc input (DIR/m4/cf.m4)\n"
"  --env               also run host-dependent checks (users, files)\n"
"  --format=FMT        text (default), json or sarif\n"
"  -ferror-limit=N     stop after N errors (default 20, 0 = no limit)\n"
"  -Wno-CHECK, -WCHECK, -Werror, -Werror=CHECK, -Wno-error=CHECK\n"
"  --list-checks       print the check catalogue\n"
"  --version, --help\n");
}

static bool
read_file(const char *path, struct buf *out)
{
	FILE *f = fopen(path, "rb");
	char tmp[65536];
	size_t n;

	if (f == NULL)
		return false;
	while ((n = fread(tmp, 1, sizeof(tmp), f)) > 0)
		buf_append(out, tmp, n);
	if (ferror(f)) {
		fclose(f);
		return false;
	}
	fclose(f);
	return true;
}

static bool
has_cfm4(const char *dir)
{
	struct buf b = BUF_INIT;
	bool ok;

	buf_printf(&b, "%s/m4/cf.m4", dir);
	ok = access(buf_cstr(&b), R_OK) == 0;
	buf_fini(&b);
	return ok;
}

/* --cf-dir, else $CFC_M4LIB, else ../m4lib beside the binary, else upstream. */
static char *
default_cfdir(void)
{
	char exe[PATH_MAX];
	ssize_t n;
	const char *e = getenv("CFC_M4LIB");
	static const char *const rel[] = { "/../m4lib", "/../../m4lib" };
	size_t i;

	if (e != NULL && *e != '\0')
		return strdup(e);
	n = readlink("/proc/self/exe", exe, sizeof(exe) - 1);
	if (n > 0) {
		char *slash;

		exe[n] = '\0';
		if ((slash = strrchr(exe, '/')) != NULL)
			*slash = '\0';
		for (i = 0; i < 2; i++) {
			struct buf b = BUF_INIT;

			buf_printf(&b, "%s%s", exe, rel[i]);
			if (has_cfm4(buf_cstr(&b))) {
				char *r = realpath(buf_cstr(&b), NULL);

				if (r != NULL) {
					buf_fini(&b);
					return r;
				}
				return buf_steal(&b);
			}
			buf_fini(&b);
		}
	}
	return strdup("/usr/share/sendmail/cf");
}

struct img_arg {
	struct diag	*d;
	const char	*name;
};

static void
image_diag(void *arg, enum cfc_sev sev, unsigned line, const char *msg)
{
	struct img_arg *ia = arg;
	uint32_t s, e, next;

	if (line == 0) {	/* about the whole file */
		if (sev == CFC_SEV_NOTE)
			diag_note_at_line(ia->d, ia->name, 0, "%s", msg);
		else
			diag_at_line(ia->d, sev == CFC_SEV_ERROR ? CS_ERROR :
			    CS_WARNING, ia->name, 0, "%s", msg);
		return;
	}
	s = diag_line_start(ia->d, line);
	next = diag_line_start(ia->d, line + 1);

	e = next > s ? next - 1 : s;
	diag_report_sev(ia->d, sev == CFC_SEV_ERROR ? CS_ERROR :
	    sev == CFC_SEV_WARNING ? CS_WARNING : CS_OFF, s, e, "%s", msg);
}

static bool
ends_with(const char *s, const char *suf)
{
	size_t a = strlen(s), b = strlen(suf);

	return a >= b && strcmp(s + a - b, suf) == 0;
}

int
main(int argc, char **argv)
{
	const char *input = NULL, *outpath = NULL, *cfdir = NULL;
	const char *disasm = NULL, *decompile = NULL;
	bool lint = false, permissive = false, env = false;
	struct diag *d;
	struct buf text = BUF_INIT, shown = BUF_INIT;
	struct cfc_ctx ctx;
	int i, rc = 0;

	log_init("cfc");
	d = diag_new(stderr);
	for (i = 1; i < argc; i++) {
		const char *a = argv[i];

		if (strcmp(a, "--lint") == 0 || strcmp(a, "-n") == 0)
			lint = true;
		else if (strcmp(a, "-o") == 0 && i + 1 < argc)
			outpath = argv[++i];
		else if (strcmp(a, "--permissive") == 0)
			permissive = true;
		else if (strcmp(a, "--env") == 0)
			env = true;
		else if (strcmp(a, "--cf-dir") == 0 && i + 1 < argc)
			cfdir = argv[++i];
		else if (strncmp(a, "--cf-dir=", 9) == 0)
			cfdir = a + 9;
		else if (strcmp(a, "--disasm") == 0 && i + 1 < argc)
			disasm = argv[++i];
		else if (strcmp(a, "--decompile") == 0 && i + 1 < argc)
			decompile = argv[++i];
		else if (strcmp(a, "--format=text") == 0)
			diag_set_format(d, DIAG_TEXT);
		else if (strcmp(a, "--format=json") == 0)
			diag_set_format(d, DIAG_JSON);
		else if (strcmp(a, "--format=sarif") == 0)
			diag_set_format(d, DIAG_SARIF);
		else if (strncmp(a, "-ferror-limit=", 14) == 0 &&
		    strspn(a + 14, "0123456789") == strlen(a + 14) && a[14])
			diag_set_limit(d, (unsigned)strtoul(a + 14, NULL, 10));
		else if (strcmp(a, "--version") == 0) {
			printf("cfc %s (sendmail 8.17 cf language)\n",
			    CFC_VERSION);
			diag_free(d);
			return 0;
		} else if (strcmp(a, "--help") == 0 || strcmp(a, "-h") == 0) {
			usage(stdout);
			diag_free(d);
			return 0;
		} else if (strcmp(a, "--list-checks") == 0) {
			diag_print_catalogue(stdout);
			diag_free(d);
			return 0;
		} else if (strncmp(a, "-W", 2) == 0) {
			if (!diag_option(d, a)) {
				fprintf(stderr, "cfc: unknown warning option "
				    "'%s' (see --list-checks)\n", a);
				diag_free(d);
				return 2;
			}
		} else if (a[0] == '-' && a[1] != '\0') {
			fprintf(stderr, "cfc: unknown option '%s'\n", a);
			usage(stderr);
			diag_free(d);
			return 2;
		} else if (input == NULL)
			input = a;
		else {
			fprintf(stderr, "cfc: more than one input file\n");
			diag_free(d);
			return 2;
		}
	}
	if (disasm != NULL || decompile != NULL) {
		diag_free(d);
		if (disasm != NULL)
			return cfc_image_disasm(disasm, stdout);
		return cfc_image_decompile(decompile, stdout);
	}
	if (input == NULL) {
		usage(stderr);
		diag_free(d);
		return 2;
	}

	if (ends_with(input, ".mc")) {
		char *dir = cfdir != NULL ? strdup(cfdir) : default_cfdir();

		buf_append(&shown, input, strlen(input) - 3);
		buf_puts(&shown, ".cf");
		if (!m4_expand(dir, input, &text, d)) {
			free(dir);
			diag_finish(d);
			diag_free(d);
			buf_fini(&text);
			buf_fini(&shown);
			return 1;
		}
		free(dir);
	} else {
		buf_puts(&shown, input);
		if (!read_file(input, &text)) {
			fprintf(stderr, "cfc: cannot read '%s': %s\n", input,
			    strerror(errno));
			diag_free(d);
			buf_fini(&text);
			buf_fini(&shown);
			return 2;
		}
	}
	if (text.len > UINT32_MAX - 2) {
		fprintf(stderr, "cfc: '%s': file too large\n", input);
		diag_free(d);
		return 2;
	}

	memset(&ctx, 0, sizeof(ctx));
	ctx.arena = arena_new();
	ctx.sm = srcmap_new();
	ctx.diag = d;
	ctx.text = buf_cstr(&text);
	ctx.len = text.len;
	ctx.env = env;
	diag_set_source(d, buf_cstr(&shown), ctx.text, ctx.len, ctx.sm);
	diag_set_permissive(d, permissive);
	if (cfc_parse(&ctx) == 2)
		rc = 2;
	sema_check(&ctx);

	if (rc == 0 && diag_errors(d) == 0 && outpath != NULL && !lint) {
		struct img_arg ia = { d, buf_cstr(&shown) };

		rc = cfc_image_build(buf_cstr(&shown), ctx.text, ctx.len,
		    outpath, permissive, image_diag, &ia);
	}
	diag_finish(d);
	if (rc == 0 && diag_errors(d) > 0)
		rc = 1;
	ctx.arena = arena_free(ctx.arena);
	ctx.sm = srcmap_free(ctx.sm);
	diag_free(d);
	buf_fini(&text);
	buf_fini(&shown);
	return rc;
}
