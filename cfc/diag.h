/*
 * diag.h -- diagnostics: `file:line:col: severity: message [check]`, the
 * source line and a caret, an optional note naming the .mc line (through
 * the source map); or JSON / SARIF 2.1.0 collected and printed at the end.
 * Checks (checks.def) can be disabled or made errors per id.
 */
#ifndef CFC_DIAG_H
#define CFC_DIAG_H

#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "log.h"

enum check_sev { CS_OFF, CS_WARNING, CS_ERROR };

enum check_id {
#define CHECK(id, name, sev, desc) CK_##id,
#include "checks.def"
#undef CHECK
	CK__COUNT,
	CK_NONE = CK__COUNT	/* not a check: always an error */
};

enum diag_format { DIAG_TEXT, DIAG_JSON, DIAG_SARIF };
#define DIAG_NOLOC UINT32_MAX

struct diag;
struct srcmap;

struct diag *diag_new(FILE *out);
struct diag *diag_free(struct diag *d);
/* The cf text diagnostics point into (borrowed; must outlive d). */
void	diag_set_source(struct diag *d, const char *fname, const char *text,
	    size_t len, const struct srcmap *sm);
/* -Wno-X, -WX, -Werror, -Werror=X, -Wno-error=X; false if unknown. */
bool	diag_option(struct diag *d, const char *opt);
void	diag_set_format(struct diag *d, enum diag_format f);
void	diag_set_limit(struct diag *d, unsigned limit);
/* --permissive: errors in the cf text (not m4's) are reported as warnings */
void	diag_set_permissive(struct diag *d, bool on);
bool	diag_enabled(const struct diag *d, enum check_id c);

/* Report at byte span [start,end) of the source; returns false if off. */
bool	diag_report(struct diag *d, enum check_id c, uint32_t start,
	    uint32_t end, const char *fmt, ...) PRINTF_LIKE(5, 6);
/* Report with an explicit severity (back-end messages); CS_OFF = note. */
void	diag_report_sev(struct diag *d, enum check_sev sev, uint32_t start,
	    uint32_t end, const char *fmt, ...) PRINTF_LIKE(5, 6);
/* Note attached to the last reported diagnostic (dropped if it was off). */
void	diag_note(struct diag *d, uint32_t start, uint32_t end,
	    const char *fmt, ...) PRINTF_LIKE(4, 5);
/* Diagnostic at a file and line with no source text (m4, back end). */
void	diag_at_line(struct diag *d, enum check_sev sev, const char *file,
	    unsigned line, const char *fmt, ...) PRINTF_LIKE(5, 6);
/* Same, as a note on the last diagnostic. */
void	diag_note_at_line(struct diag *d, const char *file, unsigned line,
	    const char *fmt, ...) PRINTF_LIKE(4, 5);

/* Line (1-based) of a source offset. */
unsigned diag_line_of(const struct diag *d, uint32_t off);
uint32_t diag_line_start(const struct diag *d, unsigned line);

void	diag_finish(struct diag *d);	/* prints JSON / SARIF */
unsigned diag_errors(const struct diag *d);
unsigned diag_warnings(const struct diag *d);
const char *diag_check_name(enum check_id c);
void	diag_print_catalogue(FILE *out);

#endif /* CFC_DIAG_H */
