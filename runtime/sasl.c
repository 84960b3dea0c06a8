/*
 * sasl.c -- AUTH PLAIN and LOGIN without Cyrus SASL (libsasl2 is not
 * linked): base64 through OpenSSL, credentials from a secrets file read
 * for each attempt, compared in constant time.  Offered only with
 * AuthMechanisms naming them, and (AuthOptions=p) only under TLS.
 */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/sha.h>

#include "policy.h"
#include "sasl.h"
#include "sio.h"
#include "xmem.h"

#define SASL_LINEMAX	12288	/* RFC 4954: 12288 octets per line */

static const char *
secrets_file(struct mta *mta)
{
	const char *f = policy_getmacro(mta, "auth_secrets_file");

	return f != NULL && *f != '\0' ? f : "/etc/mail/auth-secrets";
}

static bool
has_word(const char *list, const char *w)
{
	size_t n = strlen(w);

	while (list != NULL && *list != '\0') {
		while (*list == ' ' || *list == ',' || *list == '\t')
			list++;
		size_t l = strcspn(list, " ,\t");
		if (l == n && strncasecmp(list, w, n) == 0)
			return true;
		list += l;
	}
	return false;
}

const char *
sasl_mechs(struct mta *mta, bool tls)
{
	const char *am = mta->cf.optv[OPT_AUTHMECHANISMS];
	const char *ao = mta->cf.optv[OPT_AUTHOPTIONS];
	static char mechs[32];
	FILE *f;

	if (am == NULL || (!tls && ao != NULL && strchr(ao, 'p') != NULL))
		return NULL;
	if ((f = fopen(secrets_file(mta), "r")) == NULL)
		return NULL;
	fclose(f);
	mechs[0] = '\0';
	if (has_word(am, "LOGIN"))
		strncat(mechs, "LOGIN", sizeof(mechs) - 1);
	if (has_word(am, "PLAIN"))
		strncat(mechs, mechs[0] ? " PLAIN" : "PLAIN",
		    sizeof(mechs) - strlen(mechs) - 1);
	return mechs[0] != '\0' ? mechs : NULL;
}

/* decode base64 into out (NUL-terminated); -1 if malformed */
static int
b64dec(const char *in, unsigned char *out, size_t outsz)
{
	size_t n = strlen(in);
	int len;

	if (n % 4 != 0 || (n / 4) * 3 + 1 > outsz)
		return -1;
	len = EVP_DecodeBlock(out, (const unsigned char *)in, (int)n);
	if (len < 0)
		return -1;
	if (n >= 1 && in[n - 1] == '=')
		len--;
	if (n >= 2 && in[n - 2] == '=')
		len--;
	out[len] = '\0';
	return len;
}

static bool
check(struct mta *mta, const char *user, const char *pass)
{
	FILE *f = fopen(secrets_file(mta), "r");
	char line[1024];
	bool ok = false;

	if (f == NULL)
		return false;
	while (fgets(line, sizeof(line), f) != NULL) {
		line[strcspn(line, "\r\n")] = '\0';
		if (line[0] == '#' || line[0] == '\0')
			continue;
		char *colon = strchr(line, ':');
		if (colon == NULL)
			continue;
		*colon++ = '\0';
		if (strcmp(line, user) != 0)
			continue;
		if (strncmp(colon, "{SHA256}", 8) == 0) {
			unsigned char md[SHA256_DIGEST_LENGTH];
			char hex[2 * SHA256_DIGEST_LENGTH + 1];
			SHA256((const unsigned char *)pass, strlen(pass), md);
			for (int i = 0; i < SHA256_DIGEST_LENGTH; i++)
				snprintf(hex + 2 * i, 3, "%02x", md[i]);
			ok = strlen(colon + 8) == strlen(hex) &&
			    CRYPTO_memcmp(colon + 8, hex, strlen(hex)) == 0;
		} else
			ok = strlen(colon) == strlen(pass) &&
			    CRYPTO_memcmp(colon, pass, strlen(pass)) == 0;
		break;
	}
	fclose(f);
	return ok;
}

/* one continuation line from the client; NULL on "*" or error */
static char *
ask(struct sio *io, const char *challenge, bool *aborted)
{
	struct buf line = BUF_INIT;
	enum sio_eol eol;

	sio_printf(io, "334 %s\r\n", challenge);
	if (!sio_flush(io) || sio_getline(io, &line, SASL_LINEMAX, &eol) != 1) {
		buf_fini(&line);
		return NULL;
	}
	if (strcmp(buf_cstr(&line), "*") == 0) {
		*aborted = true;
		buf_fini(&line);
		return NULL;
	}
	return buf_steal(&line);
}

bool
sasl_auth(struct mta *mta, struct sio *io, const char *mech,
    const char *initial, char *reply, size_t replysz, char **user)
{
	unsigned char a[SASL_LINEMAX], b[SASL_LINEMAX];
	char *resp = NULL;
	bool aborted = false, ok = false;
	const char *u = NULL, *p = NULL;

	*user = NULL;
	snprintf(reply, replysz, "535 5.7.0 authentication failed");
	if (strcasecmp(mech, "PLAIN") == 0) {
		if (initial != NULL && *initial != '\0')
			resp = xstrdup(strcmp(initial, "=") == 0 ? "" : initial);
		else if ((resp = ask(io, "", &aborted)) == NULL)
			goto out;
		int n = b64dec(resp, a, sizeof(a));
		if (n < 0) {
			snprintf(reply, replysz, "501 5.5.4 cannot decode AUTH parameter %.40s", resp);
			goto out;
		}
		/* authzid \0 authcid \0 password */
		unsigned char *z1 = memchr(a, '\0', (size_t)n);
		if (z1 == NULL)
			goto out;
		unsigned char *z2 = memchr(z1 + 1, '\0', (size_t)(a + n - z1 - 1));
		if (z2 == NULL)
			goto out;
		u = (const char *)z1 + 1;
		p = (const char *)z2 + 1;
	} else if (strcasecmp(mech, "LOGIN") == 0) {
		if (initial != NULL && *initial != '\0')
			resp = xstrdup(initial);
		else if ((resp = ask(io, "VXNlcm5hbWU6", &aborted)) == NULL)
			goto out;
		if (b64dec(resp, a, sizeof(a)) < 0)
			goto bad64;
		free(resp);
		if ((resp = ask(io, "UGFzc3dvcmQ6", &aborted)) == NULL)
			goto out;
		if (b64dec(resp, b, sizeof(b)) < 0)
			goto bad64;
		u = (const char *)a;
		p = (const char *)b;
	} else {
		snprintf(reply, replysz, "504 5.3.3 AUTH mechanism %.32s not available", mech);
		goto out;
	}
	if (*u != '\0' && check(mta, u, p)) {
		ok = true;
		*user = xstrdup(u);
		snprintf(reply, replysz, "235 2.0.0 OK Authenticated");
	}
	goto out;
bad64:
	snprintf(reply, replysz, "501 5.5.4 cannot decode AUTH parameter");
out:
	if (aborted)
		snprintf(reply, replysz, "501 5.0.0 AUTH aborted");
	OPENSSL_cleanse(a, sizeof(a));
	OPENSSL_cleanse(b, sizeof(b));
	free(resp);
	return ok;
}
