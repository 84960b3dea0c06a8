/*
 * policy.h -- the check_* rulesets of the image as SMTP policy: sendmail's
 * rscheck().  The caller sets the macros the ruleset reads ($&{client_addr}
 * ...) in mta->vm.envmac before calling.
 */
#ifndef RT_POLICY_H
#define RT_POLICY_H

#include <stdbool.h>

#include "mta.h"

enum pol_verdict {
	POL_OK,		/* continue (no verdict, $#OK, $#RELAY, ...) */
	POL_REJECT,	/* $#error with a 5xx code */
	POL_TEMPFAIL,	/* $#error with a 4xx code, or a lookup tempfail */
	POL_DISCARD	/* $#discard: accept, then drop the message */
};

struct pol_result {
	enum pol_verdict v;
	char	 reply[1024];	/* SMTP reply line "550 5.7.1 ..." (no CRLF) */
	char	 verdict[64];	/* mailer of the $# triple, or "" */
	char	 words[128];	/* every token after $#, blank-separated */
};

/*
 * Run ruleset rsname over "p1 $| p2" (p2 may be NULL).  A ruleset the
 * image does not define gives POL_OK.
 */
enum pol_verdict policy_check(struct mta *mta, const char *rsname,
	    const char *p1, const char *p2, struct pol_result *r);

/*
 * Does a reply with this code (3 digits) name the address it is about
 * ("<a@b>... text")?  sendmail's fmtmsg does so only for 050, 250, 252,
 * 450, 550 and 553: "454 4.7.0 text", "553 5.7.0 <a@b>... text".
 */
bool	policy_names_addr(const char *code);

/* set ${name} in the envelope macros (NULL undefines) */
void	policy_setmacro(struct mta *mta, const char *name, const char *val);
const char *policy_getmacro(struct mta *mta, const char *name);

#endif /* RT_POLICY_H */
