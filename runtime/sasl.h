/*
 * sasl.h -- SMTP AUTH (RFC 4954) server side through Cyrus SASL
 * (libsasl2), as sendmail 8.17: application "Sendmail" (Sendmail.conf
 * in libsasl2's config path: pwcheck_method, mech_list, sasldb_path),
 * service "smtp", realm $j; the offer is AuthMechanisms intersected
 * with sasl_listmech, in AuthMechanisms' order; AuthOptions letters
 * become security flags.  CFMTA_SASL_CONFDIR (a test hook, not honoured
 * set-id) names the directory of Sendmail.conf.
 */
#ifndef RT_SASL_H
#define RT_SASL_H

#include <stdbool.h>

#include "mta.h"

struct sio;
struct ssasl;

/* sasl_server_init now (the daemon, before it forks), if AUTH is on */
void	ssasl_preinit(struct mta *mta);
/* a per-session context; NULL when SASL cannot be used (no AUTH) */
struct ssasl *ssasl_new(struct mta *mta, const char *laddr,
	    const char *lport, const char *raddr, const char *rport);
void	ssasl_free(struct ssasl *c);
/* after STARTTLS: the external layer (cipher bits, ${cert_subject}) */
void	ssasl_tls(struct ssasl *c, unsigned bits, const char *authid);

/* mechanisms to advertise ("LOGIN PLAIN"), or NULL for no AUTH */
const char *ssasl_mechs(struct ssasl *c);

/* what libsasl2 offers (sasl_listmech), for the log */
const char *ssasl_avail(struct ssasl *c);

struct ssasl_result {
	char	 reply[512];
	char	*authen;	/* malloc'd: the user (on failure too if known) */
	unsigned ssf;
	bool	 failed;	/* 535: worth an "AUTH failure" log line */
	bool	 lost;		/* the client went away: no reply */
	char	 detail[160];	/* the failure's reason */
};

/*
 * Run the exchange for "AUTH mech [initial]"; the reply is written to
 * r->reply.  Returns true when authenticated.
 */
bool	ssasl_auth(struct ssasl *c, struct sio *io, const char *mech,
	    const char *initial, struct ssasl_result *r);
void	ssasl_result_fini(struct ssasl_result *r);

#endif /* RT_SASL_H */
