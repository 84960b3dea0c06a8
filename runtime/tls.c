/*
 * tls.c -- STARTTLS with OpenSSL.  Contexts are built from the cf's
 * certificate options; a session (SSL *) is attached to a struct sio,
 * which then reads and writes through tls_read/tls_write.  The server
 * asks each client for a certificate as sendmail does (any certificate
 * lets the handshake go on; the verification against CACertFile and
 * CACertPath is only recorded) and tls_peer_get describes it in
 * sendmail's macros.
 */
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

#include <openssl/err.h>
#include <openssl/ssl.h>

#include "buf.h"
#include "cf.h"
#include "sio.h"
#include "tls.h"
#include "xmem.h"

/* sendmail's MAXNAME: the buffer its DNs and CNs are read into */
#define TLS_NAMEMAX	256

struct tls_ctx {
	SSL_CTX	*ctx;
};

static void
tls_why(char *why, size_t whysz, const char *what)
{
	unsigned long e = ERR_get_error();
	char eb[256];

	if (e != 0) {
		ERR_error_string_n(e, eb, sizeof(eb));
		snprintf(why, whysz, "%s: %s", what, eb);
	} else
		snprintf(why, whysz, "%s", what);
	ERR_clear_error();
}

static const char *
opt(const struct cf *cf, int id)
{
	const char *v = cf->optv[id];
	return v != NULL && *v != '\0' ? v : NULL;
}

/*
 * The server's verify callback: every certificate is accepted, so that a
 * client with a certificate we cannot verify still gets its session;
 * OpenSSL keeps the first error as the session's verify result, which
 * becomes ${verify} FAIL.
 */
static int
accept_any(int ok, X509_STORE_CTX *x)
{
	(void)ok;
	(void)x;
	return 1;
}

/* TLSSrvOptions: letters, blank- or comma-separated */
static bool
srvoption(const struct cf *cf, char letter)
{
	const char *v = opt(cf, OPT_TLSSRVOPTIONS);

	return v != NULL && strchr(v, letter) != NULL;
}

static struct tls_ctx *
ctx_new(const SSL_METHOD *meth, const char *cert, const char *key,
    const char *cafile, const char *capath, const char *ciphers,
    int verify, char *why, size_t whysz)
{
	SSL_CTX *c = SSL_CTX_new(meth);

	if (c == NULL) {
		tls_why(why, whysz, "SSL_CTX_new");
		return NULL;
	}
	SSL_CTX_set_min_proto_version(c, TLS1_2_VERSION);
	if (cert != NULL) {
		if (SSL_CTX_use_certificate_chain_file(c, cert) != 1) {
			tls_why(why, whysz, cert);
			SSL_CTX_free(c);
			return NULL;
		}
		if (SSL_CTX_use_PrivateKey_file(c, key != NULL ? key : cert,
		    SSL_FILETYPE_PEM) != 1 || SSL_CTX_check_private_key(c) != 1) {
			tls_why(why, whysz, key != NULL ? key : cert);
			SSL_CTX_free(c);
			return NULL;
		}
	}
	if ((cafile != NULL || capath != NULL) &&
	    SSL_CTX_load_verify_locations(c, cafile, capath) != 1)
		ERR_clear_error();	/* verification is reported, not enforced */
	if (ciphers != NULL && SSL_CTX_set_cipher_list(c, ciphers) != 1)
		ERR_clear_error();
	if (verify != SSL_VERIFY_NONE && cafile != NULL) {
		/* the CertificateRequest names the CAs of CACertFile */
		STACK_OF(X509_NAME) *names = SSL_load_client_CA_file(cafile);
		if (names != NULL)
			SSL_CTX_set_client_CA_list(c, names);
		ERR_clear_error();
	}
	SSL_CTX_set_verify(c, verify, verify != SSL_VERIFY_NONE ? accept_any :
	    NULL);
	struct tls_ctx *t = calloc(1, sizeof(*t));
	if (t == NULL) {
		SSL_CTX_free(c);
		snprintf(why, whysz, "out of memory");
		return NULL;
	}
	t->ctx = c;
	return t;
}

struct tls_ctx *
tls_ctx_server(const struct cf *cf, char *why, size_t whysz)
{
	const char *cert = opt(cf, OPT_SERVERCERTFILE);

	if (cert == NULL) {
		snprintf(why, whysz, "no ServerCertFile");
		return NULL;
	}
	/* TLSSrvOptions V: never ask clients for a certificate */
	int verify = srvoption(cf, 'V') ? SSL_VERIFY_NONE :
	    SSL_VERIFY_PEER | SSL_VERIFY_CLIENT_ONCE;
	return ctx_new(TLS_server_method(), cert, opt(cf, OPT_SERVERKEYFILE),
	    opt(cf, OPT_CACERTFILE), opt(cf, OPT_CACERTPATH),
	    opt(cf, OPT_CIPHERLIST), verify, why, whysz);
}

struct tls_ctx *
tls_ctx_client(const struct cf *cf, char *why, size_t whysz)
{
	return ctx_new(TLS_client_method(), opt(cf, OPT_CLIENTCERTFILE),
	    opt(cf, OPT_CLIENTKEYFILE), opt(cf, OPT_CACERTFILE),
	    opt(cf, OPT_CACERTPATH), opt(cf, OPT_CIPHERLIST), SSL_VERIFY_NONE,
	    why, whysz);
}

struct tls_ctx *
tls_ctx_free(struct tls_ctx *ctx)
{
	if (ctx != NULL) {
		SSL_CTX_free(ctx->ctx);
		free(ctx);
	}
	return NULL;
}

static void
set_nonblock(int fd, bool on)
{
	int fl = fcntl(fd, F_GETFL);

	if (fl >= 0)
		(void)fcntl(fd, F_SETFL, on ? fl | O_NONBLOCK : fl & ~O_NONBLOCK);
}

/*
 * The handshake runs on non-blocking descriptors so that s->timeout_ms
 * (Timeout.starttls) bounds all of it: a peer that stops half-way
 * cannot hold the process.
 */
static bool
handshake(SSL *ssl, struct sio *s, bool server, char *why, size_t whysz)
{
	struct timespec t0, t1;
	bool ok = false;

	clock_gettime(CLOCK_MONOTONIC, &t0);
	set_nonblock(s->rfd, true);
	if (s->wfd != s->rfd)
		set_nonblock(s->wfd, true);
	for (;;) {
		int r = server ? SSL_accept(ssl) : SSL_connect(ssl);
		if (r == 1) {
			ok = true;
			break;
		}
		int e = SSL_get_error(ssl, r);
		if (e != SSL_ERROR_WANT_READ && e != SSL_ERROR_WANT_WRITE) {
			tls_why(why, whysz, server ? "SSL_accept" : "SSL_connect");
			break;
		}
		int left = -1;
		if (s->timeout_ms > 0) {
			clock_gettime(CLOCK_MONOTONIC, &t1);
			long used = (t1.tv_sec - t0.tv_sec) * 1000 +
			    (t1.tv_nsec - t0.tv_nsec) / 1000000;
			left = used >= s->timeout_ms ? 0 :
			    (int)(s->timeout_ms - used);
		}
		struct pollfd p = {
			.fd = e == SSL_ERROR_WANT_READ ? s->rfd : s->wfd,
			.events = e == SSL_ERROR_WANT_READ ? POLLIN : POLLOUT,
		};
		int pr = left == 0 ? 0 : poll(&p, 1, left);
		if (pr == 0) {
			snprintf(why, whysz, "%s: timeout",
			    server ? "SSL_accept" : "SSL_connect");
			s->timedout = true;
			break;
		}
		if (pr < 0 && errno != EINTR) {
			snprintf(why, whysz, "poll: %s", strerror(errno));
			break;
		}
	}
	set_nonblock(s->rfd, false);
	if (s->wfd != s->rfd)
		set_nonblock(s->wfd, false);
	if (!ok) {
		SSL_free(ssl);
		return false;
	}
	s->tls = ssl;
	return true;
}

bool
tls_start_server(struct tls_ctx *ctx, struct sio *s, bool askcert, char *why,
    size_t whysz)
{
	SSL *ssl = SSL_new(ctx->ctx);

	if (ssl == NULL || SSL_set_rfd(ssl, s->rfd) != 1 ||
	    SSL_set_wfd(ssl, s->wfd) != 1) {
		tls_why(why, whysz, "SSL_new");
		SSL_free(ssl);
		return false;
	}
	if (!askcert)
		SSL_set_verify(ssl, SSL_VERIFY_NONE, NULL);
	return handshake(ssl, s, true, why, whysz);
}

bool
tls_start_client(struct tls_ctx *ctx, struct sio *s, const char *servername,
    char *why, size_t whysz)
{
	SSL *ssl = SSL_new(ctx->ctx);

	if (ssl == NULL || SSL_set_rfd(ssl, s->rfd) != 1 ||
	    SSL_set_wfd(ssl, s->wfd) != 1) {
		tls_why(why, whysz, "SSL_new");
		SSL_free(ssl);
		return false;
	}
	if (servername != NULL && *servername != '\0' && *servername != '[')
		SSL_set_tlsext_host_name(ssl, servername);
	return handshake(ssl, s, false, why, whysz);
}

ssize_t
tls_read(void *conn, void *p, size_t n, int *wantwrite)
{
	SSL *ssl = conn;
	int r = SSL_read(ssl, p, n > INT32_MAX ? INT32_MAX : (int)n);

	if (r > 0)
		return r;
	switch (SSL_get_error(ssl, r)) {
	case SSL_ERROR_WANT_READ:
		return -2;
	case SSL_ERROR_WANT_WRITE:
		*wantwrite = 1;
		return -2;
	case SSL_ERROR_ZERO_RETURN:
		return 0;
	default:
		ERR_clear_error();
		return -1;
	}
}

ssize_t
tls_write(void *conn, const void *p, size_t n, int *wantread)
{
	SSL *ssl = conn;
	int r = SSL_write(ssl, p, n > INT32_MAX ? INT32_MAX : (int)n);

	if (r > 0)
		return r;
	switch (SSL_get_error(ssl, r)) {
	case SSL_ERROR_WANT_WRITE:
		return -2;
	case SSL_ERROR_WANT_READ:
		*wantread = 1;
		return -2;
	default:
		ERR_clear_error();
		return -1;
	}
}

bool
tls_pending(void *conn)
{
	return SSL_pending((SSL *)conn) > 0;
}

void
tls_close(void *conn)
{
	SSL *ssl = conn;

	(void)SSL_shutdown(ssl);
	SSL_free(ssl);
	ERR_clear_error();
}

/*
 * sendmail's encoding of certificate data in macros: bytes outside
 * printable ASCII, the blank and \ < > ( ) " + become "+XX".
 */
static char *
encode(const unsigned char *p, size_t n)
{
	static const char hex[] = "0123456789ABCDEF";
	struct buf b = BUF_INIT;

	for (size_t i = 0; i < n; i++) {
		unsigned char c = p[i];
		if (c <= ' ' || c >= 0x7f || strchr("\\<>()\"+", c) != NULL) {
			buf_addch(&b, '+');
			buf_addch(&b, hex[c >> 4]);
			buf_addch(&b, hex[c & 15]);
		} else
			buf_addch(&b, c);
	}
	return buf_steal(&b);
}

/* a DN as X509_NAME_oneline writes it into sendmail's buffer: whole
 * entries only, at most TLS_NAMEMAX - 1 bytes */
static char *
dn_macro(const X509_NAME *name)
{
	char dn[TLS_NAMEMAX];

	if (name == NULL || X509_NAME_oneline(name, dn, sizeof(dn)) == NULL) {
		ERR_clear_error();
		return NULL;
	}
	return encode((const unsigned char *)dn, strnlen(dn, sizeof(dn)));
}

/* the (first) CN, or the word sendmail puts in its place */
static char *
cn_macro(const X509_NAME *name)
{
	int i = name != NULL ? X509_NAME_get_index_by_NID(name,
	    NID_commonName, -1) : -1;
	const ASN1_STRING *d = i >= 0 ?
	    X509_NAME_ENTRY_get_data(X509_NAME_get_entry(name, i)) : NULL;

	if (d == NULL)
		return xstrdup("BadCertificateUnknown");
	const unsigned char *p = ASN1_STRING_get0_data(d);
	int n = ASN1_STRING_length(d);
	if (p == NULL || n < 0)
		return xstrdup("BadCertificateUnknown");
	if (n >= TLS_NAMEMAX)
		return xstrdup("BadCertificateTooLong");
	if (memchr(p, '\0', (size_t)n) != NULL)
		return xstrdup("BadCertificateContainsNULCN");
	return encode(p, (size_t)n);
}

/* the certificate's digest as "XX:XX:..." (NULL: unknown algorithm) */
static char *
fingerprint(X509 *cert, const char *alg)
{
	const EVP_MD *md = alg != NULL ? EVP_get_digestbyname(alg) : EVP_md5();
	unsigned char d[EVP_MAX_MD_SIZE];
	unsigned int n = 0;
	struct buf b = BUF_INIT;

	if (md == NULL || X509_digest(cert, md, d, &n) != 1) {
		ERR_clear_error();
		return NULL;
	}
	for (unsigned int i = 0; i < n; i++)
		buf_printf(&b, "%s%02X", i > 0 ? ":" : "", d[i]);
	return buf_steal(&b);
}

void
tls_peer_get(void *conn, const char *fpalg, struct tls_peer *p)
{
	SSL *ssl = conn;
	const SSL_CIPHER *c = SSL_get_current_cipher(ssl);
	X509 *peer = SSL_get1_peer_certificate(ssl);

	memset(p, 0, sizeof(*p));
	snprintf(p->version, sizeof(p->version), "%s", SSL_get_version(ssl));
	snprintf(p->cipher, sizeof(p->cipher), "%s",
	    c != NULL ? SSL_CIPHER_get_name(c) : "");
	p->bits = c != NULL ? SSL_CIPHER_get_bits(c, &p->algbits) : 0;
	if (peer == NULL) {
		/* NOT: the server did not ask (srv_features V) */
		p->verify = (SSL_get_verify_mode(ssl) & SSL_VERIFY_PEER) != 0 ?
		    "NO" : "NOT";
		return;
	}
	p->verify = SSL_get_verify_result(ssl) == X509_V_OK ? "OK" : "FAIL";
	p->cert_subject = dn_macro(X509_get_subject_name(peer));
	p->cert_issuer = dn_macro(X509_get_issuer_name(peer));
	p->cn_subject = cn_macro(X509_get_subject_name(peer));
	p->cn_issuer = cn_macro(X509_get_issuer_name(peer));
	/* CertFingerprintAlgorithm set: ${cert_fp}; otherwise ${cert_md5} */
	if (fpalg != NULL && *fpalg != '\0')
		p->cert_fp = fingerprint(peer, fpalg);
	else
		p->cert_md5 = fingerprint(peer, NULL);
	X509_free(peer);
	ERR_clear_error();
}

void
tls_peer_fini(struct tls_peer *p)
{
	free(p->cert_subject);
	free(p->cert_issuer);
	free(p->cn_subject);
	free(p->cn_issuer);
	free(p->cert_md5);
	free(p->cert_fp);
	memset(p, 0, sizeof(*p));
}
