/*
 * diag.c -- renders diagnostics.  Text goes out as it is reported; JSON
 * and SARIF records are kept (owned here) and printed by diag_finish.
 * Line numbers are computed from a line-start table only when printing.
 */
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "diag.h"
#include "srcmap.h"
#include "xmem.h"

static const struct {
	const char	*name;
	enum check_sev	 sev;
	const char	*desc;
} checks[CK__COUNT] = {
#define CHECK(id, name, sev, desc) { name, sev, desc },
#include "checks.def"
#undef CHECK
};

struct rec {
	enum check_sev	 sev;		/* CS_WARNING, CS_ERROR; CS_OFF = note */
	bool		 is_note;
	enum check_id	 check;
	char		*file;
	unsigned	 line, col, endcol;	/* col 0: none */
	char		*msg;
	uint32_t	 start, end;	/* source span; start DIAG_NOLOC: none */
	size_t		 seq;		/* report order */
};

struct diag {
	FILE		*out;
	const char	*fname;
	const char	*text;
	size_t		 len;
	const struct srcmap *sm;
	uint32_t	*lines;		/* start offset of each line */
	unsigned	 nlines;
	enum check_sev	 sev[CK__COUNT];
	bool		 werror_all;
	bool		 permissive;	/* cf errors sendmail survives are warnings */
	enum diag_format fmt;
	unsigned	 limit, nerr, nwarn;
	bool		 stopped;
	bool		 last_shown;
	bool		 limit_hit;
	struct rec	*recs;
	size_t		 nrecs, cap;
};

struct diag *
diag_new(FILE *out)
{
	struct diag *d = xcalloc(1, sizeof(*d));
	int i;

	d->out = out;
	d->limit = 20;
	for (i = 0; i < CK__COUNT; i++)
		d->sev[i] = checks[i].sev;
	return d;
}

struct diag *
diag_free(struct diag *d)
{
	size_t i;

	if (d == NULL)
		return NULL;
	for (i = 0; i < d->nrecs; i++) {
		free(d->recs[i].file);
		free(d->recs[i].msg);
	}
	free(d->recs);
	free(d->lines);
	free(d);
	return NULL;
}

void
diag_set_source(struct diag *d, const char *fname, const char *text,
    size_t len, const struct srcmap *sm)
{
	size_t i, cap = 1024;

	d->fname = fname;
	d->text = text;
	d->len = len;
	d->sm = sm;
	free(d->lines);
	d->lines = xmalloc(cap * sizeof(uint32_t));
	d->nlines = 0;
	d->lines[d->nlines++] = 0;
	for (i = 0; i < len; i++) {
		if (text[i] != '\n')
			continue;
		if (d->nlines == cap) {
			cap *= 2;
			d->lines = xreallocarray(d->lines, cap, sizeof(uint32_t));
		}
		d->lines[d->nlines++] = (uint32_t)(i + 1);
	}
}

static int
check_by_name(const char *name, size_t n)
{
	int i;

	for (i = 0; i < CK__COUNT; i++)
		if (strlen(checks[i].name) == n &&
		    strncmp(checks[i].name, name, n) == 0)
			return i;
	return -1;
}

bool
diag_option(struct diag *d, const char *opt)
{
	int c;

	if (strcmp(opt, "-Werror") == 0) {
		d->werror_all = true;
		return true;
	}
	if (strncmp(opt, "-Werror=", 8) == 0) {
		if ((c = check_by_name(opt + 8, strlen(opt + 8))) < 0)
			return false;
		d->sev[c] = CS_ERROR;
		return true;
	}
	if (strncmp(opt, "-Wno-error=", 11) == 0) {
		if ((c = check_by_name(opt + 11, strlen(opt + 11))) < 0)
			return false;
		if (d->sev[c] == CS_ERROR)
			d->sev[c] = CS_WARNING;
		return true;
	}
	if (strncmp(opt, "-Wno-", 5) == 0) {
		if ((c = check_by_name(opt + 5, strlen(opt + 5))) < 0)
			return false;
		d->sev[c] = CS_OFF;
		return true;
	}
	if (strncmp(opt, "-W", 2) == 0) {
		if ((c = check_by_name(opt + 2, strlen(opt + 2))) < 0)
			return false;
		if (d->sev[c] == CS_OFF)
			d->sev[c] = checks[c].sev == CS_OFF ? CS_WARNING :
			    checks[c].sev;
		return true;
	}
	return false;
}

void
diag_set_format(struct diag *d, enum diag_format f)
{
	d->fmt = f;
}

void
diag_set_limit(struct diag *d, unsigned limit)
{
	d->limit = limit;
}

void
diag_set_permissive(struct diag *d, bool on)
{
	d->permissive = on;
}

bool
diag_enabled(const struct diag *d, enum check_id c)
{
	return c >= CK__COUNT || d->sev[c] != CS_OFF;
}

const char *
diag_check_name(enum check_id c)
{
	return c < CK__COUNT ? checks[c].name : "";
}

void
diag_print_catalogue(FILE *out)
{
	int i;

	for (i = 0; i < CK__COUNT; i++)
		fprintf(out, "  %-20s %-8s %s\n", checks[i].name,
		    checks[i].sev == CS_ERROR ? "error" : "warning",
		    checks[i].desc);
}

unsigned
diag_line_of(const struct diag *d, uint32_t off)
{
	unsigned lo = 0, hi = d->nlines;

	if (d->nlines == 0)
		return 1;
	while (hi - lo > 1) {
		unsigned mid = (lo + hi) / 2;

		if (d->lines[mid] <= off)
			lo = mid;
		else
			hi = mid;
	}
	return lo + 1;
}

uint32_t
diag_line_start(const struct diag *d, unsigned line)
{
	if (line == 0 || line > d->nlines)
		return 0;
	return d->lines[line - 1];
}

static struct rec *
newrec(struct diag *d)
{
	if (d->nrecs == d->cap) {
		d->cap = d->cap ? d->cap * 2 : 32;
		d->recs = xreallocarray(d->recs, d->cap, sizeof(*d->recs));
	}
	memset(&d->recs[d->nrecs], 0, sizeof(struct rec));
	return &d->recs[d->nrecs++];
}

static const char *
sevname(enum check_sev s, bool note)
{
	if (note)
		return "note";
	return s == CS_ERROR ? "error" : "warning";
}

/* Print the source line of [start,end) and a caret line under it. */
static void
print_caret(struct diag *d, uint32_t start, uint32_t end)
{
	unsigned line = diag_line_of(d, start);
	uint32_t ls = d->lines[line - 1], le = ls, i;

	while (le < d->len && d->text[le] != '\n')
		le++;
	if (end > le)
		end = le;
	fputs("    ", d->out);
	for (i = ls; i < le; i++)
		fputc(d->text[i] == '\0' ? ' ' : d->text[i], d->out);
	fputs("\n    ", d->out);
	for (i = ls; i < start; i++)
		fputc(d->text[i] == '\t' ? '\t' : ' ', d->out);
	fputc('^', d->out);
	for (i = start + 1; i < end; i++)
		fputc('~', d->out);
	fputc('\n', d->out);
}

static void
emit(struct diag *d, enum check_sev sev, bool note, enum check_id c,
    uint32_t start, uint32_t end, const char *file, unsigned lineno,
    const char *msg)
{
	struct rec *r;
	unsigned line = lineno, col = 0, endcol = 0;

	if (start != DIAG_NOLOC && d->text != NULL) {
		if (start > d->len)
			start = (uint32_t)d->len;
		if (end < start)
			end = start;
		line = diag_line_of(d, start);
		col = start - d->lines[line - 1] + 1;
		endcol = col + (end > start ? end - start : 1);
		file = d->fname;
	} else
		start = DIAG_NOLOC;
	r = newrec(d);
	r->sev = sev;
	r->is_note = note;
	r->check = c;
	r->file = xstrdup(file != NULL ? file : "cfc");
	r->line = line;
	r->col = col;
	r->endcol = endcol;
	r->msg = xstrdup(msg);
	r->start = start;
	r->end = end;
	r->seq = d->nrecs - 1;
}

/* Print one record as text: the message line, then source and caret. */
static void
render_text(struct diag *d, const struct rec *r)
{
	if (r->col > 0)
		fprintf(d->out, "%s:%u:%u: %s: %s", r->file, r->line, r->col,
		    sevname(r->sev, r->is_note), r->msg);
	else if (r->line > 0)
		fprintf(d->out, "%s:%u: %s: %s", r->file, r->line,
		    sevname(r->sev, r->is_note), r->msg);
	else
		fprintf(d->out, "%s: %s: %s", r->file,
		    sevname(r->sev, r->is_note), r->msg);
	if (!r->is_note && r->check < CK__COUNT)
		fprintf(d->out, " [%s]", checks[r->check].name);
	fputc('\n', d->out);
	if (r->col > 0 && r->start != DIAG_NOLOC)
		print_caret(d, r->start, r->end);
}

static bool
gate(struct diag *d, enum check_id c, enum check_sev *sevp)
{
	enum check_sev sev = c < CK__COUNT ? d->sev[c] : CS_ERROR;

	d->last_shown = false;
	if (sev == CS_OFF || d->stopped)
		return false;
	if (sev == CS_ERROR && d->permissive)
		sev = CS_WARNING;
	if (sev == CS_WARNING && d->werror_all)
		sev = CS_ERROR;
	if (sev == CS_ERROR && d->limit > 0 && d->nerr >= d->limit) {
		d->stopped = true;
		d->limit_hit = true;
		return false;
	}
	if (sev == CS_ERROR)
		d->nerr++;
	else
		d->nwarn++;
	d->last_shown = true;
	*sevp = sev;
	return true;
}

bool
diag_report(struct diag *d, enum check_id c, uint32_t start, uint32_t end,
    const char *fmt, ...)
{
	struct buf b = BUF_INIT;
	enum check_sev sev;
	va_list ap;

	if (!gate(d, c, &sev))
		return false;
	va_start(ap, fmt);
	buf_vprintf(&b, fmt, ap);
	va_end(ap);
	emit(d, sev, false, c, start, end, NULL, 0, buf_cstr(&b));
	buf_fini(&b);
	return true;
}

void
diag_report_sev(struct diag *d, enum check_sev sev, uint32_t start,
    uint32_t end, const char *fmt, ...)
{
	struct buf b = BUF_INIT;
	va_list ap;

	va_start(ap, fmt);
	buf_vprintf(&b, fmt, ap);
	va_end(ap);
	if (sev == CS_OFF) {
		if (d->last_shown)
			emit(d, CS_OFF, true, CK_NONE, start, end, d->fname, 0,
			    buf_cstr(&b));
	} else {
		d->last_shown = false;
		if (!d->stopped) {
			if (sev == CS_WARNING && d->werror_all)
				sev = CS_ERROR;
			if (sev == CS_ERROR)
				d->nerr++;
			else
				d->nwarn++;
			d->last_shown = true;
			emit(d, sev, false, CK_NONE, start, end, NULL, 0,
			    buf_cstr(&b));
		}
	}
	buf_fini(&b);
}

void
diag_note(struct diag *d, uint32_t start, uint32_t end, const char *fmt, ...)
{
	struct buf b = BUF_INIT;
	va_list ap;

	if (!d->last_shown)
		return;
	va_start(ap, fmt);
	buf_vprintf(&b, fmt, ap);
	va_end(ap);
	emit(d, CS_OFF, true, CK_NONE, start, end, d->fname, 0, buf_cstr(&b));
	buf_fini(&b);
}

void
diag_at_line(struct diag *d, enum check_sev sev, const char *file,
    unsigned line, const char *fmt, ...)
{
	struct buf b = BUF_INIT;
	va_list ap;

	d->last_shown = false;
	if (d->stopped)
		return;
	if (sev == CS_WARNING && d->werror_all)
		sev = CS_ERROR;
	if (sev == CS_ERROR)
		d->nerr++;
	else
		d->nwarn++;
	d->last_shown = true;
	va_start(ap, fmt);
	buf_vprintf(&b, fmt, ap);
	va_end(ap);
	emit(d, sev, false, CK_NONE, DIAG_NOLOC, 0, file, line, buf_cstr(&b));
	buf_fini(&b);
}

void
diag_note_at_line(struct diag *d, const char *file, unsigned line,
    const char *fmt, ...)
{
	struct buf b = BUF_INIT;
	va_list ap;

	if (!d->last_shown)
		return;
	va_start(ap, fmt);
	buf_vprintf(&b, fmt, ap);
	va_end(ap);
	emit(d, CS_OFF, true, CK_NONE, DIAG_NOLOC, 0, file, line,
	    buf_cstr(&b));
	buf_fini(&b);
}

unsigned
diag_errors(const struct diag *d)
{
	return d->nerr;
}

unsigned
diag_warnings(const struct diag *d)
{
	return d->nwarn;
}

static void
jstr(FILE *out, const char *s)
{
	fputc('"', out);
	for (; *s != '\0'; s++) {
		unsigned char c = (unsigned char)*s;

		if (c == '"' || c == '\\')
			fprintf(out, "\\%c", c);
		else if (c == '\n')
			fputs("\\n", out);
		else if (c == '\t')
			fputs("\\t", out);
		else if (c < 0x20 || c >= 0x7f)
			fprintf(out, "\\u%04x", c);
		else
			fputc(c, out);
	}
	fputc('"', out);
}

static void
json_loc(FILE *out, const struct rec *r)
{
	fputs("\"file\": ", out);
	jstr(out, r->file);
	fprintf(out, ", \"line\": %u, \"column\": %u, \"end_column\": %u",
	    r->line, r->col, r->endcol);
}

static void
finish_json(struct diag *d)
{
	size_t i, j;
	bool first = true;

	fputs("[\n", d->out);
	for (i = 0; i < d->nrecs; i++) {
		const struct rec *r = &d->recs[i];
		bool fn = true;

		if (r->is_note)
			continue;
		fprintf(d->out, "%s  {", first ? "" : ",\n");
		first = false;
		json_loc(d->out, r);
		fprintf(d->out, ", \"severity\": \"%s\", \"check\": ",
		    sevname(r->sev, false));
		jstr(d->out, diag_check_name(r->check));
		fputs(", \"message\": ", d->out);
		jstr(d->out, r->msg);
		fputs(", \"notes\": [", d->out);
		for (j = i + 1; j < d->nrecs && d->recs[j].is_note; j++) {
			fprintf(d->out, "%s{", fn ? "" : ", ");
			fn = false;
			json_loc(d->out, &d->recs[j]);
			fputs(", \"message\": ", d->out);
			jstr(d->out, d->recs[j].msg);
			fputc('}', d->out);
		}
		fputs("]}", d->out);
	}
	fputs("\n]\n", d->out);
}

static void
sarif_loc(FILE *out, const struct rec *r, bool with_msg)
{
	fputs("{\"physicalLocation\": {\"artifactLocation\": {\"uri\": ", out);
	jstr(out, r->file);
	fprintf(out, "}, \"region\": {\"startLine\": %u", r->line ? r->line : 1);
	if (r->col > 0)
		fprintf(out, ", \"startColumn\": %u, \"endColumn\": %u",
		    r->col, r->endcol);
	fputs("}}", out);
	if (with_msg) {
		fputs(", \"message\": {\"text\": ", out);
		jstr(out, r->msg);
		fputc('}', out);
	}
	fputc('}', out);
}

static void
finish_sarif(struct diag *d)
{
	size_t i, j;
	int c;
	bool first = true;

	fputs("{\n  \"$schema\": \"https://json.schemastore.org/sarif-2.1.0.json\",\n"
	    "  \"version\": \"2.1.0\",\n  \"runs\": [{\n"
	    "    \"tool\": {\"driver\": {\"name\": \"cfc\", "
	    "\"informationUri\": \"https://example.invalid/cfc\", "
	    "\"rules\": [\n", d->out);
	for (c = 0; c < CK__COUNT; c++) {
		fprintf(d->out, "      {\"id\": \"%s\", \"shortDescription\": "
		    "{\"text\": ", checks[c].name);
		jstr(d->out, checks[c].desc);
		fprintf(d->out, "}}%s\n", c + 1 < CK__COUNT ? "," : "");
	}
	fputs("    ]}},\n    \"results\": [\n", d->out);
	for (i = 0; i < d->nrecs; i++) {
		const struct rec *r = &d->recs[i];
		bool fn = true;

		if (r->is_note)
			continue;
		fprintf(d->out, "%s      {", first ? "" : ",\n");
		first = false;
		if (r->check < CK__COUNT)
			fprintf(d->out, "\"ruleId\": \"%s\", \"ruleIndex\": %d, ",
			    checks[r->check].name, (int)r->check);
		fprintf(d->out, "\"level\": \"%s\", \"message\": {\"text\": ",
		    sevname(r->sev, false));
		jstr(d->out, r->msg);
		fputs("}, \"locations\": [", d->out);
		sarif_loc(d->out, r, false);
		fputs("], \"relatedLocations\": [", d->out);
		for (j = i + 1; j < d->nrecs && d->recs[j].is_note; j++) {
			fputs(fn ? "" : ", ", d->out);
			fn = false;
			sarif_loc(d->out, &d->recs[j], true);
		}
		fputs("]}", d->out);
	}
	fputs("\n    ]\n  }]\n}\n", d->out);
}

/* Primary records in source order (stable); notes stay with theirs. */
static int
cmp_group(const void *a, const void *b)
{
	const struct rec *x = *(const struct rec *const *)a;
	const struct rec *y = *(const struct rec *const *)b;
	uint64_t kx = x->start == DIAG_NOLOC ? 0 : (uint64_t)x->start + 1;
	uint64_t ky = y->start == DIAG_NOLOC ? 0 : (uint64_t)y->start + 1;

	if (kx != ky)
		return kx < ky ? -1 : 1;
	return x->seq < y->seq ? -1 : x->seq > y->seq;
}

static void
sort_records(struct diag *d)
{
	struct rec **g, *sorted;
	size_t i, j, n = 0, k = 0;

	if (d->nrecs == 0)
		return;
	g = xreallocarray(NULL, d->nrecs, sizeof(*g));
	for (i = 0; i < d->nrecs; i++)
		if (!d->recs[i].is_note || i == 0)
			g[n++] = &d->recs[i];
	qsort(g, n, sizeof(*g), cmp_group);
	sorted = xreallocarray(NULL, d->nrecs + n, sizeof(*sorted));
	for (i = 0; i < n; i++) {
		const char *mfile;
		unsigned mline;

		sorted[k++] = *g[i];
		for (j = (size_t)(g[i] - d->recs) + 1;
		    j < d->nrecs && d->recs[j].is_note; j++)
			sorted[k++] = d->recs[j];
		/* last note: where the .mc / .m4 put this line */
		if (!g[i]->is_note && g[i]->col > 0 &&
		    srcmap_lookup(d->sm, g[i]->line, &mfile, &mline)) {
			struct rec *m = &sorted[k++];

			memset(m, 0, sizeof(*m));
			m->is_note = true;
			m->check = CK_NONE;
			m->file = xstrdup(mfile);
			m->line = mline;
			m->msg = xstrdup("generated from here");
			m->start = DIAG_NOLOC;
		}
	}
	free(g);
	free(d->recs);
	d->recs = sorted;
	d->cap = d->nrecs + n;
	d->nrecs = k;
}

void
diag_finish(struct diag *d)
{
	size_t i;

	sort_records(d);
	if (d->fmt == DIAG_JSON)
		finish_json(d);
	else if (d->fmt == DIAG_SARIF)
		finish_sarif(d);
	else {
		for (i = 0; i < d->nrecs; i++)
			render_text(d, &d->recs[i]);
		if (d->limit_hit)
			fprintf(d->out, "cfc: fatal error: too many errors "
			    "emitted, stopping now [-ferror-limit=%u]\n",
			    d->limit);
	}
	fflush(d->out);
}
