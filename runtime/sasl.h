/*
 * sasl.h -- SMTP AUTH (RFC 4954) server side, PLAIN and LOGIN, checked
 * against a secrets file instead of Cyrus SASL: the file named by the
 * cf macro ${auth_secrets_file} (default /etc/mail/auth-secrets), lines
 * "user:password" or "user:{SHA256}hex"; '#' starts a comment.
 */
#ifndef RT_SASL_H
#define RT_SASL_H

#include <stdbool.h>

#include "mta.h"

struct sio;

/* mechanisms to advertise ("LOGIN PLAIN"), or NULL for no AUTH */
const char *sasl_mechs(struct mta *mta, bool tls);
/*
 * Run the exchange for "AUTH mech [initial]"; the reply is written to
 * reply.  On success *user is the malloc'd authenticated name.
 */
bool	sasl_auth(struct mta *mta, struct sio *io, const char *mech,
	    const char *initial, char *reply, size_t replysz, char **user);

#endif /* RT_SASL_H */
