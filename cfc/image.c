/*
 * image.c -- cfc back end: replay the cf text through the runtime's own
 * readcf engine (compile mode: nothing host-dependent is looked at),
 * record every logical line and every compiled rule, and write the
 * image atomically; also --disasm and --decompile.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include "buf.h"
#include "cf.h"
#include "cfb.h"
#include "image.h"
#include "xmem.h"

struct capture {
	struct buf	 msgs;		/* NUL-separated messages of one line */
	int		 nmsg;
	int		 nerr;
};

static void
capture_emit(void *arg, enum rw_msgkind kind, const char *to, const char *text)
{
	struct capture *c = arg;

	(void)to;
	if (kind == RWM_PRINT)
		return;
	buf_append(&c->msgs, text, strlen(text) + 1);
	c->nmsg++;
	c->nerr++;
}

/*
 * Does the translated R line use macros whose value is known only at
 * load?  The metasymbols are macros whose values are fixed (as in
 * sendmail); $| among them: outside a $? conditional (which relinks by
 * itself) reading the rule leaves it as it is.
 */
static bool
needs_relink(const char *t, size_t len)
{
	static const char runtime_ok[] = "*+-=~#@:>[]()&|0123456789";

	for (size_t i = 0; i + 1 < len; i++) {
		if ((unsigned char)t[i] == 0201) {
			unsigned char id = (unsigned char)t[i + 1];
			if (id == 0 || id >= 0200 || strchr(runtime_ok, id) == NULL)
				return true;
			i++;
		}
	}
	return false;
}

struct pline {
	const char	*s;
	size_t		 len;
	int		 phys;	/* 1-based physical line in the given text */
	const char	*ofile;	/* origin from m4's sync lines, or NULL */
	size_t		 ofilelen;
	int		 oline;
};

int
cfc_image_build(const char *srcname, const char *text, size_t len,
    const char *outpath, bool permissive, cfc_diag_fn *diag, void *arg)
{
	struct capture cap = { BUF_INIT, 0, 0 };
	struct rw_msgs out = { capture_emit, &cap };
	struct cf cf;
	struct pline *pl = NULL;
	size_t npl = 0, cappl = 0;
	bool synced = len >= 6 && memcmp(text, "#line ", 6) == 0;
	char *srcbuf = NULL;
	int errors = 0, rc = 0;
	struct buf lb = BUF_INIT;
	const char *curfile = NULL;
	size_t curfile_len = 0;
	int curfile_line = 0;
	struct buf fname = BUF_INIT;

	/* physical lines, sync lines removed (they are not in sendmail's view) */
	struct cfb_writer *w = NULL;
	{
		size_t i = 0;
		int phys = 0;
		while (i < len) {
			size_t s = i;
			while (i < len && text[i] != '\n')
				i++;
			size_t e = i;
			if (i < len)
				i++;
			phys++;
			if (e > s && text[e - 1] == '\r')
				e--;
			if (synced && e - s > 6 && memcmp(text + s, "#line ", 6) == 0) {
				/* #line N "file": the origin of the lines that follow */
				curfile_line = atoi(text + s + 6);
				const char *q = memchr(text + s, '"', e - s);
				if (q != NULL) {
					const char *qe = memchr(q + 1, '"', (size_t)(text + e - q - 1));
					if (qe != NULL) {
						curfile = q + 1;
						curfile_len = (size_t)(qe - q - 1);
					}
				}
				continue;
			}
			if (e - s > 13 && memcmp(text + s, "#@cfc-source ", 13) == 0) {
				free(srcbuf);
				srcbuf = xstrndup(text + s + 13, e - s - 13);
				continue;
			}
			if (npl == cappl) {
				cappl = cappl ? cappl * 2 : 1024;
				pl = xreallocarray(pl, cappl, sizeof(*pl));
			}
			pl[npl].s = text + s;
			pl[npl].len = e - s;
			pl[npl].phys = phys;
			pl[npl].ofile = curfile;
			pl[npl].ofilelen = curfile_len;
			pl[npl].oline = curfile_line++;
			npl++;
		}
	}
	if (srcbuf != NULL)
		srcname = srcbuf;
	w = cfb_writer_new(srcname, permissive);

	/* origin of each cf line (its number is its index + 1) */
	for (size_t k = 0; k < npl; k++) {
		if (pl[k].ofile == NULL)
			continue;
		buf_reset(&fname);
		buf_append(&fname, pl[k].ofile, pl[k].ofilelen);
		cfb_add_linemap(w, (int)k + 1, buf_cstr(&fname), pl[k].oline);
	}

	cf_init(&cf, &out);
	cf.compile_only = true;
	cf.filename = NULL;
	for (size_t i = 0; i < npl;) {
		size_t first = i;
		buf_reset(&lb);
		buf_append(&lb, pl[i].s, pl[i].len);
		i++;
		while (i < npl && pl[i].len > 0 && (pl[i].s[0] == ' ' || pl[i].s[0] == '\t')) {
			buf_addch(&lb, '\n');
			buf_append(&lb, pl[i].s, pl[i].len);
			i++;
		}
		int line = (int)i;	/* sendmail's number: the last physical line */
		const char *t = lb.s ? lb.s : "";
		size_t tl = lb.len;
		if (tl == 0 || t[0] == '#')
			continue;
		int before = cf.rs[cf.cur_ruleset >= 0 ? cf.cur_ruleset : 0].n;
		int cur = cf.cur_ruleset;
		buf_reset(&cap.msgs);
		cap.nmsg = 0;
		bool was_frozen = cf.toks_frozen;
		cf_line(&cf, t, tl, line);
		if (!was_frozen && cf.toks_frozen)
			cfb_set_opchars(w, cf.opchars_used, cf.conflevel);
		const struct cf_rule *rule = NULL;
		bool relink = false;
		if (t[0] == 'R' && cur >= 0 && cf.cur_ruleset == cur &&
		    cf.rs[cur].n == before + 1) {
			rule = &cf.rs[cur].r[before];
			struct buf tr = BUF_INIT;
			rw_translate_dollars(&cf.mn, t, tl, cf.conflevel, &tr, NULL);
			relink = cap.nmsg > 0 || needs_relink(tr.s ? tr.s : "", tr.len);
			buf_fini(&tr);
		}
		cfb_add_event(w, line, t, tl, rule, relink);
		/* report messages */
		const char *m = cap.msgs.s;
		for (int k = 0; k < cap.nmsg; k++) {
			struct buf full = BUF_INIT;
			buf_printf(&full, "%s: line %d: %s", srcname, line, m);
			cfb_add_message(w, line, buf_cstr(&full));
			buf_fini(&full);
			diag(arg, permissive ? CFC_SEV_WARNING : CFC_SEV_ERROR,
			    (unsigned)pl[first].phys, m);
			errors++;
			m += strlen(m) + 1;
		}
	}
	for (int id = MACID_LONG_FIRST; id <= MACID_MAX; id++)
		if (cf.mn.name[id] != NULL)
			cfb_add_macname(w, id, cf.mn.name[id]);
	cf_fini(&cf);
	if (errors > 0 && !permissive) {
		rc = 1;
		goto done;
	}

	size_t ilen;
	void *img = cfb_finish(w, &ilen);
	{
		struct buf tmp = BUF_INIT;
		buf_printf(&tmp, "%s.tmpXXXXXX", outpath);
		char *tp = buf_steal(&tmp);
		int fd = mkstemp(tp);
		if (fd < 0) {
			diag(arg, CFC_SEV_ERROR, 0, "cannot create output file");
			rc = 2;
		} else {
			size_t off = 0;
			while (off < ilen) {
				ssize_t n = write(fd, (char *)img + off, ilen - off);
				if (n <= 0)
					break;
				off += (size_t)n;
			}
			(void)fchmod(fd, 0644);
			if (off != ilen || fsync(fd) != 0 || close(fd) != 0 ||
			    rename(tp, outpath) != 0) {
				unlink(tp);
				diag(arg, CFC_SEV_ERROR, 0, "cannot write output file");
				rc = 2;
			}
		}
		free(tp);
	}
	free(img);
done:
	cfb_writer_free(w);
	free(pl);
	free(srcbuf);
	buf_fini(&lb);
	buf_fini(&cap.msgs);
	buf_fini(&fname);
	return rc;
}

static int
map_image(const char *path, void **pp, size_t *lenp)
{
	int fd = open(path, O_RDONLY);
	struct stat st;

	if (fd < 0)
		return -1;
	if (fstat(fd, &st) != 0 || st.st_size == 0) {
		close(fd);
		return -1;
	}
	void *p = mmap(NULL, (size_t)st.st_size, PROT_READ, MAP_PRIVATE, fd, 0);
	close(fd);
	if (p == MAP_FAILED)
		return -1;
	*pp = p;
	*lenp = (size_t)st.st_size;
	return 0;
}

static int
with_image(const char *path, FILE *out, void (*fn)(const struct cfb_image *, FILE *))
{
	void *p;
	size_t len;
	struct cfb_image img;
	char why[256];

	if (map_image(path, &p, &len) != 0) {
		fprintf(stderr, "cfc: %s: %s\n", path, strerror(errno ? errno : EINVAL));
		return 2;
	}
	if (!cfb_verify(p, len, &img, why, sizeof(why))) {
		fprintf(stderr, "cfc: %s: bad image (%s)\n", path, why);
		munmap(p, len);
		return 1;
	}
	fn(&img, out);
	munmap(p, len);
	return 0;
}

int
cfc_image_disasm(const char *path, FILE *out)
{
	return with_image(path, out, cfb_disasm);
}

int
cfc_image_decompile(const char *path, FILE *out)
{
	return with_image(path, out, cfb_decompile);
}
