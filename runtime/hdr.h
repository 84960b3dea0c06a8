/*
 * hdr.h -- message headers from the cf's H lines: the time macros ($a $b
 * $d $t), the Received header added at acceptance, and the headers a
 * mailer's flags ask for at delivery (Return-Path, Date, From, Message-Id).
 */
#ifndef RT_HDR_H
#define RT_HDR_H

#include <stdbool.h>
#include <time.h>

#include "buf.h"
#include "mta.h"

#define HDR_MAXLINE	998	/* RFC 5322 line limit, used when folding */

/* $b (RFC 5322 date), $d (ctime), $t (YYYYMMDDhhmm) and $a = $b */
void	hdr_setdates(struct mta *mta, time_t t);
/* t as sendmail dates messages ($b): "Mon, 3 Jan 2026 08:00:00 GMT" */
void	hdr_arpadate(time_t t, char *b, size_t bsz);
/* expand the value of the cf's H line "name" into out ("" if none) */
bool	hdr_expand_cf(struct mta *mta, const char *name, struct buf *out);
/*
 * Append to out the cf headers a mailer with flags m gets that the
 * message (its header block in have, LF-separated) lacks.
 */
void	hdr_for_mailer(struct mta *mta, const struct cf_mailer *m,
	    const char *have, struct buf *out);
/*
 * What writing a field for a mailer does with it (sendmail's header
 * flags): addresses of sender fields (From, Sender, Reply-To, Errors-To,
 * Resent-From, ...) go through rulesets 3, 1, the mailer's S= header
 * ruleset, 4; of recipient fields (To, Cc, Resent-To, Apparently-To,
 * ...) through 3, 2, R=, 4; Bcc and Resent-Bcc are left out.
 */
enum hdr_kind { HK_OTHER, HK_FROM, HK_RCPT, HK_BCC, HK_CHECK };
enum hdr_kind hdr_kind(const char *name, size_t n);
/*
 * A checked field of the message (Full-Name, Content-Length) goes to
 * mailer m only if the cf has an H line for it with a flag m has.
 */
bool	hdr_check_keep(struct mta *mta, const struct cf_mailer *m,
	    const char *name, size_t n);
/* the message's header block (LF-separated) uses blank-separated lists */
bool	hdr_oldstyle(const char *block);
/*
 * The field "name: value" (value: continuation lines joined by '\n')
 * with its addresses rewritten for mailer m, folded, to out ('\n'
 * between lines, none at the end).  False when the field is beyond the
 * bounds of hdr_list.h: the caller copies it unchanged.
 */
bool	hdr_rewrite_field(struct mta *mta, const struct cf_mailer *m,
	    const char *name, const char *value, bool oldstyle,
	    struct buf *out);
/* true if the header block has a field called name */
bool	hdr_present(const char *block, const char *name);

#endif /* RT_HDR_H */
