/*
 * m4run.c -- fork/exec m4; stdout (the cf) is read through a pipe, stderr
 * goes to a temporary file and is parsed afterwards.  m4 traces errprint
 * (-terrprint -dfl) so each "*** ERROR" message gets the location of the
 * macro call that printed it (the trace line follows the message).
 */
#include <sys/wait.h>

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "diag.h"
#include "m4run.h"


static bool
is_sync(const char *s, size_t n)
{
	return n > 6 && strncmp(s, "#line ", 6) == 0;
}

/*
 * m4 -s may put a sync line between a line and its continuation lines,
 * which would end the logical line early (for sendmail too).  Move such
 * a sync line after the continuation lines, renumbered, so the logical
 * line stays whole and the line count is unchanged.
 */
static void
fix_synclines(struct buf *cf)
{
	struct buf out = BUF_INIT;
	const char *p = cf->s, *end = cf->s + cf->len;

	if (cf->len == 0)
		return;
	while (p < end) {
		const char *nl = memchr(p, '\n', (size_t)(end - p));
		const char *next = nl != NULL ? nl + 1 : end;
		size_t n = (size_t)(next - p);

		if (is_sync(p, n) && out.len > 0 && next < end &&
		    (*next == ' ' || *next == '\t')) {
			unsigned long line = strtoul(p + 6, NULL, 10);
			const char *q = memchr(p, '"', n);
			struct buf file = BUF_INIT;

			if (q != NULL)
				buf_append(&file, q, (size_t)(next - q));
			p = next;
			while (p < end) {
				nl = memchr(p, '\n', (size_t)(end - p));
				next = nl != NULL ? nl + 1 : end;
				if (*p == ' ' || *p == '\t') {
					buf_append(&out, p, (size_t)(next - p));
					line++;
					p = next;
				} else if (is_sync(p, (size_t)(next - p)) &&
				    next < end && (*next == ' ' || *next == '\t')) {
					line = strtoul(p + 6, NULL, 10);
					q = memchr(p, '"', (size_t)(next - p));
					if (q != NULL) {
						buf_reset(&file);
						buf_append(&file, q,
						    (size_t)(next - q));
					}
					p = next;
				} else
					break;
			}
			if (out.s[out.len - 1] != '\n')
				buf_addch(&out, '\n');
			buf_printf(&out, "#line %lu %s", line,
			    file.len > 0 ? buf_cstr(&file) : "\n");
			buf_fini(&file);
			continue;
		}
		buf_append(&out, p, n);
		p = next;
	}
	buf_fini(cf);
	*cf = out;
}

static void
report_text(struct diag *d, const char *file, unsigned line, const char *s,
    bool *failed)
{
	while (*s != '\0') {
		const char *nl = strchr(s, '\n');
		size_t n = nl != NULL ? (size_t)(nl - s) : strlen(s);
		bool err = n >= 9 && strncmp(s, "*** ERROR", 9) == 0;

		bool warn = n >= 11 && strncmp(s, "*** WARNING", 11) == 0;

		if (n > 0 && (err || warn)) {
			/*
			 * The macro library names the .mc line itself:
			 * "*** ERROR: site.mc:12: text" -- report it there.
			 */
			const char *t = s + (err ? 9 : 11), *e = s + n;
			if (t < e && *t == ':')
				t++;
			while (t < e && *t == ' ')
				t++;
			const char *c1 = memchr(t, ':', (size_t)(e - t));
			char *endl = NULL;
			unsigned long ln = c1 != NULL ? strtoul(c1 + 1, &endl, 10) : 0;
			if (c1 != NULL && c1 > t && endl != NULL && endl > c1 + 1 &&
			    endl < e && *endl == ':' && memchr(t, ' ', (size_t)(c1 - t)) == NULL) {
				char *f = strndup(t, (size_t)(c1 - t));
				const char *txt = endl + 1;
				while (txt < e && *txt == ' ')
					txt++;
				diag_at_line(d, err ? CS_ERROR : CS_WARNING, f,
				    (unsigned)ln, "%.*s", (int)(e - txt), txt);
				free(f);
			} else
				diag_at_line(d, err ? CS_ERROR : CS_WARNING,
				    file != NULL ? file : "m4", line, "m4: %.*s",
				    (int)n, s);
			if (err)
				*failed = true;
		} else if (n > 0) {
			diag_at_line(d, CS_WARNING,
			    file != NULL ? file : "m4", line, "m4: %.*s",
			    (int)n, s);
		}
		s += n + (nl != NULL);
	}
}

/* Parse m4's stderr; returns true if it reported an error. */
static bool
parse_stderr(const char *s, struct diag *d)
{
	struct buf pend = BUF_INIT, file = BUF_INIT;
	bool failed = false;

	while (*s != '\0') {
		const char *nl = strchr(s, '\n');
		size_t n = nl != NULL ? (size_t)(nl - s) : strlen(s);
		const char *c1, *c2;

		if (strncmp(s, "m4trace:", 8) == 0 &&
		    (c1 = memchr(s + 8, ':', n - 8)) != NULL) {
			unsigned line = (unsigned)strtoul(c1 + 1, NULL, 10);

			buf_reset(&file);
			buf_append(&file, s + 8, (size_t)(c1 - (s + 8)));
			report_text(d, buf_cstr(&file), line, buf_cstr(&pend),
			    &failed);
			buf_reset(&pend);
		} else if (strncmp(s, "m4:", 3) == 0 &&
		    (c1 = memchr(s + 3, ':', n - 3)) != NULL &&
		    (c2 = memchr(c1 + 1, ':', n - (size_t)(c1 + 1 - s))) != NULL &&
		    c2 > c1 + 1 && strspn(c1 + 1, "0123456789") ==
		    (size_t)(c2 - c1 - 1)) {
			const char *m = c2 + 1;

			while (*m == ' ')
				m++;
			buf_reset(&file);
			buf_append(&file, s + 3, (size_t)(c1 - (s + 3)));
			diag_at_line(d, CS_ERROR, buf_cstr(&file),
			    (unsigned)strtoul(c1 + 1, NULL, 10), "m4: %.*s",
			    (int)(n - (size_t)(m - s)), m);
			failed = true;
		} else {
			buf_append(&pend, s, n);
			buf_addch(&pend, '\n');
		}
		s += n + (nl != NULL);
	}
	report_text(d, NULL, 0, buf_cstr(&pend), &failed);
	buf_fini(&pend);
	buf_fini(&file);
	return failed;
}

bool
m4_expand(const char *cfdir, const char *mcpath, struct buf *out,
    struct diag *d)
{
	struct buf cfm4 = BUF_INIT, errs = BUF_INIT;
	int pfd[2], status;
	FILE *ef;
	pid_t pid;
	char tmp[65536];
	ssize_t r;
	bool ok = true;

	buf_printf(&cfm4, "%s/m4/cf.m4", cfdir);
	if (access(buf_cstr(&cfm4), R_OK) != 0) {
		diag_at_line(d, CS_ERROR, buf_cstr(&cfm4), 0,
		    "cannot read the cf tree's entry point: %s", strerror(errno));
		buf_fini(&cfm4);
		return false;
	}
	if ((ef = tmpfile()) == NULL || pipe(pfd) != 0) {
		diag_at_line(d, CS_ERROR, "cfc", 0, "cannot run m4: %s",
		    strerror(errno));
		if (ef != NULL)
			fclose(ef);
		buf_fini(&cfm4);
		return false;
	}
	fflush(NULL);
	if ((pid = fork()) < 0) {
		diag_at_line(d, CS_ERROR, "cfc", 0, "fork: %s", strerror(errno));
		close(pfd[0]);
		close(pfd[1]);
		fclose(ef);
		buf_fini(&cfm4);
		return false;
	}
	if (pid == 0) {
		const char *m4 = getenv("M4") != NULL ? getenv("M4") : "m4";

		dup2(pfd[1], 1);
		dup2(fileno(ef), 2);
		close(pfd[0]);
		close(pfd[1]);
		execlp(m4, m4, "-s", "-dfl", "-terrprint", "-D_NO_MAKEINFO_",
		    buf_cstr(&cfm4), mcpath, (char *)NULL);
		fprintf(stderr, "m4:cfc:0: cannot execute %s: %s\n", m4,
		    strerror(errno));
		_exit(127);
	}
	close(pfd[1]);
	while ((r = read(pfd[0], tmp, sizeof(tmp))) != 0) {
		if (r < 0) {
			if (errno == EINTR)
				continue;
			break;
		}
		buf_append(out, tmp, (size_t)r);
	}
	close(pfd[0]);
	while (waitpid(pid, &status, 0) < 0 && errno == EINTR)
		continue;
	rewind(ef);
	while ((r = (ssize_t)fread(tmp, 1, sizeof(tmp), ef)) > 0)
		buf_append(&errs, tmp, (size_t)r);
	fclose(ef);
	if (parse_stderr(buf_cstr(&errs), d))
		ok = false;
	fix_synclines(out);
	if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) {
		if (ok)
			diag_at_line(d, CS_ERROR, mcpath, 0,
			    "m4 failed (exit status %d)", WIFEXITED(status) ?
			    WEXITSTATUS(status) : -1);
		ok = false;
	}
	buf_fini(&errs);
	buf_fini(&cfm4);
	return ok;
}
