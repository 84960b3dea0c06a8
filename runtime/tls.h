/*
 * tls.h -- STARTTLS through OpenSSL for both ends of an SMTP conversation.
 * A tls_ctx holds the certificate setup read from the cf options
 * (ServerCertFile, ServerKeyFile, ClientCertFile, CACertFile, ...); a
 * tls_conn is one TLS session on a struct sio and is owned by it.
 */
#ifndef RT_TLS_H
#define RT_TLS_H

#include <stdbool.h>
#include <stddef.h>
#include <sys/types.h>

struct cf;
struct sio;
struct tls_ctx;

/* NULL (with a reason in why) when the files are missing or unusable */
struct tls_ctx *tls_ctx_server(const struct cf *cf, char *why, size_t whysz);
struct tls_ctx *tls_ctx_client(const struct cf *cf, char *why, size_t whysz);
struct tls_ctx *tls_ctx_free(struct tls_ctx *ctx);

/* handshake on s (input buffer must be empty); false on failure.  The
 * server asks for a client certificate unless askcert is false
 * (srv_features V) or TLSSrvOptions has V. */
bool	tls_start_server(struct tls_ctx *ctx, struct sio *s, bool askcert,
	    char *why, size_t whysz);
bool	tls_start_client(struct tls_ctx *ctx, struct sio *s,
	    const char *servername, char *why, size_t whysz);

/* the sio read/write hooks: like read(2)/write(2); -2 means "retry" */
ssize_t	tls_read(void *conn, void *p, size_t n, int *wantwrite);
ssize_t	tls_write(void *conn, const void *p, size_t n, int *wantread);
bool	tls_pending(void *conn);
void	tls_close(void *conn);

/*
 * The session as sendmail's macros describe it: ${tls_version} ${cipher}
 * ${cipher_bits} ${verify} (OK, FAIL, NO: no certificate, NOT: none
 * asked for) and, with a client certificate, ${cert_subject}
 * ${cert_issuer} ${cn_subject} ${cn_issuer} encoded as sendmail does,
 * ${cert_md5} or, with CertFingerprintAlgorithm (fpalg), ${cert_fp}.
 * The strings are owned by the struct (NULL: macro not defined) and
 * released by tls_peer_fini.
 */
struct tls_peer {
	char	 version[32];
	char	 cipher[128];
	int	 bits, algbits;
	const char *verify;		/* static */
	char	*cert_subject, *cert_issuer;
	char	*cn_subject, *cn_issuer;
	char	*cert_md5, *cert_fp;
};
void	tls_peer_get(void *conn, const char *fpalg, struct tls_peer *p);
void	tls_peer_fini(struct tls_peer *p);

#endif /* RT_TLS_H */
